//! QingCloud signature version 1 (also the QingCloud-compatible private cloud).
//!
//! Input: the API parameters, method and path. Output: the query string to send, which is the
//! canonical query itself followed by `signature`: `"GET\n/iaas/\n" + canonical`, signed with
//! HMAC-SHA256 (or HMAC-SHA1), base64, percent-encoded.

use super::encode::rfc3986;
use super::{Signed, SigningInput, Unsigned, hmac_base64, iso8601_utc, set_param, sort_pairs};
use crate::credentials::Credentials;
use crate::provider::HmacAlgorithm;

pub(crate) fn sign(
    alg: HmacAlgorithm,
    unsigned: &Unsigned<'_>,
    credentials: &Credentials,
    input: &SigningInput,
) -> Signed {
    let mut pairs = unsigned.query.to_vec();
    set_param(&mut pairs, "action", unsigned.action);
    set_param(&mut pairs, "time_stamp", iso8601_utc(input.time));
    set_param(&mut pairs, "access_key_id", credentials.access_key_id());
    set_param(&mut pairs, "version", unsigned.version.unwrap_or("1"));
    set_param(&mut pairs, "signature_method", method_name(alg));
    set_param(&mut pairs, "signature_version", "1");
    let canonical = canonical_query(&mut pairs);
    let to_sign = string_to_sign(unsigned.method, unsigned.endpoint.path(), &canonical);
    let signature = hmac_base64(alg, credentials.secret().as_bytes(), to_sign.as_bytes());
    Signed { query: format!("{canonical}&signature={}", rfc3986(&signature)), headers: Vec::new() }
}

/// The `signature_method` value.
fn method_name(alg: HmacAlgorithm) -> &'static str {
    match alg {
        HmacAlgorithm::Sha256 => "HmacSHA256",
        HmacAlgorithm::Sha1 => "HmacSHA1",
    }
}

/// Parameters sorted by name, each `name=value` RFC 3986 encoded, joined with `&`.
pub(crate) fn canonical_query(pairs: &mut [(String, String)]) -> String {
    sort_pairs(pairs);
    let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v))).collect();
    encoded.join("&")
}

pub(crate) fn string_to_sign(method: &str, path: &str, canonical: &str) -> String {
    format!("{method}\n{path}\n{canonical}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::SigningScheme;
    use crate::testing::{QINGCLOUD, pairs, signed_query};
    use time::macros::datetime;

    /// QingCloud's documented example (docs.qingcloud.com, API 签名方法, RunInstances with
    /// QYACCESSKEYIDEXAMPLE / SECRETACCESSKEY): the stated signature is
    /// `32bseYy39DOlatuewpeuW5vpmW51sD1A/JdGynqSpP8=`.
    #[test]
    fn published_example() {
        let mut p = pairs(&[
            ("count", "1"),
            ("vxnets.1", "vxnet-0"),
            ("zone", "pek1"),
            ("instance_type", "small_b"),
            ("signature_version", "1"),
            ("signature_method", "HmacSHA256"),
            ("instance_name", "demo"),
            ("image_id", "centos64x86a"),
            ("login_mode", "passwd"),
            ("login_passwd", "QingCloud20130712"),
            ("version", "1"),
            ("access_key_id", "QYACCESSKEYIDEXAMPLE"),
            ("action", "RunInstances"),
            ("time_stamp", "2013-08-27T14:30:10Z"),
        ]);
        let canonical = canonical_query(&mut p);
        assert_eq!(
            canonical,
            "access_key_id=QYACCESSKEYIDEXAMPLE&action=RunInstances&count=1&image_id=centos64x86a\
             &instance_name=demo&instance_type=small_b&login_mode=passwd&login_passwd=QingCloud20130712\
             &signature_method=HmacSHA256&signature_version=1&time_stamp=2013-08-27T14%3A30%3A10Z\
             &version=1&vxnets.1=vxnet-0&zone=pek1"
        );
        let sts = string_to_sign("GET", "/iaas/", &canonical);
        let sig = hmac_base64(HmacAlgorithm::Sha256, b"SECRETACCESSKEY", sts.as_bytes());
        assert_eq!(sig, "32bseYy39DOlatuewpeuW5vpmW51sD1A/JdGynqSpP8=");
    }

    /// The same example through the whole signer: common parameters added, the query sent in
    /// canonical form with the encoded signature last.
    #[test]
    fn signer_reproduces_the_published_request() {
        let api = pairs(&[
            ("count", "1"),
            ("vxnets.1", "vxnet-0"),
            ("zone", "pek1"),
            ("instance_type", "small_b"),
            ("instance_name", "demo"),
            ("image_id", "centos64x86a"),
            ("login_mode", "passwd"),
            ("login_passwd", "QingCloud20130712"),
        ]);
        let query = signed_query(
            &QINGCLOUD,
            SigningScheme::QingCloud(HmacAlgorithm::Sha256),
            "RunInstances",
            &api,
            ("QYACCESSKEYIDEXAMPLE", "SECRETACCESSKEY"),
            datetime!(2013-08-27 14:30:10 UTC),
            "unused",
        )
        .unwrap();
        assert!(query.starts_with("access_key_id=QYACCESSKEYIDEXAMPLE&action=RunInstances&count=1"));
        assert!(query.ends_with("&zone=pek1&signature=32bseYy39DOlatuewpeuW5vpmW51sD1A%2FJdGynqSpP8%3D"));
    }

    /// Worked by hand from PROVIDERS.md with an independent python3 script (hmac, hashlib,
    /// urllib.parse.quote(safe="~")): HmacSHA1, string to sign
    /// "GET\n/iaas/\naccess_key_id=AKID&action=DescribeImages&images.1=img-1&search_word=
    /// %E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e&signature_method=HmacSHA1&signature_version=1
    /// &time_stamp=2024-01-02T03%3A04%3A05Z&version=1&zone=pek3a", secret "secret".
    #[test]
    fn hand_vector_sha1_with_special_characters() {
        let api = pairs(&[("zone", "pek3a"), ("images.1", "img-1"), ("search_word", "中文 a/b*c+d~e")]);
        let query = signed_query(
            &QINGCLOUD,
            SigningScheme::QingCloud(HmacAlgorithm::Sha1),
            "DescribeImages",
            &api,
            ("AKID", "secret"),
            datetime!(2024-01-02 03:04:05 UTC),
            "unused",
        )
        .unwrap();
        assert_eq!(
            query,
            "access_key_id=AKID&action=DescribeImages&images.1=img-1\
             &search_word=%E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e&signature_method=HmacSHA1\
             &signature_version=1&time_stamp=2024-01-02T03%3A04%3A05Z&version=1&zone=pek3a\
             &signature=RNxwOM564ec3jTe8TKXujFaVTjM%3D"
        );
    }
}
