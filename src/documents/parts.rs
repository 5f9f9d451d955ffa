//! The views of what the decree fixes for every document: header block,
//! body blocks, signature block, recipient lists. Their layout lives once, in
//! templates/layout.typ; the text they print is prepared here.

use serde::Serialize;

use toml::Spanned;

use crate::error::{Location, Notice, Result};
use crate::markup::{self, Span};
use crate::model::{Block, Campaign, DocDate, DocNumber, Issuer, QrBlock, Signer, SourceFile, Symbol, Text};
use crate::stamp::Stamp;
use crate::{qr, vietnamese};

/// Ô 1: the Quốc hiệu and the Tiêu ngữ, as every document (and a form's
/// workbook) prints them.
pub const NATION: [&str; 2] = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];

/// Ô 1 to 5: the two header columns. The bodies' names are printed in
/// capitals; they are kept as written here because their capitals tell the
/// template where a long name's phrases start.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderView {
    /// Ô 1: the Quốc hiệu and the Tiêu ngữ.
    pub nation: [&'static str; 2],
    pub parent: Option<String>,
    pub issuer: Vec<String>,
    pub number: String,
    pub place_date: String,
}

impl HeaderView {
    pub fn new(issuer: &Issuer, number: Option<DocNumber>, symbol: &Symbol, place: &Text, date: DocDate) -> Self {
        Self {
            nation: NATION,
            parent: issuer.parent.as_ref().map(ToString::to_string),
            issuer: issuer.name.iter().map(ToString::to_string).collect(),
            number: vietnamese::number_and_symbol(number.map(|n| n.0), symbol.as_str()),
            place_date: vietnamese::place_and_date(place.as_str(), date.0),
        }
    }
}

/// Ô 7 and 9b: who signs, and who gets a copy.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// Authority lines and title, printed in capitals, bold.
    pub title: Vec<String>,
    /// A line in italic under the title: "(Ký tên, đóng dấu)" on forms.
    pub note: Option<String>,
    /// Absent on a form that its signer fills in by hand.
    pub name: Option<String>,
    pub distribution: Vec<String>,
    /// Ô 12 under Nơi nhận: the drafter's initials and the copies, "PL.(300)".
    pub drafter: Option<String>,
    /// Virtual paths of the signature and seal images, and the seal's size.
    pub signature_image: Option<String>,
    pub seal_image: Option<String>,
    pub seal_mm: f64,
    /// A fillable form marks its signing room even without a name: the
    /// signer signs, and types the name, in the file.
    pub fillable: bool,
}

/// The seal's diameter when the data gives none: the common round seal.
const SEAL_MM: f64 = 36.0;

impl SignatureView {
    /// The block of the signer of table `table` of `source` ("signer",
    /// "co_signer"); its images are read with `read` (a path beside the data
    /// file) and checked, and returned to be served to Typst under
    /// /stamps/`folder`/, one folder for each signer of a document.
    pub fn new(
        signer: &Signer,
        (table, folder): (&str, &str),
        distribution: &[Text],
        source: &SourceFile,
        read: &dyn Fn(&str) -> Result<Vec<u8>>,
    ) -> Result<(Self, Vec<Stamp>)> {
        let title = signer.authority.iter().chain([&signer.title]).map(ToString::to_string);
        let mut stamps = Vec::new();
        let path = |name: &str| format!("/stamps/{folder}/{name}.png");
        let (signature_image, seal_image) = (path("signature"), path("seal"));
        for (name, image, path) in [("signature_image", &signer.signature_image, &signature_image), ("seal_image", &signer.seal_image, &seal_image)] {
            if let Some(file) = image {
                let bytes = read(file.get_ref()).map_err(|e| source.error_at(file.span().start, e.to_string()))?;
                let at = crate::error::Location::at(&source.name, &source.text, file.span().start).to_string();
                stamps.push(Stamp::new(&at, &format!("{table}.{name}"), bytes, path)?);
            }
        }
        let seal_mm = match &signer.seal_mm {
            Some(mm) if !(20.0..=60.0).contains(mm.get_ref()) => {
                return Err(source.error_at(mm.span().start, bad_seal_size(*mm.get_ref())));
            }
            Some(mm) => *mm.get_ref(),
            None => SEAL_MM,
        };
        let view = Self {
            title: title.collect(),
            note: None,
            name: Some(signer.name.to_string()),
            distribution: dash_list(distribution),
            drafter: None,
            signature_image: signer.signature_image.as_ref().map(|_| signature_image),
            seal_image: signer.seal_image.as_ref().map(|_| seal_image),
            seal_mm,
            fillable: false,
        };
        Ok((view, stamps))
    }
}

