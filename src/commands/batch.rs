//! The batch runner every command shares: jobs rendered on every core, each
//! PDF written to the staging folder as soon as it is done, the kept pages
//! handed to the bundle as they come; all moved into the output folder once
//! every job is done.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use typst_layout::PagedDocument;

use super::Workspace;
use crate::documents::dispatch::CheckedDispatch;
use crate::documents::guide::{CheckedGuide, FlyerView};
use crate::documents::report::ReportDocument;
use crate::documents::summary::SummaryView;
use crate::error::Result;
use crate::manifest::Manifest;
use crate::model::Form;
use crate::output::{self, Committed, Staging};
use crate::pdf::bundle::{Bundle, BundleFile, CHUNK};
use crate::progress::Progress;
use crate::rebuild::{Inputs, Pieces, Record};
use crate::render;

/// How wide PNG images for posting online are.
const PNG_WIDTH: u32 = 1080;

/// The summary's table written beside its PDF: as CSV, as an XLSX workbook.
#[derive(Clone, Copy)]
pub(super) struct Tables {
    pub csv: bool,
    pub xlsx: bool,
}

/// One PDF to render: where it goes, its identifier inside the PDF (its
/// path under the output folder) and what it holds.
pub(super) struct Job<'w> {
    path: PathBuf,
    ident: String,
    document: Document<'w>,
    /// Whether a bundle needs this job's pages.
    keep: bool,
    /// Whether each page is also written as a PNG beside the PDF.
    png: bool,
}

