//! `vanban dispatch`: one công văn from its TOML file.

use std::path::Path;

use super::batch::{self, Document, Job};
use super::{Outcome, Workspace};
use crate::data;
use crate::error::{Error, Result};

/// `vanban dispatch FILE.toml`: out/<stem>.pdf as `vanban build` names it,
/// or the file `pdf` (-o).
pub fn run(workspace: &Workspace, file: &Path, out: &Path, pdf: Option<&Path>) -> Result<Outcome> {
    let beside = |name: &str| {
        let path = data::inside(super::folder_of(file), name)?;
        std::fs::read(&path).map_err(|e| Error::read(&path, e))
    };
    let checked = workspace.check_dispatch(&data::read_file(file)?, &beside)?;
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("cong-van");
    let warnings = checked.warnings.clone();
    let job = Job::new(&format!("{stem}.pdf"), Document::Dispatch(Box::new(checked)));
    Ok(Outcome::of(batch::run_one(workspace, job, out, pdf, "công văn")?, 1, warnings))
}
