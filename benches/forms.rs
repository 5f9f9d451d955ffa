//! Blank Phụ lục 01 forms for 1,000 synthetic units, one PDF each, in one
//! process: prints forms per second and the peak memory (run: cargo bench).
//! Targets: at least 300 forms per second on 2 cores, under 300 MB.

mod common;

use std::time::Instant;

use vanban::commands::{self, Workspace};
use vanban::data::DataDir;

const UNITS: usize = 1000;

fn main() {
    let root = std::env::temp_dir().join(format!("vanban-bench-forms-{}", std::process::id()));
    let data = common::synthetic_data(&root, UNITS);

    let start = Instant::now();
    let workspace = Workspace::open(DataDir::Folder(data), &[], None).unwrap();
    let opened = start.elapsed();
    let outcome = commands::forms::run(&workspace, &root.join("out"), None, None).unwrap();
    let elapsed = start.elapsed();
    assert_eq!(outcome.written.len(), UNITS + 1);
    println!(
        "vanban forms, {UNITS} units: {UNITS} PDFs and tat-ca.pdf in {:.2} s ({:.0} ms to open the data): {:.0} forms/s",
        elapsed.as_secs_f64(),
        opened.as_secs_f64() * 1000.0,
        UNITS as f64 / elapsed.as_secs_f64()
    );
    println!("peak memory (VmHWM): {}", peak_memory());
    let _ = std::fs::remove_dir_all(root);
}

/// The process's peak resident memory, as Linux reports it.
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .map(|line| line["VmHWM:".len()..].trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}
