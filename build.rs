//! Embeds the default campaign data (every file under data/) so that the
//! binary runs from any folder, and names the build by what it is made
//! from (VANBAN_BUILD), so that a rebuild renders again what a new vanban
//! would render otherwise.

use std::fmt::Write;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("data");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();

    let mut sources = files.clone();
    for part in ["src", "templates", "fonts"] {
        println!("cargo:rerun-if-changed={}", manifest.join(part).display());
        collect(&manifest.join(part), &mut sources);
    }
    for file in ["Cargo.lock", "Cargo.toml", "build.rs"] {
        println!("cargo:rerun-if-changed={}", manifest.join(file).display());
        sources.push(manifest.join(file));
    }
    sources.sort();
    // Two SipHashes of every source's name and bytes: a name for a cache, not a seal.
    let (mut first, mut second) = (std::hash::DefaultHasher::new(), std::hash::DefaultHasher::new());
    second.write(b"vanban");
    for file in &sources {
        for hasher in [&mut first, &mut second] {
            hasher.write(file.strip_prefix(manifest).unwrap().to_string_lossy().as_bytes());
            hasher.write(&std::fs::read(file).unwrap_or_default());
        }
    }
    println!("cargo:rustc-env=VANBAN_BUILD={:016x}{:016x}", first.finish(), second.finish());

    let mut code = String::from("pub static EMBEDDED: &[(&str, &[u8])] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.strip_prefix(&root).unwrap().to_str().expect("data file names are UTF-8");
        writeln!(code, "    ({:?}, include_bytes!({:?})),", name.replace('\\', "/"), file).unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_data.rs");
    std::fs::write(out, code).unwrap();
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
