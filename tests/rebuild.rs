//! `vanban build` again over the same out/: only the documents whose inputs
//! changed are laid out and written, and out/ is byte for byte what a full
//! build of the same data into an empty folder writes.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::common::{TempDir, copy_data, many_units, replace, tree, vanban};

/// Every file under `out` and its time of change: a file written again by
/// a build has a later one, whatever its bytes.
fn times(out: &Path) -> BTreeMap<String, SystemTime> {
    tree(out).into_iter().map(|(name, _)| (name.replace('\\', "/"), std::fs::metadata(out.join(&name)).unwrap().modified().unwrap())).collect()
}

/// The files written since `before`, by their time of change.
fn written_since(out: &Path, before: &BTreeMap<String, SystemTime>) -> Vec<String> {
    times(out).into_iter().filter(|(name, time)| before.get(name) != Some(time)).map(|(name, _)| name).filter(|n| !n.starts_with(".vanban")).collect()
}

/// `vanban build` with `args`: the files it listed as changed, and how many
/// documents it laid out, of how many, as its closing line says.
fn build(dir: &TempDir, args: &[&str]) -> (Vec<String>, String) {
    let (ok, stdout, stderr) = vanban(&dir.0, &[&["build", "--data", "data", "--out", "out"], args].concat());
    assert!(ok, "{stderr}");
    let laid_out = stderr.lines().last().and_then(|line| line.strip_prefix("vanban build: in ")).and_then(|rest| rest.split_once(" văn bản;"));
    let laid_out = laid_out.map(|(counts, _)| counts.to_owned()).unwrap_or_else(|| panic!("{stderr}"));
    (stdout.lines().map(|line| line.trim_start_matches("out/").to_owned()).collect(), laid_out)
}

/// out/ as a full build of the data in an empty folder writes it.
fn assert_full_build(dir: &TempDir) {
    let _ = std::fs::remove_dir_all(dir.join("full"));
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data", "--out", "full"]);
    assert!(ok, "{stderr}");
    let (now, full) = (tree(&dir.join("out")), tree(&dir.join("full")));
    assert_eq!(now.iter().map(|(n, _)| n).collect::<Vec<_>>(), full.iter().map(|(n, _)| n).collect::<Vec<_>>());
    for ((name, bytes), (_, expected)) in now.iter().zip(&full) {
        assert!(bytes == expected, "{name} differs from a full build's");
    }
}

#[test]
fn a_rebuild_writes_only_what_a_changed_report_makes_and_equals_a_full_build() {
    let dir = TempDir::new("rebuild");
    copy_data(&dir);
    let out = dir.join("out");
    let (all, laid_out) = build(&dir, &[]);
    assert!(all.len() > 50 && laid_out == "35/35", "a first build lays out and writes everything");
    let before = times(&out);

    // Nothing changed: nothing laid out, nothing written; nor when the data
    // folder is named another way (its path is in messages, not documents).
    assert_eq!(build(&dir, &[]), (Vec::new(), "0/35".to_owned()));
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", dir.join("data").to_str().unwrap(), "--out", "out"]);
    assert!(ok && stdout.is_empty() && stderr.contains(": in 0/35 văn bản;"), "{stdout}{stderr}");
    assert_eq!(written_since(&out, &before), Vec::<String>::new());

    // One count of the police's June report: its report, June's summary
    // and July's, which compares with June; nothing else.
    replace(&dir.join("data"), "reports/2026-06/CA.toml", "tong_so = 24", "tong_so = 25");
    let report = ["bao-cao/2026-06/cong-an-dac-khu.pdf"];
    let summaries =
        ["tong-hop/2026-06.csv", "tong-hop/2026-06.pdf", "tong-hop/2026-06.xlsx", "tong-hop/2026-07.csv", "tong-hop/2026-07.pdf", "tong-hop/2026-07.xlsx"];
    let expected: Vec<String> = report.iter().chain(&summaries).map(|f| f.to_string()).collect();
    assert_eq!(build(&dir, &[]), (expected.clone(), "3/35".to_owned()));
    assert_eq!(written_since(&out, &before), expected, "no other file written");
    assert_full_build(&dir);

    // A file changed by hand is laid out again, and (not vanban's output
    // any more) kept, the new one beside it, as a build always did.
    std::fs::write(out.join("huong-dan.pdf"), b"edited").unwrap();
    let before = times(&out);
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data", "--out", "out"]);
    assert!(ok && stdout == "out/huong-dan.ban-moi.pdf\n", "{stdout}{stderr}");
    assert_eq!(written_since(&out, &before), ["huong-dan.ban-moi.pdf"]);
    assert_eq!(std::fs::read(out.join("huong-dan.pdf")).unwrap(), b"edited");
}

#[test]
fn other_settings_fonts_or_force_lay_out_every_document_again() {
    let dir = TempDir::new("rebuild-settings");
    copy_data(&dir);
    let out = dir.join("out");
    build(&dir, &[]);
    let pdfs = |(files, _): (Vec<String>, String)| files.iter().filter(|f| f.ends_with(".pdf")).count();
    let all = times(&out).keys().filter(|f| f.ends_with(".pdf")).count();

    // Without PDF/A every PDF's bytes change; back with it, they change back.
    assert_eq!(pdfs(build(&dir, &["--no-pdfa"])), all);
    assert_eq!(pdfs(build(&dir, &[])), all);
    assert_full_build(&dir);

    // Another font folder, or --force: every document laid out again, to
    // the same bytes (no document asks for the fonts added), so every file
    // left as it was.
    for args in [&["--font-path", "/usr/share/fonts/truetype/croscore"][..], &["--force"]] {
        build(&dir, &[]);
        let before = times(&out);
        assert_eq!(build(&dir, args), (Vec::new(), "35/35".to_owned()), "{args:?}");
        assert_eq!(written_since(&out, &before), Vec::<String>::new(), "{args:?}");
    }
    assert_full_build(&dir);
}

