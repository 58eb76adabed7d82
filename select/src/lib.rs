//! Compile only the `yunapi` APIs a crate names.
//!
//! The `yunapi` client holds every API of every provider; a crate that calls three of them should
//! not compile the other thousand. From the crate's build script, name the APIs; this writes a
//! Rust file that compiles exactly their modules (and the types their provider shares) into the
//! crate itself, on top of `yunapi` built without its provider features:
//!
//! ```toml
//! [dependencies]
//! yunapi = { version = "0.1", default-features = false }
//! [build-dependencies]
//! yunapi-select = "0.1"
//! ```
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     yunapi_select::Selection::new()
//!         .api("aliyun", "DescribeImages")
//!         .api("jdcloud", "describeKeypairs")
//!         .write()
//!         .unwrap_or_else(|e| panic!("{e}"));
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: `crate::aliyun::DescribeImages`, sent with `yunapi::Client` as usual.
//! include!(concat!(env!("OUT_DIR"), "/yunapi.rs"));
//! ```
//!
//! It reads nothing but the list of APIs that `yunapi` ships (`generated/apis.tsv`, found through
//! the `DEP_YUNAPI_GENERATED` variable that `yunapi`'s build script sets for its dependents) and
//! uses no parser, so it adds almost nothing to the build.
#![allow(clippy::needless_doctest_main, reason = "the example is a build script, whose `main` it shows")]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The file, in `OUT_DIR`, that [`Selection::write`] writes and the crate includes.
pub const OUTPUT: &str = "yunapi.rs";

/// The list of APIs in yunapi's generated folder.
const INDEX: &str = "apis.tsv";

/// What went wrong, with what to do about it.
#[derive(Debug)]
pub enum Error {
    /// `DEP_YUNAPI_GENERATED` or `OUT_DIR` is not set: not run from a build script of a crate that
    /// depends on `yunapi`.
    NotInBuildScript(&'static str),
    /// The API list could not be read or written.
    Io(PathBuf, std::io::Error),
    /// A line of the API list is not what this version expects.
    Index(PathBuf, usize),
    /// No provider of that name.
    UnknownProvider { name: String, known: Vec<String> },
    /// The provider has no API of that name.
    UnknownApi { provider: String, action: String, closest: Option<String> },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotInBuildScript(variable) => write!(
                f,
                "yunapi-select: {variable} is not set\nhelp: call it from the build script of a crate \
                 that has `yunapi` in its [dependencies]"
            ),
            Error::Io(path, e) => write!(f, "yunapi-select: {}: {e}", path.display()),
            Error::Index(path, line) => write!(
                f,
                "yunapi-select: {}:{line}: not a line of six tab-separated fields\nhelp: use the \
                 yunapi-select version that matches yunapi's",
                path.display()
            ),
            Error::UnknownProvider { name, known } => {
                write!(f, "yunapi-select: no provider {name:?}\nhelp: the providers are {}", known.join(", "))
            }
            Error::UnknownApi { provider, action, closest } => {
                write!(f, "yunapi-select: {provider} has no API {action:?}")?;
                match closest {
                    Some(name) => write!(f, "\nhelp: did you mean {name:?}?"),
                    None => write!(f, "\nhelp: the APIs are listed in yunapi's generated/apis.tsv"),
                }
            }
        }
    }
}

impl std::error::Error for Error {}

/// The APIs a crate compiles, by provider and action as the pages spell them.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    apis: Vec<(String, String)>,
    providers: Vec<String>,
    generated: Option<PathBuf>,
}

/// One line of the API list.
#[derive(Debug, Clone)]
struct Entry {
    provider: String,
    feature: String,
    module: String,
    action: String,
    api_module: String,
    type_name: String,
}

impl Selection {
    /// An empty selection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one API: the provider's key or feature (`aliyun`, `qingcloud-private`) and the action
    /// (`DescribeImages`; case is ignored when no action matches exactly).
    pub fn api(mut self, provider: &str, action: &str) -> Self {
        self.apis.push((provider.to_owned(), action.to_owned()));
        self
    }

    /// Adds every API of a provider.
    pub fn provider(mut self, provider: &str) -> Self {
        self.providers.push(provider.to_owned());
        self
    }

    /// Selects from the client in `folder` (the output of `cargo run -p generator -- SPECS
    /// FOLDER` by the same yunapi version) instead of the one `yunapi` was built from.
    pub fn generated(mut self, folder: &Path) -> Self {
        self.generated = Some(folder.to_owned());
        self
    }

