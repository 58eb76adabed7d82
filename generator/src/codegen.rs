//! Stage 4, codegen: specs and provider profiles → Rust source of the `yunapi` client.
//!
//! Input: [`ApiSpec`]s and their [`Profile`]. Output: source text of `lib.rs`, one `mod.rs` per
//! provider, one file per API and, per provider, a `types.rs` of the types its APIs share
//! ([`share()`]). Items are built with `quote`, checked by parsing them with
//! `syn::parse2::<syn::File>`, and printed with prettyplease, so the output is valid Rust whatever
//! the page says and needs no system rustfmt. Every file starts with a header naming the command
//! that regenerates it.
//!
//! Generated code describes each API and leaves every shared behaviour to `yunapi_runtime`
//! (validation, parameter encoding, lenient decoding) and to one small `wire` module in `lib.rs`,
//! so that compiling the client costs little per API.

mod doc;
mod enums;
mod names;
mod objects;
mod paginate;
mod request;
mod response;
mod rules;
mod share;
mod values;

use crate::naming::{Case, Scope};
use crate::spec::{ApiSpec, Origin, Profile};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

pub use doc::{escape as escape_markdown, limits as limits_in_words};
pub use names::{FieldItem, ItemNames, ParamItem, TypeItem};
pub use share::{ApiCode, Shape, Sharing, share};

/// The command that regenerates the client, named in every generated file.
pub const REGENERATE: &str = "cargo run -p generator -- specs/ generated/";

/// Generation failed: the spec or profile asks for something the client cannot express, or a bug
/// produced tokens that do not parse.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{profile}: unknown signing scheme {scheme:?}\nhelp: {help}")]
    Signing {
        profile: String,
        scheme: String,
        /// What to do about it.
        help: &'static str,
    },
    #[error("{profile}: unknown error envelope {envelope:?}\nhelp: {help}")]
    Envelope { profile: String, envelope: String, help: &'static str },
    #[error("{file}: generated code does not parse: {message}\nhelp: {help}")]
    Parse { file: String, message: String, help: &'static str },
}

/// The Rust names of one API, unique within its provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiNames {
    /// The action as the page spells it (`describeImages`): the API's name in the registry.
    pub action: String,
    /// File stem and module name (`describe_images`).
    pub module: String,
    /// The request type (`DescribeImages`).
    pub type_name: String,
}

/// Names the APIs of one provider by their actions, in the order given (sort the specs first for
/// stable names).
pub fn name_apis(actions: &[&str]) -> Vec<ApiNames> {
    let mut modules = Scope::with_reserved(&["tests", "types", "wire"]);
    let mut types = Scope::with_reserved(&["PROVIDER"]);
    actions
        .iter()
        .map(|action| {
            let mut module = modules.name(action, Case::Snake, &[]).ident;
            // A keyword module would be `r#type` in code but `type.rs` on disk: keep it plain.
            if let Some(raw) = module.strip_prefix("r#") {
                module = modules.name(&format!("{raw}_api"), Case::Snake, &[]).ident;
            }
            let type_name = types.name(action, Case::Pascal, &[]).ident;
            // Reserve the names the API file re-exports next to the request type.
            for suffix in ["Builder", "Response"] {
                types.name(&format!("{type_name}{suffix}"), Case::Pascal, &[]);
            }
            ApiNames { action: (*action).to_owned(), module, type_name }
        })
        .collect()
}

/// Rust module name of a provider (`qingcloud_private` for the `qingcloud-private` feature).
pub fn provider_module(profile: &Profile) -> String {
    let name = crate::naming::sanitize(&profile.feature, Case::Snake);
    match name.ident.strip_prefix("r#") {
        Some(raw) => format!("{raw}_provider"),
        None => name.ident,
    }
}

/// What one API file needs to know while it is being emitted.
pub(crate) struct Api<'a> {
    pub spec: &'a ApiSpec,
    pub profile: &'a Profile,
    pub type_name: Ident,
    pub builder_name: Ident,
    pub response_name: Ident,
    pub response: Option<response::ResponseModel>,
    /// The names of the items, as the emitters choose them.
    pub names: names::Recorder,
}

