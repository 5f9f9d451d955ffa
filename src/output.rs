//! Writing outputs so that a reader never finds half a file: each is written
//! beside its place under a temporary name, then renamed over it. A process
//! killed at any moment leaves the old file or the new one, never a part.
//! A batch goes further ([`Staging`]): all its files or none.
//! (No fsync: it guards only against a crash of the whole machine and costs
//! a third of a millisecond a file, which a batch of a thousand forms feels.)

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Notice, Result};
use crate::manifest::{self, Manifest};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    create_folder(path)?;
    let temporary = temporary_path(path);
    let written = std::fs::File::create(&temporary).and_then(|mut file| file.write_all(bytes));
    let renamed = written.and_then(|()| std::fs::rename(&temporary, path));
    renamed.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        // Windows refuses a rename over a file held open as access denied,
        // which says nothing of the program holding it.
        if held_open(path) { Error::Locked { path: path.to_owned() } } else { Error::write(path, e) }
    })
}

/// Whether another program holds `path` open so that it can be neither
/// replaced nor removed: on Windows, a PDF reader (Adobe Reader) opens a
/// file sharing reads only, and every rename over it or removal of it is
/// refused while it is open. Asked by opening it for deletion as a move
/// would, sharing everything: only a holder's terms can refuse that.
#[cfg(windows)]
pub fn held_open(path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    const DELETE: u32 = 0x0001_0000;
    const SHARE_READ_WRITE_DELETE: u32 = 0x7;
    let opened = std::fs::OpenOptions::new().access_mode(DELETE).share_mode(SHARE_READ_WRITE_DELETE).open(path);
    opened.is_err_and(|e| crate::error::sharing_violation(&e))
}

/// Elsewhere an open file stops no rename and no removal.
#[cfg(not(windows))]
pub fn held_open(_: &Path) -> bool {
    false
}

/// Writes a file of a run's staging folder ([`Staging::folder`]) as it is:
/// the folder reaches the output folder only once complete, so a file
/// there needs no temporary name of its own (a rename saved per file).
pub fn write_staged(path: &Path, bytes: &[u8]) -> Result<()> {
    create_folder(path)?;
    std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
}

/// Creates the folder `path` goes in.
fn create_folder(path: &Path) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))
}

/// Where `path` is written before it is renamed into place: a hidden name
/// beside it that [`remove_leftovers`] knows.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    path.with_file_name(format!(".{name}.{}{TEMPORARY}", std::process::id()))
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
/// of completion, and the next run removes it. A move into place cut short
/// (the run killed, a disk full, a file locked midway) leaves whole files
/// only, and the mark: the next run finishes the move before it starts,
/// removing the stale outputs the mark names.
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    /// Set once the mark is written: from then on the staged files are the
    /// run's result, which a move cut short leaves for the next run.
    complete: bool,
}

/// Written in the staging folder once every output is there: the stale
/// outputs the move removes, a path under the output folder a line, so
/// that a run finishing the move removes them as this one meant. Renamed
/// into place once written: a mark is whole.
const COMPLETE: &str = ".complete";

impl Staging {
    /// Settles what a killed run left, then opens an empty staging folder for `out`.
    pub fn begin(out: &Path) -> Result<Self> {
        remove_leftovers(out);
        let staging = Self { out: out.to_owned(), folder: staging_folder(out), complete: false };
        if let Ok(plan) = std::fs::read_to_string(staging.folder.join(COMPLETE)) {
            let stale: Vec<PathBuf> = plan.lines().map(|relative| staging.at(relative)).collect();
            staging.move_into_place(&stale)?;
        }
        staging.discard();
        std::fs::create_dir_all(&staging.folder).map_err(|e| Error::write(&staging.folder, e))?;
        Ok(staging)
    }

    /// Where the run writes its outputs, laid out as under the output folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The files staged so far, as paths under the output folder ("/"), sorted.
    pub fn contents(&self) -> Vec<String> {
        let mut staged: Vec<String> = files_under(&self.folder).iter().filter_map(|f| self.relative(f)).collect();
        staged.retain(|r| r != COMPLETE);
        staged.sort();
        staged
    }

