//! The integration tests: one binary, so that Typst is linked once for them
//! all, with one module per part of vanban, named by what it tests.
//! `cargo test --release --test vanban summary::` runs one part.

mod common; // what several modules use: reading PDFs and layouts back, running vanban

mod architecture; // src/'s modules import downward only, no circle
mod campaigns; // a campaign from data alone: the second campaign end to end, form mistakes, periods
mod cli; // the command line itself: help, argument errors, the double click
mod data; // which data folder is read, what each command reads, each mistake one message
mod dispatch; // the công văn: its words, QR codes and layout
mod fonts; // fonts embedded, found, replaced; the symbol font
mod forms; // the blank forms, one per unit, and their fields
mod guide; // the install guide and the flyer
mod import; // returned forms and CSV files become reports
mod init; // vanban init
mod kinds; // the kinds of Phụ lục III besides the công văn: their samples laid out and measured, their mistakes refused
mod layout; // templates/layout.typ's rules over every unit, report and the dispatch
mod markup; // text prints as typed, **bold** and __italic__ where meant
mod output; // out/: reruns, single documents, the manifest, killed runs
mod rebuild; // a build again lays out only what changed, and equals a full build
mod remind; // the reminder to units that have not reported
mod reports; // a unit's filled report: its rows, checks, totals and layout
mod returned; // returned files a careless or hostile sender made, read in bounded work
mod signatures; // signed and attacked returns, each imported with its status
mod signing; // PDF/A-2b, the empty signature field, signature and seal images
mod summary; // the monthly summary, its CSV and workbook
mod vietnamese; // dates, counts and shares as the decree writes them
mod watch; // vanban watch
mod windows; // the Windows program under Wine (ignored unless --include-ignored, as in .ci/run)
mod workbooks; // forms and summaries as Excel workbooks, filled workbooks imported

/// With `autotests = false`, a file of tests/ is compiled only if it is one
/// of the modules above.
#[test]
fn every_file_of_tests_is_a_module_here() {
    let main = include_str!("main.rs");
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for entry in std::fs::read_dir(tests).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("main.rs") {
            let module = path.file_stem().unwrap().to_str().unwrap();
            let declared = main.lines().any(|line| line.starts_with(&format!("mod {module};")));
            assert!(declared, "tests/{module}.rs is not compiled: add `mod {module};` to tests/main.rs");
        }
    }
}
