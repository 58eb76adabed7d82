//! Prints the blocks a page is read into, with their lines, to check a reader by eye:
//! `cargo run -p generator --example dump_page -- PAGE`.

use generator::source::{self, Block};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dump_page PAGE")?;
    let bytes = std::fs::read(&path)?;
    let doc = source::read(&bytes, source::DEFAULT_MAX_PAGE_BYTES)
        .map_err(|e| format!("{path}:{}: {e} ({})", e.line(), e.help()))?;
    println!("{:?} {:?}", doc.format, doc.front_matter);
    for block in &doc.blocks {
        match block {
            Block::Table(table) => {
                println!("TABLE@{} {:?} rows={}", table.line, table.header, table.rows.len());
                for row in &table.rows {
                    println!("  ROW@{} {:?}", row.line, row.cells);
                }
            }
            other => println!("{other:?}"),
        }
    }
    Ok(())
}
