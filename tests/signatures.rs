//! Digital signatures on returned forms (issue 25): a fresh form is filled,
//! then signed and attacked in every way tests/tools/signatures.py knows
//! (python3 tests/tools/signatures.py --help lists them); each file is
//! imported, and its report's [[signature]] tables, the import's line and
//! the summary's "Ký số" column must say what the fixture's manifest
//! expects, as pyHanko's validator does wherever the two can agree.

use std::path::{Path, PathBuf};

use crate::common::{self, Filler, TempDir, copy_data, fill, vanban};

// ---------------------------------------------------------------------------
// The interface under test, in one place.

/// campaign.toml's list of trusted roots (paths in the data folder, DER or PEM).
const TRUST_KEY: &str = "trust";
/// The import's words for a signature, per status (the line is
/// `<target> ← <file> (…)`).
const VALID_LINE: &str = "chữ ký số hợp lệ của {signer}";
const UNTRUSTED_LINE: &str = "chữ ký số của {signer} đúng nhưng chưa được tin cậy: {note}";
const INVALID_LINE: &str = "chữ ký số không hợp lệ: {note}";
const CHANGED_LINE: &str = "chữ ký số của {signer}, nhưng tệp đã bị sửa sau khi ký: {note}";
/// The summary's "Ký số" column, per status, and for an unsigned report.
const COLUMN: [(&str, &str); 4] = [("valid", "Có"), ("untrusted", "Chưa tin cậy"), ("invalid", "Không hợp lệ"), ("changed", "Bị sửa")];
const NOT_SIGNED: &str = "Không";
/// What the note of a signature read with no trust list names: the setting to write.
const NO_TRUST_LIST_NOTE_NAMES: &str = "trust";

/// The fixtures where pyHanko's verdict differs from vanban's, each for the
/// reason the manifest gives (python3 tests/tools/signatures.py … --validate
/// prints them). A fixture cannot join this list from the script alone.
const KNOWN_DIVERGENCES: [&str; 4] = [
    // pyHanko requires nonRepudiation; digitalSignature is enough for vanban.
    "digital-signature-only.pdf",
    // pyHanko: intact, sound, "untrusted" (disallowed algorithm); vanban: invalid.
    "sha1.pdf",
    // pyHanko: a field's new value after an approval signature is form filling, VALID.
    "incremental-count.pdf",
    // pyHanko 0.38 checks only the ByteRange's total length: "covers the entire file", VALID.
    "byterange-overlap.pdf",
];

// ---------------------------------------------------------------------------

/// The unit whose form is signed, its file and the month.
const UNIT: &str = "Thôn 2";
const CODE: &str = "T2";
const FORM: &str = "thon-2";
const MONTH: &str = "2026-07";

/// A fresh form for July, filled by pypdf and signed and attacked by the
/// script: (scratch folder, data folder, fixtures folder, manifest).
fn fixtures(name: &str) -> (TempDir, PathBuf, PathBuf, serde_json::Value) {
    let dir = TempDir::new(name);
    let data = copy_data(&dir);
    std::fs::remove_dir_all(data.join("reports").join(MONTH)).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--unit", CODE, "--data", "data", "--out", "out"]);
    assert!(ok, "{stderr}");
    // dong1_chua_cai is left for vanban to compute, so that a forged total
    // still makes a row it reads (see the script's --help).
    let values = [
        ("so", "7"),
        ("ngay", "01"),
        ("thang", "8"),
        ("thang_bao_cao", "7"),
        ("nam_bao_cao", "2026"),
        ("nguoi_ky", "Nguyễn Thị Ánh Tuyết"),
        ("dong1_ten", "Tổ dân phố Đường Ngầm"),
        ("dong1_tong_so", "120"),
        ("dong1_da_cai", "97"),
        ("dong1_ly_do", "Người già không dùng điện thoại thông minh"),
    ];
    let filled = dir.join("filled.pdf");
    fill(Filler::Pypdf, &dir.join(&format!("out/bieu-mau/{FORM}.pdf")), &filled, &values);
    let out = dir.join("fixtures");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/signatures.py");
    let made = std::process::Command::new("python3").arg(&script).arg(&filled).arg(&out).output().expect("python3 is needed by the tests");
    assert!(made.status.success(), "{}: {}", script.display(), String::from_utf8_lossy(&made.stderr));
    let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    (dir, data, out, manifest)
}

