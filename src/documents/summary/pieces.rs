//! A summary laid out a piece at a time. Typst holds about 130 KB for each
//! table row while it lays a table out, so the summary of 5,000 units took
//! 2.3 GB laid out whole. In pieces of a few hundred rows, each exported and
//! Typst's cache emptied before the next, it stays under 250 MB. Each piece
//! but the last ends where a page does, the next one starting with what
//! began that page, so the pages are those the summary has laid out whole.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use typst::foundations::{Label, Selector};
use typst::introspection::{Introspector, MetadataElem};
use typst::model::DocumentInfo;
use typst_layout::PagedDocument;

use super::SummaryView;
use crate::documents::Renderer;
use crate::error::Result;
use crate::pdf::bundle::JoinedPdf;
use crate::rebuild::Pieces;
use crate::render::{self, FieldPlace, PdfSettings};
use crate::templates::Template;

/// The rows a piece holds: at 200 the summary of 5,000 units peaked at
/// 184 MB (500 took 252 MB). A summary of no more rows is laid out whole,
/// and tagged for screen readers as every other document is.
pub const PIECE_ROWS: usize = 200;

/// What a piece of the summary holds: summary.typ's `data.part`.
#[derive(Debug, Serialize)]
pub(super) struct Piece {
    /// The number of its first page.
    first_page: usize,
    /// Whether it holds the header through section 1.
    front: bool,
    /// Whether it holds section 4 through the signature.
    tail: bool,
    comparison: Slice,
    results: Slice,
    chart: Slice,
    deadlines: Slice,
}

/// The rows of one long table that a piece holds.
#[derive(Debug, Serialize)]
struct Slice {
    /// The table's first row among the summary's rows.
    start: usize,
    /// The rows laid out, counted in the table.
    from: usize,
    to: usize,
    /// The heading of the group the first row laid out is in, where that
    /// row is not one: the page it begins repeats it. The data holds it
    /// before the rows (see `repeated`).
    #[serde(skip)]
    heading: Option<usize>,
    /// Whether the data's first row is that heading.
    repeated: bool,
    /// Whether the words leading into the table come first.
    lead: bool,
    /// Whether its rows and lead-in carry their place, for `last_page_start`.
    marked: bool,
}

/// The summary's data as the piece `part` of it reads it: of each long
/// table only the rows it lays out, after the heading its page repeats; the header and
/// section 1 only in the front, the sections after the tables and the
/// signature only in the tail, a table's lead-in only with it. A piece thus
/// costs Typst its own rows, not the whole summary's, and a piece whose rows
/// did not change is the same data as before: the next build takes it as
/// it was (see `crate::rebuild::Pieces`).
pub(super) fn piece_data(summary: &Value, part: Piece) -> Value {
    let Value::Object(fields) = summary else { unreachable!("a summary serializes to an object") };
    let rows = |lines: &Value, slice: &Slice| match lines {
        Value::Array(lines) => Value::Array(slice.heading.into_iter().chain(slice.from..slice.to).map(|row| lines[row].clone()).collect()),
        other => other.clone(),
    };
    // A long table's fields: its rows sliced, its lead-in only with it.
    let table = |table: &Map<String, Value>, slice: &Slice, lead: &str| {
        let field = |(key, value): (&String, &Value)| match key.as_str() {
            "lines" => rows(value, slice),
            key if key == lead && !slice.lead => Value::Null,
            _ => value.clone(),
        };
        Value::Object(table.iter().map(|entry| (entry.0.clone(), field(entry))).collect())
    };
    let field = |(key, value): (&String, &Value)| match (key.as_str(), value) {
        ("header" | "subject" | "recipients" | "intro" | "overall", _) if !part.front => Value::Null,
        ("missing" | "reasons" | "signature", _) if !part.tail => Value::Null,
        ("change_note", _) if !part.results.lead => Value::Null,
        ("lines", lines) => rows(lines, &part.results),
        ("deadlines", lines) => rows(lines, &part.deadlines),
        ("comparison", Value::Object(comparison)) => table(comparison, &part.comparison, "intro"),
        ("chart", Value::Object(chart)) => table(chart, &part.chart, "caption"),
        _ => value.clone(),
    };
    let mut data: Map<String, Value> = fields.iter().map(|entry| (entry.0.clone(), field(entry))).collect();
    data.insert("part".into(), serde_json::to_value(part).expect("a piece serializes"));
    Value::Object(data)
}

