//! A copy of a document (Nghị định 30, Điều 25; Phụ lục I, Phần II; Phụ
//! lục III, Mẫu 3.1 and 3.2): sao y, sao lục or trích sao, with the copying
//! body's block, its own number and signer, and, for a copy in electronic
//! form, the line of its digital signature at the top right of page 1.

use serde::Deserialize;
use toml::Spanned;

use super::{Block, DocDate, DocNumber, Issuer, NonEmpty, Signer, Symbol, Text};

/// A copy, as its own TOML file names the document copied.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Copy {
    pub copy: Spanned<CopyForm>,
    /// The document copied: its TOML file, beside this one.
    pub of: Spanned<String>,
    /// The copies' own series (Phụ lục I, Phần II: from 01 each year).
    pub number: Option<DocNumber>,
    /// "SY-UBND": the copy's abbreviation, then the copying body's.
    pub symbol: Spanned<Symbol>,
    pub place: Text,
    pub date: DocDate,
    /// A copy in electronic form (Mẫu 3.2): when the copying body signed it.
    pub signed_at: Option<Spanned<toml::value::Datetime>>,
    /// A trích sao: the part copied, in place of the document's body.
    pub body: Option<NonEmpty<Block>>,
    pub issuer: Issuer,
    pub signer: Signer,
    pub distribution: NonEmpty<Text>,
}

impl Copy {
    /// Whether a data file is a copy: it says `copy = …`.
    pub fn is_copy(text: &str) -> bool {
        toml::from_str::<toml::Table>(text).is_ok_and(|table| table.contains_key("copy"))
    }
}

/// Sao y, sao lục, trích sao (Phụ lục III, Mục I: SY, SL, TrS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CopyForm {
    SaoY,
    SaoLuc,
    TrichSao,
}

impl CopyForm {
    /// "SAO Y", as the copy prints it.
    pub fn words(self) -> &'static str {
        match self {
            Self::SaoY => "SAO Y",
            Self::SaoLuc => "SAO LỤC",
            Self::TrichSao => "TRÍCH SAO",
        }
    }

    pub fn abbreviation(self) -> &'static str {
        match self {
            Self::SaoY => "SY",
            Self::SaoLuc => "SL",
            Self::TrichSao => "TrS",
        }
    }
}
