//! The data: which folder is read (data/ or vanban-du-lieu/ here, or the
//! built-in samples, said so), which of its files each command reads, and
//! what a mistake in them is told: one message naming the file, line and
//! column, never a panic, with out/ left as it was.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::{TempDir, check_fails, copy_data, pdf_words, replace, tree, vanban};
use vanban::model::{SourceFile, Units};

const SAMPLES_NOTE: &str = "dùng dữ liệu mẫu có sẵn trong chương trình";

/// The data copied in, with a unit added to units.toml: "Tổ dân phố 5", TDP5.
fn edited_data(dir: &TempDir, folder: &str) {
    let data = copy_data(dir);
    let units = std::fs::read_to_string(data.join("units.toml")).unwrap()
        + "\n[[unit]]\nname = \"Tổ dân phố 5\"\ncode = \"TDP5\"\nhead = \"Tổ trưởng\"\nkind = \"village\"\n";
    std::fs::write(data.join("units.toml"), units).unwrap();
    if folder != "data" {
        std::fs::rename(&data, dir.join(folder)).unwrap();
    }
}

#[test]
fn a_data_folder_here_is_used_without_data() {
    for folder in ["data", "vanban-du-lieu"] {
        let dir = TempDir::new("local-data");
        edited_data(&dir, folder);
        let (ok, stdout, stderr) = vanban(&dir.0, &["forms"]);
        assert!(ok, "{folder}: {stderr}");
        assert!(!stderr.contains(SAMPLES_NOTE), "{folder}: {stderr}");
        assert!(stdout.contains("out/bieu-mau/to-dan-pho-5.pdf"), "{folder}: {stdout}");
        assert!(pdf_words(&dir.join("out/bieu-mau/to-dan-pho-5.pdf")).join(" ").contains("ĐƠN VỊ: TỔ DÂN PHỐ 5"));
        let (ok, stdout, _) = vanban(&dir.0, &["check"]);
        assert!(ok && stdout.contains(&format!("({folder})")), "{folder}: {stdout}");
    }
}

#[test]
fn the_samples_are_used_only_where_no_data_is_found_and_then_said() {
    let dir = TempDir::new("samples");
    // A data folder without campaign.toml is not the data.
    std::fs::create_dir(dir.join("data")).unwrap();
    for command in [&["check"][..], &["forms"], &["guide"], &["summary", "2026-07"], &["report", "x.toml"]] {
        let (_, _, stderr) = vanban(&dir.0, command);
        assert!(stderr.starts_with("ghi chú: ") && stderr.contains(SAMPLES_NOTE), "{command:?}: {stderr}");
        assert!(stderr.contains("--data THƯ_MỤC"), "{stderr}");
    }
    let (ok, stdout, _) = vanban(&dir.0, &["check"]);
    assert!(ok && stdout.contains("(dữ liệu mẫu)"), "{stdout}");

    // The samples' files are named as such in messages.
    std::fs::write(
        dir.join("r.toml"),
        "unit = \"TDP5\"\nmonth = \"2026-07\"\ndate = 2026-08-01\nsigner = \"A\"\n[[row]]\nten = \"a\"\ntong_so = 1\nda_cai = 1\n",
    )
    .unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["report", "r.toml"]);
    assert!(!ok);
    assert!(stderr.contains("lỗi: r.toml, dòng 1, cột 8: không có đơn vị mã “TDP5” trong units.toml (dữ liệu mẫu)."), "{stderr}");
}

#[test]
fn two_data_folders_here_are_refused_until_one_is_chosen() {
    let dir = TempDir::new("two-data");
    edited_data(&dir, "vanban-du-lieu");
    copy_data(&dir);
    let (ok, _, stderr) = vanban(&dir.0, &["check"]);
    assert!(!ok);
    assert!(stderr.contains("có hai thư mục dữ liệu (data/ và vanban-du-lieu/)") && stderr.contains("--data data"), "{stderr}");
    let (ok, stdout, stderr) = vanban(&dir.0, &["check", "--data", "vanban-du-lieu"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("(vanban-du-lieu)"), "{stdout}");
}

#[test]
fn check_reads_everything_and_writes_nothing() {
    let dir = TempDir::new("check");
    let (ok, stdout, stderr) = vanban(&dir.0, &["check"]);
    assert!(ok, "{stderr}");
    // The dispatch, 17 blank forms and tat-ca.pdf, 5 reports of June and 5
    // of July, their two summaries and two reminders, the guide and the flyer.
    assert!(stdout.contains("dữ liệu hợp lệ: 35 văn bản"), "{stdout}");
    assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 0);
}