/// The two lines a digitally signed attachment carries at the top right of
/// its first page: the number and symbol of the document it goes with, and
/// the signing time in ISO 8601 in Vietnam's time zone.
pub fn signed_line(number_and_symbol: &str, at: chrono::DateTime<chrono::FixedOffset>) -> Vec<String> {
    vec![number_and_symbol.to_owned(), signing_time(at)]
}

/// A signing time in Vietnam's time, ISO 8601 with its offset.
pub fn signing_time(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    at.with_timezone(&vietnam).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A text's lines as the data breaks it (a subject, a title), trimmed, the
/// empty ones left out.
pub fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(String::from).collect()
}

/// "- a;", "- b;", …, "- z.": the decree's punctuation for Kính gửi and Nơi
/// nhận lists, whatever the data ended its lines with.
pub fn dash_list(items: &[Text]) -> Vec<String> {
    punctuated(items).into_iter().map(|line| format!("- {line}")).collect()
}

/// Lines of a list that reads as one sentence (the căn cứ): each ends ";",
/// the last ".".
pub fn punctuated(items: &[Text]) -> Vec<String> {
    let last = items.len().saturating_sub(1);
    items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}{}", item.as_str().trim_end_matches([';', '.', ',']).trim_end(), if i == last { "." } else { ";" }))
        .collect()
}

/// Kính gửi: one recipient stands on the line alone, without a dash;
/// several take the dash list.
pub fn recipient_lines(recipients: &[Text]) -> Vec<String> {
    match recipients {
        [one] => vec![format!("{}.", one.as_str().trim_end_matches(['.', ';']))],
        many => dash_list(many),
    }
}

/// A body block as the template draws it.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockView {
    Paragraph { spans: Vec<Span> },
    Section { label: String, spans: Vec<Span> },
    Chapter { label: String, spans: Vec<Span> },
    Article { label: String, spans: Vec<Span> },
    Heading { label: String, spans: Vec<Span> },
    Point { label: String, spans: Vec<Span> },
    Dash { spans: Vec<Span> },
    Step { label: String, spans: Vec<Span> },
    Qr(QrView),
    QrRow { codes: Vec<QrView> },
}

/// A QR code ready to print: its vector image, what it carries, its caption.
#[derive(Debug, Clone, Serialize)]
pub struct QrView {
    pub svg: String,
    pub link: String,
    pub caption: Option<String>,
    pub width_mm: f64,
}

impl QrView {
    /// The code for a link of the campaign, to print `width_mm` wide.
    pub fn new(qr: &QrBlock, campaign: &Campaign, source: &SourceFile, width_mm: f64) -> Result<Self> {
        let link = campaign.link(&qr.link, source)?;
        let svg = qr::svg(link.as_str(), width_mm).map_err(|message| {
            let used = Location::at(&source.name, &source.text, qr.link.span().start);
            campaign.link_error(qr.link.get_ref(), message, used)
        })?;
        Ok(Self { svg, link: link.as_str().to_owned(), caption: qr.caption.as_ref().map(Text::to_string), width_mm })
    }
}

