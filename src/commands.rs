//! What each command of the CLI does, over the library's parts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDate};
use typst::ecow::EcoVec;
use typst::model::DocumentInfo;
use typst_layout::PagedDocument;


use crate::data::{self, DataDir};
use crate::documents::Renderer;
use crate::documents::dispatch::{self, CheckedDispatch};
use crate::documents::guide::{self, CheckedGuide, FlyerView, PerSheet};
use crate::documents::report::{FormContext, ReportDocument};
use crate::documents::parts::{self, SignatureView};
use crate::documents::summary::{self, SummaryView};
use crate::error::{self, Error, Result};
use crate::fonts::Fonts;
use crate::model::{Campaign, CheckedReport, Dispatch, Month, Report, SourceFile, SummarySettings, Units};
use crate::output::{self, slug};
use crate::progress::Progress;
use crate::render::{self, PdfMeta};
use crate::vietnamese;

/// Where the data keeps the install guide and the flyer's text.
const GUIDE_FILE: &str = "huong-dan.toml";
/// Where the data says how monthly summaries are issued.
const SUMMARY_FILE: &str = "tong-hop.toml";
/// How wide PNG images for posting online are.
const PNG_WIDTH: u32 = 1080;

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
    pub renderer: Renderer,
    /// Things worth telling the user that stop nothing.
    pub warnings: Vec<String>,
}

impl Workspace {
    /// Opens the data; `units_file` replaces the data's units.toml.
    pub fn open(data: DataDir, font_paths: &[PathBuf], units_file: Option<&Path>) -> Result<Self> {
        let campaign: Campaign = data.read("campaign.toml")?.parse()?;
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
            true => Some(guide::check(data.read(GUIDE_FILE)?, &campaign, renderer.families())?),
            false => None,
        };
        let summary = match data.has(SUMMARY_FILE) {
            true => {
                let source = data.read(SUMMARY_FILE)?;
                Some((source.parse()?, source))
            }
            false => None,
        };
        Ok(Self { data, campaign, units, guide, summary, renderer, warnings })
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
        let context = dispatch::Context {
            campaign: &self.campaign,
            units: self.units.as_ref(),
            guide: self.guide.as_ref().map(CheckedGuide::enclosure),
            fonts: self.renderer.families(),
        };
        dispatch::check(source, context, read)
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
        self.data.read(self.units()?.dispatch.as_str())?.parse()
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

/// One PDF to render: where it goes, its identifier inside the PDF (its
/// path under the output folder) and what it holds.
struct Job<'w> {
    path: PathBuf,
    ident: String,
    document: Document<'w>,
    /// Whether a bundle needs this job's pages.
    keep: bool,
    /// Whether each page is also written as a PNG beside the PDF.
    png: bool,
}

