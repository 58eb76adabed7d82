//! Value sets → Rust enums.
//!
//! Input: an [`Enumeration`] of a request parameter or a response field. Output: the enum and its
//! table of wire spellings (`runtime::WireEnum`, which gives it `as_str`, `FromWire` and `ToValue`
//! through code written once in the runtime), and, for answer values, `Deserialize`. Open sets
//! (`… 等`) and every answer-side set get an `Other(String)` variant: the page may not list every
//! value a server sends.

use super::doc;
use crate::naming::{Case, Ident as Name, Scope};
use crate::spec::{EnumValue, Enumeration};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Where an enum is used, which decides its impls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sent by the client: `ToValue`, and `Other` only for open sets.
    Request,
    /// Read from answers: `Deserialize`, and always an `Other` variant.
    Response,
}

/// One enum to emit.
pub struct EnumDef<'a> {
    pub name: Ident,
    pub enumeration: &'a Enumeration,
    /// The escaped description paragraphs.
    pub docs: Vec<String>,
    pub side: Side,
    /// The page types the values as numbers: a JSON body sends them as numbers.
    pub numeric: bool,
}

/// Each listed value (the first of duplicates) with its variant, in page order.
pub fn variants_of(enumeration: &Enumeration) -> Vec<(&EnumValue, Name)> {
    let mut scope = Scope::with_reserved(&["Other", "Self"]);
    let mut seen = std::collections::BTreeSet::new();
    enumeration
        .values
        .iter()
        .filter(|value| seen.insert(value.value.as_str()))
        .map(|value| (value, scope.name(&value.value, Case::Pascal, &[])))
        .collect()
}

/// The enum's items.
pub fn emit(def: &EnumDef<'_>) -> TokenStream {
    let name = &def.name;
    let open = def.enumeration.open || def.side == Side::Response;
    let mut variants = Vec::new();
    let mut wires = Vec::new();
    let mut variant_docs = Vec::new();
    for (value, variant) in variants_of(def.enumeration) {
        let variant = variant.to_tokens();
        let mut paragraphs = vec![format!("`{}`", value.value.replace('`', "'"))];
        if let Some(meaning) = &value.meaning {
            paragraphs[0] = format!("{}: {}", paragraphs[0], doc::escape(meaning));
        }
        variant_docs.push(doc::attrs(&paragraphs));
        variants.push(variant);
        wires.push(value.value.clone());
    }
    let docs = doc::attrs(&def.docs);
    let other_variant = open.then(|| {
        quote! {
            /// A value the page does not list, as sent.
            Other(String),
        }
    });
    // An open set also reads and spells the values the page does not list.
    let open_fns = open.then(|| {
        quote! {
            fn other(&self) -> Option<&str> {
                match self {
                    Self::Other(text) => Some(text),
                    _ => None,
                }
            }

            fn unlisted(text: &str) -> Option<Self> {
                Some(Self::Other(text.to_owned()))
            }
        }
    });
    let numeric = (def.numeric && def.side == Side::Request).then(|| {
        quote!(
            const NUMERIC: bool = true;
        )
    });
    let deserialize = (def.side == Side::Response).then(|| {
        quote! {
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    crate::wire::deserialize_enum(deserializer)
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[allow(clippy::enum_variant_names, reason = "the variants are the page's own values")]
        pub enum #name {
            #( #variant_docs #variants, )*
            #other_variant
        }

        // What `#[derive(PartialEq, Eq)]` gives, through one shared function instead of an
        // expansion per enum.
        impl PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                crate::runtime::params::wire_eq(self, other)
            }
        }

        impl Eq for #name {}

        impl #name {
            /// The value as the wire spells it.
            pub fn as_str(&self) -> &str {
                crate::runtime::params::wire_str(self)
            }
        }

        impl crate::runtime::WireEnum for #name {
            const VALUES: &'static [(&'static str, Self)] = &[#( (#wires, Self::#variants), )*];
            #numeric
            #open_fns
        }

        #deserialize
    }
}
