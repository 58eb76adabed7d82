//! Tencent Cloud's query signature (HmacSHA1 or HmacSHA256): API v2's, and API 3.0's v1.
//!
//! Input: the API parameters, method, host, path, and for API 3.0 the version and region. Output:
//! the form-encoded query to send. The string to sign is `GET` + host + path + `?` + the pairs
//! sorted by name, values RAW (not encoded), `_` in names signed as `.` (and sent as `_`). API v2's
//! SDK sorts the names as sent, API 3.0's SDKs sort them as signed.

use super::encode::form;
use super::{Signed, SigningInput, Unsigned, hmac_base64, set_param, sort_pairs};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::provider::HmacAlgorithm;

/// Which API generation signs: the order of the names differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Generation {
    /// API v2: sorted by the names as sent.
    V2,
    /// API 3.0's v1 signature: sorted by the names as signed (`_` written `.`).
    Api3,
}

pub(crate) fn sign(
    generation: Generation,
    alg: HmacAlgorithm,
    unsigned: &Unsigned<'_>,
    credentials: &Credentials,
    input: &SigningInput,
) -> Result<Signed, Error> {
    if !input.nonce.parse::<u64>().is_ok_and(|n| n > 0) {
        return Err(Error::Config(format!(
            "Tencent Cloud's Nonce must be a positive integer, got {:?}",
            input.nonce
        )));
    }
    let mut pairs = unsigned.query.to_vec();
    set_param(&mut pairs, "Action", unsigned.action);
    if let Some(version) = unsigned.version {
        set_param(&mut pairs, "Version", version);
    }
    if let Some(region) = unsigned.region {
        set_param(&mut pairs, "Region", region);
    }
    set_param(&mut pairs, "Timestamp", input.time.unix_timestamp().to_string());
    set_param(&mut pairs, "Nonce", input.nonce.clone());
    set_param(&mut pairs, "SecretId", credentials.access_key_id());
    set_param(&mut pairs, "SignatureMethod", method_name(alg));
    sort_pairs(&mut pairs);
    let (host, path) = (unsigned.endpoint.authority(), unsigned.endpoint.path());
    let to_sign = string_to_sign(generation, unsigned.method, &host, path, &pairs);
    let signature = hmac_base64(alg, credentials.secret().as_bytes(), to_sign.as_bytes());
    pairs.push(("Signature".to_owned(), signature));
    let wire: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", form(k), form(v))).collect();
    Ok(Signed { query: wire.join("&"), headers: Vec::new() })
}

fn method_name(alg: HmacAlgorithm) -> &'static str {
    match alg {
        HmacAlgorithm::Sha1 => "HmacSHA1",
        HmacAlgorithm::Sha256 => "HmacSHA256",
    }
}

