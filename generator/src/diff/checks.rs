//! The catalogue of checks: every kind of change the diff reports, with its stable id, its level
//! and why it has that level.
//!
//! A level says what the change does to a caller of the generated client: to the Rust API (an item
//! that goes, a type that changes, a new required argument) and to the wire (a request the server
//! or `build()` no longer accepts). The doc comment of each check is its reason; the README's table
//! is rendered from this list.

use serde::Serialize;

/// What a change does to a caller of the generated client. Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Documentation only: rustdoc, docs and examples change, no code does.
    Doc,
    /// New items or behaviour; every caller's code compiles and works as before.
    NonBreaking,
    /// Some caller's code no longer compiles, or a call that worked now fails.
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Doc => "doc",
            Level::NonBreaking => "non-breaking",
            Level::Breaking => "breaking",
        }
    }
}

macro_rules! checks {
    ($( $(#[doc = $why:literal])+ $variant:ident = $id:literal, $level:ident, $example:literal; )+) => {
        /// One kind of change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Check {
            $( $(#[doc = $why])+ $variant, )+
        }

        impl Check {
            /// Every check, in catalogue order.
            pub const ALL: &[Check] = &[$(Check::$variant),+];

            /// The stable kebab-case id.
            pub fn id(self) -> &'static str {
                match self { $(Check::$variant => $id,)+ }
            }

            pub fn level(self) -> Level {
                match self { $(Check::$variant => Level::$level,)+ }
            }

            /// A page edit that gives this change.
            pub fn example(self) -> &'static str {
                match self { $(Check::$variant => $example,)+ }
            }

            /// Why the change has its level (the doc comment above).
            pub fn why(self) -> &'static str {
                match self { $(Check::$variant => concat!($($why),+).trim_ascii(),)+ }
            }
        }
    };
}

