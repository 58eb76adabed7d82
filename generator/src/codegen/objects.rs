//! Named request types → Rust structs sent field by field.
//!
//! Input: the spec's `request_types` (JD Cloud's `Filter`, `DiskSpec`). Output: one struct per type
//! that a parameter reaches, with `runtime::ToValue` (its fields as a `runtime::Value::Object`,
//! which the runtime sends as `prefix.field` and `prefix.field.N` in a query or as a JSON object in
//! a body), a `param` that reads a field back from its wire name, and the static table of the
//! rules its fields follow (`rules`).

use super::names::{FieldItem, type_text};
use super::rules::{Constraints, Other, Tables, resolve};
use super::values::{Described, ValueTy, scalar_ty};
use super::{Api, doc};
use crate::naming::{Case, Scope};
use crate::spec::{Field, ListEncoding, Param, Scalar, TypeDef, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The request types of one API that parameters reach, by their spec name.
pub struct Objects {
    types: BTreeMap<String, Object>,
    pub items: TokenStream,
}

struct Object {
    ident: Ident,
    /// The static of its fields' rules, when one of them has something to check.
    rules: Option<Ident>,
}

impl Objects {
    /// The Rust type of the request type `name`, if the spec defines it.
    pub fn ident(&self, name: &str) -> Option<&Ident> {
        self.types.get(name).map(|o| &o.ident)
    }

    /// `&STATIC` of the rules of the type `name`'s fields, when it has any.
    pub fn rules(&self, name: &TypeRef) -> Option<TokenStream> {
        let rules = self.types.get(named(name)?)?.rules.as_ref()?;
        Some(quote!(&#rules))
    }
}

/// What one field of a request type checks: its own checks, and the type it holds, if any.
struct FieldChecks {
    name: String,
    checks: Vec<TokenStream>,
    target: Option<String>,
}

/// Emits the request types that the parameters of `api` reach, directly or through other types,
/// and the rule tables of those with something to check.
pub fn emit(api: &Api<'_>, types: &mut Scope, tables: &mut Tables) -> Objects {
    let defs: BTreeMap<&str, &TypeDef> =
        api.spec.request_types.iter().map(|t| (t.name.as_str(), t)).collect();
    let reached = reachable(api, &defs);
    let mut objects = Objects { types: BTreeMap::new(), items: TokenStream::new() };
    // Names first, in page order, so that fields can name types defined further down.
    for def in api.spec.request_types.iter().filter(|t| reached.contains(t.name.as_str())) {
        let ident = types.name(&def.name, Case::Pascal, &[format!("{}Param", def.name)]).to_tokens();
        objects.types.insert(def.name.clone(), Object { ident, rules: None });
    }
    let mut items = TokenStream::new();
    let mut checks = BTreeMap::new();
    for def in api.spec.request_types.iter().filter(|t| reached.contains(t.name.as_str())) {
        let (tokens, fields) = object(api, def, &defs, &objects, types, tables);
        items.extend(tokens);
        checks.insert(def.name.as_str(), fields);
    }
    add_rules(&mut objects, &checks, tables);
    objects.items = items;
    objects
}

/// Gives a static of rules to each type with something to check: a field with checks of its own,
/// or one holding a type that has a static (types may refer to each other, so until nothing
/// changes).
fn add_rules(objects: &mut Objects, checks: &BTreeMap<&str, Vec<FieldChecks>>, tables: &mut Tables) {
    let mut checked = BTreeSet::new();
    loop {
        let before = checked.len();
        for (name, fields) in checks {
            let holds = |f: &FieldChecks| f.target.as_deref().is_some_and(|t| checked.contains(t));
            if fields.iter().any(|f| !f.checks.is_empty() || holds(f)) {
                checked.insert(*name);
            }
        }
        if checked.len() == before {
            break;
        }
    }
    // In the order of the types' spec names: stable whatever the page's order.
    for (name, object) in objects.types.iter_mut() {
        if checked.contains(name.as_str()) {
            object.rules = Some(tables.name_static(&object.ident.to_string()));
        }
    }
    for (name, fields) in checks {
        let Some(object) = objects.types.get(*name) else { continue };
        let Some(static_name) = object.rules.clone() else { continue };
        let rules = fields
            .iter()
            .filter_map(|f| {
                let nested = f.target.as_ref().and_then(|t| objects.rules(&TypeRef::Named(t.clone())));
                Tables::rule(&f.name, &f.checks, nested)
            })
            .collect();
        tables.add_static(static_name, rules);
    }
}

/// The named types a parameter reaches, directly or through the fields of other types.
fn reachable<'s>(api: &Api<'s>, defs: &BTreeMap<&'s str, &'s TypeDef>) -> BTreeSet<&'s str> {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<&str> =
        api.spec.request.iter().filter(|p| carries_object(p)).filter_map(|p| named(&p.ty)).collect();
    while let Some(name) = pending.pop() {
        let Some(def) = defs.get(name) else { continue };
        if reached.insert(def.name.as_str()) {
            pending.extend(def.fields.iter().filter_map(|f| named(&f.ty)));
        }
    }
    reached
}

/// True when `param` can hold objects: alone or as an indexed list. A comma-joined list or a
/// field of a `Tag.N.Key` group has no place for an object's fields, so it stays wire text.
pub fn carries_object(param: &Param) -> bool {
    param.list.as_ref().is_none_or(|l| l.encoding == ListEncoding::Indexed && l.field.is_none())
}

fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Scalar(_) => None,
    }
}

