//! The campaign's data as a command reads it: campaign.toml and the trust
//! list at once, every other file when first used, so that a command is not
//! stopped by a mistake in a file it does not use (`check` and `build` use
//! them all).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::period_argument;
use crate::data::{self, DataDir};
use crate::documents::Renderer;
use crate::documents::dispatch::{self as dispatch_document, CheckedDispatch};
use crate::documents::guide::{self as guide_document, CheckedGuide};
use crate::documents::parts::SignatureView;
use crate::documents::reminder;
use crate::documents::report::FormContext;
use crate::documents::summary::{self, MonthReports, SummaryView};
use crate::error::{self, Error, Notice, Result};
use crate::fonts::Fonts;
use crate::model::{Campaign, CheckedReport, Copy, Dispatch, Form, Period, ReminderSettings, Report, SourceFile, SummarySettings, Units};
use crate::signature::Trust;

/// Where the data lists the units.
const UNITS_FILE: &str = "units.toml";
/// The folder of documents of any kind (kế hoạch, quyết định…) in the data.
pub const DOCUMENTS_FOLDER: &str = "van-ban";
/// Where the data defines the form the units report on.
pub const FORM_FILE: &str = "bieu-mau.toml";
/// Where the data keeps the install guide and the flyer's text.
const GUIDE_FILE: &str = "huong-dan.toml";
/// Where the data says how monthly summaries are issued.
const SUMMARY_FILE: &str = "tong-hop.toml";
/// Where the data says how reminders are issued.
const REMINDER_FILE: &str = "don-doc.toml";

/// The campaign's data, read as a command needs it: campaign.toml at once,
/// every other file when first used, so that a command is not stopped by a
/// mistake in a file it does not use (`check` and `build` use them all).
pub struct Workspace {
    pub data: DataDir,
    pub campaign: Campaign,
    /// The certificates campaign.toml trusts to vouch for signers.
    pub trust: Trust,
    /// --units, in place of the data's units.toml.
    units_file: Option<PathBuf>,
    /// The units, where the data has units.toml (or --units).
    units: OnceLock<Option<Units>>,
    /// The form they report on, where the data has bieu-mau.toml.
    form: OnceLock<Option<Form>>,
    /// The install guide and flyer, where the data has huong-dan.toml.
    guide: OnceLock<Option<CheckedGuide>>,
    /// How the monthly summaries are issued, where the data has tong-hop.toml,
    /// and that file.
    summary: OnceLock<Option<(SummarySettings, SourceFile)>>,
    /// How reminders to units that have not reported are issued, where the
    /// data has don-doc.toml, and that file.
    reminder: OnceLock<Option<(ReminderSettings, SourceFile)>>,
    /// The dispatch the units report on: read once, as every unit's form
    /// cites it.
    form_dispatch: OnceLock<Option<Dispatch>>,
    /// Every month's reports, as a build reads them.
    all_reports: OnceLock<Option<ReportMonths>>,
    pub renderer: Renderer,
    /// Things worth telling the user that stop nothing.
    pub warnings: Vec<Notice>,
}

/// The value of a lazily read file: read on first use, an error returned
/// (and the read tried again next time) rather than kept.
fn loaded<T>(cell: &OnceLock<Option<T>>, load: impl FnOnce() -> Result<Option<T>>) -> Result<Option<&T>> {
    if let Some(value) = cell.get() {
        return Ok(value.as_ref());
    }
    let value = load()?;
    Ok(cell.get_or_init(|| value).as_ref())
}

impl Workspace {
    /// Opens the data; `units_file` replaces the data's units.toml.
    pub fn open(data: DataDir, font_paths: &[PathBuf], units_file: Option<&Path>) -> Result<Self> {
        let campaign = Campaign::load(data.read("campaign.toml")?)?;
        let trust = campaign.trust(&|file| data.read_bytes(file))?;
        let fonts = Fonts::load(font_paths)?;
        let preferred = campaign.font.as_ref().map(|f| f.as_str());
        let mut warnings = Vec::new();
        if let Some(family) = preferred
            && !font_paths.is_empty()
            && !fonts.has_family(family)
        {
            warnings.push(Notice::Warning { at: None, message: font_missing(family) });
        }
        let renderer = Renderer::new(fonts, preferred);
        Ok(Self {
            data,
            campaign,
            trust,
            units_file: units_file.map(Path::to_owned),
            units: OnceLock::new(),
            form: OnceLock::new(),
            guide: OnceLock::new(),
            summary: OnceLock::new(),
            reminder: OnceLock::new(),
            form_dispatch: OnceLock::new(),
            all_reports: OnceLock::new(),
            renderer,
            warnings,
        })
    }

