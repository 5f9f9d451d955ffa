//! Compiling a template over a document's data, and exporting the pages.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::error::{Error, Result};
use crate::templates::Template;
use crate::world::{DocumentWorld, Engine};

/// Vietnam's offset from UTC, in minutes: the zone every document is dated in.
const VIETNAM_OFFSET_MINUTES: i32 = 7 * 60;

/// Lays out `template` over `data`, which reaches it as /data.json.
pub fn compile(engine: &Engine, template: Template, data: &impl Serialize) -> Result<PagedDocument> {
    let json = serde_json::to_vec(data).expect("views serialize to JSON");
    let world = engine.world(template.entry(), json);
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| template_error(&world, template, &errors))
}

/// What a PDF says about itself.
pub struct PdfMeta<'a> {
    /// A stable identifier: the document's path under the output folder.
    pub ident: &'a str,
    pub title: &'a str,
    /// The document's own date: the PDF's timestamps.
    pub date: NaiveDate,
}

/// The PDF bytes. The identifier and the timestamps come from the document
/// itself (its name and date), so the same data gives the same bytes.
pub fn pdf(mut document: PagedDocument, meta: &PdfMeta) -> Result<Vec<u8>> {
    let PdfMeta { ident, title, date } = *meta;
    document.info_mut().title = Some(title.into());
    let midnight = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .expect("a calendar date is a valid datetime");
    let options = PdfOptions {
        ident: Smart::Custom(format!("vanban/{ident}")),
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Timestamp::new_local(midnight, VIETNAM_OFFSET_MINUTES),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| Error::Template {
        document: ident.to_owned(),
        message: errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; "),
    })
}

/// Every page as a PNG image `width_px` pixels wide, for posting online.
pub fn png(document: &PagedDocument, width_px: u32) -> Vec<Vec<u8>> {
    document
        .pages()
        .iter()
        .map(|page| {
            let pixel_per_pt = f64::from(width_px) / page.frame.width().to_pt();
            let options = typst_render::RenderOptions { pixel_per_pt: pixel_per_pt.into(), render_bleed: false };
            typst_render::render(page, &options).encode_png().expect("a rendered page encodes as PNG")
        })
        .collect()
}

fn template_error(world: &DocumentWorld, template: Template, errors: &[SourceDiagnostic]) -> Error {
    let message = errors
        .iter()
        .map(|error| {
            let place = error.span.id().and_then(|id| {
                let range = world.range(error.span)?;
                let source = typst::World::source(world, id).ok()?;
                let line = source.lines().byte_to_line(range.start)? + 1;
                Some(format!("{}:{line}: ", id.vpath().get_with_slash()))
            });
            format!("{}{}", place.unwrap_or_default(), error.message)
        })
        .collect::<Vec<_>>()
        .join("; ");
    Error::Template { document: template.entry().trim_start_matches('/').to_owned(), message }
}
