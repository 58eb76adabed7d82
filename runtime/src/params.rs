//! Request parameters on their way to the wire, as typed values.
//!
//! A generated `write_params` hands over each parameter as its wire name, where it travels
//! ([`At`]) and its value: a typed scalar, a list (with the page's [`ListEncoding`]) or an object
//! with named fields. How those become query pairs (`Tag.1.Key`, `ids.1`, `Status=a,b`,
//! `DiskIds=["d-1"]`) or a JSON body is the provider's and the scheme's business, decided once in
//! the runtime's payload encoder when the client prepares the request, so generated code never
//! spells a wire convention.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};

use crate::provider::Provider;
use crate::validate::Violation;

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum At {
    /// In the query string (or, for schemes that send everything in a JSON body, in the body).
    Query,
    /// In the path template's `{name}`.
    Path,
    /// With the operation's parameters: the JSON body where the scheme and method send one,
    /// otherwise the query string.
    Body,
    /// An HTTP header.
    Header,
}

/// How a list goes on the wire, as the page states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListEncoding {
    /// One parameter per item, `name.N` (from the provider's index base); a JSON array in a JSON
    /// body.
    Indexed,
    /// One parameter, the items joined with `,`.
    Comma,
    /// One parameter holding a JSON array (`DiskIds=["d-1","d-2"]`); the array itself in a JSON
    /// body.
    Json,
}

/// One parameter's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, sent as given.
    Text(String),
    /// An integer: decimal in a query, a number in JSON.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// A boolean: the provider's spelling in a query (`True`), `true`/`false` in JSON.
    Bool(bool),
    /// Several values.
    List(ListEncoding, Vec<Value>),
    /// Named fields, in the page's order.
    Object(Vec<(Cow<'static, str>, Value)>),
}

impl Value {
    /// The text of a scalar in `provider`'s query spelling; a list or object as compact JSON (the
    /// only faithful text a single query value can give it).
    pub fn text(&self, provider: &Provider) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Int(n) => n.to_string(),
            Value::Float(x) => x.to_string(),
            Value::Bool(b) => (if *b { provider.bool_true } else { provider.bool_false }).to_owned(),
            Value::List(ListEncoding::Comma, items) => {
                items.iter().map(|item| item.text(provider)).collect::<Vec<_>>().join(",")
            }
            Value::List(..) | Value::Object(_) => serde_json::to_string(self).unwrap_or_default(),
        }
    }
}

/// JSON as the providers read it: scalars typed, a comma list as its joined text, other lists as
/// arrays, objects as objects with their fields in order.
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(text) => serializer.serialize_str(text),
            Value::Int(n) => serializer.serialize_i64(*n),
            Value::Float(x) => serializer.serialize_f64(*x),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::List(ListEncoding::Comma, items) => {
                let texts: Vec<String> = items.iter().map(json_text).collect();
                serializer.serialize_str(&texts.join(","))
            }
            Value::List(_, items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (name, value) in fields {
                    map.serialize_entry(name.as_ref(), value)?;
                }
                map.end()
            }
        }
    }
}

/// An item of a comma list in a JSON body: its text, booleans as JSON spells them.
fn json_text(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Int(n) => n.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Bool(b) => b.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

/// A JSON value as a parameter: arrays become indexed lists, objects objects; `null` becomes the
/// empty text.
impl From<serde_json::Value> for Value {
    fn from(json: serde_json::Value) -> Self {
        match json {
            serde_json::Value::Null => Value::Text(String::new()),
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => n.as_f64().map_or_else(|| Value::Text(n.to_string()), Value::Float),
            },
            serde_json::Value::String(s) => Value::Text(s),
            serde_json::Value::Array(items) => {
                Value::List(ListEncoding::Indexed, items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (Cow::Owned(k), Value::from(v))).collect())
            }
        }
    }
}

/// A request value that can go on the wire.
pub trait ToValue {
    /// The value to send, or `None` to send nothing (an unset option, an empty list).
    fn to_value(&self) -> Option<Value>;
}

impl ToValue for str {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Text(self.to_owned()))
    }
}

impl ToValue for String {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Text(self.clone()))
    }
}

impl ToValue for bool {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Bool(*self))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Option<Value> {
        Some(Value::Float(*self))
    }
}

macro_rules! to_value_int {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Option<Value> {
                Some(i64::try_from(*self).map_or_else(|_| Value::Text(self.to_string()), Value::Int))
            }
        }
    )*};
}
to_value_int!(i32, i64, u32, u64);

impl ToValue for Value {
    fn to_value(&self) -> Option<Value> {
        Some(self.clone())
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Option<Value> {
        self.as_ref().and_then(ToValue::to_value)
    }
}

/// A list the page sends item by item: `name.N`, or a JSON array in a JSON body.
impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> Option<Value> {
        list(ListEncoding::Indexed, self)
    }
}

