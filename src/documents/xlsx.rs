//! What every workbook vanban writes shares: A4 paper, the document's date
//! as its creation date, and bytes that depend on the data alone.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::error::{Error, Result};

/// Excel's code for A4 paper.
pub const A4: u8 = 9;

/// The properties of a workbook dated `date` (never the clock: the same
/// data gives the same bytes).
pub fn properties(title: &str, author: &str, date: NaiveDate) -> Result<DocProperties, XlsxError> {
    let date = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
    Ok(DocProperties::new().set_title(title).set_company(author).set_author(author).set_creation_datetime(&date))
}

/// The workbook's bytes, the same on every system; `ident` names the
/// document in a message.
pub fn bytes(workbook: Result<Workbook, XlsxError>, ident: &str) -> Result<Vec<u8>> {
    let mut bytes = workbook
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|e| Error::Template { document: ident.to_owned(), message: e.to_string() })?;
    made_on_unix(&mut bytes);
    Ok(bytes)
}

/// Marks every entry of the zip as made on Unix. The zip writer records the
/// system it runs on ("version made by"), so the same data would give other
/// bytes on Windows than on Linux; nothing else in the file depends on it.
fn made_on_unix(zip: &mut [u8]) {
    let Some(entries) = central_entries(zip) else { return };
    for at in entries {
        zip[at + 5] = 3; // the high byte of "version made by": 3 is Unix
    }
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
fn central_entries(zip: &[u8]) -> Option<Vec<usize>> {
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
