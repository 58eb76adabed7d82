//! Reconciliation: the response tables against the page's example answer.
//!
//! Input is the [`Response`] the tables gave, the page's [`Examples`] and the request parameters;
//! output is the same response corrected where the example settles a question, and a diagnostic
//! for every disagreement:
//!
//! - a field the example has and the tables lack is added (`undocumented-field`, seed 000's
//!   `sub_code`), unless it is a misspelling of a documented field, which then gets an alias
//!   (`typo`, seed 001's `createor`);
//! - a `null` in the example makes the field nullable (seed 000's `description`);
//! - a list or object where the table says a scalar follows the example
//!   (`type-contradicted-by-example`, seed 002's `tags`), with a type built from the example's
//!   fields when the page documents none;
//! - scalar types the JSON example contradicts, values outside a closed enum, fields of one name
//!   typed differently in two types (seed 003's `DiskDeviceMapping.Size`);
//! - unfilled placeholders in descriptions (`{prduct_name}`), and types that fields name but
//!   nothing defines.

use super::Ctx;
use super::examples::{self, Evidence};
use super::response::{children, element_type_name};
use crate::spec::{Examples, Field, Origin, Param, Response, Scalar, Severity, TypeDef, TypeRef};
use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Corrects `response` by the page's example answer and records every disagreement.
pub(crate) fn reconcile(request: &[Param], response: &mut Response, examples: &Examples, ctx: &mut Ctx) {
    let mut evidence = examples::evidence(examples);
    // A provider whose every answer comes inside `{"Response": {...}}` (Tencent API 3.0): the
    // client decodes the inner object, so that is what the page's types describe.
    if ctx.profile.is_some_and(|p| p.error_envelope == "response") {
        for evidence in &mut evidence {
            if let Value::Object(object) = &evidence.value
                && object.len() == 1
                && let Some(inner @ Value::Object(_)) = object.get("Response")
            {
                evidence.value = inner.clone();
            }
        }
    }
    let mut seen = BTreeMap::new();
    if let Some(evidence) = evidence.first()
        && evidence.value.is_object()
    {
        wrap_in_envelope(response, evidence, ctx);
        let mut walk = Walk { response, evidence, ctx, visited: BTreeSet::new(), seen: &mut seen };
        let root = walk.response.root.clone();
        walk.visit(&root, vec![&evidence.value]);
    }
    resolve_undefined(response, ctx);
    differently_typed(response, &seen, ctx);
    placeholders(request, response, ctx);
}

/// Tencent's API 3.0 answers `{"Response": {...}}` where the table documents the inner object:
/// the documented type moves under an envelope root with that one field.
fn wrap_in_envelope(response: &mut Response, evidence: &Evidence, ctx: &mut Ctx) {
    let Value::Object(object) = &evidence.value else { return };
    let Some((key, Value::Object(inner))) = object.iter().next().filter(|_| object.len() == 1) else {
        return;
    };
    let Some(root) = response.types.iter().position(|t| t.name == response.root) else { return };
    let fields = &response.types[root].fields;
    let documents_inner = fields.iter().any(|f| inner.keys().any(|k| k.eq_ignore_ascii_case(&f.name)));
    if fields.iter().any(|f| &f.name == key) || !documents_inner {
        return;
    }
    let body = format!("{}Body", response.root);
    if response.types.iter().any(|t| t.name == body) {
        return;
    }
    let line = evidence.line_of(key);
    let origin = response.types[root].origin.clone();
    response.types[root].name = body.clone();
    let envelope = Field::new(
        key.clone(),
        TypeRef::Named(body.clone()),
        Origin { line, example: true, ..Origin::default() },
    );
    let root_name = response.root.clone();
    response.types.insert(0, TypeDef { name: root_name, description: None, fields: vec![envelope], origin });
    ctx.diagnose(
        line,
        Severity::Note,
        "answer-envelope",
        format!(
            "the example answer wraps the documented fields in `{key}`; they form type `{body}` under it"
        ),
        None,
    );
}

/// Walks the example along the response types.
struct Walk<'r, 'v, 'c, 'p> {
    response: &'r mut Response,
    evidence: &'v Evidence,
    ctx: &'r mut Ctx<'c>,
    /// Types already compared (a type used in several places is compared once).
    visited: BTreeSet<String>,
    /// The first example value of each `(type, field)`.
    seen: &'p mut BTreeMap<(String, String), Value>,
}

