//! What a returned PDF form holds: its text fields' values and its digital
//! signatures, read through the file's own cross-reference (lopdf), so that
//! a form saved by any reader (Adobe, Foxit, a browser, MuPDF, pypdf) reads
//! the same.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};

use crate::documents::report::field;
use sha2::Digest;

/// A filled form: its fields' values by full name, and its signatures.
#[derive(Debug, Default)]
pub struct FilledForm {
    pub values: BTreeMap<String, String>,
    pub signatures: Vec<SignatureInfo>,
}

/// What a digital signature says about itself, checked against the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureInfo {
    /// The common name (CN) of the signer's certificate.
    pub signer: Option<String>,
    /// When it was signed, as the signature dictionary (/M) or the signed
    /// attributes say: "2026-08-01T09:30:00+07:00".
    pub time: Option<String>,
    /// Whether the signed bytes run to the end of the file: nothing was
    /// added after signing.
    pub whole_file: bool,
    /// Whether the signed bytes still hash to the digest the signature
    /// holds: nothing in them was changed after signing.
    pub intact: bool,
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
    /// A field of a table row beyond the form's rows (field::MAX_ROW).
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
const SIGNATURES: usize = 4;

/// The form's fields (those of the form's names: ma_don_vi, so, …,
/// dong<N>_…) and signatures, read in work proportional to the file's
/// size: loading is bounded (see `bounded`), and the field tree is walked
/// once, each object of it once, whatever its Kids point at.
pub fn read(pdf: &[u8]) -> Result<FilledForm, Unreadable> {
    let document = bounded::load(pdf)?;
    let mut form = FilledForm::default();
    let Ok(acroform) = document.catalog().and_then(|c| c.get_deref(b"AcroForm", &document)).and_then(Object::as_dict) else {
        return Ok(form);
    };
    let Ok(fields) = acroform.get_deref(b"Fields", &document).and_then(Object::as_array) else { return Ok(form) };
    let mut walk = Walk { document: &document, pdf, seen: std::collections::HashSet::new(), named: std::collections::HashSet::new(), form: &mut form };
    for field in fields {
        walk.field(field, "", None, 0)?;
    }
    Ok(form)
}

/// A walk over a form's field tree.
struct Walk<'a> {
    document: &'a Document,
    pdf: &'a [u8],
    /// The objects walked (fields and Kids arrays): each is walked once.
    seen: std::collections::HashSet<lopdf::ObjectId>,
    /// The form's fields found, with or without a value.
    named: std::collections::HashSet<String>,
    form: &'a mut FilledForm,
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
                    return Err(Unreadable::FieldTwice(name));
                }
                if field::parse_cell(&name).is_some_and(|(row, _)| row > field::MAX_ROW) {
                    return Err(Unreadable::RowBeyond(name));
                }
                if let Ok(value) = dict.get_deref(b"V", self.document) {
                    if value.as_str().is_ok_and(|bytes| bytes.len() > VALUE_BYTES) {
                        return Err(Unreadable::TooLong(name));
                    }
                    if let Ok(text) = lopdf::decode_text_string(value) {
                        self.form.values.insert(name.clone(), text);
                    }
                }
            }
            Some(b"Sig") if partial.is_some() && self.form.signatures.len() < SIGNATURES => {
                if let Ok(Object::Dictionary(signature)) = dict.get_deref(b"V", self.document) {
                    self.form.signatures.push(signature_info(self.document, self.pdf, signature));
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
    use field::*;
    [UNIT, NUMBER, DAY, MONTH, REPORT_MONTH, REPORT_YEAR, SIGNER].contains(&name)
        || parse_cell(name).is_some_and(|(row, column)| cell(row, column) == name)
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

fn signature_info(document: &Document, pdf: &[u8], signature: &Dictionary) -> SignatureInfo {
    let range: Vec<usize> = signature
        .get_deref(b"ByteRange", document)
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|n| n.as_i64().ok()).filter_map(|n| usize::try_from(n).ok()).collect())
        .unwrap_or_default();
    let contents = signature.get_deref(b"Contents", document).and_then(Object::as_str).unwrap_or_default();
    let cms = cms::SignedData::parse(contents);
    let signed_bytes = match range[..] {
        [a, b, c, d] if a.checked_add(b).is_some_and(|end| end <= pdf.len()) && c.checked_add(d).is_some_and(|end| end <= pdf.len()) => {
            Some((&pdf[a..a + b], &pdf[c..c + d], c + d == pdf.len()))
        }
        _ => None,
    };
    let intact = match (&cms, signed_bytes) {
        (Some(cms), Some((first, second, _))) => cms.digest_matches(&[first, second]),
        _ => false,
    };
    let time = signature
        .get(b"M")
        .ok()
        .and_then(|m| lopdf::decode_text_string(m).ok())
        .and_then(|m| pdf_date(&m))
        .or_else(|| cms.as_ref().and_then(|c| c.signing_time.clone()));
    SignatureInfo {
        signer: cms.and_then(|c| c.signer_name),
        time,
        whole_file: signed_bytes.is_some_and(|(_, _, whole)| whole),
        intact,
    }
}

