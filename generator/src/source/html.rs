//! HTML reader: a full HTML page in, a [`Document`] out; also the walker that turns HTML fragments
//! embedded in Markdown (`<table>`, `<pre>`) into blocks.
//!
//! html5ever parses the HTML into scraper's tree. scraper keeps no source positions, so the tree is
//! built through [`LineSink`], which records the line html5ever was at when it created each element
//! and when each text node got its first visible character. That is the line where the element's
//! start tag ends; an element the parser invented (a `<tbody>`, a `<tr>` implied by a `<td>`) gets
//! the line of the tag that made the parser invent it.

use super::{Block, Document, Heading, ListItem, Row, Table, tidy};
use crate::spec::PageFormat;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, local_name, ns};
use scraper::{ElementRef, Html, HtmlTreeSink, Node};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// Elements nested deeper than this are read as plain text.
const MAX_DEPTH: usize = 48;

/// Elements that end the running paragraph and start a new one.
const BLOCK_CONTAINERS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "section",
    "summary",
    "td",
    "th",
    "tr",
];

/// Tags nested deeper than this are dropped before parsing (their text is kept): html5ever looks
/// through all open elements for each tag, so a page of thousands of nested tags took minutes.
const MAX_NESTING: usize = 256;

/// Elements that do not nest by themselves: void ones, and those whose end tag may be left out
/// (the next `<li>` or `<td>` closes the previous one).
const UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rt", "rp", "html", "head", "body",
];

/// Elements whose content is raw text, not tags.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Elements whose content is not page text.
const SKIPPED: &[&str] =
    &["head", "script", "style", "template", "noscript", "iframe", "svg", "math", "select"];

pub(super) fn read(text: &str) -> Document {
    let (dom, lines) = parse(text, false);
    let mut walker = Walker { lines: &lines, blocks: Vec::new(), pending: String::new(), pending_line: 1 };
    walker.children(dom.root_element(), 1, 0);
    walker.flush();
    let mut front_matter = BTreeMap::new();
    let title = dom.root_element().descendent_elements().find(|e| e.value().name() == "title");
    if let Some(title) = title {
        let title = tidy::one_line(&collapse_spaces(&title.text().collect::<String>()));
        if !title.is_empty() {
            front_matter.insert("title".to_owned(), title);
        }
    }
    Document { format: PageFormat::Html, front_matter, blocks: walker.blocks }
}

/// Reads an HTML fragment (an HTML block of a Markdown page) whose first line is page line
/// `first_line`.
pub(super) fn fragment_blocks(fragment: &str, first_line: u32) -> Vec<Block> {
    let (dom, mut lines) = parse(fragment, true);
    for line in lines.values_mut() {
        *line = line.saturating_add(first_line.saturating_sub(1));
    }
    let mut walker =
        Walker { lines: &lines, blocks: Vec::new(), pending: String::new(), pending_line: first_line };
    walker.children(dom.root_element(), first_line, 0);
    walker.flush();
    walker.blocks
}

/// The lower-case name of the tag `tag` (`<br/>` → `br`), with a `/` before closing tags
/// (`</div>` → `/div`).
pub(super) fn tag_name(tag: &str) -> String {
    let inner = tag.trim_start().strip_prefix('<').unwrap_or(tag);
    let (slash, inner) = match inner.strip_prefix('/') {
        Some(rest) => ("/", rest),
        None => ("", inner),
    };
    let name: String = inner.chars().take_while(char::is_ascii_alphanumeric).collect();
    format!("{slash}{}", name.to_ascii_lowercase())
}

/// The value of attribute `name` of the opening tag `tag` (`<div id="result">`).
pub(super) fn tag_attribute(tag: &str, name: &str) -> Option<String> {
    // Parsing is only worth it when the attribute is there at all.
    if !tag.to_ascii_lowercase().contains(&format!("{name}=")) {
        return None;
    }
    let dom = Html::parse_fragment(tag);
    let value = dom.root_element().descendent_elements().find_map(|e| e.value().attr(name));
    value.map(str::trim).filter(|value| !value.is_empty()).map(str::to_owned)
}

/// A node of scraper's tree.
type NodeId = <HtmlTreeSink as TreeSink>::Handle;

