//! Page text → rustdoc attributes that cannot break out and that rustdoc renders as the page wrote it.
//!
//! Input: text from a spec (descriptions, meanings, names). Output: `#[doc = "..."]` tokens. The text
//! travels as a string literal, so `*/` or `"]` cannot end the comment; Markdown syntax is escaped
//! with backslashes, so `[x]` is no link, a backtick opens no code span, and indented lines are no
//! doctest. Rendered, the documentation reads exactly as the page's text.

use crate::spec::{ConditionalRange, Length, LengthUnit, Origin, Range};
use proc_macro2::TokenStream;
use quote::quote;

/// Escapes `text` so that Markdown renders it literally.
///
/// Each line is trimmed (an indented line would be a code block, that is, a doctest), Markdown
/// punctuation is backslash-escaped, and a line that would open a list, a heading or a quote
/// starts with an escaped marker.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (at, c) in line.char_indices() {
            // A tab inside a line lines up columns on the page; rustdoc and clippy want spaces.
            if c == '\t' {
                out.push_str("    ");
                continue;
            }
            let starts_list = (at == 0 && matches!(c, '-' | '+' | '#' | '='))
                || (matches!(c, '.' | ')') && at > 0 && line[..at].bytes().all(|b| b.is_ascii_digit()));
            if starts_list || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '|') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The `specs/`-relative place an element came from, as validation messages and docs cite it:
/// `specs/sources/aliyun/DescribeImages.md, 请求参数 row 3`, the overlay's file and line, or the
/// provider profile's shared type (`specs/providers/tencent-v3.yaml, Filter.Name`).
pub fn source(page: &str, overlay: &str, profile: &str, origin: &Origin) -> String {
    if origin.overlay {
        return format!("specs/{overlay}:{}", origin.line);
    }
    if let Some(element) = &origin.profile {
        return format!("specs/{profile}, {element}");
    }
    format!("specs/{page}, {}", origin.describe())
}

/// `#[doc]` attributes: one paragraph per entry of `paragraphs` (already escaped), empty ones left
/// out.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    let mut tokens = TokenStream::new();
    let mut first = true;
    for paragraph in paragraphs.iter().filter(|p| !p.is_empty()) {
        if !first {
            tokens.extend(quote!(#[doc = ""]));
        }
        first = false;
        for line in paragraph.lines() {
            let line = format!(" {line}");
            tokens.extend(quote!(#[doc = #line]));
        }
    }
    tokens
}

/// Inner `#![doc]` attributes for a module, built like [`attrs`].
pub fn inner_attrs(paragraphs: &[String]) -> TokenStream {
    let mut tokens = TokenStream::new();
    let mut first = true;
    for paragraph in paragraphs.iter().filter(|p| !p.is_empty()) {
        if !first {
            tokens.extend(quote!(#![doc = ""]));
        }
        first = false;
        for line in paragraph.lines() {
            let line = format!(" {line}");
            tokens.extend(quote!(#![doc = #line]));
        }
    }
    tokens
}

/// The closing paragraph of every item's docs: where on the page it is stated.
pub fn cite(source: &str) -> String {
    format!("Source: {}.", escape(source))
}

/// The bounds of a value in words, unescaped: `from 10 to 32768 in steps of 10`, `from 10 to 2000
/// when DiskCategory is cloud`, `2 to 128 characters`.
pub fn limits(
    range: Option<&Range>,
    range_when: &[ConditionalRange],
    length: Option<&Length>,
) -> Vec<String> {
    let mut words: Vec<String> = range.and_then(|r| bounds(r.min, r.max, r.step)).into_iter().collect();
    for when in range_when {
        if let Some(bounds) = bounds(when.min, when.max, when.step) {
            words.push(format!("{bounds} when {} is {}", when.when.param, when.when.values.join(" or ")));
        }
    }
    if let Some(length) = length {
        let unit = match length.unit {
            LengthUnit::Chars => "characters",
            LengthUnit::Bytes => "bytes",
        };
        match (length.min, length.max) {
            (Some(a), Some(b)) => words.push(format!("{a} to {b} {unit}")),
            (Some(a), None) => words.push(format!("at least {a} {unit}")),
            (None, Some(b)) => words.push(format!("at most {b} {unit}")),
            (None, None) => {}
        }
    }
    words
}

/// `from 5 to 2000`, `at least 5`, `at most 2000`, with `in steps of 10`.
fn bounds(min: Option<i64>, max: Option<i64>, step: Option<i64>) -> Option<String> {
    let bounds = match (min, max) {
        (Some(a), Some(b)) => Some(format!("from {a} to {b}")),
        (Some(a), None) => Some(format!("at least {a}")),
        (None, Some(b)) => Some(format!("at most {b}")),
        (None, None) => None,
    };
    match (bounds, step) {
        (Some(bounds), Some(step)) => Some(format!("{bounds} in steps of {step}")),
        (None, Some(step)) => Some(format!("a multiple of {step}")),
        (bounds, None) => bounds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_in_words() {
        let range = Range { min: Some(10), max: Some(32768), step: Some(10), origin: Origin::page(1) };
        let when = ConditionalRange {
            when: crate::spec::When { param: "DiskCategory".into(), values: vec!["cloud".into()] },
            min: None,
            max: Some(2000),
            step: None,
            origin: Origin::page(1),
        };
        let length = Length { min: None, max: Some(64), unit: LengthUnit::Bytes, origin: Origin::page(1) };
        assert_eq!(
            limits(Some(&range), &[when], Some(&length)),
            [
                "from 10 to 32768 in steps of 10",
                "at most 2000 when DiskCategory is cloud",
                "at most 64 bytes"
            ]
        );
    }

    /// Undoes [`escape`]'s backslashes, as Markdown rendering does.
    fn render(escaped: &str) -> String {
        let mut out = String::new();
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn markdown_is_escaped_and_text_survives() {
        let text = "see [x](y) and `code` *bold* <a> {{ v }} {% if %} */ \"] #[attr] a_b|c";
        let escaped = escape(text);
        assert!(!escaped.contains("[x]"));
        assert!(escaped.contains(r"\[x\]"));
        assert!(escaped.contains(r"\`code\`"));
        assert_eq!(render(&escaped), text);
    }

    #[test]
    fn lines_are_trimmed_and_markers_escaped() {
        let escaped = escape("first\n    indented code\n- item\n1. one\n# title\n\n");
        assert_eq!(escaped, "first\nindented code\n\\- item\n1\\. one\n\\# title");
    }

    #[test]
    fn tabs_become_spaces() {
        assert_eq!(escape("vpcId\t- 安全组"), "vpcId    - 安全组");
    }

    #[test]
    fn doc_attrs_parse_whatever_the_text() {
        let text = escape("*/ \"] #[ `` [x] {{ }} {% %} \\");
        let tokens = attrs(&[text.clone(), cite("specs/a.md:3")]);
        let item: syn::ItemStruct = syn::parse2(quote!(#tokens struct S;)).expect("doc attributes parse");
        let docs: Vec<String> = item
            .attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(docs[0].trim_start(), text);
    }
}
