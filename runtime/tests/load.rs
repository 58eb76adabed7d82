//! One client under load: 2,000 calls, 64 at a time, through clones of one client, against a
//! server on 127.0.0.1 that throttles 10% of the attempts, fails 5% with a 5xx, drops 2% of the
//! connections after reading the request and answers 3% too late. Half the calls create with an
//! idempotency token, half describe without one.
//!
//! The assertions are counts and invariants of what the client returned and what the server saw,
//! never times, so that a loaded machine cannot make them fail: a slower machine only turns more
//! answers into timeouts, which every invariant allows for.

mod common;
mod faults;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use common::ALIYUN;
use faults::{CreateThing, DescribeThing, Fault, Ledger, Server};
use futures_util::StreamExt;
use yunapi_runtime::{Client, Config, Credentials, Error, ErrorKind, RetryPolicy, RetryQuota};

const CALLS: u64 = 2000;
const AT_ONCE: usize = 64;
const MAX_RETRIES: u32 = 3;
/// Small enough that the run spends it: about a fifth of the attempts fail.
const QUOTA: u32 = 200;
/// The default prices of a retry: after throttling or a 5xx, and after an unanswered attempt.
const RETRY_COST: u64 = 5;
const TIMEOUT_RETRY_COST: u64 = 10;

/// The fault of each attempt, from a hash of the call and the attempt so that every run is the
/// same: 10% throttled, 5% 5xx, 2% dropped, 3% late.
fn stressed(call: u64, attempt: usize) -> Fault {
    match mix(call << 8 | attempt as u64) % 100 {
        0..10 => Fault::Throttle,
        10..15 => Fault::ServerError,
        15..17 => Fault::Drop,
        17..20 => Fault::Late,
        _ => Fault::Answer,
    }
}

/// splitmix64's finalizer: neighbouring inputs give unrelated outputs.
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn client(server: &Server, quota: RetryQuota) -> Client {
    let config = Config::default()
        .with_endpoint(&server.url())
        .with_region("cn-hangzhou")
        .with_timeout(Duration::from_millis(250))
        .with_retry(RetryPolicy::new(MAX_RETRIES, Duration::from_millis(1), Duration::from_millis(10)))
        .with_retry_quota(quota);
    Client::new(&ALIYUN, Credentials::new("AKID", "TOPSECRET"), config).expect("a client")
}

/// Even calls create (with a token), odd ones describe (without).
fn creates(call: u64) -> bool {
    call.is_multiple_of(2)
}

/// Runs `calls` calls, `AT_ONCE` at a time, each on its own task with its own clone of `client`:
/// the created id or the count described, or the error, by call.
async fn run(client: &Client, calls: u64) -> BTreeMap<u64, Result<String, Error>> {
    let all = futures_util::stream::iter(0..calls)
        .map(|call| {
            let client = client.clone();
            tokio::spawn(async move {
                let outcome = if creates(call) {
                    client.send(&CreateThing { call, client_token: None }).await.map(|c| c.instance_id)
                } else {
                    client.send(&DescribeThing { call }).await.map(|d| d.total.to_string())
                };
                (call, outcome)
            })
        })
        .buffer_unordered(AT_ONCE)
        .map(|joined| joined.expect("no call panics"))
        .collect();
    // A safety net that turns a hang into a failure; the run takes a few seconds.
    tokio::time::timeout(Duration::from_secs(300), all).await.expect("no call hangs")
}

