//! The command line as a user meets it: what lands on disk, what the PDF
//! says, and what a mistake in the data is told.

use std::path::Path;

use crate::common::{TempDir, copy_data, pdf_words, vanban};

#[test]
fn check_reads_everything_and_writes_nothing() {
    let dir = TempDir::new("check");
    let (ok, stdout, stderr) = vanban(&dir.0, &["check"]);
    assert!(ok, "{stderr}");
    // The dispatch, 17 blank forms and tat-ca.pdf, 5 reports of June and 5
    // of July, their two summaries and two reminders, the guide and the flyer.
    assert!(stdout.contains("dữ liệu hợp lệ: 35 văn bản"), "{stdout}");
    assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 0);
}

#[test]
fn a_folder_in_reports_that_is_not_a_month_is_named_and_skipped() {
    let dir = TempDir::new("stray-folder");
    let data = copy_data(&dir);
    for stray in ["cu", "2026-7"] {
        std::fs::create_dir(data.join("reports").join(stray)).unwrap();
        std::fs::write(data.join("reports").join(stray).join("T1.toml"), "not = [toml").unwrap();
    }
    for command in [&["check", "--data", "data"][..], &["summary", "2026-07", "--data", "data"], &["build", "--data", "data"]] {
        let (ok, _, stderr) = vanban(&dir.0, command);
        assert!(ok, "{command:?}: {stderr}");
        for stray in ["cu", "2026-7"] {
            let warning = format!("cảnh báo: data/reports/{stray}/: thư mục “{stray}” không phải một tháng nên được bỏ qua");
            assert!(stderr.contains(&warning), "{command:?}: {stderr}");
        }
    }
    assert!(dir.join("out/tong-hop/2026-07.pdf").exists() && !dir.join("out/bao-cao/cu").exists());
}

#[test]
fn each_command_reads_only_the_files_it_uses() {
    let broken = "this is = = not TOML";
    // (file broken, commands that must still work)
    let cases: [(&str, &[&[&str]]); 4] = [
        ("huong-dan.toml", &[&["report", "data/reports/2026-07/T1.toml", "-o", "r.pdf", "--data", "data"], &["summary", "2026-07", "--data", "data"]]),
        ("tong-hop.toml", &[&["dispatch", "data/cong-van-769.toml", "-o", "d.pdf", "--data", "data"], &["flyer", "--data", "data"], &["report", "data/reports/2026-07/T1.toml", "-o", "r.pdf", "--data", "data"]]),
        ("units.toml", &[&["flyer", "--data", "data"], &["guide", "--data", "data"]]),
        ("don-doc.toml", &[&["dispatch", "data/cong-van-769.toml", "-o", "d.pdf", "--data", "data"], &["summary", "2026-07", "--data", "data"], &["forms", "--data", "data"]]),
    ];
    for (file, commands) in cases {
        let dir = TempDir::new("unrelated");
        let data = copy_data(&dir);
        std::fs::write(data.join(file), broken).unwrap();
        for command in commands {
            let (ok, _, stderr) = vanban(&dir.0, command);
            assert!(ok, "{file} broken, {command:?}: {stderr}");
        }
        // check and build read everything.
        for command in [&["check", "--data", "data"][..], &["build", "--data", "data", "--out", "all"]] {
            let (ok, _, stderr) = vanban(&dir.0, command);
            assert!(!ok && stderr.contains(&format!("{file}, dòng 1")), "{file} broken, {command:?}: {stderr}");
        }
    }
}

