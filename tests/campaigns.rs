//! Any campaign from data alone (#27). The second campaign,
//! examples/de-an-06 (Đề án 06: identity accounts activated at level 2,
//! its own columns, chained checks, an 80 % target and reports due before
//! the 25th), builds, fills, imports, sums up and reminds end to end, its
//! totals equal to the sums worked out here from its report files; a form
//! definition with a mistake is refused with one message at its line; other
//! periods than the month (a quarter) are reported on; and no word of the
//! first campaign is left in src/ or templates/.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{Filler, TempDir, copy_data, copy_example, dotted, example_data, fill, pdf_words, replace, tool, tree, vanban};
use calamine::{Reader, Xlsx, open_workbook};

/// A unit's counts, or a sum of them: people aged 14 and over, with a
/// chip-based CCCD, activated at level 2.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    so_nguoi: u64,
    co_cccd: u64,
    da_kich_hoat: u64,
}

impl Counts {
    fn add(self, other: Counts) -> Counts {
        Counts { so_nguoi: self.so_nguoi + other.so_nguoi, co_cccd: self.co_cccd + other.co_cccd, da_kich_hoat: self.da_kich_hoat + other.da_kich_hoat }
    }

    /// Not activated: the form's derived column, people less activated.
    fn chua_kich_hoat(self) -> u64 {
        self.so_nguoi - self.da_kich_hoat
    }

    /// The four count columns in the form's order.
    fn columns(self) -> [u64; 4] {
        [self.so_nguoi, self.co_cccd, self.da_kich_hoat, self.chua_kich_hoat()]
    }

    /// The headline share, activated of people, in tenths of a percent, rounded half up.
    fn tenths(self) -> u64 {
        (self.da_kich_hoat * 2000 + self.so_nguoi) / (self.so_nguoi * 2)
    }
}

fn sum<'a>(counts: impl IntoIterator<Item = &'a Counts>) -> Counts {
    counts.into_iter().fold(Counts::default(), |a, b| a.add(*b))
}

/// The counts of one report file's rows, read here, not by vanban; a
/// derived column written in a row must be its formula's value.
fn report_counts(text: &str) -> (String, Counts) {
    let report: toml::Table = toml::from_str(text).unwrap();
    let mut counts = Counts::default();
    for row in report["row"].as_array().unwrap() {
        let get = |key: &str| row[key].as_integer().unwrap() as u64;
        let row_counts = Counts { so_nguoi: get("so_nguoi"), co_cccd: get("co_cccd"), da_kich_hoat: get("da_kich_hoat") };
        if let Some(left) = row.get("chua_kich_hoat") {
            assert_eq!(left.as_integer().unwrap() as u64, row_counts.chua_kich_hoat(), "{row:?}");
        }
        counts = counts.add(row_counts);
    }
    (report["unit"].as_str().unwrap().to_owned(), counts)
}

/// Each unit's counts for `period` from the report files of a data folder.
fn period_sums(data: &Path, period: &str) -> BTreeMap<String, Counts> {
    let mut sums = BTreeMap::new();
    for entry in std::fs::read_dir(data.join("reports").join(period)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let (unit, counts) = report_counts(&std::fs::read_to_string(&path).unwrap());
            assert!(sums.insert(unit, counts).is_none(), "one report per unit");
        }
    }
    sums
}

/// A data folder's units, in order: code, name, kind; and its kinds in order.
fn units(data: &Path) -> (Vec<(String, String, String)>, Vec<String>) {
    let units: toml::Table = toml::from_str(&std::fs::read_to_string(data.join("units.toml")).unwrap()).unwrap();
    let list = units["unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["code"].as_str().unwrap().into(), u["name"].as_str().unwrap().into(), u["kind"].as_str().unwrap().into()))
        .collect();
    let kinds = units["kind"].as_array().unwrap().iter().map(|k| k["key"].as_str().unwrap().to_owned()).collect();
    (list, kinds)
}

/// A CSV file's rows, its byte-order mark dropped, quoted fields unquoted.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines().filter(|l| !l.is_empty()) {
        let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        rows.push(fields);
    }
    rows
}

/// The index of the column headed by one of `names` (its heading on one
/// line, or its key).
fn column(header: &[String], names: &[&str]) -> usize {
    header.iter().position(|h| names.contains(&h.trim())).unwrap_or_else(|| panic!("no column {names:?} in {header:?}"))
}

/// The four count columns of the second campaign's summary table, each
/// headed by its heading on one line (as bieu-mau.toml of `data` gives it)
/// or by its key.
fn count_columns(data: &Path, header: &[String]) -> [usize; 4] {
    let form: toml::Table = toml::from_str(&std::fs::read_to_string(data.join("bieu-mau.toml")).unwrap()).unwrap();
    let title = |key: &str| -> String {
        let column = form["column"].as_array().unwrap().iter().find(|c| c["key"].as_str() == Some(key)).unwrap();
        match &column["heading"] {
            toml::Value::Array(lines) => lines.iter().map(|l| l.as_str().unwrap()).collect::<Vec<_>>().join(" "),
            heading => heading.as_str().unwrap().to_owned(),
        }
    };
    ["so_nguoi", "co_cccd", "da_kich_hoat", "chua_kich_hoat"].map(|key| column(header, &[&title(key), key]))
}

/// The name of the form's headline indicator, from bieu-mau.toml of `data`.
fn headline(data: &Path) -> String {
    let form: toml::Table = toml::from_str(&std::fs::read_to_string(data.join("bieu-mau.toml")).unwrap()).unwrap();
    form["indicator"][0]["name"].as_str().unwrap().to_owned()
}

