//! The signer's signature and the agency's seal as images: checked, then
//! handed to Typst as files of its virtual file system.

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader};

use crate::error::{Error, Location, Result};

/// Larger files are no scan of a signature or a seal.
const MAX_BYTES: usize = 2 * 1024 * 1024;
const MAX_PIXELS: u32 = 4000;

/// A checked PNG with transparency, and the virtual path it is served at.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Stamp {
    /// Checks `bytes`, read from `file` for the data field `field`.
    pub fn new(file: &str, field: &str, bytes: Vec<u8>, path: &str) -> Result<Self> {
        let refuse = |message: String| Error::data(Location::file(file), format!("{field}: {message}"));
        if bytes.len() > MAX_BYTES {
            return Err(refuse(image_too_large(bytes.len(), MAX_BYTES)));
        }
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(refuse(image_not_png()));
        }
        let reader = ImageReader::with_format(Cursor::new(bytes.as_slice()), ImageFormat::Png);
        let decoder = reader.into_decoder().map_err(|_| refuse(image_not_png()))?;
        let (width, height) = decoder.dimensions();
        if width > MAX_PIXELS || height > MAX_PIXELS {
            return Err(refuse(image_too_large_pixels(width, height, MAX_PIXELS)));
        }
        // A tRNS chunk counts too: the decoder reports it as alpha.
        if !decoder.color_type().has_alpha() {
            return Err(refuse(image_not_transparent()));
        }
        // Decoded to the last pixel now, so that a truncated or corrupt file
        // is refused here and not inside the template.
        let mut pixels = vec![0; usize::try_from(decoder.total_bytes()).unwrap_or(usize::MAX)];
        decoder.read_image(&mut pixels).map_err(|_| refuse(image_broken()))?;
        Ok(Self { path: path.to_owned(), bytes })
    }
}

// What this module tells the user, in Vietnamese.

fn image_not_png() -> String {
    "tệp ảnh không phải PNG. Hãy quét chữ ký hoặc con dấu và lưu dạng PNG có nền trong suốt".into()
}

fn image_broken() -> String {
    "tệp PNG bị hỏng hoặc chép chưa hết, không đọc được đến điểm ảnh cuối. Hãy lưu lại ảnh từ bản gốc".into()
}

fn image_not_transparent() -> String {
    "ảnh PNG không có nền trong suốt, sẽ che mất chữ bên dưới. Hãy tách nền (lưu PNG có kênh alpha)".into()
}

fn image_too_large(bytes: usize, max: usize) -> String {
    format!("ảnh nặng {} KB, quá giới hạn {} KB. Hãy giảm độ phân giải", bytes / 1024, max / 1024)
}

fn image_too_large_pixels(width: u32, height: u32, max: u32) -> String {
    format!("ảnh {width}×{height} điểm ảnh, quá giới hạn {max} điểm ảnh mỗi chiều. Hãy thu nhỏ ảnh")
}
