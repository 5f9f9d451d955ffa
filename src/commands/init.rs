//! `vanban init [FOLDER]`: the campaign data built into the program, written
//! out as a folder to edit, for a user who has only the program.

use std::path::{Path, PathBuf};

use crate::data::EMBEDDED;
use crate::error::{Error, Result};
use crate::output;

/// Where `vanban init` writes when no folder is named; commands run in the
/// folder that holds it use it without `--data`.
pub const DEFAULT_FOLDER: &str = "vanban-du-lieu";

/// Writes every built-in data file under `folder`; refuses, writing nothing,
/// if any of them is there already. Returns the files written.
pub fn run(folder: &Path) -> Result<Vec<PathBuf>> {
    let targets: Vec<(PathBuf, &[u8])> = EMBEDDED.iter().map(|(name, bytes)| (folder.join(name), *bytes)).collect();
    if let Some((taken, _)) = targets.iter().find(|(path, _)| path.exists()) {
        return Err(Error::WouldOverwrite { path: taken.clone(), folder: folder.to_owned() });
    }
    for (path, bytes) in &targets {
        output::write_atomically(path, bytes)?;
    }
    Ok(targets.into_iter().map(|(path, _)| path).collect())
}