/// A table's rows checked against `sums`: each unit's row holds its counts
/// (nothing where it has not reported), each group's sum row ("Cộng …", in
/// the order of the kinds) and the grand total ("Tổng cộng") the sums of
/// their units; the headline share of the total to a tenth. `rows[0]` is
/// the header; cells are text (numbers as a spreadsheet writes them).
fn check_table(what: &str, rows: &[Vec<String>], data: &Path, sums: &BTreeMap<String, Counts>) {
    let header = &rows[0];
    let (code, name) = (column(header, &["Mã"]), column(header, &["Đơn vị"]));
    let counts = count_columns(data, header);
    let share = header.iter().position(|h| h.starts_with(&headline(data))).unwrap_or_else(|| panic!("{what}: no share in {header:?}"));
    let number = |cell: &str| -> u64 {
        let value: f64 = cell.trim().parse().unwrap_or_else(|_| panic!("{what}: “{cell}” is no number"));
        assert_eq!(value.fract(), 0.0, "{what}: {cell}");
        value as u64
    };
    let (units, kinds) = units(data);
    for (unit, _, _) in &units {
        let row = rows.iter().find(|r| r[code] == *unit).unwrap_or_else(|| panic!("{what}: no row for {unit}"));
        match sums.get(unit) {
            Some(expected) => assert_eq!(counts.map(|c| number(&row[c])), expected.columns(), "{what}: {unit}"),
            None => assert!(counts.iter().all(|&c| row[c].trim().is_empty()), "{what}: {unit} has not reported: {row:?}"),
        }
    }
    let groups: Vec<&Vec<String>> = rows.iter().filter(|r| r[name].starts_with("Cộng ")).collect();
    assert_eq!(groups.len(), kinds.len(), "{what}: a sum row per kind: {groups:?}");
    for (row, kind) in groups.iter().zip(&kinds) {
        let members: Vec<&Counts> = units.iter().filter(|(_, _, k)| k == kind).filter_map(|(c, _, _)| sums.get(c)).collect();
        assert!(!members.is_empty(), "{what}: {kind}");
        assert_eq!(counts.map(|c| number(&row[c])), sum(members).columns(), "{what}: the sum of {kind}");
    }
    let total = rows.iter().find(|r| r[name] == "Tổng cộng").unwrap_or_else(|| panic!("{what}: no total"));
    let expected = sum(sums.values());
    assert_eq!(counts.map(|c| number(&total[c])), expected.columns(), "{what}: the total");
    let printed: f64 = total[share].trim().trim_end_matches('%').replace(',', ".").parse().unwrap();
    // A spreadsheet keeps the share as a fraction or as a percentage.
    let percent = if printed <= 1.0 { printed * 100.0 } else { printed };
    assert!((percent * 10.0 - expected.tenths() as f64).abs() < 0.6, "{what}: share {printed} for {expected:?}");
}

/// The summary workbook's first sheet as text rows, from its header row
/// (the one that names "Mã") down; formulas as their cached results.
fn xlsx_table(path: &Path) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&sheet).unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|row| row.iter().map(ToString::to_string).collect()).collect();
    let header = rows.iter().position(|r| r.iter().any(|c| c == "Mã")).expect("a header row");
    rows[header..].to_vec()
}

/// The lines of a PDF as poppler lays them out, spaces collapsed.
fn layout_lines(pdf: &Path) -> Vec<String> {
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    text.lines().map(|line| line.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|line| !line.is_empty()).collect()
}

/// Whether a printed line starting with `label` holds `numbers`, one after another.
fn printed_row(lines: &[String], label: &str, numbers: &[u64]) -> bool {
    let shown: Vec<String> = numbers.iter().map(|&n| dotted(n)).collect();
    lines.iter().filter(|line| line.starts_with(label) && line[label.len()..].starts_with(' ')).any(|line| {
        let words: Vec<&str> = line.split(' ').collect();
        words.windows(shown.len()).any(|w| w.iter().zip(&shown).all(|(a, b)| *a == b.as_str()))
    })
}

/// A summary's PDF, CSV and workbook under `out` for `period`, each
/// checked against the sums read here from the report files of `data`.
fn check_summary(out: &Path, data: &Path, period: &str) {
    let sums = period_sums(data, period);
    let (units, kinds) = units(data);
    check_table(&format!("{period}.csv"), &read_csv(&out.join(format!("tong-hop/{period}.csv"))), data, &sums);
    check_table(&format!("{period}.xlsx"), &xlsx_table(&out.join(format!("tong-hop/{period}.xlsx"))), data, &sums);

    let pdf = out.join(format!("tong-hop/{period}.pdf"));
    let lines = layout_lines(&pdf);
    let total = sum(sums.values());
    assert!(printed_row(&lines, "Tổng cộng", &total.columns()), "{period}: the total {total:?} printed: {lines:#?}");
    for (roman, kind) in ["I", "II", "III", "IV"].iter().zip(&kinds) {
        let members: Vec<&Counts> = units.iter().filter(|(_, _, k)| k == kind).filter_map(|(c, _, _)| sums.get(c)).collect();
        let group = sum(members);
        assert!(printed_row(&lines, &format!("Cộng {roman}"), &group.columns()), "{period}: {kind}'s sum {group:?}: {lines:#?}");
    }
    let words = pdf_words(&pdf).join(" ").replace('\u{a0}', " ");
    let share = format!("{},{}%", total.tenths() / 10, total.tenths() % 10);
    assert!(words.contains(&share), "{period}: the headline share {share}: {words}");
    assert!(words.contains("80 %") || words.contains("80%"), "{period}: the 80 % target: {words}");
    assert!(words.contains(&format!("{}/{} đơn vị đã gửi báo cáo", sums.len(), units.len())), "{period}: {words}");
}

