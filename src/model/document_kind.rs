//! The kinds of administrative document of Nghị định 30/2020/NĐ-CP: the 29
//! of Điều 7 but thư công (which Phụ lục III neither abbreviates nor lays
//! out), each with its name, its abbreviation of Phụ lục III, Mục I (for
//! the symbol: 22/KH-UBND; a công văn has none) and the sample of Phụ lục
//! III, Mục II that lays it out.

use serde::Deserialize;

/// A kind of document, as a data file names it: `kind = "ke-hoach"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    NghiQuyet,
    QuyetDinh,
    ChiThi,
    QuyChe,
    QuyDinh,
    ThongCao,
    ThongBao,
    HuongDan,
    ChuongTrinh,
    KeHoach,
    PhuongAn,
    DeAn,
    DuAn,
    BaoCao,
    BienBan,
    ToTrinh,
    HopDong,
    CongDien,
    BanGhiNho,
    BanThoaThuan,
    GiayUyQuyen,
    GiayMoi,
    GiayGioiThieu,
    GiayNghiPhep,
    PhieuGui,
    PhieuChuyen,
    PhieuBao,
    #[default]
    CongVan,
}

/// The samples of Phụ lục III that lay a kind out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sample {
    /// Mẫu 1.1: "QUYẾT NGHỊ:".
    Resolution,
    /// Mẫu 1.2 and 1.3: the authority's line, căn cứ, "QUYẾT ĐỊNH:", Điều.
    Decision,
    /// Mẫu 1.4: the type name and the subject over the body.
    Named,
    /// Mẫu 1.5: the subject "V/v …" under the number, Kính gửi.
    Letter,
    /// Mẫu 1.6: "… điện:" to whom.
    Telegram,
    /// Mẫu 1.7: time, place, who is invited.
    Invitation,
    /// Mẫu 1.8: who is introduced, to whom, for what.
    Introduction,
    /// Mẫu 1.9: attendees, content, two signatures.
    Minutes,
    /// Mẫu 1.10: the leave and the confirming body.
    Leave,
}

impl Sample {
    /// "Mẫu 1.4".
    pub fn label(self) -> &'static str {
        match self {
            Self::Resolution => "Mẫu 1.1",
            Self::Decision => "Mẫu 1.2, 1.3",
            Self::Named => "Mẫu 1.4",
            Self::Letter => "Mẫu 1.5",
            Self::Telegram => "Mẫu 1.6",
            Self::Invitation => "Mẫu 1.7",
            Self::Introduction => "Mẫu 1.8",
            Self::Minutes => "Mẫu 1.9",
            Self::Leave => "Mẫu 1.10",
        }
    }
}

impl DocumentKind {
    pub const ALL: [Self; 28] = [
        Self::NghiQuyet,
        Self::QuyetDinh,
        Self::ChiThi,
        Self::QuyChe,
        Self::QuyDinh,
        Self::ThongCao,
        Self::ThongBao,
        Self::HuongDan,
        Self::ChuongTrinh,
        Self::KeHoach,
        Self::PhuongAn,
        Self::DeAn,
        Self::DuAn,
        Self::BaoCao,
        Self::BienBan,
        Self::ToTrinh,
        Self::HopDong,
        Self::CongDien,
        Self::BanGhiNho,
        Self::BanThoaThuan,
        Self::GiayUyQuyen,
        Self::GiayMoi,
        Self::GiayGioiThieu,
        Self::GiayNghiPhep,
        Self::PhieuGui,
        Self::PhieuChuyen,
        Self::PhieuBao,
        Self::CongVan,
    ];

