//! The main job: specs/ (and, with the `extract` feature, the pages under specs/sources/) → the
//! client in OUT.
//!
//! Input: the specs folder (`providers/`, `<provider>/*.yaml`, `sources/`) and templates/ next to it.
//! Output: the files of the generated client, synced into OUT by [`write::sync`]: only changed
//! bytes are written, the files of removed specs are removed, foreign files are refused. Specs are
//! loaded and generated in parallel on every core; results are sorted, so output never depends on
//! scheduling.

use crate::cache::{self, Cache, OutputEntry, SpecEntry, Stamp};
use crate::codegen::{self, ApiNames};
use crate::progress::Progress;
use crate::render::{self, ApiLink, ProviderView, Templates};
use crate::spec::{self, ApiSpec, Profile};
use crate::write;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Options of the main job.
#[derive(Debug, Clone)]
pub struct Options {
    /// Write nothing; report stale files.
    pub check: bool,
    /// Overwrite hand-edited specs.
    pub force: bool,
    /// Largest page accepted, in bytes.
    pub max_page_bytes: usize,
    /// Show a progress bar (stderr is a terminal).
    pub progress: bool,
    /// Generate the APIs of these providers only (by cargo feature); the files of the others stay
    /// as they are. build.rs passes the features of the build, so that what a crate pays for one
    /// provider does not grow with the APIs of the others. `None`: every provider.
    pub only_features: Option<BTreeSet<String>>,
}

/// The one line every run ends with, and what `--check` found stale.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Pages extracted (0 when only generating).
    pub pages: usize,
    /// Of those, pages the cache showed unchanged (not extracted again).
    pub pages_unchanged: usize,
    /// Specs the extraction (re)wrote.
    pub specs_written: usize,
    /// Specs read to generate from.
    pub specs: usize,
    /// Of those, specs whose files the cache showed up to date (not generated again).
    pub specs_unchanged: usize,
    /// Output files created, rewritten or removed.
    pub files_changed: Vec<PathBuf>,
    /// In check mode: the files that are out of date.
    pub stale: Vec<PathBuf>,
    /// Diagnostics the specs carry.
    pub diagnostics: usize,
    /// What went wrong, rendered as errors: pages that could not be extracted, folders without a
    /// profile, specs edited by hand.
    pub failed: Vec<String>,
    /// Pages that could not be extracted.
    pub failed_pages: usize,
    /// The diagnostics of each page extracted in this run (pages the cache skipped are not here),
    /// for the front-end to show: the page's path and its spec's diagnostics.
    pub reports: Vec<(PathBuf, Vec<spec::Diagnostic>)>,
    /// Specs whose page is gone from specs/sources/, relative to the specs folder: their APIs stay
    /// in the client until someone deletes the spec (a spec is reviewed work, never removed silently).
    pub orphans: Vec<(String, String)>,
    pub elapsed: Duration,
    pub check: bool,
}

