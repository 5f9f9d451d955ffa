//! Whom to believe: the certificates the office trusts (campaign.toml's
//! `trust`), and the chain from a signer's certificate up to one of them,
//! each link's signature, validity at the signing time and key usage
//! checked.

use std::time::Duration;

use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

use super::crypto;

/// The longest chain followed from a signer to a trusted certificate:
/// national root, government CA, a sub-CA, the signer, with room to spare.
const MAX_CHAIN: usize = 8;

/// The certificates the office trusts to vouch for signers.
#[derive(Debug, Default, Clone)]
pub struct Trust {
    anchors: Vec<Certificate>,
}

impl Trust {
    pub fn new(anchors: Vec<Certificate>) -> Self {
        Self { anchors }
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The certificates in a file as offices receive them: one DER
    /// certificate (.cer, .crt, .der), or PEM with one or more.
    pub fn parse(bytes: &[u8]) -> Option<Vec<Certificate>> {
        if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
            return Certificate::load_pem_chain(bytes).ok().filter(|c| !c.is_empty());
        }
        Certificate::from_der(bytes).ok().map(|c| vec![c])
    }

    /// Ok when a chain runs from `signer` through `others` (the certificates
    /// the signature carries) to a trusted certificate, every link valid
    /// at `time`; else why not, in words.
    pub fn check(&self, signer: &Certificate, others: &[Certificate], time: Duration) -> Result<(), String> {
        valid_at(signer, time)?;
        if let Ok(Some((_, usage))) = signer.tbs_certificate().get_extension::<KeyUsage>()
            && !usage.digital_signature()
            && !usage.non_repudiation()
        {
            return Err(format!("chứng thư của “{}” không được cấp để ký số", name(signer)));
        }
        if self.anchors.is_empty() {
            return Err("chưa có danh sách chứng thư tin cậy (trust trong campaign.toml)".into());
        }
        let mut current = signer;
        for _ in 0..MAX_CHAIN {
            if self.anchors.contains(current) {
                return Ok(());
            }
            if self.anchors.iter().any(|anchor| issued(current, anchor)) {
                return Ok(());
            }
            let Some(parent) = others.iter().find(|c| *c != current && issued(current, c)) else {
                let issuer = current.tbs_certificate().issuer();
                return Err(format!("chứng thư do “{}” cấp, không thuộc danh sách tin cậy", common_name(issuer)));
            };
            valid_at(parent, time)?;
            let is_ca = matches!(parent.tbs_certificate().get_extension::<BasicConstraints>(), Ok(Some((_, c))) if c.ca);
            let may_sign = !matches!(parent.tbs_certificate().get_extension::<KeyUsage>(), Ok(Some((_, u))) if !u.key_cert_sign());
            if !is_ca || !may_sign {
                return Err(format!("“{}” không phải tổ chức được phép cấp chứng thư", name(parent)));
            }
            current = parent;
        }
        Err("chuỗi chứng thư quá dài".into())
    }
}

/// Whether `parent` issued `child`: its subject is the child's issuer and
/// its key verifies the child's signature.
fn issued(child: &Certificate, parent: &Certificate) -> bool {
    if parent.tbs_certificate().subject() != child.tbs_certificate().issuer() {
        return false;
    }
    let Ok(tbs) = child.tbs_certificate().to_der() else { return false };
    let Some(signature) = child.signature().as_bytes() else { return false };
    crypto::verify(parent.tbs_certificate().subject_public_key_info(), child.signature_algorithm(), None, &tbs, signature).is_ok()
}

fn valid_at(certificate: &Certificate, time: Duration) -> Result<(), String> {
    let validity = certificate.tbs_certificate().validity();
    let (from, to) = (validity.not_before.to_unix_duration(), validity.not_after.to_unix_duration());
    if time < from || time > to {
        let date = |t: Duration| chrono::DateTime::from_timestamp(t.as_secs() as i64, 0).map_or_else(String::new, |d| d.format("%d/%m/%Y").to_string());
        return Err(format!("chứng thư của “{}” chỉ có hiệu lực từ {} đến {}, không phải lúc ký", name(certificate), date(from), date(to)));
    }
    Ok(())
}

/// The subject's common name, as signers are known.
pub fn name(certificate: &Certificate) -> String {
    common_name(certificate.tbs_certificate().subject())
}

/// A name's CN, or the whole name where it has none.
pub fn common_name(name: &x509_cert::name::Name) -> String {
    match name.common_name() {
        Ok(Some(cn)) => cn.value().into_owned(),
        _ => name.to_string(),
    }
}
