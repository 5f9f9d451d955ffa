//! The Typst world: templates and fonts held in memory, the document's data
//! as one virtual JSON file. Nothing is read from disk while compiling.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::Fonts;
use crate::templates;

/// What every compilation shares; built once per process.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: HashMap<FileId, Source>,
    data_id: FileId,
}

impl Engine {
    pub fn new(fonts: Fonts) -> Self {
        let sources = templates::FILES
            .iter()
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, (*text).to_owned()))
            })
            .collect();
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(fonts.book),
            fonts: fonts.fonts,
            sources,
            data_id: file_id(templates::DATA_PATH),
        }
    }

    /// A world that compiles `template` over `data`, with `files` (virtual
    /// path, bytes) such as the signer's images.
    pub fn world(&self, template: &str, data: Vec<u8>, files: &[(&str, &[u8])]) -> DocumentWorld<'_> {
        let files = files.iter().map(|(path, bytes)| (file_id(path), Bytes::new(bytes.to_vec()))).collect();
        DocumentWorld { engine: self, main: file_id(template), data: Bytes::new(data), files }
    }
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One document's compilation.
pub struct DocumentWorld<'a> {
    engine: &'a Engine,
    main: FileId,
    data: Bytes,
    files: Vec<(FileId, Bytes)>,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.engine.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.engine.data_id {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.files.iter().find(|(file, _)| *file == id) {
            return Ok(bytes.clone());
        }
        self.source(id).map(|source| Bytes::from_string(source.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    /// No clock: a document's dates come from its data, so reruns match.
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
