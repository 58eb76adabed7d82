//! Every API in specs/, called by name, with no list of APIs in the test: for each provider with a
//! profile and each spec in its folder, the request built from the page's example values (see
//! [`requests`]) goes through the provider's registry (`Api::from_wire`), a real `Client` signs
//! and sends it to the test server playing that provider and the service the spec names, the
//! server checks the signature with its own code and answers with the page's JSON example answer
//! (or a success), and the client decodes it.
//!
//! Each call is checked step by step, and a failure names the API, the signature scheme and the
//! step: `build` (the client refuses the page's values), `route` (the client would send it to
//! another host than the spec's), `send` and `verify` (what reached the server, and its verdict),
//! `wire` (a parameter that did not arrive as given), `decode` (the answer, or a string of the
//! example answer the decoded answer lost).

use std::collections::{BTreeMap, BTreeSet};

use generator::spec::{ApiSpec, ExampleFormat, Location, Profile, Scalar, TypeRef};
use serde_json::Value;
use yunapi::runtime::registry;
use yunapi::runtime::{
    Api, DynOperation, HmacAlgorithm, JdCloudVersion, Provider, RetryPolicy, SigningInput, SigningScheme,
    TencentV3Signature,
};
use yunapi::{Client, Config, Credentials};

use crate::requests;
use crate::specs::{self, ProviderSpecs};
use crate::support::provider::Provider as Server;
use crate::support::server::{Reply, TestServer};
use crate::support::verify::{RecordedRequest, rfc3986};

/// The private cloud's domain, which its endpoint template needs.
const DOMAIN: &str = "cloud.example.com";

/// A parameter no page documents.
const UNKNOWN_PARAM: &str = "NoSuchParameter";

/// An action no provider has.
const UNKNOWN_ACTION: &str = "NoSuchAction";

