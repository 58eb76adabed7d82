//! Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1).
//!
//! Input: the API parameters. Output: the query to send, which is the canonical query followed by
//! `Signature`. The string to sign is `GET&%2F&` + the canonical query encoded once more; the key is
//! the secret followed by `&`.

use super::encode::rfc3986;
use super::{Signed, SigningInput, Unsigned, hmac_base64, iso8601_utc, set_param, sort_pairs};
use crate::credentials::Credentials;
use crate::provider::HmacAlgorithm;

pub(crate) fn sign(unsigned: &Unsigned<'_>, credentials: &Credentials, input: &SigningInput) -> Signed {
    let mut pairs = unsigned.query.to_vec();
    set_param(&mut pairs, "Action", unsigned.action);
    if let Some(version) = unsigned.version {
        set_param(&mut pairs, "Version", version);
    }
    set_param(&mut pairs, "Format", "JSON");
    set_param(&mut pairs, "AccessKeyId", credentials.access_key_id());
    set_param(&mut pairs, "SignatureMethod", "HMAC-SHA1");
    set_param(&mut pairs, "SignatureVersion", "1.0");
    set_param(&mut pairs, "SignatureNonce", input.nonce.clone());
    set_param(&mut pairs, "Timestamp", iso8601_utc(input.time));
    let canonical = canonical_query(&mut pairs);
    let signature = signature(credentials.secret(), &string_to_sign(unsigned.method, &canonical));
    Signed { query: format!("{canonical}&Signature={}", rfc3986(&signature)), headers: Vec::new() }
}

/// Parameters sorted by name, each `name=value` RFC 3986 encoded, joined with `&`.
pub(crate) fn canonical_query(pairs: &mut [(String, String)]) -> String {
    sort_pairs(pairs);
    let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v))).collect();
    encoded.join("&")
}

pub(crate) fn string_to_sign(method: &str, canonical: &str) -> String {
    format!("{method}&{}&{}", rfc3986("/"), rfc3986(canonical))
}

pub(crate) fn signature(secret: &str, string_to_sign: &str) -> String {
    hmac_base64(HmacAlgorithm::Sha1, format!("{secret}&").as_bytes(), string_to_sign.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::SigningScheme;
    use crate::testing::{ALIYUN, pairs, signed_query};
    use time::macros::datetime;

    /// Alibaba's documented RPC signature example (ECS "签名机制", DescribeRegions, AccessKeyId
    /// testid, secret testsecret): stated string to sign and signature `OLeaidS1JvxuMvnyHOwuJ+uX5qY=`.
    #[test]
    fn published_example() {
        let mut p = pairs(&[
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("Version", "2014-05-26"),
            ("SignatureVersion", "1.0"),
        ]);
        let sts = string_to_sign("GET", &canonical_query(&mut p));
        assert_eq!(
            sts,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(signature("testsecret", &sts), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    /// Alibaba's documented SMS signature example (SendSms, secret testSecret), with a Chinese
    /// SignName and a JSON value: stated signature `zJDF+Lrzhj/ThnlvIToysFRq6t4=`.
    #[test]
    fn published_example_with_chinese() {
        let mut p = pairs(&[
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", "{\"customer\":\"test\"}"),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ]);
        let sts = string_to_sign("GET", &canonical_query(&mut p));
        assert_eq!(signature("testSecret", &sts), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    }

    /// Worked by hand from PROVIDERS.md with an independent python3 script (hmac, hashlib,
    /// urllib.parse.quote(safe="~") applied twice), secret "alisecret", string to sign
    /// "GET&%2F&AccessKeyId%3DLTAIexample%26Action%3DDescribeImages%26Format%3DJSON%26ImageName%3D
    /// %25E4%25B8%25AD%25E6%2596%2587%2520a%252Fb%252Ac%252Bd~e%26RegionId%3Dcn-hangzhou
    /// %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dnonce-1%26SignatureVersion%3D1.0
    /// %26Tag.1.Key%3Denv%26Timestamp%3D2024-01-02T03%253A04%253A05Z%26Version%3D2014-05-26".
    #[test]
    fn hand_vector_with_special_characters() {
        let api =
            pairs(&[("RegionId", "cn-hangzhou"), ("ImageName", "中文 a/b*c+d~e"), ("Tag.1.Key", "env")]);
        let query = signed_query(
            &ALIYUN,
            SigningScheme::AliyunRpc,
            "DescribeImages",
            &api,
            ("LTAIexample", "alisecret"),
            datetime!(2024-01-02 03:04:05 UTC),
            "nonce-1",
        )
        .unwrap();
        assert_eq!(
            query,
            "AccessKeyId=LTAIexample&Action=DescribeImages&Format=JSON\
             &ImageName=%E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e&RegionId=cn-hangzhou\
             &SignatureMethod=HMAC-SHA1&SignatureNonce=nonce-1&SignatureVersion=1.0&Tag.1.Key=env\
             &Timestamp=2024-01-02T03%3A04%3A05Z&Version=2014-05-26&Signature=sJkyToedsg1%2F4K8o%2BOek0tyJR90%3D"
        );
    }
}
