//! Stage 1, source: bytes of a page in, a [`Document`] of blocks out.
//!
//! The format is detected from the content, never from the file name. Each reader turns its format
//! into the same block model, so the extractor (stage 2) does not care how a page was written. Every
//! block and table row keeps the 1-based line it starts on, for provenance and diagnostics.

mod html;
mod markdown;
mod text;
mod tidy;

use crate::spec::PageFormat;
use std::collections::BTreeMap;

/// Pages larger than this are refused unless the caller raises the limit.
pub const DEFAULT_MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// A page, read into blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub format: PageFormat,
    /// Front matter keys and values (`title: "DescribeImages"`), quotes removed.
    pub front_matter: BTreeMap<String, String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(Heading),
    /// A paragraph, or any run of text that is not a table, list or code. Line breaks kept as `\n`.
    Paragraph {
        text: String,
        line: u32,
    },
    List {
        items: Vec<ListItem>,
        line: u32,
    },
    Table(Table),
    /// A fenced or indented code block, or a `<pre>` block. `line` is that of its first line of
    /// code (not of a fence).
    Code {
        lang: Option<String>,
        text: String,
        line: u32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    /// Plain text (`Result` for `### <div id="result">Result</div>`).
    pub text: String,
    /// An explicit anchor (`result` for `<div id="result">`, `DescribeDisks` for `{#DescribeDisks}`).
    pub anchor: Option<String>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub text: String,
    pub line: u32,
    pub children: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Header cells, plain text, trimmed.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Line of the header.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One entry per cell; a row may have fewer or more cells than the header.
    pub cells: Vec<String>,
    /// Line where the row starts.
    pub line: u32,
}

/// Why a page could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the page is empty")]
    Empty,
    #[error("the page is binary (a NUL byte at line {line}), not a documentation page")]
    Binary { line: u32 },
    #[error("the page is not valid UTF-8 at line {line}, byte {byte_offset}")]
    InvalidUtf8 { line: u32, byte_offset: usize },
    #[error("the page is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
}

impl ReadError {
    /// The line the error points at (1 for errors about the whole page).
    pub fn line(&self) -> u32 {
        match self {
            ReadError::Binary { line } | ReadError::InvalidUtf8 { line, .. } => *line,
            ReadError::Empty | ReadError::TooLarge { .. } => 1,
        }
    }

    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            ReadError::Empty => "save the page's content into the file, or remove the file",
            ReadError::Binary { .. } => "save the page as Markdown, HTML or text",
            ReadError::InvalidUtf8 { .. } => "convert the page to UTF-8 (e.g. `iconv -f GBK -t UTF-8`)",
            ReadError::TooLarge { .. } => "split the page, or raise the limit with --max-page-bytes",
        }
    }
}

/// Reads a page: checks its bytes, detects its format and parses it into blocks.
pub fn read(bytes: &[u8], max_bytes: usize) -> Result<Document, ReadError> {
    let text = decode(bytes, max_bytes)?;
    Ok(parse(&text, detect(&text)))
}

/// Reads a page in the given format, whatever its content looks like (for the fuzz targets, which
/// drive each reader on its own).
pub fn read_as(bytes: &[u8], max_bytes: usize, format: PageFormat) -> Result<Document, ReadError> {
    Ok(parse(&decode(bytes, max_bytes)?, format))
}

fn parse(text: &str, format: PageFormat) -> Document {
    match format {
        PageFormat::Markdown => markdown::read(text),
        PageFormat::Html => html::read(text),
        PageFormat::Text => text::read(text),
    }
}

/// Checks size, binary content and UTF-8, then normalises line endings and drops a BOM.
pub fn decode(bytes: &[u8], max_bytes: usize) -> Result<String, ReadError> {
    if bytes.len() > max_bytes {
        return Err(ReadError::TooLarge { size: bytes.len(), limit: max_bytes });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary { line: line_of(bytes, at) });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::InvalidUtf8 {
        line: line_of(bytes, e.valid_up_to()),
        byte_offset: e.valid_up_to(),
    })?;
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The 1-based line of byte `offset`, counting line breaks as [`decode`] does: `\n`, `\r\n` and a
/// lone `\r`.
fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let before = &bytes[..offset];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    u32::try_from(breaks + 1).unwrap_or(u32::MAX)
}

/// Detects the format from content: a full HTML page, Markdown (tables with pipes, headings,
/// fences, front matter), or text extracted from HTML (none of those).
pub fn detect(text: &str) -> PageFormat {
    let lower = text.to_ascii_lowercase();
    let starts_as_html = ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| skip_comments(&lower).starts_with(tag));
    if starts_as_html {
        return PageFormat::Html;
    }
    if looks_like_markdown(text, &lower) {
        return PageFormat::Markdown;
    }
    // A page that does not start as HTML but has its skeleton further down (after a stray line of
    // text, say) is still a full page; text extracted from HTML has no tags at all.
    if has_tag(&lower, "html") || has_tag(&lower, "body") {
        return PageFormat::Html;
    }
    PageFormat::Text
}

/// The text after leading whitespace, `<?xml …?>` declarations and HTML comments.
fn skip_comments(mut lower: &str) -> &str {
    loop {
        lower = lower.trim_start();
        let end = if lower.starts_with("<!--") {
            lower.find("-->").map(|at| at + 3)
        } else if lower.starts_with("<?") {
            lower.find("?>").map(|at| at + 2)
        } else {
            None
        };
        match end {
            Some(end) => lower = &lower[end..],
            None => return lower,
        }
    }
}

/// Whether `<name` occurs as a tag (followed by `>`, `/` or whitespace).
fn has_tag(lower: &str, name: &str) -> bool {
    let open = format!("<{name}");
    lower.match_indices(&open).any(|(at, _)| {
        lower[at + open.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
    })
}

/// Markdown markers: front matter, an ATX heading, a fence, a pipe-table delimiter row or an
/// embedded HTML table.
fn looks_like_markdown(text: &str, lower: &str) -> bool {
    if text.starts_with("---\n") || has_tag(lower, "table") {
        return true;
    }
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("```") || line.starts_with("~~~") || is_atx_heading(line) || is_delimiter_row(line)
    })
}

/// `# Title` … `###### Title`: one to six `#` followed by a space.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])
}

/// A pipe table's delimiter row: `|---|:--:|`, with at least one pipe.
pub(crate) fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('|') && delimiter_columns(line) > 0
}

/// The number of columns of a delimiter row, or 0 when the line is not one.
pub(crate) fn delimiter_columns(line: &str) -> usize {
    let line = line.trim();
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut columns = 0;
    for part in inner.split('|') {
        let part = part.trim();
        let dashes = part.trim_start_matches(':').trim_end_matches(':');
        if dashes.is_empty() || !dashes.bytes().all(|b| b == b'-') {
            return 0;
        }
        columns += 1;
    }
    columns
}
