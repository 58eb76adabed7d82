//! Stage 5, render: specs → Markdown through minijinja templates.
//!
//! Input: specs and the names codegen gave them. Output: the per-API docs (generated/docs/) and the
//! client's README. Templates are read from templates/ when the folder has them, so maintainers can
//! change them; built-in copies of the same files make the generator work on its own. Undefined
//! values are errors (`UndefinedBehavior::Strict`), and page text only enters the output through
//! filters that escape it (`md`, `cell`, `code`, `fence`), so it cannot break a table or a code block.

use crate::codegen::escape_markdown;
use crate::spec::{ApiSpec, ExampleFormat, Location, TypeDef, TypeRef};
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;
use std::path::Path;

/// The templates and their built-in defaults.
const TEMPLATES: &[(&str, &str)] = &[
    ("api.md.j2", include_str!("../../templates/api.md.j2")),
    ("README.md.j2", include_str!("../../templates/README.md.j2")),
];

/// A template could not be read, parsed or rendered.
#[derive(Debug, thiserror::Error)]
#[error("{template}: {message}")]
pub struct Error {
    /// The template, as a path when it came from the templates folder.
    pub template: String,
    pub message: String,
    /// What to do about it.
    pub help: &'static str,
}

/// The loaded templates.
pub struct Templates {
    env: Environment<'static>,
    /// Hash of every template's source: what the cache keys rendered files by.
    fingerprint: String,
}

impl Templates {
    /// The templates of `dir` where it has them, the built-in ones otherwise.
    pub fn load(dir: Option<&Path>) -> Result<Self, Error> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_keep_trailing_newline(true);
        env.add_filter("md", |text: String| escape_markdown(&text));
        env.add_filter("cell", |text: String| escape_markdown(&text).replace('\n', " "));
        env.add_filter("code", |text: String| format!("`{}`", text.replace('`', "'")));
        env.add_filter("fence", fence);
        let mut sources = Vec::new();
        for (name, builtin) in TEMPLATES {
            let path = dir.map(|d| d.join(name));
            let source = match path.as_deref().map(std::fs::read_to_string) {
                Some(Ok(text)) => text,
                Some(Err(e)) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error {
                        template: path.map(|p| p.display().to_string()).unwrap_or_default(),
                        message: e.to_string(),
                        help: "make the template readable, or remove it to use the built-in one",
                    });
                }
                _ => (*builtin).to_owned(),
            };
            let shown =
                path.filter(|p| p.exists()).map_or_else(|| (*name).to_owned(), |p| p.display().to_string());
            sources.push(source.clone());
            env.add_template_owned(*name, source).map_err(|e| Error {
                template: shown,
                message: format!("{e:#}"),
                help: "fix the template syntax (minijinja, Jinja2-like)",
            })?;
        }
        let parts: Vec<&[u8]> = sources.iter().map(|s| s.as_bytes()).collect();
        Ok(Templates { env, fingerprint: crate::cache::key(&parts) })
    }

    /// Hash of the templates' sources.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    fn render<S: Serialize>(&self, name: &str, context: S) -> Result<String, Error> {
        let template = self.env.get_template(name).map_err(|e| Error {
            template: name.to_owned(),
            message: e.to_string(),
            help: "restore the template in templates/",
        })?;
        template.render(context).map_err(|e| Error {
            template: name.to_owned(),
            message: format!("{e:#}"),
            help: "the template uses a value the generator does not provide: see generator/src/render.rs",
        })
    }

    /// The Markdown page of one API.
    pub fn api_doc(&self, spec: &ApiSpec, rust_path: &str) -> Result<String, Error> {
        self.render("api.md.j2", ApiView::new(spec, rust_path))
    }

    /// The client's README.
    pub fn readme(&self, providers: &[ProviderView]) -> Result<String, Error> {
        #[derive(Serialize)]
        struct Context<'a> {
            command: &'static str,
            providers: &'a [ProviderView],
        }
        self.render("README.md.j2", Context { command: crate::codegen::REGENERATE, providers })
    }
}

