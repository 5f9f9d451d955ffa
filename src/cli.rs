//! The binary's own modules, as typst-cli keeps its arguments apart from
//! what they run.

pub mod args;
pub mod help;
