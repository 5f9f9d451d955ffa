//! `vanban watch`: builds, then builds again whenever a file of the data
//! folder changes, as `typst watch` does. Each run goes through the build's
//! staging, so a mistake in the data is shown and the last good PDFs stay;
//! the files a run rebuilt are those whose bytes changed. An output held
//! open by another program (a PDF in a reader, on Windows) is waited for.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{Outcome, Workspace, build};
use crate::error::{Error, Result};
use crate::output;

/// How often the data folder is looked at. Polling keeps the program free
/// of each system's file-event interface; a data folder holds tens of files.
const POLL: Duration = Duration::from_millis(250);

/// How often an output held open is looked at until it is closed.
const HELD: Duration = Duration::from_secs(1);

/// What a file looked like when last seen.
type Seen = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Every file under `folder`, its size and time of change, leaving out
/// hidden names (editors' swap files, vanban's staging) and `out`.
fn look(folder: &Path, out: &Path) -> Seen {
    let mut seen = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') || path == out {
                continue;
            }
            match entry.metadata() {
                Ok(meta) if meta.is_dir() => stack.push(path),
                Ok(meta) => seen.push((path, meta.len(), meta.modified().ok())),
                Err(_) => {}
            }
        }
    }
    seen.sort();
    seen
}

/// Builds from the data in `folder` into `out` now and after every change,
/// until the process is stopped; `open` reads the data afresh, `shown`
/// tells the user how each build went. A build stopped by an output held
/// open ([`Error::Locked`]) is shown, then run again once that file is closed.
pub fn run(folder: &Path, out: &Path, open: &dyn Fn() -> Result<Workspace>, shown: &mut dyn FnMut(Result<Outcome>)) -> ! {
    let mut last: Option<Seen> = None;
    loop {
        let mut now = look(folder, out);
        if last.as_ref() != Some(&now) {
            // An editor may write a file in steps: wait until it is still.
            loop {
                std::thread::sleep(POLL);
                let again = look(folder, out);
                if again == now {
                    break;
                }
                now = again;
            }
            let build = || open().and_then(|workspace| build::run(&workspace, out, false));
            let mut built = build();
            while let Err(Error::Locked { path }) = &built {
                let path = path.clone();
                shown(built);
                // Waits once at least: the build has just found it held.
                loop {
                    std::thread::sleep(HELD);
                    if !output::held_open(&path) {
                        break;
                    }
                }
                built = build();
            }
            shown(built);
            last = Some(now);
        }
        std::thread::sleep(POLL);
    }
}
