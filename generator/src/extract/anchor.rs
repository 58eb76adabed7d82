//! Provenance anchors: the absolute page lines extraction records → places that text inserted
//! elsewhere in the page does not move.
//!
//! Input: the page's [`Document`] and its extracted [`ApiSpec`]. Output: the same spec with every
//! origin and diagnostic anchored (see [`Origin`]): a line inside a table becomes the table (named
//! by the heading above it) and the row; any other line becomes its section heading and the line
//! counted from that heading; lines above the first heading stay absolute. A reviewer still finds
//! every element in the page, and a sentence added above a table changes no line of the spec but
//! the page's hash.

use super::request;
use crate::source::{Block, Document};
use crate::spec::{ApiSpec, Diagnostic, Origin};
use std::collections::BTreeMap;

/// The tables and sections of one page, in line order: what turns page lines into anchors and
/// anchors back into page lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchors {
    tables: Vec<TableSpan>,
    /// Section headings: the line and the text.
    sections: Vec<(u32, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct TableSpan {
    name: String,
    /// The header line, and the last line before the next block.
    first: u32,
    last: u32,
    /// The line each body row starts on.
    rows: Vec<u32>,
}

/// A line, anchored.
struct Place {
    table: Option<String>,
    row: Option<u32>,
    section: Option<String>,
    line: u32,
}

impl Anchors {
    pub(crate) fn new(doc: &Document) -> Anchors {
        let starts: Vec<u32> = doc.blocks.iter().map(block_line).collect();
        let mut sections: Vec<(u32, String)> = Vec::new();
        let mut tables = Vec::new();
        // How many tables each section holds so far, to name the second one `X (2)`.
        let mut seen: BTreeMap<String, u32> = BTreeMap::new();
        for (index, block) in doc.blocks.iter().enumerate() {
            if let Some(title) = section_title(block) {
                sections.push((block_line(block), title));
                continue;
            }
            let Block::Table(table) = block else { continue };
            let section = sections.last().map_or_else(|| "page".to_owned(), |(_, title)| title.clone());
            let count = seen.entry(section.clone()).or_default();
            *count += 1;
            let name = if *count == 1 { section } else { format!("{section} ({count})") };
            let next = starts.get(index + 1..).and_then(|rest| rest.iter().find(|&&l| l > table.line));
            let last_row = table.rows.last().map_or(table.line, |r| r.line);
            let last = next.map_or(u32::MAX, |&l| (l - 1).max(last_row));
            tables.push(TableSpan {
                name,
                first: table.line,
                last,
                rows: table.rows.iter().map(|r| r.line).collect(),
            });
        }
        Anchors { tables, sections }
    }

    /// Where the absolute page line `line` is.
    fn place(&self, line: u32) -> Place {
        if let Some(table) = self.tables.iter().find(|t| t.first <= line && line <= t.last) {
            let row = table.rows.iter().rposition(|&start| start <= line).map(|i| i as u32 + 1);
            return Place { table: Some(table.name.clone()), row, section: None, line: 0 };
        }
        match self.sections.iter().rev().find(|(start, _)| *start <= line) {
            Some((start, title)) => {
                Place { table: None, row: None, section: Some(title.clone()), line: line - start }
            }
            None => Place { table: None, row: None, section: None, line },
        }
    }

    /// The page line an anchored origin points at: a row's first line, a table's header line, or
    /// the section heading's line plus the origin's line. `None` for an overlay's origin or a place
    /// the page does not have, and for an element of the provider profile.
    pub fn line_of(&self, origin: &Origin) -> Option<u32> {
        if origin.overlay || origin.profile.is_some() {
            return None;
        }
        self.resolve(origin.table.as_deref(), origin.row, origin.section.as_deref(), origin.line)
    }

    /// The first and last page lines a diagnostic covers (a whole table for a table-wide one).
    pub fn lines_of(&self, diagnostic: &Diagnostic) -> Option<(u32, u32)> {
        let (table, section) = (diagnostic.table.as_deref(), diagnostic.section.as_deref());
        let first = self.resolve(table, diagnostic.row, section, diagnostic.line)?;
        let last = match (table, diagnostic.row, diagnostic.end_line) {
            (Some(name), None, _) => {
                let span = self.tables.iter().find(|t| t.name == name)?;
                span.rows.last().copied().unwrap_or(span.first)
            }
            (None, _, Some(end)) => self.resolve(None, None, section, end)?,
            _ => first,
        };
        Some((first, last))
    }

    fn resolve(
        &self,
        table: Option<&str>,
        row: Option<u32>,
        section: Option<&str>,
        line: u32,
    ) -> Option<u32> {
        match (table, section) {
            (Some(name), _) => {
                let span = self.tables.iter().find(|t| t.name == name)?;
                match row {
                    Some(row) => span.rows.get(row.checked_sub(1)? as usize).copied(),
                    None => Some(span.first),
                }
            }
            (None, Some(title)) => {
                self.sections.iter().find(|(_, t)| t == title).map(|(start, _)| start + line)
            }
            (None, None) => Some(line),
        }
    }

    fn origin(&self, origin: &mut Origin) {
        if origin.overlay || origin.table.is_some() || origin.section.is_some() || origin.line == 0 {
            return;
        }
        let place = self.place(origin.line);
        origin.table = place.table;
        origin.row = place.row;
        origin.section = place.section;
        origin.line = place.line;
    }

    fn diagnostic(&self, diagnostic: &mut Diagnostic) {
        if diagnostic.table.is_some() || diagnostic.section.is_some() || diagnostic.line == 0 {
            return;
        }
        let place = self.place(diagnostic.line);
        let end = diagnostic.end_line.map(|end| self.place(end));
        diagnostic.end_line = match &end {
            Some(end) if place.table.is_none() && end.section == place.section => {
                Some(end.line).filter(|&l| l != place.line)
            }
            _ => None,
        };
        // A range over several rows of one table (an unread table) is the table as a whole; a range
        // from a row to somewhere else (an example) stays at its row.
        let many_rows = end.as_ref().is_some_and(|end| end.table == place.table && end.row != place.row);
        diagnostic.row = place.row.filter(|_| !many_rows);
        diagnostic.table = place.table;
        diagnostic.section = place.section;
        diagnostic.line = place.line;
    }
}

/// Anchors every origin and diagnostic of `spec`, extracted from `doc`; returns the anchors, which
/// map them back to page lines.
pub(crate) fn anchor(spec: &mut ApiSpec, doc: &Document) -> Anchors {
    let anchors = Anchors::new(doc);
    each_origin(spec, |o| anchors.origin(o));
    for diagnostic in &mut spec.diagnostics {
        anchors.diagnostic(diagnostic);
    }
    anchors
}

impl Anchors {
    /// Turns the anchored origins and diagnostics of `spec` back into absolute page lines (what
    /// extraction recorded), for tools and tests that work with lines.
    pub fn to_page_lines(&self, spec: &mut ApiSpec) {
        each_origin(spec, |o| {
            if let Some(line) = self.line_of(o) {
                *o = Origin { line, example: o.example, ..Origin::default() };
            }
        });
        for diagnostic in &mut spec.diagnostics {
            *diagnostic = self.at_page_lines(diagnostic);
        }
    }

    /// An anchored diagnostic at the page lines it covers, for printing with the page; one whose
    /// place the page does not have (an overlay's line) stays as it is.
    pub fn at_page_lines(&self, diagnostic: &Diagnostic) -> Diagnostic {
        let mut at = diagnostic.clone();
        if let Some((first, last)) = self.lines_of(diagnostic) {
            (at.table, at.row, at.section) = (None, None, None);
            at.line = first;
            at.end_line = (last != first).then_some(last);
        }
        at
    }
}

/// Calls `f` on every origin of `spec` (not the diagnostics').
fn each_origin(spec: &mut ApiSpec, mut f: impl FnMut(&mut Origin)) {
    if let Some(o) = spec.http.origin.as_mut() {
        f(o);
    }
    for param in &mut spec.request {
        f(&mut param.origin);
        if let Some(o) = param.conditions.origin.as_mut() {
            f(o);
        }
        param_parts(param, &mut f);
    }
    for ty in spec.request_types.iter_mut().chain(spec.response.types.iter_mut()) {
        f(&mut ty.origin);
        for field in &mut ty.fields {
            f(&mut field.origin);
            field_parts(field, &mut f);
        }
    }
    spec.errors.iter_mut().for_each(|e| f(&mut e.origin));
    spec.examples.requests.iter_mut().for_each(|e| f(&mut e.origin));
    spec.examples.responses.iter_mut().for_each(|e| f(&mut e.origin));
}

fn param_parts(param: &mut crate::spec::Param, origin: &mut impl FnMut(&mut Origin)) {
    let origins = param
        .enumeration
        .iter_mut()
        .map(|e| &mut e.origin)
        .chain(param.range.iter_mut().map(|r| &mut r.origin))
        .chain(param.range_when.iter_mut().map(|r| &mut r.origin))
        .chain(param.length.iter_mut().map(|l| &mut l.origin))
        .chain(param.patterns.iter_mut().map(|p| &mut p.origin))
        .chain(param.format.iter_mut().map(|f| &mut f.origin))
        .chain(param.deprecated.iter_mut().map(|d| &mut d.origin));
    origins.for_each(origin);
}

fn field_parts(field: &mut crate::spec::Field, origin: &mut impl FnMut(&mut Origin)) {
    let origins = field
        .enumeration
        .iter_mut()
        .map(|e| &mut e.origin)
        .chain(field.range.iter_mut().map(|r| &mut r.origin))
        .chain(field.range_when.iter_mut().map(|r| &mut r.origin))
        .chain(field.length.iter_mut().map(|l| &mut l.origin))
        .chain(field.patterns.iter_mut().map(|p| &mut p.origin))
        .chain(field.format.iter_mut().map(|f| &mut f.origin))
        .chain(field.deprecated.iter_mut().map(|d| &mut d.origin));
    origins.for_each(origin);
}

/// The title of a block that starts a section: a heading, or a one-line label paragraph that names
/// a section (`请求参数` on a line of its own in text copied out of HTML).
fn section_title(block: &Block) -> Option<String> {
    let title = match block {
        Block::Heading(heading) => heading.text.clone(),
        Block::Paragraph { text, .. } if request::is_label(text) && request::section_of(text).is_some() => {
            super::tables::plain(text)
        }
        _ => return None,
    };
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

fn block_line(block: &Block) -> u32 {
    match block {
        Block::Heading(h) => h.line,
        Block::Paragraph { line, .. } | Block::List { line, .. } | Block::Code { line, .. } => *line,
        Block::Table(t) => t.line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source;

    const PAGE: &str = "# DescribeThings\n\nIntro.\n\n## 请求参数\n\n| 名称 | 类型 |\n|---|---|\n| A | String |\n| B | Integer |\n\n## 返回数据\n\nText.\n\n```json\n{}\n```\n";

    fn anchors(page: &str) -> Anchors {
        Anchors::new(&source::read(page.as_bytes(), 1 << 20).expect("the page reads"))
    }

    fn described(anchors: &Anchors, line: u32) -> String {
        let mut origin = Origin::page(line);
        anchors.origin(&mut origin);
        origin.describe()
    }

    #[test]
    fn lines_become_tables_rows_and_sections() {
        let anchors = anchors(PAGE);
        assert_eq!(described(&anchors, 1), "DescribeThings", "the title is a heading too");
        assert_eq!(described(&anchors, 3), "DescribeThings line 2");
        assert_eq!(described(&anchors, 7), "请求参数 table");
        assert_eq!(described(&anchors, 9), "请求参数 row 1");
        assert_eq!(described(&anchors, 10), "请求参数 row 2");
        assert_eq!(described(&anchors, 14), "返回数据 line 2");
        assert_eq!(described(&anchors, 16), "返回数据 line 4");
    }

    #[test]
    fn a_sentence_above_a_table_moves_no_anchor_below_it() {
        let before = anchors(PAGE);
        let after = anchors(&PAGE.replace("## 请求参数\n\n", "## 请求参数\n\nA new sentence.\n\n"));
        for (old, new) in [(9, 11), (10, 12), (14, 16), (16, 18)] {
            assert_eq!(described(&before, old), described(&after, new));
        }
    }

    #[test]
    fn anchors_lead_back_to_their_page_lines() {
        let anchors = anchors(PAGE);
        for line in [1, 3, 7, 9, 10, 14, 16] {
            let mut origin = Origin::page(line);
            anchors.origin(&mut origin);
            assert_eq!(anchors.line_of(&origin), Some(line), "{}", origin.describe());
        }
        let mut whole = Diagnostic { line: 7, end_line: Some(10), ..Diagnostic::default() };
        anchors.diagnostic(&mut whole);
        assert_eq!(anchors.lines_of(&whole), Some((7, 10)));
    }

    #[test]
    fn lines_above_the_first_heading_stay_absolute() {
        let anchors = anchors(&format!("---\ntitle: X\n---\nIntro.\n\n{PAGE}"));
        assert_eq!(described(&anchors, 4), "line 4");
    }

    #[test]
    fn a_second_table_under_one_heading_is_numbered() {
        let page = PAGE.replace(
            "| B | Integer |\n",
            "| B | Integer |\n\nMore:\n\n| 名称 | 类型 |\n|---|---|\n| C | String |\n",
        );
        let anchors = anchors(&page);
        assert_eq!(described(&anchors, 16), "请求参数 (2) row 1");
    }

    #[test]
    fn overlay_origins_and_ranges_in_tables() {
        let anchors = anchors(PAGE);
        let mut overlay = Origin::overlay(4);
        anchors.origin(&mut overlay);
        assert_eq!(overlay, Origin::overlay(4), "an overlay line is not a page line");
        let mut whole = Diagnostic { line: 7, end_line: Some(10), ..Diagnostic::default() };
        anchors.diagnostic(&mut whole);
        assert_eq!((whole.describe(), whole.end_line), ("请求参数 table".to_owned(), None));
        let mut prose = Diagnostic { line: 14, end_line: Some(16), ..Diagnostic::default() };
        anchors.diagnostic(&mut prose);
        assert_eq!((prose.describe(), prose.end_line), ("返回数据 line 2".to_owned(), Some(4)));
    }
}
