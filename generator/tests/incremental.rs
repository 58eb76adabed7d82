//! Incremental runs: the cache in OUT/.cache lets a run skip unchanged pages, specs and APIs, and
//! never changes what is written. Each test works on a scratch copy of the repository's specs/ and
//! templates/ and compares a cached run with a run from scratch.

mod common;

use generator::pipeline::{self, Options, Summary};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const OPTIONS: Options =
    Options { check: false, force: false, max_page_bytes: 4 << 20, progress: false, only_features: None };

/// A scratch specs folder (the repository's profiles and overlays, and the seed pages of the test
/// fixtures as its sources) and templates, with an output folder.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!("yunapi-incremental-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for folder in ["providers", "overlays"] {
            common::copy_dir(&repo.join("specs").join(folder), &root.join("specs").join(folder));
        }
        common::copy_dir(&repo.join("generator/tests/fixtures/pages"), &root.join("specs/sources"));
        common::copy_dir(&repo.join("templates"), &root.join("templates"));
        Scratch { root }
    }

    fn specs(&self) -> PathBuf {
        self.root.join("specs")
    }

    fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    fn run(&self) -> Summary {
        let summary = pipeline::run(&self.specs(), &self.out(), &OPTIONS).expect("the run succeeds");
        assert!(summary.ok(), "{summary}");
        summary
    }

    /// The files a run from scratch (no cache, empty output) gives for the same specs.
    fn run_from_scratch(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let fresh = self.root.join("fresh");
        let _ = fs::remove_dir_all(&fresh);
        pipeline::run(&self.specs(), &fresh, &OPTIONS).expect("the run succeeds");
        let files = contents(&fresh);
        fs::remove_dir_all(&fresh).expect("cleanup");
        files
    }

    fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.root.join(relative);
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{relative} has no {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Every file under `dir` but the cache, by relative path.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    stamps(dir).into_iter().map(|(path, (bytes, _))| (path, bytes)).collect()
}

fn stamps(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if entry.file_name() != generator::cache::FILE {
                let modified = entry.metadata().and_then(|m| m.modified()).expect("mtime");
                let relative = path.strip_prefix(dir).expect("inside").to_path_buf();
                files.insert(relative, (fs::read(&path).expect("read"), modified));
            }
        }
    }
    files
}

/// The files whose bytes or mtime differ between two snapshots.
fn touched(
    before: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>,
    after: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>,
) -> Vec<PathBuf> {
    let paths: std::collections::BTreeSet<_> = before.keys().chain(after.keys()).collect();
    paths.into_iter().filter(|p| before.get(*p) != after.get(*p)).cloned().collect()
}

#[test]
fn a_changed_page_redoes_only_its_api_and_equals_a_run_from_scratch() {
    let scratch = Scratch::new("page");
    let first = scratch.run();
    let pages = first.pages;
    assert!(pages >= 5, "the seed pages at least: {first}");
    assert_eq!((first.pages_unchanged, first.specs, first.specs_unchanged), (0, pages, 0));
    assert!(scratch.out().join(generator::cache::FILE).is_file(), "the run leaves its cache");
    let again = scratch.run();
    assert_eq!((again.pages_unchanged, again.specs_unchanged), (pages, pages), "{again}");
    let specs_before = stamps(&scratch.specs());
    let out_before = stamps(&scratch.out());

    scratch.edit("specs/sources/qingcloud/DescribeImages.md", "获取一个或多个镜像", "获取一个或多个映像");
    let summary = scratch.run();
    assert_eq!(summary.specs_written, 1, "{summary}");
    assert_eq!((summary.pages_unchanged, summary.specs_unchanged), (pages - 1, pages - 1), "{summary}");
    assert_eq!(
        touched(&specs_before, &stamps(&scratch.specs())),
        [
            PathBuf::from("qingcloud/DescribeImages.yaml"),
            PathBuf::from("sources/qingcloud/DescribeImages.md")
        ]
    );
    let changed = touched(&out_before, &stamps(&scratch.out()));
    assert!(changed.contains(&PathBuf::from("qingcloud/describe_images.rs")), "{changed:?}");
    assert!(changed.contains(&PathBuf::from("docs/qingcloud/describe_images.md")), "{changed:?}");
    assert!(
        changed.iter().all(|p| p.to_string_lossy().contains("qingcloud/") || p.ends_with("README.md")),
        "only the changed API's files (and the README listing it) are rewritten: {changed:?}"
    );
    assert_eq!(contents(&scratch.out()), scratch.run_from_scratch());
}

