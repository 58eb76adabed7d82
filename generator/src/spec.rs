//! Stage 3, the spec: the intermediate representation between pages and code.
//!
//! Input: what `extract` recovered from a page, plus the page's overlay. Output: one YAML document
//! per API that a reviewer reads and diffs. All YAML reading and writing of specs lives in this module
//! so that `serde_yaml` (archived upstream) can be swapped out in one place.
//!
//! Field order in these structs is the key order in the YAML: keep it stable, a reordering shows up
//! as a diff in every committed spec.

pub mod json;
mod overlay;
mod yaml;

pub use overlay::{accept_diagnostics, apply_overlay, patch_overlay};
pub use yaml::{
    GENERATED_BY, YamlError, body_yaml, from_yaml, hand_edited, overlay_from_yaml, profile_from_yaml, to_yaml,
};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped when the YAML shape changes incompatibly.
pub const SPEC_VERSION: u32 = 2;

/// One API, as a reviewer reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    pub spec_version: u32,
    /// Provider key: `qingcloud`, `qingcloud-private`, `tencent`, `aliyun`, `jdcloud`, or any profile
    /// under specs/providers/.
    pub provider: String,
    /// Service or module (`iaas`, `image`, `ecs`, `vm`), when the page or profile says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The action name exactly as the page writes it (`DescribeImages`, `describeImages`).
    pub action: String,
    /// The API version the page names (Tencent API 3.0's `Version` row, `2017-03-12`), when it
    /// differs from the provider's; the runtime sends it as the version parameter or header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the spec came from.
    pub source: Source,
    /// The first sentence of the page's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// The rest of the page's description, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub http: Http,
    /// Request parameters in page order (path parameters included, common parameters excluded).
    pub request: Vec<Param>,
    /// Object types that request parameters refer to by name (JD Cloud's `filters` of type
    /// `Filter[]`, `diskSpec` of type `DiskSpec`), in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_types: Vec<TypeDef>,
    pub response: Response,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorCode>,
    #[serde(default, skip_serializing_if = "Examples::is_empty")]
    pub examples: Examples,
    /// What the page gets wrong or leaves unclear, in line order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl ApiSpec {
    /// The idempotency token the client fills: the first parameter marked as one that carries a
    /// single string outside the path (a UUID fits nothing else).
    pub fn idempotency_token(&self) -> Option<&Param> {
        self.request.iter().find(|p| {
            p.idempotency_token
                && p.list.is_none()
                && p.location != Location::Path
                && p.ty == TypeRef::Scalar(Scalar::String)
        })
    }
}

/// Page provenance for the whole spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page path relative to the specs folder, `/`-separated (`sources/aliyun/DescribeImages.md`).
    pub page: String,
    /// sha256 of the page bytes, hex. Tells build.rs and `--check` that a page changed.
    pub sha256: String,
    pub format: PageFormat,
    /// The overlay applied on top of the page, relative to the specs folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<String>,
}

/// How a page was written, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageFormat {
    /// Markdown, possibly with front matter and embedded HTML tables.
    Markdown,
    /// A full HTML page.
    Html,
    /// Text extracted from HTML, one table cell per line.
    Text,
}

/// Where an element came from: a place in the page, or an overlay.
///
/// Extraction records absolute page lines (`line` alone). Before a spec is written they become
/// anchors that text inserted elsewhere in the page does not move: a table row is named by its table
/// (the heading above it) and its row, anything else by its section heading and the line counted
/// from that heading. So a sentence added above a table changes no origin of the spec, and a row
/// added to a table moves only the rows below it in that table.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The table the element was read from, named by the heading above it (`请求参数`); the second
    /// table under one heading is `请求参数 (2)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The 1-based row of `table`'s body; none for the table as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The heading of the section an element outside a table came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// A 1-based line: counted from the `section` heading when one is named, in the overlay when
    /// `overlay` is true, else in the page. Zero (left out) for a table row or a heading itself.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub line: u32,
    /// True when a hand-written overlay set or changed this element.
    #[serde(default, skip_serializing_if = "is_false")]
    pub overlay: bool,
    /// True when the element was not in a table but recovered from an example answer.
    #[serde(default, skip_serializing_if = "is_false")]
    pub example: bool,
    /// The element comes from the provider profile's shared types, not from this page: the type
    /// (`Filter`) or field (`Filter.Name`) of `types:` in `specs/providers/<provider>.yaml`, which
    /// the page names without defining (Tencent API 3.0 documents them on one page of common data
    /// structures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