checks! {
    /// A new module with its request type, builder and answer type; nothing that exists changes.
    ApiAdded = "api-added", NonBreaking, "a page for `CreateImage` is added";
    /// Its module and every type in it go.
    ApiRemoved = "api-removed", Breaking, "the page of `DescribeImages` is removed";
    /// Every call sends the new version; the server may read its parameters and shape its answer
    /// differently.
    ApiVersionChanged = "api-version-changed", Breaking, "the `Version` row says `2018-01-01` instead of `2017-03-12`";
    /// Every call goes out with the new method, under unchanged code.
    HttpMethodChanged = "http-method-changed", Breaking, "the request line says `POST` instead of `GET`";
    /// Every call goes to the new path, under unchanged code.
    HttpPathChanged = "http-path-changed", Breaking, "`/v1/regions/{regionId}/images` becomes `/v2/…`";
    /// Every call goes to the new host, under unchanged code.
    HttpEndpointChanged = "http-endpoint-changed", Breaking, "the page names `https://vm.jdcloud-api.com` instead of another host";
    /// The service name appears in no generated code.
    ServiceChanged = "service-changed", Doc, "the path's first segment names another service";
    /// Only rustdoc and the docs change.
    DescriptionChanged = "description-changed", Doc, "a parameter's description is reworded";
    /// Examples become docs and tests of the client, not code a caller runs.
    ExampleChanged = "example-changed", Doc, "the example request uses another zone";
    /// The page's type word changes (`Integer` ↔ `Long`, `String` ↔ `Timestamp`) but the Rust type
    /// and the text on the wire stay.
    TypeNameChanged = "type-name-changed", Doc, "`PageSize` is typed `Long` instead of `Integer`";
    /// Only rustdoc says so: the generated code has no `#[deprecated]`.
    DeprecationChanged = "deprecation-changed", Doc, "`该参数即将被弃用` is added to a parameter";

    /// A new setter; the request struct is `#[non_exhaustive]`, so no caller builds it with a
    /// literal, and calls that leave it unset send what they sent before.
    RequestParameterAddedOptional = "request-parameter-added-optional", NonBreaking, "a row `|Usage|String|否|…|` is added";
    /// `build()` refuses every request that does not set it, and the server would too.
    RequestParameterAddedRequired = "request-parameter-added-required", Breaking, "a row `|RegionId|String|是|…|` is added";
    /// Its field and setter go.
    RequestParameterRemoved = "request-parameter-removed", Breaking, "the row of `SnapshotId` is removed";
    /// Its field and setter take the new name, and the wire the new spelling.
    RequestParameterRenamed = "request-parameter-renamed", Breaking, "`ImageName` becomes `ImageNames`, all else equal";
    /// `build()` refuses requests that leave it unset.
    RequestParameterBecameRequired = "request-parameter-became-required", Breaking, "`是否必选` of `ImageId` goes from 否 to 是";
    /// `build()` accepts requests it refused; no item changes.
    RequestParameterBecameOptional = "request-parameter-became-optional", NonBreaking, "`是否必选` of `RegionId` goes from 是 to 否";
    /// The field's and setter's type change (a list, a value set or another scalar).
    RequestParameterTypeChanged = "request-parameter-type-changed", Breaking, "`IsPublic` is typed `String` instead of `Boolean`";
    /// The value travels elsewhere (query, path, header, body), under unchanged code.
    RequestLocationChanged = "request-location-changed", Breaking, "`regionId` moves from the query to the path";
    /// The list goes out spelled differently (`ids.1=…`, `ids=a,b`, `ids=["a"]`), under unchanged code.
    RequestListEncodingChanged = "request-list-encoding-changed", Breaking, "`Status` takes a JSON array instead of comma-joined values";
    /// The new value becomes a new variant; request enums are `#[non_exhaustive]`, so no match breaks.
    RequestEnumValueAdded = "request-enum-value-added", NonBreaking, "`Status` lists `Deprecated` too";
    /// Its variant goes, and the server refuses the value.
    RequestEnumValueRemoved = "request-enum-value-removed", Breaking, "`Architecture` no longer lists `i386`";
    /// The set is closed: a value it does not list, accepted before, is refused.
    RequestEnumClosed = "request-enum-closed", Breaking, "`… 等` is dropped from the values of `OSType`";
    /// The set is open: values it does not list are accepted too.
    RequestEnumOpened = "request-enum-opened", NonBreaking, "`… 等` is added to the values of `OSType`";
    /// `build()` refuses numbers it accepted (a bound, a step or a conditional bound is stricter).
    RequestRangeNarrowed = "request-range-narrowed", Breaking, "`PageSize` goes from `最大值：100` to `最大值：50`";
    /// `build()` accepts every number it accepted, and more.
    RequestRangeWidened = "request-range-widened", NonBreaking, "`PageSize` goes from `最大值：50` to `最大值：100`";
    /// `build()` refuses strings it accepted.
    RequestLengthNarrowed = "request-length-narrowed", Breaking, "`长度为2~128个字符` becomes `2~64`";
    /// `build()` accepts every string it accepted, and more.
    RequestLengthWidened = "request-length-widened", NonBreaking, "`长度为2~64个字符` becomes `2~128`";
    /// A new or stricter textual rule: `build()` refuses strings it accepted.
    RequestPatternNarrowed = "request-pattern-narrowed", Breaking, "`不能以http://开头` is added";
    /// A rule is gone or looser.
    RequestPatternWidened = "request-pattern-widened", NonBreaking, "`以字母开头` is dropped";
    /// A new or other format (lower case, a date pattern): `build()` refuses values it accepted.
    RequestFormatNarrowed = "request-format-narrowed", Breaking, "`注意要小写` is added";
    /// The format is gone: `build()` accepts what it refused.
    RequestFormatWidened = "request-format-widened", NonBreaking, "`格式为yyyy-MM-ddTHH:mmZ` is dropped";
    /// `build()` refuses lists it accepted (a lower or a new item limit).
    RequestListSizeNarrowed = "request-list-size-narrowed", Breaking, "`N的取值范围：1~20` becomes `1~10`";
    /// `build()` accepts longer lists.
    RequestListSizeWidened = "request-list-size-widened", NonBreaking, "`最多指定10个` becomes `最多指定20个`";
    /// A new or stricter condition (`requires`, `required_unless`, `required_when`, `excludes`):
    /// `build()` refuses requests it accepted.
    RequestConditionTightened = "request-condition-tightened", Breaking, "`Filter.N.Value` now requires `Filter.N.Key`";
    /// A condition is gone or looser: `build()` accepts requests it refused.
    RequestConditionRelaxed = "request-condition-relaxed", NonBreaking, "`不可同时指定` is dropped";
    /// No item changes, but a call that leaves the parameter unset now behaves differently: the
    /// server applies the new default (and for a page size, so does the paginator).
    RequestDefaultChanged = "request-default-changed", NonBreaking, "`默认值：10` becomes `默认值：20`";
    /// Calls that leave it unset now get (or no longer get) a fresh token from the client, so
    /// retries behave differently; no item changes.
    RequestIdempotencyChanged = "request-idempotency-changed", NonBreaking, "`保证请求的幂等性` is added to `ClientToken`";
    /// A new struct for a request object; the parameter that reaches it reports its own change.
    RequestTypeAdded = "request-type-added", NonBreaking, "a `### Filter` table is added";
    /// Its struct goes.
    RequestTypeRemoved = "request-type-removed", Breaking, "the `### Filter` table is removed";
    /// A new field of a request object or a `Tag.N.…` item: these structs are built with literals
    /// (`Filter { name, operator, values }`), which break without `..Default::default()`.
    RequestFieldAdded = "request-field-added", Breaking, "a row `|**operator**|String|` is added to `### Filter`";
    /// Its field goes.
    RequestFieldRemoved = "request-field-removed", Breaking, "the row of `operator` is removed from `### Filter`";
    /// The field's type changes.
    RequestFieldTypeChanged = "request-field-type-changed", Breaking, "`Filter.values` is typed `String` instead of `String[]`";
    /// `build()` refuses objects that leave it unset.
    RequestFieldBecameRequired = "request-field-became-required", Breaking, "`Filter.operator` loses its `可选`";
    /// `build()` accepts objects that leave it unset.
    RequestFieldBecameOptional = "request-field-became-optional", NonBreaking, "`Filter.name` becomes `可选`";

    /// A new struct of the answer; the field that holds it reports its own change.
    ResponseTypeAdded = "response-type-added", NonBreaking, "a `### InstanceStatus` table is added";
    /// Its struct goes.
    ResponseTypeRemoved = "response-type-removed", Breaking, "the `### Keypair` table is removed";
    /// A new field; answer structs are `#[non_exhaustive]`, so no pattern or literal breaks.
    ResponseFieldAdded = "response-field-added", NonBreaking, "a row `|**instanceIds**|String[]|` is added";
    /// Its field goes, and the value is no longer read.
    ResponseFieldRemoved = "response-field-removed", Breaking, "the row of `createTime` is removed";
    /// The field's type changes (a list, a value set, another scalar or object).
    ResponseFieldTypeChanged = "response-field-type-changed", Breaking, "`totalCount` is typed `String` instead of `Integer`";
    /// The value becomes a new variant; answer enums are `#[non_exhaustive]` with an `Other`, so
    /// no match breaks (a value that was `Other` before now has its variant).
    ResponseEnumValueAdded = "response-enum-value-added", NonBreaking, "`Status` of an image lists `Deprecated` too";
    /// Its variant goes; the value reads as `Other`.
    ResponseEnumValueRemoved = "response-enum-value-removed", Breaking, "`Status` of an image no longer lists `Waiting`";
    /// Answers that spell the field this way are read too.
    ResponseFieldAliasAdded = "response-field-alias-added", NonBreaking, "the example answer writes `createor` for `creator`";
    /// Answers that spell the field this way lose the value.
    ResponseFieldAliasRemoved = "response-field-alias-removed", Breaking, "the example with `createor` is corrected";
    /// Every answer field is an `Option` already: only rustdoc changes.
    ResponseFieldNullableChanged = "response-field-nullable-changed", Doc, "`可为空` is added to a field";
    /// The decoder reads a list with or without its wrapper object: only rustdoc changes.
    ResponseFieldWrapperChanged = "response-field-wrapper-changed", Doc, "`Images: {Image: [...]}` becomes `Images: [...]`";
    /// The client does not check answers against bounds, lengths, patterns, formats or defaults:
    /// only rustdoc changes.
    ResponseConstraintChanged = "response-constraint-changed", Doc, "an answer field's `取值范围` changes";

    /// A new variant of the error-code enum, which is `#[non_exhaustive]`; `ErrorCode::from_code`
    /// now knows the code.
    ErrorCodeAdded = "error-code-added", NonBreaking, "a row `|InvalidZone|…|` is added to 错误码";
    /// Its variant goes.
    ErrorCodeRemoved = "error-code-removed", Breaking, "the row of `InvalidZone` is removed from 错误码";
    /// `ErrorCode::http_status` answers differently; no item changes.
    ErrorCodeStatusChanged = "error-code-status-changed", NonBreaking, "the HTTP status of a code goes from 400 to 403";

    /// A new provider module and cargo feature.
    ProviderAdded = "provider-added", NonBreaking, "`specs/providers/huawei.yaml` is added";
    /// The provider's module and cargo feature go.
    ProviderRemoved = "provider-removed", Breaking, "`specs/providers/tencent.yaml` is removed";
    /// A fact every call of the provider relies on (endpoint, signing, common parameters, list
    /// index base, boolean spelling, credentials, error envelope, pagination, module name) changes.
    ProviderChanged = "provider-changed", Breaking, "`list_index_base` goes from 1 to 0";
    /// A shared type of the profile (`types:`) reaches callers only through the specs that take
    /// it, and each of those reports its own change (`request-field-added`, …).
    ProviderTypeChanged = "provider-type-changed", Doc, "a field is added to the profile's `Filter`";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_kebab_case_and_every_check_has_a_reason() {
        let mut ids = BTreeSet::new();
        for check in Check::ALL {
            let id = check.id();
            assert!(ids.insert(id), "{id} twice");
            assert!(
                id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{id} is not kebab-case"
            );
            assert!(check.why().ends_with('.') && !check.example().is_empty(), "{id}");
        }
    }
}