/// The least the quota can have paid for the retries the server saw: a retry after an attempt
/// the server throttled or failed cost at least the plain price, any other the timeout price.
fn least_spent(ledger: &Ledger) -> u64 {
    ledger
        .attempts
        .values()
        .flat_map(|attempts| attempts.windows(2))
        .map(|pair| match pair[0].fault {
            Fault::Throttle | Fault::ServerError => RETRY_COST,
            _ => TIMEOUT_RETRY_COST,
        })
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_calls_at_once_each_end_in_an_answer_or_a_typed_error() {
    let server = Server::start(stressed).await;
    let outcomes = run(&client(&server, RetryQuota::new(QUOTA)), CALLS).await;
    let ledger = server.ledger();

    // None is lost: every call returned, reached the server, and was tried at most 1 + 3 times.
    assert_eq!(outcomes.len() as u64, CALLS);
    assert_eq!(ledger.attempts.len() as u64, CALLS);
    assert!(ledger.requests() >= CALLS as usize);
    for (call, attempts) in &ledger.attempts {
        assert!(attempts.len() <= 1 + MAX_RETRIES as usize, "call {call}: {attempts:?}");
    }

    // Each ends in a success or an error that says what happened, and agrees with the server.
    for (call, outcome) in &outcomes {
        let last = ledger.attempts[call].last().expect("an attempt").fault;
        match outcome {
            Ok(_) => assert!(matches!(last, Fault::Answer | Fault::Late), "call {call}: {last:?}"),
            Err(error @ Error::Api(_)) => {
                assert!(matches!(error.kind(), ErrorKind::Throttling | ErrorKind::ServerError), "{error}");
                assert!(matches!(last, Fault::Throttle | Fault::ServerError), "call {call}: {error}");
            }
            Err(error) => assert!(
                matches!(error, Error::Timeout { .. } | Error::Transport { connect: false, .. }),
                "call {call}: {error:?}"
            ),
        }
    }

    // With a token: the same token on every attempt of a call, another for each call, and each
    // create performed once, answered with what was created.
    let mut tokens = BTreeSet::new();
    let mut retried_after_a_lost_answer = 0;
    for call in (0..CALLS).filter(|c| creates(*c)) {
        let attempts = &ledger.attempts[&call];
        let token = attempts[0].token.clone().expect("the client fills the token");
        assert!(attempts.iter().all(|a| a.token.as_ref() == Some(&token)), "call {call}: {attempts:?}");
        assert!(tokens.insert(token), "call {call} reuses another call's token");
        let created = ledger.created.get(&call).map(Vec::as_slice).unwrap_or_default();
        assert!(created.len() <= 1, "call {call} created {created:?}");
        if let Ok(id) = &outcomes[&call] {
            assert_eq!(created, std::slice::from_ref(id), "call {call}");
        }
        let lost = |fault: Fault| matches!(fault, Fault::Drop | Fault::Late);
        retried_after_a_lost_answer += attempts.windows(2).filter(|pair| lost(pair[0].fault)).count();
    }
    assert!(retried_after_a_lost_answer > 0, "timeouts and dropped connections are retried with a token");

    // Without a token: once the server acted on an attempt (answered, dropped it, or answered
    // too late), the call is never sent again; only throttled and failed attempts are retried.
    for call in (0..CALLS).filter(|c| !creates(*c)) {
        let attempts = &ledger.attempts[&call];
        assert!(attempts.iter().all(|a| a.token.is_none()));
        let retried = &attempts[..attempts.len() - 1];
        assert!(
            retried.iter().all(|a| matches!(a.fault, Fault::Throttle | Fault::ServerError)),
            "call {call} was sent again after it reached the server: {attempts:?}"
        );
    }

    // The quota: no retry beyond what it held and what successes put back (1 each), and it did
    // run out, so some calls ended on a retryable failure with retries left.
    let spent = least_spent(&ledger);
    assert!(spent <= u64::from(QUOTA) + ledger.successes, "{spent} spent of {QUOTA} + {}", ledger.successes);
    let stopped_early = outcomes
        .iter()
        .filter(|(call, outcome)| {
            let retries_left = ledger.attempts[*call].len() <= MAX_RETRIES as usize;
            let retryable = outcome.as_ref().err().is_some_and(|e| e.kind().is_retryable(creates(**call)));
            retries_left && retryable
        })
        .count();
    assert!(stopped_early > 0, "the quota never ran out");

    // Connections are pooled: fewer than half the requests (about one in fifteen here), though
    // every drop and timeout ends one.
    assert!(
        ledger.connections * 2 < ledger.requests() as u64,
        "{} connections for {} requests",
        ledger.connections,
        ledger.requests()
    );
}

fn failing(_: u64, _: usize) -> Fault {
    Fault::ServerError
}

fn dropping(_: u64, _: usize) -> Fault {
    Fault::Drop
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_retry_is_sent_once_the_quota_is_spent() {
    // Nothing succeeds, so nothing refills: 50 tokens pay for exactly ten retries after 5xx
    // answers (5 each), and for five after dropped connections (10 each), which only the creates
    // (with a token) ask for.
    for (plan, retries) in [(failing as faults::Plan, 10), (dropping, 5)] {
        let server = Server::start(plan).await;
        let outcomes = run(&client(&server, RetryQuota::new(50)), 100).await;
        assert!(outcomes.values().all(Result::is_err));
        assert_eq!(server.ledger().requests(), 100 + retries);
    }
}
