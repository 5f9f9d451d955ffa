//! The monthly consolidated report: its totals, the missing units, the bar
//! chart, the CSV, the change since the month before, and its refusals.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{self, TempDir, copy_data, inspect, many_units, pdf_words, vanban, workspace, write_report};

/// (tong_so, da_cai) per unit code, read from a month's report files
/// independently of the program: TOML rows, or the CSV a report points at.
fn sums(month: &str) -> BTreeMap<String, (u64, u64)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reports").join(month);
    let mut sums = BTreeMap::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().unwrap() != "toml" {
            continue;
        }
        let report: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut sum = (0, 0);
        if let Some(csv) = report.get("rows_csv") {
            let text = std::fs::read_to_string(folder.join(csv.as_str().unwrap())).unwrap();
            for line in text.lines().skip(1) {
                // The sample quotes only the name, which may hold a comma.
                let fields: Vec<&str> = line.rsplitn(5, ',').collect();
                sum.0 += fields[3].parse::<u64>().unwrap();
                sum.1 += fields[2].parse::<u64>().unwrap();
            }
        } else {
            for row in report["row"].as_array().unwrap() {
                sum.0 += row["tong_so"].as_integer().unwrap() as u64;
                sum.1 += row["da_cai"].as_integer().unwrap() as u64;
            }
        }
        sums.insert(report["unit"].as_str().unwrap().to_owned(), sum);
    }
    sums
}

fn units() -> Vec<(String, String, String)> {
    let units: toml::Table = toml::from_str(include_str!("../data/units.toml")).unwrap();
    units["unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["code"].as_str().unwrap().into(), u["name"].as_str().unwrap().into(), u["kind"].as_str().unwrap().into()))
        .collect()
}

#[test]
fn totals_subtotals_and_missing_units_match_the_reports() {
    let dir = TempDir::new("summary");
    let (ok, stdout, stderr) = vanban(&dir.0, &["summary", "2026-07", "--csv"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.lines().collect::<Vec<_>>(), ["out/tong-hop/2026-07.csv", "out/tong-hop/2026-07.pdf"]);
    let csv = std::fs::read_to_string(dir.join("out/tong-hop/2026-07.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let rows: Vec<Vec<String>> = csv.trim_start_matches('\u{feff}').lines().skip(1).map(parse_csv_line).collect();

    let july = sums("2026-07");
    let units = units();
    let mut by_kind: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (code, name, kind) in &units {
        let row = rows.iter().find(|r| r[3] == *code).unwrap_or_else(|| panic!("{code} in the CSV"));
        assert_eq!(row[2], *name);
        match july.get(code) {
            Some(&(total, installed)) => {
                assert_eq!((row[5].as_str(), row[6].as_str()), (total.to_string().as_str(), installed.to_string().as_str()), "{code}");
                assert_eq!(row[7], (total - installed).to_string());
                let entry = by_kind.entry(kind.clone()).or_default();
                entry.0 += total;
                entry.1 += installed;
            }
            None => assert_eq!((row[4].as_str(), row[5].as_str()), ("Chưa báo cáo", ""), "{code} has no report file"),
        }
    }
    let subtotals: Vec<&Vec<String>> = rows.iter().filter(|r| r[2].starts_with("Cộng ")).collect();
    let order = ["agency", "organisation", "school", "village"];
    for (subtotal, kind) in subtotals.iter().zip(order) {
        match by_kind.get(kind) {
            Some(&(total, installed)) => assert_eq!((subtotal[5].clone(), subtotal[6].clone()), (total.to_string(), installed.to_string()), "{kind}"),
            None => assert_eq!((subtotal[4].as_str(), subtotal[5].as_str()), ("Chưa báo cáo", ""), "{kind}: nobody reported"),
        }
    }
    let grand = rows.iter().find(|r| r[2] == "Tổng cộng").unwrap();
    let (total, installed): (u64, u64) = july.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert_eq!((grand[5].clone(), grand[6].clone()), (total.to_string(), installed.to_string()));

    let text = pdf_words(&dir.join("out/tong-hop/2026-07.pdf")).join(" ");
    let dotted = |n: u64| if n >= 1000 { format!("{}.{:03}", n / 1000, n % 1000) } else { n.to_string() };
    let rows = table_rows(&dir.join("out/tong-hop/2026-07.pdf"));
    let grand_row = format!("Tổng cộng {} {} {}", dotted(total), dotted(installed), dotted(total - installed));
    assert!(rows.iter().any(|row| row.starts_with(&grand_row)), "{grand_row}: {rows:#?}");
    let missing: Vec<&str> = units.iter().filter(|(c, ..)| !july.contains_key(c)).map(|(_, n, _)| n.as_str()).collect();
    assert!(text.contains(&format!("Có {} đơn vị chưa gửi báo cáo: {}.", missing.len(), missing.join("; "))), "{text}");
    assert!(text.contains(&format!("{}/{} đơn vị đã gửi báo cáo", july.len(), units.len())));
}

/// The PDF's lines as poppler lays them out, spaces collapsed: a table row
/// whose cells hold one line each reads as one line.
fn table_rows(pdf: &Path) -> Vec<String> {
    let text = common::tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    text.lines().map(|line| line.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|line| !line.is_empty()).collect()
}

/// Whether `rows` holds `first` directly followed by `second`.
fn follows(rows: &[String], first: &str, second: &str) -> bool {
    rows.windows(2).any(|pair| pair[0] == first && pair[1] == second)
}

fn parse_csv_line(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[test]
fn formulas_in_names_reach_the_spreadsheet_as_text() {
    let dir = TempDir::new("csv-injection");
    let data = copy_data(&dir);
    let names = ["=HYPERLINK(\"http://x.vn\";\"bấm\")", "+1", "-2", "@SUM(A1)"];
    let mut units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    for (i, name) in names.iter().enumerate() {
        let name = toml::Value::String(name.to_string());
        units += &format!("\n[[unit]]\nname = {name}\ncode = \"X{i}\"\nhead = \"Thủ trưởng\"\nkind = \"agency\"\n");
    }
    std::fs::write(data.join("units.toml"), units).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--csv", "--data", "data"]);
    assert!(ok, "{stderr}");
    let csv = std::fs::read_to_string(dir.join("out/tong-hop/2026-07.csv")).unwrap();
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x.vn\"\";\"\"bấm\"\")\",X0,"), "{csv}");
    for (i, name) in names.iter().enumerate().skip(1) {
        assert!(csv.contains(&format!(",'{name},X{i},")), "{name}: {csv}");
    }
    // Counts stay numbers, and no other cell starts a formula.
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '@']), "{line}");
            assert!(!cell.starts_with('-') || cell == "-" || cell[1..].parse::<f64>().is_ok(), "{line}");
        }
    }
}

