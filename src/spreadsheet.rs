//! CSV files as spreadsheets save them: read with their cells' places in the
//! file (for messages), written so that Excel opens them as they are; and
//! the cells of an XLSX workbook, read by calamine.

use std::collections::HashMap;

use calamine::Reader;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Location, Result, quoted};
use crate::fields as field;
use crate::source::SourceFile;

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
        return Err(Error::data(Location::file(&name), csv_undecodable()));
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
pub const WORKBOOK_BYTES: u64 = 5 << 20;
const WORKBOOK_UNPACKED: u64 = 50 << 20;

/// An XLSX workbook's bytes opened for its cells, after its sizes are
/// checked: what its zip declares its parts unpack to (the zip reader holds
/// each part to its declared size). A file encrypted with a password, or
/// not a zip at all, is refused with what to do. `name` is the file's, as
/// messages show it.
pub fn open_workbook(name: String, bytes: Vec<u8>) -> Result<Workbook> {
    let refuse = |message: String| Error::data(Location::file(&name), message);
    if bytes.len() as u64 > WORKBOOK_BYTES {
        return Err(refuse(workbook_too_big(bytes.len() as u64)));
    }
    match unpacked_size(&bytes) {
        Some(unpacked) if unpacked > WORKBOOK_UNPACKED => return Err(refuse(workbook_too_big(unpacked))),
        Some(_) => {}
        // Excel saves a workbook with a password as an encrypted OLE file.
        None if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) => return Err(refuse(workbook_encrypted())),
        None => return Err(refuse(workbook_broken())),
    }
    if declared_strings(&bytes) > SHARED_STRINGS {
        return Err(refuse(workbook_broken()));
    }
    match calamine::Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(workbook) => Ok(Workbook { name, workbook }),
        Err(calamine::XlsxError::Password) => Err(refuse(workbook_encrypted())),
        Err(_) => Err(refuse(workbook_broken())),
    }
}

/// The most strings a workbook's shared strings may declare: a form has
/// some fifty, a workbook of 5 MB at most some hundreds of thousands.
const SHARED_STRINGS: usize = 1_000_000;

/// The most strings the shared-strings parts of the zip `bytes` declare
/// (the uniqueCount of xl/sharedStrings.xml, whatever its letters' case):
/// calamine reserves room for as many as declared before it reads one, 24
/// bytes each, so 10^12 declared in a file of 6 KB would abort the import
/// with a failed allocation. Counted over every mention in the part's XML,
/// a count written some other way than calamine reads it included.
fn declared_strings(bytes: &[u8]) -> usize {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return 0 };
    let mut most = 0;
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else { continue };
        if !part.name_raw().to_ascii_lowercase().ends_with(b"sharedstrings.xml") {
            continue;
        }
        // Read to its declared size at most: the zip reader holds it there.
        let mut xml = Vec::new();
        if std::io::Read::read_to_end(&mut part, &mut xml).is_ok() {
            most = most.max(unique_count(&xml));
        }
    }
    most
}

/// The largest uniqueCount="…" in `xml` (quoted either way, spaces around
/// "=", leading zeros), usize::MAX for one of more digits than it holds.
fn unique_count(xml: &[u8]) -> usize {
    const NAME: &[u8] = b"uniqueCount";
    let mut most = 0;
    let mut rest = xml;
    while let Some(at) = rest.windows(NAME.len()).position(|w| w == NAME) {
        rest = &rest[at + NAME.len()..];
        let after = rest.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &rest[i..]);
        let Some(after) = after.strip_prefix(b"=") else { continue };
        let after = after.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &after[i..]);
        let Some((&quote, value)) = after.split_first().filter(|(q, _)| matches!(q, b'"' | b'\'')) else { continue };
        let digits: &[u8] = &value[..value.iter().position(|&b| b == quote).unwrap_or(value.len())];
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let significant = &digits[digits.iter().position(|&b| b != b'0').unwrap_or(digits.len())..];
        let count = std::str::from_utf8(significant).ok().and_then(|d| d.parse::<usize>().ok()).unwrap_or(if significant.is_empty() { 0 } else { usize::MAX });
        most = most.max(count);
    }
    most
}

/// An open workbook and the name messages give its file.
pub struct Workbook {
    pub name: String,
    workbook: calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
}

/// A cell of a returned workbook: what it holds, whether it holds a
/// formula (whose stored result is then its value), and where it is for
/// messages ("thon-3.xlsx, trang Báo cáo, ô D12").
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub formula: bool,
    pub at: Location,
}

/// What a cell holds, as a message or the import takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    /// A number, as typed: whole numbers without a decimal point.
    Number(String),
    /// Text, in NFC.
    Text(String),
    /// A date, shown "01/08/2026" (a cell formatted as a date, or Excel's
    /// reading of "1/8"): never a count, nor a name.
    Date(String),
    /// TRUE or FALSE, an error (#DIV/0!), a duration.
    Other(String),
}

