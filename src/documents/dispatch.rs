//! A công văn (Mẫu 1.5) or a văn bản có tên loại (Mẫu 1.4): header, the
//! V/v or the type name over the subject, Kính gửi, body, signature and Nơi
//! nhận, then its appendices, each paged on its own.

use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::guide::GuideView;
use super::parts::{self, BlockView, HeaderView, SignatureView};
use super::report::{FormContext, FormView};
use crate::error::{self, Notice, Result};
use crate::model::{AppendixContent, Campaign, Dispatch, DocumentKind, Enclosure, Form, Sample, SourceFile, Units};
use crate::render::{self, PdfMeta};
use crate::stamp::Stamp;
use crate::templates::Template;
use crate::vietnamese;

/// How wide a QR code prints in a dispatch's body.
const BODY_QR_MM: f64 = 30.0;

/// Everything dispatch.typ prints, as typed values.
#[derive(Debug, Serialize)]
pub struct DispatchView<'a> {
    fonts: Vec<String>,
    /// The PDF's title: "Công văn số 769/UBND-VHXH".
    #[serde(skip)]
    title: String,
    header: HeaderView,
    /// "KẾ HOẠCH" over the subject; none on a công văn.
    type_name: Option<String>,
    /// A công văn's "V/v …", or the subject under the type name, one entry
    /// per line the data asks for.
    subject: Vec<String>,
    /// Who decides, in capitals (Mẫu 1.1, 1.2).
    authority: Option<String>,
    /// The căn cứ lines, punctuated.
    grounds: Vec<String>,
    /// "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" before the articles.
    decides: Option<&'static str>,
    recipients: Vec<String>,
    body: Vec<BlockView>,
    signature: SignatureView,
    appendices: Vec<AppendixView>,
    enclosures: Vec<&'a GuideView>,
}

#[derive(Debug, Serialize)]
struct AppendixView {
    /// "Phụ lục 01".
    label: String,
    /// As written; printed in capitals.
    title: String,
    /// "(Kèm theo Công văn số … của …)".
    attached_to: String,
    form: FormView,
}

/// What a dispatch may refer to besides itself.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub campaign: &'a Campaign,
    /// Needed by a dispatch with the report form as an appendix.
    /// The units and the form they report on, where the dispatch appends the form.
    pub units: Option<(&'a Units, &'a Form)>,
    /// Needed by a dispatch that encloses the install guide.
    pub guide: Option<&'a GuideView>,
    pub fonts: &'a [String],
}

/// A dispatch read from its file and checked against the campaign.
pub struct CheckedDispatch<'a> {
    pub dispatch: Dispatch,
    view: DispatchView<'a>,
    stamps: Vec<Stamp>,
    /// What the user should hear about the file that stops nothing.
    pub warnings: Vec<Notice>,
}

/// "Công văn số 769/UBND-VHXH ngày 01 tháng 6 năm 2026 của Ủy ban nhân dân
/// đặc khu Bạch Long Vĩ": how other documents cite a dispatch.
pub fn citation(dispatch: &Dispatch) -> String {
    format!("{} {} của {}", named_number(dispatch), vietnamese::long_date(dispatch.date.0), dispatch.issuer.full_name)
}

/// "Công văn số 769/UBND-VHXH", "Kế hoạch số 22/KH-UBND".
fn named_number(dispatch: &Dispatch) -> String {
    let number = vietnamese::number_and_symbol(dispatch.number.map(|n| n.0), dispatch.symbol.get_ref().as_str());
    format!("{} {}", dispatch.kind().name(), number.replacen("Số:", "số", 1))
}

/// The kind's sample is one vanban lays out; its symbol begins with the
/// kind's abbreviation (Phụ lục III, Mục I: "22/KH-UBND"); a công văn has
/// recipients (Mẫu 1.5's Kính gửi).
fn check_kind(dispatch: &Dispatch, source: &SourceFile) -> Result<()> {
    let kind = dispatch.kind();
    let at = |offset: usize| error::Location::at(&source.name, &source.text, offset);
    match kind.sample() {
        Some(Sample::Letter | Sample::Named | Sample::Decision | Sample::Resolution) => {}
        sample => {
            let offset = dispatch.kind.as_ref().map_or(0, |k| k.span().start);
            return Err(crate::Error::data(at(offset), not_laid_out(kind, sample)));
        }
    }
    let symbol = dispatch.symbol.get_ref().as_str();
    if let Some(abbreviation) = kind.abbreviation()
        && !symbol.starts_with(&format!("{abbreviation}-"))
    {
        return Err(crate::Error::data(at(dispatch.symbol.span().start), symbol_without_kind(kind, abbreviation, symbol)));
    }
    let decides = matches!(kind.sample(), Some(Sample::Decision | Sample::Resolution));
    match &dispatch.authority {
        None if decides => return Err(crate::Error::data(error::Location::file(&source.name), no_authority(kind))),
        Some(authority) if !decides => return Err(crate::Error::data(at(authority.span().start), authority_not_for(kind))),
        _ => {}
    }
    if kind == DocumentKind::CongVan {
        if dispatch.recipients.is_none() {
            return Err(crate::Error::data(error::Location::file(&source.name), letter_without_recipients()));
        }
        if !dispatch.grounds.is_empty() {
            return Err(crate::Error::data(error::Location::file(&source.name), letter_with_grounds()));
        }
    }
    Ok(())
}