#[test]
fn a_folder_in_reports_that_is_not_a_month_is_named_and_skipped() {
    let dir = TempDir::new("stray-folder");
    let data = copy_data(&dir);
    for stray in ["cu", "2026-7"] {
        std::fs::create_dir(data.join("reports").join(stray)).unwrap();
        std::fs::write(data.join("reports").join(stray).join("T1.toml"), "not = [toml").unwrap();
    }
    for command in [&["check", "--data", "data"][..], &["summary", "2026-07", "--data", "data"], &["build", "--data", "data"]] {
        let (ok, _, stderr) = vanban(&dir.0, command);
        assert!(ok, "{command:?}: {stderr}");
        for stray in ["cu", "2026-7"] {
            let warning = format!("cảnh báo: data/reports/{stray}/: thư mục “{stray}” không phải một kỳ báo cáo nên được bỏ qua");
            assert!(stderr.contains(&warning), "{command:?}: {stderr}");
        }
    }
    assert!(dir.join("out/tong-hop/2026-07.pdf").exists() && !dir.join("out/bao-cao/cu").exists());
}

#[test]
fn each_command_reads_only_the_files_it_uses() {
    let broken = "this is = = not TOML";
    // (file broken, commands that must still work)
    let cases: [(&str, &[&[&str]]); 5] = [
        ("huong-dan.toml", &[&["report", "data/reports/2026-07/T1.toml", "-o", "r.pdf", "--data", "data"], &["summary", "2026-07", "--data", "data"]]),
        (
            "tong-hop.toml",
            &[
                &["dispatch", "data/cong-van-769.toml", "-o", "d.pdf", "--data", "data"],
                &["flyer", "--data", "data"],
                &["report", "data/reports/2026-07/T1.toml", "-o", "r.pdf", "--data", "data"],
            ],
        ),
        ("units.toml", &[&["flyer", "--data", "data"], &["guide", "--data", "data"]]),
        ("bieu-mau.toml", &[&["flyer", "--data", "data"], &["guide", "--data", "data"]]),
        (
            "don-doc.toml",
            &[
                &["dispatch", "data/cong-van-769.toml", "-o", "d.pdf", "--data", "data"],
                &["summary", "2026-07", "--data", "data"],
                &["forms", "--data", "data"],
            ],
        ),
    ];
    for (file, commands) in cases {
        let dir = TempDir::new("unrelated");
        let data = copy_data(&dir);
        std::fs::write(data.join(file), broken).unwrap();
        for command in commands {
            let (ok, _, stderr) = vanban(&dir.0, command);
            assert!(ok, "{file} broken, {command:?}: {stderr}");
        }
        // check and build read everything.
        for command in [&["check", "--data", "data"][..], &["build", "--data", "data", "--out", "all"]] {
            let (ok, _, stderr) = vanban(&dir.0, command);
            assert!(!ok && stderr.contains(&format!("{file}, dòng 1")), "{file} broken, {command:?}: {stderr}");
        }
    }
}

