//! Dates and numbers written the way Nghị định 30/2020 prescribes.

use chrono::{Datelike, NaiveDate};

/// "ngày 05 tháng 01 năm 2026": a leading zero for days 1–9 and for months 1
/// and 2 only, so that nobody can add a digit in front of them by hand.
pub fn long_date(date: NaiveDate) -> String {
    let month = date.month();
    let month = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// "Bạch Long Vĩ, ngày 01 tháng 6 năm 2026": place and date, ô 4.
pub fn place_and_date(place: &str, date: NaiveDate) -> String {
    format!("{place}, {}", long_date(date))
}

/// "30/6/2026": the short form the body text uses for deadlines.
pub fn short_date(date: NaiveDate) -> String {
    format!("{}/{}/{}", date.day(), date.month(), date.year())
}

/// The number in "Số: 05/BC-UBND": below 10 it gets a leading zero.
pub fn document_number(number: u32) -> String {
    format!("{number:02}")
}

/// "Số: 769/UBND-VHXH", or "Số:      /BC-UBND" for a number left blank.
pub fn number_and_symbol(number: Option<u32>, symbol: &str) -> String {
    match number {
        Some(n) => format!("Số: {}/{symbol}", document_number(n)),
        None => format!("Số:{}/{symbol}", "\u{a0}".repeat(8)),
    }
}

/// "1.234": a count with the Vietnamese thousands separator.
pub fn count(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

/// A count written with thousands separators as offices and spreadsheets
/// write it ("1.800", "12 500", "1,800"): its value, when the groups after
/// the first are of three digits and one separator is used throughout.
pub fn grouped_count(text: &str) -> Option<u64> {
    let text = text.trim();
    let separator = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}') {
        return None;
    }
    let mut groups = text.split(separator);
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |group: &str, sizes: std::ops::RangeInclusive<usize>| sizes.contains(&group.len()) && group.bytes().all(|b| b.is_ascii_digit());
    (digits(first, 1..=3) && !rest.is_empty() && rest.iter().all(|group| digits(group, 3..=3))).then_some(())?;
    format!("{first}{}", rest.concat()).parse().ok()
}

/// A count in words, as it is read aloud: 1800 → "một nghìn tám trăm",
/// 1005 → "một nghìn không trăm linh năm", 21 → "hai mươi mốt".
pub fn count_words(number: u64) -> String {
    const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    // Three digits; `full` where a higher group stands before them.
    let hundreds = |n: u64, full: bool| -> Vec<&str> {
        let (h, t, u) = ((n / 100) as usize, (n / 10 % 10) as usize, (n % 10) as usize);
        let mut words = Vec::new();
        if full || h > 0 {
            words.extend([DIGITS[h], "trăm"]);
        }
        match (t, u) {
            (0, 0) => {}
            (0, u) if full || h > 0 => words.extend(["linh", DIGITS[u]]),
            (0, u) => words.push(DIGITS[u]),
            (1, u) => words.extend([
                "mười",
                match u {
                    0 => "",
                    5 => "lăm",
                    u => DIGITS[u],
                },
            ]),
            (t, u) => words.extend([
                DIGITS[t],
                "mươi",
                match u {
                    0 => "",
                    1 => "mốt",
                    4 => "tư",
                    5 => "lăm",
                    u => DIGITS[u],
                },
            ]),
        }
        words.retain(|w| !w.is_empty());
        words
    };
    if number == 0 {
        return DIGITS[0].into();
    }
    let billions = number / 1_000_000_000;
    let mut words: Vec<String> = Vec::new();
    if billions > 0 {
        words.extend([count_words(billions), "tỷ".into()]);
    }
    for (value, name) in [(number / 1_000_000 % 1000, "triệu"), (number / 1000 % 1000, "nghìn"), (number % 1000, "")] {
        if value > 0 {
            words.extend(hundreds(value, !words.is_empty()).into_iter().map(String::from));
            if !name.is_empty() {
                words.push(name.into());
            }
        }
    }
    words.join(" ")
}

/// "83,3%": a share with one decimal and a decimal comma; "-" of nothing.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "-".into();
    }
    tenths_as_percent(tenths_of_percent(part, whole))
}

/// "83,3%" of 833 tenths of a percent.
pub fn tenths_as_percent(tenths: u64) -> String {
    format!("{},{}%", tenths / 10, tenths % 10)
}

/// `part` of `whole` (not 0) in tenths of a percent, rounded half up, in
/// integers so that it is exact; in u128, for the limits allow counts near
/// 2·10¹⁷, and 2000 times that overflows u64.
pub fn tenths_of_percent(part: u64, whole: u64) -> u64 {
    let (part, whole) = (u128::from(part), u128::from(whole));
    ((part * 2000 + whole) / (whole * 2)) as u64
}

/// "I", "IV", "XII": the numbers of a summary's groups and of quarters.
pub fn roman(number: usize) -> String {
    const DIGITS: [(usize, &str); 13] =
        [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut left = number;
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while left >= value {
            out += digits;
            left -= value;
        }
    }
    out
}

