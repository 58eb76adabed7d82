//! Types that several APIs of one provider generate alike, emitted once in `<provider>/types.rs`.
//!
//! Input: each API's file as [`ApiCode`] (its items printed one by one, each type with its impls)
//! and the [`Shape`] of each of its types. Output: the [`Sharing`] decision of a provider, the API
//! files without the shared types (they `pub use super::types::{…}` instead, so every public path
//! stays) and `types.rs`. rustc then checks one copy of a type instead of one per API.
//!
//! Two types are alike when their code is, doc comments set aside; the strings inside code (the page
//! lines that validation messages cite) count. A type is shared only with every API-local type it
//! names, so a name in `types.rs` never means another type than in the API it came from.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// What the sharing decision needs to know of one type of an API file; the cache keeps it, so
/// deciding needs no generation of unchanged APIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    /// The type's name in the API file.
    pub name: String,
    /// Hash of the type's items (the struct or enum and its impls) as printed, without their doc
    /// comments.
    pub hash: String,
    /// The other items of the API file that the type's code names, sorted.
    pub refs: Vec<String>,
}

/// One API's file, printed item by item so that shared types can be left out.
#[derive(Debug, Clone)]
pub struct ApiCode {
    /// The file with every type defined.
    text: String,
    /// Where the items start in `text`, after the header and the module docs.
    head: usize,
    /// The items of each type that can be shared (the type itself and its impls): the type's
    /// index in `shapes` and their places in `text`, in order.
    owned: Vec<(usize, Range<usize>)>,
    shapes: Vec<Shape>,
}

impl ApiCode {
    /// Splits a parsed API file; `own` are the names that belong to the API alone (its request,
    /// builder and answer), which are never shared.
    pub(crate) fn new(head: &str, file: syn::File, own: &[String]) -> ApiCode {
        // Names as words of the code (`r#type` reads as `type`), to the names of the items.
        let local: BTreeMap<String, String> = file
            .items
            .iter()
            .filter_map(item_name)
            .map(|name| (name.trim_start_matches("r#").to_owned(), name))
            .collect();
        let candidates: BTreeSet<String> = file
            .items
            .iter()
            .filter(|item| matches!(item, syn::Item::Struct(_) | syn::Item::Enum(_)))
            .filter_map(item_name)
            .filter(|name| !own.contains(name))
            .collect();
        let mut head = head.to_owned();
        head.push_str(&print(syn::File { shebang: None, attrs: file.attrs, items: Vec::new() }));
        let items: Vec<(Option<String>, String)> = file
            .items
            .into_iter()
            .map(|item| (owner(&item).filter(|n| candidates.contains(n)), print_item(item)))
            .collect();
        // Sized once: the texts of many APIs wait in memory for the sharing decision.
        let mut text =
            String::with_capacity(head.len() + items.iter().map(|(_, item)| item.len()).sum::<usize>());
        text.push_str(&head);
        let mut owned = Vec::new();
        // Each type's name and its code without docs.
        let mut types: Vec<(String, String)> = Vec::new();
        for (owner, item) in items {
            if let Some(name) = owner {
                let index = types.iter().position(|(known, _)| *known == name).unwrap_or_else(|| {
                    types.push((name, String::new()));
                    types.len() - 1
                });
                // Doc comments print as `///` lines; string literals print on one line, escaped.
                for line in item.lines().filter(|line| !line.trim_start().starts_with("///")) {
                    types[index].1.push_str(line);
                    types[index].1.push('\n');
                }
                owned.push((index, text.len()..text.len() + item.len()));
            }
            text.push_str(&item);
        }
        let head = head.len();
        let shapes = types
            .into_iter()
            .map(|(name, code)| {
                // Every word that names another item: a superset of the items the code refers to.
                let words: BTreeSet<&str> =
                    code.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
                let refs =
                    words.into_iter().filter_map(|w| local.get(w)).filter(|r| **r != name).cloned().collect();
                let hash = crate::cache::key(&[code.as_bytes()])[..32].to_owned();
                Shape { name, hash, refs }
            })
            .collect();
        ApiCode { text, head, owned, shapes }
    }

