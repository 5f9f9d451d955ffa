//! A bundle: the pages of many documents in one PDF (bieu-mau/tat-ca.pdf,
//! every unit's form to print in one go), built in bounded memory. Holding
//! every laid-out page until the end made a batch's memory grow with its
//! units (740 MB for 5,000 forms), so the pages are exported in chunks as
//! the documents are laid out, in their order, and the chunks' PDFs are
//! joined into one file as they come. A bundle that fits in one chunk is
//! that chunk's PDF as it is.
//!
//! The joining also serves a document laid out a piece at a time
//! ([`JoinedPdf`]).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use lopdf::{Dictionary, Object, ObjectId, Writer};
use sha2::{Digest, Sha256};
use typst::ecow::EcoVec;
use typst::model::DocumentInfo;
use typst_layout::{Page, PagedDocument};

use crate::error::{Error, Result};
use crate::rebuild::Pieces;
use crate::render::{PdfMeta, PdfSettings};

/// The documents whose pages are laid out and held before they are
/// exported together: a form is a page, of about 120 KB, so a chunk holds
/// about 24 MB. Each chunk's fonts are embedded once: 1,000 forms make a
/// file about 5 % larger than in one go. A chunk is its documents', so a
/// build knows before any layout which documents each holds, and takes a
/// chunk whose documents did not change as the last build exported it.
pub const CHUNK: usize = 200;

/// The pages of the documents given in `order`, which come in any order
/// (from several threads) and are exported in that one. Pages are collected
/// under one lock and chunks exported and joined under another, so that a
/// chunk's export does not hold up the threads laying out the next forms.
pub struct Bundle<'a> {
    collected: Mutex<Collected>,
    exported: Mutex<Exported<'a>>,
}

/// A chunk of the bundle: the pages of its documents, or its PDF as it
/// was made before.
enum ChunkContent {
    Pages(EcoVec<Page>),
    Made(Vec<u8>),
}

/// The pages that came, put in order and cut into chunks.
struct Collected {
    order: Vec<usize>,
    /// The chunks made before, by number, and their documents: not awaited.
    made: BTreeMap<usize, Vec<u8>>,
    skipped: HashSet<usize>,
    /// How many of `order` are in `chunk` or handed on.
    done: usize,
    waiting: BTreeMap<usize, EcoVec<Page>>,
    chunk: EcoVec<Page>,
}

/// The chunks exported and joined, in their order.
struct Exported<'a> {
    path: PathBuf,
    ident: String,
    title: String,
    date: chrono::NaiveDate,
    settings: PdfSettings,
    /// What each chunk is made from, and where its PDF is kept for the next build.
    inputs: Vec<String>,
    pieces: &'a Pieces<'a>,
    /// The number of the next chunk to join.
    next: usize,
    /// Chunks handed on before the one due (two threads racing for the lock).
    early: BTreeMap<usize, ChunkContent>,
    joined: Joined,
}

/// Where a bundle goes, what it says about itself, and how it is written.
pub struct BundleFile {
    /// In a run's staging folder, written as it is (see `output::write_staged`).
    pub path: PathBuf,
    pub ident: String,
    pub title: String,
    pub date: chrono::NaiveDate,
    pub settings: PdfSettings,
}

impl<'a> Bundle<'a> {
    /// A bundle of the documents numbered `order` as `file`. `inputs` says
    /// what each chunk of [`CHUNK`] documents is made from: a chunk `pieces`
    /// holds from the same is taken as it is, and its documents are not
    /// awaited; the others are kept in `pieces` for the next build.
    pub fn new(file: BundleFile, order: Vec<usize>, inputs: Vec<String>, pieces: &'a Pieces<'a>) -> Self {
        let made: BTreeMap<usize, Vec<u8>> =
            inputs.iter().enumerate().filter_map(|(number, inputs)| Some((number, pieces.take(&file.ident, inputs, |pdf| Some(pdf.to_vec()))?))).collect();
        let skipped = made.keys().flat_map(|number| order.chunks(CHUNK).nth(*number).unwrap_or_default()).copied().collect();
        let collected = Collected { order, made, skipped, done: 0, waiting: BTreeMap::new(), chunk: EcoVec::new() };
        let BundleFile { path, ident, title, date, settings } = file;
        let exported = Exported { path, ident, title, date, settings, inputs, pieces, next: 0, early: BTreeMap::new(), joined: Joined::First(None) };
        Self { collected: Mutex::new(collected), exported: Mutex::new(exported) }
    }

