//! Text reader: text extracted from an HTML page (one table cell per line) in, a [`Document`] out.
//!
//! Such text has lost its markup, so the structure is recovered from the words and the shape of the
//! lines:
//! - a table starts at a header: known column titles (`Parameter name`, `Type`, `参数名`, `类型`…),
//!   one per line or all on one line;
//! - a row starts with a name, and when the table has a type column, a type word sits on the line of
//!   that column; the cells before the description take one line each, the description runs on
//!   (blank lines, bullets and JSON included) until the next row, and a trailing `Required` cell
//!   (`Yes`/`No`) closes the row;
//! - a table ends at a known section title (`Response Elements`, `请求示例`), at the next header or
//!   at the line that introduces it, or after a closed row that no new row follows;
//! - outside tables, known section titles become level-0 headings (like bold labels in Markdown),
//!   bullet lines lists, JSON, XML and URL examples code blocks, and every other line a paragraph.
//!
//! Blank lines carry no meaning: some exports put one between every two cells, others none.

use super::{Block, Document, Heading, ListItem, Row, Table, tidy};
use crate::spec::PageFormat;
use std::collections::BTreeMap;

/// A header never has more columns than this; bounds the header search.
const MAX_COLUMNS: usize = 12;

/// How many lines a code block may take before it is cut.
const MAX_CODE_LINES: usize = 5_000;

/// Section titles that end a table and become headings, lower case, without a trailing colon.
const TITLES: &[&str] = &[
    "request parameters",
    "request parameter",
    "response elements",
    "response element",
    "response parameters",
    "response item",
    "response items",
    "example",
    "examples",
    "example request",
    "example response",
    "request example",
    "response example",
    "error codes",
    "基本信息",
    "公共参数",
    "请求参数",
    "输入参数",
    "返回参数",
    "输出参数",
    "响应参数",
    "返回数据",
    "返回结果",
    "请求地址",
    "请求方式",
    "请求示例",
    "返回示例",
    "响应示例",
    "正常返回示例",
    "异常返回示例",
    "调用示例",
    "示例",
    "错误码",
    "错误码列表",
];

/// What a header cell says its column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Type,
    Description,
    Required,
    Other,
}

/// Header cell titles by role, lower case. ASCII titles must start with a capital on the page, so a
/// row for a field called `name` or `type` is not taken for a header.
const HEADER_CELLS: &[(&str, Role)] = &[
    ("parameter name", Role::Name),
    ("parameter", Role::Name),
    ("name", Role::Name),
    ("field", Role::Name),
    ("error code", Role::Name),
    ("参数名", Role::Name),
    ("参数名称", Role::Name),
    ("参数", Role::Name),
    ("名称", Role::Name),
    ("字段", Role::Name),
    ("字段名", Role::Name),
    ("错误码", Role::Name),
    ("type", Role::Type),
    ("data type", Role::Type),
    ("类型", Role::Type),
    ("参数类型", Role::Type),
    ("数据类型", Role::Type),
    ("description", Role::Description),
    ("error message", Role::Description),
    ("描述", Role::Description),
    ("说明", Role::Description),
    ("参数描述", Role::Description),
    ("参数说明", Role::Description),
    ("含义", Role::Description),
    ("错误信息", Role::Description),
    ("错误描述", Role::Description),
    ("备注", Role::Description),
    ("required", Role::Required),
    ("是否必须", Role::Required),
    ("是否必选", Role::Required),
    ("是否必需", Role::Required),
    ("是否必填", Role::Required),
    ("必选", Role::Required),
    ("必填", Role::Required),
    ("default", Role::Other),
    ("default value", Role::Other),
    ("默认值", Role::Other),
    ("示例值", Role::Other),
    ("取值范围", Role::Other),
    ("http status code", Role::Other),
];

/// Values of a `Required` cell, lower case.
const REQUIRED_VALUES: &[&str] =
    &["yes", "no", "true", "false", "required", "optional", "是", "否", "必选", "可选", "必填", "选填"];

