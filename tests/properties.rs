//! Properties of the formatting and the totals, checked over many generated
//! values rather than a few examples.

use chrono::{Datelike, NaiveDate};
use crate::common::{TempDir, copy_data};
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

/// Values a clerk, a spreadsheet or an attacker may put in a field, as TOML
/// values; a TOML string's content is also used as a CSV cell.
const HOSTILE: &[&str] = &[
    "\"\"",
    "\"   \"",
    "\"#panic()\"",
    "\"*x* $x$ _y_ **z** __w__ <b>\"",
    "\"a\\u0007b\"",
    "\"Céng hoµ x· héi\"",
    "\"Coäng hoøa xaõ hoäi\"",
    "\"=HYPERLINK(\\\"http://x\\\")\"",
    "\"\\\"quoted\\\"; with, separators\"",
    "\"\\\\ back \\\\ slash\"",
    "\"Ủy ban nhân dân 👩‍👩‍👧 עברית \\u202e\"",
    "\"e\\u0301\\u0301\\u0301\"",
    "\"-1\"",
    "\"1e99\"",
    "\"12\"",
    "-1",
    "0",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "1.5",
    "true",
    "[]",
    "{}",
    "1899-12-31",
    "2200-12-31",
    "\"+12026-06-01\"",
    "\"31/02/2026\"",
    "0001-01-01",
    "9999-12-31",
    "2026-08-01T09:00:00",
    "\"2026-07\"",
    "\"2026-7\"",
    "\"0000-01\"",
    "\"T1\"",
    "\"T1\\n\"",
];

/// The text of a hostile TOML string, for a CSV cell.
fn cell(value: &str) -> String {
    let inner = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    let inner = inner.replace("\\u0007", "\u{7}").replace("\\u202e", "\u{202e}").replace("\\u0301", "\u{301}").replace("\\\"", "\"");
    format!("\"{}\"", inner.replace('"', "\"\""))
}

#[test]
fn hostile_values_in_every_field_end_in_a_message_never_a_panic() {
    let dir = TempDir::new("hostile");
    let data = copy_data(&dir);
    let units_text = std::fs::read_to_string(data.join("units.toml")).unwrap();
    let mut numbers = Numbers(20);
    let pick = |numbers: &mut Numbers| HOSTILE[numbers.below(HOSTILE.len() as u64) as usize];
    let (mut passed, mut refused) = (0, 0);
    for round in 0..40 {
        // A report of July with up to two fields hostile, and its rows.
        let mut fields = vec![
            ("unit", "\"T3\"".to_owned()),
            ("month", "\"2026-07\"".to_owned()),
            ("number", "3".to_owned()),
            ("date", "2026-08-01".to_owned()),
            ("signer", "\"Lê Văn Cường\"".to_owned()),
            ("notes", "\"Ghi chú\"".to_owned()),
        ];
        for _ in 0..numbers.below(3) {
            let field = numbers.below(fields.len() as u64) as usize;
            fields[field].1 = pick(&mut numbers).to_owned();
        }
        let mut report: String = fields.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
        let row_values = |numbers: &mut Numbers| -> Vec<String> {
            let mut row = vec!["\"Tổ 1\"".to_owned(), "10".into(), "8".into(), "2".into(), "\"Đi biển\"".into()];
            if numbers.below(2) == 0 {
                let field = numbers.below(row.len() as u64) as usize;
                row[field] = HOSTILE[numbers.below(HOSTILE.len() as u64) as usize].to_owned();
            }
            row
        };
        if round % 2 == 0 {
            for _ in 0..=numbers.below(3) {
                let row = row_values(&mut numbers);
                let keys = ["name", "total", "installed", "not_installed", "reason"];
                report += "[[row]]\n";
                report += &keys.iter().zip(&row).map(|(k, v)| format!("{k} = {v}\n")).collect::<String>();
            }
        } else {
            report += "rows_csv = \"T3.csv\"\n";
            let separator = if round % 4 == 1 { "," } else { ";" };
            let mut csv = ["Stt", "Tên đơn vị", "Tổng số", "Đã cài đặt", "Chưa cài đặt", "Lý do chưa cài đặt"].join(separator) + "\r\n";
            for i in 0..=numbers.below(3) {
                let row = row_values(&mut numbers);
                let cells: Vec<String> = std::iter::once(format!("{}", i + 1)).chain(row.iter().map(|v| cell(v))).collect();
                csv += &(cells.join(separator) + "\r\n");
            }
            std::fs::write(data.join("reports/2026-07/T3.csv"), csv).unwrap();
        }
        std::fs::write(data.join("reports/2026-07/T3.toml"), report).unwrap();

        // And one field of one unit hostile.
        let unit_fields = ["name = \"Thôn 3\"", "code = \"T3\"", "head = \"Trưởng thôn\""];
        let field = unit_fields[numbers.below(3) as usize];
        let key = field.split(' ').next().unwrap();
        let units = match round % 3 {
            0 => units_text.replacen(field, &format!("{key} = {}", pick(&mut numbers)), 1),
            _ => units_text.clone(),
        };
        std::fs::write(data.join("units.toml"), units).unwrap();

        let commands: &[&[&str]] = if round % 5 == 0 { &[&["check", "--data", "data"], &["build", "--data", "data"]] } else { &[&["check", "--data", "data"]] };
        for command in commands {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(*command).current_dir(&dir.0).output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            let code = output.status.code();
            assert!(code == Some(0) || code == Some(1), "round {round}, {command:?}: {code:?} {stderr}");
            assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "round {round}: {stderr}");
            if code == Some(1) {
                assert!(stderr.starts_with("lỗi: "), "round {round}: {stderr}");
                refused += 1;
            } else {
                passed += 1;
            }
        }
    }
    // The values are hostile enough to be refused mostly, not always.
    assert!(refused > 20 && passed > 0, "{refused} refused, {passed} passed");
}