impl Api<'_> {
    /// Where an element is stated, for docs and validation messages.
    pub fn source(&self, origin: &Origin) -> String {
        let overlay = format!("overlays/{}/{}.yaml", self.spec.provider, self.spec.action);
        let profile = format!("providers/{}.yaml", self.spec.provider);
        doc::source(&self.spec.source.page, &overlay, &profile, origin)
    }

    /// The page itself.
    pub fn page_source(&self) -> String {
        format!("specs/{}", self.spec.source.page)
    }

    /// Summary and description paragraphs, escaped, with the page cited.
    pub fn summary_docs(&self) -> Vec<String> {
        let mut docs = Vec::new();
        docs.push(match &self.spec.summary {
            Some(summary) => doc::escape(summary),
            None => format!("The `{}` API.", self.spec.action.replace('`', "'")),
        });
        docs.extend(self.spec.description.as_deref().map(doc::escape));
        docs.push(doc::cite(&self.page_source()));
        docs
    }
}

/// The source of one API's file, every type defined in it.
pub fn api_file(spec: &ApiSpec, profile: &Profile, names: &ApiNames) -> Result<String, Error> {
    Ok(api_code(spec, profile, names)?.file(&[]))
}

/// One API's file, ready to be printed with some of its types taken from the provider's
/// `types.rs` (see [`share()`]).
pub fn api_code(spec: &ApiSpec, profile: &Profile, names: &ApiNames) -> Result<ApiCode, Error> {
    let (tokens, _) = emit_api(spec, profile, names);
    let page = one_line(&spec.source.page);
    let header = format!(
        "// @generated by `{REGENERATE}` from specs/{page}. Do not edit: change the page or its overlay in specs/.\n{RUSTFMT_SKIP}"
    );
    let file = parse(&format!("{}/{}.rs", provider_module(profile), names.module), tokens)?;
    let own = ["", "Builder", "Response"].map(|suffix| format!("{}{suffix}", names.type_name));
    Ok(ApiCode::new(&header, file, &own))
}

/// `types.rs` of one provider: the types its APIs share, each as `types` gives it (name, printed
/// items, the actions of the APIs that use it; the first one's docs are the ones printed).
pub fn types_file(profile: &Profile, types: &[(String, String, Vec<String>)]) -> Result<String, Error> {
    let users = types.iter().map(|(name, _, users)| {
        let users: Vec<String> = users.iter().map(|u| format!("`{}`", u.replace('`', "'"))).collect();
        format!("- `{name}`: {}", users.join(", "))
    });
    let docs = [
        format!(
            "The types that several APIs of {} define alike, defined once. Each API module that uses \
             one re-exports it, so its path under the API stays; its docs are those of the first API \
             (by action) that defines it.",
            doc::escape(&profile.name)
        ),
        "The APIs that use each:".to_owned(),
        users.collect::<Vec<_>>().join("\n"),
    ];
    let head = parse("types.rs", doc::inner_attrs(&docs))?;
    let mut text = format!(
        "// @generated by `{REGENERATE}` from specs/providers/{}.yaml and the specs of the APIs below. Do not edit.\n{RUSTFMT_SKIP}",
        one_line(&profile.provider)
    );
    text.push_str(&prettyplease::unparse(&head));
    text.extend(types.iter().map(|(_, code, _)| code.as_str()));
    Ok(text)
}

/// The Rust items of one API's file (request fields, answer types and fields, enum variants), named
/// by the same emission that writes the file.
pub fn item_names(spec: &ApiSpec, profile: &Profile, names: &ApiNames) -> ItemNames {
    emit_api(spec, profile, names).1
}