    /// Moves every staged file into the output folder and records them in
    /// its manifest; where `prune` (a build), also removes what vanban wrote
    /// there before and did not write now, but for the `carried` outputs,
    /// which the run found up to date and left in place. A file in the way
    /// that is not vanban's unchanged output is never replaced: the new one
    /// goes beside it.
    pub fn commit(mut self, prune: bool, carried: &[String]) -> Result<Committed> {
        let before = Manifest::read(&self.out);
        let mut manifest = before.clone().unwrap_or_default();
        let mut committed = Committed::default();
        let staged = self.contents();
        // Where each staged file goes, and the files in the way kept.
        let mut places: BTreeSet<String> = carried.iter().cloned().collect();
        let mut kept = Vec::new();
        // Each staged file's hash, and that of the file at its place.
        let paths: Vec<PathBuf> = staged.iter().flat_map(|r| [self.staged(r), self.at(r)]).collect();
        let hashes = manifest::hash_files(&paths);
        for (relative, pair) in staged.iter().zip(hashes.chunks(2)) {
            let hash = pair[0].clone().ok_or_else(|| unreadable(&self.staged(relative)))?;
            let mut place = relative.clone();
            match pair[1].clone() {
                None => committed.added(self.at(relative)),
                // Already there byte for byte: left as it is, so that a
                // reader holding it open stops nothing.
                Some(there) if there == hash => {
                    let copy = self.staged(relative);
                    std::fs::remove_file(&copy).map_err(|e| Error::write(&copy, e))?;
                }
                // Without a manifest (an out/ from before it), what sits at
                // vanban's paths is taken for vanban's, as it always was.
                Some(there) if in_cache(Path::new(relative)) || before.as_ref().is_none_or(|b| b.get(relative) == Some(&there)) => {
                    committed.changed.push(self.at(relative))
                }
                Some(_) => {
                    place = self.beside(relative, before.as_ref(), &hash);
                    committed.notices.push(Notice::Warning { at: None, message: kept_in_place(&self.at(relative), &self.at(&place)) });
                    manifest.remove(relative);
                    kept.push(relative.clone());
                    let moved = self.staged(&place);
                    std::fs::rename(self.staged(relative), &moved).map_err(|e| Error::write(&moved, e))?;
                    match manifest::hash_file(&self.at(&place)) {
                        None => committed.added(self.at(&place)),
                        Some(there) if there != hash => committed.changed.push(self.at(&place)),
                        Some(_) => {}
                    }
                }
            }
            manifest.insert(place.clone(), hash);
            places.insert(place);
        }
        let mut stale = Vec::new();
        if prune {
            for (relative, hash) in before.iter().flat_map(Manifest::entries) {
                if places.contains(relative) || kept.iter().any(|k| k == relative) {
                    continue;
                }
                manifest.remove(relative);
                match manifest::hash_file(&self.at(relative)) {
                    Some(there) if there == hash || in_cache(Path::new(relative)) => stale.push(relative.to_owned()),
                    Some(_) => {
                        committed.notices.push(Notice::Warning { at: None, message: stale_kept(&self.at(relative)) });
                        kept.push(relative.to_owned());
                    }
                    None => {}
                }
            }
        }
        let record = self.folder.join(manifest::FILE);
        std::fs::write(&record, manifest.text()).map_err(|e| Error::write(&record, e))?;
        // Every file the move replaces or removes, asked before the first
        // rename: one held open stops the run with out/ as it was, where
        // the move would stop at it with out/ half new.
        let mut moving: Vec<String> = files_under(&self.folder).iter().filter_map(|f| self.relative(f)).collect();
        moving.sort();
        if let Some(path) = moving.iter().chain(&stale).map(|r| self.at(r)).find(|p| held_open(p)) {
            return Err(Error::Locked { path });
        }
        let plan: String = stale.iter().map(|relative| format!("{relative}\n")).collect();
        write_atomically(&self.folder.join(COMPLETE), plan.as_bytes())?;
        self.complete = true;
        let stale: Vec<PathBuf> = stale.iter().map(|relative| self.at(relative)).collect();
        self.move_into_place(&stale)?;
        committed.written = places.iter().map(|place| self.at(place)).collect();
        committed.written.sort();
        self.discard();
        let told: Vec<PathBuf> = stale.iter().filter(|path| !in_cache(path)).cloned().collect();
        if !told.is_empty() {
            committed.notices.push(Notice::Note(stale_removed(&told)));
        }
        committed.removed = stale;
        if prune {
            let strangers = self.strangers(&manifest, &kept);
            if !strangers.is_empty() {
                committed.notices.push(Notice::Warning { at: None, message: not_ours(&strangers) });
            }
        }
        Ok(committed)
    }