#[tokio::test]
async fn every_api_in_specs_is_called_by_name_and_its_answer_decoded() {
    let mut failures = Vec::new();
    let mut calls = 0;
    for provider in specs::load(&specs::specs_dir()) {
        let Some((generated, apis, server)) = registry_of(&provider, &mut failures) else { continue };
        for scheme in schemes(generated.scheme) {
            let mut caller = Caller::new(&provider.profile, generated, apis, server, scheme);
            for (file, spec) in &provider.specs {
                calls += 1;
                if let Err(step) = caller.call(spec).await {
                    failures.push(format!("{}/{file} [{scheme:?}]: {step}", provider.profile.provider));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {calls} calls failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_api_refuses_unknown_names_and_values_out_of_range() {
    let mut failures = Vec::new();
    for provider in specs::load(&specs::specs_dir()) {
        let Some((_, apis, _)) = registry_of(&provider, &mut failures) else { continue };
        if registry::find(apis, UNKNOWN_ACTION).is_some() {
            failures.push(format!("{}: finds an API called {UNKNOWN_ACTION}", provider.profile.provider));
        }
        for (file, spec) in &provider.specs {
            let name = format!("{}/{file}", provider.profile.provider);
            failures
                .extend(refusals(apis, &provider.profile, spec).into_iter().map(|f| format!("{name}: {f}")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The generated provider, its registry and the test server playing it; a failure when the
/// client or the server lacks the provider, or when the registry lists other APIs than specs/.
fn registry_of(
    provider: &ProviderSpecs,
    failures: &mut Vec<String>,
) -> Option<(&'static Provider, &'static [Api], Server)> {
    let key = provider.profile.provider.as_str();
    let Some(&(generated, apis)) = yunapi::REGISTRY.iter().find(|(p, _)| p.key == key) else {
        failures.push(format!("{key}: yunapi::REGISTRY has no such provider"));
        return None;
    };
    let Some(server) = Server::ALL.into_iter().find(|s| s.key() == key) else {
        failures.push(format!("{key}: the test server cannot play this provider"));
        return None;
    };
    let specified: BTreeSet<&str> = provider.specs.iter().map(|(_, spec)| spec.action.as_str()).collect();
    let registered: BTreeSet<&str> = apis.iter().map(Api::action).collect();
    if specified != registered {
        failures.push(format!(
            "{key}: specs/ has {:?} that the registry lacks, the registry has {:?} that specs/ lacks",
            specified.difference(&registered).collect::<Vec<_>>(),
            registered.difference(&specified).collect::<Vec<_>>(),
        ));
    }
    Some((generated, apis, server))
}

/// The provider's default scheme, and the other one that encodes the request differently: TC3's
/// v1 query signature (a flattened GET instead of a JSON body), JD's JDCLOUD2 (the query as
/// sent, sorted).
fn schemes(default: SigningScheme) -> Vec<SigningScheme> {
    match default {
        SigningScheme::TencentV3(_) => vec![
            SigningScheme::TencentV3(TencentV3Signature::Tc3),
            SigningScheme::TencentV3(TencentV3Signature::V1(HmacAlgorithm::Sha256)),
        ],
        SigningScheme::JdCloud(_) => {
            vec![SigningScheme::JdCloud(JdCloudVersion::V3), SigningScheme::JdCloud(JdCloudVersion::V2)]
        }
        other => vec![other],
    }
}

/// Calls a provider's APIs under one signature scheme.
struct Caller<'a> {
    profile: &'a Profile,
    generated: &'static Provider,
    apis: &'static [Api],
    server: Server,
    config: Config,
    /// The client as a user has it: it tells where a request would go.
    routed: Client,
    /// A test server per service the specs name (JD's and TC3's signatures name it), each with a
    /// client sending to it.
    sites: BTreeMap<String, Site>,
}

struct Site {
    server: TestServer,
    client: Client,
}

impl<'a> Caller<'a> {
    fn new(
        profile: &'a Profile,
        generated: &'static Provider,
        apis: &'static [Api],
        server: Server,
        scheme: SigningScheme,
    ) -> Caller<'a> {
        let config = Config::default()
            .with_region(server.region())
            .with_domain(DOMAIN)
            .with_signing(scheme)
            .with_retry(RetryPolicy::none());
        let routed = client(generated, server, config.clone());
        Caller { profile, generated, apis, server, config, routed, sites: BTreeMap::new() }
    }

    /// Calls the API of `spec`; the error names the step that failed.
    async fn call(&mut self, spec: &ApiSpec) -> Result<(), String> {
        let api = self.apis.iter().find(|api| api.action() == spec.action).ok_or("registry: no such API")?;
        let pairs = requests::pairs(spec, self.profile);
        let request =
            api.from_wire(&pairs).map_err(|e| format!("build: the client refuses {pairs:?}: {e}"))?;
        let host = expected_host(spec, self.profile, self.server.region());
        self.check_route(request.as_ref(), &host)?;

        let example = json_answer(spec);
        let site = self.site(&host).await;
        site.server.set_default(match &example {
            Some((text, _)) => Reply::Raw { status: 200, body: text.as_bytes().to_vec() },
            None => Reply::Success,
        });
        let before = site.server.received().len();
        let answer = site.client.send_dyn(request.as_ref()).await;
        let received = site.server.received();
        let [one] = &received[before..] else {
            return Err(format!("send: {} requests reached the server: {answer:?}", received.len() - before));
        };
        let verified = one.verdict.as_ref().map_err(|rejection| format!("verify: refused: {rejection}"))?;
        let action = self.expected_action(spec, &pairs);
        if verified.action != action {
            return Err(format!("verify: the server was asked for {:?}, not {action:?}", verified.action));
        }
        self.check_wire(spec, &pairs, &one.request)?;
        let answer = answer.map_err(|e| format!("decode: {e}"))?;
        match example {
            Some((_, example)) => check_answer(spec, &example, &format!("{answer:?}")),
            None => Ok(()),
        }
    }

    /// The request as the user's client prepares it goes over TLS to the host the spec names.
    fn check_route(&self, request: &dyn DynOperation, host: &str) -> Result<(), String> {
        let input = SigningInput::fresh(self.config.signing().unwrap_or(self.generated.scheme));
        let prepared = self.routed.prepare_dyn(request, &input).map_err(|e| format!("route: {e}"))?;
        let uri = prepared.uri();
        match (uri.scheme_str(), uri.host()) {
            (Some("https"), Some(sent)) if sent == host => Ok(()),
            _ => Err(format!("route: the client sends it to {uri}, the spec says https://{host}")),
        }
    }

    /// The test server of the service `host` names, started on first use.
    async fn site(&mut self, host: &str) -> &Site {
        let service = host.split('.').next().unwrap_or_default().to_owned();
        if !self.sites.contains_key(&service) {
            let server = TestServer::start_service(self.server, &service).await;
            let config = self.config.clone().with_endpoint(&server.url());
            let client = client(self.generated, self.server, config);
            self.sites.insert(service.clone(), Site { server, client });
        }
        &self.sites[&service]
    }

    /// What the server should see called: the action, or for JD Cloud's REST APIs the method and
    /// the path with its parameters filled in.
    fn expected_action(&self, spec: &ApiSpec, pairs: &[(String, String)]) -> String {
        if self.server != Server::JdCloud {
            return spec.action.clone();
        }
        let mut path = spec.http.path.clone();
        for param in spec.request.iter().filter(|p| p.location == Location::Path) {
            let value = match pairs.iter().find(|(name, _)| *name == param.name) {
                Some((_, value)) => value.as_str(),
                None => self.server.region(),
            };
            path = path.replace(&format!("{{{}}}", param.name), &rfc3986(value));
        }
        format!("{} {path}", spec.http.method)
    }

    /// Every pair given, but those filling the path, arrived with its value.
    fn check_wire(
        &self,
        spec: &ApiSpec,
        pairs: &[(String, String)],
        request: &RecordedRequest,
    ) -> Result<(), String> {
        let arrived = request.all_pairs(self.profile.list_index_base as usize);
        let in_path =
            |name: &str| spec.request.iter().any(|p| p.name == name && p.location == Location::Path);
        for (name, value) in pairs.iter().filter(|(name, _)| !in_path(name)) {
            if !arrived.iter().any(|(k, v)| k == name && same_value(value, v)) {
                return Err(format!("wire: {name}={value} did not arrive; the server received {arrived:?}"));
            }
        }
        Ok(())
    }
}

fn client(generated: &'static Provider, server: Server, config: Config) -> Client {
    let keys = server.keys();
    Client::new(generated, Credentials::new(keys.access_key, keys.secret), config).expect("a valid client")
}

/// The host the spec's endpoint (or its profile's) names, placeholders filled.
fn expected_host(spec: &ApiSpec, profile: &Profile, region: &str) -> String {
    let endpoint = spec.http.endpoint.as_deref().unwrap_or(&profile.endpoint);
    let after_scheme = endpoint.split_once("://").map_or(endpoint, |(_, rest)| rest);
    let host = after_scheme.split('/').next().unwrap_or_default();
    host.replace("{service}", spec.service.as_deref().unwrap_or_default())
        .replace("{region}", region)
        .replace("{domain}", DOMAIN)
        .to_ascii_lowercase()
}

/// The same value, spelt as given or as the wire spells it: a boolean in another case, a JSON
/// array with other spacing.
fn same_value(given: &str, arrived: &str) -> bool {
    let boolean = |text: &str| ["true", "false"].contains(&text.to_ascii_lowercase().as_str());
    let json =
        |text: &str| serde_json::from_str::<Value>(text).ok().filter(|v| v.is_array() || v.is_object());
    given == arrived
        || (boolean(given) && given.eq_ignore_ascii_case(arrived))
        || json(given).is_some_and(|given| json(arrived) == Some(given))
}

/// The first JSON example answer that is JSON as the page prints it: what a server could have sent
/// (an example the page misprints carries a diagnostic of the spec instead).
fn json_answer(spec: &ApiSpec) -> Option<(&str, Value)> {
    spec.examples.responses.iter().filter(|r| r.format == ExampleFormat::Json).find_map(|r| {
        let value = serde_json::from_str(&r.body).ok()?;
        Some((r.body.as_str(), value))
    })
}

/// Every string of the example answer in a field the spec types as a string is in the decoded
/// answer (printed with `{:?}`).
fn check_answer(spec: &ApiSpec, example: &Value, decoded: &str) -> Result<(), String> {
    let mut strings = Vec::new();
    documented_strings(spec, &spec.response.root, example, &mut strings);
    let lost: Vec<String> = strings
        .iter()
        .filter(|s| !decoded.contains(&format!("{s:?}")))
        .map(|s| s.chars().take(40).collect())
        .collect();
    if lost.is_empty() {
        Ok(())
    } else {
        let shown: String = decoded.chars().take(300).collect();
        Err(format!(
            "decode: the answer lost {} strings of the page's example, such as {:?}; decoded: {shown}",
            lost.len(),
            &lost[..lost.len().min(3)],
        ))
    }
}

/// The strings `value` holds in the string fields of type `ty` and of the types under it.
fn documented_strings(spec: &ApiSpec, ty: &str, value: &Value, out: &mut Vec<String>) {
    let ty = spec.response.types.iter().find(|t| t.name == ty);
    let (Some(ty), Value::Object(object)) = (ty, value) else { return };
    for field in &ty.fields {
        let names = std::iter::once(&field.name).chain(&field.aliases);
        let Some(mut value) = names.filter_map(|name| object.get(name)).next() else { continue };
        if let Some(wrapper) = &field.wrapper {
            let Some(inner) = value.get(wrapper) else { continue };
            value = inner;
        }
        let items = match (field.array, value) {
            (true, Value::Array(items)) => items.iter().collect(),
            (true, _) => Vec::new(),
            (false, value) => vec![value],
        };
        for item in items {
            match (item, &field.ty) {
                (Value::String(text), TypeRef::Scalar(Scalar::String)) if field.enumeration.is_none() => {
                    out.push(text.clone());
                }
                (_, TypeRef::Named(name)) => documented_strings(spec, name, item, out),
                _ => {}
            }
        }
    }
}

/// What the API's `from_wire` must refuse: a parameter no page documents, and for each integer
/// parameter with an upper bound, the request with it one past that bound; and its name in lower
/// case must find it.
fn refusals(apis: &'static [Api], profile: &Profile, spec: &ApiSpec) -> Vec<String> {
    let Some(api) = apis.iter().find(|api| api.action() == spec.action) else {
        return vec!["the registry has no such API".to_owned()];
    };
    let mut failures = Vec::new();
    let mut refuse = |pairs: &[(String, String)], name: &str| match api.from_wire(pairs) {
        Err(errors) if errors.mentions(name) => {}
        Err(errors) => failures.push(format!("{pairs:?} is refused without naming {name}: {errors}")),
        Ok(_) => failures.push(format!("{pairs:?} is accepted")),
    };
    refuse(&[(UNKNOWN_PARAM.to_owned(), "1".to_owned())], UNKNOWN_PARAM);
    let pairs = requests::pairs(spec, profile);
    for param in &spec.request {
        let max = param.range.as_ref().and_then(|r| r.max);
        let (Some(max), None, TypeRef::Scalar(Scalar::Integer | Scalar::Long)) =
            (max, &param.list, &param.ty)
        else {
            continue;
        };
        let mut beyond: Vec<(String, String)> =
            pairs.iter().filter(|(name, _)| *name != param.name).cloned().collect();
        beyond.push((param.name.clone(), (max + 1).to_string()));
        refuse(&beyond, &param.name);
    }
    if registry::find(apis, &spec.action.to_ascii_lowercase()).map(Api::action) != Some(spec.action.as_str())
    {
        failures.push("is not found by its name in lower case".to_owned());
    }
    failures
}
