//! An empty digital-signature field (AcroForm, /FT /Sig) added to a finished
//! PDF as an incremental update, over the space between the signer's title
//! and name, so that a signing tool (Ban Cơ yếu's, Adobe, Foxit, pyHanko)
//! signs in place. Typst writes no form fields; appending keeps its bytes,
//! and the file, PDF/A-2b: the widget prints, has an (empty) appearance,
//! and carries no JavaScript.
//!
//! The file is read through its own cross-reference (lopdf), so any PDF
//! works: PDF/A or not, tagged or not, a classic table or a stream, a flat
//! or nested page tree, a form already there.

use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId};

use super::Widget;
use crate::render::FieldPlace;

/// Adds the field to the update, after whatever the update holds already
/// (a form's text fields), or says why it could not.
pub fn add(document: &mut IncrementalDocument, name: &str, place: FieldPlace) -> Result<(), lopdf::Error> {
    let previous = document.get_prev_documents();
    let page = u32::try_from(place.page + 1)
        .ok()
        .and_then(|number| previous.get_pages().get(&number).copied())
        .ok_or(lopdf::Error::PageNumberNotFound(place.page as u32 + 1))?;
    let root = previous.trailer.get(b"Root")?.as_reference()?;
    let page_annots = super::current(document, page)?.as_dict()?.get(b"Annots").ok().cloned();
    let form = super::current(document, root)?.as_dict()?.get(b"AcroForm").ok().cloned();

    let widget =
        Widget { kind: "Sig", name, page, rect: place.rect, style: Dictionary::new(), resources: None, content: Vec::new() }.add(&mut document.new_document);

    // The page lists the widget among its annotations, wherever they are kept.
    match page_annots {
        Some(Object::Reference(list)) => append_to_array(document, list, None, widget)?,
        annots => {
            let mut list = annots.map(|a| a.as_array().cloned()).transpose()?.unwrap_or_default();
            list.push(widget.into());
            document.opt_clone_object_to_new_document(page)?;
            document.new_document.get_dictionary_mut(page)?.set("Annots", list);
        }
    }
    // The document's form lists the field.
    match form {
        Some(Object::Reference(form)) => append_to_array(document, form, Some(b"Fields"), widget)?,
        form => {
            let mut form = form.map(|f| f.as_dict().cloned()).transpose()?.unwrap_or_else(Dictionary::new);
            let mut fields = form.get(b"Fields").and_then(Object::as_array).cloned().unwrap_or_default();
            fields.push(widget.into());
            form.set("Fields", fields);
            document.opt_clone_object_to_new_document(root)?;
            document.new_document.get_dictionary_mut(root)?.set("AcroForm", form);
        }
    }
    Ok(())
}

/// Appends `item` to the array that object `id` is (`key` None) or holds
/// under `key`, in the update.
fn append_to_array(document: &mut IncrementalDocument, id: ObjectId, key: Option<&[u8]>, item: ObjectId) -> Result<(), lopdf::Error> {
    document.opt_clone_object_to_new_document(id)?;
    let object = document.new_document.get_object_mut(id)?;
    let array = match key {
        None => object.as_array_mut()?,
        Some(key) => {
            let dict = object.as_dict_mut()?;
            if !dict.has(key) {
                dict.set(key, Vec::<Object>::new());
            }
            dict.get_mut(key)?.as_array_mut()?
        }
    };
    array.push(item.into());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::update;
    use super::*;
    use lopdf::{Document, dictionary};

    /// A PDF unlike Typst's: a cross-reference stream, a nested page tree,
    /// the second page's annotations in an array object of their own.
    fn other_pdf() -> Vec<u8> {
        let mut document = Document::new();
        let annots = document.add_object(Vec::<Object>::new());
        let (root_pages, inner_pages) = (document.new_object_id(), document.new_object_id());
        let page = |document: &mut Document, parent, extra: Dictionary| {
            let mut page = dictionary! { "Type" => "Page", "Parent" => parent, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] };
            page.extend(&extra);
            document.add_object(page)
        };
        let first = page(&mut document, root_pages, Dictionary::new());
        let second = page(&mut document, inner_pages, dictionary! { "Annots" => annots });
        document.objects.insert(inner_pages, dictionary! { "Type" => "Pages", "Parent" => root_pages, "Kids" => vec![second.into()], "Count" => 1 }.into());
        document.objects.insert(root_pages, dictionary! { "Type" => "Pages", "Kids" => vec![first.into(), inner_pages.into()], "Count" => 2 }.into());
        let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => root_pages });
        document.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        document.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn any_pdf_gets_its_field_and_keeps_its_bytes() {
        let original = other_pdf();
        let place = FieldPlace { page: 1, rect: [100.0, 100.0, 300.0, 185.0] };
        let once = update(&original, "other", |document| add(document, "A", place)).unwrap();
        // Fields added after, in an update of their own, find the form and
        // the annotations the first made; in the same update, each other's.
        let twice = update(&once, "other", |document| {
            add(document, "B", FieldPlace { page: 0, ..place })?;
            add(document, "C", place)
        })
        .unwrap();
        assert!(twice.starts_with(&original) && twice.starts_with(&once), "an incremental update");
        let document = Document::load_mem(&twice).unwrap();
        let names = |ids: &[Object]| -> Vec<String> {
            ids.iter()
                .map(|id| document.get_dictionary(id.as_reference().unwrap()).unwrap().get(b"T").unwrap().as_str().unwrap().to_vec())
                .map(|name| String::from_utf8(name).unwrap())
                .collect()
        };
        let form = document.catalog().unwrap().get(b"AcroForm").unwrap().as_dict().unwrap();
        assert_eq!(names(form.get(b"Fields").unwrap().as_array().unwrap()), ["A", "B", "C"]);
        let pages = document.get_pages();
        let annots = |page: u32| {
            let annots = document.get_dictionary(pages[&page]).unwrap().get(b"Annots").unwrap();
            let (_, annots) = document.dereference(annots).unwrap();
            names(annots.as_array().unwrap())
        };
        assert_eq!((annots(1), annots(2)), (vec!["B".to_owned()], vec!["A".to_owned(), "C".to_owned()]));
        assert!(update(b"not a pdf", "other", |document| add(document, "A", place)).is_err());
        assert!(update(&original, "other", |document| add(document, "A", FieldPlace { page: 5, ..place })).is_err());
    }
}
