//! What each command of the CLI does, over the library's parts.

use std::path::{Path, PathBuf};

use crate::data::{self, DataDir};
use crate::documents::Renderer;
use crate::documents::dispatch::{self, CheckedDispatch};
use crate::error::{self, Error, Result};
use crate::fonts::Fonts;
use crate::model::{Campaign, SourceFile};
use crate::output;

/// The campaign's data, read and ready to render.
pub struct Workspace {
    pub data: DataDir,
    pub campaign: Campaign,
    pub renderer: Renderer,
    /// Things worth telling the user that stop nothing.
    pub warnings: Vec<String>,
}

impl Workspace {
    pub fn open(data: DataDir, font_paths: &[PathBuf]) -> Result<Self> {
        let campaign: Campaign = data.read("campaign.toml")?.parse()?;
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
        Ok(Self { data, campaign, renderer, warnings })
    }

    /// Every công văn in the data (cong-van-*.toml), checked, with its file stem.
    pub fn dispatches(&self) -> Result<Vec<(String, CheckedDispatch)>> {
        let names = self.data.list("cong-van-", ".toml")?;
        if names.is_empty() {
            return Err(Error::NothingToRender { folder: self.data.describe() });
        }
        names
            .iter()
            .map(|name| {
                let source = self.data.read(name)?;
                let stem = name.trim_end_matches(".toml").to_owned();
                Ok((stem, self.check_dispatch(&source)?))
            })
            .collect()
    }

    pub fn check_dispatch(&self, source: &SourceFile) -> Result<CheckedDispatch> {
        dispatch::check(source, &self.campaign, self.renderer.families())
    }
}

/// `vanban check`: reads and checks all data; returns how many documents it holds.
pub fn check(workspace: &Workspace) -> Result<usize> {
    Ok(workspace.dispatches()?.len())
}

/// `vanban build`: checks everything first, then renders every document
/// under `out`. Returns the files written.
pub fn build(workspace: &Workspace, out: &Path) -> Result<Vec<PathBuf>> {
    let dispatches = workspace.dispatches()?;
    let mut written = Vec::new();
    for (stem, dispatch) in &dispatches {
        let path = out.join(format!("{stem}.pdf"));
        output::write_atomically(&path, &dispatch.render(&workspace.renderer, stem)?)?;
        written.push(path);
    }
    Ok(written)
}

/// `vanban dispatch FILE.toml -o FILE.pdf`.
pub fn dispatch(workspace: &Workspace, file: &Path, pdf: &Path) -> Result<()> {
    let source = data::read_file(file)?;
    let checked = workspace.check_dispatch(&source)?;
    let ident = file.file_stem().and_then(|s| s.to_str()).unwrap_or("cong-van");
    output::write_atomically(pdf, &checked.render(&workspace.renderer, ident)?)
}
