//! What changed between the revision a signature covers and the file as
//! it came back. Adding signatures after it is normal (a countersignature,
//! the appearance a signing tool draws); anything else that a reader would
//! show or act on differently is a change: a page's content, a field, an
//! annotation added or edited (the "shadow" attacks that draw new values
//! over signed ones), the document's actions.
//!
//! Each side is fingerprinted object by object, each object once, so the
//! work is proportional to the file, not to how often objects are shared.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};
use sha2::{Digest, Sha256};

/// How deep an object graph may nest before it is taken as changed: real
/// forms nest a dozen levels.
const MAX_DEPTH: usize = 64;

/// The catalog's entries that signing may touch, each compared apart or
/// showing nothing: the form (compared field by field), the pages (page by
/// page), validation data, DocMDP permissions and XMP metadata.
const CATALOG_SIGNING: &[&[u8]] = &[b"AcroForm", b"Pages", b"DSS", b"Perms", b"Metadata"];
/// The form's entries that signing may touch: its fields (compared one by
/// one), the flags that say it is signed, and the resources of a
/// signature's appearance.
const FORM_SIGNING: &[&[u8]] = &[b"Fields", b"SigFlags", b"DR"];

/// What changed after signing, in words, or None if nothing but signatures.
pub fn after_signing(signed: &Document, returned: &Document) -> Option<String> {
    let mut before = Fingerprints::new(signed);
    let mut after = Fingerprints::new(returned);
    let pages = (before.pages.len(), after.pages.len());
    if pages.0 != pages.1 {
        return Some(format!("số trang đổi từ {} thành {}", pages.0, pages.1));
    }
    let (catalog_before, catalog_after) = (signed.catalog().ok(), returned.catalog().ok());
    if catalog_before.map(|c| before.dictionary(c, CATALOG_SIGNING)) != catalog_after.map(|c| after.dictionary(c, CATALOG_SIGNING)) {
        return Some("phần chung của tệp (thao tác mở tệp, tên, mã lệnh) bị sửa".into());
    }
    let form_before = catalog_before.and_then(|c| c.get_deref(b"AcroForm", signed).ok()).and_then(|f| f.as_dict().ok());
    let form_after = catalog_after.and_then(|c| c.get_deref(b"AcroForm", returned).ok()).and_then(|f| f.as_dict().ok());
    if form_before.map(|f| before.dictionary(f, FORM_SIGNING)) != form_after.map(|f| after.dictionary(f, FORM_SIGNING)) {
        return Some("thiết lập của biểu mẫu bị sửa".into());
    }
    let (fields_before, fields_after) = (before.fields(form_before), after.fields(form_after));
    for (name, print) in &fields_after {
        match fields_before.get(name) {
            None => return Some(format!("có thêm ô “{name}”")),
            Some(old) if old != print => return Some(format!("ô “{name}” bị sửa")),
            Some(_) => {}
        }
    }
    if let Some(name) = fields_before.keys().find(|name| !fields_after.contains_key(*name)) {
        return Some(format!("ô “{name}” bị xóa"));
    }
    let page_pairs: Vec<_> = before.pages.iter().copied().zip(after.pages.iter().copied()).collect();
    for (index, (page_before, page_after)) in page_pairs.into_iter().enumerate() {
        let number = index + 1;
        let (Ok(old), Ok(new)) = (signed.get_dictionary(page_before), returned.get_dictionary(page_after)) else {
            return Some(format!("trang {number} bị sửa"));
        };
        if before.dictionary(old, &[b"Annots", b"Parent"]) != after.dictionary(new, &[b"Annots", b"Parent"]) {
            return Some(format!("trang {number} bị sửa"));
        }
        if before.annotations(old) != after.annotations(new) {
            return Some(format!("chú thích hoặc ô trên trang {number} bị thêm, xóa hay sửa"));
        }
    }
    (before.too_deep || after.too_deep).then(|| "tệp lồng nhau quá sâu để so với bản đã ký".into())
}

type Print = [u8; 32];

/// Fingerprints of one document's objects, each object hashed once.
struct Fingerprints<'a> {
    document: &'a Document,
    known: HashMap<ObjectId, Print>,
    /// Objects being hashed: a reference back to one is a cycle.
    open: HashSet<ObjectId>,
    /// Pages in order: a reference to a page hashes as its number, as pages
    /// are compared one by one.
    pages: Vec<ObjectId>,
    page_numbers: HashMap<ObjectId, usize>,
    too_deep: bool,
}

impl<'a> Fingerprints<'a> {
    fn new(document: &'a Document) -> Self {
        let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
        let page_numbers = pages.iter().enumerate().map(|(n, id)| (*id, n)).collect();
        Self { document, known: HashMap::new(), open: HashSet::new(), pages, page_numbers, too_deep: false }
    }

    /// A dictionary's fingerprint, the entries named in `skip` left out.
    fn dictionary(&mut self, dictionary: &Dictionary, skip: &[&[u8]]) -> Print {
        let mut hasher = Sha256::new();
        self.hash_dictionary(&mut hasher, dictionary, skip, 0);
        hasher.finalize().into()
    }

    fn hash_dictionary(&mut self, hasher: &mut Sha256, dictionary: &Dictionary, skip: &[&[u8]], depth: usize) {
        let mut entries: Vec<_> = dictionary.iter().filter(|(key, _)| !skip.contains(&key.as_slice())).collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        hasher.update(b"<<");
        for (key, value) in entries {
            hasher.update((key.len() as u64).to_le_bytes());
            hasher.update(key);
            self.hash_object(hasher, value, depth + 1);
        }
        hasher.update(b">>");
    }