/// A list the page sends as one comma-joined parameter.
#[derive(Debug, Clone, Copy)]
pub struct Comma<'a, T>(pub &'a [T]);

impl<T: ToValue> ToValue for Comma<'_, T> {
    fn to_value(&self) -> Option<Value> {
        list(ListEncoding::Comma, self.0)
    }
}

/// A list the page sends as one parameter holding a JSON array.
#[derive(Debug, Clone, Copy)]
pub struct JsonArray<'a, T>(pub &'a [T]);

impl<T: ToValue> ToValue for JsonArray<'_, T> {
    fn to_value(&self) -> Option<Value> {
        list(ListEncoding::Json, self.0)
    }
}

/// The items of `values` as one list, or `None` when there is none to send.
fn list<T: ToValue>(encoding: ListEncoding, values: &[T]) -> Option<Value> {
    let items: Vec<Value> = values.iter().filter_map(ToValue::to_value).collect();
    (!items.is_empty()).then_some(Value::List(encoding, items))
}

/// The fields of a request object, collected by its generated `ToValue`.
#[derive(Debug, Default)]
pub struct Object(Vec<(Cow<'static, str>, Value)>);

impl Object {
    /// No field yet.
    pub fn new() -> Self {
        Object(Vec::new())
    }

    /// Adds field `name` when `value` has something to send.
    pub fn add<V: ToValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.put(name, value.to_value());
    }

    /// Adds field `name` with `value`, if there is one.
    pub fn put(&mut self, name: &'static str, value: Option<Value>) {
        if let Some(value) = value {
            self.0.push((Cow::Borrowed(name), value));
        }
    }

    /// The object: sent even with no field set (`{}` in JSON), since the caller chose to set it.
    pub fn finish(self) -> Option<Value> {
        Some(Value::Object(self.0))
    }
}

/// A value of a set, with its wire spelling.
pub trait WireEnum: Sized + Clone + 'static {
    /// Each listed value, with its wire spelling.
    const VALUES: &'static [(&'static str, Self)];

    /// True when the page types the values as numbers (`1`, `2`, `3`): JSON bodies then send
    /// numbers, not strings.
    const NUMERIC: bool = false;

    /// The variant of a value the set does not list (`Other`), if the type has one.
    const OTHER: Option<fn(String) -> Self> = None;

    /// The spelling of a value the set does not list (an `Other` variant), if `self` is one.
    fn other(&self) -> Option<&str> {
        None
    }
}

/// The wire spelling of a value of a set.
pub fn wire_str<T: WireEnum>(value: &T) -> &str {
    value.other().unwrap_or_else(|| {
        let discriminant = std::mem::discriminant(value);
        T::VALUES.iter().find(|(_, v)| std::mem::discriminant(v) == discriminant).map_or("", |(text, _)| text)
    })
}

/// Whether two values of a set are the same value (the same variant, and for `Other` the same text):
/// what `#[derive(PartialEq)]` would say.
pub fn wire_eq<T: WireEnum>(a: &T, b: &T) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b) && a.other() == b.other()
}

impl<T: WireEnum> ToValue for T {
    fn to_value(&self) -> Option<Value> {
        let text = wire_str(self);
        let number = if T::NUMERIC {
            text.parse::<i64>().map(Value::Int).or_else(|_| text.parse::<f64>().map(Value::Float)).ok()
        } else {
            None
        };
        Some(number.unwrap_or_else(|| Value::Text(text.to_owned())))
    }
}