    /// Its key in a data file ("ke-hoach"), its name ("Kế hoạch"), its abbreviation ("KH"), and the sample that
    /// lays it out: none for the three kinds Phụ lục III gives no sample
    /// (hợp đồng, bản ghi nhớ, bản thỏa thuận). Which of Mẫu 1.4's kinds it
    /// serves: the list under the sample (chỉ thị … phiếu báo).
    fn about(self) -> (&'static str, &'static str, Option<&'static str>, Option<Sample>) {
        use Sample::*;
        match self {
            Self::NghiQuyet => ("nghi-quyet", "Nghị quyết", Some("NQ"), Some(Resolution)),
            Self::QuyetDinh => ("quyet-dinh", "Quyết định", Some("QĐ"), Some(Decision)),
            Self::ChiThi => ("chi-thi", "Chỉ thị", Some("CT"), Some(Named)),
            Self::QuyChe => ("quy-che", "Quy chế", Some("QC"), Some(Named)),
            Self::QuyDinh => ("quy-dinh", "Quy định", Some("QyĐ"), Some(Named)),
            Self::ThongCao => ("thong-cao", "Thông cáo", Some("TC"), Some(Named)),
            Self::ThongBao => ("thong-bao", "Thông báo", Some("TB"), Some(Named)),
            Self::HuongDan => ("huong-dan", "Hướng dẫn", Some("HD"), Some(Named)),
            Self::ChuongTrinh => ("chuong-trinh", "Chương trình", Some("CTr"), Some(Named)),
            Self::KeHoach => ("ke-hoach", "Kế hoạch", Some("KH"), Some(Named)),
            Self::PhuongAn => ("phuong-an", "Phương án", Some("PA"), Some(Named)),
            Self::DeAn => ("de-an", "Đề án", Some("ĐA"), Some(Named)),
            Self::DuAn => ("du-an", "Dự án", Some("DA"), Some(Named)),
            Self::BaoCao => ("bao-cao", "Báo cáo", Some("BC"), Some(Named)),
            Self::BienBan => ("bien-ban", "Biên bản", Some("BB"), Some(Minutes)),
            Self::ToTrinh => ("to-trinh", "Tờ trình", Some("TTr"), Some(Named)),
            Self::HopDong => ("hop-dong", "Hợp đồng", Some("HĐ"), None),
            Self::CongDien => ("cong-dien", "Công điện", Some("CĐ"), Some(Telegram)),
            Self::BanGhiNho => ("ban-ghi-nho", "Bản ghi nhớ", Some("BGN"), None),
            Self::BanThoaThuan => ("ban-thoa-thuan", "Bản thỏa thuận", Some("BTT"), None),
            Self::GiayUyQuyen => ("giay-uy-quyen", "Giấy ủy quyền", Some("GUQ"), Some(Named)),
            Self::GiayMoi => ("giay-moi", "Giấy mời", Some("GM"), Some(Invitation)),
            Self::GiayGioiThieu => ("giay-gioi-thieu", "Giấy giới thiệu", Some("GGT"), Some(Introduction)),
            Self::GiayNghiPhep => ("giay-nghi-phep", "Giấy nghỉ phép", Some("GNP"), Some(Leave)),
            Self::PhieuGui => ("phieu-gui", "Phiếu gửi", Some("PG"), Some(Named)),
            Self::PhieuChuyen => ("phieu-chuyen", "Phiếu chuyển", Some("PC"), Some(Named)),
            Self::PhieuBao => ("phieu-bao", "Phiếu báo", Some("PB"), Some(Named)),
            Self::CongVan => ("cong-van", "Công văn", None, Some(Letter)),
        }
    }

    /// "ke-hoach".
    pub fn key(self) -> &'static str {
        self.about().0
    }

    /// "Kế hoạch".
    pub fn name(self) -> &'static str {
        self.about().1
    }

    /// "KH"; none for a công văn, whose symbol is the body's and the unit's.
    pub fn abbreviation(self) -> Option<&'static str> {
        self.about().2
    }

    pub fn sample(self) -> Option<Sample> {
        self.about().3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_phu_luc_iii_once_with_its_own_abbreviation() {
        let abbreviations: Vec<&str> = DocumentKind::ALL.iter().filter_map(|k| k.abbreviation()).collect();
        assert_eq!(abbreviations.len(), 27, "Phụ lục III's table has 27 rows");
        let distinct: std::collections::HashSet<&&str> = abbreviations.iter().collect();
        assert_eq!(distinct.len(), 27);
        assert_eq!(DocumentKind::default(), DocumentKind::CongVan);
        assert_eq!(DocumentKind::QuyDinh.abbreviation(), Some("QyĐ"));
        #[derive(Deserialize)]
        struct File {
            kind: DocumentKind,
        }
        let read = |key: &str| toml::from_str::<File>(&format!("kind = \"{key}\"")).map(|f| f.kind);
        for kind in DocumentKind::ALL {
            assert_eq!(read(kind.key()).unwrap(), kind, "the key of {}", kind.name());
        }
        assert!(read("ke-hoac").is_err());
    }
}