/// The names of the units of `data` without a report for `period`, in units.toml's order.
fn missing(data: &Path, period: &str) -> Vec<String> {
    let sums = period_sums(data, period);
    units(data).0.into_iter().filter(|(code, ..)| !sums.contains_key(code)).map(|(_, name, _)| name).collect()
}

/// Words of the first campaign that no document of the second may print.
const FIRST_CAMPAIGN: [&str; 5] = ["Smart Hải Phòng", "Bạch Long Vĩ", "769/UBND", "Công dân số", "Phòng Văn hóa"];

#[test]
fn the_second_campaign_builds_end_to_end_with_its_own_totals() {
    let example = example_data();
    // The data author's totals, which the sums read here must reproduce.
    let october = sum(period_sums(&example, "2026-10").values());
    let november = sum(period_sums(&example, "2026-11").values());
    assert_eq!((period_sums(&example, "2026-10").len(), october.columns()), (8, [2308, 2177, 1567, 741]));
    assert_eq!((period_sums(&example, "2026-11").len(), november.columns()), (8, [2423, 2322, 1845, 578]));

    let dir = TempDir::new("de-an-06-build");
    let out = dir.join("ra");
    let before = tree(&example);
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", example.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(tree(&example) == before, "a build writes nothing into its data folder");
    assert!(!stderr.contains("lỗi"), "{stderr}");
    // TDP3 reported October on the 27th, after the 25th: late, and only it.
    let late: Vec<&str> = stderr.lines().filter(|l| l.contains("nộp muộn")).collect();
    assert_eq!(late.len(), 1, "{stderr}");
    assert!(late[0].contains("reports/2026-10/TDP3.toml, dòng 5, cột 8: ngày báo cáo sau hạn nộp (hết ngày 24 tháng 10 năm 2026)"), "{stderr}");

    for file in [
        "cong-van-412.pdf",
        "bieu-mau/tat-ca.pdf",
        "bieu-mau/cong-an-xa-an-hoa.pdf",
        "bieu-mau/cong-an-xa-an-hoa.xlsx",
        "bao-cao/2026-10/to-dan-pho-so-3.pdf",
        "bao-cao/2026-11/truong-trung-hoc-co-so-an-hoa.pdf",
        "tong-hop/2026-10.pdf",
        "tong-hop/2026-11.pdf",
        "don-doc/2026-10.pdf",
        "don-doc/2026-11.pdf",
    ] {
        assert!(out.join(file).is_file(), "{file}: {stdout}");
    }
    let reports = |period: &str| std::fs::read_dir(out.join("bao-cao").join(period)).unwrap().count();
    assert_eq!((reports("2026-10"), reports("2026-11")), (8, 8));

    for period in ["2026-10", "2026-11"] {
        check_summary(&out, &example, period);
    }
    // Like for like: the seven units that reported both months.
    let (before, now) = (period_sums(&example, "2026-10"), period_sums(&example, "2026-11"));
    let both: Vec<&String> = now.keys().filter(|c| before.contains_key(*c)).collect();
    assert_eq!(both.len(), 7);
    let activated = |month: &BTreeMap<String, Counts>| both.iter().map(|c| month[*c].da_kich_hoat).sum::<u64>();
    let words = pdf_words(&out.join("tong-hop/2026-11.pdf")).join(" ");
    let change = format!("từ {} thành {}", dotted(activated(&before)), dotted(activated(&now)));
    assert!(words.contains(&change), "{change}: {words}");
    assert!(words.contains("Số: 21/BC-CAX") && words.contains("An Hòa, ngày 27 tháng 11 năm 2026"), "{words}");
    assert!(words.contains("quá hạn") || words.contains("Đang thực hiện") || words.contains("Đã đạt"), "the deadlines table: {words}");

    // The reminders go to exactly the units without a report.
    for (period, number, date) in [("2026-10", 437, "ngày 26 tháng 10 năm 2026"), ("2026-11", 468, "ngày 26 tháng 11 năm 2026")] {
        let words = pdf_words(&out.join(format!("don-doc/{period}.pdf"))).join(" ");
        let missing = missing(&example, period);
        assert_eq!(missing.len(), 2, "{period}");
        let list: Vec<String> = missing.iter().enumerate().map(|(i, name)| format!("- {name}{}", if i + 1 == missing.len() { "." } else { ";" })).collect();
        assert!(words.contains(&format!("Kính gửi: {}", list.join(" "))), "{period}: {words}");
        assert!(words.contains(&format!("Số: {number}/UBND-CA")) && words.contains(date), "{period}: {words}");
        assert!(words.contains("đã nhận báo cáo của 8/10 đơn vị"), "{period}: {words}");
        assert!(words.contains("Công văn số 412/UBND-CA"), "{period}: {words}");
        assert!(!words.contains("- Công an xã An Hòa"), "{period}: a unit that reported is not addressed: {words}");
    }

    // Nothing of the first campaign in any document of the second; the
    // words of its form only where the second's own dispatch and guide use them.
    for (file, _) in tree(&out) {
        if !file.ends_with(".pdf") {
            continue;
        }
        let words = pdf_words(&out.join(&file)).join(" ");
        for word in FIRST_CAMPAIGN {
            assert!(!words.contains(word), "{file} prints “{word}”");
        }
        let own_words = file == "cong-van-412.pdf" || file.starts_with("huong-dan") || file.starts_with("to-roi");
        assert!(own_words || !words.to_lowercase().contains("cài đặt"), "{file} prints “cài đặt”: {words}");
    }
}