/// A fenced code block that no backtick run in `text` can close.
fn fence(text: String) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let marks = "`".repeat((longest + 1).max(3));
    format!("{marks}text\n{}\n{marks}", text.trim_end())
}

/// One provider in the README.
#[derive(Debug, Serialize)]
pub struct ProviderView {
    pub name: String,
    pub feature: String,
    pub module: String,
    pub apis: Vec<ApiLink>,
}

/// One API in the README.
#[derive(Debug, Serialize)]
pub struct ApiLink {
    pub action: String,
    pub rust_path: String,
    /// The docs page, relative to the generated folder.
    pub doc: String,
    pub page: String,
}

#[derive(Serialize)]
struct ApiView {
    command: &'static str,
    action: String,
    provider: String,
    summary: String,
    description: String,
    rust_path: String,
    page: String,
    method: String,
    path: String,
    /// The idempotency token the client fills, or empty.
    idempotency_token: String,
    params: Vec<ParamView>,
    request_types: Vec<TypeView>,
    types: Vec<TypeView>,
    errors: Vec<ErrorView>,
    examples: Vec<ExampleView>,
    diagnostics: Vec<DiagnosticView>,
}

#[derive(Serialize)]
struct ParamView {
    name: String,
    location: &'static str,
    ty: String,
    required: String,
    constraints: String,
    description: String,
    source: String,
}

#[derive(Serialize)]
struct TypeView {
    name: String,
    description: String,
    fields: Vec<FieldView>,
}

/// The fields of `t`; `not_required` is the word for a field that may be absent.
fn type_view(t: &TypeDef, not_required: &str) -> TypeView {
    let fields = t
        .fields
        .iter()
        .map(|f| {
            let mut ty = type_name(&f.ty);
            if f.array {
                ty.push_str("[]");
            }
            if f.nullable {
                ty.push_str(&format!(", {not_required}"));
            }
            for alias in &f.aliases {
                ty.push_str(&format!(", also spelled {alias}"));
            }
            FieldView {
                name: f.name.clone(),
                ty,
                description: f.description.clone().unwrap_or_default(),
                source: f.origin.describe(),
            }
        })
        .collect();
    TypeView { name: t.name.clone(), description: t.description.clone().unwrap_or_default(), fields }
}

#[derive(Serialize)]
struct FieldView {
    name: String,
    ty: String,
    description: String,
    source: String,
}

#[derive(Serialize)]
struct ErrorView {
    code: String,
    status: String,
    message: String,
    description: String,
    source: String,
}

#[derive(Serialize)]
struct ExampleView {
    title: String,
    body: String,
    source: String,
}

#[derive(Serialize)]
struct DiagnosticView {
    source: String,
    severity: String,
    code: String,
    message: String,
    help: String,
}

fn type_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::Scalar(s) => format!("{s:?}").to_lowercase(),
    }
}

