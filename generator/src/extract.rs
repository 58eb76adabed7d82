//! Stage 2, extract: a page's [`Document`] → an [`ApiSpec`].
//!
//! Submodules by concern: `tables` (column roles), `types` (type words), `prose` (what descriptions
//! say: enums, defaults, ranges, formats, deprecation, conditions), `request` (parameter tables),
//! `response` (answer types and their nesting), `examples` (request URLs, JSON and XML answers),
//! `errors` (error-code and status tables), `http` (method, path, endpoint), `reconcile` (tables
//! against examples).
//!
//! Entry points: [`extract_page`] (bytes of one page → its spec and diagnostics), [`print_specs`]
//! (`generator extract`), [`extract_tree`] (every page under `specs/sources/` → `specs/<provider>/`).

mod anchor;
mod errors;
mod examples;
mod http;
mod prose;
mod reconcile;
mod request;
mod request_examples;
mod response;
mod shared_types;
pub(crate) mod tables;
mod types;

use crate::cache::{self, Cache, PageEntry, Stamp};
pub use crate::page_error::PageError;
use crate::progress::Progress;
use crate::report;
use crate::source::{self, Block, Document};
use crate::spec::{self, ApiSpec, Diagnostic, Profile, SPEC_VERSION, Severity, Source};
use crate::write;
pub use anchor::Anchors;
use rayon::prelude::*;
use regex::Regex;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Options of `generator extract`.
#[derive(Debug, Clone)]
pub struct Options {
    pub max_page_bytes: usize,
    /// Colour the diagnostics (stderr is a terminal).
    pub color: bool,
    /// The API name to use instead of the one the page states (`--action`).
    pub action: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_page_bytes: source::DEFAULT_MAX_PAGE_BYTES, color: false, action: None }
    }
}

/// State shared by the extraction of one page: where it is, its provider, what went wrong.
pub(crate) struct Ctx<'a> {
    /// The page path as shown in diagnostics.
    pub page: &'a str,
    pub profile: Option<&'a Profile>,
    /// The provider key (`tencent-v3`), from the profile or guessed from the path.
    pub provider: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(page: &'a str, profile: Option<&'a Profile>) -> Self {
        Ctx { page, profile, provider: profile.map_or("", |p| p.provider.as_str()), diagnostics: Vec::new() }
    }

    /// A Tencent Cloud API 3.0 page: JSON bodies posted to `/`, whatever the page's legacy example
    /// shows.
    pub fn is_api_3(&self) -> bool {
        self.provider == TENCENT_API_3
    }

    pub fn diagnose(
        &mut self,
        line: u32,
        severity: Severity,
        code: &str,
        message: String,
        help: Option<String>,
    ) {
        self.diagnostics.push(Diagnostic::at_line(line, severity, code, message, help));
    }
}

/// A page's spec and what the page gets wrong: the same list as `spec.diagnostics`, but at absolute
/// page lines (the spec's are anchored), for printing.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub spec: ApiSpec,
    pub diagnostics: Vec<Diagnostic>,
    /// Maps the spec's anchored origins back to page lines.
    pub anchors: Anchors,
}

impl Extracted {
    /// The spec with absolute page lines instead of anchors, as extraction first recorded them.
    pub fn with_page_lines(&self) -> ApiSpec {
        let mut spec = self.spec.clone();
        self.anchors.to_page_lines(&mut spec);
        spec
    }
}

