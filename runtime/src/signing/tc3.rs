//! Tencent Cloud API 3.0's `TC3-HMAC-SHA256`, the official SDKs' default.
//!
//! Input: the JSON body, host, action, version, region and service. Output: the headers
//! `Content-Type`, `X-TC-Action`, `X-TC-Version`, `X-TC-Timestamp`, `X-TC-Region` and
//! `Authorization`. The canonical request is `POST\n/\n\ncontent-type:…\nhost:…\n\ncontent-type;host\n`
//! + hex(sha256(body)); the key is derived from `"TC3" + secret`, the UTC date and the service.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::macros::format_description;

use super::{JSON, Signed, SigningInput, Unsigned, hmac};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::provider::HmacAlgorithm;

const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The headers the signature covers, in canonical order.
const SIGNED_HEADERS: &str = "content-type;host";

pub(crate) fn sign(
    unsigned: &Unsigned<'_>,
    credentials: &Credentials,
    input: &SigningInput,
) -> Result<Signed, Error> {
    let service = unsigned.scoped_service()?;
    let version = unsigned.version.ok_or_else(|| {
        Error::Config(format!(
            "{} has no API version: Tencent Cloud API 3.0 needs one (the page's Version row, or the \
             profile's version)",
            unsigned.action
        ))
    })?;
    let timestamp = input.time.unix_timestamp();
    let date = utc_date(input.time);
    let host = unsigned.endpoint.authority();
    let body = unsigned.body.unwrap_or_default();
    let canonical = canonical_request(unsigned.method, unsigned.endpoint.path(), &host, body);
    let to_sign = string_to_sign(timestamp, &date, service, &canonical);
    let signature = signature(credentials.secret(), &date, service, &to_sign);
    let authorization = format!(
        "{ALGORITHM} Credential={}/{date}/{service}/tc3_request, SignedHeaders={SIGNED_HEADERS}, \
         Signature={signature}",
        credentials.access_key_id()
    );
    let mut headers = vec![
        ("authorization", authorization),
        ("content-type", JSON.to_owned()),
        ("x-tc-action", unsigned.action.to_owned()),
        ("x-tc-version", version.to_owned()),
        ("x-tc-timestamp", timestamp.to_string()),
    ];
    if let Some(region) = unsigned.region.filter(|r| !r.is_empty()) {
        headers.push(("x-tc-region", region.to_owned()));
    }
    Ok(Signed { query: String::new(), headers })
}

/// `YYYY-MM-DD` of `time` in UTC: the credential scope's date.
fn utc_date(time: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day]");
    time.to_offset(time::UtcOffset::UTC).format(format).unwrap_or_default()
}

/// The canonical request of a POST with a JSON body (an empty query).
pub(crate) fn canonical_request(method: &str, path: &str, host: &str, body: &[u8]) -> String {
    format!(
        "{method}\n{path}\n\ncontent-type:{JSON}\nhost:{host}\n\n{SIGNED_HEADERS}\n{}",
        hex::encode(Sha256::digest(body))
    )
}

pub(crate) fn string_to_sign(timestamp: i64, date: &str, service: &str, canonical: &str) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    )
}

/// hex(HMAC-SHA256(kSigning, string to sign)), kSigning chained from `"TC3" + secret`.
pub(crate) fn signature(secret: &str, date: &str, service: &str, string_to_sign: &str) -> String {
    let sha = HmacAlgorithm::Sha256;
    let k_date = hmac(sha, format!("TC3{secret}").as_bytes(), date.as_bytes());
    let k_service = hmac(sha, &k_date, service.as_bytes());
    let k_signing = hmac(sha, &k_service, b"tc3_request");
    hex::encode(hmac(sha, &k_signing, string_to_sign.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::{SigningScheme, TencentV3Signature};
    use crate::testing::{TENCENT_V3, signed_json_request};
    use time::macros::datetime;

    /// The official worked example (cloud.tencent.com "签名方法 v3", CVM DescribeInstances in
    /// ap-guangzhou at 1551113065, SecretKey `Gu5t9xGARNpq86cd98joQYCN3EXAMPLE`): the document
    /// states the payload hash, the hashed canonical request and the signature `72e494ea…`. The
    /// document signs `application/json; charset=utf-8`; the SDKs send `application/json`, which
    /// is what this signer sends, so only the steps after the canonical request are compared here.
    #[test]
    fn published_example() {
        let body =
            r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        assert_eq!(
            hex::encode(Sha256::digest(body.as_bytes())),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        let canonical = format!(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n\
             content-type;host\n{}",
            hex::encode(Sha256::digest(body.as_bytes()))
        );
        let to_sign = string_to_sign(1551113065, "2019-02-25", "cvm", &canonical);
        assert_eq!(
            to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(
            signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "cvm", &to_sign),
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
        // 1551113065 is 2019-02-26 00:44:25 in UTC+8: the date must be the UTC one.
        assert_eq!(utc_date(datetime!(2019-02-26 00:44:25 +08:00)), "2019-02-25");
    }

    /// The same example through the whole signer, with the content type the SDKs send. Worked by
    /// hand with an independent python3 script (hashlib, hmac) from the same body, time and key.
    #[test]
    fn signer_sends_the_sdk_headers() {
        let body =
            r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        let request = signed_json_request(
            &TENCENT_V3,
            SigningScheme::TencentV3(TencentV3Signature::Tc3),
            "DescribeInstances",
            body.as_bytes(),
            ("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
            datetime!(2019-02-25 16:44:25 UTC),
        )
        .unwrap();
        let header = |name: &str| request.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri().to_string(), "https://cvm.tencentcloudapi.com/");
        assert_eq!(request.body().as_slice(), body.as_bytes());
        assert_eq!(header("content-type"), "application/json");
        assert_eq!(header("host"), "cvm.tencentcloudapi.com");
        assert_eq!(header("x-tc-action"), "DescribeInstances");
        assert_eq!(header("x-tc-version"), "2017-03-12");
        assert_eq!(header("x-tc-timestamp"), "1551113065");
        assert_eq!(header("x-tc-region"), "ap-guangzhou");
        assert_eq!(
            header("authorization"),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=683bd0b53659853c39699162253251192320a09b3937e27bf8e08a559b1465b8"
        );
    }
}