/// Runs vanban; asserts that it ends with status 0, or 1 and one message,
/// never a panic; returns whether it succeeded.
fn ends_cleanly(dir: &TempDir, args: &[&str], case: &str) -> bool {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(&dir.0).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{case}: {stderr}");
    match output.status.code() {
        Some(0) => true,
        Some(1) => {
            assert!(stderr.starts_with("lỗi: ") && stderr.contains("dòng"), "{case}: {stderr}");
            false
        }
        code => panic!("{case}: exit status {code:?}: {stderr}"),
    }
}

#[test]
fn every_hostile_value_in_every_field_one_at_a_time() {
    let dir = TempDir::new("hostile-each");
    let data = copy_data(&dir);
    let units_text = std::fs::read_to_string(data.join("units.toml")).unwrap();
    let head = [("unit", "\"T3\""), ("month", "\"2026-07\""), ("number", "3"), ("date", "2026-08-01"), ("signer", "\"Lê Văn Cường\""), ("notes", "\"Ghi chú\"")];
    let row = [("name", "\"Tổ 1\""), ("total", "10"), ("installed", "8"), ("not_installed", "2"), ("reason", "\"Đi biển\"")];
    let report = |head: &[(&str, String)], rows: &str| head.iter().map(|(k, v)| format!("{k} = {v}\n")).collect::<String>() + rows;
    fn owned(fields: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        fields.iter().map(|&(k, v)| (k, v.to_owned())).collect()
    }
    let report_args = ["report", "data/reports/2026-07/T3.toml", "-o", "x.pdf", "--data", "data"];
    let mut rendered = 0;
    for value in HOSTILE {
        // The report's own fields, with TOML rows.
        let rows = format!("[[row]]\n{}", row.iter().map(|(k, v)| format!("{k} = {v}\n")).collect::<String>());
        for field in 0..head.len() {
            let mut fields = owned(&head);
            fields[field].1 = value.to_string();
            std::fs::write(data.join("reports/2026-07/T3.toml"), report(&fields, &rows)).unwrap();
            rendered += usize::from(ends_cleanly(&dir, &report_args, &format!("{} = {value}", head[field].0)));
        }
        // Each field of a row, in TOML and as a CSV cell.
        for field in 0..row.len() {
            let mut cells = owned(&row);
            cells[field].1 = value.to_string();
            let rows = format!("[[row]]\n{}", cells.iter().map(|(k, v)| format!("{k} = {v}\n")).collect::<String>());
            std::fs::write(data.join("reports/2026-07/T3.toml"), report(&owned(&head), &rows)).unwrap();
            rendered += usize::from(ends_cleanly(&dir, &report_args, &format!("row {} = {value}", row[field].0)));
            let csv = format!("Stt;Tên đơn vị;Tổng số;Đã cài đặt;Chưa cài đặt;Lý do\n1;{}\n", cells.iter().map(|(_, v)| cell(v)).collect::<Vec<_>>().join(";"));
            std::fs::write(data.join("reports/2026-07/T3.csv"), csv).unwrap();
            std::fs::write(data.join("reports/2026-07/T3.toml"), report(&owned(&head), "rows_csv = \"T3.csv\"\n")).unwrap();
            rendered += usize::from(ends_cleanly(&dir, &report_args, &format!("CSV {} = {value}", row[field].0)));
        }
        std::fs::remove_file(data.join("reports/2026-07/T3.toml")).unwrap();
        // Each field of a unit, through check.
        for field in ["name = \"Thôn 3\"", "code = \"T3\"", "head = \"Trưởng thôn\"", "kind = \"village\""] {
            let key = field.split(' ').next().unwrap();
            // The field of Thôn 3's entry.
            let at = units_text.find("name = \"Thôn 3\"").unwrap();
            let at = at + units_text[at..].find(field).unwrap();
            let units = format!("{}{key} = {value}{}", &units_text[..at], &units_text[at + field.len()..]);
            assert_ne!(units, units_text, "{field}");
            std::fs::write(data.join("units.toml"), units).unwrap();
            ends_cleanly(&dir, &["check", "--data", "data"], &format!("unit {key} = {value}"));
        }
        std::fs::write(data.join("units.toml"), &units_text).unwrap();
    }
    // Some hostile values are fine (a unit named "#panic()" prints as typed).
    assert!(rendered > 0);
}
