//! Phụ lục 01: blank forms for every unit, filled monthly reports, their
//! checks, totals and layout.

mod common;

use std::path::Path;

use common::{CAP_HEIGHT, PT, TempDir, assert_near, inspect, page_count, pdf_words, tool, vanban, workspace};
use vanban::documents::report::{FormContext, ReportDocument};
use vanban::model::{Report, SourceFile};

const LEFT: f64 = 35.0;
const RIGHT: f64 = 190.0;
const RIGHT_CENTRE: f64 = LEFT + 0.41 * 155.0 + 0.59 * 155.0 / 2.0;
const REFERENCE: &str = "Thực hiện Công văn số 769/UBND-VHXH ngày 01 tháng 6 năm 2026 của Ủy ban nhân dân đặc khu Bạch Long Vĩ về việc tuyên truyền cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng).";

fn unit_names() -> Vec<String> {
    let units: toml::Table = toml::from_str(include_str!("../data/units.toml")).unwrap();
    units["unit"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_blank_form_for_every_unit_and_all_in_one() {
    let dir = TempDir::new("forms");
    let (ok, stdout, stderr) = vanban(&dir.0, &["forms"]);
    assert!(ok, "{stderr}");
    let names = unit_names();
    assert_eq!(names.len(), 17);
    // A PDF and a workbook per unit, and all the PDFs in one.
    assert_eq!(stdout.lines().count(), 2 * names.len() + 1, "{stdout}");
    let all = dir.join("out/bieu-mau/tat-ca.pdf");
    assert_eq!(page_count(&all), names.len(), "one page per unit");
    for (page, name) in names.iter().enumerate() {
        let page = (page + 1).to_string();
        let text = tool("pdftotext", &["-f", &page, "-l", &page, all.to_str().unwrap(), "-"]);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&format!("ĐƠN VỊ: {}", name.to_uppercase())), "page {page}: {text}");
        assert!(text.contains(&format!("Đơn vị {name} báo cáo")), "page {page}");
        assert!(text.contains(REFERENCE), "page {page}: {text}");
    }
    let one = pdf_words(&dir.join("out/bieu-mau/thon-1.pdf")).join(" ");
    assert!(one.contains("ĐƠN VỊ: THÔN 1") && one.contains("Số: /BC-T1") && one.contains("TRƯỞNG THÔN"), "{one}");
    assert!(one.contains("Bạch Long Vĩ, ngày ...... tháng ...... năm 2026"), "{one}");
}