/// Where a defined name of the form points: one cell, or a column of the
/// form's table.
pub enum Shape {
    Cell,
    Column,
}

impl Workbook {
    /// A defined name's formula as the file holds it ("\"T1\"", "1",
    /// "'Báo cáo'!$B$14:$B$25"); refused when the workbook defines the
    /// name twice (for the workbook and for a sheet) with two formulas.
    pub fn defined_name(&self, name: &str) -> Result<Option<&str>> {
        let mut formulas = self.workbook.defined_names().iter().filter(|(n, _)| n == name).map(|(_, f)| f.trim_start_matches('=').trim());
        let first = formulas.next();
        if formulas.any(|other| Some(other) != first) {
            return Err(Error::data(Location::file(&self.name), workbook_name_twice(name)));
        }
        Ok(first)
    }

    /// A custom property of the file (File > Properties > Custom).
    pub fn property(&mut self, name: &str) -> Result<Option<String>> {
        let properties = self.workbook.workbook_properties().map_err(|_| Error::data(Location::file(&self.name), workbook_broken()))?;
        Ok(properties.custom_properties.get(name).cloned())
    }

    /// The cells the defined names `names` point at, each of its shape (a
    /// column of at most field::MAX_ROW rows, top to bottom), read in one
    /// pass over each sheet they are on: work in the sheet's size, whatever
    /// its cells' addresses or the names' ranges say. A name the workbook
    /// lacks is left out; one of another shape is refused.
    pub fn named_cells<'n>(&mut self, names: &[(&'n str, Shape)]) -> Result<HashMap<&'n str, Vec<Cell>>> {
        // By sheet, each wanted cell's name and place in its list.
        let mut wanted: HashMap<String, HashMap<CellAt, (&'n str, usize)>> = HashMap::new();
        let mut cells: HashMap<&'n str, Vec<Cell>> = HashMap::new();
        for (name, shape) in names {
            let Some(formula) = self.defined_name(name)? else { continue };
            let refuse = |what: &str| Error::data(Location::file(&self.name), workbook_name_range(name, formula, what));
            let Some((sheet, (row0, column0), (row1, column1))) = reference(formula) else { continue };
            let rows = match shape {
                Shape::Cell if (row0, column0) == (row1, column1) => 1,
                Shape::Cell => return Err(refuse("một ô")),
                Shape::Column if column0 == column1 && row0 <= row1 && ((row1 - row0) as usize) < field::MAX_ROW => row1 - row0 + 1,
                Shape::Column => return Err(refuse(&format!("một cột của không quá {} hàng", field::MAX_ROW))),
            };
            let on_sheet = wanted.entry(sheet.clone()).or_default();
            let list = cells.entry(name).or_default();
            for i in 0..rows {
                let (row, column) = (row0 + i, column0);
                let at = Location::file(workbook_cell(&self.name, &sheet, &cell_name(row, column)));
                list.push(Cell { value: Value::Empty, formula: false, at });
                on_sheet.insert((row, column), (name, i as usize));
            }
        }
        let broken = || Error::data(Location::file(&self.name), workbook_broken());
        for (sheet, positions) in wanted {
            let mut reader = self.workbook.worksheet_cells_reader(&sheet).map_err(|_| broken())?;
            while let Some(record) = reader.next_cell_with_formula_metadata().map_err(|_| broken())? {
                if let Some((name, index)) = positions.get(&record.pos) {
                    let cell = &mut cells.get_mut(name).expect("a name wanted")[*index];
                    cell.value = value(&record.value);
                    cell.formula = record.formula.is_some();
                }
            }
        }
        Ok(cells)
    }
}

