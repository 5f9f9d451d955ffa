//! `vanban import`: forms filled in by real readers' form code (pdf.js, pypdf,
//! MuPDF), signed or not, and CSV files in the encodings Excel saves become
//! the month's reports with the exact text and numbers; bad returns are
//! refused one by one; a month imported sums up as the same month typed in.
//! Every kind of signature is in signatures.rs, workbooks in workbooks.rs.

use crate::common::{self, Filler, SIGNED_HEAD, TempDir, copy_data, fill, fresh_month, vanban};

/// A month's report as a unit fills it in: number, date, signer, rows.
fn july_values<'a>(signer: &'a str, rows: &'a [[&'a str; 5]]) -> Vec<(String, &'a str)> {
    let mut values: Vec<(String, &str)> = vec![
        ("so".into(), "7"),
        ("ngay".into(), "01"),
        ("thang".into(), "8"),
        ("nam".into(), "2026"),
        ("thang_bao_cao".into(), "7"),
        ("nam_bao_cao".into(), "2026"),
        ("nguoi_ky".into(), signer),
    ];
    let columns = ["ten", "tong_so", "da_cai", "chua_cai", "ly_do"];
    for (n, row) in rows.iter().enumerate() {
        for (column, value) in columns.iter().zip(row) {
            if !value.is_empty() {
                values.push((format!("dong{}_{column}", n + 1), value));
            }
        }
    }
    values
}

const SIGNER: &str = "Nguyễn Thị Ánh Tuyết";
const ROWS: [[&str; 5]; 3] = [
    ["Tổ dân phố Đường Ngầm", "120", "97", "23", "Người già không dùng điện thoại thông minh; đi biển"],
    ["Hộ ở khu Bến Cá – “Cửa Ông”", "1.234", "1.000", "", "Chưa có sóng 4G ổn định"],
    ["Ưu Ơ Ỹ ỵ Đ đặc khu", "5", "5", "0", ""],
];

#[test]
fn forms_filled_by_pdfjs_pypdf_and_mupdf_import_to_the_exact_text_and_numbers() {
    let dir = TempDir::new("fill");
    let data = fresh_month(&dir);
    let blank = dir.join("out/bieu-mau/thon-1.pdf");
    let info = common::tool("pdfinfo", &[blank.to_str().unwrap()]);
    assert!(info.contains("Form:            AcroForm") && info.contains("JavaScript:      no"), "{info}");
    let check = std::process::Command::new("qpdf").arg("--check").arg(&blank).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let bytes = String::from_utf8_lossy(&std::fs::read(&blank).unwrap()).into_owned();
    assert!(bytes.contains("<pdfaid:part>2</pdfaid:part>") && !bytes.contains("NeedAppearances"));

    for (filler, form, code) in [(Filler::PdfJs, "thon-1", "T1"), (Filler::Pypdf, "thon-2", "T2"), (Filler::MuPdf, "thon-3", "T3")] {
        let values = july_values(SIGNER, &ROWS);
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // Renamed on the way back: the unit comes from inside the file.
        let filled = dir.join(&format!("tra-ve-{form}.pdf"));
        fill(filler, &dir.join(&format!("out/bieu-mau/{form}.pdf")), &filled, &refs);
        let (ok, stdout, stderr) = vanban(&dir.0, &["import", filled.to_str().unwrap(), "--data", "data"]);
        assert!(ok, "{filler:?}: {stderr}");
        assert!(stdout.contains(&format!("reports/2026-07/{code}.toml")), "{stdout}");
        let report: toml::Table = toml::from_str(&std::fs::read_to_string(data.join(format!("reports/2026-07/{code}.toml"))).unwrap()).unwrap();
        assert_eq!(report["unit"].as_str(), Some(code));
        assert_eq!(report["period"].as_str(), Some("2026-07"), "import writes the period");
        assert!(!report.contains_key("month"));
        assert_eq!(report["number"].as_integer(), Some(7));
        assert_eq!(report["date"].as_datetime().unwrap().to_string(), "2026-08-01");
        assert_eq!(report["signer"].as_str(), Some(SIGNER), "{filler:?}");
        let rows = report["row"].as_array().unwrap();
        assert_eq!(rows.len(), 3, "{filler:?}");
        assert_eq!(rows[0]["ten"].as_str(), Some(ROWS[0][0]), "{filler:?}");
        assert_eq!(rows[0]["ly_do"].as_str(), Some(ROWS[0][4]), "{filler:?}");
        assert_eq!(rows[1]["ten"].as_str(), Some(ROWS[1][0]), "{filler:?}");
        assert_eq!((rows[1]["tong_so"].as_integer(), rows[1]["da_cai"].as_integer()), (Some(1234), Some(1000)));
        assert_eq!(rows[2]["ten"].as_str(), Some(ROWS[2][0]), "{filler:?}");
        assert_eq!((rows[0]["tong_so"].as_integer(), rows[0]["da_cai"].as_integer(), rows[0]["chua_cai"].as_integer()), (Some(120), Some(97), Some(23)));
        for row in rows {
            let keys: Vec<&String> = row.as_table().unwrap().keys().collect();
            assert!(keys.iter().all(|k| ["ten", "tong_so", "da_cai", "chua_cai", "ly_do"].contains(&k.as_str())), "{filler:?}: {keys:?}");
        }
        // What the reader drew shows every mark: its text reads back exactly.
        // MuPDF 1.21 draws filled fields in its own base-14 Helvetica,
        // whatever font the field names, and cannot encode Vietnamese there:
        // its values are exact (above), its drawing is not ours to fix.
        if let Filler::MuPdf = filler {
            continue;
        }
        let drawn = std::process::Command::new("mutool").args(["draw", "-F", "txt", "-o", "-"]).arg(&filled).arg("1").output().unwrap();
        let drawn = String::from_utf8_lossy(&drawn.stdout);
        for text in [SIGNER, "Tổ dân phố Đường Ngầm", "Ưu Ơ Ỹ ỵ Đ đặc khu", "1.234"] {
            assert!(drawn.contains(text), "{filler:?}: {text} not drawn in {drawn}");
        }
    }
}

