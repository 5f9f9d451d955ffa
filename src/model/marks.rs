//! The marks Phụ lục I of Nghị định 30 lets a document carry, each optional:
//! độ mật (ô 10a), mức độ khẩn (ô 10b), phạm vi lưu hành (ô 11), the
//! drafter's initials and the copies issued (ô 12).

use serde::Deserialize;

/// Ô 10a: how secret, as the law on state secrets stamps it (Thông tư
/// 24/2020/TT-BCA): a double-bordered box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Secrecy {
    Mat,
    ToiMat,
    TuyetMat,
}

/// Ô 10b: how urgent: a single-bordered box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    Khan,
    ThuongKhan,
    HoaToc,
}

/// Ô 11: who may keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Circulation {
    XemXongTraLai,
    LuuHanhNoiBo,
    TraLaiSauKhiHop,
}

impl Secrecy {
    /// The stamp's words and its width in mm (TT 24/2020, Mẫu 02: 20, 30,
    /// 40 by 8 mm).
    pub fn stamp(self) -> (&'static str, f64) {
        match self {
            Self::Mat => ("MẬT", 20.0),
            Self::ToiMat => ("TỐI MẬT", 30.0),
            Self::TuyetMat => ("TUYỆT MẬT", 40.0),
        }
    }
}

impl Urgency {
    pub fn words(self) -> &'static str {
        match self {
            Self::Khan => "KHẨN",
            Self::ThuongKhan => "THƯỢNG KHẨN",
            Self::HoaToc => "HỎA TỐC",
        }
    }
}

impl Circulation {
    pub fn words(self) -> &'static str {
        match self {
            Self::XemXongTraLai => "XEM XONG TRẢ LẠI",
            Self::LuuHanhNoiBo => "LƯU HÀNH NỘI BỘ",
            Self::TraLaiSauKhiHop => "TRẢ LẠI SAU KHI HỌP (HỘI NGHỊ)",
        }
    }
}

/// Ô 12: who drafted it, by the initials of the drafting unit or person,
/// and how many copies were issued: "PL.(300)".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drafter {
    pub initials: super::Symbol,
    pub copies: u32,
}

impl Drafter {
    pub fn line(&self) -> String {
        format!("{}.({:02})", self.initials.as_str(), self.copies)
    }
}
