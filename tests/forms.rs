//! The blank forms of `vanban forms` (Phụ lục 01): one per unit and all in
//! one, their fields over the blanks a reader fills in, and file names safe
//! whatever a unit is called; for both campaigns, data/ and the second,
//! examples/de-an-06, whose forms have other columns. Their workbooks are in
//! workbooks.rs.

use std::path::Path;

use crate::common::{self, REFERENCE, REFERENCE_412, TempDir, column_keys, copy_example, example_data, fresh_month, page_count, pdf_words, tool, vanban};

/// The names of the units of a campaign's data folder, in their order.
fn unit_names(data: &Path) -> Vec<String> {
    let units: toml::Table = toml::from_str(&std::fs::read_to_string(data.join("units.toml")).unwrap()).unwrap();
    units["unit"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap().to_owned()).collect()
}

/// What a campaign's forms say: its data folder (None: the built-in
/// samples), the sentence citing its dispatch, its first unit's form file
/// and what that form prints.
struct Campaign {
    data: Option<std::path::PathBuf>,
    reference: &'static str,
    first: &'static str,
    says: &'static [&'static str],
}

fn both() -> [Campaign; 2] {
    [
        Campaign {
            data: None,
            reference: REFERENCE,
            first: "thon-1",
            says: &["ĐƠN VỊ: THÔN 1", "Số: /BC-T1", "TRƯỞNG THÔN", "Bạch Long Vĩ, ngày ...... tháng ...... năm ..........", "UBND ĐẶC KHU BẠCH LONG VĨ"],
        },
        Campaign {
            data: Some(example_data()),
            reference: REFERENCE_412,
            first: "cong-an-xa-an-hoa",
            says: &["ĐƠN VỊ: CÔNG AN XÃ AN HÒA", "Số: /BC-CA", "TRƯỞNG CÔNG AN XÃ", "An Hòa, ngày ...... tháng ...... năm ..........", "CÔNG AN TỈNH ĐỒNG NAI"],
        },
    ]
}