    /// The units, where the data has them.
    pub fn units_if_any(&self) -> Result<Option<&Units>> {
        loaded(&self.units, || match &self.units_file {
            Some(path) => Ok(Some(Units::load(&data::read_file(path)?)?)),
            None if self.data.has(UNITS_FILE) => Ok(Some(Units::load(&self.data.read(UNITS_FILE)?)?)),
            None => Ok(None),
        })
    }

    /// The units, or an error saying that units.toml is needed.
    pub fn units(&self) -> Result<&Units> {
        self.units_if_any()?.ok_or_else(|| self.data.missing(UNITS_FILE))
    }

    /// The report form, where the data has it.
    pub fn form_if_any(&self) -> Result<Option<&Form>> {
        loaded(&self.form, || match self.data.has(FORM_FILE) {
            true => Ok(Some(Form::load(&self.data.read(FORM_FILE)?)?)),
            false => Ok(None),
        })
    }

    /// The report form, or an error saying that bieu-mau.toml is needed.
    pub fn form(&self) -> Result<&Form> {
        self.form_if_any()?.ok_or_else(|| self.data.missing(FORM_FILE))
    }

    /// The install guide and flyer, where the data has them.
    pub fn guide_if_any(&self) -> Result<Option<&CheckedGuide>> {
        loaded(&self.guide, || match self.data.has(GUIDE_FILE) {
            true => Ok(Some(guide_document::check(self.data.read(GUIDE_FILE)?, &self.campaign, self.renderer.families())?)),
            false => Ok(None),
        })
    }

    /// The guide, or an error saying that huong-dan.toml is needed.
    pub fn guide(&self) -> Result<&CheckedGuide> {
        self.guide_if_any()?.ok_or_else(|| self.data.missing(GUIDE_FILE))
    }

    /// The guide, to change before it is rendered.
    pub fn guide_mut(&mut self) -> Result<&mut CheckedGuide> {
        self.guide()?;
        self.guide.get_mut().and_then(Option::as_mut).ok_or_else(|| self.data.missing(GUIDE_FILE))
    }

    /// How monthly summaries are issued, where the data says.
    pub fn summary_settings(&self) -> Result<Option<&(SummarySettings, SourceFile)>> {
        loaded(&self.summary, || settings(&self.data, SUMMARY_FILE))
    }

    /// How reminders are issued, where the data says.
    pub fn reminder_settings(&self) -> Result<Option<&(ReminderSettings, SourceFile)>> {
        loaded(&self.reminder, || settings(&self.data, REMINDER_FILE))
    }

    /// Every document the office issues in the data, checked, with its
    /// path and stem: the công văn beside the campaign's files
    /// (cong-van-*.toml), then those of any kind in van-ban/.
    pub fn dispatches(&self) -> Result<Vec<(String, CheckedDispatch<'_>)>> {
        let letters = self.data.list("", "cong-van-", ".toml")?;
        let documents = self.data.list(DOCUMENTS_FOLDER, "", ".toml")?;
        if letters.is_empty() && documents.is_empty() {
            return Err(Error::NothingToRender { folder: self.data.describe() });
        }
        letters
            .into_iter()
            .chain(documents)
            .map(|path| {
                let stem = path.trim_end_matches(".toml").to_owned();
                // The signer's images, and a copy's document, are named beside it.
                let folder = path.rfind('/').map_or("", |slash| &path[..=slash]);
                let text = |file: &str| self.data.read(&format!("{folder}{file}"));
                let bytes = |file: &str| self.data.read_bytes(&format!("{folder}{file}"));
                Ok((stem, self.check_document(&self.data.read(&path)?, &text, &bytes)?))
            })
            .collect()
    }

    /// A warning for each .toml file beside campaign.toml that vanban does
    /// not read (a dispatch misnamed, a file left over), saying what it reads.
    pub fn unused_files(&self) -> Result<Vec<Notice>> {
        let read = ["campaign.toml", UNITS_FILE, FORM_FILE, GUIDE_FILE, SUMMARY_FILE, REMINDER_FILE];
        let names = self.data.list("", "", ".toml")?;
        let unused = names.into_iter().filter(|name| !read.contains(&name.as_str()) && !name.starts_with("cong-van-"));
        Ok(unused.map(|name| Notice::of(Error::data(error::Location::file(self.data.shown(&name)), unused_file(&read)))).collect())
    }