/// The output file of `vanban forms --unit <code>` with `extension`.
fn form_of(dir: &TempDir, code: &str, extension: &str) -> PathBuf {
    let (ok, stdout, stderr) = vanban(&dir.0, &["forms", "--data", "data", "--out", "out", "--unit", code]);
    assert!(ok, "{stderr}");
    let line = stdout.lines().find(|l| l.ends_with(extension)).unwrap_or_else(|| panic!("{code}: {stdout}"));
    dir.join(line)
}

/// A unit's November form as it fills it in: number 12, dated 20 November.
fn november(signer: &str, rows: &[[&str; 6]]) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> =
        [("so", "12"), ("ngay", "20"), ("thang", "11"), ("thang_bao_cao", "11"), ("nam_bao_cao", "2026"), ("nguoi_ky", signer)]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
    let columns = ["ten", "so_nguoi", "co_cccd", "da_kich_hoat", "chua_kich_hoat", "ly_do"];
    for (n, row) in rows.iter().enumerate() {
        for (column, value) in columns.iter().zip(row) {
            if !value.is_empty() {
                values.push((format!("dong{}_{column}", n + 1), (*value).to_owned()));
            }
        }
    }
    values
}

/// The rows of a report vanban import wrote, checked against what was
/// typed: the form's keys only, text exact, counts as numbers, a derived
/// count only if right.
fn check_written(data: &Path, code: &str, signer: &str, typed: &[[&str; 6]]) -> Counts {
    let text = std::fs::read_to_string(data.join(format!("reports/2026-11/{code}.toml"))).unwrap();
    let report: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(report["unit"].as_str(), Some(code), "{text}");
    assert_eq!(report["period"].as_str(), Some("2026-11"), "{text}");
    assert_eq!(report["number"].as_integer(), Some(12), "{text}");
    assert_eq!(report["date"].as_datetime().unwrap().to_string(), "2026-11-20");
    assert_eq!(report["signer"].as_str(), Some(signer), "{code}");
    let rows = report["row"].as_array().unwrap();
    let typed: Vec<&[&str; 6]> = typed.iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect();
    assert_eq!(rows.len(), typed.len(), "{text}");
    let keys = ["ten", "so_nguoi", "co_cccd", "da_kich_hoat", "chua_kich_hoat", "ly_do"];
    for (row, typed) in rows.iter().zip(typed) {
        let row = row.as_table().unwrap();
        assert!(row.keys().all(|k| keys.contains(&k.as_str())), "{code}: {row:?}");
        assert_eq!(row["ten"].as_str(), Some(typed[0]), "{code}");
        for (i, key) in keys.iter().enumerate().skip(1).take(3) {
            assert_eq!(row[*key].as_integer(), Some(typed[i].replace('.', "").parse().unwrap()), "{code}: {key}");
        }
        match typed[4] {
            "" => assert!(
                row.get("chua_kich_hoat")
                    .is_none_or(|v| v.as_integer() == Some(row["so_nguoi"].as_integer().unwrap() - row["da_kich_hoat"].as_integer().unwrap()))
            ),
            left => assert_eq!(row["chua_kich_hoat"].as_integer(), Some(left.parse().unwrap()), "{code}"),
        }
        assert_eq!(row.get("ly_do").and_then(|v| v.as_str()).unwrap_or(""), typed[5], "{code}");
    }
    report_counts(&text).1
}

