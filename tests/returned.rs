//! Returned files as a careless or hostile sender could make them, each
//! built here: `vanban import` reads every one in work proportional to its
//! size, refuses what is not the form honestly filled in with a message
//! naming the file and the place and saying what to send instead, shows
//! nothing a sender wrote to the terminal unescaped, and writes nothing of a
//! refused file into data/reports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{TempDir, copy_data};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};

/// What one `vanban import` did.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Killed after this: a run this long is a hang, whatever the machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// A data folder without July's reports, to import into.
fn data(dir: &TempDir) -> PathBuf {
    let data = copy_data(dir);
    std::fs::remove_dir_all(data.join("reports/2026-07")).unwrap();
    data
}

/// `vanban import FILES --data data --month 2026-07` in `dir`, killed
/// after PATIENCE. The program run is VANBAN_BIN when set (an older build,
/// to measure what it did), else the one built with these tests.
fn import(dir: &TempDir, files: &[&Path]) -> Run {
    let program = std::env::var_os("VANBAN_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_vanban")), PathBuf::from);
    let (out, err) = (dir.join("stdout.txt"), dir.join("stderr.txt"));
    let start = Instant::now();
    // The files by their names in `dir`, as a clerk types them.
    let files = files.iter().map(|file| file.strip_prefix(&dir.0).unwrap_or(file));
    let mut child = std::process::Command::new(program)
        .arg("import")
        .args(files)
        .args(["--data", "data", "--month", "2026-07"])
        .current_dir(&dir.0)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > PATIENCE {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let read = |path: &Path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let run = Run { ok: status.is_some_and(|s| s.success()), stdout: read(&out), stderr: read(&err), took };
    assert!(status.is_some(), "still running after {PATIENCE:?}: {}", run.stderr);
    assert!(status.unwrap().code().is_some(), "killed by a signal ({:?}), not an exit: {}", status, run.stderr);
    run
}

/// The run refused the one file it was given with `message`, quickly, and
/// wrote nothing.
fn refused(dir: &TempDir, run: &Run, file: &str, message: &str) {
    assert!(!run.ok, "refused: {}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(lines[0].starts_with(&format!("lỗi: {file}")), "{}", run.stderr);
    assert!(lines[0].contains(message), "{message:?} not in {}", run.stderr);
    assert!(lines[1].contains("1 báo cáo bị từ chối"), "{}", run.stderr);
    assert!(!dir.join("data/reports/2026-07").exists(), "nothing written");
    quick(run);
}

/// A generous bound: the files here are read in milliseconds; a run of
/// seconds means work grew with a number written inside a file.
fn quick(run: &Run) {
    assert!(run.took < Duration::from_secs(10), "took {:?}", run.took);
}

/// Nothing a sender wrote reaches the terminal as a control character.
fn escaped(run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let bad: Vec<char> = text.chars().filter(|c| c.is_control() && *c != '\n').collect();
        assert!(bad.is_empty(), "{stream} holds {bad:?}: {text:?}");
    }
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Some(keep) = std::env::var_os("VANBAN_KEEP") {
        // The files for measuring a build by hand (time -v vanban import …).
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(Path::new(&keep).join(name), bytes).unwrap();
    }
    path
}

// PDF forms, built with lopdf or byte by byte.

/// A July report as a unit fills the form: the fields' names and values.
const JULY: [(&str, &str); 9] = [
    ("ma_don_vi", "T1"),
    ("thang_bao_cao", "7"),
    ("nam_bao_cao", "2026"),
    ("ngay", "1"),
    ("thang", "8"),
    ("dong1_ten", "Tổ 1"),
    ("dong1_tong_so", "10"),
    ("dong1_da_cai", "7"),
    ("dong1_ly_do", "Đi biển"),
];

/// JULY with `changes`: a value replaced, or a field added.
fn july(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut fields: Vec<(&str, &str)> = JULY.iter().filter(|(name, _)| !changes.iter().any(|(n, _)| n == name)).copied().collect();
    fields.extend_from_slice(changes);
    fields
}