impl<'v> Walk<'_, 'v, '_, '_> {
    fn type_index(&self, name: &str) -> Option<usize> {
        self.response.types.iter().position(|t| t.name == name)
    }

    /// Compares type `name` with the example objects `samples`, then its nested types.
    fn visit(&mut self, name: &str, samples: Vec<&'v Value>) {
        if samples.is_empty() || !self.visited.insert(name.to_owned()) {
            return;
        }
        let Some(t) = self.type_index(name) else { return };
        for sample in &samples {
            let Value::Object(object) = sample else { continue };
            for (key, value) in object {
                let Some(f) = self.field_for(t, key, object) else { continue };
                self.seen
                    .entry((name.to_owned(), self.response.types[t].fields[f].name.clone()))
                    .or_insert(value.clone());
                self.compare(t, f, key, value);
            }
        }
        let nested: Vec<(String, String, bool)> = self.response.types[t]
            .fields
            .iter()
            .filter_map(|f| match &f.ty {
                TypeRef::Named(named) => Some((named.clone(), f.name.clone(), f.array)),
                TypeRef::Scalar(_) => None,
            })
            .collect();
        for (named, field, array) in nested {
            let objects = children(&samples, &field, array);
            if self.type_index(&named).is_none() && !objects.is_empty() {
                // A type the page names but documents elsewhere (another page): the example
                // shows its fields.
                let line = self.evidence.line_of(&field);
                let built = self.type_from_example(&named, &objects, line);
                self.ctx.diagnose(
                    line,
                    Severity::Note,
                    "type-from-example",
                    format!(
                        "the page does not document type `{built}`; its fields come from the example answer"
                    ),
                    Some("document the type with an overlay".to_owned()),
                );
                continue;
            }
            self.visit(&named, objects);
        }
    }

    /// The field of type `t` that example key `key` fills: by name or alias, a documented field the
    /// key misspells (which gets the alias), or a new field for an undocumented key.
    fn field_for(
        &mut self,
        t: usize,
        key: &str,
        object: &'v serde_json::Map<String, Value>,
    ) -> Option<usize> {
        let def = &self.response.types[t];
        let type_name = def.name.clone();
        if let Some(f) = def.fields.iter().position(|f| f.name == key || f.aliases.iter().any(|a| a == key)) {
            return Some(f);
        }
        let line = self.evidence.line_of(key);
        // ` UserData `: the example's key with blanks around it, not another spelling.
        if key.trim() != key
            && let Some(f) = def.fields.iter().position(|f| f.name == key.trim())
        {
            self.ctx.diagnose(
                line,
                Severity::Note,
                "example-whitespace",
                format!("the example answer writes `{}` with blanks around it", key.trim()),
                None,
            );
            return Some(f);
        }
        // `HostId` beside a documented `HostIds` is another field (one value against a list), not
        // a misspelling of it.
        let plural = |a: &str, b: &str| a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a);
        let misspelt = def.fields.iter().position(|f| {
            !object.contains_key(&f.name) && is_misspelling(key, &f.name) && !plural(key, &f.name)
        });
        if let Some(f) = misspelt {
            let field = &mut self.response.types[t].fields[f];
            field.aliases.push(key.to_owned());
            let message = format!("the example answer spells `{}` as `{key}`", field.name);
            self.ctx.diagnose(
                line,
                Severity::Warning,
                "typo",
                message,
                Some(
                    "the client accepts both spellings; correct the page if the answer uses the table's"
                        .to_owned(),
                ),
            );
            return Some(f);
        }
        let value = object.get(key)?;
        let field = self.infer_field(key, &[value], line);
        let root = &self.response.root;
        let in_envelope = type_name == *root || type_name == format!("{root}Body");
        if in_envelope && envelope_fields(self.ctx.provider).contains(&key) {
            // Every answer of the provider carries it (`RequestId`, `ret_code`, `codeDesc`): the
            // pages leave it to the page of common parameters.
            self.ctx.diagnose(
                line,
                Severity::Note,
                "envelope-field",
                format!(
                    "`{key}` is in every answer of this provider; the table of `{type_name}` leaves it out"
                ),
                None,
            );
        } else {
            let message =
                format!("the example answer has a field `{key}` that the table of `{type_name}` lacks");
            self.ctx.diagnose(
                line,
                Severity::Warning,
                "undocumented-field",
                message,
                Some(
                    "the spec adds it as the example shows it; document its meaning in an overlay".to_owned(),
                ),
            );
        }
        self.response.types[t].fields.push(field);
        // A new field's value was inferred from this very value: nothing left to compare.
        None
    }

    /// Compares field `f` of type `t` with its example value.
    fn compare(&mut self, t: usize, f: usize, key: &str, value: &'v Value) {
        let line = self.evidence.line_of(key);
        let typed = self.evidence.typed;
        let field = &self.response.types[t].fields[f];
        let (ty, array) = (field.ty.clone(), field.array);
        match value {
            Value::Null => self.response.types[t].fields[f].nullable = true,
            Value::Array(items) => {
                let objects: Vec<&Value> = items.iter().filter(|item| item.is_object()).collect();
                if !array {
                    self.contradicted(t, f, line, "an array");
                    self.response.types[t].fields[f].array = true;
                }
                if ty == TypeRef::Scalar(Scalar::Json) || (!array && !objects.is_empty() && is_scalar(&ty)) {
                    self.retype(t, f, &objects, items.first(), line);
                }
                self.plain_items(t, f, items, line);
                self.null_items(t, f, items, line);
            }
            Value::Object(map) => {
                if !array && let Some(key) = self.list_wrapper(&ty, map) {
                    // Alibaba's older pages type `InstanceIdSets` as `InstanceIdSet` where the
                    // answer has `{"InstanceIdSet": [...]}`: a wrapped list of that type.
                    let field = &mut self.response.types[t].fields[f];
                    field.array = true;
                    field.wrapper = Some(key.clone());
                    let message = format!(
                        "the table types `{}` as one {}, but the example answer has a list of them wrapped in `{key}`",
                        field.name,
                        describe(&ty, false)
                    );
                    self.ctx.diagnose(line, Severity::Note, "wrapped-list", message, None);
                    if let Some(Value::Array(items)) = map.get(&key) {
                        self.plain_items(t, f, items, line);
                    }
                    return;
                }
                if array {
                    // A one-key wrapper around the list (`{"Image": [...]}`): the response part
                    // sets `wrapper`; an XML example shows a one-element list this way too.
                    let wrapper = self.response.types[t].fields[f].wrapper.clone();
                    let wrapped = wrapper.and_then(|w| map.get(&w)).or_else(|| match map.iter().next() {
                        Some((_, items @ Value::Array(_))) if map.len() == 1 => Some(items),
                        _ => None,
                    });
                    match wrapped {
                        Some(Value::Array(items)) => return self.plain_items(t, f, items, line),
                        // One object of several fields where the table says a list (Tencent's
                        // `Array` for an object): the JSON example prevails.
                        _ if typed && !map.is_empty() => {
                            self.contradicted(t, f, line, "one object");
                            self.response.types[t].fields[f].array = false;
                        }
                        _ => return,
                    }
                }
                if is_scalar(&ty) {
                    self.contradicted(t, f, line, "an object");
                }
                if ty == TypeRef::Scalar(Scalar::Json) || is_scalar(&ty) {
                    self.retype(t, f, &[value], None, line);
                }
            }
            scalar if typed => self.compare_scalar(t, f, scalar, line),
            Value::String(text) => self.check_enum(t, f, text, line),
            _ => {}
        }
    }

    /// A list of plain values where the table types the items as an object (Alibaba's
    /// `InstanceIdSet` of one field `InstanceId`, whose JSON answer lists the ids themselves): the
    /// JSON example prevails, the items take the values' type.
    fn plain_items(&mut self, t: usize, f: usize, items: &[Value], line: u32) {
        let plain = |item: &Value| !(item.is_object() || item.is_array() || item.is_null());
        let named = matches!(self.response.types[t].fields[f].ty, TypeRef::Named(_));
        if !self.evidence.typed || !named || items.is_empty() || !items.iter().all(plain) {
            return;
        }
        self.contradicted(t, f, line, "a list of plain values");
        self.response.types[t].fields[f].ty = scalar_of(&items[0]);
    }

    /// A list of plain values holding `null` (`["a", null]`): no scalar item type reads a null, so
    /// the items become any JSON value.
    fn null_items(&mut self, t: usize, f: usize, items: &[Value], line: u32) {
        let field = &mut self.response.types[t].fields[f];
        if !items.iter().any(Value::is_null) || !is_scalar(&field.ty) {
            return;
        }
        field.ty = TypeRef::Scalar(Scalar::Json);
        let message = format!(
            "the example answer's list `{}` holds null; its items are read as any JSON value",
            field.name
        );
        self.ctx.diagnose(
            line,
            Severity::Warning,
            "null-item",
            message,
            Some("type the items with an overlay if null is a mistake of the example".to_owned()),
        );
    }

    /// The key of a one-key object holding a list, when the key is not a field of type `ty`.
    fn list_wrapper(&self, ty: &TypeRef, map: &serde_json::Map<String, Value>) -> Option<String> {
        let TypeRef::Named(name) = ty else { return None };
        let (key, value) = map.iter().next().filter(|_| map.len() == 1)?;
        let is_field = self
            .type_index(name)
            .is_some_and(|t| self.response.types[t].fields.iter().any(|f| &f.name == key));
        (value.is_array() && !is_field).then(|| key.clone())
    }

    /// The field holds objects (or a list): types it by the example.
    fn retype(&mut self, t: usize, f: usize, objects: &[&'v Value], first_item: Option<&Value>, line: u32) {
        let field = &self.response.types[t].fields[f];
        let ty = if objects.is_empty() {
            match first_item {
                Some(item) => scalar_of(item),
                None => return,
            }
        } else {
            let base = element_type_name(&field.name, field.array);
            // The sub-type the page documents under this name (seed 002's bullets give `Tag`).
            let name = match self.type_index(&base) {
                Some(_) if !self.is_referenced(&base) => base,
                _ => self.type_from_example(&base, objects, line),
            };
            TypeRef::Named(name)
        };
        self.response.types[t].fields[f].ty = ty;
    }

    fn is_referenced(&self, name: &str) -> bool {
        self.response.types.iter().flat_map(|t| &t.fields).any(|f| f.ty == TypeRef::Named(name.to_owned()))
    }

    fn contradicted(&mut self, t: usize, f: usize, line: u32, shape: &str) {
        let field = &self.response.types[t].fields[f];
        let declared = describe(&field.ty, field.array);
        let message = format!(
            "the table types `{}` as {declared}, but the example answer has {shape} there",
            field.name
        );
        let row = field.origin.line;
        self.ctx.diagnostics.push(crate::spec::Diagnostic {
            line: row,
            end_line: Some(line).filter(|&l| l != row),
            severity: Severity::Warning,
            code: "type-contradicted-by-example".to_owned(),
            message,
            help: Some("the spec follows the example; confirm or correct it with an overlay".to_owned()),
            ..Default::default()
        });
    }

    /// A JSON scalar against the table's scalar type.
    fn compare_scalar(&mut self, t: usize, f: usize, value: &Value, line: u32) {
        let field = &self.response.types[t].fields[f];
        let name = field.name.clone();
        let TypeRef::Scalar(declared) = field.ty else {
            let message = format!(
                "the table types `{name}` as {}, but the example answer has a plain value there",
                describe(&field.ty, field.array)
            );
            self.ctx.diagnose(line, Severity::Warning, "type-contradicted-by-example", message, None);
            return;
        };
        let TypeRef::Scalar(shown) = scalar_of(value) else { return };
        let numeric_text = value.as_str().is_some_and(|s| s.trim().parse::<f64>().is_ok());
        let boolean_text =
            value.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false"));
        let agrees = match (declared, shown) {
            (a, b) if a == b => true,
            (Scalar::Long | Scalar::Float, Scalar::Integer) | (Scalar::Timestamp, Scalar::String) => true,
            // Numbers and booleans written as strings: the client's lenient readers take both.
            (Scalar::Integer | Scalar::Long | Scalar::Float, Scalar::String) => numeric_text,
            (Scalar::Boolean, Scalar::String) => boolean_text,
            _ => false,
        };
        if declared == Scalar::Json {
            self.response.types[t].fields[f].ty = TypeRef::Scalar(shown);
        } else if !agrees {
            self.response.types[t].fields[f].ty = TypeRef::Scalar(shown);
            self.ctx.diagnose(
                line,
                Severity::Warning,
                "type-contradicted-by-example",
                format!("the table types `{name}` as {declared:?}, but the example answer has {value} there"),
                Some(format!("the spec follows the example ({shown:?}); confirm it with an overlay")),
            );
        }
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            _ => return,
        };
        self.check_enum(t, f, &text, line);
    }

    /// An example value outside a closed list of values: the list is not complete.
    fn check_enum(&mut self, t: usize, f: usize, text: &str, line: u32) {
        let field = &mut self.response.types[t].fields[f];
        let Some(enumeration) = field.enumeration.as_mut() else { return };
        if enumeration.open || enumeration.values.iter().any(|v| v.value == text) {
            return;
        }
        let name = field.name.clone();
        if text.is_empty() {
            self.ctx.diagnose(
                line,
                Severity::Note,
                "empty-enum-value",
                format!("the example answer has `{name}` empty, which the table does not list as a value"),
                Some("the client reads an empty value as absent".to_owned()),
            );
            return;
        }
        enumeration.open = true;
        self.ctx.diagnose(
            line,
            Severity::Warning,
            "value-outside-enum",
            format!("the example answer has `{name}` = `{text}`, which the table does not list"),
            Some("the spec keeps the list open; add the value with an overlay".to_owned()),
        );
    }

    /// A field for an undocumented key, typed by its values (one for each object of the example
    /// that has the key): a list when one is, an object type when one is an object, else the
    /// scalar type that reads them all.
    fn infer_field(&mut self, key: &str, values: &[&'v Value], line: u32) -> Field {
        let lists: Vec<&'v Value> = values.iter().filter_map(|v| v.as_array()).flatten().collect();
        let objects = |items: &[&'v Value]| -> Vec<&'v Value> {
            items.iter().copied().filter(|v| v.is_object()).collect()
        };
        let array = values.iter().any(|v| v.is_array());
        let items: Vec<&'v Value> = if array { lists } else { values.to_vec() };
        let found = objects(&items);
        let ty = if !found.is_empty() {
            TypeRef::Named(self.type_from_example(&element_type_name(key, array), &found, line))
        } else if array {
            items_type(&items)
        } else {
            let present: Vec<&Value> = items.iter().copied().filter(|v| !v.is_null()).collect();
            if present.is_empty() { TypeRef::Scalar(Scalar::Json) } else { items_type(&present) }
        };
        Field {
            array,
            nullable: !array && values.iter().any(|v| v.is_null()),
            ..Field::new(key, ty, Origin { line, example: true, ..Origin::default() })
        }
    }

    /// A new type with the fields of the example objects; returns its (unique) name.
    fn type_from_example(&mut self, base: &str, objects: &[&'v Value], line: u32) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while self.type_index(&name).is_some() {
            name = format!("{base}{n}");
            n += 1;
        }
        self.response.types.push(TypeDef {
            name: name.clone(),
            description: None,
            fields: Vec::new(),
            origin: Origin { line, example: true, ..Origin::default() },
        });
        self.visited.insert(name.clone());
        // Each key with its value in every object that has it, in the order keys first appear.
        let mut keys: Vec<(&str, Vec<&'v Value>)> = Vec::new();
        for object in objects {
            let Value::Object(map) = object else { continue };
            for (key, value) in map {
                match keys.iter_mut().find(|(k, _)| k == key) {
                    Some((_, values)) => values.push(value),
                    None => keys.push((key, vec![value])),
                }
            }
        }
        for (key, values) in keys {
            let field = self.infer_field(key, &values, self.evidence.line_of(key));
            if let Some(t) = self.type_index(&name) {
                self.response.types[t].fields.push(field);
            }
        }
        name
    }
}

/// The fields every answer of a provider carries, outside what a page documents (PROVIDERS.md).
fn envelope_fields(provider: &str) -> &'static [&'static str] {
    match provider {
        "qingcloud" | "qingcloud-private" => &["action", "ret_code", "message"],
        "tencent" => &["code", "message", "codeDesc"],
        "tencent-v3" => &["RequestId", "Error"],
        "aliyun" => &["RequestId", "HostId", "Code", "Message"],
        "jdcloud" => &["requestId", "error"],
        _ => &[],
    }
}

fn is_scalar(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Scalar(scalar) if *scalar != Scalar::Json)
}

