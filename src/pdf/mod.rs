//! What vanban does to a PDF after Typst has written it, all through the
//! file's own cross-reference (lopdf): the empty signature field a signer
//! signs in ([`sign_field`]), the text fields of a fillable form
//! ([`form_fields`]), the bundle of many forms joined in bounded memory
//! ([`bundle`]).

pub mod bundle;
pub mod form_fields;
pub mod sign_field;

use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, Stream, dictionary};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};
use crate::render::{self, FieldPlace, PdfMeta, PdfSettings};
use form_fields::Fillable;

/// The signature field's name, after the signer's role.
pub const SIGNATURE_FIELD: &str = "ChuKy_NguoiKy";
/// The second signer's, of a joint document.
pub const CO_SIGNATURE_FIELD: &str = "ChuKy_NguoiKy_2";

/// A laid-out document as the PDF vanban writes: Typst's export, then, in
/// one incremental update, the text fields of a fillable form (`form`)
/// and, where its signature block names a signer (and --no-sign-field is
/// not given), the empty signature field between title and name (one for
/// each signer of a joint document).
pub fn export(mut document: PagedDocument, meta: &PdfMeta, settings: PdfSettings, form: Option<&Fillable>) -> Result<Vec<u8>> {
    let places = if settings.sign_field { render::signing_places(&document) } else { Vec::new() };
    let pdf = render::typst_pdf(&mut document, meta, settings)?;
    if places.is_empty() && form.is_none() {
        return Ok(pdf);
    }
    update(&pdf, meta.ident, |update| {
        if let Some(form) = form {
            form_fields::add(update, form)?;
        }
        for signing in places {
            let name = if signing.role == "co_signer" { CO_SIGNATURE_FIELD } else { SIGNATURE_FIELD };
            sign_field::add(update, name, signing.place)?;
        }
        Ok(())
    })
}

/// `pdf` with the empty signature field `name` at `place`, if there is one.
pub fn with_sign_field(pdf: Vec<u8>, place: Option<FieldPlace>, name: &str, ident: &str) -> Result<Vec<u8>> {
    match place {
        Some(place) => update(&pdf, ident, |update| sign_field::add(update, name, place)),
        None => Ok(pdf),
    }
}

/// `pdf` (the document `ident`) and, appended as one incremental update,
/// what `add` puts in it: the file is read through its cross-reference
/// once and written once, its own bytes kept as they are.
fn update(pdf: &[u8], ident: &str, add: impl FnOnce(&mut IncrementalDocument) -> lopdf::Result<()>) -> Result<Vec<u8>> {
    let updated = || -> lopdf::Result<Vec<u8>> {
        let mut document: IncrementalDocument = pdf.try_into()?;
        add(&mut document)?;
        let mut out = Vec::with_capacity(pdf.len() + 64 * 1024);
        document.save_to(&mut out)?;
        Ok(out)
    };
    updated().map_err(|reason| Error::Fault { document: ident.to_owned(), message: fields_failed(&reason.to_string()) })
}

/// Object `id` as the update leaves it so far: its new version, where the
/// update has one.
fn current(document: &IncrementalDocument, id: ObjectId) -> lopdf::Result<&Object> {
    match document.new_document.objects.get(&id) {
        Some(object) => Ok(object),
        None => document.get_prev_documents().get_object(id),
    }
}

/// The entry `key` of dictionary `id` as the update leaves it, followed
/// where it is a reference.
fn current_entry<'a>(document: &'a IncrementalDocument, id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    match current(document, id).ok()?.as_dict().ok()?.get(key).ok()? {
        Object::Reference(entry) => current(document, *entry).ok(),
        entry => Some(entry),
    }
}

/// A form field's widget: the annotation that shows it on a page, printed
/// (PDF/A wants it), with its normal appearance.
pub(crate) struct Widget<'a> {
    /// The field type: "Tx" (text) or "Sig" (signature).
    pub kind: &'a str,
    pub name: &'a str,
    pub page: ObjectId,
    /// In points, from the page's bottom-left corner.
    pub rect: [f64; 4],
    /// How a text field draws what is typed (/DA, /Q, /MK); empty for a
    /// signature field.
    pub style: Dictionary,
    /// The appearance's resources, if it needs any, and its content.
    pub resources: Option<Dictionary>,
    pub content: Vec<u8>,
}

impl Widget<'_> {
    /// Adds the widget and its appearance to `document`; returns the widget.
    pub fn add(self, document: &mut Document) -> ObjectId {
        let [x0, y0, x1, y1] = self.rect;
        let mut form = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), (x1 - x0).into(), (y1 - y0).into()],
        };
        if let Some(resources) = self.resources {
            form.set("Resources", resources);
        }
        let appearance = document.add_object(Stream::new(form, self.content));
        let mut widget = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => self.kind,
            "T" => Object::string_literal(self.name),
            "F" => 4,
            "P" => self.page,
            "Rect" => vec![x0.into(), y0.into(), x1.into(), y1.into()],
        };
        widget.extend(&self.style);
        widget.set("AP", dictionary! { "N" => appearance });
        document.add_object(widget)
    }
}

// What this module tells the user, in Vietnamese.

fn fields_failed(reason: &str) -> String {
    format!("không thêm được ô chữ ký số hay ô điền vào PDF: {reason}")
}
