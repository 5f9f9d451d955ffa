//! The command line: help and argument errors in Vietnamese with their exit
//! code, and the program started by a double click, with no arguments.

use crate::common::{TempDir, tree, vanban};

/// Words of clap's English that must never reach the user.
const ENGLISH: [&str; 14] = [
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "error:",
    "Print",
    "help for",
    "default:",
    "possible values",
    "For more information",
    "tip:",
    "unexpected",
    "invalid value",
    "required",
];

fn assert_vietnamese(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "English “{word}” in: {text}");
    }
}

#[test]
fn help_and_argument_errors_are_vietnamese() {
    let dir = TempDir::new("cli-words");
    for command in ["build", "dispatch", "copy", "forms", "report", "guide", "flyer", "summary", "remind", "import", "new", "init", "watch", "check"] {
        let (ok, stdout, _) = vanban(&dir.0, &[command, "--help"]);
        assert!(ok, "{command}");
        assert!(stdout.contains(&format!("Cách dùng: vanban {command} [TÙY_CHỌN]")) && stdout.contains("Tùy chọn:"), "{stdout}");
        assert!(stdout.contains("-h, --help") && stdout.contains("In phần trợ giúp này"), "{stdout}");
        assert_vietnamese(&stdout);
    }
    let (ok, stdout, _) = vanban(&dir.0, &["--help"]);
    assert!(ok && stdout.contains("Cách dùng: vanban [TÙY_CHỌN] <LỆNH>") && stdout.contains("Các lệnh:"), "{stdout}");
    assert_vietnamese(&stdout);
    let (_, stdout, _) = vanban(&dir.0, &["flyer", "--help"]);
    assert!(stdout.contains("(mặc định: 1) (một trong: 1, 2, 4)"), "{stdout}");
    let (_, stdout, _) = vanban(&dir.0, &["build", "--help"]);
    assert!(stdout.contains("-v, --verbose") && stdout.contains("Liệt kê mọi tệp đã ghi, cả tệp giữ nguyên"), "{stdout}");

    let cases: [(&[&str], &str); 6] = [
        (
            &["flyer", "--per-sheet", "3"],
            "lỗi: --per-sheet <N> không nhận giá trị “3”. Hãy ghi một trong: 1, 2, 4\n\nCách dùng: vanban flyer [TÙY_CHỌN]\nXem thêm: vanban flyer --help\n",
        ),
        (
            &["buid"],
            "lỗi: không có lệnh “buid”. Có phải ý bạn là “guide” hay “build”? Các lệnh: build, dispatch, copy, forms, report, guide, flyer, summary, remind, import, new, init, watch, check\n\nCách dùng: vanban [TÙY_CHỌN] <LỆNH>\nXem thêm: vanban --help\n",
        ),
        (&["report"], "lỗi: còn thiếu <TỆP.toml>\n\nCách dùng: vanban report [TÙY_CHỌN] <TỆP.toml>\nXem thêm: vanban report --help\n"),
        (
            &["build", "--fnt-path", "x"],
            "lỗi: không hiểu đối số “--fnt-path” ở đây. Có phải ý bạn là “--font-path”?\n\nCách dùng: vanban build [TÙY_CHỌN]\nXem thêm: vanban build --help\n",
        ),
        (
            &["guide", "--signed-at", "hôm-qua"],
            "lỗi: --signed-at <THỜI_ĐIỂM>: thời điểm ký “hôm-qua” không hợp lệ; hãy viết theo ISO 8601 có múi giờ, ví dụ 2026-06-01T09:30:00+07:00\n\nCách dùng: vanban guide [TÙY_CHỌN]\nXem thêm: vanban guide --help\n",
        ),
        (
            &["summary", "2026-07", "thêm"],
            "lỗi: không hiểu đối số “thêm” ở đây\n\nCách dùng: vanban summary [TÙY_CHỌN] <KỲ>\nXem thêm: vanban summary --help\n",
        ),
    ];
    for (args, expected) in cases {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(&dir.0).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert_eq!(String::from_utf8(output.stderr).unwrap(), expected, "{args:?}");
    }
    // A month written as people write it: exit 2, told back in vanban's form, the usage line.
    for (args, example) in [
        (vec!["summary", "9/2026"], "ví dụ vanban summary 2026-09"),
        (vec!["import", "x.pdf", "--data", "data", "--month", "T9/2026"], "ví dụ --month 2026-09"),
    ] {
        if args[0] == "import" {
            std::fs::create_dir_all(dir.join("data")).unwrap();
            for file in ["campaign.toml", "units.toml", "bieu-mau.toml"] {
                std::fs::copy(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(file), dir.join("data").join(file)).unwrap();
            }
        }
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(&args).current_dir(&dir.0).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(example) && stderr.contains(&format!("Cách dùng: vanban {}", args[0])), "{args:?}: {stderr}");
    }
    // With nothing to do, the help, in Vietnamese, on stderr.
    let (ok, _, stderr) = vanban(&dir.0, &[]);
    assert!(!ok && stderr.contains("Cách dùng: vanban [TÙY_CHỌN] <LỆNH>"), "{stderr}");
    assert_vietnamese(&stderr);
}

#[test]
fn a_double_click_builds_beside_the_program_and_waits_for_enter() {
    let dir = TempDir::new("double-click");
    let mut input = std::io::Cursor::new(b"\n".to_vec());
    let mut shown = Vec::new();
    vanban::commands::explorer::run(&dir.0, &mut input, &mut shown).unwrap();
    let shown = String::from_utf8(shown).unwrap();
    assert!(dir.join("out/cong-van-769.pdf").is_file());
    // Every output, less vanban's record of them (out/.vanban.sha256).
    let files = tree(&dir.join("out")).iter().filter(|(name, _)| !name.starts_with('.')).count();
    assert!(shown.starts_with(&format!("vanban đã in {files} tệp vào thư mục:")), "{shown}");
    assert!(shown.contains(dir.join("out").to_str().unwrap()), "{shown}");
    assert!(shown.trim_end().ends_with("Nhấn Enter để đóng cửa sổ này."), "{shown}");
    assert_eq!(input.position(), 1, "waited for Enter");

    // With data beside the program (vanban init), that data is used, and a
    // mistake in it is shown in the window, which still waits.
    let (ok, _, stderr) = vanban(&dir.0, &["init"]);
    assert!(ok, "{stderr}");
    std::fs::write(dir.join("vanban-du-lieu/campaign.toml"), "font = 3\n").unwrap();
    let mut input = std::io::Cursor::new(b"\n".to_vec());
    let mut shown = Vec::new();
    assert!(vanban::commands::explorer::run(&dir.0, &mut input, &mut shown).is_err());
    let shown = String::from_utf8(shown).unwrap();
    assert!(shown.starts_with("lỗi: ") && shown.contains("campaign.toml, dòng 1"), "{shown}");
    assert_eq!(input.position(), 1, "waited for Enter");
}
