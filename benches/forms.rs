//! Blank Phụ lục 01 forms, timed as a user runs them (run: cargo bench
//! --bench forms). In one run it prints:
//! - `vanban forms --units` of 1,000 synthetic units as one process: forms/s;
//! - the naive way: one `vanban forms --units <one-unit file>` process per
//!   unit, timed over a sample of units and extrapolated to 1,000;
//! - their ratio, and `typst compile` of a one-page form as a process per
//!   form when `typst` is on PATH (`cargo install typst-cli`), and the ratio to it;
//! - the peak memory of the whole process at 500 and 5,000 units;
//! - `vanban build` of 1,000 units and a month of their reports (the monthly
//!   loop: each unit's form and its filled report);
//! - `vanban summary` of a month and the month before at 1,000 and 5,000
//!   units: its time and peak memory;
//! - `vanban build` again over its out/ at 300 and 3,000 units with two
//!   months of reports: with nothing changed, and with one report changed,
//!   against the full build of the same data.
//!
//! The batches run three times each and their medians are printed.
//!
//! Targets (issues 13, 27 and 30): at least 400 forms/s on 2 cores, at least 15
//! times the process-per-form loop, peak at 5,000 units at most 1.2 times the
//! peak at 500 and under 250 MB; a summary of 5,000 units under 250 MB; at
//! 3,000 units a rebuild with nothing changed under 0.5 s, with one report
//! changed under 1 s.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const UNITS: usize = 1000;
/// How many one-unit processes the naive loop runs; its time per form is
/// extrapolated to `UNITS`.
const NAIVE_SAMPLE: usize = 40;
/// How many times each batch runs: its median is printed, as this kind of
/// machine varies from one second to the next.
const ROUNDS: usize = 3;

fn main() {
    let root = std::env::temp_dir().join(format!("vanban-bench-forms-{}", std::process::id()));
    let data = common::synthetic_data(&root, 0);

    let mut naive_seconds = 0.0;
    for i in 0..NAIVE_SAMPLE {
        let units = write_units(&data, &format!("mot-{i}"), i..i + 1);
        naive_seconds += forms(&data, &units, &root.join(format!("out-mot-{i}"))).seconds;
    }
    let naive_rate = NAIVE_SAMPLE as f64 / naive_seconds;
    println!(
        "naive loop, one `vanban forms` process per unit: {NAIVE_SAMPLE} processes in {naive_seconds:.2} s, \
         {:.0} ms a form, {naive_rate:.1} forms/s (1,000 units extrapolated: {:.1} s)",
        naive_seconds * 1000.0 / NAIVE_SAMPLE as f64,
        UNITS as f64 / naive_rate
    );
    let typst_seconds = typst_cli(&root);

    let mut peaks = Vec::new();
    for units in [500, 5000] {
        let list = write_units(&data, &format!("units-{units}"), 0..units);
        let run = median_run(|| forms(&data, &list, &root.join(format!("out-{units}"))));
        let peak = run.peak_kib as f64 / 1024.0;
        println!("vanban forms, {units} units (median of {ROUNDS}): {:.2} s, {:.0} forms/s, peak memory {peak:.0} MB", run.seconds, units as f64 / run.seconds);
        peaks.push(peak);
    }
    println!("ratio, peak memory at 5,000 units to 500: {:.2} (target at most 1.2)", peaks[1] / peaks[0]);

    let list = write_units(&data, "units-1000", 0..UNITS);
    let run = median_run(|| forms(&data, &list, &root.join("out-1000")));
    let rate = UNITS as f64 / run.seconds;
    println!(
        "vanban forms --units, {UNITS} units, one process (median of {ROUNDS}): {UNITS} PDFs, their workbooks and tat-ca.pdf in {:.2} s: {rate:.0} forms/s",
        run.seconds
    );
    println!("ratio, one process to the naive loop: {:.1} (target at least 15)", rate / naive_rate);
    if let Some(seconds) = typst_seconds {
        println!("ratio, one process to a `typst compile` loop (a process per form): {:.1} (target at least 12)", rate * seconds);
    }

    // The monthly loop as `vanban build` makes it: every unit's form and its
    // filled report, the month's summary, the dispatch and the guide.
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["huong-dan.toml", "tong-hop.toml"] {
        std::fs::copy(source.join(file), data.join(file)).unwrap();
    }
    std::fs::write(data.join("units.toml"), common::synthetic_units(0..UNITS)).unwrap();
    common::synthetic_reports(&data, "2026-07", 0..UNITS);
    let out = root.join("out-build");
    let run = median_run(|| {
        let _ = std::fs::remove_dir_all(&out);
        vanban(&["build".as_ref(), "--data".as_ref(), data.as_os_str(), "--out".as_ref(), out.as_os_str()])
    });
    let pdfs = pdfs_under(&out);
    println!(
        "vanban build, {UNITS} units and a month of {UNITS} reports (median of {ROUNDS}): {pdfs} PDFs in {:.2} s, {:.0} PDFs/s, peak memory {:.0} MB",
        run.seconds,
        pdfs as f64 / run.seconds,
        run.peak_kib as f64 / 1024.0
    );

    // The month's consolidated report, compared with the month before: one
    // document whose tables and chart grow with the units.
    for units in [UNITS, 5000] {
        std::fs::write(data.join("units.toml"), common::synthetic_units(0..units)).unwrap();
        for month in ["2026-06", "2026-07"] {
            common::synthetic_reports(&data, month, 0..units);
        }
        let out = root.join(format!("out-summary-{units}"));
        let run = vanban(&["summary".as_ref(), "2026-07".as_ref(), "--data".as_ref(), data.as_os_str(), "--out".as_ref(), out.as_os_str()]);
        println!(
            "vanban summary 2026-07, {units} units and the month before: {} pages in {:.2} s, peak memory {:.0} MB (target at 5,000 units: under 250 MB)",
            pages(&out.join("tong-hop/2026-07.pdf")),
            run.seconds,
            run.peak_kib as f64 / 1024.0
        );
    }
    for units in [300, 3000] {
        rebuilds(&data, &root, units);
    }
    let _ = std::fs::remove_dir_all(root);
}

