//! What the spec-driven test reads of specs/: each provider's profile and each API's spec, as plain
//! data. Only the parts the test uses are declared (serde skips the rest), so the test reads the
//! committed YAML without depending on the generator.
//!
//! Input: `specs/providers/<provider>.yaml` and `specs/<provider>/*.yaml`. Output: [`Profile`]s
//! with their [`Spec`]s, in file-name order.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A provider profile and the specs of its APIs.
#[derive(Debug)]
pub struct ProviderSpecs {
    /// `specs/providers/<provider>.yaml`.
    pub profile: Profile,
    /// Every `specs/<provider>/*.yaml`, with its file name.
    pub specs: Vec<(String, Spec)>,
}

/// The facts of a provider profile the test needs.
#[derive(Debug, Deserialize)]
pub struct Profile {
    /// The provider key (`jdcloud`), also the folder of its specs.
    pub provider: String,
    /// The endpoint template (`https://{service}.tencentcloudapi.com/`).
    pub endpoint: String,
    /// The parameter the configured region fills (`RegionId`, `regionId`).
    pub region_param: String,
    /// The first index of `name.N` lists.
    pub list_index_base: u32,
    /// How the wire spells booleans.
    pub boolean: Booleans,
}

/// A provider's spelling of `true` (the test never needs `false`).
#[derive(Debug, Deserialize)]
pub struct Booleans {
    /// `True`, `true`.
    #[serde(rename = "true")]
    pub yes: String,
}

/// The parts of one API's spec the test needs.
#[derive(Debug, Deserialize)]
pub struct Spec {
    /// The service or module (`cvm`, `disk`).
    pub service: Option<String>,
    /// The action name as the page writes it.
    pub action: String,
    /// Method, path template and endpoint.
    pub http: Http,
    /// The request parameters in page order.
    pub request: Vec<Param>,
    /// Object types the parameters refer to by name.
    #[serde(default)]
    pub request_types: Vec<TypeDef>,
    /// The answer's types.
    pub response: Response,
    /// The page's example requests and answers.
    #[serde(default)]
    pub examples: Examples,
}

/// Where an API is served.
#[derive(Debug, Deserialize)]
pub struct Http {
    /// Upper-case method.
    pub method: String,
    /// Path or path template (`/v1/regions/{regionId}/disks`).
    pub path: String,
    /// The endpoint the page names, when it names one.
    pub endpoint: Option<String>,
}

/// One request parameter.
#[derive(Debug, Deserialize)]
pub struct Param {
    /// The name as the page writes it (`images.n`, `Tag.N.Key`, `diskSpec`).
    pub name: String,
    /// `query`, `path`, `body` or `header`.
    #[serde(rename = "in")]
    pub location: String,
    /// A scalar keyword or the name of a request type.
    #[serde(rename = "type")]
    pub ty: String,
    /// Required whatever the other parameters are.
    pub required: bool,
    /// When it becomes required or needs others.
    #[serde(default)]
    pub conditions: Conditions,
    /// Its list shape, when it carries several values.
    pub list: Option<ListShape>,
    /// The page's example value.
    pub example: Option<String>,
    /// What a value must meet.
    #[serde(flatten)]
    pub constraints: Constraints,
}

/// The conditions on a parameter, naming other parameters as the spec does.
#[derive(Debug, Default, Deserialize)]
pub struct Conditions {
    /// Set together with these.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Required unless one of these is set.
    #[serde(default)]
    pub required_unless: Vec<String>,
    /// Required when another parameter has one of some values.
    #[serde(default)]
    pub required_when: Vec<When>,
}

/// Another parameter having one of some values.
#[derive(Debug, Deserialize)]
pub struct When {
    /// The other parameter.
    pub param: String,
    /// Its values, as the wire spells them.
    pub values: Vec<String>,
}

/// How a list parameter goes on the wire.
#[derive(Debug, Deserialize)]
pub struct ListShape {
    /// `indexed`, `comma` or `json`.
    pub encoding: String,
    /// The wire prefix before the index (`Tag` in `Tag.N.Key`).
    pub prefix: Option<String>,
    /// The field after the index (`Key` in `Tag.N.Key`).
    pub field: Option<String>,
    /// The field is itself an indexed list (`NetworkInterface.N.SecurityGroupIds.N`).
    #[serde(default)]
    pub field_indexed: bool,
}

