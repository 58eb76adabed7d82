//! The request the spec-driven test sends for an API, as wire pairs for `Api::from_wire`.
//!
//! Input: an [`ApiSpec`] and its provider's [`Profile`]. Output: the page's first example request
//! without the parameters the spec says the page gets wrong, completed with a value the spec
//! allows for every parameter still needed: the required ones, and those the set ones make needed
//! (`requires`, `required_unless`, `required_when`). The region parameter is left to the client's
//! configured region.

use generator::spec::{
    ApiSpec, Enumeration, Field, Format, FormatKind, Length, ListEncoding, Param, Profile, Range, Scalar,
    TypeRef,
};

/// The pairs of the request to send.
pub fn pairs(spec: &ApiSpec, profile: &Profile) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = match spec.examples.requests.first() {
        Some(example) => example.checked_params(profile.list_index_base),
        None => Vec::new(),
    };
    // Each pass adds what the pairs so far make needed; a `requires` chain needs one pass a link.
    for _ in 0..=spec.request.len() {
        let needed: Vec<&Param> = spec
            .request
            .iter()
            .filter(|p| p.name != profile.region_param && !is_set(spec, &p.name, &pairs))
            .filter(|p| is_needed(spec, p, &pairs))
            .collect();
        if needed.is_empty() {
            break;
        }
        for param in needed {
            pairs.extend(smallest(spec, profile, param));
        }
    }
    pairs
}

/// True when `pairs` set the parameter the spec calls `name`: the name itself, an item of its list
/// (`Tag.1.Key` for `Tag.N.Key`) or a field of its object (`diskSpec.az` for `diskSpec`).
fn is_set(spec: &ApiSpec, name: &str, pairs: &[(String, String)]) -> bool {
    let Some(param) = spec.request.iter().find(|p| p.name == name) else {
        return pairs.iter().any(|(key, _)| key == name);
    };
    let list = param.list.as_ref();
    let stem = list.and_then(|l| l.prefix.as_deref()).unwrap_or(&param.name);
    let field = list.and_then(|l| l.field.as_deref());
    pairs.iter().any(|(key, _)| {
        if key == &param.name || key == stem {
            return true;
        }
        let Some(rest) = key.strip_prefix(stem).and_then(|rest| rest.strip_prefix('.')) else {
            return false;
        };
        match field {
            Some(field) => rest.split_once('.').is_some_and(|(index, after)| {
                index.parse::<u32>().is_ok() && (after == field || after.starts_with(&format!("{field}.")))
            }),
            None => true,
        }
    })
}

/// True when the request must carry `param`, given what `pairs` already set.
fn is_needed(spec: &ApiSpec, param: &Param, pairs: &[(String, String)]) -> bool {
    let conditions = &param.conditions;
    let value_of = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value);
    param.required
        || (!conditions.required_unless.is_empty()
            && !conditions.required_unless.iter().any(|other| is_set(spec, other, pairs)))
        || conditions
            .required_when
            .iter()
            .any(|when| value_of(&when.param).is_some_and(|v| when.values.contains(v)))
        || spec
            .request
            .iter()
            .any(|other| other.conditions.requires.contains(&param.name) && is_set(spec, &other.name, pairs))
}

/// The pairs of the smallest valid value of `param`: one item of a list, the required fields of an
/// object.
fn smallest(spec: &ApiSpec, profile: &Profile, param: &Param) -> Vec<(String, String)> {
    let base = profile.list_index_base;
    let example = param.example.as_deref();
    let constraints = Constraints::from(param);
    let Some(list) = &param.list else {
        return value(spec, profile, &param.name, &param.ty, &constraints, example);
    };
    match list.encoding {
        ListEncoding::Indexed => {
            let item = format!("{}.{base}", list.prefix.as_deref().unwrap_or(&param.name));
            match &list.field {
                Some(field) if list.field_indexed => {
                    vec![(
                        format!("{item}.{field}.{base}"),
                        scalar(profile, &param.ty, &constraints, example),
                    )]
                }
                Some(field) => {
                    vec![(format!("{item}.{field}"), scalar(profile, &param.ty, &constraints, example))]
                }
                None => value(spec, profile, &item, &param.ty, &constraints, example),
            }
        }
        ListEncoding::Json => {
            let item = scalar(profile, &param.ty, &constraints, example);
            let item = if param.ty == TypeRef::Scalar(Scalar::String) {
                serde_json::Value::from(item)
            } else {
                item.parse().unwrap_or_default()
            };
            vec![(param.name.clone(), serde_json::Value::Array(vec![item]).to_string())]
        }
        // One value is a comma-joined list of one.
        ListEncoding::Comma => vec![(param.name.clone(), scalar(profile, &param.ty, &constraints, example))],
    }
}

