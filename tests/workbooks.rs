//! Excel both ways: each unit's form as a workbook beside its PDF, read
//! back by calamine, printed by LibreOffice; filled workbooks imported.

use std::path::Path;

use crate::common::{self, TempDir, tool, vanban};
use calamine::{Data, Reader, Xlsx, open_workbook};

/// LibreOffice (Debian's libreoffice-calc, .ci/run installs it) run
/// headless with a profile of its own, so that tests run side by side.
fn soffice(scratch: &TempDir, args: &[&str]) {
    let profile = format!("-env:UserInstallation=file://{}", scratch.join("lo-profile").display());
    let mut all = vec![profile.as_str(), "--headless"];
    all.extend(args);
    tool("soffice", &all);
}

/// The defined names of a workbook, as calamine reads them.
fn names(workbook: &Xlsx<std::io::BufReader<std::fs::File>>) -> Vec<(String, String)> {
    workbook.defined_names().to_vec()
}

fn text(range: &calamine::Range<Data>, cell: &str) -> String {
    let column = u32::from(cell.as_bytes()[0] - b'A');
    let row: u32 = cell[1..].parse::<u32>().unwrap() - 1;
    range.get_value((row, column)).map(ToString::to_string).unwrap_or_default()
}

/// One file of a zip, through unzip.
fn unzipped(zip: &Path, entry: &str) -> String {
    tool("unzip", &["-p", zip.to_str().unwrap(), entry])
}

