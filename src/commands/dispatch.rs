//! `vanban dispatch`: one công văn from its TOML file.

use std::path::Path;

use super::Workspace;
use crate::data;
use crate::error::{Error, Result};
use crate::output;

/// `vanban dispatch FILE.toml -o FILE.pdf`; returns the file's warnings.
pub fn run(workspace: &Workspace, file: &Path, pdf: &Path) -> Result<Vec<String>> {
    let beside = |name: &str| {
        let path = data::inside(super::folder_of(file), name)?;
        std::fs::read(&path).map_err(|e| Error::read(&path, e))
    };
    let checked = workspace.check_dispatch(&data::read_file(file)?, &beside)?;
    let ident = file.file_stem().and_then(|s| s.to_str()).unwrap_or("cong-van");
    output::write_atomically(pdf, &checked.render(&workspace.renderer, ident)?)?;
    Ok(checked.warnings)
}
