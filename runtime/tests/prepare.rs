//! Client::prepare: the signed request of an operation, with no I/O: region-derived endpoints,
//! the private cloud's domain, overrides, TLS by default, and reproducible signatures.

mod common;

use common::{ALIYUN, DescribeImages, JDCLOUD, QINGCLOUD, QINGCLOUD_PRIVATE};
use time::macros::datetime;
use yunapi_runtime::{
    Client, Config, Credentials, Error, HmacAlgorithm, JdCloudVersion, Operation, Params, SigningInput,
    SigningScheme, ValidationErrors,
};

fn client(provider: &'static yunapi_runtime::Provider, config: Config) -> Client {
    Client::new(provider, Credentials::new("AKID", "TOPSECRET"), config).unwrap()
}

fn at_fixed_time() -> SigningInput {
    SigningInput::new(datetime!(2024-01-02 03:04:05 UTC), "nonce-1")
}

/// Worked by hand from PROVIDERS.md (see signing/qingcloud.rs): the same request through the client
/// gives the same signature, with the zone coming from the configured region.
#[test]
fn qingcloud_request_matches_the_hand_vector() {
    let op = DescribeImages {
        images: vec!["img-1".into()],
        search_word: Some("中文 a/b*c+d~e".into()),
        ..DescribeImages::default()
    };
    let config =
        Config::default().with_region("pek3a").with_signing(SigningScheme::QingCloud(HmacAlgorithm::Sha1));
    let request = Client::new(&QINGCLOUD, Credentials::new("AKID", "secret"), config)
        .unwrap()
        .prepare_with(&op, &at_fixed_time())
        .unwrap();
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri().to_string(),
        "https://api.qingcloud.com/iaas/?access_key_id=AKID&action=DescribeImages&images.1=img-1\
         &search_word=%E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e&signature_method=HmacSHA1\
         &signature_version=1&time_stamp=2024-01-02T03%3A04%3A05Z&version=1&zone=pek3a\
         &signature=RNxwOM564ec3jTe8TKXujFaVTjM%3D"
    );
    assert_eq!(request.headers()["host"], "api.qingcloud.com");
}

#[test]
fn the_private_cloud_uses_its_own_domain() {
    let request =
        client(&QINGCLOUD_PRIVATE, Config::default().with_domain("cloud.example.com").with_region("zone1"))
            .prepare(&DescribeImages::default())
            .unwrap();
    assert!(request.uri().to_string().starts_with("https://api.cloud.example.com/iaas/?"));
    let err = client(&QINGCLOUD_PRIVATE, Config::default()).prepare(&DescribeImages::default()).unwrap_err();
    assert!(err.to_string().contains("Config::with_domain") && err.to_string().contains("--domain"), "{err}");
}

#[test]
fn the_override_replaces_scheme_host_and_port_only() {
    let config = Config::default().with_endpoint("http://127.0.0.1:8080").with_region("pek3a");
    let request = client(&QINGCLOUD, config).prepare(&DescribeImages::default()).unwrap();
    assert!(request.uri().to_string().starts_with("http://127.0.0.1:8080/iaas/?"));
    assert_eq!(request.headers()["host"], "127.0.0.1:8080");
}

#[test]
fn bad_overrides_and_foreign_schemes_are_refused_up_front() {
    for url in ["ftp://x", "127.0.0.1:8080", "https://host/?q=1"] {
        let config = Config::default().with_endpoint(url);
        let err = Client::new(&QINGCLOUD, Credentials::new("a", "b"), config).unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{url}: {err:?}");
    }
    let config = Config::default().with_signing(SigningScheme::AliyunRpc);
    assert!(matches!(Client::new(&QINGCLOUD, Credentials::new("a", "b"), config), Err(Error::Config(_))));
}

/// An Alibaba-style operation: RegionId picks the regional endpoint.
#[derive(Debug, Clone, Default)]
struct AliDescribeImages {
    region_id: Option<String>,
}

impl Operation for AliDescribeImages {
    const ACTION: &'static str = "DescribeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/";
    const ENDPOINT: Option<&'static str> = None;
    type Output = serde_json::Value;
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
    fn write_params(&self, params: &mut Params) {
        params.query("RegionId", &self.region_id);
    }
}

