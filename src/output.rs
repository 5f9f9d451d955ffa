//! Writing outputs so that a reader never finds half a file: each is written
//! beside its place under a temporary name, then renamed over it. A process
//! killed at any moment leaves the old file or the new one, never a part.
//! A batch goes further ([`Staging`]): all its files or none.
//! (No fsync: it guards only against a crash of the whole machine and costs
//! a third of a millisecond a file, which a batch of a thousand forms feels.)

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let temporary = folder.join(format!(".{name}.{}{TEMPORARY}", std::process::id()));
    let written = std::fs::File::create(&temporary).and_then(|mut file| file.write_all(bytes));
    let renamed = written.and_then(|()| std::fs::rename(&temporary, path));
    renamed.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::write(path, e)
    })
}

/// How the temporary files of an unfinished write end.
const TEMPORARY: &str = ".vanban-tmp";

/// Removes what a run that was killed mid-write left under `folder`: its
/// temporary files, never a finished output.
pub fn remove_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_leftovers(&path);
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') && n.ends_with(TEMPORARY)) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A run's outputs, rendered under a staging folder beside the output folder
/// and moved into it only once every document is done: a run that fails
/// leaves the output folder exactly as it was.
///
/// A run killed while rendering leaves the staging folder without its mark
/// of completion, and the next run removes it. One killed while moving
/// files into place leaves whole files only, and the mark: the next run
/// finishes the move before it starts.
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    /// Set once the mark is written: from then on the staged files are the
    /// run's result, which a move cut short leaves for the next run.
    complete: bool,
}

/// Written in the staging folder once every output is there.
const COMPLETE: &str = ".complete";

impl Staging {
    /// Settles what a killed run left, then opens an empty staging folder for `out`.
    pub fn begin(out: &Path) -> Result<Self> {
        remove_leftovers(out);
        let staging = Self { out: out.to_owned(), folder: staging_folder(out), complete: false };
        if staging.folder.join(COMPLETE).exists() {
            staging.move_into_place()?;
        }
        staging.discard();
        std::fs::create_dir_all(&staging.folder).map_err(|e| Error::write(&staging.folder, e))?;
        Ok(staging)
    }

    /// Where the run writes its outputs, laid out as under the output folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Moves every staged file into the output folder; returns them there, sorted.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        let complete = self.folder.join(COMPLETE);
        std::fs::write(&complete, b"").map_err(|e| Error::write(&complete, e))?;
        self.complete = true;
        let moved = self.move_into_place()?;
        self.discard();
        Ok(moved)
    }

    fn move_into_place(&self) -> Result<Vec<PathBuf>> {
        let mut moved = Vec::new();
        for staged in files_under(&self.folder) {
            let relative = staged.strip_prefix(&self.folder).expect("a file under the staging folder");
            if relative == Path::new(COMPLETE) {
                continue;
            }
            let target = self.out.join(relative);
            let folder = target.parent().expect("a file's folder");
            std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
            if std::fs::rename(&staged, &target).is_err() {
                // Another file system (out/ is a mount point): copy instead.
                let bytes = std::fs::read(&staged).map_err(|e| Error::read(&staged, e))?;
                write_atomically(&target, &bytes)?;
            }
            moved.push(target);
        }
        moved.sort();
        Ok(moved)
    }

    fn discard(&self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

impl Drop for Staging {
    /// A run that stops on an error leaves nothing behind.
    fn drop(&mut self) {
        if !self.complete {
            self.discard();
        }
    }
}

/// ".out.vanban-staging" beside "out": on the same file system, so that
/// files move by renaming, and outside it, so that out/ is untouched.
fn staging_folder(out: &Path) -> PathBuf {
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_owned());
    let absolute = match absolute.file_name() {
        Some(_) => absolute,
        None => absolute.canonicalize().unwrap_or(absolute),
    };
    match (absolute.parent(), absolute.file_name().and_then(|n| n.to_str())) {
        (Some(parent), Some(name)) => parent.join(format!(".{name}{STAGING}")),
        _ => absolute.join(STAGING),
    }
}

const STAGING: &str = ".vanban-staging";

/// Every file below `folder`, in no particular order.
fn files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() { folders.push(path) } else { files.push(path) }
        }
    }
    files
}