/// A build killed after its files moved into out/ but before it wrote its
/// record leaves the record of the build before: the documents it laid out
/// are recorded with their old inputs, so the next build lays them out
/// again (and writes nothing new), and out/ is a full build's.
#[test]
fn a_build_killed_before_its_record_is_followed_by_a_right_one() {
    let dir = TempDir::new("rebuild-killed");
    copy_data(&dir);
    let out = dir.join("out");
    build(&dir, &[]);
    let record = std::fs::read(out.join(".vanban.inputs")).unwrap();
    replace(&dir.join("data"), "reports/2026-06/CA.toml", "tong_so = 24", "tong_so = 25");
    assert_eq!(build(&dir, &[]).1, "3/35");
    std::fs::write(out.join(".vanban.inputs"), record).unwrap();
    assert_eq!(build(&dir, &[]), (Vec::new(), "3/35".to_owned()));
    assert_full_build(&dir);
}

/// A summary long enough to be laid out a piece at a time keeps its pieces
/// for the next build (out/.vanban.pieces): one report changed, only the
/// pieces holding what it changes (its rows, the totals) are laid out again,
/// the others taken as they were, the summary's bytes a full build's, and
/// the pieces no summary uses any more removed.
#[test]
fn a_long_summary_lays_out_again_only_its_pieces_that_a_changed_report_changes() {
    let dir = TempDir::new("rebuild-pieces");
    many_units(&dir, 300);
    let out = dir.join("out");
    build(&dir, &[]);
    let pieces = |times: &BTreeMap<String, SystemTime>| {
        times.iter().filter(|(name, _)| name.starts_with(".vanban.pieces/")).map(|(n, t)| (n.clone(), *t)).collect::<BTreeMap<_, _>>()
    };
    let before = pieces(&times(&out));
    assert!(before.len() >= 4, "the summary of 300 units in pieces: {before:?}");

    replace(&dir.join("data"), "reports/2026-07/U1.toml", "tong_so = 100", "tong_so = 120");
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data", "--out", "out"]);
    let listed = ["out/bao-cao/2026-07/don-vi-thu-so-1.pdf", "out/tong-hop/2026-07.csv", "out/tong-hop/2026-07.pdf", "out/tong-hop/2026-07.xlsx"];
    assert!(ok && stdout.lines().eq(listed), "{stdout}{stderr}");
    // The pieces are vanban's cache: neither listed, nor counted, nor named
    // as removed.
    assert!(stderr.contains(": in 2/") && stderr.contains("đã xóa 0 tệp cũ") && !stderr.contains(".vanban.pieces"), "{stderr}");
    let after = pieces(&times(&out));
    let taken = after.iter().filter(|(name, time)| before.get(*name) == Some(time)).count();
    let new = after.keys().filter(|name| !before.contains_key(*name)).count();
    assert!(taken >= 1 && new >= 1 && taken + new == after.len(), "{taken} pieces taken as they were, {new} laid out again, of {}", after.len());
    assert_eq!(before.len() - before.keys().filter(|name| after.contains_key(*name)).count(), new, "as many gone as new");
    assert_full_build(&dir);

    // A piece damaged (here, a byte added) is not taken but laid out again
    // and put back, silently: it is vanban's, not a user's file.
    let (taken, _) = after.iter().find(|(name, time)| before.get(*name) == Some(time)).unwrap();
    let piece = out.join(taken);
    let mut bytes = std::fs::read(&piece).unwrap();
    bytes.push(b'\n');
    std::fs::write(&piece, bytes).unwrap();
    replace(&dir.join("data"), "reports/2026-07/U1.toml", "tong_so = 120", "tong_so = 100");
    let (ok, stdout, stderr) = vanban(&dir.0, &["build", "--data", "data", "--out", "out"]);
    assert!(ok && !stdout.contains(".vanban") && !stderr.contains("cảnh báo"), "{stdout}{stderr}");
    assert_full_build(&dir);
    let documents = stderr.lines().last().and_then(|line| line.split_once(" văn bản;")).and_then(|(counts, _)| counts.rsplit_once('/')).unwrap().1;
    assert_eq!(build(&dir, &[]), (Vec::new(), format!("0/{documents}")));
}

/// tat-ca.pdf holds every unit's form, exported in chunks of
/// `vanban::pdf::bundle::CHUNK` forms: a build keeps each chunk's PDF for
/// the next, so a unit renamed lays out again the forms of its chunk only,
/// not every unit's, and tat-ca.pdf is still a full build's.
#[test]
fn a_unit_renamed_lays_out_again_only_the_forms_of_its_chunk_of_tat_ca() {
    let chunk = vanban::pdf::bundle::CHUNK;
    let dir = TempDir::new("rebuild-chunks");
    many_units(&dir, chunk + 20);
    let (_, laid_out) = build(&dir, &[]);
    let documents: usize = laid_out.split_once('/').unwrap().1.parse().unwrap();
    let last = format!("Đơn vị thử số {}", chunk + 19);
    replace(&dir.join("data"), "units.toml", &format!("name = \"{last}\""), &format!("name = \"{last} mới\""));
    let (_, laid_out) = build(&dir, &[]);
    let (again, of) = laid_out.split_once('/').unwrap();
    let again: usize = again.parse().unwrap();
    // The last chunk's 20 forms and tat-ca.pdf, the unit's report, the summary.
    assert!(of == documents.to_string() && (22..=30).contains(&again), "{laid_out}: the first chunk's {chunk} forms are laid out again");
    assert_full_build(&dir);
}
