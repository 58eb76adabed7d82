//! Request parameters → the request type, its builder, `validate`, `write_params` and `from_wire`.
//!
//! Input: the spec's parameters and the provider profile. Output: tokens of the request struct (one
//! field per parameter; lists as `Vec`; repeated groups such as `Tag.N.Key`/`Tag.N.Value` as a `Vec`
//! of a small struct, whose `NetworkInterface.N.SecurityGroupIds.N` fields are lists again), the
//! enums of their value sets, the table of the page's constraints (`rules`) and the `Operation`
//! impl. Every check cites the place of the page that states it.

use super::names::{ParamItem, type_text};
use super::objects::{self, Objects};
use super::rules::{Constraints, Tables, resolve};
use super::values::{Described, ValueTy, scalar_ty};
use super::{Api, doc};
use crate::naming::{Case, Ident as Name, Scope};
use crate::spec::{ListEncoding, Location, Param, Scalar, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// One parameter with its Rust names.
struct Member<'a> {
    param: &'a Param,
    field: Name,
    ty: ValueTy,
}

/// How a field of the request struct is shaped.
enum Slot<'a> {
    /// One value: `Option<T>`.
    Scalar(Member<'a>),
    /// Several values: `Vec<T>`, indexed under `prefix`, or in one parameter (comma-joined or a
    /// JSON array).
    List { member: Member<'a>, prefix: Option<String>, encoding: ListEncoding },
    /// `Prefix.N.Field` parameters sharing a prefix: `Vec<Item>`.
    Group { prefix: String, field: Name, item: Ident, members: Vec<Member<'a>> },
}

/// Everything the request side emits.
pub struct Request {
    pub items: TokenStream,
}

/// Builds the request side of `api`.
pub fn emit(api: &Api<'_>, types: &mut Scope) -> Request {
    let spec = api.spec;
    let mut fields = Scope::with_reserved(&[
        "build",
        "build_unchecked",
        "builder",
        "extra_param",
        "extra_params",
        "from_wire",
        "unchecked",
        "validate",
        "write_params",
    ]);
    let mut slots: Vec<Slot<'_>> = Vec::new();
    let mut enum_items = TokenStream::new();
    let mut tables = Tables::new();
    let objects = objects::emit(api, types, &mut tables);
    for param in &spec.request {
        let list = param.list.as_ref();
        let group = list.and_then(|l| Some((l.prefix.clone()?, l.field.clone()?)));
        if let Some((prefix, _)) = group {
            let existing =
                slots.iter().position(|s| matches!(s, Slot::Group { prefix: p, .. } if *p == prefix));
            let index = match existing {
                Some(index) => index,
                None => {
                    let field = fields.name(&prefix, Case::Snake, &[format!("{prefix}_items")]);
                    let item = types.name(&prefix, Case::Pascal, &[format!("{prefix}Param")]).to_tokens();
                    slots.push(Slot::Group { prefix: prefix.clone(), field, item, members: Vec::new() });
                    slots.len() - 1
                }
            };
            let Slot::Group { members, item, .. } = &mut slots[index] else { continue };
            let taken: Vec<&str> = members.iter().map(|m| m.field.unraw()).collect();
            let mut scope = Scope::with_reserved(&taken);
            let wire_field = list.and_then(|l| l.field.as_deref()).unwrap_or(&param.name);
            // A deprecated spelling (`Tag.N.key` next to `Tag.N.Key`) must not take the plain name.
            let raw = match param.deprecated {
                Some(_) => format!("{wire_field}_deprecated"),
                None => wire_field.to_owned(),
            };
            let field = scope.name(&raw, Case::Snake, &[]);
            let enum_name = format!("{item}{}", crate::naming::sanitize(wire_field, Case::Pascal).unraw());
            let ty = value_ty(api, param, &enum_name, None, types, &mut enum_items);
            members.push(Member { param, field, ty });
            continue;
        }
        let base = match list {
            Some(l) if l.encoding == ListEncoding::Indexed => {
                l.prefix.clone().unwrap_or_else(|| param.name.clone())
            }
            _ => param.name.clone(),
        };
        let field = fields.name(&base, Case::Snake, &[format!("{base}_param")]);
        let objects = objects::carries_object(param).then_some(&objects);
        let ty = value_ty(api, param, &base, objects, types, &mut enum_items);
        let member = Member { param, field, ty };
        slots.push(match list {
            Some(l) => Slot::List {
                member,
                prefix: (l.encoding == ListEncoding::Indexed).then(|| l.prefix.clone().unwrap_or(base)),
                encoding: l.encoding,
            },
            None => Slot::Scalar(member),
        });
    }

    record_names(api, &slots);
    let name = &api.type_name;
    let builder = &api.builder_name;
    let output = &api.response_name;
    let page_doc = doc::cite(&api.page_source());
    let mut struct_fields = Vec::new();
    let mut empty_fields = Vec::new();
    let mut setters = Vec::new();
    let mut group_items = TokenStream::new();
    let mut rules = Vec::new();
    let mut writes = Vec::new();
    let mut exact_arms = Vec::new();
    let mut indexed_arms = Vec::new();
    let base = Literal::usize_unsuffixed(api.profile.list_index_base as usize);
    for slot in &slots {
        match slot {
            Slot::Scalar(m) => {
                let field = m.field.to_tokens();
                let ty = m.ty.tokens();
                let docs = doc::attrs(&param_docs(api, m.param));
                struct_fields.push(quote!(#docs pub #field: Option<#ty>,));
                empty_fields.push(quote!(#field: None,));
                let (arg, value) = m.ty.setter_arg();
                setters.push(quote! {
                    #docs
                    pub fn #field(mut self, value: #arg) -> Self {
                        self.0.#field = Some(#value);
                        self
                    }
                });
                let wire = &m.param.name;
                let src = api.source(&m.param.origin);
                rules.extend(param_rule(api, &tables, &objects, m, wire));
                if let ValueTy::Object(_) = m.ty {
                    writes.push(write(m.param.location, wire, quote!(&self.#field)));
                    let dotted = format!("{wire}.");
                    indexed_arms.push(quote! {
                        if let Some(rest) = name.strip_prefix(#dotted) {
                            return self.#field.get_or_insert_with(Default::default).param(rest);
                        }
                    });
                    continue;
                }
                writes.push(write(m.param.location, wire, quote!(&self.#field)));
                // A path parameter is always required by its path; another region parameter is
                // required by the page, checked once the client has filled it.
                if fills_region(api, m.param) && m.param.required && m.param.location != Location::Path {
                    writes.push(quote!(params.require(#wire, #src);));
                }
                exact_arms.push(quote!(#wire => F::One(&mut self.#field, #src),));
            }
            Slot::List { member: m, prefix, encoding } => {
                let field = m.field.to_tokens();
                let ty = m.ty.tokens();
                let docs = doc::attrs(&param_docs(api, m.param));
                struct_fields.push(quote!(#docs pub #field: Vec<#ty>,));
                empty_fields.push(quote!(#field: Vec::new(),));
                let item_arg = match m.ty {
                    ValueTy::String => quote!(impl Into<String>),
                    _ => ty.clone(),
                };
                let convert = matches!(m.ty, ValueTy::String).then(|| quote!(.map(Into::into)));
                setters.push(quote! {
                    #docs
                    pub fn #field(mut self, values: impl IntoIterator<Item = #item_arg>) -> Self {
                        self.0.#field = values.into_iter() #convert .collect();
                        self
                    }
                });
                let src = api.source(&m.param.origin);
                rules.extend(param_rule(
                    api,
                    &tables,
                    &objects,
                    m,
                    prefix.as_deref().unwrap_or(&m.param.name),
                ));
                if let (ValueTy::Object(_), Some(prefix)) = (&m.ty, prefix) {
                    writes.push(write(m.param.location, prefix, quote!(&self.#field)));
                    indexed_arms.push(quote! {
                        if let Some((index, rest)) = ::yunapi::wire::indexed(name, #prefix, #base) {
                            return match ::yunapi::wire::item(&mut self.#field, index) {
                                Some(item) => item.param(rest),
                                None => F::Fail("skips an index: number the items without gaps"),
                            };
                        }
                    });
                    continue;
                }
                let wire = &m.param.name;
                match (prefix, encoding) {
                    (Some(prefix), _) => {
                        writes.push(write(m.param.location, prefix, quote!(&self.#field)));
                        indexed_arms.push(quote! {
                            if let Some((index, "")) = ::yunapi::wire::indexed(name, #prefix, #base) {
                                return F::At(&mut self.#field, index, #src);
                            }
                        });
                    }
                    (None, ListEncoding::Json) => {
                        writes.push(write(
                            m.param.location,
                            wire,
                            quote!(&::yunapi::runtime::JsonArray(&self.#field)),
                        ));
                        exact_arms.push(quote!(#wire => F::Json(&mut self.#field, #src),));
                    }
                    (None, _) => {
                        writes.push(write(
                            m.param.location,
                            wire,
                            quote!(&::yunapi::runtime::Comma(&self.#field)),
                        ));
                        exact_arms.push(quote!(#wire => F::Comma(&mut self.#field, #src),));
                    }
                }
            }
            Slot::Group { prefix, field, item, members } => {
                let field = field.to_tokens();
                let group_doc = doc::attrs(&[
                    format!("The `{}.N.…` parameters, one item per N.", prefix.replace('`', "'")),
                    page_doc.clone(),
                ]);
                struct_fields.push(quote!(#group_doc pub #field: Vec<#item>,));
                empty_fields.push(quote!(#field: Vec::new(),));
                setters.push(quote! {
                    #group_doc
                    pub fn #field(mut self, items: impl IntoIterator<Item = #item>) -> Self {
                        self.0.#field = items.into_iter().collect();
                        self
                    }
                });
                let item_fields = members.iter().map(|m| {
                    let f = m.field.to_tokens();
                    let ty = m.ty.tokens();
                    let docs = doc::attrs(&param_docs(api, m.param));
                    match field_indexed(m.param) {
                        true => quote!(#docs pub #f: Vec<#ty>,),
                        false => quote!(#docs pub #f: Option<#ty>,),
                    }
                });
                let item_doc = doc::attrs(&[
                    format!("One item of the `{}.N.…` parameters.", prefix.replace('`', "'")),
                    page_doc.clone(),
                ]);
                group_items.extend(quote! {
                    #item_doc
                    #[derive(Debug, Clone, Default)]
                    pub struct #item { #(#item_fields)* }
                });
                rules.extend(group_rule(api, &tables, prefix, members));
                let adds = members.iter().map(|m| {
                    let f = m.field.to_tokens();
                    let wire_field =
                        m.param.list.as_ref().and_then(|l| l.field.as_deref()).unwrap_or_default();
                    quote!(o.add(#wire_field, &self.#f);)
                });
                group_items.extend(quote! {
                    impl ::yunapi::runtime::ToValue for #item {
                        fn to_value(&self) -> Option<::yunapi::runtime::Value> {
                            let mut o = ::yunapi::runtime::Object::new();
                            #(#adds)*
                            o.finish()
                        }
                    }
                });
                let location = members.first().map_or(Location::Query, |m| m.param.location);
                writes.push(write(location, prefix, quote!(&self.#field)));
                let (mut field_arms, mut list_arms) = (Vec::new(), Vec::new());
                for m in members {
                    let f = m.field.to_tokens();
                    let wire_field =
                        m.param.list.as_ref().and_then(|l| l.field.as_deref()).unwrap_or_default();
                    let src = api.source(&m.param.origin);
                    if field_indexed(m.param) {
                        list_arms.push(quote! {
                            if let Some((index, "")) = ::yunapi::wire::indexed(field, #wire_field, #base) {
                                return F::At(&mut item.#f, index, #src);
                            }
                        });
                    } else {
                        field_arms.push(quote!(#wire_field => F::One(&mut item.#f, #src),));
                    }
                }
                indexed_arms.push(quote! {
                    if let Some((index, field)) = ::yunapi::wire::indexed(name, #prefix, #base) {
                        return match ::yunapi::wire::item(&mut self.#field, index) {
                            Some(item) => match field {
                                #(#field_arms)*
                                _ => {
                                    #(#list_arms)*
                                    F::Fail("is not a parameter of this API")
                                }
                            },
                            None => F::Fail("skips an index: number the items without gaps"),
                        };
                    }
                });
            }
        }
    }

    struct_fields.push(quote! {
        /// Parameters the page does not document (the builder's `extra_param`).
        pub extra_params: ::yunapi::runtime::ExtraParams,
        /// Built with `build_unchecked`: the client sends it without the page's checks.
        unchecked: bool,
    });
    empty_fields.push(quote!(extra_params: ::yunapi::runtime::ExtraParams::default(), unchecked: false,));
    setters.push(quote! {
        /// Adds a parameter the page does not document, or replaces a documented one, whose
        /// checks `build` then leaves out (see `runtime::ExtraParams`).
        pub fn extra_param(mut self, name: impl Into<String>, value: impl Into<::yunapi::runtime::Value>) -> Self {
            self.0.extra_params.push(name, value);
            self
        }
    });
    writes.push(quote!(params.extra(&self.extra_params);));
    let token = spec.idempotency_token();
    let mut summary = api.summary_docs();
    if let Some(token) = token {
        summary.insert(summary.len() - 1, retry_safety(&token.name));
    }
    let spec_docs = doc::attrs(&summary);
    let builder_doc =
        doc::attrs(&[format!("Builds a [`{name}`]; `build` checks every constraint of the page.")]);
    let action = &spec.action;
    let method = spec.http.method.to_ascii_uppercase();
    let path = &spec.http.path;
    let endpoint = match &spec.http.endpoint {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let idempotency_token = token.map(|p| {
        let name = &p.name;
        quote!(const IDEMPOTENCY_TOKEN: Option<&'static str> = Some(#name);)
    });
    let version = spec.version.as_ref().map(|v| quote!(const VERSION: Option<&'static str> = Some(#v);));
    let service = service_const(api);
    let page = api.page_source();
    let unknown = format!("is not a parameter of {action}");
    let (rules_module, rules_const) = tables.finish(rules);
    let validate_body = if rules_const.is_empty() {
        quote!(Ok(()))
    } else {
        quote!(::yunapi::runtime::rules::check_operation(self, &super::PROVIDER))
    };
    let name_arg =
        if exact_arms.is_empty() && indexed_arms.is_empty() { quote!(_name) } else { quote!(name) };
    let lookup = if exact_arms.is_empty() {
        quote! {
            #(#indexed_arms)*
            F::Unknown
        }
    } else {
        quote! {
            match name {
                #(#exact_arms)*
                _ => {
                    #(#indexed_arms)*
                    F::Unknown
                }
            }
        }
    };
    let paginated = super::paginate::emit(api, &slots_view(&slots));
    let object_items = objects.items;
    let items = quote! {
        #spec_docs
        #[derive(Debug, Clone)]
        // Built through the builder only, so that a new optional parameter breaks no caller.
        #[non_exhaustive]
        pub struct #name { #(#struct_fields)* }

        #builder_doc
        #[derive(Debug, Clone)]
        pub struct #builder(#name);

        #group_items
        #enum_items
        #object_items
        #rules_module

        impl #name {
            /// A builder with no parameter set.
            pub fn builder() -> #builder {
                #builder(#name { #(#empty_fields)* })
            }

            /// Sets parameters by their wire names (`zone=pek3a`, `images.1=img-1`, `Tag.1.Key=env`),
            /// then checks the result like [`Self::builder`]'s `build`.
            ///
            /// # Errors
            ///
            /// Every unknown name, unreadable value and broken constraint, at once.
            pub fn from_wire(pairs: &[(String, String)]) -> Result<Self, ::yunapi::runtime::ValidationErrors> {
                ::yunapi::wire::from_wire(Self::builder().0, pairs, Self::param, #unknown, #page)
            }

            /// Where the parameter `name` goes, with the page line that states it; read by the
            /// shared `wire::parse`.
            fn param(&mut self, #name_arg: &str) -> ::yunapi::wire::Found<'_> {
                use ::yunapi::wire::Found as F;
                #lookup
            }
        }

        impl #builder {
            #(#setters)*

            /// The request, once every constraint of the page holds.
            ///
            /// # Errors
            ///
            /// Every missing required parameter and every broken constraint, at once.
            pub fn build(self) -> Result<#name, ::yunapi::runtime::ValidationErrors> {
                ::yunapi::runtime::Operation::validate(&self.0)?;
                Ok(self.0)
            }

            /// The request as set, without the page's checks: for when a check of the page is
            /// wrong (a bound, a value set, a condition the provider does not hold to), so that
            /// the provider judges the request. Neither `build` nor the client runs them; the client
            /// still refuses what it cannot send (a region it has nowhere to take from, a path
            /// parameter left unset). Prefer `build` and, where the page is wrong, an overlay.
            pub fn build_unchecked(mut self) -> #name {
                self.0.unchecked = true;
                self.0
            }
        }

        impl ::yunapi::runtime::Operation for #name {
            const ACTION: &'static str = #action;
            const METHOD: &'static str = #method;
            const PATH: &'static str = #path;
            const ENDPOINT: Option<&'static str> = #endpoint;
            #idempotency_token
            #version
            #service
            type Output = #output;
            #rules_const

            fn validate(&self) -> Result<(), ::yunapi::runtime::ValidationErrors> {
                #validate_body
            }

            fn unchecked(&self) -> bool {
                self.unchecked
            }

            fn write_params(&self, params: &mut ::yunapi::runtime::Params) {
                #(#writes)*
            }
        }

        #paginated
    };
    Request { items }
}

/// Records where each parameter lives in Rust.
fn record_names(api: &Api<'_>, slots: &[Slot<'_>]) {
    let item =
        |m: &Member<'_>, field: &Name, member: Option<(String, String)>, rust_type: TokenStream| ParamItem {
            field: field.ident.clone(),
            member,
            rust_type: type_text(&rust_type),
            value_enum: m.ty.enum_name(),
        };
    api.names.record(|names| {
        for slot in slots {
            match slot {
                Slot::Scalar(m) => {
                    let ty = m.ty.tokens();
                    names.params.insert(m.param.name.clone(), item(m, &m.field, None, quote!(Option<#ty>)));
                }
                Slot::List { member: m, .. } => {
                    let ty = m.ty.tokens();
                    names.params.insert(m.param.name.clone(), item(m, &m.field, None, quote!(Vec<#ty>)));
                }
                Slot::Group { field, item: item_ident, members, .. } => {
                    for m in members {
                        let ty = m.ty.tokens();
                        let member = Some((item_ident.to_string(), m.field.ident.clone()));
                        let rust_type =
                            if field_indexed(m.param) { quote!(Vec<#ty>) } else { quote!(Option<#ty>) };
                        names.params.insert(m.param.name.clone(), item(m, field, member, rust_type));
                    }
                }
            }
        }
    });
}

/// The statement of `write_params` that hands `value` (a reference expression) over as the
/// parameter `wire`, travelling where the page puts it.
fn write(location: Location, wire: &str, value: TokenStream) -> TokenStream {
    let method = match location {
        Location::Query => quote!(query),
        Location::Path => quote!(path),
        Location::Body => quote!(body),
        Location::Header => quote!(header),
    };
    quote!(params.#method(#wire, #value);)
}

/// True when `param` is the provider's region parameter, which the client fills from
/// `Config::with_region` when the request leaves it unset.
fn fills_region(api: &Api<'_>, param: &Param) -> bool {
    param.name == api.profile.region_param && param.list.is_none()
}

/// `const SERVICE` when the endpoint template the API uses needs its service (`{service}`) and the
/// spec names it.
fn service_const(api: &Api<'_>) -> Option<TokenStream> {
    let template = api.spec.http.endpoint.as_deref().unwrap_or(&api.profile.endpoint);
    let service = api.spec.service.as_deref().filter(|_| template.contains("{service}"))?;
    Some(quote!(const SERVICE: Option<&'static str> = Some(#service);))
}

/// True for a field of a repeated group that is a list itself (`NetworkInterface.N.SecurityGroupIds.N`).
fn field_indexed(param: &Param) -> bool {
    param.list.as_ref().is_some_and(|l| l.field_indexed)
}

/// The rule of a parameter outside a group, written under `name`; `None` when it has nothing to
/// check. The client fills an idempotency token the caller leaves unset, even a required one, and
/// the region parameter from its configuration (`fills_region`, checked once filled): neither is
/// required here.
fn param_rule(
    api: &Api<'_>,
    tables: &Tables,
    objects: &Objects,
    m: &Member<'_>,
    name: &str,
) -> Option<TokenStream> {
    let p = m.param;
    let required = p.required && !is_token(api, p) && !fills_region(api, p);
    let resolve = |other: &str| resolve(api.spec, other, None);
    let checks = tables.checks(api, &Constraints::of_param(p, required), &m.ty, &resolve, &p.origin);
    let fields = match m.ty {
        ValueTy::Object(_) => objects.rules(&p.ty),
        _ => None,
    };
    Tables::rule(name, &checks, fields)
}

/// The rule of a `Prefix.N.Field` group: the most items (stated on a field that is not a list
/// itself), and the rules of each item's fields.
fn group_rule(api: &Api<'_>, tables: &Tables, prefix: &str, members: &[Member<'_>]) -> Option<TokenStream> {
    let mut checks = Vec::new();
    let limit = members.iter().filter(|m| !field_indexed(m.param)).find_map(|m| {
        let list = m.param.list.as_ref()?;
        Some((m, list.max_items?, list.field.as_deref().unwrap_or_default()))
    });
    if let Some((m, max, field)) = limit {
        let src = api.source(&m.param.origin);
        let max = Literal::usize_unsuffixed(max as usize);
        let then = format!(".{field}");
        checks.push(quote!((MaxItems(#max, #then), #src)));
    }
    let resolve = |other: &str| resolve(api.spec, other, Some(prefix));
    let fields: Vec<TokenStream> = members
        .iter()
        .filter_map(|m| {
            let mut constraints = Constraints::of_param(m.param, m.param.required);
            // The group's limit counts items; a field's own list has its own.
            if !field_indexed(m.param) {
                constraints.max_items = None;
            }
            let checks = tables.checks(api, &constraints, &m.ty, &resolve, &m.param.origin);
            let wire_field = m.param.list.as_ref().and_then(|l| l.field.as_deref()).unwrap_or_default();
            Tables::rule(wire_field, &checks, None)
        })
        .collect();
    let fields = (!fields.is_empty()).then(|| quote!(&[#(#fields),*]));
    Tables::rule(prefix, &checks, fields)
}

/// What pagination needs to know about the request's fields: wire name → (field, is an integer).
fn slots_view(slots: &[Slot<'_>]) -> Vec<(String, Ident, bool)> {
    slots
        .iter()
        .filter_map(|s| match s {
            Slot::Scalar(m) => {
                Some((m.param.name.clone(), m.field.to_tokens(), matches!(m.ty, ValueTy::Int)))
            }
            _ => None,
        })
        .collect()
}

/// The Rust type of one value of `param`, emitting its enum when it has a value set.
/// A named type becomes its struct when `objects` has it, and wire text otherwise.
fn value_ty(
    api: &Api<'_>,
    param: &Param,
    base: &str,
    objects: Option<&Objects>,
    types: &mut Scope,
    items: &mut TokenStream,
) -> ValueTy {
    let scalar = match &param.ty {
        TypeRef::Scalar(s) => *s,
        TypeRef::Named(name) => match objects.and_then(|o| o.ident(name)) {
            Some(ident) => return ValueTy::Object(ident.clone()),
            None => Scalar::String,
        },
    };
    let label = param.name.replace('`', "'");
    let described =
        Described { enumeration: param.enumeration.as_ref(), description: param.description.as_deref() };
    scalar_ty(api, scalar, described, &label, base, types, items)
}

/// True when `param` is the idempotency token the client fills.
fn is_token(api: &Api<'_>, param: &Param) -> bool {
    api.spec.idempotency_token().is_some_and(|token| token.name == param.name)
}

/// Why an API with an idempotency token may be retried after a timeout, for its docs.
fn retry_safety(token: &str) -> String {
    format!(
        "Safe to retry after a timeout: `{}` is an idempotency token. The client sends the same \
         token on every attempt of one call, so the provider acts at most once, and it retries \
         timeouts and broken connections too.",
        token.replace('`', "'")
    )
}

/// The rustdoc paragraphs of a parameter: description, constraints, source.
fn param_docs(api: &Api<'_>, param: &Param) -> Vec<String> {
    let mut docs = Vec::new();
    docs.push(param.description.as_deref().map(doc::escape).unwrap_or_else(|| format!("`{}`.", param.name)));
    let mut facts = vec![format!("Wire name `{}`", param.name.replace('`', "'"))];
    if is_token(api, param) {
        facts.push("an idempotency token: a fresh UUID when left unset, the same on every retry".to_owned());
    } else if param.required {
        facts.push("required".to_owned());
    }
    if let Some(default) = &param.default {
        facts.push(format!("default {}", doc::escape(default)));
    }
    let limits = doc::limits(param.range.as_ref(), &param.range_when, param.length.as_ref());
    facts.extend(limits.iter().map(|words| doc::escape(words)));
    if let Some(max) = param.list.as_ref().and_then(|l| l.max_items) {
        facts.push(format!("at most {max} items"));
    }
    if let Some(example) = &param.example {
        facts.push(format!("example {}", doc::escape(example)));
    }
    docs.push(format!("{}.", facts.join(", ")));
    if let Some(deprecated) = &param.deprecated {
        let note = deprecated.note.as_deref().map(doc::escape).unwrap_or_default();
        docs.push(format!("Deprecated by the page. {note}"));
    }
    docs.push(doc::cite(&api.source(&param.origin)));
    docs
}
