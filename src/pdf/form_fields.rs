//! A blank form made fillable: text fields over its blanks and empty table
//! cells, added to the finished PDF as an incremental update (Typst writes
//! no fields). The fields keep the file PDF/A-2b: each widget prints, has an
//! appearance, there is no JavaScript and no NeedAppearances, and their font
//! (a subset of Liberation Serif with every Vietnamese letter, embedded once
//! as the form's default resource) draws whatever a unit types.

use std::sync::OnceLock;

use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, Stream, dictionary};
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem, Transform};
use typst_layout::PagedDocument;

use super::Widget;
use crate::fields;
use crate::render::Signing;

/// One text field: its name, where it lies (page from 0, rectangle in
/// points from the page's bottom-left corner) and how it shows its text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextField {
    pub name: String,
    pub page: usize,
    pub rect: [f64; 4],
    /// Text (a name, a reason) wraps, smaller, onto more lines where it is
    /// long, flush left as the printed table sets it; a value stays on one
    /// centred line.
    pub wraps: bool,
}

/// A text field's flag that lets its text wrap (PDF 32000-1, table 228).
const MULTILINE: i64 = 1 << 12;

/// The name of the fields' font in the form's resources.
const FONT: &str = "VnSerif";
/// The dotted blank of a paper form, which a field replaces on screen.
const DOTS: &str = "......";
/// A field's height over the size of the text printed around it. Its text
/// is auto-sized (size 0 in /DA), so that whatever is typed fits: pdf.js
/// sets one line at the height over 1.35 (its line factor), pypdf at the
/// height less 2 over the font's height (1.1 em), so a field this tall
/// shows a short value at about the printed size, and longer text smaller
/// (a name or reason over more lines). A taller field, the whole cell,
/// would fit long text larger but set a short name at 16 pt in pdf.js.
const LINE: f64 = 1.35;

/// Where the fields of a laid-out blank form go, in tab order: the number
/// and date (day, month, year) in the header, the period reported on,
/// every cell of every empty row (marked by the template), then the signer's name under the
/// signing room `signing` (from `render::signing_place`).
pub fn places(document: &PagedDocument, signing: Option<Signing>) -> Vec<TextField> {
    let Some(first) = document.pages().first() else { return Vec::new() };
    let height = first.frame.height().to_pt();
    let mut blanks = Vec::new();
    text_blanks(&first.frame, Transform::identity(), &mut blanks);
    // In reading order: the number, the date, the period and year reported on.
    blanks.sort_by(|a, b| (a.1 / 2.0).round().total_cmp(&(b.1 / 2.0).round()).then(a.0.total_cmp(&b.0)));
    let names = [fields::NUMBER, fields::DAY, fields::MONTH, fields::YEAR, fields::REPORT_PERIOD, fields::REPORT_YEAR];
    let mut fields: Vec<TextField> = blanks
        .iter()
        .zip(names)
        .map(|(&(x, baseline, width, size), name)| TextField {
            name: name.to_owned(),
            page: 0,
            rect: [x, height - baseline - size * 0.3, x + width, height - baseline + size * (LINE - 0.3)],
            wraps: false,
        })
        .collect();
    let label = Label::new(typst::utils::PicoStr::intern("vanban-field")).expect("a valid label");
    let introspector = document.introspector();
    for mark in introspector.query(&Selector::Label(label)) {
        let (Some(metadata), Some(location)) = (mark.to_packed::<MetadataElem>(), mark.location()) else { continue };
        let Value::Dict(dict) = &metadata.value else { continue };
        let number = |key: &str| crate::render::number_in(dict, key);
        // The cell's box, from the mark at its inset corner.
        let (Ok(Value::Str(name)), Some(left), Some(top), Some(width), Some(cell_height), Some(size)) =
            (dict.get("name"), number("left"), number("top"), number("width"), number("height"), number("size"))
        else {
            continue;
        };
        let Some(position) = introspector.position(location) else { continue };
        let page = position.page.get() - 1;
        let page_height = document.pages()[page].frame.height().to_pt();
        let x = position.point.x.to_pt() + left;
        let (top, bottom) = (page_height - position.point.y.to_pt() - top, page_height - position.point.y.to_pt() - top - cell_height);
        let wraps = matches!(dict.get("text"), Ok(Value::Bool(true)));
        // A line's height, centred in the cell, across its whole width.
        let middle = (top + bottom) / 2.0;
        let rect = [x, middle - size * LINE / 2.0, x + width, middle + size * LINE / 2.0];
        fields.push(TextField { name: name.to_string(), page, rect, wraps });
    }
    if let Some(Signing { place, name_size, .. }) = signing {
        let [x0, y0, x1, _] = place.rect;
        let height = name_size * LINE;
        fields.push(TextField { name: fields::SIGNER.into(), page: place.page, rect: [x0, y0 - height, x1, y0], wraps: false });
    }
    fields
}

