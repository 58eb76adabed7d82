//! Golden tests of extraction: the spec of each page under generator/tests/fixtures/pages/ (the five
//! seed pages; JD Cloud's describeKeypairs and createDisks for their request objects; Alibaba's
//! DescribeDisks for its JSON-array list) against generator/tests/golden/specs/, and the committed
//! specs under specs/ against what `extract_tree` writes. The fixtures are copies, so adding or
//! removing a page under specs/sources changes no golden.
//!
//! Bless after a deliberate change with `BLESS=1 cargo test -p generator --test extract_golden`;
//! never edit a golden file by hand.

use generator::extract::{self, Options, TreeOptions};
use generator::source::DEFAULT_MAX_PAGE_BYTES;
use generator::spec;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// The golden fixture pages: `(provider, page path relative to the fixtures folder)`.
fn seeds() -> Vec<(String, String)> {
    let sources = workspace().join("generator/tests/fixtures/pages");
    let mut seeds = Vec::new();
    for provider in std::fs::read_dir(&sources).expect("specs/sources") {
        let provider = provider.expect("entry").path();
        if !provider.is_dir() {
            continue;
        }
        let name = provider.file_name().expect("name").to_string_lossy().into_owned();
        for page in std::fs::read_dir(&provider).expect("provider folder") {
            let page = page.expect("entry").path();
            let file = page.file_name().expect("name").to_string_lossy().into_owned();
            seeds.push((name.clone(), format!("{name}/{file}")));
        }
    }
    seeds.sort();
    seeds
}

fn extract_seed(provider: &str, page: &str) -> spec::ApiSpec {
    let profile_text = std::fs::read_to_string(workspace().join(format!("specs/providers/{provider}.yaml")))
        .expect("profile");
    let profile = spec::profile_from_yaml(&profile_text, provider).expect("profile reads");
    let bytes = std::fs::read(workspace().join("generator/tests/fixtures/pages").join(page)).expect("page");
    let options = Options::default();
    // Shown as the page would be under specs/, so that the goldens read like committed specs.
    let shown = format!("specs/sources/{page}");
    let extracted = extract::extract_page(&shown, &bytes, Some(&profile), &options)
        .unwrap_or_else(|e| panic!("{e}\n  help: {}", e.help));
    extracted.spec
}

#[test]
fn seeds_match_their_goldens() {
    let seeds = seeds();
    assert!(!seeds.is_empty(), "no fixture pages");
    let mut stale = Vec::new();
    for (provider, page) in seeds {
        let spec = extract_seed(&provider, &page);
        let text = spec::to_yaml(&spec);
        let golden =
            workspace().join(format!("generator/tests/golden/specs/{provider}/{}.yaml", spec.action));
        if blessing() {
            std::fs::create_dir_all(golden.parent().expect("parent")).expect("golden folder");
            std::fs::write(&golden, &text).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if expected != text {
            stale.push(golden.display().to_string());
        }
        // The spec reads back to itself.
        let back = spec::from_yaml(&text, &golden.display().to_string()).expect("spec reads back");
        assert_eq!(back, spec);
    }
    assert!(stale.is_empty(), "extraction differs from {stale:?}; bless deliberate changes with BLESS=1");
}

/// The seed pages as they were handed over (`../shared/seeds/000_7a3091be84e7cedf.txt`, …): the API
/// name comes from the page, not the file name, so each extracts to its golden.
#[test]
fn seeds_under_their_own_file_names_extract_to_their_goldens() {
    let seeds = workspace().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("note: no seeds at {}; skipped", seeds.display());
        return;
    }
    let providers = ["qingcloud", "tencent", "qingcloud-private", "aliyun", "jdcloud"];
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&seeds).expect("seeds").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert_eq!(files.len(), providers.len(), "{files:?}");
    for (file, provider) in files.iter().zip(providers) {
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        let shown = format!("seeds/{name}");
        let profile_text =
            std::fs::read_to_string(workspace().join(format!("specs/providers/{provider}.yaml")))
                .expect("profile");
        let profile = spec::profile_from_yaml(&profile_text, provider).expect("profile reads");
        let bytes = std::fs::read(file).expect("seed");
        // The provider too comes from the page, as `generator extract` guesses it.
        assert_eq!(
            extract::guess_provider(&shown, &String::from_utf8_lossy(&bytes)),
            Some(provider),
            "{name}"
        );
        let mut spec = extract::extract_page(&shown, &bytes, Some(&profile), &Options::default())
            .unwrap_or_else(|e| panic!("{e}\n  help: {}", e.help))
            .spec;
        let golden =
            workspace().join(format!("generator/tests/golden/specs/{provider}/{}.yaml", spec.action));
        let text = std::fs::read_to_string(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
        let expected = spec::from_yaml(&text, &golden.display().to_string()).expect("golden reads");
        assert_eq!(spec.source.page, name);
        spec.source.page = expected.source.page.clone();
        assert_eq!(spec, expected, "{name}");
    }
}

#[test]
fn extraction_is_byte_identical_across_runs() {
    for (provider, page) in seeds() {
        let first = spec::to_yaml(&extract_seed(&provider, &page));
        let second = spec::to_yaml(&extract_seed(&provider, &page));
        assert_eq!(first, second, "{page}");
    }
}

/// The committed specs are what `extract_tree` writes; with BLESS=1 this test writes them.
#[test]
fn committed_specs_are_what_extract_tree_writes() {
    let specs = workspace().join("specs");
    let options = TreeOptions {
        check: !blessing(),
        force: false,
        max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        progress: false,
    };
    let summary = extract::extract_tree(&specs, &options).expect("tree");
    assert!(summary.failed.is_empty(), "{:#?}", summary.failed);
    let pages: usize = std::fs::read_dir(specs.join("sources"))
        .expect("specs/sources")
        .map(|provider| std::fs::read_dir(provider.expect("entry").path()).map_or(0, |pages| pages.count()))
        .sum();
    assert_eq!(summary.pages, pages, "every page under specs/sources is read");
    assert!(summary.stale.is_empty(), "stale specs {:?}: bless with BLESS=1", summary.stale);
}
