//! What the spec-driven test reads of specs/: each provider's profile and each API's spec, read
//! with the generator's own model, so the test follows what the generator reads.
//!
//! Input: `specs/providers/<provider>.yaml` and `specs/<provider>/*.yaml`. Output: [`Profile`]s
//! with their [`ApiSpec`]s, in file-name order.

use generator::spec::{ApiSpec, Profile, YamlError, from_yaml, profile_from_yaml};
use std::path::{Path, PathBuf};

/// A provider profile and the specs of its APIs.
#[derive(Debug)]
pub struct ProviderSpecs {
    /// `specs/providers/<provider>.yaml`.
    pub profile: Profile,
    /// Every `specs/<provider>/*.yaml`, with its file name.
    pub specs: Vec<(String, ApiSpec)>,
}

/// The specs/ folder of this package.
pub fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("specs")
}

/// Every provider with a profile, and the specs of its APIs (none when it has no folder yet).
pub fn load(specs: &Path) -> Vec<ProviderSpecs> {
    sorted_yaml(&specs.join("providers"))
        .into_iter()
        .map(|profile_path| {
            let profile = read(&profile_path, profile_from_yaml);
            let folder = specs.join(&profile.provider);
            let specs = if folder.is_dir() {
                sorted_yaml(&folder)
                    .into_iter()
                    .map(|path| {
                        (path.file_name().unwrap().to_string_lossy().into_owned(), read(&path, from_yaml))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            ProviderSpecs { profile, specs }
        })
        .collect()
}

fn sorted_yaml(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// The file at `path` read by `parse`; a file it refuses stops the test with the parser's message
/// and help.
fn read<T>(path: &Path, parse: fn(&str, &str) -> Result<T, YamlError>) -> T {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{shown}: {e}"));
    parse(&text, &shown).unwrap_or_else(|e| panic!("{e}\nhelp: {}", e.help))
}
