//! The Rust items of one API file, by the spec elements they come from.
//!
//! Input: the names the emitters hand out while they build an API's file. Output: [`ItemNames`], what
//! `generator diff` cites (`yunapi::aliyun::DescribeImages::snapshot_id`). The emitters record each
//! name at the place they choose it, so the record cannot drift from the code.

use crate::spec::Enumeration;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The Rust items one API's file defines, keyed by the spec's names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemNames {
    /// Request parameters by wire name.
    pub params: BTreeMap<String, ParamItem>,
    /// The request types a parameter reaches (only these are emitted), by spec name.
    pub request_types: BTreeMap<String, TypeItem>,
    /// Answer types by spec name; the root is `<Action>Response`.
    pub response_types: BTreeMap<String, TypeItem>,
    /// Enums by Rust name: each listed value's wire spelling → its variant.
    pub enums: BTreeMap<String, BTreeMap<String, String>>,
    /// The error-code enum, when the page documents codes: its name and code → variant.
    pub errors: Option<(String, BTreeMap<String, String>)>,
}

/// Where one request parameter lives in Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamItem {
    /// The field of the request struct, which is also the builder's setter (`tag` for every
    /// `Tag.N.…` parameter).
    pub field: String,
    /// For a `Prefix.N.Field` parameter: the item struct and its field (`TagParam`, `key`).
    pub member: Option<(String, String)>,
    /// The Rust type of the field that holds the value (`Option<String>`, `Vec<Status>`).
    pub rust_type: String,
    /// The enum of its value set, if it has one.
    pub value_enum: Option<String>,
}

/// A struct of the request or the answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeItem {
    pub ident: String,
    /// Fields by wire name.
    pub fields: BTreeMap<String, FieldItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldItem {
    pub ident: String,
    pub rust_type: String,
    /// The enum of its value set, if it has one.
    pub value_enum: Option<String>,
}

/// Collects [`ItemNames`] while the emitters, which share the API only by `&`, build the file.
#[derive(Debug, Default)]
pub(crate) struct Recorder(RefCell<ItemNames>);

impl Recorder {
    pub fn record(&self, f: impl FnOnce(&mut ItemNames)) {
        f(&mut self.0.borrow_mut());
    }

    /// Records the variants of the enum `name`, named as [`super::enums::emit`] names them.
    pub fn enumeration(&self, name: &proc_macro2::Ident, enumeration: &Enumeration) {
        let variants = super::enums::variants_of(enumeration)
            .into_iter()
            .map(|(value, variant)| (value.value.clone(), variant.ident))
            .collect();
        self.record(|names| {
            names.enums.insert(name.to_string(), variants);
        });
    }

    pub fn into_inner(self) -> ItemNames {
        self.0.into_inner()
    }
}

/// A type as a reader writes it: `Option<String>`, not the token stream's `Option < String >`.
pub(crate) fn type_text(tokens: &proc_macro2::TokenStream) -> String {
    tokens.to_string().replace(' ', "").replace("::yunapi::", "yunapi::")
}