    /// Writes [`OUTPUT`] into `OUT_DIR` for the APIs of yunapi's generated folder, and tells cargo
    /// to run the build script again when the list of APIs changes. Returns the file written.
    pub fn write(&self) -> Result<PathBuf, Error> {
        let generated = match &self.generated {
            Some(folder) => folder.clone(),
            None => std::env::var_os("DEP_YUNAPI_GENERATED")
                .map(PathBuf::from)
                .ok_or(Error::NotInBuildScript("DEP_YUNAPI_GENERATED"))?,
        };
        let out_dir = std::env::var_os("OUT_DIR").ok_or(Error::NotInBuildScript("OUT_DIR"))?;
        println!("cargo::rerun-if-changed={}", generated.join(INDEX).display());
        let code = self.render(&generated)?;
        let path = Path::new(&out_dir).join(OUTPUT);
        // Unchanged bytes are not written again, so the crate is not rebuilt for nothing.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(code.as_str()) {
            std::fs::write(&path, code).map_err(|e| Error::Io(path.clone(), e))?;
        }
        Ok(path)
    }

    /// The Rust source that compiles the selected APIs from the generated folder `generated`.
    pub fn render(&self, generated: &Path) -> Result<String, Error> {
        let index = generated.join(INDEX);
        let text = std::fs::read_to_string(&index).map_err(|e| Error::Io(index.clone(), e))?;
        let entries = parse_index(&index, &text)?;
        let chosen = self.resolve(&entries)?;
        let mut by_module: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
        for entry in chosen {
            by_module.entry(&entry.module).or_default().push(entry);
        }
        let mut code = format!(
            "// @generated by yunapi-select from {}: the yunapi APIs this crate selected.\n",
            index.display()
        );
        for (module, apis) in by_module {
            code.push_str(&provider_module(generated, module, &apis));
        }
        Ok(code)
    }

    /// The entries this selection names, each once, in the list's order.
    fn resolve<'a>(&self, entries: &'a [Entry]) -> Result<Vec<&'a Entry>, Error> {
        let mut chosen = BTreeSet::new();
        for provider in &self.providers {
            let of_provider = provider_entries(entries, provider)?;
            chosen.extend(of_provider.into_iter().map(|(index, _)| index));
        }
        for (provider, action) in &self.apis {
            let of_provider = provider_entries(entries, provider)?;
            let exact = of_provider.iter().find(|(_, e)| e.action == *action);
            let found =
                exact.or_else(|| of_provider.iter().find(|(_, e)| e.action.eq_ignore_ascii_case(action)));
            match found {
                Some((index, _)) => {
                    chosen.insert(*index);
                }
                None => {
                    let closest = of_provider
                        .iter()
                        .map(|(_, e)| {
                            (strsim::jaro_winkler(&e.action.to_lowercase(), &action.to_lowercase()), e)
                        })
                        .filter(|(score, _)| *score > 0.8)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, e)| e.action.clone());
                    return Err(Error::UnknownApi {
                        provider: provider.clone(),
                        action: action.clone(),
                        closest,
                    });
                }
            }
        }
        Ok(chosen.into_iter().map(|index| &entries[index]).collect())
    }
}

/// The entries of one provider (by key or feature) with their positions in the list.
fn provider_entries<'a>(entries: &'a [Entry], name: &str) -> Result<Vec<(usize, &'a Entry)>, Error> {
    let found: Vec<_> =
        entries.iter().enumerate().filter(|(_, e)| e.provider == name || e.feature == name).collect();
    if found.is_empty() {
        let known: BTreeSet<String> = entries.iter().map(|e| e.provider.clone()).collect();
        return Err(Error::UnknownProvider { name: name.to_owned(), known: known.into_iter().collect() });
    }
    Ok(found)
}

fn parse_index(path: &Path, text: &str) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [provider, feature, module, action, api_module, type_name] = fields[..] else {
            return Err(Error::Index(path.to_owned(), number + 1));
        };
        entries.push(Entry {
            provider: provider.to_owned(),
            feature: feature.to_owned(),
            module: module.to_owned(),
            action: action.to_owned(),
            api_module: api_module.to_owned(),
            type_name: type_name.to_owned(),
        });
    }
    Ok(entries)
}