enum Document<'w> {
    Dispatch(CheckedDispatch<'w>),
    Forms(ReportDocument),
    Guide(&'w CheckedGuide),
    Flyer(&'w CheckedGuide, FlyerView),
    /// A monthly summary, and whether its table is also written as CSV.
    Summary(Box<SummaryView>, bool),
    /// The pages of the jobs before it that are kept, in one PDF: laid out
    /// once, not twice.
    Bundle { title: String, date: NaiveDate },
}

/// Every document the data holds, checked before anything is rendered.
fn plan(workspace: &Workspace) -> Result<(Vec<Job<'_>>, Vec<String>)> {
    let mut jobs = Vec::new();
    let mut warnings = Vec::new();
    for (stem, dispatch) in workspace.dispatches()? {
        jobs.push(Job::new(&format!("{stem}.pdf"), Document::Dispatch(dispatch)));
    }
    if let Some(guide) = &workspace.guide {
        jobs.push(guide_job(guide, false));
        jobs.push(flyer_job(workspace, guide, PerSheet::One, true)?);
    }
    if let Some(units) = &workspace.units {
        let dispatch = workspace.form_dispatch()?;
        let context = FormContext { units, dispatch: &dispatch };
        jobs.extend(form_jobs(workspace, context, None));
        // Each month's reports are read once: for their own PDFs, their
        // month's summary and the next month's.
        let mut months: Vec<(String, Vec<CheckedReport>)> = Vec::new();
        for month in workspace.report_months()? {
            let reports = workspace.reports(&month)?;
            months.push((month, reports));
        }
        for (index, (month, reports)) in months.iter().enumerate() {
            jobs.extend(report_jobs(workspace, context, month, reports));
            warnings.extend(reports.iter().flat_map(|r| r.warnings.iter().cloned()));
            if workspace.summary.is_some() {
                let key = Month::parse(month).map(|m| m.previous().key());
                let previous = months[..index].iter().find(|(m, _)| Some(m) == key.as_ref()).map_or(&[][..], |(_, r)| r);
                let view = workspace.summary_of(month, reports, previous, &dispatch)?;
                jobs.push(Job::new(&format!("tong-hop/{month}.pdf"), Document::Summary(Box::new(view), true)));
            }
        }
    }
    Ok((jobs, warnings))
}

impl<'w> Job<'w> {
    fn new(relative: &str, document: Document<'w>) -> Self {
        let ident = relative.trim_end_matches(".pdf").to_owned();
        Self { path: PathBuf::from(relative), ident, document, keep: false, png: false }
    }

    fn kept(mut self) -> Self {
        self.keep = true;
        self
    }

    fn with_png(mut self, png: bool) -> Self {
        self.png = png;
        self
    }
}

fn guide_job(guide: &CheckedGuide, png: bool) -> Job<'_> {
    Job::new("huong-dan.pdf", Document::Guide(guide)).with_png(png)
}

fn flyer_job<'w>(workspace: &Workspace, guide: &'w CheckedGuide, per_sheet: PerSheet, png: bool) -> Result<Job<'w>> {
    let flyer = guide.flyer(&workspace.campaign, per_sheet)?;
    Ok(Job::new(&format!("{}.pdf", per_sheet.stem()), Document::Flyer(guide, flyer)).with_png(png))
}

/// A blank form per unit under bieu-mau/, and all of them in tat-ca.pdf.
fn form_jobs<'w>(workspace: &Workspace, context: FormContext, signed: Option<Vec<String>>) -> Vec<Job<'w>> {
    let units = context.units;
    let names = unit_file_names(units);
    let date = context.dispatch.date.0;
    let forms = |title, forms| {
        Document::Forms(ReportDocument::new(&workspace.renderer, title, date, forms).signed(signed.clone()))
    };
    let mut jobs: Vec<Job> = units
        .units
        .iter()
        .map(|unit| {
            let path = format!("bieu-mau/{}.pdf", names[unit.code.get_ref().as_str()]);
            Job::new(&path, forms(format!("Phụ lục 01 – {}", unit.name), vec![context.blank(Some(unit))])).kept()
        })
        .collect();
    let title = "Phụ lục 01 – tất cả đơn vị".into();
    jobs.push(Job::new("bieu-mau/tat-ca.pdf", Document::Bundle { title, date }));
    jobs
}

/// The month's filled reports under bao-cao/<month>/, named after their units.
fn report_jobs<'w>(workspace: &Workspace, context: FormContext, month: &str, reports: &[CheckedReport]) -> Vec<Job<'w>> {
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

/// Renders the jobs on every core, writing each PDF under `out` as soon as
/// it is done, then the bundles. Stops at the first error. Returns the files
/// written, sorted.
fn run(workspace: &Workspace, jobs: Vec<Job>, out: &Path, label: &str) -> Result<Vec<PathBuf>> {
    output::remove_leftovers(out);
    let progress = Progress::new(label, jobs.len());
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len().max(1));
    let worker = || -> Result<(Vec<(usize, PagedDocument)>, Vec<PathBuf>)> {
        let (mut kept, mut written) = (Vec::new(), Vec::new());
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else { break };
            let renderer = &workspace.renderer;
            let (document, meta) = match &job.document {
                Document::Dispatch(dispatch) => (dispatch.layout(renderer), dispatch.meta(&job.ident)),
                Document::Forms(forms) => (forms.layout(renderer), forms.meta(&job.ident)),
                Document::Guide(guide) => (guide.layout(renderer), guide.meta(&job.ident)),
                Document::Flyer(guide, flyer) => (flyer.layout(renderer), guide.meta(&job.ident)),
                Document::Summary(summary, csv) => {
                    if *csv {
                        let path = out.join(&job.path).with_extension("csv");
                        output::write_atomically(&path, summary.csv().as_bytes())?;
                        written.push(path);
                    }
                    (summary.layout(renderer), summary.meta(&job.ident))
                }
                Document::Bundle { .. } => continue,
            };
            let document = document.inspect_err(|_| next.store(jobs.len(), Ordering::Relaxed))?;
            let path = out.join(&job.path);
            if job.png {
                written.extend(write_pngs(&path, &document)?);
            }
            if job.keep {
                kept.push((index, document.clone()));
            }
            output::write_atomically(&path, &render::pdf(document, &meta, workspace.renderer.pdf)?)?;
            written.push(path);
            // Each document's layouts stay in Typst's cache; keep only what
            // recent documents used (the templates), or a batch grows without end.
            typst::comemo::evict(4);
            progress.tick();
        }
        Ok((kept, written))
    };
    let results: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
        workers.into_iter().map(|w| w.join().expect("a render thread panicked")).collect()
    });
    let (mut kept, mut written) = (Vec::new(), Vec::new());
    for result in results {
        let (k, w) = result?;
        kept.extend(k);
        written.extend(w);
    }
    kept.sort_by_key(|(index, _)| *index);
    let pages: EcoVec<_> = kept.iter().flat_map(|(_, document)| document.pages().iter().cloned()).collect();
    for job in &jobs {
        if let Document::Bundle { title, date } = &job.document {
            let document = PagedDocument::new(pages.clone(), DocumentInfo::default());
            // Pages from several documents carry no one structure tree.
            let meta = PdfMeta { ident: &job.ident, title, date: *date, tagged: false };
            let path = out.join(&job.path);
            output::write_atomically(&path, &render::pdf(document, &meta, workspace.renderer.pdf)?)?;
            written.push(path);
            progress.tick();
        }
    }
    written.sort();
    Ok(written)
}