/// Edits the copied dispatch with `edit`, builds, and returns stderr after
/// checking that the build failed and left no PDF behind.
fn failing_build(name: &str, file: &str, edit: impl Fn(String) -> String) -> String {
    let dir = TempDir::new(name);
    let data = copy_data(&dir);
    let path = data.join(file);
    std::fs::write(&path, edit(std::fs::read_to_string(&path).unwrap())).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(!ok, "the build should fail: {stdout}");
    assert!(!dir.join("out").exists(), "nothing may be written");
    assert!(stderr.starts_with("lỗi: "), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one message: {stderr}");
    stderr
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let stderr = failing_build("syntax", "cong-van-769.toml", |text| text.replace("symbol = \"UBND-VHXH\"", "symbol = \"UBND-VHXH"));
    assert!(stderr.contains("cong-van-769.toml, dòng 8, cột"), "{stderr}");
    assert!(stderr.contains("lỗi cú pháp TOML"), "{stderr}");
}

#[test]
fn a_missing_field_is_named_with_what_to_write() {
    let stderr = failing_build("missing", "cong-van-769.toml", |text| text.replace("symbol = \"UBND-VHXH\"\n", ""));
    assert!(stderr.contains("thiếu trường “symbol”"), "{stderr}");
    assert!(stderr.contains("symbol = \"UBND-VHXH\""), "{stderr}");
}

#[test]
fn a_misspelt_field_is_refused_with_a_suggestion() {
    let stderr = failing_build("misspelt", "cong-van-769.toml", |text| text.replace("[signer]", "[sigener]"));
    assert!(stderr.contains("trường “sigener” không có trong mẫu"), "{stderr}");
    assert!(stderr.contains("Có phải ý bạn là “signer”?"), "{stderr}");
    let line = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cong-van-769.toml"))
        .unwrap()
        .lines()
        .position(|l| l == "[signer]")
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("dòng {line},")), "{stderr}");
}

#[test]
fn a_bad_date_is_refused() {
    let stderr = failing_build("date", "cong-van-769.toml", |text| text.replace("date = 2026-06-01", "date = \"31/6/2026\""));
    assert!(stderr.contains("dòng 10, cột 8: ngày “31/6/2026” không hợp lệ"), "{stderr}");
    let stderr = failing_build("date2", "cong-van-769.toml", |text| text.replace("date = 2026-06-01", "date = 2026-02-30"));
    assert!(stderr.contains("cong-van-769.toml, dòng 10, cột 8: ngày “2026-02-30” không hợp lệ"), "{stderr}");
    // Years as months keep them, so that every date reaches the PDF's timestamps.
    for (name, date) in [("date3", "\"+12026-06-01\""), ("date4", "1899-12-31"), ("date5", "\"01/01/2201\"")] {
        let stderr = failing_build(name, "cong-van-769.toml", |text| text.replace("date = 2026-06-01", &format!("date = {date}")));
        assert!(stderr.contains("dòng 10, cột 8: ngày") && stderr.contains("năm từ 1900 đến 2200"), "{date}: {stderr}");
    }
}

#[test]
fn a_link_that_is_not_http_is_refused() {
    let stderr = failing_build("link", "campaign.toml", |text| {
        text.replace("app_store = \"https://", "app_store = \"ftp://")
    });
    assert!(stderr.contains("campaign.toml, dòng"), "{stderr}");
    assert!(stderr.contains("chỉ nhận liên kết bắt đầu bằng https://"), "{stderr}");
}

#[test]
fn an_unknown_qr_link_is_named() {
    let stderr = failing_build("qrname", "cong-van-769.toml", |text| text.replace("link = \"google_play\"", "link = \"google\""));
    assert!(stderr.contains("không có liên kết tên “google”"), "{stderr}");
    assert!(stderr.contains("app_store, google_play"), "{stderr}");
}

#[test]
fn typst_syntax_in_the_data_prints_literally() {
    let hostile = ["#panic(\"x\")", "$x$", "*a*", "_b_", "@c", "<d>", "\\", "[e]", "//", "#{1+1}", "`raw`", "= h"];
    let dir = TempDir::new("hostile");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let quoted: Vec<String> = hostile.iter().map(|h| toml::Value::String(h.to_string()).to_string()).collect();
    let text = text
        .replace("\"Như trên\",", &format!("\"Như trên\", {},", quoted.join(", ")))
        .replace("name = \"Nguyễn Văn Hậu\"", &format!("name = {}", quoted[0]))
        .replace("[[body]]\nheading = \"Chế độ báo cáo\"", &format!("[[body]]\ndashes = [{}]\n\n[[body]]\nheading = \"Chế độ báo cáo\"", quoted.join(", ")));
    std::fs::write(&path, text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    let words = pdf_words(&dir.join("out/cong-van-769.pdf")).join(" ");
    for h in hostile {
        assert!(words.contains(&format!("- {h};")), "{h} in the Nơi nhận list: {words}");
        assert!(words.contains(&format!("- {h}")), "{h} in the body");
    }
    assert!(words.contains("#panic(\"x\")"), "the signer's name");
}
