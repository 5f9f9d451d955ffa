//! What clerks do to data and to runs: paste from Word or a Mac, type in old
//! encodings, paste whole files into a field, close the window mid-run.

use std::time::Duration;

use crate::common::{TempDir, copy_data, pdf_words, vanban};

#[test]
fn text_from_a_mac_prints_as_nfc_and_legacy_encodings_are_refused() {
    let dir = TempDir::new("nfd");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // "Nguyễn Văn Hậu" decomposed, as macOS files it; a tab in the subject.
    let nfd = "Nguye\u{302}\u{303}n Va\u{306}n Ha\u{302}\u{323}u";
    let edited = text.replace("name = \"Nguyễn Văn Hậu\"", &format!("name = \"{nfd}\"")).replace("tuyên truyền cài đặt và", "tuyên truyền\tcài đặt và");
    std::fs::write(&path, &edited).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    let words = pdf_words(&dir.join("out/cong-van-769.pdf")).join(" ");
    assert!(words.contains("Nguyễn Văn Hậu") && words.contains("V/v tuyên truyền cài đặt và"), "{words}");

    let legacy = edited.replace("title = \"Phó Chủ tịch\"", "title = \"Phã Chñ tÞch\"\n# TCVN3: Céng hoµ x· héi").replace("\"Như trên\"", "\"Céng hoµ x· héi chñ nghÜa\"");
    std::fs::write(&path, legacy).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok);
    assert!(stderr.contains("cong-van-769.toml, dòng") && stderr.contains("bảng mã cũ TCVN3"), "{stderr}");

    let control = edited.replace("\"Như trên\"", "\"Như\\u0007 trên\"");
    std::fs::write(&path, control).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok && stderr.contains("ký tự điều khiển U+0007"), "{stderr}");
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
        ("1,Tổ 1,99999999999,7,,\n", "T1.csv, dòng 2, cột 8: cột “Tổng số”: “99999999999” không phải số"),
        ("1,,9,7,2,x\n", "T1.csv, dòng 2, cột 3: cột “Tên đơn vị”: chữ đang để trống"),
    ];
    for (row, expected) in cases {
        std::fs::write(&path, format!("{head}{row}")).unwrap();
        let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
        assert!(!ok && stderr.contains(expected), "{row}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_ten_megabyte_field_is_refused_at_once() {
    let dir = TempDir::new("huge-field");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let huge = "Nội dung dán nhầm. ".repeat(10 * 1024 * 1024 / 24);
    std::fs::write(&path, text.replace("nghiêm túc triển khai thực hiện./.", &format!("{huge}./."))).unwrap();
    let start = std::time::Instant::now();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(!ok && stderr.contains("chữ quá dài") && stderr.contains("tối đa 20000"), "{}", &stderr[..stderr.len().min(300)]);
    assert!(start.elapsed() < Duration::from_secs(20), "refused, not laid out");
    assert!(!dir.join("out").exists());
}

#[test]
fn too_many_rows_or_units_are_refused_with_the_limit() {
    let dir = TempDir::new("limits");
    let data = copy_data(&dir);
    let mut report = String::from("unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\n");
    for i in 0..10_001 {
        report += &format!("[[row]]\nname = \"Tổ {i}\"\ntotal = 1\ninstalled = 1\n");
    }
    std::fs::write(data.join("reports/2026-07/T3.toml"), report).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok && stderr.contains("T3.toml: có 10001 hàng, quá giới hạn 10000 hàng"), "{stderr}");
}
