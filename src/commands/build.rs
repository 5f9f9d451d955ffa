//! `vanban build`: every document the data holds.

use std::path::Path;

use super::batch::{self, Document, Job, Tables};
use super::{Outcome, Workspace, flyer, forms, guide, remind, report};
use crate::documents::guide::PerSheet;
use crate::documents::report::FormContext;
use crate::error::{Notice, Result};
use crate::model::Period;

/// Every document the data holds, checked before anything is rendered.
pub(super) fn plan(workspace: &Workspace) -> Result<(Vec<Job<'_>>, Vec<Notice>)> {
    let mut jobs = Vec::new();
    let mut warnings = workspace.unused_files()?;
    for (stem, dispatch) in workspace.dispatches()? {
        warnings.extend(dispatch.warnings.iter().cloned());
        jobs.push(Job::new(&format!("{stem}.pdf"), Document::Dispatch(Box::new(dispatch))));
    }
    if let Some(guide) = workspace.guide_if_any()? {
        warnings.extend(guide.warnings.iter().cloned());
        jobs.push(guide::job(guide, false));
        jobs.push(flyer::job(workspace, guide, PerSheet::One, true)?);
    }
    if let Some(units) = workspace.units_if_any()? {
        let dispatch = workspace.form_dispatch()?;
        let context = FormContext { units, form: workspace.form()?, dispatch };
        jobs.extend(forms::jobs(workspace, context, None, None));
        let read = workspace.all_reports()?;
        warnings.extend(read.stray.iter().cloned());
        let months = &read.months;
        for (index, (month, reports)) in months.iter().enumerate() {
            jobs.extend(report::jobs(workspace, context, month, reports));
            warnings.extend(reports.iter().flat_map(|r| r.warnings.iter().cloned()));
            if workspace.summary_settings()?.is_some() {
                let key = Period::parse(month).map(|m| m.previous().key());
                let previous = months[..index].iter().find(|(m, _)| Some(m) == key.as_ref()).map_or(&[][..], |(_, r)| r);
                let earlier = months[..index].iter().flat_map(|(_, r)| r.iter().map(|r| r.report.unit.clone())).collect();
                let view = workspace.summary_of(month, reports, previous, earlier, dispatch)?;
                jobs.push(Job::new(&format!("tong-hop/{month}.pdf"), Document::Summary(Box::new(view), Tables { csv: true, xlsx: true })));
            }
            if workspace.reminder_settings()?.is_some()
                && let Some(key) = Period::parse(month)
            {
                jobs.extend(remind::job(workspace, key, reports, dispatch)?);
            }
        }
    }
    Ok((jobs, warnings))
}

/// `vanban build`: checks everything first, then renders under `out` every
/// document whose inputs changed since the last build there (every one
/// where `force`).
pub fn run(workspace: &Workspace, out: &Path, force: bool) -> Result<Outcome> {
    let (jobs, warnings) = plan(workspace)?;
    let documents = jobs.len();
    Ok(Outcome::of(batch::run(workspace, jobs, out, "đang in", true, !force)?, documents, warnings))
}
