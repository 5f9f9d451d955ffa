//! TOML and serde errors turned into Vietnamese advice, at the place in
//! the file they concern.

use crate::error::{Error, Location};

/// A TOML error, with serde's English wording turned into advice.
/// A date toml or serde refused, with how to write one.
pub fn bad_date(value: &str) -> String {
    format!("ngày “{value}” không hợp lệ. Hãy viết ngày có thật, năm từ 1900 đến 2200, dạng 2026-06-01 (năm-tháng-ngày) hoặc \"01/06/2026\"")
}

pub fn toml_error(file: &str, text: &str, error: &toml::de::Error) -> Error {
    let Some(span) = error.span() else {
        return Error::data(Location::file(file), explain_toml(error.message()));
    };
    if let Some((start, value, number)) = grouped_count_at(text, span.start) {
        return Error::data(Location::at(file, text, start), grouped_count(value, number));
    }
    if let Some((start, key, value)) = bare_value_at(text, span.start) {
        return Error::data(Location::at(file, text, start), bare_value(key, value));
    }
    if error.message().contains("date-time") {
        // toml's own check of a date such as 2026-02-30 points into the
        // date; name the whole value.
        let is_part = |c: char| !c.is_whitespace() && !matches!(c, '=' | ',' | '[' | ']' | '{' | '}');
        let start = after_last(&text[..span.start], |c| !is_part(c));
        let end = text[start..].find(|c| !is_part(c)).map_or(text.len(), |i| start + i);
        return Error::data(Location::at(file, text, start), bad_date(&text[start..end]));
    }
    let mut message = explain_toml(error.message());
    let mut start = span.start;
    if message.starts_with(WRONG_TYPE)
        && let Some(key) = key_before(text, start)
    {
        message = format!("trường “{key}”: {message}");
    }
    if message.contains(THIS_FIELD) {
        // Our own checks name a character "(U+…)" last and say "this
        // field": point at the character itself, whose key is then the
        // field's (the span of a block in [[body]] is its table).
        let character = message.rsplit("(U+").next().and_then(|rest| rest.split(')').next());
        let character = character.and_then(|hex| u32::from_str_radix(hex, 16).ok()).and_then(char::from_u32);
        if let Some(found) = character.and_then(|c| text[span.start.min(text.len())..].find(c)) {
            start = span.start + found;
        }
        if let Some(key) = key_before(text, start) {
            message = message.replace(THIS_FIELD, &format!("trường “{key}”"));
        }
    }
    Error::data(Location::at(file, text, start), message)
}