/// Next to "x.pdf": "x.png" for a one-page document, "x-1.png" … otherwise.
fn png_paths(pdf: &Path, pages: usize) -> Vec<PathBuf> {
    match pages {
        1 => vec![pdf.with_extension("png")],
        _ => (1..=pages).map(|n| pdf.with_file_name(format!("{}-{n}.png", stem(pdf)))).collect(),
    }
}

fn stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("trang")
}

/// Writes each page as a PNG next to the PDF; returns the files.
fn write_pngs(pdf: &Path, document: &PagedDocument) -> Result<Vec<PathBuf>> {
    let images = render::png(document, PNG_WIDTH);
    let paths = png_paths(pdf, images.len());
    for (path, image) in paths.iter().zip(&images) {
        output::write_atomically(path, image)?;
    }
    Ok(paths)
}

/// `vanban check`: reads and checks all data, renders nothing.
pub fn check(workspace: &Workspace) -> Result<Outcome> {
    let (jobs, warnings) = plan(workspace)?;
    Ok(Outcome { written: Vec::new(), documents: jobs.len(), warnings })
}

/// `vanban build`: checks everything first, then renders every document
/// under `out`.
pub fn build(workspace: &Workspace, out: &Path) -> Result<Outcome> {
    let (jobs, warnings) = plan(workspace)?;
    let documents = jobs.len();
    Ok(Outcome { written: run(workspace, jobs, out, "đang in")?, documents, warnings })
}

/// The signing line for attachments of the campaign's dispatch signed at `at`.
fn signed_line(workspace: &Workspace, at: Option<DateTime<FixedOffset>>) -> Result<Option<Vec<String>>> {
    let Some(at) = at else { return Ok(None) };
    let dispatch = workspace.form_dispatch()?;
    let number = vietnamese::number_and_symbol(dispatch.number.map(|n| n.0), dispatch.symbol.as_str());
    Ok(Some(parts::signed_line(number.trim_start_matches("Số:").trim(), at)))
}

/// `vanban forms`: the blank forms, one per unit and all in one; with the
/// signing line when they are issued as signed files.
pub fn forms(workspace: &Workspace, out: &Path, signed_at: Option<DateTime<FixedOffset>>) -> Result<Outcome> {
    let dispatch = workspace.form_dispatch()?;
    let signed = signed_line(workspace, signed_at)?;
    let jobs = form_jobs(workspace, FormContext { units: workspace.units()?, dispatch: &dispatch }, signed);
    let documents = jobs.len();
    Ok(Outcome { written: run(workspace, jobs, out, "biểu mẫu")?, documents, warnings: Vec::new() })
}