    /// Whether the document `number` must be laid out for the bundle: its
    /// chunk was not made before.
    pub fn needs(&self, number: usize) -> bool {
        !self.collected.lock().expect("a render thread panicked").skipped.contains(&number)
    }

    /// Takes the pages of document `number`; exports a chunk once its
    /// documents are all there.
    pub fn add(&self, number: usize, pages: &[Page]) -> Result<()> {
        let full = self.collected.lock().expect("a render thread panicked").take(Some((number, pages)));
        for (number, chunk) in full {
            self.exported.lock().expect("a render thread panicked").export(number, chunk)?;
        }
        Ok(())
    }

    /// Exports the last pages and finishes the file. Every document of
    /// `order` whose chunk was not made before was added.
    pub fn finish(self) -> Result<()> {
        let mut collected = self.collected.into_inner().expect("a render thread panicked");
        let mut exported = self.exported.into_inner().expect("a render thread panicked");
        for (number, chunk) in collected.take(None) {
            exported.export(number, chunk)?;
        }
        debug_assert_eq!(collected.done, collected.order.len(), "every bundled document was added");
        if matches!(exported.joined, Joined::First(None)) {
            exported.export(0, ChunkContent::Pages(EcoVec::new()))?;
        }
        match exported.joined {
            Joined::First(pdf) => crate::output::write_staged(&exported.path, &pdf.unwrap_or_default()),
            Joined::Many(file) => file.finish().map(drop).map_err(|e| joining_failed(&exported.ident, e)),
        }
    }
}

impl Collected {
    /// Puts the pages of document `number` in their place (a document of
    /// a chunk made before is not needed: its pages are dropped), and those
    /// waiting for it after it; returns the chunks that are complete,
    /// numbered. None: no more documents come, the last chunk is complete.
    fn take(&mut self, document: Option<(usize, &[Page])>) -> Vec<(usize, ChunkContent)> {
        if let Some((number, pages)) = document.filter(|(number, _)| !self.skipped.contains(number)) {
            self.waiting.insert(number, pages.iter().cloned().collect());
        }
        let mut full = Vec::new();
        while self.done < self.order.len() {
            let number = self.done / CHUNK;
            let end = ((number + 1) * CHUNK).min(self.order.len());
            if let Some(pdf) = self.made.remove(&number) {
                self.done = end;
                full.push((number, ChunkContent::Made(pdf)));
                continue;
            }
            let Some(pages) = self.waiting.remove(&self.order[self.done]) else { break };
            self.chunk.extend(pages);
            self.done += 1;
            if self.done == end {
                full.push((number, ChunkContent::Pages(std::mem::take(&mut self.chunk))));
            }
        }
        full
    }
}

impl Exported<'_> {
    /// Exports chunk `number` and joins it, and any that came early after it.
    fn export(&mut self, number: usize, chunk: ChunkContent) -> Result<()> {
        self.early.insert(number, chunk);
        while let Some(chunk) = self.early.remove(&self.next) {
            let pdf = match chunk {
                ChunkContent::Made(pdf) => pdf,
                ChunkContent::Pages(pages) => {
                    let document = PagedDocument::new(pages, DocumentInfo::default());
                    // Pages from several documents carry no one structure tree.
                    let meta = PdfMeta { ident: &self.ident, title: &self.title, date: self.date, tagged: false };
                    let pdf = super::export(document, &meta, self.settings, None)?;
                    if let Some(inputs) = self.inputs.get(self.next) {
                        self.pieces.keep(&self.ident, inputs, &pdf)?;
                    }
                    pdf
                }
            };
            self.join(pdf)?;
            self.next += 1;
        }
        Ok(())
    }

    fn join(&mut self, pdf: Vec<u8>) -> Result<()> {
        let ident = &self.ident;
        self.joined = match std::mem::replace(&mut self.joined, Joined::First(None)) {
            Joined::First(None) => Joined::First(Some(pdf)),
            Joined::First(Some(first)) => {
                let mut file = JoinedFile::create(&self.path).map_err(|e| Error::write(&self.path, e))?;
                file.append(&first, true).map_err(|e| joining_failed(ident, e))?;
                file.append(&pdf, false).map_err(|e| joining_failed(ident, e))?;
                Joined::Many(Box::new(file))
            }
            Joined::Many(mut file) => {
                file.append(&pdf, false).map_err(|e| joining_failed(ident, e))?;
                Joined::Many(file)
            }
        };
        Ok(())
    }
}