impl ApiView {
    fn new(spec: &ApiSpec, rust_path: &str) -> Self {
        let token = spec.idempotency_token().map(|p| p.name.clone()).unwrap_or_default();
        let params = spec
            .request
            .iter()
            .map(|p| {
                let mut constraints = Vec::new();
                if let Some(default) = &p.default {
                    constraints.push(format!("default {default}"));
                }
                if let Some(e) = &p.enumeration {
                    let values: Vec<String> = e
                        .values
                        .iter()
                        .map(|v| match &v.meaning {
                            Some(meaning) => format!("{} ({meaning})", v.value),
                            None => v.value.clone(),
                        })
                        .collect();
                    let open = if e.open { ", …" } else { "" };
                    constraints.push(format!("one of {}{open}", values.join(", ")));
                }
                constraints.extend(crate::codegen::limits_in_words(
                    p.range.as_ref(),
                    &p.range_when,
                    p.length.as_ref(),
                ));
                constraints.extend(p.patterns.iter().filter_map(|pattern| pattern.text.clone()));
                if let Some(max) = p.list.as_ref().and_then(|l| l.max_items) {
                    constraints.push(format!("at most {max} items"));
                }
                if let Some(f) = &p.format {
                    constraints
                        .push(format!("format {}", f.pattern.clone().unwrap_or_else(|| "lower case".into())));
                }
                if !p.conditions.requires.is_empty() {
                    constraints.push(format!("needs {}", p.conditions.requires.join(", ")));
                }
                for when in &p.conditions.required_when {
                    constraints.push(format!("required when {} is {}", when.param, when.values.join(" or ")));
                }
                if !p.conditions.excludes.is_empty() {
                    constraints.push(format!("not with {}", p.conditions.excludes.join(", ")));
                }
                if p.deprecated.is_some() {
                    constraints.push("deprecated".to_owned());
                }
                let required = if p.name == token {
                    "filled by the client".to_owned()
                } else if p.required {
                    "yes".to_owned()
                } else if !p.conditions.required_unless.is_empty() {
                    format!("unless {}", p.conditions.required_unless.join(" or "))
                } else {
                    "no".to_owned()
                };
                let list = p.list.as_ref().map(|l| format!(" list ({:?})", l.encoding).to_lowercase());
                ParamView {
                    name: p.name.clone(),
                    location: match p.location {
                        Location::Query => "query",
                        Location::Path => "path",
                        Location::Header => "header",
                        Location::Body => "body",
                    },
                    ty: format!("{}{}", type_name(&p.ty), list.unwrap_or_default()),
                    required,
                    constraints: constraints.join("; "),
                    description: p.description.clone().unwrap_or_default(),
                    source: p.origin.describe(),
                }
            })
            .collect();
        let types = spec.response.types.iter().map(|t| type_view(t, "nullable")).collect();
        // A request object's field that the page does not require is optional, not nullable.
        let request_types = spec.request_types.iter().map(|t| type_view(t, "optional")).collect();
        let errors = spec
            .errors
            .iter()
            .map(|e| ErrorView {
                code: e.code.clone(),
                status: e.http_status.map(|s| s.to_string()).unwrap_or_default(),
                message: e.message.clone().unwrap_or_default(),
                description: e.description.clone().unwrap_or_default(),
                source: e.origin.describe(),
            })
            .collect();
        let mut examples: Vec<ExampleView> = spec
            .examples
            .requests
            .iter()
            .map(|r| ExampleView {
                title: "Request".to_owned(),
                body: r.url.clone(),
                source: r.origin.describe(),
            })
            .collect();
        examples.extend(spec.examples.responses.iter().map(|r| ExampleView {
            title: match r.format {
                ExampleFormat::Json => "Answer (JSON)".to_owned(),
                ExampleFormat::Xml => "Answer (XML)".to_owned(),
            },
            body: r.body.clone(),
            source: r.origin.describe(),
        }));
        let diagnostics = spec
            .diagnostics
            .iter()
            .map(|d| DiagnosticView {
                source: d.describe(),
                severity: format!("{:?}", d.severity).to_lowercase(),
                code: d.code.clone(),
                message: d.message.clone(),
                help: d.help.clone().unwrap_or_default(),
            })
            .collect();
        ApiView {
            command: crate::codegen::REGENERATE,
            action: spec.action.clone(),
            provider: spec.provider.clone(),
            summary: spec.summary.clone().unwrap_or_else(|| spec.action.clone()),
            description: spec.description.clone().unwrap_or_default(),
            rust_path: rust_path.to_owned(),
            page: spec.source.page.clone(),
            method: spec.http.method.clone(),
            path: spec.http.path.clone(),
            idempotency_token: token,
            params,
            request_types,
            types,
            errors,
            examples,
            diagnostics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outlast_backtick_runs() {
        let fenced = fence("a ```` b".to_owned());
        assert!(fenced.starts_with("`````text\n"));
        assert!(fenced.ends_with("\n`````"));
    }

    #[test]
    fn undefined_values_are_errors() {
        let dir = std::env::temp_dir().join(format!("yunapi-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("README.md.j2"), "{{ no_such_value }}").expect("template");
        let templates = Templates::load(Some(&dir)).expect("templates load");
        let err = templates.readme(&[]).expect_err("an undefined value fails the render");
        assert!(err.message.contains("undefined"), "{err}");
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
