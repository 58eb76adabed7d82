//! Stage 2, extract: a page's [`Document`](crate::source::Document) → an [`ApiSpec`](crate::spec::ApiSpec).

use std::path::{Path, PathBuf};

/// Options of `generator extract`.
#[derive(Debug, Clone)]
pub struct Options {
    pub max_page_bytes: usize,
    /// Colour the diagnostics (stderr is a terminal).
    pub color: bool,
}

/// Prints the spec of each page to stdout (one YAML document each) and its diagnostics to stderr.
/// Returns false when some page could not be read.
pub fn print_specs(_pages: &[PathBuf], _provider: Option<&str>, _providers: &Path, _options: &Options) -> std::io::Result<bool> {
    todo!()
}
