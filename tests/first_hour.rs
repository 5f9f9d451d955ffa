//! A clerk's first hour: which data is used, and messages that say what to
//! do, tried the way a new user tries them.

use crate::common::{TempDir, copy_data, pdf_words, vanban};

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
    std::fs::write(dir.join("r.toml"), "unit = \"TDP5\"\nmonth = \"2026-07\"\ndate = 2026-08-01\nsigner = \"A\"\n[[row]]\nname = \"a\"\ntotal = 1\ninstalled = 1\n").unwrap();
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
fn a_month_well_written_without_reports_is_told_what_is_missing() {
    let dir = TempDir::new("months");
    copy_data(&dir);
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-08"]);
    assert!(!ok);
    assert_eq!(
        stderr.trim(),
        "lỗi: data: chưa có báo cáo nào của tháng 2026-08 (không có thư mục reports/2026-08/). Hãy đặt báo cáo của các đơn vị vào thư mục đó. Các tháng đã có báo cáo: 2026-06, 2026-07"
    );
    assert!(!stderr.contains("dạng"), "no advice on writing a month that is written right");
    let (ok, _, stderr) = vanban(&dir.0, &["summary", "08/2026"]);
    assert!(!ok);
    assert!(stderr.contains("tháng “08/2026” không hợp lệ. Hãy viết năm-tháng, ví dụ vanban summary 2026-07"), "{stderr}");
}

/// Words of clap's English that must never reach the user.
const ENGLISH: [&str; 14] = [
    "Usage", "Options", "Commands", "Arguments", "error:", "Print", "help for", "default:", "possible values",
    "For more information", "tip:", "unexpected", "invalid value", "required",
];

fn assert_vietnamese(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "English “{word}” in: {text}");
    }
}

#[test]
fn help_and_argument_errors_are_vietnamese() {
    let dir = TempDir::new("cli-words");
    for command in ["build", "dispatch", "forms", "report", "guide", "flyer", "summary", "remind", "import", "init", "watch", "check"] {
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

    let cases: [(&[&str], &str); 6] = [
        (&["flyer", "--per-sheet", "3"], "lỗi: --per-sheet <N> không nhận giá trị “3”. Hãy ghi một trong: 1, 2, 4\n\nCách dùng: vanban flyer [TÙY_CHỌN]\nXem thêm: vanban flyer --help\n"),
        (&["buid"], "lỗi: không có lệnh “buid”. Có phải ý bạn là “guide” hay “build”? Các lệnh: build, dispatch, forms, report, guide, flyer, summary, remind, import, init, watch, check\n\nCách dùng: vanban [TÙY_CHỌN] <LỆNH>\nXem thêm: vanban --help\n"),
        (&["report"], "lỗi: còn thiếu <TỆP.toml>\n\nCách dùng: vanban report [TÙY_CHỌN] <TỆP.toml>\nXem thêm: vanban report --help\n"),
        (&["build", "--fnt-path", "x"], "lỗi: không hiểu đối số “--fnt-path” ở đây. Có phải ý bạn là “--font-path”?\n\nCách dùng: vanban build [TÙY_CHỌN]\nXem thêm: vanban build --help\n"),
        (&["guide", "--signed-at", "hôm-qua"], "lỗi: --signed-at <THỜI_ĐIỂM>: thời điểm ký “hôm-qua” không hợp lệ; hãy viết theo ISO 8601 có múi giờ, ví dụ 2026-06-01T09:30:00+07:00\n\nCách dùng: vanban guide [TÙY_CHỌN]\nXem thêm: vanban guide --help\n"),
        (&["summary", "2026-07", "thêm"], "lỗi: không hiểu đối số “thêm” ở đây\n\nCách dùng: vanban summary [TÙY_CHỌN] <THÁNG>\nXem thêm: vanban summary --help\n"),
    ];
    for (args, expected) in cases {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(&dir.0).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert_eq!(String::from_utf8(output.stderr).unwrap(), expected, "{args:?}");
    }
    // With nothing to do, the help, in Vietnamese, on stderr.
    let (ok, _, stderr) = vanban(&dir.0, &[]);
    assert!(!ok && stderr.contains("Cách dùng: vanban [TÙY_CHỌN] <LỆNH>"), "{stderr}");
    assert_vietnamese(&stderr);
}
