//! The test server's signature checks against vectors worked by hand from PROVIDERS.md.
//!
//! Every expected string to sign and signature below was computed with Python's `hmac`,
//! `hashlib`, `base64` and `urllib.parse.quote(s, safe="-_.~")`, not with Rust, so a verifier
//! that canonicalizes wrongly fails here even if the runtime's signer shares its mistake. Each
//! scheme is also shown to refuse a tampered request and an expired one, so a verifier that
//! accepts everything fails too.

mod support;

use support::provider::Provider;
use support::verify::{self, RecordedRequest, Rejection, aliyun, jdcloud, qingcloud, tencent};
use time::OffsetDateTime;
use time::macros::datetime;

/// The server clock of the vectors: 30 seconds after their request time.
const NOW: OffsetDateTime = datetime!(2026-11-24 13:00:30 UTC);

/// A value with Chinese text, a space, `/`, `*`, `+` and `~`, which every encoder must keep.
const AWKWARD_ENCODED: &str = "%E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e";

fn assert_mismatch(result: Result<verify::Verified, Rejection>) {
    assert!(
        matches!(result, Err(Rejection::SignatureMismatch { .. })),
        "expected a signature mismatch, got {result:?}"
    );
}

fn assert_expired(result: Result<verify::Verified, Rejection>) {
    assert!(matches!(result, Err(Rejection::Expired { .. })), "expected an expired request, got {result:?}");
}

fn a_day_later() -> OffsetDateTime {
    NOW + time::Duration::days(1)
}

// QingCloud

fn qingcloud_query(method: &str) -> String {
    format!(
        "access_key_id=QYTESTKEY&action=DescribeImages&images.1=img-1&limit=10&search_word={AWKWARD_ENCODED}\
         &signature_method={method}&signature_version=1&time_stamp=2026-11-24T13%3A00%3A00Z&version=1&zone=pek3a"
    )
}

#[test]
fn qingcloud_hmac_sha256_vector() {
    let query = qingcloud_query("HmacSHA256");
    let request = RecordedRequest::get(
        "/iaas/",
        &format!("{query}&signature=2sgYfyGo%2F7z4c59sXpSq%2BeubT5Ytz39IQkO70IHveW8%3D"),
        &[("Host", "127.0.0.1:8080")],
    );
    let params = request.query_pairs();
    assert_eq!(qingcloud::string_to_sign("GET", "/iaas/", &params), format!("GET\n/iaas/\n{query}"));
    assert!(qingcloud::wire_is_canonical(&request));
    let verified =
        verify::verify(Provider::QingCloud, &request, NOW).expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA256");

    assert_expired(verify::verify(Provider::QingCloud, &request, a_day_later()));
    let tampered =
        RecordedRequest { raw_query: request.raw_query.replace("limit=10", "limit=11"), ..request };
    assert_mismatch(verify::verify(Provider::QingCloud, &tampered, NOW));
}

