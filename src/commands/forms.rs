//! `vanban forms`: the blank report form of every unit.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::batch::{self, Document, Job};
use super::{Outcome, Workspace, unit_file_names};
use crate::documents::parts;
use crate::documents::report::{FormContext, ReportDocument};
use crate::error::{Error, Result};
use crate::vietnamese;

/// A blank form per unit under bieu-mau/, and all of them in tat-ca.pdf;
/// or, given a unit's code, that unit's form alone.
pub(super) fn jobs<'w>(workspace: &'w Workspace, context: FormContext<'w>, signed: Option<&'w [String]>, only: Option<&str>) -> Vec<Job<'w>> {
    let units = context.units;
    let names = unit_file_names(units);
    let date = context.dispatch.date.0;
    let name = context.name();
    let mut jobs: Vec<Job> = units
        .units
        .iter()
        .filter(|unit| only.is_none_or(|code| unit.code.get_ref().as_str() == code))
        .map(|unit| {
            let path = format!("bieu-mau/{}.pdf", names[unit.code.get_ref().as_str()]);
            let title = format!("{name} – {}", unit.name);
            let form = move || {
                ReportDocument::new(&workspace.renderer, title.clone(), date, vec![context.blank(Some(unit))])
                    .signed(signed.map(<[String]>::to_vec))
                    .fillable(unit.code.get_ref().as_str())
            };
            Job::new(&path, Document::Forms(Box::new(form))).kept()
        })
        .collect();
    if only.is_none() {
        let title = format!("{name} – tất cả đơn vị");
        jobs.push(Job::new("bieu-mau/tat-ca.pdf", Document::Bundle { title, date }));
    }
    jobs
}

/// The signing line for attachments of the campaign's dispatch signed at `at`.
pub(super) fn signed_line(workspace: &Workspace, at: Option<DateTime<FixedOffset>>) -> Result<Option<Vec<String>>> {
    let Some(at) = at else { return Ok(None) };
    let dispatch = workspace.form_dispatch()?;
    let number = vietnamese::number_and_symbol(dispatch.number.map(|n| n.0), dispatch.symbol.get_ref().as_str());
    Ok(Some(parts::signed_line(number.trim_start_matches("Số:").trim(), at)))
}

/// `vanban forms`: the blank forms, one per unit and all in one, or the
/// form of the unit `unit` names; with the signing line when they are issued
/// as signed files.
pub fn run(workspace: &Workspace, out: &Path, signed_at: Option<DateTime<FixedOffset>>, unit: Option<&str>) -> Result<Outcome> {
    let dispatch = workspace.form_dispatch()?;
    let signed = signed_line(workspace, signed_at)?;
    let units = workspace.units()?;
    if let Some(code) = unit
        && units.find(code).is_none()
    {
        return Err(Error::Usage { message: format!("--unit: {}", unknown_unit_argument(code, units.file(), &units.codes())) });
    }
    let jobs = jobs(workspace, FormContext { units, form: workspace.form()?, dispatch }, signed.as_deref(), unit);
    let documents = jobs.len();
    Ok(Outcome::of(batch::run(workspace, jobs, out, "biểu mẫu", false, false)?, documents, Vec::new()))
}

// What this module tells the user, in Vietnamese.

fn unknown_unit_argument(code: &str, units_file: &str, known: &[&str]) -> String {
    format!("không có đơn vị mã “{code}” trong {units_file}. Hãy ghi --unit và một trong các mã: {}", known.join(", "))
}
