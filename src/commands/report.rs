//! `vanban report`: one unit's monthly report; and the month's reports of a build.

use std::path::Path;

use super::batch::{self, Document, Job};
use super::{Outcome, Workspace, unit_file_names};
use crate::data;
use crate::documents::report::{FormContext, ReportDocument};
use crate::error::Result;
use crate::model::{CheckedReport, Report};

/// The month's filled reports under bao-cao/<month>/, named after their units.
pub(super) fn jobs<'w>(workspace: &'w Workspace, context: FormContext<'w>, month: &str, reports: &'w [CheckedReport]) -> Vec<Job<'w>> {
    let names = unit_file_names(context.units);
    reports
        .iter()
        .map(|checked| {
            let report = &checked.report;
            let path = format!("bao-cao/{month}/{}.pdf", names[&report.unit]);
            let document = move || ReportDocument::new(&workspace.renderer, report_title(report), report.date.0, vec![context.filled(report)]);
            Job::new(&path, Document::Forms(Box::new(document)))
        })
        .collect()
}

fn report_title(report: &Report) -> String {
    format!("Báo cáo {} – {}", report.period.words(), report.unit)
}

/// `vanban report FILE.toml`: one unit's report, where `vanban build` puts
/// it (out/bao-cao/<month>/<unit>.pdf), or as the file `pdf` (-o).
pub fn run(workspace: &Workspace, file: &Path, out: &Path, pdf: Option<&Path>) -> Result<Outcome> {
    let units = workspace.units()?;
    let beside = |name: &str| {
        let path = data::inside(super::folder_of(file), name)?;
        Ok((path.display().to_string(), std::fs::read(&path).map_err(|e| crate::Error::read(&path, e))?))
    };
    let checked = Report::load(&data::read_file(file)?, units, workspace.form()?, None, &beside)?;
    let dispatch = workspace.form_dispatch()?;
    let context = FormContext { units, form: workspace.form()?, dispatch };
    let month = checked.report.period.key();
    let job = jobs(workspace, context, &month, std::slice::from_ref(&checked)).remove(0);
    Ok(Outcome::of(batch::run_one(workspace, job, out, pdf, "báo cáo")?, 1, checked.warnings))
}
