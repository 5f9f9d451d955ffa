//! Settings shared by every document of the campaign.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Link, SourceFile, Text};
use crate::error::{Error, Location, Result};
use crate::signature::Trust;

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
    /// The certificates the office trusts to vouch for the signers of
    /// returned forms (national root, the CA of the unit heads' tokens):
    /// files in the data folder, DER or PEM.
    #[serde(default)]
    pub trust: Vec<Spanned<String>>,
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

    /// The certificates `trust` names, read with `read`.
    pub fn trust(&self, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<Trust> {
        let mut anchors = Vec::new();
        for file in &self.trust {
            let at = |message: String| match &self.source {
                Some(source) => source.error_at(file.span().start, message),
                None => Error::data(Location::file("campaign.toml"), message),
            };
            let bytes = read(file.get_ref()).map_err(|e| at(e.to_string()))?;
            let certificates = Trust::parse(&bytes).ok_or_else(|| {
                at(format!(
                    "“{}” không phải chứng thư số đọc được. Hãy ghi vào trust tệp chứng thư (.cer, .crt hoặc .pem) của tổ chức cấp chứng thư số mà văn phòng tin cậy",
                    file.get_ref()
                ))
            })?;
            anchors.extend(certificates);
        }
        Ok(Trust::new(anchors))
    }

    /// An error about the link named `name`, told where the link is written
    /// and, after the message, where it is `used`.
    pub fn link_error(&self, name: &str, message: String, used: Location) -> Error {
        let written = self.links.get(name).zip(self.source.as_ref());
        match written {
            Some((link, source)) => source.error_at(link.span().start, used_at(&message, &used)),
            None => Error::data(used, message),
        }
    }

    /// The link a QR block names, or an error at the name in `source`.
    pub fn link(&self, name: &Spanned<String>, source: &SourceFile) -> Result<&Link> {
        self.links.get(name.get_ref()).map(Spanned::get_ref).ok_or_else(|| {
            let known: Vec<&str> = self.links.keys().map(String::as_str).collect();
            source.error_at(name.span().start, unknown_link(name.get_ref(), &known))
        })
    }
}

// What this module tells the user, in Vietnamese.

fn unknown_link(name: &str, known: &[&str]) -> String {
    format!("không có liên kết tên “{name}” trong campaign.toml, mục [links]. Các tên đang có: {}", known.join(", "))
}

/// A message about a value, with the place that uses it.
fn used_at(message: &str, used: &Location) -> String {
    format!("{message} (dùng ở {used})")
}
