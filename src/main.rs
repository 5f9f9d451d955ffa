//! The `vanban` command: arguments in, library calls out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use vanban::commands::{self, Outcome, Workspace};
use vanban::data::DataDir;
use vanban::documents::guide::PerSheet;
use vanban::render::PdfSettings;

/// Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ dữ liệu TOML ra PDF.
#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    arg_required_else_help = true
)]
struct Cli {
    /// In phần trợ giúp này.
    #[arg(short, long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    /// In số phiên bản.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    /// Thư mục có thêm phông chữ (ví dụ có Times New Roman); dùng được nhiều lần.
    #[arg(long, global = true, value_name = "THƯ_MỤC")]
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
    #[arg(long, value_name = "THƯ_MỤC")]
    data: Option<PathBuf>,
}

/// Where the files go.
#[derive(Args)]
struct Out {
    /// Thư mục ghi PDF.
    #[arg(long, value_name = "THƯ_MỤC", default_value = "out")]
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
        #[arg(value_name = "TỆP.toml")]
        file: PathBuf,
        /// Tệp PDF ghi ra; bỏ trống thì ghi vào --out như vanban build (out/cong-van-769.pdf).
        #[arg(short, long, value_name = "TỆP.pdf")]
        output: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In biểu mẫu Phụ lục 01 để trống cho từng đơn vị, vào thư mục bieu-mau.
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
        data: Data,
    },
    /// In báo cáo tháng của một đơn vị từ tệp TOML của nó.
    Report {
        /// Tệp báo cáo, ví dụ data/reports/2026-07/T1.toml.
        #[arg(value_name = "TỆP.toml")]
        file: PathBuf,
        /// Tệp PDF ghi ra; bỏ trống thì ghi vào --out như vanban build (out/bao-cao/THÁNG/TÊN-ĐƠN-VỊ.pdf).
        #[arg(short, long, value_name = "TỆP.pdf")]
        output: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
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
        #[arg(value_name = "THÁNG")]
        month: String,
        /// Ghi thêm bảng số liệu dạng CSV (mở được bằng Excel).
        #[arg(long)]
        csv: bool,
        /// Ghi thêm bảng số liệu dạng Excel (tong-hop/THÁNG.xlsx): số là số, tổng là công thức.
        #[arg(long)]
        xlsx: bool,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// In công văn đôn đốc các đơn vị chưa gửi báo cáo tháng (don-doc/THÁNG.pdf).
    Remind {
        /// Tháng, ví dụ 2026-07.
        #[arg(value_name = "THÁNG")]
        month: String,
        #[command(flatten)]
        out: Out,
        #[command(flatten)]
        data: Data,
    },
    /// Nhập báo cáo đơn vị gửi lại (biểu mẫu PDF đã điền, tệp CSV) vào reports/THÁNG/MÃ.toml.
    Import {
        /// Tệp PDF, CSV hoặc thư mục chứa chúng.
        #[arg(required = true, value_name = "TỆP|THƯ_MỤC")]
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

fn main() -> ExitCode {
    if std::env::args_os().len() == 1 && commands::explorer::started_from_explorer() {
        return double_click();
    }
    let parsed = vietnamese(Cli::command(), "vanban").try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return arguments_refused(error),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("lỗi: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A double-click in Explorer: build beside the program and wait for Enter.
/// The window has shown any error already.
fn double_click() -> ExitCode {
    let program = std::env::current_exe().unwrap_or_default();
    let folder = program.parent().unwrap_or(Path::new("."));
    match commands::explorer::run(folder, &mut std::io::stdin().lock(), &mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

fn run(cli: Cli) -> vanban::Result<()> {
    let (data, units) = match &cli.command {
        Command::Init { folder } => return init(folder.as_deref()),
        Command::Forms { data, units, .. } => (data, units.as_deref()),
        Command::Build { data, .. }
        | Command::Dispatch { data, .. }
        | Command::Report { data, .. }
        | Command::Guide { data, .. }
        | Command::Flyer { data, .. }
        | Command::Summary { data, .. }
        | Command::Remind { data, .. }
        | Command::Import { data, .. }
        | Command::Watch { data, .. }
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
    let settings = PdfSettings { pdfa: !cli.no_pdfa, sign_field: !cli.no_sign_field };
    let open = |data: DataDir| -> vanban::Result<Workspace> {
        let mut workspace = Workspace::open(data, &cli.font_path, units)?;
        workspace.renderer.pdf = settings;
        warn(&workspace.warnings);
        Ok(workspace)
    };
    if let Command::Watch { out, .. } = &cli.command {
        let DataDir::Folder(folder) = &data else {
            return Err(vanban::Error::data(vanban::error::Location::file("vanban watch"), vanban::error::watch_needs_folder()));
        };
        commands::watch::run(folder, &out.out, &|| open(data.clone()), &mut |built| {
            match built {
                Ok(outcome) => rebuilt(outcome),
                Err(error) => eprintln!("lỗi: {error}"),
            }
            eprintln!("{}", vanban::error::watching(folder));
        });
    }
    let mut workspace = open(data)?;
    match cli.command {
        Command::Build { out, .. } => written(commands::build::run(&workspace, &out.out)?),
        Command::Forms { out, signed_at, unit, .. } => written(commands::forms::run(&workspace, &out.out, signed_at, unit.as_deref())?),
        Command::Summary { month, csv, xlsx, out, .. } => written(commands::summary::run(&workspace, &month, &out.out, csv, xlsx)?),
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
        Command::Dispatch { file, output, out, .. } => written(commands::dispatch::run(&workspace, &file, &out.out, output.as_deref())?),
        Command::Report { file, output, out, .. } => written(commands::report::run(&workspace, &file, &out.out, output.as_deref())?),
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
        Command::Init { .. } | Command::Watch { .. } => {}
        Command::Check { .. } => {
            let outcome = commands::check::run(&workspace)?;
            warn(&outcome.warnings);
            println!("dữ liệu hợp lệ: {} văn bản ({})", outcome.documents, workspace.data.describe());
        }
    }
    Ok(())
}

/// `vanban init`: reads no data, writes the built-in copy out.
fn init(folder: Option<&Path>) -> vanban::Result<()> {
    let folder = folder.unwrap_or(Path::new(commands::init::DEFAULT_FOLDER));
    for path in commands::init::run(folder)? {
        println!("{}", path.display());
    }
    eprintln!("{}", vanban::error::initialised(folder));
    Ok(())
}

/// The layout of every help page: clap's own, its English headings replaced.
const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Clap's help in Vietnamese, for `command` and its subcommands: headings,
/// usage lines, and defaults and choices said in the descriptions.
fn vietnamese(command: clap::Command, path: &str) -> clap::Command {
    let mut usage = format!("{path} [TÙY_CHỌN]");
    for positional in command.get_positionals() {
        let name = positional.get_value_names().and_then(|names| names.first()).map_or("GIÁ_TRỊ", |name| name.as_str());
        usage += &if positional.is_required_set() { format!(" <{name}>") } else { format!(" [{name}]") };
    }
    if command.has_subcommands() {
        usage += " <LỆNH>";
    }
    command
        .help_template(HELP_TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading("Các lệnh")
        .subcommand_value_name("LỆNH")
        .mut_args(|arg| {
            let heading = if arg.is_positional() { "Tham số" } else { "Tùy chọn" };
            let takes_values = arg.get_action().takes_values();
            let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let defaults: Vec<_> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            if takes_values && !defaults.is_empty() {
                help += &format!(" (mặc định: {})", defaults.join(", "));
            }
            let choices: Vec<_> = arg.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
            if takes_values && !choices.is_empty() {
                help += &format!(" (một trong: {})", choices.join(", "));
            }
            arg.help(help).help_heading(heading).hide_default_value(true).hide_possible_values(true)
        })
        .mut_subcommands(|sub| {
            let path = format!("{path} {}", sub.get_name());
            vietnamese(sub, &path)
        })
}

/// Help and version go to stdout; a refused command line gets a message in
/// Vietnamese made from clap's error, its usage line and where to read more.
fn arguments_refused(error: clap::Error) -> ExitCode {
    use vanban::error as message;
    let list = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => vec![text.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::StyledStr(text)) => vec![text.to_string()],
        _ => Vec::new(),
    };
    let text = |kind| list(kind).join(", ");
    let argument = text(ContextKind::InvalidArg);
    let said = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let help = error.to_string();
            print!("{help}{}", if help.ends_with('\n') { "" } else { "\n" });
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return ExitCode::from(2);
        }
        ErrorKind::InvalidValue => message::argument_value(&argument, &text(ContextKind::InvalidValue), &text(ContextKind::ValidValue)),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(&error).map(ToString::to_string).unwrap_or_default();
            message::argument_refused(&argument, &reason)
        }
        ErrorKind::UnknownArgument => message::unknown_argument(&argument, &list(ContextKind::SuggestedArg)),
        ErrorKind::InvalidSubcommand => {
            let commands: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
            message::unknown_command(&text(ContextKind::InvalidSubcommand), &list(ContextKind::SuggestedSubcommand), &commands)
        }
        ErrorKind::MissingRequiredArgument => message::missing_arguments(&argument),
        ErrorKind::ArgumentConflict => message::arguments_conflict(&argument, &text(ContextKind::PriorArg)),
        _ => message::arguments_unclear(&argument),
    };
    // Clap attaches a usage line to some errors only: the Vietnamese one of
    // `vietnamese`, for the subcommand named on the command line.
    let mut command = vietnamese(Cli::command(), "vanban");
    let named = std::env::args().skip(1).find_map(|arg| command.find_subcommand(&arg).map(|c| c.get_name().to_owned()));
    let (path, usage) = match named.and_then(|name| command.find_subcommand_mut(&name)) {
        Some(sub) => (format!("vanban {}", sub.get_name()), sub.render_usage().to_string()),
        None => ("vanban".to_owned(), command.render_usage().to_string()),
    };
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    eprintln!("lỗi: {said}\n\n{}", message::usage(usage, &path));
    ExitCode::from(2)
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

/// What a rebuild of `vanban watch` changed (removals are among the warnings).
fn rebuilt(outcome: Outcome) {
    warn(&outcome.warnings);
    for path in &outcome.changed {
        println!("{}", path.display());
    }
}

fn written(outcome: Outcome) {
    warn(&outcome.warnings);
    for path in &outcome.written {
        println!("{}", path.display());
    }
}