impl Origin {
    /// An absolute page line, as extraction records it.
    pub fn page(line: u32) -> Self {
        Origin { line, ..Origin::default() }
    }

    /// A line of an overlay.
    pub fn overlay(line: u32) -> Self {
        Origin { line, overlay: true, ..Origin::default() }
    }

    /// An element of the provider profile's shared types, named `Type` or `Type.field`.
    pub fn profile(element: impl Into<String>) -> Self {
        Origin { profile: Some(element.into()), ..Origin::default() }
    }

    /// The place in words, for docs and messages: `请求参数 row 3`, `请求示例 line 2`, `line 7`,
    /// `overlay line 4`, `provider profile, Filter.Name`.
    pub fn describe(&self) -> String {
        if self.overlay {
            return format!("overlay line {}", self.line);
        }
        if let Some(element) = &self.profile {
            return format!("provider profile, {element}");
        }
        describe_place(self.table.as_deref(), self.row, self.section.as_deref(), self.line)
    }
}

/// The words for a place: the table and row, or the section and line, or the line.
fn describe_place(table: Option<&str>, row: Option<u32>, section: Option<&str>, line: u32) -> String {
    match (table, row, section) {
        (Some(table), Some(row), _) => format!("{table} row {row}"),
        (Some(table), None, _) => format!("{table} table"),
        (None, _, Some(section)) if line > 0 => format!("{section} line {line}"),
        (None, _, Some(section)) => section.to_owned(),
        _ => format!("line {line}"),
    }
}

/// Text taken from the page. A plain string; long or multi-line text is written as a YAML block
/// scalar by [`to_yaml`].
pub type Text = String;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Http {
    pub method: String,
    /// Path or path template, e.g. `/iaas/`, `/v2/index.php`, `/v1/regions/{regionId}/images`.
    pub path: String,
    /// The endpoint the page names, if any (`https://ecs.aliyuncs.com/`). The provider profile gives
    /// the default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Where a request parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Query,
    Path,
    Header,
    Body,
}

/// Scalar types. Named (object) types are referred to by name instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scalar {
    String,
    Integer,
    Long,
    Float,
    Boolean,
    /// A date-time; `format` says which (RFC 3339 unless stated).
    Timestamp,
    /// Any JSON value: the page gives no usable type.
    Json,
}

/// A parameter's or field's type: a scalar keyword, or the name of a type in `request_types` (for a
/// parameter or a request type's field) or `response.types` (for a response field).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TypeRef {
    Scalar(Scalar),
    Named(String),
}

/// One request parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Wire name exactly as the page writes it: `images.n`, `Tag.N.Key`, `ids`, `regionId`.
    pub name: String,
    #[serde(rename = "in")]
    pub location: Location,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub required: bool,
    /// Conditions under which the parameter becomes required or needs others.
    #[serde(default, skip_serializing_if = "Conditions::is_empty")]
    pub conditions: Conditions,
    /// The list shape, when the parameter carries several values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListShape>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enumeration: Option<Enumeration>,
    /// The bounds that hold whatever the other parameters are: never narrower than the widest
    /// bound the page states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    /// Narrower bounds that hold when another parameter has a given value (CreateVolumes `size`:
    /// 20–5000 for `volume_type` 3). Checked when that parameter is set to that value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub range_when: Vec<ConditionalRange>,
    /// Length of a string value (`长度为2~128个字符`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Length>,
    /// Textual rules a string value follows (`以大小写字母或中文开头`, `不能以http://开头`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<Pattern>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// The page documents this parameter as an idempotency token (`保证请求的幂等性`): the client
    /// fills it with a fresh UUID when the caller leaves it unset, and sends the same value on
    /// every retry of one call.
    #[serde(default, skip_serializing_if = "is_false")]
    pub idempotency_token: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub origin: Origin,
}