/// The one scalar type that reads every item of a list of plain values: their own when they
/// agree, a float for integers and floats, text for other mixes (the lenient text reader takes
/// numbers and booleans), any JSON when an item is null or the list is empty.
fn items_type(items: &[&Value]) -> TypeRef {
    let mut types = items.iter().map(|item| match item {
        Value::Null => TypeRef::Scalar(Scalar::Json),
        other => scalar_of(other),
    });
    let Some(first) = types.next() else { return TypeRef::Scalar(Scalar::Json) };
    types.fold(first, |a, b| match (a, b) {
        (a, b) if a == b => a,
        (json @ TypeRef::Scalar(Scalar::Json), _) | (_, json @ TypeRef::Scalar(Scalar::Json)) => json,
        (
            TypeRef::Scalar(Scalar::Integer | Scalar::Float),
            TypeRef::Scalar(Scalar::Integer | Scalar::Float),
        ) => TypeRef::Scalar(Scalar::Float),
        _ => TypeRef::Scalar(Scalar::String),
    })
}

/// The scalar type a JSON value shows.
fn scalar_of(value: &Value) -> TypeRef {
    TypeRef::Scalar(match value {
        Value::Bool(_) => Scalar::Boolean,
        Value::Number(number) if number.is_i64() => Scalar::Integer,
        // Beyond a 64-bit signed integer (an account id near 2^64): kept whole as text, which the
        // client's lenient readers take from a number.
        Value::Number(number) if number.is_u64() => Scalar::String,
        Value::Number(_) => Scalar::Float,
        Value::String(_) => Scalar::String,
        _ => Scalar::Json,
    })
}

