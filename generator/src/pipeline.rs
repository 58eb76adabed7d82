//! The main job: specs/ (and, with the `extract` feature, the pages under specs/sources/) → the
//! client in OUT.
//!
//! Input: the specs folder (`providers/`, `<provider>/*.yaml`, `sources/`) and templates/ next to it.
//! Output: the files of the generated client, synced into OUT by [`write::sync`]: only changed
//! bytes are written, the files of removed specs are removed, foreign files are refused. Specs are
//! loaded and generated in parallel on every core; results are sorted, so output never depends on
//! scheduling.

use crate::codegen::{self, ApiNames};
use crate::render::{self, ApiLink, ProviderView, Templates};
use crate::spec::{self, ApiSpec, Profile};
use crate::write;
use std::collections::BTreeMap;
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
}

/// The one line every run ends with, and what `--check` found stale.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Pages extracted (0 when only generating).
    pub pages: usize,
    /// Specs the extraction (re)wrote.
    pub specs_written: usize,
    /// Specs read to generate from.
    pub specs: usize,
    /// Output files created, rewritten or removed.
    pub files_changed: Vec<PathBuf>,
    /// In check mode: the files that are out of date.
    pub stale: Vec<PathBuf>,
    /// Diagnostics the specs carry.
    pub diagnostics: usize,
    /// Pages that could not be extracted, rendered as errors.
    pub failed: Vec<String>,
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
        if self.check && !self.stale.is_empty() {
            writeln!(f, "stale files:")?;
            for path in &self.stale {
                writeln!(f, "  {}", path.display())?;
            }
            writeln!(f, "run `{}` to update them", codegen::REGENERATE)?;
        }
        write!(
            f,
            "pages {}, specs written {}, specs {}, files changed {}, diagnostics {}, {:.2}s",
            self.pages,
            self.specs_written,
            self.specs,
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

/// Runs the main job: extraction (with the `extract` feature), then generation.
pub fn run(specs: &Path, out: &Path, options: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    let extracted = extract(specs, options)?;
    let mut summary = generate(specs, out, options)?;
    summary.pages = extracted.pages;
    summary.specs_written = extracted.specs_written;
    summary.failed = extracted.failed;
    summary.stale.splice(0..0, extracted.stale);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What extraction reports to the summary.
#[derive(Default)]
struct Extracted {
    pages: usize,
    specs_written: usize,
    stale: Vec<PathBuf>,
    failed: Vec<String>,
}

/// Extracts every page under specs/sources/ into specs/<provider>/ (only changed specs are written).
#[cfg(feature = "extract")]
fn extract(specs: &Path, options: &Options) -> Result<Extracted, Error> {
    // A specs folder without pages (only committed specs) has nothing to extract.
    if !specs.join("sources").is_dir() {
        return Ok(Extracted::default());
    }
    let tree_options = crate::extract::TreeOptions {
        check: options.check,
        force: options.force,
        max_page_bytes: options.max_page_bytes,
    };
    let tree =
        crate::extract::extract_tree(specs, &tree_options).map_err(|e| Error::Extract(e.to_string()))?;
    Ok(Extracted {
        pages: tree.pages,
        specs_written: tree.written.len(),
        stale: tree.stale,
        failed: tree.failed,
    })
}

/// Without the page parsers there is nothing to extract: the committed specs are generated from.
#[cfg(not(feature = "extract"))]
fn extract(_specs: &Path, _options: &Options) -> Result<Extracted, Error> {
    Ok(Extracted::default())
}

/// Generates the client from specs/ into `out` (no extraction, no page parsers): what build.rs
/// runs.
pub fn generate(specs: &Path, out: &Path, options: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    let profiles = load_profiles(specs)?;
    let spec_paths = spec_files(specs, &profiles)?;
    let loaded = par_map(&spec_paths, |path| load_spec(specs, path));
    let mut by_provider: BTreeMap<&str, Vec<(PathBuf, ApiSpec)>> = BTreeMap::new();
    let mut diagnostics = 0;
    for (path, result) in spec_paths.iter().zip(loaded) {
        let spec = result?;
        if !profiles.contains_key(&spec.provider) {
            return Err(Error::UnknownProvider { path: path.clone(), provider: spec.provider });
        }
        diagnostics += spec.diagnostics.len();
        let key = profiles.get_key_value(&spec.provider).map_or("", |(k, _)| k.as_str());
        by_provider.entry(key).or_default().push((path.clone(), spec));
    }
    let templates_dir = specs.parent().map(|p| p.join("templates")).filter(|d| d.is_dir());
    let templates = Templates::load(templates_dir.as_deref())?;

    // One job per API: its code and its docs page.
    struct Job<'a> {
        spec: &'a ApiSpec,
        profile: &'a Profile,
        names: ApiNames,
        module: String,
    }
    let mut jobs = Vec::new();
    let mut provider_files = Vec::new();
    let mut views = Vec::new();
    for (key, profile) in &profiles {
        let specs_of: Vec<&ApiSpec> =
            by_provider.get(key.as_str()).map_or(Vec::new(), |v| v.iter().map(|(_, s)| s).collect());
        let names = codegen::name_apis(&specs_of);
        let module = codegen::provider_module(profile);
        provider_files.push((format!("{module}/mod.rs"), codegen::provider_file(profile, &names)?));
        let mut apis = Vec::new();
        for (spec, names) in specs_of.into_iter().zip(names) {
            apis.push(ApiLink {
                action: spec.action.clone(),
                rust_path: format!("{module}::{}", names.type_name),
                doc: format!("docs/{module}/{}.md", names.module),
                page: spec.source.page.clone(),
            });
            jobs.push(Job { spec, profile, names, module: module.clone() });
        }
        views.push(ProviderView {
            name: profile.name.clone(),
            feature: profile.feature.clone(),
            module: module.clone(),
            apis,
        });
    }
    let done = std::sync::atomic::AtomicUsize::new(0);
    let outputs = par_map(&jobs, |job| -> Result<[(String, String); 2], Error> {
        if options.progress {
            progress(&done, jobs.len());
        }
        let code = codegen::api_file(job.spec, job.profile, &job.names)?;
        let rust_path = format!("{}::{}", job.module, job.names.type_name);
        let doc = templates.api_doc(job.spec, &rust_path)?;
        Ok([
            (format!("{}/{}.rs", job.module, job.names.module), code),
            (format!("docs/{}/{}.md", job.module, job.names.module), doc),
        ])
    });

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let profile_refs: Vec<&Profile> = profiles.values().collect();
    files.insert("lib.rs".to_owned(), codegen::lib_file(&profile_refs)?.into_bytes());
    files.insert("README.md".to_owned(), templates.readme(&views)?.into_bytes());
    for (path, text) in provider_files {
        files.insert(path, text.into_bytes());
    }
    for output in outputs {
        for (path, text) in output? {
            files.insert(path, text.into_bytes());
        }
    }
    let report = write::sync(out, &files, options.check)?;
    let mut changed = report.changed;
    changed.extend(report.removed);
    let (files_changed, stale) = if options.check { (Vec::new(), changed) } else { (changed, Vec::new()) };
    Ok(Summary {
        specs: spec_paths.len(),
        files_changed,
        stale,
        diagnostics,
        elapsed: started.elapsed(),
        check: options.check,
        ..Summary::default()
    })
}

/// A one-line progress bar on stderr (only when it is a terminal, see [`Options::progress`]).
fn progress(done: &std::sync::atomic::AtomicUsize, total: usize) {
    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    // Redrawing every item would cost more than generating it on large trees.
    if n == total || n.is_multiple_of(64) {
        let width = 30;
        let filled = n * width / total.max(1);
        eprint!("\r[{}{}] {n}/{total} APIs", "#".repeat(filled), " ".repeat(width - filled));
        if n == total {
            eprintln!();
        }
    }
}

/// specs/providers/*.yaml by provider key.
fn load_profiles(specs: &Path) -> Result<BTreeMap<String, Profile>, Error> {
    let dir = specs.join("providers");
    let mut profiles = BTreeMap::new();
    for path in yaml_files(&dir)? {
        let text = read_text(&path)?;
        let profile = spec::profile_from_yaml(&text, &path.display().to_string())?;
        profiles.insert(profile.provider.clone(), profile);
    }
    Ok(profiles)
}

/// specs/<provider>/*.yaml for every provider with a profile, sorted.
fn spec_files(specs: &Path, profiles: &BTreeMap<String, Profile>) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for key in profiles.keys() {
        let dir = specs.join(key);
        if dir.is_dir() {
            files.extend(yaml_files(&dir)?);
        }
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
    let text = read_text(path)?;
    let shown = path.strip_prefix(specs.parent().unwrap_or(Path::new(""))).unwrap_or(path);
    Ok(spec::from_yaml(&text, &shown.display().to_string())?)
}

/// `f` over `items` on every core, results in the order of `items`.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}
