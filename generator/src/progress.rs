//! A one-line progress bar on stderr, shared by the threads of a stage (pages extracted, APIs
//! generated).

use std::sync::atomic::{AtomicUsize, Ordering};

/// A progress bar drawn only when enabled (stderr is a terminal).
pub(crate) struct Progress {
    label: &'static str,
    total: usize,
    done: AtomicUsize,
    enabled: bool,
}

impl Progress {
    pub(crate) fn new(label: &'static str, total: usize, enabled: bool) -> Self {
        Progress { label, total, done: AtomicUsize::new(0), enabled }
    }

    /// Counts one item done, and redraws now and then.
    pub(crate) fn tick(&self) {
        if !self.enabled {
            return;
        }
        let (n, total) = (self.done.fetch_add(1, Ordering::Relaxed) + 1, self.total);
        // Redrawing every item would cost more than the item on large trees.
        if n == total || n.is_multiple_of(64) {
            let width = 30;
            let filled = n * width / total.max(1);
            eprint!("\r[{}{}] {n}/{total} {}", "#".repeat(filled), " ".repeat(width - filled), self.label);
            if n == total {
                eprintln!();
            }
        }
    }
}