/// An ASCII file name for a unit: "Thôn 1" → "thon-1". Never empty, never a
/// path, never a name Windows reserves, at most 60 characters.
pub fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut slug = String::new();
    for c in name.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            _ => '-',
        };
        if c != '-' || !(slug.is_empty() || slug.ends_with('-')) {
            slug.push(c);
        }
    }
    slug.truncate(60);
    let slug = slug.trim_end_matches('-');
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    match slug {
        "" => "don-vi".into(),
        reserved if RESERVED.contains(&reserved) => format!("{reserved}-don-vi"),
        slug => slug.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_a_killed_run_are_removed() {
        let folder = std::env::temp_dir().join(format!("vanban-leftovers-{}", std::process::id()));
        std::fs::create_dir_all(folder.join("sub")).unwrap();
        std::fs::write(folder.join("sub/.a.pdf.99.vanban-tmp"), b"half").unwrap();
        std::fs::write(folder.join("sub/a.pdf"), b"whole").unwrap();
        std::fs::write(folder.join(".hidden"), b"not ours").unwrap();
        remove_leftovers(&folder);
        let mut left: Vec<_> = walk(&folder);
        left.sort();
        assert_eq!(left, [".hidden", "a.pdf"]);
        std::fs::remove_dir_all(folder).unwrap();
    }

    fn walk(folder: &Path) -> Vec<String> {
        std::fs::read_dir(folder)
            .unwrap()
            .flat_map(|e| {
                let path = e.unwrap().path();
                if path.is_dir() { walk(&path) } else { vec![path.file_name().unwrap().to_str().unwrap().to_owned()] }
            })
            .collect()
    }

    #[test]
    fn a_failed_run_leaves_out_as_it_was_and_a_completed_one_moves_everything() {
        let folder = std::env::temp_dir().join(format!("vanban-staging-{}", std::process::id()));
        let out = folder.join("out");
        write_atomically(&out.join("old.pdf"), b"old").unwrap();
        // A run that stops on an error: its staging folder goes, out/ stays.
        let staging = Staging::begin(&out).unwrap();
        write_atomically(&staging.folder().join("sub/new.pdf"), b"new").unwrap();
        assert_eq!(staging.folder(), folder.join(".out.vanban-staging"));
        drop(staging);
        assert_eq!(walk(&folder), ["old.pdf"]);
        // A run that completes moves its files into out/.
        let staging = Staging::begin(&out).unwrap();
        write_atomically(&staging.folder().join("sub/new.pdf"), b"new").unwrap();
        assert_eq!(staging.commit().unwrap(), [out.join("sub/new.pdf")]);
        let mut left = walk(&folder);
        left.sort();
        assert_eq!(left, ["new.pdf", "old.pdf"]);
        // Killed while moving: the mark is there, and the next run finishes the move.
        let staged = folder.join(".out.vanban-staging");
        write_atomically(&staged.join("late.pdf"), b"late").unwrap();
        std::fs::write(staged.join(COMPLETE), b"").unwrap();
        let staging = Staging::begin(&out).unwrap();
        assert_eq!(std::fs::read(out.join("late.pdf")).unwrap(), b"late");
        assert_eq!(walk(staging.folder()), Vec::<String>::new());
        // Killed while rendering: no mark, and the next run drops what was staged.
        write_atomically(&staged.join("half.pdf"), b"half").unwrap();
        drop(Staging::begin(&out).unwrap());
        assert!(!out.join("half.pdf").exists() && !staged.exists());
        std::fs::remove_dir_all(folder).unwrap();
    }

    #[test]
    fn slugs_are_safe_ascii_names() {
        assert_eq!(slug("Thôn 1"), "thon-1");
        assert_eq!(slug("Đoàn Thanh niên Cộng sản Hồ Chí Minh đặc khu"), "doan-thanh-nien-cong-san-ho-chi-minh-dac-khu");
        assert_eq!(slug("Phòng Văn hóa - Xã hội"), "phong-van-hoa-xa-hoi");
        assert_eq!(slug("../../x"), "x");
        assert_eq!(slug("a/b"), "a-b");
        assert_eq!(slug("CON"), "con-don-vi");
        assert_eq!(slug("#panic()"), "panic");
        assert_eq!(slug("*x*"), "x");
        assert_eq!(slug("..."), "don-vi");
        assert_eq!(slug(&"Thôn ".repeat(60)).len(), 59);
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let folder = std::env::temp_dir().join(format!("vanban-output-{}", std::process::id()));
        let path = folder.join("sub/a.pdf");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(folder.join("sub")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.pdf"]);
        std::fs::remove_dir_all(folder).unwrap();
    }
}
