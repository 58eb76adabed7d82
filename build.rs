//! Regenerates generated/ from specs/ and templates/ when they change.
//!
//! Cargo reruns this script only when something under specs/ or templates/ changes. It writes only
//! the files whose bytes differ, so an up-to-date generated/ costs nothing and triggers no rebuild,
//! and it regenerates only the APIs of the providers this build enables (the main command
//! regenerates everything).
//! A published package carries generated/ but no specs/: the script then does nothing. Without
//! the `regenerate` feature (a crate that selects APIs with yunapi-select turns the default
//! features off) the generator is not even built.
//!
//! It also tells this package's own tests, examples and benches which APIs the specs hold
//! (`cfg(yunapi_api = "aliyun/DescribeImages")`), so that a test about one page's API is skipped,
//! not broken, when that page is removed.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=specs");
    println!("cargo::rerun-if-changed=templates");
    println!("cargo::rustc-check-cfg=cfg(yunapi_api, values(any()))");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // For the build scripts of dependents (yunapi-select): where the API modules are.
    println!("cargo::metadata=generated={}", root.join("generated").display());
    let specs = root.join("specs");
    if !has_specs(&specs) {
        return;
    }
    for api in apis(&specs) {
        println!("cargo::rustc-cfg=yunapi_api=\"{api}\"");
    }
    #[cfg(feature = "regenerate")]
    regenerate(root, &specs);
}

#[cfg(feature = "regenerate")]
fn regenerate(root: &Path, specs: &Path) {
    let options = generator::pipeline::Options {
        check: false,
        force: false,
        max_page_bytes: 0,
        progress: false,
        only_features: Some(enabled_features()),
    };
    match generator::pipeline::generate(specs, &root.join("generated"), &options) {
        Ok(summary) => {
            for (spec, page) in &summary.orphans {
                println!(
                    "cargo::warning=specs/{spec}: its page specs/{page} is gone; delete the spec to drop the API"
                );
            }
        }
        Err(err) => println!("cargo::error=regenerating generated/ from specs/ failed: {err}"),
    }
}

/// The features of this build, as the manifest spells them (`CARGO_FEATURE_TENCENT_V3` →
/// `tencent-v3`): only the enabled providers' APIs are regenerated, so a crate that uses one
/// provider does not pay for generating the others.
#[cfg(feature = "regenerate")]
fn enabled_features() -> std::collections::BTreeSet<String> {
    std::env::vars()
        .filter_map(|(name, _)| {
            name.strip_prefix("CARGO_FEATURE_").map(|f| f.to_lowercase().replace('_', "-"))
        })
        .collect()
}

/// True when specs/ holds provider profiles and at least one extracted spec: a checkout without them
/// keeps the committed generated/ as it is.
fn has_specs(specs: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(specs) else { return false };
    specs.join("providers").is_dir()
        && entries.flatten().any(|entry| {
            let name = entry.file_name();
            let skip = ["providers", "sources", "overlays"].iter().any(|s| name == *s);
            !skip
                && std::fs::read_dir(entry.path())
                    .map(|files| files.flatten().any(|f| f.path().extension().is_some_and(|e| e == "yaml")))
                    .unwrap_or(false)
        })
}

/// `provider/Action` of every spec under specs/<provider>/.
fn apis(specs: &Path) -> Vec<String> {
    let mut apis = Vec::new();
    for folder in std::fs::read_dir(specs).into_iter().flatten().flatten() {
        let provider = folder.file_name().to_string_lossy().into_owned();
        if ["providers", "sources", "overlays"].contains(&provider.as_str()) {
            continue;
        }
        for file in std::fs::read_dir(folder.path()).into_iter().flatten().flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "yaml")
                && let Some(action) = path.file_stem()
            {
                apis.push(format!("{provider}/{}", action.to_string_lossy()));
            }
        }
    }
    apis.sort();
    apis
}
