//! Where the campaign data comes from: a folder, or the copy built into the binary.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::model::SourceFile;

include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));

/// The folders of the current folder taken as the data when --data is not
/// given: this repository's layout, and the folder `vanban init` creates.
pub const LOCAL_FOLDERS: [&str; 2] = ["data", "vanban-du-lieu"];

/// The campaign data: `campaign.toml`, `cong-van-*.toml` and what later
/// documents add.
#[derive(Debug, Clone)]
pub enum DataDir {
    /// The data/ folder of this repository, compiled in: the samples.
    Embedded,
    Folder(PathBuf),
}

impl DataDir {
    /// The folder --data names; else a folder of [`LOCAL_FOLDERS`] in the
    /// current folder holding campaign.toml, as cargo and typst use the
    /// project they run in; else the built-in samples.
    pub fn find(folder: Option<PathBuf>) -> Result<Self> {
        match folder {
            Some(folder) => Ok(Self::Folder(folder)),
            None => Self::find_in(Path::new("")),
        }
    }

    /// A folder of [`LOCAL_FOLDERS`] in `base` holding campaign.toml, else
    /// the built-in samples.
    pub fn find_in(base: &Path) -> Result<Self> {
        let found: Vec<&str> = LOCAL_FOLDERS.into_iter().filter(|folder| base.join(folder).join("campaign.toml").is_file()).collect();
        match found[..] {
            [] => Ok(Self::Embedded),
            [folder] => Ok(Self::Folder(base.join(folder))),
            _ => Err(Error::data(Location::file(found.join(", ")), two_data_folders(&found))),
        }
    }

    /// How messages name this data.
    pub fn describe(&self) -> String {
        match self {
            Self::Embedded => SAMPLE_DATA.into(),
            Self::Folder(path) => path.display().to_string(),
        }
    }

    /// How messages name a file of the built-in samples.
    fn sample_name(name: &str) -> String {
        format!("{name} ({})", SAMPLE_DATA)
    }

    /// The error of a file the data lacks, naming it where it was looked for.
    pub fn missing(&self, name: &str) -> Error {
        Error::Missing { path: PathBuf::from(self.shown(name)) }
    }

    fn embedded(name: &str) -> Result<&'static [u8]> {
        EMBEDDED.iter().find(|(embedded, _)| *embedded == name).map(|(_, bytes)| *bytes).ok_or_else(|| Self::Embedded.missing(name))
    }

    /// A file's bytes by its path inside the data folder.
    pub fn read_bytes(&self, name: &str) -> Result<Vec<u8>> {
        match self {
            Self::Embedded => Self::embedded(name).map(<[u8]>::to_vec),
            Self::Folder(folder) => {
                let path = inside(folder, name)?;
                std::fs::read(&path).map_err(|e| Error::read(&path, e))
            }
        }
    }

    /// A file by its path inside the data folder, with '/' between parts.
    pub fn read(&self, name: &str) -> Result<SourceFile> {
        match self {
            Self::Embedded => {
                let bytes = Self::embedded(name)?;
                let name = Self::sample_name(name);
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| Error::read(Path::new(&name), std::io::ErrorKind::InvalidData.into()))?;
                Ok(SourceFile::new(name, text))
            }
            Self::Folder(folder) => read_file(&inside(folder, name)?),
        }
    }

    /// How messages name a path inside the data.
    pub fn shown(&self, name: &str) -> String {
        match self {
            Self::Embedded => Self::sample_name(name),
            Self::Folder(folder) => folder.join(name).display().to_string(),
        }
    }

    /// Whether the data holds this file.
    pub fn has(&self, name: &str) -> bool {
        match self {
            Self::Embedded => EMBEDDED.iter().any(|(embedded, _)| *embedded == name),
            Self::Folder(folder) => folder.join(name).is_file(),
        }
    }

    /// The entries directly in `dir` ("" for the top) whose names start with
    /// `prefix` and end with `suffix`, as paths inside the data, sorted.
    /// Folders are listed too: their names have no suffix but "/".
    pub fn list(&self, dir: &str, prefix: &str, suffix: &str) -> Result<Vec<String>> {
        let base = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let matches = |name: &str| name.starts_with(prefix) && name.ends_with(suffix);
        let mut names: Vec<String> = match self {
            Self::Embedded => {
                let children = EMBEDDED.iter().filter_map(|(path, _)| path.strip_prefix(&base));
                let mut children: Vec<String> = children
                    .map(|rest| match rest.split_once('/') {
                        Some((folder, _)) => format!("{folder}/"),
                        None => rest.to_owned(),
                    })
                    .filter(|name| matches(name))
                    .collect();
                children.dedup();
                children
            }
            Self::Folder(folder) => {
                let path = folder.join(dir);
                match std::fs::read_dir(&path) {
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound && !dir.is_empty() => Vec::new(),
                    entries => entries
                        .map_err(|e| Error::read(&path, e))?
                        .filter_map(|entry| {
                            let entry = entry.ok()?;
                            let name = entry.file_name().into_string().ok()?;
                            Some(if entry.path().is_dir() { format!("{name}/") } else { name })
                        })
                        .filter(|name| matches(name))
                        .collect(),
                }
            }
        };
        names.sort();
        names.dedup();
        Ok(names.into_iter().map(|name| format!("{base}{name}")).collect())
    }
}

/// `name`, as the data writes it, under `folder`; refused unless it stays
/// inside `folder`, symbolic links followed: the data folder is the root of
/// everything the data may make the program read.
pub fn inside(folder: &Path, name: &str) -> Result<PathBuf> {
    let outside = || Error::Outside { name: name.to_owned(), folder: folder.to_owned() };
    let mut depth = 0usize;
    for part in Path::new(name).components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => depth = depth.checked_sub(1).ok_or_else(outside)?,
            Component::RootDir | Component::Prefix(_) => return Err(outside()),
        }
    }
    let path = folder.join(name);
    // A file that is not there is reported by whoever reads it.
    if let (Ok(root), Ok(real)) = (folder.canonicalize(), path.canonicalize())
        && !real.starts_with(root)
    {
        return Err(outside());
    }
    Ok(path)
}

/// A data file from disk, named as the user gave it.
pub fn read_file(path: &Path) -> Result<SourceFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::read(path, std::io::ErrorKind::InvalidData.into()))?;
    Ok(SourceFile::new(path.display().to_string(), text))
}

// What this module tells the user, in Vietnamese.

/// How messages name the built-in samples and their files.
const SAMPLE_DATA: &str = "dữ liệu mẫu";

fn two_data_folders(found: &[&str]) -> String {
    format!(
        "ở thư mục này có hai thư mục dữ liệu ({}), vanban không đoán được nên dùng thư mục nào. Hãy chọn bằng --data, ví dụ --data {}",
        found.iter().map(|f| format!("{f}/")).collect::<Vec<_>>().join(" và "),
        found[0]
    )
}
