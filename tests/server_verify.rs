//! The test server's signature checks against vectors worked by hand from PROVIDERS.md.
//!
//! Every expected string to sign and signature below was computed with Python's `hmac`,
//! `hashlib`, `base64` and `urllib.parse.quote(s, safe="-_.~")`, not with Rust, so a verifier
//! that canonicalizes wrongly fails here even if the runtime's signer shares its mistake. Each
//! scheme is also shown to refuse a tampered request and an expired one, so a verifier that
//! accepts everything fails too.

mod support;

use support::provider::Provider;
use support::verify::{self, RecordedRequest, Rejection, aliyun, jdcloud, qingcloud, tencent, tencent_v3};
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
    let verified = verify::verify(Provider::QingCloud, Provider::QingCloud.default_service(), &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA256");

    assert_expired(verify::verify(
        Provider::QingCloud,
        Provider::QingCloud.default_service(),
        &request,
        a_day_later(),
    ));
    let tampered =
        RecordedRequest { raw_query: request.raw_query.replace("limit=10", "limit=11"), ..request };
    assert_mismatch(verify::verify(
        Provider::QingCloud,
        Provider::QingCloud.default_service(),
        &tampered,
        NOW,
    ));
}

#[test]
fn qingcloud_hmac_sha1_vector() {
    let query = qingcloud_query("HmacSHA1");
    let request =
        RecordedRequest::get("/iaas/", &format!("{query}&signature=vjPDeXr8dCtJnBTDR6GJSqInsIA%3D"), &[]);
    let verified = verify::verify(
        Provider::QingCloudPrivate,
        Provider::QingCloudPrivate.default_service(),
        &request,
        NOW,
    )
    .expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA1");
    // The same signature under the other hash is wrong.
    let relabelled =
        RecordedRequest { raw_query: request.raw_query.replace("=HmacSHA1&", "=HmacSHA256&"), ..request };
    assert_mismatch(verify::verify(
        Provider::QingCloud,
        Provider::QingCloud.default_service(),
        &relabelled,
        NOW,
    ));
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
    let verified = verify::verify(Provider::Tencent, Provider::Tencent.default_service(), &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA1");
    assert_eq!(verified.nonce.as_deref(), Some("48213"));

    assert_expired(verify::verify(
        Provider::Tencent,
        Provider::Tencent.default_service(),
        &request,
        a_day_later(),
    ));
    let other_host = RecordedRequest { headers: vec![("host".into(), "127.0.0.1:8081".into())], ..request };
    assert_mismatch(verify::verify(Provider::Tencent, Provider::Tencent.default_service(), &other_host, NOW));
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
    let verified = verify::verify(Provider::Tencent, Provider::Tencent.default_service(), &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "HmacSHA256");
    let tampered = RecordedRequest { raw_query: request.raw_query.replace("+a", "+b"), ..request };
    assert_mismatch(verify::verify(Provider::Tencent, Provider::Tencent.default_service(), &tampered, NOW));
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
    let verified = verify::verify(Provider::Aliyun, Provider::Aliyun.default_service(), &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.nonce.as_deref(), Some("c1b0e6a4-0000-4000-8000-000000000001"));

    assert_expired(verify::verify(
        Provider::Aliyun,
        Provider::Aliyun.default_service(),
        &request,
        a_day_later(),
    ));
    let tampered = RecordedRequest { raw_query: request.raw_query.replace("Key=env", "Key=dev"), ..request };
    assert_mismatch(verify::verify(Provider::Aliyun, Provider::Aliyun.default_service(), &tampered, NOW));
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
    let scope = jdcloud::Scope { date: "20261124T130000Z", region: "cn-north-1", service: "vm" };
    assert_eq!(
        jdcloud::string_to_sign(jdcloud::Generation::V3, &scope, &canonical),
        "JDCLOUD3-HMAC-SHA256\n20261124T130000Z\n20261124/cn-north-1/vm/jdcloud3_request\n\
         75ede59b3b9015e702d66efa6273757d2d89f192191484ffb25b6ccf5da4e68c"
    );
    let verified = verify::verify(Provider::JdCloud, Provider::JdCloud.default_service(), &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "JDCLOUD3-HMAC-SHA256");

    assert_expired(verify::verify(
        Provider::JdCloud,
        Provider::JdCloud.default_service(),
        &request,
        a_day_later(),
    ));
    let tampered = RecordedRequest { raw_query: request.raw_query.replace("public", "private"), ..request };
    assert_mismatch(verify::verify(Provider::JdCloud, Provider::JdCloud.default_service(), &tampered, NOW));
}

#[test]
fn jdcloud2_vector() {
    let request = jd_request(
        "JDCLOUD2-HMAC-SHA256 Credential=JDTESTKEY/20261124/cn-north-1/vm/jdcloud2_request, \
         SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, \
         Signature=51ba4ab8fb093aed6f2b41661d4a5d967fcf52a02dc34605a1c9f61ed86c25a8",
    );
    let verified = verify::verify(Provider::JdCloud, Provider::JdCloud.default_service(), &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.algorithm, "JDCLOUD2-HMAC-SHA256");
    assert_eq!(verified.nonce.as_deref(), Some(JD_NONCE));
    // JDCLOUD2 signs the nonce header, so changing it breaks the signature.
    let mut other_nonce = request.clone();
    for (name, value) in &mut other_nonce.headers {
        if name == "x-jdcloud-nonce" {
            *value = "another".to_owned();
        }
    }
    assert_mismatch(verify::verify(
        Provider::JdCloud,
        Provider::JdCloud.default_service(),
        &other_nonce,
        NOW,
    ));
}

/// A POST to the disk service: the body's hash ends the canonical request, and the credential
/// scope names the service the server plays.
#[test]
fn jdcloud3_post_with_a_body_vector() {
    let headers = |authorization: &'static str| {
        [
            ("Host", "127.0.0.1:8080"),
            ("Content-Type", "application/json"),
            ("x-jdcloud-date", "20261124T130000Z"),
            ("x-jdcloud-nonce", JD_NONCE),
            ("Authorization", authorization),
        ]
    };
    let request = RecordedRequest::post(
        "/v1/regions/cn-north-1/disks",
        &headers(
            "JDCLOUD3-HMAC-SHA256 Credential=JDTESTKEY/20261124/cn-north-1/disk/jdcloud3_request, \
             SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, \
             Signature=23a828372ad2016bc70c6d3ba9c1b6ad96b91ec8d92cc55542d4f5e20665fa4c",
        ),
        r#"{"clientToken":"t-1","maxCount":1}"#,
    );
    let verified = verify::verify(Provider::JdCloud, "disk", &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(verified.action, "POST /v1/regions/cn-north-1/disks");
    let other_body =
        RecordedRequest { body: br#"{"clientToken":"t-1","maxCount":2}"#.to_vec(), ..request.clone() };
    assert_mismatch(verify::verify(Provider::JdCloud, "disk", &other_body, NOW));
    // Another service's server refuses the scope.
    let refused = verify::verify(Provider::JdCloud, "vm", &request, NOW);
    assert!(
        matches!(&refused, Err(Rejection::InvalidParameter { name, .. }) if name == "Authorization"),
        "{refused:?}"
    );
}

/// JDCLOUD3 signs the path decoded and re-encoded, `:` as `%3A`: the published vector of JD's
/// Python SDK signer tests (ak/sk, service apigatewaytestproductline, the path
/// `/v1/regions/cn-north-1/instances/中文:GET`, stated signature 936ed2dc…), sent as a client
/// sends the path, with the colon bare.
#[test]
fn jdcloud3_signs_the_path_re_encoded() {
    let request = RecordedRequest::get(
        "/v1/regions/cn-north-1/instances/%E4%B8%AD%E6%96%87:GET",
        "",
        &[
            ("Host", "apigw-internal-dev.cn-north-1.jcloudcs.com:8000"),
            ("Content-Type", "application/json"),
            ("x-jdcloud-date", "20190917T064708Z"),
            ("x-jdcloud-nonce", "X-Jdcloud-Nonce"),
            (
                "Authorization",
                "JDCLOUD3-HMAC-SHA256 Credential=ak/20190917/cn-north-1/apigatewaytestproductline/jdcloud3_request, \
                 SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, \
                 Signature=936ed2dcb6fb4271ad640e0f46f1fe61763a0bad8bb4f4eb1224261f969612fa",
            ),
        ],
    );
    let keys = support::provider::Keys { access_key: "ak", secret: "sk" };
    let at = datetime!(2019-09-17 06:47:08 UTC);
    jdcloud::verify(&request, keys, "apigatewaytestproductline", at)
        .expect("the published request is accepted");
    assert_eq!(
        jdcloud::canonical_path("//v1///disks/d-1%2A:detach", jdcloud::Generation::V3),
        "/v1/disks/d-1%2A%3Adetach"
    );
    assert_eq!(
        jdcloud::canonical_path("/v1/disks/d-1:detach", jdcloud::Generation::V2),
        "/v1/disks/d-1:detach"
    );
}

/// JDCLOUD2 signs the query's pairs sorted, whatever order they were sent in (as JD's SDK):
/// canonical `ids.1=a&ids.10=j&ids.2=b&pageNumber=1&status=ready`.
#[test]
fn jdcloud2_sorts_a_query_sent_out_of_order() {
    let request = RecordedRequest::get(
        JD_PATH,
        "status=ready&pageNumber=1&ids.1=a&ids.10=j&ids.2=b",
        &[
            ("Host", "127.0.0.1:8080"),
            ("Content-Type", "application/json"),
            ("x-jdcloud-date", "20261124T130000Z"),
            ("x-jdcloud-nonce", JD_NONCE),
            (
                "Authorization",
                "JDCLOUD2-HMAC-SHA256 Credential=JDTESTKEY/20261124/cn-north-1/vm/jdcloud2_request, \
                 SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, \
                 Signature=15c0ed54e6a9f3ac77b804d986db52b072741a703b7925d937f6e1b7aaa99bbe",
            ),
        ],
    );
    assert_eq!(
        jdcloud::canonical_query(&request.raw_query, jdcloud::Generation::V2),
        "ids.1=a&ids.10=j&ids.2=b&pageNumber=1&status=ready"
    );
    verify::verify(Provider::JdCloud, "vm", &request, NOW).expect("the hand-worked request is accepted");
}

#[test]
fn jdcloud_refuses_a_request_that_does_not_sign_host() {
    let request = jd_request(
        "JDCLOUD3-HMAC-SHA256 Credential=JDTESTKEY/20261124/cn-north-1/vm/jdcloud3_request, \
         SignedHeaders=content-type, Signature=00",
    );
    let result = verify::verify(Provider::JdCloud, Provider::JdCloud.default_service(), &request, NOW);
    assert!(
        matches!(&result, Err(Rejection::InvalidParameter { name, .. }) if name == "Authorization"),
        "got {result:?}"
    );
}

#[test]
fn unknown_access_keys_are_refused() {
    let query = qingcloud_query("HmacSHA256").replace("QYTESTKEY", "SOMEONEELSE");
    let request = RecordedRequest::get("/iaas/", &format!("{query}&signature=AAAA"), &[]);
    let result = verify::verify(Provider::QingCloud, Provider::QingCloud.default_service(), &request, NOW);
    assert_eq!(result, Err(Rejection::UnknownAccessKey("SOMEONEELSE".to_owned())));
}

// Tencent Cloud API 3.0

/// The official worked example of "签名方法 v3" (DescribeInstances, 1551113065, SecretKey
/// `Gu5t9xGARNpq86cd98joQYCN3EXAMPLE`): the document states the hashed canonical request
/// `5ffe6a04…` and the signature `72e494ea…`.
#[test]
fn tc3_published_vector() {
    let body = r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    let request = RecordedRequest::post(
        "/",
        &[("Content-Type", "application/json; charset=utf-8"), ("Host", "cvm.tencentcloudapi.com")],
        body,
    );
    let canonical =
        tencent_v3::canonical_request(&request, "content-type;host").expect("both headers were sent");
    let string_to_sign = tencent_v3::string_to_sign("1551113065", "2019-02-25", "cvm", &canonical);
    assert!(string_to_sign.ends_with("\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"));
    assert_eq!(
        tencent_v3::tc3_signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "cvm", &string_to_sign),
        "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
}

fn tc3_request(authorization: &str, timestamp: &str) -> RecordedRequest {
    RecordedRequest::post(
        "/",
        &[
            ("Host", "127.0.0.1:8080"),
            ("Content-Type", "application/json"),
            ("X-TC-Action", "DescribeKeyPairs"),
            ("X-TC-Version", "2017-03-12"),
            ("X-TC-Timestamp", timestamp),
            ("X-TC-Region", "ap-guangzhou"),
            ("Authorization", authorization),
        ],
        r#"{"Limit":1,"Filters":[{"Name":"key-name","Values":["中文"]}]}"#,
    )
}

const TC3_AUTHORIZATION: &str = "TC3-HMAC-SHA256 Credential=AKIDTEST/2026-11-24/cvm/tc3_request, \
    SignedHeaders=content-type;host, Signature=e5cf4dee68781b22ba595d28096497d122c83589c5f62f56047d3d1c24cf4349";

#[test]
fn tc3_vector() {
    let request = tc3_request(TC3_AUTHORIZATION, "1795525200");
    let verified = verify::verify(Provider::TencentV3, "cvm", &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!(
        (verified.algorithm.as_str(), verified.action.as_str()),
        ("TC3-HMAC-SHA256", "DescribeKeyPairs")
    );
    assert_expired(verify::verify(Provider::TencentV3, "cvm", &request, a_day_later()));
    let tampered = RecordedRequest {
        body: request.body.iter().map(|b| if *b == b'1' { b'2' } else { *b }).collect(),
        ..request
    };
    assert_mismatch(verify::verify(Provider::TencentV3, "cvm", &tampered, NOW));
    // The date in the credential must be the UTC date of the timestamp.
    let wrong_day = tc3_request(&TC3_AUTHORIZATION.replace("2026-11-24", "2026-11-25"), "1795525200");
    assert!(verify::verify(Provider::TencentV3, "cvm", &wrong_day, NOW).is_err());
}

/// API 3.0's v1: names sorted after `_` is written `.`; string to sign
/// "GET127.0.0.1:8080/?Action=DescribeKeyPairs&Key.Name=a b&KeyIds.0=skey-1&Nonce=48213
/// &Region=ap-guangzhou&SecretId=AKIDTEST&SignatureMethod=HmacSHA256&Timestamp=1795525200
/// &Version=2017-03-12".
#[test]
fn tencent_v3_v1_vector() {
    let request = RecordedRequest::get(
        "/",
        "Action=DescribeKeyPairs&Version=2017-03-12&Region=ap-guangzhou&Timestamp=1795525200&Nonce=48213\
         &SecretId=AKIDTEST&SignatureMethod=HmacSHA256&KeyIds.0=skey-1&Key_Name=a+b\
         &Signature=ul%2FBDZReSX11GnnP%2B5%2FjuGBaSRCPAvy0ir7dwtdwYF8%3D",
        &[("Host", "127.0.0.1:8080")],
    );
    let verified = verify::verify(Provider::TencentV3, "cvm", &request, NOW)
        .expect("the hand-worked request is accepted");
    assert_eq!((verified.algorithm.as_str(), verified.nonce.as_deref()), ("HmacSHA256", Some("48213")));
    let tampered = RecordedRequest { raw_query: request.raw_query.replace("skey-1", "skey-2"), ..request };
    assert_mismatch(verify::verify(Provider::TencentV3, "cvm", &tampered, NOW));
}