/// Parses a page or a fragment, with the line of each element and text node (1-based, within
/// `html`).
fn parse(html: &str, fragment: bool) -> (Html, BTreeMap<NodeId, u32>) {
    let html = limit_nesting(html);
    let html = html.as_ref();
    let (dom, mut lines) = if fragment {
        let sink = LineSink::new(Html::new_fragment());
        let context = QualName::new(None, ns!(html), local_name!("body"));
        html5ever::parse_fragment(sink, Default::default(), context, Vec::new(), false).one(html)
    } else {
        html5ever::parse_document(LineSink::new(Html::new_document()), Default::default()).one(html)
    };
    // html5ever may have moved past the last line break when it hands over text left open at the
    // end (a lone `<`): no node starts after the last line with content.
    let last = u32::try_from(html.trim_end().matches('\n').count() + 1).unwrap_or(u32::MAX);
    for line in lines.values_mut() {
        *line = (*line).min(last);
    }
    (dom, lines)
}

/// The HTML with the tags nested deeper than [`MAX_NESTING`] removed; the line breaks inside
/// removed tags stay, so every line keeps its number.
fn limit_nesting(html: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    // Bytes of `html` already copied to `out`.
    let mut copied = 0;
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = start + rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name_length = rest[name_start..].bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &rest[name_start..name_start + name_length];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            at = start + 1;
            continue;
        }
        let end = tag_end(rest);
        let self_closing = rest[..end].trim_end_matches('>').ends_with('/');
        let is = |list: &[&str]| list.iter().any(|known| known.eq_ignore_ascii_case(name));
        let too_deep = if is(UNNESTED) || self_closing {
            false
        } else if closing {
            let too_deep = depth > MAX_NESTING;
            depth = depth.saturating_sub(1);
            too_deep
        } else {
            depth += 1;
            depth > MAX_NESTING
        };
        if too_deep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..start]);
            out.extend(rest[..end].chars().filter(|&c| c == '\n'));
            copied = start + end;
        }
        at = start + end;
        if !closing && is(RAW_TEXT) {
            let close = format!("</{name}");
            let content = &html.as_bytes()[at..];
            at += content
                .windows(close.len())
                .position(|window| window.eq_ignore_ascii_case(close.as_bytes()))
                .unwrap_or(content.len());
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// The length of the tag at the start of `rest`, up to its `>` (quoted `>` in attribute values
/// included), or all of `rest` when it does not close.
fn tag_end(rest: &str) -> usize {
    let mut quote = None;
    for (index, byte) in rest.bytes().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b'>') => return index + 1,
            _ => {}
        }
    }
    rest.len()
}

/// scraper's tree sink, plus the line html5ever was at when each node was made.
struct LineSink {
    inner: HtmlTreeSink,
    line: Cell<u32>,
    lines: RefCell<BTreeMap<NodeId, u32>>,
}

impl LineSink {
    fn new(html: Html) -> Self {
        LineSink { inner: HtmlTreeSink::new(html), line: Cell::new(1), lines: RefCell::default() }
    }

    fn record(&self, node: NodeId) {
        self.lines.borrow_mut().entry(node).or_insert(self.line.get());
    }

    /// Records the line of the text node that visible text was just added to (`child` of `parent`,
    /// or `sibling`'s previous sibling).
    ///
    /// html5ever hands a run of text over when the run ends, so the current line is that of its
    /// end: the line of its first visible character is found by counting back.
    fn record_text(&self, text: &NodeOrText<NodeId>, find: impl Fn(&Html) -> Option<NodeId>) {
        if let NodeOrText::AppendText(text) = text
            && !text.trim().is_empty()
            && let Some(node) = find(&self.inner.0.borrow())
        {
            let visible = text.trim_start();
            let back = u32::try_from(visible.matches('\n').count()).unwrap_or(u32::MAX);
            let line = self.line.get().saturating_sub(back).max(1);
            self.lines.borrow_mut().entry(node).or_insert(line);
        }
    }
}