#[test]
fn the_second_campaigns_returns_fill_import_and_sum_up() {
    let dir = TempDir::new("de-an-06-loop");
    let data = copy_example(&dir);
    // THCS and TYT send November back as forms rather than typed reports;
    // TDP5 and TDP6 had not reported.
    for code in ["THCS", "TYT"] {
        std::fs::remove_file(data.join(format!("reports/2026-11/{code}.toml"))).unwrap();
    }
    let tdp5: [[&str; 6]; 2] = [
        ["Ban điều hành tổ dân phố, các chi hội", "11", "11", "11", "0", ""],
        ["Người dân khu “Bến Đò” – tổ 5", "1.204", "1.130", "912", "292", "Người cao tuổi; đi làm ăn xa"],
    ];
    let tdp6: [[&str; 6]; 1] = [["Người dân tổ dân phố số 6", "293", "280", "215", "", "Chưa có điện thoại thông minh"]];
    let tyt: [[&str; 6]; 1] = [["Viên chức, nhân viên Trạm Y tế", "17", "17", "16", "1", "01 người nghỉ thai sản"]];
    let inbox = dir.join("hop-thu");
    std::fs::create_dir_all(&inbox).unwrap();
    for (filler, code, signer, rows) in [
        (Filler::PdfJs, "TDP5", "Đỗ Thị Ngọc Ánh", &tdp5[..]),
        (Filler::Pypdf, "TDP6", "Vũ Văn Sơn", &tdp6[..]),
        (Filler::MuPdf, "TYT", "Hoàng Thị Lụa", &tyt[..]),
    ] {
        let values = november(signer, rows);
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        fill(filler, &form_of(&dir, code, ".pdf"), &inbox.join(format!("{code}-thang-11.pdf")), &refs);
    }
    // THCS types its workbook: numbers as numbers, a row left empty.
    let thcs: [[&str; 6]; 3] = [
        ["Cán bộ, giáo viên, nhân viên", "42", "42", "42", "", ""],
        ["", "", "", "", "", ""],
        ["Học sinh đủ 14 tuổi", "266", "255", "170", "", "Học sinh chưa có số điện thoại đứng tên mình"],
    ];
    let rows: Vec<serde_json::Value> = thcs
        .iter()
        .map(|row| {
            let mut cells = serde_json::Map::new();
            for (key, value) in ["ten", "so_nguoi", "co_cccd", "da_kich_hoat", "chua_kich_hoat", "ly_do"].iter().zip(row) {
                if value.is_empty() {
                    continue;
                }
                let value = match value.parse::<u64>() {
                    Ok(n) => serde_json::json!(n),
                    Err(_) => serde_json::json!(value),
                };
                cells.insert((*key).to_owned(), value);
            }
            serde_json::Value::Object(cells)
        })
        .collect();
    let values = serde_json::json!({
        "so": 12, "ngay": 20, "thang": 11, "thang_bao_cao": 11, "nam_bao_cao": 2026, "nguoi_ky": "Phan Văn Đức", "rows": rows,
    });
    let json = dir.join("thcs.json");
    std::fs::write(&json, values.to_string()).unwrap();
    let filler = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fillers/openpyxl_fill.py");
    let workbook = form_of(&dir, "THCS", ".xlsx");
    let filled = inbox.join("bao-cao-thcs.xlsx");
    tool("python3", &[filler.to_str().unwrap(), workbook.to_str().unwrap(), filled.to_str().unwrap(), json.to_str().unwrap()]);

    // Returns that break the chained checks are refused, naming both columns, and write nothing.
    let header = "ma_don_vi;thang_bao_cao;nam_bao_cao;so;ngay;thang;nguoi_ky;ten;so_nguoi;co_cccd;da_kich_hoat;chua_kich_hoat;ly_do\n";
    let wrong = [
        ("the.csv", "TDP6;11;2026;;20;11;Vũ Văn Sơn;Tổ 6;293;300;215;;\n", ["(co_cccd = 300)", "(so_nguoi = 293)"]),
        ("kich-hoat.csv", "TDP6;11;2026;;20;11;Vũ Văn Sơn;Tổ 6;293;240;250;;\n", ["(da_kich_hoat = 250)", "(co_cccd = 240)"]),
    ];
    let before = tree(&data);
    for (name, line, says) in wrong {
        std::fs::write(dir.join(name), format!("{header}{line}")).unwrap();
        let (ok, stdout, stderr) = vanban(&dir.0, &["import", "--data", "data", "--month", "2026-11", name]);
        assert!(!ok && stdout.is_empty(), "{name}: {stdout}");
        assert!(stderr.starts_with(&format!("lỗi: {name}, dòng 2")), "{name}: {stderr}");
        assert!(says.iter().all(|s| stderr.contains(s)) && stderr.contains("lớn hơn"), "{name}: {stderr}");
        assert!(tree(&data) == before, "{name}: nothing written");
    }

    let (ok, stdout, stderr) = vanban(&dir.0, &["import", "--data", "data", "--month", "2026-11", "hop-thu"]);
    assert!(ok, "{stderr}");
    for code in ["TDP5", "TDP6", "TYT", "THCS"] {
        assert!(stdout.contains(&format!("reports/2026-11/{code}.toml ← ")), "{code}: {stdout}");
    }
    let imported = [
        ("TDP5", check_written(&data, "TDP5", "Đỗ Thị Ngọc Ánh", &tdp5)),
        ("TDP6", check_written(&data, "TDP6", "Vũ Văn Sơn", &tdp6)),
        ("TYT", check_written(&data, "TYT", "Hoàng Thị Lụa", &tyt)),
        ("THCS", check_written(&data, "THCS", "Phan Văn Đức", &thcs)),
    ];
    assert_eq!(imported[0].1, Counts { so_nguoi: 1215, co_cccd: 1141, da_kich_hoat: 923 });
    assert_eq!(imported[3].1, Counts { so_nguoi: 308, co_cccd: 297, da_kich_hoat: 212 });

    // The next summary has them all: November's sums with the four returns.
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-11", "--data", "data", "--csv", "--xlsx"]);
    assert!(ok, "{stderr}");
    check_summary(&dir.join("out"), &data, "2026-11");
    let mut expected = period_sums(&example_data(), "2026-11");
    expected.remove("THCS");
    expected.remove("TYT");
    expected.extend(imported.iter().map(|(code, counts)| ((*code).to_owned(), *counts)));
    assert_eq!(period_sums(&data, "2026-11"), expected, "the reports written are what was typed");
    assert_eq!(sum(expected.values()).columns(), [3931, 3743, 3001, 930]);
    let words = pdf_words(&dir.join("out/tong-hop/2026-11.pdf")).join(" ");
    assert!(words.contains("10/10 đơn vị đã gửi báo cáo"), "{words}");
    // And nobody is left to remind.
    let (ok, stdout, stderr) = vanban(&dir.0, &["remind", "2026-11", "--data", "data"]);
    assert!(ok && stdout.is_empty() && stderr.contains("mọi đơn vị đã gửi báo cáo tháng 11 năm 2026"), "{stdout}{stderr}");
}

