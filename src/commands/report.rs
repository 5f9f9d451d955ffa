//! `vanban report`: one unit's monthly report; and the month's reports of a build.

use std::path::Path;

use super::batch::{Document, Job};
use super::{Workspace, unit_file_names};
use crate::data;
use crate::documents::report::{FormContext, ReportDocument};
use crate::error::Result;
use crate::model::{CheckedReport, Report};
use crate::output;

/// The month's filled reports under bao-cao/<month>/, named after their units.
pub(super) fn jobs<'w>(workspace: &Workspace, context: FormContext, month: &str, reports: &[CheckedReport]) -> Vec<Job<'w>> {
    let names = unit_file_names(context.units);
    reports
        .iter()
        .map(|checked| {
            let report = &checked.report;
            let path = format!("bao-cao/{month}/{}.pdf", names[&report.unit]);
            let document = ReportDocument::new(&workspace.renderer, report_title(report), report.date.0, vec![context.filled(report)]);
            Job::new(&path, Document::Forms(document))
        })
        .collect()
}

fn report_title(report: &Report) -> String {
    format!("Báo cáo {} – {}", report.month.words(), report.unit)
}

/// `vanban report FILE.toml -o FILE.pdf`: one unit's report.
pub fn run(workspace: &Workspace, file: &Path, pdf: &Path) -> Result<Vec<String>> {
    let units = workspace.units()?;
    let beside = |name: &str| {
        let path = data::inside(super::folder_of(file), name)?;
        Ok((path.display().to_string(), std::fs::read(&path).map_err(|e| crate::Error::read(&path, e))?))
    };
    let checked = Report::load(&data::read_file(file)?, units, None, &beside)?;
    let dispatch = workspace.form_dispatch()?;
    let context = FormContext { units, dispatch: &dispatch };
    let report = &checked.report;
    let date = report.date.0;
    let document = ReportDocument::new(&workspace.renderer, report_title(report), date, vec![context.filled(report)]);
    let ident = file.file_stem().and_then(|s| s.to_str()).unwrap_or("bao-cao");
    output::write_atomically(pdf, &document.render(&workspace.renderer, ident)?)?;
    Ok(checked.warnings)
}
