//! Settings shared by every document of the campaign.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Link, SourceFile, Text};
use crate::error::{self, Result};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// A font family to prefer over the shipped Liberation Serif when it is
    /// found with --font-path, normally "Times New Roman".
    pub font: Option<Text>,
    /// Named web links; QR codes everywhere refer to them by name.
    pub links: BTreeMap<String, Link>,
    /// Who helps residents who are stuck, as the dispatch names them.
    pub contact: Option<Contact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Text,
    pub title: Text,
    pub phone: Text,
}

impl Contact {
    /// "Đinh Khắc Trường - Phó Trưởng phòng Văn hóa - Xã hội, SĐT: 0971.286.509".
    pub fn line(&self) -> String {
        format!("{} - {}, SĐT: {}", self.name, self.title, self.phone)
    }
}

impl Campaign {
    /// The link a QR block names, or an error at the name in `source`.
    pub fn link(&self, name: &Spanned<String>, source: &SourceFile) -> Result<&Link> {
        self.links.get(name.get_ref()).ok_or_else(|| {
            let known: Vec<&str> = self.links.keys().map(String::as_str).collect();
            source.error_at(name.span().start, error::unknown_link(name.get_ref(), &known))
        })
    }
}
