//! The fonts Typst may use: Liberation Serif, compiled in, plus any the user
//! points at with --font-path. System fonts are not scanned: that costs
//! about 200 ms a run and makes the output depend on the machine.

use std::path::{Path, PathBuf};

use std::sync::OnceLock;
use typst::foundations::Bytes;

use typst::text::{Coverage, Font, FontBook, is_default_ignorable};

use crate::error::{Error, Result};

/// The shipped face: metric-compatible with Times New Roman (same advance
/// widths, so the same line breaks) with full Vietnamese coverage, SIL OFL 1.1.
pub const FALLBACK_FAMILY: &str = "Liberation Serif";

/// The symbols office text uses that Liberation Serif lacks (➡, ✓, ☎, ①, …):
/// a subset of DejaVu Sans, made by fonts/make-symbols.py.
pub const SYMBOL_FAMILY: &str = "Vanban Symbols";

const EMBEDDED: [&[u8]; 5] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    include_bytes!("../fonts/VanbanSymbols.ttf"),
];

/// Whether the shipped fonts print `c`. Typst drops default ignorables
/// (joiners, variation selectors) and lays out line breaks itself; any other
/// character no font has would print as an empty box, which PDF/A forbids.
/// Fonts given with --font-path are not counted: the data is checked the
/// same wherever it is built.
pub fn prints(c: char) -> bool {
    static COVERAGE: OnceLock<Vec<Coverage>> = OnceLock::new();
    let coverage = COVERAGE.get_or_init(|| EMBEDDED.iter().flat_map(|data| Font::iter(Bytes::new(*data))).map(|font| font.info().coverage.clone()).collect());
    c == '\n' || is_default_ignorable(c) || coverage.iter().any(|coverage| coverage.contains(c as u32))
}

/// Liberation Serif Regular: also the font of a fillable form's fields.
pub const REGULAR: &[u8] = EMBEDDED[0];

pub struct Fonts {
    pub book: FontBook,
    pub fonts: Vec<Font>,
    /// A hash of the fonts found under the paths given (their names and
    /// bytes): another font there lays documents out anew.
    pub added: u64,
}

impl Fonts {
    /// The embedded fonts and those found under each of `paths`.
    pub fn load(paths: &[PathBuf]) -> Result<Self> {
        let mut fonts: Vec<Font> = EMBEDDED.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
        let mut added = std::hash::DefaultHasher::new();
        for root in paths {
            let mut files = Vec::new();
            font_files(root, &mut files).map_err(|e| Error::read(root, e))?;
            let before = fonts.len();
            for file in files {
                let data = std::fs::read(&file).map_err(|e| Error::read(&file, e))?;
                std::hash::Hash::hash(&(&file, &data), &mut added);
                fonts.extend(Font::iter(Bytes::new(data)));
            }
            if fonts.len() == before {
                return Err(Error::NoFonts { path: root.clone() });
            }
        }
        let book = FontBook::from_fonts(&fonts);
        Ok(Self { book, fonts, added: std::hash::Hasher::finish(&added) })
    }

    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// The families to set, in order of preference: `wanted` if present,
    /// then the shipped face and its symbols.
    pub fn families(&self, wanted: Option<&str>) -> Vec<String> {
        let wanted = wanted.filter(|family| self.has_family(family) && !family.eq_ignore_ascii_case(FALLBACK_FAMILY));
        wanted.into_iter().chain([FALLBACK_FAMILY, SYMBOL_FAMILY]).map(str::to_owned).collect()
    }
}

/// Font files below `dir`, sorted so that the font book is the same every run.
fn font_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.is_file() {
        files.push(dir.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| Some(e.ok()?.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            font_files(&path, files)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc")) {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_styles_of_the_shipped_face_and_its_symbols() {
        let fonts = Fonts::load(&[]).unwrap();
        assert_eq!(fonts.fonts.len(), 5);
        assert!(fonts.has_family("Liberation Serif") && fonts.has_family("Vanban Symbols"));
        let shipped = ["Liberation Serif", "Vanban Symbols"];
        assert_eq!(fonts.families(Some("Times New Roman")), shipped);
        assert_eq!(fonts.families(Some("liberation serif")), shipped);
        assert_eq!(fonts.families(None), shipped);
    }

    #[test]
    fn vietnamese_and_office_symbols_print_and_emoji_do_not() {
        assert!("Cộng hòa xã hội chủ nghĩa Việt Nam ĐỨC “”–…".chars().all(prints));
        assert!("➡✓✔•→☎★①⬅■".chars().all(prints));
        assert!("\u{200d}\u{fe0f}\n".chars().all(prints), "ignorables and line breaks");
        for missing in ['📱', '😀', '\u{e000}', '\u{10ffff}', '中', '\u{378}'] {
            assert!(!prints(missing), "{missing:?}");
        }
    }
}