    fn hash_object(&mut self, hasher: &mut Sha256, object: &Object, depth: usize) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        let bytes = |hasher: &mut Sha256, tag: &[u8], data: &[u8]| {
            hasher.update(tag);
            hasher.update((data.len() as u64).to_le_bytes());
            hasher.update(data);
        };
        match object {
            Object::Null => hasher.update(b"N"),
            Object::Boolean(b) => hasher.update(if *b { b"T" } else { b"F" }),
            Object::Integer(i) => bytes(hasher, b"I", &i.to_le_bytes()),
            Object::Real(r) => bytes(hasher, b"R", &r.to_le_bytes()),
            Object::Name(name) => bytes(hasher, b"/", name),
            Object::String(text, _) => bytes(hasher, b"S", text),
            Object::Array(items) => {
                hasher.update(b"[");
                for item in items {
                    self.hash_object(hasher, item, depth + 1);
                }
                hasher.update(b"]");
            }
            Object::Dictionary(dictionary) => self.hash_dictionary(hasher, dictionary, &[], depth),
            Object::Stream(stream) => {
                self.hash_dictionary(hasher, &stream.dict, &[b"Length"], depth);
                bytes(hasher, b"stream", &stream.content);
            }
            Object::Reference(id) => {
                let print = self.reference(*id, depth);
                hasher.update(b"@");
                hasher.update(print);
            }
        }
    }

    fn reference(&mut self, id: ObjectId, depth: usize) -> Print {
        if let Some(page) = self.page_numbers.get(&id) {
            return Sha256::digest(format!("page {page}")).into();
        }
        if let Some(print) = self.known.get(&id) {
            return *print;
        }
        if !self.open.insert(id) {
            return Sha256::digest(b"cycle").into();
        }
        let mut hasher = Sha256::new();
        match self.document.get_object(id) {
            Ok(object) => self.hash_object(&mut hasher, object, depth + 1),
            Err(_) => hasher.update(b"missing"),
        }
        self.open.remove(&id);
        let print = hasher.finalize().into();
        self.known.insert(id, print);
        print
    }

    /// Every field of the form but signature fields, by full name, with the
    /// fingerprint of its dictionary (value, flags, appearance).
    fn fields(&mut self, form: Option<&Dictionary>) -> HashMap<String, Print> {
        let mut found = HashMap::new();
        let mut seen = HashSet::new();
        let mut stack: Vec<(Object, String, Option<Vec<u8>>, usize)> = form
            .and_then(|f| f.get_deref(b"Fields", self.document).ok())
            .and_then(|f| f.as_array().ok())
            .map(|fields| fields.iter().rev().map(|f| (f.clone(), String::new(), None, 0)).collect())
            .unwrap_or_default();
        while let Some((object, parent, kind, depth)) = stack.pop() {
            if depth > MAX_DEPTH {
                self.too_deep = true;
                continue;
            }
            if let Object::Reference(id) = object
                && !seen.insert(id)
            {
                continue;
            }
            let Ok((_, Object::Dictionary(field))) = self.document.dereference(&object) else { continue };
            let field = field.clone();
            let partial = field.get(b"T").ok().and_then(|t| lopdf::decode_text_string(t).ok());
            let name = match (&partial, parent.as_str()) {
                (Some(p), "") => p.clone(),
                (Some(p), _) => format!("{parent}.{p}"),
                (None, _) => parent.clone(),
            };
            let kind = field.get(b"FT").and_then(Object::as_name).ok().map(<[u8]>::to_vec).or(kind);
            if kind.as_deref() != Some(b"Sig") && partial.is_some() {
                let print = self.dictionary(&field, &[b"Kids", b"Parent", b"P"]);
                found.insert(name.clone(), print);
            }
            if let Ok(kids) = field.get_deref(b"Kids", self.document).and_then(Object::as_array) {
                stack.extend(kids.iter().rev().map(|kid| (kid.clone(), name.clone(), kind.clone(), depth + 1)));
            }
        }
        found
    }

    /// A page's annotations but signature widgets, as a sorted list of
    /// fingerprints.
    fn annotations(&mut self, page: &Dictionary) -> Vec<Print> {
        let document = self.document;
        let annotations = page.get_deref(b"Annots", document).and_then(Object::as_array).cloned().unwrap_or_default();
        let mut prints: Vec<Print> = annotations
            .iter()
            .filter_map(|a| document.dereference(a).ok()?.1.as_dict().ok())
            .filter(|a| !is_signature_widget(document, a))
            .map(|a| self.dictionary(a, &[b"P", b"Parent"]))
            .collect();
        prints.sort_unstable();
        prints
    }
}

/// Whether an annotation is the widget of a signature field, its type
/// inherited from its parents.
fn is_signature_widget(document: &Document, annotation: &Dictionary) -> bool {
    let mut node = annotation;
    for _ in 0..MAX_DEPTH {
        if let Ok(kind) = node.get(b"FT").and_then(Object::as_name) {
            return kind == b"Sig";
        }
        match node.get_deref(b"Parent", document).and_then(Object::as_dict) {
            Ok(parent) => node = parent,
            Err(_) => return false,
        }
    }
    false
}