/// build.rs regenerates only the providers of the build: the other providers' files stay as they
/// are, stale or not, until a run that includes them.
#[test]
fn a_run_for_some_providers_leaves_the_others_files_alone() {
    let scratch = Scratch::new("features");
    scratch.run();
    scratch.edit("specs/sources/qingcloud/DescribeImages.md", "获取一个或多个镜像", "获取一个或多个映像");
    scratch.edit("specs/sources/tencent/DescribeImages.md", "可以使用这些镜像来创建", "可以用这些镜像来创建");
    let before = stamps(&scratch.out());
    let only = Options { only_features: Some(["qingcloud".to_owned()].into()), ..OPTIONS };
    let summary = pipeline::run(&scratch.specs(), &scratch.out(), &only).expect("the run succeeds");
    assert!(summary.ok(), "{summary}");
    assert_eq!(summary.specs, 1, "only the qingcloud spec is read: {summary}");
    let changed = touched(&before, &stamps(&scratch.out()));
    assert!(changed.contains(&PathBuf::from("qingcloud/describe_images.rs")), "{changed:?}");
    assert!(!changed.iter().any(|p| p.starts_with("tencent")), "tencent is left alone: {changed:?}");
    scratch.run();
    let changed = touched(&before, &stamps(&scratch.out()));
    assert!(changed.contains(&PathBuf::from("tencent/describe_images.rs")), "{changed:?}");
    assert_eq!(contents(&scratch.out()), scratch.run_from_scratch());
}

#[test]
fn a_change_of_the_shared_types_rewrites_the_apis_it_concerns() {
    let scratch = Scratch::new("shared");
    // A twin of a page: another API whose types are all alike.
    let page = fs::read_to_string(scratch.specs().join("sources/aliyun/DescribeImages.md")).expect("page");
    let twin = "specs/sources/aliyun/DescribeImagesTwin.md";
    fs::write(scratch.root.join(twin), page.replace("DescribeImages", "DescribeImagesTwin")).expect("twin");
    scratch.run();
    let read = |rel: &str| fs::read_to_string(scratch.out().join(rel)).expect("generated file");
    let types = read("aliyun/types.rs");
    assert!(
        types.contains("pub struct Image {") && types.contains("`DescribeImages`, `DescribeImagesTwin`"),
        "{types}"
    );
    for api in ["describe_images", "describe_images_twin"] {
        let code = read(&format!("aliyun/{api}.rs"));
        assert!(!code.contains("pub struct Image {") && code.contains("pub use super::types::{"), "{code}");
    }
    let before = stamps(&scratch.out());

    // The twin's Image changes: the original API, whose page did not change, defines it again.
    scratch.edit(twin, "|IsCopied|Boolean|", "|IsCopiedTwin|Boolean|");
    let summary = scratch.run();
    assert_eq!(summary.specs_written, 1, "{summary}");
    let changed = touched(&before, &stamps(&scratch.out()));
    for file in ["aliyun/describe_images.rs", "aliyun/describe_images_twin.rs", "aliyun/types.rs"] {
        assert!(changed.contains(&PathBuf::from(file)), "{file} is rewritten: {changed:?}");
    }
    assert!(!changed.contains(&PathBuf::from("docs/aliyun/describe_images.md")), "{changed:?}");
    assert!(read("aliyun/describe_images.rs").contains("pub struct Image {"));
    assert!(!read("aliyun/types.rs").contains("pub struct Image {"));
    assert_eq!(contents(&scratch.out()), scratch.run_from_scratch());
    // And a run with nothing changed writes nothing.
    let settled = stamps(&scratch.out());
    assert!(scratch.run().files_changed.is_empty());
    assert_eq!(stamps(&scratch.out()), settled);
    // types.rs edited by hand is restored from the API it takes its types from, all else unchanged.
    let expected = contents(&scratch.out());
    let types = scratch.out().join("aliyun/types.rs");
    fs::write(&types, "// @generated by `x`\nedited").expect("edit");
    let summary = scratch.run();
    assert_eq!(summary.files_changed, [types], "{summary}");
    assert_eq!(contents(&scratch.out()), expected);
}