impl TreeSink for LineSink {
    type Output = (Html, BTreeMap<NodeId, u32>);
    type Handle = NodeId;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Self::Output {
        (self.inner.finish(), self.lines.into_inner())
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(u32::try_from(line).unwrap_or(u32::MAX));
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let node = self.inner.create_element(name, attrs, flags);
        self.record(node);
        node
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let probe = match &child {
            NodeOrText::AppendText(text) => NodeOrText::AppendText(text.clone()),
            NodeOrText::AppendNode(node) => NodeOrText::AppendNode(*node),
        };
        self.inner.append(parent, child);
        self.record_text(&probe, |html| Some(html.tree.get(*parent)?.last_child()?.id()));
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let probe = match &new_node {
            NodeOrText::AppendText(text) => NodeOrText::AppendText(text.clone()),
            NodeOrText::AppendNode(node) => NodeOrText::AppendNode(*node),
        };
        self.inner.append_before_sibling(sibling, new_node);
        self.record_text(&probe, |html| Some(html.tree.get(*sibling)?.prev_sibling()?.id()));
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev: &NodeId, child: NodeOrText<NodeId>) {
        let has_parent = self.inner.0.borrow().tree.get(*element).is_some_and(|e| e.parent().is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn parse_error(&self, _message: Cow<'static, str>) {
        // Documentation pages are rarely valid HTML; the errors are not worth keeping.
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append_doctype_to_document(&self, name: StrTendril, public: StrTendril, system: StrTendril) {
        self.inner.append_doctype_to_document(name, public, system);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
    }
}

/// Walks a parsed tree in document order, gathering blocks and the running paragraph.
struct Walker<'l> {
    lines: &'l BTreeMap<NodeId, u32>,
    blocks: Vec<Block>,
    /// Text outside any paragraph element, waiting for the next block boundary.
    pending: String,
    pending_line: u32,
}

impl Walker<'_> {
    /// The line of an element, or `fallback` (its parent's line) when none was recorded.
    fn line_of(&self, element: ElementRef, fallback: u32) -> u32 {
        self.lines.get(&element.id()).copied().unwrap_or(fallback)
    }

    fn children(&mut self, element: ElementRef, line: u32, depth: usize) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => {
                    let line = self.lines.get(&child.id()).copied().unwrap_or(line);
                    self.text(text, line);
                }
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, line, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef, parent_line: u32, depth: usize) {
        let name = element.value().name();
        let line = self.line_of(element, parent_line);
        if SKIPPED.contains(&name) {
            return;
        }
        if depth > MAX_DEPTH {
            // Too deep to walk by recursion: its text, each piece on its own line.
            for node in element.descendants() {
                if let Node::Text(text) = node.value() {
                    let line = self.lines.get(&node.id()).copied().unwrap_or(line);
                    self.text(text, line);
                }
            }
            return;
        }
        match name {
            "br" => self.pending.push('\n'),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse().unwrap_or(1);
                let text = tidy::one_line(&collapse_spaces(&element.text().collect::<String>()));
                let anchor = std::iter::once(element)
                    .chain(element.descendent_elements())
                    .find_map(|e| e.value().id().or_else(|| e.value().attr("name")))
                    .map(str::to_owned);
                self.blocks.push(Block::Heading(Heading { level, text, anchor, line }));
            }
            "p" => {
                self.flush();
                let text = tidy::lines(&inline_text(element, false, depth));
                if !text.is_empty() {
                    self.blocks.push(Block::Paragraph { text, line });
                }
            }
            "ul" | "ol" => {
                self.flush();
                let items = self.list(element, line, depth);
                self.blocks.push(Block::List { items, line });
            }
            "table" => {
                self.flush();
                let table = self.table(element, line, depth);
                self.blocks.push(Block::Table(table));
            }
            "pre" => {
                self.flush();
                let text = tidy::code(&element.text().collect::<String>());
                // The line of the first visible character of code, not of the tag.
                let first =
                    element.descendants().find(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()));
                let line = first.and_then(|n| self.lines.get(&n.id()).copied()).unwrap_or(line);
                self.blocks.push(Block::Code { lang: code_language(element), text, line });
            }
            _ if BLOCK_CONTAINERS.contains(&name) => {
                self.flush();
                self.children(element, line, depth);
                self.flush();
            }
            _ => self.children(element, line, depth),
        }
    }

    fn list(&self, list: ElementRef, line: u32, depth: usize) -> Vec<ListItem> {
        let mut items = Vec::new();
        for item in list.child_elements().filter(|e| e.value().name() == "li") {
            let line = self.line_of(item, line);
            let text = tidy::lines(&inline_text(item, true, depth));
            let mut children = Vec::new();
            for nested in item.child_elements() {
                if matches!(nested.value().name(), "ul" | "ol") && depth < MAX_DEPTH {
                    children.extend(self.list(nested, line, depth + 1));
                }
            }
            items.push(ListItem { text, line, children });
        }
        items
    }

    fn table(&self, table: ElementRef, line: u32, depth: usize) -> Table {
        let mut rows: Vec<Row> = table_rows(table)
            .into_iter()
            .map(|row| Row {
                cells: row
                    .child_elements()
                    .filter(|cell| matches!(cell.value().name(), "td" | "th"))
                    .map(|cell| tidy::lines(&inline_text(cell, false, depth)))
                    .collect(),
                line: self.line_of(row, line),
            })
            .collect();
        // The first row is the header, whether it uses <th> or <td>: these pages always have one.
        let header = if rows.is_empty() { Vec::new() } else { rows.remove(0).cells };
        Table { header, rows, line }
    }

    fn text(&mut self, text: &str, line: u32) {
        let text = collapse_spaces(text);
        if self.pending.trim().is_empty() && !text.trim().is_empty() {
            self.pending_line = line;
        }
        self.pending.push_str(&text);
    }

    /// Turns the running text into a paragraph.
    fn flush(&mut self) {
        let text = tidy::lines(&std::mem::take(&mut self.pending));
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph { text, line: self.pending_line });
        }
    }
}