fn text_field(document: &mut Document, name: &str, value: &str) -> Object {
    document.add_object(dictionary! { "FT" => "Tx", "T" => lopdf::text_string(name), "V" => lopdf::text_string(value) }).into()
}

/// A one-page PDF whose AcroForm holds `fields` as text fields, then what
/// `more` adds to its /Fields.
fn form_pdf(fields: &[(&str, &str)], more: impl FnOnce(&mut Document) -> Vec<Object>) -> Vec<u8> {
    let mut document = Document::with_version("1.7");
    let pages = document.new_object_id();
    let page = document.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    document.objects.insert(pages, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
    let mut all: Vec<Object> = fields.iter().map(|(name, value)| text_field(&mut document, name, value)).collect();
    all.extend(more(&mut document));
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "AcroForm" => dictionary! { "Fields" => all } });
    document.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}

/// A PDF written byte by byte: `objects` (number, body) in order, the
/// first the catalog, then a cross-reference table of each object's
/// offset and of `aliases` more numbers at the offset of object `alias_of`.
fn raw_pdf(objects: &[(u32, Vec<u8>)], aliases: std::ops::Range<u32>, alias_of: u32) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (number, body) in objects {
        offsets.push((*number, pdf.len()));
        pdf.extend(format!("{number} 0 obj\n").bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let aliased = offsets.iter().find(|(n, _)| *n == alias_of).map_or(0, |(_, at)| *at);
    offsets.extend(aliases.map(|n| (n, aliased)));
    offsets.sort();
    let xref = pdf.len();
    let size = offsets.last().unwrap().0 + 1;
    pdf.extend("xref\n0 1\n0000000000 65535 f \n".to_string().bytes());
    for (number, at) in &offsets {
        pdf.extend(format!("{number} 1\n{at:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size {size} /Root {} 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects[0].0).bytes());
    pdf
}

/// A PDF text string as UTF-16 with its byte order mark, in hex.
fn pdf_text(value: &str) -> String {
    let units: String = value.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<FEFF{units}>")
}

/// A text field's body for raw_pdf.
fn raw_field(name: &str, value: &str) -> Vec<u8> {
    format!("<< /FT /Tx /T {} /V {} >>", pdf_text(name), pdf_text(value)).into_bytes()
}

/// raw_pdf's objects for JULY: catalog (1), pages (2), the fields from 10,
/// and `more` (references) at the end of /Fields.
fn raw_july(more: &str) -> Vec<(u32, Vec<u8>)> {
    let refs: Vec<String> = (0..JULY.len()).map(|i| format!("{} 0 R", 10 + i)).collect();
    let mut objects = vec![
        (1, format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{} {more}] >> >>", refs.join(" ")).into_bytes()),
        (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
    ];
    objects.extend(JULY.iter().enumerate().map(|(i, (name, value))| (10 + i as u32, raw_field(name, value))));
    objects
}

/// `content` compressed with Flate, as a PDF stream holds it.
fn flate(content: &[u8]) -> Vec<u8> {
    let mut stream = Stream::new(Dictionary::new(), content.to_vec());
    stream.compress().unwrap();
    assert!(stream.dict.has(b"Filter"));
    stream.content
}

/// A stream object's body for raw_pdf: `dict` (without its brackets and
/// /Length) and the stream's bytes.
fn raw_stream(dict: &str, content: &[u8]) -> Vec<u8> {
    let mut bytes = format!("<< {dict} /Length {} >>\nstream\n", content.len()).into_bytes();
    bytes.extend(content);
    bytes.extend(b"\nendstream");
    bytes
}

// Workbooks: a form as vanban writes it (the same defined names and
// custom properties), small, built with rust_xlsxwriter, edited as XML.

const SHEET: &str = "Báo cáo";

/// The form's defined names and where they point.
fn names() -> Vec<(&'static str, String)> {
    let mut names: Vec<(&str, String)> = vec![("ma_don_vi", "=\"T1\"".into()), ("phien_ban_mau", "=1".into())];
    for (i, name) in ["so", "ngay", "thang", "thang_bao_cao", "nam_bao_cao", "nguoi_ky"].into_iter().enumerate() {
        names.push((name, format!("='{SHEET}'!$I${}", 5 + i)));
    }
    for (name, column) in [("ten", "B"), ("tong_so", "C"), ("da_cai", "D"), ("ly_do", "F")] {
        names.push((name, format!("='{SHEET}'!${column}$14:${column}$25")));
    }
    names
}

/// A unit's workbook filled in for July, with `names` for the form's own
/// (an empty formula leaves a name out), the custom property ma_don_vi
/// `property` (None: none), and `edit` changing the sheet after filling.
fn workbook(names: &[(&str, String)], property: Option<&str>, edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let mut properties = DocProperties::new().set_custom_property("phien_ban_mau", 1);
    if let Some(code) = property {
        properties = properties.set_custom_property("ma_don_vi", code);
    }
    book.set_properties(&properties);
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).unwrap();
    for (row, value) in [(4, 5.0), (5, 1.0), (6, 8.0), (7, 7.0), (8, 2026.0)] {
        sheet.write_number(row, 8, value).unwrap();
    }
    sheet.write_string(9, 8, "Lê Văn A").unwrap();
    sheet.write_string(13, 1, "Tổ 1").unwrap();
    sheet.write_number(13, 2, 10).unwrap();
    sheet.write_number(13, 3, 7).unwrap();
    sheet.write_string(13, 5, "Đi biển").unwrap();
    edit(sheet);
    for (name, formula) in names.iter().filter(|(_, f)| !f.is_empty()) {
        book.define_name(*name, formula).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// The workbook with the XML of its sheet changed by `change`.
fn edit_sheet_xml(xlsx: &[u8], change: impl FnOnce(String) -> String) -> Vec<u8> {
    edit_part(xlsx, "xl/worksheets/sheet1.xml", change)
}

/// The workbook with its part `part` changed by `change`.
fn edit_part(xlsx: &[u8], part: &str, change: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut change = Some(change);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if name == part {
            bytes = change.take().unwrap()(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The sheet's XML with the cell `reference` (as "C14") replaced by `cell`.
fn replace_cell(xml: String, reference: &str, cell: &str) -> String {
    let start = xml.find(&format!("<c r=\"{reference}\"")).unwrap_or_else(|| panic!("no cell {reference} in {xml}"));
    let end = start + xml[start..].find("</c>").unwrap() + "</c>".len();
    format!("{}{cell}{}", &xml[..start], &xml[end..])
}

/// What import wrote for T1 in July.
fn written(dir: &TempDir) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(dir.join("data/reports/2026-07/T1.toml")).unwrap()).unwrap()
}

/// A run that took the one file it was given, quickly: T1's July report.
fn taken(dir: &TempDir, run: &Run) -> toml::Table {
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("data/reports/2026-07/T1.toml ← "), "{}", run.stdout);
    quick(run);
    written(dir)
}

/// The header of a CSV file for import.
const CSV_HEADER: &str = "ma_don_vi;thang_bao_cao;nam_bao_cao;so;ngay;thang;nguoi_ky;ten;tong_so;da_cai;chua_cai;ly_do\n";

#[test]
fn what_a_sender_wrote_reaches_the_terminal_with_its_control_characters_visible() {
    // A unit code that clears the screen and retitles the window.
    let dir = TempDir::new("escape-code");
    data(&dir);
    let file = write(&dir, "ma.csv", format!("{CSV_HEADER}\"T1\x1b[2J\x1b]0;owned\x07\";7;2026;;1;8;;Tổ 1;10;7;;Ốm\n").as_bytes());
    let run = import(&dir, &[&file]);
    escaped(&run);
    refused(&dir, &run, "ma.csv, dòng 2, cột 1: ", "ô ma_don_vi ghi “T1\\x1b[2J\\x1b]0;owned\\x07”, không phải mã đơn vị nào");

    // A count with a carriage return (which would write over the line) and
    // a NUL, in a PDF form.
    let dir = TempDir::new("escape-count");
    data(&dir);
    let file = write(&dir, "so.pdf", &form_pdf(&july(&[("dong1_tong_so", "10\rđã sửa\0")]), |_| Vec::new()));
    let run = import(&dir, &[&file]);
    escaped(&run);
    refused(&dir, &run, "so.pdf, ô “dong1_tong_so”: ", "cột “Tổng số”: “10\\x0dđã sửa\\x00” không phải số nguyên không âm");

    // A reason holding an escape sequence: refused by the text check, which
    // names the character by its number.
    let dir = TempDir::new("escape-reason");
    data(&dir);
    let file = write(&dir, "ly-do.pdf", &form_pdf(&july(&[("dong1_ly_do", "Ốm\x1b[31m")]), |_| Vec::new()));
    let run = import(&dir, &[&file]);
    escaped(&run);
    refused(&dir, &run, "ly-do.pdf, ô “dong1_ly_do”: ", "có ký tự điều khiển U+001B");

    // A bidirectional override, which would show the rest of the line reversed.
    let dir = TempDir::new("escape-bidi");
    data(&dir);
    let file = write(&dir, "dao.csv", format!("{CSV_HEADER}T\u{202e}1;7;2026;;1;8;;Tổ 1;10;7;;Ốm\n").as_bytes());
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "dao.csv, dòng 2, cột 1: ", "ô ma_don_vi ghi “T\\u{202e}1”");
}

#[test]
fn a_file_name_with_control_characters_is_shown_escaped_and_imported() {
    let dir = TempDir::new("escape-name");
    data(&dir);
    let name = "thon-1\x1b]0;owned\x07\r.pdf";
    let file = write(&dir, name, &form_pdf(&JULY, |_| Vec::new()));
    let run = import(&dir, &[&file]);
    escaped(&run);
    taken(&dir, &run);
    assert_eq!(run.stdout.trim(), "data/reports/2026-07/T1.toml ← thon-1\\x1b]0;owned\\x07\\x0d.pdf");
    let toml = std::fs::read_to_string(dir.join("data/reports/2026-07/T1.toml")).unwrap();
    assert!(toml.starts_with("# Nhập bằng vanban import từ tệp thon-1\\x1b]0;owned\\x07\\x0d.pdf.\n"), "{toml}");

    // Refused, the name shows escaped in the message too.
    let dir = TempDir::new("escape-name-refused");
    data(&dir);
    let file = write(&dir, "sai\x1b[2J.pdf", &form_pdf(&july(&[("dong1_tong_so", "mười")]), |_| Vec::new()));
    let run = import(&dir, &[&file]);
    escaped(&run);
    refused(&dir, &run, "sai\\x1b[2J.pdf, ô “dong1_tong_so”: ", "cột “Tổng số”: “mười” không phải số nguyên không âm");
}

#[test]
fn a_field_tree_is_walked_once_whatever_its_kids_point_at() {
    // 24 levels, each node's Kids the next node 8 times: 8^24 paths to walk
    // for a walk that follows each path.
    let fan_out = form_pdf(&JULY, |document| {
        let mut next: Option<Object> = None;
        for _ in 0..24 {
            let kids = next.map(|n| vec![n; 8]).unwrap_or_default();
            next = Some(document.add_object(dictionary! { "T" => Object::string_literal("n"), "FT" => "Tx", "Kids" => kids }).into());
        }
        vec![next.unwrap()]
    });
    // A loop of two and a node that is its own kid 16 times.
    let cycle = form_pdf(&JULY, |document| {
        let (a, b, c) = (document.new_object_id(), document.new_object_id(), document.new_object_id());
        document.objects.insert(a, Object::Dictionary(dictionary! { "T" => Object::string_literal("a"), "Kids" => vec![b.into()] }));
        document.objects.insert(b, Object::Dictionary(dictionary! { "T" => Object::string_literal("b"), "Kids" => vec![a.into()] }));
        document.objects.insert(c, Object::Dictionary(dictionary! { "T" => Object::string_literal("c"), "Kids" => vec![Object::Reference(c); 16] }));
        vec![a.into(), c.into()]
    });
    // 3,000 fields sharing one Kids array of 3,000: each node once, but the
    // array 3,000 times for a walk that does not remember it.
    let shared = form_pdf(&JULY, |document| {
        let leaves: Vec<Object> = (0..3000).map(|i| text_field(document, &format!("x{i}"), "1")).collect();
        let kids = document.add_object(Object::Array(leaves));
        (0..3000).map(|i| document.add_object(dictionary! { "T" => Object::string_literal(format!("p{i}")), "Kids" => kids }).into()).collect()
    });
    for (name, pdf) in [("fan-out.pdf", fan_out), ("cycle.pdf", cycle), ("shared-kids.pdf", shared)] {
        let dir = TempDir::new("field-tree");
        data(&dir);
        let file = write(&dir, name, &pdf);
        let run = import(&dir, &[&file]);
        let report = taken(&dir, &run);
        assert_eq!(report["row"][0]["tong_so"].as_integer(), Some(10), "{name}");
    }
}

#[test]
fn a_form_saved_with_object_streams_imports_as_any_other() {
    // As Acrobat saves: the fields inside compressed object streams, which
    // the bounded load counts and keeps (qpdf writes them here).
    let dir = TempDir::new("object-streams");
    data(&dir);
    let plain = write(&dir, "plain.pdf", &form_pdf(&JULY, |_| Vec::new()));
    let packed = dir.join("nen.pdf");
    crate::common::tool("qpdf", &["--object-streams=generate", plain.to_str().unwrap(), packed.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&std::fs::read(&packed).unwrap()).contains("/ObjStm"));
    let report = taken(&dir, &import(&dir, &[&packed]));
    assert_eq!(report["row"][0]["ly_do"].as_str(), Some("Đi biển"));
}

#[test]
fn a_row_number_beyond_the_forms_rows_is_refused_not_counted_to() {
    for field in ["dong999999999_tong_so", "dong18446744073709551615_ten", "dong51_ten"] {
        let dir = TempDir::new("row-number");
        data(&dir);
        let fields = july(&[(field, "5")]);
        let file = write(&dir, "hang.pdf", &form_pdf(&fields, |_| Vec::new()));
        let run = import(&dir, &[&file]);
        refused(&dir, &run, "hang.pdf, ô “", &format!("ô “{field}” không có trong biểu mẫu: bảng của biểu mẫu báo cáo có không quá 50 hàng"));
    }
    // The last row a form may have is read.
    let dir = TempDir::new("row-50");
    data(&dir);
    let fields = july(&[("dong50_ten", "Tổ 50"), ("dong50_tong_so", "3"), ("dong50_da_cai", "3")]);
    let file = write(&dir, "hang-50.pdf", &form_pdf(&fields, |_| Vec::new()));
    let report = taken(&dir, &import(&dir, &[&file]));
    assert_eq!(report["row"][1]["ten"].as_str(), Some("Tổ 50"));
}

#[test]
fn a_pdf_naming_two_units_or_a_field_twice_is_refused() {
    let dir = TempDir::new("pdf-two-units");
    data(&dir);
    let fields = july(&[("ma_don_vi", "T1")]);
    let file = write(&dir, "hai-ma.pdf", &form_pdf(&fields, |document| vec![text_field(document, "ma_don_vi", "T2")]));
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "hai-ma.pdf: ", "tệp PDF có hai ô cùng tên “ma_don_vi”, không rõ ô nào là thật");

    let dir = TempDir::new("pdf-two-counts");
    data(&dir);
    let file = write(&dir, "hai-so.pdf", &form_pdf(&JULY, |document| vec![text_field(document, "dong1_tong_so", "1000")]));
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "hai-so.pdf: ", "tệp PDF có hai ô cùng tên “dong1_tong_so”");
}

#[test]
fn a_pdf_too_big_for_a_form_is_refused_before_it_is_read() {
    let dir = TempDir::new("pdf-big");
    data(&dir);
    // A filled form, then 6 MB of comment after its end: a valid PDF.
    let mut pdf = form_pdf(&JULY, |_| Vec::new());
    pdf.extend(std::iter::repeat_n(b"% padding\n".as_slice(), 600_000).flatten());
    let file = write(&dir, "lon.pdf", &pdf);
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "lon.pdf: ", "tệp quá lớn (6 MB) để là biểu mẫu báo cáo");
}

#[test]
fn a_pdf_whose_parts_unpack_or_repeat_beyond_a_form_is_refused() {
    // An object stream unpacking to 200 MB of spaces: 200 KB in the file.
    let bomb = raw_stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &flate(&[b"99 0 ".as_slice(), &vec![b' '; 200 << 20]].concat()));
    let mut objects = raw_july("");
    objects.push((3, bomb));
    let dir = TempDir::new("pdf-bomb");
    data(&dir);
    let file = write(&dir, "bom.pdf", &raw_pdf(&objects, 0..0, 0));
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "bom.pdf: ", "tệp PDF có phần nén giải ra hơn 4 MB");

    // One object stream of 4 MB, which 150,000 entries of the cross-reference
    // table name: each entry unpacks it again for a reader that trusts them.
    let packed = raw_stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &flate(&[b"99 0 ".as_slice(), &vec![b' '; 4 << 20]].concat()));
    let mut objects = raw_july("");
    objects.push((3, packed));
    let dir = TempDir::new("pdf-aliases");
    data(&dir);
    let file = write(&dir, "nhieu-ten.pdf", &raw_pdf(&objects, 1000..151_000, 3));
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "nhieu-ten.pdf: ", "tệp PDF có phần nén giải ra hơn");

    // A stream of 2 MB written plainly, named by 100,000 entries.
    let plain = raw_stream("", &vec![b'x'; 2 << 20]);
    let mut objects = raw_july("");
    objects.push((3, plain));
    let dir = TempDir::new("pdf-plain-aliases");
    data(&dir);
    let file = write(&dir, "lap.pdf", &raw_pdf(&objects, 1000..101_000, 3));
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "lap.pdf: ", "hay một phần được nhắc lại nhiều lần");
}