/// Type words in Chinese (ASCII type words are recognised by their shape).
const CHINESE_TYPES: &[&str] =
    &["字符串", "整数", "整型", "长整型", "浮点数", "布尔", "布尔值", "数组", "对象"];

pub(super) fn read(text: &str) -> Document {
    let lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .filter(|(_, raw)| !raw.trim().is_empty())
        .map(|(index, raw)| Line {
            raw: raw.trim_end(),
            text: raw.trim(),
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
        })
        .collect();
    let mut reader = Reader { lines: &lines, at: 0, blocks: Vec::new() };
    let mut front_matter = BTreeMap::new();
    // Exports start with the API name when the page had it as its title.
    if let Some(first) = lines.first()
        && is_api_name(first.text)
    {
        front_matter.insert("title".to_owned(), first.text.to_owned());
        reader.blocks.push(Block::Heading(Heading {
            level: 1,
            text: first.text.to_owned(),
            anchor: None,
            line: first.number,
        }));
        reader.at = 1;
    }
    while reader.at < lines.len() {
        reader.block();
    }
    Document { format: PageFormat::Text, front_matter, blocks: reader.blocks }
}

/// A non-blank line of the page.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    /// The line without trailing spaces (code keeps its indentation).
    raw: &'t str,
    /// The line trimmed.
    text: &'t str,
    /// 1-based line number in the page.
    number: u32,
}

/// Where the columns of a table are, from its header.
#[derive(Debug, Clone)]
struct Layout {
    header: Vec<String>,
    /// The column holding type words, which tells where a row starts.
    type_column: Option<usize>,
    /// The one column whose cell may run over several lines.
    description: Option<usize>,
    /// Whether the last column is `Required`, after the description.
    required_last: bool,
}

struct Reader<'l, 't> {
    lines: &'l [Line<'t>],
    /// Index of the next line to read.
    at: usize,
    blocks: Vec<Block>,
}

impl Reader<'_, '_> {
    fn line(&self, index: usize) -> Option<&str> {
        self.lines.get(index).map(|line| line.text)
    }

    /// Reads the block starting at the current line.
    fn block(&mut self) {
        let line = self.lines[self.at];
        if let Some((layout, body)) = self.header(self.at)
            && let Some((table, end)) = self.table(layout, line.number, body)
        {
            self.blocks.push(Block::Table(table));
            self.at = end;
        } else if is_title(line.text) || (is_title_shaped(line.text) && self.header(self.at + 1).is_some()) {
            let text = line.text.trim_end_matches([':', '：']).trim().to_owned();
            self.blocks.push(Block::Heading(Heading { level: 0, text, anchor: None, line: line.number }));
            self.at += 1;
        } else if let Some(end) = self.code_end(self.at) {
            let raw: Vec<&str> = self.lines[self.at..end].iter().map(|line| line.raw).collect();
            self.blocks.push(Block::Code {
                lang: None,
                text: tidy::code(&raw.join("\n")),
                line: line.number,
            });
            self.at = end;
        } else if tidy::bullet_text(line.text).is_some() {
            let mut items = Vec::new();
            while let Some(item) =
                self.lines.get(self.at).and_then(|l| Some((tidy::bullet_text(l.text)?, l.number)))
            {
                items.push(ListItem { text: tidy::lines(item.0), line: item.1, children: Vec::new() });
                self.at += 1;
            }
            self.blocks.push(Block::List { items, line: line.number });
        } else {
            let text = tidy::lines(line.text);
            if !text.is_empty() {
                self.blocks.push(Block::Paragraph { text, line: line.number });
            }
            self.at += 1;
        }
    }

