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

impl<T: ToWire + ?Sized> ToWire for &T {
    fn to_wire(&self, provider: &Provider, out: &mut String) {
        (**self).to_wire(provider, out);
    }
}
