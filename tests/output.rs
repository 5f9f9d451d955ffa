//! out/: what the data makes, byte for byte on every run and wherever a
//! single command writes it; a build removes what vanban wrote before and no
//! longer makes and leaves the user's files alone; a killed run leaves only
//! whole files; a folder that cannot be written is named.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::common::{TempDir, built_dispatch, copy_data, replace, tool, tree, vanban};

#[test]
fn reruns_are_byte_identical() {
    let first = TempDir::new("rerun-a");
    let second = TempDir::new("rerun-b");
    let a = std::fs::read(built_dispatch(&first)).unwrap();
    built_dispatch(&second);
    let (one, two) = (tree(&first.join("out")), tree(&second.join("out")));
    assert!(one.len() > 20, "{} files", one.len());
    assert_eq!(one.iter().map(|f| &f.0).collect::<Vec<_>>(), two.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, x), (_, y)) in one.iter().zip(&two) {
        assert!(x == y, "{name} differs between two builds");
    }
    // The single-file command gives the same document.
    let data = copy_data(&second);
    let file = data.join("cong-van-769.toml");
    let (ok, _, stderr) = vanban(&second.0, &["dispatch", file.to_str().unwrap(), "-o", "single.pdf"]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read(second.join("single.pdf")).unwrap() == a, "dispatch and build differ");
}

