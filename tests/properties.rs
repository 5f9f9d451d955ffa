//! Properties of the formatting and the totals, checked over many generated
//! values rather than a few examples.

use chrono::{Datelike, NaiveDate};
use vanban::model::{Report, SourceFile};
use vanban::vietnamese::{count, document_number, long_date, percent, short_date};

/// A small deterministic generator (xorshift64*), so failures repeat.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

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

#[test]
fn report_totals_are_the_sums_of_their_rows() {
    let workspace = vanban::commands::Workspace::open(vanban::data::DataDir::Embedded, &[], None).unwrap();
    let units = workspace.units().unwrap();
    let mut numbers = Numbers(7);
    for round in 0..300 {
        let rows = numbers.below(40) + 1;
        let mut text = String::from("unit = \"T1\"\nmonth = \"2026-07\"\ndate = 2026-08-01\n");
        let (mut total, mut installed) = (0u64, 0u64);
        for i in 0..rows {
            let t = numbers.below(100_000);
            let n = numbers.below(t + 1);
            total += t;
            installed += n;
            text += &format!("[[row]]\nname = \"Hàng {i}\"\ntotal = {t}\ninstalled = {n}\nreason = \"r\"\n");
        }
        let source = SourceFile::new(format!("round-{round}.toml"), text);
        let checked = Report::load(&source, units, None, &|_| unreachable!()).unwrap();
        assert_eq!(checked.report.totals(), (total, installed, total - installed), "round {round}");
    }
}
