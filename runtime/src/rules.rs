//! The constraints a page states, as data: each generated request lists its [`Rule`]s, and
//! [`check`] walks them over the parameters the request writes.
//!
//! Input: a request's [`Params`] (what its `write_params` hands over: typed values under their
//! wire names, lists, objects) and its rules. Output: every broken constraint at once, each naming
//! the wire parameter with its index filled in (`Tag.21.Key`, `filters.2.values`) and citing the
//! place of the page that states it. One table of static data per request, read by this one walk,
//! instead of a block of generated code per check: the client of hundreds of APIs compiles little
//! per constraint.

#[cfg(test)]
mod tests;
mod text;

use std::borrow::Cow;

use crate::operation::Operation;
use crate::params::{ListEncoding, Params, Value};
use crate::provider::Provider;
use crate::validate::{ValidationErrors, Validator};

/// The constraints on one parameter, or on one field of the objects a parameter holds.
#[derive(Debug)]
pub struct Rule {
    /// The wire name: a parameter as its request writes it (the prefix `images` of `images.N`,
    /// `Tag` of `Tag.N.Key`), or a field of an object (`Key`, `az`).
    pub name: &'static str,
    /// Each check, with the place of the page that states it.
    pub checks: &'static [(Check, &'static str)],
    /// The rules of the fields of the object the value holds (of each object, for a list).
    pub fields: &'static [Rule],
}

impl Rule {
    /// The rule of `name`.
    pub const fn new(
        name: &'static str,
        checks: &'static [(Check, &'static str)],
        fields: &'static [Rule],
    ) -> Rule {
        Rule { name, checks, fields }
    }
}

/// Another parameter that a condition names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    /// A parameter of the request, by the name it is written under.
    Param(&'static str),
    /// A field of the same object: another field of a `Tag.N.…` item, or of a request type.
    Field(&'static str),
}

/// One constraint. Bounds are `(min, max, step)`; a value must be a multiple of `step` counted
/// from `min` (from 0 without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Must be set; a list must hold an item.
    Required,
    /// When set, each of these must be set too (`需与X同时指定`).
    Requires(&'static [Ref]),
    /// Must be set unless one of these is (`如果不指定X，则Y为必填`).
    RequiredUnless(&'static [Ref]),
    /// Must be set when the other parameter has one of the values.
    RequiredWhen(Ref, &'static [&'static str]),
    /// Must not be set together with any of these (`不可同时指定`).
    Excludes(&'static [Ref]),
    /// A list holds at most this many items. The violation names the first item too many,
    /// followed by the text given (`Tag.21` and `.Key`: `Tag.21.Key`).
    MaxItems(usize, &'static str),
    /// One of these values: a value of a closed set.
    OneOf(&'static [&'static str]),
    /// A number within `(min, max, step)`.
    Range(Option<i64>, Option<i64>, Option<i64>),
    /// A number within `(min, max, step)` when the other parameter has one of the values.
    RangeWhen(Ref, &'static [&'static str], Option<i64>, Option<i64>, Option<i64>),
    /// A text of `min` to `max` characters (Unicode scalar values).
    Chars(Option<u32>, Option<u32>),
    /// A text of `min` to `max` bytes of UTF-8.
    Bytes(Option<u32>, Option<u32>),
    /// Starts with an ASCII letter (`以字母开头`).
    LetterFirst,
    /// Starts with an ASCII letter or a Chinese character (`以大小写字母或中文开头`).
    LetterOrChineseFirst,
    /// Starts with none of these (`不能以http://开头`).
    NotPrefix(&'static [&'static str]),
    /// Contains none of these (`不能包含http://`).
    NotContains(&'static [&'static str]),
    /// ASCII characters only.
    Ascii,
    /// Letters (ASCII or Chinese), digits and these characters only.
    AllowedChars(&'static str),
    /// No upper-case letter (`注意要小写`).
    Lowercase,
    /// A date-time of this pattern, written with Java-style letters (`yyyy-MM-ddTHH:mmZ`).
    DateTime(&'static str),
}

/// Checks `op` against its rules ([`Operation::RULES`]): what a generated `validate` does.
///
/// # Errors
///
/// Every broken constraint, at once.
pub fn check_operation<O: Operation>(op: &O, provider: &'static Provider) -> Result<(), ValidationErrors> {
    let mut params = Params::new(provider);
    op.write_params(&mut params);
    check(&params, O::RULES)
}

/// Checks the parameters a request wrote against `rules`. A parameter set with `extra_param` in
/// place of a documented one is the caller's choice and is not checked, though conditions on
/// other parameters see it set.
///
/// # Errors
///
/// Every broken constraint, at once, in the order of the rules.
pub fn check(params: &Params, rules: &[Rule]) -> Result<(), ValidationErrors> {
    let mut walk = Walk { params, base: params.provider().list_index_base as usize, out: Validator::new() };
    for rule in rules {
        let entry = params.entries().iter().find(|e| e.name == rule.name);
        if entry.is_some_and(|e| e.extra) {
            continue;
        }
        let here = Place { name: Cow::Borrowed(rule.name), parent: "", siblings: &[] };
        walk.node(rule, &here, entry.and_then(|e| e.value.as_ref()));
    }
    walk.out.finish()
}

/// Where a value sits: its wire name, and the object it is a field of.
struct Place<'a> {
    name: Cow<'a, str>,
    /// The wire name of the enclosing object (`Tag.1`), empty at the top.
    parent: &'a str,
    /// The enclosing object's fields.
    siblings: &'a [(Cow<'static, str>, Value)],
}

