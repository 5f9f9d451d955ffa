//! The `vanban` command: arguments in, library calls out.

use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use vanban::commands::{self, Outcome, Workspace};
use vanban::data::DataDir;
use vanban::documents::guide::PerSheet;
use vanban::error::Notice;
use vanban::render::PdfSettings;

mod cli;

use cli::args::{Cli, Command};
use cli::help::{arguments_refused, usage_refused, vietnamese};

// A batch of a thousand forms allocates and frees millions of small
// blocks on two threads: glibc's malloc spent a sixth of its CPU there, and
// its per-thread heaps fragmented, so that the peak grew with the units.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        Err(vanban::Error::Usage { message }) => usage_refused(&message),
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
        Command::New { kind, file } => {
            let path = commands::new::run(kind, file.as_deref())?;
            println!("{}", path.display());
            eprintln!("{}", started(&path));
            return Ok(());
        }
        Command::Forms { data, units, .. } => (data, units.as_deref()),
        Command::Build { data, .. }
        | Command::Dispatch { data, .. }
        | Command::Copy { data, .. }
        | Command::Report { data, .. }
        | Command::Guide { data, .. }
        | Command::Flyer { data, .. }
        | Command::Summary { data, .. }
        | Command::Remind { data, .. }
        | Command::Import { data, .. }
        | Command::Watch { data, .. }
        | Command::Check { data } => (data, None),
    };
    let data = DataDir::find(data.data.clone())?;
    // Import writes into a data folder, never into the samples.
    if let (Command::Import { .. }, DataDir::Embedded) = (&cli.command, &data) {
        return Err(vanban::Error::Usage { message: format!("vanban import: {}", vanban::commands::import::import_needs_folder()) });
    }
    if let DataDir::Embedded = data {
        eprintln!("{}", using_samples());
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
            return Err(vanban::Error::Usage { message: format!("vanban watch: {}", watch_needs_folder()) });
        };
        commands::watch::run(folder, &out.out, &|| open(data.clone()), &mut |built| {
            match built {
                Ok(outcome) => batch("vanban watch", &outcome, false),
                Err(vanban::Error::Locked { path }) => {
                    // watch::run builds again once the file is closed.
                    eprintln!("{}", waiting_for(&path));
                    return;
                }
                Err(error) => eprintln!("lỗi: {error}"),
            }
            eprintln!("{}", watching(folder));
        });
    }
    let mut workspace = open(data)?;
    match cli.command {
        Command::Build { out, listing, force, .. } => batch("vanban build", &commands::build::run(&workspace, &out.out, force)?, listing.verbose),
        Command::Forms { out, signed_at, unit, listing, .. } => {
            batch("vanban forms", &commands::forms::run(&workspace, &out.out, signed_at, unit.as_deref())?, listing.verbose)
        }
        Command::Summary { month, csv, xlsx, out, .. } => written(commands::summary::run(&workspace, &month, &out.out, csv, xlsx)?),
        Command::Remind { month, out, .. } => written(commands::remind::run(&workspace, &month, &out.out)?),
        Command::Guide { posting, signed_at, .. } => written(commands::guide::run(&mut workspace, &posting.out.out, posting.png, signed_at)?),
        Command::Flyer { posting, per_sheet, .. } => {
            let per_sheet = match per_sheet.as_str() {
                "2" => PerSheet::Two,
                "4" => PerSheet::Four,
                _ => PerSheet::One,
            };
            written(commands::flyer::run(&workspace, &posting.out.out, per_sheet, posting.png)?)
        }
        Command::Dispatch { file, output, out, .. } => written(commands::dispatch::run(&workspace, &file, &out.out, output.as_deref())?),
        Command::Copy { file, output, out, .. } => written(commands::dispatch::copy(&workspace, &file, &out.out, output.as_deref())?),
        Command::Report { file, output, out, .. } => written(commands::report::run(&workspace, &file, &out.out, output.as_deref())?),
        Command::Import { files, month, replace, .. } => {
            let imported = commands::import::run(&workspace, &files, month.as_deref(), replace)?;
            // What returned files hold is made visible where it is put into
            // a message; once more here, where it reaches the terminal.
            let visible = |lines: &mut dyn Iterator<Item = String>| lines.map(|line| vanban::error::visible(&line)).collect::<Vec<_>>();
            for notice in visible(&mut imported.warnings.iter().chain(&imported.skipped).map(Notice::to_string)) {
                eprintln!("{notice}");
            }
            for refused in visible(&mut imported.refused.iter().cloned()) {
                eprintln!("lỗi: {refused}");
            }
            for written in visible(&mut imported.written.iter().cloned()) {
                println!("{written}");
            }
            if !imported.refused.is_empty() {
                return Err(vanban::Error::data(
                    vanban::error::Location::file("vanban import"),
                    import_refused(imported.refused.len(), imported.written.len()),
                ));
            }
        }
        Command::Init { .. } | Command::New { .. } | Command::Watch { .. } => {}
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
    eprintln!("{}", initialised(folder));
    Ok(())
}

