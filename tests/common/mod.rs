//! What the topic files share: a laid-out document read back as positioned
//! text, rules and images, in millimetres from the page's top-left corner and
//! points for font sizes; vanban run in a folder over a copy of the data; the
//! tools that read its PDFs back (poppler, zbar), sign them (openssl, pyHanko)
//! and fill their forms (pdf.js, pypdf, MuPDF); and the few helpers and
//! values more than one topic file uses.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::{FontStyle, FontWeight};
use typst::visualize::Geometry;
use typst_layout::PagedDocument;
use vanban::commands::Workspace;
use vanban::data::DataDir;

/// One shaped run of text.
#[derive(Debug, Clone)]
pub struct Run {
    pub page: usize,
    pub text: String,
    pub x: f64,
    pub baseline: f64,
    pub width: f64,
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    /// The ink: the glyphs' outlines' box, marks included.
    pub ink: Ink,
}

/// A box of ink: left, right, top, bottom.
#[derive(Debug, Clone, Copy)]
pub struct Ink {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Ink {
    /// Whether there is any ink (a run of spaces has none).
    pub fn is_some(&self) -> bool {
        [self.x0, self.x1, self.top, self.bottom].iter().all(|v| v.is_finite())
    }
}

impl Run {
    pub fn end(&self) -> f64 {
        self.x + self.width
    }
    pub fn centre(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// A straight rule from (x, y) to (x + length, y + rise).
#[derive(Debug, Clone)]
pub struct Rule {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub length: f64,
    pub rise: f64,
}

/// A rectangle, filled or only stroked.
#[derive(Debug, Clone)]
pub struct Rect {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub filled: bool,
}

#[derive(Debug, Clone)]
pub struct Picture {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Default)]
pub struct Inspection {
    pub pages: Vec<(f64, f64)>,
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
    pub rects: Vec<Rect>,
    pub pictures: Vec<Picture>,
}

/// Liberation Serif's cap height, in ems: where a line's text starts.
pub const CAP_HEIGHT: f64 = 1341.0 / 2048.0;
pub const PT: f64 = 25.4 / 72.0;

pub fn inspect(document: &PagedDocument) -> Inspection {
    let mut inspection = Inspection::default();
    for (index, page) in document.pages().iter().enumerate() {
        let size = page.frame.size();
        inspection.pages.push((size.x.to_mm(), size.y.to_mm()));
        walk(&page.frame, Transform::identity(), index + 1, &mut inspection);
    }
    inspection
}

fn walk(frame: &Frame, ts: Transform, page: usize, out: &mut Inspection) {
    for (pos, item) in frame.items() {
        let at = apply(ts, *pos);
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                walk(&group.frame, inner, page, out);
            }
            FrameItem::Text(text) => {
                let variant = text.font.font().info().variant;
                // A line's trailing space is shaped but not seen.
                let trailing: f64 = text
                    .glyphs
                    .iter()
                    .rev()
                    .take_while(|glyph| text.text[glyph.range()].trim().is_empty())
                    .map(|glyph| glyph.x_advance.at(text.size).to_mm())
                    .sum();
                // Glyph outlines, y up: min.y is the depth, max.y the height.
                let bbox = text.bbox();
                let (sx, sy) = (ts.sx.get(), ts.sy.get());
                let ink = Ink {
                    x0: at.x.to_mm() + bbox.min.x.to_mm() * sx,
                    x1: at.x.to_mm() + bbox.max.x.to_mm() * sx,
                    top: at.y.to_mm() + bbox.min.y.min(bbox.max.y).to_mm() * sy,
                    bottom: at.y.to_mm() + bbox.min.y.max(bbox.max.y).to_mm() * sy,
                };
                out.runs.push(Run {
                    page,
                    text: text.text.trim_end().to_string(),
                    x: at.x.to_mm(),
                    baseline: at.y.to_mm(),
                    width: (text.width().to_mm() - trailing) * ts.sx.get(),
                    size: text.size.to_pt() * ts.sy.get(),
                    bold: variant.weight >= FontWeight::BOLD,
                    italic: variant.style != FontStyle::Normal,
                    ink,
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Rect(size) = shape.geometry {
                    out.rects.push(Rect {
                        page,
                        x: at.x.to_mm(),
                        y: at.y.to_mm(),
                        width: size.x.to_mm() * ts.sx.get(),
                        height: size.y.to_mm() * ts.sy.get(),
                        filled: shape.fill.is_some(),
                    });
                }
                if let Geometry::Line(to) = shape.geometry {
                    let end = apply(ts, *pos + to);
                    let (length, rise) = ((end.x - at.x).to_mm(), (end.y - at.y).to_mm());
                    out.rules.push(Rule { page, x: at.x.to_mm(), y: at.y.to_mm(), length, rise });
                }
            }
            FrameItem::Image(_, size, _) => {
                out.pictures.push(Picture {
                    page,
                    x: at.x.to_mm(),
                    y: at.y.to_mm(),
                    width: size.x.to_mm() * ts.sx.get(),
                    height: size.y.to_mm() * ts.sy.get(),
                });
            }
            _ => {}
        }
    }
}

fn apply(ts: Transform, p: Point) -> Point {
    Point::new(ts.sx.of(p.x) + ts.kx.of(p.y) + ts.tx, ts.ky.of(p.x) + ts.sy.of(p.y) + ts.ty)
}

impl Inspection {
    /// Runs on one line (same page and baseline, less than 3 mm apart),
    /// left to right.
    pub fn lines(&self) -> Vec<Vec<&Run>> {
        let mut runs: Vec<&Run> = self.runs.iter().collect();
        runs.sort_by(|a, b| (a.page, a.baseline, a.x).partial_cmp(&(b.page, b.baseline, b.x)).unwrap());
        let mut lines: Vec<Vec<&Run>> = Vec::new();
        for run in runs {
            match lines.last_mut() {
                Some(line) if line[0].page == run.page && (line[0].baseline - run.baseline).abs() < 0.05 && run.x - line.last().unwrap().end() < 3.0 => {
                    line.push(run)
                }
                _ => lines.push(vec![run]),
            }
        }
        lines
    }

