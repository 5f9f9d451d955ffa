//! The `vanban` command: arguments in, library calls out.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vanban::commands::{self, Workspace};
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

#[derive(Subcommand)]
enum Command {
    /// In mọi văn bản mà dữ liệu có ra thư mục --out.
    Build {
        /// Thư mục dữ liệu; bỏ trống thì dùng dữ liệu mặc định có sẵn trong chương trình.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
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
        /// Thư mục dữ liệu chứa campaign.toml (đường dẫn mã QR, phông chữ).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Kiểm tra toàn bộ dữ liệu, không in gì.
    Check {
        /// Thư mục dữ liệu; bỏ trống thì dùng dữ liệu mặc định.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
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
    let data = match &cli.command {
        Command::Build { data, .. } | Command::Dispatch { data, .. } | Command::Check { data } => data.clone(),
    };
    let workspace = Workspace::open(DataDir::new(data), &cli.font_path)?;
    for warning in &workspace.warnings {
        eprintln!("{warning}");
    }
    match cli.command {
        Command::Build { out, .. } => {
            for path in commands::build(&workspace, &out)? {
                println!("{}", path.display());
            }
        }
        Command::Dispatch { file, output, .. } => {
            let pdf = output.unwrap_or_else(|| file.with_extension("pdf"));
            commands::dispatch(&workspace, &file, &pdf)?;
            println!("{}", pdf.display());
        }
        Command::Check { .. } => {
            let count = commands::check(&workspace)?;
            println!("dữ liệu hợp lệ: {count} văn bản ({})", workspace.data.describe());
        }
    }
    Ok(())
}