#[test]
fn a_workbook_name_pointing_beyond_the_forms_cells_is_refused() {
    let cases = [
        ("ten", "='Báo cáo'!$A$1:$XFD$1048576", "tên “ten” trong sổ làm việc chỉ tới “'Báo cáo'!$A$1:$XFD$1048576”, không phải một cột"),
        ("tong_so", "='Báo cáo'!$C$14:$C$1048576", "không phải một cột của không quá 50 hàng"),
        ("so", "='Báo cáo'!$I$5:$XFD$1048576", "tên “so” trong sổ làm việc chỉ tới “'Báo cáo'!$I$5:$XFD$1048576”, không phải một ô"),
    ];
    for (name, formula, message) in cases {
        let dir = TempDir::new("name-range");
        data(&dir);
        let mut names = names();
        names.iter_mut().find(|(n, _)| *n == name).unwrap().1 = formula.into();
        let file = write(&dir, "vung.xlsx", &workbook(&names, Some("T1"), |_| {}));
        let run = import(&dir, &[&file]);
        refused(&dir, &run, "vung.xlsx: ", message);
    }
}

#[test]
fn a_workbook_with_a_cell_at_the_sheets_far_corner_reads_in_its_size() {
    // calamine's whole-sheet range of this sheet is 2^34 cells.
    let dir = TempDir::new("far-corner");
    data(&dir);
    let file = write(
        &dir,
        "goc.xlsx",
        &workbook(&names(), Some("T1"), |sheet| {
            sheet.write_string(1_048_575, 16_383, "xa").unwrap();
        }),
    );
    let report = taken(&dir, &import(&dir, &[&file]));
    assert_eq!(report["row"][0]["tong_so"].as_integer(), Some(10));
}

