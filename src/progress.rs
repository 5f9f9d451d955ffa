//! A progress bar for batch work, drawn on stderr only when it is a terminal.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

pub struct Progress {
    label: String,
    total: usize,
    state: Option<Mutex<usize>>,
}

impl Progress {
    pub fn new(label: &str, total: usize) -> Self {
        let state = std::io::stderr().is_terminal().then(|| Mutex::new(0));
        let progress = Self { label: label.to_owned(), total, state };
        progress.draw(0);
        progress
    }

    /// One more item done.
    pub fn tick(&self) {
        if let Some(state) = &self.state {
            let mut done = state.lock().unwrap();
            *done += 1;
            self.draw(*done);
        }
    }

    fn draw(&self, done: usize) {
        if self.state.is_none() {
            return;
        }
        const WIDTH: usize = 30;
        let filled = if self.total == 0 { WIDTH } else { done * WIDTH / self.total };
        let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{} [{bar}] {done}/{}", self.label, self.total);
        let _ = stderr.flush();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.state.is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
