//! The data model: what the TOML files say, checked as they are read.
//!
//! Every field is a typed value whose `Deserialize` refuses bad input with a
//! Vietnamese message, so toml attaches the line and column for free. What can
//! only be checked across fields or files is checked here too, never in a
//! template.

mod campaign;
mod copy;
mod dispatch;
mod document_kind;
mod form;
mod guide;
mod marks;
mod period;
mod reminder;
mod report;
mod summary;
mod units;
mod values;

pub use campaign::{Campaign, Contact};
pub use copy::{Copy, CopyForm};
pub use dispatch::{Appendix, AppendixContent, Block, Dispatch, Enclosure, Issuer, QrBlock, Signer};
pub use document_kind::{DocumentKind, Sample};
pub use form::{Check, Column, Form, Formula, Indicator, Kind, Row, TEXT_WIDTH_MM, VALUE_MM, Value, parse_count};
pub use guide::{Flyer, Guide};
pub use marks::{Circulation, Drafter, Secrecy, Urgency};
pub use period::{Due, Every, Period, bad_period};
pub use reminder::{ReminderIssue, ReminderSettings};
pub use report::{CheckedReport, MAX_ROWS, Report, SignatureRecord, check_rows, no_rows};
pub use summary::{MonthIssue, SummarySettings};
pub use units::{MAX_UNITS, Unit, UnitKind, Units};
pub use values::{DocDate, DocNumber, Link, MAX_TEXT_CHARS, NonEmpty, Symbol, Text, YEARS};

pub use crate::source::SourceFile;

// What this module tells the user, in Vietnamese.

pub fn too_many(count: usize, max: usize, what: &str) -> String {
    format!("có {count} {what}, quá giới hạn {max} {what}. Hãy chia thành nhiều tệp")
}
