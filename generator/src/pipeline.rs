//! The main job: specs/ (and, with the `extract` feature, the pages under specs/sources/) → the
//! client in OUT.
//!
//! Input: the specs folder (`providers/`, `<provider>/*.yaml`, `sources/`) and templates/ next to it.
//! Output: the files of the generated client, synced into OUT by [`write::sync`]: only changed
//! bytes are written, the files of removed specs are removed, foreign files are refused. Specs are
//! loaded and generated in parallel on every core; results are sorted, so output never depends on
//! scheduling.

use crate::cache::{self, Cache, OutputEntry, SpecEntry, Stamp};
use crate::codegen::{self, ApiCode, ApiNames, Shape};
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

    // Every API with what its files are made from, by provider; and the shapes of its types when
    // the cache has them for these inputs.
    let mut plans = Vec::new();
    let mut providers = Vec::new();
    let mut views = Vec::new();
    for (key, (profile, profile_key)) in profiles.iter().filter(|(key, _)| !left_alone.contains(*key)) {
        let specs_of: &[LoadedSpec] = by_provider.get(key.as_str()).map_or(&[], Vec::as_slice);
        let actions: Vec<&str> = specs_of.iter().map(|s| s.facts.action.as_str()).collect();
        let module = codegen::provider_module(profile);
        let mut apis = Vec::new();
        let first = plans.len();
        for (loaded, names) in specs_of.iter().zip(codegen::name_apis(&actions)) {
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
            let [code, doc] = api_files(&module, &names);
            let shapes = cache.api(&code).filter(|entry| entry.key == key).map(|entry| entry.shapes.clone());
            let doc_fresh = fresh(cache, out, &doc, &key);
            plans.push(Plan {
                loaded,
                profile,
                names,
                module: module.clone(),
                key,
                code,
                doc,
                shapes,
                doc_fresh,
            });
        }
        // The APIs by action: the first that has a shared type gives it its docs.
        let mut order: Vec<usize> = (first..plans.len()).collect();
        order.sort_by(|&a, &b| plans[a].loaded.facts.action.cmp(&plans[b].loaded.facts.action));
        providers.push(ProviderPlan { profile, profile_key, module: module.clone(), by_action: order });
        views.push(ProviderView {
            name: profile.name.clone(),
            feature: profile.feature.clone(),
            module: module.clone(),
            apis,
        });
    }

    // Generate the APIs the cache knows nothing of (their shapes are needed to decide the sharing),
    // and render the docs pages it cannot vouch for.
    let mut codes: Vec<Option<ApiCode>> = (0..plans.len()).map(|_| None).collect();
    let mut docs: Vec<Option<String>> = vec![None; plans.len()];
    let first: Vec<usize> =
        (0..plans.len()).filter(|&i| plans[i].shapes.is_none() || !plans[i].doc_fresh).collect();
    for (i, code, doc) in work(specs, &templates, &plans, &first, options)? {
        codes[i] = Some(code);
        docs[i] = doc;
    }

    // Decide each provider's sharing; then generate the unchanged APIs whose file it changes, and
    // those whose docs a stale types.rs takes.
    let Sharing { imports, code_keys, types_files } = decide_sharing(&providers, &plans, &codes, cache, out);
    let mut second = BTreeSet::new();
    for (i, plan) in plans.iter().enumerate() {
        if codes[i].is_none() && !fresh(cache, out, &plan.code, &code_keys[i]) {
            second.insert(i);
        }
    }
    for file in types_files.iter().filter(|file| !file.fresh) {
        second.extend(file.types.iter().map(|t| t.from).filter(|&i| codes[i].is_none()));
    }
    let second: Vec<usize> = second.into_iter().collect();
    for (i, code, _) in work(specs, &templates, &plans, &second, options)? {
        codes[i] = Some(code);
    }

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut kept = BTreeSet::new();
    let mut keyed = Vec::new();
    let profile_refs: Vec<&Profile> = profiles.values().map(|(profile, _)| profile).collect();
    files.insert("lib.rs".to_owned(), codegen::lib_file(&profile_refs)?.into_bytes());
    cache.apis.clear();
    cache.outputs.clear();
    if left_alone.is_empty() {
        files.insert("README.md".to_owned(), templates.readme(&views)?.into_bytes());
    } else {
        keep_left_alone(&profiles, &left_alone, out, cache, &mut kept);
    }
    let mut index = Vec::new();
    for (ProviderPlan { profile, module, by_action, .. }, file) in providers.iter().zip(types_files) {
        // mod.rs lists the APIs in the order of their specs, as they were named.
        let mut by_spec = by_action.clone();
        by_spec.sort();
        let names: Vec<ApiNames> = by_spec.into_iter().map(|i| plans[i].names.clone()).collect();
        files.insert(
            format!("{module}/mod.rs"),
            codegen::provider_file(profile, &names, !file.types.is_empty())?.into_bytes(),
        );
        index.push((*profile, names));
        if file.types.is_empty() {
            continue;
        }
        if file.fresh {
            keep(cache, &file.path, &mut kept);
        } else {
            let texts: Vec<(String, String, Vec<String>)> = file
                .types
                .into_iter()
                .map(|t| {
                    let code =
                        codes[t.from].as_ref().expect("the API a stale types.rs takes from is generated");
                    let text = code.type_text(&t.name);
                    (t.name, text, t.users)
                })
                .collect();
            files.insert(file.path.clone(), codegen::types_file(profile, &texts)?.into_bytes());
            keyed.push((file.path, file.key));
        }
    }
    if left_alone.is_empty() {
        files.insert(codegen::API_INDEX.to_owned(), codegen::api_index(&index).into_bytes());
    }
    let mut reused = 0;
    // Each API's code and docs are dropped as soon as its files are made.
    let apis = plans.into_iter().zip(codes).zip(docs).zip(imports.into_iter().zip(code_keys));
    for (((plan, code), doc), (imports, code_key)) in apis {
        reused += usize::from(code.is_none() && doc.is_none());
        let shapes = code.as_ref().map(|code| code.shapes().to_vec()).or(plan.shapes).unwrap_or_default();
        cache.apis.insert(plan.code.clone(), cache::ApiEntry { key: plan.key.clone(), shapes });
        match code {
            Some(code) => {
                files.insert(plan.code.clone(), code.into_file(&imports).into_bytes());
                keyed.push((plan.code, code_key));
            }
            None => keep(cache, &plan.code, &mut kept),
        }
        match doc {
            Some(doc) => {
                files.insert(plan.doc.clone(), doc.into_bytes());
                keyed.push((plan.doc, plan.key));
            }
            None => keep(cache, &plan.doc, &mut kept),
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

/// One API: what its files are made from and what the cache knows of them.
struct Plan<'a> {
    loaded: &'a LoadedSpec,
    profile: &'a Profile,
    names: ApiNames,
    /// The provider's module.
    module: String,
    /// Hash of the API's inputs: spec, profile, templates, names.
    key: String,
    /// Its code and docs files, relative to the output folder.
    code: String,
    doc: String,
    /// The shapes of its types, when the cache has them.
    shapes: Option<Vec<Shape>>,
    doc_fresh: bool,
}

/// One provider and its APIs.
struct ProviderPlan<'a> {
    profile: &'a Profile,
    /// Hash of the profile's text.
    profile_key: &'a str,
    module: String,
    /// Its APIs (indexes into the plans) sorted by action.
    by_action: Vec<usize>,
}

