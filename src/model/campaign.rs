//! Settings shared by every document of the campaign.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Link, SourceFile, Text};
use crate::error::{self, Error, Location, Result};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// A font family to prefer over the shipped Liberation Serif when it is
    /// found with --font-path, normally "Times New Roman".
    pub font: Option<Text>,
    /// Named web links; QR codes everywhere refer to them by name.
    pub links: BTreeMap<String, Spanned<Link>>,
    /// Who helps residents who are stuck, as the dispatch names them.
    pub contact: Option<Contact>,
    /// The file itself: a link that does not fit its code is its mistake.
    #[serde(skip)]
    pub source: Option<SourceFile>,
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
    pub fn load(source: SourceFile) -> Result<Self> {
        let mut campaign: Self = source.parse()?;
        campaign.source = Some(source);
        Ok(campaign)
    }

    /// An error about the link named `name`, told where the link is written
    /// and, after the message, where it is `used`.
    pub fn link_error(&self, name: &str, message: String, used: Location) -> Error {
        let written = self.links.get(name).zip(self.source.as_ref());
        match written {
            Some((link, source)) => source.error_at(link.span().start, error::used_at(&message, &used)),
            None => Error::data(used, message),
        }
    }

    /// The link a QR block names, or an error at the name in `source`.
    pub fn link(&self, name: &Spanned<String>, source: &SourceFile) -> Result<&Link> {
        self.links.get(name.get_ref()).map(Spanned::get_ref).ok_or_else(|| {
            let known: Vec<&str> = self.links.keys().map(String::as_str).collect();
            source.error_at(name.span().start, error::unknown_link(name.get_ref(), &known))
        })
    }
}
