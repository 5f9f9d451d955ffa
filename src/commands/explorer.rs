//! What a double-click on vanban.exe in Windows Explorer does. Explorer gives
//! the program a console window of its own, which closes as soon as the
//! program ends: help text would flash and vanish. Instead the clerk gets
//! everything built next to the program, is told where, and closes the
//! window with Enter.

use std::io::{BufRead, Write};
use std::path::Path;

use super::{Workspace, build};
use crate::data::DataDir;
use crate::error::Result;

/// Whether this process is alone in its console window, as when Explorer
/// starts it; never so when a user types the command in cmd.exe or
/// PowerShell, and never on other systems.
pub fn started_from_explorer() -> bool {
    #[cfg(windows)]
    {
        unsafe extern "system" {
            fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        }
        let mut list = [0u32; 2];
        // SAFETY: the buffer holds the two ids the call is told it may write.
        unsafe { GetConsoleProcessList(list.as_mut_ptr(), 2) == 1 }
    }
    #[cfg(not(windows))]
    false
}

/// Builds from the data beside the program (./data or the folder `vanban
/// init` makes, else the built-in samples) into `out` beside it, tells the user,
/// and waits for Enter.
pub fn run(program_folder: &Path, input: &mut dyn BufRead, output: &mut dyn Write) -> Result<()> {
    let out = program_folder.join("out");
    let built = DataDir::find_in(program_folder).and_then(|data| Workspace::open(data, &[], None)).and_then(|workspace| {
        let outcome = build::run(&workspace, &out, false)?;
        Ok((workspace.data.describe(), outcome))
    });
    let report = match &built {
        Ok((data, outcome)) => double_click_built(outcome.written.len(), &out, data),
        Err(error) => format!("lỗi: {error}"),
    };
    let _ = writeln!(output, "{report}\n\n{}", press_enter());
    let _ = output.flush();
    let _ = input.read_line(&mut String::new());
    built.map(|_| ())
}

// What this module tells the user, in Vietnamese.

/// What a double-click on the program says once everything is built.
fn double_click_built(files: usize, out: &Path, data: &str) -> String {
    format!(
        "vanban đã in {files} tệp vào thư mục:\n    {}\ntừ {data}.\n\
         Để sửa dữ liệu: mở cửa sổ lệnh ở thư mục này và chạy vanban init, sửa các tệp trong \
         thư mục vanban-du-lieu rồi bấm đúp vào vanban.exe lần nữa.",
        out.display()
    )
}

fn press_enter() -> &'static str {
    "Nhấn Enter để đóng cửa sổ này."
}
