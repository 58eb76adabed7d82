//! Request examples against the spec: what a test of each example checks byte for byte, and what
//! it leaves out because the page gets it wrong.
//!
//! Input: a spec (its request parameters and types) and the provider profile. Output: each request
//! example's `index_base` and `left_out`, and a diagnostic at the example for every parameter left
//! out and for an example numbered from the other index base. A parameter is left out when the
//! generated request cannot take it as written: a name the table lacks (often a misspelling), a
//! field of an object whose type the page does not define, a value the parameter cannot hold (`…`
//! inside a JSON array, a word where a number goes, a value outside a closed set), a value the
//! client spells otherwise (`true` where the provider writes `True`), an index that skips one, or
//! a name set twice. Everything else must come back from the client as the page wrote it.
//!
//! This runs when a page is extracted and again once an overlay has patched the spec (an overlay
//! that adds a parameter brings it back into the test), replacing what it found before.

use super::examples::QueryStyle;
use super::reconcile::is_misspelling;
use crate::spec::{
    ApiSpec, Diagnostic, Enumeration, LeftOut, ListEncoding, Origin, Param, Profile, Scalar, Severity,
    TypeDef, TypeRef,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The codes of the diagnostics this module writes.
const UNDOCUMENTED: &str = "undocumented-parameter";
const VALUE: &str = "example-value";
const INDEX_BASE: &str = "example-index-base";

/// Works out `index_base` and `left_out` of every request example of `spec`, with their
/// diagnostics, replacing those of an earlier run.
pub(crate) fn mark(spec: &mut ApiSpec, profile: Option<&Profile>) {
    spec.diagnostics.retain(|d| ![UNDOCUMENTED, VALUE, INDEX_BASE].contains(&d.code.as_str()));
    let style = QueryStyle::of(profile);
    let mut examples = std::mem::take(&mut spec.examples.requests);
    for example in &mut examples {
        let marks = Marks::of(spec, &example.params, &style);
        example.index_base = marks.index_base;
        example.left_out = marks.left_out.iter().map(|(left_out, _)| left_out.clone()).collect();
        let mut diagnosed = BTreeSet::new();
        if let Some(base) = marks.index_base {
            spec.diagnostics.push(at(
                &example.origin,
                Severity::Note,
                INDEX_BASE,
                format!(
                    "the request example numbers its lists from {base} ({}); {} numbers them from {} (its \
                     profile's list_index_base), so its test renumbers them",
                    marks.first_indexed.as_deref().unwrap_or_default(),
                    spec.provider,
                    style.list_base
                ),
                None,
            ));
        }
        for (left_out, help) in &marks.left_out {
            // One diagnostic per parameter pattern: `desRegion.1` and `desRegion.2` are one mistake.
            if diagnosed.insert((left_out.code.clone(), pattern(&left_out.param))) {
                let message = format!(
                    "the request example sets `{}`: {}; its test leaves it out",
                    left_out.param, left_out.reason
                );
                spec.diagnostics.push(at(
                    &example.origin,
                    Severity::Warning,
                    &left_out.code,
                    message,
                    Some(help.clone()),
                ));
            }
        }
    }
    spec.examples.requests = examples;
}

/// A diagnostic at an example's place (anchored or not).
fn at(origin: &Origin, severity: Severity, code: &str, message: String, help: Option<String>) -> Diagnostic {
    let mut diagnostic = Diagnostic::at_line(origin.line, severity, code, message, help);
    if !origin.overlay {
        diagnostic.table = origin.table.clone();
        diagnostic.row = origin.row;
        diagnostic.section = origin.section.clone();
    }
    diagnostic
}

/// A name with its list indices written as `N` (`desRegion.1` → `desRegion.N`).
fn pattern(name: &str) -> String {
    name.split('.').map(|part| if is_index(part) { "N" } else { part }).collect::<Vec<_>>().join(".")
}

fn is_index(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
}

/// What one example parameter sets in the generated request.
enum Target<'s> {
    /// One value (or a comma or JSON-array list in one value); `indices` are the positions of the
    /// name's list indices.
    Value {
        ty: &'s TypeRef,
        enumeration: Option<&'s Enumeration>,
        encoding: Option<ListEncoding>,
        indices: Vec<usize>,
    },
    /// A list the client writes item by item, given as one value.
    WholeList { prefix: &'s str },
    /// A field of a parameter whose type the page does not define.
    Untyped { container: &'s str },
    /// A name the table lacks.
    Unknown,
}

/// The marks of one example: its index base, and each parameter left out with help for it.
struct Marks {
    index_base: Option<u32>,
    /// The first indexed name, to show the numbering in the diagnostic.
    first_indexed: Option<String>,
    left_out: Vec<(LeftOut, String)>,
}

impl Marks {
    fn of(spec: &ApiSpec, params: &[(String, String)], style: &QueryStyle) -> Marks {
        let targets: Vec<Target> = params.iter().map(|(name, _)| resolve(spec, name)).collect();
        let indices: Vec<(usize, u32)> = params
            .iter()
            .zip(&targets)
            .enumerate()
            .flat_map(|(i, ((name, _), target))| {
                let positions = match target {
                    Target::Value { indices, .. } => indices.as_slice(),
                    _ => &[],
                };
                let parts: Vec<&str> = name.split('.').collect();
                positions
                    .iter()
                    .filter_map(move |&at| parts.get(at)?.parse().ok().map(|n| (i, n)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let base = style.list_base;
        let index_base = match base {
            0 if !indices.is_empty() && indices.iter().all(|&(_, n)| n > 0) => Some(1),
            1 if indices.iter().any(|&(_, n)| n == 0) => Some(0),
            _ => None,
        };
        let first_indexed = indices.first().map(|&(i, _)| params[i].0.clone());
        let mut marks = Marks { index_base, first_indexed, left_out: Vec::new() };
        // Items each list has so far, by the list's renumbered path: an index may only take the
        // next place, as the generated reader requires.
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for ((name, value), target) in params.iter().zip(&targets) {
            let problem = match target {
                // A later setting of a name is left out whatever became of the first: the reader
                // would take it over the first, and the test keeps the first (`checked_params`).
                _ if !seen.insert(name.as_str()) => Some((VALUE, "it is set twice".to_owned(), VALUE_HELP)),
                Target::Unknown => Some((UNDOCUMENTED, unknown_reason(spec, name), UNDOCUMENTED_HELP)),
                Target::Untyped { container } => Some((
                    UNDOCUMENTED,
                    format!("a field of `{container}`, whose type the page does not define"),
                    "define the type under request_types in an overlay",
                )),
                Target::WholeList { prefix } => Some((
                    VALUE,
                    format!("one value for a list the client writes item by item (`{prefix}.{base}`, …)"),
                    VALUE_HELP,
                )),
                Target::Value { ty, enumeration, encoding, indices } => {
                    let renumbered = renumbered(name, indices, index_base, base);
                    let checked = spelled(ty, *enumeration, *encoding, value, style)
                        .and_then(|written| same_text(value, &written))
                        .and_then(|()| place(&renumbered, indices, base, &counts));
                    match checked {
                        Ok(()) => {
                            take_place(&renumbered, indices, base, &mut counts);
                            None
                        }
                        Err(reason) => Some((VALUE, reason, VALUE_HELP)),
                    }
                }
            };
            if let Some((code, reason, help)) = problem {
                marks
                    .left_out
                    .push((LeftOut { param: name.clone(), code: code.to_owned(), reason }, help.to_owned()));
            }
        }
        marks
    }
}

const UNDOCUMENTED_HELP: &str =
    "add the parameter with an overlay, or accept this diagnostic once the example's mistake is clear";
const VALUE_HELP: &str = "correct the example in an overlay (examples: requests:), or accept this diagnostic";

/// Why a name is unknown: the table lacks it, and perhaps it misspells a parameter.
fn unknown_reason(spec: &ApiSpec, name: &str) -> String {
    let stem = name.split('.').next().unwrap_or(name);
    let near =
        spec.request.iter().find(|p| is_misspelling(stem, p.name.split('.').next().unwrap_or(&p.name)));
    match near {
        Some(param) => format!("the parameter table lacks it; it looks like `{}` misspelt", param.name),
        None => "the parameter table lacks it".to_owned(),
    }
}

/// What example parameter `name` sets.
fn resolve<'s>(spec: &'s ApiSpec, name: &str) -> Target<'s> {
    spec.request.iter().find_map(|param| of_param(spec, param, name)).unwrap_or(Target::Unknown)
}

/// What `name` sets of `param`, if it names it.
fn of_param<'s>(spec: &'s ApiSpec, param: &'s Param, name: &str) -> Option<Target<'s>> {
    let value = |encoding, indices| Target::Value {
        ty: &param.ty,
        enumeration: param.enumeration.as_ref(),
        encoding,
        indices,
    };
    let list = param.list.as_ref();
    let indexed_prefix =
        list.filter(|l| l.encoding == ListEncoding::Indexed).and_then(|l| l.prefix.as_deref());
    let Some(prefix) = indexed_prefix else {
        if name == param.name {
            return Some(value(list.map(|l| l.encoding), Vec::new()));
        }
        let rest = name.strip_prefix(param.name.as_str())?.strip_prefix('.')?;
        return Some(inside(spec, &param.ty, &param.name, rest, 1));
    };
    if name == param.name || name == prefix {
        return Some(Target::WholeList { prefix });
    }
    let rest = name.strip_prefix(prefix)?.strip_prefix('.')?;
    let (index, rest) = rest.split_once('.').unwrap_or((rest, ""));
    if !is_index(index) {
        return None;
    }
    let at = prefix.split('.').count();
    let field = list.and_then(|l| l.field.as_deref());
    match (field, rest) {
        (None, "") => Some(value(None, vec![at])),
        (None, rest) => Some(inside(spec, &param.ty, &param.name, rest, at + 1).with_index(at)),
        (Some(field), rest) if list.is_some_and(|l| l.field_indexed) => {
            let index = rest.strip_prefix(field)?.strip_prefix('.')?;
            is_index(index).then(|| value(None, vec![at, at + 1 + field.split('.').count()]))
        }
        (Some(field), rest) => (rest == field).then(|| value(None, vec![at])),
    }
}

/// What `rest` sets inside a value of type `ty` (a field, a field of a field, an item of a list
/// field); `depth` is the position of `rest`'s first part in the whole name.
fn inside<'s>(
    spec: &'s ApiSpec,
    ty: &'s TypeRef,
    container: &'s str,
    rest: &str,
    depth: usize,
) -> Target<'s> {
    let def = match ty {
        TypeRef::Named(name) => spec.request_types.iter().find(|t| &t.name == name),
        TypeRef::Scalar(Scalar::Json) => return Target::Untyped { container },
        TypeRef::Scalar(_) => None,
    };
    def.map_or(Target::Unknown, |def| in_type(spec, def, container, rest, depth))
}

fn in_type<'s>(
    spec: &'s ApiSpec,
    def: &'s TypeDef,
    container: &'s str,
    rest: &str,
    depth: usize,
) -> Target<'s> {
    let (name, more) = rest.split_once('.').unwrap_or((rest, ""));
    let Some(field) = def.fields.iter().find(|f| f.name == name) else { return Target::Unknown };
    let value = |indices| Target::Value {
        ty: &field.ty,
        enumeration: field.enumeration.as_ref(),
        encoding: None,
        indices,
    };
    let scalar = matches!(field.ty, TypeRef::Scalar(s) if s != Scalar::Json);
    match (field.array, more) {
        (false, "") if scalar => value(Vec::new()),
        (false, more) if !more.is_empty() => inside(spec, &field.ty, container, more, depth + 1),
        (true, more) => {
            let (index, more) = more.split_once('.').unwrap_or((more, ""));
            if !is_index(index) {
                return Target::Unknown;
            }
            if more.is_empty() && scalar {
                return value(vec![depth + 1]);
            }
            inside(spec, &field.ty, container, more, depth + 2).with_index(depth + 1)
        }
        _ => Target::Unknown,
    }
}