/// Extracts the spec of one page. `path` names the page in messages and, from its `sources/` part
/// on, in the spec's provenance. Without a profile the provider is guessed from the path.
pub fn extract_page(
    path: &str,
    bytes: &[u8],
    profile: Option<&Profile>,
    options: &Options,
) -> Result<Extracted, PageError> {
    let error =
        |line: u32, message: String, help: String| PageError { file: path.to_owned(), line, message, help };
    let doc = source::read(bytes, options.max_page_bytes)
        .map_err(|e| error(e.line(), e.to_string(), e.help().to_owned()))?;
    let provider = match profile {
        Some(profile) => profile.provider.clone(),
        None => guess_provider(path, &String::from_utf8_lossy(bytes)).unwrap_or("unknown").to_owned(),
    };
    let mut ctx = Ctx { provider: &provider, ..Ctx::new(path, profile) };
    let examples = examples::extract(&doc, &mut ctx);
    let action = options.action.clone().or_else(|| action_name(&doc, &examples)).ok_or_else(|| {
        error(
            1,
            "the page names no API: no `title` in its front matter, no `# Action` heading, no `本接口 (Action)`, \
             and no `Action=` in a request example"
                .to_owned(),
            "name the API with `--action NAME`, or check that this is an API reference page".to_owned(),
        )
    })?;
    let mut http = http::extract(&doc, &mut ctx);
    let service = service_of(&http, profile);
    if ctx.is_api_3() {
        http::api_3(&mut http, &examples, &mut ctx);
    }
    let request = request::extract(&doc, &http, &mut ctx)?;
    let mut response = response::extract(&doc, &action, &mut ctx);
    let references = response
        .types
        .iter()
        .flat_map(|t| {
            t.fields.iter().filter_map(|f| shared_types::Reference::of(&f.ty, &f.name, f.origin.line))
        })
        .collect();
    shared_types::adopt(&mut response.types, references, false, &mut ctx);
    reconcile::reconcile(&request.params, &mut response, &examples, &mut ctx);
    let errors = errors::extract(&doc, &mut ctx);
    let (summary, description) = intro(&doc, &action);
    let mut spec = ApiSpec {
        spec_version: SPEC_VERSION,
        service,
        provider: provider.clone(),
        action,
        version: request.version,
        source: Source {
            page: page_reference(path),
            sha256: hex::encode(Sha256::digest(bytes)),
            format: doc.format,
            overlay: None,
        },
        summary,
        description,
        http,
        request: request.params,
        request_types: request.types,
        response,
        errors,
        examples,
        diagnostics: Vec::new(),
    };
    spec.diagnostics = ctx.diagnostics;
    request_examples::mark(&mut spec, profile);
    spec.diagnostics.sort_by_key(|d| d.line);
    let diagnostics = spec.diagnostics.clone();
    let anchors = anchor::anchor(&mut spec, &doc);
    Ok(Extracted { spec, diagnostics, anchors })
}

/// The page as the spec records it: from its `sources/` folder on, `/`-separated.
fn page_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    match path.rfind("sources/") {
        Some(at) if at == 0 || path[..at].ends_with('/') => path[at..].to_owned(),
        _ => path.rsplit('/').next().unwrap_or(&path).to_owned(),
    }
}

/// The API name as the page states it, with the line stating it: the front matter's `title`, a
/// level-1 heading that is one identifier, `本接口 (X)` / `This API (X)` in the introduction, the
/// `Action=X` of a request example, or the `"action": "XResponse"` of an example answer. The file
/// name plays no part: pages are saved under any name.
fn action_name(doc: &Document, examples: &spec::Examples) -> Option<String> {
    static THIS_API: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:本接口|This API)\s*[（(]\s*([A-Za-z][A-Za-z0-9_]*)\s*[)）]").expect("static regex")
    });
    static ANSWER_ACTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#""action"\s*:\s*"([A-Za-z][A-Za-z0-9_]*)Response""#).expect("static regex")
    });
    let from_title = doc.front_matter.get("title").map(|t| t.trim().to_owned());
    let from_heading = doc.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 1 => Some(h.text.trim().to_owned()),
        _ => None,
    });
    let from_intro = || {
        doc.blocks.iter().find_map(|b| match b {
            Block::Paragraph { text, .. } => THIS_API.captures(text).map(|c| c[1].to_owned()),
            _ => None,
        })
    };
    let from_request = || {
        examples.requests.iter().find_map(|example| {
            let query = example.url.split_once('?')?.1;
            query.split('&').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim().eq_ignore_ascii_case("action").then(|| value.trim().to_owned())
            })
        })
    };
    let from_answer =
        || examples.responses.iter().find_map(|e| ANSWER_ACTION.captures(&e.body).map(|c| c[1].to_owned()));
    [from_title, from_heading]
        .into_iter()
        .flatten()
        .find(|name| is_identifier(name))
        .or_else(|| from_intro().filter(|name| is_identifier(name)))
        .or_else(|| from_request().filter(|name| is_identifier(name)))
        .or_else(from_answer)
}

fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.len() <= 128
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The provider key of Tencent Cloud API 3.0 pages.
const TENCENT_API_3: &str = "tencent-v3";

/// The provider a page belongs to, from a folder of its path (`sources/aliyun/…`, a corpus set
/// `tencent-v3/…`), else from the hosts its text names.
pub fn guess_provider(path: &str, text: &str) -> Option<&'static str> {
    const PROVIDERS: [&str; 6] =
        ["qingcloud-private", "qingcloud", TENCENT_API_3, "tencent", "aliyun", "jdcloud"];
    let path = path.replace('\\', "/");
    for folder in path.rsplit('/').skip(1) {
        let folder = folder.to_ascii_lowercase();
        if let Some(p) = PROVIDERS.iter().find(|p| folder == **p || folder.starts_with(&format!("{p}-"))) {
            return Some(p);
        }
        if folder.starts_with("alibaba") {
            return Some("aliyun");
        }
    }
    let hosts = [
        // The private cloud's pages write its host as a placeholder: `https://api.<your_domain>/iaas/`.
        ("api.<your_domain>/iaas", "qingcloud-private"),
        ("jdcloud", "jdcloud"),
        ("aliyun", "aliyun"),
        ("qcloud.com", "tencent"),
        ("cloud.tencent.com", "tencent"),
        ("qingcloud", "qingcloud"),
    ];
    hosts.iter().find(|(host, _)| text.contains(host)).map(|(_, p)| *p)
}

/// The service: the first label of the endpoint's host (`image.api.qcloud.com` → `image`), or the
/// first segment of a path like QingCloud's `/iaas/`.
fn service_of(http: &spec::Http, profile: Option<&Profile>) -> Option<String> {
    let endpoint = http.endpoint.as_deref().or(profile.map(|p| p.endpoint.as_str()))?;
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, rest)| rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let labels: Vec<&str> = host.split('.').collect();
    let first = labels.first().copied().unwrap_or_default();
    let usable = |s: &str| {
        !s.is_empty() && !s.contains('{') && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if labels.len() >= 3 && usable(first) && !matches!(first, "api" | "www") {
        return Some(first.to_owned());
    }
    [http.path.as_str(), path].into_iter().find_map(|path| {
        let segment = path.split('/').find(|s| !s.is_empty())?;
        (usable(segment) && !segment.starts_with('v')).then(|| segment.to_owned())
    })
}

/// The page's summary (its first sentence of prose) and description (the rest of its introduction,
/// up to the first section).
fn intro(doc: &Document, action: &str) -> (Option<String>, Option<String>) {
    // Text above the first heading is a notice (Tencent's "旧版 API") when a description section
    // follows; without one it is the description itself (QingCloud).
    let has_description_heading =
        doc.blocks.iter().any(|b| matches!(b, Block::Heading(h) if h.level > 1 && h.text.contains("描述")));
    let mut texts: Vec<String> = Vec::new();
    let mut seen_heading = false;
    for block in &doc.blocks {
        if !seen_heading && has_description_heading && !matches!(block, Block::Heading(_)) {
            continue;
        }
        match block {
            Block::Heading(h) => {
                seen_heading = true;
                if ends_intro(&h.text) {
                    break;
                }
            }
            Block::Paragraph { text, .. } => {
                if request::is_label(text) && request::section_of(text).is_some() {
                    if ends_intro(text) {
                        break;
                    }
                    continue;
                }
                let text = tables::plain(text);
                if text.is_empty() || text == action || text.contains("接口请求域名") || text.starts_with('>')
                {
                    continue;
                }
                texts.push(text);
            }
            Block::List { items, .. } => {
                texts.extend(
                    items
                        .iter()
                        .filter(|item| item.children.is_empty())
                        .map(|item| tables::plain(&item.text))
                        .filter(|t| !t.is_empty() && !t.ends_with('：') && !t.ends_with(':')),
                );
            }
            Block::Table(_) => break,
            Block::Code { .. } => {}
        }
        if texts.len() >= 12 {
            break;
        }
    }
    let mut texts = texts.into_iter();
    let Some(first) = texts.next() else { return (None, None) };
    let (summary, rest) = match first.find('。') {
        Some(at) if at + '。'.len_utf8() < first.len() => {
            let end = at + '。'.len_utf8();
            (first[..end].to_owned(), Some(first[end..].trim().to_owned()))
        }
        _ => (first, None),
    };
    let description: Vec<String> = rest.into_iter().chain(texts).filter(|t| !t.is_empty()).collect();
    (Some(summary), (!description.is_empty()).then(|| description.join("\n")))
}

