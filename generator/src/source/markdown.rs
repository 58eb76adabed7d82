//! Markdown reader: the text of a Markdown page in, a [`Document`] out.
//!
//! pulldown-cmark does the parsing. Two things it cannot do on its own are done before it runs, on
//! a prepared copy of the page that remembers where each of its lines came from:
//! - table rows whose last cell runs over several lines, blank lines included, are joined into one
//!   line (the line breaks become [`LINE_BREAK`], turned back into `\n` in the cell text);
//! - blank lines inside an embedded `<table>` are filled with an empty HTML comment, so the HTML
//!   block does not end early.
//!
//! Embedded HTML blocks (`<table>`, `<pre>`) are read by the HTML reader's fragment walker.

use super::{Block, Document, Heading, ListItem, Row, Table, html, tidy};
use crate::spec::PageFormat;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

/// Stands for a line break inside a joined table row (a private-use character, so the Markdown
/// parser treats it as an ordinary letter).
const LINE_BREAK: char = '\u{E000}';

/// How far a table row with an open last cell may run over following lines.
const MAX_ROW_LINES: usize = 400;

/// How many lines an embedded `<table>` may span.
const MAX_HTML_TABLE_LINES: usize = 20_000;

/// Nesting (lists, block quotes) deeper than this is flattened into text.
const MAX_DEPTH: usize = 32;

/// Bold-only paragraphs up to this many characters are section labels.
const MAX_LABEL_CHARS: usize = 60;

pub(super) fn read(text: &str) -> Document {
    let page = Prepared::new(text);
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = Parser::new_ext(&page.text, options).into_offset_iter().collect();
    let mut reader = Reader { page: &page, events, next: 0 };
    let mut blocks = Vec::new();
    reader.blocks_until(None, 0, &mut blocks);
    Document { format: PageFormat::Markdown, front_matter: page.front_matter.clone(), blocks }
}

/// The page as handed to pulldown-cmark, with the page line of each of its lines.
struct Prepared {
    text: String,
    /// Byte offset in `text` where each line starts.
    starts: Vec<usize>,
    /// The page line each line of `text` came from (its first one, for joined rows).
    origins: Vec<u32>,
    front_matter: BTreeMap<String, String>,
}

impl Prepared {
    fn new(page: &str) -> Self {
        let page = page.replace(LINE_BREAK, " ");
        let lines: Vec<&str> = page.split('\n').collect();
        let (front_matter, body) = front_matter(&lines);
        let mut prepared = Prepared {
            text: String::with_capacity(page.len()),
            starts: Vec::new(),
            origins: Vec::new(),
            front_matter,
        };
        prepared.prepare(&lines, body);
        prepared
    }

    /// The page line of byte `offset` of the prepared text.
    fn line_at(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        self.origins.get(index).copied().unwrap_or(1)
    }

    fn push(&mut self, line: &str, index: usize) {
        self.starts.push(self.text.len());
        self.text.push_str(line);
        self.text.push('\n');
        self.origins.push(u32::try_from(index + 1).unwrap_or(u32::MAX));
    }

    /// Copies lines `from..` into the prepared text, joining open table rows and filling blank
    /// lines inside HTML tables.
    fn prepare(&mut self, lines: &[&str], from: usize) {
        let table_ends = html_table_ends(lines);
        let mut fence: Option<String> = None;
        let mut index = from;
        while index < lines.len() {
            let line = lines[index];
            let trimmed = line.trim_start();
            if let Some(open) = &fence {
                if trimmed.starts_with(open.as_str()) {
                    fence = None;
                }
                self.push(line, index);
                index += 1;
            } else if let Some(marker) = fence_marker(trimmed) {
                fence = Some(marker);
                self.push(line, index);
                index += 1;
            } else if starts_html_table(trimmed) {
                index = self.html_table(lines, index, table_ends[index]);
            } else if let Some(columns) = table_header(lines, index) {
                self.push(line, index);
                // A delimiter row with more or fewer cells than the header (Tencent's
                // `|---|---|---|---|---|` under four names) is not a table to pulldown-cmark:
                // write one that matches the header.
                let header_cells = header_columns(line);
                if header_cells == columns {
                    self.push(lines[index + 1], index + 1);
                } else {
                    self.push(&format!("|{}", "---|".repeat(header_cells)), index + 1);
                }
                index = self.table_rows(lines, index + 2, header_cells);
            } else {
                self.push(line, index);
                index += 1;
            }
        }
    }

