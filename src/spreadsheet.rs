//! CSV files as spreadsheets save them: read with their cells' places in the
//! file (for messages), written so that Excel opens them as they are; and
//! the cells of an XLSX workbook, read by calamine.

use calamine::Reader;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

use crate::error::{self, Error, Location, Result};
use crate::model::SourceFile;

/// A CSV file's text, as Excel saves it: UTF-8 ("CSV UTF-8"), UTF-16 with a
/// byte order mark ("Unicode Text") or, on a Vietnamese Windows, the
/// Windows-1258 code page ("CSV (Comma delimited)"), whose tone marks are
/// combining characters; normalised to NFC as every text vanban prints.
/// Bytes none of these explain are refused with advice: NUL bytes (UTF-16
/// without its mark), or a code page's text holding control characters
/// (the code page's unused bytes).
pub fn decode(name: String, bytes: &[u8]) -> Result<SourceFile> {
    let (encoding, bom) = Encoding::for_bom(bytes).unwrap_or(match std::str::from_utf8(bytes) {
        Ok(_) => (UTF_8, 0),
        Err(_) => (WINDOWS_1258, 0),
    });
    let (text, errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
    let garbled = encoding == WINDOWS_1258 && text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
    if errors || garbled || text.contains('\0') {
        return Err(Error::data(Location::file(&name), error::csv_undecodable()));
    }
    Ok(SourceFile::new(name, text.nfc().collect::<String>()))
}

/// A CSV record: its byte offset in the file, and each field with its own.
pub type Record = Vec<(usize, String)>;

/// The records of a decoded CSV file with their byte offsets. The separator
/// is the one the first line uses most: "," or ";" (Excel's choice follows
/// the regional settings), a tab in "Unicode Text".
pub fn records(source: &SourceFile) -> Vec<(usize, Record)> {
    let text = source.text.as_bytes();
    let first = text.split(|&b| b == b'\n').next().unwrap_or_default();
    let separator = [b',', b';', b'\t'].into_iter().max_by_key(|s| (first.iter().filter(|b| *b == s).count(), *s == b',')).unwrap_or(b',');
    // csv-core rather than csv's record reader: only it tells where each
    // field starts, which a message about a cell needs.
    let mut reader = csv_core::ReaderBuilder::new().delimiter(separator).build();
    let mut output = vec![0; text.len() + 1];
    let (mut input, mut at) = (text, 0);
    let (mut records, mut fields, mut field, mut field_start) = (Vec::new(), Vec::new(), Vec::new(), None);
    loop {
        let (result, read, written) = reader.read_field(input, &mut output);
        // Blank lines the reader skips before a record are not its start.
        let skipped = input[..read].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let start = *field_start.get_or_insert(at + if fields.is_empty() { skipped } else { 0 });
        field.extend_from_slice(&output[..written]);
        (input, at) = (&input[read..], at + read);
        match result {
            csv_core::ReadFieldResult::Field { record_end } => {
                fields.push((start, String::from_utf8_lossy(&std::mem::take(&mut field)).into_owned()));
                field_start = None;
                if record_end {
                    records.push((fields[0].0, std::mem::take(&mut fields)));
                }
            }
            csv_core::ReadFieldResult::End => return records,
            // With the whole text given, the next call reads its end.
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
        }
    }
}

/// A CSV file for Excel: UTF-8 with a byte order mark (without it Excel
/// reads the code page), Windows line ends, fields quoted where needed.
pub fn write(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer("\u{feff}".as_bytes().to_vec());
    for row in rows {
        // Writing into memory cannot fail.
        writer.write_record(&row).expect("CSV into memory");
    }
    String::from_utf8(writer.into_inner().expect("CSV into memory")).expect("CSV of UTF-8 fields")
}

/// The largest workbook file read, and the most its parts may unpack to:
/// a unit's form is some ten kilobytes; a bigger file is not one, and is
/// refused before it is unpacked.
const WORKBOOK_BYTES: u64 = 5 << 20;
const WORKBOOK_UNPACKED: u64 = 50 << 20;

/// An XLSX workbook opened for its cells, after its sizes are checked: the
/// file's, then what its zip declares its parts unpack to. A file encrypted
/// with a password, or not a zip at all, is refused with what to do.
pub fn open_workbook(path: &std::path::Path) -> Result<Workbook> {
    let name = error::visible(&path.display().to_string());
    let refuse = |message: String| Error::data(Location::file(&name), message);
    let size = std::fs::metadata(path).map_err(|e| refuse(error::file_unreadable(&e)))?.len();
    if size > WORKBOOK_BYTES {
        return Err(refuse(error::workbook_too_big(size)));
    }
    let bytes = std::fs::read(path).map_err(|e| refuse(error::file_unreadable(&e)))?;
    match crate::documents::xlsx::unpacked_size(&bytes) {
        Some(unpacked) if unpacked > WORKBOOK_UNPACKED => return Err(refuse(error::workbook_too_big(unpacked))),
        Some(_) => {}
        // Excel saves a workbook with a password as an encrypted OLE file.
        None if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) => return Err(refuse(error::workbook_encrypted())),
        None => return Err(refuse(error::workbook_broken())),
    }
    match calamine::Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(workbook) => Ok(Workbook { name, workbook }),
        Err(calamine::XlsxError::Password) => Err(refuse(error::workbook_encrypted())),
        Err(_) => Err(refuse(error::workbook_broken())),
    }
}