fn joining_failed(ident: &str, error: lopdf::Error) -> Error {
    Error::Fault { document: ident.to_owned(), message: error.to_string() }
}

/// The first chunk's PDF, kept until a second shows whether it is the
/// whole bundle; or the file the chunks are joined in.
enum Joined {
    First(Option<Vec<u8>>),
    Many(Box<JoinedFile<BufWriter<std::fs::File>>>),
}

/// PDFs joined in memory as they come, each dropped once appended: a
/// document laid out a piece at a time (a summary of thousands of units).
pub struct JoinedPdf {
    file: JoinedFile<Vec<u8>>,
    ident: String,
    first: bool,
}

impl JoinedPdf {
    pub fn new(ident: &str) -> Self {
        Self { file: JoinedFile::new(Vec::new()), ident: ident.to_owned(), first: true }
    }

    /// Appends the pages of `pdf`; the first gives the whole its catalog,
    /// information and metadata.
    pub fn append(&mut self, pdf: &[u8]) -> Result<()> {
        self.file.append(pdf, std::mem::take(&mut self.first)).map_err(|e| joining_failed(&self.ident, e))
    }

    pub fn finish(self) -> Result<Vec<u8>> {
        self.file.finish().map_err(|e| joining_failed(&self.ident, e))
    }
}

/// One PDF written object by object from the chunks' PDFs: the first
/// chunk's catalog, document information, metadata and output intent,
/// and every chunk's pages with what they use (fonts, colour spaces,
/// content), numbered anew; one page tree over all pages, written last.
struct JoinedFile<W: Write> {
    out: W,
    written: u64,
    /// Where each object starts, by number (0 is no object).
    offsets: Vec<u64>,
    /// The number the next object gets.
    next: u32,
    /// The objects written, by the digest of their bytes.
    written_objects: HashMap<[u8; 32], u32>,
    pages: Vec<u32>,
    /// The first chunk's catalog, information and identifier.
    trailer: Dictionary,
    /// The XMP metadata of the first chunk, which counts the pages: written last.
    metadata: Option<(u32, lopdf::Stream)>,
}

/// A chunk's PDF being appended, and the numbers its objects got.
struct Chunk<'a> {
    document: &'a lopdf::Document,
    numbers: HashMap<ObjectId, u32>,
}

/// The number of the page tree's root, which every page names as its parent.
const PAGE_TREE: u32 = 1;

impl JoinedFile<BufWriter<std::fs::File>> {
    fn create(path: &Path) -> std::io::Result<Self> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        Ok(Self::new(BufWriter::new(std::fs::File::create(path)?)))
    }
}

