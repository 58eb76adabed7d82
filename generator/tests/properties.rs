//! Hostile input: every seed page and a sample of the corpus, mutated (truncated, bytes changed,
//! rows shuffled or duplicated, markup injected into cells, huge cells, deep nesting, CRLF, a BOM,
//! other encodings), must read without a panic, give the same result on every run, and keep every
//! source line inside the page. The extractor runs under the same mutations.
//!
//! Cases per property: `PROPTEST_CASES`, 64 by default.

use generator::extract::{self, Options};
use generator::source::{self, Block, Document, ListItem, ReadError};
use proptest::prelude::*;
use proptest::sample::Index;
use std::path::Path;
use std::sync::LazyLock;

/// The page size limit given to the readers; every mutation stays well below it (the largest adds
/// about 200 KB), which bounds the time per case.
const MAX_PAGE: usize = 1024 * 1024;

/// Every n-th corpus page joins the sample.
const CORPUS_STRIDE: usize = 6;

/// The test pages: the seeds and a sample of the corpus, by name.
static PAGES: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
    let mut pages = Vec::new();
    collect(&workspace.join("specs/sources"), &mut pages);
    let seeds = pages.len();
    let mut corpus = Vec::new();
    let corpus_root = workspace.join("../shared/corpus");
    if corpus_root.is_dir() {
        collect(&corpus_root, &mut corpus);
    } else {
        println!("note: no corpus at {}, only the seeds are mutated", corpus_root.display());
    }
    pages.extend(corpus.into_iter().step_by(CORPUS_STRIDE));
    assert!(seeds >= 5, "the seed pages are missing");
    pages
});

fn collect(folder: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(folder).expect("the folder lists").map(|e| e.expect("an entry").path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        if path.is_dir() && name != "truth" {
            collect(&path, out);
        } else if (name.ends_with(".md") || name.ends_with(".txt")) && name != "README.md" {
            let bytes = std::fs::read(&path).expect("the page reads");
            out.push((path.display().to_string(), bytes));
        }
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    // Failures print their minimal input; they become regression tests in readers.rs.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Markup that might confuse a reader when it lands in a table cell.
const INJECTIONS: &[&str] = &[
    "|",
    "\\|",
    "||||",
    "<table><tr><td>x",
    "</table>",
    "</td></tr><tr><td>",
    "<div id=\"x\">",
    "<br>",
    "<!--",
    "<script>alert(1)</script>",
    "<![CDATA[",
    "&nbsp;&#x0;&#99999999;",
    "**bold",
    "`code",
    "\n```\n",
    "\n# Heading\n",
    "\n- item\n",
    "\n> quote\n",
    "\n---\n",
    "[link](",
    "{#anchor}",
    "\u{E000}",
    "\u{202E}",
    "\nParameter name\nType\nDescription\n",
    "\n参数名 类型 描述\n",
    "{\"a\": [",
];

/// A way to break a page.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    ChangeBytes(Vec<(Index, u8)>),
    /// Swaps of table rows (lines that look like rows; every line on text pages).
    ShuffleRows(Vec<(Index, Index)>),
    DuplicateRows(Vec<(Index, usize)>),
    /// Markup put into a row, after one of its pipes when it has any.
    Inject {
        row: Index,
        at: Index,
        markup: &'static str,
    },
    HugeCell {
        row: Index,
        at: Index,
        filler: &'static str,
        repeat: usize,
    },
    DeepNesting {
        line: Index,
        kind: Nesting,
        depth: usize,
    },
    /// Bytes of another encoding (GBK-like pairs, or Latin-1) put at the start of a line.
    OtherEncoding {
        line: Index,
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone, Copy)]
enum Nesting {
    MarkdownList,
    BlockQuote,
    HtmlList,
    HtmlTable,
}

fn truncate() -> impl Strategy<Value = Mutation> {
    any::<Index>().prop_map(Mutation::Truncate)
}

fn change_bytes() -> impl Strategy<Value = Mutation> {
    prop::collection::vec((any::<Index>(), any::<u8>()), 1..16).prop_map(Mutation::ChangeBytes)
}

fn shuffle_rows() -> impl Strategy<Value = Mutation> {
    prop::collection::vec((any::<Index>(), any::<Index>()), 1..12).prop_map(Mutation::ShuffleRows)
}

fn duplicate_rows() -> impl Strategy<Value = Mutation> {
    prop::collection::vec((any::<Index>(), 1usize..4), 1..6).prop_map(Mutation::DuplicateRows)
}

fn inject() -> impl Strategy<Value = Mutation> {
    (any::<Index>(), any::<Index>(), prop::sample::select(INJECTIONS))
        .prop_map(|(row, at, markup)| Mutation::Inject { row, at, markup })
}

fn huge_cell() -> impl Strategy<Value = Mutation> {
    (
        any::<Index>(),
        any::<Index>(),
        prop::sample::select(&["x", "很长的描述 ", "<b>", "| ", "- ", "\\"][..]),
        1_000usize..12_000,
    )
        .prop_map(|(row, at, filler, repeat)| Mutation::HugeCell { row, at, filler, repeat })
}

fn deep_nesting() -> impl Strategy<Value = Mutation> {
    let kind = prop_oneof![
        Just(Nesting::MarkdownList),
        Just(Nesting::BlockQuote),
        Just(Nesting::HtmlList),
        Just(Nesting::HtmlTable)
    ];
    (any::<Index>(), kind, 1usize..400).prop_map(|(line, kind, depth)| Mutation::DeepNesting {
        line,
        kind,
        depth,
    })
}

fn other_encoding() -> impl Strategy<Value = Mutation> {
    let gbk = prop::collection::vec((0x81u8..=0xFE, 0x40u8..=0xFE), 1..8)
        .prop_map(|pairs| pairs.into_iter().flat_map(|(a, b)| [a, b]).collect::<Vec<u8>>());
    let latin1 = prop::collection::vec(0xA0u8..=0xFF, 1..8);
    (any::<Index>(), prop_oneof![gbk, latin1])
        .prop_map(|(line, bytes)| Mutation::OtherEncoding { line, bytes })
}

fn any_mutation() -> impl Strategy<Value = Mutation> {
    any_mutation_nested_up_to(400)
}

fn any_mutation_nested_up_to(depth: usize) -> impl Strategy<Value = Mutation> {
    let nesting = deep_nesting().prop_map(move |mutation| match mutation {
        Mutation::DeepNesting { line, kind, depth: wanted } => {
            Mutation::DeepNesting { line, kind, depth: wanted.min(depth) }
        }
        other => other,
    });
    prop_oneof![
        truncate(),
        change_bytes(),
        shuffle_rows(),
        duplicate_rows(),
        inject(),
        huge_cell(),
        nesting,
        other_encoding()
    ]
}

/// How deep the extractor is given nested HTML (the readers themselves get deeper nesting).
const EXTRACT_NESTING: usize = 1_000;

fn page() -> impl Strategy<Value = usize> {
    0..PAGES.len()
}

fn split_lines(page: &[u8]) -> Vec<Vec<u8>> {
    page.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

/// Lines that look like table rows: pipe rows, HTML rows; on pages with neither, every line.
fn row_lines(lines: &[Vec<u8>]) -> Vec<usize> {
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let line = String::from_utf8_lossy(&lines[i]);
            line.trim_start().starts_with('|') || line.contains("<tr") || line.contains("<td")
        })
        .collect();
    if rows.is_empty() { (0..lines.len()).collect() } else { rows }
}