/// `vanban build` of `units` units with two months of reports, then again
/// over its out/: with nothing changed, and with one count of one report
/// changed (the report, the two summaries laid out again).
fn rebuilds(data: &Path, root: &Path, units: usize) {
    std::fs::write(data.join("units.toml"), common::synthetic_units(0..units)).unwrap();
    let _ = std::fs::remove_dir_all(data.join("reports"));
    for month in ["2026-06", "2026-07"] {
        common::synthetic_reports(data, month, 0..units);
    }
    let out = root.join(format!("out-rebuild-{units}"));
    let build = || vanban(&["build".as_ref(), "--data".as_ref(), data.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    let _ = std::fs::remove_dir_all(&out);
    let full = build();
    let unchanged = median_run(build);
    let report = data.join("reports/2026-06/tdp-1.toml");
    let text = std::fs::read_to_string(&report).unwrap();
    let mut round = 0;
    let one = median_run(|| {
        round += 1;
        std::fs::write(&report, text.replace("tong_so = 120", &format!("tong_so = {}", 120 + round))).unwrap();
        build()
    });
    println!(
        "vanban build, {units} units and two months of reports: {} PDFs in {:.2} s ({:.0} MB); again, nothing changed: {:.3} s ({:.0} MB, {:.0} times faster); \
         one report changed: {:.3} s ({:.0} MB, {:.0} times faster) (medians of {ROUNDS}; targets at 3,000 units: under 0.5 s and 1 s)",
        pdfs_under(&out),
        full.seconds,
        full.peak_kib as f64 / 1024.0,
        unchanged.seconds,
        unchanged.peak_kib as f64 / 1024.0,
        full.seconds / unchanged.seconds,
        one.seconds,
        one.peak_kib as f64 / 1024.0,
        full.seconds / one.seconds
    );
}

/// One run of a whole process: its wall time and its own peak memory.
#[derive(Clone, Copy)]
struct Run {
    seconds: f64,
    peak_kib: i64,
}

/// `ROUNDS` runs; the one of median time, and the median of their peaks.
fn median_run(mut run: impl FnMut() -> Run) -> Run {
    let mut runs: Vec<Run> = (0..ROUNDS).map(|_| run()).collect();
    let mut peaks: Vec<i64> = runs.iter().map(|r| r.peak_kib).collect();
    peaks.sort();
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    Run { seconds: runs[ROUNDS / 2].seconds, peak_kib: peaks[ROUNDS / 2] }
}

/// Writes a units list with the synthetic units `numbers` into `data`.
fn write_units(data: &Path, name: &str, numbers: std::ops::Range<usize>) -> PathBuf {
    let path = data.join(format!("{name}.toml"));
    std::fs::write(&path, common::synthetic_units(numbers)).unwrap();
    path
}

/// Runs `vanban forms` as a whole process into a new folder `out`.
fn forms(data: &Path, units: &Path, out: &Path) -> Run {
    let _ = std::fs::remove_dir_all(out);
    let args = ["forms".as_ref(), "--data".as_ref(), data.as_os_str(), "--units".as_ref(), units.as_os_str(), "--out".as_ref(), out.as_os_str()];
    vanban(&args)
}

/// How many pages a PDF has, as its page tree counts them.
fn pages(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).map_or(0, |document| document.get_pages().len())
}

/// How many PDFs are under `folder`.
fn pdfs_under(folder: &Path) -> usize {
    std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|entry| match entry.path() {
            path if path.is_dir() => pdfs_under(&path),
            path => usize::from(path.extension().is_some_and(|e| e == "pdf")),
        })
        .sum()
}

