//! JD Cloud signatures: `JDCLOUD3-HMAC-SHA256` (the default) and the older `JDCLOUD2-HMAC-SHA256`.
//!
//! Input: the encoded query pairs, header parameters, JSON body, method, endpoint (path filled
//! in), region and service. Output: the RFC 3986 encoded query to send, in byte order, and the
//! `Authorization`, `x-jdcloud-date`, `x-jdcloud-nonce` and `Content-Type` headers (the official
//! SDKs declare JSON on every request, GET included, and sign it). Both versions sign
//! `METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED\nhex(sha256(body))` with a key derived from the secret,
//! the date, the region, the service and `jdcloudN_request`. Version 3 canonicalizes the path and
//! query (decode, re-encode, sort); version 2 signs the path as sent and the query's pairs as sent,
//! sorted by name then value (as the official SDK's signer does).

use sha2::{Digest, Sha256};

use super::encode::{decode_path, decode_plus, rfc3986, rfc3986_path};
use super::{JSON, Signed, SigningInput, Unsigned, basic_utc, hmac, sort_pairs};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::provider::{HmacAlgorithm, JdCloudVersion};

/// The credential scope's region when the request names none (APIs outside `/regions/{id}/`).
const GLOBAL_REGION: &str = "jdcloud-api";

pub(crate) fn sign(
    version: JdCloudVersion,
    unsigned: &Unsigned<'_>,
    credentials: &Credentials,
    input: &SigningInput,
) -> Result<Signed, Error> {
    let mut encoded: Vec<(String, String)> =
        unsigned.query.iter().map(|(k, v)| (rfc3986(k), rfc3986(v))).collect();
    sort_pairs(&mut encoded);
    let query = encoded.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    let date = basic_utc(input.time);
    let region = unsigned.region.filter(|r| !r.is_empty()).unwrap_or(GLOBAL_REGION);
    let mut headers: Vec<(String, String)> = vec![
        ("content-type".to_owned(), JSON.to_owned()),
        ("host".to_owned(), unsigned.endpoint.authority()),
        ("x-jdcloud-date".to_owned(), date.clone()),
        ("x-jdcloud-nonce".to_owned(), input.nonce.clone()),
    ];
    // The SDKs sign every header they send but the authorization and the user agent.
    headers.extend(unsigned.headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())));
    let body = unsigned.body.unwrap_or_default();
    let canonical =
        canonical_request(version, unsigned.method, unsigned.endpoint.path(), &query, &headers, body);
    let scope = Scope { date: &date, region, service: unsigned.scoped_service()? };
    let signature = signature(version, credentials.secret(), &scope, &canonical);
    let authorization = format!(
        "{} Credential={}/{}, SignedHeaders={}, Signature={signature}",
        algorithm(version),
        credentials.access_key_id(),
        scope.credential_scope(version),
        signed_headers(&headers),
    );
    Ok(Signed {
        query,
        headers: vec![
            ("authorization", authorization),
            ("content-type", JSON.to_owned()),
            ("x-jdcloud-date", date),
            ("x-jdcloud-nonce", input.nonce.clone()),
        ],
    })
}

/// What the signature is scoped to.
pub(crate) struct Scope<'a> {
    /// `x-jdcloud-date`, `YYYYMMDDThhmmssZ`.
    pub date: &'a str,
    pub region: &'a str,
    pub service: &'a str,
}

impl Scope<'_> {
    fn day(&self) -> &str {
        self.date.get(..8).unwrap_or(self.date)
    }

    fn credential_scope(&self, version: JdCloudVersion) -> String {
        format!("{}/{}/{}/{}", self.day(), self.region, self.service, terminator(version))
    }
}

fn algorithm(version: JdCloudVersion) -> &'static str {
    match version {
        JdCloudVersion::V3 => "JDCLOUD3-HMAC-SHA256",
        JdCloudVersion::V2 => "JDCLOUD2-HMAC-SHA256",
    }
}

fn key_prefix(version: JdCloudVersion) -> &'static str {
    match version {
        JdCloudVersion::V3 => "JDCLOUD3",
        JdCloudVersion::V2 => "JDCLOUD2",
    }
}

