//! What clerks do to data and to runs: paste from Word or a Mac, type in old
//! encodings, paste whole files into a field, close the window mid-run.

use std::time::Duration;

use crate::common::{TempDir, copy_data, pdf_words, tree, vanban};

/// A copy of the data with `extra` more synthetic units, so that a build
/// runs long enough to be killed in the middle.
fn bigger_data(dir: &TempDir, extra: usize) {
    let data = copy_data(dir);
    let mut units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    for i in 0..extra {
        units += &format!("\n[[unit]]\nname = \"Tổ dân phố số {i}\"\ncode = \"TDP{i}\"\nhead = \"Tổ trưởng\"\nkind = \"village\"\n");
    }
    std::fs::write(data.join("units.toml"), units).unwrap();
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &std::path::Path) -> Vec<String> {
    tree(dir).into_iter().map(|(name, _)| name).collect()
}

#[test]
fn a_killed_batch_leaves_only_whole_files_and_a_rerun_finishes() {
    let dir = TempDir::new("killed");
    bigger_data(&dir, 150);
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data", "--out", "clean"]);
    assert!(ok, "{stderr}");
    let clean = files(&dir.join("clean"));
    for delay in [150, 400, 900] {
        let _ = std::fs::remove_dir_all(dir.join("out"));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["build", "--data", "data"])
            .current_dir(&dir.0)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        for file in files(&dir.join("out")) {
            if file.ends_with(".pdf") {
                let bytes = std::fs::read(dir.join("out").join(&file)).unwrap();
                assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"), "{file} is whole");
            } else {
                // A run killed while moving files into place has moved the manifest too.
                let manifest = file == ".vanban.sha256";
                assert!(manifest || file.ends_with(".png") || file.ends_with(".csv") || file.ends_with(".xlsx") || file.contains(".vanban-tmp"), "{file}");
            }
        }
        let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
        assert!(ok, "{stderr}");
        assert_eq!(files(&dir.join("out")), clean, "the rerun finishes the job and clears what the killed run left");
        assert!(!dir.join(".out.vanban-staging").exists(), "the rerun removes the killed run's staging folder");
        for file in &clean {
            assert!(std::fs::read(dir.join("out").join(file)).unwrap() == std::fs::read(dir.join("clean").join(file)).unwrap(), "{file}");
        }
    }
}

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

#[test]
fn an_output_folder_that_cannot_be_written_is_named() {
    let dir = TempDir::new("readonly");
    std::fs::write(dir.join("out"), b"a file where the folder should be").unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build"]);
    assert!(!ok);
    assert!(stderr.lines().last().unwrap().starts_with("lỗi: không ghi được out") && stderr.contains("--out"), "{stderr}");
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "khong-co"]);
    assert!(!ok && stderr.contains("không đọc được khong-co/campaign.toml: không có tệp hay thư mục này"), "{stderr}");
}