    /// Copies the rows of a pipe table that start with a pipe, each joined into one line; returns
    /// the index of the first line after them.
    fn table_rows(&mut self, lines: &[&str], mut index: usize, columns: usize) -> usize {
        while index < lines.len() && is_row_start(lines[index]) {
            let end = row_end(lines, index, columns);
            let escaped: Vec<Cow<str>> =
                lines[index..=end].iter().map(|line| escape_code_pipes(line)).collect();
            let joined = escaped.join(&LINE_BREAK.to_string());
            self.push(&keep_surplus_cells(&joined, columns), index);
            index = end + 1;
        }
        index
    }

    /// Copies an embedded `<table>` that starts on line `start` and ends on line `end`, blank
    /// lines filled; returns the index of the first line after it.
    fn html_table(&mut self, lines: &[&str], start: usize, end: Option<usize>) -> usize {
        let Some(end) = end.filter(|end| end - start < MAX_HTML_TABLE_LINES) else {
            self.push(lines[start], start);
            return start + 1;
        };
        for (index, line) in lines.iter().enumerate().take(end + 1).skip(start) {
            let filled = if line.trim().is_empty() { "<!---->" } else { line };
            self.push(filled, index);
        }
        end + 1
    }
}

/// For each line, the line where a `<table>` opened on it is closed: the first line from it on
/// where the tables it opens are all closed again, if any.
///
/// With `depth[i]` the number of tables open before line `i`, a table opened on line `s` closes on
/// the first `j >= s` with `depth[j + 1] <= depth[s]`: the nearest following smaller-or-equal
/// depth, found for every line in one pass with a stack (a scan per table would be quadratic).
fn html_table_ends(lines: &[&str]) -> Vec<Option<usize>> {
    let mut depth = Vec::with_capacity(lines.len() + 1);
    let mut current = 0i64;
    depth.push(current);
    for line in lines {
        let (opens, closes) = (count_tag(line, "<table"), count_tag(line, "</table"));
        current +=
            i64::try_from(opens).unwrap_or(i64::MAX / 2) - i64::try_from(closes).unwrap_or(i64::MAX / 2);
        // Extra closing tags close nothing: the depth never goes below zero.
        current = current.max(0);
        depth.push(current);
    }
    let mut ends = vec![None; lines.len()];
    let mut stack: Vec<usize> = Vec::new();
    for index in (0..depth.len()).rev() {
        while stack.last().is_some_and(|&top| depth[top] > depth[index]) {
            stack.pop();
        }
        if let (Some(&next), Some(end)) = (stack.last(), ends.get_mut(index)) {
            *end = Some(next - 1);
        }
        stack.push(index);
    }
    ends
}

/// Occurrences of `tag` in `line`, ignoring ASCII case.
fn count_tag(line: &str, tag: &str) -> usize {
    line.as_bytes().windows(tag.len()).filter(|window| window.eq_ignore_ascii_case(tag.as_bytes())).count()
}

