//! A crate that depends on `yunapi` compiles no page parser: build.rs uses the generator without its
//! `extract` feature, so pulldown-cmark, scraper and html5ever stay out of the normal and build
//! dependencies.

use std::process::Command;

#[test]
fn page_parsers_are_not_in_the_client_dependency_tree() {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-p", "yunapi", "-e", "normal,build", "--prefix", "none", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    assert!(tree.lines().any(|l| l.starts_with("generator ")), "build.rs uses the generator:\n{tree}");
    for parser in ["pulldown-cmark", "scraper", "html5ever"] {
        assert!(
            !tree.lines().any(|l| l.starts_with(&format!("{parser} "))),
            "{parser} is in the tree:\n{tree}"
        );
    }
}
