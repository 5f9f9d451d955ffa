//! Compiling a template over a document's data, and exporting the pages.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, Result};
use crate::stamp::Stamp;
use crate::templates::Template;
use crate::world::{DocumentWorld, Engine};

/// Vietnam's offset from UTC, in minutes: the zone every document is dated in.
const VIETNAM_OFFSET_MINUTES: i32 = 7 * 60;

/// Lays out `template` over `data`, which reaches it as /data.json; the
/// stamps (signature, seal) are served at their virtual paths.
pub fn compile(engine: &Engine, template: Template, data: &impl Serialize, stamps: &[Stamp]) -> Result<PagedDocument> {
    let json = serde_json::to_vec(data).expect("views serialize to JSON");
    let files: Vec<(&str, &[u8])> = stamps.iter().map(|s| (s.path.as_str(), s.bytes.as_slice())).collect();
    let world = engine.world(template.entry(), json, &files);
    typst::compile::<PagedDocument>(&world).output.map_err(|errors| template_error(&world, template, &errors))
}

/// How PDFs are written: the same for every document of a run.
#[derive(Debug, Clone, Copy)]
pub struct PdfSettings {
    /// PDF/A-2b, for archiving as it is (on by default; --no-pdfa).
    pub pdfa: bool,
    /// An empty signature field where the signer signs (--no-sign-field).
    pub sign_field: bool,
}

impl Default for PdfSettings {
    fn default() -> Self {
        Self { pdfa: true, sign_field: true }
    }
}

/// What a PDF says about itself.
pub struct PdfMeta<'a> {
    /// A stable identifier: the document's path under the output folder.
    pub ident: &'a str,
    pub title: &'a str,
    /// The document's own date: the PDF's timestamps.
    pub date: NaiveDate,
    /// Whether the PDF carries its structure for screen readers. Blank forms
    /// to fill by hand skip it: it is a fifth of their export time, and a
    /// batch prints a thousand of them.
    pub tagged: bool,
}

/// The PDF bytes as Typst writes them (the signature field is added after,
/// by `pdf::export`). The identifier and the timestamps come from the
/// document itself (its name and date), so the same data gives the same bytes.
pub fn typst_pdf(document: &mut PagedDocument, meta: &PdfMeta, settings: PdfSettings) -> Result<Vec<u8>> {
    let PdfMeta { ident, title, date, .. } = *meta;
    document.info_mut().title = Some(title.into());
    let midnight = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .expect("a document's year is within model::YEARS, which Typst's datetime holds");
    let options = PdfOptions {
        ident: Smart::Custom(format!("vanban/{ident}")),
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Timestamp::new_local(midnight, VIETNAM_OFFSET_MINUTES),
        standards: match settings.pdfa {
            true => PdfStandards::new(&[PdfStandard::A_2b]).expect("PDF/A-2b is a valid standard"),
            false => PdfStandards::default(),
        },
        tagged: meta.tagged,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| Error::Fault { document: ident.to_owned(), message: errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ") })
}

/// Where a form field goes: a page (from 0) and a rectangle in points, from
/// the page's bottom-left corner as PDF counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FieldPlace {
    pub page: usize,
    pub rect: [f64; 4],
}

/// Where the signer signs: the room between title and name of the first
/// signature block that names its signer, as a field's place in the PDF,
/// clear of the text lines above and below: signing tools draw their stamp
/// over the whole field (pyHanko's default box, with its border), and it
/// must not cross the title or touch the name.
pub fn signing_place(document: &PagedDocument) -> Option<Signing> {
    signing_places(document).into_iter().find(|signing| signing.role == "signer")
}

/// A signature block's room to sign, as its marker in templates/layout.typ
/// gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Signing {
    /// "signer", or "co_signer" for the second body's signer of a joint document.
    pub role: String,
    /// The signature field's place: the room, as wide as the signer's column.
    pub place: FieldPlace,
    /// The size of the signer's name, printed under the room.
    pub name_size: f64,
}

/// Where each signer signs, the first block of each role.
pub fn signing_places(document: &PagedDocument) -> Vec<Signing> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern("vanban-signing")) else { return Vec::new() };
    let introspector = document.introspector();
    let mut places: Vec<Signing> = Vec::new();
    for marker in introspector.query(&Selector::Label(label)) {
        let Some(metadata) = marker.to_packed::<MetadataElem>() else { continue };
        let Value::Dict(dict) = &metadata.value else { continue };
        let number = |key: &str| number_in(dict, key);
        let (Ok(Value::Str(role)), Some(width), Some(room), Some(name_size)) = (dict.get("role"), number("width"), number("height"), number("name-size"))
        else {
            continue;
        };
        if places.iter().any(|seen| seen.role == role.as_str()) {
            continue;
        }
        let Some(position) = marker.location().and_then(|location| introspector.position(location)) else { continue };
        let page = &document.pages()[position.page.get() - 1];
        let height = page.frame.height().to_pt();
        let (x, top) = (position.point.x.to_pt(), position.point.y.to_pt());
        let (above, below) = (CLEAR_ABOVE_MM * MM, CLEAR_BELOW_MM * MM);
        let place = FieldPlace { page: position.page.get() - 1, rect: [x, height - top - room + below, x + width, height - top - above] };
        places.push(Signing { role: role.to_string(), place, name_size });
    }
    places
}

/// The number at `key` of a marker's metadata (Typst gives a length's
/// points as a float, a whole one sometimes as an integer).
pub fn number_in(dict: &typst::foundations::Dict, key: &str) -> Option<f64> {
    match dict.get(key) {
        Ok(typst::foundations::Value::Float(f)) => Some(*f),
        Ok(typst::foundations::Value::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

/// The field's distance to the room's top and bottom. The 14 pt lines
/// around the room reach into it as a reader boxes them (pdftotext: the
/// title's descent 1.1 mm, the name's ascent 0.1 mm); 2 mm more leaves each
/// clear by 2 mm and a little, for a font with longer descenders.
const CLEAR_ABOVE_MM: f64 = 3.5;
const CLEAR_BELOW_MM: f64 = 2.5;
const MM: f64 = 72.0 / 25.4;

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
    Error::Fault { document: template.entry().trim_start_matches('/').to_owned(), message }
}

// What this module tells the user, in Vietnamese.