#[test]
fn a_signed_form_imports_as_valid_and_one_changed_byte_as_invalid() {
    let dir = TempDir::new("signed-return");
    let data = fresh_month(&dir);
    let values = july_values(SIGNER, &ROWS[..1]);
    let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let filled = dir.join("filled.pdf");
    fill(Filler::Pypdf, &dir.join("out/bieu-mau/thon-2.pdf"), &filled, &refs);
    let signed = dir.join("signed.pdf");
    let certificate = common::certificate(&dir, "Nguyễn Thị Ánh Tuyết");
    common::sign(&filled, &signed, &certificate);
    // The office trusts the (self-signed) certificate of the unit's head.
    std::fs::copy(&certificate.1, data.join("nguoi-ky.pem")).unwrap();
    let campaign = std::fs::read_to_string(data.join("campaign.toml")).unwrap();
    std::fs::write(data.join("campaign.toml"), format!("trust = [\"nguoi-ky.pem\"]\n{campaign}")).unwrap();

    let (ok, stdout, stderr) = vanban(&dir.0, &["import", signed.to_str().unwrap(), "--data", "data"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("(chữ ký số hợp lệ của Nguyễn Thị Ánh Tuyết)"), "{stdout}");
    let written = std::fs::read_to_string(data.join("reports/2026-07/T2.toml")).unwrap();
    let report: toml::Table = toml::from_str(&written).unwrap();
    let signatures = report["signature"].as_array().unwrap();
    assert_eq!(signatures.len(), 1, "{written}");
    let signature = signatures[0].as_table().unwrap();
    assert_eq!(signature["signer"].as_str(), Some("Nguyễn Thị Ánh Tuyết"));
    assert_eq!(signature["status"].as_str(), Some("valid"));
    let time = signature["time"].as_str().unwrap();
    assert!(time.len() >= 20 && time.starts_with("20"), "{time}");

    // The summary's deadlines table says, per unit, whether it signed.
    let signed_column = |dir: &TempDir| -> Vec<String> {
        let (ok, _, stderr) = vanban(&dir.0, &["summary", "2026-07", "--data", "data"]);
        assert!(ok, "{stderr}");
        let text = common::tool("pdftotext", &["-layout", dir.join("out/tong-hop/2026-07.pdf").to_str().unwrap(), "-"]);
        let table = &text[text.find("3. Tiến độ").unwrap()..text.find("4. Đơn vị chưa").unwrap()];
        ["Thôn 1", "Thôn 2"]
            .iter()
            .map(|unit| {
                let line = table.lines().find(|l| l.contains(unit)).unwrap();
                line.split("  ").filter(|c| !c.trim().is_empty()).last().unwrap().trim().to_owned()
            })
            .collect()
    };
    assert_eq!(signed_column(&dir), ["-", "Có"]);

    // One byte changed after signing, inside what the signature covers.
    let mut bytes = std::fs::read(&signed).unwrap();
    let at = bytes.windows(7).position(|w| w == b"/Tabs /" || w == b"/Tabs/R").unwrap();
    let letter = at + bytes[at..].iter().skip(5).position(|&b| b == b'R').unwrap() + 5;
    bytes[letter] = b'C';
    let changed = dir.join("changed.pdf");
    std::fs::write(&changed, bytes).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["import", changed.to_str().unwrap(), "--data", "data", "--replace"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("(chữ ký số không hợp lệ: "), "{stdout}");
    let report: toml::Table = toml::from_str(&std::fs::read_to_string(data.join("reports/2026-07/T2.toml")).unwrap()).unwrap();
    assert_eq!(report["signature"][0]["status"].as_str(), Some("invalid"));
    assert_eq!(signed_column(&dir), ["-", "Không hợp lệ"]);
}

#[test]
fn bad_returns_are_refused_one_by_one_and_nothing_is_written_for_them() {
    let dir = TempDir::new("bad-returns");
    let data = fresh_month(&dir);
    let (ok, _, stderr) = vanban(&dir.0, &["dispatch", "data/cong-van-769.toml", "-o", "cong-van.pdf", "--data", "data"]);
    assert!(ok, "{stderr}");
    let header = "ma_don_vi;thang_bao_cao;nam_bao_cao;so;ngay;thang;nguoi_ky;ten;tong_so;da_cai;chua_cai;ly_do\n";
    let csv = |name: &str, lines: &[&str]| {
        let path = dir.join(name);
        std::fs::write(&path, format!("{header}{}\n", lines.join("\n"))).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let words = csv("muoi.csv", &["T1;7;2026;;01;8;Lê Văn A;Tổ 1;mười;5;;"]);
    let over = csv("vuot.csv", &["T2;7;2026;;01;8;Lê Văn B;Tổ 2;10;12;;"]);
    let unknown = csv("la.csv", &["XYZ;7;2026;;01;8;Lê Văn C;Tổ 3;10;2;8;Ốm"]);
    let twice_a = csv("hai-a.csv", &["T3;7;2026;;01;8;;Tổ 4;10;10;;"]);
    let twice_b = csv("hai-b.csv", &["T3;7;2026;;02;8;;Tổ 4;10;9;1;Đi vắng"]);
    let good = csv("tot.csv", &["THBLV;7;2026;3;01;8;Phạm Thu Hà;Giáo viên;30;30;;", "THBLV;;;;;;;Nhân viên;4;3;1;Đang nghỉ phép"]);
    let values = july_values(SIGNER, &ROWS[..1]);
    let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let june_asked = dir.join("thang-7.pdf");
    fill(Filler::Pypdf, &dir.join("out/bieu-mau/van-phong-hdnd-va-ubnd-dac-khu.pdf"), &june_asked, &refs);

    let files = [dir.join("cong-van.pdf").to_str().unwrap().to_owned(), words, over, unknown, twice_a, twice_b, good];
    let mut args: Vec<&str> = vec!["import", "--data", "data", "--month", "2026-07"];
    args.extend(files.iter().map(String::as_str));
    let (ok, stdout, stderr) = vanban(&dir.0, &args);
    assert!(!ok, "some returns are refused");
    for expected in [
        "cong-van.pdf: tệp PDF không phải biểu mẫu báo cáo do vanban in (không có ô ma_don_vi)",
        "muoi.csv, dòng 2, cột 31: cột “Tổng số”: “mười” không phải số nguyên không âm",
        "vuot.csv, dòng 2, cột 34: hàng 1 (“Tổ 2”): đã cài đặt (da_cai = 12) lớn hơn tổng số (tong_so = 10). Hãy sửa lại một trong hai số",
        "la.csv, dòng 2, cột 1: ô ma_don_vi ghi “XYZ”, không phải mã đơn vị nào trong units.toml",
        "đơn vị “T3” gửi 2 tệp cho tháng 7 năm 2026",
        "6 báo cáo bị từ chối",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    }
    assert!(stderr.contains("hai-a.csv") && stderr.contains("hai-b.csv"), "{stderr}");
    assert!(stdout.contains("reports/2026-07/THBLV.toml ← "), "one bad file does not stop the others: {stdout}");
    let written: Vec<String> = std::fs::read_dir(data.join("reports/2026-07")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(written, ["THBLV.toml"]);

    // A form for July given as June's.
    let (ok, _, stderr) = vanban(&dir.0, &["import", june_asked.to_str().unwrap(), "--data", "data", "--month", "2026-06"]);
    assert!(!ok && stderr.contains("thang-7.pdf: biểu mẫu báo cáo tháng 7 năm 2026, không phải tháng 6 năm 2026"), "{stderr}");
    assert!(!data.join("reports/2026-06/VP.toml").exists());

    // A report already there is kept unless --replace.
    let before = std::fs::read_to_string(data.join("reports/2026-07/THBLV.toml")).unwrap();
    let again = csv("lai.csv", &["THBLV;7;2026;3;01;8;Phạm Thu Hà;Giáo viên;30;29;1;Ốm"]);
    let (ok, stdout, stderr) = vanban(&dir.0, &["import", &again, "--data", "data"]);
    assert!(ok && stdout.is_empty() && stderr.contains("bỏ qua: ") && stderr.contains("--replace"), "{stdout}{stderr}");
    assert_eq!(std::fs::read_to_string(data.join("reports/2026-07/THBLV.toml")).unwrap(), before);
    let (ok, _, stderr) = vanban(&dir.0, &["import", &again, "--data", "data", "--replace"]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read_to_string(data.join("reports/2026-07/THBLV.toml")).unwrap().contains("da_cai = 29"));
    // --replace says what it replaced.
    assert!(
        stderr.contains("đã ghi đè: ") && stderr.contains("THBLV.toml (báo cáo đã có của đơn vị) được thay bằng") && stderr.contains("lai.csv"),
        "{stderr}"
    );

    // The year of the month reported on, left empty: refused alone, taken
    // from --month when the month agrees, and said so.
    let no_year = csv("khong-nam.csv", &["T1;7;;;01;8;Lê Văn A;Tổ 1;10;8;2;Đi biển"]);
    let (ok, _, stderr) = vanban(&dir.0, &["import", &no_year, "--data", "data"]);
    assert!(!ok && stderr.contains("chỉ điền một trong hai ô kỳ báo cáo") && stderr.contains("--month"), "{stderr}");
    let (ok, _, stderr) = vanban(&dir.0, &["import", &no_year, "--data", "data", "--month", "2026-08"]);
    assert!(!ok && stderr.contains("chỉ điền một trong hai ô kỳ báo cáo"), "another month's --month gives no year: {stderr}");
    let (ok, stdout, stderr) = vanban(&dir.0, &["import", &no_year, "--data", "data", "--month", "2026-07"]);
    assert!(ok && stdout.contains("reports/2026-07/T1.toml ← "), "{stdout}{stderr}");
    assert!(stderr.contains("khong-nam.csv: ô năm của kỳ báo cáo (nam_bao_cao) để trống; lấy năm 2026 theo --month"), "{stderr}");
}

#[test]
fn importing_the_month_gives_the_same_summary_as_hand_written_reports() {
    // Typed by hand: the same numbers as the returned files below.
    let hand = TempDir::new("by-hand");
    let data = copy_data(&hand);
    std::fs::remove_dir_all(data.join("reports/2026-07")).unwrap();
    std::fs::create_dir_all(data.join("reports/2026-07")).unwrap();
    std::fs::write(
        data.join("reports/2026-07/T1.toml"),
        format!(
            "unit = \"T1\"\nmonth = \"2026-07\"\nnumber = 7\ndate = 2026-08-01\nsigner = \"{SIGNER}\"\n\n[[row]]\nten = \"{}\"\ntong_so = 120\nda_cai = 97\nchua_cai = 23\nly_do = \"{}\"\n",
            ROWS[0][0], ROWS[0][4]
        ),
    )
    .unwrap();
    std::fs::write(
        data.join("reports/2026-07/THBLV.toml"),
        "unit = \"THBLV\"\nmonth = \"2026-07\"\nnumber = 3\ndate = 2026-08-01\nsigner = \"Phạm Thu Hà\"\n\n[[row]]\nten = \"Giáo viên\"\ntong_so = 30\nda_cai = 30\n\n[[row]]\nten = \"Nhân viên\"\ntong_so = 4\nda_cai = 3\nchua_cai = 1\nly_do = \"Đang nghỉ phép\"\n",
    )
    .unwrap();
    let (ok, _, stderr) = vanban(&hand.0, &["summary", "2026-07", "--data", "data", "--csv", "--xlsx"]);
    assert!(ok, "{stderr}");

    // Returned: a form filled in pdf.js and a spreadsheet, into a folder.
    let returned = TempDir::new("imported");
    fresh_month(&returned);
    let inbox = returned.join("hop-thu");
    std::fs::create_dir_all(&inbox).unwrap();
    let values = july_values(SIGNER, &ROWS[..1]);
    let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    fill(Filler::PdfJs, &returned.join("out/bieu-mau/thon-1.pdf"), &inbox.join("thon-1 (1).pdf"), &refs);
    std::fs::write(
        inbox.join("truong.csv"),
        "\u{feff}ma_don_vi,thang_bao_cao,nam_bao_cao,so,ngay,thang,nguoi_ky,ten,tong_so,da_cai,chua_cai,ly_do\r\nTHBLV,7,2026,3,01,8,Phạm Thu Hà,Giáo viên,30,30,,\r\nTHBLV,,,,,,,Nhân viên,4,3,1,Đang nghỉ phép\r\n",
    )
    .unwrap();
    let (ok, stdout, stderr) = vanban(&returned.0, &["import", "hop-thu", "--data", "data"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let (ok, _, stderr) = vanban(&returned.0, &["summary", "2026-07", "--data", "data", "--csv", "--xlsx"]);
    assert!(ok, "{stderr}");
    for file in ["out/tong-hop/2026-07.pdf", "out/tong-hop/2026-07.csv", "out/tong-hop/2026-07.xlsx"] {
        assert!(std::fs::read(hand.join(file)).unwrap() == std::fs::read(returned.join(file)).unwrap(), "{file} differs");
    }
}

/// `text` saved as Excel saves it: "utf-8", "cp1258" (Excel's "CSV (Comma
/// delimited)" on a Vietnamese Windows: tone marks as combining characters
/// after the base letters the code page has) or "utf-16" ("Unicode Text":
/// byte order mark, tabs between cells), made with Python's codecs.
fn excel_csv(text: &str, encoding: &str) -> Vec<u8> {
    let script = r#"
import sys, unicodedata
text, encoding = sys.stdin.read(), sys.argv[1]
tones = "\u0300\u0301\u0303\u0309\u0323"
def split_tones(c):
    parts = unicodedata.normalize("NFD", c)
    base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
    return base + "".join(p for p in parts if p in tones)
if encoding == "cp1258":
    text = "".join(split_tones(c) for c in text)
if encoding == "utf-16":
    text = text.replace(";", "\t")
sys.stdout.buffer.write(text.replace("\n", "\r\n").encode(encoding))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script, encoding])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    output.stdout
}

#[test]
fn csv_in_windows_1258_and_utf_16_imports_as_utf_8_does() {
    let returns = "ma_don_vi;thang_bao_cao;nam_bao_cao;so;ngay;thang;nguoi_ky;ten;tong_so;da_cai;chua_cai;ly_do\n\
        T3;8;2026;;01;9;Lê Văn Cường;Tổ Đồng Quýt;12;9;3;Đi biển xa, chưa về\n\
        T3;;;;;;;Hộ ông Nguyễn Thị Ỷ;4;4;;\n";
    let imported = |encoding: &str| {
        let dir = TempDir::new(&format!("csv-{encoding}"));
        copy_data(&dir);
        let bytes = excel_csv(returns, encoding);
        if encoding == "cp1258" {
            // The code page really holds combining tone marks: "ơ" then U+0300 for "ờ".
            assert!(std::str::from_utf8(&bytes).is_err() && bytes.windows(2).any(|w| w == [0xF5, 0xCC]));
        }
        std::fs::write(dir.join("bao-cao.csv"), bytes).unwrap();
        let (ok, _, stderr) = vanban(&dir.0, &["import", "bao-cao.csv"]);
        assert!(ok, "{encoding}: {stderr}");
        std::fs::read_to_string(dir.join("data/reports/2026-08/T3.toml")).unwrap()
    };
    let utf8 = imported("utf-8");
    assert!(utf8.contains("Lê Văn Cường") && utf8.contains("Hộ ông Nguyễn Thị Ỷ") && utf8.contains("Đi biển xa, chưa về"), "{utf8}");
    assert_eq!(imported("cp1258"), utf8);
    assert_eq!(imported("utf-16"), utf8);

    // A report's own rows_csv in the code page reads the same, and a cell's
    // message still names its line and column.
    let bad = excel_csv("Stt;Tên đơn vị;Tổng số;Đã cài đặt;Chưa cài đặt;Lý do\n1;Tổ Đồng Quýt;mười;1;;\n", "cp1258");
    let dir = TempDir::new("csv-1258-rows");
    let data = copy_data(&dir);
    std::fs::write(data.join("reports/2026-07/T3.toml"), format!("{SIGNED_HEAD}rows_csv = \"T3.csv\"\n")).unwrap();
    std::fs::write(data.join("reports/2026-07/T3.csv"), bad).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["check"]);
    assert!(!ok);
    assert!(stderr.contains("data/reports/2026-07/T3.csv, dòng 2, cột 16: cột “Tổng số”: “mười”"), "{stderr}");

    // UTF-16 without its byte order mark is none of these: advice, not garbage.
    std::fs::write(dir.join("lạ.csv"), &excel_csv(returns, "utf-16")[2..]).unwrap();
    let (ok, _, stderr) = vanban(&dir.0, &["import", "lạ.csv"]);
    assert!(!ok);
    assert!(stderr.contains("lạ.csv: không đọc được chữ trong tệp CSV") && stderr.contains("“CSV UTF-8 (Comma delimited)”"), "{stderr}");
}

/// A December report signed on 1 January: the form has a field for the
/// year it is signed in, so the signed file, the report imported from it
/// and the report printed all say 2027. A year that puts the date before
/// the period is refused at its field; a form left without a year (as an
/// older vanban's had none) takes the year after the December.
#[test]
fn a_december_report_signed_in_january_is_dated_in_the_new_year() {
    let dir = TempDir::new("december");
    let data = fresh_month(&dir);
    let blank = dir.join("out/bieu-mau/thon-1.pdf");
    let with_year = |year: &'static str| {
        let mut values = july_values(SIGNER, &ROWS[..1]);
        for (name, value) in values.iter_mut() {
            *value = match name.as_str() {
                "ngay" | "thang" => "01",
                "nam" => year,
                "thang_bao_cao" => "12",
                _ => value,
            };
        }
        values.retain(|(_, value)| !value.is_empty());
        values
    };
    let import = |year: &'static str| {
        let values = with_year(year);
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let filled = dir.join(&format!("thang-12-{year}.pdf"));
        fill(Filler::PdfJs, &blank, &filled, &refs);
        (filled.clone(), vanban(&dir.0, &["import", filled.to_str().unwrap(), "--data", "data", "--replace"]))
    };

    // The year typed shows on the signed file, on the date's line.
    let (filled, (ok, _, stderr)) = import("2027");
    assert!(ok, "{stderr}");
    let words = common::word_boxes(&filled);
    let year = words.iter().find(|w| w.word == "2027").expect("the year drawn");
    let date = words.iter().find(|w| w.word == "ngày" && w.y0 < 150.0).expect("the date's line");
    assert!((year.y1 - date.y1).abs() < 3.0 && year.x0 > date.x1, "{year:?} beside {date:?}");
    let report = std::fs::read_to_string(data.join("reports/2026-12/T1.toml")).unwrap();
    assert!(report.contains("period = \"2026-12\"") && report.contains("date = 2027-01-01"), "{report}");
    let (ok, _, stderr) = vanban(&dir.0, &["report", "data/reports/2026-12/T1.toml", "--data", "data", "--out", "out"]);
    assert!(ok, "{stderr}");
    let printed = common::pdf_words(&dir.join("out/bao-cao/2026-12/thon-1.pdf")).join(" ");
    assert!(printed.contains("Bạch Long Vĩ, ngày 01 tháng 01 năm 2027"), "{printed}");

    // Last year's year, out of habit: refused, at the year's field.
    let (_, (ok, _, stderr)) = import("2026");
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("thang-12-2026.pdf, ô “nam”: báo cáo ký ngày 01/01/2026, trước khi tháng 12 năm 2026 bắt đầu (01/12/2026). Hãy sửa ô nam (năm ký)"),
        "{stderr}"
    );

    // No year at all: the year after the December.
    let (_, (ok, _, stderr)) = import("");
    assert!(ok, "{stderr}");
    let report = std::fs::read_to_string(data.join("reports/2026-12/T1.toml")).unwrap();
    assert!(report.contains("date = 2027-01-01"), "{report}");
}