/// (x, baseline, width, size) in points of every blank on a page: dotted
/// runs and the non-breaking spaces left for a document's number.
fn text_blanks(frame: &Frame, ts: Transform, out: &mut Vec<(f64, f64, f64, f64)>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                text_blanks(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let at = pos.transform(ts);
                let size = text.size.to_pt();
                let mut x = at.x.to_pt();
                let mut run: Option<(f64, f64)> = None;
                for glyph in &text.glyphs {
                    let c = &text.text[glyph.range()];
                    let width = glyph.x_advance.at(text.size).to_pt();
                    let blank = c == "." || c == "\u{a0}";
                    match (&mut run, blank) {
                        (Some((_, w)), true) => *w += width,
                        (None, true) => run = Some((x, width)),
                        (Some(_), false) => {
                            push_blank(run.take(), at.y.to_pt(), size, out);
                        }
                        (None, false) => {}
                    }
                    x += width;
                }
                push_blank(run, at.y.to_pt(), size, out);
            }
            _ => {}
        }
    }
}

/// Keeps a run of blank glyphs wide enough to write in (not a full stop).
fn push_blank(run: Option<(f64, f64)>, baseline: f64, size: f64, out: &mut Vec<(f64, f64, f64, f64)>) {
    if let Some((x, width)) = run
        && width >= size * DOTS.len() as f64 * 0.2
    {
        out.push((x, baseline, width, size));
    }
}

/// A fillable form's fields: the text fields over its blanks, and the
/// code of the unit that fills it.
pub struct Fillable<'a> {
    pub unit: &'a str,
    pub fields: Vec<TextField>,
}

impl Fillable<'_> {
    /// How many rows of its table there are to fill: the workbook beside
    /// the form has as many.
    pub fn rows(&self) -> u32 {
        self.fields.iter().filter_map(|f| fields::parse_cell(&f.name)).map(|(row, _)| row).max().unwrap_or(0) as u32
    }
}

/// Adds to the update the text fields and the unit's code (a read-only
/// field without a widget, so it prints nowhere and travels with the file).
/// Each page lists its text widgets first, then what it had: tab order.
pub fn add(document: &mut IncrementalDocument, form: &Fillable) -> Result<(), lopdf::Error> {
    let fields = &form.fields;
    let previous = document.get_prev_documents();
    let root = previous.trailer.get(b"Root")?.as_reference()?;
    let pages = previous.get_pages();
    let page_ids: Vec<ObjectId> = (0..fields.iter().map(|f| f.page + 1).max().unwrap_or(0))
        .map(|i| pages.get(&(i as u32 + 1)).copied().ok_or(lopdf::Error::PageNumberNotFound(i as u32 + 1)))
        .collect::<Result<_, _>>()?;
    let old_annots: Vec<Vec<Object>> =
        page_ids.iter().map(|&page| super::current_entry(document, page, b"Annots").and_then(|a| a.as_array().ok().cloned()).unwrap_or_default()).collect();
    let form_dict = super::current_entry(document, root, b"AcroForm").and_then(|f| f.as_dict().ok().cloned());

    let new = &mut document.new_document;
    let font = add_font(new);
    let code = new.add_object(dictionary! {
        "FT" => "Tx",
        "T" => Object::string_literal(fields::UNIT),
        "Ff" => 1,
        "V" => lopdf::text_string(form.unit),
    });
    let mut widgets: Vec<Vec<Object>> = vec![Vec::new(); page_ids.len()];
    let mut field_refs: Vec<Object> = vec![code.into()];
    for field in fields {
        let widget = Widget {
            kind: "Tx",
            name: &field.name,
            page: page_ids[field.page],
            rect: field.rect,
            style: {
                let mut style = dictionary! {
                    "DA" => Object::string_literal(format!("/{FONT} 0 Tf 0 g")),
                    "Q" => if field.wraps { 0 } else { 1 },
                    "MK" => Dictionary::new(),
                };
                if field.wraps {
                    style.set("Ff", MULTILINE);
                }
                style
            },
            resources: Some(dictionary! { "Font" => dictionary! { FONT => font } }),
            content: b"/Tx BMC\nEMC\n".to_vec(),
        }
        .add(new);
        widgets[field.page].push(widget.into());
        field_refs.push(widget.into());
    }
    // Tab order: the rows as they read, then what the page had (the signature).
    for ((&page, mut list), old) in page_ids.iter().zip(widgets).zip(old_annots) {
        if list.is_empty() {
            continue;
        }
        list.extend(old);
        document.opt_clone_object_to_new_document(page)?;
        let dict = document.new_document.get_dictionary_mut(page)?;
        dict.set("Annots", list);
        dict.set("Tabs", "R");
    }
    let mut form = form_dict.unwrap_or_default();
    let mut all = field_refs;
    all.extend(form.get(b"Fields").and_then(Object::as_array).cloned().unwrap_or_default());
    form.set("Fields", all);
    form.set("DA", Object::string_literal(format!("/{FONT} 12 Tf 0 g")));
    form.set("DR", dictionary! { "Font" => dictionary! { FONT => font } });
    document.opt_clone_object_to_new_document(root)?;
    document.new_document.get_dictionary_mut(root)?.set("AcroForm", form);
    Ok(())
}

