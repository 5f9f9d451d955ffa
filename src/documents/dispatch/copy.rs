//! A copy of a document vanban renders (Mẫu 3.1, 3.2): the copy's block
//! after the document's last part, under a rule across the text, and for a
//! copy in electronic form the line of its digital signature.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::super::parts::{self, BlockView, SignatureView};
use crate::error::{self, Error, Result};
use crate::model::{Campaign, Copy, CopyForm, SourceFile};
use crate::stamp::Stamp;
use crate::vietnamese;

/// What the copy adds, as dispatch.typ prints it.
#[derive(Debug, Serialize)]
pub struct CopyView {
    /// "SAO Y".
    form: &'static str,
    parent: Option<String>,
    issuer: Vec<String>,
    number: String,
    place_date: String,
    signature: SignatureView,
    /// A copy in electronic form: its form, the copying body and the signing
    /// time, 10 pt at the top right of page 1 (Phụ lục I, Phần II; ô 14).
    signed: Option<Vec<String>>,
}

/// The copy's view and its signer's images, and a trích sao's body.
pub fn view(
    copy: &Copy,
    source: &SourceFile,
    campaign: &Campaign,
    read: &dyn Fn(&str) -> Result<Vec<u8>>,
) -> Result<(CopyView, Vec<Stamp>, Option<Vec<BlockView>>)> {
    let at = |offset: usize| error::Location::at(&source.name, &source.text, offset);
    let form = *copy.copy.get_ref();
    let symbol = copy.symbol.get_ref().as_str();
    if !symbol.starts_with(&format!("{}-", form.abbreviation())) {
        return Err(Error::data(at(copy.symbol.span().start), symbol_without_form(form, symbol)));
    }
    let body = match (&copy.body, form) {
        (Some(body), CopyForm::TrichSao) => {
            let (mut views, _) = parts::body(body, campaign, source, super::BODY_QR_MM)?;
            parts::close_body(&mut views);
            Some(views)
        }
        (None, CopyForm::TrichSao) => return Err(Error::data(error::Location::file(&source.name), extract_without_body())),
        (Some(_), _) => return Err(Error::data(at(copy.copy.span().start), body_not_for(form))),
        (None, _) => None,
    };
    let signed = match &copy.signed_at {
        Some(when) => {
            let time = DateTime::<FixedOffset>::parse_from_rfc3339(&when.get_ref().to_string()).map_err(|_| Error::data(at(when.span().start), no_offset()))?;
            Some(vec![form.words().to_owned(), copy.issuer.full_name.to_string(), parts::signing_time(time)])
        }
        None => None,
    };
    // The copy's [signer], whose images are served apart from the document's signer's.
    let (signature, stamps) = SignatureView::new(&copy.signer, ("signer", "copy"), &copy.distribution, source, read)?;
    let view = CopyView {
        form: form.words(),
        parent: copy.issuer.parent.as_ref().map(ToString::to_string),
        issuer: copy.issuer.name.iter().map(ToString::to_string).collect(),
        number: vietnamese::number_and_symbol(copy.number.map(|n| n.0), symbol),
        place_date: vietnamese::place_and_date(copy.place.as_str(), copy.date.0),
        signature,
        signed,
    };
    Ok((view, stamps, body))
}

// What this module tells the user, in Vietnamese.

fn symbol_without_form(form: CopyForm, symbol: &str) -> String {
    format!(
        "ký hiệu bản sao bắt đầu bằng chữ viết tắt “{0}” ({1}; Phụ lục III, Nghị định 30): hãy viết symbol = \"{0}-{2}\"",
        form.abbreviation(),
        form.words().to_lowercase(),
        symbol.rsplit('-').next().unwrap_or(symbol)
    )
}

fn extract_without_body() -> String {
    "bản trích sao cần phần nội dung được trích: hãy thêm body = [{ paragraph = \"…\" }] với phần cần trích".into()
}

fn body_not_for(form: CopyForm) -> String {
    format!("bản {} in toàn văn văn bản được sao, không có body riêng; chỉ bản trích sao (copy = \"trich-sao\") có body", form.words().to_lowercase())
}

fn no_offset() -> String {
    "thời điểm ký số cần ngày, giờ và múi giờ, ví dụ signed_at = 2026-06-05T09:30:00+07:00".into()
}