/// A provider's `types.rs`.
struct TypesFile {
    path: String,
    /// Hash of everything the file is made from.
    key: String,
    /// The cache shows the file as `key` makes it.
    fresh: bool,
    types: Vec<SharedType>,
}

/// A type the APIs of one provider share.
struct SharedType {
    name: String,
    /// The API (an index into the plans) whose code and docs of the type are printed.
    from: usize,
    /// The actions of the APIs that use it.
    users: Vec<String>,
}

/// What the sharing of types decides, by API (indexes of the plans) and by provider.
struct Sharing {
    /// The shared types each API imports from its provider's types.rs.
    imports: Vec<Vec<String>>,
    /// The key of each API's code file: its inputs and its imports.
    code_keys: Vec<String>,
    /// Each provider's types.rs, in the order of `providers`.
    types_files: Vec<TypesFile>,
}

/// Decides, provider by provider, which types its APIs share, from the shapes of this run's code or,
/// for the APIs not generated, of the cache.
fn decide_sharing(
    providers: &[ProviderPlan<'_>],
    plans: &[Plan<'_>],
    codes: &[Option<ApiCode>],
    cache: &Cache,
    out: &Path,
) -> Sharing {
    let mut imports: Vec<Vec<String>> = vec![Vec::new(); plans.len()];
    let mut code_keys = vec![String::new(); plans.len()];
    let mut types_files = Vec::new();
    for ProviderPlan { profile_key, module, by_action: order, .. } in providers {
        let shapes: Vec<&[Shape]> = order
            .iter()
            .map(|&i| {
                codes[i].as_ref().map(ApiCode::shapes).or(plans[i].shapes.as_deref()).unwrap_or_default()
            })
            .collect();
        let sharing = codegen::share(&shapes);
        for (&i, names) in order.iter().zip(sharing.imports) {
            code_keys[i] = cache::key(&[plans[i].key.as_bytes(), names.join(" ").as_bytes()]);
            imports[i] = names;
        }
        let types: Vec<SharedType> = sharing
            .types
            .into_iter()
            .map(|(name, users)| SharedType {
                name,
                from: order[users[0]],
                users: users.iter().map(|&u| plans[order[u]].loaded.facts.action.clone()).collect(),
            })
            .collect();
        // types.rs is made of each shared type's code and docs (its name and the inputs of the API
        // it is taken from) and of the APIs that use it.
        let mut parts = vec![profile_key.to_string()];
        for t in &types {
            parts.extend([t.name.clone(), plans[t.from].key.clone(), t.users.join(" ")]);
        }
        let key = cache::key(&parts.iter().map(String::as_bytes).collect::<Vec<_>>());
        let path = format!("{module}/types.rs");
        let fresh = fresh(cache, out, &path, &key);
        types_files.push(TypesFile { path, key, fresh, types });
    }
    Sharing { imports, code_keys, types_files }
}

/// Keeps, as the last full run left them, the files of the providers a run leaves alone, and the
/// README and the API list, which name every provider's APIs.
fn keep_left_alone(
    profiles: &BTreeMap<String, (Profile, String)>,
    left_alone: &BTreeSet<String>,
    out: &Path,
    cache: &mut Cache,
    kept: &mut BTreeSet<String>,
) {
    let modules: Vec<String> = profiles
        .iter()
        .filter(|(key, _)| left_alone.contains(*key))
        .map(|(_, (profile, _))| codegen::provider_module(profile))
        .collect();
    let owned = write::owned_files(out);
    let alone = owned.iter().filter(|rel| {
        modules.iter().any(|module| in_provider(rel, module))
            || ["README.md", codegen::API_INDEX].contains(&rel.as_str())
    });
    for rel in alone {
        if let Some(entry) = cache.api(rel).cloned() {
            cache.apis.insert(rel.clone(), entry);
        }
        keep(cache, rel, kept);
    }
}

/// Generates, in parallel, the code of the APIs `ids`, and their docs pages that the cache does
/// not show fresh.
fn work(
    specs: &Path,
    templates: &Templates,
    plans: &[Plan<'_>],
    ids: &[usize],
    options: &Options,
) -> Result<Vec<(usize, ApiCode, Option<String>)>, Error> {
    let progress = Progress::new("APIs", ids.len(), options.progress);
    ids.par_iter()
        .map(|&i| {
            progress.tick();
            let plan = &plans[i];
            let parsed;
            let spec = match &plan.loaded.spec {
                Some(spec) => spec,
                None => {
                    parsed = load_spec(specs, &plan.loaded.path)?;
                    &parsed
                }
            };
            let code = codegen::api_code(spec, plan.profile, &plan.names)?;
            let doc = match plan.doc_fresh {
                true => None,
                false => {
                    Some(templates.api_doc(spec, &format!("{}::{}", plan.module, plan.names.type_name))?)
                }
            };
            Ok((i, code, doc))
        })
        .collect()
}

/// True when the cache vouches that the file `rel` of `out` is what `key` makes: made from the
/// same inputs, and untouched since.
fn fresh(cache: &Cache, out: &Path, rel: &str, key: &str) -> bool {
    cache.output(rel).is_some_and(|entry| entry.key == key && Stamp::of(&out.join(rel)) == Some(entry.stamp))
}

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

/// Keeps a fresh file, and its entry in the cache.
fn keep(cache: &mut Cache, rel: &str, kept: &mut BTreeSet<String>) {
    if let Some(entry) = cache.output(rel).cloned() {
        cache.outputs.insert(rel.to_owned(), entry);
    }
    kept.insert(rel.to_owned());
}

/// The two files of an API, relative to the output folder: its module and its docs page.
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
