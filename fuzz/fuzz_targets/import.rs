//! Arbitrary bytes as a returned file: the first byte picks its kind (PDF,
//! XLSX, CSV) and whether --month is given, the rest is the file. It is
//! read, checked and read back as `vanban import` does, from memory,
//! without a panic; libFuzzer holds each run to its -timeout and
//! -rss_limit_mb. What a refusal says holds no control character: what
//! the file held is shown made visible.
#![no_main]

use std::sync::LazyLock;

use vanban::commands::Workspace;
use vanban::data::DataDir;
use vanban::model::Period;

static WORKSPACE: LazyLock<Workspace> = LazyLock::new(|| Workspace::open(DataDir::Embedded, &[], None).expect("the embedded data is valid"));

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, file)) = data.split_first() else { return };
    let name = match first & 3 {
        0 => "tra-ve.pdf",
        1 => "tra-ve.xlsx",
        _ => "tra-ve.csv",
    };
    let month = (first & 0x80 != 0).then(|| Period::parse("2026-07").expect("a month"));
    let (units, form) = (WORKSPACE.units().expect("the embedded units"), WORKSPACE.form().expect("the embedded form"));
    for read in vanban::commands::import::read_bytes(name, file, units, form, month, &vanban::signature::Trust::default()) {
        match read {
            Ok(toml) => assert!(toml.contains("\nunit = "), "{toml}"),
            Err(error) => {
                let message = error.to_string();
                assert!(!message.chars().any(|c| c.is_control() && c != '\n'), "{message:?}");
            }
        }
    }
});