#[test]
fn a_count_is_a_number_typed_as_a_number() {
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // Each case: the workbook's name, what is typed into its count cell, and what the import says.
    type Typed = Box<dyn FnOnce(&mut rust_xlsxwriter::Worksheet)>;
    let cases: [(&str, Typed, &str); 5] = [
        // Excel turns "1/8" typed into a count cell into the 1st of August.
        (
            "ngay.xlsx",
            Box::new(move |sheet| {
                sheet.write_datetime_with_format(13, 2, ExcelDateTime::from_ymd(2026, 8, 1).unwrap(), &date).unwrap();
            }),
            "ô C14: ô “dong1_tong_so” (cột “Tổng số”) là ngày tháng (01/08/2026), không phải số",
        ),
        (
            "ten-ngay.xlsx",
            Box::new(|sheet| {
                let date = Format::new().set_num_format("dd/mm/yyyy");
                sheet.write_datetime_with_format(13, 1, ExcelDateTime::from_ymd(2026, 1, 8).unwrap(), &date).unwrap();
            }),
            "ô B14: ô “dong1_ten” (cột “Tên đơn vị”) là ngày tháng (08/01/2026), không phải chữ",
        ),
        (
            "chu-so.xlsx",
            Box::new(|sheet| {
                sheet.write_string(13, 2, "10").unwrap();
            }),
            "ô C14: ô “dong1_tong_so” (cột “Tổng số”) ghi “10” dạng chữ (văn bản), không phải số",
        ),
        (
            "cong-thuc.xlsx",
            Box::new(|sheet| {
                sheet.write_formula(13, 2, Formula::new("=5+5").set_result("10")).unwrap();
            }),
            "ô C14: ô “dong1_tong_so” (cột “Tổng số”) cần điền lại chứa công thức",
        ),
        (
            "dung-sai.xlsx",
            Box::new(|sheet| {
                sheet.write_boolean(13, 3, true).unwrap();
            }),
            "ô D14: ô “dong1_da_cai” (cột “Đã cài đặt”) ghi “TRUE”, không phải điều cần điền",
        ),
    ];
    for (name, edit, message) in cases {
        let dir = TempDir::new("count-kind");
        data(&dir);
        let file = write(&dir, name, &workbook(&names(), Some("T1"), edit));
        let run = import(&dir, &[&file]);
        refused(&dir, &run, &format!("{name}, trang Báo cáo, "), message);
    }
}

