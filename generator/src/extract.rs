//! Stage 2, extract: a page's [`Document`](crate::source::Document) → an [`ApiSpec`](crate::spec::ApiSpec).
//!
//! Submodules by concern: `tables` (column roles), `types` (type words), `prose` (what descriptions
//! say: enums, defaults, ranges, formats, deprecation, conditions), `request` (parameter tables),
//! `response` (answer types and their nesting), `examples` (request URLs, JSON and XML answers),
//! `errors` (error-code and status tables), `http` (method, path, endpoint), `reconcile` (tables
//! against examples).

mod errors;
mod examples;
mod http;
mod prose;
mod reconcile;
mod request;
mod response;
mod tables;
mod types;

use crate::spec::{Diagnostic, Profile, Severity};
use std::path::{Path, PathBuf};

/// Options of `generator extract`.
#[derive(Debug, Clone)]
pub struct Options {
    pub max_page_bytes: usize,
    /// Colour the diagnostics (stderr is a terminal).
    pub color: bool,
}

/// State shared by the extraction of one page: where it is, its provider, what went wrong.
pub(crate) struct Ctx<'a> {
    /// The page path as shown in diagnostics.
    pub page: &'a str,
    pub profile: Option<&'a Profile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub fn diagnose(
        &mut self,
        line: u32,
        severity: Severity,
        code: &str,
        message: String,
        help: Option<String>,
    ) {
        self.diagnostics.push(Diagnostic { line, severity, code: code.to_owned(), message, help });
    }
}

/// Prints the spec of each page to stdout (one YAML document each) and its diagnostics to stderr.
/// Returns false when some page could not be read.
pub fn print_specs(
    _pages: &[PathBuf],
    _provider: Option<&str>,
    _providers: &Path,
    _options: &Options,
) -> std::io::Result<bool> {
    todo!()
}
