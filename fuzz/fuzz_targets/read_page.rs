//! Any bytes through `source::read` (format detection, then the reader it picks): no panic, the
//! same document twice, and every line inside the page.
#![no_main]

use generator::source;
use libfuzzer_sys::fuzz_target;

/// Keeps each run short; larger pages are refused before parsing anyway.
const MAX_BYTES: usize = 256 * 1024;

fuzz_target!(|bytes: &[u8]| {
    let first = source::read(bytes, MAX_BYTES);
    assert_eq!(first, source::read(bytes, MAX_BYTES));
});