/// Where a piece begins: a row of the summary's long tables, and whether
/// the lead-in of the table beginning at that row comes first.
type Start = (usize, bool);

/// The rows of the summary's long tables one after another (comparison,
/// units, chart, deadlines): how many each has, and which are a group's
/// heading.
pub(super) struct Rows {
    sizes: [usize; 4],
    heading: Vec<bool>,
}

impl Rows {
    pub(super) fn of(summary: &SummaryView) -> Self {
        let comparison: Vec<bool> = summary.comparison.iter().flat_map(|c| &c.lines).map(|line| line.kind == "section").collect();
        let results: Vec<bool> = summary.lines.iter().map(|line| line.kind == "group").collect();
        let chart: Vec<bool> = summary.chart.iter().flat_map(|c| &c.lines).map(|line| line.kind == "group").collect();
        let deadlines = vec![false; summary.deadlines.len()];
        let sizes = [comparison.len(), results.len(), chart.len(), deadlines.len()];
        Self { sizes, heading: [comparison, results, chart, deadlines].concat() }
    }

    pub(super) fn count(&self) -> usize {
        self.heading.len()
    }

    /// The piece of rows `from` to `to` whose first page is numbered `first_page`.
    fn piece(&self, (from, lead): Start, to: usize, first_page: usize, marked: bool) -> Piece {
        let mut start = 0;
        let [comparison, results, chart, deadlines] = self.sizes.map(|size| {
            let end = start + size;
            // A lead-in goes with the piece holding its table's first row,
            // unless it was left on the page before.
            let lead = if from < start { start < to } else { from == start && lead };
            let (from, to) = (from.clamp(start, end) - start, to.clamp(start, end) - start);
            let heading = match from < to && !self.heading[start + from] {
                true => (0..from).rev().find(|&row| self.heading[start + row]),
                false => None,
            };
            let slice = Slice { start, from, to, heading, repeated: heading.is_some(), lead, marked };
            start = end;
            slice
        });
        Piece { first_page, front: from == 0 && lead, tail: to == self.count(), comparison, results, chart, deadlines }
    }

    /// The whole summary as one piece.
    pub(super) fn whole(&self) -> Piece {
        self.piece((0, true), self.count(), 1, false)
    }
}

impl SummaryView {
    /// The summary's PDF laid out `rows_per_piece` rows at a time, exported
    /// piece by piece and joined. The pieces carry no structure tree: Typst
    /// tags a document it lays out whole. A piece the last build laid out
    /// from the same data is taken from `pieces`, not laid out again.
    pub fn pdf_in_pieces(&self, renderer: &Renderer, ident: &str, settings: PdfSettings, rows_per_piece: usize, pieces: &Pieces) -> Result<Vec<u8>> {
        let rows = Rows::of(self);
        let count = rows.count();
        let whole = serde_json::to_value(self).expect("views serialize to JSON");
        let meta = render::PdfMeta { tagged: false, ..self.meta(ident) };
        let made_from = renderer.inputs().text(&format!("{settings:?}")).meta(&meta);
        let mut joined = JoinedPdf::new(ident);
        let (mut start, mut first_page, mut signing) = ((0, true), 1, None);
        loop {
            let mut to = (start.0 + rows_per_piece.max(1)).min(count);
            // A group's heading goes with its rows, never last.
            while to < count && rows.heading[to - 1] {
                to += 1;
            }
            let data = piece_data(&whole, rows.piece(start, to, first_page, true));
            let inputs = made_from.clone().document(Template::Summary, &data, &self.stamps).finish();
            let laid = match pieces.take(ident, &inputs, LaidPiece::read) {
                Some(laid) => laid,
                None => {
                    let laid = self.lay_out(renderer, &data, &meta, settings, to < count, start)?;
                    pieces.keep(ident, &inputs, &laid.bytes())?;
                    laid
                }
            };
            joined.append(&laid.pdf)?;
            if to == count {
                signing = laid.signing.map(|place| FieldPlace { page: place.page + first_page - 1, ..place });
            }
            first_page += laid.kept;
            start = match laid.next {
                Some(next) => next,
                None if to < count => (to, true),
                None => break,
            };
        }
        crate::pdf::with_sign_field(joined.finish()?, signing.filter(|_| settings.sign_field), crate::pdf::SIGNATURE_FIELD, ident)
    }