#[test]
fn a_dispatch_needs_the_files_its_appendix_and_enclosure_come_from() {
    let dir = TempDir::new("needs-units");
    let data = copy_data(&dir);
    std::fs::remove_file(data.join("units.toml")).unwrap();
    assert!(check_fails(&dir).contains("cong-van-769.toml: phụ lục content = \"report-form\" cần tệp units.toml"));

    let dir = TempDir::new("needs-form");
    let data = copy_data(&dir);
    std::fs::remove_file(data.join("bieu-mau.toml")).unwrap();
    let message = check_fails(&dir);
    assert!(message.contains("cong-van-769.toml: phụ lục content = \"report-form\" cần tệp units.toml (danh sách đơn vị) và bieu-mau.toml"), "{message}");

    let dir = TempDir::new("needs-guide");
    let data = copy_data(&dir);
    std::fs::remove_file(data.join("huong-dan.toml")).unwrap();
    assert!(check_fails(&dir).contains("enclosures = [\"install-guide\"] cần tệp huong-dan.toml"));

    let dir = TempDir::new("no-dispatch");
    let data = copy_data(&dir);
    std::fs::remove_file(data.join("cong-van-769.toml")).unwrap();
    assert!(check_fails(&dir).contains("không có công văn nào (tệp cong-van-*.toml)"));
}

/// Edits the copied dispatch with `edit`, builds, and returns stderr after
/// checking that the build failed and left no PDF behind.
fn failing_build(name: &str, file: &str, edit: impl Fn(String) -> String) -> String {
    let dir = TempDir::new(name);
    let data = copy_data(&dir);
    let path = data.join(file);
    std::fs::write(&path, edit(std::fs::read_to_string(&path).unwrap())).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(!ok, "the build should fail: {stdout}");
    assert!(!dir.join("out").exists(), "nothing may be written");
    assert!(stderr.starts_with("lỗi: "), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one message: {stderr}");
    stderr
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let stderr = failing_build("syntax", "cong-van-769.toml", |text| text.replace("symbol = \"UBND-VHXH\"", "symbol = \"UBND-VHXH"));
    assert!(stderr.contains("cong-van-769.toml, dòng 8, cột"), "{stderr}");
    assert!(stderr.contains("lỗi cú pháp TOML"), "{stderr}");
}

#[test]
fn a_missing_field_is_named_with_what_to_write() {
    let stderr = failing_build("missing", "cong-van-769.toml", |text| text.replace("symbol = \"UBND-VHXH\"\n", ""));
    assert!(stderr.contains("thiếu trường “symbol”"), "{stderr}");
    assert!(stderr.contains("symbol = \"UBND-VHXH\""), "{stderr}");
}

#[test]
fn a_misspelt_field_is_refused_with_a_suggestion() {
    let stderr = failing_build("misspelt", "cong-van-769.toml", |text| text.replace("[signer]", "[sigener]"));
    assert!(stderr.contains("trường “sigener” không có trong mẫu"), "{stderr}");
    assert!(stderr.contains("Có phải ý bạn là “signer”?"), "{stderr}");
    let line =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cong-van-769.toml")).unwrap().lines().position(|l| l == "[signer]").unwrap()
            + 1;
    assert!(stderr.contains(&format!("dòng {line},")), "{stderr}");
}

#[test]
fn a_bad_date_is_refused() {
    let stderr = failing_build("date", "cong-van-769.toml", |text| text.replace("date = 2026-06-01", "date = \"31/6/2026\""));
    assert!(stderr.contains("dòng 10, cột 8: ngày “31/6/2026” không hợp lệ"), "{stderr}");
    let stderr = failing_build("date2", "cong-van-769.toml", |text| text.replace("date = 2026-06-01", "date = 2026-02-30"));
    assert!(stderr.contains("cong-van-769.toml, dòng 10, cột 8: ngày “2026-02-30” không hợp lệ"), "{stderr}");
    // Years as months keep them, so that every date reaches the PDF's timestamps.
    for (name, date) in [("date3", "\"+12026-06-01\""), ("date4", "1899-12-31"), ("date5", "\"01/01/2201\"")] {
        let stderr = failing_build(name, "cong-van-769.toml", |text| text.replace("date = 2026-06-01", &format!("date = {date}")));
        assert!(stderr.contains("dòng 10, cột 8: ngày") && stderr.contains("năm từ 1900 đến 2200"), "{date}: {stderr}");
    }
}

#[test]
fn a_link_that_is_not_http_is_refused() {
    let stderr = failing_build("link", "campaign.toml", |text| text.replace("app_store = \"https://", "app_store = \"ftp://"));
    assert!(stderr.contains("campaign.toml, dòng"), "{stderr}");
    assert!(stderr.contains("chỉ nhận liên kết bắt đầu bằng https://"), "{stderr}");
}

#[test]
fn an_unknown_qr_link_is_named() {
    let stderr = failing_build("qrname", "cong-van-769.toml", |text| text.replace("link = \"google_play\"", "link = \"google\""));
    assert!(stderr.contains("không có liên kết tên “google”"), "{stderr}");
    assert!(stderr.contains("app_store, google_play"), "{stderr}");
}

/// Runs vanban in `dir`; returns the exit code and stderr.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(dir).output().unwrap();
    (output.status.code(), String::from_utf8(output.stderr).unwrap())
}

