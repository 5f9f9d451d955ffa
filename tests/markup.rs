//! Text prints as typed: Typst's syntax in any field prints literally, and
//! body text's `**bold**` and `__italic__` style it only where they are
//! clearly meant, read back from the PDF and from the laid-out frames.

use crate::common::{TempDir, copy_data, inspect, pdf_words, vanban};
use vanban::commands::Workspace;
use vanban::data::DataDir;
use vanban::markup;

#[test]
fn typst_syntax_in_the_data_prints_literally() {
    let hostile = ["#panic(\"x\")", "$x$", "*a*", "_b_", "@c", "<d>", "\\", "[e]", "//", "#{1+1}", "`raw`", "= h"];
    let dir = TempDir::new("hostile");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let quoted: Vec<String> = hostile.iter().map(|h| toml::Value::String(h.to_string()).to_string()).collect();
    let text = text
        .replace("\"Như trên\",", &format!("\"Như trên\", {},", quoted.join(", ")))
        .replace("name = \"Nguyễn Văn Hậu\"", &format!("name = {}", quoted[0]))
        .replace("[[body]]\nheading = \"Chế độ báo cáo\"", &format!("[[body]]\ndashes = [{}]\n\n[[body]]\nheading = \"Chế độ báo cáo\"", quoted.join(", ")));
    std::fs::write(&path, text).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    let words = pdf_words(&dir.join("out/cong-van-769.pdf")).join(" ");
    for h in hostile {
        assert!(words.contains(&format!("- {h};")), "{h} in the Nơi nhận list: {words}");
        assert!(words.contains(&format!("- {h}")), "{h} in the body");
    }
    assert!(words.contains("#panic(\"x\")"), "the signer's name");
}

/// Body text that merely holds stars, underscores and backslashes, with
/// what each prints. Literal TOML strings: backslashes reach vanban as typed.
const CASES: [(&str, &str); 6] = [
    ("Giá 2**3 và a ** b", "Giá 2**3 và a ** b"),
    ("tệp bao_cao__thang__7.xlsx", "tệp bao_cao__thang__7.xlsx"),
    ("Mã __init__ và ****", "Mã init và ****"),
    (r"in \*\* và \_\_ nguyên văn", "in ** và __ nguyên văn"),
    (r"tệp C:\Bao_cao\thang_7\*.pdf", r"tệp C:\Bao_cao\thang_7*.pdf"),
    ("còn **chưa đóng thì in nguyên", "còn **chưa đóng thì in nguyên"),
];

/// The sample data with one paragraph per case before the body's first block;
/// returns the data folder and the line of each case's paragraph.
fn data_with_cases(dir: &TempDir) -> (std::path::PathBuf, Vec<usize>) {
    let data = copy_data(dir);
    let file = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let first_block = text.find("[[body]]").unwrap();
    let inserted: String = CASES.iter().map(|(typed, _)| format!("[[body]]\nparagraph = '{typed}'\n\n")).collect();
    let line_of_first = text[..first_block].lines().count() + 2;
    let lines = (0..CASES.len()).map(|i| line_of_first + 3 * i).collect();
    std::fs::write(&file, format!("{}{inserted}{}", &text[..first_block], &text[first_block..])).unwrap();
    (data, lines)
}

#[test]
fn text_prints_as_typed_but_for_paired_markers() {
    let dir = TempDir::new("markup-print");
    let (data, lines) = data_with_cases(&dir);
    let (ok, _, stderr) = vanban(&dir.0, &["dispatch", "data/cong-van-769.toml", "-o", "cv.pdf", "--data", "data"]);
    assert!(ok, "{stderr}");
    let text = pdf_words(&dir.join("cv.pdf")).join(" ");
    for (typed, printed) in CASES {
        assert!(text.contains(printed), "{typed:?} should print {printed:?}");
    }

    // The one marker that looks meant and has no partner is named, where it stands.
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.starts_with("cảnh báo")).collect();
    let (typed, _) = CASES[5];
    let column = typed[..typed.find("**").unwrap()].chars().count() + "paragraph = '".len() + 1;
    let place = format!("cong-van-769.toml, dòng {}, cột {column}: dấu “**” không có dấu đi cặp", lines[5]);
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains(&place), "{} should name {place}", warnings[0]);
    assert!(warnings[0].contains(r"\*\*"), "says how to print the stars: {}", warnings[0]);
    drop(data);
}

