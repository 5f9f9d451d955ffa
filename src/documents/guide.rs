//! The install guide, and the flyer to pin up or post: friendlier than a
//! dispatch, in the same font, with the campaign's QR codes.

use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::parts::{self, BlockView, QrView};
use crate::error::{Notice, Result};
use crate::model::{Campaign, Guide, SourceFile, Text};
use crate::rebuild::Inputs;
use crate::render::{self, PdfMeta};
use crate::templates::Template;

/// QR codes in the guide.
const GUIDE_QR_MM: f64 = 40.0;
/// QR codes on the A4 flyer; copies several to a sheet scale them down.
const FLYER_QR_MM: f64 = 62.0;
/// The words before the contact when the guide gives none.
const HELP: &str = "Cần hỗ trợ?";

/// Copies of the flyer on one A4 sheet: 1 (A4), 2 (A5) or 4 (A6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerSheet {
    One,
    Two,
    Four,
}

impl PerSheet {
    pub fn count(self) -> u8 {
        match self {
            Self::One => 1,
            Self::Two => 2,
            Self::Four => 4,
        }
    }

    /// How much a copy is scaled from A4.
    fn scale(self) -> f64 {
        match self {
            Self::One => 1.0,
            Self::Two => std::f64::consts::FRAC_1_SQRT_2,
            Self::Four => 0.5,
        }
    }

    /// The output's file stem.
    pub fn stem(self) -> &'static str {
        match self {
            Self::One => "to-roi",
            Self::Two => "to-roi-a5",
            Self::Four => "to-roi-a6",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct GuideView {
    fonts: Vec<String>,
    issuer: String,
    title: String,
    subtitle: Option<String>,
    body: Vec<BlockView>,
    contact: Option<String>,
    /// The words before it.
    help: String,
    /// The signing line when the guide is issued as its own signed file.
    signed: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
pub struct FlyerView {
    fonts: Vec<String>,
    issuer: String,
    /// The title's lines, as the data breaks them.
    title: Vec<String>,
    subtitle: Option<String>,
    codes: Vec<QrView>,
    steps: Vec<String>,
    contact: Option<String>,
    per_sheet: u8,
}

/// The guide read and checked, ready to render as itself or as a flyer.
pub struct CheckedGuide {
    pub guide: Guide,
    pub view: GuideView,
    source: SourceFile,
    /// What the user should hear about the file that stops nothing.
    pub warnings: Vec<Notice>,
}

/// Reads and checks the guide against the campaign's links.
pub fn check(source: SourceFile, campaign: &Campaign, fonts: &[String]) -> Result<CheckedGuide> {
    let guide: Guide = source.parse()?;
    let (body, warnings) = parts::body(&guide.body, campaign, &source, GUIDE_QR_MM)?;
    let view = GuideView {
        fonts: fonts.to_vec(),
        issuer: guide.issuer.to_string(),
        title: guide.title.to_string(),
        subtitle: guide.subtitle.as_ref().map(ToString::to_string),
        body,
        contact: campaign.contact.as_ref().map(|c| c.line()),
        help: guide.help.as_ref().map_or(HELP, Text::as_str).to_owned(),
        signed: None,
    };
    Ok(CheckedGuide { guide, view, source, warnings })
}

impl CheckedGuide {
    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Guide, &self.view, &[])
    }

    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: self.guide.title.as_str(), date: self.guide.date.0, tagged: true }
    }

    /// What the PDF `ident` is made from, for a rebuild to compare.
    pub fn inputs(&self, inputs: Inputs, ident: &str) -> Inputs {
        inputs.document(Template::Guide, &self.view, &[]).meta(&self.meta(ident))
    }

    /// Prints the signing line (see `parts::signed_line`) on the first page.
    pub fn sign(&mut self, line: Option<Vec<String>>) {
        self.view.signed = line;
    }

    /// The guide as dispatch.typ prints it after the dispatch.
    pub fn enclosure(&self) -> &GuideView {
        &self.view
    }

    /// The flyer, `per_sheet` copies to an A4 sheet. Its QR codes are checked
    /// at the size they print.
    pub fn flyer(&self, campaign: &Campaign, per_sheet: PerSheet) -> Result<FlyerView> {
        let flyer = &self.guide.flyer;
        let printed = FLYER_QR_MM * per_sheet.scale();
        let codes = flyer
            .codes
            .iter()
            .map(|qr| {
                let mut view = QrView::new(qr, campaign, &self.source, printed)?;
                view.width_mm = FLYER_QR_MM;
                Ok(view)
            })
            .collect::<Result<_>>()?;
        Ok(FlyerView {
            fonts: self.view.fonts.clone(),
            issuer: self.view.issuer.clone(),
            title: parts::lines_of(flyer.title.as_str()),
            subtitle: flyer.subtitle.as_ref().map(ToString::to_string),
            codes,
            steps: flyer.steps.iter().map(ToString::to_string).collect(),
            contact: self.view.contact.clone(),
            per_sheet: per_sheet.count(),
        })
    }
}

impl FlyerView {
    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Flyer, self, &[])
    }

    /// What the flyer of `guide` is made from, as the PDF `ident`.
    pub fn inputs(&self, inputs: Inputs, guide: &CheckedGuide, ident: &str) -> Inputs {
        inputs.document(Template::Flyer, self, &[]).meta(&guide.meta(ident))
    }
}
