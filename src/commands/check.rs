//! `vanban check`: reads and checks all data, renders nothing.

use super::{Outcome, Workspace, build};
use crate::error::Result;

/// `vanban check`: reads and checks all data, renders nothing.
pub fn run(workspace: &Workspace) -> Result<Outcome> {
    let (jobs, warnings) = build::plan(workspace)?;
    Ok(Outcome { documents: jobs.len(), warnings, ..Outcome::default() })
}