/// The 1-based line of `file` that holds `marker`.
fn line_of(file: &Path, marker: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().position(|line| line.contains(marker)).unwrap_or_else(|| panic!("{marker} in {}", file.display())) + 1
}

/// A transparent PNG of `w`×`h` pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let image = image::RgbaImage::from_fn(w, h, |x, y| image::Rgba([20, 40, 200, if (x + y) % 7 == 0 { 255 } else { 0 }]));
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

/// A user's mistake: how to make it in a copy of the data, and where the
/// message must point.
struct Case {
    name: &'static str,
    make: fn(&Path),
    /// The file and the text on the line the message must name.
    file: &'static str,
    marker: &'static str,
    says: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "emoji",
        make: |data| replace(data, "cong-van-769.toml", "paragraph = \"Tổ chức tuyên truyền", "paragraph = \"📱 Tổ chức tuyên truyền"),
        file: "cong-van-769.toml",
        marker: "📱",
        says: &["trường “paragraph”", "“📱” (U+1F4F1)", "ký tự thứ 1 ", "emoji", "xóa"],
    },
    Case {
        name: "private-use",
        make: |data| replace(data, "units.toml", "name = \"Ủy ban Mặt trận", "name = \"\u{f0b7} Ủy ban Mặt trận"),
        file: "units.toml",
        marker: "\u{f0b7}",
        says: &["trường “name”", "(U+F0B7)", "Wingdings"],
    },
    Case {
        name: "unassigned",
        make: |data| replace(data, "huong-dan.toml", "title = \"", "title = \"\u{0378}"),
        file: "huong-dan.toml",
        marker: "\u{0378}",
        says: &["trường “title”", "(U+0378)"],
    },
    Case {
        name: "truncated-signature",
        make: |data| {
            let whole = png(400, 160);
            std::fs::write(data.join("chu-ky.png"), &whole[..whole.len() * 2 / 3]).unwrap();
            replace(data, "cong-van-769.toml", "name = \"Nguyễn Văn Hậu\"", "name = \"Nguyễn Văn Hậu\"\nsignature_image = \"chu-ky.png\"");
        },
        file: "cong-van-769.toml",
        marker: "signature_image",
        says: &["signer.signature_image", "bị hỏng"],
    },
    Case {
        name: "dispatch-outside",
        make: |data| replace(data, "units.toml", "dispatch = \"cong-van-769.toml\"", "dispatch = \"../../../../etc/hostname\""),
        file: "units.toml",
        marker: "dispatch =",
        says: &["“../../../../etc/hostname” nằm ngoài thư mục dữ liệu"],
    },
    Case {
        name: "csv-outside",
        make: |data| {
            let report = "unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\nrows_csv = \"../../../../etc/hostname\"\n";
            std::fs::write(data.join("reports/2026-07/T3.toml"), report).unwrap();
        },
        file: "reports/2026-07/T3.toml",
        marker: "rows_csv",
        says: &["nằm ngoài thư mục dữ liệu"],
    },
    Case {
        name: "absolute-image",
        make: |data| replace(data, "cong-van-769.toml", "name = \"Nguyễn Văn Hậu\"", "name = \"Nguyễn Văn Hậu\"\nseal_image = \"/etc/hostname\""),
        file: "cong-van-769.toml",
        marker: "seal_image",
        says: &["“/etc/hostname” nằm ngoài thư mục dữ liệu"],
    },
    Case {
        name: "symlink-out",
        make: |data| {
            let outside = data.parent().unwrap().join("dau-ngoai.png");
            std::fs::write(&outside, png(100, 100)).unwrap();
            std::os::unix::fs::symlink(&outside, data.join("dau.png")).unwrap();
            replace(data, "cong-van-769.toml", "name = \"Nguyễn Văn Hậu\"", "name = \"Nguyễn Văn Hậu\"\nseal_image = \"dau.png\"");
        },
        file: "cong-van-769.toml",
        marker: "seal_image",
        says: &["“dau.png” nằm ngoài thư mục dữ liệu"],
    },
    Case {
        name: "long-link",
        make: |data| {
            let long = format!("google_play = \"https://play.google.com/store/apps/details?id=vn.x&ref={}\"", "x".repeat(600));
            replace(data, "campaign.toml", "google_play = \"", &format!("{long}\nold_google_play = \""));
        },
        file: "campaign.toml",
        marker: "google_play = \"https://play.google.com/store/apps/details",
        says: &["quá dài để mã QR", "(dùng ở data/"],
    },
];

