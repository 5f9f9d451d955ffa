//! The công văn: header, Kính gửi, body, signature and Nơi nhận, then its
//! appendices, each paged on its own.

use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::guide::GuideView;
use super::parts::{self, BlockView, HeaderView, SignatureView};
use super::report::{FormContext, FormView};
use crate::error::{self, Notice, Result};
use crate::model::{AppendixContent, Campaign, Dispatch, Enclosure, Form, SourceFile, Units};
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
    /// "V/v …", one entry per line the data asks for.
    subject: Vec<String>,
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
    let number = vietnamese::number_and_symbol(dispatch.number.map(|n| n.0), dispatch.symbol.as_str());
    format!("Công văn {} {} của {}", number.replacen("Số:", "số", 1), vietnamese::long_date(dispatch.date.0), dispatch.issuer.full_name)
}

/// Checks a dispatch already read (or composed, as the reminder is);
/// renders nothing. `source` is the file that messages and the signer's
/// images refer to; `read` reads a file beside it (the signer's images).
pub fn check_parsed<'a>(dispatch: Dispatch, source: &SourceFile, context: Context<'a>, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<CheckedDispatch<'a>> {
    let Context { campaign, units, guide, fonts } = context;
    let number = vietnamese::number_and_symbol(dispatch.number.map(|n| n.0), dispatch.symbol.as_str());
    let subject = dispatch.subject.as_str().lines().map(str::trim).filter(|line| !line.is_empty());
    let (signature, stamps) = SignatureView::new(&dispatch.signer, &dispatch.distribution, source, read)?;
    let (body, warnings) = parts::body(&dispatch.body, campaign, source, BODY_QR_MM)?;
    let mut view = DispatchView {
        fonts: fonts.to_vec(),
        title: format!("Công văn {}", number.replacen("Số:", "số", 1)),
        header: HeaderView::new(&dispatch.issuer, dispatch.number, &dispatch.symbol, &dispatch.place, dispatch.date),
        subject: subject.enumerate().map(|(i, line)| if i == 0 { format!("V/v {line}") } else { line.to_owned() }).collect(),
        recipients: parts::recipient_lines(&dispatch.recipients),
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

fn appendix_needs_units() -> String {
    "phụ lục content = \"report-form\" cần tệp units.toml (danh sách đơn vị) và bieu-mau.toml (biểu mẫu báo cáo) trong cùng thư mục dữ liệu".into()
}

fn enclosure_needs_guide() -> String {
    "enclosures = [\"install-guide\"] cần tệp huong-dan.toml (tài liệu hướng dẫn) trong cùng thư mục dữ liệu".into()
}