#[test]
fn only_paired_markers_change_the_style() {
    let dir = TempDir::new("markup-frames");
    let (data, _) = data_with_cases(&dir);
    let workspace = Workspace::open(DataDir::Folder(data), &[], None).unwrap();
    let dispatches = workspace.dispatches().unwrap();
    let document = dispatches[0].1.layout(&workspace.renderer).unwrap();
    let runs = inspect(&document).runs;
    let styled = |text: &str| runs.iter().filter(|r| r.text.contains(text)).map(|r| (r.bold, r.italic)).collect::<Vec<_>>();
    assert_eq!(styled("init"), [(false, true)], "__init__ is a pair: italic");
    for literal in ["2**3", "bao_cao__thang__7.xlsx", "****", "**chưa", r"C:\Bao_cao\thang_7*.pdf"] {
        assert_eq!(styled(literal), [(false, false)], "{literal} prints upright, as typed");
    }
    // The sample's own markup still styles its deadlines.
    assert!(runs.iter().any(|r| r.bold && r.text.contains("trước ngày 30/6/2026")));
}

/// A small deterministic generator (xorshift64*), so failures repeat.
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

/// What the text prints when no marker pairs: escapes resolved, nothing else.
fn unescaped(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.peek(), Some('*' | '_')) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The spans written back as markup: a marker wherever the style changes,
/// closing the innermost style first.
fn written_back(spans: &[markup::Span]) -> String {
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    for span in spans.iter().chain([&markup::Span { text: String::new(), bold: false, italic: false }]) {
        while let Some(&marker) = open.last() {
            let still = if marker == "**" { span.bold } else { span.italic };
            let outer_closes = open.iter().any(|&m| !(if m == "**" { span.bold } else { span.italic }));
            if still && !outer_closes {
                break;
            }
            out.push_str(marker);
            open.pop();
        }
        for (on, marker) in [(span.bold, "**"), (span.italic, "__")] {
            if on && !open.contains(&marker) {
                out.push_str(marker);
                open.push(marker);
            }
        }
        out.push_str(&span.text);
    }
    out
}

#[test]
fn generated_text_loses_only_the_markers_of_matched_pairs() {
    let alphabet: Vec<char> = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựĐỨ0123456789  "
        .chars()
        .chain((0x21u8..0x7f).filter(|c| !c.is_ascii_alphanumeric()).map(char::from))
        .chain("**__**__\\\\".chars())
        .collect();
    let mut numbers = Numbers(0x5eed_1234_abcd_0001);
    for _ in 0..20_000 {
        let length = numbers.below(24);
        let text: String = (0..length).map(|_| alphabet[numbers.below(alphabet.len())]).collect();
        let markup = markup::read(&text);
        // Nothing but the paired markers goes: writing the styles back as
        // markers gives the text as typed (escapes resolved).
        assert_eq!(written_back(&markup.spans), unescaped(&text), "{text:?} → {:?}", markup.spans);
        for span in &markup.spans {
            assert!(!span.text.is_empty(), "{text:?}");
            if span.bold || span.italic {
                let edges = [span.text.chars().next(), span.text.chars().next_back()];
                assert!(edges.iter().all(|c| c.is_some_and(|c| !c.is_whitespace())), "{text:?}: {span:?}");
            }
        }
        if !text.contains(['*', '_', '\\']) {
            let plain = markup.spans.iter().map(|s| s.text.as_str()).collect::<String>();
            assert_eq!(plain, text);
            assert!(markup.spans.iter().all(|s| !s.bold && !s.italic));
        }
    }
}

#[test]
fn readme_examples_print_as_it_says() {
    let readme = include_str!("../README.md");
    let rules = &readme[readme.find("<!-- markup examples -->").expect("the README shows the markup rules")..];
    let mut seen = 0;
    for line in rules.lines().skip(1).take_while(|line| line.starts_with("- ")) {
        // "- `typed` prints `text`, …"
        let parts: Vec<&str> = line.split('`').collect();
        let (typed, printed) = (parts[1], parts[3]);
        let text: String = markup::parse(typed).iter().map(|span| span.text.as_str()).collect();
        assert_eq!(text, printed, "{line}");
        seen += 1;
    }
    assert!(seen >= 3, "the README lists its examples");
}