/// Reads a `---` front matter block at the top of the page: its `key: value` lines, quotes
/// removed, and the index of the first line after it.
fn front_matter(lines: &[&str]) -> (BTreeMap<String, String>, usize) {
    let mut keys = BTreeMap::new();
    if lines.first().map(|line| line.trim_end()) != Some("---") {
        return (keys, 0);
    }
    let Some(close) =
        lines.iter().skip(1).position(|line| matches!(line.trim_end(), "---" | "...")).map(|at| at + 1)
    else {
        return (keys, 0);
    };
    for line in &lines[1..close] {
        let Some((key, value)) = line.split_once(':') else { continue };
        let key = key.trim();
        let is_key = !key.is_empty()
            && !line.starts_with(char::is_whitespace)
            && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if is_key {
            keys.insert(key.to_owned(), unquote(value.trim()).to_owned());
        }
    }
    (keys, close + 1)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

/// The run of backticks or tildes that opens a fenced code block.
fn fence_marker(trimmed: &str) -> Option<String> {
    let first = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run: String = trimmed.chars().take_while(|&c| c == first).collect();
    (run.len() >= 3).then_some(run)
}

fn starts_html_table(trimmed: &str) -> bool {
    trimmed.len() >= 6 && trimmed.as_bytes()[..6].eq_ignore_ascii_case(b"<table")
}

/// The column count when line `index` is a pipe table's header (a line with a pipe, not indented
/// as code, followed by a delimiter row).
fn table_header(lines: &[&str], index: usize) -> Option<usize> {
    let header = lines[index];
    let delimiter = lines.get(index + 1)?;
    let indented = header.starts_with("    ") || header.starts_with('\t');
    if indented || !header.contains('|') || !super::is_delimiter_row(delimiter) {
        return None;
    }
    Some(super::delimiter_columns(delimiter))
}

/// The number of cells of a header line (`| a | b |` and `a | b` both have two).
fn header_columns(line: &str) -> usize {
    let trimmed = line.trim();
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = if ends_with_pipe(inner) { &inner[..inner.len() - 1] } else { inner };
    count_pipes(inner) + 1
}

/// A table row that starts with a pipe (a lone `|` closes a cell instead).
fn is_row_start(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.starts_with('|') && trimmed != "|"
}

/// The index of the last line of the row starting at `start`.
///
/// A row whose line ends with a pipe after all its cells is complete. Otherwise its last cell may go
/// on over the following lines, blank ones included, until a line that ends with a pipe brings the
/// row's pipes to `columns + 1`. A fenced block inside the cell (Alibaba's list of special
/// characters) belongs to it, its pipes not counted. When a new row or a heading comes first, the
/// row had no closing pipe and is one line long.
fn row_end(lines: &[&str], start: usize, columns: usize) -> usize {
    let first = escape_code_pipes(lines[start]);
    let mut pipes = count_pipes(&first);
    if ends_with_pipe(&first) && pipes > columns {
        return start;
    }
    let mut fence: Option<String> = None;
    for (index, line) in lines.iter().enumerate().skip(start + 1).take(MAX_ROW_LINES) {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            continue;
        }
        if is_row_start(line) || trimmed.starts_with('#') {
            break;
        }
        let line = escape_code_pipes(line);
        pipes += count_pipes(&line);
        if ends_with_pipe(&line) && pipes > columns {
            return index;
        }
    }
    start
}

/// The line with every unescaped `|` inside a code span escaped (`` `vxnet-id|ip` `` →
/// `` `vxnet-id\|ip` ``): pages mean a literal pipe there, but a table row would split at it.
fn escape_code_pipes(line: &str) -> Cow<'_, str> {
    if !line.contains('`') || !line.contains('|') {
        return Cow::Borrowed(line);
    }
    // The backtick runs, and for each the next run of the same length: a span opens at a run
    // and closes at the next one as long (found in one backward pass, so a line of many
    // unmatched runs costs no more than one of few).
    let bytes = line.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'`' {
            let len = bytes[at..].iter().take_while(|&&b| b == b'`').count();
            if at == 0 || bytes[at - 1] != b'\\' {
                runs.push((at, len));
            }
            at += len;
        } else {
            at += 1;
        }
    }
    let mut next_same = vec![None; runs.len()];
    let mut last_of_len: BTreeMap<usize, usize> = BTreeMap::new();
    for (index, &(_, len)) in runs.iter().enumerate().rev() {
        next_same[index] = last_of_len.insert(len, index);
    }
    let mut out = String::with_capacity(line.len() + 4);
    let mut copied = 0;
    let mut index = 0;
    while index < runs.len() {
        let Some(closing) = next_same[index] else {
            index += 1;
            continue;
        };
        let (open, len) = runs[index];
        let (close, _) = runs[closing];
        out.push_str(&line[copied..open + len]);
        out.push_str(&line[open + len..close].replace("\\|", "|").replace('|', "\\|"));
        copied = close;
        index = closing + 1;
    }
    if copied == 0 {
        return Cow::Borrowed(line);
    }
    out.push_str(&line[copied..]);
    Cow::Owned(out)
}

