//! Tencent Cloud API v2 signature (HmacSHA1 by default, or HmacSHA256).
//!
//! Input: the API parameters, method, host and path. Output: the form-encoded query to send. The
//! string to sign is `GET` + host + path + `?` + the pairs sorted by name with values RAW (not
//! encoded) and `_` in names signed as `.`; the names are sent with `_`.

use super::encode::form;
use super::{Signed, SigningInput, Unsigned, hmac_base64, set_param, sort_pairs};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::provider::HmacAlgorithm;

pub(crate) fn sign(
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
    set_param(&mut pairs, "Timestamp", input.time.unix_timestamp().to_string());
    set_param(&mut pairs, "Nonce", input.nonce.clone());
    set_param(&mut pairs, "SecretId", credentials.access_key_id());
    set_param(&mut pairs, "SignatureMethod", method_name(alg));
    sort_pairs(&mut pairs);
    let to_sign =
        string_to_sign(unsigned.method, &unsigned.endpoint.authority(), unsigned.endpoint.path(), &pairs);
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

/// `METHOD + host + path + "?" + k=v&...` over pairs already sorted by name, values raw.
pub(crate) fn string_to_sign(method: &str, host: &str, path: &str, sorted: &[(String, String)]) -> String {
    let joined: Vec<String> = sorted.iter().map(|(k, v)| format!("{}={v}", k.replace('_', "."))).collect();
    format!("{method}{host}{path}?{}", joined.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::SigningScheme;
    use crate::testing::{TENCENT, pairs, signed_query};
    use time::macros::datetime;

    /// Tencent's documented signature example (cloud.tencent.com "签名方法", DescribeInstances with
    /// SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE, Nonce 11886, Timestamp 1465185768): the same
    /// algorithm as API v2, stated result `EliP9YW3pW28FpsEdkXt/+WcGeI=`.
    #[test]
    fn published_example() {
        let mut p = pairs(&[
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
        sort_pairs(&mut p);
        let sts = string_to_sign("GET", "cvm.tencentcloudapi.com", "/", &p);
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
}