fn terminator(version: JdCloudVersion) -> &'static str {
    match version {
        JdCloudVersion::V3 => "jdcloud3_request",
        JdCloudVersion::V2 => "jdcloud2_request",
    }
}

/// Header names joined with `;`, in the sorted order of `headers`.
fn signed_headers(headers: &[(String, String)]) -> String {
    let mut names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.join(";")
}

/// The canonical request of `version`. `path`, `query` and `body` are exactly what is sent.
pub(crate) fn canonical_request(
    version: JdCloudVersion,
    method: &str,
    path: &str,
    query: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> String {
    let (uri, query) = match version {
        JdCloudVersion::V3 => (canonical_uri_v3(path), canonical_query_v3(query)),
        JdCloudVersion::V2 => {
            (if path.is_empty() { "/".to_owned() } else { path.to_owned() }, canonical_query_v2(query))
        }
    };
    let mut lines: Vec<(String, &str)> =
        headers.iter().map(|(name, value)| (name.to_ascii_lowercase(), value.trim())).collect();
    lines.sort();
    let mut canonical_headers = String::new();
    for (name, value) in &lines {
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    format!(
        "{method}\n{uri}\n{query}\n{canonical_headers}\n{}\n{}",
        signed_headers(headers),
        hex::encode(Sha256::digest(body))
    )
}

/// Version 3's path: decoded, runs of `/` collapsed, RFC 3986 encoded with `/` kept.
fn canonical_uri_v3(path: &str) -> String {
    let decoded = decode_path(path);
    let mut collapsed = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        if !(c == '/' && collapsed.ends_with('/')) {
            collapsed.push(c);
        }
    }
    let encoded = rfc3986_path(&collapsed);
    if encoded.starts_with('/') { encoded } else { format!("/{encoded}") }
}

/// Version 3's query: each name and value decoded then RFC 3986 encoded, then sorted.
fn canonical_query_v3(query: &str) -> String {
    sorted_query(query, |side| rfc3986(&decode_plus(side)))
}

/// Version 2's query: the pairs as sent (still encoded), each side trimmed, sorted by name then
/// value in byte order: `ids.1`, `ids.10`, `ids.11`, `ids.2`, and `pageNumber` before `status`.
fn canonical_query_v2(query: &str) -> String {
    sorted_query(query, |side| side.trim().to_owned())
}

/// The pairs of `query` with each name and value rewritten by `side`, pairs with an empty name
/// dropped, sorted by name then value, joined with `&`.
fn sorted_query(query: &str, side: impl Fn(&str) -> String) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (side(k), side(v))
        })
        .filter(|(k, _)| !k.is_empty())
        .collect();
    sort_pairs(&mut pairs);
    let joined: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    joined.join("&")
}

