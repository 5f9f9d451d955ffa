//! Field types that check themselves while they are read.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserialize, Deserializer};

use crate::fonts::prints;
use crate::source::bad_date;

/// Text that a document prints: never empty, no outer blanks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Text::clean(&text).map_err(de::Error::custom)
    }
}

/// The longest text a field may hold: several pages of a document. A longer
/// one is a paste gone wrong, not something to lay out for minutes.
pub const MAX_TEXT_CHARS: usize = 20_000;

impl Text {
    /// Text as clerks paste it from Word or type it on a Mac, made printable:
    /// NFC (precomposed Vietnamese), tabs and Windows line ends as spaces and
    /// line breaks (a bare CR too: Acrobat ends a line so in a form's
    /// multi-line field), no outer blanks. Control characters, characters the
    /// shipped fonts lack (emoji), text in the legacy TCVN3 or VNI encodings,
    /// empty and huge text are refused.
    pub fn clean(text: &str) -> Result<Self, String> {
        use unicode_normalization::UnicodeNormalization;
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            return Err(text_too_long(length, MAX_TEXT_CHARS));
        }
        let text: String = text.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ").nfc().collect();
        if let Some((position, c)) = text.chars().enumerate().find(|(_, c)| c.is_control() && *c != '\n') {
            return Err(control_character(c, position + 1));
        }
        if let Some((position, c)) = text.chars().enumerate().find(|(_, c)| !prints(*c)) {
            return Err(missing_glyph(c, position + 1, None));
        }
        // Names and titles print in capitals too: "ĐƠN VỊ: …".
        for (position, c) in text.chars().enumerate() {
            if let Some(capital) = c.to_uppercase().find(|capital| !prints(*capital)) {
                return Err(missing_glyph(c, position + 1, Some(capital)));
            }
        }
        if let Some(encoding) = legacy_encoding(&text) {
            return Err(legacy_encoding_message(encoding));
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(empty_field("chữ"));
        }
        Ok(Self(text.to_owned()))
    }
}

/// Text typed with a legacy Vietnamese font encoding and read as Unicode
/// shows Latin-1 letters that Vietnamese never uses ("Céng hoµ x· héi" in
/// TCVN3, "Coäng hoøa xaõ hoäi" in VNI). Returns which, when two or more appear.
fn legacy_encoding(text: &str) -> Option<&'static str> {
    // Symbols TCVN3 uses for Vietnamese letters, and letters VNI puts after
    // a vowel for its tone or hat. Two of a kind are no accident.
    const TCVN3: &str = "¸µ¶·¹¨©ª«¬®¯°±²³´¼½¾";
    const VNI: &str = "äåëïöüøûñÿÄÅËÏÖÜØÛÑ";
    let count = |set: &str| text.chars().filter(|c| set.contains(*c)).count();
    if count(TCVN3) >= 2 {
        Some("TCVN3 (ABC)")
    } else if count(VNI) >= 2 {
        Some("VNI")
    } else {
        None
    }
}

/// A list that must hold at least one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonEmpty<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NonEmpty<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        if items.is_empty() {
            return Err(de::Error::custom(empty_field("danh sách")));
        }
        Ok(Self(items))
    }
}

impl<T> std::ops::Deref for NonEmpty<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// The years a document's date or month may fall in: any a living office
/// writes, and few enough digits for every date format on the way (PDF
/// timestamps, Typst's datetime).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A document's date: a TOML date (2026-06-01) or the same, or 01/06/2026, as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocDate(pub NaiveDate);

impl DocDate {
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
            .ok()
            .filter(|date| YEARS.contains(&date.year()))
            .map(Self)
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => datetime.to_string(),
            toml::Value::Datetime(datetime) => return Err(de::Error::custom(bad_date(&datetime.to_string()))),
            toml::Value::String(text) => text,
            other => return Err(de::Error::custom(bad_date(&other.to_string()))),
        };
        Self::parse(&text).ok_or_else(|| de::Error::custom(bad_date(&text)))
    }
}

/// A document's number, from 1; absent where the records clerk fills it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocNumber(pub u32);

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u32::deserialize(deserializer)? {
            0 => Err(de::Error::custom(zero_number())),
            number => Ok(Self(number)),
        }
    }
}

/// The symbol after the number: "UBND-VHXH", "BC-UBND", "QĐ-UBND",
/// "TTr-UBND": parts joined by "-", each in capitals but for the small
/// letters Phụ lục III's abbreviations have (TTr, CTr, QyĐ, TrS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol(String);