/// True when the type `from` contains the type `to`, through single (not list) fields: such a field
/// needs a `Box`, or the struct would contain itself.
fn contains(defs: &BTreeMap<&str, &TypeDef>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut pending = vec![from];
    while let Some(name) = pending.pop() {
        if name == to {
            return true;
        }
        let Some(def) = defs.get(name) else { continue };
        if seen.insert(name) {
            pending.extend(def.fields.iter().filter(|f| !f.array).filter_map(|f| named(&f.ty)));
        }
    }
    false
}

/// One request type: the struct, its `ToValue` impl and `param`; and what each field checks.
fn object(
    api: &Api<'_>,
    def: &TypeDef,
    defs: &BTreeMap<&str, &TypeDef>,
    objects: &Objects,
    types: &mut Scope,
    tables: &Tables,
) -> (TokenStream, Vec<FieldChecks>) {
    let Some(ident) = objects.ident(&def.name) else { return (TokenStream::new(), Vec::new()) };
    api.names
        .record(|names| names.request_types.entry(def.name.clone()).or_default().ident = ident.to_string());
    let base = Literal::usize_unsuffixed(api.profile.list_index_base as usize);
    let mut scope = Scope::with_reserved(&["check", "param"]);
    let mut enum_items = TokenStream::new();
    let (mut fields, mut writes, mut exact, mut nested, mut field_checks) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // A condition names another field of the object, or else a parameter of the request.
    let resolve_field = |name: &str| match def.fields.iter().any(|f| f.name == name) {
        true => Some(Other::Field(name.to_owned())),
        false => resolve(api.spec, name, None),
    };
    for field in &def.fields {
        let f = scope.name(&field.name, Case::Snake, &[format!("{}_field", field.name)]).to_tokens();
        let wire = &field.name;
        let src = api.source(&field.origin);
        let docs = doc::attrs(&field_docs(api, field));
        let ty = field_ty(api, def, field, objects, types, &mut enum_items);
        let target = named(&field.ty).filter(|n| objects.ident(n).is_some());
        let checks = tables.checks(api, &Constraints::of_field(field), &ty, &resolve_field, &field.origin);
        field_checks.push(FieldChecks {
            name: field.name.clone(),
            checks,
            target: target.map(str::to_owned),
        });
        let stored = match (&ty, field.array) {
            (ValueTy::Object(item), true) => {
                writes.push(quote!(o.add(#wire, &self.#f);));
                nested.push(quote! {
                    if let Some((index, rest)) = ::yunapi::wire::indexed(name, #wire, #base) {
                        return match ::yunapi::wire::item(&mut self.#f, index) {
                            Some(item) => item.param(rest),
                            None => F::Fail("skips an index: number the items without gaps"),
                        };
                    }
                });
                quote!(Vec<#item>)
            }
            (ValueTy::Object(item), false) => {
                let boxed = target.is_some_and(|n| contains(defs, n, &def.name));
                let stored = if boxed { quote!(Box<#item>) } else { quote!(#item) };
                writes.push(if boxed {
                    quote!(o.put(#wire, self.#f.as_deref().and_then(::yunapi::runtime::ToValue::to_value));)
                } else {
                    quote!(o.add(#wire, &self.#f);)
                });
                let dotted = format!("{wire}.");
                nested.push(quote! {
                    if let Some(rest) = name.strip_prefix(#dotted) {
                        return self.#f.get_or_insert_with(Default::default).param(rest);
                    }
                });
                quote!(Option<#stored>)
            }
            (value, true) => {
                let value = value.tokens();
                writes.push(quote!(o.add(#wire, &self.#f);));
                nested.push(quote! {
                    if let Some((index, "")) = ::yunapi::wire::indexed(name, #wire, #base) {
                        return F::At(&mut self.#f, index, #src);
                    }
                });
                quote!(Vec<#value>)
            }
            (value, false) => {
                let value = value.tokens();
                writes.push(quote!(o.add(#wire, &self.#f);));
                exact.push(quote!(#wire => F::One(&mut self.#f, #src),));
                quote!(Option<#value>)
            }
        };
        api.names.record(|names| {
            let known = &mut names.request_types.entry(def.name.clone()).or_default().fields;
            let item =
                FieldItem { ident: f.to_string(), rust_type: type_text(&stored), value_enum: ty.enum_name() };
            known.insert(field.name.clone(), item);
        });
        fields.push(quote!(#docs pub #f: #stored,));
    }
    let mut type_docs = vec![match &def.description {
        Some(text) => doc::escape(text),
        None => format!("The `{}` object of the request.", def.name.replace('`', "'")),
    }];
    type_docs.push(doc::cite(&api.source(&def.origin)));
    let type_docs = doc::attrs(&type_docs);
    let to_value = if writes.is_empty() {
        quote!(::yunapi::runtime::Object::new().finish())
    } else {
        quote! {
            let mut o = ::yunapi::runtime::Object::new();
            #(#writes)*
            o.finish()
        }
    };
    let name_arg = if exact.is_empty() && nested.is_empty() { quote!(_name) } else { quote!(name) };
    let lookup = if exact.is_empty() {
        quote!(#(#nested)* F::Unknown)
    } else {
        quote! {
            match name {
                #(#exact)*
                _ => {
                    #(#nested)*
                    F::Unknown
                }
            }
        }
    };
    let tokens = quote! {
        #type_docs
        #[derive(Debug, Clone, Default)]
        pub struct #ident { #(#fields)* }

        impl ::yunapi::runtime::ToValue for #ident {
            fn to_value(&self) -> Option<::yunapi::runtime::Value> {
                #to_value
            }
        }

        impl #ident {
            /// Where the field `name` of this object goes, with the page line that states it.
            // Seen by the provider's other modules: the type may be shared from its `types.rs`.
            pub(super) fn param(&mut self, #name_arg: &str) -> ::yunapi::wire::Found<'_> {
                use ::yunapi::wire::Found as F;
                #lookup
            }
        }

        #enum_items
    };
    (tokens, field_checks)
}

/// The Rust type of one value of `field`, emitting its enum when it has a value set.
fn field_ty(
    api: &Api<'_>,
    def: &TypeDef,
    field: &Field,
    objects: &Objects,
    types: &mut Scope,
    items: &mut TokenStream,
) -> ValueTy {
    let scalar = match &field.ty {
        TypeRef::Named(name) => match objects.ident(name) {
            Some(ident) => return ValueTy::Object(ident.clone()),
            None => Scalar::String,
        },
        TypeRef::Scalar(s) => *s,
    };
    let label = format!("{}.{}", def.name, field.name).replace('`', "'");
    let base = format!("{}{}", def.name, crate::naming::sanitize(&field.name, Case::Pascal).unraw());
    let described =
        Described { enumeration: field.enumeration.as_ref(), description: field.description.as_deref() };
    scalar_ty(api, scalar, described, &label, &base, types, items)
}

/// The rustdoc paragraphs of a field: description, wire name, whether required, source.
fn field_docs(api: &Api<'_>, field: &Field) -> Vec<String> {
    let description =
        field.description.as_deref().map(doc::escape).unwrap_or_else(|| format!("`{}`.", field.name));
    let mut facts = vec![format!("Wire name `{}`", field.name.replace('`', "'"))];
    if !field.nullable {
        facts.push("required".to_owned());
    }
    let limits = doc::limits(field.range.as_ref(), &field.range_when, field.length.as_ref());
    facts.extend(limits.iter().map(|words| doc::escape(words)));
    let facts = format!("{}.", facts.join(", "));
    let mut docs = vec![description, facts];
    if let Some(deprecated) = &field.deprecated {
        let note = deprecated.note.as_deref().map(doc::escape).unwrap_or_default();
        docs.push(format!("Deprecated by the page. {note}"));
    }
    docs.push(doc::cite(&api.source(&field.origin)));
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Origin;

    fn def(name: &str, fields: &[(&str, &str, bool)]) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            description: None,
            fields: fields
                .iter()
                .map(|(field, ty, array)| {
                    let mut f = Field::new(*field, TypeRef::Named((*ty).to_owned()), Origin::page(1));
                    f.array = *array;
                    f
                })
                .collect(),
            origin: Origin::page(1),
        }
    }

    #[test]
    fn a_single_field_needs_a_box_only_on_a_cycle_of_single_fields() {
        let node = def("Node", &[("next", "Node", false)]);
        let outer = def("Outer", &[("inner", "Inner", false)]);
        let inner = def("Inner", &[("back", "Outer", false)]);
        let holder = def("Holder", &[("leaf", "Leaf", false)]);
        let leaf = def("Leaf", &[("holders", "Holder", true)]);
        let defs: BTreeMap<&str, &TypeDef> =
            [&node, &outer, &inner, &holder, &leaf].into_iter().map(|d| (d.name.as_str(), d)).collect();
        // `Node.next` and `Outer.inner` (whose `back` leads to `Outer` again) would make infinite structs.
        assert!(contains(&defs, "Node", "Node"));
        assert!(contains(&defs, "Inner", "Outer"));
        // `Holder.leaf` does not: the way back to `Holder` goes through a `Vec`.
        assert!(!contains(&defs, "Leaf", "Holder"));
    }
}