impl Summary {
    /// True when the run succeeded (and, with `--check`, nothing was stale).
    pub fn ok(&self) -> bool {
        self.failed.is_empty() && self.stale.is_empty()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for failure in &self.failed {
            writeln!(f, "{failure}")?;
        }
        for (spec, page) in &self.orphans {
            writeln!(
                f,
                "warning: specs/{spec}: its page specs/{page} is gone; the API stays in the client until \
                 the spec is deleted"
            )?;
        }
        if self.check && !self.stale.is_empty() {
            writeln!(f, "stale files:")?;
            for path in &self.stale {
                writeln!(f, "  {}", path.display())?;
            }
            writeln!(f, "run `{}` to update them", codegen::REGENERATE)?;
        }
        write!(
            f,
            "pages {} ({} unchanged, {} failed), specs written {}, specs {} ({} unchanged), files changed {}, diagnostics {}, {:.2}s",
            self.pages,
            self.pages_unchanged,
            self.failed_pages,
            self.specs_written,
            self.specs,
            self.specs_unchanged,
            if self.check { self.stale.len() } else { self.files_changed.len() },
            self.diagnostics,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Errors that stop the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    // Not `#[from]`: the message already holds the cause, and a source would print it twice.
    #[error("{0}\nhelp: {help}", help = .0.help)]
    Spec(spec::YamlError),
    #[error("{path}: the spec names provider {provider:?}, which has no profile in specs/providers/")]
    UnknownProvider { path: PathBuf, provider: String },
    #[error(
        "{folder}: these specs have no provider profile (profiles exist for: {profiles})\nhelp: add \
         specs/providers/<folder>.yaml, or move the specs under the folder of their provider"
    )]
    NoProfile { folder: PathBuf, profiles: String },
    #[error(transparent)]
    Codegen(#[from] codegen::Error),
    #[error("{0}\nhelp: {help}", help = .0.help)]
    Render(render::Error),
    #[error(transparent)]
    Write(#[from] write::SyncError),
    #[cfg(feature = "extract")]
    #[error("extraction: {0}")]
    Extract(String),
}

impl From<spec::YamlError> for Error {
    fn from(e: spec::YamlError) -> Self {
        Error::Spec(e)
    }
}

impl From<render::Error> for Error {
    fn from(e: render::Error) -> Self {
        Error::Render(e)
    }
}

/// Runs the main job: extraction (with the `extract` feature), then generation. Work the cache in
/// `out` shows unchanged is skipped (see [`cache`]).
pub fn run(specs: &Path, out: &Path, options: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    let mut cache = Cache::load(out);
    let extracted = extract(specs, options, &mut cache)?;
    let mut summary = generate_cached(specs, out, options, &mut cache)?;
    if !options.check {
        cache.save();
    }
    summary.pages = extracted.pages;
    summary.pages_unchanged = extracted.unchanged;
    summary.specs_written = extracted.specs_written;
    summary.failed = extracted.failed;
    summary.failed_pages = extracted.failed_pages;
    summary.reports = extracted.reports;
    summary.stale.splice(0..0, extracted.stale);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What extraction reports to the summary.
#[derive(Default)]
struct Extracted {
    pages: usize,
    unchanged: usize,
    specs_written: usize,
    stale: Vec<PathBuf>,
    failed: Vec<String>,
    failed_pages: usize,
    reports: Vec<(PathBuf, Vec<spec::Diagnostic>)>,
}

/// Extracts every page under specs/sources/ into specs/<provider>/ (only changed specs are written).
#[cfg(feature = "extract")]
fn extract(specs: &Path, options: &Options, cache: &mut Cache) -> Result<Extracted, Error> {
    // A specs folder without pages (only committed specs) has nothing to extract.
    if !specs.join("sources").is_dir() {
        return Ok(Extracted::default());
    }
    let tree_options = crate::extract::TreeOptions {
        check: options.check,
        force: options.force,
        max_page_bytes: options.max_page_bytes,
        progress: options.progress,
    };
    let tree = crate::extract::extract_tree_cached(specs, &tree_options, cache)
        .map_err(|e| Error::Extract(e.to_string()))?;
    Ok(Extracted {
        pages: tree.pages,
        unchanged: tree.unchanged,
        specs_written: tree.written.len(),
        stale: tree.stale,
        failed: tree.failed,
        failed_pages: tree.failed_pages,
        reports: tree.reports,
    })
}

/// Without the page parsers there is nothing to extract: the committed specs are generated from.
#[cfg(not(feature = "extract"))]
fn extract(_specs: &Path, _options: &Options, cache: &mut Cache) -> Result<Extracted, Error> {
    cache.keep_pages();
    Ok(Extracted::default())
}

/// Generates the client from specs/ into `out` (no extraction, no page parsers): what build.rs
/// runs.
pub fn generate(specs: &Path, out: &Path, options: &Options) -> Result<Summary, Error> {
    let mut cache = Cache::load(out);
    cache.keep_pages();
    let summary = generate_cached(specs, out, options, &mut cache)?;
    if !options.check {
        cache.save();
    }
    Ok(summary)
}

/// A spec as the generation needs it: the cache's facts, and the parsed spec unless the cache showed
/// the file unchanged.
struct LoadedSpec {
    path: PathBuf,
    facts: SpecEntry,
    spec: Option<ApiSpec>,
}

fn generate_cached(specs: &Path, out: &Path, options: &Options, cache: &mut Cache) -> Result<Summary, Error> {
    let started = Instant::now();
    let profiles = load_profiles(specs)?;
    let left_alone = left_alone(&profiles, out, options);
    let mut spec_paths = spec_files(specs, &profiles)?;
    // The specs of providers left alone are not even read: their cache facts carry over.
    spec_paths.retain(|path| {
        let provider = path.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
        !provider.is_some_and(|p| left_alone.contains(&p))
    });
    let loaded: Vec<_> = spec_paths.par_iter().map(|path| load_spec_cached(specs, path, cache)).collect();
    let mut by_provider: BTreeMap<&str, Vec<LoadedSpec>> = BTreeMap::new();
    let mut diagnostics = 0;
    let mut orphans = Vec::new();
    // Without sources/ (a tree of committed specs only) no page is expected.
    let has_pages = specs.join("sources").is_dir();
    let carried: Vec<(String, SpecEntry)> = cache
        .loaded_specs()
        .filter(|(_, facts)| left_alone.contains(&facts.provider))
        .map(|(rel, facts)| (rel.clone(), facts.clone()))
        .collect();
    cache.specs = carried.into_iter().collect();
    for result in loaded {
        let loaded = result?;
        if has_pages && !specs.join(&loaded.facts.page).is_file() {
            orphans.push((cache::relative(specs, &loaded.path), loaded.facts.page.clone()));
        }
        let Some((key, _)) = profiles.get_key_value(&loaded.facts.provider) else {
            return Err(Error::UnknownProvider { path: loaded.path, provider: loaded.facts.provider });
        };
        diagnostics += loaded.facts.diagnostics;
        cache.specs.insert(cache::relative(specs, &loaded.path), loaded.facts.clone());
        by_provider.entry(key.as_str()).or_default().push(loaded);
    }
    let templates_dir = specs.parent().map(|p| p.join("templates")).filter(|d| d.is_dir());
    let templates = Templates::load(templates_dir.as_deref())?;

    // One job per API whose files the cache cannot vouch for: its code and its docs page.
    struct Job<'a> {
        loaded: &'a LoadedSpec,
        profile: &'a Profile,
        names: ApiNames,
        module: String,
        key: String,
    }
    let mut jobs = Vec::new();
    let mut kept = BTreeSet::new();
    let mut reused = 0;
    let mut provider_files = Vec::new();
    let mut views = Vec::new();
    let mut index = Vec::new();
    cache.outputs.clear();
    let owned = write::owned_files(out);
    for (key, (profile, profile_key)) in &profiles {
        let module = codegen::provider_module(profile);
        if left_alone.contains(key) {
            // Its files stay as the last full run left them.
            for rel in owned.iter().filter(|rel| in_provider(rel, &module)) {
                if let Some(entry) = cache.output(rel).cloned() {
                    cache.outputs.insert(rel.clone(), entry);
                }
                kept.insert(rel.clone());
            }
            continue;
        }
        let specs_of: &[LoadedSpec] = by_provider.get(key.as_str()).map_or(&[], Vec::as_slice);
        let actions: Vec<&str> = specs_of.iter().map(|s| s.facts.action.as_str()).collect();
        let names = codegen::name_apis(&actions);
        provider_files.push((format!("{module}/mod.rs"), codegen::provider_file(profile, &names)?));
        index.push((profile, names.clone()));
        let mut apis = Vec::new();
        for (loaded, names) in specs_of.iter().zip(names) {
            apis.push(ApiLink {
                action: loaded.facts.action.clone(),
                rust_path: format!("{module}::{}", names.type_name),
                doc: format!("docs/{module}/{}.md", names.module),
                page: loaded.facts.page.clone(),
            });
            let key = cache::key(&[
                loaded.facts.hash.as_bytes(),
                profile_key.as_bytes(),
                templates.fingerprint().as_bytes(),
                module.as_bytes(),
                names.module.as_bytes(),
                names.type_name.as_bytes(),
            ]);
            let files = api_files(&module, &names);
            let unchanged: Option<Vec<OutputEntry>> = files
                .iter()
                .map(|rel| {
                    cache
                        .output(rel)
                        .filter(|entry| entry.key == key && Stamp::of(&out.join(rel)) == Some(entry.stamp))
                })
                .map(|entry| entry.cloned())
                .collect();
            if let Some(entries) = unchanged {
                reused += 1;
                for (rel, entry) in files.into_iter().zip(entries) {
                    cache.outputs.insert(rel.clone(), entry);
                    kept.insert(rel);
                }
            } else {
                jobs.push(Job { loaded, profile, names, module: module.clone(), key });
            }
        }
        views.push(ProviderView {
            name: profile.name.clone(),
            feature: profile.feature.clone(),
            module: module.clone(),
            apis,
        });
    }
    let progress = Progress::new("APIs", jobs.len(), options.progress);
    let outputs: Vec<_> = jobs
        .par_iter()
        .map(|job| -> Result<([String; 2], [String; 2], String), Error> {
            progress.tick();
            let parsed;
            let spec = match &job.loaded.spec {
                Some(spec) => spec,
                None => {
                    parsed = load_spec(specs, &job.loaded.path)?;
                    &parsed
                }
            };
            let code = codegen::api_file(spec, job.profile, &job.names)?;
            let rust_path = format!("{}::{}", job.module, job.names.type_name);
            let doc = templates.api_doc(spec, &rust_path)?;
            Ok((api_files(&job.module, &job.names), [code, doc], job.key.clone()))
        })
        .collect();

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let profile_refs: Vec<&Profile> = profiles.values().map(|(profile, _)| profile).collect();
    files.insert("lib.rs".to_owned(), codegen::lib_file(&profile_refs)?.into_bytes());
    // The README and the API list name every provider's APIs: a run that leaves some alone keeps them.
    for (name, text) in [
        ("README.md", left_alone.is_empty().then(|| templates.readme(&views)).transpose()?),
        (codegen::API_INDEX, left_alone.is_empty().then(|| codegen::api_index(&index))),
    ] {
        match text {
            Some(text) => {
                files.insert(name.to_owned(), text.into_bytes());
            }
            None if owned.contains(name) => {
                kept.insert(name.to_owned());
            }
            None => {}
        }
    }
    for (path, text) in provider_files {
        files.insert(path, text.into_bytes());
    }
    let mut keyed = Vec::new();
    for output in outputs {
        let (paths, texts, key) = output?;
        for (path, text) in paths.into_iter().zip(texts) {
            keyed.push((path.clone(), key.clone()));
            files.insert(path, text.into_bytes());
        }
    }
    let report = write::sync(out, &files, &kept, options.check)?;
    for (rel, key) in keyed {
        if let Some(stamp) = Stamp::of(&out.join(&rel)) {
            cache.outputs.insert(rel, OutputEntry { key, stamp });
        }
    }
    let mut changed = report.changed;
    changed.extend(report.removed);
    let (files_changed, stale) = if options.check { (Vec::new(), changed) } else { (changed, Vec::new()) };
    Ok(Summary {
        specs: spec_paths.len(),
        specs_unchanged: reused,
        files_changed,
        stale,
        diagnostics,
        orphans,
        elapsed: started.elapsed(),
        check: options.check,
        ..Summary::default()
    })
}

/// The two files of an API, relative to the output folder: its module and its docs page.
/// The providers (by key) whose APIs this run does not generate: those outside
/// `options.only_features` whose module the output already holds (one it lacks is generated, so
/// that `lib.rs` never names a missing module).
fn left_alone(
    profiles: &BTreeMap<String, (Profile, String)>,
    out: &Path,
    options: &Options,
) -> BTreeSet<String> {
    let Some(only) = &options.only_features else { return BTreeSet::new() };
    profiles
        .iter()
        .filter(|(_, (profile, _))| !only.contains(&profile.feature))
        .filter(|(_, (profile, _))| out.join(codegen::provider_module(profile)).join("mod.rs").is_file())
        .map(|(key, _)| key.clone())
        .collect()
}

/// True for the files of a provider's module and docs (`aliyun/…`, `docs/aliyun/…`).
fn in_provider(rel: &str, module: &str) -> bool {
    let under = |prefix: &str| rel.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
    under(module) || rel.strip_prefix("docs/").is_some_and(under)
}

fn api_files(module: &str, names: &ApiNames) -> [String; 2] {
    [format!("{module}/{}.rs", names.module), format!("docs/{module}/{}.md", names.module)]
}

/// specs/providers/*.yaml by provider key, each with the hash of its text.
fn load_profiles(specs: &Path) -> Result<BTreeMap<String, (Profile, String)>, Error> {
    let dir = specs.join("providers");
    let mut profiles = BTreeMap::new();
    for path in yaml_files(&dir)? {
        let text = read_text(&path)?;
        let profile = spec::profile_from_yaml(&text, &path.display().to_string())?;
        profiles.insert(profile.provider.clone(), (profile, cache::key(&[text.as_bytes()])));
    }
    Ok(profiles)
}

/// specs/<provider>/*.yaml for every provider with a profile, sorted. A folder of specs without a
/// profile is an error: its APIs would silently be left out of the client.
fn spec_files(specs: &Path, profiles: &BTreeMap<String, (Profile, String)>) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io { path: specs.to_path_buf(), source };
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(specs).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir()
            && !matches!(name.as_str(), "providers" | "sources" | "overlays")
            && !name.starts_with('.')
        {
            folders.push((name, path));
        }
    }
    folders.sort();
    let mut files = Vec::new();
    for (name, dir) in folders {
        let yaml = yaml_files(&dir)?;
        if yaml.is_empty() {
            continue;
        }
        if !profiles.contains_key(&name) {
            let profiles = profiles.keys().cloned().collect::<Vec<_>>().join(", ");
            return Err(Error::NoProfile { folder: dir, profiles });
        }
        files.extend(yaml);
    }
    Ok(files)
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io { path: dir.to_path_buf(), source };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "yaml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

fn load_spec(specs: &Path, path: &Path) -> Result<ApiSpec, Error> {
    parse_spec(specs, path, &read_text(path)?)
}

fn parse_spec(specs: &Path, path: &Path, text: &str) -> Result<ApiSpec, Error> {
    let shown = path.strip_prefix(specs.parent().unwrap_or(Path::new(""))).unwrap_or(path);
    Ok(spec::from_yaml(text, &shown.display().to_string())?)
}

/// The facts of the spec at `path`: from the cache when the file is unchanged since the last run,
/// else read and parsed. The stamp is taken before reading, so a file that changes meanwhile is
/// read again next time.
fn load_spec_cached(specs: &Path, path: &Path, cache: &Cache) -> Result<LoadedSpec, Error> {
    let stamp = Stamp::of(path);
    if let Some(facts) = cache.spec(&cache::relative(specs, path)).filter(|facts| Some(facts.stamp) == stamp)
    {
        return Ok(LoadedSpec { path: path.to_path_buf(), facts: facts.clone(), spec: None });
    }
    let text = read_text(path)?;
    let spec = parse_spec(specs, path, &text)?;
    let facts = SpecEntry {
        stamp: stamp.unwrap_or_default(),
        hash: cache::key(&[text.as_bytes()]),
        action: spec.action.clone(),
        provider: spec.provider.clone(),
        page: spec.source.page.clone(),
        diagnostics: spec.diagnostics.len(),
    };
    Ok(LoadedSpec { path: path.to_path_buf(), facts, spec: Some(spec) })
}