#[test]
fn aliyun_endpoint_follows_the_region() {
    let request = client(&ALIYUN, Config::default().with_region("cn-hangzhou"))
        .prepare(&AliDescribeImages::default())
        .unwrap();
    let uri = request.uri().to_string();
    assert!(uri.starts_with("https://ecs.cn-hangzhou.aliyuncs.com/?"), "{uri}");
    assert!(uri.contains("&RegionId=cn-hangzhou&"), "{uri}");
    // The request's own RegionId wins over the configured one.
    let op = AliDescribeImages { region_id: Some("cn-beijing".into()) };
    let uri =
        client(&ALIYUN, Config::default().with_region("cn-hangzhou")).prepare(&op).unwrap().uri().to_string();
    assert!(
        uri.starts_with("https://ecs.cn-beijing.aliyuncs.com/?") && !uri.contains("cn-hangzhou"),
        "{uri}"
    );
    let err = client(&ALIYUN, Config::default()).prepare(&AliDescribeImages::default()).unwrap_err();
    assert!(err.to_string().contains("Config::with_region"), "{err}");
}

/// A JD Cloud-style operation: regionId in the path.
#[derive(Debug, Clone, Default)]
struct JdDescribeImages {
    image_source: Option<String>,
}

impl Operation for JdDescribeImages {
    const ACTION: &'static str = "describeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/v1/regions/{regionId}/images";
    const ENDPOINT: Option<&'static str> = None;
    type Output = serde_json::Value;
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
    fn write_params(&self, params: &mut Params) {
        params.query("imageSource", &self.image_source);
    }
}

#[test]
fn jdcloud_region_fills_the_path_and_the_credential_scope() {
    let op = JdDescribeImages { image_source: Some("public".into()) };
    for (version, prefix) in [(JdCloudVersion::V3, "JDCLOUD3"), (JdCloudVersion::V2, "JDCLOUD2")] {
        let config =
            Config::default().with_region("cn-north-1").with_signing(SigningScheme::JdCloud(version));
        let request = client(&JDCLOUD, config).prepare_with(&op, &at_fixed_time()).unwrap();
        assert_eq!(
            request.uri().to_string(),
            "https://vm.jdcloud-api.com/v1/regions/cn-north-1/images?imageSource=public"
        );
        let auth = request.headers()["authorization"].to_str().unwrap();
        assert!(
            auth.starts_with(&format!("{prefix}-HMAC-SHA256 Credential=AKID/20240102/cn-north-1/vm/")),
            "{auth}"
        );
        assert_eq!(request.headers()["x-jdcloud-nonce"], "nonce-1");
    }
    match client(&JDCLOUD, Config::default()).prepare(&op).unwrap_err() {
        Error::Validation(v) => assert!(v.mentions("regionId")),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn each_prepare_signs_afresh() {
    let c = client(&ALIYUN, Config::default().with_region("cn-hangzhou"));
    let a = c.prepare(&AliDescribeImages::default()).unwrap();
    let b = c.prepare(&AliDescribeImages::default()).unwrap();
    assert_ne!(a.uri(), b.uri(), "two requests must carry different nonces");
}

/// A JD Cloud POST whose region travels in the body: the configured region fills it there, and
/// the body is what the signature covers.
#[derive(Debug, Clone, Default)]
struct JdCreateThing {
    region_id: Option<String>,
    name: Option<String>,
}

impl Operation for JdCreateThing {
    const ACTION: &'static str = "createThing";
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/v1/things";
    const ENDPOINT: Option<&'static str> = None;
    type Output = serde_json::Value;
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
    fn write_params(&self, params: &mut Params) {
        params.body("regionId", &self.region_id);
        params.body("name", &self.name);
    }
}

#[test]
fn the_configured_region_fills_a_body_parameter() {
    let op = JdCreateThing { name: Some("n".into()), ..JdCreateThing::default() };
    let request = client(&JDCLOUD, Config::default().with_region("cn-east-2"))
        .prepare_with(&op, &at_fixed_time())
        .unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri().query(), None);
    assert_eq!(request.body().as_slice(), br#"{"regionId":"cn-east-2","name":"n"}"#);
    let auth = request.headers()["authorization"].to_str().unwrap();
    assert!(auth.contains("/20240102/cn-east-2/vm/jdcloud3_request"), "the scope names the region: {auth}");
    // The request's own region wins.
    let own = JdCreateThing { region_id: Some("cn-north-1".into()), ..op };
    let request = client(&JDCLOUD, Config::default().with_region("cn-east-2"))
        .prepare_with(&own, &at_fixed_time())
        .unwrap();
    assert_eq!(request.body().as_slice(), br#"{"regionId":"cn-north-1","name":"n"}"#);
}
