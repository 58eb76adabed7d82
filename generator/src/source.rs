//! Stage 1, source: bytes of a page in, a [`Document`] of blocks out.
//!
//! The format is detected from the content, never from the file name. Each reader turns its format
//! into the same block model, so the extractor (stage 2) does not care how a page was written. Every
//! block and table row keeps the 1-based line it starts on, for provenance and diagnostics.

mod html;
mod markdown;
mod text;

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
    /// A fenced or indented code block, or a `<pre>` block.
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
    let format = detect(&text);
    let doc = match format {
        PageFormat::Markdown => markdown::read(&text),
        PageFormat::Html => html::read(&text),
        PageFormat::Text => text::read(&text),
    };
    Ok(doc)
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

fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let newlines = bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// Detects the format from content: a full HTML page, Markdown (tables with pipes, headings,
/// fences, front matter), or text extracted from HTML (none of those).
pub fn detect(_text: &str) -> PageFormat {
    todo!("format detection")
}
