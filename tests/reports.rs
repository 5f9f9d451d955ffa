//! A unit's monthly report, Phụ lục 01 filled in: what its rows, in TOML
//! or CSV, may hold and what is refused or warned about, its totals and its
//! layout; hostile values in every field end in a message, never a panic.

use std::path::Path;

use crate::common::{
    self, CAP_HEIGHT, Numbers, PT, REFERENCE, SIGNED_HEAD, TempDir, assert_near, copy_data, dotted, inspect, pdf_words, tool, vanban, workspace,
};
use vanban::documents::report::{FormContext, ReportDocument};
use vanban::model::{Report, SourceFile, Value};

const LEFT: f64 = 35.0;
const RIGHT: f64 = 190.0;
const RIGHT_CENTRE: f64 = LEFT + 0.41 * 155.0 + 0.59 * 155.0 / 2.0;

/// Sums of a report's rows from its TOML: tong_so, da_cai, chua_cai.
fn sums(toml_text: &str) -> (u64, u64, u64) {
    let report: toml::Table = toml::from_str(toml_text).unwrap();
    report["row"].as_array().unwrap().iter().fold((0, 0, 0), |(t, i, n), row| {
        let (total, installed) = (row["tong_so"].as_integer().unwrap() as u64, row["da_cai"].as_integer().unwrap() as u64);
        (t + total, i + installed, n + total - installed)
    })
}