#[test]
fn every_user_mistake_is_one_message_at_its_line_and_out_stays_as_it_was() {
    for case in CASES {
        let dir = TempDir::new(case.name);
        let data = copy_data(&dir);
        let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
        assert!(ok, "{stderr}");
        let before = tree(&dir.join("out"));
        (case.make)(&data);
        let line = line_of(&data.join(case.file), case.marker);
        for command in ["check", "build"] {
            let (code, stderr) = run(&dir.0, &[command, "--data", "data"]);
            assert_eq!(code, Some(1), "{}: {stderr}", case.name);
            assert_eq!(stderr.trim_end().lines().count(), 1, "{}: one message: {stderr}", case.name);
            let place = format!("lỗi: data/{}, dòng {line}, cột ", case.file);
            assert!(stderr.starts_with(&place), "{}: {place} … in {stderr}", case.name);
            for says in case.says {
                assert!(stderr.contains(says), "{}: “{says}” in {stderr}", case.name);
            }
            assert!(!stderr.contains("lỗi của chương trình"), "{}: {stderr}", case.name);
        }
        assert!(tree(&dir.join("out")) == before, "{}: out/ is byte for byte as before", case.name);
        assert!(!dir.join(".out.vanban-staging").exists(), "{}", case.name);
    }
}

#[test]
fn text_from_a_mac_prints_as_nfc_and_legacy_encodings_are_refused() {
    let dir = TempDir::new("nfd");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // "Nguyễn Văn Hậu" decomposed, as macOS files it; a tab in the subject.
    let nfd = "Nguye\u{302}\u{303}n Va\u{306}n Ha\u{302}\u{323}u";
    let edited = text.replace("name = \"Nguyễn Văn Hậu\"", &format!("name = \"{nfd}\"")).replace("tuyên truyền cài đặt và", "tuyên truyền\tcài đặt và");
    std::fs::write(&path, &edited).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    let words = pdf_words(&dir.join("out/cong-van-769.pdf")).join(" ");
    assert!(words.contains("Nguyễn Văn Hậu") && words.contains("V/v tuyên truyền cài đặt và"), "{words}");

    let legacy = edited
        .replace("title = \"Phó Chủ tịch\"", "title = \"Phã Chñ tÞch\"\n# TCVN3: Céng hoµ x· héi")
        .replace("\"Như trên\"", "\"Céng hoµ x· héi chñ nghÜa\"");
    std::fs::write(&path, legacy).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok);
    assert!(stderr.contains("cong-van-769.toml, dòng") && stderr.contains("bảng mã cũ TCVN3"), "{stderr}");

    let control = edited.replace("\"Như trên\"", "\"Như\\u0007 trên\"");
    std::fs::write(&path, control).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok && stderr.contains("ký tự điều khiển U+0007"), "{stderr}");
}

