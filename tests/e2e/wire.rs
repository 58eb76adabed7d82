//! The wire beyond the seeds, end to end: JD Cloud's JSON bodies, Alibaba's JSON-array lists,
//! Tencent API 3.0 under TC3 and v1, extra parameters, the region from the configuration, answers
//! without fields, and calls by name through each provider's registry. Each request is signed by
//! the client, verified by the test server's own code, and answered; the tests assert what arrived
//! and what the client decoded.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::json;
use yunapi::aliyun::DescribeDisks;
use yunapi::jdcloud::CreateDisks;
use yunapi::jdcloud::create_disks::{
    ChargeSpec, ChargeSpecChargeMode, ChargeSpecChargeUnit, DiskSpec, DiskSpecDiskType,
};
use yunapi::runtime::de::Empty;
use yunapi::runtime::{
    Api, HmacAlgorithm, JdCloudVersion, Object, Operation, Params, Provider, RetryPolicy, SigningScheme,
    TencentV3Signature, ToValue, ValidationErrors, Value,
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

fn disk_spec() -> DiskSpec {
    DiskSpec {
        az: Some("cn-north-1a".into()),
        disk_size_gb: Some(20),
        disk_type: Some(DiskSpecDiskType::Ssd),
        multi_attachable: Some(false),
        name: Some("数据 1".into()),
        charge: Some(ChargeSpec {
            charge_duration: Some(6),
            charge_mode: Some(ChargeSpecChargeMode::PrepaidByDuration),
            charge_unit: Some(ChargeSpecChargeUnit::Month),
        }),
        ..DiskSpec::default()
    }
}

#[tokio::test]
async fn jdcloud_post_sends_its_body_parameters_as_one_json_object() {
    for (version, algorithm) in
        [(JdCloudVersion::V3, "JDCLOUD3-HMAC-SHA256"), (JdCloudVersion::V2, "JDCLOUD2-HMAC-SHA256")]
    {
        let server = TestServer::start_service(Server::JdCloud, "disk").await;
        let config =
            Config::default().with_region("cn-north-1").with_signing(SigningScheme::JdCloud(version));
        let client = client(&server, &yunapi::jdcloud::PROVIDER, config);
        let request = CreateDisks::builder()
            .client_token("token-1")
            .disk_spec(disk_spec())
            .max_count(2)
            .build()
            .unwrap();
        server.script([raw(r#"{"requestId":"r-1","result":{"diskIds":["vol-1","vol-2"]}}"#)]);
        let answer = client.send(&request).await.expect("the answer decodes");
        assert_eq!(answer.result.expect("a result").disk_ids, ["vol-1", "vol-2"]);

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

#[tokio::test]
async fn jdcloud_extra_params_join_the_json_body() {
    let server = TestServer::start_service(Server::JdCloud, "disk").await;
    let client = client(&server, &yunapi::jdcloud::PROVIDER, Config::default().with_region("cn-north-1"));
    let request = CreateDisks::builder()
        .client_token("token-1")
        .disk_spec(disk_spec())
        .max_count(1)
        .extra_param("userTags", json!([{"key": "env", "value": "prod"}]))
        .extra_param("maxCount", 3)
        .build()
        .unwrap();
    client.send(&request).await.expect("a success decodes");
    let (sent, _) = only_request(&server);
    let body = sent.json().expect("a JSON body");
    assert_eq!(body["userTags"], json!([{"key": "env", "value": "prod"}]));
    assert_eq!(body["maxCount"], 3, "an extra parameter replaces a documented one");
}

#[tokio::test]
async fn aliyun_sends_a_json_array_in_one_parameter() {
    let server = TestServer::start(Server::Aliyun).await;
    let client = client(&server, &yunapi::aliyun::PROVIDER, Config::default().with_region("cn-hangzhou"));
    let request = DescribeDisks::builder()
        .disk_ids(["d-1", "d-2"])
        .page_size(10)
        .extra_param("ResourceGroupId", "rg-1")
        .extra_param("Filter", json!([{"Key": "CreationStartTime", "Value": "2017-12-05T22:40Z"}]))
        .build()
        .unwrap();
    let answer = client.send(&request).await.expect("a success decodes");
    assert!(answer.disks.is_empty());
    let (sent, _) = only_request(&server);
    assert_eq!(sent.param("DiskIds").as_deref(), Some(r#"["d-1","d-2"]"#));
    assert_eq!(sent.param("RegionId").as_deref(), Some("cn-hangzhou"), "the configured region fills it");
    assert_eq!(sent.param("ResourceGroupId").as_deref(), Some("rg-1"));
    assert_eq!(sent.param("Filter.1.Key").as_deref(), Some("CreationStartTime"));
    assert_eq!(sent.param("PageSize").as_deref(), Some("10"));
}

#[test]
fn aliyun_reads_a_json_array_parameter_back() {
    let pairs = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    };
    let request =
        DescribeDisks::from_wire(&pairs(&[("RegionId", "cn-hangzhou"), ("DiskIds", r#"["d-1", "d-2"]"#)]))
            .expect("a JSON array is read");
    assert_eq!(request.disk_ids, ["d-1", "d-2"]);
    let errors = DescribeDisks::from_wire(&pairs(&[("RegionId", "cn-hangzhou"), ("DiskIds", "d-1,d-2")]))
        .expect_err("not a JSON array");
    assert!(errors.mentions("DiskIds"), "{errors}");
}

/// Tencent API 3.0's DescribeKeyPairs, written by hand the way generated code writes a request
/// (specs/ holds no API 3.0 page yet; the generated form is in the codegen goldens).
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

/// One API called by name: its provider, the server that plays it and the smallest valid request.
struct ByName {
    apis: &'static [Api],
    provider: &'static Provider,
    server: Server,
    service: &'static str,
    action: &'static str,
    pairs: &'static [(&'static str, &'static str)],
}

/// Every API in specs/, each with the smallest request its page accepts.
const BY_NAME: &[ByName] = &[
    ByName {
        apis: yunapi::qingcloud::APIS,
        provider: &yunapi::qingcloud::PROVIDER,
        server: Server::QingCloud,
        service: "iaas",
        action: "DescribeImages",
        pairs: &[("zone", "pek3a")],
    },
    ByName {
        apis: yunapi::qingcloud_private::APIS,
        provider: &yunapi::qingcloud_private::PROVIDER,
        server: Server::QingCloudPrivate,
        service: "iaas",
        action: "DescribeImages",
        pairs: &[],
    },
    ByName {
        apis: yunapi::tencent::APIS,
        provider: &yunapi::tencent::PROVIDER,
        server: Server::Tencent,
        service: "image",
        action: "DescribeImages",
        pairs: &[("imageType", "1")],
    },
    ByName {
        apis: yunapi::aliyun::APIS,
        provider: &yunapi::aliyun::PROVIDER,
        server: Server::Aliyun,
        service: "ecs",
        action: "DescribeImages",
        pairs: &[("RegionId", "cn-hangzhou")],
    },
    ByName {
        apis: yunapi::aliyun::APIS,
        provider: &yunapi::aliyun::PROVIDER,
        server: Server::Aliyun,
        service: "ecs",
        action: "DescribeDisks",
        pairs: &[("RegionId", "cn-hangzhou"), ("DiskIds", r#"["d-1"]"#)],
    },
    ByName {
        apis: yunapi::jdcloud::APIS,
        provider: &yunapi::jdcloud::PROVIDER,
        server: Server::JdCloud,
        service: "vm",
        action: "describeImages",
        pairs: &[("regionId", "cn-north-1"), ("imageSource", "public")],
    },
    ByName {
        apis: yunapi::jdcloud::APIS,
        provider: &yunapi::jdcloud::PROVIDER,
        server: Server::JdCloud,
        service: "vm",
        action: "describeKeypairs",
        pairs: &[("regionId", "cn-north-1"), ("filters.1.name", "keyNames"), ("filters.1.values.1", "kp-1")],
    },
    ByName {
        apis: yunapi::jdcloud::APIS,
        provider: &yunapi::jdcloud::PROVIDER,
        server: Server::JdCloud,
        service: "disk",
        action: "createDisks",
        pairs: &[
            ("regionId", "cn-north-1"),
            ("clientToken", "t-1"),
            ("diskSpec.az", "cn-north-1a"),
            ("diskSpec.diskSizeGB", "20"),
            ("diskSpec.diskType", "ssd"),
            ("diskSpec.name", "d1"),
            ("maxCount", "1"),
        ],
    },
];

#[tokio::test]
async fn every_api_can_be_called_by_name() {
    for case in BY_NAME {
        let server = TestServer::start_service(case.server, case.service).await;
        let config = Config::default().with_region(case.server.region()).with_domain("cloud.example.com");
        let client = client(&server, case.provider, config);
        let api = yunapi::runtime::registry::find(case.apis, &case.action.to_ascii_lowercase())
            .unwrap_or_else(|| panic!("{} is in the registry", case.action));
        assert_eq!(api.action(), case.action);
        let pairs: Vec<(String, String)> =
            case.pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let request = api.from_wire(&pairs).unwrap_or_else(|e| panic!("{}: {e}", case.action));
        assert_eq!(request.action(), case.action);
        let answer =
            client.send_dyn(request.as_ref()).await.unwrap_or_else(|e| panic!("{}: {e}", case.action));
        assert!(format!("{answer:?}").contains("Response"), "{}: {answer:?}", case.action);
        let (_, _) = only_request(&server);
    }
    let listed: BTreeSet<(&str, &str)> = BY_NAME.iter().map(|c| (c.provider.key, c.action)).collect();
    let registered: BTreeSet<(&str, &str)> = [
        (&yunapi::qingcloud::PROVIDER, yunapi::qingcloud::APIS),
        (&yunapi::qingcloud_private::PROVIDER, yunapi::qingcloud_private::APIS),
        (&yunapi::tencent::PROVIDER, yunapi::tencent::APIS),
        (&yunapi::tencent_v3::PROVIDER, yunapi::tencent_v3::APIS),
        (&yunapi::aliyun::PROVIDER, yunapi::aliyun::APIS),
        (&yunapi::jdcloud::PROVIDER, yunapi::jdcloud::APIS),
    ]
    .iter()
    .flat_map(|(provider, apis)| apis.iter().map(|api| (provider.key, api.action())))
    .collect();
    assert_eq!(listed, registered, "the table covers every API of every provider");
}

#[test]
fn calls_by_name_refuse_unknown_actions_and_bad_parameters() {
    assert!(yunapi::jdcloud::api("describeNothing").is_none());
    assert_eq!(yunapi::jdcloud::api("DESCRIBEIMAGES").map(Api::action), Some("describeImages"));
    assert!(yunapi::tencent_v3::APIS.is_empty(), "no API 3.0 page in specs/ yet");
    let api = yunapi::aliyun::api("DescribeImages").expect("listed");
    let pairs = [("PageSize".to_owned(), "1000".to_owned()), ("Nonsense".to_owned(), "1".to_owned())];
    let errors = api.from_wire(&pairs).err().expect("invalid");
    assert!(errors.mentions("Nonsense") && errors.mentions("PageSize"), "{errors}");
}