#[test]
fn single_documents_go_where_build_puts_them() {
    let built = TempDir::new("single-built");
    copy_data(&built);
    let (ok, _, stderr) = vanban(&built.0, &["build"]);
    assert!(ok, "{stderr}");

    let dir = TempDir::new("single");
    let data = copy_data(&dir);
    for (command, paths) in [
        (&["report", "data/reports/2026-07/T2.toml"][..], &["out/bao-cao/2026-07/thon-2.pdf"][..]),
        (&["dispatch", "data/cong-van-769.toml"], &["out/cong-van-769.pdf"]),
        (&["forms", "--unit", "T3"], &["out/bieu-mau/thon-3.pdf", "out/bieu-mau/thon-3.xlsx"]),
    ] {
        let (ok, stdout, stderr) = vanban(&dir.0, command);
        assert!(ok, "{command:?}: {stderr}");
        assert_eq!(stdout.lines().collect::<Vec<_>>(), paths, "{command:?}");
        for path in paths {
            assert_eq!(std::fs::read(dir.join(path)).unwrap(), std::fs::read(built.join(path)).unwrap(), "{path}");
            // The manifest of out/ records it as the build's would.
            let manifest = std::fs::read_to_string(dir.join("out/.vanban.sha256")).unwrap();
            assert!(manifest.contains(path.trim_start_matches("out/")), "{manifest}");
        }
    }
    // Nothing lands in the data folder; one unit's form comes alone.
    assert!(!data.join("reports/2026-07/T2.pdf").exists() && !data.join("cong-van-769.pdf").exists());
    assert!(!dir.join("out/bieu-mau/tat-ca.pdf").exists());
    let mut forms: Vec<_> = std::fs::read_dir(dir.join("out/bieu-mau")).unwrap().map(|e| e.unwrap().file_name()).collect();
    forms.sort();
    assert_eq!(forms, ["thon-3.pdf", "thon-3.xlsx"]);

    // -o names the file, which holds the same document.
    let (ok, stdout, stderr) = vanban(&dir.0, &["report", "data/reports/2026-07/T2.toml", "-o", "thon-hai.pdf"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.trim(), "thon-hai.pdf");
    assert_eq!(std::fs::read(dir.join("thon-hai.pdf")).unwrap(), std::fs::read(built.join("out/bao-cao/2026-07/thon-2.pdf")).unwrap());

    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--unit", "T33"]);
    assert!(!ok);
    assert!(stderr.starts_with("lỗi: --unit: không có đơn vị mã “T33” trong data/units.toml. Hãy ghi --unit và một trong các mã: "), "{stderr}");
}

fn build(dir: &TempDir, out: &str) -> String {
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data", "--out", out]);
    assert!(ok, "{stderr}");
    stderr
}

/// How many of `lines` mention `text`.
fn mentions(lines: &str, text: &str) -> usize {
    lines.lines().filter(|line| line.contains(text)).count()
}

#[test]
fn stale_outputs_go_after_the_next_build_and_the_rest_is_a_fresh_build() {
    let dir = TempDir::new("stale");
    let data = copy_data(&dir);
    build(&dir, "out");
    for stale in
        ["bieu-mau/thon-3.pdf", "bao-cao/2026-06/thon-1.pdf", "tong-hop/2026-06.pdf", "tong-hop/2026-06.csv", "tong-hop/2026-06.xlsx", "don-doc/2026-06.pdf"]
    {
        assert!(dir.join("out").join(stale).exists(), "{stale}");
    }
    // The manifest is sha256sum's own format.
    let checked = std::process::Command::new("sha256sum").args(["-c", "--quiet", ".vanban.sha256"]).current_dir(dir.join("out")).status();
    assert!(checked.unwrap().success());

    // A unit renamed, a month's reports removed, the flyer printed at other sizes.
    let units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    assert!(units.contains("name = \"Thôn 3\""));
    std::fs::write(data.join("units.toml"), units.replace("name = \"Thôn 3\"", "name = \"Thôn Ba\"")).unwrap();
    std::fs::remove_dir_all(data.join("reports/2026-06")).unwrap();
    for per_sheet in ["2", "4"] {
        let (ok, _, stderr) = vanban(&dir.0, &["flyer", "--per-sheet", per_sheet, "--data", "data"]);
        assert!(ok, "{stderr}");
    }
    // Single commands only add: the A4 flyer and the old forms stay.
    assert!(dir.join("out/to-roi-a5.pdf").exists() && dir.join("out/to-roi-a6.pdf").exists());
    assert!(dir.join("out/to-roi.pdf").exists() && dir.join("out/bieu-mau/thon-3.pdf").exists());
    // The user's own note beside the forms.
    std::fs::write(dir.join("out/bieu-mau/ghi-chu.txt"), "gửi thôn 3 ngày 2/6").unwrap();

    let stderr = build(&dir, "out");
    build(&dir, "fresh");
    let (mut now, fresh): (BTreeMap<_, _>, BTreeMap<_, _>) = (tree(&dir.join("out")).into_iter().collect(), tree(&dir.join("fresh")).into_iter().collect());
    assert_eq!(now.remove("bieu-mau/ghi-chu.txt").as_deref(), Some("gửi thôn 3 ngày 2/6".as_bytes()), "the user's file survives");
    assert_eq!(now.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "stale outputs are gone");
    for (file, bytes) in &fresh {
        assert!(now[file] == *bytes, "{file} is byte-identical to a fresh build's, the manifest too");
    }
    assert!(fresh.contains_key("bieu-mau/thon-ba.pdf") && !fresh.contains_key("bieu-mau/thon-3.pdf"));
    assert!(!dir.join("out/bao-cao/2026-06").exists(), "a month's emptied folder goes too");

    assert!(stderr.contains("đã xóa 13 tệp vanban ghi lần trước mà dữ liệu nay không còn tạo ra:"), "{stderr}");
    for stale in [
        "bieu-mau/thon-3.pdf",
        "bieu-mau/thon-3.xlsx",
        "bao-cao/2026-06/thon-1.pdf",
        "tong-hop/2026-06.csv",
        "tong-hop/2026-06.xlsx",
        "to-roi-a5.pdf",
        "to-roi-a6.pdf",
    ] {
        assert_eq!(mentions(&stderr, &format!("  out/{stale}")), 1, "{stale}: {stderr}");
    }
    assert!(stderr.contains("cảnh báo: 1 tệp không phải do vanban tạo, vanban để nguyên:\n  out/bieu-mau/ghi-chu.txt\n"), "{stderr}");
    assert_eq!(mentions(&stderr, "ghi-chu.txt"), 1, "listed once: {stderr}");
}

#[test]
fn a_build_names_the_files_it_changed_and_counts_them_all() {
    let dir = TempDir::new("counted");
    let data = copy_data(&dir);
    // What a build printed: the files it named, sorted, and its last line on stderr.
    let run = |verbose: &[&str]| {
        let (ok, stdout, stderr) = vanban(&dir.0, &[&["build", "--data", "data"], verbose].concat());
        assert!(ok, "{stderr}");
        let mut listed: Vec<String> = stdout.lines().map(str::to_owned).collect();
        listed.sort();
        (listed, stderr.lines().last().unwrap_or_default().to_owned())
    };
    // The first build: every file is new, and named.
    let (listed, line) = run(&[]);
    let written: Vec<String> = files(&dir.join("out")).into_iter().filter(|f| !f.starts_with(".vanban")).map(|f| format!("out/{f}")).collect();
    let n = written.len();
    assert!(n > 20, "{written:?}");
    assert_eq!(listed, written);
    assert_eq!(line, format!("vanban build: in 35/35 văn bản; {n} tệp — {n} mới, 0 thay đổi, 0 giữ nguyên; đã xóa 0 tệp cũ"));
    // Nothing changed: nothing named, every file kept; --verbose names them all.
    let (listed, line) = run(&[]);
    assert!(listed.is_empty(), "{listed:?}");
    let unchanged = format!("vanban build: in 0/35 văn bản; {n} tệp — 0 mới, 0 thay đổi, {n} giữ nguyên; đã xóa 0 tệp cũ");
    assert_eq!(line, unchanged);
    assert_eq!(run(&["--verbose"]), (written, unchanged));
    // One count of Thôn 2's July report: its PDF and the July summary.
    replace(&data, "reports/2026-07/T2.toml", "da_cai = 142", "da_cai = 150");
    let (listed, line) = run(&[]);
    assert_eq!(listed, ["out/bao-cao/2026-07/thon-2.pdf", "out/tong-hop/2026-07.csv", "out/tong-hop/2026-07.pdf", "out/tong-hop/2026-07.xlsx"]);
    assert_eq!(line, format!("vanban build: in 2/35 văn bản; {n} tệp — 0 mới, 4 thay đổi, {} giữ nguyên; đã xóa 0 tệp cũ", n - 4));
    // Thôn 3 renamed: its form and workbook are new under the new name and
    // removed under the old; every document that names the unit changes.
    replace(&data, "units.toml", "name = \"Thôn 3\"", "name = \"Thôn Ba\"");
    let (listed, line) = run(&[]);
    let (new, changed) = (["bieu-mau/thon-ba.pdf", "bieu-mau/thon-ba.xlsx"], ["bieu-mau/tat-ca.pdf", "don-doc/2026-06.pdf", "don-doc/2026-07.pdf"]);
    let summaries = ["2026-06", "2026-07"].map(|month| ["csv", "pdf", "xlsx"].map(|extension| format!("tong-hop/{month}.{extension}")));
    let mut named: Vec<String> = new.iter().chain(&changed).map(|f| f.to_string()).chain(summaries.into_iter().flatten()).map(|f| format!("out/{f}")).collect();
    named.sort();
    assert_eq!(listed, named);
    // Laid out again: every form (all of them are in tat-ca.pdf), the
    // summaries and the reminders.
    assert_eq!(line, format!("vanban build: in 22/35 văn bản; {n} tệp — 2 mới, 9 thay đổi, {} giữ nguyên; đã xóa 2 tệp cũ", n - 11));
    assert!(!dir.join("out/bieu-mau/thon-3.pdf").exists() && !dir.join("out/bieu-mau/thon-3.xlsx").exists());
}

#[test]
fn a_filled_form_saved_over_its_blank_survives_with_a_message() {
    let dir = TempDir::new("filled");
    copy_data(&dir);
    build(&dir, "out");
    let blank = std::fs::read(dir.join("out/bieu-mau/thon-1.pdf")).unwrap();
    // The head of Thôn 1 fills the form in a reader and saves it in place.
    let values = dir.join("values.json");
    std::fs::write(&values, r#"{"so": "7", "nguoi_ky": "Nguyễn Văn Bình", "dong1_ten": "Hộ gia đình", "dong1_tong_so": "214"}"#).unwrap();
    let fillers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fillers/pypdf_fill.py");
    let form = dir.join("out/bieu-mau/thon-1.pdf");
    let filled_path = dir.join("filled.pdf");
    let paths = [fillers.as_path(), form.as_path(), filled_path.as_path(), values.as_path()].map(|p| p.to_str().unwrap().to_owned());
    tool("python3", &paths.iter().map(String::as_str).collect::<Vec<_>>());
    std::fs::rename(&filled_path, &form).unwrap();
    let filled = std::fs::read(&form).unwrap();
    assert_ne!(filled, blank);
    // A report the unit sent and the office annotated, whose data then goes.
    let report = dir.join("out/bao-cao/2026-07/thon-2.pdf");
    let mut annotated = std::fs::read(&report).unwrap();
    annotated.extend_from_slice(b"\n% da xem\n");
    std::fs::write(&report, &annotated).unwrap();
    std::fs::remove_file(dir.join("data/reports/2026-07/T2.toml")).unwrap();

    for run in 0..2 {
        let stderr = build(&dir, "out");
        assert_eq!(std::fs::read(&form).unwrap(), filled, "run {run}: the filled form is kept in place");
        assert_eq!(std::fs::read(dir.join("out/bieu-mau/thon-1.ban-moi.pdf")).unwrap(), blank, "run {run}: the new blank beside it");
        assert!(
            stderr.contains(
                "cảnh báo: out/bieu-mau/thon-1.pdf khác với bản vanban ghi lần trước (ví dụ biểu mẫu đã điền rồi lưu đè lên bản trống) \
                 nên được giữ nguyên; bản mới ghi vào out/bieu-mau/thon-1.ban-moi.pdf."
            ),
            "run {run}: {stderr}"
        );
        assert_eq!(std::fs::read(&report).unwrap(), annotated, "run {run}: a changed stale output is not deleted");
        assert_eq!(mentions(&stderr, "thon-1.pdf"), 1, "run {run}: {stderr}");
        // The copy beside is new the first time, then kept like the rest.
        let closing = stderr.lines().last().unwrap();
        let counted = if run == 0 { "— 1 mới, " } else { "— 0 mới, 0 thay đổi, " };
        assert!(closing.starts_with("vanban build: ") && closing.contains(counted), "run {run}: {closing}");
        if run == 0 {
            let kept = "cảnh báo: out/bao-cao/2026-07/thon-2.pdf không còn trong dữ liệu nhưng đã được sửa sau khi vanban ghi nên không bị xóa";
            assert!(stderr.contains(kept), "{stderr}");
        } else {
            // Now the user's: named once with the other files vanban did not write.
            assert!(stderr.contains("không phải do vanban tạo, vanban để nguyên:\n  out/bao-cao/2026-07/thon-2.pdf"), "{stderr}");
        }
    }
    // A single command does the same with its own outputs.
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--data", "data"]);
    assert!(ok && stderr.contains("bản mới ghi vào out/bieu-mau/thon-1.ban-moi.pdf"), "{stderr}");
    assert_eq!(std::fs::read(&form).unwrap(), filled);
    // Moved away, the form's place is vanban's again and the copy beside it goes.
    std::fs::rename(&form, dir.join("thon-1-da-dien.pdf")).unwrap();
    let stderr = build(&dir, "out");
    assert_eq!(std::fs::read(&form).unwrap(), blank);
    assert!(!dir.join("out/bieu-mau/thon-1.ban-moi.pdf").exists(), "{stderr}");
}

#[test]
fn a_failed_build_prunes_nothing() {
    let dir = TempDir::new("failed-prune");
    let data = copy_data(&dir);
    build(&dir, "out");
    let before = tree(&dir.join("out"));
    // A renamed unit and a removed month, but a mistake in a report.
    let units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    std::fs::write(data.join("units.toml"), units.replace("name = \"Thôn 3\"", "name = \"Thôn Ba\"")).unwrap();
    std::fs::remove_dir_all(data.join("reports/2026-06")).unwrap();
    let report = std::fs::read_to_string(data.join("reports/2026-07/T2.toml")).unwrap();
    std::fs::write(data.join("reports/2026-07/T2.toml"), report.replacen("tong_so =", "tong_so = -", 1)).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(!ok && stderr.starts_with("lỗi: "), "{stderr}");
    assert!(tree(&dir.join("out")) == before, "out/ and its manifest are as they were");
}

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
fn an_output_folder_that_cannot_be_written_is_named() {
    let dir = TempDir::new("readonly");
    std::fs::write(dir.join("out"), b"a file where the folder should be").unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build"]);
    assert!(!ok);
    assert!(stderr.lines().last().unwrap().starts_with("lỗi: không ghi được out") && stderr.contains("--out"), "{stderr}");
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "khong-co"]);
    assert!(!ok && stderr.contains("không đọc được khong-co/campaign.toml: không có tệp hay thư mục này"), "{stderr}");
}