/// The byte offset inside `line` to insert at: after a pipe when there is one, else at a char
/// boundary.
fn insertion_point(line: &[u8], at: &Index) -> usize {
    let pipes: Vec<usize> =
        line.iter().enumerate().filter(|(_, b)| **b == b'|').map(|(i, _)| i + 1).collect();
    if !pipes.is_empty() {
        return pipes[at.index(pipes.len())];
    }
    let boundaries: Vec<usize> =
        (0..=line.len()).filter(|&i| i == line.len() || (line[i] & 0xC0) != 0x80).collect();
    boundaries[at.index(boundaries.len())]
}

impl Mutation {
    fn apply(&self, page: &[u8]) -> Vec<u8> {
        let mut lines = split_lines(page);
        let mutated = match self {
            Mutation::Truncate(at) => return page[..at.index(page.len() + 1)].to_vec(),
            Mutation::ChangeBytes(changes) => {
                let mut bytes = page.to_vec();
                for (at, byte) in changes {
                    if !bytes.is_empty() {
                        let at = at.index(bytes.len());
                        bytes[at] = *byte;
                    }
                }
                return bytes;
            }
            Mutation::ShuffleRows(swaps) => {
                let rows = row_lines(&lines);
                for (a, b) in swaps {
                    lines.swap(rows[a.index(rows.len())], rows[b.index(rows.len())]);
                }
                lines
            }
            Mutation::DuplicateRows(copies) => {
                let rows = row_lines(&lines);
                let mut picked: Vec<(usize, usize)> =
                    copies.iter().map(|(at, n)| (rows[at.index(rows.len())], *n)).collect();
                // From the bottom up, so earlier insertions do not move later ones.
                picked.sort_by(|a, b| b.cmp(a));
                for (row, n) in picked {
                    for _ in 0..n {
                        let copy = lines[row].clone();
                        lines.insert(row + 1, copy);
                    }
                }
                lines
            }
            Mutation::Inject { row, at, markup } => {
                let rows = row_lines(&lines);
                let line = &mut lines[rows[row.index(rows.len())]];
                let point = insertion_point(line, at);
                line.splice(point..point, markup.bytes());
                lines
            }
            Mutation::HugeCell { row, at, filler, repeat } => {
                let rows = row_lines(&lines);
                let line = &mut lines[rows[row.index(rows.len())]];
                let point = insertion_point(line, at);
                line.splice(point..point, filler.repeat(*repeat).into_bytes());
                lines
            }
            Mutation::DeepNesting { line, kind, depth } => {
                let at = line.index(lines.len());
                let nested = nesting(*kind, *depth);
                lines.splice(at..at, nested.split('\n').map(|l| l.as_bytes().to_vec()));
                lines
            }
            Mutation::OtherEncoding { line, bytes } => {
                let at = line.index(lines.len());
                lines[at].splice(0..0, bytes.iter().copied());
                lines
            }
        };
        mutated.join(&b'\n')
    }
}