/// The hex signature of `canonical` under the key derived from `secret` and `scope`.
pub(crate) fn signature(version: JdCloudVersion, secret: &str, scope: &Scope<'_>, canonical: &str) -> String {
    let sha = HmacAlgorithm::Sha256;
    let string_to_sign = format!(
        "{}\n{}\n{}\n{}",
        algorithm(version),
        scope.date,
        scope.credential_scope(version),
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let k_date = hmac(sha, format!("{}{secret}", key_prefix(version)).as_bytes(), scope.day().as_bytes());
    let k_region = hmac(sha, &k_date, scope.region.as_bytes());
    let k_service = hmac(sha, &k_region, scope.service.as_bytes());
    let k_signing = hmac(sha, &k_service, terminator(version).as_bytes());
    hex::encode(hmac(sha, &k_signing, string_to_sign.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::SigningScheme;
    use crate::testing::{JDCLOUD, pairs, signed_json_request, signed_request};
    use time::macros::datetime;

    /// The headers of the official Python SDK's signer tests (jdcloud-sdk-python, signer tests:
    /// ak/sk, service apigatewaytestproductline, region cn-north-1).
    fn sdk_headers() -> Vec<(String, String)> {
        [
            ("x-jdcloud-date", "20190917T064708Z"),
            ("x-jdcloud-nonce", "X-Jdcloud-Nonce"),
            ("content-type", "application/json"),
            ("host", "apigw-internal-dev.cn-north-1.jcloudcs.com:8000"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .to_vec()
    }

    fn sdk_signature(path: &str, query: &str) -> String {
        let scope =
            Scope { date: "20190917T064708Z", region: "cn-north-1", service: "apigatewaytestproductline" };
        let canonical = canonical_request(JdCloudVersion::V3, "GET", path, query, &sdk_headers(), b"");
        signature(JdCloudVersion::V3, "sk", &scope, &canonical)
    }

    /// Published: a Chinese path segment, stated signature 936ed2dc….
    #[test]
    fn published_v3_chinese_path() {
        assert_eq!(
            sdk_signature("/v1/regions/cn-north-1/instances/%E4%B8%AD%E6%96%87%3AGET", ""),
            "936ed2dcb6fb4271ad640e0f46f1fe61763a0bad8bb4f4eb1224261f969612fa"
        );
    }

    /// Published: spaces and `+` in query names and values, stated signature 78c0a4db….
    #[test]
    fn published_v3_query_with_spaces_and_plus() {
        assert_eq!(
            sdk_signature(
                "/v1/regions/cn-north-1/instances",
                " =blank&%20=blank&+= 2&%2b= 1&blank= &blank=+&blank=%20"
            ),
            "78c0a4db84050d773533c78c1a0f73bf974faf5df881e39b18c3e0de8110324e"
        );
    }

    /// Published: an empty path, stated signature 44c5ec30….
    #[test]
    fn published_v3_empty_path() {
        assert_eq!(sdk_signature("", ""), "44c5ec30b6185516986ae171d8276552bc0f37f6a536a44e4f578958fc1c12be");
    }

    #[test]
    fn v3_canonical_query_decodes_then_encodes_and_sorts() {
        assert_eq!(canonical_query_v3("b=%2a&a=x+y&=dropped&c"), "a=x%20y&b=%2A&c=");
        assert_eq!(canonical_uri_v3("//v1///a%2Fb/中"), "/v1/a/b/%E4%B8%AD");
    }

    /// Worked by hand from PROVIDERS.md with an independent python3 script (hashlib, hmac,
    /// urllib.parse.quote(safe="~")): DescribeImages in cn-north-1, secret "jdsecret", nonce
    /// "nonce-1", 2024-01-02T03:04:05Z, a value with Chinese, space, `/`, `*`, `+` and `~`.
    #[test]
    fn hand_vector_v3_with_special_characters() {
        let api =
            [("ids.1".to_owned(), "img-1".to_owned()), ("name".to_owned(), "中文 a/b*c+d~e".to_owned())];
        let request = signed_request(
            &JDCLOUD,
            SigningScheme::JdCloud(JdCloudVersion::V3),
            "DescribeImages",
            &api,
            ("JDAK", "jdsecret"),
            datetime!(2024-01-02 03:04:05 UTC),
            "nonce-1",
        )
        .unwrap();
        assert_eq!(
            request.uri().to_string(),
            "https://vm.jdcloud-api.com/v1/regions/cn-north-1/images?ids.1=img-1&name=%E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e"
        );
        let header = |name: &str| {
            request.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
        };
        assert_eq!(header("x-jdcloud-date"), "20240102T030405Z");
        assert_eq!(header("x-jdcloud-nonce"), "nonce-1");
        assert_eq!(header("content-type"), "application/json");
        assert_eq!(
            header("authorization"),
            "JDCLOUD3-HMAC-SHA256 Credential=JDAK/20240102/cn-north-1/vm/jdcloud3_request, \
             SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, \
             Signature=20fdc1d93770e286569b2bf9e46d9c4f811a340135b514c9a83dcb26f6c88a10"
        );
    }

    /// The same request signed with version 2, whose query is signed exactly as sent.
    #[test]
    fn hand_vector_v2() {
        let api =
            [("ids.1".to_owned(), "img-1".to_owned()), ("name".to_owned(), "中文 a/b*c+d~e".to_owned())];
        let request = signed_request(
            &JDCLOUD,
            SigningScheme::JdCloud(JdCloudVersion::V2),
            "DescribeImages",
            &api,
            ("JDAK", "jdsecret"),
            datetime!(2024-01-02 03:04:05 UTC),
            "nonce-1",
        )
        .unwrap();
        let auth = request.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(
            auth,
            "JDCLOUD2-HMAC-SHA256 Credential=JDAK/20240102/cn-north-1/vm/jdcloud2_request, \
             SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, \
             Signature=49f1b2001055b39fb7a1ffe492c54f3cd1e216c46ec08ec3d91c1674c8ba1fac"
        );
    }

    fn authorization(request: &http::Request<Vec<u8>>) -> &str {
        request.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    fn v2_get(query: &[(String, String)]) -> http::Request<Vec<u8>> {
        let scheme = SigningScheme::JdCloud(JdCloudVersion::V2);
        let time = datetime!(2024-01-02 03:04:05 UTC);
        signed_request(&JDCLOUD, scheme, "DescribeImages", query, ("JDAK", "jdsecret"), time, "nonce-1")
            .unwrap()
    }

    /// JD's official SDK sorts the query's pairs before signing (python SDK signer,
    /// `__normalize_query_string`), so a query whose names are not in byte order must be signed
    /// sorted. Vector from an independent python3 script that splits the query as sent and sorts
    /// it the SDK's way: canonical query `imageSource=public&pageNumber=1&status=ready`.
    #[test]
    fn v2_signs_names_out_of_order_sorted() {
        let request = v2_get(&pairs(&[("status", "ready"), ("pageNumber", "1"), ("imageSource", "public")]));
        assert_eq!(request.uri().query(), Some("imageSource=public&pageNumber=1&status=ready"));
        assert!(
            authorization(&request)
                .ends_with("Signature=a71a2cfb9bccb7dfead82401ca7fc2ac5033b02b7362d682e652a1c52f0784d7"),
            "{}",
            authorization(&request)
        );
        let canonical = canonical_query_v2("status=ready&pageNumber=1&imageSource=public");
        assert_eq!(canonical, "imageSource=public&pageNumber=1&status=ready");
    }

    /// `ids.1` … `ids.11` sort as text: `ids.1`, `ids.10`, `ids.11`, `ids.2`, … (same script).
    #[test]
    fn v2_sorts_indexed_names_as_text() {
        let ids: Vec<(String, String)> = (1..=11).map(|i| (format!("ids.{i}"), format!("img-{i}"))).collect();
        let request = v2_get(&ids);
        assert_eq!(
            request.uri().query(),
            Some(
                "ids.1=img-1&ids.10=img-10&ids.11=img-11&ids.2=img-2&ids.3=img-3&ids.4=img-4&ids.5=img-5\
                 &ids.6=img-6&ids.7=img-7&ids.8=img-8&ids.9=img-9"
            )
        );
        assert!(
            authorization(&request)
                .ends_with("Signature=b35eeaebf681b2b12f18c95fdee50d28ce23b6c44bd153efafac738beadb3226"),
            "{}",
            authorization(&request)
        );
    }

    /// A POST with a JSON body: the body's hash ends the canonical request. Same script, both
    /// versions.
    #[test]
    fn post_bodies_are_signed() {
        let body = r#"{"clientToken":"t-1","diskSpec":{"az":"cn-north-1a","diskSizeGB":20,"diskType":"ssd","multiAttachable":false,"name":"d 1"},"maxCount":1}"#;
        let time = datetime!(2024-01-02 03:04:05 UTC);
        for (version, signature) in [
            (JdCloudVersion::V3, "913fb27d141b8672a798eff9146f1ba1c9ab33d4274644255ec7c24a9d558830"),
            (JdCloudVersion::V2, "743f46d55fb4db26cc8b31935e79660ad805a591af0aa69f500c3f16b744381d"),
        ] {
            let scheme = SigningScheme::JdCloud(version);
            let request = signed_json_request(
                &JDCLOUD,
                scheme,
                "createDisks",
                body.as_bytes(),
                ("JDAK", "jdsecret"),
                time,
            )
            .unwrap();
            assert_eq!(request.method(), "POST");
            assert_eq!(request.body().as_slice(), body.as_bytes());
            assert_eq!(request.headers()["content-type"], "application/json");
            assert!(authorization(&request).ends_with(signature), "{version:?}: {}", authorization(&request));
        }
    }
}
