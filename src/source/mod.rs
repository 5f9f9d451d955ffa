//! A data file as vanban reads it: its name as the user should see it, its
//! text, and the places in it that messages point at; its TOML read into
//! typed values, serde's and toml's errors turned into advice at their place.

mod toml_error;

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

pub use toml_error::{bad_date, closest, grouped_count};

use crate::error::{Error, Lines, Location, Result};

/// A data file's name (as the user should see it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Where its lines start, found when a message first needs a location.
    lines: OnceLock<Lines>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self { name: name.into(), text: text.into(), lines: OnceLock::new() }
    }

    /// The location of a byte offset of this file.
    pub fn location(&self, offset: usize) -> Location {
        self.lines.get_or_init(|| Lines::new(&self.text)).locate(&self.name, &self.text, offset)
    }

    /// Reads the file's TOML into `T`, refusing unknown fields.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(&self.text).map_err(|error| toml_error::toml_error(&self.name, &self.text, &error))
    }

    /// The offset in this file of the character `value_prefix.len()` bytes
    /// into a string value written at `span`: exact where the file spells the
    /// value as it reads (no escapes), else the string's start.
    pub fn offset_in_string(&self, span: std::ops::Range<usize>, value_prefix: &str) -> usize {
        let written = self.text.get(span.clone()).unwrap_or_default();
        let quotes = if written.starts_with("\"\"\"") || written.starts_with("'''") { 3 } else { 1 };
        let inner = written.get(quotes..).unwrap_or_default();
        let inner = inner.strip_prefix('\n').map_or((quotes, inner), |rest| (quotes + 1, rest));
        match inner.1.starts_with(value_prefix) {
            true => span.start + inner.0 + value_prefix.len(),
            false => span.start,
        }
    }

    /// An error at a byte offset of this file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::data(self.location(offset), message)
    }
}
