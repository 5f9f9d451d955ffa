//! The Windows program as a clerk gets it: the release archive, unpacked
//! into a folder with a Vietnamese name and run under Wine. `bash .ci/run`
//! builds the archives (scripts/dist) and runs these tests with
//! VANBAN_DIST pointing at them; a plain `cargo test` skips them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crate::common::{TempDir, tree, vanban};

const ZIP_ROOT: &str = "vanban-0.1.0-x86_64-pc-windows-gnu";

fn dist() -> PathBuf {
    let dist = std::env::var_os("VANBAN_DIST").expect("VANBAN_DIST names the folder scripts/dist wrote (bash .ci/run sets it)");
    PathBuf::from(dist)
}

fn python(args: &[&str]) -> String {
    let output = Command::new("python3").args(args).output().expect("python3");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The archive's entries, by name.
fn zip_entries(zip: &Path) -> Vec<String> {
    let script = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))";
    python(&["-c", script, zip.to_str().unwrap()]).lines().map(String::from).collect()
}

fn tar_entries(tar: &Path) -> Vec<String> {
    let script = "import sys, tarfile; print('\\n'.join(tarfile.open(sys.argv[1]).getnames()))";
    python(&["-c", script, tar.to_str().unwrap()]).lines().map(String::from).collect()
}

#[test]
#[ignore = "needs scripts/dist and Wine: bash .ci/run runs it"]
fn the_archives_hold_the_program_its_readme_and_licences() {
    let zip = dist().join(format!("{ZIP_ROOT}.zip"));
    let files = ["LICENSE", "README.md", "THIRD-PARTY.txt", "fonts/LICENSE-DejaVu.txt", "fonts/LICENSE-OFL.txt"];
    let mut expected: Vec<String> = files.iter().chain(&["vanban.exe"]).map(|f| format!("{ZIP_ROOT}/{f}")).collect();
    expected.sort();
    assert_eq!(zip_entries(&zip), expected);

    let linux_root = ZIP_ROOT.replace("x86_64-pc-windows-gnu", "x86_64-unknown-linux-gnu");
    let tar = dist().join(format!("{linux_root}.tar.gz"));
    let mut expected: Vec<String> = files.iter().chain(&["vanban"]).map(|f| format!("{linux_root}/{f}")).collect();
    expected.sort();
    assert_eq!(tar_entries(&tar), expected);

    let read = "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())";
    let third_party = python(&["-c", read, zip.to_str().unwrap(), &format!("{ZIP_ROOT}/THIRD-PARTY.txt")]);
    assert!(third_party.lines().any(|line| line == "typst v0.15.1: Apache-2.0"), "crates with their licences: {third_party}");
}

/// The zip unpacked into `folder`, with the stand-in DLL that Wine lacks.
fn unpack(folder: &Path) -> PathBuf {
    let zip = dist().join(format!("{ZIP_ROOT}.zip"));
    python(&["-m", "zipfile", "-e", zip.to_str().unwrap(), folder.to_str().unwrap()]);
    let program = folder.join(ZIP_ROOT);
    mingw(&["-shared"], "bcryptprimitives.c", &program.join("bcryptprimitives.dll"), &["-ladvapi32"]);
    program
}

/// Compiles a C file of tests/wine into the Windows program or library `output`.
fn mingw(flags: &[&str], source: &str, output: &Path, libraries: &[&str]) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wine").join(source);
    let built = Command::new("x86_64-w64-mingw32-gcc")
        .args(flags)
        .args(["-O2", "-o"])
        .arg(output)
        .arg(source)
        .args(libraries)
        .status()
        .expect("x86_64-w64-mingw32-gcc (Debian's gcc-mingw-w64-x86-64)");
    assert!(built.success());
}

/// The Windows program `exe` of `dir`, to run under Wine in `dir` with the prefix `prefix`.
fn under_wine(dir: &Path, prefix: &Path, exe: &str) -> Command {
    let mut command = Command::new("/usr/lib/wine/wine64");
    command.arg(dir.join(exe)).current_dir(dir).env("WINEDEBUG", "-all").env("WINEPREFIX", prefix).env_remove("DISPLAY");
    command
}

