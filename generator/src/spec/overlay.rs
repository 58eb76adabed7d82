//! Overlays: a spec extracted from a page + the hand corrections in its overlay → the spec a
//! reviewer reads.
//!
//! Input is an [`ApiSpec`] and an [`Overlay`] with the overlay's text (for line numbers). Each entry
//! names an element (the API itself, `http`, a request parameter by wire name, a request or answer
//! type or one of its fields as `Type.field`, an error code) and replaces the keys it lists; a name
//! the page lacks adds the element. Everything an overlay sets carries `origin: {line: <overlay
//! line>, overlay: true}`, and the page place of a patched element gets an `overlay-patch` note, so
//! the spec says which parts came from the page and which from a person. A key or a name that does
//! not fit is an error naming the overlay line and the closest valid spelling.

use super::yaml::YamlError;
use super::{
    ApiSpec, Diagnostic, ErrorCode, Field, Http, Origin, Overlay, Param, RequestExample, ResponseExample,
    Severity, TypeDef,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

/// Keys whose values carry their own `origin`: an overlay may leave it out.
const NESTED_WITH_ORIGIN: [&str; 7] =
    ["enum", "range", "length", "format", "deprecated", "conditions", "patterns"];

/// The API-level keys an overlay's `api:` may set.
const API_KEYS: [&str; 4] = ["service", "version", "summary", "description"];

/// Applies `overlay` (read from `path`, whose text is `text`) to `spec`: [`patch_overlay`], then
/// [`accept_diagnostics`].
pub fn apply_overlay(spec: &mut ApiSpec, overlay: &Overlay, text: &str, path: &str) -> Result<(), YamlError> {
    patch_overlay(spec, overlay, text, path)?;
    accept_diagnostics(spec, overlay, text, path)
}

/// Sets every element the overlay lists. What depends on the patched elements (which example
/// parameters a test leaves out) is worked out again after this, before the overlay's accepted
/// diagnostics are removed.
pub fn patch_overlay(spec: &mut ApiSpec, overlay: &Overlay, text: &str, path: &str) -> Result<(), YamlError> {
    let patcher = Patcher { text, path };
    if let Some(patch) = &overlay.api {
        patcher.api(spec, patch)?;
    }
    if let Some(patch) = &overlay.http {
        let line = key_line(text, None, "http");
        let mut http: Http =
            merge(&spec.http, patch, line).map_err(|m| patcher.bad_keys(line, "http", &m))?;
        http.origin = Some(Origin::overlay(line));
        spec.http = http;
    }
    for (name, patch) in &overlay.request {
        patcher.param(spec, name, patch)?;
    }
    for (key, patch) in &overlay.request_types {
        patcher.typed(spec, Side::Request, key, patch)?;
    }
    for (key, patch) in &overlay.response {
        patcher.typed(spec, Side::Response, key, patch)?;
    }
    for (code, patch) in &overlay.errors {
        patcher.error_code(spec, code, patch)?;
    }
    if let Some(examples) = &overlay.examples {
        for (number, patch) in &examples.requests {
            patcher.example(spec, ExampleKind::Request, *number, patch)?;
        }
        for (number, patch) in &examples.responses {
            patcher.example(spec, ExampleKind::Response, *number, patch)?;
        }
    }
    spec.source.overlay = Some(path.trim_start_matches("specs/").to_owned());
    Ok(())
}

/// Removes the diagnostics the overlay accepts; one it names that the spec does not have is an
/// error naming the overlay line.
pub fn accept_diagnostics(
    spec: &mut ApiSpec,
    overlay: &Overlay,
    text: &str,
    path: &str,
) -> Result<(), YamlError> {
    let patcher = Patcher { text, path };
    for accepted in &overlay.accept {
        patcher.accept(spec, accepted)?;
    }
    Ok(())
}

/// Which list of examples an overlay entry numbers into.
#[derive(Clone, Copy)]
enum ExampleKind {
    Request,
    Response,
}

impl ExampleKind {
    fn section(self) -> &'static str {
        match self {
            ExampleKind::Request => "requests",
            ExampleKind::Response => "responses",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            ExampleKind::Request => "request",
            ExampleKind::Response => "answer",
        }
    }
}