/// A heading or label that starts a section other than the description (`请求方式`, `基本信息`,
/// `调试`, `请求参数`): the introduction ends there.
fn ends_intro(label: &str) -> bool {
    let label = tables::plain(label);
    request::section_of(&label).is_some() && !label.contains("描述") && !label.contains("说明")
}

/// Prints the spec of each page to stdout (one YAML document each) and its diagnostics to stderr.
/// Returns false when some page could not be read.
pub fn print_specs(
    pages: &[PathBuf],
    provider: Option<&str>,
    providers: &Path,
    options: &Options,
) -> std::io::Result<bool> {
    let mut ok = true;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    for (index, page) in pages.iter().enumerate() {
        let shown = page.display().to_string();
        let bytes = match std::fs::read(page) {
            Ok(bytes) => bytes,
            Err(e) => {
                let error = PageError {
                    file: shown,
                    line: 1,
                    message: format!("cannot read the page: {e}"),
                    help: "check the path".to_owned(),
                };
                stderr.lock().write_all(report::render_error(&error, &[], options.color).as_bytes())?;
                ok = false;
                continue;
            }
        };
        let name = provider.or_else(|| guess_provider(&shown, &String::from_utf8_lossy(&bytes)));
        let profile =
            match name.map(|n| load_profile(providers, n).map(|p| p.map(|(profile, _)| profile))).transpose()
            {
                Ok(profile) => profile.flatten(),
                Err(error) => {
                    stderr.lock().write_all(report::render_error(&error, &[], options.color).as_bytes())?;
                    ok = false;
                    continue;
                }
            };
        let mut extracted = match extract_page(&shown, &bytes, profile.as_ref(), options) {
            Ok(extracted) => extracted,
            Err(error) => {
                stderr.lock().write_all(report::render_error(&error, &bytes, options.color).as_bytes())?;
                ok = false;
                continue;
            }
        };
        if profile.is_none()
            && let Some(name) = provider
        {
            extracted.spec.provider = name.to_owned();
        }
        let rendered = report::render_diagnostics(&shown, &bytes, &extracted.diagnostics, options.color);
        stderr.lock().write_all(rendered.as_bytes())?;
        let mut out = stdout.lock();
        if index > 0 {
            out.write_all(b"---\n")?;
        }
        writeln!(out, "# Extracted by `generator extract` from {shown}.")?;
        out.write_all(spec::body_yaml(&extracted.spec).as_bytes())?;
        out.flush()?;
    }
    Ok(ok)
}

/// Reads `providers/<name>.yaml`, with its text; `None` when there is no such profile.
fn load_profile(providers: &Path, name: &str) -> Result<Option<(Profile, String)>, PageError> {
    let path = providers.join(format!("{name}.yaml"));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(PageError {
                file: path.display().to_string(),
                line: 1,
                message: format!("cannot read the provider profile: {e}"),
                help: "check the file's permissions".to_owned(),
            });
        }
    };
    let profile = spec::profile_from_yaml(&text, &path.display().to_string()).map_err(|e| PageError {
        file: e.path,
        line: e.line,
        message: e.message,
        help: e.help,
    })?;
    Ok(Some((profile, text)))
}