    /// The first run whose text starts with `prefix`.
    pub fn run(&self, prefix: &str) -> &Run {
        self.runs.iter().find(|run| run.text.starts_with(prefix)).unwrap_or_else(|| panic!("no text starts with {prefix:?}"))
    }

    /// The line whose joined text starts with `prefix`: (text, x, end, baseline, runs).
    pub fn line(&self, prefix: &str) -> (String, f64, f64, f64, Vec<Run>) {
        self.lines()
            .into_iter()
            .map(|line| {
                let text = line.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
                let x = line[0].x;
                let end = line.iter().map(|r| r.end()).fold(0.0, f64::max);
                (text, x, end, line[0].baseline, line.into_iter().cloned().collect())
            })
            .find(|(text, ..)| text.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starts with {prefix:?}"))
    }

    /// The nearest rule under `run` that overlaps it horizontally.
    pub fn rule_under(&self, run: &Run) -> &Rule {
        self.rules
            .iter()
            .filter(|rule| rule.page == run.page && rule.y > run.baseline)
            .filter(|rule| rule.x < run.end() && rule.x + rule.length > run.x)
            .min_by(|a, b| a.y.partial_cmp(&b.y).unwrap())
            .unwrap_or_else(|| panic!("no rule under {run:?}"))
    }
}

/// The workspace over the embedded campaign data.
pub fn workspace() -> Workspace {
    Workspace::open(DataDir::Embedded, &[], None).expect("the embedded data is valid")
}

/// The second campaign, examples/de-an-06: Đề án 06's identity accounts,
/// a folder `--data` takes.
pub fn example_data() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/de-an-06")
}

/// The workspace over the second campaign's folder.
pub fn example_workspace() -> Workspace {
    Workspace::open(DataDir::Folder(example_data()), &[], None).unwrap_or_else(|e| panic!("examples/de-an-06 is valid: {e}"))
}

/// Both campaigns, for the checks that hold for any: each one's data
/// folder in the repository and its workspace (the first campaign's is
/// the embedded copy of data/).
pub fn campaigns() -> Vec<(std::path::PathBuf, Workspace)> {
    vec![(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), workspace()), (example_data(), example_workspace())]
}

pub fn assert_near(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((actual - expected).abs() <= tolerance, "{what}: {actual:.3}, expected {expected:.3} ± {tolerance}");
}

/// A folder under the system's temporary folder, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let unique = COUNT.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("vanban-{name}-{}-{unique}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    pub fn join(&self, part: &str) -> std::path::PathBuf {
        self.0.join(part)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The repository's data/ copied into `dir`, to be edited by a test.
pub fn copy_data(dir: &TempDir) -> std::path::PathBuf {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let to = dir.join("data");
    copy_tree(&from, &to);
    to
}

/// A copy of the data with `count` units of every kind in turn, each with a
/// July report of one row, installed share (i % 100 + 1) %.
pub fn many_units(dir: &TempDir, count: usize) -> std::path::PathBuf {
    let data = copy_data(dir);
    std::fs::remove_dir_all(data.join("reports")).unwrap();
    let sample = std::fs::read_to_string(data.join("units.toml")).unwrap();
    let mut units = sample[..sample.find("[[unit]]").unwrap()].to_owned();
    let kinds = ["agency", "organisation", "school", "village"];
    for i in 0..count {
        units += &format!("[[unit]]\nname = \"Đơn vị thử số {i}\"\ncode = \"U{i}\"\nhead = \"Thủ trưởng\"\nkind = \"{}\"\n\n", kinds[i % 4]);
        write_report(&data, "2026-07", &format!("U{i}"), &[(100, i as u64 % 100 + 1)]);
    }
    std::fs::write(data.join("units.toml"), units).unwrap();
    data
}

/// A report of `code` for `month` ("2026-07") with rows of (tong_so, da_cai).
pub fn write_report(data: &std::path::Path, month: &str, code: &str, rows: &[(u64, u64)]) {
    let folder = data.join("reports").join(month);
    std::fs::create_dir_all(&folder).unwrap();
    let (year, number) = (month[..4].parse::<i32>().unwrap(), month[5..].parse::<u32>().unwrap());
    let next = if number == 12 { format!("{}-01", year + 1) } else { format!("{year}-{:02}", number + 1) };
    let mut text = format!("unit = \"{code}\"\nmonth = \"{month}\"\ndate = {next}-01\nsigner = \"Nguyễn Văn An\"\n");
    for (i, (total, installed)) in rows.iter().enumerate() {
        text += &format!("[[row]]\nten = \"Nhóm {i}\"\ntong_so = {total}\nda_cai = {installed}\nly_do = \"Đi biển\"\n");
    }
    std::fs::write(folder.join(format!("{code}.toml")), text).unwrap();
}

/// The second campaign (examples/de-an-06) copied into `dir` as its data/.
pub fn copy_example(dir: &TempDir) -> std::path::PathBuf {
    let to = dir.join("data");
    copy_tree(&example_data(), &to);
    to
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Runs the vanban binary in `dir`; returns (success, stdout, stderr).
pub fn vanban(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(dir).output().unwrap();
    (output.status.success(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

/// Runs a tool the tests need (poppler-utils, zbar-tools: .ci/run installs them).
pub fn tool(program: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed by the tests (apt-get install poppler-utils zbar-tools): {e}"));
    assert!(output.status.success() || program == "zbarimg", "{program} {args:?} failed: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The words of a PDF's text, page numbers (a page's first line, when it
/// is a number) left out.
pub fn pdf_words(pdf: &std::path::Path) -> Vec<String> {
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let mut words = Vec::new();
    for page in text.split('\x0c') {
        let mut lines = page.lines().skip_while(|line| line.trim().is_empty()).peekable();
        if lines.peek().is_some_and(|line| line.trim().chars().all(|c| c.is_ascii_digit())) {
            lines.next();
        }
        words.extend(lines.flat_map(str::split_whitespace).map(String::from));
    }
    words
}

/// The page count pdfinfo reports.
pub fn page_count(pdf: &std::path::Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = info.lines().find(|line| line.starts_with("Pages:")).expect("pdfinfo prints Pages:");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// A word of a PDF with its page (from 1) and box in points: x0, y0, x1, y1.
#[derive(Debug, Clone)]
pub struct WordBox {
    pub page: usize,
    pub word: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// Every word of a PDF with its box, as poppler reads it.
pub fn word_boxes(pdf: &std::path::Path) -> Vec<WordBox> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let attribute = |name: &str| -> f64 {
                let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                rest[start..start + rest[start..].find('"').unwrap()].parse().unwrap()
            };
            let word = &rest[rest.find('>').unwrap() + 1..rest.rfind("</word>").unwrap()];
            words.push(WordBox {
                page,
                word: word.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""),
                x0: attribute("xMin"),
                y0: attribute("yMin"),
                x1: attribute("xMax"),
                y1: attribute("yMax"),
            });
        }
    }
    words
}

/// The QR codes zbarimg reads in a region (x0, y0, x1, y1 in points from
/// the top left) of one page, rendered at 150 dpi.
pub fn decode_region(pdf: &std::path::Path, page: usize, (x0, y0, x1, y1): (f64, f64, f64, f64), scratch: &TempDir) -> Vec<String> {
    let px = |pt: f64| ((pt * 150.0 / 72.0).round() as i64).to_string();
    let stem = scratch.join(&format!("region-{page}-{x0:.0}-{y0:.0}"));
    let page_text = page.to_string();
    tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            "-singlefile",
            "-f",
            &page_text,
            "-l",
            &page_text,
            "-x",
            &px(x0),
            "-y",
            &px(y0),
            "-W",
            &px(x1 - x0),
            "-H",
            &px(y1 - y0),
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    decode_png(std::path::Path::new(&format!("{}.png", stem.display())))
}

/// The QR codes zbarimg reads in a PNG image, sorted.
pub fn decode_png(png: &std::path::Path) -> Vec<String> {
    let out = tool("zbarimg", &["--quiet", "--raw", "-Sqrcode.enable", png.to_str().unwrap()]);
    let mut codes: Vec<String> = out.lines().map(String::from).collect();
    codes.sort();
    codes
}

/// The QR codes on every page of a PDF rendered at 150 dpi, sorted.
pub fn decode_pdf(pdf: &std::path::Path, scratch: &TempDir) -> Vec<String> {
    let stem = scratch.join(&format!("pages-{}", pdf.file_stem().unwrap().to_str().unwrap()));
    tool("pdftoppm", &["-r", "150", "-png", pdf.to_str().unwrap(), stem.to_str().unwrap()]);
    let prefix = stem.file_name().unwrap().to_str().unwrap().to_owned();
    let mut pages: Vec<_> =
        std::fs::read_dir(&scratch.0).unwrap().map(|e| e.unwrap().path()).filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(&prefix)).collect();
    pages.sort();
    let mut codes: Vec<String> = pages.iter().flat_map(|page| decode_png(page)).collect();
    codes.sort();
    codes
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).into_iter().flatten() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_str().unwrap().to_owned();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// A throwaway key and self-signed certificate for `name`, in `dir`:
/// (key, certificate).
pub fn certificate(dir: &TempDir, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let (key, cert) = (dir.join("key.pem"), dir.join("cert.pem"));
    let made = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-utf8", "-subj", &format!("/CN={name}/C=VN"), "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    (key, cert)
}

/// Signs the field ChuKy_NguoiKy of `pdf` with pyHanko into `signed`.
pub fn sign(pdf: &std::path::Path, signed: &std::path::Path, (key, cert): &(std::path::PathBuf, std::path::PathBuf)) {
    let sign = std::process::Command::new("pyhanko")
        .args(["sign", "addsig", "--field", "ChuKy_NguoiKy", "pemder", "--no-pass", "--key"])
        .arg(key)
        .arg("--cert")
        .arg(cert)
        .arg(pdf)
        .arg(signed)
        .output()
        .expect("pyhanko is needed by the tests (.ci/run installs pyhanko-cli)");
    assert!(sign.status.success(), "{}: {}", pdf.display(), String::from_utf8_lossy(&sign.stderr));
}

/// The folder where .ci/run installs pdf.js (npm pdfjs-dist).
pub fn pdfjs_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdfjs");
    assert!(dir.join("node_modules/pdfjs-dist").is_dir(), "pdf.js is needed by the tests: .ci/run installs it into target/pdfjs");
    dir
}

#[derive(Clone, Copy, Debug)]
pub enum Filler {
    PdfJs,
    Pypdf,
    MuPdf,
}

/// Fills `form` into `filled` with a real reader's form code.
pub fn fill(filler: Filler, form: &std::path::Path, filled: &std::path::Path, values: &[(&str, &str)]) {
    let fillers = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fillers");
    let json = filled.with_extension("json");
    let map: serde_json::Map<String, serde_json::Value> = values.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
    std::fs::write(&json, serde_json::to_string(&map).unwrap()).unwrap();
    let mut command = match filler {
        Filler::PdfJs => {
            let mut c = std::process::Command::new("node");
            c.arg(fillers.join("pdfjs.mjs")).arg(pdfjs_dir());
            c
        }
        Filler::Pypdf => {
            let mut c = std::process::Command::new("python3");
            c.arg(fillers.join("pypdf_fill.py"));
            c
        }
        Filler::MuPdf => {
            let mut c = std::process::Command::new("mutool");
            c.arg("run").arg(fillers.join("mupdf.js"));
            c
        }
    };
    let output = command.arg(form).arg(filled).arg(&json).output().unwrap();
    assert!(output.status.success() && filled.is_file(), "{filler:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A small deterministic generator (xorshift64*), so failures repeat.
pub struct Numbers(pub u64);

impl Numbers {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Runs `vanban build` in `dir` over the built-in data; the dispatch it wrote.
pub fn built_dispatch(dir: &TempDir) -> std::path::PathBuf {
    let (ok, stdout, stderr) = vanban(&dir.0, &["build"]);
    assert!(ok, "{stderr}");
    assert!(stdout.lines().any(|line| line == "out/cong-van-769.pdf"), "{stdout}");
    dir.join("out/cong-van-769.pdf")
}

/// Edits a file of the data by replacing `from` with `to`.
pub fn replace(data: &std::path::Path, file: &str, from: &str, to: &str) {
    let path = data.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} in {file}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The sentence that opens every unit's form, citing the dispatch.
pub const REFERENCE: &str = "Thực hiện Công văn số 769/UBND-VHXH ngày 01 tháng 6 năm 2026 của Ủy ban nhân dân đặc khu Bạch Long Vĩ về việc tuyên truyền cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng).";

/// The sentence that opens every form of the second campaign, citing its dispatch.
pub const REFERENCE_412: &str = "Thực hiện Công văn số 412/UBND-CA ngày 15 tháng 9 năm 2026 của Ủy ban nhân dân xã An Hòa về việc đẩy mạnh kích hoạt tài khoản định danh điện tử mức 2 (VNeID) cho công dân từ đủ 14 tuổi trở lên.";

/// The keys of a campaign's form columns, in order, read from its bieu-mau.toml.
pub fn column_keys(data: &std::path::Path) -> Vec<String> {
    let form: toml::Table = toml::from_str(&std::fs::read_to_string(data.join("bieu-mau.toml")).unwrap()).unwrap();
    form["column"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap().to_owned()).collect()
}

/// The head of Thôn 3's July report, signed; the tests add its rows.
pub const SIGNED_HEAD: &str = "unit = \"T3\"\nmonth = \"2026-07\"\ndate = 2026-08-01\nsigner = \"Lê Văn Cường\"\n";

/// A data copy whose July reports are removed, with the blank forms made.
pub fn fresh_month(dir: &TempDir) -> std::path::PathBuf {
    let data = copy_data(dir);
    std::fs::remove_dir_all(data.join("reports/2026-07")).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--data", "data", "--out", "out"]);
    assert!(ok, "{stderr}");
    data
}

/// Runs `vanban check` in `dir` over its data/; the message, checking that it failed.
pub fn check_fails(dir: &TempDir) -> String {
    let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
    assert!(!ok, "the check should fail");
    assert!(stderr.starts_with("lỗi: "), "{stderr}");
    stderr
}

/// 2308 as documents print counts, "2.308": worked out here, apart from
/// vanban's own, so that a test compares two reckonings.
pub fn dotted(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}
