//! The digital signatures of a returned PDF, answered as trusted readers
//! (Adobe's signature panel, pyHanko) answer them: does the signature
//! verify over the bytes it covers (`signed_data`, `crypto`), do we
//! trust who issued the signer's certificate ([`chain`]), and what changed
//! after signing ([`changes`]).

pub mod chain;
pub mod changes;
mod crypto;
mod signed_data;

use std::time::Duration;

use lopdf::{Dictionary, Document, Object};

pub use chain::Trust;
use signed_data::Encapsulation;

/// What a signature is worth, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Verifies, and a trusted issuer vouches for the signer.
    Valid,
    /// Verifies, but no trusted issuer vouches for the signer (or the
    /// certificate was not valid for signing then).
    Untrusted,
    /// Verified over what was signed, but the file was changed after.
    Changed,
    /// Does not verify: a forged or broken signature, signed bytes
    /// changed, or a hash too weak to prove anything (SHA-1).
    Invalid,
}

impl Status {
    /// The word a report's TOML keeps.
    pub fn key(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Untrusted => "untrusted",
            Self::Changed => "changed",
            Self::Invalid => "invalid",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Valid, Self::Untrusted, Self::Changed, Self::Invalid].into_iter().find(|s| s.key() == key)
    }
}

/// One signature of a file, verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub status: Status,
    /// The common name of the signer's certificate, where the signature
    /// verifies.
    pub signer: Option<String>,
    /// The common name of who issued it.
    pub issuer: Option<String>,
    /// When it was signed, as the signature states it: "2026-08-01T09:30:00+07:00".
    pub time: Option<String>,
    /// Why it is not valid, in words.
    pub note: Option<String>,
    /// Where the revision it signs ends: the file up to here is what was signed.
    pub signed_end: usize,
}

impl Verified {
    fn invalid(note: String) -> Self {
        Self { status: Status::Invalid, signer: None, issuer: None, time: None, note: Some(note), signed_end: 0 }
    }
}

/// Verifies the signature dictionary `signature` of `pdf`.
pub fn verify(pdf: &[u8], document: &Document, signature: &Dictionary, trust: &Trust) -> Verified {
    let sub_filter = signature.get(b"SubFilter").and_then(Object::as_name).unwrap_or_default();
    let encapsulation = match sub_filter {
        b"adbe.pkcs7.detached" | b"ETSI.CAdES.detached" => Encapsulation::Detached,
        b"adbe.pkcs7.sha1" => Encapsulation::Sha1Inside,
        other => return Verified::invalid(format!("kiểu chữ ký “{}” chưa được hỗ trợ", String::from_utf8_lossy(other))),
    };
    let contents = signature.get_deref(b"Contents", document).and_then(Object::as_str).unwrap_or_default();
    let (first, second, end) = match signed_range(pdf, signature, document, contents) {
        Ok(range) => range,
        Err(note) => return Verified::invalid(note),
    };
    let checked = match signed_data::check(contents, &[first, second], encapsulation) {
        Ok(checked) => checked,
        Err(note) => return Verified { signed_end: end, ..Verified::invalid(note) },
    };
    if checked.hash == crypto::Hash::Sha1 || encapsulation == Encapsulation::Sha1Inside {
        // SHA-1 collisions can be bought: such a signature proves nothing,
        // whatever chain vouches for it (pyHanko calls it untrusted, a
        // disallowed algorithm).
        return Verified { signed_end: end, ..Verified::invalid(SHA1_NOTE.into()) };
    }
    let stated = signature.get(b"M").ok().and_then(|m| lopdf::decode_text_string(m).ok()).and_then(|m| pdf_date(&m));
    let time = checked.time.and_then(iso_time).or(stated);
    let moment = time
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .and_then(|t| u64::try_from(t.timestamp()).ok())
        .map(Duration::from_secs)
        // No stated time: the certificate must be valid now.
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default());
    let (status, note) = match trust.check(&checked.signer, &checked.certificates, moment) {
        Ok(()) => (Status::Valid, None),
        Err(why) => (Status::Untrusted, Some(why)),
    };
    Verified {
        status,
        signer: Some(chain::name(&checked.signer)),
        issuer: Some(chain::common_name(checked.signer.tbs_certificate().issuer())),
        time,
        note,
        signed_end: end,
    }
}

const SHA1_NOTE: &str = "chữ ký dùng SHA-1, thuật toán băm đã lỗi thời, không còn chứng minh được ai đã ký";

/// The two signed pieces and where the signed revision ends, after
/// checking that the /ByteRange covers it all from byte 0 except exactly the
/// hole that holds /Contents.
fn signed_range<'a>(pdf: &'a [u8], signature: &Dictionary, document: &Document, contents: &[u8]) -> Result<(&'a [u8], &'a [u8], usize), String> {
    let bad = || "vùng ký (ByteRange) không phủ trọn tệp trừ đúng ô chữ ký".to_owned();
    let range = signature.get_deref(b"ByteRange", document).and_then(Object::as_array).map_err(|_| bad())?;
    let numbers: Vec<usize> = range.iter().filter_map(|n| n.as_i64().ok()).filter_map(|n| usize::try_from(n).ok()).collect();
    let [0, hole_start, hole_end, rest] = numbers[..] else { return Err(bad()) };
    if numbers.len() != range.len() || hole_start >= hole_end {
        return Err(bad());
    }
    let end = hole_end.checked_add(rest).filter(|&end| end <= pdf.len()).ok_or_else(bad)?;
    // The hole is the hex string of /Contents, its brackets included.
    let hole = &pdf[hole_start..hole_end];
    let hex = hole.strip_prefix(b"<").and_then(|h| h.strip_suffix(b">")).ok_or_else(bad)?;
    if hex.len() != contents.len() * 2 || !hex.chunks(2).zip(contents).all(|(pair, &byte)| hex_byte(pair) == Some(byte)) {
        return Err(bad());
    }
    // A signed revision ends where a PDF ends: at %%EOF.
    if !pdf[..end].trim_ascii_end().ends_with(b"%%EOF") {
        return Err(bad());
    }
    Ok((&pdf[..hole_start], &pdf[hole_end..end], end))
}

fn hex_byte(pair: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(pair).ok()?;
    u8::from_str_radix(text, 16).ok()
}

/// A time since 1970 as "2026-08-01T02:30:00Z".
fn iso_time(time: Duration) -> Option<String> {
    let time = chrono::DateTime::from_timestamp(i64::try_from(time.as_secs()).ok()?, 0)?;
    Some(time.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// "D:20260801093000+07'00'" as "2026-08-01T09:30:00+07:00".
pub fn pdf_date(text: &str) -> Option<String> {
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

    #[test]
    fn statuses_read_back_from_their_keys() {
        for status in [Status::Valid, Status::Untrusted, Status::Changed, Status::Invalid] {
            assert_eq!(Status::from_key(status.key()), Some(status));
        }
        assert!(Status::Valid < Status::Untrusted && Status::Changed < Status::Invalid);
    }
}
