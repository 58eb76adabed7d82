//! What the diff tests share: pages extracted into trees of specs, goldens, and the JSON schema of
//! reports.

#![allow(dead_code, reason = "each test binary uses a part")]

use generator::diff::Tree;
use generator::extract::{self, Options};
use generator::source::DEFAULT_MAX_PAGE_BYTES;
use generator::spec::{self, ApiSpec, Profile};
use std::path::{Path, PathBuf};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

pub fn blessing() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// The profile of `provider` in specs/providers.
pub fn profile(provider: &str) -> Profile {
    let path = workspace().join(format!("specs/providers/{provider}.yaml"));
    let text = std::fs::read_to_string(&path).expect("profile");
    spec::profile_from_yaml(&text, &path.display().to_string()).expect("profile reads")
}

/// The spec of a page, read with the profile of `provider`; `shown` names the page in the spec.
pub fn extract(provider: &str, shown: &str, page: &str) -> ApiSpec {
    let options = Options { max_page_bytes: DEFAULT_MAX_PAGE_BYTES, ..Options::default() };
    let extracted = extract::extract_page(shown, page.as_bytes(), Some(&profile(provider)), &options)
        .unwrap_or_else(|e| panic!("{e}\n  help: {}", e.help));
    extracted.spec
}

/// A tree of the given specs (each with the path shown for it) and every profile of specs/providers,
/// as a specs folder has them.
pub fn tree(specs: impl IntoIterator<Item = (String, ApiSpec)>) -> Tree {
    let mut tree = Tree::default();
    for entry in std::fs::read_dir(workspace().join("specs/providers")).expect("specs/providers") {
        let path = entry.expect("entry").path();
        let provider = path.file_stem().expect("name").to_string_lossy().into_owned();
        tree.profiles
            .insert(provider.clone(), (format!("specs/providers/{provider}.yaml"), profile(&provider)));
    }
    for (path, spec) in specs {
        tree.insert(path, spec).expect("one spec per API");
    }
    tree
}

/// Compares `actual` with the golden file, or rewrites it under `BLESS=1`.
pub fn golden(path: &Path, actual: &str) {
    if blessing() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("golden folder");
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs; read the new output and bless it with BLESS=1:\n{actual}",
        path.display()
    );
}

/// Checks a JSON report against generator/schema/diff-report.schema.json.
pub fn assert_schema(json: &str) {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/diff-report.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let report: serde_json::Value = serde_json::from_str(json).expect("the report is JSON");
    let errors: Vec<String> =
        validator.iter_errors(&report).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "the report breaks the schema: {errors:#?}\n{json}");
}