/// `pub mod <provider>` with the provider's conventions from `yunapi`, its shared types if it has
/// any, and each selected API's module from the generated folder, re-exported as in `yunapi`.
fn provider_module(generated: &Path, module: &str, apis: &[&Entry]) -> String {
    let file = |name: &str| format!("{:?}", generated.join(module).join(name).display().to_string());
    // The generated code passes yunapi's lints; the including crate's stricter ones are not its,
    // and the shared types of APIs it did not select go unused.
    let mut code = format!(
        "#[allow(dead_code, missing_docs, unreachable_pub, clippy::all, clippy::pedantic, clippy::nursery)]\n\
         pub mod {module} {{\n    pub use ::yunapi::{module}::{{client_from_env, PROVIDER}};\n"
    );
    if generated.join(module).join("types.rs").is_file() {
        code.push_str(&format!("    #[path = {}]\n    pub mod types;\n", file("types.rs")));
    }
    for api in apis {
        let (api_module, name) = (&api.api_module, &api.type_name);
        code.push_str(&format!(
            "    #[path = {}]\n    pub mod {api_module};\n    pub use {api_module}::{{{name}, {name}Builder, {name}Response}};\n",
            file(&format!("{api_module}.rs"))
        ));
    }
    code.push_str("}\n");
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX_TEXT: &str = "# provider\tfeature\tmodule\taction\tapi_module\ttype\n\
        aliyun\taliyun\taliyun\tDescribeImages\tdescribe_images\tDescribeImages\n\
        aliyun\taliyun\taliyun\tDescribeDisks\tdescribe_disks\tDescribeDisks\n\
        qingcloud-private\tqingcloud-private\tqingcloud_private\tDescribeImages\tdescribe_images\tDescribeImages\n";

    /// A generated folder holding only the API list (and, for aliyun, shared types), removed when
    /// dropped.
    struct Folder(PathBuf);

    impl std::ops::Deref for Folder {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn folder(name: &str, types: bool) -> Folder {
        let dir = std::env::temp_dir().join(format!("yunapi-select-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("aliyun")).unwrap();
        std::fs::write(dir.join(INDEX), INDEX_TEXT).unwrap();
        if types {
            std::fs::write(dir.join("aliyun/types.rs"), "").unwrap();
        }
        Folder(dir)
    }

    #[test]
    fn one_api_compiles_its_module_and_the_providers_conventions() {
        let dir = folder("one", false);
        let code = Selection::new().api("aliyun", "describeimages").render(&dir).unwrap();
        assert!(code.contains("pub mod aliyun {"), "{code}");
        assert!(code.contains("pub use ::yunapi::aliyun::{client_from_env, PROVIDER};"), "{code}");
        assert!(code.contains("pub mod describe_images;"), "{code}");
        assert!(code.contains(
            "pub use describe_images::{DescribeImages, DescribeImagesBuilder, DescribeImagesResponse};"
        ));
        let path = format!("{:?}", dir.join("aliyun/describe_images.rs").display().to_string());
        assert!(code.contains(&format!("#[path = {path}]")), "{code}");
        assert!(!code.contains("describe_disks") && !code.contains("qingcloud"), "{code}");
        assert!(!code.contains("pub mod types;"), "no shared types, no types module: {code}");
    }

    #[test]
    fn a_provider_selects_all_its_apis_once_and_its_shared_types() {
        let dir = folder("provider", true);
        let code = Selection::new()
            .provider("aliyun")
            .api("aliyun", "DescribeDisks")
            .api("qingcloud-private", "DescribeImages")
            .render(&dir)
            .unwrap();
        assert_eq!(code.matches("pub mod describe_disks;").count(), 1, "{code}");
        assert_eq!(code.matches("pub mod describe_images;").count(), 2, "{code}");
        assert!(code.contains("pub mod types;"), "{code}");
        assert!(code.contains("pub mod qingcloud_private {"), "{code}");
        let again = Selection::new()
            .api("qingcloud-private", "DescribeImages")
            .provider("aliyun")
            .api("aliyun", "DescribeDisks")
            .render(&dir)
            .unwrap();
        assert_eq!(code, again, "the order of the calls does not matter");
    }

    #[test]
    fn unknown_names_say_what_exists() {
        let dir = folder("unknown", false);
        let error = Selection::new().api("alicloud", "DescribeImages").render(&dir).unwrap_err();
        assert!(error.to_string().contains("the providers are aliyun, qingcloud-private"), "{error}");
        let error = Selection::new().api("aliyun", "DescribeImage").render(&dir).unwrap_err();
        assert!(error.to_string().contains("did you mean \"DescribeImages\"?"), "{error}");
        let error = Selection::new().api("aliyun", "RunInstances").render(&dir).unwrap_err();
        assert!(error.to_string().contains("generated/apis.tsv"), "{error}");
    }

    #[test]
    fn a_damaged_list_names_its_line() {
        let dir = folder("damaged", false);
        std::fs::write(dir.join(INDEX), format!("{INDEX_TEXT}aliyun\tDescribeImages\n")).unwrap();
        let error = Selection::new().api("aliyun", "DescribeImages").render(&dir).unwrap_err();
        assert!(error.to_string().contains("apis.tsv:5: not a line of six"), "{error}");
    }
}
