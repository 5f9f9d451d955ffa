//! `vanban flyer`: the QR install flyer.

use std::path::Path;

use super::batch::{self, Document, Job};
use super::{Outcome, Workspace};
use crate::documents::guide::{CheckedGuide, PerSheet};
use crate::error::Result;

pub(super) fn job<'w>(workspace: &Workspace, guide: &'w CheckedGuide, per_sheet: PerSheet, png: bool) -> Result<Job<'w>> {
    let flyer = guide.flyer(&workspace.campaign, per_sheet)?;
    Ok(Job::new(&format!("{}.pdf", per_sheet.stem()), Document::Flyer(guide, Box::new(flyer))).with_png(png))
}

/// `vanban flyer`: the flyer, `per_sheet` copies to a sheet, with a PNG if asked.
pub fn run(workspace: &Workspace, out: &Path, per_sheet: PerSheet, png: bool) -> Result<Outcome> {
    let guide = workspace.guide()?;
    let jobs = vec![job(workspace, guide, per_sheet, png)?];
    Ok(Outcome::of(batch::run(workspace, jobs, out, "tờ rơi", false, false)?, 1, guide.warnings.clone()))
}