impl Param {
    /// An optional parameter of type `ty` with nothing else known about it.
    pub fn new(name: impl Into<String>, location: Location, ty: TypeRef, origin: Origin) -> Param {
        Param {
            name: name.into(),
            location,
            ty,
            required: false,
            conditions: Conditions::default(),
            list: None,
            default: None,
            enumeration: None,
            range: None,
            range_when: Vec::new(),
            length: None,
            patterns: Vec::new(),
            format: None,
            idempotency_token: false,
            deprecated: None,
            example: None,
            description: None,
            origin,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// When this parameter is set, these must be set too (seed 003: `Filter.N.Value` needs
    /// `Filter.N.Key`; seed 001: `imageIds.n` needs `imageType`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// This parameter is required unless one of these is set (seed 004: `imageSource` unless `ids`;
    /// `X和Y至少指定一个`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_unless: Vec<String>,
    /// This parameter is required when another has one of the given values (the variant tables
    /// of Tencent's InquiryStoragePrice, chosen by `inquiryType`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_when: Vec<When>,
    /// This parameter must not be set together with any of these (`不可同时指定`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<String>,
    /// The page line stating the condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Conditions {
    pub fn is_empty(&self) -> bool {
        self.requires.is_empty()
            && self.required_unless.is_empty()
            && self.required_when.is_empty()
            && self.excludes.is_empty()
    }
}

/// A condition on another parameter's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The other parameter's wire name.
    pub param: String,
    /// Its values (wire spellings) under which the condition holds.
    pub values: Vec<String>,
}

/// How a list parameter is put on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListShape {
    pub encoding: ListEncoding,
    /// For indexed lists: the wire prefix before the index (`images` in `images.n`, `Tag` in
    /// `Tag.N.Key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// For a repeated group of fields (`Tag.N.Key`, `Tag.N.Value`): the field after the index.
    /// Parameters with the same prefix and a field form one group of objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The group's field is itself an indexed list (`NetworkInterface.N.SecurityGroupIds.N`): each
    /// item of the group carries several values, sent as `NetworkInterface.1.SecurityGroupIds.1`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub field_indexed: bool,
    /// Most items allowed (`最多指定10个`, `N的取值范围：1~20`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListEncoding {
    /// `name.1`, `name.2`, … (the provider profile gives the index base).
    Indexed,
    /// One parameter, values joined with `,`.
    Comma,
    /// One parameter holding a JSON array (`DiskIds=["d-1","d-2"]`): Alibaba's `JSON数组` strings.
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enumeration {
    pub values: Vec<EnumValue>,
    /// The page says the list is open (`… 等`): other values are accepted too.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open: bool,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<Text>,
}

/// Inclusive numeric bounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The value must be a multiple of this (`步长为10`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<i64>,
    pub origin: Origin,
}

/// Bounds that apply when another parameter has one of the given values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionalRange {
    pub when: When,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<i64>,
    pub origin: Origin,
}

/// Bounds on the length of a string, in characters (Unicode scalar values) unless `unit` says bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Length {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    #[serde(default, skip_serializing_if = "LengthUnit::is_chars")]
    pub unit: LengthUnit,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LengthUnit {
    /// Characters (`个字符`).
    #[default]
    Chars,
    /// Bytes (`字节`).
    Bytes,
}

impl LengthUnit {
    fn is_chars(&self) -> bool {
        *self == LengthUnit::Chars
    }
}