/// The body's blocks, numbered ("I.", "Điều 1.", "1.", "a)", "Bước 1"), with QR links
/// resolved (codes printed `qr_mm` wide), and a warning for each marker that
/// looks meant but has no partner.
pub fn body(blocks: &[Block], campaign: &Campaign, source: &SourceFile, qr_mm: f64) -> Result<(Vec<BlockView>, Vec<Notice>)> {
    let (mut chapters, mut sections, mut articles, mut headings, mut points, mut steps) = (0, 0, 0, 0, 0, 0);
    let mut views = Vec::with_capacity(blocks.len());
    let mut warnings = Vec::new();
    let mut spans = |text: &Spanned<Text>| {
        let markup = markup::read(text.get_ref().as_str());
        for at in markup.unpaired {
            let value = text.get_ref().as_str();
            let offset = source.offset_in_string(text.span(), &value[..at]);
            warnings.push(Notice::of(source.error_at(offset, unpaired_marker(&value[at..at + 2]))));
        }
        markup.spans
    };
    for block in blocks {
        match block {
            Block::Paragraph(text) => views.push(BlockView::Paragraph { spans: spans(text) }),
            Block::Section(text) => {
                sections += 1;
                (headings, points, steps) = (0, 0, 0);
                views.push(BlockView::Section { label: format!("{}.", vietnamese::roman(sections)), spans: spans(text) });
            }
            Block::Chapter(text) => {
                chapters += 1;
                (headings, points, steps) = (0, 0, 0);
                views.push(BlockView::Chapter { label: format!("Chương {}", vietnamese::roman(chapters)), spans: spans(text) });
            }
            Block::Article(text) => {
                articles += 1;
                (headings, points, steps) = (0, 0, 0);
                views.push(BlockView::Article { label: format!("Điều {articles}."), spans: spans(text) });
            }
            Block::Heading(text) => {
                headings += 1;
                (points, steps) = (0, 0);
                views.push(BlockView::Heading { label: format!("{headings}."), spans: spans(text) });
            }
            Block::Point(text) => {
                let label = format!("{})", vietnamese::point_letter(points));
                points += 1;
                views.push(BlockView::Point { label, spans: spans(text) });
            }
            Block::Dashes(items) => views.extend(items.iter().map(|item| BlockView::Dash { spans: spans(item) })),
            Block::Step(text) => {
                steps += 1;
                views.push(BlockView::Step { label: format!("Bước {steps}"), spans: spans(text) });
            }
            Block::Qr(qr) => views.push(BlockView::Qr(QrView::new(qr, campaign, source, qr_mm)?)),
            Block::QrRow(codes) => {
                let codes = codes.iter().map(|qr| QrView::new(qr, campaign, source, qr_mm)).collect::<Result<_>>()?;
                views.push(BlockView::QrRow { codes });
            }
        }
    }
    Ok((views, warnings))
}

/// Appends the decree's "./." to the last text block of a dispatch's body
/// unless it already ends so.
pub fn close_body(views: &mut [BlockView]) {
    let last_text = views.iter_mut().rev().find_map(|view| match view {
        BlockView::Paragraph { spans } | BlockView::Dash { spans } | BlockView::Article { spans, .. } => Some(spans),
        _ => None,
    });
    if let Some(spans) = last_text {
        let ends_closed = spans.last().is_some_and(|span| span.text.ends_with("./."));
        if !ends_closed {
            match spans.last_mut() {
                Some(span) if !span.bold && !span.italic => span.text = format!("{}./.", span.text.trim_end_matches('.')),
                _ => spans.push(Span { text: "./.".into(), bold: false, italic: false }),
            }
        }
    }
}

// What this module tells the user, in Vietnamese.

fn bad_seal_size(mm: f64) -> String {
    format!("đường kính con dấu {mm} mm không hợp lý; hãy ghi seal_mm từ 20 đến 60 (dấu tròn thường 36)")
}

/// A bold or italic marker left without its partner.
fn unpaired_marker(marker: &str) -> String {
    let (style, example) = if marker == "**" { ("in đậm", "**chữ đậm**") } else { ("in nghiêng", "__chữ nghiêng__") };
    format!(
        "dấu “{marker}” không có dấu đi cặp nên được in nguyên văn; muốn {style} thì viết {example} (dấu liền với chữ), \
         muốn in đúng hai ký tự này thì viết {}",
        marker.chars().map(|c| format!("\\{c}")).collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[&str]) -> Vec<Text> {
        items.iter().map(|item| toml::Value::String((*item).into()).try_into().unwrap()).collect()
    }

    #[test]
    fn signing_lines_are_in_vietnam_time() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-06-01T02:30:00Z").unwrap();
        assert_eq!(signed_line("769/UBND-VHXH", at), ["769/UBND-VHXH", "2026-06-01T09:30:00+07:00"]);
    }

    #[test]
    fn dash_lists_end_with_a_full_stop() {
        assert_eq!(dash_list(&texts(&["Như trên", "Lưu: VT, VHXH."])), ["- Như trên;", "- Lưu: VT, VHXH."]);
        assert_eq!(dash_list(&texts(&["A;", "B;"])), ["- A;", "- B."]);
        assert_eq!(dash_list(&texts(&["Một"])), ["- Một."]);
    }

    #[test]
    fn bodies_close_with_the_decree_mark() {
        let mut views = vec![BlockView::Paragraph { spans: markup::parse("thực hiện.") }];
        close_body(&mut views);
        let BlockView::Paragraph { spans } = &views[0] else { unreachable!() };
        assert_eq!(spans[0].text, "thực hiện./.");
        close_body(&mut views);
        let BlockView::Paragraph { spans } = &views[0] else { unreachable!() };
        assert_eq!(spans[0].text, "thực hiện./.", "closing twice changes nothing");
    }
}
