//! The dispatch, Công văn 769: its words and QR codes as read back from the
//! PDF, and its pages measured against Nghị định 30/2020's layout rules.

use crate::common::{
    self, CAP_HEIGHT, Inspection, PT, TempDir, assert_near, built_dispatch, campaigns, decode_region, inspect, pdf_words, word_boxes, workspace,
};
use vanban::commands::Workspace;

const APP_STORE: &str = "https://apps.apple.com/vn/search?term=Smart%20H%E1%BA%A3i%20Ph%C3%B2ng";
const GOOGLE_PLAY: &str = "https://play.google.com/store/search?q=Smart%20H%E1%BA%A3i%20Ph%C3%B2ng&c=apps";

#[test]
fn build_renders_the_dispatch_word_for_word() {
    let dir = TempDir::new("words");
    let pdf = built_dispatch(&dir);
    let expected = include_str!("expected/cong-van-769.txt");
    let expected: Vec<&str> = expected.split_whitespace().collect();
    let words = pdf_words(&pdf);
    // The dispatch itself, up to its appendix.
    let appendix = words.windows(3).rposition(|w| w == ["Phụ", "lục", "01"]).expect("the appendix follows");
    assert_eq!(words[..appendix].join(" "), expected.join(" "));
    // NFC: no combining marks, every Vietnamese letter precomposed.
    let text = words.join(" ");
    assert!(!text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)), "decomposed text in the PDF");
}

#[test]
fn qr_codes_decode_to_the_links_under_their_points() {
    let dir = TempDir::new("qr");
    let pdf = built_dispatch(&dir);
    let words = word_boxes(&pdf);
    let find = |word: &str| words.iter().find(|w| w.word == word).unwrap_or_else(|| panic!("{word}"));
    let (ios, android, attached) = (find("(iPhone):"), find("Android:"), find("(Gửi"));
    assert_eq!((ios.page, android.page), (attached.page, attached.page), "both codes on one page here");
    assert_eq!(decode_region(&pdf, ios.page, (0.0, ios.y1, 595.0, android.y0), &dir), [APP_STORE]);
    assert_eq!(decode_region(&pdf, android.page, (0.0, android.y1, 595.0, attached.y0), &dir), [GOOGLE_PLAY]);
}

const LEFT: f64 = 35.0;
const RIGHT: f64 = 210.0 - 20.0;
const TOP: f64 = 25.0;
const BOTTOM: f64 = 297.0 - 20.0;
const TEXT_WIDTH: f64 = RIGHT - LEFT;
/// Centre of the signature block's right column (59 % of the text width).
const RIGHT_CENTRE: f64 = LEFT + 0.41 * TEXT_WIDTH + 0.59 * TEXT_WIDTH / 2.0;
/// The header's gutter between its columns.
const GUTTER: f64 = 3.0;

/// Centres of the header's columns: the right one as wide as the Quốc hiệu
/// (87.7 mm at 12 pt bold), the left one the rest.
fn header_centres(page: &Inspection) -> (f64, f64) {
    let quoc_hieu = page.run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").width;
    (LEFT + (TEXT_WIDTH - quoc_hieu - GUTTER) / 2.0, RIGHT - quoc_hieu / 2.0)
}

/// The dispatch and its appendix: the pages the decree rules, before the
/// enclosed guide with its own layout.
fn dispatch() -> Inspection {
    dispatch_of(&workspace())
}

/// A campaign's one dispatch and its appendix, without the guide.
fn dispatch_of(workspace: &Workspace) -> Inspection {
    let dispatches = workspace.dispatches().unwrap();
    assert_eq!(dispatches.len(), 1);
    let (_, dispatch) = &dispatches[0];
    let mut inspection = inspect(&dispatch.layout(&workspace.renderer).unwrap());
    let guide = inspection.run("HƯỚNG DẪN").page;
    inspection.pages.truncate(guide - 1);
    inspection.runs.retain(|r| r.page < guide);
    inspection.rules.retain(|r| r.page < guide);
    inspection.pictures.retain(|p| p.page < guide);
    inspection
}

fn cap_top(run: &common::Run) -> f64 {
    run.baseline - CAP_HEIGHT * run.size * PT
}

#[test]
fn a4_pages_within_the_margins() {
    for (_, workspace) in campaigns() {
        a4_pages_of(&dispatch_of(&workspace));
    }
}

fn a4_pages_of(page: &Inspection) {
    assert!(page.pages.len() >= 2);
    for &(width, height) in &page.pages {
        assert_near(width, 210.0, 0.01, "page width");
        assert_near(height, 297.0, 0.01, "page height");
    }
    for run in page.runs.iter().filter(|r| r.baseline > TOP) {
        assert!(run.x >= LEFT - 0.01, "{run:?} starts left of the margin");
        assert!(run.end() <= RIGHT + 0.01, "{run:?} ends right of the margin");
        assert!(run.baseline <= BOTTOM, "{run:?} sits in the bottom margin");
    }
    // The first line of each page starts at the top margin.
    let first = page.runs.iter().filter(|r| r.page == 1).map(cap_top).fold(f64::MAX, f64::min);
    assert_near(first, TOP, 0.05, "cap top of the first line");
}

