//! The Rust type a parameter's or a field's value takes: text, a number, a boolean, an enum of its
//! value set (emitted here) or a named request type. Shared by the request and its request types
//! (`request`, `objects`) and by the rule tables (`rules`), one floor below all three.

use super::enums::{self, EnumDef, Side};
use super::{Api, doc};
use crate::naming::{Case, Scope};
use crate::spec::{Enumeration, Scalar};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The Rust type of one value of a parameter.
#[derive(Clone)]
pub(super) enum ValueTy {
    String,
    Int,
    Float,
    Bool,
    Enum(Ident),
    /// A named request type (`objects`).
    Object(Ident),
}

impl ValueTy {
    pub(super) fn tokens(&self) -> TokenStream {
        match self {
            ValueTy::String => quote!(String),
            ValueTy::Int => quote!(i64),
            ValueTy::Float => quote!(f64),
            ValueTy::Bool => quote!(bool),
            ValueTy::Enum(name) | ValueTy::Object(name) => quote!(#name),
        }
    }

    /// The name of the enum of a value set.
    pub(super) fn enum_name(&self) -> Option<String> {
        match self {
            ValueTy::Enum(name) => Some(name.to_string()),
            _ => None,
        }
    }

    /// The setter's argument type and how it becomes the stored value.
    pub(super) fn setter_arg(&self) -> (TokenStream, TokenStream) {
        match self {
            ValueTy::String => (quote!(impl Into<String>), quote!(value.into())),
            other => (other.tokens(), quote!(value)),
        }
    }
}

/// What the page says about a value: its value set and description.
pub(super) struct Described<'a> {
    pub enumeration: Option<&'a Enumeration>,
    pub description: Option<&'a str>,
}

/// The Rust type of a `scalar` value; a value set becomes an enum named after `base`, whose docs
/// call the value `label`.
pub(super) fn scalar_ty(
    api: &Api<'_>,
    scalar: Scalar,
    described: Described<'_>,
    label: &str,
    base: &str,
    types: &mut Scope,
    items: &mut TokenStream,
) -> ValueTy {
    if scalar == Scalar::Boolean {
        return ValueTy::Bool;
    }
    if let Some(enumeration) = described.enumeration.filter(|e| !e.values.is_empty()) {
        let name = types.name(base, Case::Pascal, &[format!("{base}Value")]).to_tokens();
        let mut docs = vec![format!("The values of `{label}`.")];
        docs.extend(described.description.map(doc::escape));
        docs.push(doc::cite(&api.source(&enumeration.origin)));
        let numeric = matches!(scalar, Scalar::Integer | Scalar::Long | Scalar::Float);
        items.extend(enums::emit(&EnumDef {
            name: name.clone(),
            enumeration,
            docs,
            side: Side::Request,
            numeric,
        }));
        api.names.enumeration(&name, enumeration);
        return ValueTy::Enum(name);
    }
    match scalar {
        Scalar::Integer | Scalar::Long => ValueTy::Int,
        Scalar::Float => ValueTy::Float,
        _ => ValueTy::String,
    }
}