fn emit_api(spec: &ApiSpec, profile: &Profile, names: &ApiNames) -> (TokenStream, ItemNames) {
    let type_name = Ident::new(&names.type_name, proc_macro2::Span::call_site());
    let builder_name = quote::format_ident!("{}Builder", names.type_name);
    let response_name = quote::format_ident!("{}Response", names.type_name);
    let mut types = Scope::with_reserved(&[
        &names.type_name,
        &builder_name.to_string(),
        &response_name.to_string(),
        "Option",
        "Vec",
        "String",
        "Result",
        "Box",
        "Some",
        "None",
        "Ok",
        "Err",
        "Self",
        "Into",
        "IntoIterator",
    ]);
    let mut api = Api {
        spec,
        profile,
        type_name,
        builder_name,
        response_name,
        response: None,
        names: names::Recorder::default(),
    };
    let response_names = response::name_types(&api, &mut types);
    let (response_items, model) = response::emit(&api, &response_names, &mut types);
    api.response = Some(model);
    let request = request::emit(&api, &mut types);
    let errors = response::errors(&api, &mut types);
    let tests = example_tests(&api);
    let module_docs = doc::inner_attrs(&api.summary_docs());
    let request_items = request.items;
    let tokens = quote! {
        #module_docs
        #request_items
        #response_items
        #errors
        #tests
    };
    (tokens, api.names.into_inner())
}

/// The tests of the page's examples: one per JSON example answer (it deserializes, and every field
/// of the root that the example sets is read), one per request example (the parameters the spec
/// checks come back from the client byte for byte; those it leaves out are named in the test's doc
/// with the page's mistake).
fn example_tests(api: &Api<'_>) -> TokenStream {
    let mut tests = answer_tests(api);
    tests.extend(request_tests(api));
    if tests.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[cfg(test)]
        mod tests {
            #(#tests)*
        }
    }
}