#[test]
fn the_change_since_june_is_shown() {
    let dir = TempDir::new("change");
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--csv"]);
    assert!(ok, "{stderr}");
    let csv = std::fs::read_to_string(dir.join("out/tong-hop/2026-07.csv")).unwrap();
    let (june, july) = (sums("2026-06"), sums("2026-07"));
    let tenths = |(t, i): (u64, u64)| ((i * 2000 + t) / (t * 2)) as i64;
    for line in csv.lines().skip(1).map(parse_csv_line) {
        let code = &line[3];
        if let (Some(&now), Some(&before)) = (july.get(code), june.get(code)) {
            let delta = tenths(now) - tenths(before);
            assert_eq!(line[9], format!("{}{}.{}", if delta < 0 { "-" } else { "" }, delta.abs() / 10, delta.abs() % 10), "{code}");
        } else if july.contains_key(code) {
            assert_eq!(line[9], "", "{code} did not report in June");
        }
    }
    // Like for like: CA, VHXH, THBLV and T1 reported both months; Thôn 2's
    // first report is no growth and MTTQ's silence no loss.
    let both: Vec<&String> = july.keys().filter(|code| june.contains_key(*code)).collect();
    let installed = |month: &BTreeMap<String, (u64, u64)>| both.iter().map(|code| month[*code].1).sum::<u64>();
    assert_eq!((both.len(), installed(&june), installed(&july)), (4, 227, 341));
    let text = pdf_words(&dir.join("out/tong-hop/2026-07.pdf")).join(" ");
    assert!(text.contains("So với tháng 6 năm 2026, ở 4 đơn vị báo cáo cả hai tháng, số người đã cài đặt tăng 114 người (từ 227 thành 341 người)"), "{text}");
    let rows = table_rows(&dir.join("out/tong-hop/2026-07.pdf"));
    assert!(follows(&rows, "Báo cáo lần đầu", "16 Thôn 2 Chưa báo cáo 193 149"), "{rows:#?}");
    // MTTQ's name takes two lines, its numbers sit on the second.
    assert!(follows(&rows, "Đã báo cáo tháng 6 năm 2026, chưa báo cáo tháng 7 năm 2026", "Ủy ban Mặt trận Tổ quốc"), "{rows:#?}");
    assert!(follows(&rows, "Ủy ban Mặt trận Tổ quốc", "8 5 5 Chưa báo cáo"), "MTTQ: {rows:#?}");
    assert!(rows.contains(&"Cộng (4 đơn vị) 403 227 429 341 +114 +23,2".to_owned()), "{rows:#?}");
    assert!(rows.contains(&"16 Thôn 2 (báo cáo lần đầu) 193 149 44 77,2%".to_owned()), "the table marks the first report: {rows:#?}");
    assert!(rows.contains(&"Thôn 2 (báo cáo lần đầu) 77,2%".to_owned()), "the chart marks the first report: {rows:#?}");
    // June has no month before it: no change column.
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-06"]);
    assert!(ok, "{stderr}");
    let june_text = pdf_words(&dir.join("out/tong-hop/2026-06.pdf")).join(" ");
    assert!(!june_text.contains("Thay đổi"), "{june_text}");
}

