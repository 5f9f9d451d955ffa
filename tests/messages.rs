//! The messages of src/error.rs that the other tests do not reach, each
//! triggered the way a user would.

use crate::common::{TempDir, copy_data, vanban};
use vanban::model::{SourceFile, Units};

fn check_fails(dir: &TempDir) -> String {
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok, "the check should fail");
    assert!(stderr.starts_with("lỗi: "), "{stderr}");
    stderr
}

#[test]
fn a_dispatch_needs_the_files_its_appendix_and_enclosure_come_from() {
    let dir = TempDir::new("needs-units");
    let data = copy_data(&dir);
    std::fs::remove_file(data.join("units.toml")).unwrap();
    assert!(check_fails(&dir).contains("cong-van-769.toml: phụ lục content = \"report-form\" cần tệp units.toml"));

    let dir = TempDir::new("needs-guide");
    let data = copy_data(&dir);
    std::fs::remove_file(data.join("huong-dan.toml")).unwrap();
    assert!(check_fails(&dir).contains("enclosures = [\"install-guide\"] cần tệp huong-dan.toml"));

    let dir = TempDir::new("no-dispatch");
    let data = copy_data(&dir);
    std::fs::remove_file(data.join("cong-van-769.toml")).unwrap();
    assert!(check_fails(&dir).contains("không có công văn nào (tệp cong-van-*.toml)"));
}

#[test]
fn more_units_than_the_limit_are_refused() {
    let mut text = String::from("dispatch = \"cong-van-769.toml\"\nparent = \"UBND\"\n[report]\nsubject = \"s\"\ndistribution = [\"Lưu: VT\"]\n[deadlines]\nagency = 2026-06-30\norganisation = 2026-06-30\nschool = 2026-06-30\nvillage = 2026-08-31\n");
    for i in 0..5001 {
        text += &format!("[[unit]]\nname = \"Tổ {i}\"\ncode = \"T{i}\"\nhead = \"Tổ trưởng\"\nkind = \"village\"\n");
    }
    let error = Units::load(&SourceFile::new("units.toml", text)).unwrap_err().to_string();
    assert!(error.contains("units.toml: có 5001 đơn vị, quá giới hạn 5000 đơn vị"), "{error}");
}

#[test]
fn a_seal_of_an_odd_size_and_an_image_too_heavy_are_refused() {
    let dir = TempDir::new("seal");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("name = \"Nguyễn Văn Hậu\"", "name = \"Nguyễn Văn Hậu\"\nseal_mm = 80")).unwrap();
    assert!(check_fails(&dir).contains("đường kính con dấu 80 mm không hợp lý"));

    // Noise does not compress: a PNG of a few megabytes.
    let mut state = 1u32;
    let noise = image::RgbaImage::from_fn(1200, 1200, |_, _| {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        image::Rgba(state.to_le_bytes())
    });
    noise.save(data.join("nang.png")).unwrap();
    std::fs::write(&path, text.replace("name = \"Nguyễn Văn Hậu\"", "name = \"Nguyễn Văn Hậu\"\nsignature_image = \"nang.png\"")).unwrap();
    let stderr = check_fails(&dir);
    assert!(stderr.contains("signer.signature_image: ảnh nặng") && stderr.contains("quá giới hạn 2048 KB"), "{stderr}");
}