/// An open workbook and the name messages give its file.
pub struct Workbook {
    pub name: String,
    workbook: calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
}

/// A cell: what it holds, as text, and where it is for messages
/// ("thon-3.xlsx, trang Báo cáo, ô D12").
pub type Cell = (String, Location);

impl Workbook {
    /// A defined name's formula as the file holds it ("\"T1\"", "1",
    /// "'Báo cáo'!$B$14:$B$25").
    pub fn defined_name(&self, name: &str) -> Option<&str> {
        self.workbook.defined_names().iter().find(|(n, _)| n == name).map(|(_, formula)| formula.trim_start_matches('=').trim())
    }

    /// The cells a defined name refers to, top to bottom: the values typed,
    /// never a formula's stored result; None when the name refers to no
    /// range of one sheet.
    pub fn named_cells(&mut self, name: &str) -> Result<Option<Vec<Cell>>> {
        let Some((sheet, (row0, column0), (row1, column1))) = self.defined_name(name).and_then(reference) else { return Ok(None) };
        let range = self.workbook.worksheet_range(&sheet).map_err(|_| Error::data(Location::file(&self.name), error::workbook_broken()))?;
        let formulas = self.workbook.worksheet_formula(&sheet).map_err(|_| Error::data(Location::file(&self.name), error::workbook_broken()))?;
        let mut cells = Vec::new();
        for row in row0..=row1.min(row0 + 10_000) {
            for column in column0..=column1 {
                let at = Location::file(error::workbook_cell(&self.name, &sheet, &cell_name(row, column)));
                // A cell to type into holds what was typed, not a formula.
                if formulas.get_value((row, column)).is_some_and(|f| !f.is_empty()) {
                    return Err(Error::data(at, error::workbook_formula_typed()));
                }
                cells.push((range.get_value((row, column)).map(cell_text).unwrap_or_default(), at));
            }
        }
        Ok(Some(cells))
    }
}

/// A cell's value as it was typed: whole numbers without a decimal point,
/// text in NFC.
fn cell_text(value: &calamine::Data) -> String {
    use calamine::Data;
    match value {
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.nfc().collect(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(date) => date.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// "D12" for row 11, column 3 (from 0).
pub fn cell_name(row: u32, column: u32) -> String {
    let (mut letters, mut n) = (Vec::new(), column + 1);
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap_or_default(), row + 1)
}

/// The sheet and the first and last cells (row, column from 0) of a
/// reference: "'Báo cáo'!$B$14:$B$25" or "Sheet1!$I$5".
fn reference(formula: &str) -> Option<(String, (u32, u32), (u32, u32))> {
    let (sheet, cells) = formula.rsplit_once('!')?;
    let sheet = sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')).map_or(sheet.to_owned(), |s| s.replace("''", "'"));
    let (first, last) = cells.split_once(':').unwrap_or((cells, cells));
    Some((sheet, position(first)?, position(last)?))
}

/// (row, column) from 0 of "$B$14".
fn position(cell: &str) -> Option<(u32, u32)> {
    let cell = cell.replace('$', "");
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let column = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    let row = digits.parse::<u32>().ok()?.checked_sub(1)?;
    Some((row, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_of_defined_names() {
        assert_eq!(reference("'Báo cáo'!$B$14:$B$25"), Some(("Báo cáo".into(), (13, 1), (24, 1))));
        assert_eq!(reference("Sheet1!$AA$5"), Some(("Sheet1".into(), (4, 26), (4, 26))));
        assert_eq!(reference("\"T1\""), None);
        assert_eq!(cell_name(11, 3), "D12");
        assert_eq!(cell_name(0, 26), "AA1");
    }
}