/// A rule on the text of a string value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub rule: PatternRule,
    /// The rule's operands: the forbidden prefixes of `not-prefix`, the forbidden parts of
    /// `not-contains`, the extra characters of `allowed-chars`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// The page's words for the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PatternRule {
    /// Starts with an ASCII letter (`以字母开头`).
    LetterFirst,
    /// Starts with an ASCII letter or a Chinese character (`以大小写字母或中文开头`).
    LetterOrChineseFirst,
    /// Does not start with any of `values` (`不能以http://和https://开头`).
    NotPrefix,
    /// Does not contain any of `values` (`不能包含http://或者https://`).
    NotContains,
    /// ASCII characters only (`ASCII字符`).
    Ascii,
    /// Only letters (ASCII or Chinese), digits and the characters of `values` (`可包含数字、半角冒号（:）、
    /// 下划线（_）或者连字符（-）`).
    AllowedChars,
}

/// A textual format a value must follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Format {
    pub kind: FormatKind,
    /// The pattern as the page writes it (`yyyy-MM-ddTHH:mmZ`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormatKind {
    /// The value must be lower case (`注意要小写`).
    Lowercase,
    /// A date-time following `pattern` (Java-style letters: yyyy MM dd HH mm ss Z).
    DateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// What the page says instead (`请尽量使用Tag.N.Value参数`), if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    pub origin: Origin,
}

/// The answer of a successful call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The type of the whole answer body; must name one of `types`.
    pub root: String,
    /// Named object types, root first, then in page order.
    pub types: Vec<TypeDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// Type name (`DescribeImagesResponse`, `Image`, `DiskDeviceMapping`).
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub fields: Vec<Field>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name as the answer spells it.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// The field holds a list of `type`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub array: bool,
    /// The list is wrapped in an object with this one key (Alibaba's `Images: {Image: [...]}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrapper: Option<String>,
    /// The answer may carry `null` here.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// Other spellings seen in answers (seed 001's example writes `createor` for `creator`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enumeration: Option<Enumeration>,
    /// For fields of request types: the default the page states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// For fields of request types: the bounds, as for a parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub range_when: Vec<ConditionalRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Length>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<Pattern>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub origin: Origin,
}

