//! Blank Phụ lục 01 forms, timed as a user runs them (run: cargo bench
//! --bench forms). In one run it prints:
//! - `vanban forms --units` of 1,000 synthetic units as one process: forms/s;
//! - the naive way: one `vanban forms --units <one-unit file>` process per
//!   unit, timed over a sample of units and extrapolated to 1,000;
//! - their ratio, and `typst compile` of a one-page form when `typst` is on PATH;
//! - the peak memory of the whole process at 500 and 5,000 units.
//!
//! Targets (issue 13): at least 400 forms/s on 2 cores, at least 10 times the
//! process-per-form loop, peak at 5,000 units at most 1.2 times the peak at
//! 500 and under 250 MB.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const UNITS: usize = 1000;
/// How many one-unit processes the naive loop runs; its time per form is
/// extrapolated to `UNITS`.
const NAIVE_SAMPLE: usize = 40;

fn main() {
    let root = std::env::temp_dir().join(format!("vanban-bench-forms-{}", std::process::id()));
    let data = common::synthetic_data(&root, 0);

    // The naive way first: its children are small, so the children's peak
    // memory (which only grows) is still that of the 500-unit run below.
    let mut naive_seconds = 0.0;
    for i in 0..NAIVE_SAMPLE {
        let units = write_units(&data, &format!("mot-{i}"), i..i + 1);
        naive_seconds += forms(&data, &units, &root.join(format!("out-mot-{i}")));
    }
    let naive_rate = NAIVE_SAMPLE as f64 / naive_seconds;
    println!(
        "naive loop, one `vanban forms` process per unit: {NAIVE_SAMPLE} processes in {naive_seconds:.2} s, \
         {:.0} ms a form, {naive_rate:.1} forms/s (1,000 units extrapolated: {:.1} s)",
        naive_seconds * 1000.0 / NAIVE_SAMPLE as f64,
        UNITS as f64 / naive_rate
    );
    typst_cli(&root);

    // Peak memory: the children's maximum resident size, which only grows,
    // so the smaller run goes first.
    let mut peaks = Vec::new();
    for units in [500, 5000] {
        let list = write_units(&data, &format!("units-{units}"), 0..units);
        let seconds = forms(&data, &list, &root.join(format!("out-{units}")));
        let peak = children_peak_kib() as f64 / 1024.0;
        println!("vanban forms, {units} units: {seconds:.2} s, {:.0} forms/s, peak memory {peak:.0} MB", units as f64 / seconds);
        peaks.push(peak);
        let _ = std::fs::remove_dir_all(root.join(format!("out-{units}")));
    }
    println!("peak memory ratio, 5,000 units to 500: {:.2} (target at most 1.2)", peaks[1] / peaks[0]);

    let list = write_units(&data, "units-1000", 0..UNITS);
    let seconds = forms(&data, &list, &root.join("out-1000"));
    let rate = UNITS as f64 / seconds;
    println!(
        "vanban forms --units, {UNITS} units, one process: {UNITS} PDFs and tat-ca.pdf in {seconds:.2} s: {rate:.0} forms/s"
    );
    println!("ratio, one process to the naive loop: {:.1} (target at least 10)", rate / naive_rate);
    let _ = std::fs::remove_dir_all(root);
}

/// Writes a units list with the synthetic units `numbers` into `data`.
fn write_units(data: &Path, name: &str, numbers: std::ops::Range<usize>) -> PathBuf {
    let path = data.join(format!("{name}.toml"));
    std::fs::write(&path, common::synthetic_units(numbers)).unwrap();
    path
}

/// Runs `vanban forms` as a whole process; returns its wall time in seconds.
fn forms(data: &Path, units: &Path, out: &Path) -> f64 {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("forms")
        .arg("--data")
        .arg(data)
        .arg("--units")
        .arg(units)
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "vanban forms failed on {}", units.display());
    start.elapsed().as_secs_f64()
}

/// Where a `typst` binary is on PATH: its time for a one-page form written
/// by hand with the same layout module, as a fresh process (median of 10).
fn typst_cli(root: &Path) {
    let Ok(version) = Command::new("typst").arg("--version").output() else {
        println!("typst compile: no typst binary on PATH, not measured");
        return;
    };
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let form = root.join("form.typ");
    std::fs::write(&form, "#set page(paper: \"a4\")\n#set text(font: \"Tinos\", size: 13pt)\n= PHỤ LỤC 01\nBáo cáo kết quả cài đặt ứng dụng.\n#table(columns: 4, [TT], [Đối tượng], [Tổng số], [Đã cài])\n").unwrap();
    let mut times: Vec<f64> = (0..10)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new("typst")
                .arg("compile")
                .arg("--root")
                .arg(&templates)
                .arg(&form)
                .arg(root.join("form.pdf"))
                .status()
                .unwrap();
            assert!(status.success());
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{}: one-page form as a fresh process in {:.0} ms (median of 10)",
        String::from_utf8_lossy(&version.stdout).trim(),
        times[5] * 1000.0
    );
}

/// The largest resident size of any child process waited for, in KiB.
fn children_peak_kib() -> i64 {
    // struct rusage on 64-bit Linux: two timevals, then 14 longs, the first
    // of which is ru_maxrss. std links libc, so getrusage is there.
    #[repr(C)]
    struct Rusage([i64; 18]);
    unsafe extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut usage = Rusage([0; 18]);
    // SAFETY: `usage` is a writable struct of the size Linux fills.
    assert_eq!(unsafe { getrusage(RUSAGE_CHILDREN, &mut usage) }, 0);
    usage.0[4]
}