/// Options of [`extract_tree`].
#[derive(Debug, Clone)]
pub struct TreeOptions {
    /// Write nothing; list the specs that are out of date.
    pub check: bool,
    /// Overwrite specs edited by hand.
    pub force: bool,
    pub max_page_bytes: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

/// What [`extract_tree`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeSummary {
    /// Pages read.
    pub pages: usize,
    /// Pages the cache showed unchanged, so not extracted again.
    pub unchanged: usize,
    /// Specs created or changed.
    pub written: Vec<PathBuf>,
    /// In check mode: specs that would change.
    pub stale: Vec<PathBuf>,
    /// Diagnostics over all specs.
    pub diagnostics: usize,
    /// What went wrong, each as a rendered error (file, line, what to do): pages that gave no spec,
    /// folders without a profile, specs edited by hand, two pages of one API.
    pub failed: Vec<String>,
    /// Pages that gave no spec.
    pub failed_pages: usize,
    /// The diagnostics of each page extracted in this run (not of pages the cache skipped), in
    /// page order: the page's path and its spec's diagnostics.
    pub reports: Vec<(PathBuf, Vec<Diagnostic>)>,
}

/// Why the tree could not be walked at all.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error("cannot list {path}: {source}")]
    List { path: PathBuf, source: std::io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// One page's outcome, before the results are put in order.
enum PageOutcome {
    /// Extracted (again): the spec text to write, and what the cache keeps of it.
    Spec {
        path: PathBuf,
        text: String,
        entry: PageEntry,
        diagnostics: Vec<Diagnostic>,
    },
    /// Unchanged since the last run (see [`cache`]): nothing to extract or write.
    Cached {
        path: PathBuf,
        entry: PageEntry,
    },
    Failed(String),
    /// The page's folder has no provider profile (reported once per folder).
    NoProfile,
}

/// Extracts every page under `specs_dir/sources/<provider>/` into `specs_dir/<provider>/<Action>.yaml`,
/// with the overlay `specs_dir/overlays/<provider>/<Action>.yaml` applied when there is one.
///
/// Pages run in parallel; results are sorted so the run is the same on every machine. A spec edited by
/// hand is not overwritten without `force`; in `check` mode nothing is written and the specs that
/// would change are listed as stale.
pub fn extract_tree(specs_dir: &Path, options: &TreeOptions) -> Result<TreeSummary, TreeError> {
    extract_tree_cached(specs_dir, options, &mut Cache::default())
}

/// [`extract_tree`], skipping the pages the cache shows unchanged; records this run's pages in it.
pub fn extract_tree_cached(
    specs_dir: &Path,
    options: &TreeOptions,
    cache: &mut Cache,
) -> Result<TreeSummary, TreeError> {
    let pages = list_pages(specs_dir)?;
    let extract_options = Options { max_page_bytes: options.max_page_bytes, ..Options::default() };
    // Each provider's profile is read once, not once per page. A folder without one fails whole.
    let providers_dir = specs_dir.join("providers");
    let mut profiles = BTreeMap::new();
    for (provider, _) in &pages {
        if !profiles.contains_key(provider) {
            let loaded = match load_profile(&providers_dir, provider) {
                Ok(Some((profile, text))) => Ok((profile, cache::key(&[text.as_bytes()]))),
                Ok(None) => Err(no_profile(specs_dir, provider)),
                Err(error) => Err(report::render_error(&error, &[], false)),
            };
            profiles.insert(provider.clone(), loaded);
        }
    }
    let shared_cache: &Cache = cache;
    let progress = Progress::new("pages", pages.len(), options.progress);
    let outcomes: Vec<PageOutcome> = pages
        .par_iter()
        .map(|(provider, page)| {
            let Ok(profile) = &profiles[provider] else { return PageOutcome::NoProfile };
            // A panic is a bug in the extractor, never the page's fault: report it as that page's failure.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                tree_page(specs_dir, provider, page, profile, shared_cache, &extract_options)
            }));
            progress.tick();
            outcome.unwrap_or_else(|_| {
                PageOutcome::Failed(format!(
                    "error: internal error while extracting {}; please report it",
                    page.display()
                ))
            })
        })
        .collect();
    let mut summary = TreeSummary { pages: pages.len(), ..TreeSummary::default() };
    summary.failed.extend(profiles.values().filter_map(|loaded| loaded.as_ref().err().cloned()));
    let mut specs = Vec::new();
    for ((_, page_path), outcome) in pages.iter().zip(outcomes) {
        let page = cache::relative(specs_dir, page_path);
        match outcome {
            PageOutcome::Spec { path, text, entry, diagnostics } => {
                summary.diagnostics += entry.diagnostics;
                summary.reports.push((page_path.clone(), diagnostics));
                specs.push((path, Some(text), page, entry));
            }
            PageOutcome::Cached { path, entry } => {
                summary.diagnostics += entry.diagnostics;
                summary.unchanged += 1;
                specs.push((path, None, page, entry));
            }
            PageOutcome::Failed(message) => {
                summary.failed_pages += 1;
                summary.failed.push(message);
            }
            PageOutcome::NoProfile => summary.failed_pages += 1,
        }
    }
    specs.sort_by(|a, b| a.0.cmp(&b.0));
    for pair in specs.windows(2) {
        if pair[0].0 == pair[1].0 {
            summary.failed.push(format!(
                "error: two pages give the spec {}\n  = help: give each API one page",
                pair[0].0.display()
            ));
        }
    }
    cache.pages.clear();
    let mut to_write = Vec::new();
    let mut extracted = Vec::new();
    for (path, text, page, entry) in specs {
        let Some(text) = text else {
            cache.pages.insert(page, entry);
            continue;
        };
        let old = std::fs::read_to_string(&path).ok();
        if old.as_deref() != Some(text.as_str()) {
            if let Some(old) = &old
                && spec::hand_edited(old)
                && !options.force
            {
                summary.failed.push(format!(
                    "error: {} was edited by hand; re-extraction would lose the edit\n  = help: move the edit to an \
                     overlay under {}/overlays/, or pass --force to overwrite it",
                    path.display(),
                    specs_dir.display()
                ));
                continue;
            }
            if options.check {
                summary.stale.push(path);
                continue;
            }
            to_write.push((path.clone(), text));
        }
        extracted.push((path, page, entry));
    }
    let batch: Vec<(PathBuf, &[u8])> =
        to_write.iter().map(|(path, text)| (path.clone(), text.as_bytes())).collect();
    write::write_batch(&batch).map_err(|(path, source)| TreeError::Write { path, source })?;
    summary.written = to_write.into_iter().map(|(path, _)| path).collect();
    // The specs' stamps once on disk: a later change to a spec shows in its stamp.
    for (path, page, mut entry) in extracted {
        if let Some(stamp) = Stamp::of(&path) {
            entry.spec_stamp = stamp;
            cache.pages.insert(page, entry);
        }
    }
    summary.failed.sort();
    Ok(summary)
}

