//! Value sets → Rust enums.
//!
//! Input: an [`Enumeration`] of a request parameter or a response field. Output: the enum and its
//! table of wire spellings (`runtime::WireEnum`, which gives it `as_str`, `FromWire` and `ToValue`
//! through code written once in the runtime), and, for answer values, `Deserialize`. Every enum
//! is `#[non_exhaustive]` and has an `Other(String)` variant: the page may not list every value a
//! server sends or takes. A request's `Other` is sent as given; `build` refuses it when the page
//! lists a closed set (`runtime::rules::Check::OneOf`), `build_unchecked` and open sets (`… 等`)
//! take it.

use super::doc;
use crate::naming::{Case, Ident as Name, Scope};
use crate::spec::{EnumValue, Enumeration};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Where an enum is used, which decides its impls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sent by the client: `ToValue`.
    Request,
    /// Read from answers: `Deserialize`.
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
    let other_doc = match (def.side, def.enumeration.open) {
        (Side::Response, _) => " A value the page does not list, as sent.",
        (Side::Request, true) => {
            " A value the page does not list, sent as given: the page says the set is open."
        }
        (Side::Request, false) => {
            " A value the page does not list, sent as given. The page lists a closed set, so `build` \
             refuses it and `build_unchecked` sends it."
        }
    };
    let numeric = (def.numeric && def.side == Side::Request).then(|| {
        quote!(
            const NUMERIC: bool = true;
        )
    });
    let deserialize = (def.side == Side::Response).then(|| {
        quote! {
            impl<'de> ::yunapi::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::yunapi::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    ::yunapi::wire::deserialize_enum(deserializer)
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Clone)]
        #[non_exhaustive]
        #[allow(clippy::enum_variant_names, reason = "the variants are the page's own values")]
        pub enum #name {
            #( #variant_docs #variants, )*
            #[doc = #other_doc]
            Other(String),
        }

        // What `#[derive(PartialEq, Eq)]` gives, through one shared function instead of an
        // expansion per enum.
        impl PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                ::yunapi::runtime::params::wire_eq(self, other)
            }
        }

        impl Eq for #name {}

        // The value as the wire spells it (`"cloud_ssd"`), through one shared function instead of
        // a derive's match over every variant.
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(::yunapi::runtime::params::wire_str(self), f)
            }
        }

        impl #name {
            /// The value as the wire spells it.
            pub fn as_str(&self) -> &str {
                ::yunapi::runtime::params::wire_str(self)
            }
        }

        impl ::yunapi::runtime::WireEnum for #name {
            const VALUES: &'static [(&'static str, Self)] = &[#( (#wires, Self::#variants), )*];
            #numeric
            const OTHER: Option<fn(String) -> Self> = Some(Self::Other);

            fn other(&self) -> Option<&str> {
                match self {
                    Self::Other(text) => Some(text),
                    _ => None,
                }
            }
        }

        #deserialize
    }
}
