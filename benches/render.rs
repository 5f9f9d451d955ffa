//! How long rendering takes, printed as figures (run: cargo bench).
//!
//! - the whole process rendering the dispatch, as a user runs it: `vanban
//!   dispatch data/cong-van-769.toml` (target: under 60 ms), and `vanban
//!   build` of everything the embedded data holds;
//! - in-process layout (with Typst's cache emptied each time) and PDF export
//!   of the dispatch, with fonts and templates already loaded.

use std::process::Command;
use std::time::{Duration, Instant};

use vanban::commands::Workspace;
use vanban::data::DataDir;

fn main() {
    let out = std::env::temp_dir().join(format!("vanban-bench-{}", std::process::id()));
    let runs = 30;

    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let dispatch = data.join("cong-van-769.toml");
    let pdf = out.join("cong-van-769.pdf");
    let dispatch_args = ["dispatch".as_ref(), dispatch.as_os_str(), "-o".as_ref(), pdf.as_os_str(), "--data".as_ref(), data.as_os_str()];
    let mut whole = time_process(runs, &dispatch_args);
    report("vanban dispatch (whole process: the dispatch, its appendix and the guide, 6 pages)", &mut whole);
    let mut all = time_process(10, &["build".as_ref(), "--out".as_ref(), out.as_os_str()]);
    report("vanban build (whole process: all 35 documents of the embedded data)", &mut all);

    let workspace = Workspace::open(DataDir::Embedded, &[], None).unwrap();
    let dispatches = workspace.dispatches().unwrap();
    let (stem, dispatch) = &dispatches[0];
    let mut layout = Vec::with_capacity(runs);
    let mut export = Vec::with_capacity(runs);
    for _ in 0..runs {
        // Each run lays the document out afresh, as a new process would.
        typst::comemo::evict(0);
        let start = Instant::now();
        let pages = dispatch.layout(&workspace.renderer).unwrap();
        layout.push(start.elapsed());
        let start = Instant::now();
        let meta = dispatch.meta(stem);
        let pdf = vanban::pdf::export(pages, &meta, workspace.renderer.pdf, None).unwrap();
        export.push(start.elapsed());
        assert!(!pdf.is_empty());
    }
    report("layout, in process, no cache", &mut layout);
    report("PDF export, in process", &mut export);
    let _ = std::fs::remove_dir_all(out);
}

fn time_process(runs: usize, args: &[&std::ffi::OsStr]) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).stdout(std::process::Stdio::null()).status().unwrap();
            assert!(status.success());
            start.elapsed()
        })
        .collect()
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = times.iter().map(|&d| ms(d)).sum::<f64>() / times.len() as f64;
    println!(
        "{what}: min {:.1} ms, median {:.1} ms, mean {mean:.1} ms, max {:.1} ms ({} runs)",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len()
    );
}