    /// Where a path under the output folder ("bieu-mau/thon-1.pdf") is.
    fn at(&self, relative: &str) -> PathBuf {
        under(&self.out, relative)
    }

    /// Where a path under the output folder is staged.
    fn staged(&self, relative: &str) -> PathBuf {
        under(&self.folder, relative)
    }

    /// A staged file's path under the staging folder, with "/".
    fn relative(&self, staged: &Path) -> Option<String> {
        let relative = staged.strip_prefix(&self.folder).ok()?;
        let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    }

    /// A free name beside `relative` for its new version: "x.ban-moi.pdf",
    /// then "x.ban-moi-2.pdf", …; free where nothing is there, or vanban's
    /// unchanged output, or the same bytes.
    fn beside(&self, relative: &str, before: Option<&Manifest>, hash: &str) -> String {
        let (stem, extension) = relative.rsplit_once('.').filter(|(s, e)| !e.contains('/') && !s.is_empty() && !s.ends_with('/')).unwrap_or((relative, ""));
        let dot = if extension.is_empty() { "" } else { "." };
        (1..)
            .map(|n| match n {
                1 => format!("{stem}.{BESIDE}{dot}{extension}"),
                n => format!("{stem}.{BESIDE}-{n}{dot}{extension}"),
            })
            .find(|name| match manifest::hash_file(&self.at(name)) {
                None => !self.staged(name).exists(),
                Some(there) => there == hash || before.and_then(|b| b.get(name)) == Some(&there),
            })
            .expect("a free name")
    }

