//! `vanban watch` driven as a user would: it builds, rebuilds what a changed
//! report affects, and on a mistake shows the message and keeps the PDFs.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crate::common::{TempDir, copy_data, tree};

/// The running watcher, killed when dropped. Its stdout and stderr share one
/// pipe, so that lines arrive in the order it wrote them.
struct Watcher {
    child: Child,
    lines: Receiver<String>,
}

impl Watcher {
    fn start(dir: &TempDir) -> Self {
        let (reader, writer) = std::io::pipe().unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["watch", "--data", "data", "--out", "out"])
            .current_dir(&dir.0)
            .stdout(writer.try_clone().unwrap())
            .stderr(writer)
            .spawn()
            .unwrap();
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(reader).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Self { child, lines }
    }

    /// What one build printed, up to the line that says it waits again:
    /// (the files it wrote anew, its messages).
    fn next_build(&self) -> (Vec<String>, Vec<String>) {
        let (mut files, mut messages) = (Vec::new(), Vec::new());
        loop {
            let line = self.lines.recv_timeout(Duration::from_secs(120)).expect("vanban watch answers");
            if line.starts_with("out/") {
                files.push(line);
            } else if line.starts_with("vanban watch: đang chờ thay đổi trong data") {
                return (files, messages);
            } else {
                messages.push(line);
            }
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_changed_report_rebuilds_its_pdf_and_the_summary_and_a_mistake_keeps_the_pdfs() {
    let dir = TempDir::new("watch");
    let data = copy_data(&dir);
    let watcher = Watcher::start(&dir);
    let (first, _) = watcher.next_build();
    assert!(first.contains(&"out/cong-van-769.pdf".to_owned()), "{first:?}");

    // One count of Thôn 1's July report: its PDF and the July summary, nothing else.
    let report = data.join("reports/2026-07/T1.toml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replacen("da_cai = 9\n", "da_cai = 8\n", 1)).unwrap();
    let (rebuilt, messages) = watcher.next_build();
    assert_eq!(
        rebuilt,
        ["out/bao-cao/2026-07/thon-1.pdf", "out/tong-hop/2026-07.csv", "out/tong-hop/2026-07.pdf", "out/tong-hop/2026-07.xlsx"],
        "{messages:?}"
    );
    let n = first.len();
    // Laid out again: Thôn 1's report and the month's summary, of 35 documents.
    let closing = format!("vanban watch: in 2/35 văn bản; {n} tệp — 0 mới, 4 thay đổi, {} giữ nguyên; đã xóa 0 tệp cũ", n - 4);
    assert_eq!(messages.last(), Some(&closing), "{messages:?}");

    // A mistake: the message, and out/ as the last good build left it.
    let good = tree(&dir.join("out"));
    std::fs::write(&report, format!("{}\nx = = 1\n", text)).unwrap();
    let (rebuilt, messages) = watcher.next_build();
    assert!(rebuilt.is_empty(), "{rebuilt:?}");
    assert!(messages.iter().any(|m| m.starts_with("lỗi: data/reports/2026-07/T1.toml, dòng ")), "{messages:?}");
    assert!(tree(&dir.join("out")) == good, "the last good PDFs stay");

    // Mended, it builds again.
    std::fs::write(&report, &text).unwrap();
    let (rebuilt, _) = watcher.next_build();
    assert!(rebuilt.contains(&"out/bao-cao/2026-07/thon-1.pdf".to_owned()), "{rebuilt:?}");
}
