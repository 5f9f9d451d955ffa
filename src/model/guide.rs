//! The install guide sent with the dispatch, and the flyer made from it.

use serde::Deserialize;

use super::{Block, DocDate, NonEmpty, QrBlock, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub title: Text,
    pub subtitle: Option<Text>,
    /// Who issues it, printed above the title.
    pub issuer: Text,
    /// The PDF's timestamps.
    pub date: DocDate,
    /// The words before the contact at the guide's foot: "Cần hỗ trợ?".
    pub help: Option<Text>,
    pub body: NonEmpty<Block>,
    pub flyer: Flyer,
}

/// A poster to pin up: a large title, the QR codes, three short steps.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flyer {
    pub title: Text,
    pub subtitle: Option<Text>,
    /// The QR codes, side by side, with the store each opens.
    pub codes: NonEmpty<QrBlock>,
    pub steps: NonEmpty<Text>,
}
