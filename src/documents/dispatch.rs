//! The công văn: header, Kính gửi, body, signature and Nơi nhận.

use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::parts::{self, BlockView, HeaderView, SignatureView};
use crate::error::Result;
use crate::model::{Campaign, Dispatch, SourceFile};
use crate::render;
use crate::templates::Template;
use crate::vietnamese;

/// Everything dispatch.typ prints, as typed values.
#[derive(Debug, Serialize)]
pub struct DispatchView {
    fonts: Vec<String>,
    /// The PDF's title: "Công văn số 769/UBND-VHXH".
    title: String,
    header: HeaderView,
    /// "V/v …", one entry per line the data asks for.
    subject: Vec<String>,
    recipients: Vec<String>,
    body: Vec<BlockView>,
    signature: SignatureView,
}

/// A dispatch read from its file and checked against the campaign.
pub struct CheckedDispatch {
    pub dispatch: Dispatch,
    view: DispatchView,
}

/// Reads and checks a dispatch; renders nothing.
pub fn check(source: &SourceFile, campaign: &Campaign, fonts: &[String]) -> Result<CheckedDispatch> {
    let dispatch: Dispatch = source.parse()?;
    let header =
        HeaderView::new(&dispatch.issuer, dispatch.number, &dispatch.symbol, &dispatch.place, dispatch.date);
    let number = vietnamese::number_and_symbol(dispatch.number.map(|n| n.0), dispatch.symbol.as_str());
    let subject = dispatch.subject.as_str().lines().map(str::trim).filter(|line| !line.is_empty());
    let view = DispatchView {
        fonts: fonts.to_vec(),
        title: format!("Công văn {}", number.replacen("Số:", "số", 1)),
        subject: subject.enumerate().map(|(i, line)| if i == 0 { format!("V/v {line}") } else { line.to_owned() }).collect(),
        recipients: recipient_lines(&dispatch),
        body: parts::body(&dispatch.body, campaign, source)?,
        signature: SignatureView::new(&dispatch.signer, &dispatch.distribution),
        header,
    };
    Ok(CheckedDispatch { dispatch, view })
}

/// One recipient stands on the Kính gửi line alone, without a dash.
fn recipient_lines(dispatch: &Dispatch) -> Vec<String> {
    match &*dispatch.recipients {
        [one] => vec![format!("{}.", one.as_str().trim_end_matches(['.', ';']))],
        many => parts::dash_list(many),
    }
}

impl CheckedDispatch {
    /// The laid-out pages.
    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Dispatch, &self.view)
    }

    /// The PDF, named `ident` inside the file.
    pub fn render(&self, renderer: &Renderer, ident: &str) -> Result<Vec<u8>> {
        render::pdf(&self.layout(renderer)?, ident, self.dispatch.date.0)
    }
}
