//! Dates, counts, document numbers and shares as src/vietnamese.rs writes
//! them, checked over many generated values rather than a few examples.

use crate::common::Numbers;
use chrono::{Datelike, NaiveDate};
use vanban::vietnamese::{count, document_number, long_date, percent, short_date};

#[test]
fn every_date_of_a_century_reads_back_by_the_decree() {
    let mut date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    while date.year() < 2100 {
        let text = long_date(date);
        let parts: Vec<&str> = text.split(' ').collect();
        assert_eq!((parts[0], parts[2], parts[4]), ("ngày", "tháng", "năm"), "{text}");
        let (day, month, year) = (parts[1], parts[3], parts[5]);
        assert_eq!(day.len(), 2, "days always have two digits: {text}");
        assert_eq!(month.len(), if date.month() <= 2 || date.month() >= 10 { 2 } else { 1 }, "{text}");
        assert!(!(month.starts_with('0') && date.month() > 2), "months 3-12 never get a zero: {text}");
        assert_eq!((day.parse::<u32>().unwrap(), month.parse::<u32>().unwrap(), year.parse::<i32>().unwrap()), (date.day(), date.month(), date.year()));
        let short = short_date(date);
        assert_eq!(NaiveDate::parse_from_str(&short, "%d/%m/%Y").unwrap(), date, "{short}");
        date = date.succ_opt().unwrap();
    }
}

#[test]
fn counts_group_by_thousands_and_read_back() {
    let mut numbers = Numbers(0x9e37_79b9_7f4a_7c15);
    for _ in 0..100_000 {
        let n = numbers.next() >> numbers.below(64);
        let text = count(n);
        assert_eq!(text.replace('.', "").parse::<u64>().unwrap(), n, "{text}");
        let groups: Vec<&str> = text.split('.').collect();
        assert!(groups[0].len() <= 3 && !groups[0].is_empty());
        assert!(groups[1..].iter().all(|g| g.len() == 3), "{text}");
        let number = document_number((n % 100_000) as u32);
        assert!(number.len() >= 2 && number.parse::<u64>().unwrap() == n % 100_000);
    }
}

#[test]
fn shares_are_rounded_tenths_between_nought_and_a_hundred() {
    let mut numbers = Numbers(42);
    for _ in 0..100_000 {
        let whole = numbers.below(1_000_000) + 1;
        let part = numbers.below(whole + 1);
        let text = percent(part, whole);
        let value: f64 = text.trim_end_matches('%').replace(',', ".").parse().unwrap();
        let exact = part as f64 * 100.0 / whole as f64;
        assert!((value - exact).abs() <= 0.05 + 1e-9, "{part}/{whole}: {text}");
        assert!((0.0..=100.0).contains(&value));
        assert_eq!(text.split(',').nth(1).unwrap().len(), 2, "one decimal and the sign: {text}");
    }
}
