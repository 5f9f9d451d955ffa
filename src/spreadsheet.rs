//! CSV files as spreadsheets save them: read with their cells' places in the
//! file (for messages), written so that Excel opens them as they are.

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