#[test]
fn bars_are_proportional_to_the_shares() {
    let workspace = workspace();
    let reports = workspace.reports("2026-07").unwrap();
    let now: Vec<_> = reports.iter().map(|r| &r.report).collect();
    let (view, _) = workspace.summary("2026-07").unwrap();
    let page = inspect(&view.layout(&workspace.renderer).unwrap());
    let outlines: Vec<_> = page.rects.iter().filter(|r| !r.filled).collect();
    let bars: Vec<_> = page.rects.iter().filter(|r| r.filled).collect();
    assert_eq!(bars.len(), now.len(), "a bar per reporting unit");
    // The headline share, da_cai over tong_so, summed over each report's rows.
    let mut shares: Vec<f64> = now
        .iter()
        .map(|r| {
            let sum = |column: usize| r.rows.iter().map(|row| row.amount(column)).sum::<u64>();
            sum(2) as f64 / sum(1) as f64
        })
        .collect();
    let mut measured: Vec<f64> = bars
        .iter()
        .map(|bar| {
            let outline = outlines.iter().find(|o| o.page == bar.page && (o.y - bar.y).abs() < 0.5).expect("the 100 % outline");
            assert!((bar.x - outline.x).abs() < 0.01);
            bar.width / outline.width
        })
        .collect();
    shares.sort_by(f64::total_cmp);
    measured.sort_by(f64::total_cmp);
    for (share, bar) in shares.iter().zip(&measured) {
        assert!((share - bar).abs() < 0.001, "bar {bar} for share {share}");
    }
    let kind = page.run("BÁO CÁO");
    assert!(kind.bold && kind.size == 14.0);
    let noi_nhan = page.run("Nơi nhận:");
    let title = page.run("TRƯỞNG PHÒNG");
    assert_eq!(noi_nhan.page, title.page);
    assert!((noi_nhan.baseline - 12.0 * common::CAP_HEIGHT * common::PT - (title.baseline - 14.0 * common::CAP_HEIGHT * common::PT)).abs() < 0.05);
}

#[test]
fn unknown_units_and_two_reports_for_one_unit_are_refused_naming_both_files() {
    let dir = TempDir::new("twice");
    let data = copy_data(&dir);
    std::fs::copy(data.join("reports/2026-07/T1.toml"), data.join("reports/2026-07/thon-1-ban-sua.toml")).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--data", "data"]);
    assert!(!ok);
    assert!(stderr.contains("đơn vị “T1” có hai báo cáo trong cùng kỳ: data/reports/2026-07/T1.toml và data/reports/2026-07/thon-1-ban-sua.toml"), "{stderr}");
    assert!(!dir.join("out").exists());

    std::fs::remove_file(data.join("reports/2026-07/thon-1-ban-sua.toml")).unwrap();
    let text = std::fs::read_to_string(data.join("reports/2026-07/T2.toml")).unwrap().replace("unit = \"T2\"", "unit = \"T7\"");
    std::fs::write(data.join("reports/2026-07/T2.toml"), text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--data", "data"]);
    assert!(!ok);
    assert!(stderr.contains("data/reports/2026-07/T2.toml, dòng") && stderr.contains("không có đơn vị mã “T7” trong data/units.toml"), "{stderr}");

    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-09", "--data", "data"]);
    assert!(!ok && stderr.contains("không có thư mục reports/2026-09/"), "{stderr}");
}

#[test]
fn a_month_well_written_without_reports_is_told_what_is_missing() {
    let dir = TempDir::new("months");
    copy_data(&dir);
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-08"]);
    assert!(!ok);
    assert_eq!(
        stderr.trim(),
        "lỗi: data: chưa có báo cáo nào của kỳ 2026-08 (không có thư mục reports/2026-08/). Hãy đặt báo cáo của các đơn vị vào thư mục đó. Các kỳ đã có báo cáo: 2026-06, 2026-07"
    );
    assert!(!stderr.contains("dạng"), "no advice on writing a month that is written right");
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "08/2026"]);
    assert!(!ok);
    assert!(stderr.contains("kỳ “08/2026” không hợp lệ. Hãy viết năm-tháng, ví dụ vanban summary 2026-08"), "the month it meant: {stderr}");
}