/// Every `(provider, page)` under `specs_dir/sources/`, sorted. Hidden files are skipped.
fn list_pages(specs_dir: &Path) -> Result<Vec<(String, PathBuf)>, TreeError> {
    let sources = specs_dir.join("sources");
    let list = |dir: &Path| -> Result<Vec<PathBuf>, TreeError> {
        let entries =
            std::fs::read_dir(dir).map_err(|source| TreeError::List { path: dir.to_owned(), source })?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| TreeError::List { path: dir.to_owned(), source })?;
            if !entry.file_name().to_string_lossy().starts_with('.') {
                paths.push(entry.path());
            }
        }
        paths.sort();
        Ok(paths)
    };
    let mut pages = Vec::new();
    for dir in list(&sources)?.into_iter().filter(|d| d.is_dir()) {
        let provider = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for page in list(&dir)?.into_iter().filter(|p| p.is_file()) {
            pages.push((provider.clone(), page));
        }
    }
    Ok(pages)
}

/// Extracts one page of the tree and renders its spec file (or its failure); a page the cache shows
/// unchanged is only read and hashed.
fn tree_page(
    specs_dir: &Path,
    provider: &str,
    page: &Path,
    (profile, profile_key): &(Profile, String),
    cache: &Cache,
    options: &Options,
) -> PageOutcome {
    let shown = page.display().to_string();
    let bytes = match std::fs::read(page) {
        Ok(bytes) => bytes,
        Err(e) => return PageOutcome::Failed(format!("error: cannot read {shown}: {e}")),
    };

    let overlay_path =
        |action: &str| specs_dir.join("overlays").join(provider).join(format!("{action}.yaml"));
    let page_key = |overlay: Option<&str>| {
        let overlay = overlay.map_or(&b"no overlay"[..], |text| text.as_bytes());
        cache::key(&[&bytes, profile_key.as_bytes(), overlay])
    };
    if let Some(entry) = cache.page(&cache::relative(specs_dir, page)) {
        let overlay = std::fs::read_to_string(overlay_path(&entry.action)).ok();
        let path = specs_dir.join(&entry.spec);
        if entry.key == page_key(overlay.as_deref()) && Stamp::of(&path) == Some(entry.spec_stamp) {
            return PageOutcome::Cached { path, entry: entry.clone() };
        }
    }
    let mut extracted = match extract_page(&shown, &bytes, Some(profile), options) {
        Ok(extracted) => extracted,
        Err(error) => return PageOutcome::Failed(report::render_error(&error, &bytes, false)),
    };
    extracted.spec.provider = provider.to_owned();
    let path = match spec::spec_path(specs_dir, provider, &extracted.spec.action) {
        Ok(path) => path,
        Err(message) => {
            let error = PageError {
                file: shown,
                line: 1,
                message,
                help: "rename the page or its folder to a plain name".to_owned(),
            };
            return PageOutcome::Failed(report::render_error(&error, &bytes, false));
        }
    };
    let overlay_path = overlay_path(&extracted.spec.action);
    let overlay = std::fs::read_to_string(&overlay_path).ok();
    if let Some(text) = &overlay {
        let shown_overlay = overlay_reference(specs_dir, &overlay_path);
        // The overlay's patches change what the examples' tests can check; its accepted
        // diagnostics are removed once that is worked out again.
        let applied = spec::overlay_from_yaml(text, &shown_overlay).and_then(|overlay| {
            spec::patch_overlay(&mut extracted.spec, &overlay, text, &shown_overlay)?;
            request_examples::mark(&mut extracted.spec, Some(profile));
            spec::accept_diagnostics(&mut extracted.spec, &overlay, text, &shown_overlay)
        });
        if let Err(e) = applied {
            let error = PageError { file: e.path, line: e.line, message: e.message, help: e.help };
            return PageOutcome::Failed(report::render_error(&error, text.as_bytes(), false));
        }
    }
    let entry = PageEntry {
        key: page_key(overlay.as_deref()),
        spec: cache::relative(specs_dir, &path),
        // Set once the spec is on disk.
        spec_stamp: Stamp::default(),
        action: extracted.spec.action.clone(),
        diagnostics: extracted.spec.diagnostics.len(),
    };
    // Printed with the page: at its lines, not at the spec's anchors.
    let diagnostics = extracted.spec.diagnostics.iter().map(|d| extracted.anchors.at_page_lines(d)).collect();
    PageOutcome::Spec { path, text: spec::to_yaml(&extracted.spec), entry, diagnostics }
}

/// The error for a folder of pages without a provider profile: which folder, which profiles exist.
fn no_profile(specs_dir: &Path, folder: &str) -> String {
    let providers = specs_dir.join("providers");
    let mut existing: Vec<String> = std::fs::read_dir(&providers)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    existing.sort();
    let existing = if existing.is_empty() { "none".to_owned() } else { existing.join(", ") };
    format!(
        "error: the pages under {} have no provider profile: there is no {}\n  = note: profiles exist for: \
         {existing}\n  = help: add specs/providers/{folder}.yaml (copy a profile and change the facts), or move the \
         pages under the folder of their provider",
        specs_dir.join("sources").join(folder).display(),
        providers.join(format!("{folder}.yaml")).display()
    )
}

/// The overlay as named in the spec: `specs/overlays/<provider>/<Action>.yaml`.
fn overlay_reference(specs_dir: &Path, overlay: &Path) -> String {
    let relative = overlay.strip_prefix(specs_dir).unwrap_or(overlay);
    format!("specs/{}", relative.display()).replace('\\', "/")
}