    /// The types of the file that could be shared, in file order.
    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    /// The file, with the types in `shared` (sorted) taken from `types.rs` instead of defined.
    pub fn file(&self, shared: &[String]) -> String {
        self.clone().into_file(shared)
    }

    /// [`Self::file`], made in place: the generation of many APIs needs no second copy of them.
    pub fn into_file(self, shared: &[String]) -> String {
        if shared.is_empty() {
            return self.text;
        }
        let mut bytes = self.text.into_bytes();
        // Moves what stays over what goes, item by item, front to back.
        let (mut from, mut to) = (self.head, self.head);
        for (index, range) in &self.owned {
            if shared.binary_search(&self.shapes[*index].name).is_ok() {
                bytes.copy_within(from..range.start, to);
                to += range.start - from;
                from = range.end;
            }
        }
        let end = bytes.len();
        bytes.copy_within(from..end, to);
        bytes.truncate(to + end - from);
        let import = format!("pub use super::types::{{{}}};", shared.join(", "));
        let import: syn::Item = syn::parse_str(&import).expect("type names are identifiers");
        bytes.splice(self.head..self.head, print_item(import).into_bytes());
        String::from_utf8(bytes).expect("whole items are left out")
    }

    /// The printed items of the type `name`, docs included, as `types.rs` takes them.
    pub fn type_text(&self, name: &str) -> String {
        let items = self.owned.iter().filter(|(index, _)| self.shapes[*index].name == name);
        items.map(|(_, range)| &self.text[range.clone()]).collect()
    }
}

/// The types one provider's APIs share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sharing {
    /// Each shared type by name, with the APIs that take it from `types.rs` (indexes into the APIs
    /// given to [`share()`], in that order). The first one's docs are the ones kept.
    pub types: BTreeMap<String, Vec<usize>>,
    /// For each API, the shared types it takes, sorted.
    pub imports: Vec<Vec<String>>,
}

/// Decides which types the APIs of one provider share, given each API's shapes in the order whose
/// first API gives a shared type its docs (sorted by action). For each name, the largest set of two
/// or more APIs whose type is alike, with every type it names, is shared (ties: the set with the
/// earliest API); a type that names a type that is not shared, or not shared from the same set,
/// stays in its API. The same shapes always give the same decision.
pub fn share(apis: &[&[Shape]]) -> Sharing {
    let mut decide = Decide {
        shapes: apis.iter().map(|shapes| shapes.iter().map(|s| (s.name.as_str(), s)).collect()).collect(),
        deep: BTreeMap::new(),
        groups: BTreeMap::new(),
        chosen: BTreeMap::new(),
    };
    for (api, shapes) in apis.iter().enumerate() {
        for shape in *shapes {
            if let Some(deep) = decide.deep(api, &shape.name, &mut BTreeSet::new()) {
                decide.groups.entry(shape.name.clone()).or_default().entry(deep).or_default().push(api);
            }
        }
    }
    let names: Vec<String> = decide.groups.keys().cloned().collect();
    let mut sharing = Sharing { types: BTreeMap::new(), imports: vec![Vec::new(); apis.len()] };
    for name in names {
        if let Some(deep) = decide.choose(&name, &mut BTreeSet::new()) {
            let users = decide.groups[&name][&deep].clone();
            for &api in &users {
                sharing.imports[api].push(name.clone());
            }
            sharing.types.insert(name, users);
        }
    }
    sharing
}