    /// The header starting at line `index`, and the index of the first line after it.
    fn header(&self, index: usize) -> Option<(Layout, usize)> {
        let first = self.line(index)?;
        let (cells, end) = match header_words(first) {
            Some(cells) if cells.len() >= 2 => (cells, index + 1),
            _ => {
                let mut cells = Vec::new();
                let mut end = index;
                while cells.len() < MAX_COLUMNS
                    && let Some(cell) = self.line(end).and_then(header_cell)
                {
                    cells.push(cell);
                    end += 1;
                }
                (cells, end)
            }
        };
        let roles: Vec<Role> = cells.iter().map(|(_, role)| *role).collect();
        let is_header = roles.len() >= 2
            && roles[0] == Role::Name
            && roles.iter().any(|role| matches!(role, Role::Type | Role::Description));
        if !is_header {
            return None;
        }
        let description = roles.iter().position(|role| *role == Role::Description);
        let layout = Layout {
            header: cells.into_iter().map(|(text, _)| text).collect(),
            type_column: roles.iter().position(|role| *role == Role::Type),
            description,
            required_last: roles.last() == Some(&Role::Required)
                && description.is_some_and(|at| at + 1 < roles.len()),
        };
        Some((layout, end))
    }

    /// Reads the rows after a header; `None` when no row follows (the header was only words).
    fn table(&self, layout: Layout, line: u32, body: usize) -> Option<(Table, usize)> {
        let mut rows = Vec::new();
        let mut at = body;
        // A row ends where the next one starts, at the end of the table, or after its `Required`
        // cell; in the last case, a line that starts no row ends the table.
        while self.starts_row(at, &layout, rows.is_empty()) {
            let (row, end) = self.row(at, &layout);
            rows.push(row);
            at = end;
        }
        if rows.is_empty() {
            return None;
        }
        Some((Table { header: layout.header, rows, line }, at))
    }

    /// Reads the row starting at `start`: its cells and the index after it.
    fn row(&self, start: usize, layout: &Layout) -> (Row, usize) {
        let single = layout.description.unwrap_or(layout.header.len());
        let mut cells = Vec::new();
        let mut at = start;
        while cells.len() < single.max(1) && at < self.lines.len() {
            if at > start && (self.ends_table(at) || self.starts_row(at, layout, false)) {
                return (Row { cells, line: self.lines[start].number }, at);
            }
            cells.push(tidy::lines(self.lines[at].text));
            at += 1;
        }
        if layout.description.is_none() {
            return (Row { cells, line: self.lines[start].number }, at);
        }
        let mut description = Vec::new();
        let mut required = None;
        while let Some(text) = self.line(at) {
            if self.starts_row(at, layout, false) || self.ends_table(at) {
                break;
            }
            at += 1;
            if layout.required_last && is_required_value(text) {
                required = Some(text);
                break;
            }
            description.push(text);
        }
        cells.push(tidy::lines(&description.join("\n")));
        if let Some(required) = required {
            cells.push(required.to_owned());
        }
        (Row { cells, line: self.lines[start].number }, at)
    }

    /// Whether a row starts at `index`: a name, and the type word in the type column. Tables
    /// without a type column take any name, except right after their header where anything goes.
    fn starts_row(&self, index: usize, layout: &Layout, first: bool) -> bool {
        let Some(text) = self.line(index) else { return false };
        if self.ends_table(index) {
            return false;
        }
        match layout.type_column {
            Some(column) => {
                is_name(text) && column > 0 && self.line(index + column).is_some_and(is_type_word)
            }
            None => first || is_name(text),
        }
    }

    /// Whether line `index` is past the end of a table: a section title, a header, or the line
    /// that introduces a header.
    fn ends_table(&self, index: usize) -> bool {
        let Some(text) = self.line(index) else { return true };
        if is_title(text) || self.header(index).is_some() {
            return true;
        }
        let introduces = is_title_shaped(text)
            || text.ends_with([':', '：'])
            || text.trim_end_matches(['。', '.']).ends_with("如下");
        introduces && self.header(index + 1).is_some()
    }

