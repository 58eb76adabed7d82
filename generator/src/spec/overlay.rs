//! Overlays: a spec extracted from a page + the hand corrections in its overlay → the spec a
//! reviewer reads.
//!
//! Input is an [`ApiSpec`] and an [`Overlay`] with the overlay's text (for line numbers). Each entry
//! names an element by wire name and replaces the keys it lists; everything it sets carries
//! `origin: {line: <overlay line>, overlay: true}`, and the page line of a patched element gets a
//! `overlay-patch` note, so the spec says which parts came from the page and which from the overlay.

use super::yaml::YamlError;
use super::{ApiSpec, Diagnostic, Field, Http, Overlay, Param, Severity};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

/// Keys whose values carry their own `origin`: an overlay may leave it out.
const NESTED_WITH_ORIGIN: [&str; 6] = ["enum", "range", "format", "deprecated", "conditions", "length"];

/// Keys whose values are lists of elements that carry their own `origin`.
const LISTS_WITH_ORIGIN: [&str; 2] = ["patterns", "range_when"];

/// Applies `overlay` (read from `path`, whose text is `text`) to `spec`.
pub fn apply_overlay(spec: &mut ApiSpec, overlay: &Overlay, text: &str, path: &str) -> Result<(), YamlError> {
    let error = |line: u32, message: String, help: &str| YamlError {
        path: path.to_owned(),
        line,
        message,
        help: help.to_owned(),
    };
    if let Some(patch) = &overlay.http {
        let line = key_line(text, None, "http");
        let mut http: Http = merge(&spec.http, patch, line)
            .map_err(|m| error(line, format!("http: {m}"), "http takes method, path and endpoint"))?;
        http.origin = Some(overlay_origin(line));
        spec.http = http;
    }
    for (name, patch) in &overlay.request {
        let line = key_line(text, Some("request"), name);
        match spec.request.iter().position(|p| &p.name == name) {
            Some(index) => {
                let page_line = spec.request[index].origin.line;
                let mut param: Param = merge(&spec.request[index], patch, line).map_err(|m| {
                    error(
                        line,
                        format!("request parameter `{name}`: {m}"),
                        "use the keys of a request entry in a spec",
                    )
                })?;
                param.origin = overlay_origin(line);
                spec.request[index] = param;
                note_patch(spec, page_line, &format!("request parameter `{name}`"), path, line, patch);
            }
            None => {
                let mut patch = patch.clone();
                patch.insert("name".into(), name.clone().into());
                let mut param: Param = build(patch, line).map_err(|m| {
                    error(
                        line,
                        format!("new request parameter `{name}`: {m}"),
                        "a parameter the page lacks needs at least `in`, `type` and `required`",
                    )
                })?;
                param.origin = overlay_origin(line);
                spec.request.push(param);
            }
        }
    }
    for (key, patch) in &overlay.response {
        let line = key_line(text, Some("response"), key);
        let Some((type_name, field_name)) = key.split_once('.') else {
            return Err(error(
                line,
                format!("response key `{key}` is not `Type.field`"),
                "name a field as `Type.field`",
            ));
        };
        let Some(ty) = spec.response.types.iter_mut().find(|t| t.name == type_name) else {
            return Err(error(
                line,
                format!("the response has no type `{type_name}`"),
                "name one of the types under response.types in the spec",
            ));
        };
        match ty.fields.iter().position(|f| f.name == field_name) {
            Some(index) => {
                let page_line = ty.fields[index].origin.line;
                let mut field: Field = merge(&ty.fields[index], patch, line).map_err(|m| {
                    error(line, format!("response field `{key}`: {m}"), "use the keys of a field in a spec")
                })?;
                field.origin = overlay_origin(line);
                ty.fields[index] = field;
                note_patch(spec, page_line, &format!("response field `{key}`"), path, line, patch);
            }
            None => {
                let mut patch = patch.clone();
                patch.insert("name".into(), field_name.into());
                let mut field: Field = build(patch, line).map_err(|m| {
                    error(
                        line,
                        format!("new response field `{key}`: {m}"),
                        "a field the page lacks needs at least `type`",
                    )
                })?;
                field.origin = overlay_origin(line);
                ty.fields.push(field);
            }
        }
    }
    for accepted in &overlay.accept {
        let line = key_line(text, Some("accept"), accepted);
        let Some((code, at)) = accepted.split_once('@') else {
            return Err(error(
                line,
                format!("`{accepted}` is not `code@line`"),
                "write an accepted diagnostic as code@line",
            ));
        };
        let before = spec.diagnostics.len();
        spec.diagnostics.retain(|d| !(d.code == code && d.line.to_string() == at));
        if spec.diagnostics.len() == before {
            return Err(error(
                line,
                format!("no diagnostic `{code}` at line {at} to accept"),
                "the page changed: remove the entry, or accept the diagnostic at its new line",
            ));
        }
    }
    spec.source.overlay = Some(path.trim_start_matches("specs/").to_owned());
    Ok(())
}