#[test]
fn a_cached_formula_result_is_never_taken_for_what_was_typed() {
    // A formula in a cell to fill in, as the sheet's XML can hold it: part
    // of a shared formula whose first cell is elsewhere (or nowhere), and a
    // formula element left empty; each with a stored result of 10.
    let cells = [
        ("chia-se.xlsx", r#"<c r="C14"><f t="shared" si="7"/><v>10</v></c>"#),
        ("rong.xlsx", r#"<c r="C14"><f></f><v>10</v></c>"#),
        ("mang.xlsx", r#"<c r="C14"><f t="array" ref="C14">5+5</f><v>10</v></c>"#),
    ];
    for (name, cell) in cells {
        let dir = TempDir::new("cached");
        data(&dir);
        let xlsx = edit_sheet_xml(&workbook(&names(), Some("T1"), |_| {}), |xml| replace_cell(xml, "C14", cell));
        let file = write(&dir, name, &xlsx);
        let run = import(&dir, &[&file]);
        refused(&dir, &run, &format!("{name}, trang Báo cáo, ô C14: "), "ô “dong1_tong_so” (cột “Tổng số”) cần điền lại chứa công thức");
    }
}

#[test]
fn a_workbook_whose_parts_name_different_units_is_refused() {
    let dir = TempDir::new("xlsx-two-units");
    data(&dir);
    let mut names = names();
    names[0].1 = "=\"T2\"".into();
    let file = write(&dir, "hai-ma.xlsx", &workbook(&names, Some("T1"), |_| {}));
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "hai-ma.xlsx: ", "sổ làm việc ghi hai mã đơn vị khác nhau: tên ma_don_vi ghi “T2” nhưng thuộc tính ma_don_vi của tệp ghi “T1”");

    // A second ma_don_vi, of the sheet.
    let dir = TempDir::new("xlsx-two-names");
    data(&dir);
    let mut names = self::names();
    names.push(("'Báo cáo'!ma_don_vi", "=\"T2\"".into()));
    let file = write(&dir, "hai-ten.xlsx", &workbook(&names, Some("T1"), |_| {}));
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "hai-ten.xlsx: ", "sổ làm việc có hai tên “ma_don_vi” chỉ tới hai chỗ khác nhau");

    // Without the property (a file saved by a program that drops it), the
    // defined name alone says whose it is.
    let dir = TempDir::new("xlsx-no-property");
    data(&dir);
    let file = write(&dir, "khong-thuoc-tinh.xlsx", &workbook(&self::names(), None, |_| {}));
    taken(&dir, &import(&dir, &[&file]));
}

#[test]
fn a_csv_naming_its_unit_twice_or_too_big_is_refused() {
    let dir = TempDir::new("csv-two-codes");
    data(&dir);
    let file =
        write(&dir, "hai-cot.csv", b"ma_don_vi;thang_bao_cao;nam_bao_cao;ngay;thang;ten;tong_so;da_cai;ma_don_vi\nT1;7;2026;1;8;T\xe1\xbb\x95 1;10;10;T2\n");
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "hai-cot.csv, dòng 1, cột 1: ", "cột “ma_don_vi” có hai lần ở dòng tên cột");

    let dir = TempDir::new("csv-big");
    data(&dir);
    let mut csv = CSV_HEADER.as_bytes().to_vec();
    while csv.len() < 11 << 19 {
        csv.extend(b"T1;7;2026;;1;8;;T\xe1\xbb\x95;10;10;;\n");
    }
    let file = write(&dir, "lon.csv", &csv);
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "lon.csv: ", "tệp CSV quá lớn (6 MB)");
}