#[test]
fn a_units_form_goes_as_a_workbook_with_the_pdfs_rows() {
    let dir = TempDir::new("form-xlsx");
    let (ok, stdout, stderr) = vanban(&dir.0, &["forms", "--unit", "T1"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.lines().collect::<Vec<_>>(), ["out/bieu-mau/thon-1.pdf", "out/bieu-mau/thon-1.xlsx"]);
    let xlsx = dir.join("out/bieu-mau/thon-1.xlsx");
    assert!(std::fs::read_to_string(dir.join("out/.vanban.sha256")).unwrap().contains("bieu-mau/thon-1.xlsx"), "the manifest records it");

    let mut workbook: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(workbook.sheet_names(), ["Báo cáo"]);
    let names = names(&workbook);
    let name = |n: &str| names.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_else(|| panic!("no name {n}: {names:?}"));
    // The unit and the form's version travel inside, whatever the file's name.
    assert_eq!(name("ma_don_vi"), "\"T1\"");
    assert_eq!(name("phien_ban_mau"), "1");
    let custom = unzipped(&xlsx, "docProps/custom.xml");
    assert!(custom.contains(r#"name="ma_don_vi"><vt:lpwstr>T1</vt:lpwstr>"#), "{custom}");

    let sheet = workbook.worksheet_range("Báo cáo").unwrap();
    assert_eq!(text(&sheet, "A1"), "UBND ĐẶC KHU BẠCH LONG VĨ");
    assert_eq!(text(&sheet, "A2"), "ĐƠN VỊ: THÔN 1");
    assert_eq!(text(&sheet, "C1"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(text(&sheet, "C2"), "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(text(&sheet, "A6"), "BÁO CÁO");
    assert!(text(&sheet, "A9").starts_with("Thực hiện Công văn số 769/UBND-VHXH ngày 01 tháng 6 năm 2026"), "{}", text(&sheet, "A9"));
    // The two-level head: "Số lượng" over its three columns.
    let head: Vec<String> = ["A12", "B12", "C12", "F12", "C13", "D13", "E13"].iter().map(|c| text(&sheet, c)).collect();
    assert_eq!(head, ["Stt", "Tên đơn vị", "Số lượng", "Lý do chưa cài đặt", "Tổng số", "Đã cài đặt", "Chưa cài đặt"]);
    let merged = unzipped(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(merged.contains(r#"<mergeCell ref="C12:E12"/>"#) && merged.contains(r#"<mergeCell ref="A12:A13"/>"#), "{merged}");

    // As many rows to fill as the PDF has.
    let pdf_rows = tool(
        "python3",
        &[
            "-c",
            "import sys, pypdf; print(sum(1 for f in pypdf.PdfReader(sys.argv[1]).get_fields() if f.endswith('_ten')))",
            dir.join("out/bieu-mau/thon-1.pdf").to_str().unwrap(),
        ],
    );
    let pdf_rows: u32 = pdf_rows.trim().parse().unwrap();
    assert!(pdf_rows >= 5, "{pdf_rows}");
    let last = 13 + pdf_rows;
    assert_eq!(name("ten"), format!("'Báo cáo'!$B$14:$B${last}"));
    assert_eq!(name("tong_so"), format!("'Báo cáo'!$C$14:$C${last}"));
    assert_eq!(text(&sheet, &format!("A{}", last + 1)), "Tổng cộng");

    // What is left and the totals are formulas; the typed cells are checked.
    let formulas = workbook.worksheet_formula("Báo cáo").unwrap();
    assert_eq!(formulas.get_value((13, 4)).unwrap(), "IF(COUNT(C14:D14)=0,\"\",C14-D14)");
    assert_eq!(formulas.get_value((last, 2)).unwrap(), &format!("SUM(C14:C{last})"));
    assert!(merged.contains(r#"sqref="C14:C"#) && merged.contains(r#"<dataValidation type="whole" operator="greaterThanOrEqual""#), "{merged}");
    assert!(merged.contains(r#"errorTitle="Số không hợp lệ" error="Ghi “Tổng số” (đơn vị tính: người) bằng chữ số, số nguyên từ 0 trở lên"#), "{merged}");
    assert!(merged.contains("D14&lt;=N(C14)"), "installed ≤ total: {merged}");
    assert!(merged.contains("không lớn hơn “Tổng số” cùng dòng"), "{merged}");
    // Locked but for the cells to fill in, no password.
    assert!(merged.contains("<sheetProtection sheet=\"1\"") && !merged.contains("password"), "{merged}");
    assert!(merged.contains(r#"paperSize="9""#) && merged.contains(r#"orientation="portrait""#), "{merged}");
    // The yellow of the cells to fill in stays on screen: Excel prints in black and white.
    assert!(merged.contains(r#"blackAndWhite="1""#), "{merged}");
    let styles = unzipped(&xlsx, "xl/styles.xml");
    assert!(styles.contains(r#"<protection locked="0"/>"#) && styles.contains("Times New Roman"), "{styles}");

    // The same data, the same bytes.
    let first = std::fs::read(&xlsx).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--unit", "T1"]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read(&xlsx).unwrap() == first, "a rerun gives the same bytes");

    // LibreOffice prints it on one A4 portrait page, as the PDF form.
    soffice(&dir, &["--convert-to", "pdf", "--outdir", dir.join("lo").to_str().unwrap(), xlsx.to_str().unwrap()]);
    let printed = dir.join("lo/thon-1.pdf");
    let info = tool("pdfinfo", &[printed.to_str().unwrap()]);
    assert!(info.contains("Pages:           1") && info.contains("595.") && info.contains("x 841."), "{info}");
    let words = tool("pdftotext", &["-layout", printed.to_str().unwrap(), "-"]);
    for line in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:", "/BC-T1", "Bạch Long Vĩ, ngày ...... tháng ...... năm ..........", "Tổng cộng", "TRƯỞNG THÔN"]
    {
        assert!(words.contains(line), "{line}: {words}");
    }
    assert!(!words.contains(vanban::documents::report::workbook::WORKBOOK_FILL_IN), "the cells to fill in stay off the page: {words}");
}

#[test]
fn build_writes_every_units_workbook() {
    let dir = TempDir::new("build-xlsx");
    let (ok, stdout, stderr) = vanban(&dir.0, &["build"]);
    assert!(ok, "{stderr}");
    let pdfs = stdout.lines().filter(|l| l.starts_with("out/bieu-mau/") && l.ends_with(".pdf") && !l.ends_with("tat-ca.pdf")).count();
    let workbooks: Vec<&str> = stdout.lines().filter(|l| l.starts_with("out/bieu-mau/") && l.ends_with(".xlsx")).collect();
    assert_eq!(workbooks.len(), pdfs, "{stdout}");
    let mut workbook: Xlsx<_> = open_workbook(dir.join("out/bieu-mau/cong-an-dac-khu.xlsx")).unwrap();
    let code = names(&workbook).into_iter().find(|(n, _)| n == "ma_don_vi").unwrap().1;
    assert_eq!(code, "\"CA\"");
    let sheet = workbook.worksheet_range("Báo cáo").unwrap();
    assert_eq!(text(&sheet, "A2"), "ĐƠN VỊ: CÔNG AN ĐẶC KHU");
}

/// The unit T1's blank workbook from a copy of the data without its July
/// report, filled by openpyxl with `values` as `filled` (a name of the
/// unit's choosing: the code inside says whose it is).
fn filled_form(dir: &TempDir, values: &serde_json::Value, filled: &str) -> std::path::PathBuf {
    let data = common::copy_data(dir);
    std::fs::remove_file(data.join("reports/2026-07/T1.toml")).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--unit", "T1"]);
    assert!(ok, "{stderr}");
    let filler = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fillers/openpyxl_fill.py");
    let json = dir.join("values.json");
    std::fs::write(&json, values.to_string()).unwrap();
    let path = dir.join(filled);
    let form = dir.join("out/bieu-mau/thon-1.xlsx");
    tool("python3", &[filler.to_str().unwrap(), form.to_str().unwrap(), path.to_str().unwrap(), json.to_str().unwrap()]);
    path
}

/// What a unit types: text as a Mac sends it (decomposed, NFD), numbers as
/// numbers; a row left empty between two filled ones.
fn july_values() -> serde_json::Value {
    use unicode_normalization::UnicodeNormalization;
    let nfd = |text: &str| text.nfd().collect::<String>();
    serde_json::json!({
        "so": 5, "ngay": 1, "thang": 8, "nam": 2026, "thang_bao_cao": 7, "nam_bao_cao": 2026,
        "nguoi_ky": nfd("Nguyễn Văn Bình"),
        "rows": [
            {"ten": nfd("Hộ gia đình trong thôn"), "tong_so": 214, "da_cai": 151, "ly_do": nfd("Đi biển dài ngày")},
            {},
            {"ten": "Cán bộ thôn", "tong_so": 9, "da_cai": 9},
        ],
    })
}

/// The report `vanban import` wrote for T1 in July, without its first line
/// (which names the file it came from).
fn imported(dir: &TempDir, file: &Path) -> String {
    let (ok, stdout, stderr) = vanban(&dir.0, &["import", file.to_str().unwrap(), "--replace"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.trim(), format!("data/reports/2026-07/T1.toml ← {}", file.display()));
    let text = std::fs::read_to_string(dir.join("data/reports/2026-07/T1.toml")).unwrap();
    text.split_once('\n').unwrap().1.to_owned()
}

#[test]
fn a_workbook_filled_by_openpyxl_and_saved_again_by_libreoffice_imports_alike() {
    let dir = TempDir::new("xlsx-roundtrip");
    let filled = filled_form(&dir, &july_values(), "bao-cao-thang-7.xlsx");
    soffice(&dir, &["--convert-to", "xlsx", "--outdir", dir.join("lo").to_str().unwrap(), filled.to_str().unwrap()]);
    let resaved = dir.join("lo/bao-cao-thang-7.xlsx");
    // LibreOffice computed what the form computes, and kept the names.
    let mut workbook: Xlsx<_> = open_workbook(&resaved).unwrap();
    assert!(names(&workbook).contains(&("ma_don_vi".into(), "\"T1\"".into())));
    let sheet = workbook.worksheet_range("Báo cáo").unwrap();
    assert_eq!((text(&sheet, "E14"), text(&sheet, "E16")), ("63".into(), "0".into()));
    // The row under the last to fill in: "Tổng cộng".
    let last: u32 = names(&workbook).iter().find(|(n, _)| n == "ten").unwrap().1.rsplit('$').next().unwrap().parse().unwrap();
    assert_eq!(text(&sheet, &format!("C{}", last + 1)), "223");
    assert_eq!(text(&sheet, "A4"), "Số: 05/BC-T1");
    assert_eq!(text(&sheet, "C4"), "Bạch Long Vĩ, ngày 01 tháng 8 năm 2026");

    let from_openpyxl = imported(&dir, &filled);
    let from_libreoffice = imported(&dir, &resaved);
    assert_eq!(from_openpyxl, from_libreoffice);
    // Exactly what was typed, in NFC; the left-empty row skipped, what is
    // left not taken from the file but computed by the report's checks.
    assert_eq!(
        from_openpyxl,
        "unit = \"T1\"\nperiod = \"2026-07\"\nnumber = 5\ndate = 2026-08-01\nsigner = \"Nguyễn Văn Bình\"\n\n[[row]]\nten = \"Hộ gia đình trong thôn\"\ntong_so = 214\nda_cai = 151\nly_do = \"Đi biển dài ngày\"\n\n[[row]]\nten = \"Cán bộ thôn\"\ntong_so = 9\nda_cai = 9\n"
    );
    let (ok, _, stderr) = vanban(&dir.0, &["report", "data/reports/2026-07/T1.toml"]);
    assert!(ok, "{stderr}");
    let words = tool("pdftotext", &["-layout", dir.join("out/bao-cao/2026-07/thon-1.pdf").to_str().unwrap(), "-"]);
    assert!(words.contains("Tổng cộng") && words.contains("223") && words.contains("160"), "{words}");
}

#[test]
fn bad_workbooks_get_one_message_and_nothing_is_written() {
    let dir = TempDir::new("xlsx-bad");
    let filled = filled_form(&dir, &july_values(), "thon-1.xlsx");
    let script = r#"
import openpyxl, os, shutil, subprocess, sys, zipfile
filled, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder)
def edit(name, change):
    workbook = openpyxl.load_workbook(filled)
    change(workbook, workbook["Báo cáo"])
    workbook.save(os.path.join(folder, name))
edit("chu.xlsx", lambda w, s: s.__setitem__("C14", "mười"))
edit("qua.xlsx", lambda w, s: s.__setitem__("D14", 300))
def other_unit(w, s):
    w.defined_names["ma_don_vi"].attr_text = '"XX"'
edit("khac.xlsx", other_unit)
unrelated = openpyxl.Workbook()
unrelated.active["A1"] = "Danh sách cán bộ"
unrelated.save(os.path.join(folder, "la.xlsx"))
data = open(filled, "rb").read()
open(os.path.join(folder, "hong.xlsx"), "wb").write(data[: len(data) // 2])
with zipfile.ZipFile(os.path.join(folder, "lon.xlsx"), "w", zipfile.ZIP_STORED) as z:
    z.writestr("xl/media/image1.png", os.urandom(50 << 20))
with zipfile.ZipFile(os.path.join(folder, "bom.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/worksheets/sheet1.xml", b"<" * (60 << 20))
subprocess.run(["msoffcrypto-tool", "-e", "-p", "matkhau", filled, os.path.join(folder, "matkhau.xlsx")], check=True)
shutil.copy(filled, os.path.join(folder, "cu.xls"))
shutil.copy(filled, os.path.join(folder, "bang.ods"))
"#;
    let bad = dir.join("bad");
    tool("python3", &["-c", script, filled.to_str().unwrap(), bad.to_str().unwrap()]);
    let before = common::tree(&dir.join("data"));
    let cases = [
        ("chu.xlsx", "bad/chu.xlsx, trang Báo cáo, ô C14: ", "cột “Tổng số”: “mười” không phải số nguyên không âm"),
        ("qua.xlsx", "bad/qua.xlsx, trang Báo cáo, ô D14: ", "đã cài đặt (da_cai = 300) lớn hơn tổng số (tong_so = 214). Hãy sửa lại một trong hai số"),
        // The defined name changed, the file's property not: two units.
        ("khac.xlsx", "bad/khac.xlsx: ", "tên ma_don_vi ghi “XX” nhưng thuộc tính ma_don_vi của tệp ghi “T1”"),
        ("la.xlsx", "bad/la.xlsx: ", "không phải biểu mẫu báo cáo do vanban tạo"),
        ("hong.xlsx", "bad/hong.xlsx: ", "tệp hỏng hoặc không phải tệp Excel"),
        ("lon.xlsx", "bad/lon.xlsx: ", "tệp quá lớn (51 MB)"),
        ("bom.xlsx", "bad/bom.xlsx: ", "tệp quá lớn (60 MB)"),
        ("matkhau.xlsx", "bad/matkhau.xlsx: ", "được đặt mật khẩu"),
        (
            "cu.xls",
            "bad/cu.xls: ",
            "vanban không đọc tệp .xls. Hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) kiểu “Sổ làm việc Excel (.xlsx)”",
        ),
        ("bang.ods", "bad/bang.ods: ", "vanban không đọc tệp .ods."),
    ];
    for (file, place, message) in cases {
        let (ok, stdout, stderr) = vanban(&dir.0, &["import", &format!("bad/{file}"), "--month", "2026-07"]);
        assert!(!ok && stdout.is_empty(), "{file}: {stdout}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{file}: {stderr}");
        assert!(lines[0].starts_with(&format!("lỗi: {place}")) && lines[0].contains(message), "{file}: {stderr}");
        assert!(lines[1].contains("1 báo cáo bị từ chối"), "{stderr}");
    }
    // A workbook of another month than the one asked for.
    let (ok, _, stderr) = vanban(&dir.0, &["import", "thon-1.xlsx", "--month", "2026-06"]);
    assert!(!ok && stderr.contains("thon-1.xlsx: biểu mẫu báo cáo tháng 7 năm 2026, không phải tháng 6 năm 2026"), "{stderr}");
    assert!(common::tree(&dir.join("data")) == before, "nothing written");
}

#[test]
fn import_writes_into_the_data_folder_it_finds_never_the_samples() {
    let dir = TempDir::new("xlsx-data-folder");
    let (ok, _, stderr) = vanban(&dir.0, &["import", "x.xlsx"]);
    assert!(!ok, "{stderr}");
    // A command-line mistake: one line, then the command's usage.
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.contains("không vào dữ liệu mẫu có sẵn trong chương trình") && first.contains("vanban-du-lieu/"), "{stderr}");
    assert!(stderr.contains("\n\nCách dùng: vanban import"), "{stderr}");
    // A folder made by `vanban init` is found as every other command finds it.
    let (ok, _, stderr) = vanban(&dir.0, &["init"]);
    assert!(ok, "{stderr}");
    std::fs::remove_file(dir.join("vanban-du-lieu/reports/2026-07/T1.toml")).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--unit", "T1"]);
    assert!(ok, "{stderr}");
    let (ok, stdout, stderr) = vanban(&dir.0, &["import", "out/bieu-mau/thon-1.xlsx"]);
    // A blank form names no month: refused, in the right folder's terms.
    assert!(!ok && stdout.is_empty() && stderr.contains("out/bieu-mau/thon-1.xlsx"), "{stderr}");
    let filler = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fillers/openpyxl_fill.py");
    std::fs::write(dir.join("v.json"), july_values().to_string()).unwrap();
    tool(
        "python3",
        &[
            filler.to_str().unwrap(),
            dir.join("out/bieu-mau/thon-1.xlsx").to_str().unwrap(),
            dir.join("t1.xlsx").to_str().unwrap(),
            dir.join("v.json").to_str().unwrap(),
        ],
    );
    let (ok, stdout, stderr) = vanban(&dir.0, &["import", "t1.xlsx"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.trim(), "vanban-du-lieu/reports/2026-07/T1.toml ← t1.xlsx");
}

#[test]
fn libreoffice_reads_the_summary_workbooks_totals_as_the_pdf_and_csv_print_them() {
    let dir = TempDir::new("xlsx-summary-lo");
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--csv", "--xlsx"]);
    assert!(ok, "{stderr}");
    // Numbers as numbers, not as shown: "Save cell contents as shown" off.
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false";
    soffice(&dir, &["--convert-to", filter, "--outdir", dir.join("lo").to_str().unwrap(), dir.join("out/tong-hop/2026-07.xlsx").to_str().unwrap()]);
    let total = |csv: &str| -> Vec<String> {
        let line = csv.lines().find(|l| l.starts_with(",,Tổng cộng,")).unwrap_or_else(|| panic!("{csv}"));
        line.split(',').skip(5).take(3).map(str::to_owned).collect()
    };
    let from_libreoffice = total(&std::fs::read_to_string(dir.join("lo/2026-07.csv")).unwrap());
    let from_csv = total(std::fs::read_to_string(dir.join("out/tong-hop/2026-07.csv")).unwrap().trim_start_matches('\u{feff}'));
    assert_eq!(from_libreoffice, from_csv);
    let pdf = tool("pdftotext", &["-layout", dir.join("out/tong-hop/2026-07.pdf").to_str().unwrap(), "-"]);
    let printed: Vec<String> =
        pdf.lines().find(|l| l.trim_start().starts_with("Tổng cộng")).unwrap().split_whitespace().skip(2).take(3).map(|n| n.replace('.', "")).collect();
    assert_eq!(from_libreoffice, printed, "{pdf}");
}
