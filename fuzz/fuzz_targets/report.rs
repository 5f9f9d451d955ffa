//! Arbitrary TOML as a report: loaded, checked and rendered without a panic.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run(common::Kind::Report, data));