fn overlay_origin(line: u32) -> super::Origin {
    super::Origin { line, overlay: true, example: false }
}

/// Records at the page line that an overlay changed the element, so the row stays accounted for.
fn note_patch(spec: &mut ApiSpec, page_line: u32, what: &str, path: &str, line: u32, patch: &Mapping) {
    let keys: Vec<String> = patch.keys().filter_map(Value::as_str).map(str::to_owned).collect();
    spec.diagnostics.push(Diagnostic {
        line: page_line,
        end_line: None,
        severity: Severity::Note,
        code: "overlay-patch".to_owned(),
        message: format!("{what} is corrected by {path}:{line} (sets {})", keys.join(", ")),
        help: None,
    });
    spec.diagnostics.sort_by_key(|d| d.line);
}

/// `element` with the keys of `patch` replaced, read back as `T` (unknown keys refused).
fn merge<T: Serialize + DeserializeOwned>(element: &T, patch: &Mapping, line: u32) -> Result<T, String> {
    let Value::Mapping(mut map) = serde_yaml::to_value(element).map_err(|e| e.to_string())? else {
        return Err("not a mapping".to_owned());
    };
    for (key, value) in with_origins(patch.clone(), line) {
        map.insert(key, value);
    }
    serde_yaml::from_value(Value::Mapping(map)).map_err(|e| e.to_string())
}

fn build<T: DeserializeOwned>(mut patch: Mapping, line: u32) -> Result<T, String> {
    patch.insert("origin".into(), origin_value(line));
    serde_yaml::from_value(Value::Mapping(with_origins(patch, line))).map_err(|e| e.to_string())
}

/// Gives nested elements that carry an origin (`enum`, `range`, …) the overlay's line.
fn with_origins(mut patch: Mapping, line: u32) -> Mapping {
    for key in NESTED_WITH_ORIGIN {
        if let Some(Value::Mapping(nested)) = patch.get_mut(key)
            && !nested.contains_key("origin")
        {
            nested.insert("origin".into(), origin_value(line));
        }
    }
    for key in LISTS_WITH_ORIGIN {
        if let Some(Value::Sequence(items)) = patch.get_mut(key) {
            for item in items {
                if let Value::Mapping(nested) = item
                    && !nested.contains_key("origin")
                {
                    nested.insert("origin".into(), origin_value(line));
                }
            }
        }
    }
    patch
}

fn origin_value(line: u32) -> Value {
    let mut origin = Mapping::new();
    origin.insert("line".into(), line.into());
    origin.insert("overlay".into(), true.into());
    Value::Mapping(origin)
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
  - {name: ImageId, in: query, type: string, required: false, origin: {line: 7}}
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
  - type-contradicted-by-example@20
";
        let overlay = overlay_from_yaml(text, "specs/overlays/aliyun/DescribeImages.yaml").unwrap();
        let mut spec = spec();
        apply_overlay(&mut spec, &overlay, text, "specs/overlays/aliyun/DescribeImages.yaml").unwrap();
        let param = &spec.request[0];
        assert_eq!(param.list.as_ref().map(|l| l.encoding), Some(ListEncoding::Comma));
        assert_eq!(param.origin, Origin { line: 3, overlay: true, example: false });
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
