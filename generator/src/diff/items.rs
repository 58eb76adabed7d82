//! The Rust paths of one API's items on one side of the diff, from the names codegen gives them.

use crate::codegen::{self, ApiNames, ItemNames};
use crate::spec::{ApiSpec, Profile};
use std::collections::BTreeSet;

/// The public items of one API's file, with their full paths (`yunapi::aliyun::DescribeImages`).
pub(super) struct Items {
    /// `yunapi::aliyun`: where the request, builder and answer types are re-exported.
    provider: String,
    /// `yunapi::aliyun::describe_images`: where every other item lives.
    module: String,
    request: String,
    names: ItemNames,
    /// Every path above, to tell which of an element's items the other side still has.
    paths: BTreeSet<String>,
}

impl Items {
    pub fn new(spec: &ApiSpec, profile: &Profile, api: &ApiNames) -> Items {
        let provider = format!("yunapi::{}", codegen::provider_module(profile));
        let module = format!("{provider}::{}", api.module);
        let names = codegen::item_names(spec, profile, api);
        let mut items =
            Items { provider, module, request: api.type_name.clone(), names, paths: BTreeSet::new() };
        let mut paths: BTreeSet<String> = items.api_paths().into_iter().collect();
        for wire in items.names.params.keys() {
            paths.extend(items.param_paths(wire));
        }
        for enum_name in items.names.enums.keys() {
            paths.extend(items.enum_paths(enum_name));
        }
        for name in items.names.request_types.keys() {
            paths.extend(items.request_type_paths(name));
        }
        for name in items.names.response_types.keys() {
            paths.extend(items.response_type_paths(name));
        }
        if let Some((_, codes)) = &items.names.errors {
            paths.extend(items.error_enum());
            paths.extend(codes.keys().filter_map(|code| items.error_variant(code)));
        }
        items.paths = paths;
        items
    }

    /// True when this side has an item at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// The API's module and the types re-exported beside it.
    pub fn api_paths(&self) -> Vec<String> {
        vec![self.module.clone(), self.request(), self.builder(), self.response()]
    }

    pub fn request(&self) -> String {
        format!("{}::{}", self.provider, self.request)
    }

    pub fn builder(&self) -> String {
        format!("{}::{}Builder", self.provider, self.request)
    }

    fn response(&self) -> String {
        format!("{}::{}Response", self.provider, self.request)
    }

    /// `build()`, which checks the page's constraints.
    pub fn build(&self) -> String {
        format!("{}::build", self.builder())
    }

    /// The items of a parameter: the request field and the builder's setter, and for a member of
    /// a `Prefix.N.Field` group its item struct and that struct's field.
    pub fn param_paths(&self, wire: &str) -> Vec<String> {
        let Some(param) = self.names.params.get(wire) else { return Vec::new() };
        let mut paths = vec![
            format!("{}::{}", self.request(), param.field),
            format!("{}::{}", self.builder(), param.field),
        ];
        if let Some((item, field)) = &param.member {
            paths.push(format!("{}::{item}", self.module));
            paths.push(format!("{}::{item}::{field}", self.module));
        }
        paths
    }

    /// The item that holds a parameter's value and its Rust type: the request field, or the
    /// group item's field.
    pub fn param_value(&self, wire: &str) -> Option<(String, &str)> {
        let param = self.names.params.get(wire)?;
        let path = match &param.member {
            Some((item, field)) => format!("{}::{item}::{field}", self.module),
            None => format!("{}::{}", self.request(), param.field),
        };
        Some((path, &param.rust_type))
    }

    pub fn param_enum(&self, wire: &str) -> Option<&str> {
        self.names.params.get(wire)?.value_enum.as_deref()
    }

    /// An enum and its variants.
    pub fn enum_paths(&self, enum_name: &str) -> Vec<String> {
        let mut paths = vec![format!("{}::{enum_name}", self.module)];
        if let Some(variants) = self.names.enums.get(enum_name) {
            paths.extend(variants.values().map(|variant| format!("{}::{enum_name}::{variant}", self.module)));
        }
        paths
    }

    /// The variant of `value` in the enum `enum_name`.
    pub fn variant(&self, enum_name: &str, value: &str) -> Option<String> {
        let variant = self.names.enums.get(enum_name)?.get(value)?;
        Some(format!("{}::{enum_name}::{variant}", self.module))
    }

    /// A request type's struct and fields (none when no parameter reaches it: it is not emitted).
    pub fn request_type_paths(&self, name: &str) -> Vec<String> {
        let Some(item) = self.names.request_types.get(name) else { return Vec::new() };
        let ty = format!("{}::{}", self.module, item.ident);
        let mut paths: Vec<String> = item.fields.values().map(|f| format!("{ty}::{}", f.ident)).collect();
        paths.insert(0, ty);
        paths
    }

    /// A field of a request type (`request == true`) or of an answer type: its path, Rust type and
    /// enum.
    pub fn field(&self, request: bool, ty: &str, wire: &str) -> Option<(String, &str, Option<&str>)> {
        let types = if request { &self.names.request_types } else { &self.names.response_types };
        let item = types.get(ty)?;
        let field = item.fields.get(wire)?;
        let path = format!("{}::{}", self.type_path(request, &item.ident), field.ident);
        Some((path, &field.rust_type, field.value_enum.as_deref()))
    }

    /// An answer type's struct and fields.
    pub fn response_type_paths(&self, name: &str) -> Vec<String> {
        let Some(item) = self.names.response_types.get(name) else { return Vec::new() };
        let ty = self.type_path(false, &item.ident);
        let mut paths: Vec<String> = item.fields.values().map(|f| format!("{ty}::{}", f.ident)).collect();
        paths.insert(0, ty);
        paths
    }

    /// The root answer type is re-exported beside the request; every other type lives in the module.
    fn type_path(&self, request: bool, ident: &str) -> String {
        if !request && ident == format!("{}Response", self.request) {
            self.response()
        } else {
            format!("{}::{ident}", self.module)
        }
    }

    /// The error-code enum, when the page documents codes.
    pub fn error_enum(&self) -> Option<String> {
        self.names.errors.as_ref().map(|(name, _)| format!("{}::{name}", self.module))
    }

    /// The variant of an error code in the error-code enum.
    pub fn error_variant(&self, code: &str) -> Option<String> {
        let (name, codes) = self.names.errors.as_ref()?;
        Some(format!("{}::{name}::{}", self.module, codes.get(code)?))
    }
}