fn nesting(kind: Nesting, depth: usize) -> String {
    match kind {
        Nesting::MarkdownList => (0..depth).map(|d| format!("{}- level {d}\n", "  ".repeat(d))).collect(),
        Nesting::BlockQuote => format!("{} deep\n", ">".repeat(depth)),
        Nesting::HtmlList => format!("{}deep{}", "<ul><li>".repeat(depth), "</li></ul>".repeat(depth)),
        Nesting::HtmlTable => {
            format!("{}deep{}", "<table><tr><td>".repeat(depth), "</td></tr></table>".repeat(depth))
        }
    }
}

/// The number of lines of a page, counting `\n`, `\r\n` and a lone `\r` as line breaks, as the
/// readers do.
fn line_count(page: &[u8]) -> u32 {
    let breaks = page
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && page.get(i + 1) != Some(&b'\n')))
        .count();
    u32::try_from(breaks + 1).unwrap_or(u32::MAX)
}

/// Every line in `doc` is a line of the page, and rows come after their header.
fn check_lines(doc: &Document, lines: u32) -> Result<(), TestCaseError> {
    fn check_items(items: &[ListItem], lines: u32) -> Result<(), TestCaseError> {
        for item in items {
            prop_assert!((1..=lines).contains(&item.line), "list item at line {} of {lines}", item.line);
            check_items(&item.children, lines)?;
        }
        Ok(())
    }
    for block in &doc.blocks {
        let line = match block {
            Block::Heading(heading) => heading.line,
            Block::Paragraph { line, .. } | Block::Code { line, .. } => *line,
            Block::List { items: list, line } => {
                check_items(list, lines)?;
                *line
            }
            Block::Table(table) => {
                for row in &table.rows {
                    prop_assert!(
                        row.line >= table.line,
                        "row at {} before its table at {}",
                        row.line,
                        table.line
                    );
                    prop_assert!(row.line <= lines, "row at line {} of {lines}", row.line);
                }
                table.line
            }
        };
        prop_assert!((1..=lines).contains(&line), "block at line {line} of {lines}: {block:?}");
    }
    Ok(())
}

/// Reads a page twice: same result, lines inside the page, errors pointing inside the page.
fn check_read(page: &[u8]) -> Result<Result<Document, ReadError>, TestCaseError> {
    let first = source::read(page, MAX_PAGE);
    let second = source::read(page, MAX_PAGE);
    prop_assert_eq!(&first, &second);
    match &first {
        Ok(doc) => check_lines(doc, line_count(page))?,
        Err(error) => {
            prop_assert!(error.line() >= 1 && error.line() <= line_count(page));
            prop_assert!(!error.help().is_empty());
        }
    }
    Ok(first)
}

