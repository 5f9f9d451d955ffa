//! out/ holds exactly what the data makes: a build removes what vanban
//! wrote before and no longer makes, and leaves the user's files alone.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{TempDir, copy_data, tool, tree, vanban};

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
    for stale in ["bieu-mau/thon-3.pdf", "bao-cao/2026-06/thon-1.pdf", "tong-hop/2026-06.pdf", "tong-hop/2026-06.csv", "tong-hop/2026-06.xlsx", "don-doc/2026-06.pdf"] {
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
    for stale in ["bieu-mau/thon-3.pdf", "bieu-mau/thon-3.xlsx", "bao-cao/2026-06/thon-1.pdf", "tong-hop/2026-06.csv", "tong-hop/2026-06.xlsx", "to-roi-a5.pdf", "to-roi-a6.pdf"] {
        assert_eq!(mentions(&stderr, &format!("  out/{stale}")), 1, "{stale}: {stderr}");
    }
    assert!(stderr.contains("cảnh báo: 1 tệp không phải do vanban tạo, vanban để nguyên:\n  out/bieu-mau/ghi-chu.txt\n"), "{stderr}");
    assert_eq!(mentions(&stderr, "ghi-chu.txt"), 1, "listed once: {stderr}");
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
    std::fs::write(data.join("reports/2026-07/T2.toml"), report.replacen("total =", "total = -", 1)).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(!ok && stderr.starts_with("lỗi: "), "{stderr}");
    assert!(tree(&dir.join("out")) == before, "out/ and its manifest are as they were");
}
