//! A progress bar for long runs, on standard error, only when it is a
//! terminal: CI logs and pipes get nothing but the final summary line.
//! How much is said (`-q`, `-v`) is kept here too.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs shorter than this many articles finish before a bar is worth it.
const WORTH_A_BAR: usize = 500;

/// How much a run says on standard error besides its report and errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `-q`: diagnostics and errors only, no summary line and no bar.
    Quiet = 0,
    Normal = 1,
    /// `-v`: also what was read and how long each stage took.
    Verbose = 2,
}

/// One per process: set once by the command line, read by every stage.
static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

pub fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// A summary or progress line on standard error, unless `-q`.
pub fn say(line: &str) {
    if verbosity() > Verbosity::Quiet {
        eprintln!("{line}");
    }
}

/// With `-v`: `helpc: STAGE: WHAT (1.23s)` on standard error, the time since `since`.
pub fn stage(name: &str, what: &str, since: Instant) {
    if verbosity() == Verbosity::Verbose {
        let took = since.elapsed().as_secs_f64();
        if what.is_empty() {
            eprintln!("helpc: {name}: {took:.3}s");
        } else {
            eprintln!("helpc: {name}: {what} ({took:.3}s)");
        }
    }
}

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar over `total` steps, shown if standard error is a terminal.
    pub fn new(total: usize, verb: &'static str) -> Progress {
        let shown = total >= WORTH_A_BAR
            && verbosity() > Verbosity::Quiet
            && std::io::stderr().is_terminal();
        Progress::with(total, verb, shown)
    }

    /// Never drawn.
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    fn with(total: usize, verb: &'static str, shown: bool) -> Progress {
        if !shown {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let style =
            ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} articles ({eta} left)")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_prefix(verb);
        Progress { bar: Some(bar) }
    }

    pub fn advance(&self, steps: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(steps as u64);
        }
    }

    /// Clears the bar: the summary line takes its place.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_without_a_terminal_or_for_small_runs() {
        // Tests run with standard error captured: no terminal.
        assert!(Progress::new(100_000, "checking").bar.is_none());
        let shown = Progress::with(10, "building", true);
        assert!(shown.bar.is_some());
        shown.advance(3);
        assert_eq!(shown.bar.as_ref().map(|b| b.position()), Some(3));
        shown.finish();
    }
}
