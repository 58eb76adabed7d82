//! Golden test of spec → code: the fixture specs in tests/fixtures/golden/ generate exactly the files
//! in tests/golden/code/. Bless a change with `BLESS=1 cargo test -p generator --test codegen_golden`.
//!
//! The golden client is compiled with warnings denied as the `generated_golden` test of the
//! workspace root package, so a golden that does not build fails the test suite.

use generator::pipeline::{self, Options};
use std::path::{Path, PathBuf};

fn dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn options(check: bool) -> Options {
    Options { check, force: false, max_page_bytes: 0, progress: false, only_features: None }
}

#[test]
fn fixture_specs_generate_the_golden_code() {
    let specs = dir("tests/fixtures/golden");
    let golden = dir("tests/golden/code");
    if std::env::var_os("BLESS").is_some() {
        let summary = pipeline::generate(&specs, &golden, &options(false)).expect("bless the goldens");
        // The run's cache is local state, not a golden file.
        std::fs::remove_file(golden.join(generator::cache::FILE)).expect("the run left its cache");
        eprintln!("blessed: {summary}");
        return;
    }
    let summary = pipeline::generate(&specs, &golden, &options(true)).expect("generation succeeds");
    assert!(
        summary.stale.is_empty(),
        "generated code differs from the goldens in {:?}; if the change is intended, run \
         `BLESS=1 cargo test -p generator --test codegen_golden` and review the diff",
        summary.stale
    );
    assert_eq!(summary.specs, 6, "every fixture spec is generated");
}