fn warn(notices: &[Notice]) {
    for notice in notices {
        eprintln!("{notice}");
    }
}

/// What a batch of many files did: on stdout the files whose bytes are new
/// (every file written when `verbose`), one a line for a script to read, so
/// that a run that changed nothing names nothing; then its counts, on
/// stderr with the other messages, out of the way of the paths. Removals
/// are among the warnings too.
fn batch(command: &str, outcome: &Outcome, verbose: bool) {
    warn(&outcome.warnings);
    let listed = if verbose { &outcome.written } else { &outcome.changed };
    for path in listed {
        println!("{}", path.display());
    }
    eprintln!("{}", tally(command, outcome));
}

/// A single document's files: named every time, as the user asked for them.
fn written(outcome: Outcome) {
    warn(&outcome.warnings);
    for path in &outcome.written {
        println!("{}", path.display());
    }
}

// What this module tells the user, in Vietnamese.

fn using_samples() -> String {
    format!(
        "ghi chú: ở thư mục này không có thư mục {} nào chứa campaign.toml, nên vanban dùng dữ liệu mẫu có sẵn trong chương trình. \
         Muốn dùng dữ liệu của mình, hãy chạy vanban trong thư mục chứa thư mục dữ liệu đó hoặc ghi --data THƯ_MỤC",
        vanban::data::LOCAL_FOLDERS.map(|f| format!("{f}/")).join(" hay ")
    )
}

/// The closing line of a batch: "vanban build: in 3/310 văn bản; 623 tệp —
/// 2 mới, 1 thay đổi, 620 giữ nguyên; đã xóa 1 tệp cũ" (the documents laid
/// out, of all the data makes: the others were as the last build made them).
fn tally(command: &str, outcome: &Outcome) -> String {
    let (written, changed, new) = (outcome.written.len(), outcome.changed.len(), outcome.new.len());
    let laid_out = outcome.documents - outcome.reused;
    format!(
        "{command}: in {laid_out}/{} văn bản; {written} tệp — {new} mới, {} thay đổi, {} giữ nguyên; đã xóa {} tệp cũ",
        outcome.documents,
        changed - new,
        written - changed,
        outcome.removed.len()
    )
}

fn watch_needs_folder() -> String {
    "vanban watch theo dõi một thư mục dữ liệu: hãy tạo bằng vanban init rồi chạy vanban watch --data vanban-du-lieu".into()
}

/// Said when a build of `vanban watch` finds an output held open.
fn waiting_for(file: &Path) -> String {
    format!("vanban watch: đang chờ {} được đóng (tệp đang mở trong một chương trình khác, ví dụ trình đọc PDF)", file.display())
}

/// Said after every build of `vanban watch`.
fn watching(folder: &Path) -> String {
    format!("vanban watch: đang chờ thay đổi trong {} (Ctrl+C để dừng)", folder.display())
}

/// What `vanban init` tells the user once the folder is written.
fn initialised(folder: &Path) -> String {
    // vanban finds vanban-du-lieu/ in the folder it runs in without --data.
    let build = match folder == Path::new(commands::init::DEFAULT_FOLDER) {
        true => "vanban build".to_owned(),
        false => format!("vanban build --data {}", folder.display()),
    };
    format!("đã chép dữ liệu mẫu vào {}. Sửa các tệp .toml trong đó (tên đơn vị, số liệu báo cáo…) rồi in bằng: {build}", folder.display())
}

fn started(path: &Path) -> String {
    format!(
        "đã tạo {0}. Sửa các dòng trong đó (số, ngày, nội dung, người ký…) rồi in bằng: vanban dispatch {0}; đặt tệp vào thư mục van-ban/ của dữ liệu thì vanban build in cùng các văn bản khác",
        path.display()
    )
}

fn import_refused(refused: usize, written: usize) -> String {
    format!("{refused} báo cáo bị từ chối (xem các lỗi ở trên), {written} báo cáo đã ghi. Hãy sửa các tệp bị từ chối rồi nhập lại chúng")
}