    /// Files in the folders vanban writes that are neither in its manifest
    /// nor already `named` this run, sorted.
    fn strangers(&self, manifest: &Manifest, named: &[String]) -> Vec<PathBuf> {
        let folders: BTreeSet<&str> = manifest.entries().map(|(p, _)| p.rsplit_once('/').map_or("", |(folder, _)| folder)).chain([""]).collect();
        let mut strangers = Vec::new();
        for folder in folders {
            for entry in std::fs::read_dir(self.at(folder)).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let relative = if folder.is_empty() { name.clone() } else { format!("{folder}/{name}") };
                let path = self.at(&relative);
                if !path.is_dir() && !manifest.contains(&relative) && !named.contains(&relative) && !system_file(&name) && !in_cache(&path) {
                    strangers.push(path);
                }
            }
        }
        strangers.sort();
        strangers
    }

    /// Moves every staged file into the output folder, the manifest last,
    /// and just before it removes the `stale` outputs and the folders they
    /// leave empty.
    fn move_into_place(&self, stale: &[PathBuf]) -> Result<()> {
        let mut staged = files_under(&self.folder);
        // The manifest last: a move cut short before it is finished by the
        // next run, which then reads the manifest of this one.
        staged.sort_by_key(|f| f.file_name().is_some_and(|n| n == manifest::FILE));
        for staged in staged {
            let relative = staged.strip_prefix(&self.folder).expect("a file under the staging folder");
            if relative == Path::new(COMPLETE) {
                continue;
            }
            if relative == Path::new(manifest::FILE) {
                remove_stale(&self.out, stale);
            }
            let target = self.out.join(relative);
            let folder = target.parent().expect("a file's folder");
            std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
            if std::fs::rename(&staged, &target).is_err() {
                // Another file system (out/ is a mount point): copy instead.
                let bytes = std::fs::read(&staged).map_err(|e| Error::read(&staged, e))?;
                write_atomically(&target, &bytes)?;
            }
        }
        Ok(())
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

/// Where `relative`, a path with "/" as the manifest writes it
/// ("bieu-mau/thon-1.pdf"), is under `folder` on this system.
pub fn under(folder: &Path, relative: &str) -> PathBuf {
    relative.split('/').fold(folder.to_owned(), |path, part| path.join(part))
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

/// The folder under out/ where a build keeps what the next can reuse (the
/// pieces of long summaries, see `crate::rebuild`). Its files are vanban's
/// alone, never a user's: replaced and removed without asking, and not
/// named to the user.
pub const CACHE: &str = ".vanban.pieces";

/// Whether `path` (under out/) is in vanban's cache.
pub fn in_cache(path: &Path) -> bool {
    path.components().any(|part| part.as_os_str() == CACHE)
}

/// What a run's commit did, for the user and for a watcher.
#[derive(Debug, Default)]
pub struct Committed {
    /// Every output of the run, sorted; those already there byte for byte
    /// are left as they were.
    pub written: Vec<PathBuf>,
    /// Those whose bytes differ from what was there before (new ones too).
    pub changed: Vec<PathBuf>,
    /// Of the changed, the ones where no file was before.
    pub new: Vec<PathBuf>,
    /// Stale outputs removed (builds only).
    pub removed: Vec<PathBuf>,
    /// What the user should hear: outputs written beside a changed file,
    /// stale ones kept or removed, files that are not vanban's.
    pub notices: Vec<Notice>,
    /// How many documents the run found as the last build made them, and
    /// did not lay out again (set by the batch, see `crate::rebuild`).
    pub reused: usize,
}

impl Committed {
    /// A file written where there was none: changed, and new.
    fn added(&mut self, path: PathBuf) {
        self.new.push(path.clone());
        self.changed.push(path);
    }
}

/// What the new version of a changed output is named after: "thon-1.ban-moi.pdf".
const BESIDE: &str = "ban-moi";

/// Removes the `stale` outputs under `out`, then each folder they leave empty.
fn remove_stale(out: &Path, stale: &[PathBuf]) {
    for path in stale {
        let _ = std::fs::remove_file(path);
        let mut folder = path.parent();
        while let Some(f) = folder.filter(|f| *f != out && f.starts_with(out)) {
            if std::fs::remove_dir(f).is_err() {
                break;
            }
            folder = f.parent();
        }
    }
}

/// Files an operating system leaves in folders, which are no one's documents.
fn system_file(name: &str) -> bool {
    name.starts_with('.') || name.eq_ignore_ascii_case("Thumbs.db") || name.eq_ignore_ascii_case("desktop.ini")
}

fn unreadable(path: &Path) -> Error {
    Error::Missing { path: path.to_owned() }
}

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
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6",
        "lpt7", "lpt8", "lpt9",
    ];
    match slug {
        "" => "don-vi".into(),
        reserved if RESERVED.contains(&reserved) => format!("{reserved}-don-vi"),
        slug => slug.into(),
    }
}

// What this module tells the user, in Vietnamese.

/// An output vanban would write where a file sits that is not what it
/// wrote there last (a filled-in form saved over its blank): that file stays.
fn kept_in_place(file: &Path, new: &Path) -> String {
    format!(
        "{} khác với bản vanban ghi lần trước (ví dụ biểu mẫu đã điền rồi lưu đè lên bản trống) nên được giữ nguyên; \
         bản mới ghi vào {}. Nếu không cần tệp cũ nữa, hãy chuyển nó đi chỗ khác rồi chạy lại",
        file.display(),
        new.display()
    )
}