/// A mistake in a form definition: which campaign's data (the first's or the
/// second's), the edit, the text on the line the message must name, and
/// what the message says (what is wrong, what to write).
struct Mistake {
    name: &'static str,
    example: bool,
    from: &'static str,
    to: &'static str,
    marker: &'static str,
    says: &'static [&'static str],
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        name: "unknown kind",
        example: true,
        from: "kind = \"count\"",
        to: "kind = \"tien\"",
        marker: "kind = \"tien\"",
        says: &["kiểu cột “tien” không có", "Hãy ghi kind = \"text\" (chữ), \"count\" (số đếm)"],
    },
    Mistake {
        name: "a check naming a missing column",
        example: true,
        from: "rule = \"da_kich_hoat <= co_cccd <= so_nguoi\"",
        to: "rule = \"da_kich_hoat <= co_cccd <= so_dan\"",
        marker: "so_dan",
        says: &["biểu mẫu không có cột “so_dan”", "Hãy ghi khóa của một cột: ten, so_nguoi, co_cccd, da_kich_hoat, chua_kich_hoat, ly_do"],
    },
    Mistake {
        name: "a derived column of itself",
        example: false,
        from: "formula = \"tong_so - da_cai\"",
        to: "formula = \"chua_cai - chua_cai\"",
        marker: "formula = \"chua_cai - chua_cai\"",
        says: &["cột “chua_cai” được tính từ chính nó (formula = \"chua_cai - chua_cai\")", "Hãy tính nó từ hai cột nhập tay khác"],
    },
    Mistake {
        name: "two derived columns of each other",
        example: false,
        from: "key = \"da_cai\"\n",
        to: "key = \"da_cai\"\nformula = \"tong_so - chua_cai\"\n",
        marker: "formula = \"tong_so - chua_cai\"",
        says: &["cột “da_cai” được tính từ chính nó (formula = \"tong_so - chua_cai\")", "Hãy tính nó từ hai cột nhập tay khác"],
    },
    Mistake {
        name: "two columns with one key",
        example: true,
        from: "key = \"co_cccd\"",
        to: "key = \"so_nguoi\"  # trùng khóa",
        marker: "# trùng khóa",
        says: &["cột thứ 2 và cột thứ 3 cùng khóa “so_nguoi”", "mỗi cột cần một khóa riêng, ví dụ \"so_nguoi_2\""],
    },
    Mistake {
        name: "a target of 120",
        example: true,
        from: "target = 80",
        to: "target = 120",
        marker: "target = 120",
        says: &["mục tiêu 120 % không hợp lý", "hãy ghi target là phần trăm lớn hơn 0 và không quá 100, ví dụ target = 80"],
    },
    Mistake {
        name: "a due day past 31",
        example: true,
        from: "due = { day = 25, in = \"same\" }",
        to: "due = { day = 32, in = \"same\" }",
        marker: "day = 32",
        says: &["ngày 32 không có", "hãy ghi day từ 1 đến 31"],
    },
    Mistake {
        name: "a due time not a time",
        example: false,
        from: "time = \"17:00\"",
        to: "time = \"17 giờ\"",
        marker: "time = \"17 giờ\"",
        says: &["giờ “17 giờ” không hợp lệ", "hãy ghi time = \"17:00\""],
    },
    Mistake {
        name: "the first column not text",
        example: false,
        from: "heading = \"Tên đơn vị\"\nkind = \"text\"",
        to: "heading = \"Tên đơn vị\"\nkind = \"count\"",
        marker: "[[column]]",
        says: &["cột đầu tiên (“ten”) là tên của hàng nên phải là chữ", "Hãy ghi kind = \"text\""],
    },
];

#[test]
fn a_form_definition_with_a_mistake_is_refused_at_its_line_and_out_stays_as_it_was() {
    for example in [false, true] {
        let dir = TempDir::new("form-mistakes");
        let data = if example { copy_example(&dir) } else { copy_data(&dir) };
        let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
        assert!(ok, "{stderr}");
        let out = tree(&dir.join("out"));
        let form = std::fs::read_to_string(data.join("bieu-mau.toml")).unwrap();
        for mistake in MISTAKES.iter().filter(|m| m.example == example) {
            replace(&data, "bieu-mau.toml", mistake.from, mistake.to);
            let edited = std::fs::read_to_string(data.join("bieu-mau.toml")).unwrap();
            let line = edited.lines().position(|l| l.contains(mistake.marker)).unwrap_or_else(|| panic!("{}", mistake.name)) + 1;
            for command in ["check", "build"] {
                let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args([command, "--data", "data"]).current_dir(&dir.0).output().unwrap();
                let stderr = String::from_utf8(output.stderr).unwrap();
                assert_eq!(output.status.code(), Some(1), "{}: {stderr}", mistake.name);
                assert_eq!(stderr.trim_end().lines().count(), 1, "{}: one message: {stderr}", mistake.name);
                let place = format!("lỗi: data/bieu-mau.toml, dòng {line}, cột ");
                assert!(stderr.starts_with(&place), "{}: {place}… in {stderr}", mistake.name);
                for says in mistake.says {
                    assert!(stderr.contains(says), "{}: “{says}” in {stderr}", mistake.name);
                }
                assert!(!stderr.contains("lỗi của chương trình") && !stderr.contains("panicked"), "{}: {stderr}", mistake.name);
            }
            assert!(tree(&dir.join("out")) == out, "{}: out/ is byte for byte as before", mistake.name);
            assert!(!dir.join(".out.vanban-staging").exists(), "{}", mistake.name);
            std::fs::write(data.join("bieu-mau.toml"), &form).unwrap();
        }
    }
}

