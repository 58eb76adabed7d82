//! Static facts about a provider, emitted by the generator from `specs/providers/<provider>.yaml`.

/// A provider's wire conventions. Generated code holds one `static` of this per provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provider {
    /// Key as used in specs/ (`qingcloud`, `qingcloud-private`, `tencent`, `tencent-v3`, `aliyun`,
    /// `jdcloud`).
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// How requests are signed.
    pub scheme: SigningScheme,
    /// Default endpoint URL; `{region}` is replaced by the configured region, `{domain}` by the
    /// configured private-cloud domain.
    pub endpoint: &'static str,
    /// API version sent as a common parameter (`1` for QingCloud, `2014-05-26` for ECS), when the
    /// operation names none of its own.
    pub version: Option<&'static str>,
    /// The parameter that carries the region (`zone`, `Region`, `RegionId`, `regionId`).
    pub region_param: &'static str,
    /// First index of `name.N` lists.
    pub list_index_base: u32,
    /// Wire spelling of `true`.
    pub bool_true: &'static str,
    /// Wire spelling of `false`.
    pub bool_false: &'static str,
    /// Environment variable holding the access key id.
    pub access_key_env: &'static str,
    /// Environment variable holding the secret.
    pub secret_key_env: &'static str,
    /// The shape of error answers.
    pub error_envelope: ErrorEnvelope,
}

/// The signing schemes of ../shared/PROVIDERS.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SigningScheme {
    /// QingCloud signature version 1 with HMAC-SHA256 (or HMAC-SHA1).
    QingCloud(HmacAlgorithm),
    /// Tencent Cloud API v2 with HMAC-SHA1 (default) or HMAC-SHA256.
    TencentV2(HmacAlgorithm),
    /// Alibaba Cloud RPC signature version 1.0, HMAC-SHA1.
    AliyunRpc,
    /// JD Cloud `JDCLOUD3-HMAC-SHA256` (current) or `JDCLOUD2-HMAC-SHA256`.
    JdCloud(JdCloudVersion),
    /// Tencent Cloud API 3.0: `TC3-HMAC-SHA256` (the official SDKs' default) or the older query
    /// signature.
    TencentV3(TencentV3Signature),
}

impl SigningScheme {
    /// The HTTP method a request of an operation documented with `method` is sent with: API 3.0
    /// takes any action by POST with a JSON body (TC3) or by GET with a signed query (v1).
    pub fn method(self, method: &str) -> &str {
        match self {
            SigningScheme::TencentV3(TencentV3Signature::Tc3) => "POST",
            SigningScheme::TencentV3(TencentV3Signature::V1(_)) => "GET",
            _ => method,
        }
    }

    /// True when the region is a common parameter of the scheme, sent where the scheme puts it (a
    /// header for TC3) rather than among the operation's parameters.
    pub fn region_is_common(self) -> bool {
        matches!(self, SigningScheme::TencentV3(_))
    }
}

/// The signatures of Tencent Cloud API 3.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TencentV3Signature {
    /// `TC3-HMAC-SHA256`: a POST with a JSON body, signed in the `Authorization` header.
    Tc3,
    /// The v1 signature (`HmacSHA256` or `HmacSHA1`): a GET whose query carries the parameters
    /// (flattened 0-based), `Timestamp`, `Nonce`, `SecretId` and `Signature`.
    V1(HmacAlgorithm),
}

/// The HMAC hash of a query-signing scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HmacAlgorithm {
    /// HMAC-SHA1.
    Sha1,
    /// HMAC-SHA256.
    Sha256,
}

/// JD Cloud signature generations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JdCloudVersion {
    /// `JDCLOUD3-HMAC-SHA256`, what the current official SDK sends.
    V3,
    /// The older `JDCLOUD2-HMAC-SHA256`.
    V2,
}

/// Where a provider puts the error code and message of a failed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorEnvelope {
    /// HTTP 200 with `ret_code` != 0 and `message` (QingCloud).
    RetCode,
    /// HTTP 200 with `code` != 0 and `message`/`codeDesc` (Tencent v2).
    Code,
    /// HTTP 4xx/5xx with `Code`, `Message`, `RequestId` (Alibaba RPC).
    PascalCode,
    /// HTTP 4xx/5xx with `requestId` and `error: {code, status, message}` (JD Cloud).
    NestedError,
    /// Everything inside `Response`; an error as `Response.Error: {Code, Message}` with
    /// `Response.RequestId`, usually with HTTP 200 (Tencent Cloud API 3.0).
    Response,
}
