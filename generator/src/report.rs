//! Diagnostics as rustc prints them: a page's [`Diagnostic`]s and [`PageError`]s → text for stderr.
//!
//! Input is the page path, the page bytes (for the source line) and what extraction said; output is
//! the text codespan-reporting renders: `severity[code]: message`, the file and line, the source
//! line itself, then `= help: …`.

use crate::page_error::PageError;
use crate::spec::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

/// Renders a page error. `page` is the page's bytes (empty when unreadable): the line is shown
/// from it when it is text.
pub fn render_error(error: &PageError, page: &[u8], color: bool) -> String {
    let report =
        Report::error().with_message(&error.message).with_notes(vec![format!("help: {}", error.help)]);
    render(&error.file, page, error.line, None, report, color)
}

/// How much of a page's diagnostics a run shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Verbosity {
    /// None.
    Quiet,
    /// Errors and warnings.
    #[default]
    Normal,
    /// Notes too.
    Verbose,
}

/// Diagnostics shown per page at most; the rest are counted.
pub const MAX_PER_PAGE: usize = 10;

/// Renders the diagnostics of a page that `verbosity` shows, at most [`MAX_PER_PAGE`], then a line
/// counting the rest. Empty when there is nothing to show.
pub fn render_page(
    file: &str,
    page: &[u8],
    diagnostics: &[Diagnostic],
    verbosity: Verbosity,
    color: bool,
) -> String {
    let shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| match verbosity {
            Verbosity::Quiet => false,
            Verbosity::Normal => d.severity != Severity::Note,
            Verbosity::Verbose => true,
        })
        .collect();
    let kept: Vec<Diagnostic> = shown.iter().take(MAX_PER_PAGE).map(|d| (*d).clone()).collect();
    let mut out = render_diagnostics(file, page, &kept, color);
    if shown.len() > MAX_PER_PAGE {
        out.push_str(&format!(
            "note: {} more diagnostics on {file} are not shown; the spec lists them all\n\n",
            shown.len() - MAX_PER_PAGE
        ));
    }
    out
}

/// Renders every diagnostic of a page, in order.
pub fn render_diagnostics(file: &str, page: &[u8], diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = match diagnostic.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
            Severity::Note => Report::note(),
        }
        .with_code(&diagnostic.code)
        .with_message(&diagnostic.message)
        .with_notes(diagnostic.help.iter().map(|h| format!("help: {h}")).collect());
        out.push_str(&render(file, page, diagnostic.line, diagnostic.end_line, report, color));
    }
    out
}

fn render(
    file: &str,
    page: &[u8],
    line: u32,
    end_line: Option<u32>,
    report: Report<()>,
    color: bool,
) -> String {
    // A page that is not UTF-8 has no line to show; the message still names the file and line.
    let text = std::str::from_utf8(page).unwrap_or("");
    let report = match line_span(text, line, end_line) {
        Some(span) => report.with_labels(vec![Label::primary((), span)]),
        None => {
            let mut notes = vec![format!("at {file}:{line}")];
            notes.extend(report.notes);
            Report { notes, ..report }
        }
    };
    let files = SimpleFile::new(file, text);
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    let config = Config::default();
    match term::emit(&mut buffer, &config, &files, &report) {
        Ok(()) => String::from_utf8_lossy(buffer.as_slice()).into_owned(),
        Err(e) => format!("{file}:{line}: {} (could not render: {e})\n", report.message),
    }
}

/// The byte range of lines `line..=end_line` (1-based) without their line breaks and leading
/// blanks, or `None` when the text has no such line.
fn line_span(text: &str, line: u32, end_line: Option<u32>) -> Option<std::ops::Range<usize>> {
    let first = usize::try_from(line).ok()?.checked_sub(1)?;
    let last =
        end_line.and_then(|l| usize::try_from(l).ok()).map_or(first, |l| l.saturating_sub(1).max(first));
    let mut start = None;
    let mut end = None;
    let mut offset = 0;
    for (index, content) in text.split('\n').enumerate() {
        if index == first {
            let indent = content.len() - content.trim_start().len();
            start = Some(offset + indent);
        }
        if index == last {
            end = Some(offset + content.trim_end().len());
            break;
        }
        offset += content.len() + 1;
    }
    let (start, end) = (start?, end?);
    Some(start..end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_line_source_and_help() {
        let page = "# T\n\n| a | b |\n|---|---|\n| x | Widget |\n";
        let error = PageError {
            file: "p.md".into(),
            line: 5,
            message: "unknown type word `Widget`".into(),
            help: "write a known type word".into(),
        };
        let text = render_error(&error, page.as_bytes(), false);
        assert!(text.starts_with("error: unknown type word `Widget`"), "{text}");
        assert!(text.contains("p.md:5:1"), "{text}");
        assert!(text.contains("| x | Widget |"), "{text}");
        assert!(text.contains("= help: write a known type word"), "{text}");
    }

    #[test]
    fn diagnostics_carry_their_code_and_lines_outside_the_page_still_say_where() {
        let diagnostic = Diagnostic {
            line: 40,
            end_line: None,
            severity: Severity::Warning,
            code: "typo".into(),
            message: "m".into(),
            help: None,
            ..Diagnostic::default()
        };
        let text = render_diagnostics("p.md", b"one line\n", &[diagnostic], false);
        assert!(text.starts_with("warning[typo]: m"), "{text}");
        assert!(text.contains("at p.md:40"), "{text}");
        let text = render_error(
            &PageError { file: "b.bin".into(), line: 3, message: "binary".into(), help: "h".into() },
            b"\xff\xfe",
            false,
        );
        assert!(text.contains("at b.bin:3"), "{text}");
    }

    #[test]
    fn a_page_report_shows_what_the_verbosity_asks_and_counts_the_rest() {
        let diagnostic = |line: u32, severity: Severity| {
            Diagnostic::at_line(line, severity, "c", format!("m{line}"), None)
        };
        let mut diagnostics = vec![diagnostic(1, Severity::Note), diagnostic(2, Severity::Warning)];
        let page = b"a\nb\n";
        let normal = render_page("p.md", page, &diagnostics, Verbosity::Normal, false);
        assert!(normal.contains("warning[c]: m2") && !normal.contains("m1"), "{normal}");
        let verbose = render_page("p.md", page, &diagnostics, Verbosity::Verbose, false);
        assert!(verbose.contains("note[c]: m1") && verbose.contains("m2"), "{verbose}");
        assert_eq!(render_page("p.md", page, &diagnostics, Verbosity::Quiet, false), "");
        diagnostics.extend((3..20).map(|line| diagnostic(line, Severity::Error)));
        let capped = render_page("p.md", page, &diagnostics, Verbosity::Normal, false);
        assert_eq!(capped.matches("error[c]").count() + capped.matches("warning[c]").count(), MAX_PER_PAGE);
        assert!(capped.contains("note: 8 more diagnostics on p.md are not shown"), "{capped}");
    }

    #[test]
    fn spans_cover_whole_lines() {
        assert_eq!(line_span("ab\n  cd \nef", 2, None), Some(5..7));
        assert_eq!(line_span("ab\ncd\nef", 1, Some(3)), Some(0..8));
        assert_eq!(line_span("ab", 2, None), None);
        assert_eq!(line_span("ab", 0, None), None);
    }
}