impl Field {
    /// A single, non-null field of type `ty` with nothing else known about it.
    pub fn new(name: impl Into<String>, ty: TypeRef, origin: Origin) -> Field {
        Field {
            name: name.into(),
            ty,
            array: false,
            wrapper: None,
            nullable: false,
            aliases: Vec::new(),
            enumeration: None,
            default: None,
            range: None,
            range_when: Vec::new(),
            length: None,
            patterns: Vec::new(),
            format: None,
            deprecated: None,
            description: None,
            origin,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<RequestExample>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<ResponseExample>,
}

impl Examples {
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty() && self.responses.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestExample {
    /// The URL with the page's line breaks removed, placeholders (`&COMMON_PARAMS`) kept.
    pub url: String,
    /// The API parameters it sets, in page order (common and signature parameters excluded), as
    /// the page writes them; a JSON body is flattened the query way (`instanceIds.1`,
    /// `diskSpec.az`) in the provider's numbering and boolean spelling.
    pub params: Vec<(String, String)>,
    /// The first list index the example uses when it is not the provider's (Tencent API 3.0's
    /// early pages write `InstanceIds.1` where API 3.0 counts from 0); [`Self::checked_params`]
    /// renumbers the lists to the provider's base. A diagnostic `example-index-base` says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_base: Option<u32>,
    /// The parameters of `params` the page gets wrong, which a test of the example leaves out:
    /// each names the diagnostic that explains it. Everything else is reproduced byte for byte.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
    pub origin: Origin,
}

impl RequestExample {
    /// An example with nothing left out, numbered as the provider numbers lists.
    pub fn new(url: String, params: Vec<(String, String)>, origin: Origin) -> Self {
        RequestExample { url, params, index_base: None, left_out: Vec::new(), origin }
    }

    /// The parameters a client must reproduce byte for byte: `params` without those `left_out`,
    /// renumbered from `index_base` to `provider_base` (the profile's `list_index_base`).
    /// A name the example sets twice and leaves out once keeps its first setting.
    pub fn checked_params(&self, provider_base: u32) -> Vec<(String, String)> {
        let count = |name: &str| self.params.iter().filter(|(n, _)| n == name).count();
        let mut kept: BTreeMap<&str, usize> = BTreeMap::new();
        self.params
            .iter()
            .filter(|(name, _)| {
                let left_out = self.left_out.iter().filter(|l| &l.param == name).count();
                let seen = kept.entry(name).or_default();
                *seen += 1;
                *seen + left_out <= count(name)
            })
            .map(|(name, value)| (renumber(name, self.index_base, provider_base), value.clone()))
            .collect()
    }
}

/// `name` with each list index (an all-digit segment: `Filters.1.Values.2`) moved from base `from`
/// to base `to`.
fn renumber(name: &str, from: Option<u32>, to: u32) -> String {
    let Some(from) = from.filter(|&from| from != to) else { return name.to_owned() };
    name.split('.')
        .map(|part| match part.parse::<u64>() {
            Ok(index) if part.bytes().all(|b| b.is_ascii_digit()) => {
                (index + u64::from(to)).saturating_sub(u64::from(from)).to_string()
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A parameter of a request example that a test leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftOut {
    /// The parameter as the example writes it (`subnetName`, `SnapshotIds`).
    pub param: String,
    /// The code of the diagnostic at the example that explains it: `undocumented-parameter` (the
    /// table lacks it, often a misspelling) or `example-value` (a value the parameter cannot take,
    /// or that the client spells otherwise).
    pub code: String,
    /// Why, in words.
    pub reason: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseExample {
    pub format: ExampleFormat,
    pub body: Text,
    pub origin: Origin,
}

impl ResponseExample {
    /// The JSON text the answer types must read: the body as the page writes it, or repaired of the
    /// slips hand-written JSON makes ([`json::repair`]); `None` for an XML body and for JSON that
    /// even the repair cannot read.
    pub fn json_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        if self.format != ExampleFormat::Json {
            return None;
        }
        if serde_json::from_str::<serde::de::IgnoredAny>(&self.body).is_ok() {
            return Some(std::borrow::Cow::Borrowed(&self.body));
        }
        let repaired = json::repair(&self.body);
        serde_json::from_str::<serde::de::IgnoredAny>(&repaired)
            .is_ok()
            .then_some(std::borrow::Cow::Owned(repaired))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleFormat {
    Json,
    Xml,
}

/// Something the page gets wrong or leaves unclear. Every table row that did not end up in the spec
/// has one of these.
///
/// Its place is anchored like an [`Origin`] in a written spec (`table`/`row`, or `section` and
/// `line` counted from its heading); during extraction `line` is the absolute page line.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub line: u32,
    /// The last line, when the diagnostic covers a range (a whole table no extractor reads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    pub severity: Severity,
    /// A stable kebab-case key (`type-contradicted-by-example`, `undocumented-field`, `typo`,
    /// `placeholder`, `dropped-row`, …) so tests and overlays can refer to it.
    pub code: String,
    pub message: Text,
    /// What a reviewer can do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

impl Diagnostic {
    /// A diagnostic at an absolute page line, as extraction records it.
    pub fn at_line(line: u32, severity: Severity, code: &str, message: String, help: Option<String>) -> Self {
        Diagnostic {
            table: None,
            row: None,
            section: None,
            line,
            end_line: None,
            severity,
            code: code.to_owned(),
            message,
            help,
        }
    }

    /// The place in words, as in [`Origin::describe`]; overlays accept a diagnostic as
    /// `code@<place>`.
    pub fn describe(&self) -> String {
        describe_place(self.table.as_deref(), self.row, self.section.as_deref(), self.line)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    #[default]
    Note,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A provider profile (`specs/providers/<provider>.yaml`): the facts the pages leave to other pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub provider: String,
    /// Display name (`QingCloud`).
    pub name: String,
    /// Rust module and cargo feature name (`qingcloud`, `qingcloud_private` as module).
    pub feature: String,
    /// The signing scheme runtime/ implements for this provider.
    pub signing: String,
    /// Default endpoint; `{region}` is replaced by the region when present.
    pub endpoint: String,
    /// The API version sent as a common parameter, if the scheme sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The request parameter that carries the region (`zone`, `Region`, `RegionId`, `regionId`).
    pub region_param: String,
    /// Parameters every request carries, added by runtime/; never part of an API's request type.
    pub common_params: Vec<String>,
    /// First index of `name.N` lists (0 or 1).
    pub list_index_base: u32,
    /// How booleans are spelled on the wire.
    pub boolean: BooleanSpelling,
    /// Environment variables that hold the credentials.
    pub credentials_env: CredentialsEnv,
    /// The error envelope's shape, as runtime/ parses it.
    pub error_envelope: String,
    /// How pages are numbered, if the provider paginates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// Object types the provider documents once, on a page of common data structures, and its API
    /// pages only name (Tencent API 3.0's `Filter`, `InstanceChargePrepaid`): a spec whose page
    /// names one without defining it takes it from here, marked `origin: {profile: Filter}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<SharedType>,
}

/// An object type of the provider's common data structures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedType {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub fields: Vec<SharedField>,
}

/// A field of a [`SharedType`], as the provider's structure page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedField {
    pub name: String,
    /// A scalar keyword or the name of another shared type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// The field holds a list of `type`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub array: bool,
    /// A request must set it (`是否必选: 是`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

impl SharedType {
    /// The type as a spec holds it, every element marked as the profile's. In a request an
    /// optional field may be left out, which the model says as `nullable`.
    pub fn to_type_def(&self, request: bool) -> TypeDef {
        let fields = self
            .fields
            .iter()
            .map(|f| Field {
                array: f.array,
                nullable: request && !f.required,
                description: f.description.clone(),
                ..Field::new(
                    f.name.clone(),
                    f.ty.clone(),
                    Origin::profile(format!("{}.{}", self.name, f.name)),
                )
            })
            .collect();
        TypeDef {
            name: self.name.clone(),
            description: self.description.clone(),
            fields,
            origin: Origin::profile(self.name.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BooleanSpelling {
    #[serde(rename = "true")]
    pub true_: String,
    #[serde(rename = "false")]
    pub false_: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialsEnv {
    pub access_key: String,
    pub secret_key: String,
}

/// The request and response names a paginated API uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub style: PaginationStyle,
    /// Request parameter holding the offset or page number (`offset`, `PageNumber`).
    pub position_param: String,
    /// Request parameter holding the page size (`limit`, `PageSize`).
    pub size_param: String,
    /// Response field holding the total (`total_count`, `TotalCount`), at the root or in `result`.
    pub total_field: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaginationStyle {
    /// `offset` counts items from 0.
    OffsetLimit,
    /// `PageNumber` counts pages from 1.
    PageNumber,
}

/// An overlay (`specs/overlays/<provider>/<api>.yaml`): hand corrections on top of a page.
///
/// Each entry names an element and sets the keys it lists (a key set to `null` clears it);
/// everything it sets is marked `overlay: true` in the spec. An entry naming an element the page
/// lacks adds it, given the keys a new element needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Why the overlay exists: what the page gets wrong or leaves out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The API's own keys: `service`, `version`, `summary`, `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<serde_yaml::Mapping>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<serde_yaml::Mapping>,
    /// Request parameters, by wire name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub request: BTreeMap<String, serde_yaml::Mapping>,
    /// Named request types (`Filter`) and their fields (`Filter.name`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub request_types: BTreeMap<String, serde_yaml::Mapping>,
    /// Answer types (`Image`) and their fields (`Image.Size`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub response: BTreeMap<String, serde_yaml::Mapping>,
    /// Error codes, by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, serde_yaml::Mapping>,
    /// Request and response examples, each by its number (from 1) in the spec.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<ExamplesPatch>,
    /// Diagnostics a reviewer has looked at and accepted, as `code@place` (the place as the spec
    /// shows it: `common-parameter@请求参数 row 1`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
}

/// The examples an overlay patches: `requests: {1: {left_out: …}}`, `responses: {2: {body: …}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesPatch {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requests: BTreeMap<u32, serde_yaml::Mapping>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub responses: BTreeMap<u32, serde_yaml::Mapping>,
}

/// The file of a spec: `specs_dir/<provider>/<action>.yaml`. Both names come from pages and folders,
/// so each must be one plain file name: no separators, no `..`, no NUL, not absolute, not a name
/// Windows reserves (`CON`, `NUL`, `COM1`, …).
pub fn spec_path(
    specs_dir: &std::path::Path,
    provider: &str,
    action: &str,
) -> Result<std::path::PathBuf, String> {
    for (what, name) in [("provider", provider), ("API name", action)] {
        if let Some(problem) = unsafe_file_name(name) {
            return Err(format!("the {what} `{}` cannot name a spec file: {problem}", name.escape_debug()));
        }
    }
    Ok(specs_dir.join(provider).join(format!("{action}.yaml")))
}

/// Why `name` is not a plain file name, if it is not.
fn unsafe_file_name(name: &str) -> Option<&'static str> {
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    if name.is_empty() {
        Some("it is empty")
    } else if name.contains('\0') {
        Some("it holds a NUL byte")
    } else if name.contains(['/', '\\']) || name.contains(':') {
        Some("it holds a path separator")
    } else if name.starts_with('.') {
        Some("it starts with a dot (`..` or a hidden file)")
    } else if RESERVED.contains(&stem.as_str()) {
        Some("it is a reserved device name")
    } else if name.chars().any(char::is_control) || name.len() > 128 {
        Some("it holds control characters or is too long")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn checked_params_leave_out_what_is_marked_and_renumber_the_rest() {
        let params = [("InstanceIds.1", "a"), ("Filters.1.Values.2", "b"), ("Bad", "x"), ("Limit", "1")];
        let params = params.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
        let example = RequestExample {
            index_base: Some(1),
            left_out: vec![LeftOut { param: "Bad".into(), code: "example-value".into(), reason: "r".into() }],
            ..RequestExample::new("u".into(), params, Origin::page(3))
        };
        let names: Vec<String> = example.checked_params(0).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["InstanceIds.0", "Filters.0.Values.1", "Limit"]);
        let same = RequestExample { index_base: None, ..example };
        assert_eq!(same.checked_params(0)[0].0, "InstanceIds.1", "no index base, no renumbering");
    }

    #[test]
    fn an_answer_is_tested_as_written_or_repaired_and_xml_is_not() {
        let answer =
            |format, body: &str| ResponseExample { format, body: body.to_owned(), origin: Origin::page(1) };
        let clean = answer(ExampleFormat::Json, "{\"a\": 1}");
        assert!(matches!(clean.json_text(), Some(std::borrow::Cow::Borrowed(_))));
        let slips = answer(ExampleFormat::Json, "{\"a\": False,}");
        assert_eq!(slips.json_text().as_deref(), Some("{\"a\": false}"));
        assert_eq!(answer(ExampleFormat::Json, "{\"a\": 1s}").json_text(), None);
        assert_eq!(answer(ExampleFormat::Xml, "<a>1</a>").json_text(), None);
    }

    #[test]
    fn spec_paths_stay_in_their_folder() {
        let dir = Path::new("specs");
        assert_eq!(spec_path(dir, "aliyun", "DescribeImages"), Ok(dir.join("aliyun/DescribeImages.yaml")));
        for (provider, action) in [
            ("aliyun", "../x"),
            ("..", "x"),
            ("aliyun", "/etc/passwd"),
            ("aliyun", "a\0b"),
            ("aliyun", "CON"),
            ("aliyun", "nul"),
            ("a/b", "x"),
            ("aliyun", ""),
            ("aliyun", "C:x"),
        ] {
            let err = spec_path(dir, provider, action).unwrap_err();
            assert!(err.contains("cannot name a spec file"), "{provider} {action}: {err}");
        }
    }
}
