//! The corpus evaluation: extract every page of a corpus and score it against its truth.

use std::fmt;
use std::path::Path;

/// Figures per corpus set.
#[derive(Debug, Clone, Default)]
pub struct Report {}

impl Report {
    /// Every set meets the targets (no failed page, name recall at least 98%).
    pub fn meets_targets(&self) -> bool {
        todo!()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

/// Extracts and scores every page under `dir`.
pub fn run(_dir: &Path) -> std::io::Result<Report> {
    todo!()
}
