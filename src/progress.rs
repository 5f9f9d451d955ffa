//! A progress bar for batch work, with the rate and the time left, drawn on
//! stderr only when it is a terminal (indicatif hides itself elsewhere).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

pub struct Progress(ProgressBar);

impl Progress {
    pub fn new(label: &str, total: usize) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        // Every word Vietnamese: the rate and the time left are written here,
        // not in indicatif's English units.
        let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} · {rate} · còn {left}")
            .expect("the template is valid")
            .progress_chars("#>-")
            .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} tệp/giây", state.per_sec());
            })
            .with_key("left", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{} giây", state.eta().as_secs());
            });
        bar.set_style(style);
        bar.set_message(label.to_owned());
        Self(bar)
    }

    /// One more item done.
    pub fn tick(&self) {
        self.0.inc(1);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
