//! Value sets → Rust enums.
//!
//! Input: an [`Enumeration`] of a request parameter or a response field. Output: the enum, its wire
//! spelling (`as_str`), its parsing (`FromWire`, shared with `from_wire` and answers) and, for
//! request values, `ToWire`. Open sets (`… 等`) and every answer-side set get an `Other(String)`
//! variant: the page may not list every value a server sends.

use super::doc;
use crate::naming::{Case, Scope};
use crate::spec::Enumeration;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Where an enum is used, which decides its impls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sent by the client: `ToWire`, and `Other` only for open sets.
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
}

/// The enum's items.
pub fn emit(def: &EnumDef<'_>) -> TokenStream {
    let name = &def.name;
    let open = def.enumeration.open || def.side == Side::Response;
    let mut scope = Scope::with_reserved(&["Other", "Self"]);
    let mut variants = Vec::new();
    let mut wires = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut variant_docs = Vec::new();
    for value in &def.enumeration.values {
        if !seen.insert(value.value.as_str()) {
            continue;
        }
        let variant = scope.name(&value.value, Case::Pascal, &[]).to_tokens();
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
    let other_str = open.then(|| quote!(Self::Other(text) => text,));
    let fallback =
        if open { quote!(other => Self::Other(other.to_owned())) } else { quote!(_ => return None) };
    let to_wire = (def.side == Side::Request).then(|| {
        quote! {
            impl crate::runtime::ToWire for #name {
                fn to_wire(&self, _: &crate::runtime::Provider, out: &mut String) {
                    out.push_str(self.as_str());
                }
            }
        }
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
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[allow(clippy::enum_variant_names, reason = "the variants are the page's own values")]
        pub enum #name {
            #( #variant_docs #variants, )*
            #other_variant
        }

        impl #name {
            /// The value as the wire spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    #other_str
                }
            }
        }

        impl crate::wire::FromWire for #name {
            fn from_wire(text: &str) -> Option<Self> {
                Some(match text {
                    #( #wires => Self::#variants, )*
                    #fallback,
                })
            }
        }

        #to_wire
        #deserialize
    }
}
