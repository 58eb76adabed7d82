//! Fixtures for the unit tests: one provider of each kind, as specs/providers/*.yaml describe them,
//! and a shortcut that signs a request at a fixed time and nonce.

use time::OffsetDateTime;

use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::provider::{
    ErrorEnvelope, HmacAlgorithm, JdCloudVersion, Provider, SigningScheme, TencentV3Signature,
};
use crate::signing::{SigningInput, Unsigned, sign};

pub(crate) static QINGCLOUD: Provider = Provider {
    key: "qingcloud",
    name: "QingCloud",
    scheme: SigningScheme::QingCloud(HmacAlgorithm::Sha256),
    endpoint: "https://api.qingcloud.com/iaas/",
    version: Some("1"),
    region_param: "zone",
    list_index_base: 1,
    bool_true: "True",
    bool_false: "False",
    access_key_env: "QY_ACCESS_KEY_ID",
    secret_key_env: "QY_SECRET_ACCESS_KEY",
    error_envelope: ErrorEnvelope::RetCode,
};

pub(crate) static TENCENT: Provider = Provider {
    key: "tencent",
    name: "Tencent Cloud (API v2)",
    scheme: SigningScheme::TencentV2(HmacAlgorithm::Sha1),
    endpoint: "https://{service}.api.qcloud.com/v2/index.php",
    version: None,
    region_param: "Region",
    list_index_base: 0,
    bool_true: "true",
    bool_false: "false",
    access_key_env: "TENCENTCLOUD_SECRET_ID",
    secret_key_env: "TENCENTCLOUD_SECRET_KEY",
    error_envelope: ErrorEnvelope::Code,
};

pub(crate) static ALIYUN: Provider = Provider {
    key: "aliyun",
    name: "Alibaba Cloud ECS",
    scheme: SigningScheme::AliyunRpc,
    endpoint: "https://ecs.{region}.aliyuncs.com/",
    version: Some("2014-05-26"),
    region_param: "RegionId",
    list_index_base: 1,
    bool_true: "true",
    bool_false: "false",
    access_key_env: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret_key_env: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    error_envelope: ErrorEnvelope::PascalCode,
};

pub(crate) static JDCLOUD: Provider = Provider {
    key: "jdcloud",
    name: "JD Cloud",
    scheme: SigningScheme::JdCloud(JdCloudVersion::V3),
    endpoint: "https://vm.jdcloud-api.com/v1",
    version: Some("v1"),
    region_param: "regionId",
    list_index_base: 1,
    bool_true: "True",
    bool_false: "False",
    access_key_env: "JDCLOUD_ACCESS_KEY",
    secret_key_env: "JDCLOUD_SECRET_KEY",
    error_envelope: ErrorEnvelope::NestedError,
};

pub(crate) static TENCENT_V3: Provider = Provider {
    key: "tencent-v3",
    name: "Tencent Cloud (API 3.0)",
    scheme: SigningScheme::TencentV3(TencentV3Signature::Tc3),
    endpoint: "https://{service}.tencentcloudapi.com/",
    version: Some("2017-03-12"),
    region_param: "Region",
    list_index_base: 0,
    bool_true: "true",
    bool_false: "false",
    access_key_env: "TENCENTCLOUD_SECRET_ID",
    secret_key_env: "TENCENTCLOUD_SECRET_KEY",
    error_envelope: ErrorEnvelope::Response,
};

/// The endpoint, region and service of each provider's DescribeImages page (Tencent API 3.0: the
/// DescribeInstances of its signature documents).
fn target_of(provider: &Provider) -> (&'static str, &'static str, &'static str) {
    match provider.key {
        "tencent" => ("https://image.api.qcloud.com/v2/index.php", "gz", "image"),
        "tencent-v3" => ("https://cvm.tencentcloudapi.com/", "ap-guangzhou", "cvm"),
        "aliyun" => ("https://ecs.aliyuncs.com/", "cn-hangzhou", "ecs"),
        "jdcloud" => ("https://vm.jdcloud-api.com/v1/regions/cn-north-1/images", "cn-north-1", "vm"),
        _ => ("https://api.qingcloud.com/iaas/", "pek3a", "iaas"),
    }
}

/// Signs a request of `action` of `provider` with `method`, `query` and `body`, at a fixed time and
/// nonce.
fn signed(
    provider: &'static Provider,
    scheme: SigningScheme,
    (method, action): (&str, &'static str),
    (query, body): (&[(String, String)], Option<&[u8]>),
    (id, secret): (&str, &str),
    input: &SigningInput,
) -> Result<http::Request<Vec<u8>>, Error> {
    let (url, region, service) = target_of(provider);
    let endpoint = Endpoint::parse(url)?;
    let unsigned = Unsigned {
        method: scheme.method(method),
        action,
        version: provider.version,
        endpoint: &endpoint,
        query,
        headers: &[],
        body,
        region: Some(region),
        service,
        user_agent: "yunapi-test",
    };
    sign(scheme, &unsigned, &Credentials::new(id, secret), input)
}

/// Signs a GET of `query` as `action` of `provider` at a fixed time and nonce.
pub(crate) fn signed_request(
    provider: &'static Provider,
    scheme: SigningScheme,
    action: &'static str,
    query: &[(String, String)],
    credentials: (&str, &str),
    time: OffsetDateTime,
    nonce: &str,
) -> Result<http::Request<Vec<u8>>, Error> {
    let input = SigningInput::new(time, nonce);
    signed(provider, scheme, ("GET", action), (query, None), credentials, &input)
}

/// Signs a POST of the JSON `body` as `action` of `provider` at a fixed time (nonce `nonce-1`).
pub(crate) fn signed_json_request(
    provider: &'static Provider,
    scheme: SigningScheme,
    action: &'static str,
    body: &[u8],
    credentials: (&str, &str),
    time: OffsetDateTime,
) -> Result<http::Request<Vec<u8>>, Error> {
    let input = SigningInput::new(time, "nonce-1");
    signed(provider, scheme, ("POST", action), (&[], Some(body)), credentials, &input)
}

/// The query string of [`signed_request`].
pub(crate) fn signed_query(
    provider: &'static Provider,
    scheme: SigningScheme,
    action: &'static str,
    query: &[(String, String)],
    credentials: (&str, &str),
    time: OffsetDateTime,
    nonce: &str,
) -> Result<String, Error> {
    let request = signed_request(provider, scheme, action, query, credentials, time, nonce)?;
    Ok(request.uri().query().unwrap_or_default().to_owned())
}

/// Owned name/value pairs from string literals.
pub(crate) fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}
