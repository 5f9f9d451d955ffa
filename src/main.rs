//! The `vanban` command: arguments in, library calls out.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use vanban::commands::{self, Outcome, Workspace};
use vanban::data::DataDir;

/// Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ dữ liệu TOML ra PDF.
#[derive(Parser)]
#[command(name = "vanban", version)]
struct Cli {
    /// Thư mục có thêm phông chữ (ví dụ có Times New Roman); dùng được nhiều lần.
    #[arg(long, global = true, value_name = "DIR")]
    font_path: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Where the data comes from.
#[derive(Args)]
struct Data {
    /// Thư mục dữ liệu; bỏ trống thì dùng dữ liệu mặc định có sẵn trong chương trình.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// In mọi văn bản mà dữ liệu có ra thư mục --out.
    Build {
        #[command(flatten)]
        data: Data,
        /// Thư mục ghi PDF.
        #[arg(long, value_name = "DIR", default_value = "out")]
        out: PathBuf,
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
        /// Danh sách đơn vị thay cho units.toml của dữ liệu.
        #[arg(long, value_name = "FILE")]
        units: Option<PathBuf>,
        /// Thư mục ghi PDF.
        #[arg(long, value_name = "DIR", default_value = "out")]
        out: PathBuf,
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
        | Command::Check { data } => (data, None),
    };
    let workspace = Workspace::open(DataDir::new(data.data.clone()), &cli.font_path, units)?;
    warn(&workspace.warnings);
    match cli.command {
        Command::Build { out, .. } => written(commands::build(&workspace, &out)?),
        Command::Forms { out, .. } => written(commands::forms(&workspace, &out)?),
        Command::Dispatch { file, output, .. } => {
            let pdf = output.unwrap_or_else(|| file.with_extension("pdf"));
            commands::dispatch(&workspace, &file, &pdf)?;
            println!("{}", pdf.display());
        }
        Command::Report { file, output, .. } => {
            let pdf = output.unwrap_or_else(|| file.with_extension("pdf"));
            warn(&commands::report(&workspace, &file, &pdf)?);
            println!("{}", pdf.display());
        }
        Command::Check { .. } => {
            let outcome = commands::check(&workspace)?;
            warn(&outcome.warnings);
            println!("dữ liệu hợp lệ: {} văn bản ({})", outcome.documents, workspace.data.describe());
        }
    }
    Ok(())
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