impl Target<'_> {
    /// The same target, with one more list index at position `at` of the name.
    fn with_index(mut self, at: usize) -> Self {
        if let Target::Value { indices, .. } = &mut self {
            indices.insert(0, at);
        }
        self
    }
}

/// Whether the client writes the page's text as it stands.
fn same_text(page: &str, written: &str) -> Result<(), String> {
    if page == written { Ok(()) } else { Err(format!("the client writes the value `{page}` as `{written}`")) }
}

/// `name` with its list indices moved from the example's base to the provider's.
fn renumbered(name: &str, indices: &[usize], from: Option<u32>, to: u32) -> String {
    let Some(from) = from else { return name.to_owned() };
    name.split('.')
        .enumerate()
        .map(|(at, part)| match part.parse::<u32>() {
            Ok(n) if indices.contains(&at) => (n + to).saturating_sub(from).to_string(),
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Whether a renumbered name takes a place the generated reader accepts: each index the next
/// item of its list or one already there.
fn place(name: &str, indices: &[usize], base: u32, counts: &BTreeMap<String, u32>) -> Result<(), String> {
    let parts: Vec<&str> = name.split('.').collect();
    for &at in indices {
        let Some(index) = parts.get(at).and_then(|p| p.parse::<u32>().ok()) else { continue };
        let list = parts[..at].join(".");
        let count = counts.get(&list).copied().unwrap_or(0);
        if index < base || index - base > count {
            return Err(format!(
                "its index skips an item of `{list}` (items are numbered from {base} without gaps)"
            ));
        }
    }
    Ok(())
}

fn take_place(name: &str, indices: &[usize], base: u32, counts: &mut BTreeMap<String, u32>) {
    let parts: Vec<&str> = name.split('.').collect();
    for &at in indices {
        let Some(index) = parts.get(at).and_then(|p| p.parse::<u32>().ok()) else { continue };
        let count = counts.entry(parts[..at].join(".")).or_default();
        *count = (*count).max(index - base + 1);
    }
}

/// How the client writes `text` as a value of the target, or why it cannot take it.
fn spelled(
    ty: &TypeRef,
    enumeration: Option<&Enumeration>,
    encoding: Option<ListEncoding>,
    text: &str,
    style: &QueryStyle,
) -> Result<String, String> {
    let scalar = match ty {
        TypeRef::Scalar(scalar) => *scalar,
        TypeRef::Named(_) => Scalar::String,
    };
    match encoding {
        Some(ListEncoding::Json) => {
            let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) else {
                return Err(format!("`{text}` is not a JSON array"));
            };
            let written = items
                .iter()
                .map(|item| {
                    let item_text = match item {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    one(scalar, enumeration, &item_text, style).map(|w| json_item(scalar, &w))
                })
                .collect::<Result<Vec<Value>, String>>()?;
            Ok(Value::Array(written).to_string())
        }
        Some(ListEncoding::Comma) => text
            .split(',')
            .map(|part| one(scalar, enumeration, part.trim(), style))
            .collect::<Result<Vec<String>, String>>()
            .map(|parts| parts.join(",")),
        _ => one(scalar, enumeration, text, style),
    }
}

/// A JSON-array item as the client writes it: a number for a numeric type, else a string.
fn json_item(scalar: Scalar, text: &str) -> Value {
    let number = match scalar {
        Scalar::Integer | Scalar::Long => text.parse::<i64>().ok().map(Value::from),
        Scalar::Float => text.parse::<f64>().ok().map(Value::from),
        _ => None,
    };
    number.unwrap_or_else(|| Value::String(text.to_owned()))
}

/// How the client writes one scalar value, read as the generated reader reads it.
fn one(
    scalar: Scalar,
    enumeration: Option<&Enumeration>,
    text: &str,
    style: &QueryStyle,
) -> Result<String, String> {
    if scalar == Scalar::Boolean {
        return match text.trim() {
            "true" | "True" | "TRUE" | "1" => Ok(style.booleans.0.to_owned()),
            "false" | "False" | "FALSE" | "0" => Ok(style.booleans.1.to_owned()),
            _ => Err(format!("`{text}` is not a boolean")),
        };
    }
    if let Some(enumeration) = enumeration.filter(|e| !e.values.is_empty()) {
        return if enumeration.open || enumeration.values.iter().any(|v| v.value == text) {
            Ok(text.to_owned())
        } else {
            Err(format!("`{text}` is not one of the values the table lists"))
        };
    }
    match scalar {
        Scalar::Integer | Scalar::Long => text
            .trim()
            .parse::<i64>()
            .map(|n| n.to_string())
            .map_err(|_| format!("`{text}` is not an integer")),
        Scalar::Float => {
            text.trim().parse::<f64>().map(|x| x.to_string()).map_err(|_| format!("`{text}` is not a number"))
        }
        _ => Ok(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{EnumValue, Field, ListShape, Location, RequestExample};

    fn param(name: &str, ty: TypeRef, list: Option<(ListEncoding, Option<&str>, Option<&str>)>) -> Param {
        Param {
            list: list.map(|(encoding, prefix, field)| ListShape {
                encoding,
                prefix: prefix.map(str::to_owned),
                field: field.map(str::to_owned),
                field_indexed: false,
                max_items: None,
            }),
            ..Param::new(name, Location::Query, ty, Origin::page(5))
        }
    }

    fn string() -> TypeRef {
        TypeRef::Scalar(Scalar::String)
    }

    fn spec_with(request: Vec<Param>, types: Vec<TypeDef>, example: &[(&str, &str)]) -> ApiSpec {
        let text = "spec_version: 2\nprovider: p\naction: A\nsource: {page: p.md, sha256: ab, format: markdown}\nhttp: {method: GET, path: /}\nrequest: []\nresponse: {root: R, types: []}\n";
        let mut spec = crate::spec::from_yaml(text, "s.yaml").expect("spec");
        spec.request = request;
        spec.request_types = types;
        let params = example.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
        spec.examples.requests.push(RequestExample::new("https://x/?".to_owned(), params, Origin::page(30)));
        spec
    }

    fn profile(base: u32) -> Profile {
        let mut profile = crate::spec::profile_from_yaml(
            include_str!("../../tests/fixtures/golden/providers/aliyun.yaml"),
            "aliyun.yaml",
        )
        .expect("profile");
        profile.list_index_base = base;
        profile
    }

    fn left_out(spec: &ApiSpec) -> Vec<(&str, &str)> {
        spec.examples.requests[0].left_out.iter().map(|l| (l.param.as_str(), l.code.as_str())).collect()
    }

    fn filter() -> TypeDef {
        let mut values = Field::new("Values", string(), Origin::page(40));
        values.array = true;
        TypeDef {
            name: "Filter".to_owned(),
            description: None,
            fields: vec![Field::new("Name", string(), Origin::page(39)), values],
            origin: Origin::page(38),
        }
    }

    #[test]
    fn undocumented_and_misspelt_names_are_left_out_with_a_warning_each() {
        let mut spec = spec_with(
            vec![
                param("instanceName", string(), None),
                param("Tag.N.Key", string(), Some((ListEncoding::Indexed, Some("Tag"), Some("Key")))),
            ],
            Vec::new(),
            &[("instancesName", "a"), ("Tag.1.Key", "k"), ("Extra.1", "x"), ("Extra.2", "y")],
        );
        mark(&mut spec, Some(&profile(1)));
        assert_eq!(
            left_out(&spec),
            [("instancesName", UNDOCUMENTED), ("Extra.1", UNDOCUMENTED), ("Extra.2", UNDOCUMENTED)]
        );
        let messages: Vec<&str> = spec.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "one diagnostic for Extra.N: {messages:?}");
        assert!(messages[0].contains("looks like `instanceName` misspelt"), "{}", messages[0]);
        assert_eq!(spec.diagnostics[0].line, 30, "at the example");
        assert_eq!(spec.examples.requests[0].checked_params(1), [("Tag.1.Key".to_owned(), "k".to_owned())]);
    }

    #[test]
    fn names_differing_in_case_only_are_not_the_documented_parameter() {
        let mut spec =
            spec_with(vec![param("passWordAuth", string(), None)], Vec::new(), &[("passwordAuth", "yes")]);
        mark(&mut spec, None);
        assert_eq!(left_out(&spec), [("passwordAuth", UNDOCUMENTED)]);
    }

    #[test]
    fn an_example_numbered_from_one_is_renumbered_for_a_provider_counting_from_zero() {
        let filters = Param {
            ty: TypeRef::Named("Filter".to_owned()),
            ..param("Filters.N", string(), Some((ListEncoding::Indexed, Some("Filters"), None)))
        };
        let ids = param("InstanceIds.N", string(), Some((ListEncoding::Indexed, Some("InstanceIds"), None)));
        let mut spec = spec_with(
            vec![ids, filters],
            vec![filter()],
            &[
                ("InstanceIds.1", "a"),
                ("InstanceIds.2", "b"),
                ("Filters.1.Name", "zone"),
                ("Filters.1.Values.1", "z"),
            ],
        );
        mark(&mut spec, Some(&profile(0)));
        let example = &spec.examples.requests[0];
        assert_eq!(example.index_base, Some(1));
        assert!(example.left_out.is_empty(), "{:?}", example.left_out);
        let names: Vec<String> = example.checked_params(0).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["InstanceIds.0", "InstanceIds.1", "Filters.0.Name", "Filters.0.Values.0"]);
        assert_eq!(spec.diagnostics.len(), 1);
        assert_eq!(
            (spec.diagnostics[0].code.as_str(), spec.diagnostics[0].severity),
            (INDEX_BASE, Severity::Note)
        );
        // Marking again (after an overlay) gives the same, not a second diagnostic.
        mark(&mut spec, Some(&profile(0)));
        assert_eq!(spec.diagnostics.len(), 1);
    }

    #[test]
    fn values_the_parameter_cannot_take_or_the_client_spells_otherwise_are_left_out() {
        let mut ids = param("SnapshotIds", string(), Some((ListEncoding::Json, None, None)));
        ids.origin = Origin::page(6);
        let mut kind = param("Kind", string(), None);
        kind.enumeration = Some(Enumeration {
            values: vec![EnumValue { value: "a".to_owned(), meaning: None }],
            open: false,
            origin: Origin::page(7),
        });
        let mut spec = spec_with(
            vec![
                ids,
                param("Size", TypeRef::Scalar(Scalar::Integer), None),
                param("DryRun", TypeRef::Scalar(Scalar::Boolean), None),
                kind,
                param("Ok", TypeRef::Scalar(Scalar::Integer), None),
                param("ids", string(), Some((ListEncoding::Indexed, Some("ids"), None))),
            ],
            Vec::new(),
            &[
                ("SnapshotIds", "[\"s-1\", … \"s-3\"]"),
                ("Size", "big"),
                ("DryRun", "true"),
                ("Kind", "b"),
                ("Ok", "20"),
                ("ids.1", "x"),
                ("ids.3", "y"),
                ("ids.1", "z"),
                ("Size", "40"),
            ],
        );
        let mut profile = profile(1);
        profile.boolean.true_ = "True".to_owned();
        mark(&mut spec, Some(&profile));
        let reasons: Vec<(&str, &str)> = spec.examples.requests[0]
            .left_out
            .iter()
            .map(|l| (l.param.as_str(), l.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                ("SnapshotIds", "`[\"s-1\", … \"s-3\"]` is not a JSON array"),
                ("Size", "`big` is not an integer"),
                ("DryRun", "the client writes the value `true` as `True`"),
                ("Kind", "`b` is not one of the values the table lists"),
                ("ids.3", "its index skips an item of `ids` (items are numbered from 1 without gaps)"),
                ("ids.1", "it is set twice"),
                ("Size", "it is set twice"),
            ]
        );
        let checked = spec.examples.requests[0].checked_params(1);
        let pairs: Vec<(&str, &str)> = checked.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [("Ok", "20"), ("ids.1", "x")],
            "a name set twice keeps neither a bad first nor its second"
        );
    }

    #[test]
    fn fields_of_an_untyped_object_are_left_out_and_typed_ones_are_read() {
        let filters = param(
            "Filters.N",
            TypeRef::Scalar(Scalar::Json),
            Some((ListEncoding::Indexed, Some("Filters"), None)),
        );
        let mut spec = spec_with(vec![filters], Vec::new(), &[("Filters.0.Name", "zone")]);
        mark(&mut spec, Some(&profile(0)));
        assert_eq!(left_out(&spec), [("Filters.0.Name", UNDOCUMENTED)]);
        assert!(spec.diagnostics[0].message.contains("whose type the page does not define"));
        let disk = Param { ty: TypeRef::Named("Filter".to_owned()), ..param("Spec", string(), None) };
        let mut spec = spec_with(
            vec![disk],
            vec![filter()],
            &[("Spec.Name", "a"), ("Spec.Values.1", "b"), ("Spec.Size", "1")],
        );
        mark(&mut spec, Some(&profile(1)));
        assert_eq!(left_out(&spec), [("Spec.Size", UNDOCUMENTED)]);
    }
}