/// Puts the roots into data/ca/ and names them in campaign.toml's trust list.
fn trust(data: &Path, fixtures: &Path, roots: &[&str]) {
    std::fs::create_dir_all(data.join("ca")).unwrap();
    let mut listed = Vec::new();
    for root in roots {
        std::fs::copy(fixtures.join(root), data.join("ca").join(root)).unwrap();
        listed.push(format!("\"ca/{root}\""));
    }
    // A top-level key: before the file's first table.
    let campaign = data.join("campaign.toml");
    let text = std::fs::read_to_string(&campaign).unwrap();
    std::fs::write(&campaign, format!("{TRUST_KEY} = [{}]\n{text}", listed.join(", "))).unwrap();
}

/// The import's words for one signature of the report.
fn line_words(signature: &toml::Value) -> String {
    let field = |name: &str| signature.get(name).and_then(toml::Value::as_str).unwrap_or("").to_owned();
    let template = match field("status").as_str() {
        "valid" => VALID_LINE,
        "untrusted" => UNTRUSTED_LINE,
        "invalid" => INVALID_LINE,
        "changed" => CHANGED_LINE,
        other => return format!("<no line for status {other:?}>"),
    };
    template.replace("{signer}", &field("signer")).replace("{note}", &field("note"))
}

/// The "Ký số" cell of `unit` in the summary's deadlines table, read from
/// the words' boxes (pdftotext -bbox): the words under the column's header
/// nearer the row's middle (its number's) than any other row's, so that a
/// value wrapped over lines (the column is 29 mm wide, its cells centred
/// vertically) is read whole and a neighbouring row's value is not.
fn signed_cell(dir: &TempDir, unit: &str) -> String {
    deadline_cell(dir, unit, ["Ký", "số"], 29.0)
}

/// The cell of `unit` in the deadlines table's column headed by the two
/// words `header`, `width` mm wide (see signed_cell).
fn deadline_cell(dir: &TempDir, unit: &str, header: [&str; 2], width: f64) -> String {
    let (ok, _, stderr) = vanban(&dir.0, &["summary", MONTH, "--data", "data"]);
    assert!(ok && !panicked(&stderr), "summary: {stderr}");
    let words = common::word_boxes(&dir.join(&format!("out/tong-hop/{MONTH}.pdf")));
    let at = |sequence: &[&str]| words.windows(sequence.len()).position(|w| w.iter().zip(sequence).all(|(a, b)| a.word == *b));
    let table = &words[at(&["3.", "Tiến", "độ"]).expect("section 3")..at(&["4.", "Đơn", "vị", "chưa"]).expect("section 4")];
    let middle = |w: &common::WordBox| (w.y0 + w.y1) / 2.0;
    let (first, second) = unit.split_once(' ').unwrap();
    let row = table
        .windows(2)
        .find(|w| w[0].word == first && w[1].word == second && w[0].page == w[1].page && (w[0].y0 - w[1].y0).abs() < 1.0)
        .unwrap_or_else(|| panic!("no row for {unit}"))[0]
        .clone();
    let (header, header_end) = table
        .windows(2)
        .filter(|w| w[0].word == header[0] && w[1].word == header[1] && w[0].page == row.page && w[0].y1 < row.y0)
        .map(|w| (w[0].clone(), w[1].x1))
        .max_by(|a, b| a.0.y0.total_cmp(&b.0.y0))
        .expect("the column's header above the row");
    // The rows' middles: their numbers, left of the units' names.
    let rows: Vec<f64> =
        table.iter().filter(|w| w.page == row.page && w.y0 > header.y1 && w.x1 < row.x0 && w.word.parse::<u32>().is_ok()).map(middle).collect();
    let nearest = |y: f64| rows.iter().copied().min_by(|a, b| (a - y).abs().total_cmp(&(b - y).abs())).unwrap();
    let own = nearest(middle(&row));
    // The header is centred in its column.
    let centre = (header.x0 + header_end) / 2.0;
    let (left, right) = (centre - width / 2.0 * 72.0 / 25.4, centre + width / 2.0 * 72.0 / 25.4);
    let mut cell: Vec<&common::WordBox> =
        table.iter().filter(|w| w.page == row.page && w.x0 >= left - 1.0 && w.x1 <= right + 1.0 && w.y0 > header.y1 && nearest(middle(w)) == own).collect();
    cell.sort_by(|a, b| (a.y0, a.x0).partial_cmp(&(b.y0, b.x0)).unwrap());
    cell.iter().map(|w| w.word.as_str()).collect::<Vec<_>>().join(" ")
}

fn column(status: &str) -> &'static str {
    COLUMN.iter().find(|(s, _)| *s == status).unwrap_or_else(|| panic!("no status {status:?}")).1
}

