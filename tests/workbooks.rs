//! Excel both ways: each unit's form as a workbook beside its PDF, read
//! back by calamine, printed by LibreOffice; filled workbooks imported.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{TempDir, tool, vanban};

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
        &["-c", "import sys, pypdf; print(sum(1 for f in pypdf.PdfReader(sys.argv[1]).get_fields() if f.endswith('_ten')))", dir.join("out/bieu-mau/thon-1.pdf").to_str().unwrap()],
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
    assert!(merged.contains(r#"errorTitle="Số không hợp lệ" error="Ghi số người bằng chữ số, số nguyên từ 0 trở lên"#), "{merged}");
    assert!(merged.contains("D14&lt;=N(C14)"), "installed ≤ total: {merged}");
    assert!(merged.contains("không lớn hơn “Tổng số” cùng dòng"), "{merged}");
    // Locked but for the cells to fill in, no password.
    assert!(merged.contains("<sheetProtection sheet=\"1\"") && !merged.contains("password"), "{merged}");
    assert!(merged.contains(r#"paperSize="9""#) && merged.contains(r#"orientation="portrait""#), "{merged}");
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
    for line in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:", "/BC-T1", "Bạch Long Vĩ, ngày ...... tháng ...... năm 2026", "Tổng cộng", "TRƯỞNG THÔN"] {
        assert!(words.contains(line), "{line}: {words}");
    }
    assert!(!words.contains(vanban::error::WORKBOOK_FILL_IN), "the cells to fill in stay off the page: {words}");
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