    /// Lays out the piece of `data`, which begins at `start`, and exports
    /// the pages it keeps: all but the last where `more` follows.
    fn lay_out(&self, renderer: &Renderer, data: &Value, meta: &render::PdfMeta, settings: PdfSettings, more: bool, start: Start) -> Result<LaidPiece> {
        let document = render::compile(&renderer.engine, Template::Summary, data, &self.stamps)?;
        let pages = document.pages();
        // The last page is laid out again at the head of the next piece,
        // from what began it, unless the piece is one page.
        let next = (more && pages.len() > 1).then(|| last_page_start(&document)).flatten().filter(|&next| ordered(next) > ordered(start));
        let kept = if next.is_some() { pages.len() - 1 } else { pages.len() };
        let signing = render::signing_place(&document).map(|signing| signing.place);
        let mut piece = PagedDocument::new(pages[..kept].iter().cloned().collect(), DocumentInfo::default());
        drop(document);
        let pdf = render::typst_pdf(&mut piece, meta, settings)?;
        // What Typst keeps of this piece's layout is of no use to the next
        // (nor, in a build, much to the other threads': they lay it out again).
        typst::comemo::evict(0);
        Ok(LaidPiece { kept, next, signing, pdf })
    }
}

/// A piece laid out: how many pages it keeps, where the next begins, where
/// its signer signs (on a page of its own), and its PDF.
#[derive(Serialize, Deserialize)]
struct LaidPiece {
    kept: usize,
    next: Option<Start>,
    signing: Option<FieldPlace>,
    #[serde(skip)]
    pdf: Vec<u8>,
}

impl LaidPiece {
    /// As kept for the next build: the rest on a line, then the PDF.
    fn bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).expect("a piece serializes");
        bytes.push(b'\n');
        bytes.extend_from_slice(&self.pdf);
        bytes
    }

    fn read(bytes: &[u8]) -> Option<Self> {
        let line = bytes.iter().position(|&b| b == b'\n')?;
        let laid: Self = serde_json::from_slice(&bytes[..line]).ok()?;
        Some(Self { pdf: bytes[line + 1..].to_vec(), ..laid })
    }
}

/// Pieces start in the order of the rows, a lead-in before its table's first row.
fn ordered((row, lead): Start) -> (usize, bool) {
    (row, !lead)
}

/// What begins the last page of a laid-out piece: the first row or lead-in
/// marked on it.
fn last_page_start(document: &PagedDocument) -> Option<Start> {
    let introspector = document.introspector();
    let last = document.pages().len();
    let marks = |name: &str, lead: bool| {
        let label = Label::new(typst::utils::PicoStr::intern(name)).expect("a valid label");
        introspector.query(&Selector::Label(label)).into_iter().filter_map(move |mark| {
            let typst::foundations::Value::Int(row) = mark.to_packed::<MetadataElem>()?.value else { return None };
            let page = introspector.position(mark.location()?)?.page.get();
            (page == last).then_some((usize::try_from(row).ok()?, lead))
        })
    };
    marks("vanban-row", false).chain(marks("vanban-lead", true)).min_by_key(|&start| ordered(start))
}