/// The constraints a parameter's or a request field's value meets.
#[derive(Debug, Default, Deserialize)]
pub struct Constraints {
    /// A closed or open list of values.
    #[serde(rename = "enum")]
    pub enumeration: Option<Enumeration>,
    /// Numeric bounds.
    pub range: Option<Range>,
    /// Bounds on a string's length.
    pub length: Option<Length>,
    /// A textual format.
    pub format: Option<Format>,
}

/// Enumerated values.
#[derive(Debug, Deserialize)]
pub struct Enumeration {
    /// The values in page order.
    pub values: Vec<EnumValue>,
    /// Other values are accepted too.
    #[serde(default)]
    pub open: bool,
}

/// One enumerated value.
#[derive(Debug, Deserialize)]
pub struct EnumValue {
    /// As the wire spells it.
    pub value: String,
}

/// Inclusive numeric bounds.
#[derive(Debug, Deserialize)]
pub struct Range {
    /// The least value.
    pub min: Option<i64>,
    /// The greatest value.
    pub max: Option<i64>,
}

/// Bounds on a string's length.
#[derive(Debug, Deserialize)]
pub struct Length {
    /// The fewest characters.
    pub min: Option<u32>,
    /// The most characters.
    pub max: Option<u32>,
}

/// A textual format.
#[derive(Debug, Deserialize)]
pub struct Format {
    /// `lowercase` or `date-time`.
    pub kind: String,
    /// The date-time pattern as the page writes it (`yyyy-MM-ddTHH:mmZ`).
    pub pattern: Option<String>,
}

/// A named object type of the request or of the answer.
#[derive(Debug, Deserialize)]
pub struct TypeDef {
    /// Its name.
    pub name: String,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// One field of an object type.
#[derive(Debug, Deserialize)]
pub struct Field {
    /// The wire name.
    pub name: String,
    /// A scalar keyword or a type name.
    #[serde(rename = "type")]
    pub ty: String,
    /// A list of `ty`.
    #[serde(default)]
    pub array: bool,
    /// The one key of the object wrapping the list (Alibaba's `Images: {Image: [...]}`).
    pub wrapper: Option<String>,
    /// Other spellings of the name in answers.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// May be absent or null: in a request type, not required.
    #[serde(default)]
    pub nullable: bool,
    /// What a request field's value meets; an answer field's enum.
    #[serde(flatten)]
    pub constraints: Constraints,
}

/// The answer of a successful call.
#[derive(Debug, Deserialize)]
pub struct Response {
    /// The type of the whole answer.
    pub root: String,
    /// Its named types.
    pub types: Vec<TypeDef>,
}

/// The page's examples.
#[derive(Debug, Default, Deserialize)]
pub struct Examples {
    /// Example requests.
    #[serde(default)]
    pub requests: Vec<RequestExample>,
    /// Example answers.
    #[serde(default)]
    pub responses: Vec<ResponseExample>,
}

/// An example request, as the generator's spec model reads it: its `checked_params` are the
/// parameters the page gets right, numbered as the provider numbers lists.
pub use generator::spec::RequestExample;

/// An example answer.
#[derive(Debug, Deserialize)]
pub struct ResponseExample {
    /// `json` or `xml`.
    pub format: String,
    /// The text as the page prints it.
    pub body: String,
}

impl Spec {
    /// The request's type named `name`.
    pub fn request_type(&self, name: &str) -> Option<&TypeDef> {
        self.request_types.iter().find(|t| t.name == name)
    }

    /// The answer's type named `name`.
    pub fn response_type(&self, name: &str) -> Option<&TypeDef> {
        self.response.types.iter().find(|t| t.name == name)
    }

    /// The first JSON example answer that is JSON as the page prints it: what a server could have
    /// sent (an example the page misprints carries a diagnostic of the spec instead).
    pub fn json_answer(&self) -> Option<(&str, serde_json::Value)> {
        self.examples.responses.iter().filter(|r| r.format == "json").find_map(|r| {
            let value = serde_json::from_str(&r.body).ok()?;
            Some((r.body.as_str(), value))
        })
    }
}

/// The specs/ folder of this package.
pub fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("specs")
}

/// Every provider with a profile, and the specs of its APIs (none when it has no folder yet).
pub fn load(specs: &Path) -> Vec<ProviderSpecs> {
    sorted_yaml(&specs.join("providers"))
        .into_iter()
        .map(|profile_path| {
            let profile: Profile = read(&profile_path);
            let folder = specs.join(&profile.provider);
            let specs = if folder.is_dir() {
                sorted_yaml(&folder)
                    .into_iter()
                    .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), read(&path)))
                    .collect()
            } else {
                Vec::new()
            };
            ProviderSpecs { profile, specs }
        })
        .collect()
}

fn sorted_yaml(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
