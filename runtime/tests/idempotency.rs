//! Retries after the request may have reached the server: a call with an idempotency token is
//! retried after a timeout or a dropped connection and carries the same token each time, so the
//! provider acts once; a call without one is never sent again; a call whose request never reached
//! the server is retried either way. Against the fault server of tests/faults on 127.0.0.1.

mod common;
mod faults;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::ALIYUN;
use faults::{CreateThing, DescribeThing, Fault, Server};
use yunapi_runtime::{BoxFuture, Client, Config, Credentials, Error, ErrorKind, RetryPolicy, Transport};

fn client(url: &str) -> Client {
    let config = Config::default()
        .with_endpoint(url)
        .with_region("cn-hangzhou")
        .with_timeout(Duration::from_millis(300))
        .with_retry(RetryPolicy::new(3, Duration::from_millis(1), Duration::from_millis(5)));
    Client::new(&ALIYUN, Credentials::new("AKID", "TOPSECRET"), config).expect("a client")
}

/// Call 0 loses its first answer to a dropped connection, call 1 to a late answer; each attempt
/// after that is answered.
fn first_attempt_lost(call: u64, attempt: usize) -> Fault {
    match (call, attempt) {
        (_, 1..) => Fault::Answer,
        (0, 0) => Fault::Drop,
        _ => Fault::Late,
    }
}

#[tokio::test]
async fn a_call_with_a_token_is_retried_with_the_same_token_and_acts_once() {
    let server = Server::start(first_attempt_lost).await;
    let client = client(&server.url());
    for call in [0, 1] {
        let created = client.send(&CreateThing { call, client_token: None }).await.expect("retried");
        let ledger = server.ledger();
        let attempts = &ledger.attempts[&call];
        // Two attempts, or more if a slow machine lets the answered one time out as well.
        assert!(attempts.len() >= 2, "call {call}: {attempts:?}");
        let token = attempts[0].token.as_deref().expect("the client fills the token");
        assert_eq!(token.len(), 36, "a UUID: {token}");
        assert!(attempts.iter().all(|a| a.token.as_deref() == Some(token)), "the same token: {attempts:?}");
        assert_eq!(ledger.created[&call], [created.instance_id], "created once, and answered with it");
    }
    let ledger = server.ledger();
    assert_ne!(ledger.attempts[&0][0].token, ledger.attempts[&1][0].token, "each call has its own token");
}

#[tokio::test]
async fn a_token_the_caller_sets_is_sent_on_every_attempt() {
    let server = Server::start(first_attempt_lost).await;
    let op = CreateThing { call: 0, client_token: Some("caller-chose-this".into()) };
    client(&server.url()).send(&op).await.expect("retried");
    let ledger = server.ledger();
    let attempts = &ledger.attempts[&0];
    assert!(attempts.len() >= 2, "{attempts:?}");
    assert!(attempts.iter().all(|a| a.token.as_deref() == Some("caller-chose-this")), "{attempts:?}");
}

#[tokio::test]
async fn a_call_without_a_token_is_not_sent_again_once_it_reached_the_server() {
    let server = Server::start(first_attempt_lost).await;
    let client = client(&server.url());
    let dropped = client.send(&DescribeThing { call: 0 }).await.expect_err("the connection is dropped");
    assert!(matches!(dropped, Error::Transport { connect: false, .. }), "{dropped:?}");
    assert!(dropped.to_string().contains("the server may have acted on it"), "{dropped}");
    let late = client.send(&DescribeThing { call: 1 }).await.expect_err("the answer is late");
    assert!(matches!(late, Error::Timeout { .. }), "{late:?}");
    for error in [&dropped, &late] {
        assert_eq!(error.kind(), ErrorKind::Unanswered);
    }
    let ledger = server.ledger();
    assert_eq!(ledger.attempts[&0].len(), 1);
    assert_eq!(ledger.attempts[&1].len(), 1);
}

/// The `ClientToken` of a query string.
fn client_token(query: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "ClientToken").map(|(_, v)| v.into_owned())
}

/// A transport that can never connect, noting the query of each request it was asked to send.
#[derive(Clone, Default)]
struct Unreachable {
    queries: Arc<Mutex<Vec<String>>>,
}

impl Transport for Unreachable {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, Error>> {
        self.queries.lock().expect("queries").push(request.uri().query().unwrap_or_default().to_owned());
        Box::pin(async {
            Err(Error::Transport {
                url: "http://127.0.0.1:9/".into(),
                message: "connection refused".into(),
                connect: true,
            })
        })
    }
}

#[tokio::test]
async fn a_request_that_never_reached_the_server_is_retried_with_or_without_a_token() {
    let unreachable = Unreachable::default();
    let client = client("http://127.0.0.1:9").with_transport(unreachable.clone());
    let error = client.send(&DescribeThing { call: 0 }).await.expect_err("never connects");
    assert_eq!(error.kind(), ErrorKind::NotSent);
    assert!(error.to_string().contains("the request never reached the server"), "{error}");
    let sent = || unreachable.queries.lock().expect("queries").len();
    assert_eq!(sent(), 4, "the first attempt and three retries");
    client.send(&CreateThing { call: 1, client_token: None }).await.expect_err("never connects");
    assert_eq!(sent(), 8);
    let queries = unreachable.queries.lock().expect("queries");
    assert!(queries[..4].iter().all(|q| client_token(q).is_none()), "no token for an API without one");
    let first = client_token(&queries[4]).expect("a token");
    assert!(queries[4..].iter().all(|q| client_token(q).as_ref() == Some(&first)), "{queries:?}");
}

#[test]
fn prepare_fills_a_fresh_token_and_prepare_with_leaves_it_to_the_caller() {
    let config = Config::default().with_region("cn-hangzhou");
    let client = Client::new(&ALIYUN, Credentials::new("AKID", "TOPSECRET"), config).expect("a client");
    let token = |request: &http::Request<Vec<u8>>| client_token(request.uri().query().unwrap_or_default());
    let op = CreateThing { call: 0, client_token: None };
    let first = token(&client.prepare(&op).expect("prepared")).expect("a fresh token");
    let second = token(&client.prepare(&op).expect("prepared")).expect("a fresh token");
    assert_ne!(first, second, "each prepared request is another call");
    let fixed = yunapi_runtime::SigningInput::new(time::macros::datetime!(2026-11-24 08:00 UTC), "4520");
    assert_eq!(token(&client.prepare_with(&op, &fixed).expect("prepared")), None, "reproducible");
    let mine = CreateThing { call: 0, client_token: Some("mine".into()) };
    assert_eq!(token(&client.prepare(&mine).expect("prepared")).as_deref(), Some("mine"));
}