impl<W: Write> JoinedFile<W> {
    fn new(out: W) -> Self {
        Self {
            out,
            written: 0,
            offsets: vec![0; PAGE_TREE as usize + 1],
            next: PAGE_TREE + 1,
            written_objects: HashMap::new(),
            pages: Vec::new(),
            trailer: Dictionary::new(),
            metadata: None,
        }
    }

    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.written += bytes.len() as u64;
        self.out.write_all(bytes)
    }

    /// Appends the pages of `pdf`; from the first, also what the whole
    /// document has (catalog, information, metadata, output intent).
    fn append(&mut self, pdf: &[u8], first: bool) -> lopdf::Result<()> {
        let document = lopdf::Document::load_mem(pdf)?;
        let catalog = document.trailer.get(b"Root")?.as_reference()?;
        let tree = document.catalog()?.get(b"Pages")?.as_reference()?;
        let mut chunk = Chunk { document: &document, numbers: HashMap::from([(tree, PAGE_TREE)]) };
        if first {
            // The binary comment line a PDF/A file has after its header.
            self.put(format!("%PDF-{}\n%\u{80}\u{80}\u{80}\u{80}\n", document.version).as_bytes())?;
            if let Ok(metadata) = document.catalog()?.get(b"Metadata").and_then(Object::as_reference) {
                self.metadata = Some((self.next, document.get_object(metadata)?.as_stream()?.clone()));
                chunk.numbers.insert(metadata, self.next);
                self.next += 1;
                self.offsets.push(0);
            }
        }
        for page in document.get_pages().into_values() {
            let number = self.number(&mut chunk, page, &mut Vec::new())?;
            self.pages.push(number);
        }
        if first {
            let root = self.number(&mut chunk, catalog, &mut Vec::new())?;
            self.trailer.set("Root", Object::Reference((root, 0)));
            if let Ok(info) = document.trailer.get(b"Info").and_then(Object::as_reference) {
                let info = self.number(&mut chunk, info, &mut Vec::new())?;
                self.trailer.set("Info", Object::Reference((info, 0)));
            }
            if let Ok(id) = document.trailer.get(b"ID") {
                self.trailer.set("ID", id.clone());
            }
        }
        Ok(())
    }

    /// The number of object `id` of a chunk in the joined file, written
    /// after what it refers to; an object the same as one written before
    /// (a font, a colour space of an earlier chunk) is that one.
    fn number(&mut self, chunk: &mut Chunk, id: ObjectId, path: &mut Vec<ObjectId>) -> lopdf::Result<u32> {
        if let Some(&number) = chunk.numbers.get(&id) {
            return Ok(number);
        }
        if path.contains(&id) {
            return Err(lopdf::Error::ReferenceCycle(id));
        }
        path.push(id);
        let mut object = chunk.document.get_object(id)?.clone();
        let mut references = VecDeque::new();
        collect_references(&object, &mut references);
        for reference in references {
            let number = self.number(chunk, reference, path)?;
            chunk.numbers.insert(reference, number);
        }
        path.pop();
        renumber(&mut object, &chunk.numbers);
        if let Object::Dictionary(page) = &mut object
            && page.has_type(b"Page")
        {
            page.set("Parent", Object::Reference((PAGE_TREE, 0)));
        }
        let mut bytes = Vec::new();
        Writer::write_object(&mut bytes, &object)?;
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        let number = match self.written_objects.get(&digest) {
            Some(&number) => number,
            None => {
                let number = self.next;
                self.next += 1;
                self.offsets.push(self.written);
                self.put(format!("{number} 0 obj\n").as_bytes())?;
                self.put(&bytes)?;
                self.put(b"\nendobj\n")?;
                self.written_objects.insert(digest, number);
                number
            }
        };
        chunk.numbers.insert(id, number);
        Ok(number)
    }

    /// Writes an object whose number was set aside (the page tree, the metadata).
    fn write_object(&mut self, number: u32, object: &Object) -> std::io::Result<()> {
        self.offsets[number as usize] = self.written;
        let mut bytes = format!("{number} 0 obj\n").into_bytes();
        Writer::write_object(&mut bytes, object)?;
        bytes.extend_from_slice(b"\nendobj\n");
        self.put(&bytes)
    }

    /// Writes the page tree, the metadata with the whole page count, the
    /// cross-reference table and the trailer; returns where it was written.
    fn finish(mut self) -> lopdf::Result<W> {
        let kids = self.pages.iter().map(|&n| Object::Reference((n, 0))).collect();
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", Object::Integer(self.pages.len() as i64));
        tree.set("Kids", Object::Array(kids));
        self.write_object(PAGE_TREE, &Object::Dictionary(tree))?;
        if let Some((number, mut stream)) = self.metadata.take() {
            let xmp = String::from_utf8_lossy(&stream.content).into_owned();
            stream.set_content(count_pages(&xmp, self.pages.len()).into_bytes());
            self.write_object(number, &Object::Stream(stream))?;
        }
        let xref = self.written;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len());
        for offset in &self.offsets[1..] {
            table += &format!("{offset:010} 00000 n \n");
        }
        self.trailer.set("Size", Object::Integer(self.offsets.len() as i64));
        let mut bytes = table.into_bytes();
        bytes.extend_from_slice(b"trailer\n");
        Writer::write_object(&mut bytes, &Object::Dictionary(std::mem::take(&mut self.trailer)))?;
        bytes.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        self.put(&bytes)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The XMP packet with its page count (`xmpTPg:NPages`) set to `pages`.
fn count_pages(xmp: &str, pages: usize) -> String {
    const OPEN: &str = "<xmpTPg:NPages>";
    let Some(start) = xmp.find(OPEN).map(|i| i + OPEN.len()) else { return xmp.to_owned() };
    let end = xmp[start..].find('<').map_or(start, |i| start + i);
    format!("{}{pages}{}", &xmp[..start], &xmp[end..])
}

/// The objects `object` refers to, in the order written; a page's parent
/// (the page tree) is left out.
fn collect_references(object: &Object, into: &mut VecDeque<ObjectId>) {
    match object {
        Object::Reference(id) => into.push_back(*id),
        Object::Array(items) => items.iter().for_each(|item| collect_references(item, into)),
        Object::Dictionary(dict) => dict_references(dict, into),
        Object::Stream(stream) => dict_references(&stream.dict, into),
        _ => {}
    }
}