/// The second campaign's copy in `dir`, made quarterly: due on the 15th of
/// the quarter's last month, its monthly reports replaced by reports of the
/// third quarter of 2026 for CA (on time) and TDP1 (late).
fn quarterly(dir: &TempDir) -> PathBuf {
    let data = copy_example(dir);
    replace(&data, "bieu-mau.toml", "every = \"month\"", "every = \"quarter\"");
    replace(&data, "bieu-mau.toml", "due = { day = 25, in = \"same\" }", "due = { day = 15, in = \"same\" }");
    std::fs::remove_dir_all(data.join("reports")).unwrap();
    std::fs::create_dir_all(data.join("reports/2026-Q3")).unwrap();
    let report = |unit: &str, date: &str, rows: &[(u64, u64, u64)]| {
        let mut text = format!("unit = \"{unit}\"\nperiod = \"2026-Q3\"\ndate = {date}\nsigner = \"Nguyễn Văn An\"\n");
        for (i, (people, cards, activated)) in rows.iter().enumerate() {
            text +=
                &format!("\n[[row]]\nten = \"Nhóm {i}\"\nso_nguoi = {people}\nco_cccd = {cards}\nda_kich_hoat = {activated}\nly_do = \"Chưa có điện thoại\"\n");
        }
        std::fs::write(data.join(format!("reports/2026-Q3/{unit}.toml")), text).unwrap();
    };
    report("CA", "2026-09-14", &[(179, 175, 152), (21, 21, 19)]);
    report("TDP1", "2026-09-15", &[(521, 489, 360)]);
    data
}

#[test]
fn a_quarterly_form_is_reported_and_summed_by_quarter() {
    let dir = TempDir::new("quarterly");
    let data = quarterly(&dir);
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    // Due before the 15th of September: TDP1's report of the 15th is late.
    let late: Vec<&str> = stderr.lines().filter(|l| l.contains("nộp muộn")).collect();
    assert_eq!(late.len(), 1, "{stderr}");
    assert!(late[0].contains("reports/2026-Q3/TDP1.toml, dòng 3, cột 8: ngày báo cáo sau hạn nộp (hết ngày 14 tháng 9 năm 2026)"), "{stderr}");
    for file in ["out/tong-hop/2026-Q3.pdf", "out/don-doc/2026-Q3.pdf", "out/bao-cao/2026-Q3/cong-an-xa-an-hoa.pdf"] {
        assert!(stdout.lines().any(|l| l == file), "{file}: {stdout}");
    }
    let summary = pdf_words(&dir.join("out/tong-hop/2026-Q3.pdf")).join(" ");
    assert!(summary.contains("quý III năm 2026"), "{summary}");
    let sums = period_sums(&data, "2026-Q3");
    let total = sum(sums.values());
    assert_eq!(total.columns(), [721, 685, 531, 190]);
    assert!(printed_row(&layout_lines(&dir.join("out/tong-hop/2026-Q3.pdf")), "Tổng cộng", &total.columns()), "{summary}");
    assert!(summary.contains("2/10 đơn vị đã gửi báo cáo"), "{summary}");
    // A unit's report and its blank form speak of the quarter.
    let report = pdf_words(&dir.join("out/bao-cao/2026-Q3/cong-an-xa-an-hoa.pdf")).join(" ");
    assert!(report.contains("kích hoạt tài khoản định danh điện tử mức 2 quý III năm 2026, kết quả cụ thể như sau:"), "{report}");
    let form = pdf_words(&dir.join("out/bieu-mau/cong-an-xa-an-hoa.pdf")).join(" ");
    assert!(form.contains("kích hoạt tài khoản định danh điện tử mức 2 quý ...... năm"), "{form}");
    assert!(!form.contains("mức 2 tháng ......"), "{form}");
    // The reminder goes to the eight units without a report of the quarter.
    let reminder = pdf_words(&dir.join("out/don-doc/2026-Q3.pdf")).join(" ");
    assert!(reminder.contains("đã nhận báo cáo của 2/10 đơn vị"), "{reminder}");
    assert!(reminder.contains("- Văn phòng HĐND và UBND xã An Hòa;") && !reminder.contains("- Công an xã An Hòa"), "{reminder}");

    // A report of a month in a quarterly campaign is refused, saying what to write.
    let before = tree(&dir.join("out"));
    let text = std::fs::read_to_string(data.join("reports/2026-Q3/CA.toml")).unwrap();
    std::fs::write(data.join("reports/2026-Q3/CA.toml"), text.replace("period = \"2026-Q3\"", "period = \"2026-07\"")).unwrap();
    for command in ["check", "build"] {
        let (ok, _, stderr) = vanban(&dir.0, &[command, "--data", "data"]);
        assert!(!ok, "{command}");
        assert_eq!(
            stderr.trim(),
            "lỗi: data/reports/2026-Q3/CA.toml, dòng 2, cột 10: kỳ “2026-07” không phải kỳ của biểu mẫu: data/bieu-mau.toml báo cáo hằng quý. Hãy ghi period = \"2026-Q3\"",
            "{command}"
        );
    }
    assert!(tree(&dir.join("out")) == before, "out/ as it was");
    // The quarter's CSV sums as its PDF.
    std::fs::write(data.join("reports/2026-Q3/CA.toml"), text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-Q3", "--data", "data", "--csv"]);
    assert!(ok, "{stderr}");
    let csv = read_csv(&dir.join("out/tong-hop/2026-Q3.csv"));
    let (header, counts) = (&csv[0], count_columns(&data, &csv[0]));
    let total_row = csv.iter().find(|r| r[column(header, &["Đơn vị"])] == "Tổng cộng").unwrap();
    assert_eq!(counts.map(|c| total_row[c].parse::<u64>().unwrap()), total.columns());
    // A change column against the quarter before, not the month.
    assert!(header.iter().any(|h| h == "Thay đổi so với quý trước (điểm %)"), "{header:?}");
    // A month asked of a quarterly campaign: refused, telling that it reports by quarter and which quarters it has.
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-09", "--data", "data"]);
    assert!(!ok && stderr.contains("2026-Q3") && stderr.contains("quý") && !stderr.contains("Các tháng"), "{stderr}");
}

/// The lines of a Rust file outside its `#[cfg(test)]` items: after such a
/// line, the item it marks (a `use` or a `mod`, `fn` … to its closing
/// brace at the item's indentation, as rustfmt writes it) is left out.
fn outside_tests(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[cfg(test)]" {
            let mut item = i + 1;
            while item < lines.len() && lines[item].trim_start().starts_with("#[") {
                item += 1;
            }
            let Some(line) = lines.get(item) else { break };
            let indent = &line[..line.len() - line.trim_start().len()];
            i = if line.trim_end().ends_with(';') {
                item + 1
            } else {
                let close = format!("{indent}}}");
                lines[item..].iter().position(|l| l.trim_end() == close).map_or(lines.len(), |end| item + end + 1)
            };
            continue;
        }
        kept.push((i + 1, lines[i]));
        i += 1;
    }
    kept
}