pub(super) enum Document<'w> {
    /// Boxed, as the flyer's view: a batch holds a job per unit, and these are large.
    Dispatch(Box<CheckedDispatch<'w>>),
    /// A unit's form or report, made when its job runs: a batch holds a job
    /// per unit, and a form's text is a kilobyte and a half.
    Forms(Box<dyn Fn() -> ReportDocument + Send + Sync + 'w>),
    Guide(&'w CheckedGuide),
    Flyer(&'w CheckedGuide, Box<FlyerView>),
    /// A monthly summary, and which files of its table go beside it.
    Summary(Box<SummaryView>, Tables),
    /// The pages of the jobs before it that are kept, in one PDF: laid out
    /// once, not twice.
    Bundle {
        title: String,
        date: NaiveDate,
    },
}

impl<'w> Job<'w> {
    pub(super) fn new(relative: &str, document: Document<'w>) -> Self {
        let ident = relative.trim_end_matches(".pdf").to_owned();
        Self { path: PathBuf::from(relative), ident, document, keep: false, png: false }
    }

    pub(super) fn kept(mut self) -> Self {
        self.keep = true;
        self
    }

    pub(super) fn with_png(mut self, png: bool) -> Self {
        self.png = png;
        self
    }
}

impl Job<'_> {
    /// The job's PDF under the output folder, with "/".
    fn relative(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }

    /// The job's files among the `staged` ones: its PDF, the tables or
    /// workbook beside it, its pages' images (see `png_paths`).
    fn files(&self, staged: &HashSet<String>) -> Vec<String> {
        let own = self.relative();
        let stem = own.trim_end_matches(".pdf");
        let beside = ["pdf", "xlsx", "csv", "png"].map(|extension| format!("{stem}.{extension}"));
        let pages = (1..).map(|n| format!("{stem}-{n}.png")).take_while(|page| self.png && staged.contains(page));
        beside.into_iter().filter(|file| staged.contains(file)).chain(pages).collect()
    }
}

/// What each job is made from ([`crate::rebuild`]); a bundle, from what
/// the jobs it holds are made from.
fn inputs(workspace: &Workspace, jobs: &[Job]) -> Result<Vec<String>> {
    let run = workspace.renderer.inputs();
    let form = jobs.iter().any(|job| matches!(job.document, Document::Forms(_))).then(|| workspace.form()).transpose()?;
    // A unit's workbook is made from the form's definition too.
    let form = form.map(Form::made_from).unwrap_or_default();
    let mut inputs: Vec<String> = jobs
        .par_iter()
        .map(|job| {
            let base = run.clone().text(&job.relative()).text(&format!("{} {}", job.keep, job.png));
            match &job.document {
                Document::Dispatch(dispatch) => dispatch.inputs(base, &job.ident),
                Document::Forms(make) => make().inputs(base, &job.ident).text(&form),
                Document::Guide(guide) => guide.inputs(base, &job.ident),
                Document::Flyer(guide, flyer) => flyer.inputs(base, guide, &job.ident),
                Document::Summary(summary, tables) => summary.inputs(base, &job.ident).text(&format!("{} {}", tables.csv, tables.xlsx)),
                Document::Bundle { .. } => base,
            }
            .finish()
        })
        .collect();
    for (index, job) in jobs.iter().enumerate() {
        if let Document::Bundle { title, date } = &job.document {
            let held = jobs.iter().zip(&inputs).filter(|(job, _)| job.keep).fold(Inputs::new(&inputs[index]), |all, (_, held)| all.text(held));
            inputs[index] = held.text(title).text(&date.to_string()).finish();
        }
    }
    Ok(inputs)
}

/// Renders the jobs on every core, the kept pages going to the bundle as
/// they come, then the forms' workbooks, and moves them under `out`,
/// recorded in its manifest; where `prune` (a build: the jobs are all the
/// data makes), removes what vanban wrote there before and not now. Where
/// `reuse` (a build), a job made from the same inputs as the last build's,
/// its files untouched since, is not rendered: its files stay.
/// Stops at the first error, leaving `out` as it was.
pub(super) fn run(workspace: &Workspace, jobs: Vec<Job>, out: &Path, label: &str, prune: bool, reuse: bool) -> Result<Committed> {
    let staging = Staging::begin(out)?;
    let root = staging.folder();
    // What each job is made from, for a build's record.
    let made_from = if prune { Some(inputs(workspace, &jobs)?) } else { None };
    let last = if reuse { Manifest::read(out) } else { None };
    let mut unchanged: Vec<Option<Vec<String>>> = match &made_from {
        Some(made_from) if reuse => {
            let record = Record::read(out);
            jobs.iter().zip(made_from).map(|(job, inputs)| record.fresh(out, &job.relative(), inputs, last.as_ref())).collect()
        }
        _ => vec![None; jobs.len()],
    };
    // A build keeps the pieces of long summaries for the next.
    let pieces = if prune { Pieces::of_build(out, last.as_ref(), root) } else { Pieces::none() };
    let progress = Progress::new(label, jobs.len());
    // The pages of the kept jobs, in their order, for the bundle after them.
    let bundle = jobs.iter().zip(&unchanged).find_map(|(job, same)| match &job.document {
        Document::Bundle { title, date } if same.is_none() => {
            let order: Vec<usize> = jobs.iter().enumerate().filter(|(_, job)| job.keep).map(|(index, _)| index).collect();
            // Each chunk is made from its documents, under the bundle's name
            // and date. A bundle of one chunk is that chunk: a copy kept of it
            // would never be taken (any change to it is a change to the chunk).
            let chunks = made_from.as_ref().filter(|_| order.len() > CHUNK).map_or_else(Vec::new, |made_from| {
                let chunk =
                    |documents: &[usize]| documents.iter().fold(Inputs::new(&job.ident).text(title).text(&date.to_string()), |all, &d| all.text(&made_from[d]));
                order.chunks(CHUNK).map(|documents| chunk(documents).finish()).collect()
            });
            // Printed in one go, signed by no one: no field on the first form.
            let settings = render::PdfSettings { sign_field: false, ..workspace.renderer.pdf };
            let file = BundleFile { path: root.join(&job.path), ident: job.ident.clone(), title: title.clone(), date: *date, settings };
            Some(Bundle::new(file, order, chunks, &pieces))
        }
        _ => None,
    });
    // A bundle laid out again needs the pages of every job it holds, but
    // those of its chunks made before.
    if let Some(bundle) = &bundle {
        for (index, (job, same)) in jobs.iter().zip(unchanged.iter_mut()).enumerate() {
            if job.keep && bundle.needs(index) {
                *same = None;
            }
        }
    }
    // The jobs in order, each to the next free core (par_bridge hands them
    // out as they come, so the bundle's pages arrive nearly in order and it
    // holds few); the first error stops the rest.
    let workbooks: Vec<(usize, u32)> = jobs
        .iter()
        .enumerate()
        .par_bridge()
        .map(|(index, job)| -> Result<Option<(usize, u32)>> {
            if unchanged[index].is_some() {
                progress.tick();
                return Ok(None);
            }
            let Some((document, rows)) = write(workspace, job, &root.join(&job.path), output::write_staged, &pieces)? else { return Ok(None) };
            if job.keep
                && let Some(bundle) = &bundle
            {
                bundle.add(index, document.pages())?;
            }
            // Each document's layouts stay in Typst's cache; keep only what
            // the last four documents used (the templates), or a batch grows
            // without end. A sweep costs half a millisecond: one every other
            // document, keeping two sweeps' worth, holds as much for half the time.
            if index % 2 == 1 {
                typst::comemo::evict(2);
            }
            progress.tick();
            Ok(rows.map(|rows| (index, rows)))
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    if let Some(bundle) = bundle {
        bundle.finish()?;
        progress.tick();
    }
    // The workbooks after the forms: made among the layouts, their
    // short-lived buffers split the heap.
    let workbook = |&(index, rows): &(usize, u32)| -> Result<()> {
        let Document::Forms(make) = &jobs[index].document else { return Ok(()) };
        output::write_staged(&root.join(&jobs[index].path).with_extension("xlsx"), &make().xlsx(workspace.form()?, rows, &jobs[index].ident)?)
    };
    workbooks.par_iter().try_for_each(workbook)?;
    let staged: HashSet<String> = staging.contents().into_iter().collect();
    let files: Vec<Vec<String>> =
        jobs.iter().zip(&unchanged).map(|(job, same)| same.clone().unwrap_or_else(|| [job.files(&staged), pieces.of(&job.ident)].concat())).collect();
    let reused = unchanged.iter().flatten().count();
    let carried: Vec<String> = unchanged.into_iter().flatten().flatten().chain(pieces.taken()).collect();
    let committed = Committed { reused, ..staging.commit(prune, &carried)? };
    if let Some(made_from) = made_from {
        // The record of this build's documents only: those of an earlier one
        // that are gone are not asked about again.
        let mut record = Record::default();
        for ((job, inputs), files) in jobs.iter().zip(made_from).zip(files) {
            record.insert(&job.relative(), inputs, files);
        }
        record.write(out);
    }
    Ok(committed)
}

/// One document of a single-document command: at its place under `out`, as
/// `vanban build` writes it (through the batch, so that the manifest records
/// it), or as the file `file` when -o names one, outside any out/.
pub(super) fn run_one(workspace: &Workspace, job: Job, out: &Path, file: Option<&Path>, label: &str) -> Result<Committed> {
    let Some(file) = file else { return run(workspace, vec![job], out, label, false, false) };
    let before = std::fs::read(file).ok();
    write(workspace, &job, file, output::write_atomically, &Pieces::none())?;
    let changed = match before == std::fs::read(file).ok() {
        true => Vec::new(),
        false => vec![file.to_owned()],
    };
    let new = match before {
        None => vec![file.to_owned()],
        Some(_) => Vec::new(),
    };
    Ok(Committed { written: vec![file.to_owned()], changed, new, ..Committed::default() })
}

/// How a job's files are written: plainly in a run's staging folder, which
/// a run killed midway leaves for the next to discard; atomically when a
/// document is written as its own file (-o).
type Put = fn(&Path, &[u8]) -> Result<()>;

/// Lays out a job and writes its PDF as `path`, with its PNGs or CSV
/// beside it; returns the layout, for bundles, and a form's workbook rows.
/// A summary, which may be laid out a piece at a time, keeps no layout, and
/// a bundle is written from the layouts of the jobs before it, not here: None.
fn write(workspace: &Workspace, job: &Job, path: &Path, put: Put, pieces: &Pieces) -> Result<Option<(PagedDocument, Option<u32>)>> {
    let renderer = &workspace.renderer;
    let (document, meta) = match &job.document {
        Document::Dispatch(dispatch) => (dispatch.layout(renderer)?, dispatch.meta(&job.ident)),
        Document::Forms(make) => return write_forms(workspace, job, &make(), path, put).map(Some),
        Document::Guide(guide) => (guide.layout(renderer)?, guide.meta(&job.ident)),
        Document::Flyer(guide, flyer) => (flyer.layout(renderer)?, guide.meta(&job.ident)),
        Document::Summary(summary, tables) => {
            if tables.csv {
                put(&path.with_extension("csv"), summary.csv().as_bytes())?;
            }
            if tables.xlsx {
                put(&path.with_extension("xlsx"), &summary.xlsx(&job.ident)?)?;
            }
            put(path, &summary.pdf(renderer, &job.ident, renderer.pdf, pieces)?)?;
            return Ok(None);
        }
        Document::Bundle { .. } => return Ok(None),
    };
    if job.png {
        write_pngs(path, &document, put)?;
    }
    let pdf = crate::pdf::export(document.clone(), &meta, renderer.pdf, None)?;
    put(path, &pdf)?;
    Ok(Some((document, None)))
}

/// A unit's form or report as `path`: its PDF, with its fields when it is
/// filled in the file; and, for a unit's form, the rows of the workbook
/// that goes beside it.
fn write_forms(workspace: &Workspace, job: &Job, forms: &ReportDocument, path: &Path, put: Put) -> Result<(PagedDocument, Option<u32>)> {
    let renderer = &workspace.renderer;
    let document = forms.layout(renderer)?;
    let fields = forms.form_fields(&document);
    put(path, &crate::pdf::export(document.clone(), &forms.meta(&job.ident), renderer.pdf, fields.as_ref())?)?;
    Ok((document, fields.map(|fields| fields.rows())))
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

/// Writes each page as a PNG next to the PDF.
fn write_pngs(pdf: &Path, document: &PagedDocument, put: Put) -> Result<()> {
    let images = render::png(document, PNG_WIDTH);
    for (path, image) in png_paths(pdf, images.len()).iter().zip(&images) {
        put(path, image)?;
    }
    Ok(())
}
