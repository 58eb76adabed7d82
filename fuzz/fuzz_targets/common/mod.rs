//! The check every single-reader fuzz target runs: any bytes through one reader alone
//! (`source::read_as`): no panic, the same document twice, and every block and row on a line of
//! the page.

use generator::source::{self, Block};
use generator::spec::PageFormat;

/// Keeps each run short; larger pages are refused before parsing anyway.
const MAX_BYTES: usize = 256 * 1024;

pub fn check_reader(bytes: &[u8], format: PageFormat) {
    let Ok(doc) = source::read_as(bytes, MAX_BYTES, format) else { return };
    assert_eq!(Ok(&doc), source::read_as(bytes, MAX_BYTES, format).as_ref());
    // Line breaks as the reader counts them: `\n`, `\r\n` and a lone `\r`.
    let lines = 1 + bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    let lines = u32::try_from(lines).unwrap_or(u32::MAX);
    for block in &doc.blocks {
        let line = match block {
            Block::Heading(heading) => heading.line,
            Block::Paragraph { line, .. } | Block::Code { line, .. } | Block::List { line, .. } => *line,
            Block::Table(table) => {
                assert!(table.rows.iter().all(|row| row.line >= table.line && row.line <= lines));
                table.line
            }
        };
        assert!((1..=lines).contains(&line), "{block:?} at line {line} of {lines}");
    }
}