#[test]
fn outside_tests_leaves_out_exactly_the_test_items() {
    let text = "use a;\n#[cfg(test)]\nuse b;\nfn c() {\n    #[cfg(test)]\n    fn d() {\n        e();\n    }\n    f();\n}\n#[cfg(test)]\n#[allow(x)]\nmod tests {\n    fn g() {}\n}\nfn h() {}\n";
    let kept: Vec<&str> = outside_tests(text).into_iter().map(|(_, l)| l.trim()).collect();
    assert_eq!(kept, ["use a;", "fn c() {", "f();", "}", "fn h() {}"]);
}

#[test]
fn no_word_of_the_first_campaign_is_left_in_src_or_templates() {
    // grep -rniE "cài đặt|installed|smart hải phòng" src templates, outside tests.
    use unicode_normalization::UnicodeNormalization;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let words = ["cài đặt", "installed", "smart hải phòng"];
    let mut found = Vec::new();
    let mut files = 0;
    for folder in ["src", "templates"] {
        for (name, bytes) in tree(&root.join(folder)) {
            let Ok(text) = String::from_utf8(bytes) else { continue };
            files += 1;
            let lines = if name.ends_with(".rs") { outside_tests(&text) } else { text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect() };
            for (number, line) in lines {
                let folded = line.nfc().collect::<String>().to_lowercase();
                if words.iter().any(|w| folded.contains(w)) {
                    found.push(format!("{folder}/{name}:{number}: {}", line.trim()));
                }
            }
        }
    }
    assert!(files > 50, "{files} files read");
    assert!(found.is_empty(), "{} lines name the first campaign:\n{}", found.len(), found.join("\n"));
}

#[test]
fn data_of_an_older_vanban_reads_or_says_where_its_parts_went() {
    let dir = TempDir::new("older-data");
    let data = copy_data(&dir);
    // A report written before the form was data: its rows' older names.
    let older = "unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\nsigner = \"A\"\n\n[[row]]\nname = \"Tổ 1\"\ntotal = 9\ninstalled = 7\nnot_installed = 2\nreason = \"Đi biển\"\n";
    std::fs::write(data.join("reports/2026-07/T3.toml"), older).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    let words = pdf_words(&dir.join("out/bao-cao/2026-07/thon-3.pdf")).join(" ");
    assert!(words.contains("Tổ 1") && words.contains("9 7 2 Đi biển") && words.contains("77,8% (7 trên 9 người)"), "{words}");
    // Its units.toml, with the form's table and the deadlines of before.
    let units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    let kinds = units.find("\n[[kind]]").unwrap() + 1;
    let older_units = format!("{}[report]\nsubject = \"s\"\ndistribution = [\"Lưu: VT\"]\n\n{}", &units[..kinds], &units[kinds..]);
    std::fs::write(data.join("units.toml"), older_units).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(
        !ok && stderr.contains("units.toml, dòng") && stderr.contains("bảng [report] (trích yếu và Nơi nhận của báo cáo) nay nằm trong tệp bieu-mau.toml"),
        "{stderr}"
    );
}

#[test]
fn a_report_that_runs_onto_a_second_page_takes_a_line_of_text_with_its_signature() {
    // The school's November report: its table fills page 1, and the
    // signature would have stood alone at the top of page 2.
    let dir = TempDir::new("signature-not-alone");
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", example_data().to_str().unwrap(), "--out", "out"]);
    assert!(ok, "{stderr}");
    for folder in ["out/bao-cao/2026-10", "out/bao-cao/2026-11"] {
        for entry in std::fs::read_dir(dir.join(folder)).unwrap().flatten() {
            let text = tool("pdftotext", &["-layout", entry.path().to_str().unwrap(), "-"]);
            let page = text.split('\x0c').find(|page| page.contains("Nơi nhận:")).unwrap();
            let before = &page[..page.find("Nơi nhận:").unwrap()];
            let body = before.lines().map(str::trim).filter(|line| !line.is_empty() && !line.chars().all(|c| c.is_ascii_digit()));
            assert!(body.count() > 0, "{}: the signature's page holds no text of the report:\n{page}", entry.path().display());
        }
    }
}
