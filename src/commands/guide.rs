//! `vanban guide`: the install guide.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::batch::{self, Document, Job};
use super::{Outcome, Workspace, forms};
use crate::documents::guide::CheckedGuide;
use crate::error::Result;

pub(super) fn job(guide: &CheckedGuide, png: bool) -> Job<'_> {
    Job::new("huong-dan.pdf", Document::Guide(guide)).with_png(png)
}

/// `vanban guide`: the install guide, with a PNG per page if asked, and the
/// signing line when it is issued as a signed file.
pub fn run(workspace: &mut Workspace, out: &Path, png: bool, signed_at: Option<DateTime<FixedOffset>>) -> Result<Outcome> {
    let signed = forms::signed_line(workspace, signed_at)?;
    workspace.guide_mut()?.sign(signed);
    let workspace = &*workspace;
    let guide = workspace.guide()?;
    let jobs = vec![job(guide, png)];
    Ok(Outcome::of(batch::run(workspace, jobs, out, "hướng dẫn", false, false)?, 1, guide.warnings.clone()))
}