fn panicked(stderr: &str) -> bool {
    stderr.contains("panicked") || stderr.contains("lỗi của chương trình") || stderr.contains("RUST_BACKTRACE")
}

/// pyHanko's verdict on a file, as the script's PYHANKO section reads it:
/// `pyhanko sign validate --trust … --trust-replace FILE`, one line per
/// signature, FIELD:FINGERPRINT:STATUS; the file's worst signature counts.
fn pyhanko_verdict(pdf: &Path, roots: &[PathBuf]) -> (String, String) {
    let mut command = std::process::Command::new("pyhanko");
    command.args(["sign", "validate"]);
    for root in roots {
        command.arg("--trust").arg(root);
    }
    let output = command.arg("--trust-replace").arg(pdf).output().expect("pyhanko is needed by the tests (.ci/run installs pyhanko-cli)");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let order = ["valid", "untrusted", "changed", "invalid"];
    let mut worst: Option<&str> = None;
    for line in stdout.lines() {
        let Some(status) = line.splitn(3, ':').nth(2) else { continue };
        let parts: Vec<&str> = status.split(',').collect();
        let verdict = if parts[0] == "INVALID" || parts.contains(&"NONSTANDARD_COVERAGE") {
            "invalid"
        } else if parts.contains(&"ILLEGAL_MODIFICATIONS") {
            "changed"
        } else if parts[0] == "INTACT:UNTRUSTED" || parts[0] == "INTACT:REVOKED" {
            "untrusted"
        } else if parts[0] == "INTACT:TRUSTED" {
            "valid"
        } else {
            return (format!("unknown: {status}"), stdout);
        };
        if worst.is_none_or(|w| order.iter().position(|o| *o == verdict) > order.iter().position(|o| *o == w)) {
            worst = Some(verdict);
        }
    }
    // No line: the CLI failed ("Generic processing error") or found no
    // signature it supports.
    let report = format!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    (worst.unwrap_or("invalid").to_owned(), report)
}

fn text<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(serde_json::Value::as_str)
}

