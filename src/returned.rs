//! What a returned PDF form holds: its text fields' values and its digital
//! signatures, verified ([`crate::signature`]), read through the file's own
//! cross-reference (lopdf), so that a form saved by any reader (Adobe,
//! Foxit, a browser, MuPDF, pypdf) reads the same.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Document, Object};

use crate::fields;
use crate::signature::{self, Status, Trust, Verified};

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

/// Why a returned PDF is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The bytes are not a PDF.
    NotPdf,
    /// Encrypted (a password set on it): its parts cannot be read as they are.
    Encrypted,
    /// A compressed part unpacks to more than PART_UNPACKED, or the file
    /// holds (or names again and again) more than a form's parts.
    TooMuch,
    /// A field of the form twice: which one is the unit's is unknown.
    FieldTwice(String),
    /// A field of a table row beyond the form's rows (fields::MAX_ROW).
    RowBeyond(String),
    /// A field's value longer than any text the form takes.
    TooLong(String),
}

/// The largest returned PDF read: a unit's form is some 120 KB, filled in
/// and signed (with the certificates a token adds) some hundreds; a bigger
/// file is not one, and is refused before it is read.
pub const PDF_BYTES: u64 = 5 << 20;
/// The most one compressed part (an object or cross-reference stream) may
/// unpack to as the file loads: a form's are some kilobytes.
pub const PART_UNPACKED: usize = 4 << 20;
/// The longest full name of a field of the form, with room for a row
/// number of 20 digits ("dong18446744073709551615_chua_cai", refused as
/// beyond the form's rows): a longer name, and every name under it, is not
/// the form's, and is not read.
const NAME_CHARS: usize = 64;
/// The longest value read, in bytes (a text of MAX_TEXT_CHARS characters
/// as UTF-16, and its byte order mark).
const VALUE_BYTES: usize = 2 * crate::model::MAX_TEXT_CHARS + 2;
/// The deepest field tree walked: the form's is one level, readers add one.
const DEPTH: usize = 16;
/// The signatures read: the form has one field to sign.
/// The signatures verified: the form has one field to sign, a
/// countersignature adds one; each costs a reading of the file. A file
/// with more is refused as a whole.
const SIGNATURES: usize = 4;

/// The form's fields (those of the form's names: ma_don_vi, so, …,
/// dong<N>_…) and its signatures verified against `trust`, read in work
/// proportional to the file's size: loading is bounded (see `bounded`), the
/// field tree is walked once, each object of it once, whatever its Kids
/// point at, and each signed revision is read once.
pub fn read(pdf: &[u8], trust: &Trust) -> Result<FilledForm, Unreadable> {
    let document = bounded::load(pdf)?;
    let Fields { values, signatures: dictionaries, twice } = fields(&document)?;
    let mut form = FilledForm { values, ..FilledForm::default() };
    if dictionaries.len() > SIGNATURES {
        let note = format!("tệp có hơn {SIGNATURES} chữ ký, nhiều hơn một biểu mẫu có thể cần");
        form.signatures.push(Verified { status: Status::Invalid, signer: None, issuer: None, time: None, note: Some(note), signed_end: 0 });
        return twice.map_or(Ok(form), |name| Err(Unreadable::FieldTwice(name)));
    }
    form.signatures = dictionaries.iter().map(|d| signature::verify(pdf, &document, d, trust)).collect();
    // What came after each good signature: the revisions it signed, read once each.
    let mut revisions: BTreeMap<usize, Option<Revision>> = BTreeMap::new();
    for (verified, dictionary) in form.signatures.iter_mut().zip(&dictionaries) {
        let end = verified.signed_end;
        if verified.status > Status::Untrusted || end == pdf.len() {
            continue;
        }
        let revision = revisions.entry(end).or_insert_with(|| {
            let document = bounded::load(&pdf[..end]).ok()?;
            let fields = fields(&document).ok().filter(|f| f.twice.is_none())?;
            Some(Revision { document, values: fields.values })
        });
        let change = match revision {
            None => Some("không đọc được bản đã ký".to_owned()),
            Some(_) if locks_everything(&document, dictionary) => Some("tệp đã khóa khi ký nhưng vẫn bị thêm nội dung".into()),
            Some(signed) => changed_value(&signed.values, &form.values).or_else(|| signature::changes::after_signing(&signed.document, &document)),
        };
        if let Some(change) = change {
            verified.status = Status::Changed;
            verified.note = Some(change);
        }
    }
    // The values a signer vouched for: those of the last revision a good
    // signature covers, when later revisions changed them.
    let last_signed = form.signatures.iter().filter(|v| v.status <= Status::Changed).map(|v| v.signed_end).max();
    match last_signed.and_then(|end| revisions.remove(&end)).flatten() {
        // A field found twice (one drawn over a signed one) is refused
        // unless a signature says which values were signed.
        Some(signed) if signed.values != form.values || twice.is_some() => {
            form.values = signed.values;
            form.values_as_signed = true;
        }
        _ if let Some(name) = twice => return Err(Unreadable::FieldTwice(name)),
        _ => {}
    }
    Ok(form)
}

