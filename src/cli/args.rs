//! The command line: what `vanban` accepts, as clap reads it.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{ArgAction, Args, Parser, Subcommand};

/// Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ dữ liệu TOML ra PDF.
#[derive(Parser)]
#[command(name = "vanban", version, disable_help_flag = true, disable_version_flag = true, disable_help_subcommand = true, arg_required_else_help = true)]
pub struct Cli {
    /// In phần trợ giúp này.
    #[arg(short, long, global = true, action = ArgAction::Help)]
    pub help: Option<bool>,
    /// In số phiên bản.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    pub version: Option<bool>,
    /// Thư mục có thêm phông chữ (ví dụ có Times New Roman); dùng được nhiều lần.
    #[arg(long, global = true, value_name = "THƯ_MỤC")]
    pub font_path: Vec<PathBuf>,
    /// Ghi PDF thường thay vì PDF/A-2b (mặc định là PDF/A-2b, để lưu trữ).
    #[arg(long, global = true)]
    pub no_pdfa: bool,
    /// Không thêm ô chữ ký số trống vào chỗ ký.
    #[arg(long, global = true)]
    pub no_sign_field: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// Where the data comes from.
#[derive(Args)]
pub struct Data {
    /// Thư mục dữ liệu; bỏ trống thì dùng data/ hay vanban-du-lieu/ ở thư mục đang đứng, không có thì dùng dữ liệu mẫu có sẵn.
    #[arg(long, value_name = "THƯ_MỤC")]
    pub data: Option<PathBuf>,
}

/// Where the files go.
#[derive(Args)]
pub struct Out {
    /// Thư mục ghi PDF.
    #[arg(long, value_name = "THƯ_MỤC", default_value = "out")]
    pub out: PathBuf,
}

/// Which of a batch's files are named: by default those whose bytes are
/// new, so that a run that changed nothing names nothing.
#[derive(Args)]
pub struct Listing {
    /// Liệt kê mọi tệp đã ghi, cả tệp giữ nguyên (mặc định chỉ liệt kê tệp mới và tệp thay đổi).
    #[arg(short, long)]
    pub verbose: bool,
}

/// Where the files go, with images for posting online.
#[derive(Args)]
pub struct Posting {
    /// Ghi thêm ảnh PNG của mỗi trang, rộng 1080 điểm ảnh, để đăng lên mạng.
    #[arg(long)]
    pub png: bool,
    #[command(flatten)]
    pub out: Out,
}

#[derive(Subcommand)]
pub enum Command {
    /// In mọi văn bản mà dữ liệu có ra thư mục --out.
    Build {
        #[command(flatten)]
        data: Data,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        listing: Listing,
        /// In lại mọi văn bản, kể cả văn bản mà dữ liệu không đổi từ lần in trước (mặc định chỉ in lại văn bản có dữ liệu thay đổi).
        #[arg(long)]
        force: bool,
    },
    /// In một văn bản (công văn, quyết định, kế hoạch, giấy mời…) từ tệp TOML của nó.
    Dispatch {
        /// Tệp văn bản, ví dụ data/cong-van-15.toml hay data/van-ban/ke-hoach-22.toml.
        #[arg(value_name = "TỆP.toml")]
        file: PathBuf,
        /// Tệp PDF ghi ra; bỏ trống thì ghi vào --out như vanban build (out/cong-van-15.pdf).
        #[arg(short, long, value_name = "TỆP.pdf")]
        output: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In bản sao (sao y, sao lục, trích sao) của một văn bản, từ tệp TOML của bản sao (copy = "sao-y", of = "tệp văn bản").
    Copy {
        /// Tệp bản sao, ví dụ data/van-ban/sao-y-05.toml.
        #[arg(value_name = "TỆP.toml")]
        file: PathBuf,
        /// Tệp PDF ghi ra; bỏ trống thì ghi vào --out như vanban build.
        #[arg(short, long, value_name = "TỆP.pdf")]
        output: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In biểu mẫu báo cáo để trống cho từng đơn vị (theo bieu-mau.toml), vào thư mục bieu-mau.
    Forms {
        /// Thời điểm ký số khi biểu mẫu phát hành thành tệp riêng, ví dụ 2026-06-01T09:30:00+07:00.
        #[arg(long, value_name = "THỜI_ĐIỂM", value_parser = signing_time)]
        signed_at: Option<DateTime<FixedOffset>>,
        /// Danh sách đơn vị thay cho units.toml của dữ liệu.
        #[arg(long, value_name = "TỆP")]
        units: Option<PathBuf>,
        /// Chỉ in biểu mẫu của một đơn vị, theo mã trong units.toml.
        #[arg(long, value_name = "MÃ")]
        unit: Option<String>,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        listing: Listing,
        #[command(flatten)]
        data: Data,
    },
    /// In báo cáo một kỳ của một đơn vị từ tệp TOML của nó.
    Report {
        /// Tệp báo cáo, ví dụ data/reports/2026-07/T1.toml.
        #[arg(value_name = "TỆP.toml")]
        file: PathBuf,
        /// Tệp PDF ghi ra; bỏ trống thì ghi vào --out như vanban build (out/bao-cao/KỲ/TÊN-ĐƠN-VỊ.pdf).
        #[arg(short, long, value_name = "TỆP.pdf")]
        output: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In tài liệu hướng dẫn gửi kèm công văn (huong-dan.pdf).
    Guide {
        /// Thời điểm ký số khi tài liệu phát hành thành tệp riêng, ví dụ 2026-06-01T09:30:00+07:00.
        #[arg(long, value_name = "THỜI_ĐIỂM", value_parser = signing_time)]
        signed_at: Option<DateTime<FixedOffset>>,
        #[command(flatten)]
        posting: Posting,
        #[command(flatten)]
        data: Data,
    },
    /// In tờ rơi có mã QR để dán ở thôn (to-roi.pdf).
    Flyer {
        /// Số tờ trên một trang A4: 1, 2 (khổ A5) hoặc 4 (khổ A6), có dấu cắt.
        #[arg(long, value_name = "N", default_value = "1", value_parser = ["1", "2", "4"])]
        per_sheet: String,
        #[command(flatten)]
        posting: Posting,
        #[command(flatten)]
        data: Data,
    },
    /// In báo cáo tổng hợp một kỳ từ báo cáo của các đơn vị (tong-hop/KỲ.pdf).
    Summary {
        /// Kỳ báo cáo, ví dụ 2026-07 (tháng), 2026-Q3 (quý) hoặc 2026-W31 (tuần).
        #[arg(value_name = "KỲ")]
        month: String,
        /// Ghi thêm bảng số liệu dạng CSV (mở được bằng Excel).
        #[arg(long)]
        csv: bool,
        /// Ghi thêm bảng số liệu dạng Excel (tong-hop/KỲ.xlsx): số là số, tổng là công thức.
        #[arg(long)]
        xlsx: bool,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In công văn đôn đốc các đơn vị chưa gửi báo cáo một kỳ (don-doc/KỲ.pdf).
    Remind {
        /// Kỳ báo cáo, ví dụ 2026-07 (tháng), 2026-Q3 (quý) hoặc 2026-W31 (tuần).
        #[arg(value_name = "KỲ")]
        month: String,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// Nhập báo cáo đơn vị gửi lại (biểu mẫu PDF đã điền và ký số, tệp Excel .xlsx, tệp CSV) vào reports/KỲ/MÃ.toml; chữ ký số được xác minh theo danh sách trust trong campaign.toml.
    Import {
        /// Tệp PDF, XLSX, CSV hoặc thư mục chứa chúng.
        #[arg(required = true, value_name = "TỆP|THƯ_MỤC")]
        files: Vec<PathBuf>,
        /// Kỳ báo cáo, ví dụ 2026-07 (tháng), 2026-Q3 (quý) hoặc 2026-W31 (tuần); biểu mẫu của kỳ khác bị từ chối.
        #[arg(long, visible_alias = "period", value_name = "KỲ")]
        month: Option<String>,
        /// Ghi đè báo cáo đã có của đơn vị trong kỳ.
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        data: Data,
    },
    /// Tạo tệp TOML khởi đầu cho một loại văn bản (ví dụ quyet-dinh, ke-hoach, giay-moi, bien-ban), có chú thích, in được ngay.
    New {
        /// Loại văn bản theo Phụ lục III, Nghị định 30: nghi-quyet, quyet-dinh, chi-thi, quy-che, quy-dinh, thong-cao, thong-bao, huong-dan, chuong-trinh, ke-hoach, phuong-an, de-an, du-an, bao-cao, bien-ban, to-trinh, cong-dien, giay-uy-quyen, giay-moi, giay-gioi-thieu, giay-nghi-phep, phieu-gui, phieu-chuyen, phieu-bao, cong-van.
        #[arg(value_name = "LOẠI")]
        kind: String,
        /// Tệp sẽ tạo; bỏ trống thì là LOẠI.toml ở thư mục đang đứng. Không ghi đè tệp đã có.
        #[arg(value_name = "TỆP.toml")]
        file: Option<PathBuf>,
    },
    /// Chép dữ liệu mẫu có sẵn trong chương trình ra một thư mục để sửa (mặc định vanban-du-lieu).
    Init {
        /// Thư mục sẽ tạo; không ghi đè tệp nào đã có.
        #[arg(value_name = "THƯ_MỤC")]
        folder: Option<PathBuf>,
    },
    /// In mọi văn bản như build, rồi in lại mỗi khi một tệp dữ liệu thay đổi (Ctrl+C để dừng).
    Watch {
        #[command(flatten)]
        data: Data,
        #[command(flatten)]
        out: Out,
    },
    /// Kiểm tra toàn bộ dữ liệu, không in gì.
    Check {
        #[command(flatten)]
        data: Data,
    },
}

/// A signing time in ISO 8601 with its offset: 2026-06-01T09:30:00+07:00.
fn signing_time(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|_| bad_signing_time(text))
}

// What this module tells the user, in Vietnamese.

fn bad_signing_time(value: &str) -> String {
    format!("thời điểm ký “{value}” không hợp lệ; hãy viết theo ISO 8601 có múi giờ, ví dụ 2026-06-01T09:30:00+07:00")
}
