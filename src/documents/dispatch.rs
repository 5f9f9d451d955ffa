//! A document of any kind the office issues, laid out by its kind's sample
//! of Phụ lục III: the header with its marks; the công văn's V/v, or the
//! type name over the subject; who decides and the căn cứ; Kính gửi or a
//! công điện's recipients; the body with the lines its sample words
//! (`samples`); one signer or two; Nơi nhận; then a regulation it issues,
//! its appendices, and a copy's block (`copy`).

use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::guide::GuideView;
use super::parts::{self, BlockView, HeaderView, SignatureView};
use super::report::{FormContext, FormView};
use crate::error::{self, Notice, Result};
use crate::model::{AppendixContent, Campaign, Copy, Dispatch, DocumentKind, Enclosure, Form, SourceFile, Text, Units};
use crate::rebuild::Inputs;
use crate::render::{self, PdfMeta};
use crate::stamp::Stamp;
use crate::templates::Template;
use crate::vietnamese;

/// How wide a QR code prints in a dispatch's body.
const BODY_QR_MM: f64 = 30.0;

mod copy;
mod samples;

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
    /// A công điện's sender, in capitals, before "điện:" and the recipients.
    sender: Option<String>,
    recipients: Vec<String>,
    body: Vec<BlockView>,
    signature: SignatureView,
    /// A second signer, on the left, level with the first (a biên bản's
    /// secretary, a joint document's second body's signer).
    co_signature: Option<SignatureView>,
    /// A joint document: each signer gets a signature field.
    joint: bool,
    /// A giấy nghỉ phép's block for the body that confirms the leave, under Nơi nhận.
    confirmation: Option<&'static str>,
    marks: MarksView,
    /// Ô 13: the issuing body's address and contacts, at the foot of page 1.
    contact: Option<String>,
    /// A draft: "DỰ THẢO" across its pages, no signature field.
    draft: bool,
    /// The regulation a quyết định issues (Mẫu 1.3).
    attachment: Option<IssuedView>,
    /// A copy's block, after the document (Mẫu 3.1, 3.2).
    copy: Option<copy::CopyView>,
    appendices: Vec<AppendixView>,
    enclosures: Vec<&'a GuideView>,
}

/// A regulation issued with a quyết định, on its own pages: the header
/// without number or date, its type name and subject, what issues it, its
/// body, and the signer without Nơi nhận.
#[derive(Debug, Serialize)]
struct IssuedView {
    header: HeaderView,
    type_name: String,
    subject: Vec<String>,
    /// "(Ban hành kèm theo Quyết định số … ngày … của …)".
    issued_with: String,
    body: Vec<BlockView>,
    signature: SignatureView,
}

