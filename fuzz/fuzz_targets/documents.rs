//! Arbitrary TOML through loading, checking and rendering of each kind of
//! document: the first byte picks the kind, the rest is the file. Nothing
//! may panic; bad input must come back as an error.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vanban::commands::Workspace;
use vanban::data::DataDir;
use vanban::documents::report::{FormContext, ReportDocument};
use vanban::error::Error;
use vanban::model::{Report, SourceFile, Units};

static WORKSPACE: LazyLock<Workspace> =
    LazyLock::new(|| Workspace::open(DataDir::Embedded, &[], None).expect("the embedded data is valid"));

fn no_file(name: &str) -> Result<Vec<u8>, Error> {
    Err(Error::read(std::path::Path::new(name), std::io::ErrorKind::NotFound.into()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let workspace = &*WORKSPACE;
    let source = SourceFile { name: "fuzz.toml".into(), text: text.into() };
    let renderer = &workspace.renderer;
    let units = workspace.units().unwrap();
    let dispatch = workspace.form_dispatch().unwrap();
    let context = FormContext { units, dispatch: &dispatch };
    match kind % 3 {
        0 => {
            if let Ok(checked) = workspace.check_dispatch(&source, &no_file) {
                let _ = checked.render(renderer, "fuzz");
            }
        }
        1 => {
            let read = |name: &str| no_file(name).map(|_| unreachable!());
            if let Ok(checked) = Report::load(&source, units, None, &read) {
                let report = &checked.report;
                let document = ReportDocument::new(renderer, "fuzz".into(), report.date.0, vec![context.filled(report)]);
                let _ = document.render(renderer, "fuzz");
            }
        }
        _ => {
            if let Ok(units) = Units::load(&source) {
                let context = FormContext { units: &units, dispatch: &dispatch };
                let forms = units.units.iter().take(3).map(|unit| context.blank(Some(unit))).collect();
                let _ = ReportDocument::new(renderer, "fuzz".into(), dispatch.date.0, forms).render(renderer, "fuzz");
            }
        }
    }
    typst::comemo::evict(10);
});
