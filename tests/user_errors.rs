//! Nothing the data holds is a program error: every mistake a user can make
//! is refused while the data is checked, with one message naming the file
//! and line that holds it, and a failed build leaves out/ as it was.

use std::path::Path;
use std::process::Command;

use crate::common::{TempDir, copy_data, replace, tree, vanban};

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
fn formulas_in_names_reach_the_spreadsheet_as_text() {
    let dir = TempDir::new("csv-injection");
    let data = copy_data(&dir);
    let names = ["=HYPERLINK(\"http://x.vn\";\"bấm\")", "+1", "-2", "@SUM(A1)"];
    let mut units = std::fs::read_to_string(data.join("units.toml")).unwrap();
    for (i, name) in names.iter().enumerate() {
        let name = toml::Value::String(name.to_string());
        units += &format!("\n[[unit]]\nname = {name}\ncode = \"X{i}\"\nhead = \"Thủ trưởng\"\nkind = \"agency\"\n");
    }
    std::fs::write(data.join("units.toml"), units).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--csv", "--data", "data"]);
    assert!(ok, "{stderr}");
    let csv = std::fs::read_to_string(dir.join("out/tong-hop/2026-07.csv")).unwrap();
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x.vn\"\";\"\"bấm\"\")\",X0,"), "{csv}");
    for (i, name) in names.iter().enumerate().skip(1) {
        assert!(csv.contains(&format!(",'{name},X{i},")), "{name}: {csv}");
    }
    // Counts stay numbers, and no other cell starts a formula.
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '@']), "{line}");
            assert!(!cell.starts_with('-') || cell == "-" || cell[1..].parse::<f64>().is_ok(), "{line}");
        }
    }
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
const NOT_PRINTED: &[&str] =
    &["link", "dispatch", "rows_csv", "signature_image", "seal_image", "content", "symbol", "code", "kind", "month", "unit", "date", "font", "enclosures", "number"];

/// Pastes a code point of `kind` into every printed string under `value`.
fn paste(value: &mut toml::Value, key: &str, random: &mut Random, kind: u64) {
    match value {
        toml::Value::String(text) if !NOT_PRINTED.contains(&key) => {
            let chars: Vec<char> = text.chars().collect();
            let at = random.below(chars.len() as u64 + 1) as usize;
            *text = chars[..at].iter().chain([random.code_point(kind)].iter()).chain(&chars[at..]).collect();
        }
        toml::Value::Array(items) => items.iter_mut().for_each(|item| paste(item, key, random, kind)),
        toml::Value::Table(table) if key != "links" && key != "deadlines" => {
            table.iter_mut().for_each(|(key, item)| paste(item, key, random, kind))
        }
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
        let files = ["campaign.toml", "cong-van-769.toml", "units.toml", "huong-dan.toml", "tong-hop.toml", "reports/2026-07/T1.toml"];
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