fn answer_tests(api: &Api<'_>) -> Vec<TokenStream> {
    let Some(root) = api.response.as_ref().and_then(|m| m.types.get(&m.root)) else {
        return Vec::new();
    };
    let response = &api.response_name;
    let mut tests = Vec::new();
    for (i, example) in api.spec.examples.responses.iter().enumerate() {
        // XML, and JSON that not even the repair reads (an `invalid-example` warning of the spec),
        // is no test of the answer types.
        let Some(body) = example.json_text() else { continue };
        let test = quote::format_ident!("example_answer_{}_deserializes", i + 1);
        let source = api.source(&example.origin);
        let checks = root.fields.iter().map(|f| {
            let wire = &f.wire;
            let field = &f.ident;
            let read =
                if f.array { quote!(!answer.#field.is_empty()) } else { quote!(answer.#field.is_some()) };
            quote!(assert!(!::yunapi::wire::example_sets(&value, #wire) || #read, "{} is lost", #wire);)
        });
        let repaired = if body != example.body.as_str() {
            " The page's JSON has slips (the spec's `example-repaired` note); the test reads it repaired."
        } else {
            ""
        };
        let doc = format!(" The example answer of {source}.{repaired}");
        let checks: Vec<TokenStream> = checks.collect();
        let read = if checks.is_empty() {
            quote!(let _: super::#response = ::yunapi::serde_json::from_str(text).expect("the example answer deserializes");)
        } else {
            quote! {
                let answer: super::#response = ::yunapi::serde_json::from_str(text).expect("the example answer deserializes");
                let value: ::yunapi::serde_json::Value = ::yunapi::serde_json::from_str(text).expect("the example answer is JSON");
                #(#checks)*
            }
        };
        let body = body.as_ref();
        // Tencent API 3.0 answers keep everything inside `Response`, which the client unwraps.
        let text = if api.profile.error_envelope == "response" {
            quote! {
                let whole: ::yunapi::serde_json::Value = ::yunapi::serde_json::from_str(#body).expect("the example answer is JSON");
                let text = &whole["Response"].to_string();
            }
        } else {
            quote!(let text = #body;)
        };
        tests.push(quote! {
            #[doc = #doc]
            #[test]
            fn #test() {
                #text
                #read
            }
        });
    }
    tests
}

fn request_tests(api: &Api<'_>) -> Vec<TokenStream> {
    let request = &api.type_name;
    let base = api.profile.list_index_base;
    let mut tests = Vec::new();
    for (i, example) in api.spec.examples.requests.iter().enumerate() {
        let test = quote::format_ident!("example_request_{}_is_reproduced", i + 1);
        let checked = example.checked_params(base);
        let names = checked.iter().map(|(n, _)| n);
        let values = checked.iter().map(|(_, v)| v);
        let mut doc = vec![format!(" The example request of {}.", api.source(&example.origin))];
        if let Some(from) = example.index_base {
            doc.push(format!(
                " The page numbers its lists from {from}; the test renumbers them from {base}, as the client does."
            ));
        }
        if !example.left_out.is_empty() {
            doc.push(" It leaves out what the page gets wrong:".to_owned());
            doc.extend(example.left_out.iter().map(|l| {
                format!(" - {} ({}): {}", doc::escape(&l.param), doc::escape(&l.code), doc::escape(&l.reason))
            }));
        }
        let doc = doc.iter().map(|line| quote!(#[doc = #line]));
        let provider = quote!(super::super::PROVIDER);
        tests.push(quote! {
            #(#doc)*
            #[test]
            fn #test() {
                let pairs: Vec<(String, String)> = vec![#( (String::from(#names), String::from(#values)) ),*];
                let (request, violations) =
                    ::yunapi::wire::parse(super::#request::builder().0, &pairs, super::#request::param, "is unknown", "the page");
                assert_eq!(violations.finish(), Ok(()), "every example parameter is known and readable");
                let mut params = ::yunapi::runtime::Params::new(&#provider);
                ::yunapi::runtime::Operation::write_params(&request, &mut params);
                let mut written = params.pairs();
                let mut expected = pairs;
                expected.sort();
                written.sort();
                assert_eq!(written, expected);
            }
        });
    }
    tests
}

/// `mod.rs` of one provider: its `PROVIDER`, `client_from_env`, the API modules and, with
/// `shared_types`, the `types` module of the types its APIs share.
pub fn provider_file(profile: &Profile, apis: &[ApiNames], shared_types: bool) -> Result<String, Error> {
    let scheme = signing_scheme(profile)?;
    let envelope = error_envelope(profile)?;
    let key = &profile.provider;
    let feature = &profile.feature;
    let name = &profile.name;
    let endpoint = &profile.endpoint;
    let version = match &profile.version {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    let region_param = &profile.region_param;
    let base = profile.list_index_base;
    let (bool_true, bool_false) = (&profile.boolean.true_, &profile.boolean.false_);
    let (access, secret) = (&profile.credentials_env.access_key, &profile.credentials_env.secret_key);
    let module_doc = doc::escape(&format!("{name}: {} API(s).", apis.len()));
    let provider_doc = doc::escape(&format!("The wire conventions of {name} (specs/providers/{key}.yaml)."));
    let client_doc =
        doc::escape(&format!("A client for {name} with the credentials in {access} and {secret}."));
    let modules = apis.iter().map(|a| Ident::new(&a.module, proc_macro2::Span::call_site()));
    let types = shared_types.then(|| {
        quote!(
            #[cfg(feature = #feature)]
            pub mod types;
        )
    });
    let reexports = apis.iter().map(|a| {
        let module = Ident::new(&a.module, proc_macro2::Span::call_site());
        let request = Ident::new(&a.type_name, proc_macro2::Span::call_site());
        let builder = quote::format_ident!("{}Builder", a.type_name);
        let response = quote::format_ident!("{}Response", a.type_name);
        quote!(pub use #module::{#request, #builder, #response};)
    });
    let registry = apis.iter().map(|a| {
        let request = Ident::new(&a.type_name, proc_macro2::Span::call_site());
        let action = &a.action;
        quote!(::yunapi::runtime::Api::new(#action, |pairs| ::yunapi::runtime::Api::boxed(#request::from_wire(pairs))),)
    });
    let registry_doc = format!(
        "Every API of {}, by action name: build a request from wire-name parameters and send it \
         with `Client::send_dyn`, without naming its type. Behind the `registry` feature: it \
         compiles every API's answer decoding into this crate.",
        doc::escape(name)
    );
    let tokens = quote! {
        #![doc = #module_doc]

        #[doc = #provider_doc]
        pub static PROVIDER: ::yunapi::runtime::Provider = ::yunapi::runtime::Provider {
            key: #key,
            name: #name,
            scheme: #scheme,
            endpoint: #endpoint,
            version: #version,
            region_param: #region_param,
            list_index_base: #base,
            bool_true: #bool_true,
            bool_false: #bool_false,
            access_key_env: #access,
            secret_key_env: #secret,
            error_envelope: #envelope,
        };

        #[doc = #client_doc]
        ///
        /// # Errors
        ///
        /// When a variable is missing or the configuration is invalid.
        pub fn client_from_env(config: ::yunapi::Config) -> Result<::yunapi::Client, ::yunapi::Error> {
            ::yunapi::Client::from_env(&PROVIDER, config)
        }

        #[doc = #registry_doc]
        #[cfg(all(feature = "registry", feature = #feature))]
        pub static APIS: &[::yunapi::runtime::Api] = &[#(#registry)*];

        /// The API called `action` (the exact spelling first, then ignoring case).
        #[cfg(all(feature = "registry", feature = #feature))]
        pub fn api(action: &str) -> Option<&'static ::yunapi::runtime::Api> {
            ::yunapi::runtime::registry::find(APIS, action)
        }

        #types
        #( #[cfg(feature = #feature)] pub mod #modules; )*
        #( #[cfg(feature = #feature)] #reexports )*
    };
    let header = format!(
        "// @generated by `{REGENERATE}` from specs/providers/{}.yaml. Do not edit.\n",
        one_line(key)
    );
    print(&format!("{}/mod.rs", provider_module(profile)), &header, tokens)
}

fn signing_scheme(profile: &Profile) -> Result<TokenStream, Error> {
    let p = quote!(::yunapi::runtime::provider);
    Ok(match profile.signing.as_str() {
        "qingcloud-hmac-sha256" => quote!(#p::SigningScheme::QingCloud(#p::HmacAlgorithm::Sha256)),
        "qingcloud-hmac-sha1" => quote!(#p::SigningScheme::QingCloud(#p::HmacAlgorithm::Sha1)),
        "tencent-v2-hmac-sha1" => quote!(#p::SigningScheme::TencentV2(#p::HmacAlgorithm::Sha1)),
        "tencent-v2-hmac-sha256" => quote!(#p::SigningScheme::TencentV2(#p::HmacAlgorithm::Sha256)),
        "aliyun-rpc-hmac-sha1" => quote!(#p::SigningScheme::AliyunRpc),
        "jdcloud3-hmac-sha256" => quote!(#p::SigningScheme::JdCloud(#p::JdCloudVersion::V3)),
        "jdcloud2-hmac-sha256" => quote!(#p::SigningScheme::JdCloud(#p::JdCloudVersion::V2)),
        "tc3-hmac-sha256" => quote!(#p::SigningScheme::TencentV3(#p::TencentV3Signature::Tc3)),
        "tencent-v1-hmac-sha256" => {
            quote!(#p::SigningScheme::TencentV3(#p::TencentV3Signature::V1(#p::HmacAlgorithm::Sha256)))
        }
        "tencent-v1-hmac-sha1" => {
            quote!(#p::SigningScheme::TencentV3(#p::TencentV3Signature::V1(#p::HmacAlgorithm::Sha1)))
        }
        other => {
            return Err(Error::Signing {
                profile: format!("specs/providers/{}.yaml", profile.provider),
                scheme: other.to_owned(),
                help: "use one of qingcloud-hmac-sha256, qingcloud-hmac-sha1, tencent-v2-hmac-sha1, \
                       tencent-v2-hmac-sha256, aliyun-rpc-hmac-sha1, jdcloud3-hmac-sha256, jdcloud2-hmac-sha256, \
                       tc3-hmac-sha256, tencent-v1-hmac-sha256, tencent-v1-hmac-sha1",
            });
        }
    })
}

fn error_envelope(profile: &Profile) -> Result<TokenStream, Error> {
    let p = quote!(::yunapi::runtime::provider::ErrorEnvelope);
    Ok(match profile.error_envelope.as_str() {
        "ret-code" => quote!(#p::RetCode),
        "code" => quote!(#p::Code),
        "pascal-code" => quote!(#p::PascalCode),
        "nested-error" => quote!(#p::NestedError),
        "response" => quote!(#p::Response),
        other => {
            return Err(Error::Envelope {
                profile: format!("specs/providers/{}.yaml", profile.provider),
                envelope: other.to_owned(),
                help: "use one of ret-code, code, pascal-code, nested-error, response",
            });
        }
    })
}

/// `lib.rs`: crate docs and lints, the runtime re-exports, one feature-gated module per provider,
/// and the `wire` helpers every API shares.
pub fn lib_file(profiles: &[&Profile]) -> Result<String, Error> {
    let module = |p: &Profile| Ident::new(&provider_module(p), proc_macro2::Span::call_site());
    let modules = profiles.iter().map(|p| {
        let module = module(p);
        quote!(pub mod #module;)
    });
    let registry = profiles.iter().map(|p| {
        let (feature, module) = (&p.feature, module(p));
        quote! {
            #[cfg(feature = #feature)]
            (&#module::PROVIDER, #module::APIS),
        }
    });
    let wire = wire_module();
    let tokens = quote! {
        //! Typed, validated clients for Chinese cloud APIs, generated from their documentation pages.
        //!
        //! One module per provider: its wire conventions (`PROVIDER`) always, its APIs behind the
        //! cargo feature of the same name. Each API has a request type with a builder that checks
        //! the page's constraints, an `Operation` impl that the [`Client`] signs and sends, and the
        //! types of its answer. A crate that calls a few APIs can compile only those: see
        //! `yunapi-select`.
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
        #![cfg_attr(test, deny(warnings))]
        #![allow(rustdoc::bare_urls, reason = "page text quotes URLs as the page writes them")]

        pub use yunapi_runtime as runtime;
        pub use yunapi_runtime::{Client, Config, Credentials, Error};
        // The crates whose types appear in this crate's API: a user names them through here and
        // needs no dependency of its own (`yunapi::http::Request`, what `Client::prepare` returns).
        pub use yunapi_runtime::{http, serde_json, time};
        #[doc(hidden)]
        pub use serde;

        // Generated code names this crate `::yunapi`, inside this crate and inside a downstream
        // crate that compiles the APIs it selected (yunapi-select) alike.
        extern crate self as yunapi;

        #(#modules)*

        /// Every provider of this build with its APIs by name, for a caller that picks the
        /// provider at run time (its key is `PROVIDER.key`).
        #[cfg(feature = "registry")]
        pub static REGISTRY: &[(&runtime::Provider, &[runtime::Api])] = &[#(#registry)*];

        #wire
    };
    let header = format!("// @generated by `{REGENERATE}`. Do not edit.\n");
    print("lib.rs", &header, tokens)
}

/// Helpers shared by every API's `from_wire` and answer enums, emitted once.
fn wire_module() -> TokenStream {
    quote! {
        /// Reading wire parameters and answer values, shared by every API: public for the API
        /// modules a downstream crate compiles itself (yunapi-select), not for callers.
        #[doc(hidden)]
        pub mod wire {
            use ::yunapi::runtime::Validator;

            pub use ::yunapi::runtime::FromWire;

            fn unreadable(name: &str, text: &str, violations: &mut Validator, source: &'static str) {
                violations.fail(name, format!("cannot take the value {text:?}"), source);
            }

            /// Where a wire parameter goes: what each request's `param` says about a name.
            pub enum Found<'a> {
                /// One value, stated at the source.
                One(&'a mut dyn ::yunapi::runtime::de::TextSlot, &'static str),
                /// Comma-separated values, appended.
                Comma(&'a mut dyn ::yunapi::runtime::de::TextList, &'static str),
                /// A JSON array of values (`["d-1","d-2"]`), appended.
                Json(&'a mut dyn ::yunapi::runtime::de::TextList, &'static str),
                /// The `index`-th (0-based) item of a list; items come without gaps.
                At(&'a mut dyn At, usize, &'static str),
                /// A name the request cannot take, and why (stated by the page as a whole).
                Fail(&'static str),
                /// A name the request does not know.
                Unknown,
            }

            /// A list set item by item (`images.1=img-1`).
            pub trait At {
                /// Sets the `index`-th (0-based) item: `None` when `text` spells no value,
                /// `Some(false)` when `index` skips an item.
                fn set_at(&mut self, index: usize, text: &str) -> Option<bool>;
            }

            impl<T: FromWire> At for Vec<T> {
                fn set_at(&mut self, index: usize, text: &str) -> Option<bool> {
                    let value = T::from_wire(text)?;
                    if index < self.len() {
                        self[index] = value;
                    } else if index == self.len() {
                        self.push(value);
                    } else {
                        return Some(false);
                    }
                    Some(true)
                }
            }

            /// Reads wire parameters into `request` through its `param`; `unknown` says what a
            /// name it does not know is, `page` is the source of what the page states as a whole.
            pub fn parse<R>(
                mut request: R,
                pairs: &[(String, String)],
                param: for<'a> fn(&'a mut R, &str) -> Found<'a>,
                unknown: &'static str,
                page: &'static str,
            ) -> (R, Validator) {
                let mut violations = Validator::new();
                for (name, text) in pairs {
                    let name = name.as_str();
                    match param(&mut request, name) {
                        Found::One(slot, source) => {
                            if !slot.set(Some(text)) {
                                unreadable(name, text, &mut violations, source);
                            }
                        }
                        Found::Comma(list, source) => {
                            for part in text.split(',') {
                                if !list.push(part.trim()) {
                                    unreadable(name, part, &mut violations, source);
                                }
                            }
                        }
                        Found::Json(list, source) => match ::yunapi::runtime::params::json_array_items(text) {
                            Some(items) => {
                                for item in items {
                                    if !list.push(&item) {
                                        unreadable(name, &item, &mut violations, source);
                                    }
                                }
                            }
                            None => violations.fail(name, format!("{text:?} is not a JSON array"), source),
                        },
                        Found::At(list, index, source) => match list.set_at(index, text) {
                            Some(true) => {}
                            Some(false) => {
                                violations.fail(name, "skips an index: number the items without gaps", source)
                            }
                            None => unreadable(name, text, &mut violations, source),
                        },
                        Found::Fail(message) => violations.fail(name, message, page),
                        Found::Unknown => violations.fail(name, unknown, page),
                    }
                }
                (request, violations)
            }

            /// [`parse`], then every constraint of the page, all reported at once: a request's
            /// `from_wire`.
            pub fn from_wire<R: ::yunapi::runtime::Operation>(
                request: R,
                pairs: &[(String, String)],
                param: for<'a> fn(&'a mut R, &str) -> Found<'a>,
                unknown: &'static str,
                page: &'static str,
            ) -> Result<R, ::yunapi::runtime::ValidationErrors> {
                let (request, violations) = parse(request, pairs, param, unknown, page);
                let mut all = violations.finish().err().map(|e| e.0).unwrap_or_default();
                all.extend(request.validate().err().map(|e| e.0).unwrap_or_default());
                if all.is_empty() { Ok(request) } else { Err(::yunapi::runtime::ValidationErrors(all)) }
            }

            /// The `index`-th (0-based) item of a group, created when it is the next one.
            pub fn item<T: Default>(list: &mut Vec<T>, index: usize) -> Option<&mut T> {
                if index == list.len() {
                    list.push(T::default());
                }
                list.get_mut(index)
            }

            /// `Tag.3.Key` under prefix `Tag` with index base 1 → `(2, "Key")`; `images.1` → `(0, "")`.
            pub fn indexed<'n>(name: &'n str, prefix: &str, base: usize) -> Option<(usize, &'n str)> {
                let rest = name.strip_prefix(prefix)?.strip_prefix('.')?;
                let (number, field) = rest.split_once('.').unwrap_or((rest, ""));
                number.parse::<usize>().ok()?.checked_sub(base).map(|index| (index, field))
            }

            /// An answer's enum value: any scalar, read through its text.
            pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
            where
                D: ::yunapi::serde::Deserializer<'de>,
                T: FromWire,
            {
                let text = ::yunapi::runtime::de::opt_string(deserializer)?.unwrap_or_default();
                T::from_wire(&text)
                    .ok_or_else(|| ::yunapi::serde::de::Error::custom(format!("unexpected value {text:?}")))
            }

            /// True when an example answer sets `key` at its root to something other than null.
            pub fn example_sets(value: &::yunapi::serde_json::Value, key: &str) -> bool {
                value.get(key).is_some_and(|v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
            }
        }
    }
}

/// The file that lists every API for `yunapi-select`, in the generated folder.
pub const API_INDEX: &str = "apis.tsv";

/// [`API_INDEX`]: one line per API, tab-separated: provider key, cargo feature, provider module,
/// action, API module, request type. `yunapi-select` reads it to find the files of the APIs a
/// downstream crate names, without parsing Rust.
pub fn api_index(providers: &[(&Profile, Vec<ApiNames>)]) -> String {
    let mut text = format!(
        "# @generated by `{REGENERATE}`. Do not edit.\n\
         # provider\tfeature\tmodule\taction\tapi_module\ttype\n"
    );
    for (profile, apis) in providers {
        let module = provider_module(profile);
        for api in apis {
            let fields =
                [&profile.provider, &profile.feature, &module, &api.action, &api.module, &api.type_name];
            let fields: Vec<String> = fields.iter().map(|f| one_line(f).replace('\t', " ")).collect();
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
    }
    text
}

/// `text` for a header line comment: a line break would end the comment, so control characters go.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// Checks `tokens` by parsing them as a file and prints them, after `header`.
fn print(file: &str, header: &str, tokens: TokenStream) -> Result<String, Error> {
    let parsed = parse(file, tokens)?;
    Ok(format!("{header}{RUSTFMT_SKIP}{}", prettyplease::unparse(&parsed)))
}

/// Checks `tokens` by parsing them as a file.
fn parse(file: &str, tokens: TokenStream) -> Result<syn::File, Error> {
    syn::parse2(tokens).map_err(|e| Error::Parse {
        file: file.to_owned(),
        message: e.to_string(),
        help: "this is a bug of the generator: report it with the spec that triggers it",
    })
}

/// Keeps `cargo fmt` off generated files: prettyplease prints them, and the generator alone may
/// change them. The `rustfmt` cfg is never set when compiling, so rustc never sees the attribute.
const RUSTFMT_SKIP: &str = "#![cfg_attr(rustfmt, rustfmt::skip)]\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> (ApiSpec, Profile) {
        let spec =
            crate::spec::from_yaml(include_str!("../tests/fixtures/golden/aliyun/DescribeZones.yaml"), "z")
                .expect("fixture spec");
        let profile = crate::spec::profile_from_yaml(
            include_str!("../tests/fixtures/golden/providers/aliyun.yaml"),
            "p",
        )
        .expect("fixture profile");
        (spec, profile)
    }

    #[test]
    fn keyword_names_become_plain_modules() {
        let (mut spec, mut profile) = fixture();
        spec.action = "type".to_owned();
        profile.feature = "crate".to_owned();
        let names = name_apis(&[&spec.action]);
        assert_eq!(names[0].module, "type_api");
        assert_eq!(names[0].type_name, "Type");
        let code = api_file(&spec, &profile, &names[0]).expect("generates");
        syn::parse_file(&code).expect("parses");
        assert_eq!(provider_module(&profile), "crate_");
        profile.feature = "match".to_owned();
        assert_eq!(provider_module(&profile), "match_provider");
        let module = provider_file(&profile, &names, false).expect("provider module");
        assert!(module.contains("pub mod type_api;"), "{module}");
    }

    #[test]
    fn unknown_signing_scheme_is_an_error_naming_the_profile() {
        let (_, mut profile) = fixture();
        profile.signing = "rot13".to_owned();
        let err = provider_file(&profile, &[], false).expect_err("unknown scheme");
        assert!(err.to_string().contains("specs/providers/aliyun.yaml") && err.to_string().contains("rot13"));
    }
}
