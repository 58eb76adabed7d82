//! Page text cannot break out of doc comments, strings or templates: a fixture spec whose names and
//! descriptions hold `*/`, `"]`, `#[`, backticks, `[x]` links, `{{ }}` and `{% %}` generates code that
//! parses, and every text reaches the output intact (rendered Markdown reads as the page wrote it).

use generator::codegen;
use generator::render::Templates;
use generator::spec::{self, ApiSpec, Profile};
use std::path::Path;

fn fixture(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hostile() -> (ApiSpec, Profile) {
    let spec = spec::from_yaml(&fixture("aliyun/Hostile.yaml"), "Hostile.yaml").expect("fixture spec");
    let profile = spec::profile_from_yaml(&fixture("providers/aliyun.yaml"), "aliyun.yaml").expect("profile");
    (spec, profile)
}

/// Markdown's backslash escapes undone: what a reader of the rendered docs sees.
fn rendered(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && next.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

/// Every string literal of a parsed file, doc attributes included (`/// x` is `#[doc = " x"]`).
fn strings(file: &syn::File) -> Vec<String> {
    fn walk(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
        for tree in tokens {
            match tree {
                proc_macro2::TokenTree::Group(group) => walk(group.stream(), out),
                proc_macro2::TokenTree::Literal(literal) => {
                    let tokens = proc_macro2::TokenStream::from(proc_macro2::TokenTree::Literal(literal));
                    if let Ok(text) = syn::parse2::<syn::LitStr>(tokens) {
                        out.push(text.value());
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(quote::ToTokens::to_token_stream(file), &mut out);
    out
}

/// The page texts of the fixture, each a line of the rendered docs.
fn page_texts(spec: &ApiSpec) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    texts.extend(spec.summary.iter().cloned());
    texts.extend(spec.description.iter().flat_map(|d| d.lines().map(|l| l.trim().to_owned())));
    for p in &spec.request {
        texts.extend(p.description.iter().cloned());
        for v in p.enumeration.iter().flat_map(|e| &e.values) {
            texts.extend(v.meaning.iter().cloned());
        }
    }
    texts
}

#[test]
fn hostile_text_stays_text_in_code() {
    let (spec, profile) = hostile();
    let names = codegen::name_apis(&[&spec.action]);
    let code = codegen::api_file(&spec, &profile, &names[0]).expect("generation succeeds");
    let file = syn::parse_file(&code).expect("the generated file parses");
    let strings = strings(&file);
    let docs = rendered(&strings.iter().map(|s| s.trim_start()).collect::<Vec<_>>().join("\n"));
    for text in page_texts(&spec) {
        assert!(docs.contains(&text), "{text:?} is not in the rendered docs:\n{docs}");
    }
    for wire in ["*/", "\"]", "#[", "`", "{% raw %}", "type", "Tag"] {
        assert!(strings.iter().any(|s| s == wire), "wire name {wire:?} is not a string literal");
    }
    // The page path's line break cannot end the header comment and inject code.
    assert!(!code.lines().any(|l| l.starts_with("pub fn injected")), "{code}");
    assert!(!file.items.iter().any(|i| matches!(i, syn::Item::Fn(_))));
}

#[test]
fn hostile_text_stays_text_in_markdown() {
    let (spec, _) = hostile();
    let templates = Templates::load(None).expect("built-in templates");
    let markdown = templates.api_doc(&spec, "aliyun::HostileAction").expect("render succeeds");
    // Template syntax in page text is printed, not evaluated.
    assert!(markdown.contains("{{ undefined }}") && markdown.contains("{% if x %}"), "{markdown}");
    let shown = rendered(&markdown);
    for text in page_texts(&spec) {
        assert!(shown.contains(&text), "{text:?} is not in the rendered Markdown:\n{markdown}");
    }
    // Page text cannot open a link or an HTML tag.
    assert!(!markdown.contains("[x](y)") && !markdown.contains("</div>"), "{markdown}");
}
