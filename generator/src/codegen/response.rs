//! Answer types and error codes → serde structs, enums and the error-code enum.
//!
//! Input: the spec's response types and documented errors. Output: one struct per type (every field
//! optional, since answers omit fields the tables list; a type without fields is the runtime's
//! `Empty`, which takes any answer) with a compact `Deserialize` through the
//! shared `runtime::de::Object` reader (lenient numbers, booleans and timestamps through `runtime::de`;
//! lists through `runtime::de::wrapped_vec`, which also reads Alibaba's `{"Image": [...]}`
//! wrappers; aliases for the misspellings examples show), the enums of field value sets, and
//! `ErrorCode` with each code's HTTP status and meaning.

use super::enums::{self, EnumDef, Side};
use super::names::{FieldItem, type_text};
use super::{Api, doc};
use crate::naming::{Case, Scope};
use crate::spec::{Field, Scalar, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

/// A response field as pagination sees it.
pub struct FieldModel {
    pub wire: String,
    pub ident: Ident,
    /// Named type of the field (or of its items), if any.
    pub named: Option<String>,
    pub array: bool,
    /// The field is an `Option<i64>`.
    pub integer: bool,
}

/// A response type as pagination sees it.
pub struct TypeModel {
    pub ident: Ident,
    pub fields: Vec<FieldModel>,
}

/// The response types by spec name, with the root's name.
pub struct ResponseModel {
    pub root: String,
    pub types: BTreeMap<String, TypeModel>,
}

/// Names every response type (the root becomes `<Action>Response`) before any code is emitted, so
/// that request-side names avoid them.
pub fn name_types(api: &Api<'_>, types: &mut Scope) -> BTreeMap<String, Ident> {
    let mut names = BTreeMap::new();
    names.insert(api.spec.response.root.clone(), api.response_name.clone());
    for def in &api.spec.response.types {
        if !names.contains_key(&def.name) {
            let ident = types.name(&def.name, Case::Pascal, &[format!("{}Type", def.name)]).to_tokens();
            names.insert(def.name.clone(), ident);
        }
    }
    names
}

/// Emits the response types; returns their tokens and the model pagination reads.
pub fn emit(
    api: &Api<'_>,
    names: &BTreeMap<String, Ident>,
    types: &mut Scope,
) -> (TokenStream, ResponseModel) {
    let mut tokens = TokenStream::new();
    let mut model = ResponseModel { root: api.spec.response.root.clone(), types: BTreeMap::new() };
    let mut done = std::collections::BTreeSet::new();
    for def in &api.spec.response.types {
        if !done.insert(def.name.as_str()) {
            continue;
        }
        let Some(ident) = names.get(&def.name) else { continue };
        api.names.record(|n| n.response_types.entry(def.name.clone()).or_default().ident = ident.to_string());
        let mut scope = Scope::new();
        let mut seen_wire = std::collections::BTreeSet::new();
        let mut seen_keys = std::collections::BTreeSet::new();
        let mut arms = Vec::new();
        let mut fields = Vec::new();
        let mut field_models = Vec::new();
        for field in &def.fields {
            if !seen_wire.insert(field.name.as_str()) {
                continue;
            }
            let name = scope.name(&field.name, Case::Snake, &[format!("{}_field", field.name)]);
            let f = name.to_tokens();
            let (ty, slot, enum_tokens, value_enum) = field_type(api, ident, field, names, types);
            api.names.record(|n| {
                let value_enum = value_enum.map(|e| e.to_string());
                let item = FieldItem { ident: name.ident.clone(), rust_type: type_text(&ty), value_enum };
                n.response_types.entry(def.name.clone()).or_default().fields.insert(field.name.clone(), item);
            });
            tokens.extend(enum_tokens);
            let keys: Vec<&String> = std::iter::once(&field.name)
                .chain(&field.aliases)
                .filter(|k| seen_keys.insert(k.as_str()))
                .collect();
            if !keys.is_empty() {
                arms.push(quote!(#(#keys)|* => S::#slot(&mut self.#f),));
            }
            let docs = doc::attrs(&field_docs(api, field));
            fields.push(quote!(#docs pub #f: #ty,));
            field_models.push(FieldModel {
                wire: field.name.clone(),
                ident: f,
                named: match &field.ty {
                    TypeRef::Named(n) if names.contains_key(n) => Some(n.clone()),
                    _ => None,
                },
                array: field.array,
                integer: !field.array
                    && field.enumeration.is_none()
                    && matches!(field.ty, TypeRef::Scalar(Scalar::Integer | Scalar::Long)),
            });
        }
        let mut docs = Vec::new();
        if def.name == api.spec.response.root {
            docs.push(format!("The answer of `{}`, envelope included.", api.spec.action.replace('`', "'")));
        }
        docs.extend(def.description.as_deref().map(doc::escape));
        if docs.is_empty() {
            docs.push(format!("The `{}` type of the answer.", def.name.replace('`', "'")));
        }
        docs.push(doc::cite(&api.source(&def.origin)));
        model.types.insert(def.name.clone(), TypeModel { ident: ident.clone(), fields: field_models });
        if fields.is_empty() {
            // Nothing to read: the runtime's `Empty` takes any success answer.
            docs.insert(docs.len() - 1, "The page documents no fields: any answer decodes to it.".to_owned());
            let docs = doc::attrs(&docs);
            tokens.extend(quote! {
                #docs
                pub type #ident = ::yunapi::runtime::de::Empty;
            });
            continue;
        }
        let docs = doc::attrs(&docs);
        let type_name = &def.name;
        // A small `Deserialize` through the shared `runtime::de::Object` reader: one match arm per
        // field naming where its value goes, with no generic code of its own.
        tokens.extend(quote! {
            #docs
            #[derive(Debug, Default)]
            #[non_exhaustive]
            pub struct #ident { #(#fields)* }

            impl<'de> ::yunapi::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::yunapi::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    ::yunapi::runtime::de::object(deserializer)
                }
            }

            impl ::yunapi::runtime::de::Object for #ident {
                const NAME: &'static str = #type_name;

                fn slot(&mut self, key: &str) -> Option<::yunapi::runtime::de::Slot<'_>> {
                    use ::yunapi::runtime::de::Slot as S;
                    Some(match key {
                        #(#arms)*
                        _ => return None,
                    })
                }
            }
        });
    }
    (tokens, model)
}

/// The field's Rust type, the `runtime::de::Slot` variant that reads it, and the enum it needs
/// with its name.
fn field_type(
    api: &Api<'_>,
    owner: &Ident,
    field: &Field,
    names: &BTreeMap<String, Ident>,
    types: &mut Scope,
) -> (TokenStream, Ident, TokenStream, Option<Ident>) {
    let mut enum_tokens = TokenStream::new();
    let mut value_enum = None;
    // The element type and the slot of one value and of a list of them.
    let (element, one, list) = if let Some(enumeration) =
        field.enumeration.as_ref().filter(|e| !e.values.is_empty())
    {
        let base = format!("{owner}{}", crate::naming::sanitize(&field.name, Case::Pascal).unraw());
        let name = types.name(&base, Case::Pascal, &[format!("{base}Value")]).to_tokens();
        let mut docs = vec![format!("The values of `{}` in answers.", field.name.replace('`', "'"))];
        docs.extend(field.description.as_deref().map(doc::escape));
        docs.push(doc::cite(&api.source(&enumeration.origin)));
        enum_tokens = enums::emit(&EnumDef {
            name: name.clone(),
            enumeration,
            docs,
            side: Side::Response,
            numeric: false,
        });
        api.names.enumeration(&name, enumeration);
        value_enum = Some(name.clone());
        (quote!(#name), "Text", "Texts")
    } else {
        match &field.ty {
            TypeRef::Named(n) => match names.get(n) {
                // A type that contains itself needs a box to have a size.
                Some(ident) if ident == owner && !field.array => (quote!(Box<#ident>), "Object", "Objects"),
                Some(ident) => (quote!(#ident), "Object", "Objects"),
                None => (quote!(::yunapi::serde_json::Value), "Json", "Jsons"),
            },
            TypeRef::Scalar(s) => match s {
                Scalar::String => (quote!(String), "String", "Strings"),
                Scalar::Integer | Scalar::Long => (quote!(i64), "I64", "I64s"),
                Scalar::Float => (quote!(f64), "F64", "F64s"),
                Scalar::Boolean => (quote!(bool), "Bool", "Bools"),
                Scalar::Timestamp => (quote!(::yunapi::runtime::de::Timestamp), "Timestamp", "Timestamps"),
                Scalar::Json => (quote!(::yunapi::serde_json::Value), "Json", "Jsons"),
            },
        }
    };
    let span = proc_macro2::Span::call_site();
    if field.array {
        (quote!(Vec<#element>), Ident::new(list, span), enum_tokens, value_enum)
    } else {
        (quote!(Option<#element>), Ident::new(one, span), enum_tokens, value_enum)
    }
}

fn field_docs(api: &Api<'_>, field: &Field) -> Vec<String> {
    let mut docs = Vec::new();
    docs.push(field.description.as_deref().map(doc::escape).unwrap_or_else(|| {
        if field.origin.example {
            "Not in the page's tables; seen in its example answer.".to_owned()
        } else {
            "The page gives no description.".to_owned()
        }
    }));
    let mut facts = vec![format!("Wire name `{}`", field.name.replace('`', "'"))];
    if field.nullable {
        facts.push("may be null".to_owned());
    }
    if let Some(wrapper) = &field.wrapper {
        facts.push(format!("items wrapped in `{}`", wrapper.replace('`', "'")));
    }
    for alias in &field.aliases {
        facts.push(format!("also spelled `{}`", alias.replace('`', "'")));
    }
    docs.push(format!("{}.", facts.join(", ")));
    if let Some(deprecated) = &field.deprecated {
        let note = deprecated.note.as_deref().map(doc::escape).unwrap_or_default();
        docs.push(format!("Deprecated by the page. {note}"));
    }
    docs.push(doc::cite(&api.source(&field.origin)));
    docs
}

/// The error-code enum, when the page documents error codes.
pub fn errors(api: &Api<'_>, types: &mut Scope) -> TokenStream {
    let errors = &api.spec.errors;
    if errors.is_empty() {
        return TokenStream::new();
    }
    let name = types.name("ErrorCode", Case::Pascal, &["ApiErrorCode".to_owned()]).to_tokens();
    let mut variants = Scope::new();
    let mut seen = std::collections::BTreeSet::new();
    let (mut idents, mut codes, mut statuses, mut meanings, mut docs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for error in errors {
        if !seen.insert(error.code.as_str()) {
            continue;
        }
        idents.push(variants.name(&error.code, Case::Pascal, &[]).to_tokens());
        codes.push(error.code.clone());
        statuses.push(match error.http_status {
            Some(s) => quote!(Some(#s)),
            None => quote!(None),
        });
        let meaning = error.description.clone().or_else(|| error.message.clone()).unwrap_or_default();
        let mut paragraphs = vec![format!("`{}`", error.code.replace('`', "'"))];
        if let Some(status) = error.http_status {
            paragraphs[0].push_str(&format!(" (HTTP {status})"));
        }
        if !meaning.is_empty() {
            paragraphs[0].push_str(&format!(": {}", doc::escape(&meaning)));
        }
        if let Some(message) = &error.message {
            paragraphs.push(format!("Message: {}", doc::escape(message)));
        }
        paragraphs.push(doc::cite(&api.source(&error.origin)));
        docs.push(doc::attrs(&paragraphs));
        meanings.push(meaning);
    }
    api.names.record(|n| {
        let variants = codes.iter().zip(&idents).map(|(code, ident)| (code.clone(), ident.to_string()));
        n.errors = Some((name.to_string(), variants.collect()));
    });
    let action = api.spec.action.replace('`', "'");
    let enum_doc = format!("The error codes the page of `{action}` documents.");
    quote! {
        #[doc = #enum_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        // A code the page adds later is a new variant, which breaks no caller's match.
        #[non_exhaustive]
        #[allow(clippy::enum_variant_names, reason = "the variants are the page's own codes")]
        pub enum #name {
            #( #docs #idents, )*
        }

        impl #name {
            /// The code for an error answer's code, if the page documents it.
            pub fn from_code(code: &str) -> Option<Self> {
                Some(match code {
                    #( #codes => Self::#idents, )*
                    _ => return None,
                })
            }

            /// The code as the provider sends it.
            pub fn code(self) -> &'static str {
                match self { #( Self::#idents => #codes, )* }
            }

            /// The HTTP status the page gives for the code.
            pub fn http_status(self) -> Option<u16> {
                match self { #( Self::#idents => #statuses, )* }
            }

            /// What the page says the code means.
            pub fn meaning(self) -> &'static str {
                match self { #( Self::#idents => #meanings, )* }
            }
        }
    }
}
