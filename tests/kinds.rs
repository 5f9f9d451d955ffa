//! Kinds of document besides the công văn (Nghị định 30, Phụ lục III): the
//! samples in examples/van-ban laid out and measured against the decree's
//! rules, their words read back, and mistakes in a kind's fields refused.

use crate::common::{self, CAP_HEIGHT, Inspection, PT, TempDir, assert_near, copy_data, inspect, pdf_words, vanban, workspace};

const LEFT: f64 = 35.0;
const RIGHT: f64 = 210.0 - 20.0;
const CENTRE: f64 = (LEFT + RIGHT) / 2.0;

fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/van-ban").join(name)
}

/// An example laid out through the workspace of the embedded data.
fn laid_out(name: &str) -> Inspection {
    laid_out_text(name, std::fs::read_to_string(example(name)).unwrap())
}

fn laid_out_text(name: &str, text: String) -> Inspection {
    let workspace = workspace();
    let source = vanban::model::SourceFile::new(name, text);
    let checked = workspace.check_dispatch(&source, &|_| unreachable!("no images")).unwrap_or_else(|e| panic!("{name}: {e}"));
    inspect(&checked.layout(&workspace.renderer).unwrap())
}

/// The type name in capitals, the subject under it, both 14 pt bold and
/// centred on the text; a rule of 1/3 to 1/2 of the subject's longest line
/// under it (Phụ lục I: ô 5a); no V/v under the number.
fn check_title(page: &Inspection, type_name: &str, subject: &[&str], number: &str) {
    let title = page.line(type_name);
    assert_eq!(title.0, type_name);
    assert!(title.4.iter().all(|r| r.size == 14.0 && r.bold && !r.italic), "{title:?}");
    assert_near((title.1 + title.2) / 2.0, CENTRE, 0.1, "the type name centred");
    let mut longest: f64 = 0.0;
    let mut baseline = title.3;
    for line in subject {
        let found = page.line(line);
        assert_eq!(found.0, *line);
        assert!(found.4.iter().all(|r| r.size == 14.0 && r.bold), "{found:?}");
        assert_near((found.1 + found.2) / 2.0, CENTRE, 0.1, line);
        assert!(found.3 > baseline, "{line} under the line before");
        baseline = found.3;
        longest = longest.max(found.2 - found.1);
    }
    let last = page.run(subject.last().unwrap());
    let rule = page.rule_under(last);
    let ratio = rule.length / longest;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "the rule under the subject: {ratio:.2} of its longest line");
    assert_near(rule.x + rule.length / 2.0, CENTRE, 0.1, "the rule centred");
    assert_eq!(page.line("Số:").0, number);
    assert!(page.runs.iter().all(|r| !r.text.starts_with("V/v") && !r.text.starts_with("Kính gửi")), "no V/v, no Kính gửi");
}

#[test]
fn a_ke_hoach_is_laid_out_as_mau_1_4() {
    let page = laid_out("ke-hoach-22.toml");
    check_title(&page, "KẾ HOẠCH", &["Triển khai thực hiện mô hình “Chính quyền thân thiện”", "tại đặc khu Bạch Long Vĩ năm 2026"], "Số: 22/KH-UBND");
    // Căn cứ in italics, ";" then ".".
    let grounds = page.line("Căn cứ Luật Tổ chức chính quyền địa phương");
    assert!(grounds.4.iter().all(|r| r.italic && !r.bold) && grounds.0.ends_with("2025;"), "{grounds:?}");
    // Parts "I." in capitals and bold, headings "1." bold, points "a)".
    for (part, text) in [("I.", "MỤC ĐÍCH, YÊU CẦU"), ("II.", "NỘI DUNG THỰC HIỆN"), ("III.", "TỔ CHỨC THỰC HIỆN")] {
        let line = page.line(&format!("{part} {text}"));
        assert!(line.4.iter().all(|r| r.bold), "{line:?}");
    }
    assert!(page.line("1. Chuyển đổi số").4.iter().all(|r| r.bold));
    assert!(page.line("a) Tuyên truyền").4[0].text.starts_with("a)"));
    // Page numbers from page 2, centred in the top margin.
    assert_eq!(page.pages.len(), 2);
    let number = page.runs.iter().find(|r| r.page == 2 && r.text == "2").expect("page 2 numbered");
    assert_near(number.centre(), CENTRE, 0.1, "the page number centred");
    assert!(page.runs.iter().all(|r| !(r.page == 1 && r.text == "1")), "page 1 unnumbered");
}

#[test]
fn a_quyet_dinh_is_laid_out_as_mau_1_2() {
    let page = laid_out("quyet-dinh-15.toml");
    check_title(&page, "QUYẾT ĐỊNH", &["Thành lập Tổ công tác hỗ trợ người dân cài đặt", "và sử dụng ứng dụng Công dân số"], "Số: 15/QĐ-UBND");
    // Who decides: capitals, bold, centred, under the subject's rule.
    let authority = page.line("CHỦ TỊCH ỦY BAN NHÂN DÂN ĐẶC KHU BẠCH LONG VĨ");
    assert!(authority.4.iter().all(|r| r.bold && r.size == 14.0));
    assert_near((authority.1 + authority.2) / 2.0, CENTRE, 0.1, "the authority centred");
    let rule = page.rule_under(page.run("và sử dụng ứng dụng Công dân số"));
    assert!(authority.3 - CAP_HEIGHT * 14.0 * PT > rule.y, "the authority under the rule");
    // The căn cứ: each in italics, a paragraph of its own, ";" … ".".
    let first = page.line("Căn cứ Luật Tổ chức");
    let proposal = page.line("Theo đề nghị của Trưởng phòng");
    assert!(first.0.ends_with(';') && proposal.0.ends_with("hội."), "{} / {}", first.0, proposal.0);
    assert!(first.4.iter().chain(&proposal.4).all(|r| r.italic));
    assert!(first.1 > LEFT + 5.0, "a căn cứ opens as a paragraph, indented");
    // "QUYẾT ĐỊNH:" bold and centred, under the căn cứ, over Điều 1.
    let decides = page.line("QUYẾT ĐỊNH:");
    assert!(decides.4.iter().all(|r| r.bold));
    assert_near((decides.1 + decides.2) / 2.0, CENTRE, 0.1, "QUYẾT ĐỊNH: centred");
    assert!(decides.3 > proposal.3);
    // Articles: "Điều N." bold, its text upright and regular; the last ends "./.".
    for n in 1..=3 {
        let article = page.line(&format!("Điều {n}."));
        assert!(article.4[0].bold && article.4[0].text.starts_with(&format!("Điều {n}.")), "{article:?}");
        assert!(article.4.iter().skip(1).all(|r| !r.bold && !r.italic), "{article:?}");
        assert!(article.3 > decides.3);
    }
    let words = page.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(words.contains("Quyết định này./."), "the body ends ./.");
    assert!(page.line("- Như Điều 3;").0 == "- Như Điều 3;");
}