/// Runs vanban as a whole process, as a user does.
#[allow(clippy::zombie_processes, reason = "the child is reaped by wait4, which also gives its peak memory")]
fn vanban(args: &[&std::ffi::OsStr]) -> Run {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let (status, peak_kib) = wait(child.id());
    assert_eq!(status, 0, "vanban {args:?} failed");
    Run { seconds: start.elapsed().as_secs_f64(), peak_kib }
}

/// Where a `typst` binary is on PATH (`cargo install typst-cli`): its time
/// in seconds for a one-page form written by hand, as a fresh process
/// (median of 10). The form is plainer than vanban's, so the ratio to it
/// errs in typst's favour.
fn typst_cli(root: &Path) -> Option<f64> {
    let Ok(version) = Command::new("typst").arg("--version").output() else {
        println!("typst compile: no typst binary on PATH, not measured (cargo install typst-cli, then run again)");
        return None;
    };
    // A unit's form as vanban lays it out, written by hand (benches/form.typ),
    // in the fonts vanban ships.
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let form = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/form.typ");
    let mut times: Vec<f64> = (0..10)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new("typst").arg("compile").arg("--font-path").arg(&fonts).arg(&form).arg(root.join("form.pdf")).status().unwrap();
            assert!(status.success());
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{}: one-page form as a fresh process in {:.0} ms (median of 10)", String::from_utf8_lossy(&version.stdout).trim(), times[5] * 1000.0);
    Some(times[5])
}

/// Waits for the child `pid`: its wait status, and its own largest
/// resident size in KiB (wait4 reports it for that one child, where the
/// children's total of getrusage only grows).
fn wait(pid: u32) -> (i32, i64) {
    // struct rusage on 64-bit Linux: two timevals, then 14 longs, the first
    // of which is ru_maxrss. std links libc, so wait4 is there.
    #[repr(C)]
    struct Rusage([i64; 18]);
    unsafe extern "C" {
        fn wait4(pid: i32, status: *mut i32, options: i32, usage: *mut Rusage) -> i32;
    }
    let (mut status, mut usage) = (0, Rusage([0; 18]));
    // SAFETY: `status` and `usage` are writable and of the sizes Linux fills;
    // the child is not waited for elsewhere (its Child is dropped unwaited).
    assert_eq!(unsafe { wait4(pid as i32, &mut status, 0, &mut usage) }, pid as i32);
    (status, usage.0[4])
}
