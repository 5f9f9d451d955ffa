//! QR codes as vector SVG, for the decree's black-on-white print.

use qrcode::{EcLevel, QrCode};

/// The smallest module a phone camera reads reliably on paper at arm's length.
const MIN_MODULE_MM: f64 = 0.4;

/// The SVG of a QR code carrying `link`, to be printed `width_mm` wide:
/// error correction M (15 % of the code may be soiled), a 4-module quiet
/// zone, one unit per module. Refused, with the reason, when the link needs
/// modules too small to scan at that width.
pub fn svg(link: &str, width_mm: f64) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).map_err(|_| link_too_long(link, width_mm))?;
    let modules = code.width() + 8;
    if width_mm / (modules as f64) < MIN_MODULE_MM {
        return Err(link_too_long(link, width_mm));
    }
    Ok(code.render::<qrcode::render::svg::Color>().quiet_zone(true).module_dimensions(1, 1).build())
}

// What this module tells the user, in Vietnamese.

fn link_too_long(link: &str, width_mm: f64) -> String {
    format!(
        "đường dẫn dài {} ký tự quá dài để mã QR in rộng {width_mm:.0} mm quét được chắc chắn. Hãy dùng đường dẫn ngắn hơn (trang của ứng dụng trên kho, không kèm tham số theo dõi)",
        link.chars().count()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_with_quiet_zone() {
        let link = "https://apps.apple.com/vn/search?term=Smart%20H%E1%BA%A3i%20Ph%C3%B2ng";
        let svg = svg(link, 30.0).unwrap();
        // 78 bytes need version 5 at level M: 37 modules and 8 of quiet zone.
        assert!(svg.contains("viewBox=\"0 0 45 45\""), "{svg}");
        assert!(svg.contains("M4 4h"), "the first module starts after the quiet zone");
    }

    #[test]
    fn long_links_are_refused() {
        let link = format!("https://example.vn/{}", "a".repeat(300));
        assert!(svg(&link, 30.0).unwrap_err().contains("quá dài"));
        assert!(svg(&"x".repeat(3000), 200.0).is_err());
    }
}