/// A revision of the file that a signature covers, read.
struct Revision {
    document: Document,
    values: BTreeMap<String, String>,
}

/// The form's text fields' values by full name, and the signature fields'
/// signed dictionaries (one more than SIGNATURES at most), in the order the
/// form lists them; a field of the form found twice is named.
fn fields(document: &Document) -> Result<Fields, Unreadable> {
    let mut walk = Walk { document, seen: HashSet::new(), named: HashSet::new(), values: BTreeMap::new(), signatures: Vec::new(), twice: None };
    let acroform = document.catalog().and_then(|c| c.get_deref(b"AcroForm", document)).and_then(Object::as_dict);
    if let Ok(fields) = acroform.and_then(|form| form.get_deref(b"Fields", document)).and_then(Object::as_array) {
        for field in fields {
            walk.field(field, "", None, 0)?;
        }
    }
    Ok(Fields { values: walk.values, signatures: walk.signatures, twice: walk.twice })
}

/// What the field tree of a revision holds.
struct Fields {
    values: BTreeMap<String, String>,
    signatures: Vec<Dictionary>,
    twice: Option<String>,
}

/// The first text field whose value differs between two revisions, in words.
fn changed_value(signed: &BTreeMap<String, String>, returned: &BTreeMap<String, String>) -> Option<String> {
    let names = signed.keys().chain(returned.keys());
    names.into_iter().find(|name| signed.get(*name) != returned.get(*name)).map(|name| {
        let shown = |value: Option<&String>| value.map_or_else(|| "(trống)".to_owned(), |v| format!("“{}”", crate::error::visible(v)));
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

/// A walk over a form's field tree.
struct Walk<'a> {
    document: &'a Document,
    /// The objects walked (fields and Kids arrays): each is walked once.
    seen: HashSet<lopdf::ObjectId>,
    /// The form's fields found, with or without a value.
    named: HashSet<String>,
    values: BTreeMap<String, String>,
    signatures: Vec<Dictionary>,
    /// The first of the form's fields found twice.
    twice: Option<String>,
}

impl<'a> Walk<'a> {
    /// `object` dereferenced, unless it is an object walked already.
    fn first_time<'o>(&mut self, object: &'o Object) -> Option<&'o Object>
    where
        'a: 'o,
    {
        let (id, object) = self.document.dereference(object).ok()?;
        match id {
            Some(id) if !self.seen.insert(id) => None,
            _ => Some(object),
        }
    }

    /// Reads a field and its kids; `parent` is the full name above it and
    /// `kind` the field type it inherits.
    fn field(&mut self, field: &Object, parent: &str, kind: Option<&[u8]>, depth: usize) -> Result<(), Unreadable> {
        let Some(Object::Dictionary(dict)) = self.first_time(field) else { return Ok(()) };
        if depth > DEPTH {
            return Ok(());
        }
        let partial = match dict.get(b"T") {
            Ok(Object::String(bytes, _)) if bytes.len() > 2 * NAME_CHARS + 2 => return Ok(()),
            t => t.ok().and_then(|t| lopdf::decode_text_string(t).ok()),
        };
        let name = match (&partial, parent) {
            (Some(p), "") => p.clone(),
            (Some(p), _) => format!("{parent}.{p}"),
            (None, _) => parent.to_owned(),
        };
        if name.chars().count() > NAME_CHARS {
            return Ok(()); // no field of the form here, nor under it
        }
        let kind = dict.get(b"FT").and_then(Object::as_name).ok().or(kind);
        match kind {
            Some(b"Tx") if partial.is_some() && is_the_forms(&name) => {
                if !self.named.insert(name.clone()) {
                    self.twice.get_or_insert(name.clone());
                }
                if fields::parse_cell(&name).is_some_and(|(row, _)| row > fields::MAX_ROW) {
                    return Err(Unreadable::RowBeyond(name));
                }
                if let Ok(value) = dict.get_deref(b"V", self.document) {
                    if value.as_str().is_ok_and(|bytes| bytes.len() > VALUE_BYTES) {
                        return Err(Unreadable::TooLong(name));
                    }
                    if let Ok(text) = lopdf::decode_text_string(value) {
                        self.values.insert(name.clone(), text);
                    }
                }
            }
            Some(b"Sig") if partial.is_some() && self.signatures.len() <= SIGNATURES => {
                if let Ok(Object::Dictionary(signature)) = dict.get_deref(b"V", self.document) {
                    self.signatures.push(signature.clone());
                }
            }
            _ => {}
        }
        if let Some(Object::Array(kids)) = dict.get(b"Kids").ok().and_then(|kids| self.first_time(kids)) {
            for kid in kids {
                self.field(kid, &name, kind, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// Whether `name` is one of the form's fields: its unit, number, dates,
/// signer, or a cell of its table ("dong3_tong_so", written so).
fn is_the_forms(name: &str) -> bool {
    use fields::*;
    SINGLES.contains(&name) || parse_cell(name).is_some_and(|(row, column)| cell(row, column) == name)
}

/// Loading a PDF from outside in bounded work. lopdf loads every object
/// the cross-reference names, each compressed object stream unpacked as it
/// comes, and trusts the cross-reference: 100,000 of its entries may name
/// one object of megabytes, which is then parsed (or unpacked) 100,000
/// times. Each stream unpacks to at most PART_UNPACKED; a filter run on
/// every object as it loads counts what was loaded (objects, their
/// elements, stream bytes, object streams, the same object named again)
/// and, past what any form holds, stops the load: it hands lopdf, in place
/// of the next object, an object stream over its limit, which lopdf
/// refuses by failing the whole load. An encrypted file is refused before
/// it loads (lopdf's loading of one runs no filter).
mod bounded {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use lopdf::{Document, LoadOptions, Object, ObjectId, Stream, dictionary};

    use super::{PART_UNPACKED, Unreadable};

    /// What a form's file loads, at most, with room: a unit's form is some
    /// 200 objects, one saved many times some thousands.
    const OBJECTS: usize = 100_000;
    /// Objects, array and dictionary entries, and 64-byte pieces of strings.
    const ELEMENTS: usize = 4_000_000;
    /// Bytes of streams (their raw content, as loaded).
    const STREAM_BYTES: usize = 64 << 20;
    /// Object streams: a reader saving a form adds one or two each time.
    const OBJECT_STREAMS: usize = 16;
    /// How often one object may load: once, and once more from each
    /// object stream that holds an older copy of it.
    const REPEATS: u32 = OBJECT_STREAMS as u32 + 2;

    #[derive(Default)]
    struct Loaded {
        objects: usize,
        elements: usize,
        stream_bytes: usize,
        object_streams: usize,
        repeats: HashMap<ObjectId, u32>,
        over: bool,
    }

    thread_local! {
        static LOADED: RefCell<Loaded> = RefCell::default();
        /// An object stream of some hundred bytes unpacking to more than
        /// PART_UNPACKED: zeros, deflated twice.
        static STOPPER: Stream = {
            let mut content = vec![0; PART_UNPACKED + 1];
            let mut filters = Vec::new();
            for _ in 0..2 {
                let mut stream = Stream::new(lopdf::Dictionary::new(), content);
                let _ = stream.compress();
                if stream.dict.has(b"Filter") {
                    filters.push(Object::from("FlateDecode"));
                }
                content = stream.content;
            }
            Stream::new(dictionary! { "Type" => "ObjStm", "N" => 1, "First" => 0, "Filter" => filters }, content)
        };
    }

    /// The document in `pdf`, loaded within the bounds above.
    pub fn load(pdf: &[u8]) -> Result<Document, Unreadable> {
        if names_encrypt(pdf) {
            return Err(Unreadable::Encrypted);
        }
        LOADED.with(|loaded| *loaded.borrow_mut() = Loaded::default());
        let options = LoadOptions { max_decompressed_size: Some(PART_UNPACKED), filter: Some(count), ..LoadOptions::default() };
        let loaded = Document::load_mem_with_options(pdf, options);
        let over = LOADED.with(|loaded| std::mem::take(&mut *loaded.borrow_mut()).over);
        match loaded {
            _ if over => Err(Unreadable::TooMuch),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => Err(Unreadable::TooMuch),
            Err(_) => Err(Unreadable::NotPdf),
            Ok(document) => Ok(document),
        }
    }

    /// lopdf's filter: counts `object`, and past the bounds stops the load.
    /// lopdf keeps an object of the file as the filter left it in place,
    /// and an object out of an object stream as the filter returns it: such
    /// an object comes after its object stream, and is never a stream.
    fn count(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
        let (over, in_object_streams) = LOADED.with(|loaded| {
            let mut loaded = loaded.borrow_mut();
            if !loaded.over {
                let repeats = loaded.repeats.entry(id).or_default();
                *repeats += 1;
                let repeated = *repeats > REPEATS;
                loaded.objects += 1;
                loaded.elements += elements(object);
                if let Object::Stream(stream) = object {
                    loaded.stream_bytes += stream.content.len();
                    loaded.object_streams += usize::from(stream.dict.has_type(b"ObjStm"));
                }
                loaded.over = repeated
                    || loaded.objects > OBJECTS
                    || loaded.elements > ELEMENTS
                    || loaded.stream_bytes > STREAM_BYTES
                    || loaded.object_streams > OBJECT_STREAMS;
            }
            (loaded.over, loaded.object_streams > 0)
        });
        if over {
            // In place of an object of the file, an object stream that
            // unpacks past the limit: lopdf fails the load on it. (One out
            // of an object stream is dropped, and the next object of the
            // file stops the load.)
            *object = Object::Stream(STOPPER.with(Clone::clone));
            return Some((id, Object::Null));
        }
        match object {
            // Only an object stream's objects need returning: a form saved
            // without any (Typst, pypdf, pdf.js) copies nothing.
            Object::Stream(_) => Some((id, Object::Null)),
            object if in_object_streams => Some((id, object.clone())),
            _ => Some((id, Object::Null)),
        }
    }

    /// The size of an object as counted: 1, its entries', and a string's
    /// 64-byte pieces.
    fn elements(object: &Object) -> usize {
        match object {
            Object::Array(items) => 1 + items.iter().map(elements).sum::<usize>(),
            Object::Dictionary(dict) => 1 + dict.iter().map(|(_, value)| 1 + elements(value)).sum::<usize>(),
            Object::Stream(stream) => 1 + stream.dict.iter().map(|(_, value)| 1 + elements(value)).sum::<usize>(),
            Object::String(bytes, _) | Object::Name(bytes) => 1 + bytes.len() / 64,
            _ => 1,
        }
    }

    /// Whether a name in the file reads /Encrypt (its letters maybe written
    /// #xx): the key of an encrypted file's trailer. A search for "/E" and
    /// "/#", then a few bytes where one may start the name.
    fn names_encrypt(pdf: &[u8]) -> bool {
        const NAME: &[u8] = b"Encrypt";
        let delimiter = |b: u8| matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%') || b.is_ascii_whitespace() || b == 0;
        let hex = |b: u8| char::from(b).to_digit(16);
        let starts = memchr::memmem::find_iter(pdf, b"/E").chain(memchr::memmem::find_iter(pdf, b"/#"));
        starts.into_iter().any(|at| {
            // The name's bytes, #xx decoded, against "Encrypt".
            let (mut i, mut matched) = (at + 1, 0);
            while let Some(&b) = pdf.get(i).filter(|&&b| !delimiter(b)) {
                let (byte, width) = match (b, pdf.get(i + 1).and_then(|&h| hex(h)), pdf.get(i + 2).and_then(|&l| hex(l))) {
                    (b'#', Some(high), Some(low)) => ((high * 16 + low) as u8, 3),
                    (b, _, _) => (b, 1),
                };
                if NAME.get(matched) != Some(&byte) {
                    return false;
                }
                (i, matched) = (i + width, matched + 1);
            }
            matched == NAME.len()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_fields_by_name() {
        for name in ["ma_don_vi", "so", "nguoi_ky", "dong1_ten", "dong12_chua_cai", "dong99_ly_do"] {
            assert!(is_the_forms(name), "{name}");
        }
        for name in ["dong01_ten", "dong1_", "dong1_Tên", "dong0_ten", "x.so", "ChuKy_NguoiKy", "dong_ten"] {
            assert!(!is_the_forms(name), "{name}");
        }
    }

    #[test]
    fn an_encrypted_file_is_known_by_its_trailer_key_however_spelled() {
        let file = |trailer: &str| format!("%PDF-1.7\ntrailer\n<< /Size 3 {trailer} /Root 1 0 R >>\n%%EOF\n");
        for key in ["/Encrypt 5 0 R", "/Encr#79pt 5 0 R", "/#45ncrypt<<>>"] {
            assert_eq!(bounded::load(file(key).as_bytes()).err(), Some(Unreadable::Encrypted), "{key}");
        }
        for key in ["/Encrypted 5 0 R", "/EncryptMetadata false", "/Encryp t"] {
            assert_ne!(bounded::load(file(key).as_bytes()).err(), Some(Unreadable::Encrypted), "{key}");
        }
    }
}
