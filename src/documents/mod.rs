//! One renderer per document kind: each turns checked data into the typed
//! view its template reads, and the view into a PDF.

pub mod dispatch;
pub mod guide;
pub(crate) mod parts;
pub mod reminder;
pub mod report;
pub mod summary;
pub(crate) mod xlsx;

use crate::fonts::Fonts;
use crate::rebuild::Inputs;
use crate::render::PdfSettings;
use crate::world::Engine;

/// What rendering needs besides the document: the Typst engine and the font
/// families to ask for.
pub struct Renderer {
    pub engine: Engine,
    families: Vec<String>,
    pub pdf: PdfSettings,
    /// The hash of the fonts added with --font-path ([`Fonts::added`]).
    added_fonts: u64,
}

impl Renderer {
    /// `preferred` is the campaign's font family, used when it was found.
    pub fn new(fonts: Fonts, preferred: Option<&str>) -> Self {
        let families = fonts.families(preferred);
        let added_fonts = fonts.added;
        Self { engine: Engine::new(fonts), families, pdf: PdfSettings::default(), added_fonts }
    }

    /// The inputs every document of the run shares: how PDFs are written
    /// and the fonts, which a rebuild compares with the last.
    pub fn inputs(&self) -> Inputs {
        Inputs::new(&format!("{:?} {:?} {:x}", self.pdf, self.families, self.added_fonts))
    }

    pub fn families(&self) -> &[String] {
        &self.families
    }
}