    /// The index after the code block starting at `index`: a JSON value until its brackets
    /// balance, an XML document until its root closes, or a URL with its `&name=value` lines.
    fn code_end(&self, index: usize) -> Option<usize> {
        let first = self.line(index)?;
        let last = self.lines.len().min(index + MAX_CODE_LINES);
        if first.starts_with(['{', '[']) {
            let mut depth = Brackets::default();
            for at in index..last {
                depth.scan(self.lines[at].text);
                if depth.open <= 0 {
                    return Some(at + 1);
                }
            }
            return Some(last);
        }
        if let Some(root) = xml_root(self, index) {
            let close = format!("</{root}");
            let end = (index..last).find(|&at| self.lines[at].text.contains(&close));
            return Some(end.map_or(last, |at| at + 1));
        }
        if first.starts_with("http://") || first.starts_with("https://") {
            let more = self.lines[index + 1..last]
                .iter()
                .take_while(|line| line.text.starts_with(['&', '?']))
                .count();
            return Some(index + 1 + more);
        }
        None
    }
}

/// The root element name of an XML document starting at `index` (after a `<?xml …?>` line).
fn xml_root(reader: &Reader, index: usize) -> Option<String> {
    let first = reader.line(index)?;
    let tag = if first.starts_with("<?xml") {
        let rest = first.split_once("?>").map(|(_, rest)| rest.trim()).unwrap_or("");
        if rest.is_empty() { reader.line(index + 1)? } else { rest }
    } else {
        first
    };
    let name: String = tag
        .strip_prefix('<')?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
        .collect();
    name.starts_with(|c: char| c.is_ascii_alphabetic()).then_some(name)
}

/// Counts open JSON brackets, ignoring those inside strings.
#[derive(Default)]
struct Brackets {
    open: i64,
    in_string: bool,
    escaped: bool,
}

impl Brackets {
    fn scan(&mut self, line: &str) {
        for c in line.chars() {
            if self.in_string {
                match c {
                    _ if self.escaped => self.escaped = false,
                    '\\' => self.escaped = true,
                    '"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' | '[' => self.open += 1,
                '}' | ']' => self.open -= 1,
                _ => {}
            }
        }
    }
}

/// A header written on one line: every word, or run of words, a column title.
fn header_words(line: &str) -> Option<Vec<(String, Role)>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut cells = Vec::new();
    let mut at = 0;
    while at < words.len() {
        // The longest run of words (up to three) that is a column title.
        let (taken, cell) = (1..=3.min(words.len() - at))
            .rev()
            .find_map(|taken| Some((taken, header_cell(&words[at..at + taken].join(" "))?)))?;
        cells.push(cell);
        at += taken;
    }
    Some(cells)
}

/// The title and role of a header cell, when `text` is one.
fn header_cell(text: &str) -> Option<(String, Role)> {
    let text = text.trim();
    if text.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let lower = text.to_lowercase();
    let role = HEADER_CELLS.iter().find(|(title, _)| *title == lower)?.1;
    Some((text.to_owned(), role))
}

fn is_title(text: &str) -> bool {
    let lower = text.trim_end_matches([':', '：']).trim().to_lowercase();
    TITLES.contains(&lower.as_str())
}

/// Short, and not a sentence: could be a section title.
fn is_title_shaped(text: &str) -> bool {
    text.chars().count() <= 40
        && !text.contains(['。', '，', ',', '；', ';'])
        && !text.ends_with(['.', ':', '：'])
}

/// A parameter or field name: `image_id`, `images.n`, `Tag.N.Key`, `InstanceIds[]`.
fn is_name(text: &str) -> bool {
    text.len() <= 100
        && text.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']' | '<' | '>'))
        && header_cell(text).is_none()
        && !is_title(text)
        && !is_required_value(text)
}

/// A type word: `String`, `Integer`, `TimeStamp`, `Array of String`, `String[]`, `字符串`.
fn is_type_word(text: &str) -> bool {
    if CHINESE_TYPES.contains(&text) {
        return true;
    }
    text.len() <= 40
        && text.split_whitespace().count() <= 3
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '[' | ']' | '<' | '>' | '.'))
        && !is_required_value(text)
        && header_cell(text).is_none()
}