struct Walk<'a> {
    params: &'a Params,
    base: usize,
    out: Validator,
}

impl<'a> Walk<'a> {
    /// The checks of `rule` on the value at `here` (absent or not), then on each item of a list.
    fn node(&mut self, rule: &Rule, here: &Place<'_>, value: Option<&Value>) {
        for &(check, source) in rule.checks {
            self.presence(check, source, here, value);
        }
        let Some(value) = value else { return };
        match value {
            Value::List(encoding, items) => {
                for (i, item) in items.iter().enumerate() {
                    let name = match encoding {
                        ListEncoding::Indexed => Cow::Owned(format!("{}.{}", here.name, i + self.base)),
                        // A list in one parameter: every item goes by the parameter's name.
                        ListEncoding::Comma | ListEncoding::Json => Cow::Borrowed(here.name.as_ref()),
                    };
                    self.leaf(rule, &name, item, here);
                }
            }
            value => self.leaf(rule, &here.name, value, here),
        }
    }

    /// The checks of `rule` on one value (an item of a list, or the value itself): its fields
    /// when it is an object, else the checks of a scalar.
    fn leaf(&mut self, rule: &Rule, name: &str, value: &Value, here: &Place<'_>) {
        if let Value::Object(fields) = value {
            for field in rule.fields {
                let value = fields.iter().find(|(n, _)| n == field.name).map(|(_, v)| v);
                let place = Place {
                    name: Cow::Owned(format!("{name}.{}", field.name)),
                    parent: name,
                    siblings: fields,
                };
                self.node(field, &place, value);
            }
            return;
        }
        for &(check, source) in rule.checks {
            self.scalar(check, source, name, value, here);
        }
    }

    /// The checks on whether a value is there, and on the size of a list.
    fn presence(&mut self, check: Check, source: &'static str, here: &Place<'_>, value: Option<&Value>) {
        let name = here.name.as_ref();
        let present = value.is_some();
        match check {
            Check::Required if !present => self.out.fail(name, "is required", source),
            Check::Requires(others) if present => {
                for other in self.names_of(others, here, false) {
                    self.out.fail(name, format!("requires {other} to be set as well"), source);
                }
            }
            Check::RequiredUnless(others)
                if !present && others.iter().all(|o| self.get(o, here).is_none()) =>
            {
                let names: Vec<String> = others.iter().map(|o| self.name_of(o, here)).collect();
                self.out.fail(name, format!("is required when {} is not set", names.join(" or ")), source);
            }
            Check::RequiredWhen(other, values) if !present => {
                if let Some(set) = self.get(&other, here).filter(|v| spelled(v, values)) {
                    let other = self.name_of(&other, here);
                    let set = text(set).unwrap_or_default();
                    self.out.fail(name, format!("is required when {other} is {set}"), source);
                }
            }
            Check::Excludes(others) if present => {
                for other in self.names_of(others, here, true) {
                    self.out.fail(name, format!("cannot be set together with {other}"), source);
                }
            }
            Check::MaxItems(max, then) => {
                if let Some(Value::List(encoding, items)) = value
                    && items.len() > max
                {
                    let first_too_many = match encoding {
                        ListEncoding::Indexed => format!("{name}.{}{then}", max + self.base),
                        ListEncoding::Comma | ListEncoding::Json => name.to_owned(),
                    };
                    let message = format!("at most {max} items are allowed, got {}", items.len());
                    self.out.fail(first_too_many, message, source);
                }
            }
            _ => {}
        }
    }