/// The rows of a table, not those of tables nested in its cells (html5ever puts rows in <tbody>).
fn table_rows(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => {
                rows.extend(child.child_elements().filter(|row| row.value().name() == "tr"));
            }
            _ => {}
        }
    }
    rows
}

/// The text of an element: `<br>` and block elements as line breaks, `<li>` as `- ` lines, and,
/// unless `skip_lists`, the element's own nested lists as well.
fn inline_text(element: ElementRef, skip_lists: bool, depth: usize) -> String {
    let mut out = String::new();
    gather_text(element, skip_lists, depth, &mut out);
    out
}

fn gather_text(element: ElementRef, skip_lists: bool, depth: usize, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(&collapse_spaces(text)),
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                let name = e.name();
                if SKIPPED.contains(&name) || (skip_lists && matches!(name, "ul" | "ol")) {
                    continue;
                }
                if depth > MAX_DEPTH {
                    out.push_str(&collapse_spaces(&child.text().collect::<String>()));
                    continue;
                }
                let breaks = name == "p" || name == "pre" || BLOCK_CONTAINERS.contains(&name);
                match name {
                    "br" => out.push('\n'),
                    "li" => out.push_str("\n- "),
                    "td" | "th" => out.push(' '),
                    _ if breaks => out.push('\n'),
                    _ => {}
                }
                gather_text(child, false, depth + 1, out);
                if breaks {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// HTML whitespace rules: every run of spaces, tabs and line breaks is one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// `json` for `<pre class="language-json">` or `<pre><code class="lang-json">`.
fn code_language(pre: ElementRef) -> Option<String> {
    let code = pre.child_elements().filter(|e| e.value().name() == "code");
    std::iter::once(pre).chain(code).find_map(|e| {
        e.value().classes().find_map(|class| {
            let lang = class.strip_prefix("language-").or_else(|| class.strip_prefix("lang-"))?;
            Some(lang.to_owned())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_past_the_nesting_limit_go_and_their_line_breaks_stay() {
        let deep = MAX_NESTING + 2;
        let html = format!("{}x{}", "<div\n>".repeat(deep), "</div>".repeat(deep));
        let limited = limit_nesting(&html);
        assert_eq!(limited.matches("<div").count(), MAX_NESTING);
        assert_eq!(limited.matches("</div>").count(), MAX_NESTING);
        assert_eq!(limited.matches('\n').count(), deep);
        assert!(limited.contains('x'));
    }

    #[test]
    fn unclosed_paragraphs_and_raw_text_do_not_count_as_nesting() {
        let html = format!("{}<script>{}</script>", "<p>a<li>b<br>".repeat(1000), "<div>".repeat(1000));
        assert!(matches!(limit_nesting(&html), Cow::Borrowed(_)));
    }
}