/// A row with more cells than the header (`…取值范围：i386 | x86_64（默认）|`: the page wrote pipes
/// in prose) with the surplus cells joined into the last one, their pipes escaped, so the text is
/// not lost. Surplus cells that are all empty are left for the parser to drop.
fn keep_surplus_cells(row: &str, columns: usize) -> Cow<'_, str> {
    let pipes: Vec<usize> = unescaped_pipes(row);
    let trimmed = row.trim();
    if !(trimmed.starts_with('|') && ends_with_pipe(trimmed)) || pipes.len() <= columns + 1 {
        return Cow::Borrowed(row);
    }
    // Pipes 0..columns open the cells; the ones after, up to the closing pipe, split the last cell.
    let surplus = &pipes[columns..pipes.len() - 1];
    let last = pipes[pipes.len() - 1];
    let extra_text = &row[surplus[0] + 1..last];
    if extra_text.split('|').all(|cell| cell.trim().is_empty()) {
        return Cow::Borrowed(row);
    }
    let mut out = String::with_capacity(row.len() + surplus.len());
    let mut copied = 0;
    for &at in surplus {
        out.push_str(&row[copied..at]);
        out.push('\\');
        copied = at;
    }
    out.push_str(&row[copied..]);
    Cow::Owned(out)
}

/// The byte offsets of the pipes not escaped with a backslash.
fn unescaped_pipes(line: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => found.push(at),
            _ => {}
        }
        if c != '\\' {
            escaped = false;
        }
    }
    found
}

/// Pipes not escaped with a backslash.
fn count_pipes(line: &str) -> usize {
    unescaped_pipes(line).len()
}

fn ends_with_pipe(line: &str) -> bool {
    let trimmed = line.trim_end();
    trimmed.ends_with('|') && !trimmed.ends_with("\\|")
}

/// Walks pulldown-cmark's events into blocks.
struct Reader<'p> {
    page: &'p Prepared,
    events: Vec<(Event<'p>, Range<usize>)>,
    next: usize,
}

impl<'p> Reader<'p> {
    /// The next event and the offset of its first visible character (pulldown-cmark starts the
    /// range of a nested list item at the line break before it).
    fn next_event(&mut self) -> Option<(Event<'p>, usize)> {
        let (event, range) = self.events.get(self.next)?;
        self.next += 1;
        let spanned = self.page.text.get(range.clone()).unwrap_or("");
        let start = range.start + (spanned.len() - spanned.trim_start().len());
        Some((event.clone(), start))
    }

    /// Reads blocks into `out` until `end` closes the enclosing tag (or the events run out). Text
    /// found directly at this level becomes a paragraph.
    fn blocks_until(&mut self, end: Option<TagEnd>, depth: usize, out: &mut Vec<Block>) {
        let mut loose = Inline::default();
        let mut loose_line = 0;
        while let Some((event, offset)) = self.next_event() {
            match event {
                Event::End(tag) if Some(tag) == end => break,
                Event::Start(tag) => {
                    loose.flush_paragraph(loose_line, out);
                    self.block(tag, offset, depth, out);
                }
                Event::Html(html) => {
                    // An HTML block's events come one line at a time: gather them all.
                    loose.flush_paragraph(loose_line, out);
                    let mut raw = html.to_string();
                    while let Some((Event::Html(more), _)) = self.events.get(self.next) {
                        raw.push_str(more);
                        self.next += 1;
                    }
                    self.html(&raw, offset, out);
                }
                other => {
                    if loose.is_empty() {
                        loose_line = self.page.line_at(offset);
                    }
                    loose.push(&other);
                }
            }
        }
        loose.flush_paragraph(loose_line, out);
    }

