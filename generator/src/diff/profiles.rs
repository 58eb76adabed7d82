//! Provider profiles against each other: the facts every call of a provider relies on.

use super::Change;
use super::checks::Check;
use super::load::Tree;
use super::show::text;
use crate::codegen;
use crate::spec::{Profile, SharedType};
use std::collections::BTreeSet;

/// The changes of the provider profiles present in either tree.
pub(super) fn compare(old: &Tree, new: &Tree) -> Vec<Change> {
    let mut changes = Vec::new();
    let keys: BTreeSet<&String> = old.profiles.keys().chain(new.profiles.keys()).collect();
    for key in keys {
        let mut push = |check: Check,
                        element: String,
                        old: Option<String>,
                        new: Option<String>,
                        rust: Vec<String>,
                        location: &str| {
            changes.push(Change {
                api: key.clone(),
                check,
                element,
                old,
                new,
                rust,
                location: location.to_owned(),
            });
        };
        match (old.profiles.get(key), new.profiles.get(key)) {
            (Some((path, profile)), None) => {
                let module = format!("yunapi::{}", codegen::provider_module(profile));
                push(
                    Check::ProviderRemoved,
                    "profile".into(),
                    Some(profile.name.clone()),
                    None,
                    vec![format!("{module} removed")],
                    path,
                );
            }
            (None, Some((path, profile))) => {
                let module = format!("yunapi::{}", codegen::provider_module(profile));
                push(
                    Check::ProviderAdded,
                    "profile".into(),
                    None,
                    Some(profile.name.clone()),
                    vec![format!("{module} added")],
                    path,
                );
            }
            (Some((_, o)), Some((path, n))) => {
                let Profile {
                    provider: _,
                    name,
                    feature,
                    signing,
                    endpoint,
                    version,
                    region_param,
                    common_params,
                    list_index_base,
                    boolean,
                    credentials_env,
                    error_envelope,
                    pagination,
                    types,
                } = n;
                let (old_module, new_module) = (
                    format!("yunapi::{}", codegen::provider_module(o)),
                    format!("yunapi::{}", codegen::provider_module(n)),
                );
                if o.name != *name {
                    let rust = vec![format!("{new_module} docs")];
                    push(
                        Check::DescriptionChanged,
                        "profile.name".into(),
                        Some(o.name.clone()),
                        Some(name.clone()),
                        rust,
                        path,
                    );
                }
                let facts: [(&str, String, String); 11] = [
                    ("feature", text(&o.feature), text(feature)),
                    ("signing", text(&o.signing), text(signing)),
                    ("endpoint", text(&o.endpoint), text(endpoint)),
                    ("version", text(&o.version), text(version)),
                    ("region_param", text(&o.region_param), text(region_param)),
                    ("common_params", text(&o.common_params), text(common_params)),
                    ("list_index_base", text(&o.list_index_base), text(list_index_base)),
                    ("boolean", text(&o.boolean), text(boolean)),
                    ("credentials_env", text(&o.credentials_env), text(credentials_env)),
                    ("error_envelope", text(&o.error_envelope), text(error_envelope)),
                    ("pagination", text(&o.pagination), text(pagination)),
                ];
                for (name, before, after) in type_changes(&o.types, types) {
                    let rust =
                        vec![format!("{new_module} APIs that take `{name}` (each reports its own change)")];
                    push(
                        Check::ProviderTypeChanged,
                        format!("profile.types.{name}"),
                        before,
                        after,
                        rust,
                        path,
                    );
                }
                for (fact, before, after) in facts {
                    if before == after {
                        continue;
                    }
                    let rust = if old_module == new_module {
                        vec![format!("{new_module} is sent differently")]
                    } else {
                        vec![format!("{old_module} removed"), format!("{new_module} added")]
                    };
                    push(
                        Check::ProviderChanged,
                        format!("profile.{fact}"),
                        Some(before),
                        Some(after),
                        rust,
                        path,
                    );
                }
            }
            (None, None) => {}
        }
    }
    changes
}

/// The shared types of two versions of a profile, by name: added, removed or changed ones.
fn type_changes(old: &[SharedType], new: &[SharedType]) -> Vec<(String, Option<String>, Option<String>)> {
    let shown = |t: &SharedType| serde_yaml::to_string(t).unwrap_or_default().trim().to_owned();
    let names: BTreeSet<&str> = old.iter().chain(new).map(|t| t.name.as_str()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let before = old.iter().find(|t| t.name == name).map(shown);
            let after = new.iter().find(|t| t.name == name).map(shown);
            (before != after).then(|| (name.to_owned(), before, after))
        })
        .collect()
}
