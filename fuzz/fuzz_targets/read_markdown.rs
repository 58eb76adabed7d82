//! Any bytes through the Markdown reader alone; see `common::check_reader`.
#![no_main]

mod common;

use generator::spec::PageFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| common::check_reader(bytes, PageFormat::Markdown));