/// Which list of named types a `Type` or `Type.field` key refers to.
#[derive(Clone, Copy)]
enum Side {
    Request,
    Response,
}

impl Side {
    fn section(self) -> &'static str {
        match self {
            Side::Request => "request_types",
            Side::Response => "response",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Side::Request => "request type",
            Side::Response => "answer type",
        }
    }

    fn types(self, spec: &mut ApiSpec) -> &mut Vec<TypeDef> {
        match self {
            Side::Request => &mut spec.request_types,
            Side::Response => &mut spec.response.types,
        }
    }
}

struct Patcher<'a> {
    text: &'a str,
    path: &'a str,
}

impl Patcher<'_> {
    fn error(&self, line: u32, message: String, help: impl Into<String>) -> YamlError {
        YamlError { path: self.path.to_owned(), line, message, help: help.into() }
    }

    /// A patch with a key the element does not have: names the key and its closest valid spelling.
    fn bad_keys(&self, line: u32, what: &str, serde_message: &str) -> YamlError {
        let help = match unknown_field(serde_message) {
            Some((key, expected)) => match closest(&key, expected.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`? {what} takes {}", expected.join(", ")),
                None => format!("{what} takes {}", expected.join(", ")),
            },
            None => format!("write the keys as they appear on {what} in a spec"),
        };
        self.error(line, format!("{what}: {serde_message}"), help)
    }

    /// An entry naming an element the page lacks, without the keys to add one.
    fn unknown_name<'n>(
        &self,
        line: u32,
        what: &str,
        name: &str,
        known: impl Iterator<Item = &'n str>,
        needs: &str,
    ) -> YamlError {
        let known: Vec<&str> = known.collect();
        let help = match closest(name, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? To add a {what} the page lacks, give it {needs}"),
            None => format!("the spec has {}; to add a {what} the page lacks, give it {needs}", list(&known)),
        };
        self.error(line, format!("the spec has no {what} `{name}`"), help)
    }

    fn api(&self, spec: &mut ApiSpec, patch: &Mapping) -> Result<(), YamlError> {
        let line = key_line(self.text, None, "api");
        for (key, value) in patch {
            let key = key.as_str().unwrap_or_default();
            let text = match value {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(serde_yaml::to_string(other).unwrap_or_default().trim().to_owned()),
            };
            match key {
                "service" => spec.service = text,
                "version" => spec.version = text,
                "summary" => spec.summary = text,
                "description" => spec.description = text,
                _ => {
                    let help = match closest(key, API_KEYS.into_iter()) {
                        Some(best) => format!("did you mean `{best}`? api takes {}", API_KEYS.join(", ")),
                        None => format!("api takes {}", API_KEYS.join(", ")),
                    };
                    return Err(self.error(line, format!("api: unknown key `{key}`"), help));
                }
            }
        }
        Ok(())
    }

    fn param(&self, spec: &mut ApiSpec, name: &str, patch: &Mapping) -> Result<(), YamlError> {
        let line = key_line(self.text, Some("request"), name);
        let what = format!("request parameter `{name}`");
        if let Some(index) = spec.request.iter().position(|p| p.name == name) {
            let page = spec.request[index].origin.clone();
            let mut param: Param =
                merge(&spec.request[index], patch, line).map_err(|m| self.bad_keys(line, &what, &m))?;
            param.origin = Origin::overlay(line);
            spec.request[index] = param;
            note_patch(spec, &page, &what, self.path, line, patch);
            return Ok(());
        }
        let needs = "at least `in`, `type` and `required`";
        if !["in", "type", "required"].iter().all(|k| patch.contains_key(*k)) {
            let known = spec.request.iter().map(|p| p.name.as_str());
            return Err(self.unknown_name(line, "request parameter", name, known, needs));
        }
        let mut patch = patch.clone();
        patch.insert("name".into(), name.into());
        let param: Param = build(patch, line).map_err(|m| self.bad_keys(line, &format!("new {what}"), &m))?;
        spec.request.push(param);
        Ok(())
    }

    /// `Type` patches a named type itself (a new one needs `fields`); `Type.field` one of its
    /// fields (a new one needs `type`).
    fn typed(&self, spec: &mut ApiSpec, side: Side, key: &str, patch: &Mapping) -> Result<(), YamlError> {
        let line = key_line(self.text, Some(side.section()), key);
        let (type_name, field_name) = match key.split_once('.') {
            Some((ty, field)) => (ty, Some(field)),
            None => (key, None),
        };
        let types = side.types(spec);
        let Some(t) = types.iter().position(|t| t.name == type_name) else {
            if field_name.is_none() && patch.contains_key("fields") {
                let mut patch = patch.clone();
                patch.insert("name".into(), type_name.into());
                let ty: TypeDef = build(patch, line)
                    .map_err(|m| self.bad_keys(line, &format!("new type `{type_name}`"), &m))?;
                types.push(ty);
                return Ok(());
            }
            let known: Vec<String> = types.iter().map(|t| t.name.clone()).collect();
            return Err(self.unknown_name(
                line,
                side.noun(),
                type_name,
                known.iter().map(String::as_str),
                "`fields`",
            ));
        };
        let Some(field_name) = field_name else {
            let what = format!("type `{type_name}`");
            let page = types[t].origin.clone();
            let mut ty: TypeDef =
                merge(&types[t], patch, line).map_err(|m| self.bad_keys(line, &what, &m))?;
            ty.origin = Origin::overlay(line);
            types[t] = ty;
            note_patch(spec, &page, &what, self.path, line, patch);
            return Ok(());
        };
        let what = format!("field `{key}`");
        match types[t].fields.iter().position(|f| f.name == field_name) {
            Some(index) => {
                let page = types[t].fields[index].origin.clone();
                let mut field: Field = merge(&types[t].fields[index], patch, line)
                    .map_err(|m| self.bad_keys(line, &what, &m))?;
                field.origin = Origin::overlay(line);
                types[t].fields[index] = field;
                note_patch(spec, &page, &what, self.path, line, patch);
            }
            None if patch.contains_key("type") => {
                let mut patch = patch.clone();
                patch.insert("name".into(), field_name.into());
                let field: Field =
                    build(patch, line).map_err(|m| self.bad_keys(line, &format!("new {what}"), &m))?;
                types[t].fields.push(field);
            }
            None => {
                let known: Vec<String> = types[t].fields.iter().map(|f| f.name.clone()).collect();
                let what = format!("field of `{type_name}`");
                return Err(self.unknown_name(
                    line,
                    &what,
                    field_name,
                    known.iter().map(String::as_str),
                    "`type`",
                ));
            }
        }
        Ok(())
    }

    fn error_code(&self, spec: &mut ApiSpec, code: &str, patch: &Mapping) -> Result<(), YamlError> {
        let line = key_line(self.text, Some("errors"), code);
        let what = format!("error code `{code}`");
        match spec.errors.iter().position(|e| e.code == code) {
            Some(index) => {
                let page = spec.errors[index].origin.clone();
                let mut error: ErrorCode =
                    merge(&spec.errors[index], patch, line).map_err(|m| self.bad_keys(line, &what, &m))?;
                error.origin = Origin::overlay(line);
                spec.errors[index] = error;
                note_patch(spec, &page, &what, self.path, line, patch);
            }
            None => {
                let mut patch = patch.clone();
                patch.insert("code".into(), code.into());
                let error: ErrorCode =
                    build(patch, line).map_err(|m| self.bad_keys(line, &format!("new {what}"), &m))?;
                spec.errors.push(error);
            }
        }
        Ok(())
    }

    /// The `number`-th (1-based) request or response example, its keys replaced.
    fn example(
        &self,
        spec: &mut ApiSpec,
        kind: ExampleKind,
        number: u32,
        patch: &Mapping,
    ) -> Result<(), YamlError> {
        let line = example_line(self.text, kind.section(), number);
        let what = format!("{} example {number}", kind.noun());
        let index = number.checked_sub(1).map(|n| n as usize);
        let count = match kind {
            ExampleKind::Request => spec.examples.requests.len(),
            ExampleKind::Response => spec.examples.responses.len(),
        };
        let Some(index) = index.filter(|&i| i < count) else {
            return Err(self.error(
                line,
                format!("the spec has no {what}"),
                format!("the spec has {count} {} example(s), numbered from 1", kind.noun()),
            ));
        };
        let page = match kind {
            ExampleKind::Request => {
                let example = &mut spec.examples.requests[index];
                let page = example.origin.clone();
                let mut patched: RequestExample =
                    merge(example, patch, line).map_err(|m| self.bad_keys(line, &what, &m))?;
                patched.origin = Origin::overlay(line);
                *example = patched;
                page
            }
            ExampleKind::Response => {
                let example = &mut spec.examples.responses[index];
                let page = example.origin.clone();
                let mut patched: ResponseExample =
                    merge(example, patch, line).map_err(|m| self.bad_keys(line, &what, &m))?;
                patched.origin = Origin::overlay(line);
                *example = patched;
                page
            }
        };
        note_patch(spec, &page, &what, self.path, line, patch);
        Ok(())
    }

    fn accept(&self, spec: &mut ApiSpec, accepted: &str) -> Result<(), YamlError> {
        let line = key_line(self.text, Some("accept"), accepted);
        let Some((code, at)) = accepted.split_once('@') else {
            return Err(self.error(
                line,
                format!("`{accepted}` is not `code@place`"),
                "write an accepted diagnostic as its code and place, as the spec shows it: \
                 `common-parameter@请求参数 row 1`",
            ));
        };
        let before = spec.diagnostics.len();
        spec.diagnostics.retain(|d| !(d.code == code && d.describe() == at.trim()));
        if spec.diagnostics.len() == before {
            let places: Vec<String> =
                spec.diagnostics.iter().filter(|d| d.code == code).map(Diagnostic::describe).collect();
            let help = match closest(at.trim(), places.iter().map(String::as_str)) {
                Some(best) => format!("the page changed? `{code}` is now at {best}: accept `{code}@{best}`"),
                None if places.is_empty() => format!("the spec has no `{code}` diagnostic: remove the entry"),
                None => format!(
                    "`{code}` stands at {}: accept one of those, or remove the entry",
                    places.join(", ")
                ),
            };
            return Err(self.error(line, format!("no diagnostic `{code}` at {at} to accept"), help));
        }
        Ok(())
    }
}

/// Records at the element's place in the page that an overlay changed it, so the row stays
/// accounted for.
fn note_patch(spec: &mut ApiSpec, page: &Origin, what: &str, path: &str, line: u32, patch: &Mapping) {
    if page.overlay {
        return;
    }
    let keys: Vec<String> = patch.keys().filter_map(Value::as_str).map(str::to_owned).collect();
    spec.diagnostics.push(Diagnostic {
        table: page.table.clone(),
        row: page.row,
        section: page.section.clone(),
        line: page.line,
        severity: Severity::Note,
        code: "overlay-patch".to_owned(),
        message: format!("{what} is corrected by {path}:{line} (sets {})", keys.join(", ")),
        ..Diagnostic::default()
    });
}

/// `element` with the keys of `patch` replaced, read back as `T` (unknown keys refused).
fn merge<T: Serialize + DeserializeOwned>(element: &T, patch: &Mapping, line: u32) -> Result<T, String> {
    let Value::Mapping(mut map) = serde_yaml::to_value(element).map_err(|e| e.to_string())? else {
        return Err("not a mapping".to_owned());
    };
    for (key, value) in with_origins(patch.clone(), line) {
        if value.is_null() {
            map.remove(&key);
        } else {
            map.insert(key, value);
        }
    }
    serde_yaml::from_value(Value::Mapping(map)).map_err(|e| e.to_string())
}

fn build<T: DeserializeOwned>(mut patch: Mapping, line: u32) -> Result<T, String> {
    patch.insert("origin".into(), origin_value(line));
    serde_yaml::from_value(Value::Mapping(with_origins(patch, line))).map_err(|e| e.to_string())
}

/// Gives nested elements that carry an origin (`enum`, `range`, …) the overlay's line, including
/// each entry of a list of them (`patterns`, `range_when`).
fn with_origins(mut patch: Mapping, line: u32) -> Mapping {
    let give = |value: &mut Value| {
        if let Value::Mapping(nested) = value
            && !nested.contains_key("origin")
        {
            nested.insert("origin".into(), origin_value(line));
        }
    };
    for key in NESTED_WITH_ORIGIN.iter().chain(&["range_when"]) {
        match patch.get_mut(*key) {
            Some(Value::Sequence(items)) => items.iter_mut().for_each(give),
            Some(value) => give(value),
            None => {}
        }
    }
    if let Some(Value::Sequence(fields)) = patch.get_mut("fields") {
        for field in fields.iter_mut() {
            give(field);
        }
    }
    patch
}

fn origin_value(line: u32) -> Value {
    serde_yaml::to_value(Origin::overlay(line)).unwrap_or(Value::Null)
}

/// The key and the valid keys of serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).map(str::to_owned).collect();
    Some((key.to_owned(), expected))
}

/// The candidate closest to `name`, if one is close enough to be a likely misspelling.
fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
    }
}

/// The line of example `number` under `examples:` → `requests:` or `responses:`, or the line of
/// that list when the number is not written plainly.
fn example_line(text: &str, list: &str, number: u32) -> u32 {
    let list_line = key_line(text, Some("examples"), list);
    let indent = |line: &str| line.len() - line.trim_start().len();
    let list_indent = text.lines().nth(list_line as usize - 1).map_or(0, indent);
    let key = format!("{number}:");
    let quoted = [format!("'{number}':"), format!("\"{number}\":")];
    text.lines()
        .enumerate()
        .skip(list_line as usize)
        .take_while(|(_, line)| line.trim().is_empty() || indent(line) > list_indent)
        .find(|(_, line)| {
            let trimmed = line.trim_start();
            trimmed.starts_with(&key) || quoted.iter().any(|q| trimmed.starts_with(q.as_str()))
        })
        .map_or(list_line, |(index, _)| u32::try_from(index + 1).unwrap_or(u32::MAX))
}

/// The 1-based line of `key` inside the top-level `section` (or at the top level), or the
/// section's line when the key is not written plainly.
fn key_line(text: &str, section: Option<&str>, key: &str) -> u32 {
    let mut in_section = section.is_none();
    let mut section_line = 1;
    let spellings = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
        format!("- {key}"),
        format!("- \"{key}\""),
    ];
    for (index, line) in text.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let top_level = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        if let Some(section) = section
            && top_level
        {
            in_section = line.trim_end() == format!("{section}:");
            if in_section {
                section_line = number;
            }
            continue;
        }
        let trimmed = line.trim_start();
        if in_section && spellings.iter().any(|s| trimmed.starts_with(s.as_str())) {
            return number;
        }
    }
    section_line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::*;

    fn spec() -> ApiSpec {
        let text = "spec_version: 1
provider: aliyun
action: DescribeImages
source: {page: sources/aliyun/DescribeImages.md, sha256: ab, format: markdown}
http: {method: GET, path: /}
request:
  - {name: ImageId, in: query, type: string, required: false, example: m-1, origin: {line: 7}}
request_types:
  - name: Filter
    fields:
      - {name: name, type: string, origin: {line: 30}}
    origin: {line: 29}
response:
  root: R
  types:
    - name: R
      fields:
        - {name: Size, type: string, origin: {line: 20}}
      origin: {line: 19}
diagnostics:
  - {line: 20, severity: warning, code: type-contradicted-by-example, message: m}
";
        crate::spec::from_yaml(text, "spec.yaml").unwrap()
    }

    #[test]
    fn patches_mark_their_origin_and_note_the_page_line() {
        let text = "note: ImageId takes several comma-joined IDs, which the page does not say.
request:
  ImageId:
    list: {encoding: comma}
    enum: {values: [{value: m-1}]}
response:
  R.Size:
    type: integer
accept:
  - type-contradicted-by-example@line 20
";
        let overlay = overlay_from_yaml(text, "specs/overlays/aliyun/DescribeImages.yaml").unwrap();
        let mut spec = spec();
        apply_overlay(&mut spec, &overlay, text, "specs/overlays/aliyun/DescribeImages.yaml").unwrap();
        let param = &spec.request[0];
        assert_eq!(param.list.as_ref().map(|l| l.encoding), Some(ListEncoding::Comma));
        assert_eq!(param.origin, Origin::overlay(3));
        assert_eq!(param.enumeration.as_ref().map(|e| e.origin.line), Some(3));
        let field = &spec.response.types[0].fields[0];
        assert_eq!(
            (field.ty.clone(), field.origin.line, field.origin.overlay),
            (TypeRef::Scalar(Scalar::Integer), 7, true)
        );
        let codes: Vec<(&str, u32)> = spec.diagnostics.iter().map(|d| (d.code.as_str(), d.line)).collect();
        assert_eq!(codes, [("overlay-patch", 7), ("overlay-patch", 20)]);
        assert_eq!(spec.source.overlay.as_deref(), Some("overlays/aliyun/DescribeImages.yaml"));
    }

    #[test]
    fn constraints_and_the_idempotency_token_can_be_set_or_cleared() {
        let text = "request:\n  ImageId:\n    idempotency_token: true\n    length: {max: 64}\n    patterns: [{rule: ascii}]\n";
        let overlay = overlay_from_yaml(text, "o.yaml").unwrap();
        let mut spec = spec();
        apply_overlay(&mut spec, &overlay, text, "o.yaml").unwrap();
        let param = &spec.request[0];
        assert!(param.idempotency_token);
        assert_eq!(
            param.length.as_ref().map(|l| (l.max, l.origin.line, l.origin.overlay)),
            Some((Some(64), 2, true))
        );
        assert_eq!(param.patterns[0].origin.line, 2);
        let text = "request:\n  ImageId:\n    idempotency_token: false\n";
        let overlay = overlay_from_yaml(text, "o.yaml").unwrap();
        apply_overlay(&mut spec, &overlay, text, "o.yaml").unwrap();
        assert!(!spec.request[0].idempotency_token);
    }

    #[test]
    fn new_parameters_need_their_keys() {
        let text = "request:\n  Extra:\n    in: query\n";
        let overlay = overlay_from_yaml(text, "o.yaml").unwrap();
        let err = apply_overlay(&mut spec(), &overlay, text, "o.yaml").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("Extra"), "{err}");
        let text = "request:\n  Extra: {in: query, type: string, required: true}\n";
        let overlay = overlay_from_yaml(text, "o.yaml").unwrap();
        let mut spec = spec();
        apply_overlay(&mut spec, &overlay, text, "o.yaml").unwrap();
        assert_eq!(spec.request[1].name, "Extra");
        assert!(spec.request[1].origin.overlay);
    }

    fn apply(text: &str) -> Result<ApiSpec, YamlError> {
        let overlay = overlay_from_yaml(text, "o.yaml")?;
        let mut spec = spec();
        apply_overlay(&mut spec, &overlay, text, "o.yaml")?;
        Ok(spec)
    }

    #[test]
    fn every_element_can_be_patched() {
        let text = "api:
  version: '2017-03-12'
request_types:
  Filter.name:
    enum: {values: [{value: keyNames}]}
  Filter.extra:
    type: string
response:
  R:
    description: the answer
  Tag:
    fields:
      - {name: Key, type: string}
errors:
  Throttling:
    http_status: 400
request:
  ImageId:
    example: null
";
        let spec = apply(text).unwrap();
        assert_eq!(spec.version.as_deref(), Some("2017-03-12"));
        let filter = &spec.request_types[0];
        assert_eq!(filter.fields[0].enumeration.as_ref().map(|e| e.origin.clone()), Some(Origin::overlay(4)));
        assert_eq!((filter.fields[1].name.as_str(), filter.fields[1].origin.overlay), ("extra", true));
        assert_eq!(spec.response.types[0].description.as_deref(), Some("the answer"));
        assert_eq!(spec.response.types[1].fields[0].origin, Origin::overlay(11));
        assert_eq!(spec.errors[0].http_status, Some(400));
        assert_eq!(spec.request[0].example, None, "null clears a key");
    }

    #[test]
    fn examples_are_patched_by_their_number() {
        let mut spec = spec();
        spec.examples.requests.push(RequestExample::new(
            "https://x/?ImageID=m-1".into(),
            vec![("ImageID".into(), "m-1".into())],
            Origin::page(40),
        ));
        spec.examples.responses.push(ResponseExample {
            format: ExampleFormat::Json,
            body: "{\"a\": 1s}".into(),
            origin: Origin::page(44),
        });
        let text = "note: the examples' slips\nexamples:\n  requests:\n    1:\n      params: [[ImageId, m-1]]\n  responses:\n    1:\n      body: '{\"a\": 1}'\n";
        let overlay = overlay_from_yaml(text, "o.yaml").unwrap();
        apply_overlay(&mut spec, &overlay, text, "o.yaml").unwrap();
        assert_eq!(spec.examples.requests[0].params, [("ImageId".to_owned(), "m-1".to_owned())]);
        assert_eq!(spec.examples.requests[0].origin, Origin::overlay(4));
        assert_eq!(
            (spec.examples.responses[0].body.as_str(), spec.examples.responses[0].origin.line),
            ("{\"a\": 1}", 7)
        );
        let notes: Vec<u32> =
            spec.diagnostics.iter().filter(|d| d.code == "overlay-patch").map(|d| d.line).collect();
        assert_eq!(notes, [40, 44], "each patched example's page place gets its note");
        let text = "examples:\n  responses:\n    3:\n      body: x\n";
        let err = apply_overlay(&mut spec, &overlay_from_yaml(text, "o.yaml").unwrap(), text, "o.yaml")
            .unwrap_err();
        assert_eq!(err.line, 3);
        assert!(
            err.message.contains("no answer example 3") && err.help.contains("1 answer example(s)"),
            "{err}"
        );
    }

    #[test]
    fn misspellings_get_the_closest_valid_name() {
        for (text, line, suggestion) in [
            ("request:\n  ImageID:\n    example: m-1\n", 2, "`ImageId`"),
            ("request:\n  ImageId:\n    requird: true\n", 2, "`required`"),
            ("request_types:\n  Filter.nmae:\n    example: x\n", 2, "`name`"),
            ("request_types:\n  Filtr.name:\n    example: x\n", 2, "`Filter`"),
            ("response:\n  R.Sise:\n    nullable: true\n", 2, "`Size`"),
            ("api:\n  versoin: '1'\n", 1, "`version`"),
            ("accept:\n  - type-contradicted-by-example@line 21\n", 2, "line 20"),
        ] {
            let err = apply(text).unwrap_err();
            assert_eq!(err.line, line, "{text}: {err}");
            assert!(err.help.contains(suggestion), "{text}: {err} / {}", err.help);
        }
    }

    #[test]
    fn bad_entries_name_their_line() {
        let text = "request:\n  ImageId:\n    colour: red\n";
        let overlay = overlay_from_yaml(text, "o.yaml").unwrap();
        let err = apply_overlay(&mut spec(), &overlay, text, "o.yaml").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("colour"), "{err}");
        let text = "accept:\n  - typo@99\n";
        let overlay = overlay_from_yaml(text, "o.yaml").unwrap();
        let err = apply_overlay(&mut spec(), &overlay, text, "o.yaml").unwrap_err();
        assert_eq!(err.line, 2);
        let err = overlay_from_yaml("requests: {}\n", "o.yaml").unwrap_err();
        assert!(err.message.contains("requests"), "{err}");
    }
}