#[test]
fn a_ten_megabyte_field_is_refused_at_once() {
    let dir = TempDir::new("huge-field");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let huge = "Nội dung dán nhầm. ".repeat(10 * 1024 * 1024 / 24);
    std::fs::write(&path, text.replace("nghiêm túc triển khai thực hiện./.", &format!("{huge}./."))).unwrap();
    let start = std::time::Instant::now();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(!ok && stderr.contains("chữ quá dài") && stderr.contains("tối đa 20000"), "{}", &stderr[..stderr.len().min(300)]);
    assert!(start.elapsed() < Duration::from_secs(20), "refused, not laid out");
    assert!(!dir.join("out").exists());
}

#[test]
fn more_units_than_the_limit_are_refused() {
    let mut text =
        String::from("dispatch = \"cong-van-769.toml\"\nparent = \"UBND\"\n[[kind]]\nkey = \"village\"\ngroup = \"Các thôn\"\ndeadline = 2026-08-31\n");
    for i in 0..5001 {
        text += &format!("[[unit]]\nname = \"Tổ {i}\"\ncode = \"T{i}\"\nhead = \"Tổ trưởng\"\nkind = \"village\"\n");
    }
    let error = Units::load(&SourceFile::new("units.toml", text)).unwrap_err().to_string();
    assert!(error.contains("units.toml: có 5001 đơn vị, quá giới hạn 5000 đơn vị"), "{error}");
}

/// A small random generator with a fixed seed: the same cases every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A code point of one kind: letters, marks, symbols, emoji, private
    /// use, unassigned or of a script the fonts lack, or anything at all.
    fn code_point(&mut self, kind: u64) -> char {
        let ranges: &[(u32, u32)] = match kind {
            0 => &[(0x41, 0x5a), (0xc0, 0x1b0), (0x1ea0, 0x1ef9), (0x391, 0x3a1), (0x3a3, 0x3c9), (0x410, 0x44f)],
            1 => &[(0x300, 0x36f), (0x1ab0, 0x1aff), (0x20d0, 0x20ff)],
            2 => &[(0x2190, 0x2bff), (0x2000, 0x206f), (0x20a0, 0x20cf)],
            3 => &[(0x1f300, 0x1faff), (0x1f1e6, 0x1f1ff)],
            4 => &[(0xe000, 0xf8ff), (0xf0000, 0xffffd)],
            5 => &[(0x378, 0x379), (0x0ee0, 0x0eff), (0x2fe0, 0x2fef), (0xe0080, 0xe00ff), (0x4e00, 0x9fff)],
            _ => &[(0x20, 0x10ffff)],
        };
        loop {
            let (first, last) = ranges[self.below(ranges.len() as u64) as usize];
            if let Some(c) = char::from_u32(first + self.below(u64::from(last - first + 1)) as u32) {
                return c;
            }
        }
    }
}

/// Keys whose strings are names, links, codes or files, not printed text.
const NOT_PRINTED: &[&str] = &[
    "link",
    "dispatch",
    "rows_csv",
    "signature_image",
    "seal_image",
    "content",
    "symbol",
    "code",
    "kind",
    "month",
    "unit",
    "date",
    "font",
    "enclosures",
    "number",
    // The form's keys, formulas and checks name columns; its period is a rule.
    "key",
    "formula",
    "rule",
    "need",
    "when",
    "numerator",
    "denominator",
    "every",
    "in",
    "time",
    "period",
];

/// Pastes a code point of `kind` into every printed string under `value`.
fn paste(value: &mut toml::Value, key: &str, random: &mut Random, kind: u64) {
    match value {
        toml::Value::String(text) if !NOT_PRINTED.contains(&key) => {
            let chars: Vec<char> = text.chars().collect();
            let at = random.below(chars.len() as u64 + 1) as usize;
            *text = chars[..at].iter().chain([random.code_point(kind)].iter()).chain(&chars[at..]).collect();
        }
        toml::Value::Array(items) => items.iter_mut().for_each(|item| paste(item, key, random, kind)),
        toml::Value::Table(table) if key != "links" => table.iter_mut().for_each(|(key, item)| paste(item, key, random, kind)),
        _ => {}
    }
}