/// A cell's value as it was typed: whole numbers without a decimal point,
/// text in NFC, dates as the sheet shows them.
fn value(value: &calamine::DataRef) -> Value {
    use calamine::DataRef;
    match value {
        DataRef::Int(n) => Value::Number(n.to_string()),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Value::Number(format!("{f:.0}")),
        DataRef::Float(f) => Value::Number(f.to_string()),
        DataRef::String(text) => Value::Text(text.nfc().collect()),
        DataRef::SharedString(text) => Value::Text(text.nfc().collect()),
        DataRef::DateTime(date) if date.is_datetime() => {
            let (year, month, day, hour, minute, _, _) = date.to_ymd_hms_milli();
            let time = if (hour, minute) == (0, 0) { String::new() } else { format!(" {hour:02}:{minute:02}") };
            Value::Date(format!("{day:02}/{month:02}/{year}{time}"))
        }
        DataRef::DateTime(duration) => Value::Other(duration.as_f64().to_string()),
        DataRef::DateTimeIso(date) => Value::Date(date.clone()),
        DataRef::DurationIso(duration) => Value::Other(duration.clone()),
        DataRef::Bool(b) => Value::Other(if *b { "TRUE" } else { "FALSE" }.into()),
        DataRef::Error(e) => Value::Other(e.to_string()),
        DataRef::Empty => Value::Empty,
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

/// A cell's row and column, from 0.
type CellAt = (u32, u32);

/// The sheet and the first and last cells of a reference:
/// "'Báo cáo'!$B$14:$B$25" or "Sheet1!$I$5".
fn reference(formula: &str) -> Option<(String, CellAt, CellAt)> {
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

// What this module tells the user, in Vietnamese.

/// A defined name twice, pointing at different places.
fn workbook_name_twice(name: &str) -> String {
    format!(
        "sổ làm việc có hai tên “{}” chỉ tới hai chỗ khác nhau, không rõ chỗ nào là thật. Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(name)
    )
}

/// A defined name that points elsewhere than a cell of the form (a whole
/// sheet, a block of columns, more rows than the form has).
fn workbook_name_range(name: &str, reference: &str, what: &str) -> String {
    format!(
        "tên “{}” trong sổ làm việc chỉ tới “{}”, không phải {what} như biểu mẫu. Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(name),
        quoted(reference)
    )
}

pub fn workbook_too_big(bytes: u64) -> String {
    format!(
        "tệp quá lớn ({} MB) để là biểu mẫu báo cáo (biểu mẫu vanban chỉ vài chục KB), nên không được đọc. Hãy gửi lại tệp .xlsx trong bieu-mau/ của đơn vị sau khi điền",
        bytes.div_ceil(1 << 20)
    )
}

fn workbook_encrypted() -> String {
    "tệp Excel được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Excel, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xóa mật khẩu), lưu lại rồi nhập".into()
}

fn workbook_broken() -> String {
    "tệp không đọc được như một sổ làm việc Excel (.xlsx): tệp hỏng hoặc không phải tệp Excel. Hãy mở thử trong Excel; nếu không mở được, xin đơn vị gửi lại"
        .into()
}

/// Where a cell of a returned workbook is.
fn workbook_cell(file: &str, sheet: &str, cell: &str) -> String {
    format!("{file}, trang {}, ô {cell}", quoted(sheet))
}

fn csv_undecodable() -> String {
    "không đọc được chữ trong tệp CSV (không phải UTF-8, UTF-16 hay Windows-1258). Trong Excel hãy chọn Lưu dưới dạng “CSV UTF-8 (Comma delimited)”".into()
}

/// The sum of the sizes a zip's central directory declares its entries
/// unpacked to; None when the bytes hold no zip directory. Read before
/// unpacking, it bounds what unpacking a file takes.
pub fn unpacked_size(zip: &[u8]) -> Option<u64> {
    let entries = central_entries(zip)?;
    Some(entries.into_iter().map(|at| field(zip, at + 24, 4) as u64).sum())
}

/// Where each entry of the zip's central directory starts; None when its
/// end record is missing or an entry is not where the record says.
pub(crate) fn central_entries(zip: &[u8]) -> Option<Vec<usize>> {
    const CENTRAL_ENTRY: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    const END: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    let end = zip.windows(4).rposition(|w| w == END)?;
    let (count, mut at) = (field(zip, end + 10, 2), field(zip, end + 16, 4));
    let mut entries = Vec::with_capacity(count.min(zip.len() / 46));
    for _ in 0..count {
        if zip.get(at..at + 4) != Some(&CENTRAL_ENTRY[..]) {
            return None;
        }
        entries.push(at);
        at += 46 + field(zip, at + 28, 2) + field(zip, at + 30, 2) + field(zip, at + 32, 2);
    }
    Some(entries)
}

/// A little-endian number of `len` bytes at `at`; 0 past the end.
fn field(zip: &[u8], at: usize, len: usize) -> usize {
    zip.get(at..at + len).map_or(0, |bytes| bytes.iter().rev().fold(0, |n, &b| n << 8 | b as usize))
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

    #[test]
    fn declared_string_counts_however_written() {
        assert_eq!(unique_count(br#"<sst xmlns="x" count="3" uniqueCount="2"><si><t>a</t></si>"#), 2);
        assert_eq!(unique_count(b"<x:sst uniqueCount = '0001000000000000'>"), 1_000_000_000_000);
        assert_eq!(unique_count(b"<sst uniqueCount=\"99999999999999999999999999\">"), usize::MAX);
        assert_eq!(unique_count(b"<sst uniqueCount=\"12a\"> uniqueCount=\"7\""), 7);
        assert_eq!(unique_count(b"<sst count=\"5\">"), 0);
    }
}
