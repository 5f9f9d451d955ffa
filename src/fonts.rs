//! The fonts Typst may use: Liberation Serif, compiled in, plus any the user
//! points at with --font-path. System fonts are not scanned: that costs
//! about 200 ms a run and makes the output depend on the machine.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

use crate::error::{Error, Result};

/// The shipped face: metric-compatible with Times New Roman (same advance
/// widths, so the same line breaks) with full Vietnamese coverage, SIL OFL 1.1.
pub const FALLBACK_FAMILY: &str = "Liberation Serif";

const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

pub struct Fonts {
    pub book: FontBook,
    pub fonts: Vec<Font>,
}

impl Fonts {
    /// The embedded fonts and those found under each of `paths`.
    pub fn load(paths: &[PathBuf]) -> Result<Self> {
        let mut fonts: Vec<Font> = EMBEDDED.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
        for root in paths {
            let mut files = Vec::new();
            font_files(root, &mut files).map_err(|e| Error::read(root, e))?;
            let before = fonts.len();
            for file in files {
                let data = std::fs::read(&file).map_err(|e| Error::read(&file, e))?;
                fonts.extend(Font::iter(Bytes::new(data)));
            }
            if fonts.len() == before {
                return Err(Error::NoFonts { path: root.clone() });
            }
        }
        let book = FontBook::from_fonts(&fonts);
        Ok(Self { book, fonts })
    }

    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// The families to set, in order of preference: `wanted` if present,
    /// then the shipped face.
    pub fn families(&self, wanted: Option<&str>) -> Vec<String> {
        let wanted = wanted.filter(|family| self.has_family(family) && !family.eq_ignore_ascii_case(FALLBACK_FAMILY));
        wanted.into_iter().chain([FALLBACK_FAMILY]).map(str::to_owned).collect()
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
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
        {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_styles_of_the_shipped_face() {
        let fonts = Fonts::load(&[]).unwrap();
        assert_eq!(fonts.fonts.len(), 4);
        assert!(fonts.has_family("Liberation Serif"));
        assert_eq!(fonts.families(Some("Times New Roman")), ["Liberation Serif"]);
        assert_eq!(fonts.families(Some("liberation serif")), ["Liberation Serif"]);
        assert_eq!(fonts.families(None), ["Liberation Serif"]);
    }
}
