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
