//! `vanban remind`: the reminder goes to exactly the units that have not
//! reported for the month, and there is none when every unit has.

use std::path::Path;

use crate::common::{TempDir, copy_data, pdf_words, vanban};

/// The names of the units in units.toml with no report file for `month`,
/// read independently of the program.
fn units_without_report(month: &str) -> Vec<String> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let units: toml::Table = toml::from_str(&std::fs::read_to_string(data.join("units.toml")).unwrap()).unwrap();
    let reported: Vec<String> = std::fs::read_dir(data.join("reports").join(month))
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "toml").then(|| {
                let report: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                report["unit"].as_str().unwrap().to_owned()
            })
        })
        .collect();
    units["unit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| !reported.iter().any(|code| code == u["code"].as_str().unwrap()))
        .map(|u| u["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_reminder_goes_to_exactly_the_units_that_have_not_reported() {
    let dir = TempDir::new("remind");
    let (ok, stdout, stderr) = vanban(&dir.0, &["remind", "2026-07"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.trim(), "out/don-doc/2026-07.pdf");
    let words = pdf_words(&dir.join("out/don-doc/2026-07.pdf")).join(" ");
    let missing = units_without_report("2026-07");
    assert!(missing.len() > 1 && missing.len() < 17, "{missing:?}");
    // Kính gửi lists them in units.toml's order, punctuated as the decree wants.
    let list: Vec<String> = missing.iter().enumerate().map(|(i, name)| format!("- {name}{}", if i + 1 == missing.len() { "." } else { ";" })).collect();
    let recipients = format!("Kính gửi: {}", list.join(" "));
    assert!(words.contains(&recipients), "{words}");
    for expected in [
        "Số: 812/UBND-VHXH",
        "Bạch Long Vĩ, ngày 03 tháng 8 năm 2026",
        "V/v đôn đốc báo cáo kết quả cài đặt",
        "Thực hiện Công văn số 769/UBND-VHXH ngày 01 tháng 6 năm 2026 của Ủy ban nhân dân đặc khu Bạch Long Vĩ",
        "theo mẫu tại Phụ lục 01",
        &format!("đã nhận báo cáo của {}/17 đơn vị", 17 - missing.len()),
        "trước 17 giờ 00 ngày 06 tháng 8 năm 2026",
        "Nơi nhận: - Như trên;",
        "Hoàng Minh Tuấn",
    ] {
        assert!(words.contains(expected), "{expected:?} not in {words}");
    }
    // The units that did report are not addressed.
    assert!(!words.contains("- Thôn 1;") && !words.contains("- Thôn 1."), "{words}");

    // A month with no reports at all, left out of don-doc.toml: every unit,
    // unnumbered, dated the day after the due time.
    let (ok, _, stderr) = vanban(&dir.0, &["remind", "2026-09"]);
    assert!(ok, "{stderr}");
    let words = pdf_words(&dir.join("out/don-doc/2026-09.pdf")).join(" ");
    assert!(words.contains("đã nhận báo cáo của 0/17 đơn vị") && words.contains("ngày 02 tháng 10 năm 2026"), "{words}");
    assert!(words.contains("Số: /UBND-VHXH"), "{words}");
}

#[test]
fn no_reminder_when_every_unit_has_reported_and_build_makes_one_per_month() {
    let dir = TempDir::new("remind-all");
    let data = copy_data(&dir);
    // Keep only the units that reported in July.
    let text = std::fs::read_to_string(data.join("units.toml")).unwrap();
    let missing = units_without_report("2026-07");
    let kept: Vec<&str> = text.split("[[unit]]").filter(|block| !missing.iter().any(|name| block.contains(&format!("name = \"{name}\"")))).collect();
    std::fs::write(data.join("units.toml"), kept.join("[[unit]]")).unwrap();
    let (ok, stdout, stderr) = vanban(&dir.0, &["remind", "2026-07", "--data", "data"]);
    assert!(ok, "{stderr}");
    assert!(stdout.is_empty() && stderr.contains("mọi đơn vị đã gửi báo cáo tháng 7 năm 2026"), "{stdout}{stderr}");
    assert!(!dir.join("out/don-doc").exists());

    // The samples, where some units have not reported in either month.
    let samples = TempDir::new("remind-samples");
    let (ok, stdout, stderr) = vanban(&samples.0, &["build"]);
    assert!(ok, "{stderr}");
    for month in ["2026-06", "2026-07"] {
        assert!(stdout.lines().any(|line| line == format!("out/don-doc/{month}.pdf")), "{stdout}");
    }
}
