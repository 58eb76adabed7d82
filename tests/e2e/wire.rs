//! The wire beyond the seeds, end to end: JD Cloud's JSON bodies, Alibaba's JSON-array lists,
//! Tencent API 3.0 under TC3 and v1, extra parameters, the region from the configuration and
//! answers without fields. Each request is signed by the client, verified by the test server's own
//! code, and answered; the tests assert what arrived and what the client decoded.
//!
//! A test of what the runtime does with any request carries its own request type, written the way
//! generated code writes one; a test of a generated API finds it by name and skips when specs/ no
//! longer has its page.

use serde::Deserialize;
use serde_json::json;
use yunapi::runtime::de::Empty;
use yunapi::runtime::{
    Api, ExtraParams, HmacAlgorithm, JdCloudVersion, JsonArray, Object, Operation, Params, Provider,
    RetryPolicy, SigningScheme, TencentV3Signature, ToValue, ValidationErrors, Value,
};
use yunapi::{Client, Config, Credentials, Error};

use crate::support::answers::ApiError;
use crate::support::provider::Provider as Server;
use crate::support::server::{Received, Reply, TestServer};
use crate::support::verify::RecordedRequest;

/// A client of `provider` with `server`'s credentials, sending to `server`.
fn client(server: &TestServer, provider: &'static Provider, config: Config) -> Client {
    let keys = server.provider().keys();
    let config = config.with_endpoint(&server.url()).with_retry(RetryPolicy::new(
        2,
        std::time::Duration::from_millis(1),
        std::time::Duration::from_millis(5),
    ));
    Client::new(provider, Credentials::new(keys.access_key, keys.secret), config).expect("a valid client")
}

/// The one request `server` received, which its own check accepted.
fn only_request(server: &TestServer) -> (RecordedRequest, String) {
    let mut received: Vec<Received> = server.received();
    assert_eq!(received.len(), 1, "{received:#?}");
    let Received { request, verdict } = received.remove(0);
    let verified = verdict.unwrap_or_else(|rejection| panic!("refused: {rejection}\n{request:#?}"));
    (request, verified.algorithm)
}