    /// The checks on one scalar value; each applies to the kind of value it is about (a range to
    /// numbers, a length to text) and leaves the others alone.
    fn scalar(&mut self, check: Check, source: &'static str, name: &str, value: &Value, here: &Place<'_>) {
        match (check, value) {
            (Check::OneOf(values), value) => {
                if let Some(text) = text(value).filter(|t| !values.contains(&t.as_ref())) {
                    let message = format!("must be one of {}, got {text:?}", values.join(", "));
                    self.out.fail(name, message, source);
                }
            }
            (Check::Range(min, max, step), value) => {
                if let Some((bounds, got)) = out_of_bounds(value, min, max, step) {
                    self.out.fail(name, format!("must be {bounds}, got {got}"), source);
                }
            }
            (Check::RangeWhen(other, values, min, max, step), value) => {
                let Some(set) = self.get(&other, here).filter(|v| spelled(v, values)) else { return };
                if let Some((bounds, got)) = out_of_bounds(value, min, max, step) {
                    let other = self.name_of(&other, here);
                    let set = text(set).unwrap_or_default();
                    self.out.fail(name, format!("must be {bounds} when {other} is {set}, got {got}"), source);
                }
            }
            (check, Value::Text(text)) => {
                if let Some(problem) = text::problem(check, text) {
                    self.out.fail(name, problem, source);
                }
            }
            _ => {}
        }
    }

    /// The value of the parameter or field `other` names, as seen from `here`.
    fn get<'v>(&self, other: &Ref, here: &Place<'v>) -> Option<&'v Value>
    where
        'a: 'v,
    {
        match other {
            Ref::Param(name) => self.params.get(name),
            Ref::Field(name) => here.siblings.iter().find(|(n, _)| n == name).map(|(_, v)| v),
        }
    }

    /// The wire names of those of `others` that are set (`set`) or not.
    fn names_of(&self, others: &[Ref], here: &Place<'_>, set: bool) -> Vec<String> {
        others.iter().filter(|o| self.get(o, here).is_some() == set).map(|o| self.name_of(o, here)).collect()
    }

    /// The wire name of what `other` names, as seen from `here` (`Filter.1.Key` for the field
    /// `Key` of the item `Filter.1`).
    fn name_of(&self, other: &Ref, here: &Place<'_>) -> String {
        match other {
            Ref::Param(name) => (*name).to_owned(),
            Ref::Field(name) if here.parent.is_empty() => (*name).to_owned(),
            Ref::Field(name) => format!("{}.{name}", here.parent),
        }
    }
}

/// The text of a scalar, as a page spells values: numbers in decimal, booleans as `true`/`false`.
fn text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::Text(text) => Some(Cow::Borrowed(text)),
        Value::Int(n) => Some(Cow::Owned(n.to_string())),
        Value::Float(x) => Some(Cow::Owned(x.to_string())),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        Value::List(..) | Value::Object(_) => None,
    }
}

/// True when `value` is one of `values` as a page spells them (a boolean in any case).
fn spelled(value: &Value, values: &[&str]) -> bool {
    match (value, text(value)) {
        (Value::Bool(_), Some(text)) => values.iter().any(|v| v.eq_ignore_ascii_case(&text)),
        (_, Some(text)) => values.contains(&text.as_ref()),
        (_, None) => false,
    }
}

/// What a number breaks of `min`, `max` and `step` (`between 5 and 2000`), with the number as
/// text; `None` when it fits or is no number. A float that is not a number lies in no range.
fn out_of_bounds(
    value: &Value,
    min: Option<i64>,
    max: Option<i64>,
    step: Option<i64>,
) -> Option<(String, String)> {
    let (below, above, got) = match *value {
        Value::Int(n) => (min.is_some_and(|m| n < m), max.is_some_and(|m| n > m), n.to_string()),
        // Page bounds are small integers: the conversion is exact.
        Value::Float(x) => {
            let below = min.is_some_and(|m| x.is_nan() || x < m as f64);
            let above = max.is_some_and(|m| x.is_nan() || x > m as f64);
            (below, above, x.to_string())
        }
        _ => return None,
    };
    if below || above {
        let bounds = match (min, max) {
            (Some(a), Some(b)) => format!("between {a} and {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => unreachable!("a value out of bounds has a bound"),
        };
        return Some((bounds, got));
    }
    // Steps count whole numbers: a float has none to check.
    let (Value::Int(n), Some(step)) = (value, step.filter(|s| *s > 0)) else { return None };
    let from = min.unwrap_or(0);
    let n = *n;
    if (n - from).rem_euclid(step) == 0 {
        return None;
    }
    let bounds = if from.rem_euclid(step) == 0 {
        format!("a multiple of {step}")
    } else {
        format!("{from} plus a multiple of {step}")
    };
    Some((bounds, got))
}
