//! The CMS SignedData (RFC 5652) in a PDF signature's /Contents, checked
//! against the bytes it signs: the digest of those bytes, then the signer's
//! signature over the signed attributes with its certificate's key.

use std::time::Duration;

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use x509_cert::Certificate;
use x509_cert::der::asn1::{ObjectIdentifier, OctetString};
use x509_cert::der::{Decode, Encode, SliceReader};
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;

use super::crypto::{self, Hash};

const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

/// A signature whose value verifies over the bytes it covers.
pub struct Checked {
    pub signer: Certificate,
    /// Every certificate the signature carries, to build the chain from.
    pub certificates: Vec<Certificate>,
    /// The signing time the signer's attributes state.
    pub time: Option<Duration>,
    pub hash: Hash,
}

/// How the signed bytes reach the signature: hashed by the signer over the
/// byte range (detached), or their SHA-1 carried inside (adbe.pkcs7.sha1).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Encapsulation {
    Detached,
    Sha1Inside,
}

/// Checks `contents` (DER, zero-padded) as a signature over `pieces`.
pub fn check(contents: &[u8], pieces: &[&[u8]], encapsulation: Encapsulation) -> Result<Checked, String> {
    let unreadable = || "nội dung chữ ký không phải một chữ ký CMS đọc được".to_owned();
    let mut reader = SliceReader::new(contents).map_err(|_| unreadable())?;
    let info = ContentInfo::decode(&mut reader).map_err(|_| unreadable())?;
    if info.content_type != SIGNED_DATA {
        return Err(unreadable());
    }
    let signed: SignedData = info.content.decode_as().map_err(|_| unreadable())?;
    let [signer_info] = signed.signer_infos.0.as_slice() else {
        return Err("một chữ ký PDF phải có đúng một người ký".into());
    };
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let signer = certificates.iter().find(|c| identifies(&signer_info.sid, c)).cloned().ok_or_else(|| "chữ ký không mang chứng thư của người ký".to_owned())?;
    let hash = Hash::from_oid(&signer_info.digest_alg.oid).ok_or_else(|| format!("thuật toán băm {} chưa được hỗ trợ", signer_info.digest_alg.oid))?;

    // What the signer hashed: the byte range itself, or its SHA-1 inside.
    let inside = signed.encap_content_info.econtent.as_ref().map(|c| c.decode_as::<OctetString>());
    let content: Vec<u8> = match (encapsulation, inside) {
        (Encapsulation::Detached, None) => Vec::new(),
        (Encapsulation::Sha1Inside, Some(Ok(digest))) if digest.as_bytes() == Hash::Sha1.digest(pieces) => digest.as_bytes().to_vec(),
        _ => return Err(changed()),
    };
    let digest = match encapsulation {
        Encapsulation::Detached => hash.digest(pieces),
        Encapsulation::Sha1Inside => hash.digest(&[&content]),
    };

    let (message, time) = match &signer_info.signed_attrs {
        Some(attributes) => {
            let value = |oid: ObjectIdentifier| attributes.iter().find(|a| a.oid == oid).and_then(|a| a.values.get(0));
            let stated = value(MESSAGE_DIGEST).and_then(|v| v.decode_as::<OctetString>().ok());
            if stated.as_ref().map(OctetString::as_bytes) != Some(digest.as_slice()) {
                return Err(changed());
            }
            if value(CONTENT_TYPE).and_then(|v| v.decode_as::<ObjectIdentifier>().ok()) != Some(DATA) {
                return Err(unreadable());
            }
            let time = value(SIGNING_TIME).and_then(|v| Time::from_der(&v.to_der().ok()?).ok()).map(Time::to_unix_duration);
            // The signature covers the attributes' DER, tagged as a SET.
            (attributes.to_der().map_err(|_| unreadable())?, time)
        }
        None if encapsulation == Encapsulation::Detached => (pieces.concat(), None),
        None => (content, None),
    };
    let key = signer.tbs_certificate().subject_public_key_info();
    crypto::verify(key, &signer_info.signature_algorithm, Some(hash), &message, signer_info.signature.as_bytes())?;
    Ok(Checked { signer, certificates, time, hash })
}

fn changed() -> String {
    "nội dung đã ký không còn khớp với chữ ký: tệp đã bị sửa".into()
}

/// Whether the signer identifier names this certificate.
fn identifies(sid: &SignerIdentifier, certificate: &Certificate) -> bool {
    let tbs = certificate.tbs_certificate();
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => id.issuer == *tbs.issuer() && id.serial_number == *tbs.serial_number(),
        SignerIdentifier::SubjectKeyIdentifier(id) => {
            matches!(tbs.get_extension::<SubjectKeyIdentifier>(), Ok(Some((_, key))) if key == *id)
        }
    }
}