impl Symbol {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Symbol {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let symbol = String::deserialize(deserializer)?;
        let part = |part: &str| {
            let mut chars = part.chars();
            chars.next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) && chars.all(|c| c.is_alphabetic() || c.is_ascii_digit())
        };
        let valid = symbol.split('-').all(part);
        if !valid {
            return Err(de::Error::custom(bad_symbol(&symbol)));
        }
        Ok(Self(symbol))
    }
}

/// A web link that a QR code carries: http or https, no blanks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link(String);

impl Link {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let link = String::deserialize(deserializer)?;
        let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
        let valid = rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.chars().any(|c| c.is_whitespace() || c.is_control()));
        if !valid {
            return Err(de::Error::custom(bad_link(&link)));
        }
        Ok(Self(link))
    }
}

// What this module tells the user, in Vietnamese.

fn bad_link(value: &str) -> String {
    format!("đường dẫn “{value}” không dùng được: chỉ nhận liên kết bắt đầu bằng https:// hoặc http://, không có dấu cách")
}

fn text_too_long(length: usize, max: usize) -> String {
    format!("chữ quá dài ({length} ký tự, tối đa {max}); có lẽ đã dán nhầm cả một tệp. Hãy kiểm tra lại")
}

fn control_character(c: char, position: usize) -> String {
    format!("có ký tự điều khiển U+{:04X} (không in được) ở ký tự thứ {position}; thường do dán từ Word hay PDF. Hãy xóa rồi gõ lại đoạn đó", c as u32)
}

/// A character no shipped font has. `capital` is set when only the capital
/// form, which headers print, is missing.
fn missing_glyph(c: char, position: usize, capital: Option<char>) -> String {
    let shown = match capital {
        Some(capital) => format!("chữ in hoa “{capital}” (U+{:04X}) của ký tự “{c}” (U+{:04X})", capital as u32, c as u32),
        None => format!("ký tự “{c}” (U+{:04X})", c as u32),
    };
    let code = c as u32;
    let hint = match code {
        0x1F000..=0x1F7FF | 0x1F900..=0x1FAFF | 0x2600..=0x27BF | 0x2B1B | 0x2B1C | 0x2B50 | 0x2B55 => {
            "đây là biểu tượng cảm xúc (emoji), văn bản hành chính không dùng. Hãy xóa nó đi"
        }
        0x2190..=0x21FF | 0x27F0..=0x27FF | 0x2900..=0x297F | 0x2B00..=0x2BFF | 0x1F800..=0x1F8FF => "hãy thay bằng mũi tên “→” hoặc “➡”",
        0x2022..=0x2043 | 0x25A0..=0x25FF | 0x2219 | 0x00B7 => "hãy thay bằng dấu “•” hoặc “-”",
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => {
            "đây là ký tự riêng của một phông (thường do dán từ Word dùng phông Wingdings hay Symbol). Hãy gõ lại bằng chữ, hoặc dùng “•”, “→”, “✓”"
        }
        _ => "hãy xóa ký tự này hoặc thay bằng chữ thường",
    };
    format!("phông chữ không có {shown} ở ký tự thứ {position} của trường này; {hint}")
}

fn legacy_encoding_message(encoding: &str) -> String {
    format!(
        "chữ có vẻ gõ bằng bảng mã cũ {encoding}, không phải Unicode, nên sẽ in ra sai dấu. Hãy chuyển sang Unicode (ví dụ Unikey: Công cụ chuyển mã, từ {encoding} sang Unicode) rồi dán lại"
    )
}

fn empty_field(what: &str) -> String {
    format!("{what} đang để trống; hãy điền nội dung")
}

fn bad_symbol(value: &str) -> String {
    // "trường này" becomes the field's name where the message is shown:
    // a document's symbol, a unit's code.
    format!(
        "trường này “{value}” không phải ký hiệu hợp lệ: các phần nối bằng dấu gạch nối, mỗi phần bắt đầu bằng chữ in hoa hay chữ số (chữ thường chỉ ở sau, như TTr, QyĐ), không có dấu cách, số văn bản hay dấu “/”, ví dụ \"UBND-VHXH\" hay \"T1\""
    )
}

