//! How spec values read in a report: `string[]`, `10..=100`, `indexed, prefix Tag, field Key`.

use crate::spec::{EnumValue, Enumeration, Field, Length, LengthUnit, ListShape, Param, TypeRef};
use serde::Serialize;

/// A parameter's type as the spec says it: `string`, `string[]`, `Filter[]`, `string enum`.
pub(super) fn param_type(p: &Param) -> String {
    type_words(&p.ty, p.list.is_some(), p.enumeration.as_ref())
}

pub(super) fn field_type(f: &Field) -> String {
    type_words(&f.ty, f.array, f.enumeration.as_ref())
}

fn type_words(ty: &TypeRef, list: bool, enumeration: Option<&Enumeration>) -> String {
    let mut words = match ty {
        TypeRef::Scalar(s) => text(s),
        TypeRef::Named(name) => name.clone(),
    };
    if enumeration.is_some_and(|e| !e.values.is_empty()) {
        words.push_str(" enum");
    }
    if list {
        words.push_str("[]");
    }
    words
}

pub(super) fn list_text(list: &ListShape) -> String {
    let mut words = text(&list.encoding);
    if let Some(prefix) = &list.prefix {
        words.push_str(&format!(", prefix {prefix}"));
    }
    if let Some(field) = &list.field {
        words.push_str(&format!(", field {field}"));
        if list.field_indexed {
            words.push_str(" (a list)");
        }
    }
    words
}

/// `10..=100`, `1..`, `..=100`, with ` step 10`.
pub(super) fn bounds_text(min: Option<i64>, max: Option<i64>, step: Option<i64>) -> String {
    let mut words = match (min, max) {
        (Some(a), Some(b)) => format!("{a}..={b}"),
        (Some(a), None) => format!("{a}.."),
        (None, Some(b)) => format!("..={b}"),
        (None, None) => "any".to_owned(),
    };
    if let Some(step) = step {
        words.push_str(&format!(" step {step}"));
    }
    words
}

pub(super) fn length_text(length: &Length) -> String {
    let unit = match length.unit {
        LengthUnit::Chars => "characters",
        LengthUnit::Bytes => "bytes",
    };
    format!("{} {unit}", bounds_text(length.min.map(i64::from), length.max.map(i64::from), None))
}

pub(super) fn value_text(value: &EnumValue) -> String {
    match &value.meaning {
        Some(meaning) => format!("{}: {meaning}", value.value),
        None => value.value.clone(),
    }
}

/// A value as its YAML spelling: `query`, `indexed`, `letter-first`, or compact JSON for the rest.
pub(super) fn text<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => "none".to_owned(),
        Ok(other) => other.to_string(),
        Err(e) => format!("<{e}>"),
    }
}

/// The first line where two texts differ, from each side.
pub(super) fn first_difference(old: Option<&str>, new: Option<&str>) -> (Option<String>, Option<String>) {
    let (Some(a), Some(b)) = (old, new) else { return (old.map(str::to_owned), new.map(str::to_owned)) };
    let (mut a_lines, mut b_lines) = (a.lines(), b.lines());
    loop {
        match (a_lines.next(), b_lines.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (x, y) => return (x.map(|l| l.trim().to_owned()), y.map(|l| l.trim().to_owned())),
        }
    }
}
