//! `vanban import` of 1,000 filled and digitally signed forms, one per
//! synthetic unit, in one process, every signature verified against the
//! office's trust list: prints files per second (run: cargo bench --bench
//! import; signing needs pyHanko, as the tests do). Target: at least 500
//! files per second on 2 cores.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use lopdf::{Document, Object};
use vanban::commands::{self, Workspace};
use vanban::data::DataDir;

const UNITS: usize = 1000;

fn main() {
    let root = std::env::temp_dir().join(format!("vanban-bench-import-{}", std::process::id()));
    let data = common::synthetic_data(&root, UNITS);
    let workspace = Workspace::open(DataDir::Folder(data.clone()), &[], None).unwrap();
    let forms = commands::forms::run(&workspace, &root.join("out"), None, None).unwrap();

    // Each form filled as a reader saves it: values on its fields.
    let inbox = root.join("hop-thu");
    std::fs::create_dir_all(&inbox).unwrap();
    let values = [
        ("so", "12"),
        ("ngay", "01"),
        ("thang", "8"),
        ("thang_bao_cao", "7"),
        ("nam_bao_cao", "2026"),
        ("nguoi_ky", "Nguyễn Thị Ánh Tuyết"),
        ("dong1_ten", "Hộ gia đình"),
        ("dong1_tong_so", "214"),
        ("dong1_da_cai", "151"),
        ("dong1_ly_do", "Đi biển dài ngày"),
        ("dong2_ten", "Cán bộ tổ dân phố"),
        ("dong2_tong_so", "12"),
        ("dong2_da_cai", "12"),
    ];
    // The units' PDFs: not tat-ca.pdf, nor the workbooks beside them.
    let pdfs = forms.written.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf") && !p.ends_with("tat-ca.pdf"));
    for (i, form) in pdfs.enumerate() {
        let mut document = Document::load(form).unwrap();
        for object in document.objects.values_mut() {
            let Object::Dictionary(dict) = object else { continue };
            let Some(name) = dict.get(b"T").ok().and_then(|t| t.as_str().ok()) else { continue };
            if let Some((_, value)) = values.iter().find(|(field, _)| field.as_bytes() == name) {
                dict.set("V", lopdf::text_string(value));
            }
        }
        document.save(inbox.join(format!("tra-ve-{i}.pdf"))).unwrap();
    }
    // Signed by the unit heads' (one) key, whose certificate the office trusts.
    let (key, cert) = (root.join("key.pem"), data.join("nguoi-ky.pem"));
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=Nguyen Thi Anh Tuyet/C=VN", "-keyout"])
        .args([&key, Path::new("-out"), &cert])
        .output()
        .expect("openssl");
    assert!(made.status.success(), "{made:?}");
    let campaign = std::fs::read_to_string(data.join("campaign.toml")).unwrap();
    std::fs::write(data.join("campaign.toml"), format!("trust = [\"nguoi-ky.pem\"]\n{campaign}")).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/tools/sign_all.py");
    let signing = Instant::now();
    let signed = Command::new("python3").arg(script).args([&inbox, &key, &cert]).output().expect("python3 with pyHanko");
    assert!(signed.status.success(), "{}", String::from_utf8_lossy(&signed.stderr));
    println!("(setup: {UNITS} forms signed by pyHanko in {:.1} s)", signing.elapsed().as_secs_f64());

    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    let workspace = Workspace::open(DataDir::Folder(data), &[], None).unwrap();
    let imported = commands::import::run(&workspace, &[inbox], Some("2026-07"), false).unwrap();
    let (elapsed, cpu) = (start.elapsed(), cpu_seconds() - cpu_start);
    assert_eq!((imported.written.len(), imported.refused.len()), (UNITS, 0), "{:?}", imported.refused.first());
    // Every signature was verified, and trusted.
    let valid = imported.written.iter().filter(|line| line.contains("(chữ ký số hợp lệ của Nguyen Thi Anh Tuyet)")).count();
    assert_eq!(valid, UNITS, "{:?}", imported.written.first());
    // The machine may be shared: the CPU time says what two free cores do.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "vanban import, {UNITS} filled and signed forms, signatures verified: {:.2} s, {:.0} files/s ({:.2} s of CPU: {:.0} files/s on {cores} free cores)",
        elapsed.as_secs_f64(),
        UNITS as f64 / elapsed.as_secs_f64(),
        cpu,
        UNITS as f64 * cores as f64 / cpu
    );
    let _ = std::fs::remove_dir_all(root);
}

/// The CPU time this process has used (user and system), as Linux counts it.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
