//! What each command of the CLI does, over the library's parts: one file
//! per command, over the campaign's data ([`Workspace`]) and one shared batch
//! runner ([`batch`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Notice, Result};
use crate::model::{Every, Period, Units};
use crate::output::{Committed, slug};

mod batch;
pub mod build;
pub mod check;
pub mod dispatch;
pub mod explorer;
pub mod flyer;
pub mod forms;
pub mod guide;
pub mod import;
pub mod init;
pub mod new;
pub mod remind;
pub mod report;
pub mod summary;
pub mod watch;
mod workspace;

pub use workspace::{ReportMonths, Workspace};

/// The folder of a data file given on the command line: the root of the
/// files it names.
fn folder_of(file: &Path) -> &Path {
    file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// The period a command line names, "2026-07", "2026-Q3", for `vanban
/// <command>`: one of the form's, which reports `every` month, quarter or week.
fn period_argument(command: &str, text: &str, every: Every) -> Result<Period> {
    let usage = |message: String| Error::Usage { message: format!("vanban {command}: {message}") };
    let period = Period::parse(text).ok_or_else(|| usage(bad_period_argument(&format!("vanban {command}"), text)))?;
    match period.every == every {
        true => Ok(period),
        false => Err(usage(other_kind_of_period(text, period.every, every))),
    }
}

/// A unique file name per unit code: the slug of its name, numbered where
/// two names give the same slug.
fn unit_file_names(units: &Units) -> HashMap<String, String> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut names = HashMap::new();
    for unit in units.units.iter() {
        let base = slug(unit.name.as_str());
        let count = taken.entry(base.clone()).or_insert(0);
        *count += 1;
        let name = if *count == 1 { base } else { format!("{base}-{count}") };
        names.insert(unit.code.get_ref().as_str().to_owned(), name);
    }
    names
}

/// What a command wrote, and what the user should hear about the data and
/// the output folder.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    /// Of those, the ones whose bytes are new.
    pub changed: Vec<PathBuf>,
    /// Of the changed, the ones where no file was before.
    pub new: Vec<PathBuf>,
    /// Stale outputs a build removed.
    pub removed: Vec<PathBuf>,
    pub documents: usize,
    /// Of those, how many were as the last build made them: not laid out again.
    pub reused: usize,
    pub warnings: Vec<Notice>,
}

impl Outcome {
    /// A batch's outcome: the data's warnings, then what the commit has to say.
    fn of(committed: Committed, documents: usize, mut warnings: Vec<Notice>) -> Self {
        warnings.extend(committed.notices);
        // What vanban keeps for the next build is its cache, not outputs.
        let [written, changed, new, removed] = [committed.written, committed.changed, committed.new, committed.removed].map(|mut paths| {
            paths.retain(|path| !crate::output::in_cache(path));
            paths
        });
        Self { written, changed, new, removed, documents, reused: committed.reused, warnings }
    }
}

// What this module tells the user, in Vietnamese.

fn other_kind_of_period(value: &str, given: Every, every: Every) -> String {
    format!("“{value}” là một {}, nhưng các đơn vị báo cáo hằng {} (bieu-mau.toml). Hãy ghi kỳ dạng {}", given.word(), every.word(), every.example())
}

/// A period on the command line not as vanban writes it; `command` is
/// how the user gave it ("vanban summary", "--month"). A month written as
/// people write it ("9/2026", "T9/2026") is told back in vanban's form.
fn bad_period_argument(command: &str, value: &str) -> String {
    let example = written_month(value).unwrap_or_else(|| "2026-07".to_owned());
    format!("kỳ “{value}” không hợp lệ. Hãy viết năm-tháng, ví dụ {command} {example} (quý: 2026-Q3, tuần: 2026-W31)")
}

/// "2026-09" for "9/2026", "09/2026", "T9/2026" or "tháng 9/2026".
fn written_month(value: &str) -> Option<String> {
    let value = value.trim().trim_start_matches("tháng").trim_start_matches(['T', 't']).trim();
    let (month, year) = value.split_once(['/', '-', '.'])?;
    let (month, year) = (month.trim().parse::<u32>().ok()?, year.trim().parse::<i32>().ok()?);
    ((1..=12).contains(&month) && crate::model::YEARS.contains(&year)).then(|| format!("{year}-{month:02}"))
}
