//! vanban: Vietnamese administrative documents, laid out to Nghị định
//! 30/2020/NĐ-CP, from TOML data through Typst templates built into the binary.
//!
//! From the bottom up: the error type ([`error`]), a data file and its
//! TOML ([`source`]), the data model and its checks ([`model`]), the Typst
//! world ([`world`]) and layout ([`render`]), one renderer per document
//! ([`documents`]), what is done to a PDF after Typst ([`pdf`]), returned
//! forms and their verified signatures ([`returned`], [`signature`]), the
//! output folder ([`output`], [`manifest`]), and one file per command of the
//! CLI over the campaign's data ([`commands`]). No module imports one above
//! it (tests/architecture.rs).

pub mod commands;
pub mod data;
pub mod documents;
pub mod error;
pub mod fields;
pub mod fonts;
pub mod manifest;
pub mod markup;
pub mod model;
pub mod output;
pub mod pdf;
pub mod progress;
pub mod qr;
pub mod rebuild;
pub mod render;
pub mod returned;
pub mod signature;
pub mod source;
pub mod spreadsheet;
pub mod stamp;
pub mod templates;
pub mod vietnamese;
pub mod world;

pub use error::{Error, Result};
