//! What each document of a build was made from, so that the next build
//! lays out only the documents whose inputs changed, as make and cargo
//! rebuild only what changed.
//!
//! A document's inputs are hashed: the build of vanban (its sources, named
//! by build.rs), the run's settings (PDF/A, the signing field, the fonts),
//! the document's path and its data as it reaches its template, with its
//! images. `out/.vanban.inputs` records, for each document, that hash and
//! its files. A build keeps a document whose hash is the same and whose
//! files are still vanban's (in the manifest) and untouched since the
//! record was written (as make, by their time of change); any doubt renders
//! it again. The record holds no time itself, so a rebuild's out/ is the
//! same bytes as a full build's. It is a cache: without it (deleted, from
//! an older vanban, unreadable) everything is rendered.
//!
//! A summary of thousands of units is laid out a piece at a time (see
//! `documents::summary::pieces`); a report changed changes few of its
//! pieces. Each piece's PDF is kept under `out/.vanban.pieces/`, named by
//! the hash of what it was made from, so that the summary laid out again
//! lays out only the pieces whose rows changed and takes the others as the
//! last build left them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::manifest::Manifest;
use crate::render::PdfMeta;
use crate::stamp::Stamp;
use crate::templates::Template;

/// The record's name in the output folder.
pub const FILE: &str = ".vanban.inputs";

/// The build of vanban, from build.rs: a new one renders everything again.
const BUILD: &str = env!("VANBAN_BUILD");

/// The hash of a document's inputs, fed part by part.
#[derive(Clone)]
pub struct Inputs(Sha256);

impl Inputs {
    /// Inputs under the run's `settings` (see `Renderer::inputs`).
    pub fn new(settings: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(BUILD);
        Self(hasher).text(settings)
    }

