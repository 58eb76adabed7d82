//! Client::send against a scripted server on 127.0.0.1: retries, error envelopes, bad answers,
//! size limits and timeouts.

mod common;

use std::time::Duration;

use common::{ALIYUN, DescribeImages, QINGCLOUD, Reply, Server, page};
use yunapi_runtime::{Client, Config, Credentials, Error, RetryPolicy};

/// Retries quickly so the tests stay fast; the backoff itself is unit-tested in retry.rs.
fn fast_retries(n: u32) -> RetryPolicy {
    RetryPolicy::new(n, Duration::from_millis(1), Duration::from_millis(5))
}

fn client(provider: &'static yunapi_runtime::Provider, server: &Server, config: Config) -> Client {
    let config = config.with_endpoint(&server.url()).with_region("pek3a");
    Client::new(provider, Credentials::new("AKID", "TOPSECRET"), config).unwrap()
}

fn op() -> DescribeImages {
    DescribeImages { images: vec!["img-1".into()], ..DescribeImages::default() }
}

#[tokio::test]
async fn success_is_decoded_and_the_request_is_signed() {
    let server = Server::start(vec![Reply::ok(page(&["img-1"], Some(1)))]).await;
    let answer = client(&QINGCLOUD, &server, Config::default()).send(&op()).await.unwrap();
    assert_eq!(answer.image_set[0].image_id, "img-1");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].starts_with("GET /iaas/?access_key_id=AKID&action=DescribeImages&images.1=img-1"));
    assert!(requests[0].contains("&zone=pek3a&signature="), "{}", requests[0]);
}