impl Workspace {
    /// The summary of a month ("2026-07"), from that month's reports and
    /// the month before's, with the warnings of the month's reports.
    pub fn summary(&self, month: &str) -> Result<(SummaryView, Vec<String>)> {
        let key = Month::parse(month).ok_or_else(|| Error::data(error::Location::file("vanban summary"), error::bad_month(month)))?;
        let reports = self.reports(month)?;
        let previous_key = key.previous().key();
        let previous = match self.report_months()?.contains(&previous_key) {
            true => self.reports(&previous_key)?,
            false => Vec::new(),
        };
        let view = self.summary_of(month, &reports, &previous, &self.form_dispatch()?)?;
        Ok((view, reports.into_iter().flat_map(|r| r.warnings).collect()))
    }

    /// The summary of a month from reports already read.
    fn summary_of(&self, month: &str, reports: &[CheckedReport], previous: &[CheckedReport], dispatch: &Dispatch) -> Result<SummaryView> {
        let (settings, source) = self
            .summary
            .as_ref()
            .ok_or_else(|| Error::read(Path::new(SUMMARY_FILE), std::io::ErrorKind::NotFound.into()))?;
        let signature = SignatureView::new(&settings.signer, &settings.distribution, source, &|file| self.data.read_bytes(file))?;
        let key = Month::parse(month).ok_or_else(|| Error::data(error::Location::file("vanban summary"), error::bad_month(month)))?;
        let now: Vec<&Report> = reports.iter().map(|r| &r.report).collect();
        let before: Vec<&Report> = previous.iter().map(|r| &r.report).collect();
        Ok(summary::summarize(settings, self.units()?, dispatch, key, &now, &before, signature, self.renderer.families()))
    }
}

/// `vanban summary MONTH`: the month's summary, with its table as CSV if asked.
pub fn summary(workspace: &Workspace, month: &str, out: &Path, csv: bool) -> Result<Outcome> {
    if !workspace.report_months()?.iter().any(|m| m == month) {
        return Err(Error::data(error::Location::file(workspace.data.describe()), error::no_reports(month)));
    }
    let (view, warnings) = workspace.summary(month)?;
    let jobs = vec![Job::new(&format!("tong-hop/{month}.pdf"), Document::Summary(Box::new(view), csv))];
    Ok(Outcome { written: run(workspace, jobs, out, "tổng hợp")?, documents: 1, warnings })
}

/// `vanban guide`: the install guide, with a PNG per page if asked, and the
/// signing line when it is issued as a signed file.
pub fn guide(workspace: &mut Workspace, out: &Path, png: bool, signed_at: Option<DateTime<FixedOffset>>) -> Result<Outcome> {
    let signed = signed_line(workspace, signed_at)?;
    workspace.guide.as_mut().ok_or_else(|| Error::read(Path::new(GUIDE_FILE), std::io::ErrorKind::NotFound.into()))?.sign(signed);
    let workspace = &*workspace;
    let jobs = vec![guide_job(workspace.guide()?, png)];
    Ok(Outcome { written: run(workspace, jobs, out, "hướng dẫn")?, documents: 1, warnings: Vec::new() })
}

/// `vanban flyer`: the flyer, `per_sheet` copies to a sheet, with a PNG if asked.
pub fn flyer(workspace: &Workspace, out: &Path, per_sheet: PerSheet, png: bool) -> Result<Outcome> {
    let jobs = vec![flyer_job(workspace, workspace.guide()?, per_sheet, png)?];
    Ok(Outcome { written: run(workspace, jobs, out, "tờ rơi")?, documents: 1, warnings: Vec::new() })
}

/// `vanban dispatch FILE.toml -o FILE.pdf`.
pub fn dispatch(workspace: &Workspace, file: &Path, pdf: &Path) -> Result<()> {
    let beside = |name: &str| std::fs::read(file.with_file_name(name)).map_err(|e| Error::read(&file.with_file_name(name), e));
    let checked = workspace.check_dispatch(&data::read_file(file)?, &beside)?;
    let ident = file.file_stem().and_then(|s| s.to_str()).unwrap_or("cong-van");
    output::write_atomically(pdf, &checked.render(&workspace.renderer, ident)?)
}

/// `vanban report FILE.toml -o FILE.pdf`: one unit's report.
pub fn report(workspace: &Workspace, file: &Path, pdf: &Path) -> Result<Vec<String>> {
    let units = workspace.units()?;
    let beside = |name: &str| data::read_file(&file.with_file_name(name));
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
