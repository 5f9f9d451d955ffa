//! Writing outputs so that a reader never finds half a file: each is written
//! beside its place under a temporary name, then renamed over it. A process
//! killed at any moment leaves the old file or the new one, never a part.
//! (No fsync: it guards only against a crash of the whole machine and costs
//! a third of a millisecond a file, which a batch of a thousand forms feels.)

use std::io::Write;
use std::path::Path;

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
