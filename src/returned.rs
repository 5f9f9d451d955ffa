//! What a returned PDF form holds: its text fields' values and its digital
//! signatures, read through the file's own cross-reference (lopdf), so that
//! a form saved by any reader (Adobe, Foxit, a browser, MuPDF, pypdf) reads
//! the same.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};
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

/// The form's fields and signatures; None if the bytes are not a PDF.
pub fn read(pdf: &[u8]) -> Option<FilledForm> {
    let document = Document::load_mem(pdf).ok()?;
    let mut form = FilledForm::default();
    let Ok(acroform) = document.catalog().and_then(|c| c.get_deref(b"AcroForm", &document)).and_then(Object::as_dict) else {
        return Some(form);
    };
    let Ok(fields) = acroform.get_deref(b"Fields", &document).and_then(Object::as_array) else { return Some(form) };
    for field in fields {
        walk(&document, pdf, field, "", None, &mut form, 0);
    }
    Some(form)
}

/// Reads a field and its kids; `parent` is the full name above it and
/// `kind` the field type it inherits.
fn walk(document: &Document, pdf: &[u8], field: &Object, parent: &str, kind: Option<&[u8]>, form: &mut FilledForm, depth: usize) {
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
            form.signatures.push(signature_info(document, pdf, signature));
        }
        _ => {}
    }
    if let Ok(kids) = dict.get_deref(b"Kids", document).and_then(Object::as_array) {
        for kid in kids {
            walk(document, pdf, kid, &name, kind, form, depth + 1);
        }
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
    fn pdf_dates_read_as_iso() {
        assert_eq!(pdf_date("D:20260801093000+07'00'").unwrap(), "2026-08-01T09:30:00+07:00");
        assert_eq!(pdf_date("D:20260801093000Z").unwrap(), "2026-08-01T09:30:00Z");
        assert_eq!(pdf_date("D:2026").unwrap(), "2026-01-01T00:00:00Z");
        assert!(pdf_date("D:x").is_none());
    }
}