/// "D:20260801093000+07'00'" as "2026-08-01T09:30:00+07:00".
fn pdf_date(text: &str) -> Option<String> {
    let digits = text.strip_prefix("D:").unwrap_or(text);
    let part = |from: usize, to: usize| digits.get(from..to).filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
    let year = part(0, 4)?;
    let field = |from: usize, default: &'static str| part(from, from + 2).unwrap_or(default);
    let (month, day, hour, minute, second) = (field(4, "01"), field(6, "01"), field(8, "00"), field(10, "00"), field(12, "00"));
    let zone = digits.get(14..).unwrap_or("");
    let offset = match zone.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let zone: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            format!("{sign}{}:{}", zone.get(0..2).unwrap_or("00"), zone.get(2..4).unwrap_or("00"))
        }
        _ => "Z".into(),
    };
    Some(format!("{year}-{month}-{day}T{hour}:{minute}:{second}{offset}"))
}

/// Just enough of CMS (RFC 5652) to name the signer, find the signing time
/// and the digest of the signed bytes: a walk over DER, no cryptography.
mod cms {
    use super::Digest;

    /// One DER element: its tag and its contents.
    #[derive(Clone, Copy)]
    struct Element<'a> {
        tag: u8,
        body: &'a [u8],
    }

    /// The elements in a run of DER.
    fn elements(mut der: &[u8]) -> Vec<Element<'_>> {
        let mut out = Vec::new();
        while let Some((element, rest)) = element(der) {
            out.push(element);
            der = rest;
        }
        out
    }

    fn element(der: &[u8]) -> Option<(Element<'_>, &[u8])> {
        let (&tag, rest) = der.split_first()?;
        let (&first, rest) = rest.split_first()?;
        let (length, rest) = match first {
            n if n < 0x80 => (usize::from(n), rest),
            n => {
                let count = usize::from(n & 0x7f);
                if count == 0 || count > 4 || rest.len() < count {
                    return None;
                }
                (rest[..count].iter().fold(0usize, |l, &b| (l << 8) | usize::from(b)), &rest[count..])
            }
        };
        (rest.len() >= length).then(|| (Element { tag, body: &rest[..length] }, &rest[length..]))
    }

    const SEQUENCE: u8 = 0x30;
    const SET: u8 = 0x31;
    const OID: u8 = 0x06;
    const CONTEXT_0: u8 = 0xa0;
    /// 2.5.4.3, the common name.
    const COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];
    /// 1.2.840.113549.1.9.4 and .5: message digest and signing time.
    const MESSAGE_DIGEST: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04];
    const SIGNING_TIME: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05];
    /// 2.16.840.1.101.3.4.2.1, .2, .3: SHA-256, -384, -512.
    const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    const SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
    const SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];

    pub struct SignedData {
        pub signer_name: Option<String>,
        pub signing_time: Option<String>,
        digest_algorithm: Vec<u8>,
        message_digest: Option<Vec<u8>>,
    }

    impl SignedData {
        /// Reads a ContentInfo holding SignedData (the /Contents of a
        /// signature, zero-padded).
        pub fn parse(der: &[u8]) -> Option<Self> {
            let (info, _) = element(der)?;
            let info = elements(info.body);
            let signed = elements(element(info.get(1)?.body)?.0.body);
            // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
            let certificates = signed.iter().find(|e| e.tag == CONTEXT_0).map(|e| elements(e.body)).unwrap_or_default();
            let signer_infos = elements(signed.iter().rev().find(|e| e.tag == SET)?.body);
            let signer = elements(signer_infos.first()?.body);
            // version, sid, digestAlgorithm, [0] signedAttrs?, …
            let sid = signer.get(1)?;
            let digest_algorithm = elements(signer.get(2)?.body).first()?.body.to_vec();
            let serial = (sid.tag == SEQUENCE).then(|| elements(sid.body).get(1).map(|e| e.body)).flatten();
            let certificate = certificates
                .iter()
                .find(|c| serial.is_some() && tbs_fields(c).and_then(|f| f.get(1).map(|e| e.body)) == serial)
                .or(certificates.first());
            let signer_name = certificate.and_then(common_name);
            let (mut message_digest, mut signing_time) = (None, None);
            if let Some(attributes) = signer.iter().find(|e| e.tag == CONTEXT_0) {
                for attribute in elements(attributes.body) {
                    let parts = elements(attribute.body);
                    let (Some(kind), Some(values)) = (parts.first(), parts.get(1)) else { continue };
                    let value = elements(values.body).first().copied();
                    match kind.body {
                        MESSAGE_DIGEST => message_digest = value.map(|v| v.body.to_vec()),
                        SIGNING_TIME => signing_time = value.and_then(asn1_time),
                        _ => {}
                    }
                }
            }
            Some(Self { signer_name, signing_time, digest_algorithm, message_digest })
        }

        /// Whether the pieces hash to the signed message digest.
        pub fn digest_matches(&self, pieces: &[&[u8]]) -> bool {
            fn hash<D: Digest>(pieces: &[&[u8]]) -> Vec<u8> {
                let mut hasher = D::new();
                pieces.iter().for_each(|p| hasher.update(p));
                hasher.finalize().to_vec()
            }
            let digest = match self.digest_algorithm.as_slice() {
                SHA256 => hash::<sha2::Sha256>(pieces),
                SHA384 => hash::<sha2::Sha384>(pieces),
                SHA512 => hash::<sha2::Sha512>(pieces),
                _ => return false,
            };
            self.message_digest.as_deref() == Some(digest.as_slice())
        }
    }

    /// The fields of a certificate's tbsCertificate, the version left out.
    fn tbs_fields<'a>(certificate: &Element<'a>) -> Option<Vec<Element<'a>>> {
        let tbs = elements(elements(certificate.body).first()?.body);
        Some(tbs.into_iter().skip_while(|e| e.tag == CONTEXT_0).collect())
    }

    /// The subject's common name: serial, algorithm, issuer, validity, subject.
    fn common_name(certificate: &Element) -> Option<String> {
        let fields = tbs_fields(certificate)?;
        let subject = fields.get(4)?;
        elements(subject.body).iter().flat_map(|set| elements(set.body)).find_map(|pair| {
            let parts = elements(pair.body);
            (parts.first()?.tag == OID && parts.first()?.body == COMMON_NAME).then(|| text(parts.get(1)?))?
        })
    }

    fn text(value: &Element) -> Option<String> {
        match value.tag {
            // BMPString: UTF-16BE.
            0x1e => {
                let units: Vec<u16> = value.body.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                String::from_utf16(&units).ok()
            }
            _ => String::from_utf8(value.body.to_vec()).ok(),
        }
    }

    /// UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime as "2026-08-01T02:30:00Z".
    fn asn1_time(value: Element) -> Option<String> {
        let text = std::str::from_utf8(value.body).ok()?;
        let digits = text.trim_end_matches('Z');
        let full = match value.tag {
            0x17 => format!("{}{digits}", if digits.get(0..2)? < "50" { "20" } else { "19" }),
            0x18 => digits.to_owned(),
            _ => return None,
        };
        let p = |from: usize| full.get(from..from + 2);
        Some(format!("{}-{}-{}T{}:{}:{}Z", full.get(0..4)?, p(4)?, p(6)?, p(8)?, p(10)?, p(12)?))
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
        for name in ["dong01_ten", "dong1_tong", "dong0_ten", "x.so", "ChuKy_NguoiKy", "dong_ten"] {
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

    #[test]
    fn pdf_dates_read_as_iso() {
        assert_eq!(pdf_date("D:20260801093000+07'00'").unwrap(), "2026-08-01T09:30:00+07:00");
        assert_eq!(pdf_date("D:20260801093000Z").unwrap(), "2026-08-01T09:30:00Z");
        assert_eq!(pdf_date("D:2026").unwrap(), "2026-01-01T00:00:00Z");
        assert!(pdf_date("D:x").is_none());
    }
}
