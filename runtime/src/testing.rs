//! Fixtures for the unit tests: one provider of each kind, as specs/providers/*.yaml describe them,
//! and a shortcut that signs a request at a fixed time and nonce.

use time::OffsetDateTime;

use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::provider::{ErrorEnvelope, HmacAlgorithm, JdCloudVersion, Provider, SigningScheme};
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

/// The endpoint each provider's DescribeImages page names.
fn endpoint_of(provider: &Provider) -> &'static str {
    match provider.key {
        "tencent" => "https://image.api.qcloud.com/v2/index.php",
        "aliyun" => "https://ecs.aliyuncs.com/",
        "jdcloud" => "https://vm.jdcloud-api.com/v1/regions/cn-north-1/images",
        _ => "https://api.qingcloud.com/iaas/",
    }
}

/// Signs `query` as `action` of `provider` at a fixed time and nonce.
pub(crate) fn signed_request(
    provider: &'static Provider,
    scheme: SigningScheme,
    action: &'static str,
    query: &[(String, String)],
    (id, secret): (&str, &str),
    time: OffsetDateTime,
    nonce: &str,
) -> Result<http::Request<Vec<u8>>, Error> {
    let endpoint = Endpoint::parse(endpoint_of(provider))?;
    let unsigned = Unsigned {
        provider,
        method: "GET",
        action,
        endpoint: &endpoint,
        query,
        region: Some("cn-north-1"),
        service: "vm",
        user_agent: "yunapi-test",
    };
    sign(scheme, &unsigned, &Credentials::new(id, secret), &SigningInput::new(time, nonce))
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
