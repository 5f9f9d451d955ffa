//! The `vanban` command: arguments in, library calls out.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Parser, Subcommand};
use vanban::commands::{self, Outcome, Workspace};
use vanban::data::DataDir;
use vanban::documents::guide::PerSheet;
use vanban::render::PdfSettings;

/// Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ dữ liệu TOML ra PDF.
#[derive(Parser)]
#[command(name = "vanban", version)]
struct Cli {
    /// Thư mục có thêm phông chữ (ví dụ có Times New Roman); dùng được nhiều lần.
    #[arg(long, global = true, value_name = "DIR")]
    font_path: Vec<PathBuf>,
    /// Ghi PDF thường thay vì PDF/A-2b (mặc định là PDF/A-2b, để lưu trữ).
    #[arg(long, global = true)]
    no_pdfa: bool,
    /// Không thêm ô chữ ký số trống vào chỗ ký.
    #[arg(long, global = true)]
    no_sign_field: bool,
    #[command(subcommand)]
    command: Command,
}

/// Where the data comes from.
#[derive(Args)]
struct Data {
    /// Thư mục dữ liệu; bỏ trống thì dùng data/ hay vanban-du-lieu/ ở thư mục đang đứng, không có thì dùng dữ liệu mẫu có sẵn.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

/// Where the files go.
#[derive(Args)]
struct Out {
    /// Thư mục ghi PDF.
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
}

/// Where the files go, with images for posting online.
#[derive(Args)]
struct Posting {
    /// Ghi thêm ảnh PNG của mỗi trang, rộng 1080 điểm ảnh, để đăng lên mạng.
    #[arg(long)]
    png: bool,
    #[command(flatten)]
    out: Out,
}

#[derive(Subcommand)]
enum Command {
    /// In mọi văn bản mà dữ liệu có ra thư mục --out.
    Build {
        #[command(flatten)]
        data: Data,
        #[command(flatten)]
        out: Out,
    },
    /// In một công văn từ tệp TOML của nó.
    Dispatch {
        /// Tệp công văn, ví dụ data/cong-van-769.toml.
        file: PathBuf,
        /// Tệp PDF ghi ra; mặc định cùng tên với tệp TOML.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: Option<PathBuf>,
        #[command(flatten)]
        data: Data,
    },
    /// In biểu mẫu Phụ lục 01 để trống cho từng đơn vị, vào thư mục bieu-mau.
    Forms {
        /// Thời điểm ký số khi biểu mẫu phát hành thành tệp riêng, ví dụ 2026-06-01T09:30:00+07:00.
        #[arg(long, value_name = "THỜI_ĐIỂM", value_parser = signing_time)]
        signed_at: Option<DateTime<FixedOffset>>,
        /// Danh sách đơn vị thay cho units.toml của dữ liệu.
        #[arg(long, value_name = "FILE")]
        units: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In báo cáo tháng của một đơn vị từ tệp TOML của nó.
    Report {
        /// Tệp báo cáo, ví dụ data/reports/2026-07/T1.toml.
        file: PathBuf,
        /// Tệp PDF ghi ra; mặc định cùng tên với tệp TOML.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: Option<PathBuf>,
        #[command(flatten)]
        data: Data,
    },
    /// In tài liệu hướng dẫn cài đặt và sử dụng (huong-dan.pdf).
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
    /// In báo cáo tổng hợp một tháng từ báo cáo của các đơn vị (tong-hop/THÁNG.pdf).
    Summary {
        /// Tháng, ví dụ 2026-07.
        month: String,
        /// Ghi thêm bảng số liệu dạng CSV (mở được bằng Excel).
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In công văn đôn đốc các đơn vị chưa gửi báo cáo tháng (don-doc/THÁNG.pdf).
    Remind {
        /// Tháng, ví dụ 2026-07.
        month: String,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// Nhập báo cáo đơn vị gửi lại (biểu mẫu PDF đã điền, tệp CSV) vào reports/THÁNG/MÃ.toml.
    Import {
        /// Tệp PDF, CSV hoặc thư mục chứa chúng.
        #[arg(required = true, value_name = "FILE|FOLDER")]
        files: Vec<PathBuf>,
        /// Tháng báo cáo, ví dụ 2026-07; biểu mẫu của tháng khác bị từ chối.
        #[arg(long, value_name = "THÁNG")]
        month: Option<String>,
        /// Ghi đè báo cáo đã có của đơn vị trong tháng.
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        data: Data,
    },
    /// Kiểm tra toàn bộ dữ liệu, không in gì.
    Check {
        #[command(flatten)]
        data: Data,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("lỗi: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> vanban::Result<()> {
    let (data, units) = match &cli.command {
        Command::Forms { data, units, .. } => (data, units.as_deref()),
        Command::Build { data, .. }
        | Command::Dispatch { data, .. }
        | Command::Report { data, .. }
        | Command::Guide { data, .. }
        | Command::Flyer { data, .. }
        | Command::Summary { data, .. }
        | Command::Remind { data, .. }
        | Command::Import { data, .. }
        | Command::Check { data } => (data, None),
    };
    let folder = match (&cli.command, &data.data) {
        // Import writes into a data folder: ./data unless told.
        (Command::Import { .. }, None) if std::path::Path::new("data").is_dir() => Some(PathBuf::from("data")),
        (_, folder) => folder.clone(),
    };
    let data = DataDir::find(folder)?;
    if let DataDir::Embedded = data {
        eprintln!("{}", vanban::error::using_samples());
    }
    let mut workspace = Workspace::open(data, &cli.font_path, units)?;
    workspace.renderer.pdf = PdfSettings { pdfa: !cli.no_pdfa, sign_field: !cli.no_sign_field };
    warn(&workspace.warnings);
    match cli.command {
        Command::Build { out, .. } => written(commands::build::run(&workspace, &out.out)?),
        Command::Forms { out, signed_at, .. } => written(commands::forms::run(&workspace, &out.out, signed_at)?),
        Command::Summary { month, csv, out, .. } => written(commands::summary::run(&workspace, &month, &out.out, csv)?),
        Command::Remind { month, out, .. } => written(commands::remind::run(&workspace, &month, &out.out)?),
        Command::Guide { posting, signed_at, .. } => {
            written(commands::guide::run(&mut workspace, &posting.out.out, posting.png, signed_at)?)
        }
        Command::Flyer { posting, per_sheet, .. } => {
            let per_sheet = match per_sheet.as_str() {
                "2" => PerSheet::Two,
                "4" => PerSheet::Four,
                _ => PerSheet::One,
            };
            written(commands::flyer::run(&workspace, &posting.out.out, per_sheet, posting.png)?)
        }
        Command::Dispatch { file, output, .. } => {
            let pdf = output.unwrap_or_else(|| file.with_extension("pdf"));
            warn(&commands::dispatch::run(&workspace, &file, &pdf)?);
            println!("{}", pdf.display());
        }
        Command::Report { file, output, .. } => {
            let pdf = output.unwrap_or_else(|| file.with_extension("pdf"));
            warn(&commands::report::run(&workspace, &file, &pdf)?);
            println!("{}", pdf.display());
        }
        Command::Import { files, month, replace, .. } => {
            let imported = commands::import::run(&workspace, &files, month.as_deref(), replace)?;
            warn(&imported.warnings);
            warn(&imported.skipped);
            for refused in &imported.refused {
                eprintln!("lỗi: {refused}");
            }
            for written in &imported.written {
                println!("{written}");
            }
            if !imported.refused.is_empty() {
                return Err(vanban::Error::data(
                    vanban::error::Location::file("vanban import"),
                    vanban::error::import_refused(imported.refused.len(), imported.written.len()),
                ));
            }
        }
        Command::Check { .. } => {
            let outcome = commands::check::run(&workspace)?;
            warn(&outcome.warnings);
            println!("dữ liệu hợp lệ: {} văn bản ({})", outcome.documents, workspace.data.describe());
        }
    }
    Ok(())
}

/// A signing time in ISO 8601 with its offset: 2026-06-01T09:30:00+07:00.
fn signing_time(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|_| vanban::error::bad_signing_time(text))
}

fn warn(warnings: &[String]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
}

fn written(outcome: Outcome) {
    warn(&outcome.warnings);
    for path in &outcome.written {
        println!("{}", path.display());
    }
}
