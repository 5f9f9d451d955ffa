//! What vanban wrote into an output folder: each file's path under it and
//! its SHA-256, in `out/.vanban.sha256`. It is how a build tells its own
//! stale outputs (removed) from a user's files (left alone) and from its
//! outputs a user changed since (kept). The file is `sha256sum`'s format,
//! sorted, with no date: `cd out && sha256sum -c .vanban.sha256` checks it,
//! and the same outputs give the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::Digest;

/// The manifest's name in the output folder.
pub const FILE: &str = ".vanban.sha256";

const HEADER: &str = "# Các tệp vanban đã ghi vào thư mục này và mã SHA-256 của chúng; vanban tự cập nhật, đừng sửa tay.\n\
                      # Kiểm tra: sha256sum -c .vanban.sha256\n";

/// Paths under the output folder ("bieu-mau/thon-1.pdf", with "/") and
/// their hashes in lowercase hex.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest(BTreeMap<String, String>);

impl Manifest {
    /// The manifest of `out`, or None where vanban has written none there.
    /// A line that is not "<hash>  <path>" is skipped: its file then counts
    /// as the user's, which is the safe side.
    pub fn read(out: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(out.join(FILE)).ok()?;
        let entries = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once("  "))
            .filter(|(hash, path)| hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && !path.is_empty())
            .map(|(hash, path)| (path.to_owned(), hash.to_ascii_lowercase()))
            .collect();
        Some(Self(entries))
    }

    pub fn text(&self) -> String {
        let mut text = HEADER.to_owned();
        for (path, hash) in &self.0 {
            text += &format!("{hash}  {path}\n");
        }
        text
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.0.get(path).map(String::as_str)
    }

    pub fn insert(&mut self, path: String, hash: String) {
        self.0.insert(path, hash);
    }

    pub fn remove(&mut self, path: &str) {
        self.0.remove(path);
    }

    pub fn contains(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    /// Every path and hash, sorted by path.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(path, hash)| (path.as_str(), hash.as_str()))
    }
}

/// The SHA-256 of a file's bytes in lowercase hex, or None where it cannot
/// be read (absent).
pub fn hash_file(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|bytes| hash(&bytes))
}

/// The SHA-256 of `bytes` in lowercase hex, as the manifest records it.
pub fn hash(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// [`hash_file`] of each path, read on every core: a batch's commit reads
/// back thousands of files.
pub fn hash_files(paths: &[PathBuf]) -> Vec<Option<String>> {
    paths.par_iter().map(|p| hash_file(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes_and_skips_what_it_cannot_read() {
        let folder = std::env::temp_dir().join(format!("vanban-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("a b.pdf"), b"hi\n").unwrap();
        let mut manifest = Manifest::default();
        manifest.insert("a b.pdf".into(), hash_file(&folder.join("a b.pdf")).unwrap());
        // The hash sha256sum gives for "hi\n".
        assert_eq!(manifest.get("a b.pdf"), Some("98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4"));
        std::fs::write(folder.join(FILE), manifest.text() + "not a line\nabc  short.pdf\n").unwrap();
        assert_eq!(Manifest::read(&folder), Some(manifest));
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(Manifest::read(&folder), None);
    }
}