#[tokio::test]
async fn throttling_and_5xx_are_retried_until_success() {
    let throttled = Reply::ok(r#"{"ret_code":2500,"message":"QuotaExceeded, api request too frequently"}"#);
    let server =
        Server::start(vec![throttled, Reply::status(503, "busy"), Reply::ok(page(&["img-1"], Some(1)))])
            .await;
    let config = Config::default().with_retry(fast_retries(3));
    let answer = client(&QINGCLOUD, &server, config).send(&op()).await.unwrap();
    assert_eq!(answer.image_set.len(), 1);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retries_are_bounded() {
    let server = Server::start(vec![Reply::status(500, "oops")]).await;
    let config = Config::default().with_retry(fast_retries(2));
    let err = client(&QINGCLOUD, &server, config).send(&op()).await.unwrap_err();
    assert!(matches!(err, Error::Status { status: 500, .. }), "{err:?}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_4xx_that_retrying_cannot_fix_is_not_retried() {
    let body = r#"{"RequestId":"7463B73D-35CC-4D19","HostId":"ecs.aliyuncs.com","Code":"InvalidParamter","Message":"Invalid Parameter"}"#;
    let server = Server::start(vec![Reply::status(400, body), Reply::ok("{}")]).await;
    let config = Config::default().with_retry(fast_retries(3));
    let err = client(&ALIYUN, &server, config).send(&op()).await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidParamter"));
    assert_eq!(err.request_id(), Some("7463B73D-35CC-4D19"));
    assert_eq!(err.http_status(), Some(400));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn qingcloud_error_in_a_200_answer_is_an_api_error() {
    let server =
        Server::start(vec![Reply::ok(r#"{"ret_code":1200,"message":"AuthFailure, signature not matched"}"#)])
            .await;
    let err = client(&QINGCLOUD, &server, Config::default()).send(&op()).await.unwrap_err();
    match err {
        Error::Api(api) => {
            assert_eq!((api.code.as_str(), api.http_status), ("1200", 200));
            assert!(api.message.contains("signature not matched"));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn connection_errors_are_retried_then_reported() {
    // A port nobody listens on: bind, note it, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config =
        Config::default().with_endpoint(&format!("http://127.0.0.1:{port}")).with_retry(fast_retries(1));
    let client = Client::new(&QINGCLOUD, Credentials::new("AKID", "TOPSECRET"), config).unwrap();
    let err = client.send(&op()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { connect: true, .. }), "{err:?}");
    assert!(err.to_string().contains(&format!("127.0.0.1:{port}/iaas/")), "{err}");
}

#[tokio::test]
async fn malformed_and_truncated_answers_are_decode_errors() {
    for body in [
        "{\"ret_code\":0,\"image_set\":[{\"image_id\":",
        "<html>not json</html>",
        "{\"ret_code\":0,\"image_set\":7}",
    ] {
        let server = Server::start(vec![Reply::ok(body)]).await;
        let err = client(&QINGCLOUD, &server, Config::default()).send(&op()).await.unwrap_err();
        match &err {
            Error::Decode { action, snippet, .. } => {
                assert_eq!(*action, "DescribeImages");
                assert!(body.starts_with(snippet.trim_end_matches('…')), "{snippet}");
            }
            other => panic!("{body}: expected a decode error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn deeply_nested_answer_does_not_overflow_the_stack() {
    let depth = 200_000;
    // In a field the answer type does not know, serde_json skips the value without recursing.
    let skipped = format!(r#"{{"ret_code":0,"unknown":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
    // In a field it decodes, serde_json's recursion limit turns the nesting into an error.
    let decoded = format!(
        r#"{{"ret_code":0,"image_set":[{{"image_id":{}{}}}]}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let server = Server::start(vec![Reply::ok(skipped), Reply::ok(decoded)]).await;
    let client = client(&QINGCLOUD, &server, Config::default());
    let answer = client.send(&op()).await.unwrap();
    assert!(answer.image_set.is_empty());
    let err = client.send(&op()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn an_announced_over_limit_answer_is_refused_before_reading() {
    let server = Server::start(vec![Reply::ClaimsLength(200 * 1024 * 1024)]).await;
    let config =
        Config::default().with_max_response_bytes(100 * 1024 * 1024).with_timeout(Duration::from_secs(60));
    let err = client(&QINGCLOUD, &server, config).send(&op()).await.unwrap_err();
    assert!(matches!(err, Error::TooLarge { limit, .. } if limit == 100 * 1024 * 1024), "{err:?}");
}

#[tokio::test]
async fn an_endless_answer_is_refused_at_the_limit_while_streaming() {
    // The body never ends, so reading it whole is impossible: only a limit checked while streaming
    // can end this call (the generous timeout is a safety net, not the expected outcome).
    let server = Server::start(vec![Reply::Endless]).await;
    let limit = 100 * 1024 * 1024;
    let config = Config::default().with_max_response_bytes(limit).with_timeout(Duration::from_secs(120));
    let err = client(&QINGCLOUD, &server, config).send(&op()).await.unwrap_err();
    assert!(matches!(err, Error::TooLarge { limit: l, .. } if l == limit), "{err:?}");
    assert!(err.to_string().contains("with_max_response_bytes"));
}

#[tokio::test]
async fn a_server_that_never_finishes_hits_the_timeout() {
    for reply in [Reply::Hang, Reply::ClaimsLength(10)] {
        let server = Server::start(vec![reply.clone()]).await;
        let config = Config::default().with_timeout(Duration::from_millis(300)).with_retry(fast_retries(2));
        let err = client(&QINGCLOUD, &server, config).send(&op()).await.unwrap_err();
        assert!(matches!(err, Error::Timeout { .. }), "{reply:?}: {err:?}");
        assert!(err.to_string().contains("Config::with_timeout"));
        // A timeout is not retried: the server may still be working on the request.
        assert_eq!(server.requests().len(), 1);
    }
}

#[tokio::test]
async fn validation_fails_before_anything_is_sent() {
    let server = Server::start(vec![Reply::ok(page(&[], Some(0)))]).await;
    let bad = DescribeImages { limit: Some(1000), ..op() };
    let err = client(&QINGCLOUD, &server, Config::default()).send(&bad).await.unwrap_err();
    match err {
        Error::Validation(v) => assert!(v.mentions("limit")),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_unchecked_request_is_sent_without_the_pages_checks() {
    let server = Server::start(vec![Reply::ok(page(&["img-1"], Some(1)))]).await;
    let unchecked = DescribeImages { limit: Some(1000), unchecked: true, ..op() };
    let answer = client(&QINGCLOUD, &server, Config::default()).send(&unchecked).await.unwrap();
    assert_eq!(answer.image_set.len(), 1);
    assert!(server.requests()[0].contains("&limit=1000&"), "{}", server.requests()[0]);
}

#[tokio::test]
async fn an_answer_by_name_comes_as_json_once_it_decodes_into_its_type() {
    let server = Server::start(vec![
        Reply::ok(page(&["img-1"], Some(1))),
        Reply::ok(r#"{"ret_code":0,"image_set":[{"image_id":7}]}"#),
    ])
    .await;
    let client = client(&QINGCLOUD, &server, Config::default());
    let json = client.send_dyn_json(&op()).await.unwrap();
    assert_eq!(json["image_set"][0]["image_id"], "img-1");
    assert_eq!(json["total_count"], 1);
    // An image id that is a number is no answer of the API: its typed answer refuses it.
    let err = client.send_dyn_json(&op()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}
