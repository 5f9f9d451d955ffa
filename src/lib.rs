//! vanban: Vietnamese administrative documents, laid out to Nghị định
//! 30/2020/NĐ-CP, from TOML data through Typst templates built into the binary.
//!
//! The data model and its checks live in [`model`], the Typst world in
//! [`world`], one renderer per document in [`documents`], and the campaign
//! as a whole (what `vanban build` does) in [`campaign`].

pub mod commands;
pub mod data;
pub mod documents;
pub mod error;
pub mod fonts;
pub mod fields;
pub mod manifest;
pub mod markup;
pub mod model;
pub mod output;
pub mod pdf;
pub mod progress;
pub mod qr;
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