struct Decide<'a> {
    /// Each API's shapes by name.
    shapes: Vec<BTreeMap<&'a str, &'a Shape>>,
    /// Hash of a type with every type it names, by API and name: equal means alike all the way
    /// down. `None` for a type that names a non-type item or is part of a cycle.
    deep: BTreeMap<(usize, String), Option<String>>,
    /// By name, the APIs that have each deep hash, in order.
    groups: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    /// By name, the deep hash of the shared type, if one is.
    chosen: BTreeMap<String, Option<String>>,
}

impl Decide<'_> {
    fn deep(&mut self, api: usize, name: &str, visiting: &mut BTreeSet<String>) -> Option<String> {
        if let Some(known) = self.deep.get(&(api, name.to_owned())) {
            return known.clone();
        }
        let shape = *self.shapes[api].get(name)?;
        if !visiting.insert(name.to_owned()) {
            return None;
        }
        let mut parts = vec![shape.name.clone(), shape.hash.clone()];
        let mut whole = true;
        for r in &shape.refs {
            match self.deep(api, r, visiting) {
                Some(deep) => parts.extend([r.clone(), deep]),
                None => whole = false,
            }
        }
        visiting.remove(name);
        let bytes: Vec<&[u8]> = parts.iter().map(String::as_bytes).collect();
        let deep = whole.then(|| crate::cache::key(&bytes)[..32].to_owned());
        self.deep.insert((api, name.to_owned()), deep.clone());
        deep
    }

    /// The deep hash of the shared `name`; a name met again while deciding (types that name each
    /// other across APIs) is not shared.
    fn choose(&mut self, name: &str, deciding: &mut BTreeSet<String>) -> Option<String> {
        if let Some(chosen) = self.chosen.get(name) {
            return chosen.clone();
        }
        if !deciding.insert(name.to_owned()) {
            return None;
        }
        let mut candidates: Vec<(String, Vec<usize>)> = self
            .groups
            .get(name)
            .map(|groups| groups.iter().filter(|(_, apis)| apis.len() >= 2))
            .into_iter()
            .flatten()
            .map(|(deep, apis)| (deep.clone(), apis.clone()))
            .collect();
        candidates.sort_by_key(|(_, apis)| (std::cmp::Reverse(apis.len()), apis[0]));
        let mut chosen = None;
        for (deep, apis) in candidates {
            let refs = self.shapes[apis[0]][name].refs.clone();
            let alike = refs.iter().all(|r| {
                let wanted = self.deep.get(&(apis[0], r.clone())).cloned().flatten();
                wanted.is_some() && self.choose(r, deciding) == wanted
            });
            if alike {
                chosen = Some(deep);
                break;
            }
        }
        deciding.remove(name);
        self.chosen.insert(name.to_owned(), chosen.clone());
        chosen
    }
}