/// Extracts a page twice: same result (spec or error), errors pointing inside the page.
fn check_extract(name: &str, page: &[u8]) -> Result<(), TestCaseError> {
    let options = Options { max_page_bytes: MAX_PAGE, ..Options::default() };
    let first = extract::extract_page(name, page, None, &options);
    let second = extract::extract_page(name, page, None, &options);
    prop_assert_eq!(&first, &second);
    if let Err(error) = &first {
        prop_assert!(error.line >= 1 && error.line <= line_count(page), "{error}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// A truncated page reads, or is empty, or ends inside a character on its last line.
    #[test]
    fn truncated_pages_read(page in page(), mutation in truncate()) {
        let truncated = mutation.apply(&PAGES[page].1);
        match check_read(&truncated)? {
            Ok(_) | Err(ReadError::Empty) => {}
            Err(ReadError::InvalidUtf8 { line, .. }) => prop_assert_eq!(line, line_count(&truncated)),
            Err(other) => prop_assert!(false, "{}", other),
        }
    }

    #[test]
    fn pages_with_changed_bytes_read(page in page(), mutation in change_bytes()) {
        let result = check_read(&mutation.apply(&PAGES[page].1))?;
        let refused_for_bytes = matches!(result, Err(ReadError::Binary { .. } | ReadError::InvalidUtf8 { .. }));
        prop_assert!(result.is_ok() || refused_for_bytes);
    }

    #[test]
    fn shuffled_rows_read(page in page(), mutation in shuffle_rows()) {
        let doc = check_read(&mutation.apply(&PAGES[page].1))?;
        prop_assert!(doc.is_ok());
    }

    #[test]
    fn duplicated_rows_read(page in page(), mutation in duplicate_rows()) {
        let doc = check_read(&mutation.apply(&PAGES[page].1))?;
        prop_assert!(doc.is_ok());
    }

    #[test]
    fn markup_injected_into_cells_reads(page in page(), mutation in inject()) {
        let doc = check_read(&mutation.apply(&PAGES[page].1))?;
        prop_assert!(doc.is_ok());
    }

    #[test]
    fn huge_cells_read(page in page(), mutation in huge_cell()) {
        let doc = check_read(&mutation.apply(&PAGES[page].1))?;
        prop_assert!(doc.is_ok());
    }

    #[test]
    fn deep_nesting_reads(page in page(), mutation in deep_nesting()) {
        let doc = check_read(&mutation.apply(&PAGES[page].1))?;
        prop_assert!(doc.is_ok());
    }

    /// Bytes of another encoding are refused at their line, unless they happen to be valid UTF-8.
    #[test]
    fn other_encodings_are_refused_at_their_line(page in page(), mutation in other_encoding()) {
        let original = &PAGES[page].1;
        let mutated = mutation.apply(original);
        let result = check_read(&mutated)?;
        let Mutation::OtherEncoding { line, .. } = &mutation else { unreachable!() };
        let expected = u32::try_from(line.index(split_lines(original).len()) + 1).unwrap_or(u32::MAX);
        if let Err(error) = result {
            prop_assert_eq!(error.line(), expected, "{}", error);
            let is_utf8_error = matches!(error, ReadError::InvalidUtf8 { .. });
            prop_assert!(is_utf8_error);
        }
    }

    /// CRLF line endings and a BOM change nothing: the same blocks, on the same lines.
    #[test]
    fn crlf_and_bom_change_nothing(page in page(), mutation in any_mutation(), bom in any::<bool>()) {
        let lf = mutation.apply(&PAGES[page].1);
        let mut crlf = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        for (i, line) in split_lines(&lf).iter().enumerate() {
            if i > 0 {
                crlf.extend_from_slice(b"\r\n");
            }
            crlf.extend_from_slice(line);
        }
        let expected = source::read(&lf, 2 * MAX_PAGE);
        let got = source::read(&crlf, 2 * MAX_PAGE);
        // Errors may differ only in byte offsets (the CRs and the BOM move them).
        match (&expected, &got) {
            (Ok(expected), Ok(got)) => prop_assert_eq!(expected, got),
            (Err(expected), Err(got)) => prop_assert_eq!(expected.line(), got.line()),
            _ => prop_assert!(false, "{:?} vs {:?}", expected.as_ref().err(), got.as_ref().err()),
        }
    }

    #[test]
    fn extraction_of_mutated_pages_is_deterministic(
        page in page(),
        mutation in any_mutation_nested_up_to(EXTRACT_NESTING),
    ) {
        let (name, bytes) = &PAGES[page];
        check_extract(name, &mutation.apply(bytes))?;
    }
}

/// Found by the extraction property: an answer example of markup nested 240 deep (720 elements),
/// checked against the answer table, is read as XML; the XML parser recurses once per element
/// until the stack overflowed, which aborted the whole run; the extractor now refuses such nesting.
#[test]
fn deeply_nested_xml_example_is_extracted() {
    let page = format!(
        "# Describe\n\n## 返回参数\n\n|Name|Type|Description|\n|-|-|-|\n|action|String|动作|\n\n## 返回示例\n\n```\n{}deep{}\n```\n",
        "<table><tr><td>".repeat(240),
        "</td></tr></table>".repeat(240)
    );
    let options = Options { max_page_bytes: MAX_PAGE, ..Options::default() };
    let first = extract::extract_page("aliyun/Describe.md", page.as_bytes(), None, &options);
    assert_eq!(first, extract::extract_page("aliyun/Describe.md", page.as_bytes(), None, &options));
}