/// The items of a JSON array in one parameter (`["d-1","d-2"]`) as wire text: strings as they
/// are, other values as JSON. `None` when `text` is no JSON array.
pub fn json_array_items(text: &str) -> Option<Vec<String>> {
    let items: Vec<serde_json::Value> = serde_json::from_str(text).ok()?;
    let text = |item: serde_json::Value| match item {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    Some(items.into_iter().map(text).collect())
}

/// A value read from its wire spelling: a request parameter given by name, or a value of a set in
/// an answer.
pub trait FromWire: Sized {
    /// The value, or `None` when `text` spells none.
    fn from_wire(text: &str) -> Option<Self>;
}

impl FromWire for String {
    fn from_wire(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl FromWire for i64 {
    fn from_wire(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

impl FromWire for f64 {
    fn from_wire(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

impl FromWire for bool {
    fn from_wire(text: &str) -> Option<Self> {
        match text.trim() {
            "true" | "True" | "TRUE" | "1" => Some(true),
            "false" | "False" | "FALSE" | "0" => Some(false),
            _ => None,
        }
    }
}

impl<T: WireEnum> FromWire for T {
    fn from_wire(text: &str) -> Option<Self> {
        T::VALUES
            .iter()
            .find(|(spelling, _)| *spelling == text)
            .map(|(_, v)| v.clone())
            .or_else(|| T::OTHER.map(|other| other(text.to_owned())))
    }
}

/// Parameters a request carries beyond those its page documents, set with a builder's
/// `extra_param(name, value)`: text, a number, a boolean or any `serde_json::Value`. They travel
/// with the operation's parameters ([`At::Body`]): an object or array stays one in a JSON body and
/// is flattened (`name.N.field`) in a query. One with the name of a documented parameter replaces
/// its value, and the page's checks of that parameter are left out ([`crate::rules::check`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtraParams(Vec<(String, Value)>);

impl ExtraParams {
    /// Adds `name` with `value` (text, a number, a boolean, or any `serde_json::Value`).
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.0.push((name.into(), value.into()));
    }

    /// The parameters in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One parameter the operation wrote: unset ones are kept too, so that a default (the configured
/// region) goes where the page puts the parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub name: Cow<'static, str>,
    pub at: At,
    pub value: Option<Value>,
    /// Set by `extra_param`, in place of what the page documents: the page's checks leave it alone.
    pub extra: bool,
}

/// The API parameters of one request, as typed values with their places.
#[derive(Clone)]
pub struct Params {
    provider: &'static Provider,
    entries: Vec<Entry>,
    /// Parameters the page requires that the client may fill (the region): name and the page
    /// line that requires it.
    required: Vec<(&'static str, &'static str)>,
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Params")
            .field("provider", &self.provider.key)
            .field("entries", &self.entries)
            .finish()
    }
}

impl Params {
    /// Empty parameters for `provider`.
    pub fn new(provider: &'static Provider) -> Self {
        Params { provider, entries: Vec::new(), required: Vec::new() }
    }

    /// The provider whose conventions apply.
    pub fn provider(&self) -> &'static Provider {
        self.provider
    }

    /// Parameter `name`, travelling `at`; nothing is sent when `value` has nothing to send.
    pub fn add<V: ToValue + ?Sized>(&mut self, name: &'static str, at: At, value: &V) {
        self.entries.push(Entry { name: Cow::Borrowed(name), at, value: value.to_value(), extra: false });
    }

    /// A query parameter.
    pub fn query<V: ToValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.add(name, At::Query, value);
    }

    /// A parameter that fills `{name}` in the path template.
    pub fn path<V: ToValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.add(name, At::Path, value);
    }

    /// A body parameter (in the query for schemes and methods without a body).
    pub fn body<V: ToValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.add(name, At::Body, value);
    }

    /// A header parameter.
    pub fn header<V: ToValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.add(name, At::Header, value);
    }

    /// Parameter `name` must have a value once the client has filled its defaults (the region from
    /// its configuration); `source` is the page line that requires it.
    pub fn require(&mut self, name: &'static str, source: &'static str) {
        self.required.push((name, source));
    }

    /// Every parameter [`Params::require`] names that still has no value.
    pub fn missing(&self) -> Vec<Violation> {
        self.required
            .iter()
            .filter(|(name, _)| self.get(name).is_none())
            .map(|(name, source)| Violation {
                param: (*name).to_owned(),
                message: "is required: set it on the request, or the region with Config::with_region"
                    .to_owned(),
                source,
            })
            .collect()
    }

    /// The request's extra parameters: each replaces the value of a parameter of the same name, or
    /// travels with the operation's parameters.
    pub fn extra(&mut self, extra: &ExtraParams) {
        for (name, value) in extra.iter() {
            match self.entries.iter_mut().find(|e| e.name == name) {
                Some(entry) => {
                    entry.value = Some(value.clone());
                    entry.extra = true;
                }
                None => self.entries.push(Entry {
                    name: Cow::Owned(name.to_owned()),
                    at: At::Body,
                    value: Some(value.clone()),
                    extra: true,
                }),
            }
        }
    }

    /// Sets `name` unless the request already has it: where the page puts the parameter when the
    /// operation declares it, otherwise with the operation's parameters (query, form or JSON
    /// body). Used for the configured region and for idempotency tokens.
    pub fn set_default(&mut self, name: &str, value: impl Into<Value>) {
        self.set_default_at(name, At::Body, value);
    }

    /// [`Params::set_default`], travelling `at` when the operation does not declare `name`.
    pub fn set_default_at(&mut self, name: &str, at: At, value: impl Into<Value>) {
        match self.entries.iter_mut().find(|e| e.name == name) {
            Some(entry) if entry.value.is_some() => {}
            Some(entry) => entry.value = Some(value.into()),
            None => self.entries.push(Entry {
                name: Cow::Owned(name.to_owned()),
                at,
                value: Some(value.into()),
                extra: false,
            }),
        }
    }

    /// The value of parameter `name`, if set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries.iter().find(|e| e.name == name).and_then(|e| e.value.as_ref())
    }

    /// Removes parameter `name` and gives its value, if set (a scheme that sends it elsewhere, as
    /// Tencent API 3.0 sends `Region` as a common parameter).
    pub fn take(&mut self, name: &str) -> Option<Value> {
        let index = self.entries.iter().position(|e| e.name == name)?;
        self.entries.remove(index).value
    }

    /// Every set parameter as `name=text` pairs, flattened the query way (`Tag.1.Key`), path
    /// parameters included: what a page's example URL shows.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for entry in &self.entries {
            if let Some(value) = &entry.value {
                crate::payload::flatten(&entry.name, value, self.provider, &mut out);
            }
        }
        out
    }

    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{JDCLOUD, QINGCLOUD};

    #[derive(Debug, Clone)]
    enum Size {
        Small,
        Big,
    }

    impl WireEnum for Size {
        const VALUES: &'static [(&'static str, Self)] = &[("10", Size::Small), ("20", Size::Big)];
        const NUMERIC: bool = true;
    }

    #[test]
    fn unset_options_and_empty_lists_send_nothing() {
        let mut params = Params::new(&QINGCLOUD);
        params.query("limit", &None::<i64>);
        params.query("images", &Vec::<String>::new());
        params.query("zone", "pek3a");
        assert_eq!(params.pairs(), vec![("zone".to_owned(), "pek3a".to_owned())]);
    }

    #[test]
    fn numeric_enums_are_numbers() {
        assert_eq!(Size::Small.to_value(), Some(Value::Int(10)));
        assert_eq!(serde_json::to_string(&Size::Big.to_value()).unwrap(), "20");
    }

    #[test]
    fn set_default_fills_the_declared_place_and_never_overrides() {
        let mut params = Params::new(&JDCLOUD);
        params.path("regionId", &None::<String>);
        params.set_default("regionId", "cn-north-1");
        assert_eq!(params.entries()[0].at, At::Path);
        assert_eq!(params.get("regionId"), Some(&Value::from("cn-north-1")));
        params.set_default("regionId", "cn-east-2");
        assert_eq!(params.get("regionId"), Some(&Value::from("cn-north-1")));
        params.set_default("clientToken", "t-1");
        assert_eq!(params.entries()[1].at, At::Body);
    }

    #[test]
    fn extra_params_replace_or_join() {
        let mut params = Params::new(&QINGCLOUD);
        params.query("limit", &Some(10));
        let mut extra = ExtraParams::default();
        extra.push("limit", 20);
        extra.push("verbose", true);
        params.extra(&extra);
        assert_eq!(
            params.pairs(),
            vec![("limit".to_owned(), "20".to_owned()), ("verbose".to_owned(), "True".to_owned())]
        );
        assert_eq!(params.entries()[1].at, At::Body);
    }

    #[test]
    fn json_values_become_lists_and_objects() {
        let json = serde_json::json!({"name": "x", "values": ["a", 2, true], "limit": 1.5});
        let value = Value::from(json);
        assert_eq!(
            value,
            Value::Object(vec![
                ("limit".into(), Value::Float(1.5)),
                ("name".into(), Value::from("x")),
                (
                    "values".into(),
                    Value::List(
                        ListEncoding::Indexed,
                        vec![Value::from("a"), Value::Int(2), Value::Bool(true)]
                    )
                ),
            ])
        );
    }

    #[test]
    fn required_parameters_are_missing_until_filled() {
        let mut params = Params::new(&QINGCLOUD);
        params.query("zone", &None::<String>);
        params.require("zone", "page.md:27");
        let missing = params.missing();
        assert_eq!((missing[0].param.as_str(), missing[0].source), ("zone", "page.md:27"));
        assert!(missing[0].message.contains("Config::with_region"), "{}", missing[0]);
        params.set_default("zone", "pek3a");
        assert!(params.missing().is_empty());
    }

    #[test]
    fn json_array_items_read_back_what_json_lists_send() {
        assert_eq!(json_array_items(r#"["d-1", "d-2"]"#), Some(vec!["d-1".to_owned(), "d-2".to_owned()]));
        assert_eq!(json_array_items("[1, true]"), Some(vec!["1".to_owned(), "true".to_owned()]));
        assert_eq!(json_array_items("d-1,d-2"), None);
        assert_eq!(json_array_items(r#"{"a": 1}"#), None);
    }

    #[test]
    fn take_removes_the_parameter() {
        let mut params = Params::new(&QINGCLOUD);
        params.query("Region", "ap-guangzhou");
        assert_eq!(params.take("Region"), Some(Value::from("ap-guangzhou")));
        assert!(params.pairs().is_empty());
        assert_eq!(params.take("Region"), None);
    }
}
