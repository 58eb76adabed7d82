//! Request parameters on their way to the wire, spelled the provider's way.
//!
//! Generated `write_params` bodies call these methods in page order; the list index base and the
//! boolean spelling come from the [`Provider`], so generated code never repeats them.

use crate::provider::Provider;

/// The API parameters of one request: query (or form) pairs and path parameters.
#[derive(Debug, Clone)]
pub struct Params {
    provider: &'static Provider,
    query: Vec<(String, String)>,
    path: Vec<(&'static str, String)>,
}

/// A value that has one wire spelling.
pub trait ToWire {
    /// Appends the wire spelling of `self` to `out`.
    fn to_wire(&self, provider: &Provider, out: &mut String);
}

/// A request object sent as one parameter per field under a prefix: JD Cloud's `filters.1.name`
/// and `filters.1.values.1`, QingCloud's `key.N.field`. Generated for each named request type.
pub trait WireObject {
    /// Writes every field that is set as `prefix.field` (lists as `prefix.field.N`).
    fn write_fields(&self, params: &mut Params, prefix: &str);
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

/// A generated enum of a value set: each listed value with its wire spelling, from which it gets
/// [`FromWire`], [`ToWire`] and [`wire_str`], written once here instead of once per enum.
pub trait WireEnum: Sized + Clone + 'static {
    /// Each listed value, with its wire spelling.
    const VALUES: &'static [(&'static str, Self)];

    /// The spelling of a value the set does not list (an `Other` variant), if `self` is one.
    fn other(&self) -> Option<&str> {
        None
    }

    /// A value the set does not list, for sets open to more values than the page lists.
    fn unlisted(text: &str) -> Option<Self> {
        let _ = text;
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

impl<T: WireEnum> FromWire for T {
    fn from_wire(text: &str) -> Option<Self> {
        T::VALUES
            .iter()
            .find(|(spelling, _)| *spelling == text)
            .map(|(_, v)| v.clone())
            .or_else(|| T::unlisted(text))
    }
}

impl<T: WireEnum> ToWire for T {
    fn to_wire(&self, _: &Provider, out: &mut String) {
        out.push_str(wire_str(self));
    }
}

impl Params {
    /// Empty parameters for `provider`.
    pub fn new(provider: &'static Provider) -> Self {
        Params { provider, query: Vec::new(), path: Vec::new() }
    }

    /// The provider whose conventions apply.
    pub fn provider(&self) -> &'static Provider {
        self.provider
    }

    /// One scalar parameter.
    pub fn push<V: ToWire + ?Sized>(&mut self, name: &str, value: &V) {
        let wire = self.wire(value);
        self.query.push((name.to_owned(), wire));
    }

    /// An optional scalar parameter: nothing is sent for `None`.
    pub fn push_opt<V: ToWire>(&mut self, name: &str, value: Option<&V>) {
        if let Some(value) = value {
            self.push(name, value);
        }
    }

    /// An indexed list: `prefix.1`, `prefix.2`, … (from the provider's index base).
    pub fn push_indexed<V: ToWire>(&mut self, prefix: &str, values: &[V]) {
        for (i, value) in values.iter().enumerate() {
            let name = format!("{prefix}.{}", self.index(i));
            self.push(&name, value);
        }
    }

    /// One field of the `i`-th (0-based) item of a repeated group: `prefix.N.field`.
    pub fn push_group_field<V: ToWire>(&mut self, prefix: &str, i: usize, field: &str, value: Option<&V>) {
        if let Some(value) = value {
            let name = format!("{prefix}.{}.{field}", self.index(i));
            self.push(&name, value);
        }
    }

    /// One field of an object under `prefix`: `prefix.field`.
    pub fn push_field<V: ToWire>(&mut self, prefix: &str, field: &str, value: Option<&V>) {
        if let Some(value) = value {
            self.push(&format!("{prefix}.{field}"), value);
        }
    }

    /// An optional object: its fields under `prefix`.
    pub fn push_object<T: WireObject>(&mut self, prefix: &str, value: Option<&T>) {
        if let Some(value) = value {
            value.write_fields(self, prefix);
        }
    }

    /// A list of objects: the fields of each under `prefix.N` (from the provider's index base).
    pub fn push_objects<T: WireObject>(&mut self, prefix: &str, values: &[T]) {
        for (i, value) in values.iter().enumerate() {
            let item = format!("{prefix}.{}", self.index(i));
            value.write_fields(self, &item);
        }
    }

    /// Several values joined with `,` in one parameter; nothing is sent for an empty list.
    pub fn push_comma<V: ToWire>(&mut self, name: &str, values: &[V]) {
        if values.is_empty() {
            return;
        }
        let mut joined = String::new();
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                joined.push(',');
            }
            value.to_wire(self.provider, &mut joined);
        }
        self.query.push((name.to_owned(), joined));
    }

    /// A parameter that fills `{name}` in the path template.
    pub fn push_path<V: ToWire + ?Sized>(&mut self, name: &'static str, value: &V) {
        let wire = self.wire(value);
        self.path.push((name, wire));
    }

    /// The 1-based or 0-based wire index of the `i`-th (0-based) item.
    pub fn index(&self, i: usize) -> usize {
        i + self.provider.list_index_base as usize
    }

    /// The query pairs in the order they were written.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The path parameters.
    pub fn path(&self) -> &[(&'static str, String)] {
        &self.path
    }

    /// Sets a query parameter unless the request already has it (used for the region and the
    /// common parameters).
    pub fn set_default(&mut self, name: &str, value: &str) {
        if !self.query.iter().any(|(k, _)| k == name) {
            self.query.push((name.to_owned(), value.to_owned()));
        }
    }

    /// The value of a query or path parameter, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .or_else(|| self.path.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str()))
    }

    fn wire<V: ToWire + ?Sized>(&self, value: &V) -> String {
        let mut out = String::new();
        value.to_wire(self.provider, &mut out);
        out
    }
}

impl ToWire for str {
    fn to_wire(&self, _: &Provider, out: &mut String) {
        out.push_str(self);
    }
}

impl ToWire for String {
    fn to_wire(&self, _: &Provider, out: &mut String) {
        out.push_str(self);
    }
}

impl ToWire for bool {
    fn to_wire(&self, provider: &Provider, out: &mut String) {
        out.push_str(if *self { provider.bool_true } else { provider.bool_false });
    }
}

macro_rules! to_wire_display {
    ($($t:ty),*) => {$(
        impl ToWire for $t {
            fn to_wire(&self, _: &Provider, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
to_wire_display!(i32, i64, u32, u64, f64);
