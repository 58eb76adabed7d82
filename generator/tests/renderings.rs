//! One page, two renderings: each private-cloud page under
//! generator/tests/fixtures/renderings/qingcloud-private/ is there as Markdown (`X.md`, as QingCloud
//! publishes it) and as text with one table cell per line (`X.txt`, what copying the rendered page
//! out of a browser gives). Both must give one spec; only what belongs to the file itself may
//! differ: its path, hash and format, and the places (origins, diagnostics' places) in it.
//!
//! One difference is the rendering's own: it splits a cell at every `|`, inside code spans too, so
//! a description reads `vxnet-id|ip-address` in Markdown and `vxnet-id` and `ip-address` on two
//! lines in text, and the two readers trim the blanks around a code span differently. Descriptions
//! are compared with line breaks and `|` as one, and without blanks.

use generator::extract::{self, Options};
use generator::spec;
use serde_yaml::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/renderings/qingcloud-private")
}

fn profile() -> spec::Profile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/providers/qingcloud-private.yaml");
    let text = std::fs::read_to_string(&path).expect("profile");
    spec::profile_from_yaml(&text, "qingcloud-private.yaml").expect("profile reads")
}

/// The spec of one rendering as YAML, without what belongs to the file: the page's path, hash and
/// format, every origin, and the places of the diagnostics.
fn spec_of(file: &Path) -> Value {
    let bytes = std::fs::read(file).expect("page");
    let shown = file.display().to_string();
    let extracted = extract::extract_page(&shown, &bytes, Some(&profile()), &Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut value = serde_yaml::to_value(&extracted.spec).expect("spec as YAML");
    value["source"] = Value::Null;
    strip_places(&mut value);
    value
}

/// Removes origins and the places of diagnostics; in descriptions, line breaks count as `|` and
/// blanks as nothing (see the module's doc).
fn strip_places(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            for key in ["origin", "table", "row", "section", "line", "end_line"] {
                map.remove(key);
            }
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = text.replace("\n", "|").replace(' ', "");
            }
            map.values_mut().for_each(strip_places);
        }
        Value::Sequence(items) => items.iter_mut().for_each(strip_places),
        _ => {}
    }
}

#[test]
fn markdown_and_its_text_rendering_give_one_spec() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 5, "the five pairs of the corpus");
    for markdown in pages {
        let text = markdown.with_extension("txt");
        let (from_markdown, from_text) = (spec_of(&markdown), spec_of(&text));
        if from_markdown != from_text {
            let a = serde_yaml::to_string(&from_markdown).expect("yaml");
            let b = serde_yaml::to_string(&from_text).expect("yaml");
            let diff = similar::TextDiff::from_lines(&a, &b).unified_diff().to_string();
            panic!("{} and its text rendering give different specs:\n{diff}", markdown.display());
        }
    }
}

#[test]
fn the_comparison_sees_a_real_difference() {
    let markdown = fixtures().join("DescribeEips.md");
    let page = std::fs::read_to_string(&markdown).expect("page");
    let changed = std::env::temp_dir().join(format!("yunapi-rendering-{}.md", std::process::id()));
    std::fs::write(
        &changed,
        page.replace("| eips.n | String | 公网IP的ID | No |", "| eips.n | String | 公网IP的ID | Yes |"),
    )
    .expect("write");
    let differs = spec_of(&markdown) != spec_of(&changed);
    let _ = std::fs::remove_file(&changed);
    assert!(differs, "a parameter that becomes required changes the spec");
}