#[test]
fn a_blank_form_for_every_unit_and_all_in_one() {
    for campaign in both() {
        let dir = TempDir::new("forms");
        let folder = campaign.data.clone().unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
        let mut args = vec!["forms".to_owned()];
        if let Some(data) = &campaign.data {
            args.extend(["--data".to_owned(), data.to_str().unwrap().to_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (ok, stdout, stderr) = vanban(&dir.0, &args);
        assert!(ok, "{stderr}");
        let names = unit_names(&folder);
        assert_eq!(names.len(), if campaign.data.is_none() { 17 } else { 10 });
        // A PDF and a workbook per unit, and all the PDFs in one.
        let files = 2 * names.len() + 1;
        assert_eq!(stdout.lines().count(), files, "{stdout}");
        let documents = names.len() + 1;
        let closing = format!("vanban forms: in {documents}/{documents} văn bản; {files} tệp — {files} mới, 0 thay đổi, 0 giữ nguyên; đã xóa 0 tệp cũ\n");
        assert!(stderr.ends_with(&closing), "{stderr}");
        let all = dir.join("out/bieu-mau/tat-ca.pdf");
        assert_eq!(page_count(&all), names.len(), "one page per unit");
        for (page, name) in names.iter().enumerate() {
            let page = (page + 1).to_string();
            let text = tool("pdftotext", &["-f", &page, "-l", &page, all.to_str().unwrap(), "-"]);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(&format!("ĐƠN VỊ: {}", name.to_uppercase())), "page {page}: {text}");
            assert!(text.contains(&format!("Đơn vị {name} báo cáo")), "page {page}");
            assert!(text.contains(campaign.reference), "page {page}: {text}");
        }
        let one = pdf_words(&dir.join(&format!("out/bieu-mau/{}.pdf", campaign.first))).join(" ");
        for says in campaign.says {
            assert!(one.contains(says), "{says}: {one}");
        }
    }
}

#[test]
fn a_bundle_longer_than_a_chunk_is_one_pdf_of_every_form() {
    // tat-ca.pdf is exported in chunks as the forms are laid out, then joined.
    let chunk = vanban::pdf::bundle::CHUNK;
    let count = 2 * chunk + 1;
    let dir = TempDir::new("bundle-chunks");
    let data = common::copy_data(&dir);
    let mut units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    units.truncate(units.find("[[unit]]").unwrap());
    for i in 0..count {
        units += &format!("[[unit]]\nname = \"Tổ dân phố số {i}\"\ncode = \"TDP{i}\"\nhead = \"Tổ trưởng\"\nkind = \"village\"\n\n");
    }
    let file = dir.join("units-many.toml");
    std::fs::write(&file, units).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--units", file.to_str().unwrap(), "--out", "out"]);
    assert!(ok, "{stderr}");
    let all = dir.join("out/bieu-mau/tat-ca.pdf");
    let all_path = all.to_str().unwrap();
    assert_eq!(page_count(&all), count);
    let check = std::process::Command::new("qpdf").args(["--check", all_path]).output().unwrap();
    assert!(check.status.success(), "{check:?}");
    let bytes = String::from_utf8_lossy(&std::fs::read(&all).unwrap()).into_owned();
    assert!(bytes.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A-2b");
    assert!(bytes.contains(&format!("<xmpTPg:NPages>{count}</xmpTPg:NPages>")), "the metadata counts every page");
    assert!(tool("pdfinfo", &[all_path]).contains("Form:            none"), "printed, not filled: no fields");
    let fonts = tool("pdffonts", &[all_path]);
    assert!(fonts.lines().skip(2).all(|line| line.split_whitespace().rev().nth(4) == Some("yes")), "every font embedded: {fonts}");
    // Each page at the chunks' seams is the unit's own form, as printed.
    for page in [1, chunk, chunk + 1, 2 * chunk, count] {
        let own = dir.join(&format!("out/bieu-mau/to-dan-pho-so-{}.pdf", page - 1));
        let number = page.to_string();
        let in_bundle = tool("pdftotext", &["-layout", "-f", &number, "-l", &number, all_path, "-"]);
        assert_eq!(in_bundle, tool("pdftotext", &["-layout", own.to_str().unwrap(), "-"]), "page {page}");
        assert!(in_bundle.contains(&format!("Tổ dân phố số {}", page - 1)), "page {page}: {in_bundle}");
    }
}

#[test]
fn hostile_unit_names_make_safe_files_and_print_literally() {
    let dir = TempDir::new("hostile-units");
    let data = common::copy_data(&dir);
    let long = "Đơn vị rất dài ".repeat(20);
    let names = ["../../x", "a/b", "CON", "#panic(\"x\")", "*x*", long.trim()];
    let mut units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    let first = units.find("[[unit]]").unwrap();
    units.truncate(first);
    for (i, name) in names.iter().enumerate() {
        let name = toml::Value::String(name.to_string());
        units += &format!("[[unit]]\nname = {name}\ncode = \"U{i}\"\nhead = \"Thủ trưởng\"\nkind = \"agency\"\n\n");
    }
    let file = dir.join("units-hostile.toml");
    std::fs::write(&file, units).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["forms", "--units", file.to_str().unwrap(), "--out", "out"]);
    assert!(ok, "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(dir.join("out/bieu-mau")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    let long_slug = "don-vi-rat-dai-".repeat(4);
    let long_slug = long_slug.trim_end_matches('-');
    let (long_pdf, long_xlsx) = (format!("{long_slug}.pdf"), format!("{long_slug}.xlsx"));
    let expected = [
        "a-b.pdf",
        "a-b.xlsx",
        "con-don-vi.pdf",
        "con-don-vi.xlsx",
        &long_pdf,
        &long_xlsx,
        "panic-x.pdf",
        "panic-x.xlsx",
        "tat-ca.pdf",
        "x-2.pdf",
        "x-2.xlsx",
        "x.pdf",
        "x.xlsx",
    ];
    assert_eq!(written, expected, "{stdout}");
    let mut under_out: Vec<String> = std::fs::read_dir(dir.join("out")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    under_out.sort();
    assert_eq!(under_out, [".vanban.sha256", "bieu-mau"], "only bieu-mau/ and the manifest under out/");
    assert!(!dir.0.parent().unwrap().join("x.pdf").exists());
    let text = pdf_words(&dir.join("out/bieu-mau/tat-ca.pdf")).join(" ");
    for name in ["../../x", "a/b", "CON", "#panic(\"x\")", "*x*"] {
        assert!(text.contains(&format!("Đơn vị {name} báo cáo")), "{name} printed literally");
    }
    assert!(text.contains("#PANIC(\"X\")"), "upper-cased in the header, literally");
    assert_eq!(page_count(&dir.join("out/bieu-mau/tat-ca.pdf")), names.len());
    // The workbooks print them literally too, in text and in formulas.
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(dir.join("out/bieu-mau/panic-x.xlsx")).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut workbook, "Báo cáo").unwrap();
    assert_eq!(sheet.get_value((1, 0)).unwrap().to_string(), "ĐƠN VỊ: #PANIC(\"X\")");
    let intro = sheet.get_value((9, 0)).unwrap().to_string();
    assert!(intro.starts_with("Đơn vị #panic(\"x\") báo cáo"), "{intro}");
    let formulas = calamine::Reader::worksheet_formula(&mut workbook, "Báo cáo").unwrap();
    assert!(formulas.get_value((9, 0)).unwrap().starts_with("\"Đơn vị #panic(\"\"x\"\") báo cáo"), "{formulas:?}");
}

#[test]
fn fields_lie_over_their_blanks_and_cells_in_tab_order() {
    for campaign in both() {
        let dir = TempDir::new("field-places");
        let folder = match &campaign.data {
            None => {
                fresh_month(&dir);
                Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
            }
            Some(_) => {
                copy_example(&dir);
                let (ok, _, stderr) = vanban(&dir.0, &["forms", "--data", "data", "--out", "out"]);
                assert!(ok, "{stderr}");
                example_data()
            }
        };
        fields_lie_over_their_blanks(&dir.join(&format!("out/bieu-mau/{}.pdf", campaign.first)), &column_keys(&folder));
    }
}

/// The fields of a unit's blank form: the header's over their blanks, a
/// row's cells (named dong<N>_<key> for the form's `columns`) side by side
/// in tab order, each row under the one before, the signer's under the
/// signing room.
fn fields_lie_over_their_blanks(pdf: &Path, columns: &[String]) {
    let fields = field_places(pdf);
    let page_height = 841.89;
    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    let rows = (names.len() - 8) / columns.len();
    let mut expected = vec!["so", "ngay", "thang", "nam", "thang_bao_cao", "nam_bao_cao"].into_iter().map(String::from).collect::<Vec<_>>();
    for n in 1..=rows {
        expected.extend(columns.iter().map(|c| format!("dong{n}_{c}")));
    }
    expected.extend(["nguoi_ky".to_owned(), "ChuKy_NguoiKy".to_owned()]);
    assert_eq!(names, expected);
    assert!(rows >= 10, "a blank form's rows down to its foot: {rows}");
    // Typst's file, then the text fields and the signing field appended in
    // one update: the file is read and written once, not once a kind.
    let bytes = std::fs::read(pdf).unwrap();
    assert_eq!(bytes.windows(5).filter(|w| *w == b"%%EOF").count(), 2, "Typst's file and one update");
    let place = |name: &str| fields.iter().find(|(n, _)| n == name).unwrap().1;

    // The header's fields cover the dotted blanks they replace on screen.
    let words = common::word_boxes(pdf);
    let dots: Vec<_> = words.iter().filter(|w| w.page == 1 && w.word.starts_with("......")).collect();
    for (name, blank) in ["ngay", "thang", "nam", "thang_bao_cao", "nam_bao_cao"].iter().zip(&dots) {
        let [x0, top, x1, bottom] = place(name);
        // The word may carry the punctuation after the dots ("..........,").
        let dots_end = blank.x0 + (blank.x1 - blank.x0) * blank.word.matches('.').count() as f64 / blank.word.chars().count() as f64;
        assert!(x0 <= blank.x0 + 0.5 && x1 >= dots_end - 1.0 && top <= blank.y0 + 1.0 && bottom >= blank.y1 - 1.0, "{name}: {:?} over {blank:?}", place(name));
    }
    // Cells: a row's side by side, each row under the one before.
    for n in 1..=rows {
        let cells: Vec<[f64; 4]> = columns.iter().map(|c| place(&format!("dong{n}_{c}"))).collect();
        for pair in cells.windows(2) {
            let middle = |r: &[f64; 4]| (r[1] + r[3]) / 2.0;
            assert!(pair[0][2] < pair[1][0], "row {n}: {pair:?}");
            assert!((middle(&pair[0]) - middle(&pair[1])).abs() < 0.01, "row {n}: {pair:?}");
        }
        if n > 1 {
            assert!(place(&format!("dong{}_{}", n - 1, columns[0]))[3] < cells[0][1], "row {n} under row {}", n - 1);
        }
    }
    // The signer's name goes under the signing room, on the page (the
    // blank form's rows fill it down to the margin, so the name sits there).
    let note = words.iter().find(|w| w.word == "dấu)").unwrap();
    let (name, room) = (place("nguoi_ky"), place("ChuKy_NguoiKy"));
    assert!(room[1] >= note.y1 - 3.5 && (name[1] - room[3]).abs() < 0.01 && name[3] < page_height - 10.0 * 72.0 / 25.4, "{name:?} {room:?}");
}

/// (name, [x0, top, x1, bottom]) of the fields on a form's first page, in
/// points from the page's top-left, in tab order.
fn field_places(pdf: &Path) -> Vec<(String, [f64; 4])> {
    let document = lopdf::Document::load(pdf).unwrap();
    let page = *document.get_pages().get(&1).unwrap();
    let annots = document.get_dictionary(page).unwrap().get(b"Annots").unwrap().as_array().unwrap().clone();
    let page_height = 841.89;
    annots
        .iter()
        .map(|a| {
            let widget = document.get_dictionary(a.as_reference().unwrap()).unwrap();
            let name = lopdf::decode_text_string(widget.get(b"T").unwrap()).unwrap();
            let r: Vec<f64> = widget.get(b"Rect").unwrap().as_array().unwrap().iter().map(|n| n.as_float().unwrap() as f64).collect();
            (name, [r[0], page_height - r[3], r[2], page_height - r[1]])
        })
        .collect()
}

/// A reason of 120 characters, a group's name of 60, a long number and
/// the signer's name, typed into a form by pdf.js and by pypdf: each
/// reader draws every word, inside the field's cell, the text fitted to it
/// (the fields are auto-sized, and a name or reason wraps). MuPDF does
/// neither for Vietnamese text (its appearances flow text past the cell
/// at 12 pt, pdf-appearance.c: "TODO: measure accurate width to fit box"),
/// so it is left out here; its values import exactly (import.rs).
#[test]
fn long_text_typed_into_a_form_shows_whole_inside_its_cell() {
    let dir = TempDir::new("long-text");
    fresh_month(&dir);
    let blank = dir.join("out/bieu-mau/thon-1.pdf");
    let reason = "Hội viên Hội Phụ nữ thôn đi biển dài ngày, không có điện thoại thông minh, đã hướng dẫn người nhà cài giúp khi về đất liền";
    let group = "Chi hội Phụ nữ thôn 1 và các hộ gia đình ngư dân đi biển xa";
    assert_eq!((reason.chars().count(), group.chars().count()), (122, 59));
    let values = [("dong1_ly_do", reason), ("dong1_ten", group), ("dong1_tong_so", "1.234.567"), ("dong2_ten", "Thôn 1"), ("nguoi_ky", "Nguyễn Thị Ánh Tuyết")];
    let places = field_places(&blank);
    for filler in [common::Filler::PdfJs, common::Filler::Pypdf] {
        let filled = dir.join(&format!("{filler:?}.pdf"));
        common::fill(filler, &blank, &filled, &values);
        let words = common::word_boxes(&filled);
        for (name, value) in values {
            let [x0, top, x1, bottom] = places.iter().find(|(n, _)| n == name).unwrap().1;
            // A word's box runs from the font's ascent to its descent: a
            // line fits when its box's middle half lies inside the cell.
            let inside: Vec<&common::WordBox> = words
                .iter()
                .filter(|w| w.page == 1 && w.x0 >= x0 - 0.5 && w.x1 <= x1 + 0.5)
                .filter(|w| {
                    let quarter = (w.y1 - w.y0) / 4.0;
                    w.y0 + quarter >= top && w.y1 - quarter <= bottom
                })
                .collect();
            let drawn: Vec<&str> = inside.iter().map(|w| w.word.as_str()).collect();
            assert_eq!(drawn.join(" "), value, "{filler:?}: {name} in {:?}", [x0, top, x1, bottom]);
            let size = inside.iter().map(|w| (w.y1 - w.y0) / 1.107).fold(f64::MAX, f64::min);
            assert!(size >= 3.5, "{filler:?}: {name} drawn at {size:.1} pt");
        }
    }
}
