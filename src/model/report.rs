//! A unit's monthly report: the Phụ lục 01 form, filled in.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserialize, Deserializer};
use serde::Deserialize as DeriveDeserialize;
use toml::Spanned;

use super::{DocDate, DocNumber, NonEmpty, SourceFile, Text, Units};
use crate::error::{self, Result};

#[derive(Debug, DeriveDeserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The unit's code in units.toml.
    pub unit: Spanned<String>,
    /// The month reported on: "2026-07".
    pub month: Spanned<Month>,
    /// Left out until the records clerk numbers the report.
    pub number: Option<DocNumber>,
    pub date: Spanned<DocDate>,
    /// Who signs: the head of the unit.
    pub signer: Option<Text>,
    pub notes: Option<Text>,
    #[serde(rename = "row")]
    pub rows: NonEmpty<Spanned<Row>>,
}

#[derive(Debug, DeriveDeserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub name: Text,
    pub total: u32,
    pub installed: u32,
    /// Computed when left out; checked when given.
    pub not_installed: Option<u32>,
    pub reason: Option<Text>,
}

impl Row {
    pub fn not_installed(&self) -> u32 {
        self.total - self.installed
    }
}

/// A calendar month, written "2026-07".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub NaiveDate);

impl Month {
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        (year > 0 && year < 10000).then_some(())?;
        NaiveDate::from_ymd_opt(year, month, 1).map(Self)
    }

    /// 17:00 on the 1st of the next month: when the dispatch wants the report.
    pub fn due(self) -> NaiveDateTime {
        let next = self.0 + Months::new(1);
        next.and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("a valid time"))
    }

    /// "tháng 7 năm 2026".
    pub fn words(self) -> String {
        format!("tháng {} năm {}", self.0.month(), self.0.year())
    }

    /// "2026-07", as in folder names.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.0.year(), self.0.month())
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| de::Error::custom(error::bad_month(&text)))
    }
}

/// A report read and checked, with what the user should hear about it.
pub struct CheckedReport {
    pub report: Report,
    pub warnings: Vec<String>,
}

impl Report {
    /// Reads a report and checks its numbers against each other and its unit
    /// against units.toml. `folder_month` is the month its folder is named for.
    pub fn load(source: &SourceFile, units: &Units, folder_month: Option<Month>) -> Result<CheckedReport> {
        let report: Self = source.parse()?;
        if units.find(report.unit.get_ref()).is_none() {
            return Err(source.error_at(report.unit.span().start, error::unknown_unit(report.unit.get_ref(), &units.codes())));
        }
        if let Some(folder) = folder_month
            && folder != *report.month.get_ref()
        {
            return Err(source.error_at(
                report.month.span().start,
                error::month_outside_folder(&report.month.get_ref().key(), &folder.key()),
            ));
        }
        let mut warnings = Vec::new();
        for (index, row) in report.rows.iter().enumerate() {
            let at = row.span().start;
            let (number, row) = (index + 1, row.get_ref());
            if row.installed > row.total {
                return Err(source.error_at(at, error::installed_over_total(number, row.name.as_str(), row.installed, row.total)));
            }
            if let Some(given) = row.not_installed
                && given != row.not_installed()
            {
                return Err(source.error_at(at, error::not_installed_mismatch(number, row.name.as_str(), given, row.total, row.installed)));
            }
            if row.not_installed() > 0 && row.reason.is_none() {
                warnings.push(error::warning(source.error_at(at, error::reason_missing(number, row.name.as_str(), row.not_installed()))));
            }
        }
        let due = report.month.get_ref().due();
        if report.date.get_ref().0.and_time(NaiveTime::MIN) > due {
            warnings.push(error::warning(source.error_at(report.date.span().start, error::late_report(due))));
        }
        Ok(CheckedReport { report, warnings })
    }

    /// The sums of every column: total, installed, not installed.
    pub fn totals(&self) -> (u64, u64, u64) {
        self.rows.iter().fold((0, 0, 0), |(t, i, n), row| {
            let row = row.get_ref();
            (t + u64::from(row.total), i + u64::from(row.installed), n + u64::from(row.not_installed()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_their_due_time() {
        let july = Month::parse("2026-07").unwrap();
        assert_eq!(july.key(), "2026-07");
        assert_eq!(july.words(), "tháng 7 năm 2026");
        assert_eq!(july.due().to_string(), "2026-08-01 17:00:00");
        assert_eq!(Month::parse("2026-12").unwrap().due().to_string(), "2027-01-01 17:00:00");
        for bad in ["2026-13", "2026-00", "07/2026", "2026", "x-y"] {
            assert!(Month::parse(bad).is_none(), "{bad}");
        }
    }
}