#[test]
fn a_bundle_longer_than_a_chunk_is_one_pdf_of_every_form() {
    // tat-ca.pdf is exported in chunks as the forms are laid out, then joined.
    let chunk = vanban::pdf::bundle::CHUNK_PAGES;
    let count = 2 * chunk + 1;
    let dir = TempDir::new("bundle-chunks");
    let data = common::copy_data(&dir);
    let mut units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    units.truncate(units.find("[[unit]]").unwrap());
    for i in 0..count {
        units += &format!("[[unit]]\nname = \"Tổ dân phố số {i}\"\ncode = \"TDP{i}\"\nhead = \"Tổ trưởng\"\nkind = \"village\"\n\n");
    }
    let file = dir.join("units-many.toml");
    std::fs::write(&file, units).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--units", file.to_str().unwrap(), "--out", "out"]);
    assert!(ok, "{stderr}");
    let all = dir.join("out/bieu-mau/tat-ca.pdf");
    let all_path = all.to_str().unwrap();
    assert_eq!(page_count(&all), count);
    let check = std::process::Command::new("qpdf").args(["--check", all_path]).output().unwrap();
    assert!(check.status.success(), "{check:?}");
    let bytes = String::from_utf8_lossy(&std::fs::read(&all).unwrap()).into_owned();
    assert!(bytes.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A-2b");
    assert!(bytes.contains(&format!("<xmpTPg:NPages>{count}</xmpTPg:NPages>")), "the metadata counts every page");
    assert!(tool("pdfinfo", &[all_path]).contains("Form:            none"), "printed, not filled: no fields");
    let fonts = tool("pdffonts", &[all_path]);
    assert!(fonts.lines().skip(2).all(|line| line.split_whitespace().rev().nth(4) == Some("yes")), "every font embedded: {fonts}");
    // Each page at the chunks' seams is the unit's own form, as printed.
    for page in [1, chunk, chunk + 1, 2 * chunk, count] {
        let own = dir.join(&format!("out/bieu-mau/to-dan-pho-so-{}.pdf", page - 1));
        let number = page.to_string();
        let in_bundle = tool("pdftotext", &["-layout", "-f", &number, "-l", &number, all_path, "-"]);
        assert_eq!(in_bundle, tool("pdftotext", &["-layout", own.to_str().unwrap(), "-"]), "page {page}");
        assert!(in_bundle.contains(&format!("Tổ dân phố số {}", page - 1)), "page {page}: {in_bundle}");
    }
}

/// Sums of a report's rows from its TOML: total, installed, not installed.
fn sums(toml_text: &str) -> (u64, u64, u64) {
    let report: toml::Table = toml::from_str(toml_text).unwrap();
    report["row"].as_array().unwrap().iter().fold((0, 0, 0), |(t, i, n), row| {
        let (total, installed) = (row["total"].as_integer().unwrap() as u64, row["installed"].as_integer().unwrap() as u64);
        (t + total, i + installed, n + total - installed)
    })
}

fn dotted(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[test]
fn filled_reports_total_their_rows() {
    let dir = TempDir::new("totals");
    let (ok, _, stderr) = vanban(&dir.0, &["build"]);
    assert!(ok, "{stderr}");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reports/2026-07");
    let mut checked = 0;
    for (code, file) in [("T1", "thon-1"), ("T2", "thon-2"), ("VHXH", "phong-van-hoa-xa-hoi-dac-khu"), ("CA", "cong-an-dac-khu"), ("THBLV", "truong-tieu-hoc-bach-long-vi")] {
        let (total, installed, missing) = sums(&std::fs::read_to_string(folder.join(format!("{code}.toml"))).unwrap());
        let pdf = dir.join(&format!("out/bao-cao/2026-07/{file}.pdf"));
        let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
        let line = text.lines().find(|l| l.contains("Tổng cộng")).unwrap_or_else(|| panic!("{file}: {text}"));
        let numbers: Vec<&str> = line.split_whitespace().skip(2).collect();
        assert_eq!(numbers, [dotted(total), dotted(installed), dotted(missing)], "{file}");
        let share = format!("{:.1}%", installed as f64 * 100.0 / total as f64).replace('.', ",");
        assert!(text.contains(&format!("Tỷ lệ đã cài đặt: {share}")), "{file}: {share}");
        assert!(text.contains(REFERENCE.split_at(60).0), "{file}");
        checked += 1;
    }
    assert_eq!(checked, 5);
    // The unit that wrote its not-installed count gets it back.
    let t1 = pdf_words(&dir.join("out/bao-cao/2026-07/thon-1.pdf")).join(" ");
    assert!(t1.contains("214 151 63"), "{t1}");
    assert!(t1.contains("Số: /BC-T1"), "a report without a number leaves it blank");
    let ca = pdf_words(&dir.join("out/bao-cao/2026-07/cong-an-dac-khu.pdf")).join(" ");
    assert!(ca.contains("Số: 31/BC-CA") && ca.contains("Bạch Long Vĩ, ngày 01 tháng 8 năm 2026"), "{ca}");
}

/// A report laid out in process, from TOML text for unit `code`.
fn layout_report(text: &str) -> common::Inspection {
    let workspace = workspace();
    let units = workspace.units().unwrap();
    let source = SourceFile::new("test.toml", text);
    let checked = Report::load(&source, units, None, &|_| unreachable!()).unwrap();
    let dispatch = workspace.form_dispatch().unwrap();
    let form = FormContext { units, dispatch: &dispatch }.filled(&checked.report);
    let date = checked.report.date.0;
    let document = ReportDocument::new(&workspace.renderer, "test".into(), date, vec![form]);
    inspect(&document.layout(&workspace.renderer).unwrap())
}

fn rows_toml(count: usize) -> String {
    let mut text = String::from("unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\nsigner = \"Vũ Văn C\"\n");
    for i in 0..count {
        text += &format!("\n[[row]]\nname = \"Tổ {}\"\ntotal = {}\ninstalled = {}\nreason = \"Đi biển\"\n", i + 1, 10 + i % 7, 9 + i % 7);
    }
    text
}

#[test]
fn a_report_is_laid_out_as_the_decree_wants() {
    let page = layout_report(include_str!("../data/reports/2026-07/T1.toml"));
    let kind = page.run("BÁO CÁO");
    assert_eq!((kind.size, kind.bold), (14.0, true));
    assert_near(kind.centre(), LEFT + 155.0 / 2.0, 0.05, "type name centred");
    let subject = page.run("Việc cài đặt và sử dụng");
    assert_eq!((subject.size, subject.bold), (14.0, true));
    assert_near(subject.centre(), LEFT + 155.0 / 2.0, 0.05, "subject centred");
    assert!(subject.baseline > kind.baseline && subject.baseline - kind.baseline < 8.0, "directly under");
    let rule = page.rule_under(subject);
    assert!(rule.length >= subject.width / 3.0 && rule.length <= subject.width / 2.0, "{rule:?}");
    let unit = page.run("ĐƠN VỊ: THÔN 1");
    assert!(unit.bold && unit.size == 12.0);
    let parent = page.run("UBND ĐẶC KHU BẠCH LONG VĨ");
    assert!(!parent.bold && parent.size == 12.0 && parent.baseline < unit.baseline);
    let number = page.line("Số:");
    let date = page.run("Bạch Long Vĩ, ngày 01 tháng 8 năm 2026");
    assert_near(number.3, date.baseline, 0.01, "Số and the date on one line");
    assert!(date.italic && date.size == 13.0);
    let noi_nhan = page.run("Nơi nhận:");
    let head = page.run("TRƯỞNG THÔN");
    assert_near(noi_nhan.baseline - CAP_HEIGHT * 12.0 * PT, head.baseline - CAP_HEIGHT * 14.0 * PT, 0.05, "level");
    assert_near(head.centre(), RIGHT_CENTRE, 0.05, "title centred in the right column");
    let sign = page.run("(Ký tên, đóng dấu)");
    assert!(sign.italic && !sign.bold);
    let name = page.run("Nguyễn Văn Bình");
    assert!(name.baseline - sign.baseline >= 30.0, "room to sign");
    let reference = page.line("Thực hiện Công văn số 769/UBND-VHXH");
    assert_near(reference.1, LEFT + 12.7, 0.05, "indented");
    for run in &page.runs {
        assert!(run.x >= LEFT - 0.01 && run.end() <= RIGHT + 0.01, "{run:?}");
    }
}

#[test]
fn long_tables_repeat_their_header_and_keep_the_totals_company() {
    let page = layout_report(&rows_toml(500));
    let pages = page.pages.len();
    assert!(pages > 5, "{pages} pages");
    for number in 1..=pages {
        assert!(page.runs.iter().any(|r| r.page == number && r.text == "Stt"), "header on page {number}");
    }
    let totals = page.run("Tổng cộng");
    assert_eq!(totals.page, pages);
    let mut row: Vec<&common::Run> =
        page.runs.iter().filter(|r| r.page == totals.page && (r.baseline - totals.baseline).abs() < 0.05).collect();
    row.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
    let numbers: Vec<&str> = row.iter().skip(1).map(|r| r.text.as_str()).collect();
    let total: u64 = (0..500).map(|i| 10 + i % 7).sum();
    assert_eq!(numbers, [dotted(total), dotted(total - 500), "500".into()]);

    // Whatever the length, the totals share their page with a data row.
    for count in 14..=40 {
        let page = layout_report(&rows_toml(count));
        let totals = page.run("Tổng cộng");
        let last_row = page.runs.iter().find(|r| r.text == format!("Tổ {count}")).unwrap();
        assert_eq!(last_row.page, totals.page, "{count} rows: the totals were left alone");
    }
}

/// Writes `text` as a July report in a copy of the data, runs `build`, and
/// returns (success, stderr), checking that a failed run wrote nothing.
fn build_with_report(name: &str, text: &str) -> (bool, String) {
    let dir = TempDir::new(name);
    let data = common::copy_data(&dir);
    std::fs::write(data.join("reports/2026-07/T3.toml"), text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    if !ok {
        assert!(!dir.join("out").exists(), "a failed build writes nothing");
        assert!(stderr.starts_with("lỗi: ") && stderr.trim().lines().count() == 1, "{stderr}");
    }
    (ok, stderr)
}

const HEAD: &str = "unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\n";

#[test]
fn wrong_numbers_are_refused_with_file_row_and_field() {
    let cases = [
        ("over", "[[row]]\nname = \"Tổ 1\"\ntotal = 5\ninstalled = 7\n", "dòng 5, cột 1: hàng 1 (“Tổ 1”): số đã cài đặt (installed = 7) lớn hơn tổng số (total = 5)"),
        ("mismatch", "[[row]]\nname = \"Tổ 1\"\ntotal = 5\ninstalled = 3\nnot_installed = 1\n", "hàng 1 (“Tổ 1”): số chưa cài đặt (not_installed = 1) phải bằng tổng số trừ số đã cài đặt (5 − 3 = 2)"),
        ("negative", "[[row]]\nname = \"Tổ 1\"\ntotal = -5\ninstalled = 0\n", "dòng 7, cột 9: giá trị không hợp lệ: cần một số nguyên không âm"),
        ("text", "[[row]]\nname = \"Tổ 1\"\ntotal = \"năm\"\ninstalled = 0\n", "dòng 7, cột 9: sai kiểu: ở đây cần một số nguyên không âm"),
        ("fraction", "[[row]]\nname = \"Tổ 1\"\ntotal = 5.5\ninstalled = 0\n", "sai kiểu: ở đây cần một số nguyên không âm, ví dụ 769, nhưng đang là số thập phân 5.5"),
        ("missing", "[[row]]\nname = \"Tổ 1\"\ninstalled = 0\n", "thiếu trường “total”"),
    ];
    for (name, rows, expected) in cases {
        let (ok, stderr) = build_with_report(name, &format!("{HEAD}\n{rows}"));
        assert!(!ok, "{name}");
        assert!(stderr.contains("data/reports/2026-07/T3.toml"), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

#[test]
fn unknown_units_duplicate_codes_and_misfiled_months_are_refused() {
    let (ok, stderr) = build_with_report("unknown", &format!("{}\n[[row]]\nname = \"a\"\ntotal = 1\ninstalled = 1\n", HEAD.replace("T3", "T9")));
    assert!(!ok);
    assert!(stderr.contains("dòng 1, cột 8: không có đơn vị mã “T9” trong data/units.toml"), "{stderr}");
    assert!(stderr.contains("T1, T2, T3"), "{stderr}");

    let (ok, stderr) = build_with_report("misfiled", &format!("{}\n[[row]]\nname = \"a\"\ntotal = 1\ninstalled = 1\n", HEAD.replace("2026-07", "2026-06")));
    assert!(!ok);
    assert!(stderr.contains("báo cáo tháng 2026-06 nằm trong thư mục reports/2026-07/"), "{stderr}");

    let dir = TempDir::new("duplicate");
    let data = common::copy_data(&dir);
    let units = std::fs::read_to_string(data.join("units.toml")).unwrap().replace("code = \"T2\"", "code = \"T1\"");
    std::fs::write(data.join("units.toml"), units).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok);
    assert!(stderr.contains("units.toml, dòng") && stderr.contains("mã đơn vị “T1” đã dùng cho “Thôn 1”"), "{stderr}");
}

#[test]
fn missing_reasons_and_late_reports_are_warned_about() {
    let text = "unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-03\n\n[[row]]\nname = \"Tổ 1\"\ntotal = 5\ninstalled = 3\n";
    let (ok, stderr) = build_with_report("warnings", text);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("cảnh báo: data/reports/2026-07/T3.toml, dòng 5, cột 1: hàng 1 (“Tổ 1”) còn 2 người chưa cài đặt nhưng chưa ghi lý do"), "{stderr}");
    assert!(stderr.contains("dòng 3, cột 8: ngày báo cáo sau hạn nộp (17 giờ 00 ngày 01/08/2026)"), "{stderr}");
}

#[test]
fn hostile_unit_names_make_safe_files_and_print_literally() {
    let dir = TempDir::new("hostile-units");
    let data = common::copy_data(&dir);
    let long = "Đơn vị rất dài ".repeat(20);
    let names = ["../../x", "a/b", "CON", "#panic(\"x\")", "*x*", long.trim()];
    let mut units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    let first = units.find("[[unit]]").unwrap();
    units.truncate(first);
    for (i, name) in names.iter().enumerate() {
        let name = toml::Value::String(name.to_string());
        units += &format!("[[unit]]\nname = {name}\ncode = \"U{i}\"\nhead = \"Thủ trưởng\"\nkind = \"agency\"\n\n");
    }
    let file = dir.join("units-hostile.toml");
    std::fs::write(&file, units).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["forms", "--units", file.to_str().unwrap(), "--out", "out"]);
    assert!(ok, "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(dir.join("out/bieu-mau")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    let long_slug = "don-vi-rat-dai-".repeat(4) ;
    let long_slug = long_slug.trim_end_matches('-');
    let (long_pdf, long_xlsx) = (format!("{long_slug}.pdf"), format!("{long_slug}.xlsx"));
    let expected = ["a-b.pdf", "a-b.xlsx", "con-don-vi.pdf", "con-don-vi.xlsx", &long_pdf, &long_xlsx, "panic-x.pdf", "panic-x.xlsx", "tat-ca.pdf", "x-2.pdf", "x-2.xlsx", "x.pdf", "x.xlsx"];
    assert_eq!(written, expected, "{stdout}");
    let mut under_out: Vec<String> = std::fs::read_dir(dir.join("out")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    under_out.sort();
    assert_eq!(under_out, [".vanban.sha256", "bieu-mau"], "only bieu-mau/ and the manifest under out/");
    assert!(!dir.0.parent().unwrap().join("x.pdf").exists());
    let text = pdf_words(&dir.join("out/bieu-mau/tat-ca.pdf")).join(" ");
    for name in ["../../x", "a/b", "CON", "#panic(\"x\")", "*x*"] {
        assert!(text.contains(&format!("Đơn vị {name} báo cáo")), "{name} printed literally");
    }
    assert!(text.contains("#PANIC(\"X\")"), "upper-cased in the header, literally");
    assert_eq!(page_count(&dir.join("out/bieu-mau/tat-ca.pdf")), names.len());
    // The workbooks print them literally too, in text and in formulas.
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(dir.join("out/bieu-mau/panic-x.xlsx")).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut workbook, "Báo cáo").unwrap();
    assert_eq!(sheet.get_value((1, 0)).unwrap().to_string(), "ĐƠN VỊ: #PANIC(\"X\")");
    let intro = sheet.get_value((9, 0)).unwrap().to_string();
    assert!(intro.starts_with("Đơn vị #panic(\"x\") báo cáo"), "{intro}");
    let formulas = calamine::Reader::worksheet_formula(&mut workbook, "Báo cáo").unwrap();
    assert!(formulas.get_value((9, 0)).unwrap().starts_with("\"Đơn vị #panic(\"\"x\"\") báo cáo"), "{formulas:?}");
}
