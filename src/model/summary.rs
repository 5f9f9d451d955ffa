//! The monthly consolidated report of the office that gathers the units'
//! reports (Phòng Văn hóa - Xã hội) to the People's Committee.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{DocDate, DocNumber, Issuer, NonEmpty, Signer, Symbol, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummarySettings {
    pub issuer: Issuer,
    /// "BC-VHXH".
    pub symbol: Symbol,
    /// The subject under "BÁO CÁO"; the month is added.
    pub subject: Text,
    /// Kính gửi.
    pub recipients: NonEmpty<Text>,
    pub signer: Signer,
    /// Nơi nhận.
    pub distribution: NonEmpty<Text>,
    /// Number and date of each month's summary, by "2026-07"; a month left
    /// out is dated the day after the units' due time and left unnumbered.
    #[serde(default, rename = "month")]
    pub months: BTreeMap<String, MonthIssue>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthIssue {
    pub number: Option<DocNumber>,
    pub date: Option<DocDate>,
}
