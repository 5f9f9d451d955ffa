//! Where the campaign data comes from: a folder, or the copy built into the binary.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::SourceFile;

include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));

/// The campaign data: `campaign.toml`, `cong-van-*.toml` and what later
/// documents add.
#[derive(Debug, Clone)]
pub enum DataDir {
    /// The data/ folder of this repository, compiled in.
    Embedded,
    Folder(PathBuf),
}

impl DataDir {
    pub fn new(folder: Option<PathBuf>) -> Self {
        folder.map_or(Self::Embedded, Self::Folder)
    }

    /// How messages name this data.
    pub fn describe(&self) -> String {
        match self {
            Self::Embedded => "dữ liệu mặc định (data/ nhúng trong chương trình)".into(),
            Self::Folder(path) => path.display().to_string(),
        }
    }

    /// A file by its path inside the data folder, with '/' between parts.
    pub fn read(&self, name: &str) -> Result<SourceFile> {
        match self {
            Self::Embedded => {
                let bytes = EMBEDDED
                    .iter()
                    .find(|(embedded, _)| *embedded == name)
                    .map(|(_, bytes)| *bytes)
                    .ok_or_else(|| Error::read(Path::new(name), std::io::ErrorKind::NotFound.into()))?;
                let text = String::from_utf8(bytes.to_vec())
                    .map_err(|_| Error::read(Path::new(name), std::io::ErrorKind::InvalidData.into()))?;
                Ok(SourceFile { name: format!("data/{name}"), text })
            }
            Self::Folder(folder) => read_file(&folder.join(name)),
        }
    }

    /// The names of the files directly in the folder that start with `prefix`
    /// and end with `suffix`, sorted.
    pub fn list(&self, prefix: &str, suffix: &str) -> Result<Vec<String>> {
        let matches = |name: &str| name.starts_with(prefix) && name.ends_with(suffix) && !name.contains('/');
        let mut names: Vec<String> = match self {
            Self::Embedded => EMBEDDED.iter().map(|(name, _)| *name).filter(|n| matches(n)).map(String::from).collect(),
            Self::Folder(folder) => std::fs::read_dir(folder)
                .map_err(|e| Error::read(folder, e))?
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| matches(name))
                .collect(),
        };
        names.sort();
        Ok(names)
    }
}

/// A data file from disk, named as the user gave it.
pub fn read_file(path: &Path) -> Result<SourceFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::read(path, std::io::ErrorKind::InvalidData.into()))?;
    Ok(SourceFile { name: path.display().to_string(), text })
}