    /// Reads the block that `tag` opens at `offset`.
    fn block(&mut self, tag: Tag<'p>, offset: usize, depth: usize, out: &mut Vec<Block>) {
        let line = self.page.line_at(offset);
        let end = tag.to_end();
        if depth >= MAX_DEPTH {
            let text = self.flatten(end);
            push_paragraph(&text, line, out);
            return;
        }
        match tag {
            Tag::Paragraph => {
                let inline = self.inline(TagEnd::Paragraph);
                match inline.label() {
                    Some(text) => out.push(Block::Heading(Heading { level: 0, text, anchor: None, line })),
                    None => push_paragraph(&inline.finish(), line, out),
                }
            }
            Tag::Heading { level, id, .. } => {
                let inline = self.inline(TagEnd::Heading(level));
                let anchor = id.map(|id| id.to_string()).or(inline.anchor.clone());
                let text = tidy::one_line(&inline.finish());
                out.push(Block::Heading(Heading { level: heading_level(level), text, anchor, line }));
            }
            Tag::CodeBlock(kind) => {
                let text = self.flatten(TagEnd::CodeBlock).replace(LINE_BREAK, "\n");
                // The block's line is that of its first line of code: after the fence, and after
                // the blank lines the code is trimmed of.
                let code = tidy::code(&text);
                let blank = text.lines().take_while(|l| l.trim().is_empty()).count();
                let blank = u32::try_from(blank).unwrap_or(0);
                let (lang, first) = match kind {
                    CodeBlockKind::Fenced(info) => {
                        (info.split_whitespace().next().map(str::to_owned), line.saturating_add(1 + blank))
                    }
                    CodeBlockKind::Indented => (None, line.saturating_add(blank)),
                };
                // An empty block has no line of code: it keeps the fence's.
                let line = if code.is_empty() { line } else { first };
                out.push(Block::Code { lang, text: code, line });
            }
            Tag::HtmlBlock => {
                let mut raw = String::new();
                while let Some((event, _)) = self.next_event() {
                    match event {
                        Event::End(TagEnd::HtmlBlock) => break,
                        Event::Html(html) | Event::Text(html) => raw.push_str(&html),
                        _ => {}
                    }
                }
                self.html(&raw, offset, out);
            }
            Tag::List(_) => {
                let mut nested = Vec::new();
                let items = self.list(depth + 1, &mut nested);
                out.push(Block::List { items, line });
                out.extend(nested);
            }
            Tag::Table(_) => out.push(Block::Table(self.table(line))),
            Tag::BlockQuote(_) => {
                let mut quoted = Vec::new();
                self.blocks_until(Some(end), depth + 1, &mut quoted);
                strip_admonition(&mut quoted);
                out.extend(quoted);
            }
            _ => self.blocks_until(Some(end), depth + 1, out),
        }
    }

    /// Reads an HTML block (or several lines of one) that starts at `offset` of the prepared text.
    fn html(&self, raw: &str, offset: usize, out: &mut Vec<Block>) {
        out.extend(html::fragment_blocks(raw, self.page.line_at(offset)));
    }

