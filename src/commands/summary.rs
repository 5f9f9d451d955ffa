//! `vanban summary MONTH`: the office's consolidated report of a month.

use std::collections::HashSet;
use std::path::Path;

use super::batch::{self, Document, Job, Tables};
use super::{Outcome, SUMMARY_FILE, Workspace, month_argument};
use crate::documents::parts::SignatureView;
use crate::documents::summary::{self, MonthReports, SummaryView};
use crate::error::{self, Error, Result};
use crate::model::{CheckedReport, Dispatch};

impl Workspace {
    /// The summary of a month ("2026-07"), from that month's reports and
    /// the months before's, with the warnings of the month's reports.
    pub fn summary(&self, month: &str) -> Result<(SummaryView, Vec<String>)> {
        let key = month_argument("summary", month)?;
        let reports = self.reports(month)?;
        let previous_key = key.previous().key();
        let (mut previous, mut earlier) = (Vec::new(), HashSet::new());
        // Month folders sort as their names: "2026-06" < "2026-07".
        for before in self.report_months()?.0.into_iter().filter(|m| m.as_str() < month) {
            let checked = self.reports(&before)?;
            earlier.extend(checked.iter().map(|r| r.report.unit.clone()));
            if before == previous_key {
                previous = checked;
            }
        }
        let view = self.summary_of(month, &reports, &previous, earlier, self.form_dispatch()?)?;
        Ok((view, reports.into_iter().flat_map(|r| r.warnings).collect()))
    }

    /// The summary of a month from reports already read: the month's, the
    /// month before's, and the codes of the units that reported in any
    /// month before.
    pub(super) fn summary_of(
        &self,
        month: &str,
        reports: &[CheckedReport],
        previous: &[CheckedReport],
        earlier: HashSet<String>,
        dispatch: &Dispatch,
    ) -> Result<SummaryView> {
        let (settings, source) = self
            .summary_settings()?
            .ok_or_else(|| self.data.missing(SUMMARY_FILE))?;
        let signature = SignatureView::new(&settings.signer, &settings.distribution, source, &|file| self.data.read_bytes(file))?;
        let key = month_argument("summary", month)?;
        let reports = MonthReports {
            now: reports.iter().map(|r| &r.report).collect(),
            previous: previous.iter().map(|r| &r.report).collect(),
            earlier,
        };
        Ok(summary::summarize(settings, self.units()?, dispatch, key, &reports, signature, self.renderer.families()))
    }
}

/// `vanban summary MONTH`: the month's summary, with its table as CSV and
/// as XLSX if asked.
pub fn run(workspace: &Workspace, month: &str, out: &Path, csv: bool, xlsx: bool) -> Result<Outcome> {
    let month = month_argument("summary", month)?.key();
    let (months, stray) = workspace.report_months()?;
    if !months.contains(&month) {
        let message = error::no_reports(&month, &months);
        return Err(Error::data(error::Location::file(workspace.data.describe()), message));
    }
    let (view, warnings) = workspace.summary(&month)?;
    let warnings = stray.into_iter().chain(warnings).collect();
    let jobs = vec![Job::new(&format!("tong-hop/{month}.pdf"), Document::Summary(Box::new(view), Tables { csv, xlsx }))];
    Ok(Outcome::of(batch::run(workspace, jobs, out, "tổng hợp", false)?, 1, warnings))
}
