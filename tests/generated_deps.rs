//! A crate that depends on `yunapi` compiles no page parser: build.rs uses the generator without its
//! `extract` feature, so pulldown-cmark, scraper and html5ever stay out of the normal and build
//! dependencies; and a crate that selects its APIs does not build the generator at all.

use std::process::Command;

/// The packages of `cargo tree -p yunapi` over normal and build dependencies, with `features`.
fn tree(features: &[&str]) -> String {
    let mut args = vec!["tree", "-p", "yunapi", "-e", "normal,build", "--prefix", "none", "--offline"];
    args.extend(features);
    let output = Command::new(env!("CARGO"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn has(tree: &str, package: &str) -> bool {
    tree.lines().any(|l| l.starts_with(&format!("{package} ")))
}

#[test]
fn page_parsers_are_not_in_the_client_dependency_tree() {
    let tree = tree(&[]);
    assert!(has(&tree, "generator"), "build.rs uses the generator:\n{tree}");
    for parser in ["pulldown-cmark", "scraper", "html5ever"] {
        assert!(!has(&tree, parser), "{parser} is in the tree:\n{tree}");
    }
}

/// A crate that selects its APIs (yunapi-select) turns the default features off, and with them the
/// `regenerate` feature.
#[test]
fn without_default_features_the_generator_is_not_built() {
    let tree = tree(&["--no-default-features"]);
    assert!(has(&tree, "yunapi-runtime"), "the runtime is there:\n{tree}");
    assert!(!has(&tree, "generator"), "the generator is in the tree:\n{tree}");
}