/// `METHOD + host + path + "?" + k=v&...`: values raw, names with `_` written `.`, sorted as
/// `generation` sorts them.
pub(crate) fn string_to_sign(
    generation: Generation,
    method: &str,
    host: &str,
    path: &str,
    pairs: &[(String, String)],
) -> String {
    let mut sorted = pairs.to_vec();
    if generation == Generation::V2 {
        sort_pairs(&mut sorted);
    }
    let mut signed: Vec<(String, String)> =
        sorted.into_iter().map(|(k, v)| (k.replace('_', "."), v)).collect();
    if generation == Generation::Api3 {
        sort_pairs(&mut signed);
    }
    let joined: Vec<String> = signed.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{method}{host}{path}?{}", joined.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::SigningScheme;
    use crate::provider::TencentV3Signature;
    use crate::testing::{TENCENT, TENCENT_V3, pairs, signed_query};
    use time::macros::datetime;

    /// Tencent's documented signature example (cloud.tencent.com "签名方法", DescribeInstances with
    /// SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE, Nonce 11886, Timestamp 1465185768): the same
    /// algorithm as API v2, stated result `EliP9YW3pW28FpsEdkXt/+WcGeI=`.
    #[test]
    fn published_example() {
        let p = pairs(&[
            ("Action", "DescribeInstances"),
            ("InstanceIds.0", "ins-09dx96dg"),
            ("Limit", "20"),
            ("Nonce", "11886"),
            ("Offset", "0"),
            ("Region", "ap-guangzhou"),
            ("SecretId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
            ("Timestamp", "1465185768"),
            ("Version", "2017-03-12"),
        ]);
        let sts = string_to_sign(Generation::Api3, "GET", "cvm.tencentcloudapi.com", "/", &p);
        assert_eq!(
            sts,
            "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20\
             &Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\
             &Timestamp=1465185768&Version=2017-03-12"
        );
        let sig = hmac_base64(HmacAlgorithm::Sha1, b"Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", sts.as_bytes());
        assert_eq!(sig, "EliP9YW3pW28FpsEdkXt/+WcGeI=");
    }

    /// Worked by hand from PROVIDERS.md with an independent python3 script (hmac, hashlib,
    /// urllib.parse.urlencode for the wire): HmacSHA256, secret "tencentsecret", string to sign
    /// "GETimage.api.qcloud.com/v2/index.php?Action=DescribeImages&Nonce=12345&Region=gz
    /// &SecretId=AKIDtest&SignatureMethod=HmacSHA256&Timestamp=1700000000&imageIds.0=img-1
    /// &image.name=中文 a/b*c+d~e" (note `image_name` signed as `image.name`, the value raw).
    #[test]
    fn hand_vector_sha256_raw_values_and_underscores() {
        let api = pairs(&[("Region", "gz"), ("imageIds.0", "img-1"), ("image_name", "中文 a/b*c+d~e")]);
        let query = signed_query(
            &TENCENT,
            SigningScheme::TencentV2(HmacAlgorithm::Sha256),
            "DescribeImages",
            &api,
            ("AKIDtest", "tencentsecret"),
            datetime!(2023-11-14 22:13:20 UTC),
            "12345",
        )
        .unwrap();
        assert_eq!(
            query,
            "Action=DescribeImages&Nonce=12345&Region=gz&SecretId=AKIDtest&SignatureMethod=HmacSHA256\
             &Timestamp=1700000000&imageIds.0=img-1&image_name=%E4%B8%AD%E6%96%87+a%2Fb%2Ac%2Bd~e\
             &Signature=tGxrlQfsXtkd%2B%2Bd53pVTh%2B%2BTPSx6MpJ%2BN6Cs89WZHLw%3D"
        );
    }

    #[test]
    fn nonce_must_be_a_positive_integer() {
        let result = signed_query(
            &TENCENT,
            SigningScheme::TencentV2(HmacAlgorithm::Sha1),
            "DescribeImages",
            &[],
            ("AK", "SK"),
            datetime!(2023-11-14 22:13:20 UTC),
            "not-a-number",
        );
        assert!(matches!(result, Err(Error::Config(_))));
    }

    /// API 3.0's v1 signature: `Version` and `Region` join the common parameters, arrays and
    /// objects are flattened 0-based, and names are sorted after `_` is written `.` (as
    /// tencentcloud-sdk-python's `_format_sign_string` does). Worked by hand with an independent
    /// python3 script (hmac, hashlib, base64) over the string to sign
    /// "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&Filters.0.Name=zone
    /// &Filters.0.Values.0=ap-guangzhou-1&InstanceIds.0=ins-1&Key.Name=中文 a/b&KeyIds.0=skey-1
    /// &Limit=1&Nonce=12345&Region=ap-guangzhou&SecretId=AKIDtest&SignatureMethod=HmacSHA256
    /// &Timestamp=1700000000&Version=2017-03-12".
    #[test]
    fn api3_v1_vector() {
        let api = pairs(&[
            ("InstanceIds.0", "ins-1"),
            ("Filters.0.Name", "zone"),
            ("Filters.0.Values.0", "ap-guangzhou-1"),
            ("Limit", "1"),
            ("KeyIds.0", "skey-1"),
            ("Key_Name", "中文 a/b"),
        ]);
        let query = signed_query(
            &TENCENT_V3,
            SigningScheme::TencentV3(TencentV3Signature::V1(HmacAlgorithm::Sha256)),
            "DescribeInstances",
            &api,
            ("AKIDtest", "tencentsecret"),
            datetime!(2023-11-14 22:13:20 UTC),
            "12345",
        )
        .unwrap();
        assert_eq!(
            query,
            "Action=DescribeInstances&Filters.0.Name=zone&Filters.0.Values.0=ap-guangzhou-1&InstanceIds.0=ins-1\
             &KeyIds.0=skey-1&Key_Name=%E4%B8%AD%E6%96%87+a%2Fb&Limit=1&Nonce=12345&Region=ap-guangzhou\
             &SecretId=AKIDtest&SignatureMethod=HmacSHA256&Timestamp=1700000000&Version=2017-03-12\
             &Signature=g7JZ0yK1%2FZ8IgK%2FhowVRQQ3cwXfDuMAQ19aRVE5Xr9g%3D"
        );
    }
}
