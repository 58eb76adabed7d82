//! Diffs that show only what changed. For every page under specs/sources: a sentence inserted above
//! its parameter table changes no line of its spec but the two hashes, and no generated file; a
//! changed parameter description changes that description in the spec, the rustdoc and the Markdown
//! doc, and nothing else. Each page runs through the whole pipeline in a scratch tree of its own.

mod common;

use generator::extract::{self, Extracted, Options as ExtractOptions};
use generator::pipeline::{self, Options};
use generator::spec::{self, Origin, Profile};
use similar::{ChangeTag, TextDiff};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const OPTIONS: Options =
    Options { check: false, force: false, max_page_bytes: 4 << 20, progress: false, only_features: None };

/// The sentence the prose edit inserts.
const PROSE: &str = "这是一句新加的说明，不改变任何参数。";

/// The words the description edit appends.
const MARKER: &str = "，以控制台显示为准";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every page under specs/sources whose provider has a profile, with that profile.
fn pages() -> Vec<(PathBuf, Profile)> {
    let sources = repo().join("specs/sources");
    let mut pages = Vec::new();
    for provider in fs::read_dir(&sources).expect("specs/sources").flatten() {
        let name = provider.file_name().to_string_lossy().into_owned();
        let Ok(text) = fs::read_to_string(repo().join(format!("specs/providers/{name}.yaml"))) else {
            continue;
        };
        let profile = spec::profile_from_yaml(&text, &name).expect("profile");
        for page in fs::read_dir(provider.path()).expect("provider folder").flatten() {
            pages.push((page.path(), profile.clone()));
        }
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

/// A tree holding one page (with its provider's profile, its overlay and the templates) and the
/// output of the pipeline run on it.
struct Scratch {
    root: PathBuf,
    page: PathBuf,
}

impl Scratch {
    fn new(test: &str, page: &Path, action: &str, index: usize) -> Scratch {
        let root = std::env::temp_dir().join(format!("yunapi-{test}-{}-{index}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let provider = page.parent().and_then(Path::file_name).expect("provider folder");
        let specs = root.join("specs");
        common::copy_dir(&repo().join("specs/providers"), &specs.join("providers"));
        common::copy_dir(&repo().join("templates"), &root.join("templates"));
        let sources = specs.join("sources").join(provider);
        fs::create_dir_all(&sources).expect("sources folder");
        let copy = sources.join(page.file_name().expect("page name"));
        fs::copy(page, &copy).expect("copy page");
        let overlay = repo().join("specs/overlays").join(provider).join(format!("{action}.yaml"));
        if overlay.is_file() {
            let overlays = specs.join("overlays").join(provider);
            fs::create_dir_all(&overlays).expect("overlays folder");
            fs::copy(&overlay, overlays.join(overlay.file_name().expect("overlay name")))
                .expect("copy overlay");
        }
        Scratch { root, page: copy }
    }

    /// Runs the pipeline and returns every spec and generated file but the cache and manifest.
    fn run(&self) -> BTreeMap<String, String> {
        let out = self.root.join("out");
        let summary = pipeline::run(&self.root.join("specs"), &out, &OPTIONS).expect("the run succeeds");
        assert!(summary.ok(), "{}: {summary}", self.page.display());
        let mut files = BTreeMap::new();
        collect(&self.root, &self.root.join("specs"), &mut files);
        collect(&self.root, &out, &mut files);
        files.retain(|path, _| {
            !path.contains("/sources/") && !path.contains(".cache") && !path.ends_with(".manifest")
        });
        files
    }

    fn edit(&self, edit: impl FnOnce(&str) -> String) {
        let text = fs::read_to_string(&self.page).expect("read page");
        fs::write(&self.page, edit(&text)).expect("write page");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    for entry in fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(text) = fs::read_to_string(&path) {
            let relative =
                path.strip_prefix(root).expect("inside the root").to_string_lossy().replace('\\', "/");
            files.insert(relative, text);
        }
    }
}

/// The lines removed and added between two versions of each file.
fn changes(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> BTreeMap<String, Vec<String>> {
    let mut changed = BTreeMap::new();
    for path in old.keys().chain(new.keys()) {
        let (a, b) = (old.get(path).map_or("", String::as_str), new.get(path).map_or("", String::as_str));
        let lines: Vec<String> = TextDiff::from_lines(a, b)
            .iter_all_changes()
            .filter(|c| c.tag() != ChangeTag::Equal)
            .map(|c| {
                format!("{}{}", if c.tag() == ChangeTag::Delete { '-' } else { '+' }, c.value().trim_end())
            })
            .collect();
        if !lines.is_empty() {
            changed.insert(path.clone(), lines);
        }
    }
    changed
}

fn extract(page: &Path, profile: &Profile) -> Option<Extracted> {
    let bytes = fs::read(page).expect("page");
    let options = ExtractOptions { max_page_bytes: 4 << 20, ..ExtractOptions::default() };
    extract::extract_page(&page.display().to_string(), &bytes, Some(profile), &options).ok()
}

/// The 0-based index of the line a block starting at page line `line` really starts on: an HTML
/// table's rows sit inside its `<table>` tag.
fn block_start(lines: &[&str], line: u32) -> usize {
    let mut at = line as usize - 1;
    if lines[at].trim_start().starts_with("<t") {
        while at > 0 && !lines[at].contains("<table") {
            at -= 1;
        }
    }
    at
}

/// The page with a paragraph of prose inserted above the table of the first request parameter.
fn insert_prose(text: &str, table_line: u32) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = block_start(&lines, table_line);
    let mut out: String = lines[..at].concat();
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(PROSE);
    out.push_str("\n\n");
    out.push_str(&lines[at..].concat());
    out
}

#[test]
fn prose_above_the_parameter_table_changes_only_the_hashes() {
    let mut checked = 0;
    for (index, (page, profile)) in pages().into_iter().enumerate() {
        let Some(extracted) = extract(&page, &profile) else { continue };
        let Some(first) = extracted.spec.request.first() else { continue };
        let table = Origin { table: first.origin.table.clone(), ..Origin::default() };
        let Some(table_line) = extracted.anchors.line_of(&table).filter(|_| table.table.is_some()) else {
            continue;
        };
        let scratch = Scratch::new("prose", &page, &extracted.spec.action, index);
        let before = scratch.run();
        scratch.edit(|text| insert_prose(text, table_line));
        let after = scratch.run();
        let changed = changes(&before, &after);
        let specs: Vec<&String> = changed.keys().filter(|p| p.starts_with("specs/")).collect();
        assert_eq!(specs.len(), 1, "{}: {changed:#?}", page.display());
        let lines = &changed[specs[0]];
        assert!(
            lines.len() <= 4 && lines.iter().all(|l| l.contains("sha256")),
            "{}: the spec changed beyond its hashes: {lines:#?}",
            page.display()
        );
        let generated: Vec<&String> = changed.keys().filter(|p| p.starts_with("out/")).collect();
        assert!(generated.is_empty(), "{}: generated files changed: {changed:#?}", page.display());
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} pages have a parameter table");
}

#[test]
fn a_changed_description_changes_only_that_description() {
    let mut checked = 0;
    for (index, (page, profile)) in pages().into_iter().enumerate() {
        let Some(extracted) = extract(&page, &profile) else { continue };
        let text = fs::read_to_string(&page).expect("page");
        let lines: Vec<&str> = text.lines().collect();
        // The first parameter whose one-line description stands on its row's first line, once, and
        // states no constraint (so that the edit can only change the description).
        let target = extracted.spec.request.iter().find_map(|param| {
            let plain = param.enumeration.is_none()
                && param.range.is_none()
                && param.default.is_none()
                && param.format.is_none()
                && param.deprecated.is_none()
                && param.conditions.is_empty();
            let description = plain.then_some(param.description.as_deref()).flatten();
            let description = description.filter(|d| !d.contains('\n') && d.chars().count() > 3)?;
            let line = extracted.anchors.line_of(&param.origin)?;
            let row = lines.get(line as usize - 1)?;
            (row.matches(description).count() == 1 && text.matches(description).count() == 1)
                .then(|| (param.name.clone(), description.to_owned()))
        });
        let Some((name, description)) = target else { continue };
        let scratch = Scratch::new("description", &page, &extracted.spec.action, index);
        let before = scratch.run();
        scratch.edit(|text| text.replacen(&description, &format!("{description}{MARKER}"), 1));
        let after = scratch.run();
        let changed = changes(&before, &after);
        let shown = format!("{} ({name})", page.display());
        for (path, lines) in &changed {
            // Each changed line is an old line with the marker added, and nothing else changed.
            let edited = |sign: char| -> Vec<String> {
                let mut lines: Vec<String> = lines
                    .iter()
                    .filter(|l| l.starts_with(sign) && !(path.starts_with("specs/") && l.contains("sha256")))
                    .map(|l| l[1..].replacen(MARKER, "", 1))
                    .collect();
                lines.sort();
                lines
            };
            assert_eq!(
                edited('-'),
                edited('+'),
                "{shown}: {path} changed more than the description: {lines:#?}"
            );
            assert!(
                lines.iter().any(|l| l.starts_with('+') && l.contains(MARKER)),
                "{shown}: {path}: {lines:#?}"
            );
        }
        let kinds = |suffix: &str| changed.keys().any(|p| p.ends_with(suffix));
        assert!(
            kinds(".yaml") && kinds(".rs") && kinds(".md"),
            "{shown}: spec, rustdoc and doc all change: {changed:#?}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} pages have a plain description to edit");
}