/// A stale output the user changed: a build keeps it.
fn stale_kept(file: &Path) -> String {
    format!("{} không còn trong dữ liệu nhưng đã được sửa sau khi vanban ghi nên không bị xóa; nếu không cần nữa, hãy tự xóa", file.display())
}

/// Stale outputs a build removed.
fn stale_removed(files: &[PathBuf]) -> String {
    format!("đã xóa {} tệp vanban ghi lần trước mà dữ liệu nay không còn tạo ra:{}", files.len(), listed(files))
}

/// Files in vanban's output folders that vanban never wrote: left alone.
fn not_ours(files: &[PathBuf]) -> String {
    format!("{} tệp không phải do vanban tạo, vanban để nguyên:{}", files.len(), listed(files))
}

/// Files one to a line, indented under the message that names them.
fn listed(files: &[PathBuf]) -> String {
    files.iter().map(|f| format!("\n  {}", f.display())).collect()
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
        assert_eq!(staging.commit(false, &[]).unwrap().written, [out.join("sub/new.pdf")]);
        let mut left = walk(&folder);
        left.sort();
        assert_eq!(left, [manifest::FILE, "new.pdf", "old.pdf"]);
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

    /// A build's run: `files` staged, then committed into `out`.
    fn build(out: &Path, files: &[(&str, &[u8])]) -> Result<Committed> {
        let staging = Staging::begin(out)?;
        for (name, bytes) in files {
            write_staged(&staging.folder().join(name), bytes)?;
        }
        staging.commit(true, &[])
    }

    #[test]
    fn an_output_already_there_byte_for_byte_is_left_as_it_is() {
        let folder = std::env::temp_dir().join(format!("vanban-unchanged-{}", std::process::id()));
        let out = folder.join("out");
        build(&out, &[("a.pdf", b"a"), ("b.pdf", b"b")]).unwrap();
        let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400);
        std::fs::File::options().write(true).open(out.join("a.pdf")).unwrap().set_modified(long_ago).unwrap();
        let committed = build(&out, &[("a.pdf", b"a"), ("b.pdf", b"new b")]).unwrap();
        assert_eq!(committed.written, [out.join("a.pdf"), out.join("b.pdf")]);
        assert_eq!(committed.changed, [out.join("b.pdf")]);
        assert_eq!(std::fs::metadata(out.join("a.pdf")).unwrap().modified().unwrap(), long_ago, "a.pdf not replaced");
        std::fs::remove_dir_all(folder).unwrap();
    }

    #[test]
    fn a_move_cut_short_is_finished_by_the_next_run_as_it_meant() {
        let folder = std::env::temp_dir().join(format!("vanban-cut-short-{}", std::process::id()));
        let out = folder.join("out");
        build(&out, &[("a.pdf", b"a"), ("old.pdf", b"old")]).unwrap();
        // A folder where b.pdf goes stops the move at it, as a file locked
        // midway would: the stale old.pdf, removed last, is still there.
        std::fs::create_dir_all(out.join("b.pdf/in-the-way")).unwrap();
        assert!(build(&out, &[("a.pdf", b"new a"), ("b.pdf", b"b")]).is_err());
        assert!(out.join("old.pdf").exists() && folder.join(".out.vanban-staging").join(COMPLETE).exists());
        // The next run finishes the move and removes old.pdf as the cut-short run meant.
        std::fs::remove_dir_all(out.join("b.pdf")).unwrap();
        drop(Staging::begin(&out).unwrap());
        assert_eq!(std::fs::read(out.join("a.pdf")).unwrap(), b"new a");
        assert_eq!(std::fs::read(out.join("b.pdf")).unwrap(), b"b");
        assert!(!out.join("old.pdf").exists());
        let recorded: Vec<String> = Manifest::read(&out).unwrap().entries().map(|(path, _)| path.to_owned()).collect();
        assert_eq!(recorded, ["a.pdf", "b.pdf"]);
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