#[test]
fn qingcloud_hmac_sha1_vector() {
    let query = qingcloud_query("HmacSHA1");
    let request =
        RecordedRequest::get("/iaas/", &format!("{query}&signature=vjPDeXr8dCtJnBTDR6GJSqInsIA%3D"), &[]);
    let verified = verify::verify(Provider::QingCloudPrivate, &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA1");
    // The same signature under the other hash is wrong.
    let relabelled =
        RecordedRequest { raw_query: request.raw_query.replace("=HmacSHA1&", "=HmacSHA256&"), ..request };
    assert_mismatch(verify::verify(Provider::QingCloud, &relabelled, NOW));
}

// Tencent Cloud v2

const TENCENT_QUERY: &str = "Action=DescribeImages&Region=gz&Timestamp=1795525200&Nonce=48213&SecretId=AKIDTEST\
    &imageType=1&imageIds.0=img-1&searchWord=%E4%B8%AD%E6%96%87+a%2Fb%2Ac%2Bd~e&image_name=x";

#[test]
fn tencent_hmac_sha1_vector() {
    let request = RecordedRequest::get(
        "/v2/index.php",
        &format!("{TENCENT_QUERY}&Signature=CmRJmxmtFXHwCTG2rjQzk5jrQNY%3D"),
        &[("Host", "127.0.0.1:8080")],
    );
    // Values raw, `_` in keys signed as `.`, the host and path included.
    assert_eq!(
        tencent::string_to_sign("GET", "127.0.0.1:8080", "/v2/index.php", &request.query_pairs()),
        "GET127.0.0.1:8080/v2/index.php?Action=DescribeImages&Nonce=48213&Region=gz&SecretId=AKIDTEST\
         &Timestamp=1795525200&imageIds.0=img-1&imageType=1&image.name=x&searchWord=中文 a/b*c+d~e"
    );
    let verified =
        verify::verify(Provider::Tencent, &request, NOW).expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA1");
    assert_eq!(verified.nonce.as_deref(), Some("48213"));

    assert_expired(verify::verify(Provider::Tencent, &request, a_day_later()));
    let other_host = RecordedRequest { headers: vec![("host".into(), "127.0.0.1:8081".into())], ..request };
    assert_mismatch(verify::verify(Provider::Tencent, &other_host, NOW));
}

#[test]
fn tencent_hmac_sha256_vector() {
    let request = RecordedRequest::get(
        "/v2/index.php",
        &format!(
            "{TENCENT_QUERY}&SignatureMethod=HmacSHA256&Signature=ZBuuWCxEaOP9u6%2FDTDTiNokDsuIPXzzh1FMlnDesjHM%3D"
        ),
        &[("Host", "127.0.0.1:8080")],
    );
    let verified =
        verify::verify(Provider::Tencent, &request, NOW).expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA256");
    let tampered = RecordedRequest { raw_query: request.raw_query.replace("+a", "+b"), ..request };
    assert_mismatch(verify::verify(Provider::Tencent, &tampered, NOW));
}

// Alibaba Cloud RPC

#[test]
fn aliyun_published_vector() {
    // The worked example of Alibaba's signature documentation (DescribeRegions, secret `testsecret`).
    let params: Vec<(String, String)> = [
        ("Format", "XML"),
        ("AccessKeyId", "testid"),
        ("Action", "DescribeRegions"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("SignatureVersion", "1.0"),
        ("Version", "2014-05-26"),
        ("Timestamp", "2016-02-23T12:46:24Z"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let string_to_sign = aliyun::string_to_sign("GET", &params);
    assert_eq!(
        string_to_sign,
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1\
         %26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0\
         %26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
    );
    assert_eq!(aliyun::signature("testsecret", &string_to_sign), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

#[test]
fn aliyun_hmac_sha1_vector() {
    let request = RecordedRequest::get(
        "/",
        &format!(
            "AccessKeyId=testid&Action=DescribeImages&Format=JSON&ImageName={AWKWARD_ENCODED}&RegionId=cn-hangzhou\
             &SignatureMethod=HMAC-SHA1&SignatureNonce=c1b0e6a4-0000-4000-8000-000000000001&SignatureVersion=1.0\
             &Tag.1.Key=env&Timestamp=2026-11-24T13%3A00%3A00Z&Version=2014-05-26&Signature=nHzR6i2WhDrx29DmwvxSXorxK0k%3D"
        ),
        &[],
    );
    let verified =
        verify::verify(Provider::Aliyun, &request, NOW).expect("the hand-worked request is accepted");
    assert_eq!(verified.nonce.as_deref(), Some("c1b0e6a4-0000-4000-8000-000000000001"));

    assert_expired(verify::verify(Provider::Aliyun, &request, a_day_later()));
    let tampered = RecordedRequest { raw_query: request.raw_query.replace("Key=env", "Key=dev"), ..request };
    assert_mismatch(verify::verify(Provider::Aliyun, &tampered, NOW));
}

// JD Cloud

const JD_PATH: &str = "/v1/regions/cn-north-1/images";
const JD_QUERY: &str = "pageNumber=1&pageSize=10&filters.1.name=imageId&filters.1.values.1=img-1&imageSource=public\
    &name=%E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e";
const JD_NONCE: &str = "6f1c2b9e-0000-4000-8000-000000000002";

fn jd_request(authorization: &str) -> RecordedRequest {
    RecordedRequest::get(
        JD_PATH,
        JD_QUERY,
        &[
            ("Host", "127.0.0.1:8080"),
            ("Content-Type", "application/json"),
            ("x-jdcloud-date", "20261124T130000Z"),
            ("x-jdcloud-nonce", JD_NONCE),
            ("Authorization", authorization),
        ],
    )
}

#[test]
fn jdcloud3_vector() {
    let request = jd_request(
        "JDCLOUD3-HMAC-SHA256 Credential=JDTESTKEY/20261124/cn-north-1/vm/jdcloud3_request, \
         SignedHeaders=content-type;host, \
         Signature=a7065b98820542db2a0f3d4542f21b0dd3271416defcab9f7fbc97284922e889",
    );
    let canonical = jdcloud::canonical_request(&request, jdcloud::Generation::V3, "content-type;host")
        .expect("the signed headers were sent");
    assert_eq!(
        canonical,
        format!(
            "GET\n{JD_PATH}\nfilters.1.name=imageId&filters.1.values.1=img-1&imageSource=public\
             &name={AWKWARD_ENCODED}&pageNumber=1&pageSize=10\ncontent-type:application/json\nhost:127.0.0.1:8080\
             \n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
    );
    assert_eq!(
        jdcloud::string_to_sign(jdcloud::Generation::V3, "20261124T130000Z", "cn-north-1", &canonical),
        "JDCLOUD3-HMAC-SHA256\n20261124T130000Z\n20261124/cn-north-1/vm/jdcloud3_request\n\
         75ede59b3b9015e702d66efa6273757d2d89f192191484ffb25b6ccf5da4e68c"
    );
    let verified =
        verify::verify(Provider::JdCloud, &request, NOW).expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "JDCLOUD3-HMAC-SHA256");

    assert_expired(verify::verify(Provider::JdCloud, &request, a_day_later()));
    let tampered = RecordedRequest { raw_query: request.raw_query.replace("public", "private"), ..request };
    assert_mismatch(verify::verify(Provider::JdCloud, &tampered, NOW));
}

#[test]
fn jdcloud2_vector() {
    let request = jd_request(
        "JDCLOUD2-HMAC-SHA256 Credential=JDTESTKEY/20261124/cn-north-1/vm/jdcloud2_request, \
         SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, \
         Signature=51ba4ab8fb093aed6f2b41661d4a5d967fcf52a02dc34605a1c9f61ed86c25a8",
    );
    let verified =
        verify::verify(Provider::JdCloud, &request, NOW).expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "JDCLOUD2-HMAC-SHA256");
    assert_eq!(verified.nonce.as_deref(), Some(JD_NONCE));
    // JDCLOUD2 signs the nonce header, so changing it breaks the signature.
    let mut other_nonce = request.clone();
    for (name, value) in &mut other_nonce.headers {
        if name == "x-jdcloud-nonce" {
            *value = "another".to_owned();
        }
    }
    assert_mismatch(verify::verify(Provider::JdCloud, &other_nonce, NOW));
}

#[test]
fn jdcloud_refuses_a_request_that_does_not_sign_host() {
    let request = jd_request(
        "JDCLOUD3-HMAC-SHA256 Credential=JDTESTKEY/20261124/cn-north-1/vm/jdcloud3_request, \
         SignedHeaders=content-type, Signature=00",
    );
    let result = verify::verify(Provider::JdCloud, &request, NOW);
    assert!(
        matches!(&result, Err(Rejection::InvalidParameter { name, .. }) if name == "Authorization"),
        "got {result:?}"
    );
}

#[test]
fn unknown_access_keys_are_refused() {
    let query = qingcloud_query("HmacSHA256").replace("QYTESTKEY", "SOMEONEELSE");
    let request = RecordedRequest::get("/iaas/", &format!("{query}&signature=AAAA"), &[]);
    let result = verify::verify(Provider::QingCloud, &request, NOW);
    assert_eq!(result, Err(Rejection::UnknownAccessKey("SOMEONEELSE".to_owned())));
}
