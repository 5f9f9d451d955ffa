//! The công văn đôn đốc: what the office sends, after a month's due time, to
//! the units that have not reported. Its text is composed from the campaign
//! (the dispatch it cites, the units left); its file says who issues and
//! signs it, and each month's number and date.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{DocDate, DocNumber, Issuer, NonEmpty, Signer, Symbol, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderSettings {
    pub issuer: Issuer,
    /// "UBND-VHXH".
    pub symbol: Symbol,
    pub place: Text,
    /// Where the reports go, in running text: "Phòng Văn hóa - Xã hội".
    pub report_to: Text,
    pub signer: Signer,
    /// Nơi nhận after "Như trên".
    pub distribution: NonEmpty<Text>,
    /// Number, date and reply time of each period's reminder, by "2026-07";
    /// a period left out is dated the first day its reports are late
    /// (Due::closes), left unnumbered, and asks for the reports within
    /// three days.
    #[serde(default, rename = "month")]
    pub months: BTreeMap<String, ReminderIssue>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderIssue {
    pub number: Option<DocNumber>,
    pub date: Option<DocDate>,
    /// The day by which the reports are now wanted (at the form's due time, if it has one).
    pub reply_by: Option<DocDate>,
}