fn raw(body: &str) -> Reply {
    Reply::Raw { status: 200, body: body.as_bytes().to_vec() }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// The API `action` of `apis`, or `None` after saying that the test is skipped.
fn generated(apis: &'static [Api], action: &str) -> Option<&'static Api> {
    let api = yunapi::runtime::registry::find(apis, action);
    if api.is_none() {
        eprintln!("skipped: specs/ has no page of {action}");
    }
    api
}

#[tokio::test]
async fn jdcloud_post_sends_its_body_parameters_as_one_json_object() {
    let Some(api) = generated(yunapi::jdcloud::APIS, "createDisks") else { return };
    let request = api
        .from_wire(&pairs(&[
            ("clientToken", "token-1"),
            ("diskSpec.az", "cn-north-1a"),
            ("diskSpec.charge.chargeDuration", "6"),
            ("diskSpec.charge.chargeMode", "prepaid_by_duration"),
            ("diskSpec.charge.chargeUnit", "month"),
            ("diskSpec.diskSizeGB", "20"),
            ("diskSpec.diskType", "ssd"),
            ("diskSpec.multiAttachable", "false"),
            ("diskSpec.name", "数据 1"),
            ("maxCount", "2"),
        ]))
        .expect("a valid request");
    for (version, algorithm) in
        [(JdCloudVersion::V3, "JDCLOUD3-HMAC-SHA256"), (JdCloudVersion::V2, "JDCLOUD2-HMAC-SHA256")]
    {
        let server = TestServer::start_service(Server::JdCloud, "disk").await;
        let config =
            Config::default().with_region("cn-north-1").with_signing(SigningScheme::JdCloud(version));
        let client = client(&server, &yunapi::jdcloud::PROVIDER, config);
        server.script([raw(r#"{"requestId":"r-1","result":{"diskIds":["vol-1","vol-2"]}}"#)]);
        let answer = client.send_dyn(request.as_ref()).await.expect("the answer decodes");
        assert!(format!("{answer:?}").contains(r#"["vol-1", "vol-2"]"#), "{answer:?}");

        let (sent, verified) = only_request(&server);
        assert_eq!(verified, algorithm);
        assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/v1/regions/cn-north-1/disks"));
        assert_eq!(sent.raw_query, "", "nothing but the body carries parameters");
        assert_eq!(sent.header("content-type"), Some("application/json"));
        // Page order, typed values, nested objects; chargeDuration is an integer, and six months is
        // one of its values (1~9 months, 1~3 years), not an enum.
        assert_eq!(
            String::from_utf8(sent.body).unwrap(),
            r#"{"clientToken":"token-1","diskSpec":{"az":"cn-north-1a","charge":{"chargeDuration":6,"chargeMode":"prepaid_by_duration","chargeUnit":"month"},"diskSizeGB":20,"diskType":"ssd","multiAttachable":false,"name":"数据 1"},"maxCount":2}"#
        );
    }
}

/// A JD Cloud POST as generated code writes one, with the caller's extra parameters.
#[derive(Debug, Default)]
struct CreateDisks {
    max_count: Option<i64>,
    extra: ExtraParams,
}

impl Operation for CreateDisks {
    const ACTION: &'static str = "createDisks";
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/v1/regions/{regionId}/disks";
    const ENDPOINT: Option<&'static str> = Some("https://disk.jdcloud-api.com");
    type Output = serde_json::Value;

    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    fn write_params(&self, params: &mut Params) {
        params.path("regionId", &None::<String>);
        params.body("clientToken", "token-1");
        params.body("maxCount", &self.max_count);
        params.extra(&self.extra);
    }
}

#[tokio::test]
async fn jdcloud_extra_params_join_the_json_body() {
    let server = TestServer::start_service(Server::JdCloud, "disk").await;
    let client = client(&server, &yunapi::jdcloud::PROVIDER, Config::default().with_region("cn-north-1"));
    let mut request = CreateDisks { max_count: Some(1), ..CreateDisks::default() };
    request.extra.push("userTags", json!([{"key": "env", "value": "prod"}]));
    request.extra.push("maxCount", 3);
    client.send(&request).await.expect("a success decodes");
    let (sent, _) = only_request(&server);
    let body = sent.json().expect("a JSON body");
    assert_eq!(body["userTags"], json!([{"key": "env", "value": "prod"}]));
    assert_eq!(body["maxCount"], 3, "an extra parameter replaces a documented one");
}

/// An Alibaba API as generated code writes one: a JSON-array list and the caller's extra
/// parameters.
#[derive(Debug, Default)]
struct DescribeDisks {
    disk_ids: Vec<String>,
    extra: ExtraParams,
}

impl Operation for DescribeDisks {
    const ACTION: &'static str = "DescribeDisks";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/";
    const ENDPOINT: Option<&'static str> = Some("https://ecs.aliyuncs.com");
    type Output = serde_json::Value;

    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    fn write_params(&self, params: &mut Params) {
        params.query("RegionId", &None::<String>);
        params.query("DiskIds", &JsonArray(&self.disk_ids));
        params.query("PageSize", &Some(10));
        params.extra(&self.extra);
    }
}

#[tokio::test]
async fn aliyun_sends_a_json_array_in_one_parameter_and_flattens_extra_objects() {
    let server = TestServer::start(Server::Aliyun).await;
    let client = client(&server, &yunapi::aliyun::PROVIDER, Config::default().with_region("cn-hangzhou"));
    let mut request =
        DescribeDisks { disk_ids: vec!["d-1".into(), "d-2".into()], ..DescribeDisks::default() };
    request.extra.push("ResourceGroupId", "rg-1");
    request.extra.push("Filter", json!([{"Key": "CreationStartTime", "Value": "2017-12-05T22:40Z"}]));
    client.send(&request).await.expect("a success decodes");
    let (sent, _) = only_request(&server);
    assert_eq!(sent.param("DiskIds").as_deref(), Some(r#"["d-1","d-2"]"#));
    assert_eq!(sent.param("RegionId").as_deref(), Some("cn-hangzhou"), "the configured region fills it");
    assert_eq!(sent.param("ResourceGroupId").as_deref(), Some("rg-1"));
    assert_eq!(sent.param("Filter.1.Key").as_deref(), Some("CreationStartTime"));
    assert_eq!(sent.param("PageSize").as_deref(), Some("10"));
}

#[tokio::test]
async fn aliyun_reads_a_json_array_parameter_and_sends_it_back() {
    let Some(api) = generated(yunapi::aliyun::APIS, "DescribeDisks") else { return };
    let errors = api.from_wire(&pairs(&[("DiskIds", "d-1,d-2")])).err().expect("not a JSON array");
    assert!(errors.mentions("DiskIds"), "{errors}");
    let request = api.from_wire(&pairs(&[("DiskIds", r#"["d-1", "d-2"]"#)])).expect("a JSON array is read");
    let server = TestServer::start(Server::Aliyun).await;
    let client = client(&server, &yunapi::aliyun::PROVIDER, Config::default().with_region("cn-hangzhou"));
    client.send_dyn(request.as_ref()).await.expect("a success decodes");
    let (sent, _) = only_request(&server);
    assert_eq!(sent.param("DiskIds").as_deref(), Some(r#"["d-1","d-2"]"#));
}

/// Tencent API 3.0's DescribeKeyPairs, written the way generated code writes a request.
#[derive(Debug, Clone, Default)]
struct DescribeKeyPairs {
    key_ids: Vec<String>,
    filters: Vec<Filter>,
    offset: Option<i64>,
    limit: Option<i64>,
}

#[derive(Debug, Clone, Default)]
struct Filter {
    name: Option<String>,
    values: Vec<String>,
}

impl ToValue for Filter {
    fn to_value(&self) -> Option<Value> {
        let mut o = Object::new();
        o.add("Name", &self.name);
        o.add("Values", &self.values);
        o.finish()
    }
}

#[derive(Debug, Deserialize)]
struct KeyPairs {
    #[serde(rename = "TotalCount")]
    total_count: i64,
    #[serde(rename = "KeyPairSet")]
    key_pairs: Vec<KeyPair>,
    #[serde(rename = "RequestId")]
    request_id: String,
}

#[derive(Debug, Deserialize)]
struct KeyPair {
    #[serde(rename = "KeyId")]
    key_id: String,
}

impl Operation for DescribeKeyPairs {
    const ACTION: &'static str = "DescribeKeyPairs";
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/";
    const ENDPOINT: Option<&'static str> = None;
    const VERSION: Option<&'static str> = Some("2017-03-12");
    const SERVICE: Option<&'static str> = Some("cvm");
    type Output = KeyPairs;

    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    fn write_params(&self, params: &mut Params) {
        params.body("KeyIds", &self.key_ids);
        params.body("Filters", &self.filters);
        params.body("Offset", &self.offset);
        params.body("Limit", &self.limit);
    }
}

/// The request of the page's example: key pairs named `Tencent`, 20 from the first.
fn key_pairs_request() -> DescribeKeyPairs {
    DescribeKeyPairs {
        filters: vec![Filter { name: Some("key-name".into()), values: vec!["Tencent".into()] }],
        offset: Some(0),
        limit: Some(20),
        ..DescribeKeyPairs::default()
    }
}

const KEY_PAIRS: &str = r#"{"Response":{"TotalCount":1,"KeyPairSet":[{"KeyId":"skey-mv9yzyjj","KeyName":"Tencent"}],"RequestId":"ab4f1426-r"}}"#;

#[tokio::test]
async fn tencent_v3_signs_with_tc3_and_sends_a_typed_json_body() {
    let server = TestServer::start(Server::TencentV3).await;
    let client =
        client(&server, &yunapi::tencent_v3::PROVIDER, Config::default().with_region("ap-guangzhou"));
    server.script([raw(KEY_PAIRS)]);
    let answer = client.send(&key_pairs_request()).await.expect("the answer decodes from inside Response");
    assert_eq!((answer.total_count, answer.request_id.as_str()), (1, "ab4f1426-r"));
    assert_eq!(answer.key_pairs[0].key_id, "skey-mv9yzyjj");

    let (sent, algorithm) = only_request(&server);
    assert_eq!(algorithm, "TC3-HMAC-SHA256");
    assert_eq!((sent.method.as_str(), sent.path.as_str(), sent.raw_query.as_str()), ("POST", "/", ""));
    assert_eq!(sent.header("x-tc-action"), Some("DescribeKeyPairs"));
    assert_eq!(sent.header("x-tc-version"), Some("2017-03-12"));
    assert_eq!(sent.header("x-tc-region"), Some("ap-guangzhou"), "the configured region");
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        r#"{"Filters":[{"Name":"key-name","Values":["Tencent"]}],"Offset":0,"Limit":20}"#
    );
}

#[tokio::test]
async fn tencent_v3_signs_with_v1_on_request_and_flattens_from_zero() {
    for (alg, name) in [(HmacAlgorithm::Sha256, "HmacSHA256"), (HmacAlgorithm::Sha1, "HmacSHA1")] {
        let server = TestServer::start(Server::TencentV3).await;
        let scheme = SigningScheme::TencentV3(TencentV3Signature::V1(alg));
        let config = Config::default().with_region("ap-guangzhou").with_signing(scheme);
        let client = client(&server, &yunapi::tencent_v3::PROVIDER, config);
        let mut request = key_pairs_request();
        request.key_ids = vec!["skey-1".into(), "skey-2".into()];
        server.script([raw(KEY_PAIRS)]);
        let answer = client.send(&request).await.expect("the answer decodes");
        assert_eq!(answer.total_count, 1);

        let (sent, algorithm) = only_request(&server);
        assert_eq!(algorithm, name);
        assert_eq!(sent.method, "GET");
        assert!(sent.body.is_empty());
        let mut api: Vec<(String, String)> = sent
            .query_pairs()
            .into_iter()
            .filter(|(k, _)| {
                !["Timestamp", "Nonce", "SecretId", "SignatureMethod", "Signature"].contains(&k.as_str())
            })
            .collect();
        api.sort();
        let expected: Vec<(String, String)> = [
            ("Action", "DescribeKeyPairs"),
            ("Filters.0.Name", "key-name"),
            ("Filters.0.Values.0", "Tencent"),
            ("KeyIds.0", "skey-1"),
            ("KeyIds.1", "skey-2"),
            ("Limit", "20"),
            ("Offset", "0"),
            ("Region", "ap-guangzhou"),
            ("Version", "2017-03-12"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        assert_eq!(api, expected);
    }
}

#[tokio::test]
async fn tencent_v3_errors_are_api_errors_and_throttling_is_retried() {
    let server = TestServer::start(Server::TencentV3).await;
    let client =
        client(&server, &yunapi::tencent_v3::PROVIDER, Config::default().with_region("ap-guangzhou"));
    server.script([Reply::Error(ApiError::sample(Server::TencentV3, "rid-1"))]);
    let error = client.send(&key_pairs_request()).await.expect_err("an error answer");
    let Error::Api(api) = &error else { panic!("expected an API error, got {error:?}") };
    assert_eq!((api.code.as_str(), api.http_status), ("InvalidParameterValue", 200));
    assert_eq!(api.request_id.as_deref(), Some("rid-1"));
    assert_eq!(server.requests().len(), 1, "an invalid value is not retried");

    server.script([Reply::Throttled, raw(KEY_PAIRS)]);
    let answer = client.send(&key_pairs_request()).await.expect("the retry succeeds");
    assert_eq!(answer.total_count, 1);
    assert_eq!(server.requests().len(), 3);
    assert!(server.received().iter().skip(1).all(|r| r.verdict.is_ok()));
}

/// JD Cloud's deleteDisk, by hand: a DELETE with path parameters only, whose page documents no
/// answer fields (返回参数 无).
#[derive(Debug)]
struct DeleteDisk;

impl Operation for DeleteDisk {
    const ACTION: &'static str = "deleteDisk";
    const METHOD: &'static str = "DELETE";
    const PATH: &'static str = "/v1/regions/{regionId}/disks/{diskId}";
    const ENDPOINT: Option<&'static str> = Some("https://disk.jdcloud-api.com");
    type Output = Empty;

    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    fn write_params(&self, params: &mut Params) {
        params.path("diskId", "vol-1");
        params.path("regionId", &None::<String>);
    }
}

#[tokio::test]
async fn an_answer_without_fields_decodes_any_success() {
    let server = TestServer::start_service(Server::JdCloud, "disk").await;
    let client = client(&server, &yunapi::jdcloud::PROVIDER, Config::default().with_region("cn-north-1"));
    server.script([Reply::Example, raw("")]);
    assert_eq!(client.send(&DeleteDisk).await.expect("a success body"), Empty);
    assert_eq!(client.send(&DeleteDisk).await.expect("an empty body"), Empty);
    let sent = &server.requests()[0];
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("DELETE", "/v1/regions/cn-north-1/disks/vol-1"));
    assert!(sent.body.is_empty() && sent.raw_query.is_empty(), "as JD's SDKs: no body on DELETE");
}