/// The CSV read by Python's csv module, which also checks that every numeric
/// column holds only numbers (or nothing), the status a known word and the
/// signature column one of its words; rows by code or name, each as its fields.
fn csv_rows(csv: &Path) -> Vec<Vec<String>> {
    let script = r#"
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
assert rows[0][4] == 'Tình trạng' and rows[0][-1] == 'Ký số', rows[0]
for row in rows[1:]:
    assert row[4] in ('Đã báo cáo', 'Chưa báo cáo', 'Báo cáo lần đầu'), row
    assert row[-1] in ('', '-', 'Không', 'Có', 'Chưa tin cậy', 'Bị sửa', 'Không hợp lệ', 'Chưa xác minh'), row
    for cell in row[5:-1]:
        if cell != '':
            float(cell)
    print('\t'.join(row))
"#;
    let out = common::tool("python3", &["-c", script, csv.to_str().unwrap()]);
    out.lines().map(|line| line.split('\t').map(String::from).collect()).collect()
}

/// The printed share in tenths of a percent; none of nobody.
fn tenths((total, installed): (u64, u64)) -> Option<i64> {
    (total > 0).then(|| ((installed * 2000 + total) / (total * 2)) as i64)
}

fn signed_tenths(t: i64, minus: &str, decimal: &str) -> String {
    format!(
        "{}{}{decimal}{}",
        if t > 0 && minus == "−" {
            "+"
        } else if t < 0 {
            minus
        } else {
            ""
        },
        t.abs() / 10,
        t.abs() % 10
    )
}