fn is_required_value(text: &str) -> bool {
    REQUIRED_VALUES.contains(&text.to_lowercase().as_str())
}

/// An API name alone on a line: `RunInstances`, `describeImages`.
fn is_api_name(text: &str) -> bool {
    text.len() <= 80
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric())
        && text.chars().any(|c| c.is_ascii_uppercase())
        && !is_title(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|block| match block {
                Block::Table(table) => Some(table),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn vertical_header_and_rows_closed_by_required() {
        let page = "Request Parameters\nParameter name\nType\nDescription\nRequired\nzone\nString\n\
                    区域 ID\n注意小写\nYes\ncount\nInteger\n数量\nNo\n公共参数\n";
        let doc = read(page);
        let tables = tables(&doc);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header, ["Parameter name", "Type", "Description", "Required"]);
        assert_eq!(tables[0].line, 2);
        let rows: Vec<(&[String], u32)> = tables[0].rows.iter().map(|r| (&r.cells[..], r.line)).collect();
        assert_eq!(rows[0], (&["zone", "String", "区域 ID\n注意小写", "Yes"].map(String::from)[..], 6));
        assert_eq!(rows[1].1, 11);
        assert!(matches!(doc.blocks.last(), Some(Block::Heading(h)) if h.text == "公共参数" && h.line == 15));
    }

    #[test]
    fn one_line_header_with_blank_lines_between_cells() {
        let page = "参数名 类型 描述 是否必须\n\nimages.n\n\nString\n\n镜像ID\n\nverbose\n\nInteger\n\n冗长\n\n\
                    返回示例\n\n{\n  \"a\": 1\n}\n";
        let doc = read(page);
        let tables = tables(&doc);
        assert_eq!(tables[0].header.len(), 4);
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[0].rows[1].cells, ["verbose", "Integer", "冗长"]);
        assert_eq!(tables[0].rows[1].line, 9);
        assert!(matches!(&doc.blocks[1], Block::Heading(h) if h.text == "返回示例" && h.level == 0));
        assert!(matches!(&doc.blocks[2], Block::Code { text, line: 17, .. } if text == "{\n  \"a\": 1\n}"));
    }

    #[test]
    fn tables_without_a_type_column_start_rows_at_names() {
        let page = "错误码\n错误码 错误信息\nInvalidParameter\n参数错误\n请检查参数\nQuotaExceeded\n超出配额\n请求示例\n";
        let doc = read(page);
        let tables = tables(&doc);
        assert_eq!(tables[0].header, ["错误码", "错误信息"]);
        let rows: Vec<(&str, &str, u32)> =
            tables[0].rows.iter().map(|r| (r.cells[0].as_str(), r.cells[1].as_str(), r.line)).collect();
        assert_eq!(rows, [("InvalidParameter", "参数错误\n请检查参数", 3), ("QuotaExceeded", "超出配额", 6)]);
        assert!(matches!(&doc.blocks[0], Block::Heading(h) if h.text == "错误码" && h.line == 1));
    }

    #[test]
    fn english_header_on_one_line() {
        let doc = read("Parameter name Type Description Required\nzone\nString\n区域\nYes\n");
        let tables = tables(&doc);
        assert_eq!(tables[0].header, ["Parameter name", "Type", "Description", "Required"]);
        assert_eq!(tables[0].rows[0].cells, ["zone", "String", "区域", "Yes"]);
    }

    #[test]
    fn a_header_without_rows_is_text() {
        let doc = read("Name\nType\n就这样。\n");
        assert!(tables(&doc).is_empty());
    }

    #[test]
    fn urls_take_their_parameter_lines() {
        let doc = read("Example Request:\nhttps://api.example.com/?action=X\n&zone=a\n&COMMON_PARAMS\n完\n");
        assert!(matches!(&doc.blocks[1], Block::Code { text, line: 2, .. } if text.lines().count() == 3));
        assert!(matches!(&doc.blocks[2], Block::Paragraph { line: 5, .. }));
    }
}