/// A decimal number kept as an integer of `decimals` places ("12345", 2 →
/// "123,45"), grouped as counts are: "1.234,5".
pub fn decimal(scaled: i64, decimals: u32) -> String {
    let scale = 10_u64.pow(decimals);
    let whole = count(scaled.unsigned_abs() / scale);
    let sign = if scaled < 0 { "−" } else { "" };
    match decimals {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole},{:0width$}", scaled.unsigned_abs() % scale, width = decimals as usize),
    }
}

/// "Tổng số" of "tổng số": the first letter in capitals, as a sentence or a
/// heading begins.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// "tổng số" of "Tổng số": the first letter in small letters, as a heading
/// reads inside a sentence.
pub fn lowercased(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// The letters of "a)", "b)" … points: the Vietnamese alphabet, so "đ" follows "d".
pub fn point_letter(index: usize) -> String {
    const LETTERS: [&str; 23] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];
    let round = index / LETTERS.len();
    let letter = LETTERS[index % LETTERS.len()];
    // Past "y" the decree is silent; doubling the letter keeps the labels unique.
    letter.repeat(round + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_and_decimal_numbers() {
        assert_eq!([1, 3, 4, 9, 14, 40].map(roman), ["I", "III", "IV", "IX", "XIV", "XL"]);
        assert_eq!(decimal(123_456, 2), "1.234,56");
        assert_eq!(decimal(-5, 1), "−0,5");
        assert_eq!(decimal(7, 0), "7");
    }

    #[test]
    fn counts_with_separators_and_in_words() {
        for (text, value) in [("1.800", Some(1800)), ("12 500", Some(12500)), ("1,800,000", Some(1_800_000)), ("1\u{a0}800", Some(1800))] {
            assert_eq!(grouped_count(text), value, "{text}");
        }
        for text in ["1.8", "1800", "1.80", "1.800,5", "1.800 000", "abc", "1234.567", ".800"] {
            assert_eq!(grouped_count(text), None, "{text}");
        }
        for (number, words) in [
            (0, "không"),
            (5, "năm"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (105, "một trăm linh năm"),
            (1800, "một nghìn tám trăm"),
            (1005, "một nghìn không trăm linh năm"),
            (2_010_000, "hai triệu không trăm mười nghìn"),
            (2_000_310, "hai triệu ba trăm mười"),
            (1_000_000_000, "một tỷ"),
        ] {
            assert_eq!(count_words(number), words, "{number}");
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn long_dates_follow_the_decree() {
        assert_eq!(long_date(date(2026, 1, 5)), "ngày 05 tháng 01 năm 2026");
        assert_eq!(long_date(date(2026, 6, 29)), "ngày 29 tháng 6 năm 2026");
        assert_eq!(long_date(date(2026, 12, 1)), "ngày 01 tháng 12 năm 2026");
        assert_eq!(long_date(date(2026, 2, 28)), "ngày 28 tháng 02 năm 2026");
        assert_eq!(long_date(date(2026, 3, 10)), "ngày 10 tháng 3 năm 2026");
    }

    #[test]
    fn place_comes_before_the_date() {
        assert_eq!(place_and_date("Bạch Long Vĩ", date(2026, 6, 1)), "Bạch Long Vĩ, ngày 01 tháng 6 năm 2026");
    }

    #[test]
    fn short_dates_have_no_zeros() {
        assert_eq!(short_date(date(2026, 6, 30)), "30/6/2026");
        assert_eq!(short_date(date(2026, 8, 1)), "1/8/2026");
    }

    #[test]
    fn numbers_below_ten_get_a_zero() {
        assert_eq!(document_number(5), "05");
        assert_eq!(document_number(10), "10");
        assert_eq!(document_number(769), "769");
        assert_eq!(number_and_symbol(Some(7), "BC-UBND"), "Số: 07/BC-UBND");
        assert_eq!(number_and_symbol(Some(769), "UBND-VHXH"), "Số: 769/UBND-VHXH");
        assert!(number_and_symbol(None, "BC-UBND").ends_with("\u{a0}/BC-UBND"));
    }

    #[test]
    fn counts_and_shares() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1.000");
        assert_eq!(count(1234567), "1.234.567");
        assert_eq!(percent(10, 12), "83,3%");
        assert_eq!(percent(1, 8), "12,5%");
        assert_eq!(percent(2, 3), "66,7%");
        assert_eq!(percent(5, 5), "100,0%");
        assert_eq!(percent(0, 0), "-");
        // Counts as large as the limits allow: 5,000 units of 10,000 rows of u32::MAX.
        let most = 5_000 * 10_000 * u64::from(u32::MAX);
        assert_eq!((percent(most, most), percent(most / 3, most)), ("100,0%".into(), "33,3%".into()));
    }

    #[test]
    fn points_use_the_vietnamese_alphabet() {
        let first: Vec<String> = (0..7).map(point_letter).collect();
        assert_eq!(first, ["a", "b", "c", "d", "đ", "e", "g"]);
        assert_eq!(point_letter(23), "aa");
    }
}