/// What a value must meet. The model states it on each parameter and on each field of a request
/// type alike, and a value of either is made the same way.
struct Constraints<'a> {
    enumeration: Option<&'a Enumeration>,
    range: Option<&'a Range>,
    length: Option<&'a Length>,
    format: Option<&'a Format>,
}

impl<'a> From<&'a Param> for Constraints<'a> {
    fn from(param: &'a Param) -> Self {
        Constraints {
            enumeration: param.enumeration.as_ref(),
            range: param.range.as_ref(),
            length: param.length.as_ref(),
            format: param.format.as_ref(),
        }
    }
}

impl<'a> From<&'a Field> for Constraints<'a> {
    fn from(field: &'a Field) -> Self {
        Constraints {
            enumeration: field.enumeration.as_ref(),
            range: field.range.as_ref(),
            length: field.length.as_ref(),
            format: field.format.as_ref(),
        }
    }
}

/// The pairs of a value of type `ty` named `wire`: one pair for a scalar, the required fields of a
/// request type (non-nullable ones), each list field with one item.
fn value(
    spec: &ApiSpec,
    profile: &Profile,
    wire: &str,
    ty: &TypeRef,
    constraints: &Constraints,
    example: Option<&str>,
) -> Vec<(String, String)> {
    let object = match ty {
        TypeRef::Named(name) => spec.request_types.iter().find(|t| &t.name == name),
        TypeRef::Scalar(_) => None,
    };
    let Some(object) = object else {
        return vec![(wire.to_owned(), scalar(profile, ty, constraints, example))];
    };
    let base = profile.list_index_base;
    object
        .fields
        .iter()
        .filter(|field| !field.nullable)
        .flat_map(|field| {
            let name = match field.array {
                true => format!("{wire}.{}.{base}", field.name),
                false => format!("{wire}.{}", field.name),
            };
            value(spec, profile, &name, &field.ty, &Constraints::from(field), None)
        })
        .collect()
}

/// A scalar value the constraints allow: the page's example (unless the page's own list of values
/// leaves it out), the first enumerated value, the least number in range, a date in the stated
/// format, or plain lower-case text of an allowed length (lower-case ASCII letters meet every text
/// rule the specs state: a letter first, ASCII, no `http://` or `acs:`).
fn scalar(profile: &Profile, ty: &TypeRef, constraints: &Constraints, example: Option<&str>) -> String {
    let closed = constraints.enumeration.filter(|e| !e.open);
    let listed = |value: &str| closed.is_none_or(|e| e.values.iter().any(|v| v.value == value));
    if let Some(example) = example.filter(|example| listed(example)) {
        return example.to_owned();
    }
    if let Some(first) = constraints.enumeration.and_then(|e| e.values.first()) {
        return first.value.clone();
    }
    let date_format = constraints.format.filter(|f| f.kind == FormatKind::DateTime);
    match ty {
        TypeRef::Scalar(Scalar::Boolean) => profile.boolean.true_.clone(),
        TypeRef::Scalar(Scalar::Integer | Scalar::Long | Scalar::Float) => {
            let (min, max) = (constraints.range.and_then(|r| r.min), constraints.range.and_then(|r| r.max));
            min.unwrap_or(1).min(max.unwrap_or(i64::MAX)).to_string()
        }
        TypeRef::Scalar(Scalar::Json) => "{}".to_owned(),
        _ if *ty == TypeRef::Scalar(Scalar::Timestamp) || date_format.is_some() => {
            let pattern = date_format.and_then(|f| f.pattern.as_deref()).unwrap_or("yyyy-MM-ddTHH:mm:ssZ");
            [
                ("yyyy", "2024"),
                ("YYYY", "2024"),
                ("MM", "01"),
                ("dd", "02"),
                ("DD", "02"),
                ("HH", "03"),
                ("mm", "04"),
                ("ss", "05"),
            ]
            .iter()
            .fold(pattern.to_owned(), |text, (letters, digits)| text.replace(letters, digits))
        }
        _ => {
            let length = constraints.length;
            let (min, max) =
                (length.and_then(|l| l.min).unwrap_or(1), length.and_then(|l| l.max).unwrap_or(u32::MAX));
            let mut text = "example".to_owned();
            while (text.chars().count() as u32) < min {
                text.push('x');
            }
            text.chars().take(max.max(1) as usize).collect()
        }
    }
}
