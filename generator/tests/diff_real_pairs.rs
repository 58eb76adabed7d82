//! Real pairs of pages: older and newer pages of the same APIs, extracted and diffed, against reports
//! a person has read against the pages.
//!
//! - JD Cloud's 2019 pages and its current pages of five APIs (fixtures/diff/jdcloud-2019/ and
//!   fixtures/diff/jdcloud/).
//! - QingCloud's public pages and the same pages of a QingCloud-compatible private cloud
//!   (fixtures/diff/qingcloud/ and fixtures/diff/qingcloud-private/), both read with the `qingcloud`
//!   profile, as if QingCloud had edited its pages: diffed across providers, every API would only
//!   be removed and added.
//!
//! The pages are copies of the corpus, byte for byte. The extractor improves over time, so these
//! reports are re-blessed with `BLESS=1 cargo test -p generator --test diff_real_pairs`; read the
//! new reports against the pages before committing them.

mod diff_support;

use diff_support::{assert_schema, extract, fixtures, golden, tree};
use generator::diff::render::{Format, render};
use generator::diff::{self, Check, Report, Semver, Tree};
use std::path::Path;

/// The pages of one folder of fixtures/diff/, read with `provider`'s profile.
fn pages(folder: &str, provider: &str) -> Tree {
    let dir = fixtures().join(folder);
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("fixture folder").map(|e| e.expect("entry").path()).collect();
    files.sort();
    tree(files.iter().map(|file| {
        let shown = format!("{folder}/{}", file.file_name().expect("name").to_string_lossy());
        let page = std::fs::read_to_string(file).expect("page");
        (shown.clone(), extract(provider, &shown, &page))
    }))
}

/// Diffs the two folders and checks the text and Markdown reports against their goldens and the
/// JSON report against the schema.
fn check_pair(old: &str, new: &str, provider: &str) -> Report {
    let (old_tree, new_tree) = (pages(old, provider), pages(new, provider));
    assert_eq!(old_tree.specs.len(), new_tree.specs.len(), "the same APIs on both sides");
    let report = diff::diff(&old_tree, &new_tree);
    let goldens = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diff");
    golden(&goldens.join(format!("{old}-to-{new}.txt")), &render(&report, Format::Text));
    golden(&goldens.join(format!("{old}-to-{new}.md")), &render(&report, Format::Markdown));
    assert_schema(&render(&report, Format::Json));
    assert_eq!(report, diff::diff(&old_tree, &new_tree), "the same trees give the same report");
    report
}

#[test]
fn jdcloud_2019_pages_against_current_pages() {
    let report = check_pair("jdcloud-2019", "jdcloud", "jdcloud");
    // Read against the pages: reordered rows, linked type names and anchored headings change no
    // spec; describeKeypairs gained `instanceIds` in its answer; two summaries were reworded.
    assert_eq!(report.semver(), Semver::Minor);
    let added: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.check == Check::ResponseFieldAdded)
        .map(|c| c.element.as_str())
        .collect();
    assert_eq!(added, ["response.Keypair.instanceIds"]);
}

#[test]
fn qingcloud_public_pages_against_private_cloud_pages() {
    let report = check_pair("qingcloud", "qingcloud-private", "qingcloud");
    // The private cloud's pages name their own host in the example request, which the spec takes as
    // the endpoint: every call would go elsewhere.
    assert_eq!(report.semver(), Semver::Major);
    let breaking: Vec<(&str, &str)> = report
        .changes
        .iter()
        .filter(|c| c.check.level() == diff::Level::Breaking)
        .map(|c| (c.api.as_str(), c.check.id()))
        .collect();
    assert_eq!(
        breaking,
        [
            ("qingcloud/DescribeEips", "http-endpoint-changed"),
            ("qingcloud/DescribeKeyPairs", "http-endpoint-changed"),
            ("qingcloud/DescribeSnapshots", "http-endpoint-changed")
        ]
    );
}