/// The examples, one file per kind laid out.
const EXAMPLES: [&str; 12] = [
    "ke-hoach-lien-tich-03",
    "sao-y-05",
    "ke-hoach-22",
    "quyet-dinh-15",
    "quyet-dinh-16",
    "nghi-quyet-09",
    "cong-van-20",
    "giay-moi-07",
    "giay-gioi-thieu-12",
    "bien-ban-03",
    "cong-dien-01",
    "giay-nghi-phep-05",
];

/// Every text of each example's data reads back from its PDF (compared in
/// capitals: titles print so), and the words each sample adds with them.
#[test]
fn every_word_of_the_examples_reads_back() {
    let dir = TempDir::new("kinds-words");
    // What is not printed as written: keys, the symbol (printed after the
    // number), the body's name in running text (printed only where the
    // sample names it), the date (printed in words).
    let unprinted = ["kind", "symbol", "full_name", "valid_until", "copy", "of"];
    fn texts(value: &toml::Value, key: &str, unprinted: &[&str], into: &mut Vec<String>) {
        match value {
            toml::Value::String(text) if !unprinted.contains(&key) => into.push(text.clone()),
            toml::Value::Array(items) => items.iter().for_each(|item| texts(item, key, unprinted, into)),
            toml::Value::Table(table) => table.iter().for_each(|(key, value)| texts(value, key, unprinted, into)),
            _ => {}
        }
    }
    let added = [
        ("giay-moi-07", vec!["Ủy ban nhân dân đặc khu Bạch Long Vĩ trân trọng kính mời:", "Tới dự", "Thời gian:", "Địa điểm:"]),
        (
            "giay-gioi-thieu-12",
            vec!["trân trọng giới thiệu:", "Ông (bà):", "Chức vụ:", "Được cử đến:", "Về việc:", "Giấy này có giá trị đến hết ngày 30 tháng 6 năm 2026"],
        ),
        (
            "bien-ban-03",
            vec!["Thời gian bắt đầu:", "Thành phần tham dự:", "Chủ trì (chủ tọa):", "Thư ký (người ghi biên bản):", "Hội nghị kết thúc vào 11 giờ 00 phút"],
        ),
        ("cong-dien-01", vec!["CHỦ TỊCH ỦY BAN NHÂN DÂN ĐẶC KHU BẠCH LONG VĨ điện:"]),
        ("quyet-dinh-15", vec!["QUYẾT ĐỊNH:", "Điều 1.", "Điều 3."]),
        ("nghi-quyet-09", vec!["QUYẾT NGHỊ:", "Điều 2."]),
        ("quyet-dinh-16", vec!["QUY CHẾ", "Chương I", "Chương II", "Điều 4."]),
        ("sao-y-05", vec!["QUYẾT ĐỊNH", "Số: 15/QĐ-UBND", "SAO Y", "Số: 05/SY-VP", "2026-06-05T09:30:00+07:00"]),
        (
            "giay-nghi-phep-05",
            vec![
                "Xét Đơn đề nghị nghỉ phép ngày 15 tháng 7 năm 2026 của ông (bà) Trần Thị C,",
                "cấp cho:",
                "Được nghỉ phép trong thời gian 10 ngày, kể từ ngày 03 tháng 8 năm 2026 đến hết ngày 12 tháng 8 năm 2026 tại",
                "Số ngày nghỉ phép nêu trên được tính vào thời gian nghỉ hằng năm năm 2026./.",
                "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa phương nơi nghỉ phép",
            ],
        ),
    ];
    for name in EXAMPLES {
        let pdf = dir.join(&format!("{name}.pdf"));
        let (ok, _, stderr) = vanban(&dir.0, &["dispatch", example(&format!("{name}.toml")).to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        assert!(ok, "{stderr}");
        let upper = pdf_words(&pdf).join(" ").to_uppercase();
        let data: toml::Value = toml::from_str(&std::fs::read_to_string(example(&format!("{name}.toml"))).unwrap()).unwrap();
        let mut expected = Vec::new();
        texts(&data, "", &unprinted, &mut expected);
        expected.extend(added.iter().filter(|(n, _)| *n == name).flat_map(|(_, words)| words.iter().map(|w| w.to_string())));
        for text in expected {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.trim_end_matches(['.', ';']);
            assert!(upper.contains(&text.to_uppercase()), "{name}: {text:?} not in the PDF");
        }
    }
}

/// A biên bản's two signatures stand level, the secretary's left and the
/// chair's right, each centred on its half; Nơi nhận under them; the
/// empty signature field over the chair's room only (Mẫu 1.9).
#[test]
fn a_bien_ban_has_two_signatures_level_and_its_distribution_under_them() {
    let page = laid_out("bien-ban-03.toml");
    let (secretary, chair) = (page.run("THƯ KÝ"), page.run("CHỦ TỌA"));
    assert_near(secretary.baseline, chair.baseline, 0.01, "the titles level");
    let half = (RIGHT - LEFT) / 2.0;
    assert_near(secretary.centre(), LEFT + (half - 1.5) / 2.0, 0.2, "THƯ KÝ centred on the left half");
    assert_near(chair.centre(), RIGHT - (half - 1.5) / 2.0, 0.2, "CHỦ TỌA centred on the right half");
    let (left_name, right_name) = (page.run("Trần Thị C"), page.run("Nguyễn Văn A"));
    assert_near(left_name.baseline, right_name.baseline, 0.01, "the names level");
    assert!(left_name.bold && right_name.bold);
    let distribution = page.run("Nơi nhận:");
    assert!(distribution.baseline > right_name.baseline && distribution.x < LEFT + 0.1, "Nơi nhận under the signatures, at the margin");
    assert!(page.line("Hội nghị kết thúc vào").0.ends_with("2026./."), "the closing time ends the body");

    let dir = TempDir::new("kinds-minutes");
    let pdf = dir.join("bien-ban.pdf");
    let (ok, _, stderr) = vanban(&dir.0, &["dispatch", example("bien-ban-03.toml").to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let document = lopdf::Document::load(&pdf).unwrap();
    let fields: Vec<[f64; 4]> = document
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"FT").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Sig")))
        .map(|d| {
            let r: Vec<f64> = d.get(b"Rect").unwrap().as_array().unwrap().iter().map(|n| n.as_float().unwrap() as f64).collect();
            [r[0], r[1], r[2], r[3]]
        })
        .collect();
    assert_eq!(fields.len(), 1, "one signature field");
    let x_mm = |pt: f64| pt * PT;
    assert!(x_mm(fields[0][0]) > LEFT + half && x_mm(fields[0][2]) <= RIGHT + 0.01, "the field over the chair's room, inside the text: {:?}", fields[0]);
}

/// A công điện: who cables in capitals and bold, "điện:" after it, the line
/// centred; its recipients under it with their dashes (Mẫu 1.6).
#[test]
fn a_cong_dien_names_who_cables_to_whom() {
    let page = laid_out("cong-dien-01.toml");
    check_title(&page, "CÔNG ĐIỆN", &["Về việc chủ động ứng phó với bão số 5"], "Số: 01/CĐ-UBND");
    let sender = page.line("CHỦ TỊCH ỦY BAN NHÂN DÂN ĐẶC KHU BẠCH LONG VĨ");
    assert!(sender.0.ends_with("điện:"), "{}", sender.0);
    assert_near((sender.1 + sender.2) / 2.0, CENTRE, 0.1, "the sender's line centred");
    let runs = &sender.4;
    assert!(runs.iter().filter(|r| r.text.contains("CHỦ TỊCH")).all(|r| r.bold) && runs.last().unwrap().text.ends_with("điện:"));
    let first = page.line("- Trưởng các thôn");
    let second = page.line("- Thủ trưởng các cơ quan");
    assert!(first.0.ends_with(';') && second.0.ends_with('.'));
    assert_near(first.1, second.1, 0.01, "the recipients' dashes lined up");
    assert!(first.3 > sender.3);
}

/// A giấy giới thiệu has no subject: the rule goes under its type name.
#[test]
fn a_giay_gioi_thieu_has_its_rule_under_the_type_name() {
    let page = laid_out("giay-gioi-thieu-12.toml");
    let title = page.run("GIẤY GIỚI THIỆU");
    assert!(title.bold && title.size == 14.0);
    assert_near(title.centre(), CENTRE, 0.1, "the type name centred");
    let rule = page.rule_under(title);
    let ratio = rule.length / title.width;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "{ratio:.2}");
    assert!(page.line("Ông (bà): Trần Thị C").0 == "Ông (bà): Trần Thị C");
}

/// One line naming the file, the line and what to write, and nothing written.
fn refused(dir: &TempDir, file: &str, text: &str) -> String {
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["dispatch", path.to_str().unwrap(), "-o", dir.join("out.pdf").to_str().unwrap()]);
    assert!(!ok && !dir.join("out.pdf").exists(), "{file} was rendered");
    let errors: Vec<&str> = stderr.lines().filter(|line| line.starts_with("lỗi")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    errors[0].to_owned()
}

#[test]
fn mistakes_in_a_kinds_fields_are_refused_with_the_fix() {
    let dir = TempDir::new("kinds-refused");
    let plan = std::fs::read_to_string(example("ke-hoach-22.toml")).unwrap();
    let decision = std::fs::read_to_string(example("quyet-dinh-15.toml")).unwrap();
    // A misspelt kind: its line and the nearest kind.
    let stderr = refused(&dir, "a.toml", &plan.replace("kind = \"ke-hoach\"", "kind = \"ke-hoac\""));
    assert!(stderr.contains("a.toml, dòng 7") && stderr.contains("ke-hoach"), "{stderr}");
    // A symbol without the kind's abbreviation: its line and the symbol to write.
    let stderr = refused(&dir, "b.toml", &plan.replace("symbol = \"KH-UBND\"", "symbol = \"UBND-VHXH\""));
    assert!(stderr.contains("b.toml, dòng 10") && stderr.contains("symbol = \"KH-UBND\""), "{stderr}");
    // A kind whose sample vanban does not lay out yet says so, and what it does.
    let stderr = refused(&dir, "c.toml", &plan.replace("kind = \"ke-hoach\"", "kind = \"hop-dong\"").replace("KH-UBND", "HĐ-UBND"));
    assert!(stderr.contains("c.toml, dòng 7") && stderr.contains("không có mẫu cho loại này") && stderr.contains("ke-hoach"), "{stderr}");
    // A leave that ends before it starts.
    let leave = std::fs::read_to_string(example("giay-nghi-phep-05.toml")).unwrap();
    let stderr = refused(&dir, "h.toml", &leave.replace("to = 2026-08-12", "to = 2026-07-12"));
    assert!(stderr.contains("h.toml, dòng 21") && stderr.contains("(to)"), "{stderr}");
    // A sample's own table: needed by its kind, refused on another.
    let stderr = refused(&dir, "f.toml", &plan.replace("kind = \"ke-hoach\"", "kind = \"giay-moi\"").replace("KH-UBND", "GM-UBND"));
    assert!(stderr.contains("f.toml") && stderr.contains("[invitation] với invitee"), "{stderr}");
    let stderr = refused(&dir, "g.toml", &format!("{plan}\n[telegram]\nsender = \"Chủ tịch\"\n"));
    assert!(stderr.contains("g.toml, dòng 55") && stderr.contains("bảng [telegram] không dùng cho kế hoạch"), "{stderr}");
    // A quyết định needs who decides; a kế hoạch has no such line.
    let stderr = refused(&dir, "d.toml", &decision.replace("authority = \"Chủ tịch Ủy ban nhân dân đặc khu Bạch Long Vĩ\"", ""));
    assert!(stderr.contains("d.toml") && stderr.contains("authority = "), "{stderr}");
    let stderr = refused(&dir, "e.toml", &plan.replace("kind = \"ke-hoach\"", "kind = \"ke-hoach\"\nauthority = \"Chủ tịch\""));
    assert!(stderr.contains("e.toml, dòng 8") && stderr.contains("bỏ dòng authority"), "{stderr}");
}

/// Documents of any kind in the data's van-ban/ folder are built beside
/// the campaign's, as out/van-ban/<name>.pdf.
#[test]
fn build_renders_the_documents_of_van_ban() {
    let dir = TempDir::new("kinds-build");
    let data = copy_data(&dir);
    std::fs::create_dir_all(data.join("van-ban")).unwrap();
    for name in EXAMPLES {
        std::fs::copy(example(&format!("{name}.toml")), data.join("van-ban").join(format!("{name}.toml"))).unwrap();
    }
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", data.to_str().unwrap(), "--out", "out"]);
    assert!(ok, "{stderr}");
    for name in EXAMPLES {
        let pdf = dir.join(&format!("out/van-ban/{name}.pdf"));
        assert!(common::page_count(&pdf) >= 1, "{name}");
    }
    assert!(pdf_words(&dir.join("out/van-ban/quyet-dinh-15.pdf")).join(" ").contains("QUYẾT ĐỊNH:"));
}

/// A công điện with every mark of Phụ lục I, as a draft.
fn marked(draft: bool) -> String {
    let telegram = std::fs::read_to_string(example("cong-dien-01.toml")).unwrap();
    let marks = format!(
        "secrecy = \"toi-mat\"\nurgency = \"hoa-toc\"\ncirculation = \"xem-xong-tra-lai\"\ndraft = {draft}\ndrafter = {{ initials = \"VP\", copies = 25 }}\n"
    );
    let contact = "address = \"Thôn 1, đặc khu Bạch Long Vĩ\"\nphone = \"0225 3881 234\"\nemail = \"ubnd@bachlongvi.haiphong.gov.vn\"\n";
    telegram
        .replace("recipients = [", &format!("{marks}recipients = ["))
        .replace("full_name = \"Ủy ban nhân dân đặc khu Bạch Long Vĩ\"\n", &format!("full_name = \"Ủy ban nhân dân đặc khu Bạch Long Vĩ\"\n{contact}"))
}

/// Phụ lục I's marks where it puts them: độ mật, mức độ khẩn and phạm vi
/// lưu hành boxed in the header's left column under the number, the
/// secrecy stamp 30 by 8 mm for TỐI MẬT in a double border; the drafter's
/// initials and copies under Nơi nhận; the body's address and contacts at
/// the foot of page 1, under a rule across the text, inside the margins.
#[test]
fn the_decrees_marks_stand_where_phu_luc_i_puts_them() {
    let page = laid_out_text("marks.toml", marked(false));
    let number = page.line("Số: 01/CĐ-UBND");
    let left_centre = (number.1 + number.2) / 2.0;
    let mut above = number.3;
    for words in ["TỐI MẬT", "HỎA TỐC", "XEM XONG TRẢ LẠI"] {
        let mark = page.run(words);
        assert!(mark.bold && mark.size == 13.0, "{mark:?}");
        assert_near(mark.centre(), left_centre, 0.2, words);
        assert!(mark.baseline > above, "{words} under what is above it");
        above = mark.baseline;
        let boxes = page
            .rects
            .iter()
            .filter(|r| r.page == 1 && r.x < mark.x && r.x + r.width > mark.end() && r.y < mark.baseline && r.y + r.height > mark.baseline)
            .count();
        assert_eq!(boxes, if words == "TỐI MẬT" { 2 } else { 1 }, "{words}: its border");
    }
    let secrecy = page.run("TỐI MẬT");
    let outer = page
        .rects
        .iter()
        .filter(|r| r.x < secrecy.x && r.y < secrecy.baseline && r.y + r.height > secrecy.baseline)
        .map(|r| (r.width, r.height))
        .fold((0.0, 0.0), |a: (f64, f64), b| if b.0 > a.0 { b } else { a });
    assert_near(outer.0, 30.0, 0.3, "TỐI MẬT's stamp width");
    assert_near(outer.1, 8.0, 0.3, "its height");
    assert!(page.run("CÔNG ĐIỆN").baseline > above, "the marks above the type name");
    // Ô 12.
    let drafter = page.line("VP.(25)");
    assert!(drafter.1 < LEFT + 0.1 && drafter.3 > page.run("- Lưu: VT").baseline, "{drafter:?}");
    // Ô 13.
    let contact = page.line("Địa chỉ: Thôn 1");
    assert!(contact.0.contains("Điện thoại: 0225 3881 234") && contact.4[0].size == 11.0, "{}", contact.0);
    let rule = page.rules.iter().filter(|r| r.page == 1 && r.y < contact.3).max_by(|a, b| a.y.partial_cmp(&b.y).unwrap()).unwrap();
    assert_near(rule.length, RIGHT - LEFT, 0.1, "the rule across the text");
    assert!(page.runs.iter().filter(|r| r.page == 1).all(|r| r.baseline <= 297.0 - 20.0), "inside the bottom margin");
    assert!(page.runs.iter().all(|r| !r.text.contains("DỰ THẢO")), "not a draft");
}

/// A draft says so on every page and has no signature field; the same
/// document issued has one.
#[test]
fn a_draft_is_marked_and_has_no_signature_field() {
    let dir = TempDir::new("kinds-draft");
    for draft in [true, false] {
        let toml = dir.join("cong-dien.toml");
        std::fs::write(&toml, marked(draft)).unwrap();
        let pdf = dir.join(&format!("draft-{draft}.pdf"));
        let (ok, _, stderr) = vanban(&dir.0, &["dispatch", toml.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        assert!(ok, "{stderr}");
        let info = common::tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert_eq!(info.contains("Form:            AcroForm"), !draft, "{info}");
        // Across the page, rotated: pdftotext reads it in its raw order.
        let raw = common::tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
        assert_eq!(raw.split_whitespace().collect::<Vec<_>>().windows(2).any(|w| w == ["DỰ", "THẢO"]), draft, "{raw}");
    }
}

/// `vanban new KIND` writes a start for every kind with a sample, which
/// renders as it is and is of its kind; a misspelt kind, a kind without a
/// sample and a file already there are refused with the usage line.
#[test]
fn vanban_new_starts_every_kind_and_the_start_renders() {
    let dir = TempDir::new("kinds-new");
    let mut started = 0;
    for key in [
        "nghi-quyet",
        "quyet-dinh",
        "chi-thi",
        "quy-che",
        "quy-dinh",
        "thong-cao",
        "thong-bao",
        "huong-dan",
        "chuong-trinh",
        "ke-hoach",
        "phuong-an",
        "de-an",
        "du-an",
        "bao-cao",
        "bien-ban",
        "to-trinh",
        "cong-dien",
        "giay-uy-quyen",
        "giay-moi",
        "giay-gioi-thieu",
        "giay-nghi-phep",
        "phieu-gui",
        "phieu-chuyen",
        "phieu-bao",
        "cong-van",
    ] {
        let (ok, stdout, stderr) = vanban(&dir.0, &["new", key]);
        assert!(ok && stdout.trim() == format!("{key}.toml"), "{key}: {stderr}");
        let pdf = dir.join(&format!("{key}.pdf"));
        let (ok, _, stderr) = vanban(&dir.0, &["dispatch", &format!("{key}.toml"), "-o", pdf.to_str().unwrap()]);
        assert!(ok, "{key}: {stderr}");
        let words = pdf_words(&pdf).join(" ");
        if key != "cong-van" {
            let text = std::fs::read_to_string(dir.join(&format!("{key}.toml"))).unwrap();
            assert!(text.contains(&format!("kind = \"{key}\"")), "{key}");
        }
        assert!(words.contains("Số:"), "{key}");
        started += 1;
    }
    assert_eq!(started, 25, "the 27 kinds of Phụ lục III but the two without a sample, and the công văn");
    // What each start is laid out as: its type name at the head.
    assert!(pdf_words(&dir.join("to-trinh.pdf")).join(" ").contains("TỜ TRÌNH"));
    assert!(pdf_words(&dir.join("to-trinh.pdf")).join(" ").contains("Số: 22/TTr-UBND"));
    for (args, expected) in [
        (vec!["new", "quyet-dnh"], "Có phải ý bạn là “quyet-dinh”?"),
        (vec!["new", "hop-dong"], "không có mẫu trình bày hợp đồng"),
        (vec!["new", "ke-hoach"], "ke-hoach.toml đã có; vanban new không ghi đè"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(&args).current_dir(&dir.0).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected) && stderr.contains("Cách dùng: vanban new"), "{args:?}: {stderr}");
    }
}

/// Runs grouped into lines on a page below the top margin, in order.
fn page_lines(page: &Inspection, number: usize) -> Vec<String> {
    page.lines()
        .into_iter()
        .filter(|line| line[0].page == number && line[0].baseline > 25.0)
        .map(|line| line.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" "))
        .collect()
}

/// Long names and wraps: a quyết định whose issuer takes three lines, its
/// subject two, with ten căn cứ and forty articles over several pages:
/// every line inside the margins, the pages numbered from 2, the articles
/// in order, "QUYẾT ĐỊNH:" never last on a page, the signature with the
/// last article.
#[test]
fn a_long_quyet_dinh_keeps_the_decrees_rules_across_its_pages() {
    let decision = std::fs::read_to_string(example("quyet-dinh-15.toml")).unwrap();
    let grounds: Vec<String> = (1..=10)
        .map(|n| format!("    \"Căn cứ văn bản số {n} quy định về tổ chức và hoạt động của các cơ quan chuyên môn thuộc Ủy ban nhân dân đặc khu\","))
        .collect();
    let articles: Vec<String> =
        (1..=40).map(|n| format!("    {{ article = \"Nội dung thứ {n} của Quyết định, đủ dài để xuống dòng: các cơ quan, đơn vị có liên quan tổ chức thực hiện và báo cáo kết quả.\" }},")).collect();
    let start = decision.find("grounds = [").unwrap();
    let end = decision.find("distribution = [").unwrap();
    let text = format!("{}grounds = [\n{}\n]\n\nbody = [\n{}\n]\n\n{}", &decision[..start], grounds.join("\n"), articles.join("\n"), &decision[end..])
        .replace(
            "name = [\"Ủy ban nhân dân\", \"Đặc khu Bạch Long Vĩ\"]",
            "name = [\"Ban Chỉ đạo chuyển đổi số\", \"và thực hiện Đề án 06\", \"đặc khu Bạch Long Vĩ\"]",
        )
        .replace(
            "Thành lập Tổ công tác hỗ trợ người dân cài đặt\nvà sử dụng ứng dụng Công dân số",
            "Thành lập Tổ công tác hỗ trợ người dân cài đặt và sử dụng\nứng dụng Công dân số và các dịch vụ công trực tuyến",
        );
    let page = laid_out_text("dai.toml", text);
    assert!(page.pages.len() >= 3, "{} pages", page.pages.len());
    for run in &page.runs {
        assert!(run.x >= LEFT - 0.01 && run.end() <= RIGHT + 0.01 && run.baseline <= 297.0 - 20.0, "outside the margins: {run:?}");
    }
    for number in 2..=page.pages.len() {
        let mark = page
            .runs
            .iter()
            .find(|r| r.page == number && r.text == number.to_string() && r.baseline < 25.0)
            .unwrap_or_else(|| panic!("page {number} unnumbered"));
        assert_near(mark.centre(), CENTRE, 0.1, "the page number centred");
    }
    // The issuer's three lines, centred on one another, the rule under the last.
    let lines: Vec<_> = ["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "VÀ THỰC HIỆN ĐỀ ÁN 06", "ĐẶC KHU BẠCH LONG VĨ"].iter().map(|l| page.run(l)).collect();
    assert_near(lines[0].centre(), lines[2].centre(), 0.1, "the issuer's lines centred");
    assert!(lines[0].baseline < lines[1].baseline && lines[1].baseline < lines[2].baseline);
    let rule = page.rule_under(lines[2]);
    assert_near(rule.x + rule.length / 2.0, lines[2].centre(), 0.1, "the rule under the issuer");
    // The articles in order, once each.
    let all: Vec<String> = (1..=page.pages.len()).flat_map(|n| page_lines(&page, n)).collect();
    let labels: Vec<usize> = all.iter().filter_map(|l| l.strip_prefix("Điều ")?.split('.').next()?.parse().ok()).collect();
    assert_eq!(labels, (1..=40).collect::<Vec<_>>());
    for number in 1..=page.pages.len() {
        let lines = page_lines(&page, number);
        assert_ne!(lines.last().map(String::as_str), Some("QUYẾT ĐỊNH:"), "page {number} ends on QUYẾT ĐỊNH:");
    }
    let last_article = page.run("Điều 40.");
    assert!(page.run("Nơi nhận:").page >= last_article.page && page.run("Nơi nhận:").page <= last_article.page + 1);
    let closing = page.runs.iter().find(|r| r.text.ends_with("./.")).expect("the body ends ./.");
    assert_eq!(page.run("Nơi nhận:").page, closing.page, "the signature with the end of the last article");
}

/// A kế hoạch's parts and headings, pushed down a line at a time so that
/// each meets the foot of a page: none is ever followed by fewer than two
/// lines on its page.
#[test]
fn no_part_or_heading_of_a_ke_hoach_ends_a_page() {
    let plan = std::fs::read_to_string(example("ke-hoach-22.toml")).unwrap();
    let first = plan.find("body = [\n").unwrap() + "body = [\n".len();
    let mut headings = 0;
    for extra in 0..14 {
        let padding = "    { paragraph = \"Dòng thêm.\" },\n".repeat(extra);
        let page = laid_out_text("ke-hoach.toml", format!("{}{padding}{}", &plan[..first], &plan[first..]));
        for number in 1..=page.pages.len() {
            let lines = page.lines().into_iter().filter(|l| l[0].page == number && l[0].baseline > 25.0).collect::<Vec<_>>();
            for (i, line) in lines.iter().enumerate() {
                let text = line.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
                let label = text.split_once(". ").map_or("", |(n, _)| n);
                let numbered = !label.is_empty() && (label.chars().all(|c| c.is_ascii_digit()) || label.chars().all(|c| "IVX".contains(c)));
                if line[0].bold && numbered {
                    headings += 1;
                    let under = lines.len() - i - 1;
                    assert!(under >= 2, "{extra} lines added: {text:?} has {under} lines under it on page {number}");
                }
            }
        }
    }
    assert!(headings >= 14 * 7, "{headings} headings seen");
}

/// A quyết định that issues a regulation (Mẫu 1.3): the regulation on its
/// own pages after it, numbered on their own; its header without number or
/// date; its type name and subject centred and bold; "(Ban hành kèm theo
/// Quyết định số … của …)" in italics with a short rule; chapters "Chương
/// I" over their titles, centred and bold; its articles numbered from 1;
/// its signer without Nơi nhận and without a second signature field.
#[test]
fn a_quyet_dinh_issues_its_regulation_on_pages_of_its_own() {
    let page = laid_out("quyet-dinh-16.toml");
    let title = page.run("QUY CHẾ");
    assert!(title.page >= 2 && title.bold && title.size == 14.0);
    assert_near(title.centre(), CENTRE, 0.1, "QUY CHẾ centred");
    let first = title.page;
    assert!(page.runs.iter().all(|r| !(r.page == first && r.baseline < 25.0)), "the regulation's first page is unnumbered");
    assert!(page.runs.iter().all(|r| r.page != first || !r.text.starts_with("Số:")), "no number on the regulation");
    assert!(page.runs.iter().any(|r| r.page == first && r.text.starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));
    let issued = page.line("(Ban hành kèm theo Quyết định số 16/QĐ-UBND ngày 03 tháng 6");
    assert!(issued.4.iter().all(|r| r.italic), "{issued:?}");
    let rest = page.line("năm 2026 của Chủ tịch Ủy ban nhân dân đặc khu Bạch Long Vĩ)");
    let rule = page.rules.iter().filter(|r| r.page == first && r.y > rest.3).min_by(|a, b| a.y.partial_cmp(&b.y).unwrap()).unwrap();
    assert_near(rule.length, 30.0, 0.1, "the short rule");
    for (label, chapter_title) in [("Chương I", "NHỮNG QUY ĐỊNH CHUNG"), ("Chương II", "NHIỆM VỤ VÀ CHẾ ĐỘ BÁO CÁO")] {
        let (label_line, title_line) = (page.line(label), page.line(chapter_title));
        assert_eq!(label_line.0, label);
        assert!(label_line.4[0].bold && title_line.4.iter().all(|r| r.bold));
        assert_near((label_line.1 + label_line.2) / 2.0, CENTRE, 0.1, label);
        assert_near((title_line.1 + title_line.2) / 2.0, CENTRE, 0.1, chapter_title);
        assert!(title_line.3 > label_line.3);
    }
    let regulation: Vec<String> = (first..=page.pages.len()).flat_map(|n| page_lines(&page, n)).collect();
    let labels: Vec<usize> = regulation.iter().filter_map(|l| l.strip_prefix("Điều ")?.split('.').next()?.parse().ok()).collect();
    assert_eq!(labels, vec![1, 2, 3, 4], "the regulation's articles from 1");
    assert_eq!(page.runs.iter().filter(|r| r.text.starts_with("Nơi nhận:")).count(), 1, "Nơi nhận under the quyết định only");
    let signers = page.runs.iter().filter(|r| r.text == "CHỦ TỊCH").count();
    assert_eq!(signers, 2, "the signer under both");

    let dir = TempDir::new("kinds-issued");
    let pdf = dir.join("qd.pdf");
    let (ok, _, stderr) = vanban(&dir.0, &["dispatch", example("quyet-dinh-16.toml").to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let document = lopdf::Document::load(&pdf).unwrap();
    let fields =
        document.objects.values().filter_map(|o| o.as_dict().ok()).filter(|d| d.get(b"FT").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Sig"))).count();
    assert_eq!(fields, 1, "one signature field: the quyết định's");

    // Only a quyết định issues one, and what it issues is a văn bản có tên loại.
    let plan = std::fs::read_to_string(example("ke-hoach-22.toml")).unwrap();
    let stderr =
        refused(&dir, "a.toml", &format!("{plan}\n[attachment]\nkind = \"quy-che\"\nsubject = \"Quy chế\"\nbody = [{{ paragraph = \"Nội dung.\" }}]\n"));
    assert!(stderr.contains("a.toml, dòng 55") && stderr.contains("[attachment]"), "{stderr}");
    let decision = std::fs::read_to_string(example("quyet-dinh-16.toml")).unwrap();
    let stderr = refused(&dir, "b.toml", &decision.replace("kind = \"quy-che\"", "kind = \"giay-moi\""));
    assert!(stderr.contains("b.toml") && stderr.contains("kind = \"quy-che\""), "{stderr}");
}

/// A copy (Mẫu 3.1, 3.2): the document copied, then, under a rule across
/// the text, the copying body and the copy's number at left, "SAO Y" and
/// the place and date at right, Nơi nhận and the copy's signer, who alone
/// gets the signature field; for a copy in electronic form, "SAO Y", the
/// copying body and the signing time at the top right of page 1, 10 pt.
#[test]
fn a_copy_carries_its_own_block_number_and_signer() {
    let workspace = workspace();
    let folder = example("");
    let read_text = |name: &str| Ok(vanban::model::SourceFile::new(name, std::fs::read_to_string(folder.join(name)).unwrap()));
    let source = vanban::model::SourceFile::new("sao-y-05.toml", std::fs::read_to_string(example("sao-y-05.toml")).unwrap());
    let checked = workspace.check_document(&source, &read_text, &|_| unreachable!("no images")).unwrap();
    let page = inspect(&checked.layout(&workspace.renderer).unwrap());
    assert_eq!(page.run("QUYẾT ĐỊNH").page, 1, "the document copied first");
    let form = page.runs.iter().find(|r| r.text == "SAO Y" && r.bold).expect("the copy's form");
    let copy = page.rules.iter().filter(|r| r.page == form.page && r.y < form.baseline).max_by(|a, b| a.y.partial_cmp(&b.y).unwrap()).unwrap();
    assert_near(copy.length, RIGHT - LEFT, 0.1, "the rule across the text over the copy");
    assert!(form.bold && form.size == 14.0);
    let number = page.line("Số: 05/SY-VP");
    assert!(number.2 < form.x, "the copy's number at left");
    let date = page.run("Bạch Long Vĩ, ngày 05 tháng 6 năm 2026");
    assert!(date.italic && date.x > number.2 && (date.baseline - number.3).abs() < 0.5);
    assert!(page.run("VĂN PHÒNG HĐND VÀ UBND").baseline < number.3);
    let signer = page.run("Phạm Thị E");
    assert!(signer.page == form.page && signer.baseline > form.baseline);
    // The electronic copy's line, top right of page 1, in the top margin.
    let signed = page.run("2026-06-05T09:30:00+07:00");
    assert!(signed.page == 1 && signed.size == 10.0 && signed.baseline < 25.0 && (signed.end() - RIGHT).abs() < 0.1, "{signed:?}");

    let dir = TempDir::new("kinds-copy");
    let pdf = dir.join("sao-y.pdf");
    let (ok, _, stderr) = vanban(&dir.0, &["copy", example("sao-y-05.toml").to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let document = lopdf::Document::load(&pdf).unwrap();
    let pages = document.get_pages();
    let fields: Vec<u32> = pages
        .iter()
        .filter(|(_, id)| {
            let annots = document.get_dictionary(**id).unwrap().get(b"Annots").ok().and_then(|a| a.as_array().ok().cloned()).unwrap_or_default();
            annots.iter().any(|a| document.get_dictionary(a.as_reference().unwrap()).unwrap().get(b"FT").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Sig")))
        })
        .map(|(number, _)| *number)
        .collect();
    assert_eq!(fields, vec![form.page as u32], "one signature field, the copy's");
    assert!(common::tool("pdfinfo", &[pdf.to_str().unwrap()]).contains("Bản sao y Quyết định số 15/QĐ-UBND"));

    // A trích sao prints the part copied; mistakes are refused with the fix.
    std::fs::copy(example("quyet-dinh-15.toml"), dir.join("quyet-dinh-15.toml")).unwrap();
    let text = std::fs::read_to_string(example("sao-y-05.toml")).unwrap();
    let of = "quyet-dinh-15.toml";
    let extract = format!(
        "copy = \"trich-sao\"\nof = \"{of}\"\nnumber = 6\nsymbol = \"TrS-VP\"\nplace = \"Bạch Long Vĩ\"\ndate = 2026-06-06\n\
         body = [{{ article = \"Thành lập Tổ công tác hỗ trợ người dân.\" }}]\ndistribution = [\"Lưu: VT\"]\n\
         [issuer]\nname = [\"Văn phòng HĐND và UBND\"]\nfull_name = \"Văn phòng HĐND và UBND\"\n[signer]\ntitle = \"Chánh Văn phòng\"\nname = \"Phạm Thị E\"\n"
    );
    std::fs::write(dir.join("trich-sao.toml"), &extract).unwrap();
    let pdf = dir.join("trich-sao.pdf");
    let (ok, _, stderr) = vanban(&dir.0, &["copy", "trich-sao.toml", "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let words = pdf_words(&pdf).join(" ");
    assert!(words.contains("TRÍCH SAO") && words.contains("Thành lập Tổ công tác hỗ trợ người dân./.") && !words.contains("Điều 2."), "{words}");
    let stderr = refused(&dir, "a.toml", &text.replace("SY-VP", "UBND-VP"));
    assert!(stderr.contains("a.toml, dòng 16") && stderr.contains("symbol = \"SY-VP\""), "{stderr}");
    let stderr = refused(&dir, "b.toml", &text.replace("copy = \"sao-y\"", "copy = \"trich-sao\"").replace("SY-VP", "TrS-VP"));
    assert!(stderr.contains("b.toml") && stderr.contains("body = "), "{stderr}");
    let stderr = refused(&dir, "c.toml", &text.replace("quyet-dinh-15.toml", "khong-co.toml"));
    assert!(stderr.contains("c.toml, dòng 13") && stderr.contains("khong-co.toml"), "{stderr}");
    // The copy's signer's image is named as the copy's file writes it.
    std::fs::write(dir.join("chu-ky.png"), "không phải ảnh").unwrap();
    let stderr = refused(&dir, "d.toml", &text.replace("name = \"Phạm Thị E\"", "name = \"Phạm Thị E\"\nsignature_image = \"chu-ky.png\""));
    assert!(stderr.contains("d.toml") && stderr.contains("signer.signature_image:") && !stderr.contains("copy.signer"), "{stderr}");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["copy", example("quyet-dinh-15.toml").to_str().unwrap()])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    assert!(!output.status.success() && String::from_utf8_lossy(&output.stderr).contains("không phải bản sao"));
}

/// A joint document (văn bản liên tịch): the second body's name under the
/// first's in the header, the rule under both; its signer left and the
/// lead body's right, level, each with a signature field over its own half.
#[test]
fn a_joint_document_has_both_bodies_and_both_signers() {
    let page = laid_out("ke-hoach-lien-tich-03.toml");
    let (first, second) = (page.run("ĐẶC KHU BẠCH LONG VĨ"), page.run("VIỆT NAM ĐẶC KHU"));
    assert!(second.baseline > first.baseline && page.run("ỦY BAN MẶT TRẬN TỔ QUỐC").baseline > first.baseline);
    assert_near(first.centre(), second.centre(), 0.1, "the bodies centred on one another");
    let rule = page.rule_under(second);
    assert!(rule.y > second.baseline, "the rule under both bodies");
    assert_eq!(page.line("Số:").0, "Số: 03/KHLT-UBND-MTTQ");
    let (left, right) = (page.run("TM. BAN THƯỜNG TRỰC"), page.run("TM. ỦY BAN NHÂN DÂN"));
    assert_near(left.baseline, right.baseline, 0.01, "the signers level");
    assert!(left.end() < right.x);

    let dir = TempDir::new("kinds-joint");
    let pdf = dir.join("lien-tich.pdf");
    let (ok, _, stderr) = vanban(&dir.0, &["dispatch", example("ke-hoach-lien-tich-03.toml").to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let document = lopdf::Document::load(&pdf).unwrap();
    let mut fields: Vec<(String, [f64; 4])> = document
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"FT").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Sig")))
        .map(|d| {
            let r: Vec<f64> = d.get(b"Rect").unwrap().as_array().unwrap().iter().map(|n| n.as_float().unwrap() as f64 * PT).collect();
            (lopdf::decode_text_string(d.get(b"T").unwrap()).unwrap(), [r[0], r[1], r[2], r[3]])
        })
        .collect();
    fields.sort_by(|a, b| a.1[0].partial_cmp(&b.1[0]).unwrap());
    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["ChuKy_NguoiKy_2", "ChuKy_NguoiKy"], "the second body's field left, the lead's right");
    let middle = (LEFT + RIGHT) / 2.0;
    assert!(fields[0].1[0] >= LEFT - 0.01 && fields[0].1[2] < middle, "{:?}", fields[0]);
    assert!(fields[1].1[0] > middle && fields[1].1[2] <= RIGHT + 0.01, "{:?}", fields[1]);

    let joint = std::fs::read_to_string(example("ke-hoach-lien-tich-03.toml")).unwrap();
    let signer_at = joint.find("# Người ký của cơ quan thứ hai").unwrap();
    let stderr = refused(&dir, "a.toml", &joint[..signer_at]);
    assert!(stderr.contains("a.toml") && stderr.contains("[co_signer]"), "{stderr}");
    let leave = std::fs::read_to_string(example("giay-nghi-phep-05.toml")).unwrap();
    let stderr = refused(&dir, "b.toml", &format!("{leave}\n[co_issuer]\nname = [\"Ủy ban Mặt trận\"]\nfull_name = \"Ủy ban Mặt trận\"\n"));
    assert!(stderr.contains("b.toml, dòng 34") && stderr.contains("[co_issuer]"), "{stderr}");
}

/// Every example, as written and with a three-line issuer: A4 pages, every
/// line inside the margins, the header's columns where the decree puts
/// them, the type name (where the kind has one) bold and centred, pages
/// numbered from 2 in the top margin; and a misspelt field in each refused
/// naming the file, the line and the field meant.
#[test]
fn every_example_keeps_the_header_margins_and_page_numbers() {
    let dir = TempDir::new("kinds-every");
    std::fs::copy(example("quyet-dinh-15.toml"), dir.join("quyet-dinh-15.toml")).unwrap();
    for name in EXAMPLES {
        let text = std::fs::read_to_string(example(&format!("{name}.toml"))).unwrap();
        let long = text.replacen(
            "name = [\"Ủy ban nhân dân\", \"Đặc khu Bạch Long Vĩ\"]",
            "name = [\"Ban Chỉ đạo chuyển đổi số\", \"và thực hiện Đề án 06\", \"đặc khu Bạch Long Vĩ\"]",
            1,
        );
        for (variant, text) in [("as written", text.clone()), ("three-line issuer", long)] {
            let page = if name.starts_with("sao-y") {
                let workspace = workspace();
                let read_text = |file: &str| Ok(vanban::model::SourceFile::new(file, std::fs::read_to_string(example(file)).unwrap()));
                let checked = workspace.check_document(&vanban::model::SourceFile::new(name, text.clone()), &read_text, &|_| unreachable!()).unwrap();
                inspect(&checked.layout(&workspace.renderer).unwrap())
            } else {
                laid_out_text(name, text.clone())
            };
            for &(width, height) in &page.pages {
                assert!((width - 210.0).abs() < 0.01 && (height - 297.0).abs() < 0.01, "{name}: A4");
            }
            for run in &page.runs {
                assert!(run.x >= LEFT - 0.01 && run.end() <= RIGHT + 0.01 && run.baseline <= 297.0 - 20.0, "{name} ({variant}): outside the margins: {run:?}");
            }
            let quoc_hieu = page.run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            assert_near(quoc_hieu.end(), RIGHT, 0.1, "the Quốc hiệu at the right margin");
            assert!(quoc_hieu.bold && quoc_hieu.size == 12.0);
            let number = page.line("Số:");
            assert!(number.2 < quoc_hieu.x, "{name}: the number in the left column");
            for page_number in 2..=page.pages.len() {
                let parts_first = page.runs.iter().any(|r| r.page == page_number && r.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
                let mark = page.runs.iter().find(|r| r.page == page_number && r.baseline < 25.0 && r.text.chars().all(|c| c.is_ascii_digit()));
                assert!(parts_first || mark.is_some_and(|m| (m.centre() - CENTRE).abs() < 0.1), "{name}: page {page_number} numbered, centred");
            }
            assert!(page.runs.iter().all(|r| !(r.page == 1 && r.baseline < 20.0 && r.text.chars().all(|c| c.is_ascii_digit()))), "{name}: page 1 unnumbered");
        }
        // A misspelt field: its line and the field meant.
        let misspelt = text.replacen("\nplace = ", "\nplcae = ", 1);
        let line = misspelt.lines().position(|l| l.starts_with("plcae = ")).unwrap() + 1;
        let stderr = refused(&dir, &format!("{name}.toml"), &misspelt);
        assert!(stderr.contains(&format!("{name}.toml, dòng {line}")) && stderr.contains("“place”"), "{name}: {stderr}");
    }
}