/// Checks a dispatch already read (or composed, as the reminder is);
/// renders nothing. `source` is the file that messages and the signer's
/// images refer to; `read` reads a file beside it (the signer's images).
pub fn check_parsed<'a>(dispatch: Dispatch, source: &SourceFile, context: Context<'a>, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<CheckedDispatch<'a>> {
    let Context { campaign, units, guide, fonts } = context;
    check_kind(&dispatch, source)?;
    let kind = dispatch.kind();
    let lines = dispatch.subject.as_str().lines().map(str::trim).filter(|line| !line.is_empty());
    let (type_name, subject) = match kind {
        DocumentKind::CongVan => (None, lines.enumerate().map(|(i, line)| if i == 0 { format!("V/v {line}") } else { line.to_owned() }).collect()),
        named => (Some(named.name().to_uppercase()), lines.map(str::to_owned).collect()),
    };
    let (signature, stamps) = SignatureView::new(&dispatch.signer, &dispatch.distribution, source, read)?;
    let (body, warnings) = parts::body(&dispatch.body, campaign, source, BODY_QR_MM)?;
    let mut view = DispatchView {
        fonts: fonts.to_vec(),
        title: named_number(&dispatch),
        header: HeaderView::new(&dispatch.issuer, dispatch.number, dispatch.symbol.get_ref(), &dispatch.place, dispatch.date),
        type_name,
        subject,
        authority: dispatch.authority.as_ref().map(|a| a.get_ref().as_str().to_uppercase()),
        grounds: parts::punctuated(&dispatch.grounds),
        decides: match kind.sample() {
            Some(Sample::Decision) => Some("QUYẾT ĐỊNH:"),
            Some(Sample::Resolution) => Some("QUYẾT NGHỊ:"),
            _ => None,
        },
        recipients: dispatch.recipients.as_ref().map(|r| parts::recipient_lines(r)).unwrap_or_default(),
        body,
        signature,
        appendices: Vec::new(),
        enclosures: Vec::new(),
    };
    parts::close_body(&mut view.body);
    for appendix in &dispatch.appendices {
        let form = match appendix.content {
            AppendixContent::ReportForm => {
                let (units, form) = units.ok_or_else(|| crate::Error::data(error::Location::file(&source.name), appendix_needs_units()))?;
                FormContext { units, form, dispatch: &dispatch }.blank(None)
            }
        };
        view.appendices.push(AppendixView {
            label: format!("Phụ lục {}", appendix.number),
            title: appendix.title.to_string(),
            attached_to: format!("(Kèm theo {})", citation(&dispatch)),
            form,
        });
    }
    for enclosure in &dispatch.enclosures {
        match enclosure {
            Enclosure::InstallGuide => {
                view.enclosures.push(guide.ok_or_else(|| crate::Error::data(error::Location::file(&source.name), enclosure_needs_guide()))?)
            }
        }
    }
    Ok(CheckedDispatch { dispatch, view, stamps, warnings })
}

impl CheckedDispatch<'_> {
    /// The laid-out pages.
    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Dispatch, &self.view, &self.stamps)
    }

    /// What the PDF says about itself; `ident` names it.
    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: &self.view.title, date: self.dispatch.date.0, tagged: true }
    }
}

// What this module tells the user, in Vietnamese.

fn not_laid_out(kind: DocumentKind, sample: Option<Sample>) -> String {
    let sample =
        sample.map_or_else(|| "Phụ lục III của Nghị định 30 không có mẫu cho loại này".to_owned(), |s| format!("{} của Phụ lục III, Nghị định 30", s.label()));
    let named: Vec<&str> = DocumentKind::ALL.iter().filter(|k| k.sample() == Some(Sample::Named)).map(|k| k.key()).collect();
    format!(
        "vanban chưa trình bày được {} ({sample}). Hiện có: kind = \"cong-van\" (Mẫu 1.5), \"quyet-dinh\" (Mẫu 1.2), \"nghi-quyet\" (Mẫu 1.1) và các văn bản có tên loại theo Mẫu 1.4: {}",
        vietnamese::lowercased(kind.name()),
        named.join(", ")
    )
}

fn symbol_without_kind(kind: DocumentKind, abbreviation: &str, symbol: &str) -> String {
    format!(
        "ký hiệu của {} bắt đầu bằng chữ viết tắt tên loại “{abbreviation}” (Phụ lục III, Nghị định 30): hãy viết symbol = \"{abbreviation}-{}\"",
        vietnamese::lowercased(kind.name()),
        symbol.split_once('-').map_or(symbol, |(body, _)| body)
    )
}

fn no_authority(kind: DocumentKind) -> String {
    format!(
        "{} cần dòng thẩm quyền ban hành dưới trích yếu (Phụ lục III, Nghị định 30): hãy thêm authority = \"Chủ tịch Ủy ban nhân dân …\" (chức vụ người đứng đầu, hoặc tên tập thể hay cơ quan ban hành)",
        kind.name()
    )
}

fn authority_not_for(kind: DocumentKind) -> String {
    format!("chỉ quyết định và nghị quyết có dòng thẩm quyền ban hành; {} không có: hãy bỏ dòng authority", vietnamese::lowercased(kind.name()))
}

fn letter_with_grounds() -> String {
    "công văn không có phần căn cứ riêng (Mẫu 1.5): hãy bỏ grounds, hoặc viết các căn cứ thành đoạn đầu của body".into()
}

fn letter_without_recipients() -> String {
    "công văn cần nơi nhận ở dòng “Kính gửi”: hãy thêm recipients = [\"…\"]".into()
}

fn appendix_needs_units() -> String {
    "phụ lục content = \"report-form\" cần tệp units.toml (danh sách đơn vị) và bieu-mau.toml (biểu mẫu báo cáo) trong cùng thư mục dữ liệu".into()
}

fn enclosure_needs_guide() -> String {
    "enclosures = [\"install-guide\"] cần tệp huong-dan.toml (tài liệu hướng dẫn) trong cùng thư mục dữ liệu".into()
}
