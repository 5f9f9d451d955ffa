//! The install guide and the flyer: their QR codes decode to the data's
//! links at the printed size, their text reads back, copies are cut right.

use crate::common::{self, TempDir, decode_pdf, decode_png, decode_region, inspect, pdf_words, tool, vanban, word_boxes, workspace};
use vanban::documents::guide::PerSheet;

const APP_STORE: &str = "https://apps.apple.com/vn/search?term=Smart%20H%E1%BA%A3i%20Ph%C3%B2ng";
const GOOGLE_PLAY: &str = "https://play.google.com/store/search?q=Smart%20H%E1%BA%A3i%20Ph%C3%B2ng&c=apps";

#[test]
fn the_guide_reads_back_with_its_codes_and_contact() {
    let dir = TempDir::new("guide");
    let (ok, stdout, stderr) = vanban(&dir.0, &["guide", "--png"]);
    assert!(ok, "{stderr}");
    let pdf = dir.join("out/huong-dan.pdf");
    let text = pdf_words(&pdf).join(" ");
    for expected in [
        "HƯỚNG DẪN CÀI ĐẶT VÀ SỬ DỤNG ỨNG DỤNG SMART HẢI PHÒNG",
        "1. Các tính năng chính",
        "Phản ánh, kiến nghị: Người dân có thể gửi phản hồi",
        "iPhone (App Store) Android (Google Play)",
        "Bước 1 Mở CH Play",
        "Bước 5 Đăng ký tài khoản bằng số điện thoại",
        "Đinh Khắc Trường - Phó Trưởng phòng Văn hóa - Xã hội, SĐT: 0971.286.509",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // Each code decodes to its link, above its caption.
    let words = word_boxes(&pdf);
    let iphone = words.iter().find(|w| w.word == "iPhone").unwrap();
    let android = words.iter().find(|w| w.word == "Android" && w.y0 > iphone.y0 - 1.0).unwrap();
    let top = iphone.y0 - 150.0;
    assert_eq!(decode_region(&pdf, iphone.page, (0.0, top, android.x0 - 5.0, iphone.y0), &dir), [APP_STORE]);
    assert_eq!(decode_region(&pdf, iphone.page, (android.x0 - 5.0, top, 595.0, iphone.y0), &dir), [GOOGLE_PLAY]);
    // A PNG per page, 1080 pixels wide, with the codes readable.
    let pages = stdout.lines().filter(|l| l.ends_with(".png")).count();
    assert_eq!(pages, common::page_count(&pdf), "{stdout}");
    let png = dir.join("out/huong-dan-2.png");
    assert!(tool("file", &[png.to_str().unwrap()]).contains("1080 x 1527"));
    let mut all: Vec<String> = (1..=pages).flat_map(|n| decode_png(&dir.join(&format!("out/huong-dan-{n}.png")))).collect();
    all.sort();
    assert_eq!(all, [APP_STORE, GOOGLE_PLAY]);
}

#[test]
fn flyers_decode_at_every_size_with_cut_marks() {
    let dir = TempDir::new("flyer");
    for (per_sheet, stem, copies) in [("1", "to-roi", 1), ("2", "to-roi-a5", 2), ("4", "to-roi-a6", 4)] {
        let (ok, _, stderr) = vanban(&dir.0, &["flyer", "--per-sheet", per_sheet, "--png"]);
        assert!(ok, "{stderr}");
        let pdf = dir.join(&format!("out/{stem}.pdf"));
        assert_eq!(common::page_count(&pdf), 1);
        let expected: Vec<&str> = [APP_STORE, GOOGLE_PLAY].repeat(copies).into_iter().collect();
        let mut expected = expected;
        expected.sort();
        assert_eq!(decode_pdf(&pdf, &dir), expected, "{stem}.pdf");
        assert_eq!(decode_png(&dir.join(&format!("out/{stem}.png"))), expected, "{stem}.png");
        let words = pdf_words(&pdf).join(" ");
        assert_eq!(words.matches("Quét mã QR bằng camera điện thoại").count(), copies, "{stem}");
        assert_eq!(words.matches("Cần hỗ trợ: Đinh Khắc Trường").count(), copies, "{stem}");
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        assert!(fonts.lines().skip(2).all(|row| row.contains(" yes yes yes ")), "{fonts}");
    }
}

#[test]
fn flyer_codes_are_wide_enough_and_sheets_are_marked_for_cutting() {
    let workspace = workspace();
    let guide = workspace.guide().unwrap();
    for (per_sheet, minimum, marks) in [(PerSheet::One, 40.0, 0), (PerSheet::Two, 25.0, 2), (PerSheet::Four, 25.0, 4)] {
        let flyer = guide.flyer(&workspace.campaign, per_sheet).unwrap();
        let page = inspect(&flyer.layout(&workspace.renderer).unwrap());
        let codes = &page.pictures;
        assert_eq!(codes.len(), 2 * per_sheet.count() as usize);
        for code in codes {
            assert!(code.width >= minimum, "{per_sheet:?}: {code:?}");
        }
        // Cut marks: short rules at the sheet's edges, on the cutting lines.
        let (width, height) = page.pages[0];
        let at_edge = |r: &&common::Rule| {
            let (x1, y1) = (r.x + r.length, r.y + r.rise);
            [r.x, x1].iter().any(|x| x.abs() < 0.01 || (x - width).abs() < 0.01) || [r.y, y1].iter().any(|y| y.abs() < 0.01 || (y - height).abs() < 0.01)
        };
        let cuts: Vec<_> = page.rules.iter().filter(at_edge).collect();
        assert_eq!(cuts.len(), marks, "{per_sheet:?}: {:?}", page.rules);
        for cut in cuts {
            let on_line = [width / 2.0, height / 2.0].iter().any(|c| (cut.x - c).abs() < 0.01 || (cut.y - c).abs() < 0.01);
            assert!(on_line && cut.length.abs().max(cut.rise.abs()) >= 5.0, "{cut:?}");
        }
    }
}

#[test]
fn a_link_too_long_to_scan_is_refused() {
    let dir = TempDir::new("long-link");
    let data = common::copy_data(&dir);
    let campaign = data.join("campaign.toml");
    let long = format!("https://play.google.com/store/apps/details?id=vn.gov.haiphong.smart&ref={}", "x".repeat(500));
    let text = std::fs::read_to_string(&campaign)
        .unwrap()
        .replace("google_play = \"https://play.google.com/store/search?q=Smart%20H%E1%BA%A3i%20Ph%C3%B2ng&c=apps\"", &format!("google_play = \"{long}\""));
    std::fs::write(&campaign, text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["flyer", "--per-sheet", "4", "--data", "data"]);
    assert!(!ok);
    assert!(stderr.contains("quá dài để mã QR in rộng"), "{stderr}");
    // Named where it is written, then where it is used.
    let line = std::fs::read_to_string(&campaign).unwrap().lines().position(|l| l.starts_with("google_play")).unwrap() + 1;
    assert!(stderr.starts_with(&format!("lỗi: data/campaign.toml, dòng {line}, cột 15: ")), "{stderr}");
    assert!(stderr.contains("(dùng ở data/huong-dan.toml, dòng") || stderr.contains("(dùng ở data/cong-van-769.toml, dòng"), "{stderr}");
    assert!(!dir.join("out").exists());
}
