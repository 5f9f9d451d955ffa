//! The data model: what the TOML files say, checked as they are read.
//!
//! Every field is a typed value whose `Deserialize` refuses bad input with a
//! Vietnamese message, so toml attaches the line and column for free. What can
//! only be checked across fields or files is checked here too, never in a
//! template.

mod campaign;
mod dispatch;
mod guide;
mod report;
mod summary;
mod units;
mod values;

pub use campaign::{Campaign, Contact};
pub use guide::{Flyer, Guide};
pub use dispatch::{Appendix, AppendixContent, Block, Enclosure, Dispatch, Issuer, QrBlock, Signer};
pub use report::{CheckedReport, Month, Report, Row};
pub use summary::{MonthIssue, SummarySettings};
pub use units::{Deadlines, ReportForm, Unit, UnitKind, Units};
pub use values::{DocDate, DocNumber, Link, NonEmpty, Symbol, Text};

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

/// A data file's name (as the user should see it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// Reads the file's TOML into `T`, refusing unknown fields.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(&self.text).map_err(|error| Error::toml(&self.name, &self.text, &error))
    }

    /// An error at a byte offset of this file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::data(Location::at(&self.name, &self.text, offset), message)
    }
}