    /// Checks a document, or a copy of one (a file that says `copy = …`,
    /// whose `of` names the document beside it): `text` and `read` read a
    /// file beside it.
    pub fn check_document<'w>(
        &'w self,
        source: &SourceFile,
        text: &dyn Fn(&str) -> Result<SourceFile>,
        read: &dyn Fn(&str) -> Result<Vec<u8>>,
    ) -> Result<CheckedDispatch<'w>> {
        if !Copy::is_copy(&source.text) {
            return self.check_dispatch(source, read);
        }
        let copy: Copy = source.parse()?;
        let original = text(copy.of.get_ref()).map_err(|e| source.error_at(copy.of.span().start, e.to_string()))?;
        self.check_dispatch(&original, read)?.copied(&copy, source, &self.campaign, read)
    }

    /// Checks a dispatch of the data; `read` reads files beside it.
    pub fn check_dispatch<'w>(&'w self, source: &SourceFile, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<CheckedDispatch<'w>> {
        let dispatch: Dispatch = source.parse()?;
        let context = self.dispatch_context(&dispatch)?;
        dispatch_document::check_parsed(dispatch, source, context, read)
    }

    /// What `dispatch` refers to besides itself: the units where it appends
    /// their form, the guide where it encloses it; nothing else is read.
    fn dispatch_context(&self, dispatch: &Dispatch) -> Result<dispatch_document::Context<'_>> {
        let has_form = dispatch.form_appendix().is_some();
        Ok(dispatch_document::Context {
            campaign: &self.campaign,
            units: if has_form { self.units_if_any()?.zip(self.form_if_any()?) } else { None },
            guide: if dispatch.enclosures.is_empty() { None } else { self.guide_if_any()?.map(CheckedGuide::enclosure) },
            fonts: self.renderer.families(),
        })
    }

    /// The dispatch the units report on, as units.toml names it.
    pub fn form_dispatch(&self) -> Result<&Dispatch> {
        let dispatch = loaded(&self.form_dispatch, || {
            let units = self.units()?;
            let name = &units.dispatch;
            let source = self.data.read(name.get_ref().as_str()).map_err(|e| match &units.source {
                Some(units_file) => units_file.error_at(name.span().start, e.to_string()),
                None => e,
            })?;
            source.parse().map(Some)
        })?;
        Ok(dispatch.expect("the form's dispatch is read or an error returned"))
    }

    /// The periods that have a folder under reports/ ("2026-07", "2026-Q3"),
    /// oldest first, and a warning for each other folder there, which is skipped.
    pub fn report_months(&self) -> Result<(Vec<String>, Vec<Notice>)> {
        let (mut months, mut warnings) = (Vec::new(), Vec::new());
        // A folder of another kind of period (left from before the form
        // changed) is not this form's: skipped with a word, not refused.
        let every = self.form_if_any()?.map(|form| form.every);
        for folder in self.data.list("reports", "", "/")? {
            let name = folder.trim_start_matches("reports/").trim_end_matches('/');
            let at = || error::Location::file(self.data.shown(&folder));
            match Period::parse(name) {
                Some(period) if period.key() == name && every.is_none_or(|every| every == period.every) => months.push(name.to_owned()),
                Some(period) if period.key() == name => warnings.push(Notice::of(Error::data(at(), other_period_folder(name, period.every)))),
                _ => warnings.push(Notice::of(Error::data(at(), not_a_period_folder(name)))),
            }
        }
        Ok((months, warnings))
    }

    /// Every month's reports, read once: for their own PDFs, their month's
    /// summary and the next month's.
    pub fn all_reports(&self) -> Result<&ReportMonths> {
        let read = loaded(&self.all_reports, || {
            let (folders, stray) = self.report_months()?;
            let months = folders.into_iter().map(|month| self.reports(&month).map(|reports| (month, reports))).collect::<Result<_>>()?;
            Ok(Some(ReportMonths { months, stray }))
        })?;
        Ok(read.expect("the reports are read or an error returned"))
    }

    /// Every report of a month's folder, checked; one report per unit.
    pub fn reports(&self, month: &str) -> Result<Vec<CheckedReport>> {
        let (units, form) = (self.units()?, self.form()?);
        let folder = format!("reports/{month}");
        let read = |name: &str| {
            let path = format!("{folder}/{name}");
            Ok((self.data.shown(&path), self.data.read_bytes(&path)?))
        };
        let mut reports: Vec<CheckedReport> = Vec::new();
        for name in self.data.list(&folder, "", ".toml")? {
            let checked = Report::load(&self.data.read(&name)?, units, form, Period::parse(month), &read)?;
            if let Some(first) = reports.iter().find(|r| r.report.unit == checked.report.unit) {
                let message = duplicate_report(&checked.report.unit, &first.report.file, &checked.report.file);
                return Err(Error::data(error::Location::file(&checked.report.file), message));
            }
            reports.push(checked);
        }
        Ok(reports)
    }

    /// The summary of a month ("2026-07"), from that month's reports and
    /// the months before's, with the warnings of the month's reports.
    pub fn summary(&self, month: &str) -> Result<(SummaryView, Vec<Notice>)> {
        let key = period_argument("summary", month, self.form()?.every)?;
        let reports = self.reports(month)?;
        let previous_key = key.previous().key();
        let (mut previous, mut earlier) = (Vec::new(), HashSet::new());
        // Period folders sort as their names: "2026-06" < "2026-07".
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
        let (settings, source) = self.summary_settings()?.ok_or_else(|| self.data.missing(SUMMARY_FILE))?;
        let signature = SignatureView::new(&settings.signer, ("signer", "signer"), &settings.distribution, source, &|file| self.data.read_bytes(file))?;
        let key = period_argument("summary", month, self.form()?.every)?;
        let reports = MonthReports { now: reports.iter().map(|r| &r.report).collect(), previous: previous.iter().map(|r| &r.report).collect(), earlier };
        let context = FormContext { units: self.units()?, form: self.form()?, dispatch };
        Ok(summary::summarize(settings, context, key, &reports, signature, self.renderer.families()))
    }

    /// The reminder of `month` to the units without a report among
    /// `reports`, checked; None when every unit has reported.
    pub(super) fn reminder(&self, month: Period, reports: &[CheckedReport], dispatch: &Dispatch) -> Result<Option<CheckedDispatch<'_>>> {
        let (settings, source) = self.reminder_settings()?.ok_or_else(|| self.data.missing(REMINDER_FILE))?;
        let Some(reminder) = reminder::compose(settings, source, self.units()?, self.form()?, month, reports, dispatch)? else { return Ok(None) };
        let context = self.dispatch_context(&reminder)?;
        dispatch_document::check_parsed(reminder, source, context, &|file| self.data.read_bytes(file)).map(Some)
    }
}