#[test]
fn filled_reports_total_their_rows() {
    let dir = TempDir::new("totals");
    let (ok, _, stderr) = vanban(&dir.0, &["build"]);
    assert!(ok, "{stderr}");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reports/2026-07");
    let mut checked = 0;
    for (code, file) in
        [("T1", "thon-1"), ("T2", "thon-2"), ("VHXH", "phong-van-hoa-xa-hoi-dac-khu"), ("CA", "cong-an-dac-khu"), ("THBLV", "truong-tieu-hoc-bach-long-vi")]
    {
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
    let (units, form) = (workspace.units().unwrap(), workspace.form().unwrap());
    let source = SourceFile::new("test.toml", text);
    let checked = Report::load(&source, units, form, None, &|_| unreachable!()).unwrap();
    let dispatch = workspace.form_dispatch().unwrap();
    let view = FormContext { units, form, dispatch }.filled(&checked.report);
    let date = checked.report.date.0;
    let document = ReportDocument::new(&workspace.renderer, "test".into(), date, vec![view]);
    inspect(&document.layout(&workspace.renderer).unwrap())
}

fn rows_toml(count: usize) -> String {
    let mut text = String::from("unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\nsigner = \"Vũ Văn C\"\n");
    for i in 0..count {
        text += &format!("\n[[row]]\nten = \"Tổ {}\"\ntong_so = {}\nda_cai = {}\nly_do = \"Đi biển\"\n", i + 1, 10 + i % 7, 9 + i % 7);
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
    let mut row: Vec<&common::Run> = page.runs.iter().filter(|r| r.page == totals.page && (r.baseline - totals.baseline).abs() < 0.05).collect();
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
        (
            "over",
            "[[row]]\nten = \"Tổ 1\"\ntong_so = 5\nda_cai = 7\n",
            "dòng 8, cột 1: hàng 1 (“Tổ 1”): đã cài đặt (da_cai = 7) lớn hơn tổng số (tong_so = 5). Hãy sửa lại một trong hai số",
        ),
        (
            "mismatch",
            "[[row]]\nten = \"Tổ 1\"\ntong_so = 5\nda_cai = 3\nchua_cai = 1\n",
            "dòng 9, cột 1: hàng 1 (“Tổ 1”): chưa cài đặt (chua_cai = 1) phải bằng “Tổng số” trừ “Đã cài đặt” (5 − 3 = 2). Hãy ghi chua_cai = 2 hoặc để trống",
        ),
        (
            "negative",
            "[[row]]\nten = \"Tổ 1\"\ntong_so = -5\nda_cai = 0\n",
            "dòng 7, cột 11: cột “Tổng số”: “-5” không phải số nguyên không âm; hãy ghi một số như 12",
        ),
        ("text", "[[row]]\nten = \"Tổ 1\"\ntong_so = \"năm\"\nda_cai = 0\n", "dòng 7, cột 11: cột “Tổng số” không nhận giá trị \"năm\". Hãy ghi tong_so = 12"),
        (
            "quoted",
            "[[row]]\nten = \"Tổ 1\"\ntong_so = \"12\"\nda_cai = 0\n",
            "dòng 7, cột 11: cột “Tổng số” không nhận giá trị \"12\". Hãy ghi tong_so = 12 (số nguyên, không có dấu ngoặc kép)",
        ),
        (
            "fraction",
            "[[row]]\nten = \"Tổ 1\"\ntong_so = 5.5\nda_cai = 0\n",
            "dòng 7, cột 11: cột “Tổng số” không nhận giá trị 5.5. Hãy ghi tong_so = 12 (số nguyên, không có dấu ngoặc kép)",
        ),
        ("missing", "[[row]]\nten = \"Tổ 1\"\nda_cai = 0\n", "dòng 5, cột 1: hàng 1 (“Tổ 1”): chưa ghi “Tổng số” (cột tong_so), cột này bắt buộc"),
        (
            "unknown-column",
            "[[row]]\nten = \"Tổ 1\"\ntong = 5\nda_cai = 0\n",
            "dòng 7, cột 1: biểu mẫu (data/bieu-mau.toml) không có cột “tong”. Mỗi hàng ghi các cột: ten, tong_so, da_cai, chua_cai, ly_do",
        ),
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
    let (ok, stderr) = build_with_report("unknown", &format!("{}\n[[row]]\nten = \"a\"\ntong_so = 1\nda_cai = 1\n", HEAD.replace("T3", "T9")));
    assert!(!ok);
    assert!(stderr.contains("dòng 1, cột 8: không có đơn vị mã “T9” trong data/units.toml"), "{stderr}");
    assert!(stderr.contains("T1, T2, T3"), "{stderr}");

    let (ok, stderr) = build_with_report("misfiled", &format!("{}\n[[row]]\nten = \"a\"\ntong_so = 1\nda_cai = 1\n", HEAD.replace("2026-07", "2026-06")));
    assert!(!ok);
    assert!(
        stderr.contains("báo cáo kỳ 2026-06 nằm trong thư mục reports/2026-07/. Hãy sửa period = \"2026-07\" hoặc chuyển tệp sang reports/2026-06/"),
        "{stderr}"
    );

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
    let text = "unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-03\n\n[[row]]\nten = \"Tổ 1\"\ntong_so = 5\nda_cai = 3\n";
    let (ok, stderr) = build_with_report("warnings", text);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains(
            "cảnh báo: data/reports/2026-07/T3.toml, dòng 6, cột 1: hàng 1 (“Tổ 1”): “Chưa cài đặt” là 2 nhưng chưa ghi “Lý do chưa cài đặt”. Hãy thêm ly_do = \"…\""
        ),
        "{stderr}"
    );
    assert!(stderr.contains("dòng 3, cột 8: ngày báo cáo sau hạn nộp (17 giờ 00 ngày 01 tháng 8 năm 2026), báo cáo nộp muộn"), "{stderr}");
    // Dated on the due day, before its time, the report is on time.
    let (ok, stderr) = build_with_report("on-time", &text.replace("2026-08-03", "2026-08-01").replace("da_cai = 3", "da_cai = 5"));
    assert!(ok && !stderr.contains("nộp muộn") && !stderr.contains("cảnh báo: data/reports/2026-07/T3.toml, dòng"), "{stderr}");
}

/// The July report of Thôn 3 replaced by `text`; the check's outcome.
fn check_report(name: &str, text: &str, csv: Option<&str>) -> (bool, String) {
    let dir = TempDir::new(name);
    let data = copy_data(&dir);
    std::fs::write(data.join("reports/2026-07/T3.toml"), text).unwrap();
    if let Some(csv) = csv {
        std::fs::write(data.join("reports/2026-07/T3.csv"), csv).unwrap();
    }
    let (ok, _, stderr) = vanban(&dir.0, &["check"]);
    (ok, stderr)
}

#[test]
fn counts_with_thousands_separators_are_explained() {
    for (written, words, plain) in
        [("1.800", "một nghìn tám trăm", "1800"), ("1 800", "một nghìn tám trăm", "1800"), ("12.500.000", "mười hai triệu năm trăm nghìn", "12500000")]
    {
        let (ok, stderr) = check_report("thousands", &format!("{SIGNED_HEAD}[[row]]\nten = \"Tổ 1\"\ntong_so = {written}\nda_cai = 0\nly_do = \"x\"\n"), None);
        assert!(!ok);
        let expected = format!(
            "lỗi: data/reports/2026-07/T3.toml, dòng 7, cột 11: số “{written}” có dấu ngăn cách hàng nghìn; số đếm viết liền, không có dấu chấm hay dấu cách. Nếu là {words}, hãy viết {plain}"
        );
        assert_eq!(stderr.trim(), expected, "{written}");
    }
    // A decimal that is no thousands stays a decimal.
    let (_, stderr) = check_report("decimal", &format!("{SIGNED_HEAD}[[row]]\nten = \"Tổ 1\"\ntong_so = 1.8\nda_cai = 0\n"), None);
    assert!(stderr.contains("dòng 7, cột 11: cột “Tổng số” không nhận giá trị 1.8. Hãy ghi tong_so = 12 (số nguyên, không có dấu ngoặc kép)"), "{stderr}");

    // A spreadsheet's cell is text, not TOML: a count grouped in thousands
    // reads as the count ("1.800" is 1800, as a returned form reads it);
    // "1.8" is no count.
    let csv = "Stt;Tên đơn vị;Tổng số;Đã cài đặt;Chưa cài đặt;Lý do\n1;Tổ 1;1.800;1 200;;Đi biển\n";
    let (ok, stderr) = check_report("thousands-csv", &format!("{SIGNED_HEAD}rows_csv = \"T3.csv\"\n"), Some(csv));
    assert!(ok, "{stderr}");
    let (ok, stderr) = check_report("decimal-csv", &format!("{SIGNED_HEAD}rows_csv = \"T3.csv\"\n"), Some(&csv.replace("1.800", "1.8")));
    assert!(!ok);
    assert_eq!(stderr.trim(), "lỗi: data/reports/2026-07/T3.csv, dòng 2, cột 8: cột “Tổng số”: “1.8” không phải số nguyên không âm; hãy ghi một số như 12");
}

#[test]
fn a_report_without_a_signer_is_warned_about_and_so_is_its_summary() {
    let text = SIGNED_HEAD.replace("signer = \"Lê Văn Cường\"\n", "") + "[[row]]\nten = \"Tổ 1\"\ntong_so = 5\nda_cai = 5\n";
    let warning = "cảnh báo: data/reports/2026-07/T3.toml: báo cáo chưa ghi người ký, nên bản PDF không có họ tên người ký và không có ô chữ ký số. Hãy thêm signer = \"Họ và tên\"";
    let (ok, stderr) = check_report("unsigned", &text, None);
    assert!(ok, "{stderr}");
    assert!(stderr.contains(warning), "{stderr}");

    let dir = TempDir::new("unsigned-summary");
    let data = copy_data(&dir);
    std::fs::write(data.join("reports/2026-07/T3.toml"), &text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains(warning), "{stderr}");
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-06"]);
    assert!(ok && !stderr.contains("chưa ghi người ký"), "{stderr}");
}

fn load(text: &str) -> String {
    let workspace = common::workspace();
    let source = SourceFile::new("r.toml", text);
    let read = |name: &str| Ok((name.to_owned(), b"1,,5,5,,\n".to_vec()));
    Report::load(&source, workspace.units().unwrap(), workspace.form().unwrap(), None, &read).err().expect("refused").to_string()
}

#[test]
fn report_rows_are_given_once_and_complete() {
    let head = "unit = \"T1\"\nmonth = \"2026-07\"\ndate = 2026-08-01\n";
    assert!(load(head).contains("r.toml: báo cáo chưa có hàng nào"));
    let twice = format!("{head}rows_csv = \"a.csv\"\n[[row]]\nten = \"a\"\ntong_so = 1\nda_cai = 1\n");
    assert!(load(&twice).contains("r.toml, dòng 4, cột 12: báo cáo có cả các hàng [[row]] lẫn rows_csv"));
    let empty_name = load(&format!("{head}rows_csv = \"a.csv\"\n"));
    assert!(empty_name.starts_with("a.csv, dòng 1, cột ") && empty_name.contains("chưa ghi “Tên đơn vị”"), "{empty_name}");
    let bad_month = "unit = \"T1\"\nmonth = \"2026-13\"\ndate = 2026-08-01\n";
    assert!(load(bad_month).contains("kỳ báo cáo “2026-13” không hợp lệ. Hãy viết dạng \"2026-07\" (tháng)"), "{}", load(bad_month));
    // A quarter or a week in a monthly campaign is refused, saying which the form wants.
    for other in ["2026-Q3", "2026-W31"] {
        let message = load(&format!("unit = \"T1\"\nperiod = \"{other}\"\ndate = 2026-08-01\n[[row]]\nten = \"a\"\ntong_so = 1\nda_cai = 1\n"));
        assert!(
            message.contains(&format!("r.toml, dòng 2, cột 10: kỳ “{other}” không phải kỳ của biểu mẫu: bieu-mau.toml"))
                && message.contains("báo cáo hằng tháng. Hãy ghi period = \"2026-07\""),
            "{message}"
        );
    }
}

#[test]
fn a_missing_field_is_named_itself_whatever_the_comments_before_it_hold() {
    // Found by the report fuzz target: an "=" right after "à" in a comment
    // made the message's search for a key cut "à" in half (a panic), and a
    // missing field was named after the key before it.
    let text = "unit = \"T1\"\nmonth = \"2026-07\"\ndate = 2026-08-01  # ngà= ký\n\n[[row]]\nten = \"Người lao động\"\nda_cai = 3\n";
    let message = load(text);
    assert!(message.starts_with("r.toml, dòng 5, cột 1: hàng 1 (“Người lao động”): chưa ghi “Tổng số” (cột tong_so), cột này bắt buộc"), "{message}");
}

#[test]
fn csv_cells_pass_the_checks_of_toml_fields() {
    let dir = TempDir::new("csv-cells");
    let data = copy_data(&dir);
    let path = data.join("reports/2026-06/T1.csv");
    let head = "Stt,Tên đơn vị,Tổng số,Đã cài đặt,Chưa cài đặt,Lý do chưa cài đặt\n";
    let cases = [
        ("1,Céng hoµ x· héi,9,7,2,x\n", "T1.csv, dòng 2, cột 3: cột “Tên đơn vị”: chữ có vẻ gõ bằng bảng mã cũ TCVN3"),
        ("1,Tổ 1,9,7,2,\"Đi\u{7} biển\"\n", "T1.csv, dòng 2, cột 14: cột “Lý do chưa cài đặt”: có ký tự điều khiển U+0007"),
        ("1,Tổ 1,9,7,2,Céng hoµ x· héi\n", "T1.csv, dòng 2, cột 14: cột “Lý do chưa cài đặt”: chữ có vẻ gõ bằng bảng mã cũ TCVN3"),
        ("1,Tổ 1,9,-7,,\n", "T1.csv, dòng 2, cột 10: cột “Đã cài đặt”: “-7” không phải số nguyên không âm"),
        ("1,Tổ 1,99999999999999999999,7,,\n", "T1.csv, dòng 2, cột 8: cột “Tổng số”: “99999999999999999999” không phải số"),
        ("1,Tổ 1,9,11,,\n", "T1.csv, dòng 2, cột 10: hàng 1 (“Tổ 1”): đã cài đặt (da_cai = 11) lớn hơn tổng số (tong_so = 9)"),
        ("1,,9,7,2,x\n", "T1.csv, dòng 2, cột 3: hàng 1 (“”): chưa ghi “Tên đơn vị” (cột ten), cột này bắt buộc"),
    ];
    for (row, expected) in cases {
        std::fs::write(&path, format!("{head}{row}")).unwrap();
        let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
        assert!(!ok && stderr.contains(expected), "{row}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn too_many_rows_or_units_are_refused_with_the_limit() {
    let dir = TempDir::new("limits");
    let data = copy_data(&dir);
    let mut report = String::from("unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\n");
    for i in 0..10_001 {
        report += &format!("[[row]]\nten = \"Tổ {i}\"\ntong_so = 1\nda_cai = 1\n");
    }
    std::fs::write(data.join("reports/2026-07/T3.toml"), report).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok && stderr.contains("T3.toml: có 10001 hàng, quá giới hạn 10000 hàng"), "{stderr}");
}

#[test]
fn report_totals_are_the_sums_of_their_rows() {
    let workspace = vanban::commands::Workspace::open(vanban::data::DataDir::Embedded, &[], None).unwrap();
    let (units, form) = (workspace.units().unwrap(), workspace.form().unwrap());
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
            text += &format!("[[row]]\nten = \"Hàng {i}\"\ntong_so = {t}\nda_cai = {n}\nly_do = \"r\"\n");
        }
        let source = SourceFile::new(format!("round-{round}.toml"), text);
        let checked = Report::load(&source, units, form, None, &|_| unreachable!()).unwrap();
        // The text columns have no sum; what is left is worked out from the sums.
        let expected = [None, Some(Value::Count(total)), Some(Value::Count(installed)), Some(Value::Count(total - installed)), None];
        assert_eq!(form.totals(&checked.report.rows), expected, "round {round}");
        // Each row's derived column was filled in by the check.
        for row in &checked.report.rows {
            assert_eq!(row.amount(3), row.amount(1) - row.amount(2), "round {round}");
        }
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
        let mut fields = [
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
                let keys = ["ten", "tong_so", "da_cai", "chua_cai", "ly_do"];
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
    let head =
        [("unit", "\"T3\""), ("month", "\"2026-07\""), ("number", "3"), ("date", "2026-08-01"), ("signer", "\"Lê Văn Cường\""), ("notes", "\"Ghi chú\"")];
    let row = [("ten", "\"Tổ 1\""), ("tong_so", "10"), ("da_cai", "8"), ("chua_cai", "2"), ("ly_do", "\"Đi biển\"")];
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

#[test]
fn counts_too_large_to_add_up_are_refused_or_summed_exactly() {
    // Each count fits a TOML integer; their sum does not fit 64 bits.
    let big = i64::MAX as u64;
    let mut text = SIGNED_HEAD.to_owned();
    for i in 0..3 {
        text += &format!("[[row]]\nten = \"Tổ {i}\"\ntong_so = {big}\nda_cai = {big}\n");
    }
    let dir = TempDir::new("overflow");
    let data = copy_data(&dir);
    std::fs::write(data.join("reports/2026-07/T3.toml"), &text).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["report", "data/reports/2026-07/T3.toml", "-o", "t3.pdf", "--data", "data"])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    match output.status.code() {
        Some(1) => assert!(stderr.starts_with("lỗi: data/reports/2026-07/T3.toml"), "{stderr}"),
        Some(0) => {
            // Printed, then the totals are the true sums, not wrapped around.
            let printed = tool("pdftotext", &["-layout", dir.join("t3.pdf").to_str().unwrap(), "-"]);
            let sum = u128::from(big) * 3;
            let digits = sum.to_string();
            let grouped: Vec<String> = digits.as_bytes().rchunks(3).rev().map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
            assert!(printed.contains(&grouped.join(".")), "the totals of three rows of {big}: {printed}");
        }
        code => panic!("{code:?}: {stderr}"),
    }
}
