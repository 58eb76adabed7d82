//! The test server itself: routing, verdicts, scripted replies and the answers it serves, checked
//! with raw HTTP/1.1 requests so that the end-to-end tests can trust it.
//!
//! The requests here are signed with the server's own verifier functions: these tests check the
//! server's plumbing, not the signature schemes (tests/server_verify.rs does that).

mod support;

use serde_json::Value;
use support::answers::{self, ApiError};
use support::provider::Provider;
use support::server::{Reply, TestServer};
use support::verify::{qingcloud, rfc3986};
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A correctly signed QingCloud DescribeImages query with `extra` parameters, signed now.
fn signed_qingcloud_query(extra: &[(&str, &str)]) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    let now = OffsetDateTime::now_utc().format(format).expect("the format has only numeric parts");
    let keys = Provider::QingCloud.keys();
    let mut params: Vec<(String, String)> = [
        ("action", "DescribeImages"),
        ("zone", "pek3a"),
        ("time_stamp", now.as_str()),
        ("access_key_id", keys.access_key),
        ("version", "1"),
        ("signature_method", "HmacSHA256"),
        ("signature_version", "1"),
    ]
    .iter()
    .chain(extra)
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    params.sort();
    let signature =
        qingcloud::signature("HmacSHA256", keys.secret, &qingcloud::string_to_sign("GET", "/iaas/", &params));
    format!("{}&signature={}", qingcloud::canonical_query(&params), rfc3986(&signature))
}

/// Sends `GET path?query` and returns the status and body of the answer.
async fn get(server: &TestServer, path_and_query: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(server.addr()).await.expect("the server accepts connections");
    let request =
        format!("GET {path_and_query} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.addr());
    stream.write_all(request.as_bytes()).await.expect("the request is written");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("the answer is read");
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("the answer has a header block");
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    assert!(!head.to_ascii_lowercase().contains("transfer-encoding: chunked"), "whole answers only: {head}");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    (status, answer[split + 4..].to_vec())
}

fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("the answer is JSON")
}

#[test]
fn every_example_answer_is_taken_from_its_page() {
    for provider in Provider::SEEDS {
        let answer = answers::example_json(provider);
        let shape = provider.shape();
        let items = answer.pointer(&format!("/{}", shape.items.join("/"))).and_then(Value::as_array);
        let first = items.and_then(|items| items.first()).unwrap_or_else(|| panic!("{provider:?}: no image"));
        assert!(first[shape.id].as_str().is_some_and(|id| !id.is_empty()), "{provider:?}: {first}");
        assert!(answer.pointer(&format!("/{}", shape.total.join("/"))).is_some_and(Value::is_u64));
    }
    assert_eq!(answers::example_json(Provider::Aliyun)["RequestId"], "66189103-EDB2-43E2-BB60-BFF2B62F4EB8");
    assert_eq!(answers::example_json(Provider::Tencent)["imageSet"][0]["unImgId"], "img-1234test");
}

#[tokio::test]
async fn a_good_request_gets_the_example_and_a_bad_one_the_envelope() {
    let server = TestServer::start(Provider::QingCloud).await;
    server.script([Reply::Status(503)]);

    let bad = signed_qingcloud_query(&[]).replace("zone=pek3a", "zone=pek3b");
    let (status, body) = get(&server, &format!("/iaas/?{bad}")).await;
    assert_eq!(status, 200);
    assert_eq!(json(&body)["ret_code"], 1200, "QingCloud reports a bad signature as 1200");

    // The refused request consumed no scripted reply.
    let (status, _) = get(&server, &format!("/iaas/?{}", signed_qingcloud_query(&[]))).await;
    assert_eq!(status, 503);
    let (status, body) = get(&server, &format!("/iaas/?{}", signed_qingcloud_query(&[]))).await;
    assert_eq!((status, body), (200, answers::example_answer(Provider::QingCloud).into_bytes()));

    let verdicts: Vec<bool> = server.received().iter().map(|r| r.verdict.is_ok()).collect();
    assert_eq!(verdicts, [false, true, true]);
    let (status, _) = get(&server, "/elsewhere").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn scripted_faults_are_served_in_order() {
    let server = TestServer::start(Provider::QingCloud).await;
    let sample = ApiError::sample(Provider::QingCloud, "unused");
    server.script([
        Reply::Throttled,
        Reply::Error(sample.clone()),
        Reply::Raw { status: 200, body: answers::truncated_example(Provider::QingCloud) },
        Reply::Nested { depth: 3 },
    ]);
    let mut bodies = Vec::new();
    for _ in 0..4 {
        let (status, body) = get(&server, &format!("/iaas/?{}", signed_qingcloud_query(&[]))).await;
        assert_eq!(status, 200);
        bodies.push(body);
    }
    assert_eq!(json(&bodies[0])["ret_code"], 2500);
    assert_eq!(String::from_utf8_lossy(&bodies[1]), sample.render().1);
    assert!(serde_json::from_slice::<Value>(&bodies[2]).is_err(), "a truncated answer is not JSON");
    assert_eq!(json(&bodies[3])["deep"], serde_json::json!([[[]]]));
}

#[tokio::test]
async fn pages_follow_the_requested_offset_and_limit() {
    let server = TestServer::start(Provider::QingCloud).await;
    server.set_default(Reply::Pages { items: 25, total: 25 });
    let query = signed_qingcloud_query(&[("offset", "20"), ("limit", "10")]);
    let (_, body) = get(&server, &format!("/iaas/?{query}")).await;
    let answer = json(&body);
    let ids: Vec<&str> = answer["image_set"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|i| i["image_id"].as_str())
        .collect();
    let expected: Vec<String> = (20..25).map(answers::catalogue_id).collect();
    assert_eq!(ids, expected);
    assert_eq!(answer["total_count"], 25);
}

#[test]
fn every_provider_has_an_error_and_a_throttling_envelope() {
    for provider in Provider::ALL {
        for error in [ApiError::sample(provider, "RID-1"), ApiError::throttling(provider, "RID-1")] {
            let (status, body) = error.render();
            let body: Value = serde_json::from_str(&body).expect("envelopes are JSON");
            match provider {
                Provider::QingCloud | Provider::QingCloudPrivate => {
                    assert_eq!(status, 200);
                    assert!(body["ret_code"].as_i64().is_some_and(|c| c != 0));
                }
                Provider::Tencent => {
                    assert_eq!(status, 200);
                    assert!(body["code"].as_i64().is_some_and(|c| c != 0));
                }
                Provider::Aliyun => {
                    assert!(status >= 400);
                    assert_eq!(body["RequestId"], "RID-1");
                }
                Provider::JdCloud => {
                    assert!(status >= 400);
                    assert_eq!(body["requestId"], "RID-1");
                    assert!(body["error"]["status"].is_string());
                }
                Provider::TencentV3 => {
                    assert_eq!(status, 200);
                    assert_eq!(body["Response"]["RequestId"], "RID-1");
                    assert!(body["Response"]["Error"]["Code"].is_string());
                }
            }
        }
    }
}
