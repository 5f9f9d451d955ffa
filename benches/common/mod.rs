//! What the batch benchmarks share: a data folder of synthetic units.

#![allow(dead_code)] // each benchmark uses its own part of this module

/// A data folder under `root` with the campaign's dispatch and `units`
/// synthetic units ("TDP0" …); returns it.
pub fn synthetic_data(root: &std::path::Path, units: usize) -> std::path::PathBuf {
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["campaign.toml", "cong-van-769.toml", "bieu-mau.toml"] {
        std::fs::copy(source.join(file), data.join(file)).unwrap();
    }
    std::fs::write(data.join("units.toml"), synthetic_units(0..units)).unwrap();
    data
}

/// A units list (units.toml's header) with the synthetic units numbered `numbers`.
pub fn synthetic_units(numbers: std::ops::Range<usize>) -> String {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let list = std::fs::read_to_string(source.join("units.toml")).unwrap();
    let mut synthetic = list[..list.find("[[unit]]").unwrap()].to_owned();
    for i in numbers {
        synthetic += &format!("[[unit]]\nname = \"Tổ dân phố số {i} phường Đông Hải\"\ncode = \"TDP{i}\"\nhead = \"Tổ trưởng\"\nkind = \"village\"\n\n");
    }
    synthetic
}

/// A month's folder of filled reports, one per synthetic unit numbered `numbers`.
pub fn synthetic_reports(data: &std::path::Path, month: &str, numbers: std::ops::Range<usize>) {
    let folder = data.join("reports").join(month);
    std::fs::create_dir_all(&folder).unwrap();
    for i in numbers {
        let report = format!(
            "unit = \"TDP{i}\"\nmonth = \"{month}\"\ndate = 2026-08-01\nsigner = \"Nguyễn Văn An\"\n\n\
             [[row]]\nten = \"Hộ gia đình\"\ntong_so = {}\nda_cai = {}\n\n\
             [[row]]\nten = \"Người dân\"\ntong_so = 120\nda_cai = 97\nly_do = \"Chưa có điện thoại thông minh\"\n",
            40 + i % 30,
            30 + i % 10
        );
        std::fs::write(folder.join(format!("tdp-{i}.toml")), report).unwrap();
    }
}