/// Runs vanban.exe under Wine in `dir`; returns (exit code, stdout, stderr).
fn wine(dir: &Path, prefix: &Path, args: &[&str]) -> (i32, String, String) {
    let output = under_wine(dir, prefix, "vanban.exe").args(args).output().expect("Wine (Debian's wine and wine64)");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("the program writes UTF-8");
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

#[test]
#[ignore = "needs scripts/dist and Wine: bash .ci/run runs it"]
fn the_windows_program_builds_what_the_linux_one_does() {
    let scratch = TempDir::new("wine");
    let prefix = scratch.join("wine-prefix");
    let folder = scratch.join("Báo cáo Bạch Long Vĩ");
    std::fs::create_dir_all(&folder).unwrap();
    let program = unpack(&folder);

    // From the built-in data, in a folder with a Vietnamese name.
    let (code, stdout, said) = wine(&program, &prefix, &["build"]);
    assert_eq!(code, 0, "{stdout}\n{said}");
    assert!(stdout.lines().any(|line| line.replace('\\', "/") == "out/cong-van-769.pdf"), "{stdout}");
    let linux = TempDir::new("wine-linux");
    let (ok, _, stderr) = vanban(&linux.0, &["build"]);
    assert!(ok, "{stderr}");
    let (windows, linux) = (tree(&program.join("out")), tree(&linux.join("out")));
    assert_eq!(windows.len(), linux.len());
    // The closing line, its dash and accents intact, counts every file but
    // the manifest and the record of what each document was made from.
    let n = stdout.lines().count();
    assert_eq!(n, windows.len() - 2, "{stdout}");
    let closing = format!("vanban build: in 35/35 văn bản; {n} tệp — {n} mới, 0 thay đổi, 0 giữ nguyên; đã xóa 0 tệp cũ");
    assert_eq!(said.lines().last(), Some(closing.as_str()), "{said}");
    for ((w_name, w_bytes), (l_name, l_bytes)) in windows.iter().zip(&linux) {
        assert_eq!(w_name.replace('\\', "/"), *l_name);
        assert!(w_bytes == l_bytes, "{l_name} differs between Windows and Linux");
    }

    // init, then build from that data, named with backslashes and a drive letter.
    let (code, _, stderr) = wine(&program, &prefix, &["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(program.join("vanban-du-lieu/campaign.toml").is_file());
    let data = format!("Z:{}", program.join("vanban-du-lieu").to_str().unwrap().replace('/', "\\"));
    let (code, stdout, stderr) = wine(&program, &prefix, &["build", "--data", &data, "--out", "ra\\lần-2"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(program.join("ra/lần-2/cong-van-769.pdf").is_file(), "{stdout}");

    // A mistake in the data: one Vietnamese message, intact, and exit code 1.
    let units = program.join("vanban-du-lieu/units.toml");
    let text = std::fs::read_to_string(&units).unwrap();
    std::fs::write(&units, text.replacen("name = ", "nam = ", 1)).unwrap();
    let (code, _, stderr) = wine(&program, &prefix, &["check", "--data", &data]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("lỗi: "), "{stderr}");
    assert!(stderr.contains("units.toml, dòng ") && stderr.contains("trường “nam”"), "{stderr}");
}

/// A file of `dir` held open under Wine as a PDF reader holds it (reads
/// shared, deletion not) by tests/wine/hold.c, until dropped. Programs of
/// one Wine prefix share a wineserver, which enforces the sharing as
/// Windows does.
struct Held(Child);

impl Held {
    fn open(dir: &Path, prefix: &Path, file: &str) -> Self {
        let mut child = under_wine(dir, prefix, "hold.exe").arg(file).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("Wine");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim_end(), "held", "hold.exe {file}");
        Self(child)
    }
}

impl Drop for Held {
    /// Closes its standard input: hold.exe then lets the file go and ends.
    fn drop(&mut self) {
        drop(self.0.stdin.take());
        let _ = self.0.wait();
    }
}

/// vanban.exe watch under Wine, what it says on its standard error read as
/// it comes, killed when dropped.
struct Watching {
    child: Child,
    said: Receiver<String>,
}

impl Watching {
    fn start(dir: &Path, prefix: &Path, args: &[&str]) -> Self {
        let mut child = under_wine(dir, prefix, "vanban.exe").arg("watch").args(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("Wine");
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let (send, said) = channel();
        std::thread::spawn(move || stderr.lines().map_while(Result::ok).try_for_each(|line| send.send(line)));
        Self { child, said }
    }

    /// What it says before a line starting with `start`, waiting for that line.
    fn until(&self, start: &str) -> Vec<String> {
        let mut said = Vec::new();
        loop {
            match self.said.recv_timeout(Duration::from_secs(120)) {
                Ok(line) if line.starts_with(start) => return said,
                Ok(line) => said.push(line),
                Err(_) => panic!("vanban watch never said “{start}”, only {said:?}"),
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "needs scripts/dist and Wine: bash .ci/run runs it"]
fn a_file_held_open_stops_the_build_with_out_untouched_and_watch_waits_for_it() {
    let scratch = TempDir::new("wine-held");
    let prefix = scratch.join("wine-prefix");
    let program = unpack(&scratch.0);
    mingw(&["-municode"], "hold.c", &program.join("hold.exe"), &[]);
    let (code, _, stderr) = wine(&program, &prefix, &["init"]);
    assert_eq!(code, 0, "{stderr}");
    let build = |out: &str| wine(&program, &prefix, &["build", "--data", "vanban-du-lieu", "--out", out]);
    let (code, _, stderr) = build("out");
    assert_eq!(code, 0, "{stderr}");

    // The dispatch redated and Thôn 3 renamed: the next build replaces the
    // dispatch and every month's summary, and removes Thôn 3's old form and workbook.
    let data = program.join("vanban-du-lieu");
    for (file, from, to) in [("cong-van-769.toml", "date = 2026-06-01", "date = 2026-06-02"), ("units.toml", "name = \"Thôn 3\"", "name = \"Thôn Ba\"")] {
        let text = std::fs::read_to_string(data.join(file)).unwrap();
        assert!(text.contains(from), "{file}");
        std::fs::write(data.join(file), text.replacen(from, to, 1)).unwrap();
    }
    let before = tree(&program.join("out"));
    // The dispatch, first in out/, then a summary, among the last to move.
    for file in ["out\\cong-van-769.pdf", "out\\tong-hop\\2026-07.pdf"] {
        let _held = Held::open(&program, &prefix, file);
        let (code, _, stderr) = build("out");
        assert_eq!(code, 1, "{stderr}");
        let message = format!("lỗi: không ghi được {file}: tệp đang mở trong một chương trình khác, ví dụ trình đọc PDF: hãy đóng nó rồi chạy lại.");
        assert!(stderr.lines().any(|line| line == message), "{stderr}");
        assert!(tree(&program.join("out")) == before, "out/ untouched while {file} is held");
        assert!(!program.join(".out.vanban-staging").exists());
    }

    // vanban watch waits for the summary to be closed, then builds; the
    // guide, which the build leaves as it is, may stay open.
    let guide = Held::open(&program, &prefix, "out\\huong-dan.pdf");
    let held = Held::open(&program, &prefix, "out\\tong-hop\\2026-07.pdf");
    let watching = Watching::start(&program, &prefix, &["--data", "vanban-du-lieu", "--out", "out"]);
    watching.until("vanban watch: đang chờ out\\tong-hop\\2026-07.pdf được đóng (tệp đang mở trong một chương trình khác");
    assert!(tree(&program.join("out")) == before, "out/ untouched while vanban watch waits");
    drop(held);
    let said = watching.until("vanban watch: đang chờ thay đổi trong vanban-du-lieu");
    drop((watching, guide));
    assert!(said.iter().any(|line| line.starts_with("đã xóa 2 tệp vanban ghi lần trước")), "{said:?}");

    // out/ is what a fresh build of the data makes.
    let (code, _, stderr) = build("fresh");
    assert_eq!(code, 0, "{stderr}");
    let (now, fresh) = (tree(&program.join("out")), tree(&program.join("fresh")));
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&now), names(&fresh));
    assert!(now == fresh, "out/ byte-identical to a fresh build, its manifest too");
}