fn describe(ty: &TypeRef, array: bool) -> String {
    let word = match ty {
        TypeRef::Scalar(scalar) => format!("{scalar:?}"),
        TypeRef::Named(name) => format!("`{name}`"),
    };
    if array { format!("a list of {word}") } else { word }
}

/// `createor` for `creator`: one or two edits apart and long enough not to be another word, or the
/// same word in another case.
pub(crate) fn is_misspelling(key: &str, name: &str) -> bool {
    if key.eq_ignore_ascii_case(name) {
        return true;
    }
    key.len() >= 5 && name.len() >= 5 && edit_distance(key, name) <= 2
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Fields that name a type nothing defines become any JSON value.
pub(crate) fn resolve_undefined(response: &mut Response, ctx: &mut Ctx) {
    let defined: BTreeSet<String> = response.types.iter().map(|t| t.name.clone()).collect();
    for def in &mut response.types {
        for field in &mut def.fields {
            let TypeRef::Named(name) = &field.ty else { continue };
            if defined.contains(name) {
                continue;
            }
            ctx.diagnose(
                field.origin.line,
                Severity::Warning,
                "undefined-type",
                format!("`{}` has type `{name}`, which the page does not document", field.name),
                Some("the spec types it as any JSON value; define the type with an overlay".to_owned()),
            );
            field.ty = TypeRef::Scalar(Scalar::Json);
        }
    }
}

/// Fields of one name typed as a string in one type and a number in another (seed 003's `Size`):
/// worth a reviewer's look, since one of the two tables is probably wrong.
fn differently_typed(response: &Response, seen: &BTreeMap<(String, String), Value>, ctx: &mut Ctx) {
    let mut numeric: BTreeMap<&str, (&str, Scalar)> = BTreeMap::new();
    for def in &response.types {
        for field in &def.fields {
            if let TypeRef::Scalar(scalar @ (Scalar::Integer | Scalar::Long | Scalar::Float)) = field.ty {
                numeric.entry(field.name.as_str()).or_insert((def.name.as_str(), scalar));
            }
        }
    }
    for def in &response.types {
        for field in def.fields.iter().filter(|f| f.ty == TypeRef::Scalar(Scalar::String) && !f.array) {
            let Some((other, scalar)) = numeric.get(field.name.as_str()) else { continue };
            let example = match seen.get(&(def.name.clone(), field.name.clone())) {
                Some(value) => format!("the example answer shows {value} here, so the spec keeps a string"),
                None => "no example settles it, so the spec keeps the table's string".to_owned(),
            };
            ctx.diagnose(
                field.origin.line,
                Severity::Note,
                "inconsistent-type",
                format!(
                    "`{}.{}` is a string while `{other}.{}` is {scalar:?}; {example}",
                    def.name, field.name, field.name
                ),
                Some("the client reads numbers written as strings either way; correct the type with an overlay if the page is wrong".to_owned()),
            );
        }
    }
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("static regex"));

/// Template placeholders left unfilled in the page's text (`镜像提供者为{prduct_name}`).
fn placeholders(request: &[Param], response: &Response, ctx: &mut Ctx) {
    let mut texts: Vec<(u32, &str, &str)> = Vec::new();
    for param in request {
        texts.extend(param.description.as_deref().map(|d| (param.origin.line, param.name.as_str(), d)));
        if let Some(enumeration) = &param.enumeration {
            texts.extend(enumeration.values.iter().filter_map(|v| {
                v.meaning.as_deref().map(|m| (enumeration.origin.line, param.name.as_str(), m))
            }));
        }
    }
    for field in response.types.iter().flat_map(|t| &t.fields) {
        texts.extend(field.description.as_deref().map(|d| (field.origin.line, field.name.as_str(), d)));
        if let Some(enumeration) = &field.enumeration {
            texts.extend(enumeration.values.iter().filter_map(|v| {
                v.meaning.as_deref().map(|m| (enumeration.origin.line, field.name.as_str(), m))
            }));
        }
    }
    let mut reported = BTreeSet::new();
    for (line, name, text) in texts {
        for captures in PLACEHOLDER.captures_iter(text) {
            let placeholder = captures[0].to_owned();
            // `https://vm.jdcloud-api.com/v1/regions/{regionId}/images`: a URL template's
            // parameter, not an unfilled placeholder.
            let start = captures.get(0).map_or(0, |m| m.start());
            let word_start = text[..start].rfind(char::is_whitespace).map_or(0, |at| at + 1);
            if text[word_start..start].contains("://") || text[word_start..start].starts_with('/') {
                continue;
            }
            if !reported.insert((line, placeholder.clone())) {
                continue;
            }
            ctx.diagnose(
                line,
                Severity::Warning,
                "placeholder",
                format!("the text of `{name}` holds an unfilled placeholder `{placeholder}`"),
                Some(
                    "the page was published from a template; state the real text with an overlay".to_owned(),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::response::tests::{depth, field, page, type_of};
    use crate::extract::{examples, response};
    use crate::spec::Diagnostic;

    /// A seed page through the reader, the response extractor and the reconciliation.
    fn reconciled(path: &str, action: &str) -> (Response, Vec<Diagnostic>) {
        let doc = page(&format!("generator/tests/fixtures/pages/{path}"));
        let mut ctx = Ctx::new(path, None);
        let mut response = response::extract(&doc, action, &mut ctx);
        let examples = examples::collect(&doc, &examples::QueryStyle::of(None), &mut Vec::new());
        ctx.diagnostics.clear();
        reconcile(&[], &mut response, &examples, &mut ctx);
        (response, ctx.diagnostics)
    }

    fn codes(diagnostics: &[Diagnostic]) -> Vec<(u32, &str)> {
        let mut codes: Vec<(u32, &str)> = diagnostics.iter().map(|d| (d.line, d.code.as_str())).collect();
        codes.sort();
        codes
    }

    #[test]
    fn seed_000_undocumented_sub_code_and_null_description() {
        let (response, diagnostics) = reconciled("qingcloud/DescribeImages.md", "DescribeImages");
        let sub_code = field(&response, "Image", "sub_code");
        assert_eq!(sub_code.ty, TypeRef::Scalar(Scalar::Integer));
        assert_eq!(sub_code.origin, Origin { line: 80, example: true, ..Origin::default() });
        assert!(field(&response, "Image", "description").nullable);
        assert!(!field(&response, "Image", "image_name").nullable);
        assert_eq!(type_of(&response, "Image").fields.len(), 16);
        assert_eq!(codes(&diagnostics), [(80, "undocumented-field"), (81, "empty-enum-value")]);
    }

    #[test]
    fn seed_001_misspelt_key_becomes_an_alias() {
        let (response, diagnostics) = reconciled("tencent/DescribeImages.md", "DescribeImages");
        let creator = field(&response, "Image", "creator");
        assert_eq!(creator.aliases, ["createor"]);
        assert_eq!(type_of(&response, "Image").fields.len(), 8);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].code, "typo");
        assert!(diagnostics[0].message.contains("createor"));
    }

    #[test]
    fn seed_002_tags_follow_the_example_and_the_placeholder_is_reported() {
        let (response, diagnostics) = reconciled("qingcloud-private/DescribeImages.txt", "DescribeImages");
        let tags = field(&response, "Image", "tags");
        assert_eq!((&tags.ty, tags.array), (&TypeRef::Named("Tag".to_owned()), true));
        assert_eq!(type_of(&response, "Tag").fields.len(), 6);
        let root: Vec<&str> =
            type_of(&response, "DescribeImagesResponse").fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(root, ["image_set", "total_count", "action", "ret_code"]);
        assert!(field(&response, "DescribeImagesResponse", "ret_code").origin.example);
        assert_eq!(depth(&response), 3);
        let found = codes(&diagnostics);
        for expected in
            [(212, "type-contradicted-by-example"), (144, "placeholder"), (243, "undocumented-field")]
        {
            assert!(found.contains(&expected), "{expected:?} missing from {found:?}");
        }
        let placeholder = diagnostics.iter().find(|d| d.code == "placeholder").map(|d| d.message.as_str());
        assert!(placeholder.is_some_and(|m| m.contains("{prduct_name}")));
    }

    #[test]
    fn seed_003_disk_size_keeps_the_string_the_example_shows() {
        let (response, diagnostics) = reconciled("aliyun/DescribeImages.md", "DescribeImages");
        assert_eq!(field(&response, "DiskDeviceMapping", "Size").ty, TypeRef::Scalar(Scalar::String));
        assert_eq!(field(&response, "Image", "Size").ty, TypeRef::Scalar(Scalar::Integer));
        assert_eq!(codes(&diagnostics), [(120, "inconsistent-type")]);
        assert!(diagnostics[0].message.contains("\"60\""), "{}", diagnostics[0].message);
        let counts: Vec<usize> = response.types.iter().map(|t| t.fields.len()).collect();
        assert_eq!(counts, [6, 25, 9, 2]);
    }

    #[test]
    fn seed_004_without_examples_changes_nothing() {
        let doc = page("generator/tests/fixtures/pages/jdcloud/describeImages.md");
        let mut ctx = Ctx::new("p", None);
        let before = response::extract(&doc, "describeImages", &mut ctx);
        let (after, diagnostics) = reconciled("jdcloud/describeImages.md", "describeImages");
        assert_eq!(before, after);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    }

    fn synthetic(table: &str, example: &str) -> (Response, Vec<Diagnostic>) {
        let text = format!(
            "## 返回参数\n\n|名称|类型|描述|\n|--|--|--|\n{table}\n## 返回示例\n\n```\n{example}\n```\n"
        );
        let doc = crate::source::read(text.as_bytes(), 1 << 20).expect("readable");
        let mut ctx = Ctx::new("p.md", None);
        let mut response = response::extract(&doc, "Get", &mut ctx);
        reconcile(
            &[],
            &mut response,
            &examples::collect(&doc, &examples::QueryStyle::of(None), &mut Vec::new()),
            &mut ctx,
        );
        (response, ctx.diagnostics)
    }

    #[test]
    fn objects_under_a_scalar_type_get_a_type_from_the_example() {
        let (response, diagnostics) = synthetic(
            "|owner|String|所有者。|\n|count|Integer|数量。|\n|state|String|状态，有效值为 on 和 off|",
            "{\"owner\": {\"id\": \"u-1\", \"quota\": {\"max\": 2.5}}, \"count\": \"many\", \"state\": \"paused\"}",
        );
        let owner = field(&response, "GetResponse", "owner");
        assert_eq!((&owner.ty, owner.array), (&TypeRef::Named("Owner".to_owned()), false));
        assert_eq!(field(&response, "Owner", "quota").ty, TypeRef::Named("Quota".to_owned()));
        assert_eq!(field(&response, "Quota", "max").ty, TypeRef::Scalar(Scalar::Float));
        assert_eq!(field(&response, "GetResponse", "count").ty, TypeRef::Scalar(Scalar::String));
        assert!(field(&response, "GetResponse", "state").enumeration.as_ref().is_some_and(|e| e.open));
        let found: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            found,
            ["type-contradicted-by-example", "type-contradicted-by-example", "value-outside-enum"]
        );
    }

    #[test]
    fn numbers_written_as_strings_agree_and_undefined_types_become_json() {
        let (response, diagnostics) =
            synthetic("|total|Integer|总数。|\n|item|Widget|部件。|", "{\"total\": \"12\", \"item\": 3}");
        assert_eq!(field(&response, "GetResponse", "total").ty, TypeRef::Scalar(Scalar::Integer));
        assert_eq!(field(&response, "GetResponse", "item").ty, TypeRef::Scalar(Scalar::Json));
        let found: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(found, ["type-contradicted-by-example", "undefined-type"]);
    }

    #[test]
    fn a_wrapped_list_of_a_type_documented_elsewhere() {
        let (response, diagnostics) = synthetic(
            "|Disks|[DiskItemType](other-page.md)|磁盘。|",
            "{\"Disks\": {\"Disk\": [{\"DiskId\": \"d-1\", \"Size\": 40}]}}",
        );
        let disks = field(&response, "GetResponse", "Disks");
        assert_eq!((disks.array, disks.wrapper.as_deref()), (true, Some("Disk")));
        assert_eq!(field(&response, "DiskItemType", "Size").ty, TypeRef::Scalar(Scalar::Integer));
        assert!(type_of(&response, "DiskItemType").origin.example);
        let found: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(found, ["wrapped-list", "type-from-example"]);
    }

    #[test]
    fn envelope_fields_and_blanks_in_keys_are_notes() {
        let text = "## 返回数据\n\n|名称|类型|描述|\n|--|--|--|\n|UserData|String|数据。|\n\n## 返回示例\n\n```\n{\"RequestId\": \"r-1\", \" UserData \": \"x\", \"Extra\": 1}\n```\n";
        let doc = crate::source::read(text.as_bytes(), 1 << 20).expect("readable");
        let mut ctx = Ctx { provider: "aliyun", ..Ctx::new("p.md", None) };
        let mut response = response::extract(&doc, "Get", &mut ctx);
        reconcile(
            &[],
            &mut response,
            &examples::collect(&doc, &examples::QueryStyle::of(None), &mut Vec::new()),
            &mut ctx,
        );
        let mut found: Vec<(Severity, &str)> =
            ctx.diagnostics.iter().map(|d| (d.severity, d.code.as_str())).collect();
        found.sort();
        assert_eq!(
            found,
            [
                (Severity::Warning, "undocumented-field"),
                (Severity::Note, "envelope-field"),
                (Severity::Note, "example-whitespace")
            ]
        );
        assert!(field(&response, "GetResponse", "UserData").aliases.is_empty());
        assert_eq!(field(&response, "GetResponse", "RequestId").ty, TypeRef::Scalar(Scalar::String));
    }

    #[test]
    fn an_answer_envelope_gets_its_own_root() {
        let (response, diagnostics) = synthetic(
            "|TotalCount|Integer|总数。|\n|RequestId|String|请求ID。|",
            "{\"Response\": {\"TotalCount\": 2, \"RequestId\": \"r-1\"}}",
        );
        assert_eq!(response.root, "GetResponse");
        let names: Vec<&str> = response.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["GetResponse", "GetResponseBody"]);
        assert_eq!(
            field(&response, "GetResponse", "Response").ty,
            TypeRef::Named("GetResponseBody".to_owned())
        );
        assert_eq!(type_of(&response, "GetResponseBody").fields.len(), 2);
        let found: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(found, ["answer-envelope"]);
    }

    #[test]
    fn a_json_example_prevails_over_a_list_the_table_states() {
        let (response, diagnostics) = synthetic(
            "|Ids|Array of IdSet|标识。|\n|Disk|Array|硬盘。|\n|Rows|Array of Row|行。|",
            "{\"Ids\": [\"i-1\", \"i-2\"], \"Disk\": {\"rootId\": \"d-1\", \"rootSize\": 50}, \"Rows\": {\"Row\": [{\"a\": 1}]}}",
        );
        let ids = field(&response, "GetResponse", "Ids");
        assert_eq!(
            (&ids.ty, ids.array),
            (&TypeRef::Scalar(Scalar::String), true),
            "plain values, not objects"
        );
        let disk = field(&response, "GetResponse", "Disk");
        assert!(!disk.array, "one object where the table says Array");
        assert_eq!(field(&response, "Disk", "rootSize").ty, TypeRef::Scalar(Scalar::Integer));
        assert!(field(&response, "GetResponse", "Rows").array, "a one-key wrapper stays a list");
        let found: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(found.iter().filter(|c| **c == "type-contradicted-by-example").count(), 2, "{found:?}");
    }

    #[test]
    fn fields_the_example_alone_shows_read_every_value_it_gives() {
        let (response, diagnostics) = synthetic(
            "|Items|Array of Item|项。|",
            "{\"Items\": [{\"Size\": 40, \"Owner\": 18446744073709551615, \"Labels\": [\"a\", null], \"Ratio\": 1, \"HostId\": \"h\"}, {\"Size\": \"big\", \"Owner\": 1, \"Labels\": [], \"Ratio\": 1.5, \"HostId\": null}]}",
        );
        let ty = |name: &str| field(&response, "Item", name).ty.clone();
        assert_eq!(ty("Size"), TypeRef::Scalar(Scalar::String), "40 and \"big\": text reads both");
        assert_eq!(ty("Owner"), TypeRef::Scalar(Scalar::String), "beyond i64: kept whole as text");
        assert_eq!(ty("Labels"), TypeRef::Scalar(Scalar::Json), "a null item");
        assert_eq!(ty("Ratio"), TypeRef::Scalar(Scalar::Float));
        assert!(field(&response, "Item", "HostId").nullable);
        assert!(diagnostics.iter().all(|d| d.code != "typo"), "{diagnostics:#?}");
    }

    #[test]
    fn a_plural_beside_a_singular_is_another_field() {
        let (response, diagnostics) =
            synthetic("|HostIds|Array of String|宿主机。|", "{\"HostId\": \"h-1\"}");
        assert!(field(&response, "GetResponse", "HostIds").aliases.is_empty());
        assert_eq!(field(&response, "GetResponse", "HostId").ty, TypeRef::Scalar(Scalar::String));
        assert_eq!(diagnostics[0].code, "undocumented-field");
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("creator", "createor"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert!(is_misspelling("createor", "creator"));
        assert!(is_misspelling("ImageId", "imageId"));
        assert!(!is_misspelling("size", "sizes"));
        assert!(!is_misspelling("status", "created"));
    }
}
