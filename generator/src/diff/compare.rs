//! Spec against spec, element by element.
//!
//! Each spec struct is destructured without `..`, so a field added to the spec model does not
//! compile here until the diff compares it (or says why it ignores it).

use super::Change;
use super::checks::Check;
use super::constraints::Direction;
use super::items::Items;
use super::load::Tree;
use super::show::first_difference;
use crate::codegen::{self, ApiNames};
use crate::spec::{
    ApiSpec, EnumValue, ErrorCode, Examples, Field, Http, Origin, Param, RequestExample, ResponseExample,
    TypeDef,
};
use std::collections::{BTreeMap, BTreeSet};

mod request;
mod types;

/// The changes of every API in either tree, API by API.
pub(super) fn apis(old: &Tree, new: &Tree) -> Vec<Change> {
    let old_names = api_names(old);
    let new_names = api_names(new);
    let keys: BTreeSet<&(String, String)> = old.specs.keys().chain(new.specs.keys()).collect();
    let mut changes = Vec::new();
    for key in keys {
        let api = format!("{}/{}", key.0, key.1);
        fn side<'t>(
            tree: &'t Tree,
            names: &BTreeMap<(String, String), ApiNames>,
            key: &(String, String),
        ) -> Option<(&'t str, &'t ApiSpec, Option<Items>)> {
            let (path, spec) = tree.specs.get(key)?;
            let profile = tree.profiles.get(&key.0).map(|(_, p)| p);
            Some((path.as_str(), spec, profile.zip(names.get(key)).map(|(p, n)| Items::new(spec, p, n))))
        }
        match (side(old, &old_names, key), side(new, &new_names, key)) {
            (Some((path, _, items)), None) => {
                let rust = items.map(|i| i.api_paths()).unwrap_or_default();
                changes.push(Change {
                    api,
                    check: Check::ApiRemoved,
                    element: "api".into(),
                    old: Some(key.1.clone()),
                    new: None,
                    rust: rust.into_iter().map(|p| format!("{p} removed")).collect(),
                    location: path.to_owned(),
                });
            }
            (None, Some((path, _, items))) => {
                let rust = items.map(|i| i.api_paths()).unwrap_or_default();
                changes.push(Change {
                    api,
                    check: Check::ApiAdded,
                    element: "api".into(),
                    old: None,
                    new: Some(key.1.clone()),
                    rust: rust.into_iter().map(|p| format!("{p} added")).collect(),
                    location: path.to_owned(),
                });
            }
            (Some((old_path, old_spec, old_items)), Some((new_path, new_spec, new_items))) => {
                let mut diff = ApiDiff {
                    api,
                    old: Side { spec: old_spec, path: old_path, items: old_items },
                    new: Side { spec: new_spec, path: new_path, items: new_items },
                    changes: Vec::new(),
                };
                diff.spec();
                changes.extend(diff.changes);
            }
            (None, None) => {}
        }
    }
    changes
}

/// The Rust names of every API of a tree, as the pipeline names them: per provider, in action order.
fn api_names(tree: &Tree) -> BTreeMap<(String, String), ApiNames> {
    let mut by_provider: BTreeMap<&str, Vec<&(String, String)>> = BTreeMap::new();
    for key in tree.specs.keys() {
        by_provider.entry(key.0.as_str()).or_default().push(key);
    }
    let mut names = BTreeMap::new();
    for keys in by_provider.values() {
        let actions: Vec<&str> = keys.iter().map(|k| k.1.as_str()).collect();
        for (key, api) in keys.iter().zip(codegen::name_apis(&actions)) {
            names.insert((*key).clone(), api);
        }
    }
    names
}

/// One side of one API.
struct Side<'a> {
    spec: &'a ApiSpec,
    path: &'a str,
    /// `None` when the tree has no profile for the provider: no Rust items are named.
    items: Option<Items>,
}

impl Side<'_> {
    fn has(&self, path: &str) -> bool {
        self.items.as_ref().is_some_and(|i| i.has(path))
    }

    fn items<T>(&self, f: impl FnOnce(&Items) -> T) -> Option<T> {
        self.items.as_ref().map(f)
    }
}

/// Which side an element's place is cited from.
#[derive(Clone, Copy)]
enum At<'o> {
    Old(Option<&'o Origin>),
    New(Option<&'o Origin>),
}

/// The request side or the answer side: a constraint is checked by `build()` on the first only.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Request,
    Response,
}

/// The comparison of one API.
struct ApiDiff<'a> {
    api: String,
    old: Side<'a>,
    new: Side<'a>,
    changes: Vec<Change>,
}

