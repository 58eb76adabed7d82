//! The main job: extract every page under SPECS/sources, then generate the client into OUT.

use std::fmt;
use std::path::Path;

/// Options of the main job.
#[derive(Debug, Clone)]
pub struct Options {
    /// Write nothing; report stale files.
    pub check: bool,
    /// Overwrite hand-edited specs.
    pub force: bool,
    pub max_page_bytes: usize,
    /// Show a progress bar (stderr is a terminal).
    pub progress: bool,
}

/// The one line every run ends with.
#[derive(Debug, Clone, Default)]
pub struct Summary {}

impl Summary {
    /// True when the run succeeded (and, with `--check`, nothing was stale).
    pub fn ok(&self) -> bool {
        todo!()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

/// Errors that stop the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {}

/// Runs the main job.
pub fn run(_specs: &Path, _out: &Path, _options: &Options) -> Result<Summary, Error> {
    todo!()
}
