//! What the last run into an output folder saw, so the next run redoes only what changed.
//!
//! The cache lives in `OUT/.cache` (git-ignored; deleting it only makes the next run slower). It
//! never decides what a file contains, only whether work can be skipped:
//! - a page is not re-extracted when its bytes, its profile and its overlay hash as before and its
//!   spec file still has the size and mtime the run left it with;
//! - a spec is not re-read when its size and mtime are as before (its hash, action and the other
//!   facts the provider-level files need are kept);
//! - an API is not generated again when the hash of everything it is made from (spec, profile,
//!   templates, names) is as before: the cache keeps the [`Shape`]s of its types, from which the
//!   provider's sharing is decided, and each of its files is kept when its key (for the code, the
//!   inputs and the shared types it imports) is as before and the file still has the size and
//!   mtime the run left it with;
//! - a provider's `types.rs` is kept when its key (each shared type, the APIs that use it and the
//!   inputs of the one whose docs it takes) is as before, and its stamp too.
//!
//! A cache written by another build of the generator, or one that cannot be read, is ignored.

use crate::codegen::Shape;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The cache file's name in the output folder.
pub const FILE: &str = ".cache";

/// Size and modification time of a file: what tells it changed without reading it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    mtime_ns: u128,
}

impl Stamp {
    /// The file's stamp, or `None` when it cannot be read (then nothing is skipped).
    pub fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        let mtime = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        metadata.is_file().then_some(Stamp { len: metadata.len(), mtime_ns: mtime.as_nanos() })
    }
}

/// One page of specs/sources/, by its path relative to specs/.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageEntry {
    /// Hash of the page, its profile and its overlay.
    pub key: String,
    /// The spec it gave, relative to specs/, and that file's stamp after the run.
    pub spec: String,
    pub spec_stamp: Stamp,
    pub action: String,
    pub diagnostics: usize,
}

/// One spec file, by its path relative to specs/.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecEntry {
    pub stamp: Stamp,
    /// Hash of the file's text.
    pub hash: String,
    pub action: String,
    pub provider: String,
    /// The page the spec was extracted from (`specs/sources/...`).
    pub page: String,
    pub diagnostics: usize,
}

/// One generated file of an API, by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputEntry {
    /// Hash of everything the file is made from.
    pub key: String,
    pub stamp: Stamp,
}

/// One API, by the path of its code relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiEntry {
    /// Hash of everything the API's files are made from.
    pub key: String,
    /// Its types, as the sharing decision sees them.
    pub shapes: Vec<Shape>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct State {
    generator: String,
    pages: BTreeMap<String, PageEntry>,
    specs: BTreeMap<String, SpecEntry>,
    apis: BTreeMap<String, ApiEntry>,
    outputs: BTreeMap<String, OutputEntry>,
}

/// The cache of one output folder: read at the start of a run, saved at its end. The default one
/// remembers nothing and is never saved.
#[derive(Debug, Default)]
pub struct Cache {
    /// Where it is saved; `None` for a cache that is never saved.
    path: Option<PathBuf>,
    loaded: State,
    /// What this run found; replaces the loaded state when saved.
    pub pages: BTreeMap<String, PageEntry>,
    pub specs: BTreeMap<String, SpecEntry>,
    pub apis: BTreeMap<String, ApiEntry>,
    pub outputs: BTreeMap<String, OutputEntry>,
}

impl Cache {
    /// The cache of `out`, or an empty one when there is none, it is unreadable, or another build
    /// of the generator wrote it.
    pub fn load(out: &Path) -> Cache {
        let path = out.join(FILE);
        let loaded = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<State>(&bytes).ok())
            .filter(|state| state.generator == generator_build())
            .unwrap_or_default();
        Cache { path: Some(path), loaded, ..Cache::default() }
    }

    pub fn page(&self, page: &str) -> Option<&PageEntry> {
        self.loaded.pages.get(page)
    }

    pub fn spec(&self, spec: &str) -> Option<&SpecEntry> {
        self.loaded.specs.get(spec)
    }

    /// Every spec the loaded cache knows, with its facts.
    pub fn loaded_specs(&self) -> impl Iterator<Item = (&String, &SpecEntry)> {
        self.loaded.specs.iter()
    }

    pub fn output(&self, file: &str) -> Option<&OutputEntry> {
        self.loaded.outputs.get(file)
    }

    pub fn api(&self, code: &str) -> Option<&ApiEntry> {
        self.loaded.apis.get(code)
    }

    /// Keeps the pages of the loaded state: a run that did not look at the pages (generation alone)
    /// must not forget them.
    pub fn keep_pages(&mut self) {
        self.pages = self.loaded.pages.clone();
    }

    /// Writes what this run found, when it differs from what was loaded. A cache that cannot be
    /// written is not an error: the next run is only slower.
    pub fn save(self) {
        let Some(path) = self.path else { return };
        let state = State {
            generator: generator_build(),
            pages: self.pages,
            specs: self.specs,
            apis: self.apis,
            outputs: self.outputs,
        };
        if state == self.loaded {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(&state) {
            let _ = crate::write::write_atomic(&path, &bytes);
        }
    }
}

/// `path` relative to `base`, with `/` separators: how the cache names pages, specs and outputs.
pub fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Hash of `parts`, each length-prefixed so that no two different lists hash alike.
pub fn key(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex::encode(hasher.finalize())
}

/// Tells builds of the generator apart: its version and the size and mtime of the running
/// executable, so any rebuild (code or dependencies) starts from an empty cache.
fn generator_build() -> String {
    let exe = std::env::current_exe().ok().and_then(|path| Stamp::of(&path));
    let exe = exe.map_or_else(|| "unknown".to_owned(), |s| format!("{}-{}", s.len, s.mtime_ns));
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_part_boundaries_apart() {
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_eq!(key(&[b"ab", b"c"]), key(&[b"ab", b"c"]));
    }

    #[test]
    fn unreadable_or_foreign_caches_are_ignored() {
        let dir = std::env::temp_dir().join(format!("yunapi-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("folder");
        std::fs::write(dir.join(FILE), b"{ not json").expect("write");
        assert_eq!(Cache::load(&dir).loaded, State::default());
        let other = State { generator: "another build".to_owned(), ..State::default() };
        std::fs::write(dir.join(FILE), serde_json::to_vec(&other).expect("json")).expect("write");
        assert_eq!(Cache::load(&dir).loaded, State::default());

        let mut cache = Cache::load(&dir);
        let stamp = Stamp::of(&dir.join(FILE)).expect("stamp");
        cache.outputs.insert("a.rs".to_owned(), OutputEntry { key: "k".to_owned(), stamp });
        cache.save();
        assert_eq!(Cache::load(&dir).output("a.rs").map(|e| e.stamp), Some(stamp));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