/// Where the text after the last character matching `stop` begins: a
/// character boundary even when that character is "à" or a no-break space.
fn after_last(text: &str, stop: impl Fn(char) -> bool) -> usize {
    text.char_indices().rev().find(|&(_, c)| stop(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

/// How a type error begins; `toml_error` names its field before it.
const WRONG_TYPE: &str = "sai kiểu:";

/// How a value's message refers to its field, which `Error::toml` names.
const THIS_FIELD: &str = "trường này";

/// The key of the value at `offset`: "paragraph" in `paragraph = "…"`, "caption"
/// in `{ link = "x", caption = "…" }`, the array's key for an item of it.
fn key_before(text: &str, offset: usize) -> Option<&str> {
    let before = &text[..offset.min(text.len())];
    let mut end = before.len();
    while let Some(equals) = before[..end].rfind('=') {
        let left = before[..equals].trim_end();
        let start = after_last(left, |c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        let opens = left[..start].trim_end_matches([' ', '\t']).chars().last();
        if start < left.len() && matches!(opens, None | Some('\n' | ',' | '{')) {
            return Some(&left[start..]);
        }
        end = equals;
    }
    None
}

/// The value of the `key = value` line holding `offset`, where it is
/// written bare, neither quoted nor a number, date, true or false, list or
/// table: a word (`total = mười`) or a date as it is written by hand
/// (`date = 1/10/2026`). Its start, key and text.
fn bare_value_at(text: &str, offset: usize) -> Option<(usize, &str, &str)> {
    let (start, key, value) = value_at(text, offset)?;
    let quoted_or_nested = value.starts_with(['"', '\'', '[', '{']);
    let word = value.chars().any(char::is_alphabetic) && !matches!(value, "true" | "false") && !value.starts_with(|c: char| c.is_ascii_digit());
    if value.is_empty() || quoted_or_nested || !(word || value.contains('/')) {
        return None;
    }
    Some((start, key, value))
}

/// A bare value, with what to write: the date as TOML writes one, the word in quotes.
fn bare_value(key: &str, value: &str) -> String {
    let parts: Vec<&str> = value.split(['/', '.', '-']).collect();
    if let [day, month, year] = parts[..]
        && let (Ok(day), Ok(month), Ok(year)) = (day.parse::<u32>(), month.parse::<u32>(), year.parse::<i32>())
        && chrono::NaiveDate::from_ymd_opt(year, month, day).is_some()
    {
        return format!("ngày “{value}” viết theo dạng năm-tháng-ngày, không có ngoặc kép: hãy viết {key} = {year:04}-{month:02}-{day:02}");
    }
    format!(
        "“{value}” ở trường “{key}” chưa có ngoặc kép: chữ phải đặt trong ngoặc kép ({key} = \"{value}\"); nếu là số, hãy viết bằng chữ số, ví dụ {key} = 10"
    )
}

/// A count written with thousands separators ("1.800").
pub fn grouped_count(value: &str, number: u64) -> String {
    format!(
        "số “{value}” có dấu ngăn cách hàng nghìn; số đếm viết liền, không có dấu chấm hay dấu cách. Nếu là {}, hãy viết {number}",
        crate::vietnamese::count_words(number)
    )
}

/// The value of the `key = value` line holding `offset`, where it is a
/// count written with thousands separators: its start, text and number.
fn grouped_count_at(text: &str, offset: usize) -> Option<(usize, &str, u64)> {
    let (start, _, value) = value_at(text, offset)?;
    let number = crate::vietnamese::grouped_count(value)?;
    Some((start, value, number))
}

/// The `key = value` line holding `offset`: where its value starts, its
/// key, and its value without a comment after it.
fn value_at(text: &str, offset: usize) -> Option<(usize, &str, &str)> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let (key, value) = line.split_once('=')?;
    let value = value.split_once('#').map_or(value, |(value, _)| value).trim();
    Some((line_start + line.find(value)?, key.trim(), value))
}

/// Turns serde's and toml's English into Vietnamese advice, naming the field.
fn explain_toml(message: &str) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let message = message.as_str();
    if let Some(field) = between(message, "missing field `", "`") {
        return format!("thiếu trường “{field}”. {}", field_hint(field));
    }
    for (marker, what, listed) in [("unknown field `", "trường", "Các trường được dùng ở đây"), ("unknown variant `", "giá trị", "Các giá trị được dùng ở đây")]
    {
        if let Some(name) = between(message, marker, "`") {
            let expected = expected_names(message);
            let suggestion = closest(name, &expected).map(|near| format!(" Có phải ý bạn là “{near}”?")).unwrap_or_default();
            return format!("{what} “{name}” không có trong mẫu.{suggestion} {listed}: {}", expected.join(", "));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!("{WRONG_TYPE} ở đây cần {}, nhưng đang là {}", kind_name(expected), kind_name(found));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!("giá trị không hợp lệ: cần {}, nhưng đang là {}", kind_name(expected), kind_name(found));
    }
    if message.starts_with("invalid length") {
        return format!("số phần tử không đúng ({message})");
    }
    if message.contains(' ') && message.is_ascii() {
        // toml's own syntax errors ("expected `=`", "duplicate key ...").
        return format!("lỗi cú pháp TOML ({message}). Hãy xem lại dòng này: chuỗi chữ đặt trong ngoặc kép \"…\", mỗi dòng dạng ten = giá_trị");
    }
    // Our own messages, raised by the model's checks, are already Vietnamese.
    message.to_owned()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

/// The names serde lists after "expected one of" (or a single "expected").
fn expected_names(message: &str) -> Vec<&str> {
    let Some((_, list)) = message.split_once("expected ") else { return Vec::new() };
    list.split('`').skip(1).step_by(2).collect()
}

/// The expected name nearest to a misspelling, if it is near enough.
pub fn closest<'a>(typed: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|name| (edit_distance(typed, name), *name))
        .filter(|(distance, name)| *distance <= 2.max(name.chars().count() / 3))
        .min()
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

fn kind_name(serde_kind: &str) -> String {
    let kind = serde_kind.trim();
    let name = match kind {
        "a string" | "string" => "một chuỗi chữ trong ngoặc kép, ví dụ \"…\"",
        "u32" | "u64" | "usize" | "u16" | "u8" => "một số nguyên không âm, ví dụ 15",
        "a sequence" | "sequence" => "một danh sách dạng [\"…\", \"…\"]",
        "a map" | "map" => "một bảng [ten] hoặc { … }",
        "a boolean" | "boolean" => "true hoặc false",
        _ if kind.starts_with("struct ") => "một bảng [ten] hoặc { … }",
        _ if kind.starts_with("integer") => return format!("số {}", kind.trim_start_matches("integer ").trim_matches('`')),
        _ if kind.starts_with("string") => return format!("chuỗi {}", kind.trim_start_matches("string ").replace('`', "\"")),
        _ if kind.starts_with("floating point") => return format!("số thập phân {}", kind.trim_start_matches("floating point ").trim_matches('`')),
        _ if kind.starts_with("boolean") => "giá trị true/false",
        _ => return kind.to_owned(),
    };
    name.to_owned()
}

/// What to write for a field, with an example.
fn field_hint(field: &str) -> String {
    let hint = match field {
        "issuer" => "Hãy thêm bảng [issuer] với name = [\"ỦY BAN NHÂN DÂN\", \"ĐẶC KHU BẠCH LONG VĨ\"] (cơ quan ban hành)",
        "name" => "Hãy ghi name = \"…\" (tên, ví dụ họ tên người ký \"Nguyễn Văn Hậu\")",
        "symbol" => "Hãy ghi symbol = \"UBND-VHXH\" (ký hiệu văn bản, sau dấu “/”)",
        "place" => "Hãy ghi place = \"Hà Nội\" (địa danh trước ngày tháng)",
        "date" => "Hãy ghi date = 2026-06-01 (ngày ký: ngày ban hành văn bản, hay ngày của báo cáo)",
        "subject" => "Hãy ghi subject = \"…\" (trích yếu nội dung, sau “V/v”)",
        "recipients" => "Hãy ghi recipients = [\"…\", \"…\"] (danh sách Kính gửi)",
        "body" => "Hãy thêm các khối [[body]] (nội dung văn bản)",
        "signer" => "Hãy thêm bảng [signer] với title = \"…\" và name = \"…\" (người ký)",
        "title" => "Hãy ghi title = \"CHỦ TỊCH\" (chức vụ người ký)",
        "distribution" => "Hãy ghi distribution = [\"Như trên\", \"Lưu: VT, VHXH\"] (danh sách Nơi nhận)",
        "links" => "Hãy thêm bảng [links] với các đường dẫn, ví dụ app_store = \"https://…\"",
        "link" => "Hãy ghi link = \"app_store\" (tên một đường dẫn trong campaign.toml, mục [links])",
        _ => return format!("Hãy thêm trường “{field}” (xem mẫu trong README)"),
    };
    hint.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_advice() {
        let message = explain_toml("unknown field `sigener`, expected one of `issuer`, `signer`, `body`");
        assert!(message.contains("“sigener”"), "{message}");
        assert!(message.contains("Có phải ý bạn là “signer”?"), "{message}");
        let message = explain_toml("missing field `symbol`");
        assert!(message.starts_with("thiếu trường “symbol”"), "{message}");
        assert!(message.contains("symbol = \"UBND-VHXH\""), "{message}");
        // A field without its own hint is named, never "this field" (which
        // would take the name of the key written before it).
        assert_eq!(explain_toml("missing field `unit`"), "thiếu trường “unit”. Hãy thêm trường “unit” (xem mẫu trong README)");
        let message = explain_toml("invalid type: integer `5`, expected a string");
        assert_eq!(message, "sai kiểu: ở đây cần một chuỗi chữ trong ngoặc kép, ví dụ \"…\", nhưng đang là số 5");
    }

    #[test]
    fn values_are_named_by_their_key() {
        let text = "a = 1\nparagraph = \"x\"\nqr = { link = \"l\", caption = \"y\" }\nlist = [\n  \"b = c\",\n  \"z\",\n]\n";
        let at = |value: &str| key_before(text, text.find(value).unwrap());
        assert_eq!(at("\"x\""), Some("paragraph"));
        assert_eq!(at("\"l\""), Some("link"));
        assert_eq!(at("\"y\""), Some("caption"));
        assert_eq!(at("\"z\""), Some("list"));
        // An "=" straight after a Vietnamese letter, in a comment: no key, and no panic.
        let text = "date = 2026-08-01  # ngà= ký\n[[row]]\nname = \"x";
        assert_eq!(key_before(text, text.find("[[").unwrap()), Some("date"));
        assert_eq!(key_before("# ngà= ký\n", 11), None);
    }

    #[test]
    fn bare_words_and_dates_are_told_how_to_be_written() {
        let error = |text: &str| toml_error("x.toml", text, &toml::from_str::<toml::Table>(text).unwrap_err()).to_string();
        let message = error("a = 1\ntotal = mười\n");
        assert!(message.contains("x.toml, dòng 2") && message.contains("total = \"mười\"") && message.contains("total = 10"), "{message}");
        let message = error("date = 1/10/2026\n");
        assert!(message.contains("date = 2026-10-01"), "{message}");
        // A type error names its field.
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code, reason = "read only to be refused")]
        struct Row {
            total: u64,
        }
        let text = "total = \"1.200\"\n";
        let message = toml_error("x.toml", text, &toml::from_str::<Row>(text).unwrap_err()).to_string();
        assert!(message.contains("trường “total”: sai kiểu"), "{message}");
    }

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("sigener", "signer"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(closest("paragrap", &["paragraph", "heading"]), Some("paragraph"));
        assert_eq!(closest("xyz", &["paragraph", "heading"]), None);
    }
}
