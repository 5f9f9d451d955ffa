//! An empty digital-signature field (AcroForm, /FT /Sig) added to a finished
//! PDF as an incremental update, over the space between the signer's title
//! and name, so that a signing tool (Ban Cơ yếu's, Adobe, Foxit, pyHanko)
//! signs in place. Typst writes no form fields; appending keeps its bytes,
//! and the file, PDF/A-2b: the widget prints, has an (empty) appearance,
//! and carries no JavaScript.

use std::fmt::Write;

/// Where the field goes: a page (from 0) and a rectangle in points, from the
/// page's bottom-left corner as PDF counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldPlace {
    pub page: usize,
    pub rect: [f64; 4],
}

/// The PDF with the field added, or None if its structure is not the plain
/// one Typst writes (a classic cross-reference table, a flat page tree).
pub fn add(pdf: &[u8], name: &str, place: FieldPlace) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(&pdf[tail_start(pdf)..]).ok()?;
    let trailer = &text[text.rfind("trailer")?..];
    let size: usize = number_after(trailer, "/Size")?;
    let root: usize = number_after(trailer, "/Root")?;
    let previous: usize = number_after(&trailer[trailer.find("startxref")?..], "startxref")?;
    let id = trailer.find("/ID").and_then(|i| Some(&trailer[i..i + trailer[i..].find(']')? + 1]));
    let info = number_after::<usize>(trailer, "/Info");

    let catalog = object(pdf, root)?;
    let pages = number_after::<usize>(&catalog, "/Pages")?;
    let kids = object(pdf, pages)?;
    let kids = &kids[kids.find("/Kids")?..];
    let kids: Vec<usize> = kids[kids.find('[')? + 1..kids.find(']')?]
        .split(" R")
        .filter_map(|r| r.split_whitespace().next()?.parse().ok())
        .collect();
    let page = *kids.get(place.page)?;
    let page_dict = object(pdf, page)?;
    if page_dict.contains("/Type /Pages") || page_dict.contains("/Type/Pages") {
        return None;
    }

    let (widget, appearance) = (size, size + 1);
    let [x0, y0, x1, y1] = place.rect;
    let (width, height) = (x1 - x0, y1 - y0);
    let annots = match page_dict.find("/Annots") {
        Some(at) if page_dict[at..].trim_start_matches("/Annots").trim_start().starts_with('[') => {
            let open = at + page_dict[at..].find('[')?;
            format!("{}[{widget} 0 R {}", &page_dict[..open], &page_dict[open + 1..])
        }
        Some(_) => return None,
        None => insert_before_end(&page_dict, &format!("/Annots [{widget} 0 R]"))?,
    };
    let catalog = insert_before_end(&catalog, &format!("/AcroForm << /Fields [{widget} 0 R] >>"))?;

    let mut update = String::from("\n");
    let mut offsets = Vec::new();
    let mut push = |number: usize, body: String, update: &mut String| {
        offsets.push((number, pdf.len() + update.len()));
        write!(update, "{number} 0 obj\n{body}\nendobj\n").unwrap();
    };
    push(root, catalog, &mut update);
    push(page, annots, &mut update);
    push(
        widget,
        format!(
            "<< /Type /Annot /Subtype /Widget /FT /Sig /T ({}) /F 4 /P {page} 0 R /Rect [{x0:.2} {y0:.2} {x1:.2} {y1:.2}] /AP << /N {appearance} 0 R >> >>",
            escape(name)
        ),
        &mut update,
    );
    push(
        appearance,
        format!("<< /Type /XObject /Subtype /Form /BBox [0 0 {width:.2} {height:.2}] /Length 0 >>\nstream\n\nendstream"),
        &mut update,
    );
    offsets.sort();
    let xref = pdf.len() + update.len();
    update.push_str("xref\n");
    for (number, offset) in &offsets {
        write!(update, "{number} 1\n{offset:010} 00000 n\r\n").unwrap();
    }
    write!(update, "trailer\n<< /Size {} /Root {root} 0 R", appearance + 1).unwrap();
    if let Some(info) = info {
        write!(update, " /Info {info} 0 R").unwrap();
    }
    if let Some(id) = id {
        write!(update, " {id}").unwrap();
    }
    write!(update, " /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n").unwrap();

    let mut out = pdf.to_vec();
    out.extend_from_slice(update.as_bytes());
    Some(out)
}

/// Where the last trailer's text may start: the end of the file is plain text.
fn tail_start(pdf: &[u8]) -> usize {
    pdf.len().saturating_sub(4096)
}

/// The dictionary of object `number`, as written ("N 0 obj … endobj").
fn object(pdf: &[u8], number: usize) -> Option<String> {
    let header = format!("\n{number} 0 obj");
    let start = find(pdf, header.as_bytes())? + header.len();
    let end = start + find(&pdf[start..], b"endobj")?;
    let body = std::str::from_utf8(&pdf[start..end]).ok()?.trim();
    // Only a dictionary, not a stream: the objects changed here have none.
    (body.starts_with("<<") && body.ends_with(">>") && !body.contains("stream")).then(|| body.to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn number_after<T: std::str::FromStr>(text: &str, key: &str) -> Option<T> {
    let rest = &text[text.find(key)? + key.len()..];
    rest.split(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty())?.parse().ok()
}

fn insert_before_end(dict: &str, entry: &str) -> Option<String> {
    let end = dict.rfind(">>")?;
    Some(format!("{}{entry}{}", &dict[..end], &dict[end..]))
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")
}
