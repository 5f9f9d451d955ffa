//! `vanban summary MONTH`: the office's consolidated report of a month.

use std::path::Path;

use super::batch::{self, Document, Job, Tables};
use super::{Outcome, Workspace, period_argument};
use crate::error::{self, Error, Result};

/// `vanban summary MONTH`: the month's summary, with its table as CSV and
/// as XLSX if asked.
pub fn run(workspace: &Workspace, month: &str, out: &Path, csv: bool, xlsx: bool) -> Result<Outcome> {
    let month = period_argument("summary", month, workspace.form()?.every)?.key();
    let (months, stray) = workspace.report_months()?;
    if !months.contains(&month) {
        let message = no_reports(&month, &months);
        return Err(Error::data(error::Location::file(workspace.data.describe()), message));
    }
    let (view, warnings) = workspace.summary(&month)?;
    let warnings = stray.into_iter().chain(warnings).collect();
    let jobs = vec![Job::new(&format!("tong-hop/{month}.pdf"), Document::Summary(Box::new(view), Tables { csv, xlsx }))];
    Ok(Outcome::of(batch::run(workspace, jobs, out, "tổng hợp", false, false)?, 1, warnings))
}

// What this module tells the user, in Vietnamese.

/// A period well written that has no reports yet.
fn no_reports(period: &str, periods: &[String]) -> String {
    let have = match periods {
        [] => "Chưa kỳ nào có báo cáo".to_owned(),
        _ => format!("Các kỳ đã có báo cáo: {}", periods.join(", ")),
    };
    format!("chưa có báo cáo nào của kỳ {period} (không có thư mục reports/{period}/). Hãy đặt báo cáo của các đơn vị vào thư mục đó. {have}")
}
