//! `vanban new KIND [FILE]`: a start for a document of any kind, the TOML of
//! its sample in examples/van-ban (commented in Vietnamese, rendering as
//! it is) with the kind's key and abbreviation.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{DocumentKind, Sample};
use crate::output;

/// The example each sample starts from, and the kind it is written for.
fn example(sample: Sample) -> (DocumentKind, &'static str) {
    match sample {
        Sample::Resolution => (DocumentKind::NghiQuyet, include_str!("../../examples/van-ban/nghi-quyet-09.toml")),
        Sample::Decision => (DocumentKind::QuyetDinh, include_str!("../../examples/van-ban/quyet-dinh-15.toml")),
        Sample::Named => (DocumentKind::KeHoach, include_str!("../../examples/van-ban/ke-hoach-22.toml")),
        Sample::Letter => (DocumentKind::CongVan, include_str!("../../examples/van-ban/cong-van-20.toml")),
        Sample::Telegram => (DocumentKind::CongDien, include_str!("../../examples/van-ban/cong-dien-01.toml")),
        Sample::Invitation => (DocumentKind::GiayMoi, include_str!("../../examples/van-ban/giay-moi-07.toml")),
        Sample::Introduction => (DocumentKind::GiayGioiThieu, include_str!("../../examples/van-ban/giay-gioi-thieu-12.toml")),
        Sample::Minutes => (DocumentKind::BienBan, include_str!("../../examples/van-ban/bien-ban-03.toml")),
        Sample::Leave => (DocumentKind::GiayNghiPhep, include_str!("../../examples/van-ban/giay-nghi-phep-05.toml")),
    }
}

/// The start of a document of kind `key`, and the file it goes to:
/// `file`, or KEY.toml in the current folder.
pub fn start(key: &str, file: Option<&Path>) -> Result<(PathBuf, String)> {
    let usage = |message: String| Error::Usage { message: format!("vanban new: {message}") };
    let kind = DocumentKind::ALL.iter().copied().find(|kind| kind.key() == key).ok_or_else(|| usage(unknown_kind(key)))?;
    let sample = kind.sample().ok_or_else(|| usage(no_sample(kind)))?;
    let (own, text) = example(sample);
    let path = file.map_or_else(|| PathBuf::from(format!("{key}.toml")), Path::to_owned);
    let mut text = text.replace(&format!("vanban dispatch examples/van-ban/{}", example_name(text)), &format!("vanban dispatch {}", path.display()));
    if own != kind {
        // Another kind of the same sample: its key, abbreviation and name.
        let (from, to) = (own.abbreviation().unwrap_or_default(), kind.abbreviation().unwrap_or_default());
        text = text.replace(&format!("kind = \"{}\"", own.key()), &format!("kind = \"{}\"", kind.key())).replace(&format!("\"{from}-"), &format!("\"{to}-"));
        text = format!(
            "# {}: bắt đầu từ mẫu {} ({}); hãy thay nội dung cho phù hợp.\n{text}",
            kind.name(),
            crate::vietnamese::lowercased(own.name()),
            sample.label()
        );
    }
    Ok((path, text))
}

/// The example's own file name, as its comment names it.
fn example_name(text: &str) -> String {
    let after = text.split("vanban dispatch examples/van-ban/").nth(1).unwrap_or_default();
    after.split_whitespace().next().unwrap_or_default().to_owned()
}

/// `vanban new`: writes the start, refusing to overwrite a file.
pub fn run(key: &str, file: Option<&Path>) -> Result<PathBuf> {
    let (path, text) = start(key, file)?;
    if path.exists() {
        return Err(Error::Usage { message: format!("vanban new: {}", exists(&path)) });
    }
    output::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

// What this module tells the user, in Vietnamese.

fn unknown_kind(key: &str) -> String {
    let keys: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.key()).collect();
    let near = crate::source::closest(key, &keys).map(|near| format!(" Có phải ý bạn là “{near}”?")).unwrap_or_default();
    format!("không có loại văn bản “{key}”.{near} Các loại theo Phụ lục III, Nghị định 30: {}", keys.join(", "))
}

fn no_sample(kind: DocumentKind) -> String {
    format!("Phụ lục III của Nghị định 30 không có mẫu trình bày {}, nên vanban chưa có bản khởi đầu cho loại này", crate::vietnamese::lowercased(kind.name()))
}

fn exists(path: &Path) -> String {
    format!("{} đã có; vanban new không ghi đè. Hãy ghi tên tệp khác: vanban new LOẠI TÊN_TỆP.toml", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_with_a_sample_has_a_start_of_its_own_kind() {
        for kind in DocumentKind::ALL {
            let Ok((_, text)) = start(kind.key(), Some(Path::new("x.toml"))) else {
                assert!(kind.sample().is_none(), "{}", kind.key());
                continue;
            };
            if kind != DocumentKind::CongVan {
                assert!(text.contains(&format!("kind = \"{}\"", kind.key())), "{}", kind.key());
                assert!(text.contains(&format!("symbol = \"{}-", kind.abbreviation().unwrap())), "{}", kind.key());
            }
            assert!(text.contains("vanban dispatch x.toml"), "{}", kind.key());
        }
    }
}