/// Every character a unit may type in a field: ASCII, Latin-1, every
/// Vietnamese letter precomposed, the combining marks of text typed on a
/// Mac, and the usual dashes and quotes.
fn coverage() -> impl Iterator<Item = char> {
    let ranges = [
        0x20..=0x7e,
        0xa0..=0xff,
        0x102..=0x103,
        0x110..=0x111,
        0x128..=0x129,
        0x168..=0x169,
        0x1a0..=0x1a1,
        0x1af..=0x1b0,
        0x300..=0x303,
        0x309..=0x309,
        0x323..=0x323,
        0x1ea0..=0x1ef9,
        0x2013..=0x2014,
        0x2018..=0x201e,
        0x2026..=0x2026,
    ];
    ranges.into_iter().flatten().filter_map(char::from_u32)
}

/// The fields' font: Liberation Serif Regular, subset to [`coverage`],
/// as a composite font (Identity-H) with its widths and a ToUnicode map.
/// Its streams are compressed once here, not again for every form: the same
/// bytes each time, and a tenth of a batch's compression saved.
struct FieldFont {
    program: Stream,
    to_unicode: Stream,
    /// (code, unicode, width in 1/1000 em) by code; code = the subset's glyph id.
    glyphs: Vec<(u16, char, f64)>,
    bbox: [f64; 4],
    ascent: f64,
    descent: f64,
    cap_height: f64,
}

fn field_font() -> &'static FieldFont {
    static FONT: OnceLock<FieldFont> = OnceLock::new();
    FONT.get_or_init(|| {
        let data = crate::fonts::REGULAR;
        let face = ttf_parser::Face::parse(data, 0).expect("the bundled font parses");
        let scale = 1000.0 / f64::from(face.units_per_em());
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut glyphs = Vec::new();
        for c in coverage() {
            if let Some(id) = face.glyph_index(c) {
                let code = remapper.remap(id.0);
                let width = f64::from(face.glyph_hor_advance(id).unwrap_or(0)) * scale;
                glyphs.push((code, c, width));
            }
        }
        glyphs.sort_by_key(|g| g.0);
        glyphs.dedup_by_key(|g| g.0);
        let program = subsetter::subset(data, 0, &remapper).expect("the bundled font subsets");
        let mut program = Stream::new(dictionary! { "Length1" => program.len() as i64 }, program);
        let _ = program.compress();
        let mut to_unicode = Stream::new(Dictionary::new(), to_unicode_cmap(&glyphs).into_bytes());
        let _ = to_unicode.compress();
        let b = face.global_bounding_box();
        FieldFont {
            program,
            to_unicode,
            glyphs,
            bbox: [b.x_min, b.y_min, b.x_max, b.y_max].map(|v| f64::from(v) * scale),
            ascent: f64::from(face.ascender()) * scale,
            descent: f64::from(face.descender()) * scale,
            cap_height: f64::from(face.capital_height().unwrap_or(face.ascender())) * scale,
        }
    })
}

/// Adds the fields' font to the update; returns the Type0 font.
fn add_font(document: &mut lopdf::Document) -> ObjectId {
    let font = field_font();
    // A fixed subset tag: the same font gives the same bytes.
    let name = "VNBANF+LiberationSerif";
    let program = document.add_object(font.program.clone());
    let descriptor = document.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => name,
        "Flags" => 6,
        "FontBBox" => font.bbox.iter().map(|&v| Object::Real(v as f32)).collect::<Vec<_>>(),
        "ItalicAngle" => 0,
        "Ascent" => font.ascent as f32,
        "Descent" => font.descent as f32,
        "CapHeight" => font.cap_height as f32,
        "StemV" => 80,
        "FontFile2" => program,
    });
    let widths: Vec<Object> = font.glyphs.iter().map(|&(_, _, w)| Object::Real(w as f32)).collect();
    let first = font.glyphs.first().map_or(0, |g| g.0);
    let cid_font = document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => name,
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => vec![i64::from(first).into(), Object::Array(widths)],
        "CIDToGIDMap" => "Identity",
    });
    let to_unicode = document.add_object(font.to_unicode.clone());
    document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => name,
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    })
}

fn to_unicode_cmap(glyphs: &[(u16, char, f64)]) -> String {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in glyphs.chunks(100) {
        cmap += &format!("{} beginbfchar\n", chunk.len());
        for &(code, c, _) in chunk {
            let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
            cmap += &format!("<{code:04X}> <{utf16}>\n");
        }
        cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    cmap
}