impl ApiDiff<'_> {
    fn push(
        &mut self,
        check: Check,
        element: String,
        old: Option<String>,
        new: Option<String>,
        rust: Vec<String>,
        at: At<'_>,
    ) {
        let location = match at {
            At::Old(origin) => location(self.old.path, self.old.spec, origin),
            At::New(origin) => location(self.new.path, self.new.spec, origin),
        };
        self.changes.push(Change { api: self.api.clone(), check, element, old, new, rust, location });
    }

    /// `paths` of the old side that the new side lacks, as removed, and the reverse, as added.
    fn gone_and_new(&self, old_paths: Vec<String>, new_paths: Vec<String>) -> Vec<String> {
        let mut rust: Vec<String> =
            old_paths.into_iter().filter(|p| !self.new.has(p)).map(|p| format!("{p} removed")).collect();
        rust.extend(new_paths.into_iter().filter(|p| !self.old.has(p)).map(|p| format!("{p} added")));
        rust
    }

    /// The request type, which goes out differently.
    fn wire(&self) -> Vec<String> {
        self.new.items(|i| format!("{} is sent differently", i.request())).into_iter().collect()
    }

    /// `build()`, which refuses or accepts more.
    fn checks(&self, direction: Direction) -> Vec<String> {
        let what = match direction {
            Direction::Narrower => "refuses requests it accepted",
            Direction::Wider => "accepts requests it refused",
        };
        self.new.items(|i| format!("{} {what}", i.build())).into_iter().collect()
    }

    fn docs(paths: Option<String>) -> Vec<String> {
        paths.map(|p| format!("{p} docs")).into_iter().collect()
    }

    fn spec(&mut self) {
        let (o, n) = (self.old.spec, self.new.spec);
        let ApiSpec {
            spec_version: _,
            provider: _,
            service,
            action: _,
            version,
            // Provenance: where the page is and what it hashes to.
            source: _,
            summary,
            description,
            http,
            request,
            request_types,
            response,
            errors,
            examples,
            // Provenance too: what the page gets wrong, at its lines.
            diagnostics: _,
        } = n;
        let request_docs = self.new.items(Items::request);
        if o.service != *service {
            let rust = Self::docs(request_docs.clone());
            self.push(
                Check::ServiceChanged,
                "service".into(),
                o.service.clone(),
                service.clone(),
                rust,
                At::New(None),
            );
        }
        if o.version != *version {
            let rust = self.wire();
            self.push(
                Check::ApiVersionChanged,
                "version".into(),
                o.version.clone(),
                version.clone(),
                rust,
                At::New(None),
            );
        }
        for (element, before, after) in
            [("summary", &o.summary, summary), ("description", &o.description, description)]
        {
            if before != after {
                let rust = Self::docs(request_docs.clone());
                self.push(
                    Check::DescriptionChanged,
                    element.into(),
                    before.clone(),
                    after.clone(),
                    rust,
                    At::New(None),
                );
            }
        }
        self.http(&o.http, http);
        self.params(&o.request, request);
        self.request_types(&o.request_types, request_types);
        self.response(&o.response, response);
        self.errors(&o.errors, errors);
        self.examples(&o.examples, examples);
    }

    fn http(&mut self, o: &Http, n: &Http) {
        let Http { method, path, endpoint, origin } = n;
        let checks = [
            (Check::HttpMethodChanged, "http.method", Some(&o.method), Some(method)),
            (Check::HttpPathChanged, "http.path", Some(&o.path), Some(path)),
            (Check::HttpEndpointChanged, "http.endpoint", o.endpoint.as_ref(), endpoint.as_ref()),
        ];
        for (check, element, before, after) in checks {
            let differs = match check {
                Check::HttpMethodChanged => {
                    !before.zip(after).is_some_and(|(b, a)| b.eq_ignore_ascii_case(a))
                }
                _ => before != after,
            };
            if differs {
                let rust = self.wire();
                self.push(
                    check,
                    element.into(),
                    before.cloned(),
                    after.cloned(),
                    rust,
                    At::New(origin.as_ref()),
                );
            }
        }
    }

    fn errors(&mut self, old: &[ErrorCode], new: &[ErrorCode]) {
        let first = |codes: &[ErrorCode]| -> Vec<ErrorCode> {
            let mut seen = BTreeSet::new();
            codes.iter().filter(|e| seen.insert(e.code.clone())).cloned().collect()
        };
        let (old, new) = (first(old), first(new));
        let new_by: BTreeMap<&str, &ErrorCode> = new.iter().map(|e| (e.code.as_str(), e)).collect();
        let old_by: BTreeMap<&str, &ErrorCode> = old.iter().map(|e| (e.code.as_str(), e)).collect();
        let variant = |side: &Side<'_>, code: &str| side.items(|i| i.error_variant(code)).flatten();
        for o in &old {
            let el = format!("errors[{}]", o.code);
            let Some(n) = new_by.get(o.code.as_str()) else {
                let rust = self.gone_and_new(variant(&self.old, &o.code).into_iter().collect(), Vec::new());
                self.push(
                    Check::ErrorCodeRemoved,
                    el,
                    Some(o.code.clone()),
                    None,
                    rust,
                    At::Old(Some(&o.origin)),
                );
                continue;
            };
            let ErrorCode { code, http_status, message, description, origin } = n;
            let at = At::New(Some(origin));
            let docs = variant(&self.new, code);
            if o.http_status != *http_status {
                let show = |s: Option<u16>| s.map(|s| s.to_string());
                let rust = Self::docs(docs.clone());
                self.push(
                    Check::ErrorCodeStatusChanged,
                    format!("{el}.http_status"),
                    show(o.http_status),
                    show(*http_status),
                    rust,
                    at,
                );
            }
            for (key, before, after) in
                [("message", &o.message, message), ("description", &o.description, description)]
            {
                if before != after {
                    let rust = Self::docs(docs.clone());
                    self.push(
                        Check::DescriptionChanged,
                        format!("{el}.{key}"),
                        before.clone(),
                        after.clone(),
                        rust,
                        at,
                    );
                }
            }
        }
        for n in new.iter().filter(|e| !old_by.contains_key(e.code.as_str())) {
            let mut new_paths: Vec<String> =
                self.new.items(Items::error_enum).flatten().into_iter().collect();
            new_paths.extend(variant(&self.new, &n.code));
            let rust = self.gone_and_new(Vec::new(), new_paths);
            self.push(
                Check::ErrorCodeAdded,
                format!("errors[{}]", n.code),
                None,
                Some(n.code.clone()),
                rust,
                At::New(Some(&n.origin)),
            );
        }
    }

    fn examples(&mut self, o: &Examples, n: &Examples) {
        let Examples { requests, responses } = n;
        let request = |e: &RequestExample| {
            // What a test leaves out, and the example's own numbering, change what the tests
            // check and no code: an example change.
            let RequestExample { url, params, index_base, left_out, origin: _ } = e;
            (url.clone(), params.clone(), *index_base, left_out.clone())
        };
        for i in 0..o.requests.len().max(requests.len()) {
            let (a, b) = (o.requests.get(i), requests.get(i));
            if a.map(request) != b.map(request) {
                let origin = b.or(a).map(|e| &e.origin);
                let (before, after) = (a.map(|e| e.url.clone()), b.map(|e| e.url.clone()));
                self.push(
                    Check::ExampleChanged,
                    format!("examples.requests[{}]", i + 1),
                    before,
                    after,
                    Vec::new(),
                    At::New(origin),
                );
            }
        }
        let response = |e: &ResponseExample| {
            let ResponseExample { format, body, origin: _ } = e;
            (*format, body.clone())
        };
        for i in 0..o.responses.len().max(responses.len()) {
            let (a, b) = (o.responses.get(i), responses.get(i));
            if a.map(response) != b.map(response) {
                let origin = b.or(a).map(|e| &e.origin);
                let (before, after) =
                    first_difference(a.map(|e| e.body.as_str()), b.map(|e| e.body.as_str()));
                self.push(
                    Check::ExampleChanged,
                    format!("examples.responses[{}]", i + 1),
                    before,
                    after,
                    Vec::new(),
                    At::New(origin),
                );
            }
        }
    }
}

