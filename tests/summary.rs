//! The monthly consolidated report: its totals, the missing units, the bar
//! chart, the CSV, the change since the month before, and its refusals.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TempDir, copy_data, inspect, pdf_words, vanban, workspace};

/// (total, installed) per unit code, read from a month's report files
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
                sum.0 += row["total"].as_integer().unwrap() as u64;
                sum.1 += row["installed"].as_integer().unwrap() as u64;
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
                assert_eq!((row[4].as_str(), row[5].as_str()), (total.to_string().as_str(), installed.to_string().as_str()), "{code}");
                assert_eq!(row[6], (total - installed).to_string());
                let entry = by_kind.entry(kind.clone()).or_default();
                entry.0 += total;
                entry.1 += installed;
            }
            None => assert_eq!(row[6], "Chưa báo cáo", "{code} has no report file"),
        }
    }
    let subtotals: Vec<&Vec<String>> = rows.iter().filter(|r| r[2].starts_with("Cộng ")).collect();
    let order = ["agency", "organisation", "school", "village"];
    for (subtotal, kind) in subtotals.iter().zip(order) {
        let (total, installed) = by_kind.get(kind).copied().unwrap_or_default();
        assert_eq!((subtotal[4].clone(), subtotal[5].clone()), (total.to_string(), installed.to_string()), "{kind}");
    }
    let grand = rows.iter().find(|r| r[2] == "Tổng cộng").unwrap();
    let (total, installed): (u64, u64) = july.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert_eq!((grand[4].clone(), grand[5].clone()), (total.to_string(), installed.to_string()));

    let text = pdf_words(&dir.join("out/tong-hop/2026-07.pdf")).join(" ");
    let dotted = |n: u64| if n >= 1000 { format!("{}.{:03}", n / 1000, n % 1000) } else { n.to_string() };
    assert!(text.contains(&format!("Tổng cộng {} {} {}", dotted(total), dotted(installed), dotted(total - installed))), "{text}");
    let missing: Vec<&str> = units.iter().filter(|(c, ..)| !july.contains_key(c)).map(|(_, n, _)| n.as_str()).collect();
    assert!(text.contains(&format!("Có {} đơn vị chưa gửi báo cáo: {}.", missing.len(), missing.join("; "))), "{text}");
    assert!(text.contains(&format!("{}/{} đơn vị đã gửi báo cáo", july.len(), units.len())));
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
            assert_eq!(line[8], format!("{}{}.{}", if delta < 0 { "-" } else { "" }, delta.abs() / 10, delta.abs() % 10), "{code}");
        } else if july.contains_key(code) {
            assert_eq!(line[8], "", "{code} did not report in June");
        }
    }
    let text = pdf_words(&dir.join("out/tong-hop/2026-07.pdf")).join(" ");
    assert!(text.contains("So với tháng 6 năm 2026, số người đã cài đặt tăng"), "{text}");
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
    let mut shares: Vec<f64> = now.iter().map(|r| { let (t, i, _) = r.totals(); i as f64 / t as f64 }).collect();
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
    assert!(stderr.contains("đơn vị “T1” có hai báo cáo trong cùng tháng: data/reports/2026-07/T1.toml và data/reports/2026-07/thon-1-ban-sua.toml"), "{stderr}");
    assert!(!dir.join("out").exists());

    std::fs::remove_file(data.join("reports/2026-07/thon-1-ban-sua.toml")).unwrap();
    let text = std::fs::read_to_string(data.join("reports/2026-07/T2.toml")).unwrap().replace("unit = \"T2\"", "unit = \"T7\"");
    std::fs::write(data.join("reports/2026-07/T2.toml"), text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--data", "data"]);
    assert!(!ok);
    assert!(stderr.contains("data/reports/2026-07/T2.toml, dòng") && stderr.contains("không có đơn vị mã “T7” trong units.toml"), "{stderr}");

    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-09", "--data", "data"]);
    assert!(!ok && stderr.contains("không có thư mục reports/2026-09/"), "{stderr}");
}