/// The name an item defines, if any.
fn item_name(item: &syn::Item) -> Option<String> {
    let ident = match item {
        syn::Item::Struct(i) => &i.ident,
        syn::Item::Enum(i) => &i.ident,
        syn::Item::Mod(i) => &i.ident,
        syn::Item::Fn(i) => &i.sig.ident,
        syn::Item::Const(i) => &i.ident,
        syn::Item::Static(i) => &i.ident,
        syn::Item::Type(i) => &i.ident,
        syn::Item::Trait(i) => &i.ident,
        syn::Item::Union(i) => &i.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

/// The type a struct, enum or impl item belongs to.
fn owner(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(i) => Some(i.ident.to_string()),
        syn::Item::Enum(i) => Some(i.ident.to_string()),
        syn::Item::Impl(i) => match &*i.self_ty {
            syn::Type::Path(p) if p.qself.is_none() => p.path.get_ident().map(ToString::to_string),
            _ => None,
        },
        _ => None,
    }
}

fn print(file: syn::File) -> String {
    prettyplease::unparse(&file)
}

fn print_item(item: syn::Item) -> String {
    print(syn::File { shebang: None, attrs: Vec::new(), items: vec![item] })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(source: &str) -> ApiCode {
        ApiCode::new("", syn::parse_file(source).expect("test source parses"), &["Own".to_owned()])
    }

    fn shape(name: &str, hash: &str, refs: &[&str]) -> Shape {
        Shape {
            name: name.to_owned(),
            hash: hash.to_owned(),
            refs: refs.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    const API: &str = r#"
        //! The API.
        /// A tag, as page A says.
        pub struct Tag {
            /// Its key.
            pub key: Option<String>,
        }
        impl Tag {
            /// Where it is stated.
            pub fn source() -> &'static str { "a.md, row 1" }
        }
        /// The answer.
        pub struct Own { pub tags: Vec<Tag> }
        mod rules {}
    "#;

    #[test]
    fn docs_do_not_tell_types_apart_but_strings_in_code_do() {
        let a = code(API);
        let b = code(&API.replace("as page A says", "as page B says").replace("Its key", "The key"));
        let c = code(&API.replace("a.md, row 1", "b.md, row 1"));
        assert_eq!(a.shapes(), b.shapes());
        assert_eq!(a.shapes().len(), 1, "the API's own types are not shapes: {:?}", a.shapes());
        assert_eq!((a.shapes()[0].name.as_str(), a.shapes()[0].refs.len()), ("Tag", 0));
        assert_ne!(a.shapes()[0].hash, c.shapes()[0].hash);
    }

    #[test]
    fn a_file_takes_its_shared_types_from_the_types_module() {
        let a = code(API);
        let whole = prettyplease::unparse(&syn::parse_file(API).expect("parses"));
        assert_eq!(a.file(&[]), whole, "printed item by item, the file is printed as a whole");
        let shared = a.file(&["Tag".to_owned()]);
        assert!(shared.contains("pub use super::types::Tag;"), "{shared}");
        assert!(!shared.contains("pub struct Tag") && !shared.contains("impl Tag"), "{shared}");
        let tag = a.type_text("Tag");
        assert!(tag.starts_with("/// A tag, as page A says.") && tag.contains("impl Tag {"), "{tag}");
    }

    #[test]
    fn a_type_is_shared_only_with_the_types_it_names() {
        let image = shape("Image", "i", &["Tag"]);
        let apis = [
            vec![image.clone(), shape("Tag", "t1", &[])],
            vec![image.clone(), shape("Tag", "t1", &[])],
            vec![image.clone(), shape("Tag", "t2", &[])],
        ];
        let apis: Vec<&[Shape]> = apis.iter().map(Vec::as_slice).collect();
        let sharing = share(&apis);
        assert_eq!(sharing.types["Tag"], [0, 1]);
        assert_eq!(sharing.types["Image"], [0, 1], "API 2's Image names another Tag");
        assert_eq!(sharing.imports, [vec!["Image", "Tag"], vec!["Image", "Tag"], vec![]]);
        assert_eq!(share(&apis), sharing, "the same shapes, the same decision");
    }

    #[test]
    fn the_largest_set_is_shared_and_types_naming_other_items_stay() {
        let tags = ["t1", "t2", "t2", "t1", "t2"];
        let apis: Vec<Vec<Shape>> = tags
            .iter()
            .map(|t| {
                vec![
                    shape("Tag", t, &[]),
                    shape("Filter", "f", &["rules"]),
                    shape("Node", "n", &["Leaf"]),
                    shape("Leaf", "l", &["Node"]),
                ]
            })
            .collect();
        let apis: Vec<&[Shape]> = apis.iter().map(Vec::as_slice).collect();
        let sharing = share(&apis);
        assert_eq!(
            sharing.types.keys().collect::<Vec<_>>(),
            ["Tag"],
            "not a type naming a non-type, nor a cycle"
        );
        assert_eq!(sharing.types["Tag"], [1, 2, 4]);
        // A tie goes to the set with the earliest API.
        let apis: Vec<&[Shape]> = apis[..4].to_vec();
        assert_eq!(share(&apis).types["Tag"], [0, 3]);
    }
}