fn zero_number() -> String {
    "số văn bản bắt đầu từ 1; để trống (bỏ dòng number) nếu văn thư sẽ cấp số sau".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Probe<T> {
        value: T,
    }

    fn read<T: for<'de> Deserialize<'de>>(toml_value: &str) -> Result<T, String> {
        toml::from_str::<Probe<T>>(&format!("value = {toml_value}")).map(|probe| probe.value).map_err(|e| e.message().to_owned())
    }

    #[test]
    fn dates_in_either_form() {
        let june = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(read::<DocDate>("2026-06-01").unwrap().0, june);
        assert_eq!(read::<DocDate>("\"2026-06-01\"").unwrap().0, june);
        assert_eq!(read::<DocDate>("\"01/06/2026\"").unwrap().0, june);
        assert_eq!(read::<DocDate>("\"1/6/2026\"").unwrap().0, june);
        // A TOML date such as 2026-02-30 is refused by toml itself (see Error::toml).
        assert!(read::<DocDate>("\"01/01/1900\"").is_ok() && read::<DocDate>("2200-12-31").is_ok());
        for bad in ["\"31/6/2026\"", "\"mai\"", "2026-06-01T09:00:00", "5", "\"+12026-06-01\"", "1899-12-31", "\"01/01/2201\""] {
            let message = read::<DocDate>(bad).unwrap_err();
            assert!(message.contains("không hợp lệ"), "{bad}: {message}");
        }
    }

    #[test]
    fn links_are_web_links() {
        assert!(read::<Link>("\"https://apps.apple.com/vn/app/x\"").is_ok());
        assert!(read::<Link>("\"http://example.vn\"").is_ok());
        for bad in ["\"ftp://x.vn\"", "\"javascript:alert(1)\"", "\"https://\"", "\"https://a b\"", "\"apps.apple.com\""] {
            let message = read::<Link>(bad).unwrap_err();
            assert!(message.contains("https://"), "{bad}: {message}");
        }
    }

    #[test]
    fn symbols_numbers_and_text() {
        assert!(read::<Symbol>("\"QĐ-UBND\"").is_ok());
        assert!(read::<Symbol>("\"769/UBND\"").is_err());
        assert!(read::<Symbol>("\"ubnd-vhxh\"").is_err());
        assert!(read::<Symbol>("\"TTr-UBND\"").is_ok() && read::<Symbol>("\"QyĐ-UBND\"").is_ok(), "Phụ lục III's abbreviations");
        assert!(read::<Symbol>("\"UBND-\"").is_err() && read::<Symbol>("\"UBND VHXH\"").is_err());
        assert!(read::<DocNumber>("0").is_err());
        assert!(read::<DocNumber>("-3").is_err());
        assert_eq!(read::<DocNumber>("5").unwrap().0, 5);
        assert!(read::<Text>("\"  \"").unwrap_err().contains("trống"));
        assert_eq!(read::<Text>("\" a \"").unwrap().as_str(), "a");
    }

    #[test]
    fn pasted_text_is_cleaned_or_refused() {
        // Decomposed (NFD, as typed on a Mac) becomes precomposed.
        let nfd = "Vie\u{302}\u{323}t Nam";
        assert_eq!(Text::clean(nfd).unwrap().as_str(), "Việt Nam");
        assert_eq!(Text::clean("a\tb\r\nc\rd").unwrap().as_str(), "a b\nc\nd");
        assert_eq!(Text::clean("“Smart\u{a0}Hải Phòng”").unwrap().as_str(), "“Smart\u{a0}Hải Phòng”");
        assert!(Text::clean("a\u{7}b").unwrap_err().contains("U+0007"));
        let emoji = Text::clean("Cài ứng dụng 📱 ngay").unwrap_err();
        assert!(emoji.contains("“📱” (U+1F4F1)") && emoji.contains("ký tự thứ 14") && emoji.contains("xóa"), "{emoji}");
        assert!(Text::clean("Bấm ➡ Cài đặt ✓").is_ok(), "the shipped symbols print");
        // ꞵ prints in Liberation Serif, its capital does not.
        if prints('\u{a7b5}') && !prints('\u{a7b4}') {
            assert!(Text::clean("a\u{a7b5}").unwrap_err().contains("chữ in hoa"));
        }
        assert!(Text::clean("Céng hoµ x· héi chñ nghÜa ViÖt Nam").unwrap_err().contains("TCVN3"));
        assert!(Text::clean("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam").unwrap_err().contains("VNI"));
        assert!(Text::clean("Hội Liên hiệp Phụ nữ; Đoàn Thanh niên; Ủy ban").is_ok());
        assert!(Text::clean(&"x".repeat(MAX_TEXT_CHARS + 1)).unwrap_err().contains("quá dài"));
        assert!(read::<NonEmpty<Text>>("[]").is_err());
    }
}
