//! What every workbook vanban writes shares: A4 paper, the document's date
//! as its creation date, and bytes that depend on the data alone.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::error::{Error, Result};
use crate::spreadsheet::central_entries;

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
    let mut bytes =
        workbook.and_then(|mut workbook| workbook.save_to_buffer()).map_err(|e| Error::Fault { document: ident.to_owned(), message: e.to_string() })?;
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