/// The reports under reports/, by month, oldest first.
pub struct ReportMonths {
    pub months: Vec<(String, Vec<CheckedReport>)>,
    /// A warning for each folder there that is not a month, which is skipped.
    pub stray: Vec<Notice>,
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

// What this module tells the user, in Vietnamese.

fn unused_file(read: &[&str]) -> String {
    format!(
        "tệp này không được đọc: vanban đọc {}, các công văn cong-van-*.toml, và văn bản mọi loại trong thư mục {DOCUMENTS_FOLDER}/. Nếu là công văn, hãy đổi tên thành cong-van-….toml; nếu là văn bản loại khác, hãy chuyển vào {DOCUMENTS_FOLDER}/",
        read.join(", ")
    )
}

fn not_a_period_folder(name: &str) -> String {
    format!(
        "thư mục “{name}” không phải một kỳ báo cáo nên được bỏ qua, các báo cáo trong đó không được đọc. Nếu là báo cáo, hãy đổi tên thư mục theo kỳ, ví dụ reports/2026-07/ (tháng), reports/2026-Q3/ (quý), reports/2026-W31/ (tuần)"
    )
}

fn other_period_folder(name: &str, every: crate::model::Every) -> String {
    format!(
        "thư mục “{name}” là một {}, nhưng biểu mẫu ({FORM_FILE}) báo cáo theo kỳ khác, nên được bỏ qua. Nếu là báo cáo cũ, hãy chuyển thư mục ra khỏi reports/",
        every.word()
    )
}

fn duplicate_report(unit: &str, first: &str, second: &str) -> String {
    format!("đơn vị “{unit}” có hai báo cáo trong cùng kỳ: {first} và {second}. Hãy giữ lại một tệp")
}

fn font_missing(family: &str) -> String {
    format!("không tìm thấy phông “{family}” trong --font-path; dùng Liberation Serif (cùng kích thước chữ với Times New Roman)")
}