#[test]
fn random_code_points_in_every_printed_field_render_or_are_refused_at_check_time() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let (mut rendered, mut refused) = (0, 0);
    for round in 0..28 {
        let dir = TempDir::new(&format!("code-points-{round}"));
        let data = copy_data(&dir);
        // Each round one kind of code point, in every printed field of one
        // file: each kind of document in turn.
        let kind = round % 7;
        let files = ["campaign.toml", "cong-van-769.toml", "units.toml", "huong-dan.toml", "tong-hop.toml", "reports/2026-07/T1.toml", "bieu-mau.toml"];
        let path = data.join(files[(round / 7 + round) as usize % files.len()]);
        let mut value: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        paste(&mut value, "", &mut random, kind);
        std::fs::write(&path, toml::to_string(&value).unwrap()).unwrap();
        let (checked, check_message) = run(&dir.0, &["check", "--data", "data"]);
        let (built, build_message) = run(&dir.0, &["build", "--data", "data"]);
        assert!(!build_message.contains("lỗi của chương trình"), "round {round}: {build_message}");
        match built {
            Some(0) => {
                assert_eq!(checked, Some(0), "round {round}: {check_message}");
                rendered += 1;
            }
            _ => {
                assert_eq!(built, Some(1), "round {round}: {build_message}");
                assert_eq!(check_message, build_message, "round {round}: refused by the check, before rendering");
                assert!(!dir.join("out").exists(), "round {round}: no partial out/");
                refused += 1;
            }
        }
    }
    assert!(rendered >= 4 && refused >= 4, "{rendered} rendered, {refused} refused");
}

/// A word or a date written bare, a type error, a unit code with a blank:
/// each message names the line and the field and says what to write.
#[test]
fn bare_values_and_wrong_types_are_told_how_to_be_written() {
    let report = "reports/2026-07/T1.toml";
    let stderr = failing_build("bare-word", report, |text| text.replacen("tong_so = 9\n", "tong_so = mười\n", 1));
    assert!(stderr.contains("T1.toml, dòng 10") && stderr.contains("“mười” ở trường “tong_so”") && stderr.contains("tong_so = 10"), "{stderr}");
    let stderr = failing_build("bare-date", report, |text| text.replacen("date = 2026-08-01", "date = 1/8/2026", 1));
    assert!(stderr.contains("T1.toml, dòng 4") && stderr.contains("hãy viết date = 2026-08-01"), "{stderr}");
    let stderr = failing_build("wrong-type", "cong-van-769.toml", |text| text.replacen("number = 769", "number = \"bảy trăm\"", 1));
    assert!(stderr.contains("cong-van-769.toml, dòng 7") && stderr.contains("trường “number”: sai kiểu"), "{stderr}");
    let stderr = failing_build("unit-code", "units.toml", |text| text.replacen("code = \"T1\"", "code = \"T 1\"", 1));
    assert!(stderr.contains("trường “code” “T 1” không phải ký hiệu hợp lệ") && !stderr.contains("symbol ="), "{stderr}");
}

/// A .toml file beside campaign.toml that vanban does not read is named in
/// a warning saying what it reads; check and build count the same documents.
#[test]
fn a_data_file_vanban_does_not_read_is_named() {
    let dir = TempDir::new("unused-file");
    let data = copy_data(&dir);
    std::fs::copy(data.join("cong-van-769.toml"), data.join("congvan-770.toml")).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("congvan-770.toml: tệp này không được đọc") && stderr.contains("cong-van-*.toml"), "{stderr}");
    let counted: usize = stdout.split("dữ liệu hợp lệ: ").nth(1).and_then(|rest| rest.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok && stderr.contains("congvan-770.toml: tệp này không được đọc"), "{stderr}");
    let pdfs = stdout.lines().filter(|l| l.ends_with(".pdf")).count();
    assert!(pdfs > 0 && counted > 0, "{stdout}");
}
