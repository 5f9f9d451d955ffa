//! What each command of the CLI does, over the library's parts: one file
//! per command, over the campaign's data ([`Workspace`]) and one shared batch
//! runner ([`batch`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::data::{self, DataDir};
use crate::documents::Renderer;
use crate::documents::dispatch::{self as dispatch_document, CheckedDispatch};
use crate::documents::guide::{self as guide_document, CheckedGuide};
use crate::error::{self, Error, Result};
use crate::fonts::Fonts;
use crate::model::{Campaign, CheckedReport, Dispatch, Month, ReminderSettings, Report, SourceFile, SummarySettings, Units};
use crate::output::slug;

mod batch;
pub mod build;
pub mod check;
pub mod dispatch;
pub mod flyer;
pub mod forms;
pub mod guide;
pub mod remind;
pub mod report;
pub mod summary;

/// Where the data keeps the install guide and the flyer's text.
const GUIDE_FILE: &str = "huong-dan.toml";
/// Where the data says how monthly summaries are issued.
const SUMMARY_FILE: &str = "tong-hop.toml";

/// The campaign's data, read and ready to render.
pub struct Workspace {
    pub data: DataDir,
    pub campaign: Campaign,
    /// The units and their form, where the data has units.toml (or --units).
    pub units: Option<Units>,
    /// The install guide and flyer, where the data has huong-dan.toml.
    pub guide: Option<CheckedGuide>,
    /// How the monthly summaries are issued, where the data has tong-hop.toml,
    /// and that file.
    pub summary: Option<(SummarySettings, SourceFile)>,
    /// How reminders to units that have not reported are issued, where the
    /// data has don-doc.toml, and that file.
    pub reminder: Option<(ReminderSettings, SourceFile)>,
    pub renderer: Renderer,
    /// Things worth telling the user that stop nothing.
    pub warnings: Vec<String>,
}

impl Workspace {
    /// Opens the data; `units_file` replaces the data's units.toml.
    pub fn open(data: DataDir, font_paths: &[PathBuf], units_file: Option<&Path>) -> Result<Self> {
        let campaign = Campaign::load(data.read("campaign.toml")?)?;
        let units = match units_file {
            Some(path) => Some(Units::load(&data::read_file(path)?)?),
            None if data.has("units.toml") => Some(Units::load(&data.read("units.toml")?)?),
            None => None,
        };
        let fonts = Fonts::load(font_paths)?;
        let preferred = campaign.font.as_ref().map(|f| f.as_str());
        let mut warnings = Vec::new();
        if let Some(family) = preferred
            && !font_paths.is_empty()
            && !fonts.has_family(family)
        {
            warnings.push(error::font_missing(family));
        }
        let renderer = Renderer::new(fonts, preferred);
        let guide = match data.has(GUIDE_FILE) {
            true => Some(guide_document::check(data.read(GUIDE_FILE)?, &campaign, renderer.families())?),
            false => None,
        };
        warnings.extend(guide.iter().flat_map(|guide| guide.warnings.iter().cloned()));
        let summary = settings(&data, SUMMARY_FILE)?;
        let reminder = settings(&data, remind::REMINDER_FILE)?;
        Ok(Self { data, campaign, units, guide, summary, reminder, renderer, warnings })
    }

    /// Every công văn in the data (cong-van-*.toml), checked, with its file stem.
    pub fn dispatches(&self) -> Result<Vec<(String, CheckedDispatch<'_>)>> {
        let names = self.data.list("", "cong-van-", ".toml")?;
        if names.is_empty() {
            return Err(Error::NothingToRender { folder: self.data.describe() });
        }
        names
            .iter()
            .map(|name| {
                let stem = name.trim_end_matches(".toml").to_owned();
                Ok((stem, self.check_dispatch(&self.data.read(name)?, &|file| self.data.read_bytes(file))?))
            })
            .collect()
    }

    /// Checks a dispatch of the data; `read` reads files beside it.
    pub fn check_dispatch<'w>(&'w self, source: &SourceFile, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<CheckedDispatch<'w>> {
        dispatch_document::check(source, self.dispatch_context(), read)
    }

    /// What a dispatch of the data may refer to besides itself.
    fn dispatch_context(&self) -> dispatch_document::Context<'_> {
        dispatch_document::Context {
            campaign: &self.campaign,
            units: self.units.as_ref(),
            guide: self.guide.as_ref().map(CheckedGuide::enclosure),
            fonts: self.renderer.families(),
        }
    }

    /// The guide, or an error saying that huong-dan.toml is needed.
    pub fn guide(&self) -> Result<&CheckedGuide> {
        self.guide.as_ref().ok_or_else(|| Error::read(Path::new(GUIDE_FILE), std::io::ErrorKind::NotFound.into()))
    }

    /// The units, or an error saying that units.toml is needed.
    pub fn units(&self) -> Result<&Units> {
        self.units.as_ref().ok_or_else(|| Error::read(Path::new("units.toml"), std::io::ErrorKind::NotFound.into()))
    }

    /// The dispatch the units report on, as units.toml names it.
    pub fn form_dispatch(&self) -> Result<Dispatch> {
        let units = self.units()?;
        let name = &units.dispatch;
        let source = self.data.read(name.get_ref().as_str()).map_err(|e| match &units.source {
            Some(units_file) => units_file.error_at(name.span().start, e.to_string()),
            None => e,
        })?;
        source.parse()
    }

    /// The months that have a folder under reports/, oldest first.
    pub fn report_months(&self) -> Result<Vec<String>> {
        let folders = self.data.list("reports", "", "/")?;
        Ok(folders.iter().map(|f| f.trim_start_matches("reports/").trim_end_matches('/').to_owned()).collect())
    }

    /// Every report of a month's folder, checked; one report per unit.
    pub fn reports(&self, month: &str) -> Result<Vec<CheckedReport>> {
        let units = self.units()?;
        let folder = format!("reports/{month}");
        let read = |name: &str| self.data.read(&format!("{folder}/{name}"));
        let mut reports: Vec<CheckedReport> = Vec::new();
        for name in self.data.list(&folder, "", ".toml")? {
            let checked = Report::load(&self.data.read(&name)?, units, Month::parse(month), &read)?;
            if let Some(first) = reports.iter().find(|r| r.report.unit == checked.report.unit) {
                let message = error::duplicate_report(&checked.report.unit, &first.report.file, &checked.report.file);
                return Err(Error::data(error::Location::file(&checked.report.file), message));
            }
            reports.push(checked);
        }
        Ok(reports)
    }
}

/// A settings file of the data, read with its source, where the data has it.
fn settings<T: serde::de::DeserializeOwned>(data: &DataDir, file: &str) -> Result<Option<(T, SourceFile)>> {
    match data.has(file) {
        true => {
            let source = data.read(file)?;
            Ok(Some((source.parse()?, source)))
        }
        false => Ok(None),
    }
}

/// The folder of a data file given on the command line: the root of the
/// files it names.
fn folder_of(file: &Path) -> &Path {
    file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
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

/// What a command wrote, and what the user should hear about the data.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    pub documents: usize,
    pub warnings: Vec<String>,
}