#[test]
fn the_change_is_counted_like_for_like_over_hand_made_months() {
    let dir = TempDir::new("months");
    let data = copy_data(&dir);
    std::fs::remove_dir_all(data.join("reports")).unwrap();
    type Month = Vec<(&'static str, Vec<(u64, u64)>)>;
    let may: Month = vec![("CA", vec![(50, 20)]), ("T3", vec![(100, 10)])];
    let june: Month = vec![("VHXH", vec![(10, 4)]), ("THBLV", vec![(100, 60)]), ("T1", vec![(200, 100)]), ("MTTQ", vec![(5, 5)]), ("T3", vec![(100, 30)])];
    // CA is back after a month without, VHXH and THBLV count more people
    // than in June, T1 fewer installed, T2 reports for the first time;
    // MTTQ (so the whole group II) and T3 do not report again.
    let july: Month =
        vec![("CA", vec![(55, 40)]), ("VHXH", vec![(12, 9)]), ("THBLV", vec![(100, 60), (20, 5)]), ("T1", vec![(200, 80)]), ("T2", vec![(150, 149)])];
    for (month, reports) in [("2026-05", &may), ("2026-06", &june), ("2026-07", &july)] {
        for (code, rows) in reports {
            write_report(&data, month, code, rows);
        }
    }
    std::fs::create_dir_all(data.join("reports/2026-08")).unwrap();
    let sum = |month: &Month| -> BTreeMap<String, (u64, u64)> {
        month.iter().map(|(code, rows)| (code.to_string(), rows.iter().fold((0, 0), |a, r| (a.0 + r.0, a.1 + r.1)))).collect()
    };
    let (before, now) = (sum(&june), sum(&july));
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--csv", "--data", "data"]);
    assert!(ok, "{stderr}");
    let rows = csv_rows(&dir.join("out/tong-hop/2026-07.csv"));
    let text = pdf_words(&dir.join("out/tong-hop/2026-07.pdf")).join(" ");
    let printed = table_rows(&dir.join("out/tong-hop/2026-07.pdf"));
    let add = |a: (u64, u64), b: (u64, u64)| (a.0 + b.0, a.1 + b.1);
    let change = |codes: &[&String]| -> Option<i64> {
        let both: Vec<_> = codes.iter().filter(|c| before.contains_key(**c)).collect();
        if both.is_empty() {
            return None;
        }
        let n = both.iter().fold((0, 0), |a, c| add(a, now[**c]));
        let b = both.iter().fold((0, 0), |a, c| add(a, before[**c]));
        Some(tenths(n)? - tenths(b)?)
    };
    let csv_change = |t: Option<i64>| t.map(|t| signed_tenths(t, "-", ".")).unwrap_or_default();

    let ever: Vec<&str> = may.iter().chain(&june).map(|(c, _)| *c).collect();
    let units = units();
    for (code, _, _) in &units {
        let row = rows.iter().find(|r| r[3] == *code).unwrap();
        match now.get(code) {
            Some(&(total, installed)) => {
                let status = if ever.contains(&code.as_str()) { "Đã báo cáo" } else { "Báo cáo lần đầu" };
                assert_eq!(row[4..8], [status.to_owned(), total.to_string(), installed.to_string(), (total - installed).to_string()], "{code}");
                assert_eq!(row[9], csv_change(change(&[code])), "{code}: a change only where it reported both months");
                assert_eq!(row[10], "Không", "{code}: a report typed by hand carries no signature");
            }
            None => assert_eq!(row[4..], ["Chưa báo cáo", "", "", "", "", "", "-"].map(String::from), "{code}"),
        }
    }
    let order = ["agency", "organisation", "school", "village"];
    for (roman, kind) in ["I", "II", "III", "IV"].iter().zip(order) {
        let codes: Vec<&String> = units.iter().filter(|(c, _, k)| k == kind && now.contains_key(c)).map(|(c, ..)| c).collect();
        let row = rows.iter().find(|r| r[2] == format!("Cộng {roman}")).unwrap();
        if codes.is_empty() {
            assert_eq!(row[4..], ["Chưa báo cáo", "", "", "", "", "", ""].map(String::from), "{kind}");
            assert!(printed.contains(&format!("Cộng {roman} Chưa báo cáo")), "{kind}: {printed:#?}");
            continue;
        }
        let (total, installed) = codes.iter().fold((0, 0), |a, c| add(a, now[*c]));
        assert_eq!(row[5..8], [total.to_string(), installed.to_string(), (total - installed).to_string()], "{kind}");
        assert_eq!(row[9], csv_change(change(&codes)), "{kind}");
        let share = tenths((total, installed)).unwrap();
        let shown_change = change(&codes).map(|t| format!(" {}", signed_tenths(t, "−", ","))).unwrap_or_default();
        let line = format!("Cộng {roman} {total} {installed} {} {},{}%{shown_change}", total - installed, share / 10, share % 10);
        assert!(printed.contains(&line), "{line}: {printed:#?}");
    }

    let both: Vec<&String> = now.keys().filter(|c| before.contains_key(*c)).collect();
    let (n, b) = (both.iter().fold((0, 0), |a, c| add(a, now[*c])), both.iter().fold((0, 0), |a, c| add(a, before[*c])));
    let delta = n.1 as i64 - b.1 as i64;
    let percent = |t: i64| format!("{},{}%", t / 10, t % 10);
    let sentence = format!(
        "So với tháng 6 năm 2026, ở {} đơn vị báo cáo cả hai tháng, số người đã cài đặt {} {} người (từ {} thành {} người); tỷ lệ đã cài đặt thay đổi {} điểm phần trăm (từ {} thành {}).",
        both.len(),
        if delta < 0 { "giảm" } else { "tăng" },
        delta.abs(),
        b.1,
        n.1,
        signed_tenths(change(&both).unwrap(), "−", ","),
        percent(tenths(b).unwrap()),
        percent(tenths(n).unwrap())
    );
    assert_eq!((both.len(), delta), (3, -10));
    assert!(text.contains(&sentence), "{sentence}\n{text}");
    assert!(
        text.contains("Không tính vào mức thay đổi: 1 đơn vị báo cáo lần đầu, 1 đơn vị không báo cáo tháng 6 năm 2026, 2 đơn vị đã báo cáo tháng 6 năm 2026 nhưng chưa báo cáo tháng 7 năm 2026;"),
        "{text}"
    );
    let sum_line = format!(
        "Cộng ({} đơn vị) {} {} {} {} {} {}",
        both.len(),
        b.0,
        b.1,
        n.0,
        n.1,
        if delta < 0 { "−" } else { "+" }.to_owned() + &delta.abs().to_string(),
        signed_tenths(change(&both).unwrap(), "−", ",")
    );
    assert!(printed.contains(&sum_line), "{sum_line}: {printed:#?}");
    assert!(follows(&printed, "Báo cáo lần đầu", "16 Thôn 2 Chưa báo cáo 150 149"), "{printed:#?}");
    assert!(follows(&printed, "Không báo cáo tháng 6 năm 2026", "1 Công an đặc khu Chưa báo cáo 55 40"), "{printed:#?}");
    assert!(printed.contains(&"17 Thôn 3 100 30 Chưa báo cáo".to_owned()), "{printed:#?}");
    let grand = rows.iter().find(|r| r[2] == "Tổng cộng").unwrap();
    assert_eq!(grand[9], csv_change(change(&now.keys().collect::<Vec<_>>())));

    // A month where nobody reported: no zeros, no share, nothing compared.
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-08", "--csv", "--data", "data"]);
    assert!(ok, "{stderr}");
    let text = pdf_words(&dir.join("out/tong-hop/2026-08.pdf")).join(" ");
    assert!(text.contains(&format!("chưa đơn vị nào trong {} đơn vị gửi báo cáo.", units.len())), "{text}");
    assert!(table_rows(&dir.join("out/tong-hop/2026-08.pdf")).contains(&"Tổng cộng Chưa báo cáo".to_owned()));
    assert!(text.contains("So với tháng 7 năm 2026, không có đơn vị nào báo cáo cả hai tháng nên chưa so sánh được."), "{text}");
    let shares: Vec<&str> = text.split(' ').filter(|w| w.ends_with('%') && w.starts_with(|c: char| c.is_ascii_digit())).collect();
    assert!(!text.contains(" 0 0 0") && shares.is_empty(), "no zeros, no share of nobody: {text}");
    let rows = csv_rows(&dir.join("out/tong-hop/2026-08.csv"));
    // No numbers anywhere, and no signature: "-" for a unit without a report, nothing on the sums.
    assert!(rows.iter().all(|r| r[4] == "Chưa báo cáo" && r[5..10].iter().all(String::is_empty) && ["-", ""].contains(&r[10].as_str())));
}

/// Lays out the July summary of `count` units and measures its chart: a bar
/// per unit, each inside the page's body, none overlapping another, the scale
/// at the top of every page the chart is on, the caption on its first page.
fn chart_paginates(count: usize) {
    let dir = TempDir::new(&format!("chart-{count}"));
    let data = many_units(&dir, count);
    let workspace = vanban::commands::Workspace::open(vanban::data::DataDir::Folder(data), &[], None).unwrap();
    let (view, _) = workspace.summary("2026-07").unwrap();
    let page = inspect(&view.layout(&workspace.renderer).unwrap());
    let mut bars: Vec<_> = page.rects.iter().filter(|r| r.filled).collect();
    assert_eq!(bars.len(), count, "a bar per unit");
    bars.sort_by(|a, b| (a.page, a.y).partial_cmp(&(b.page, b.y)).unwrap());
    let (height, top, bottom) = (page.pages[0].1, 25.0, 20.0);
    for bar in &bars {
        assert!(bar.y >= top - 0.01 && bar.y + bar.height <= height - bottom + 0.01, "a bar outside the body: {bar:?}");
    }
    for pair in bars.windows(2) {
        if pair[0].page == pair[1].page {
            assert!(pair[1].y >= pair[0].y + pair[0].height + 2.0, "bars overlap: {pair:?}");
        }
    }
    // Each bar's share, in the units' order of the table (by kind, then as listed).
    let mut expected: Vec<f64> = Vec::new();
    for kind in 0..4 {
        expected.extend((kind..count).step_by(4).map(|i| (i % 100 + 1) as f64 / 100.0));
    }
    let outlines: Vec<_> = page.rects.iter().filter(|r| !r.filled).collect();
    for (bar, share) in bars.iter().zip(&expected) {
        let outline = outlines.iter().find(|o| o.page == bar.page && (o.y - bar.y).abs() < 0.01).expect("the 100 % outline");
        assert!((bar.width / outline.width - share).abs() < 0.001, "bar {bar:?} for {share}");
    }
    let chart_pages: std::collections::BTreeSet<usize> = bars.iter().map(|b| b.page).collect();
    for &number in &chart_pages {
        let first = bars.iter().find(|b| b.page == number).unwrap();
        let scale = page.runs.iter().find(|r| r.page == number && r.text.contains("Mục tiêu 100 %"));
        assert!(scale.is_some_and(|s| s.baseline < first.y), "the scale above the bars of page {number}");
    }
    let caption = page.run("Tỷ lệ đã cài đặt của từng đơn vị so với mục tiêu");
    assert_eq!(caption.page, bars[0].page, "the caption on the chart's first page");
    assert!(caption.baseline < bars[0].y);
}

#[test]
fn the_chart_paginates_at_1_17_85_and_500_units() {
    for count in [1, 17, 85, 500] {
        chart_paginates(count);
    }
}

/// The limit of units.toml: one test, as it takes seconds.
#[test]
fn the_chart_paginates_at_5000_units() {
    chart_paginates(5000);
}

/// The workbook read by openpyxl: each row's cells as text (formulas worked
/// out from the cells they name, as a spreadsheet would, and checked against
/// the results cached beside them), then the sheet's setup.
fn xlsx_rows(xlsx: &Path) -> (Vec<Vec<String>>, String) {
    let script = r#"
import re, sys, openpyxl
path = sys.argv[1]
sheet = openpyxl.load_workbook(path)['Tổng hợp']
cached = openpyxl.load_workbook(path, data_only=True)['Tổng hợp']

def value(ref):
    cell = sheet[ref]
    v = cell.value
    if isinstance(v, str) and v.startswith('='):
        v = formula(v[1:])
        assert abs(v - cached[ref].value) < 1e-9, (ref, v, cached[ref].value)
    return 0 if v is None else v

def formula(text):
    m = re.fullmatch(r'SUM\(([A-Z])(\d+):([A-Z])(\d+)\)', text)
    if m:
        return sum(value(f'{m[1]}{r}') for r in range(int(m[2]), int(m[4]) + 1))
    m = re.fullmatch(r'SUM\((.*)\)', text)
    if m:
        return sum(value(ref) for ref in m[1].split(','))
    m = re.fullmatch(r'([A-Z]\d+)([-/])([A-Z]\d+)', text)
    assert m, text
    a, b = value(m[1]), value(m[3])
    return a - b if m[2] == '-' else a / b

formulas = set()
for row in sheet.iter_rows(min_row=2):
    cells = []
    for cell in row:
        if isinstance(cell.value, str) and cell.value.startswith('='):
            formulas.add(cell.column_letter)
            v = value(cell.coordinate)
        else:
            v = cell.value
        if cell.column_letter in 'FGH' and v is not None:
            assert cell.number_format == '#,##0' and isinstance(v, int), (cell.coordinate, v)
        if cell.column_letter == 'I' and v is not None:
            assert cell.number_format == '0.0%', cell.coordinate
            v = f'{v * 100:.1f}'
        if cell.column_letter == 'J' and v is not None:
            v = f'{v:.1f}'
        cells.append('' if v is None else str(v))
    print('\t'.join(cells))
setup = sheet.page_setup
print('|'.join([sheet.freeze_panes, sheet.auto_filter.ref, setup.orientation, str(setup.paperSize),
    str(sheet.sheet_properties.pageSetUpPr.fitToPage), sheet.oddHeader.left.text, sheet.oddHeader.right.text,
    ''.join(sorted(formulas)), [c.value for c in sheet[1]][4]]))
"#;
    let out = common::tool("python3", &["-c", script, xlsx.to_str().unwrap()]);
    let mut lines: Vec<&str> = out.lines().collect();
    let setup = lines.pop().unwrap().to_owned();
    (lines.iter().map(|line| line.split('\t').map(String::from).collect()).collect(), setup)
}

#[test]
fn the_workbook_holds_the_csv_numbers_with_formulas_for_the_sums() {
    let dir = TempDir::new("xlsx");
    let (ok, stdout, stderr) = vanban(&dir.0, &["summary", "2026-07", "--csv", "--xlsx"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.lines().collect::<Vec<_>>(), ["out/tong-hop/2026-07.csv", "out/tong-hop/2026-07.pdf", "out/tong-hop/2026-07.xlsx"]);
    let xlsx = dir.join("out/tong-hop/2026-07.xlsx");
    let (sheet, setup) = xlsx_rows(&xlsx);
    let csv = csv_rows(&dir.join("out/tong-hop/2026-07.csv"));
    // Shares as the PDF prints them (to a tenth, "82,1%"), the change in points.
    let printed = pdf_words(&dir.join("out/tong-hop/2026-07.pdf")).join(" ");
    assert_eq!(sheet.len(), csv.len());
    for (row, line) in sheet.iter().zip(&csv) {
        assert_eq!(row[..5], line[..5], "text and status as the CSV has them");
        assert_eq!(row[5..], line[5..], "{}: counts, share and change as the CSV's", line[2]);
        if !row[8].is_empty() {
            assert!(printed.contains(&format!("{}%", row[8].replace('.', ","))), "{}: {}% printed", line[2], row[8]);
        }
    }
    let total = sheet.iter().find(|r| r[2] == "Tổng cộng").unwrap();
    let july = sums("2026-07").into_values().fold((0, 0), |a, (t, i)| (a.0 + t, a.1 + i));
    assert_eq!((total[5].as_str(), total[6].as_str()), (july.0.to_string().as_str(), july.1.to_string().as_str()));
    let missing = sheet.iter().find(|r| r[3] == "BCHQS").unwrap();
    assert_eq!((missing[4].as_str(), missing[5].as_str()), ("Chưa báo cáo", ""));
    assert_eq!(
        setup, "A2|A1:K23|landscape|9|True|Phòng Văn hóa - Xã hội đặc khu Bạch Long Vĩ|Báo cáo tổng hợp tháng 7 năm 2026|FGHI|Tình trạng",
        "frozen header, autofilter, A4 landscape fitted to the width, the office and the month in the header, \
         sums, what is left and shares as formulas"
    );

    let first = std::fs::read(&xlsx).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--xlsx"]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read(&xlsx).unwrap() == first, "the same data gives the same bytes");
}

/// A page's text without a group's heading followed by another's: laid out
/// whole, a table whose group ends at a page's foot repeats that group's
/// heading, alone, at the top of the next page, over the next group's (a
/// quirk of Typst's repeated headers); a piece that begins there does not.
fn without_lone_headings(page: &str) -> String {
    let heading = |line: &str| {
        let line = line.trim_start();
        let numeral = line.split(['.', ' ']).next().unwrap_or_default();
        !numeral.is_empty() && numeral.chars().all(|c| "IVX".contains(c)) && !line.chars().any(|c| c.is_ascii_digit())
    };
    let lines: Vec<&str> = page.lines().collect();
    let kept = lines.iter().enumerate().filter(|&(i, line)| !(heading(line) && lines.get(i + 1).is_some_and(|next| heading(next))));
    kept.map(|(_, line)| *line).collect::<Vec<_>>().join("\n")
}

/// A summary laid out a piece at a time (as one of more than
/// vanban::documents::summary::PIECE_ROWS rows is) has the pages of the
/// summary laid out whole (save `without_lone_headings`): the same text on
/// every page, so the same page breaks and page numbers running on; no page left half full where a
/// piece ends; the signing field on the signature's page; a file qpdf passes.
#[test]
fn a_summary_in_pieces_has_the_pages_of_the_summary_laid_out_whole() {
    let dir = TempDir::new("pieces");
    let data = many_units(&dir, 150);
    // June for every third unit: the comparison's two sections.
    for i in (0..150).step_by(3) {
        write_report(&data, "2026-06", &format!("U{i}"), &[(100, i as u64 % 50 + 1)]);
    }
    let workspace = vanban::commands::Workspace::open(vanban::data::DataDir::Folder(data), &[], None).unwrap();
    let (view, _) = workspace.summary("2026-07").unwrap();
    let settings = workspace.renderer.pdf;
    let whole = vanban::pdf::export(view.layout(&workspace.renderer).unwrap(), &view.meta("tong-hop/2026-07"), settings, None).unwrap();
    let pages = |pdf: &[u8], name: &str| {
        let path = dir.join(name);
        std::fs::write(&path, pdf).unwrap();
        let text = common::tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
        (path, text.split('\u{c}').filter(|page| !page.trim().is_empty()).map(without_lone_headings).collect::<Vec<_>>())
    };
    let (_, expected) = pages(&whole, "whole.pdf");
    assert!(expected.len() >= 20, "{} pages", expected.len());
    // Pieces of 40 rows and of 97: seams in every table, at different rows.
    for rows in [40, 97] {
        let (path, got) = pages(
            &view.pdf_in_pieces(&workspace.renderer, "tong-hop/2026-07", settings, rows, &vanban::rebuild::Pieces::none()).unwrap(),
            &format!("pieces-{rows}.pdf"),
        );
        assert_eq!(got.len(), expected.len(), "pieces of {rows}: the page count");
        for (number, (got, expected)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(got, expected, "pieces of {rows}: page {}", number + 1);
        }
        let check = std::process::Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
        assert!(check.status.success(), "{check:?}");
        let document = lopdf::Document::load(&path).unwrap();
        let last = *document.get_pages().values().last().unwrap();
        let annots = document.get_dictionary(last).unwrap().get(b"Annots").unwrap().as_array().unwrap().clone();
        let field = document.get_dictionary(annots[0].as_reference().unwrap()).unwrap();
        assert_eq!(lopdf::decode_text_string(field.get(b"T").unwrap()).unwrap(), "ChuKy_NguoiKy");
        let info = common::tool("pdfinfo", &[path.to_str().unwrap()]);
        assert!(info.contains("Form:            AcroForm"), "{info}");
        let bytes = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        assert!(bytes.contains(&format!("<xmpTPg:NPages>{}</xmpTPg:NPages>", expected.len())), "the metadata counts every page");
    }
}
