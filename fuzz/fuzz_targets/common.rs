//! What the fuzz targets share: the embedded campaign, and a run of one
//! document kind over arbitrary text. Nothing may panic; bad input must come
//! back as an error while it is checked, never from the template.

use std::sync::LazyLock;

use typst_layout::PagedDocument;
use vanban::commands::Workspace;
use vanban::data::DataDir;
use vanban::documents::report::{FormContext, ReportDocument};
use vanban::error::Error;
use vanban::model::{Report, SourceFile, Units};
use vanban::render::{self, PdfMeta, PdfSettings};

static WORKSPACE: LazyLock<Workspace> = LazyLock::new(|| Workspace::open(DataDir::Embedded, &[], None).expect("the embedded data is valid"));

/// Where a report's input turns from its TOML to its rows' CSV.
const CSV_MARK: &str = "\n#csv\n";

#[allow(dead_code, reason = "each target runs one kind")]
pub enum Kind {
    Dispatch,
    Report,
    Units,
}

fn no_file(name: &str) -> Result<Vec<u8>, Error> {
    Err(Error::read(std::path::Path::new(name), std::io::ErrorKind::NotFound.into()))
}

/// Data that passed the checks lays out and exports as PDF/A: a template
/// error (a program fault, such as a glyph no font has) is a crash for the
/// fuzzer to report.
fn data_only(laid_out: Result<PagedDocument, Error>, meta: PdfMeta) {
    let exported = laid_out.and_then(|document| render::pdf(document, &meta, PdfSettings::default()));
    if let Err(error @ Error::Template { .. }) = exported {
        panic!("{error}");
    }
}

/// Loads, checks and, when the data passes, renders `data` as a `kind`.
pub fn run(kind: Kind, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let workspace = &*WORKSPACE;
    let source = SourceFile::new("fuzz.toml", text);
    let renderer = &workspace.renderer;
    let units = workspace.units().unwrap();
    let dispatch = workspace.form_dispatch().unwrap();
    match kind {
        Kind::Dispatch => {
            if let Ok(checked) = workspace.check_dispatch(&source, &no_file) {
                data_only(checked.layout(renderer), checked.meta("fuzz"));
            }
        }
        Kind::Report => {
            // After a line "#csv" (a TOML comment), the input is the CSV file
            // that any rows_csv of the report names.
            let csv = text.split_once(CSV_MARK).map_or("", |(_, csv)| csv);
            let read = |name: &str| Ok((name.to_owned(), csv.as_bytes().to_vec()));
            if let Ok(checked) = Report::load(&source, units, None, &read) {
                let report = &checked.report;
                let form = FormContext { units, dispatch: &dispatch }.filled(report);
                let document = ReportDocument::new(renderer, "fuzz".into(), report.date.0, vec![form]);
                data_only(document.layout(renderer), document.meta("fuzz"));
            }
        }
        Kind::Units => {
            if let Ok(units) = Units::load(&source) {
                let context = FormContext { units: &units, dispatch: &dispatch };
                let forms = units.units.iter().take(3).map(|unit| context.blank(Some(unit))).collect();
                let document = ReportDocument::new(renderer, "fuzz".into(), dispatch.date.0, forms);
                data_only(document.layout(renderer), document.meta("fuzz"));
            }
        }
    }
    // Keep Typst's cache from growing over a long run.
    typst::comemo::evict(10);
}