    /// A part told apart from the next by its length.
    pub fn text(mut self, part: &str) -> Self {
        self.0.update((part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    /// What a template lays out: its data, as it reaches it, and its images.
    pub fn document(self, template: Template, data: &impl Serialize, stamps: &[Stamp]) -> Self {
        let json = serde_json::to_string(data).expect("views serialize to JSON");
        let mut inputs = self.text(template.entry()).text(&json);
        for stamp in stamps {
            inputs = inputs.text(&stamp.path);
            inputs.0.update(Sha256::digest(&stamp.bytes));
        }
        inputs
    }

    /// What a PDF says about itself: its identifier, title, date, tags.
    pub fn meta(self, meta: &PdfMeta) -> Self {
        self.text(meta.ident).text(meta.title).text(&format!("{} {}", meta.date, meta.tagged))
    }

    pub fn finish(self) -> String {
        self.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Each document's inputs and files, by the document's path under out/,
/// and when the record was written.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Record {
    documents: BTreeMap<String, Entry>,
    #[serde(skip)]
    written: Option<SystemTime>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    inputs: String,
    /// Its files, as paths under out/.
    files: Vec<String>,
}

impl Record {
    /// The record of `out`; empty where there is none or it cannot be read.
    pub fn read(out: &Path) -> Self {
        let path = out.join(FILE);
        let record: Option<Self> = std::fs::read(&path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        record.map(|record| Self { written, ..record }).unwrap_or_default()
    }

    /// The files of `document` when it was made from `inputs` and every file
    /// is still vanban's (in `manifest`), untouched since the record was
    /// written: kept, not rendered.
    pub fn fresh(&self, out: &Path, document: &str, inputs: &str, manifest: Option<&Manifest>) -> Option<Vec<String>> {
        let (entry, written, manifest) = (self.documents.get(document).filter(|e| e.inputs == inputs)?, self.written?, manifest?);
        let untouched = |path: &String| manifest.contains(path) && changed(&crate::output::under(out, path)).is_some_and(|time| time <= written);
        entry.files.iter().all(untouched).then(|| entry.files.clone())
    }

    /// Records `document`, made from `inputs`, and its `files`.
    pub fn insert(&mut self, document: &str, inputs: String, files: Vec<String>) {
        self.documents.insert(document.to_owned(), Entry { inputs, files });
    }

    /// Writes the record into `out`, after the files it names. A record not
    /// written costs the next build its time, nothing else: the error is
    /// left unsaid.
    pub fn write(&self, out: &Path) {
        let json = serde_json::to_vec(self).expect("the record serializes");
        let _ = crate::output::write_atomically(&out.join(FILE), &json);
    }
}

/// The pieces a build takes from the last one and those it lays out anew,
/// by the document each is of.
pub struct Pieces<'a> {
    /// Where the last build's pieces are, and its manifest, if the build
    /// takes them (a build not `--force`).
    last: Option<(&'a Path, &'a Manifest)>,
    /// Where this build's new pieces are staged; none in a run that keeps
    /// no pieces (a single document's command).
    staging: Option<&'a Path>,
    used: Mutex<Used>,
}

/// The pieces a build used, as paths under out/.
#[derive(Default)]
struct Used {
    /// Each document's, taken or new.
    by_document: BTreeMap<String, Vec<String>>,
    /// Those taken from the last build.
    taken: Vec<String>,
}

impl<'a> Pieces<'a> {
    /// A run that keeps no pieces: every piece is laid out.
    pub fn none() -> Self {
        Self { last: None, staging: None, used: Mutex::default() }
    }

    /// A build staging its pieces in `staging`, taking the last build's
    /// from `out` where `last` holds its manifest.
    pub fn of_build(out: &'a Path, manifest: Option<&'a Manifest>, staging: &'a Path) -> Self {
        Self { last: manifest.map(|manifest| (out, manifest)), staging: Some(staging), used: Mutex::default() }
    }

    /// The piece made from `inputs` for `document`, as the last build wrote
    /// it and `read` reads it: only where the manifest has it and its bytes
    /// are what vanban wrote.
    pub fn take<T>(&self, document: &str, inputs: &str, read: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let (out, manifest) = self.last?;
        let relative = piece_path(inputs);
        let bytes = std::fs::read(crate::output::under(out, &relative)).ok()?;
        let piece = (manifest.get(&relative) == Some(crate::manifest::hash(&bytes).as_str())).then(|| read(&bytes)).flatten()?;
        let mut used = self.used();
        used.by_document.entry(document.to_owned()).or_default().push(relative.clone());
        used.taken.push(relative);
        Some(piece)
    }

    /// Keeps the piece made from `inputs` for `document` for the next build.
    pub fn keep(&self, document: &str, inputs: &str, bytes: &[u8]) -> crate::error::Result<()> {
        let Some(staging) = self.staging else { return Ok(()) };
        let relative = piece_path(inputs);
        crate::output::write_staged(&crate::output::under(staging, &relative), bytes)?;
        self.used().by_document.entry(document.to_owned()).or_default().push(relative);
        Ok(())
    }

    /// The pieces of `document` this build used, as paths under out/, sorted
    /// (they are taken and made in any order).
    pub fn of(&self, document: &str) -> Vec<String> {
        let mut pieces = self.used().by_document.get(document).cloned().unwrap_or_default();
        pieces.sort();
        pieces
    }

    /// The pieces taken from the last build: left in place, as its files.
    pub fn taken(&self) -> Vec<String> {
        self.used().taken.clone()
    }

    fn used(&self) -> std::sync::MutexGuard<'_, Used> {
        self.used.lock().expect("no thread panics holding the pieces")
    }
}

fn piece_path(inputs: &str) -> String {
    format!("{}/{inputs}", crate::output::CACHE)
}

/// A file's time of change, or None where it is not there.
fn changed(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file)?.modified().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_kept_only_while_its_inputs_and_files_are_as_recorded() {
        let out = std::env::temp_dir().join(format!("vanban-rebuild-{}", std::process::id()));
        std::fs::create_dir_all(out.join("bieu-mau")).unwrap();
        std::fs::write(out.join("bieu-mau/a.pdf"), b"pdf").unwrap();
        let mut manifest = Manifest::default();
        manifest.insert("bieu-mau/a.pdf".into(), "0".repeat(64));
        let inputs = |data: &str| Inputs::new("settings").document(Template::Report, &data, &[]).finish();
        assert_ne!(inputs("a"), inputs("b"));
        assert_ne!(Inputs::new("pdfa").finish(), Inputs::new("no pdfa").finish());

        let mut record = Record::default();
        record.insert("bieu-mau/a.pdf", inputs("a"), vec!["bieu-mau/a.pdf".into()]);
        record.write(&out);
        let record = Record::read(&out);
        let fresh = |data: &str, manifest: Option<&Manifest>| record.fresh(&out, "bieu-mau/a.pdf", &inputs(data), manifest);
        assert_eq!(fresh("a", Some(&manifest)), Some(vec!["bieu-mau/a.pdf".to_owned()]));
        assert_eq!(fresh("b", Some(&manifest)), None, "other data");
        assert_eq!(fresh("a", None), None, "no manifest: nothing is known to be vanban's");
        // A file changed by hand since the record is laid out again.
        let later = std::fs::File::options().write(true).open(out.join("bieu-mau/a.pdf")).unwrap();
        later.set_modified(record.written.unwrap() + std::time::Duration::from_secs(1)).unwrap();
        assert_eq!(fresh("a", Some(&manifest)), None);
        std::fs::remove_dir_all(&out).unwrap();
        assert!(Record::read(&out).documents.is_empty());
    }
}