/// The marks under the number (Phụ lục I, ô 10a, 10b, 11).
#[derive(Debug, Serialize)]
struct MarksView {
    /// The độ mật stamp's words and width in mm.
    secrecy: Option<(&'static str, f64)>,
    urgency: Option<&'static str>,
    circulation: Option<&'static str>,
}

/// "Địa chỉ: …; Điện thoại: …; Fax: …; E-mail: …; Website: …", of what the
/// issuer gives.
fn contact_line(issuer: &crate::model::Issuer) -> Option<String> {
    let parts: Vec<String> =
        [("Địa chỉ", &issuer.address), ("Điện thoại", &issuer.phone), ("Fax", &issuer.fax), ("E-mail", &issuer.email), ("Website", &issuer.website)]
            .into_iter()
            .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label}: {v}")))
            .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
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

/// "Bản sao y": how a copy's PDF title begins.
fn view_form_title(copy: &Copy) -> String {
    format!("Bản {}", copy.copy.get_ref().words().to_lowercase())
}

/// "Công văn số 769/UBND-VHXH", "Kế hoạch số 22/KH-UBND".
fn named_number(dispatch: &Dispatch) -> String {
    let number = vietnamese::number_and_symbol(dispatch.number.map(|n| n.0), dispatch.symbol.get_ref().as_str());
    format!("{} {}", dispatch.kind().name(), number.replacen("Số:", "số", 1))
}

/// Checks a dispatch already read (or composed, as the reminder is);
/// renders nothing. `source` is the file that messages and the signer's
/// images refer to; `read` reads a file beside it (the signer's images).
pub fn check_parsed<'a>(dispatch: Dispatch, source: &SourceFile, context: Context<'a>, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<CheckedDispatch<'a>> {
    let Context { campaign, units, guide, fonts } = context;
    samples::check(&dispatch, source)?;
    let kind = dispatch.kind();
    let mut subject = parts::lines_of(dispatch.subject.as_ref().map_or("", Text::as_str));
    let type_name = match kind {
        DocumentKind::CongVan => {
            if let Some(first) = subject.first_mut() {
                *first = format!("V/v {first}");
            }
            None
        }
        named => Some(named.name().to_uppercase()),
    };
    let (signature, mut stamps) = SignatureView::new(&dispatch.signer, ("signer", "signer"), &dispatch.distribution, source, read)?;
    let co_signature = match &dispatch.co_signer {
        Some(signer) => {
            let (view, images) = SignatureView::new(signer, ("co_signer", "co_signer"), &[], source, read)?;
            stamps.extend(images);
            Some(view)
        }
        None => None,
    };
    let (own, mut warnings) = parts::body(dispatch.body.as_ref().map_or(&[][..], |b| &b[..]), campaign, source, BODY_QR_MM)?;
    let body = samples::lead(&dispatch).into_iter().chain(own).chain(samples::closing(&dispatch)).collect();
    let mut view = DispatchView {
        fonts: fonts.to_vec(),
        title: named_number(&dispatch),
        header: HeaderView::new(&dispatch.issuer, dispatch.number, dispatch.symbol.get_ref(), &dispatch.place, dispatch.date),
        type_name,
        subject,
        authority: dispatch.authority.as_ref().map(|a| a.get_ref().as_str().to_uppercase()),
        grounds: parts::punctuated(&dispatch.grounds),
        decides: samples::decides(kind),
        sender: samples::sender(&dispatch),
        // A công điện lists even one recipient with its dash (Mẫu 1.6).
        recipients: match (&dispatch.recipients, &dispatch.telegram) {
            (Some(recipients), Some(_)) => parts::dash_list(recipients),
            (Some(recipients), None) => parts::recipient_lines(recipients),
            (None, _) => Vec::new(),
        },
        body,
        signature,
        co_signature,
        joint: dispatch.co_issuer.is_some(),
        confirmation: dispatch.leave.as_ref().map(|_| samples::CONFIRMATION),
        marks: MarksView {
            secrecy: dispatch.secrecy.map(|s| s.stamp()),
            urgency: dispatch.urgency.map(|u| u.words()),
            circulation: dispatch.circulation.map(|c| c.words()),
        },
        contact: contact_line(&dispatch.issuer),
        draft: dispatch.draft,
        attachment: None,
        copy: None,
        appendices: Vec::new(),
        enclosures: Vec::new(),
    };
    parts::close_body(&mut view.body);
    // A joint document's second body stands under the first (văn bản liên tịch).
    if let Some(co_issuer) = &dispatch.co_issuer {
        view.header.issuer.extend(co_issuer.get_ref().name.iter().map(ToString::to_string));
    }
    view.signature.drafter = dispatch.drafter.as_ref().map(|d| d.line());
    if let Some(issued) = &dispatch.attachment {
        let issued = issued.get_ref();
        let (mut body, more) = parts::body(&issued.body, campaign, source, BODY_QR_MM)?;
        parts::close_body(&mut body);
        warnings.extend(more);
        let mut header = view.header.clone();
        (header.number, header.place_date) = (String::new(), String::new());
        let mut signature = view.signature.clone();
        (signature.distribution, signature.drafter) = (Vec::new(), None);
        let by = dispatch.authority.as_ref().map_or(&dispatch.issuer.full_name, |authority| authority.get_ref());
        view.attachment = Some(IssuedView {
            header,
            type_name: issued.kind.get_ref().name().to_uppercase(),
            subject: parts::lines_of(issued.subject.as_str()),
            issued_with: format!("(Ban hành kèm theo {} {} của {by})", named_number(&dispatch), vietnamese::long_date(dispatch.date.0)),
            body,
            signature,
        });
    }
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
    /// The document as copy `copy` (read from `source`) copies it: its
    /// block after the document, which is no longer signed itself; a trích
    /// sao's body in place of the document's.
    pub fn copied(mut self, copy: &Copy, source: &SourceFile, campaign: &Campaign, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<Self> {
        let (view, stamps, body) = copy::view(copy, source, campaign, read)?;
        if let Some(body) = body {
            self.view.body = body;
        }
        self.view.title = format!("{} {}", view_form_title(copy), self.view.title);
        self.view.copy = Some(view);
        self.stamps.extend(stamps);
        Ok(self)
    }

    /// The laid-out pages.
    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Dispatch, &self.view, &self.stamps)
    }

    /// What the PDF says about itself; `ident` names it.
    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: &self.view.title, date: self.dispatch.date.0, tagged: true }
    }

    /// What the PDF `ident` is made from, for a rebuild to compare.
    pub fn inputs(&self, inputs: Inputs, ident: &str) -> Inputs {
        inputs.document(Template::Dispatch, &self.view, &self.stamps).meta(&self.meta(ident))
    }
}

// What this module tells the user, in Vietnamese.

fn appendix_needs_units() -> String {
    "phụ lục content = \"report-form\" cần tệp units.toml (danh sách đơn vị) và bieu-mau.toml (biểu mẫu báo cáo) trong cùng thư mục dữ liệu".into()
}

fn enclosure_needs_guide() -> String {
    "enclosures = [\"install-guide\"] cần tệp huong-dan.toml (tài liệu hướng dẫn) trong cùng thư mục dữ liệu".into()
}
