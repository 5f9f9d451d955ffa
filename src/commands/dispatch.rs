//! `vanban dispatch`: one document of any kind from its TOML file, or a
//! copy of one (`vanban copy`).

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
    let text = |name: &str| data::read_file(&data::inside(super::folder_of(file), name)?);
    let checked = workspace.check_document(&data::read_file(file)?, &text, &beside)?;
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("cong-van");
    let warnings = checked.warnings.clone();
    let job = Job::new(&format!("{stem}.pdf"), Document::Dispatch(Box::new(checked)));
    Ok(Outcome::of(batch::run_one(workspace, job, out, pdf, "công văn")?, 1, warnings))
}

/// `vanban copy FILE.toml`: as `vanban dispatch`, for a file that is a copy.
pub fn copy(workspace: &Workspace, file: &Path, out: &Path, pdf: Option<&Path>) -> Result<Outcome> {
    let source = data::read_file(file)?;
    if !crate::model::Copy::is_copy(&source.text) {
        return Err(Error::data(crate::error::Location::file(&source.name), not_a_copy()));
    }
    run(workspace, file, out, pdf)
}

// What this module tells the user, in Vietnamese.

fn not_a_copy() -> String {
    "tệp này không phải bản sao: bản sao ghi copy = \"sao-y\" (hoặc \"sao-luc\", \"trich-sao\") và of = \"tệp văn bản được sao\". Muốn in chính văn bản thì dùng vanban dispatch".into()
}