/// The Rust type changes among an element's items: `path changes type: A → B`.
fn retyped(old: Option<&(String, String)>, new: Option<&(String, String)>) -> Vec<String> {
    match (old, new) {
        (Some((old_path, a)), Some((new_path, b))) if old_path == new_path && a != b => {
            vec![format!("{new_path} changes type: {a} → {b}")]
        }
        _ => Vec::new(),
    }
}

/// An enum and its variants.
fn enum_paths(items: &Items, enum_name: &str) -> Vec<String> {
    items.enum_paths(enum_name)
}

/// A parameter with its name and every origin taken out: what a rename keeps.
fn unnamed(param: &Param) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("origin");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(param).unwrap_or_default();
    if let serde_json::Value::Object(map) = &mut value {
        map.remove("name");
    }
    strip(&mut value);
    value
}

/// Where a change is: the spec file, and the place in its page the element comes from.
fn location(path: &str, spec: &ApiSpec, origin: Option<&Origin>) -> String {
    match origin {
        Some(origin) if origin.overlay => {
            format!("{path} (from overlays/{}/{}.yaml:{})", spec.provider, spec.action, origin.line)
        }
        Some(origin) => format!("{path} (from {}, {})", spec.source.page, origin.describe()),
        None => path.to_owned(),
    }
}

/// An element that the spec lists by a name (or a value).
trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Param {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for TypeDef {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for Field {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for EnumValue {
    fn key(&self) -> &str {
        &self.value
    }
}

/// The first element of each key, in page order (codegen keeps the first of duplicates too).
fn firsts<T: Keyed>(items: &[T]) -> Vec<&T> {
    let mut seen = BTreeSet::new();
    items.iter().filter(|item| seen.insert(item.key())).collect()
}

/// The first element of each key, by key.
fn by_key<T: Keyed>(items: &[T]) -> BTreeMap<&str, &T> {
    items.iter().rev().map(|item| (item.key(), item)).collect()
}