fn dict_references(dict: &Dictionary, into: &mut VecDeque<ObjectId>) {
    let page = dict.has_type(b"Page");
    for (key, value) in dict.iter() {
        if !(page && key.as_slice() == b"Parent") {
            collect_references(value, into);
        }
    }
}

fn renumber(object: &mut Object, numbers: &HashMap<ObjectId, u32>) {
    match object {
        Object::Reference(id) => {
            if let Some(&number) = numbers.get(id) {
                *id = (number, 0);
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|item| renumber(item, numbers)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, value)| renumber(value, numbers)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, value)| renumber(value, numbers)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank page numbered `number`, to tell pages apart.
    fn page(number: u64) -> Page {
        let frame = typst::layout::Frame::hard(typst::layout::Size::zero());
        let supplement = typst::foundations::Content::empty();
        Page { frame, bleed: Default::default(), fill: typst::foundations::Smart::Auto, numbering: None, supplement, number }
    }

    /// Collected pages for `count` documents numbered as they come, the
    /// chunks `made` before.
    fn collected(count: usize, made: &[usize]) -> Collected {
        let order: Vec<usize> = (0..count).collect();
        let skipped = made.iter().flat_map(|&number| order.chunks(CHUNK).nth(number).unwrap()).copied().collect();
        let made = made.iter().map(|&number| (number, vec![number as u8])).collect();
        Collected { order, made, skipped, done: 0, waiting: BTreeMap::new(), chunk: EcoVec::new() }
    }

    fn numbers(chunk: &ChunkContent) -> Vec<usize> {
        match chunk {
            ChunkContent::Pages(pages) => pages.iter().map(|p| p.number as usize).collect(),
            ChunkContent::Made(pdf) => vec![usize::MAX, pdf[0] as usize],
        }
    }

    #[test]
    fn documents_that_come_before_their_turn_are_taken_when_a_chunk_fills() {
        // Two threads: the last document is done before the one that fills
        // the first chunk, and must not be left waiting.
        let count = CHUNK + 2;
        let mut collected = collected(count, &[]);
        for number in (CHUNK..count - 1).rev().chain(0..CHUNK - 1) {
            assert!(collected.take(Some((number, &[page(number as u64)]))).is_empty(), "document {number}");
        }
        let full = collected.take(Some((CHUNK - 1, &[page(CHUNK as u64 - 1)])));
        assert_eq!(full.len(), 1);
        assert_eq!(full[0].0, 0);
        assert_eq!(numbers(&full[0].1), (0..CHUNK).collect::<Vec<_>>());
        let last = collected.take(Some((count - 1, &[page(count as u64 - 1)])));
        assert_eq!(last.iter().map(|(number, chunk)| (*number, numbers(chunk))).collect::<Vec<_>>(), [(1, vec![CHUNK, CHUNK + 1])]);
        assert_eq!(collected.done, count, "every document is taken");
    }

    #[test]
    fn a_chunk_made_before_is_handed_on_in_its_turn_without_its_documents() {
        // Three chunks, the middle one made before: its documents are not
        // awaited (one laid out anyway is dropped), and it comes between.
        let count = 2 * CHUNK + 1;
        let mut collected = collected(count, &[1]);
        let mut chunks = Vec::new();
        for number in (0..CHUNK).chain([CHUNK + 5]) {
            chunks.extend(collected.take(Some((number, &[page(number as u64)]))));
        }
        assert_eq!(chunks.iter().map(|(number, chunk)| (*number, numbers(chunk).len())).collect::<Vec<_>>(), [(0, CHUNK), (1, 2)]);
        assert!(collected.waiting.is_empty(), "a document of a chunk made before is not held");
        chunks.extend(collected.take(Some((2 * CHUNK, &[page(2 * CHUNK as u64)]))));
        assert_eq!(numbers(&chunks[2].1), [2 * CHUNK]);
        assert!(collected.take(None).is_empty());
        assert_eq!(collected.done, count);
    }

    #[test]
    fn the_page_count_in_the_metadata_is_the_whole_bundle() {
        let xmp = "<a><xmpTPg:NPages>200</xmpTPg:NPages><b/></a>";
        assert_eq!(super::count_pages(xmp, 5000), "<a><xmpTPg:NPages>5000</xmpTPg:NPages><b/></a>");
    }
}
