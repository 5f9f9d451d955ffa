//! Fonts: every font embedded, the font the data names used when found and
//! reported and replaced when not, office symbols from the shipped symbol font.

use std::path::Path;

use crate::common::{self, TempDir, built_dispatch, copy_data, replace, tool, vanban};

#[test]
fn every_font_is_embedded() {
    let dir = TempDir::new("fonts");
    let pdf = built_dispatch(&dir);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 4, "regular, bold, italic and bold italic: {fonts}");
    for row in rows {
        assert!(row.starts_with_ascii_letter_subset(), "{row}");
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert!(columns[0].contains("LiberationSerif"), "{row}");
        assert_eq!(&columns[columns.len() - 5..columns.len() - 2], ["yes", "yes", "yes"], "embedded, subset, unicode: {row}");
    }
}

trait SubsetName {
    fn starts_with_ascii_letter_subset(&self) -> bool;
}

impl SubsetName for str {
    /// Subset fonts are named "ABCDEF+Name".
    fn starts_with_ascii_letter_subset(&self) -> bool {
        self.len() > 7 && self[..6].chars().all(|c| c.is_ascii_uppercase()) && &self[6..7] == "+"
    }
}

#[test]
fn a_font_named_in_the_data_is_used_when_found() {
    let dir = TempDir::new("font");
    let data = copy_data(&dir);
    let campaign = data.join("campaign.toml");
    let text = std::fs::read_to_string(&campaign).unwrap().replace("font = \"Times New Roman\"", "font = \"Tinos\"");
    std::fs::write(&campaign, text).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data", "--font-path", "/usr/share/fonts/truetype/croscore"]);
    assert!(ok, "{stderr}");
    // No warning: only the build's closing line.
    let n = stdout.lines().count();
    assert_eq!(stderr, format!("vanban build: in 35/35 văn bản; {n} tệp — {n} mới, 0 thay đổi, 0 giữ nguyên; đã xóa 0 tệp cũ\n"));
    let fonts = tool("pdffonts", &[dir.join("out/cong-van-769.pdf").to_str().unwrap()]);
    assert!(fonts.contains("+Tinos-Bold ") && fonts.contains("+Tinos "), "{fonts}");
    assert!(!fonts.contains("Liberation"), "{fonts}");
}

#[test]
fn a_missing_font_is_reported_and_replaced() {
    let dir = TempDir::new("nofont");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--font-path", shipped.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("không tìm thấy phông “Times New Roman”"), "{stderr}");
    std::fs::create_dir(dir.join("empty")).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--font-path", "empty"]);
    assert!(!ok);
    assert!(stderr.contains("--font-path empty: không có phông"), "{stderr}");
}

#[test]
fn office_symbols_print_from_the_shipped_symbol_font() {
    let dir = TempDir::new("symbols");
    let data = copy_data(&dir);
    replace(&data, "cong-van-769.toml", "paragraph = \"Tổ chức tuyên truyền", "paragraph = \"➡ ✓ ☎ ① Tổ chức tuyên truyền");
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    let pdf = dir.join("out/cong-van-769.pdf");
    assert!(common::pdf_words(&pdf).join(" ").contains("➡ ✓ ☎ ① Tổ chức tuyên truyền"));
    let fonts = common::tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("VanbanSymbols"), "{fonts}");
}