#[test]
fn header_columns_sizes_and_styles() {
    let page = dispatch();
    let quoc_hieu = page.run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!((quoc_hieu.size, quoc_hieu.bold, quoc_hieu.italic), (12.0, true, false));
    let (left_centre, right_centre) = header_centres(&page);
    assert_near(quoc_hieu.centre(), right_centre, 0.05, "Quốc hiệu centre");
    let tieu_ngu = page.run("Độc lập - Tự do - Hạnh phúc");
    assert_eq!((tieu_ngu.size, tieu_ngu.bold), (13.0, true));
    assert_near(tieu_ngu.centre(), right_centre, 0.05, "Tiêu ngữ centre");
    assert!(tieu_ngu.baseline > quoc_hieu.baseline);

    for line in ["ỦY BAN NHÂN DÂN", "ĐẶC KHU BẠCH LONG VĨ"] {
        let issuer = page.run(line);
        assert_eq!((issuer.size, issuer.bold), (12.0, true), "{line}");
        assert_near(issuer.centre(), left_centre, 0.05, line);
    }
    // The issuing body's first line stands level with the Quốc hiệu.
    assert_near(page.run("ỦY BAN NHÂN DÂN").baseline, quoc_hieu.baseline, 0.01, "first header line");

    let number = page.line("Số: 769/UBND-VHXH");
    assert_eq!(number.0, "Số: 769/UBND-VHXH");
    assert_eq!((number.4[0].size, number.4[0].bold, number.4[0].italic), (13.0, false, false));
    assert_near((number.1 + number.2) / 2.0, left_centre, 0.05, "Số centre");
    let date = page.run("Bạch Long Vĩ, ngày 01 tháng 6 năm 2026");
    assert_eq!((date.size, date.bold, date.italic), (13.0, false, true));
    assert_near(date.centre(), right_centre, 0.05, "date centre");
    assert_near(date.baseline, number.3, 0.01, "Số and the date share a line");

    let subject = page.line("V/v tuyên truyền cài đặt và");
    assert_eq!((subject.4[0].size, subject.4[0].bold), (12.0, false));
    assert_near((subject.1 + subject.2) / 2.0, left_centre, 0.05, "V/v centre");
    assert_near(cap_top(&subject.4[0]) - number.3, 6.0 * PT, 0.05, "6 pt from Số to V/v");
    assert!(page.runs.iter().all(|run| !run.text.contains("CÔNG VĂN")), "a công văn prints no type name");
}

#[test]
fn rules_under_the_headings() {
    let page = dispatch();
    let tieu_ngu = page.run("Độc lập - Tự do - Hạnh phúc");
    let under = page.rule_under(tieu_ngu);
    assert!(under.y - tieu_ngu.baseline < 3.0, "close under the Tiêu ngữ");
    assert_near(under.length, tieu_ngu.width, 0.05, "rule under the Tiêu ngữ");
    assert_near(under.x, tieu_ngu.x, 0.05, "its start");

    let issuer = page.run("ĐẶC KHU BẠCH LONG VĨ");
    let widest = issuer.width.max(page.run("ỦY BAN NHÂN DÂN").width);
    let under = page.rule_under(issuer);
    assert!(under.y - issuer.baseline < 3.0, "close under the issuing body: {under:?} {issuer:?}");
    assert!(under.length >= widest / 3.0 && under.length <= widest / 2.0, "{under:?} against {widest}");
    assert_near(under.x + under.length / 2.0, header_centres(&page).0, 0.05, "rule centre");
    // Clear of the lowest marks ("Ặ", "Ạ") by 1 mm, from the rule's top edge.
    assert!(under.y - 0.25 * PT - issuer.ink.bottom >= 1.0, "{under:?} under {issuer:?}");
    let under = page.rule_under(tieu_ngu);
    assert!(under.y - 0.25 * PT - tieu_ngu.ink.bottom >= 1.0, "{under:?} under {tieu_ngu:?}");
}

