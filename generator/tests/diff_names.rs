//! The Rust names the diff cites (`codegen::item_names`) are the names of the committed client: for
//! every spec under specs/, each recorded struct, field, type, enum and variant is looked up in the
//! parsed file of generated/.

use generator::codegen::{self, ItemNames};
use generator::spec;
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The structs (field → type) and enums (variants) of a generated file, and the methods of its
/// inherent impls (type → methods).
#[derive(Default)]
struct Defined {
    structs: BTreeMap<String, BTreeMap<String, String>>,
    enums: BTreeMap<String, BTreeSet<String>>,
    methods: BTreeMap<String, BTreeSet<String>>,
}

/// The items of `code`, with those it re-exports from its provider's `types.rs` (`shared`).
fn defined(code: &str, shared: &Defined) -> Defined {
    let file = syn::parse_file(code).expect("generated code parses");
    let mut defined = Defined::default();
    for item in file.items {
        match item {
            syn::Item::Use(u) => {
                let mut names = Vec::new();
                use_names(&u.tree, &mut names);
                for name in names {
                    if let Some(fields) = shared.structs.get(&name) {
                        defined.structs.insert(name.clone(), fields.clone());
                    }
                    if let Some(variants) = shared.enums.get(&name) {
                        defined.enums.insert(name.clone(), variants.clone());
                    }
                    if let Some(methods) = shared.methods.get(&name) {
                        defined.methods.insert(name, methods.clone());
                    }
                }
            }
            syn::Item::Struct(s) => {
                // Private fields (a request's `unchecked`) are no item a caller names.
                let fields = s
                    .fields
                    .iter()
                    .filter(|f| matches!(f.vis, syn::Visibility::Public(_)))
                    .filter_map(|f| {
                        let ty =
                            f.ty.to_token_stream()
                                .to_string()
                                .replace(' ', "")
                                // A long type printed over several lines keeps a trailing comma.
                                .replace(",>", ">")
                                .replace("::yunapi::", "yunapi::");
                        Some((f.ident.as_ref()?.to_string(), ty))
                    })
                    .collect();
                defined.structs.insert(s.ident.to_string(), fields);
            }
            // An answer with no fields is an alias of the runtime's empty answer.
            syn::Item::Type(t) => {
                defined.structs.insert(t.ident.to_string(), BTreeMap::new());
            }
            syn::Item::Enum(e) => {
                defined
                    .enums
                    .insert(e.ident.to_string(), e.variants.iter().map(|v| v.ident.to_string()).collect());
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let ty = i.self_ty.to_token_stream().to_string();
                let methods = i.items.iter().filter_map(|item| match item {
                    syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                    _ => None,
                });
                defined.methods.entry(ty).or_default().extend(methods);
            }
            _ => {}
        }
    }
    defined
}

fn use_names(tree: &syn::UseTree, names: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(path) => use_names(&path.tree, names),
        syn::UseTree::Name(name) => names.push(name.ident.to_string()),
        syn::UseTree::Group(group) => group.items.iter().for_each(|tree| use_names(tree, names)),
        _ => {}
    }
}

/// Every name `names` records, checked against `defined`; the problems found.
fn disagreements(names: &ItemNames, request: &str, defined: &Defined) -> Vec<String> {
    let mut problems = Vec::new();
    let request_fields = defined.structs.get(request).cloned().unwrap_or_default();
    let setters = defined.methods.get(&format!("{request}Builder")).cloned().unwrap_or_default();
    let mut fields_seen = BTreeSet::new();
    for (wire, param) in &names.params {
        fields_seen.insert(param.field.clone());
        if !setters.contains(&param.field) {
            problems.push(format!("{wire}: no setter {request}Builder::{}", param.field));
        }
        let ty = match &param.member {
            Some((item, field)) => defined.structs.get(item).and_then(|s| s.get(field)),
            None => request_fields.get(&param.field),
        };
        if ty != Some(&param.rust_type) {
            problems.push(format!("{wire}: recorded {param:?}, the code has {ty:?}"));
        }
    }
    // Every field of the request struct is a parameter, but the undocumented ones (`extra_param`).
    let declared: BTreeSet<String> =
        request_fields.keys().filter(|f| *f != "extra_params").cloned().collect();
    if declared != fields_seen {
        problems.push(format!("{request}: fields {declared:?}, recorded {fields_seen:?}"));
    }
    for (kind, types) in [("request type", &names.request_types), ("answer type", &names.response_types)] {
        for (name, item) in types {
            let Some(fields) = defined.structs.get(&item.ident) else {
                problems.push(format!("{kind} {name}: no struct {}", item.ident));
                continue;
            };
            let recorded: BTreeMap<String, String> =
                item.fields.values().map(|f| (f.ident.clone(), f.rust_type.clone())).collect();
            if recorded != *fields {
                problems.push(format!("{kind} {name}: the code has {fields:?}, recorded {recorded:?}"));
            }
        }
    }
    let errors = names.errors.iter().map(|(name, codes)| (name, codes));
    for (name, variants) in names.enums.iter().chain(errors) {
        let recorded: BTreeSet<String> = variants.values().cloned().collect();
        let mut declared = defined.enums.get(name).cloned().unwrap_or_default();
        // The catch-all of every value set is no value of the page.
        declared.remove("Other");
        if declared != recorded {
            problems.push(format!("enum {name}: the code has {declared:?}, recorded {recorded:?}"));
        }
    }
    problems
}

#[test]
fn recorded_names_are_the_names_of_the_generated_client() {
    let specs = workspace().join("specs");
    let mut checked = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(specs.join("providers")).expect("specs/providers") {
        let path = entry.expect("entry").path();
        let profile = spec::profile_from_yaml(&std::fs::read_to_string(&path).expect("profile"), "profile")
            .expect("profile reads");
        let dir = specs.join(&profile.provider);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.map(|e| e.expect("entry").path()).collect())
            .unwrap_or_default();
        files.sort();
        let specs_of: Vec<spec::ApiSpec> = files
            .iter()
            .map(|f| spec::from_yaml(&std::fs::read_to_string(f).expect("spec"), "spec").expect("spec reads"))
            .collect();
        let actions: Vec<&str> = specs_of.iter().map(|s| s.action.as_str()).collect();
        let module = codegen::provider_module(&profile);
        let shared = std::fs::read_to_string(workspace().join(format!("generated/{module}/types.rs")))
            .map(|types| defined(&types, &Defined::default()))
            .unwrap_or_default();
        for (spec, api) in specs_of.iter().zip(codegen::name_apis(&actions)) {
            let code =
                std::fs::read_to_string(workspace().join(format!("generated/{module}/{}.rs", api.module)))
                    .expect("generated file");
            let names = codegen::item_names(spec, &profile, &api);
            assert!(!names.params.is_empty() && !names.response_types.is_empty(), "{}", spec.action);
            problems.extend(
                disagreements(&names, &api.type_name, &defined(&code, &shared))
                    .into_iter()
                    .map(|p| format!("{module}/{}: {p}", spec.action)),
            );
            checked += 1;
        }
    }
    assert!(checked >= 6, "every committed spec is checked, {checked} were");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
