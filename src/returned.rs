//! What a returned PDF form holds: its text fields' values and its digital
//! signatures, read through the file's own cross-reference (lopdf), so that
//! a form saved by any reader (Adobe, Foxit, a browser, MuPDF, pypdf) reads
//! the same.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};

use crate::signature::{self, Status, Trust, Verified};

/// The most signatures read from one file: a unit head's, a countersignature
/// or two. Each costs a reading of the file, so a file with more is refused.
const MAX_SIGNATURES: usize = 8;

/// A filled form: its fields' values by full name, and its signatures.
#[derive(Debug, Default)]
pub struct FilledForm {
    pub values: BTreeMap<String, String>,
    /// Every signature in the file, in the order the fields list them.
    pub signatures: Vec<Verified>,
    /// The values are those of the signed revision: the file was changed
    /// after signing, and the changes are left out.
    pub values_as_signed: bool,
}

/// The form's fields and signatures; None if the bytes are not a PDF.
pub fn read(pdf: &[u8], trust: &Trust) -> Option<FilledForm> {
    let document = Document::load_mem(pdf).ok()?;
    let (values, dictionaries) = fields(&document);
    let mut form = FilledForm { values, ..FilledForm::default() };
    if dictionaries.len() > MAX_SIGNATURES {
        let note = format!("tệp có {} chữ ký, nhiều hơn {MAX_SIGNATURES} chữ ký một biểu mẫu có thể cần", dictionaries.len());
        form.signatures.push(Verified { status: Status::Invalid, signer: None, issuer: None, time: None, note: Some(note), signed_end: 0 });
        return Some(form);
    }
    form.signatures = dictionaries.iter().map(|d| signature::verify(pdf, &document, d, trust)).collect();
    // What came after each good signature: the revisions it signed, read once each.
    let mut revisions: BTreeMap<usize, Option<(Document, BTreeMap<String, String>)>> = BTreeMap::new();
    for (verified, dictionary) in form.signatures.iter_mut().zip(&dictionaries) {
        let end = verified.signed_end;
        if verified.status > Status::Untrusted || end == pdf.len() {
            continue;
        }
        let revision = revisions.entry(end).or_insert_with(|| {
            let document = Document::load_mem(&pdf[..end]).ok()?;
            let (values, _) = fields(&document);
            Some((document, values))
        });
        let change = match revision {
            None => Some("không đọc được bản đã ký".to_owned()),
            Some(_) if locks_everything(&document, dictionary) => Some("tệp đã khóa khi ký nhưng vẫn bị thêm nội dung".into()),
            Some((signed, values)) => changed_value(values, &form.values).or_else(|| signature::changes::after_signing(signed, &document)),
        };
        if let Some(change) = change {
            verified.status = Status::Changed;
            verified.note = Some(change);
        }
    }
    // The values a signer vouched for: those of the last revision a good
    // signature covers, when later revisions changed them.
    let last_signed = form.signatures.iter().filter(|v| v.status <= Status::Changed).map(|v| v.signed_end).max();
    if let Some(Some((_, values))) = last_signed.and_then(|end| revisions.remove(&end))
        && values != form.values
    {
        form.values = values;
        form.values_as_signed = true;
    }
    Some(form)
}

/// The first text field whose value differs between two revisions, in words.
fn changed_value(signed: &BTreeMap<String, String>, returned: &BTreeMap<String, String>) -> Option<String> {
    let names = signed.keys().chain(returned.keys());
    names.into_iter().find(|name| signed.get(*name) != returned.get(*name)).map(|name| {
        let shown = |value: Option<&String>| value.map_or_else(|| "(trống)".to_owned(), |v| format!("“{v}”"));
        format!("ô “{name}” đổi từ {} thành {}", shown(signed.get(name)), shown(returned.get(name)))
    })
}

/// Whether a signature certifies the document with no change allowed
/// after it (DocMDP, permission 1).
fn locks_everything(document: &Document, signature: &Dictionary) -> bool {
    let references = signature.get_deref(b"Reference", document).and_then(Object::as_array).cloned().unwrap_or_default();
    references.iter().filter_map(|r| document.dereference(r).ok()?.1.as_dict().ok()).any(|reference| {
        let method = reference.get(b"TransformMethod").and_then(Object::as_name).ok();
        let permission = reference.get_deref(b"TransformParams", document).and_then(Object::as_dict).and_then(|p| p.get(b"P")).and_then(Object::as_i64);
        method == Some(b"DocMDP") && permission.unwrap_or(2) == 1
    })
}

/// The text fields' values by full name, and the signature fields' signed
/// dictionaries, in the order the form lists them.
fn fields(document: &Document) -> (BTreeMap<String, String>, Vec<Dictionary>) {
    let mut form = Fields::default();
    let Ok(acroform) = document.catalog().and_then(|c| c.get_deref(b"AcroForm", document)).and_then(Object::as_dict) else {
        return (form.values, form.signatures);
    };
    let Ok(fields) = acroform.get_deref(b"Fields", document).and_then(Object::as_array) else { return (form.values, form.signatures) };
    for field in fields {
        walk(document, field, "", None, &mut form, 0);
    }
    (form.values, form.signatures)
}

#[derive(Default)]
struct Fields {
    values: BTreeMap<String, String>,
    signatures: Vec<Dictionary>,
}

/// Reads a field and its kids; `parent` is the full name above it and
/// `kind` the field type it inherits.
fn walk(document: &Document, field: &Object, parent: &str, kind: Option<&[u8]>, form: &mut Fields, depth: usize) {
    let Ok((_, Object::Dictionary(dict))) = document.dereference(field) else { return };
    if depth > 16 {
        return; // a loop in a broken file
    }
    let partial = dict.get(b"T").ok().and_then(|t| lopdf::decode_text_string(t).ok());
    let name = match (&partial, parent) {
        (Some(p), "") => p.clone(),
        (Some(p), _) => format!("{parent}.{p}"),
        (None, _) => parent.to_owned(),
    };
    let kind = dict.get(b"FT").and_then(Object::as_name).ok().or(kind);
    let value = dict.get_deref(b"V", document).ok();
    match (kind, value) {
        (Some(b"Tx"), Some(value)) if partial.is_some() => {
            if let Ok(text) = lopdf::decode_text_string(value) {
                form.values.insert(name.clone(), text);
            }
        }
        (Some(b"Sig"), Some(Object::Dictionary(signature))) if partial.is_some() => {
            form.signatures.push(signature.clone());
        }
        _ => {}
    }
    if let Ok(kids) = dict.get_deref(b"Kids", document).and_then(Object::as_array) {
        for kid in kids {
            walk(document, kid, &name, kind, form, depth + 1);
        }
    }
}