#[test]
fn body_is_justified_indented_and_spaced() {
    let page = dispatch();
    let first = page.line("Ứng dụng Công dân số Smart Hải Phòng là");
    assert_eq!(first.4[0].size, 14.0);
    assert_near(first.1, LEFT + 12.7, 0.05, "first-line indent of 1.27 cm");
    assert_near(first.2, RIGHT, 0.05, "justified to the right margin");
    let second = page.line("tảng cung cấp dịch vụ");
    assert_near(second.1, LEFT, 0.05, "following lines at the margin");
    assert_near(second.2, RIGHT, 0.05, "justified");
    let pitch = second.3 - first.3;
    assert!((14.0 * 1.1 * PT..=14.0 * 1.5 * 1.15 * PT).contains(&pitch), "line pitch {pitch} mm");

    // 6 pt between paragraphs, on top of the line pitch.
    let last = page.line("lời phản ánh, kiến nghị của công dân");
    let next = page.line("Thực hiện Kế hoạch số 22/KH-UBND");
    assert_near(next.3 - last.3 - pitch, 6.0 * PT, 0.05, "paragraph gap");

    let heading = page.line("1. Công tác tuyên truyền");
    assert!(heading.4.iter().all(|r| r.bold), "headings are bold");
    let point = page.line("a) Đối với hệ điều hành iOS (iPhone):");
    assert!(!point.4[0].italic && point.4.last().unwrap().italic, "the label upright, the point's text italic");
    let bold = page.run("trước 17 giờ 00 phút ngày 01 hằng tháng");
    assert!(bold.bold);

    let closing = page.lines().last().unwrap().clone();
    let body_end = page.line("thôn và đề nghị các cơ quan có liên quan");
    assert!(body_end.0.ends_with("thực hiện./."), "{}", body_end.0);
    assert!(closing[0].baseline > body_end.3);
}

#[test]
fn signature_block_and_recipients() {
    let page = dispatch();
    let noi_nhan = page.run("Nơi nhận:");
    assert_eq!((noi_nhan.size, noi_nhan.bold, noi_nhan.italic), (12.0, true, true));
    assert_near(noi_nhan.x, LEFT, 0.05, "Nơi nhận against the margin");
    let title = page.run("TM. ỦY BAN NHÂN DÂN");
    assert_eq!((title.size, title.bold), (14.0, true));
    assert_near(title.centre(), RIGHT_CENTRE, 0.05, "signer centred in the right column");
    assert_eq!(title.page, noi_nhan.page);
    assert_near(cap_top(noi_nhan), cap_top(title), 0.05, "Nơi nhận level with the title");
    let role = page.run("PHÓ CHỦ TỊCH");
    let name = page.run("Nguyễn Văn Hậu");
    assert_eq!((name.size, name.bold), (14.0, true));
    assert!(name.baseline - role.baseline >= 30.0, "room to sign and stamp");
    for line in ["- Như trên;", "- TT Đảng ủy đặc khu;", "- Lưu: VT, VHXX."] {
        let run = page.run(line);
        assert_eq!((run.size, run.bold, run.italic), (11.0, false, false), "{line}");
    }

    let kinh_gui = page.run("Kính gửi:");
    assert_eq!(kinh_gui.size, 14.0);
    let colon = kinh_gui.end();
    for line in ["- UBMTTQVN đặc khu và các đoàn thể đặc khu;", "- Các thôn trên địa bàn đặc khu."] {
        let run = page.run(line);
        assert!(run.baseline > kinh_gui.baseline);
        assert!(run.x < colon && run.x > kinh_gui.x, "the dashes stand under the colon: {run:?}");
    }
}

#[test]
fn page_numbers_from_page_two() {
    for (_, workspace) in campaigns() {
        page_numbers_of(&dispatch_of(&workspace));
    }
}

fn page_numbers_of(page: &Inspection) {
    let in_top_margin = |number: usize| -> Vec<&common::Run> { page.runs.iter().filter(|r| r.page == number && r.baseline < TOP).collect() };
    assert!(in_top_margin(1).is_empty(), "no number on page 1");
    // The appendix starts a part of its own: no number on its first page.
    let appendix = page.run("Phụ lục 01").page;
    assert!(appendix > 2 && in_top_margin(appendix).is_empty(), "appendix on page {appendix}");
    for number in 2..appendix {
        let runs = in_top_margin(number);
        assert_eq!(runs.len(), 1, "page {number}");
        assert_eq!(runs[0].text, number.to_string());
        assert_eq!((runs[0].size, runs[0].bold, runs[0].italic), (13.0, false, false));
        assert_near(runs[0].centre(), LEFT + TEXT_WIDTH / 2.0, 0.05, "centred");
        let middle = cap_top(runs[0]) / 2.0 + runs[0].baseline / 2.0;
        assert_near(middle, TOP / 2.0, 1.0, "in the middle of the top margin");
    }
}

#[test]
fn qr_codes_are_wide_enough() {
    for (folder, workspace) in campaigns() {
        let page = dispatch_of(&workspace);
        assert_eq!(page.pictures.len(), 2, "{}", folder.display());
        qr_codes_of(&page);
    }
}

fn qr_codes_of(page: &Inspection) {
    for picture in &page.pictures {
        assert!(picture.width >= 25.0, "{picture:?}");
        assert_near(picture.width, picture.height, 0.01, "square");
        assert_near(picture.x + picture.width / 2.0, LEFT + TEXT_WIDTH / 2.0, 0.05, "centred");
    }
}
