//! `vanban remind MONTH`: the công văn đôn đốc to the units that have not
//! reported a month (composed in documents/reminder.rs).

use std::path::Path;

use super::batch::{self, Document, Job};
use super::{Outcome, Workspace, period_argument};
use crate::error::{Notice, Result};
use crate::model::{CheckedReport, Dispatch, Period};

/// The reminder's job under don-doc/, if any unit has not reported.
pub(super) fn job<'w>(workspace: &'w Workspace, month: Period, reports: &[CheckedReport], dispatch: &Dispatch) -> Result<Option<Job<'w>>> {
    let reminder = workspace.reminder(month, reports, dispatch)?;
    Ok(reminder.map(|reminder| Job::new(&format!("don-doc/{}.pdf", month.key()), Document::Dispatch(Box::new(reminder)))))
}

/// `vanban remind MONTH`: the reminder of a month, or a word that every unit
/// has reported.
pub fn run(workspace: &Workspace, month: &str, out: &Path) -> Result<Outcome> {
    let key = period_argument("remind", month, workspace.form()?.every)?;
    let (months, mut warnings) = workspace.report_months()?;
    let reports = match months.contains(&key.key()) {
        true => workspace.reports(&key.key())?,
        false => Vec::new(),
    };
    let dispatch = workspace.form_dispatch()?;
    match job(workspace, key, &reports, dispatch)? {
        Some(job) => Ok(Outcome::of(batch::run(workspace, vec![job], out, "đôn đốc", false, false)?, 1, warnings)),
        None => {
            warnings.push(Notice::Note(all_reported(&key.words())));
            Ok(Outcome { warnings, ..Outcome::default() })
        }
    }
}

// What this module tells the user, in Vietnamese.

fn all_reported(month: &str) -> String {
    format!("mọi đơn vị đã gửi báo cáo {month}: không cần công văn đôn đốc, không ghi tệp nào")
}