    /// Reads the items of a list whose start event was just read. Blocks inside items other than
    /// text and nested lists (code, tables) go to `nested`.
    fn list(&mut self, depth: usize, nested: &mut Vec<Block>) -> Vec<ListItem> {
        let mut items = Vec::new();
        while let Some((event, offset)) = self.next_event() {
            match event {
                Event::Start(Tag::Item) => items.push(self.item(offset, depth, nested)),
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        items
    }

    fn item(&mut self, offset: usize, depth: usize, nested: &mut Vec<Block>) -> ListItem {
        let line = self.page.line_at(offset);
        let mut text = Inline::default();
        let mut children = Vec::new();
        while let Some((event, offset)) = self.next_event() {
            match event {
                Event::End(TagEnd::Item) => break,
                Event::Start(Tag::Paragraph) => {
                    text.push(&Event::SoftBreak);
                    let paragraph = self.inline(TagEnd::Paragraph);
                    text.text.push_str(&paragraph.text);
                }
                Event::Start(Tag::List(_)) if depth < MAX_DEPTH => {
                    children.extend(self.list(depth + 1, nested));
                }
                Event::Start(tag) if is_inline(&tag) => text.push(&Event::Start(tag)),
                Event::Start(tag) => self.block(tag, offset, depth + 1, nested),
                Event::Html(html) => self.html(&html, offset, nested),
                other => text.push(&other),
            }
        }
        ListItem { text: text.finish(), line, children }
    }

    /// Reads a table whose start event was just read.
    fn table(&mut self, line: u32) -> Table {
        let mut table = Table { header: Vec::new(), rows: Vec::new(), line };
        while let Some((event, offset)) = self.next_event() {
            match event {
                Event::Start(Tag::TableHead) => table.header = self.cells(TagEnd::TableHead),
                Event::Start(Tag::TableRow) => {
                    let line = self.page.line_at(offset);
                    table.rows.push(Row { cells: self.cells(TagEnd::TableRow), line });
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        table
    }

    fn cells(&mut self, end: TagEnd) -> Vec<String> {
        let mut cells = Vec::new();
        while let Some((event, _)) = self.next_event() {
            match event {
                Event::Start(Tag::TableCell) => cells.push(self.inline(TagEnd::TableCell).finish()),
                Event::End(tag) if tag == end => break,
                _ => {}
            }
        }
        cells
    }

    /// Reads inline content up to `end`.
    fn inline(&mut self, end: TagEnd) -> Inline {
        let mut inline = Inline::default();
        let mut open = 0usize;
        while let Some((event, _)) = self.next_event() {
            if let Event::Start(Tag::Emphasis | Tag::Strong) = event
                && let Some(literal) = self.intraword_emphasis()
            {
                inline.push(&Event::Text(literal.into()));
                continue;
            }
            match &event {
                Event::End(tag) if open == 0 && *tag == end => break,
                Event::Start(_) => open += 1,
                Event::End(_) => open = open.saturating_sub(1),
                _ => {}
            }
            inline.push(&event);
        }
        inline
    }

    /// The source text of the emphasis just opened, when its stars sit inside a word of ASCII
    /// letters and digits (`i-eumm****d6`): that is an example value with masked characters, not
    /// emphasis. The emphasis's events are skipped.
    fn intraword_emphasis(&mut self) -> Option<&'p str> {
        let range = self.events.get(self.next.checked_sub(1)?)?.1.clone();
        let text = self.page.text.as_str();
        let before = text.get(..range.start)?.chars().next_back();
        let after = text.get(range.end..)?.chars().next();
        if !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        let literal = text.get(range.clone())?;
        while self.events.get(self.next).is_some_and(|(_, r)| r.start < range.end) {
            self.next += 1;
        }
        Some(literal)
    }

    /// Reads everything up to the `end` that closes the current tag as plain text, without
    /// recursion (for code blocks and for nesting past [`MAX_DEPTH`]).
    fn flatten(&mut self, end: TagEnd) -> String {
        let mut text = String::new();
        let mut open = 0usize;
        while let Some((event, _)) = self.next_event() {
            match event {
                Event::End(tag) if open == 0 && tag == end => break,
                Event::Start(_) => open += 1,
                Event::End(_) => {
                    open = open.saturating_sub(1);
                    text.push('\n');
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                _ => {}
            }
        }
        text
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn push_paragraph(raw: &str, line: u32, out: &mut Vec<Block>) {
    let text = tidy::lines(raw);
    if !text.is_empty() {
        out.push(Block::Paragraph { text, line });
    }
}

/// Drops the `?` or `!` that opens an admonition block quote (`>? 注意…`).
fn strip_admonition(quoted: &mut [Block]) {
    if let Some(Block::Paragraph { text, .. }) = quoted.first_mut()
        && let Some(rest) = text.strip_prefix(['?', '!'])
    {
        *text = rest.trim_start().to_owned();
    }
}

/// Inline content being gathered: its text, an anchor from an inline HTML tag, and whether all its
/// text is bold (a section label such as `**Request Parameters**`).
#[derive(Default)]
struct Inline {
    text: String,
    anchor: Option<String>,
    strong: usize,
    bold_text: bool,
    plain_text: bool,
}

impl Inline {
    fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn push(&mut self, event: &Event) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                if !text.trim().is_empty() {
                    if self.strong > 0 {
                        self.bold_text = true;
                    } else {
                        self.plain_text = true;
                    }
                }
                self.text.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak => self.text.push('\n'),
            Event::InlineHtml(tag) | Event::Html(tag) => self.html_tag(tag),
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            _ => {}
        }
    }

    /// Line breaks for `<br>`, `<p>` and `<div>`, a bullet for `<li>`, the anchor of `id=`; other
    /// tags are dropped, their text kept.
    fn html_tag(&mut self, tag: &str) {
        match html::tag_name(tag).as_str() {
            "br" | "p" | "/p" | "div" | "/div" | "tr" | "/li" | "/ul" | "/ol" => self.text.push('\n'),
            "li" => self.text.push_str("\n- "),
            _ => {}
        }
        if self.anchor.is_none() {
            self.anchor = html::tag_attribute(tag, "id").or_else(|| html::tag_attribute(tag, "name"));
        }
    }

    /// The gathered text, line breaks restored.
    fn finish(&self) -> String {
        tidy::lines(&self.text.replace(LINE_BREAK, "\n"))
    }

    /// The text when it is a short, one-line, all-bold section label.
    fn label(&self) -> Option<String> {
        let text = self.finish();
        let is_label = self.bold_text
            && !self.plain_text
            && !text.contains('\n')
            && text.chars().count() <= MAX_LABEL_CHARS;
        is_label.then_some(text)
    }

    fn flush_paragraph(&mut self, line: u32, out: &mut Vec<Block>) {
        if !self.is_empty() {
            push_paragraph(&self.finish(), line, out);
        }
        *self = Inline::default();
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{Block, Document};

    fn rows(doc: &Document) -> Vec<(String, u32)> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => {
                    Some(t.rows.iter().map(|r| (r.cells[0].clone(), r.line)).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn a_fence_inside_a_cell_stays_in_the_row() {
        let page = "|名称|类型|描述|\n|--|--|--|\n|Password|String|特殊符号：\n\n ```\n\n()|{}\n\n```\n\n 注意。 |\n|Next|String|下一个。 |\n";
        let doc = super::read(page);
        assert_eq!(rows(&doc), [("Password".to_owned(), 3), ("Next".to_owned(), 12)]);
    }

    fn cells(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn a_pipe_inside_code_does_not_split_the_row() {
        // QingCloud's RunInstances: `vxnets.n` takes `vxnet-id|ip-address`.
        let page = "| Parameter name | Type | Description | Required |\n| --- | --- | --- | --- |\n| vxnets.n | String | 参数值要改为 ``` vxnet-id|ip-address ``` ，如 ```vxnet-abcd123|192.168.1.2``` 。 | No |\n| a | String | `x\\|y` and `` ` `` | Yes |\n";
        let rows = cells(&super::read(page));
        assert_eq!(rows[0].len(), 4, "{rows:?}");
        assert_eq!(rows[0][2], "参数值要改为 vxnet-id|ip-address ，如 vxnet-abcd123|192.168.1.2 。");
        assert_eq!(rows[0][3], "No");
        assert_eq!(rows[1][2..], ["x|y and `".to_owned(), "Yes".to_owned()]);
        assert_eq!(super::escape_code_pipes("a ``` b|c"), "a ``` b|c", "an unclosed span escapes nothing");
    }

    #[test]
    fn pipes_in_prose_do_not_cut_a_description_short() {
        // Alibaba's older CreateImage writes `取值范围：i386 | x86\_64（默认）` in its last column.
        let page = "|名称|类型|是否必需|描述|\n|--|--|--|--|\n|Architecture|String|否|取值范围：i386 | x86\\_64（默认）|\n|Empty|String|否|a| | |\n";
        let rows = cells(&super::read(page));
        assert_eq!(rows[0], ["Architecture", "String", "否", "取值范围：i386 | x86_64（默认）"]);
        assert_eq!(rows[1][..4], ["Empty", "String", "否", "a"]);
    }

    #[test]
    fn stars_inside_a_word_are_not_emphasis() {
        let page = "|名称|示例值|描述|\n|---|---|---|\n|**instanceIds**|\\[&quot;i-eumm****d6&quot;,&quot;i-y5nh****9w&quot;]|处于**运行中**状态|\n";
        let rows = cells(&super::read(page));
        assert_eq!(rows[0][0], "instanceIds");
        assert!(rows[0][1].contains("i-eumm****d6") && rows[0][1].contains("i-y5nh****9w"), "{rows:?}");
        assert_eq!(rows[0][2], "处于运行中状态");
    }

    #[test]
    fn a_delimiter_row_with_extra_cells_still_makes_a_table() {
        let page = "| 参数名称 | 是否必选 | 类型 | 描述 |\n|---|---|---|---|---|\n| imageId | 是 | String | 镜像ID |\n";
        let doc = super::read(page);
        assert_eq!(rows(&doc), [("imageId".to_owned(), 3)]);
    }

    #[test]
    fn html_tables_end_where_their_depth_returns() {
        let lines = ["<table>", "<TABLE>", "</table>", "x", "</table>", "</table></table>", "<table>"];
        let ends = super::html_table_ends(&lines);
        assert_eq!(ends[0], Some(4));
        assert_eq!(ends[1], Some(2));
        assert_eq!(ends[6], None);
    }

    #[test]
    fn many_unclosed_html_tables_are_read_in_one_pass() {
        let page = format!("# X\n\n{}", "<table><tr><td>a\n".repeat(3000));
        let doc = super::read(&page);
        // No closing tag: the lines stay one HTML block, read as nested tables, no text lost.
        assert_eq!(doc.blocks.len(), 2);
        match &doc.blocks[1] {
            Block::Table(table) => {
                assert_eq!(table.line, 3);
                assert_eq!(table.header.concat().matches('a').count(), 3000);
            }
            other => panic!("{other:?}"),
        }
    }
}