#[test]
fn pyhanko_agrees_with_the_status_of_every_fixture_but_the_known_divergences() {
    let (_dir, _data, out, manifest) = fixtures("signatures-pyhanko");
    let roots: Vec<PathBuf> = manifest["trust"].as_array().unwrap().iter().map(|r| out.join(r.as_str().unwrap())).collect();
    let entries = manifest["fixtures"].as_array().unwrap();
    assert!(entries.len() >= 20, "{} fixtures", entries.len());
    // Two at a time: each pyhanko run is most of a second of CPU.
    let verdicts: Vec<(String, String)> = std::thread::scope(|scope| {
        let workers: Vec<_> = entries
            .chunks(entries.len().div_ceil(2))
            .map(|chunk| {
                let (out, roots) = (&out, &roots);
                scope.spawn(move || chunk.iter().map(|e| pyhanko_verdict(&out.join(text(e, "file").unwrap()), roots)).collect::<Vec<_>>())
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    let mut disagreements = Vec::new();
    for (entry, (verdict, report)) in entries.iter().zip(&verdicts) {
        let file = text(entry, "file").unwrap();
        let (expected, recorded) = (text(entry, "expected").unwrap(), text(entry, "pyhanko").unwrap());
        if verdict != recorded {
            disagreements.push(format!("{file}: pyHanko says {verdict}, the manifest {recorded}:\n{report}"));
        }
        let divergent = KNOWN_DIVERGENCES.contains(&file);
        if (recorded != expected) != divergent || divergent != text(entry, "divergence").is_some() {
            disagreements.push(format!("{file}: vanban {expected}, pyHanko {recorded}, divergence {:?}", entry["divergence"]));
        }
    }
    for known in KNOWN_DIVERGENCES {
        assert!(entries.iter().any(|e| text(e, "file") == Some(known)), "{known} is not a fixture");
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn every_signed_or_attacked_form_imports_with_its_status() {
    let (dir, data, out, manifest) = fixtures("signatures");
    // The RSA root as DER, the EC root as PEM: the trust list takes both.
    trust(&data, &out, &["root-ca.cer", "root-ca-ec.pem"]);
    let entries = manifest["fixtures"].as_array().unwrap();
    let mut problems = Vec::new();
    for entry in entries {
        let file = text(entry, "file").unwrap();
        let expected = text(entry, "expected").unwrap();
        let path = out.join(file);
        let mut problem = |what: String| problems.push(format!("{file} ({expected}): {what}"));
        let (ok, stdout, stderr) = vanban(&dir.0, &["import", path.to_str().unwrap(), "--data", "data", "--replace"]);
        if !ok || panicked(&stderr) {
            problem(format!("import failed: {stdout}{stderr}"));
            continue;
        }
        let written = std::fs::read_to_string(data.join(format!("reports/{MONTH}/{CODE}.toml"))).unwrap();
        let report: toml::Table = toml::from_str(&written).unwrap();
        let Some(signatures) = report.get("signature").and_then(toml::Value::as_array) else {
            problem(format!("no [[signature]] array in {written}"));
            continue;
        };
        let wanted = entry["signatures"].as_array().unwrap();
        let statuses: Vec<&str> = signatures.iter().map(|s| s.get("status").and_then(toml::Value::as_str).unwrap_or("?")).collect();
        let wanted_statuses: Vec<&str> = wanted.iter().map(|s| text(s, "status").unwrap()).collect();
        if statuses != wanted_statuses {
            problem(format!("statuses {statuses:?}, expected {wanted_statuses:?}"));
        }
        for (signature, want) in signatures.iter().zip(wanted) {
            let field = |name: &str| signature.get(name).and_then(toml::Value::as_str);
            let status = field("status").unwrap_or("?");
            for key in ["signer", "issuer"] {
                if let Some(name) = text(want, key)
                    && field(key) != Some(name)
                {
                    problem(format!("{key} {:?}, expected {name:?}", field(key)));
                }
            }
            match field("note") {
                Some(note) if status == "valid" => problem(format!("a valid signature with a note: {note:?}")),
                None | Some("") if status != "valid" => problem(format!("a {status} signature with no note")),
                _ => {}
            }
            if status == "valid" && !field("time").is_some_and(|t| t.starts_with("20") && t.contains('T')) {
                problem(format!("a valid signature's time: {:?}", field("time")));
            }
            // The import's line says it, with the report's note.
            let words = line_words(signature);
            if !stdout.lines().any(|l| l.contains(" ← ") && l.contains(file) && l.contains(&words)) {
                problem(format!("no line with “{words}” in {stdout}"));
            }
        }
        // The summary: "Có" only for a file whose every signature is valid.
        let cell = signed_cell(&dir, UNIT);
        if cell != column(expected) {
            problem(format!("Ký số “{cell}”, expected “{}”", column(expected)));
        }
        if cell == column("valid") && expected != "valid" {
            problem(format!("shows as “{cell}” in the summary"));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn with_no_trust_list_a_valid_signature_reads_untrusted_and_says_why() {
    let (dir, data, out, _) = fixtures("signatures-no-trust");
    let campaign = std::fs::read_to_string(data.join("campaign.toml")).unwrap();
    assert!(!campaign.lines().any(|l| l.trim_start().starts_with(TRUST_KEY)), "{campaign}");
    let (ok, stdout, stderr) = vanban(&dir.0, &["import", out.join("valid-rsa.pdf").to_str().unwrap(), "--data", "data"]);
    assert!(ok && !panicked(&stderr), "{stderr}");
    let report: toml::Table = toml::from_str(&std::fs::read_to_string(data.join(format!("reports/{MONTH}/{CODE}.toml"))).unwrap()).unwrap();
    let signatures = report["signature"].as_array().expect("[[signature]]");
    assert_eq!(signatures.len(), 1);
    let signature = &signatures[0];
    assert_eq!(signature["status"].as_str(), Some("untrusted"));
    assert_eq!(signature["signer"].as_str(), Some("Nguyễn Thị Ánh Tuyết"));
    let note = signature["note"].as_str().unwrap();
    assert!(note.contains(NO_TRUST_LIST_NOTE_NAMES), "the note names the setting: {note}");
    let words = line_words(signature);
    assert!(stdout.lines().any(|l| l.contains(" ← ") && l.contains(&words)), "“{words}” not in {stdout}");
    assert_eq!(signed_cell(&dir, UNIT), column("untrusted"));

    // An unsigned form has no [[signature]] and reads "Không".
    let (ok, _, stderr) = vanban(&dir.0, &["import", dir.join("filled.pdf").to_str().unwrap(), "--data", "data", "--replace"]);
    assert!(ok && !panicked(&stderr), "{stderr}");
    let written = std::fs::read_to_string(data.join(format!("reports/{MONTH}/{CODE}.toml"))).unwrap();
    assert!(!toml::from_str::<toml::Table>(&written).unwrap().contains_key("signature"), "{written}");
    assert_eq!(signed_cell(&dir, UNIT), NOT_SIGNED);
}