#[test]
fn a_csv_of_many_units_reads_in_its_size() {
    // 100,000 lines, each its own unit: a search of the units read so far
    // for each line is 5·10^9 comparisons.
    let dir = TempDir::new("csv-many-units");
    data(&dir);
    let mut csv = CSV_HEADER.to_owned();
    for i in 0..100_000 {
        csv += &format!("X{i};7;2026;;1;8;;Tổ;10;10;;\n");
    }
    let file = write(&dir, "nhieu.csv", csv.as_bytes());
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "nhieu.csv: ", "có 100000 đơn vị, quá giới hạn 5000 đơn vị");
}

#[test]
fn a_workbook_declaring_more_strings_than_it_holds_is_refused() {
    // calamine reserves room for the strings declared before reading one:
    // 10^12 of 24 bytes.
    let dir = TempDir::new("xlsx-strings");
    data(&dir);
    let xlsx = edit_part(&workbook(&names(), Some("T1"), |_| {}), "xl/sharedStrings.xml", |xml| {
        let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').unwrap();
        format!("{}1000000000000{}", &xml[..start], &xml[end..])
    });
    let file = write(&dir, "chuoi.xlsx", &xlsx);
    let run = import(&dir, &[&file]);
    refused(&dir, &run, "chuoi.xlsx: ", "tệp hỏng hoặc không phải tệp Excel");
}
