//! Names: page words → Rust identifiers.
//!
//! Input: a name as a page writes it (`imageIds.n`, `Tag.N.Key`, `64bit`, `type`, `名称`). Output: a
//! Rust identifier in the requested case, plus the original when the two differ, so that
//! `#[serde(rename)]` (or a wire-name table) appears only where it is needed.
//!
//! [`sanitize`] is the one function every identifier goes through; [`Scope`] adds de-duplication
//! among the names of one namespace (the fields of a struct, the items of a module).

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The case of an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, methods, modules.
    Snake,
    /// `UpperCamelCase`: types and enum variants.
    Pascal,
    /// `SCREAMING_SNAKE_CASE`: constants and statics.
    Shouty,
}

/// A Rust identifier and the page's spelling, when they differ.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ident {
    /// The identifier as written in Rust source, `r#` included for raw identifiers.
    pub ident: String,
    /// The page's spelling, when it is not the identifier's own (`imageIds` for `image_ids`).
    pub original: Option<String>,
}

impl Ident {
    /// The identifier without the `r#` of a raw identifier: what serde and file names see.
    pub fn unraw(&self) -> &str {
        unraw(&self.ident)
    }

    /// The identifier as a token for `quote`.
    pub fn to_tokens(&self) -> proc_macro2::Ident {
        match self.ident.strip_prefix("r#") {
            Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
            None => proc_macro2::Ident::new(&self.ident, proc_macro2::Span::call_site()),
        }
    }
}

/// Rust's strict and reserved keywords (edition 2024), as written in snake case.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
    "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing `_` instead.
const NOT_RAW: &[&str] = &["self", "Self", "crate", "super", "_"];

/// Turns `raw` into an identifier of the given case.
///
/// Non-ASCII characters become `uXXXX` words (their code point in hex), every other character that
/// cannot appear in an identifier separates words, a leading digit gets a `v` (for "value") in front,
/// keywords become raw identifiers (`r#type`), and the few that cannot be raw get a trailing `_`
/// (`self_`, `Self_`). A name with nothing usable left becomes `unnamed`.
pub fn sanitize(raw: &str, case: Case) -> Ident {
    let mut words = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            words.push(c);
        } else if c.is_ascii() {
            words.push('_');
        } else {
            words.push_str(&format!("_u{:04x}_", u32::from(c)));
        }
    }
    let mut ident = match case {
        Case::Snake => words.to_snake_case(),
        Case::Pascal => words.to_upper_camel_case(),
        Case::Shouty => words.to_shouty_snake_case(),
    };
    if ident.is_empty() {
        ident = match case {
            Case::Snake => "unnamed".to_owned(),
            Case::Pascal => "Unnamed".to_owned(),
            Case::Shouty => "UNNAMED".to_owned(),
        };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        let prefix = if case == Case::Snake { 'v' } else { 'V' };
        ident.insert(0, prefix);
    }
    if NOT_RAW.contains(&ident.as_str()) {
        ident.push('_');
    } else if KEYWORDS.contains(&ident.as_str()) {
        ident.insert_str(0, "r#");
    }
    let original = (unraw(&ident) != raw).then(|| raw.to_owned());
    Ident { ident, original }
}

fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The names already used in one namespace; hands out unique ones.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty namespace.
    pub fn new() -> Self {
        Self::default()
    }

    /// A namespace where `reserved` are already taken (by hand-written items of the generated code).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope { taken: reserved.iter().map(|s| (*s).to_owned()).collect() }
    }

    /// True when `ident` (without `r#`) is taken.
    pub fn is_taken(&self, ident: &str) -> bool {
        self.taken.contains(unraw(ident))
    }

    /// A unique identifier for `raw`: its sanitized form if free, else the first free alternative
    /// (each sanitized too), else the sanitized form with a number appended (`key_2`, `Tag2`).
    pub fn name(&mut self, raw: &str, case: Case, alternatives: &[String]) -> Ident {
        let first = sanitize(raw, case);
        let candidates = std::iter::once(first.clone()).chain(alternatives.iter().map(|alt| {
            let Ident { ident, .. } = sanitize(alt, case);
            Ident { original: (unraw(&ident) != raw).then(|| raw.to_owned()), ident }
        }));
        for candidate in candidates {
            if self.taken.insert(candidate.unraw().to_owned()) {
                return candidate;
            }
        }
        let base = first.unraw().to_owned();
        let separator = if case == Case::Pascal { "" } else { "_" };
        let mut n = 2u32;
        loop {
            let ident = format!("{base}{separator}{n}");
            if self.taken.insert(ident.clone()) {
                let original = (ident != raw).then(|| raw.to_owned());
                return Ident { ident, original };
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snake(raw: &str) -> String {
        sanitize(raw, Case::Snake).ident
    }

    fn pascal(raw: &str) -> String {
        sanitize(raw, Case::Pascal).ident
    }

    #[test]
    fn page_names_become_idents() {
        assert_eq!(snake("imageIds"), "image_ids");
        assert_eq!(snake("IsSupportIoOptimized"), "is_support_io_optimized");
        assert_eq!(snake("OSNameEn"), "os_name_en");
        assert_eq!(snake("images.n"), "images_n");
        assert_eq!(
            pascal("InvalidImageOwnerAlias.ValueNotSupported"),
            "InvalidImageOwnerAliasValueNotSupported"
        );
        assert_eq!(pascal("describeImages"), "DescribeImages");
    }

    #[test]
    fn keywords_and_unraw_words() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("gen"), "r#gen");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(pascal("self"), "Self_");
        // The wire name of `r#type` is `type`: no rename needed.
        assert_eq!(sanitize("type", Case::Snake).original, None);
        assert_eq!(sanitize("self", Case::Snake).original.as_deref(), Some("self"));
    }

    #[test]
    fn digits_symbols_and_non_ascii() {
        assert_eq!(snake("2xx"), "v2xx");
        assert_eq!(pascal("64bit"), "V64bit");
        assert_eq!(snake("+1"), "v1");
        assert_eq!(snake("*/"), "unnamed");
        assert_eq!(snake("\"]"), "unnamed");
        assert_eq!(snake("#[x]"), "x");
        assert_eq!(snake("{{ a }}"), "a");
        assert_eq!(snake("名称"), "u540d_u79f0");
        assert_eq!(pascal("名称"), "U540dU79f0");
        assert_eq!(snake("`tick`"), "tick");
    }

    #[test]
    fn rename_only_when_needed() {
        assert_eq!(sanitize("limit", Case::Snake).original, None);
        assert_eq!(sanitize("imageIds", Case::Snake).original.as_deref(), Some("imageIds"));
    }

    #[test]
    fn duplicates_get_alternatives_then_numbers() {
        let mut scope = Scope::with_reserved(&["new"]);
        assert_eq!(scope.name("Key", Case::Snake, &[]).ident, "key");
        assert_eq!(scope.name("key", Case::Snake, &["key_deprecated".into()]).ident, "key_deprecated");
        let third = scope.name("KEY", Case::Snake, &[]);
        assert_eq!(third.ident, "key_2");
        assert_eq!(third.original.as_deref(), Some("KEY"));
        assert_eq!(scope.name("new", Case::Snake, &[]).ident, "new_2");
        let mut types = Scope::new();
        assert_eq!(types.name("Tag", Case::Pascal, &[]).ident, "Tag");
        assert_eq!(types.name("Tag", Case::Pascal, &["TagInfo".into()]).ident, "TagInfo");
        assert_eq!(types.name("tag", Case::Pascal, &[]).ident, "Tag2");
    }

    #[test]
    fn raw_idents_dedup_on_their_unraw_form() {
        let mut scope = Scope::new();
        assert_eq!(scope.name("type", Case::Snake, &[]).ident, "r#type");
        assert_eq!(scope.name("Type", Case::Snake, &[]).ident, "type_2");
        assert!(scope.is_taken("r#type"));
    }

    #[test]
    fn every_output_is_a_valid_ident() {
        let nasty = [
            "*/", "\"]", "#[", "`", "[x]", "{{ }}", "{% %}", "type", "self", "Self", "+1", "2xx", "名称", "",
            "_", "a.b.c",
        ];
        for raw in nasty {
            for case in [Case::Snake, Case::Pascal, Case::Shouty] {
                let ident = sanitize(raw, case);
                let parsed = syn::parse_str::<syn::Ident>(&ident.ident);
                assert!(parsed.is_ok(), "{raw:?} gave {:?}", ident.ident);
            }
        }
    }
}
