//! `vanban init`: the built-in data written out to edit, never over a folder
//! that is there.

use std::path::Path;

use crate::common::{TempDir, tree, vanban};

#[test]
fn init_writes_the_built_in_data_to_edit_and_never_overwrites() {
    let dir = TempDir::new("init");
    let (ok, stdout, stderr) = vanban(&dir.0, &["init"]);
    assert!(ok, "{stderr}");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let written: Vec<_> = tree(&dir.join("vanban-du-lieu"));
    assert_eq!(written, tree(&data), "every built-in file, byte for byte");
    assert_eq!(stdout.lines().count(), written.len());
    assert!(stderr.trim_end().ends_with("rồi in bằng: vanban build"), "says what to do next, no --data needed: {stderr}");

    // The folder just made is the data vanban finds where it runs, as the hint says.
    let (ok, stdout, stderr) = vanban(&dir.0, &["check"]);
    assert!(ok && stdout.contains("vanban-du-lieu") && !stderr.contains("dữ liệu mẫu có sẵn"), "{stdout}{stderr}");
    // Another folder is named with --data.
    let (ok, _, stderr) = vanban(&dir.0, &["init", "chien-dich-2"]);
    assert!(ok && stderr.contains("rồi in bằng: vanban build --data chien-dich-2"), "{stderr}");

    // A second init would overwrite: refused, nothing touched.
    let campaign = dir.join("vanban-du-lieu/campaign.toml");
    std::fs::write(&campaign, "# sửa tay\n").unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["init"]);
    assert!(!ok);
    assert!(stderr.starts_with("lỗi: ") && stderr.contains("không ghi đè"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&campaign).unwrap(), "# sửa tay\n");

    // Another folder name is fine.
    let (ok, _, stderr) = vanban(&dir.0, &["init", "dữ liệu 2027"]);
    assert!(ok, "{stderr}");
    assert!(dir.join("dữ liệu 2027/units.toml").is_file());
}