#[test]
fn overlay_template_and_profile_changes_are_seen() {
    let scratch = Scratch::new("inputs");
    scratch.run();
    // An overlay changes the spec its page gives, and so the code.
    let code = || fs::read_to_string(scratch.out().join("tencent/describe_images.rs")).expect("code");
    let before = code();
    scratch.edit("specs/overlays/tencent/DescribeImages.yaml", "max_items: 10", "max_items: 9");
    assert_eq!(scratch.run().specs_written, 1);
    let spec = fs::read_to_string(scratch.specs().join("tencent/DescribeImages.yaml")).expect("spec");
    assert!(spec.contains("max_items: 9"), "{spec}");
    assert_ne!(code(), before);
    // A template changes every docs page.
    scratch.edit("templates/api.md.j2", "\n", "\n<!-- edited -->\n");
    scratch.run();
    let doc = fs::read_to_string(scratch.out().join("docs/aliyun/describe_images.md")).expect("doc");
    assert!(doc.contains("<!-- edited -->"));
    // A profile changes its provider's code.
    let profile = fs::read_to_string(scratch.specs().join("providers/jdcloud.yaml")).expect("profile");
    let name = profile.lines().find_map(|l| l.strip_prefix("name: ")).expect("a name line").to_owned();
    scratch.edit("specs/providers/jdcloud.yaml", &format!("name: {name}"), "name: JD Cloud (edited)");
    scratch.run();
    let code = fs::read_to_string(scratch.out().join("jdcloud/mod.rs")).expect("code");
    assert!(code.contains("JD Cloud (edited)"));
    assert_eq!(contents(&scratch.out()), scratch.run_from_scratch());
}

#[test]
fn hand_edits_are_not_hidden_by_the_cache() {
    let scratch = Scratch::new("hand");
    scratch.run();
    let expected = contents(&scratch.out());
    // A generated file edited by hand is restored.
    let code = scratch.out().join("aliyun/describe_images.rs");
    fs::write(&code, "// @generated by `x`\nedited").expect("edit");
    let summary = scratch.run();
    assert_eq!(summary.files_changed, [code], "{summary}");
    assert_eq!(contents(&scratch.out()), expected);
    // A deleted generated file comes back.
    fs::remove_file(scratch.out().join("docs/tencent/describe_images.md")).expect("remove");
    scratch.run();
    assert_eq!(contents(&scratch.out()), expected);
    // A spec edited by hand is still refused, not silently kept.
    let spec = scratch.specs().join("aliyun/DescribeImages.yaml");
    let text = fs::read_to_string(&spec).expect("spec");
    fs::write(&spec, text.replacen("summary: ", "summary: edited ", 1)).expect("edit spec");
    let summary = pipeline::run(&scratch.specs(), &scratch.out(), &OPTIONS).expect("the run ends");
    assert!(summary.failed.iter().any(|f| f.contains("edited by hand")), "{summary}");
}

#[test]
fn a_damaged_cache_only_costs_time() {
    let scratch = Scratch::new("damaged");
    scratch.run();
    let expected = stamps(&scratch.out());
    let cache = scratch.out().join(generator::cache::FILE);
    for damage in [&b""[..], b"{\"generator\": 1}", b"\xff\xfe not json"] {
        fs::write(&cache, damage).expect("damage the cache");
        let summary = scratch.run();
        assert!(summary.files_changed.is_empty(), "{summary}");
        assert_eq!(stamps(&scratch.out()), expected, "nothing is rewritten");
        assert_ne!(fs::read(&cache).expect("cache"), damage, "the cache is rebuilt");
    }
}

#[test]
fn a_removed_page_keeps_its_spec_and_api_and_says_so() {
    let scratch = Scratch::new("orphan");
    let first = scratch.run();
    assert!(first.orphans.is_empty(), "{first}");
    fs::remove_file(scratch.specs().join("sources/aliyun/DescribeImages.md")).expect("remove the page");
    let summary = scratch.run();
    assert_eq!(
        summary.orphans,
        [("aliyun/DescribeImages.yaml".to_owned(), "sources/aliyun/DescribeImages.md".to_owned())]
    );
    let shown = summary.to_string();
    assert!(
        shown.contains("warning: specs/aliyun/DescribeImages.yaml: its page specs/sources/aliyun/DescribeImages.md is gone"),
        "{shown}"
    );
    // A spec is reviewed work: it stays, and so does its API, until someone deletes the spec.
    assert!(scratch.specs().join("aliyun/DescribeImages.yaml").is_file());
    assert!(scratch.out().join("aliyun/describe_images.rs").is_file());
    assert!(summary.files_changed.is_empty(), "{summary}");
}
