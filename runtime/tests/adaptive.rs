//! The adaptive send rate through a whole client, on tokio's paused clock: a transport that takes
//! 10 ms of virtual time per answer notes when each attempt was sent, so the client's pace is
//! seen exactly, whatever the load of the machine running the test.

mod common;
mod faults;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::ALIYUN;
use faults::DescribeThing;
use tokio::time::Instant;
use yunapi_runtime::{BoxFuture, Client, Config, Credentials, Error, RetryPolicy, Transport};

/// Answers every attempt after 10 ms, throttling the first one sent two seconds or more after
/// the start; notes the second at which each attempt was sent.
#[derive(Clone)]
struct Throttles {
    start: Instant,
    sent: Arc<Mutex<Vec<Duration>>>,
}

impl Transport for Throttles {
    fn send(&self, _: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, Error>> {
        let at = self.start.elapsed();
        let throttle = {
            let mut sent = self.sent.lock().expect("sent");
            let first_after_two_seconds = sent.last().is_none_or(|last| *last < Duration::from_secs(2));
            sent.push(at);
            at >= Duration::from_secs(2) && first_after_two_seconds
        };
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(10)).await;
            let (status, body) = if throttle {
                (
                    400,
                    r#"{"RequestId":"t","Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#,
                )
            } else {
                (200, r#"{"RequestId":"r","TotalCount":1}"#)
            };
            Ok(http::Response::builder().status(status).body(body.as_bytes().to_vec()).expect("an answer"))
        })
    }
}

/// Sends one call after the other for 10 virtual seconds; the attempts sent in each second.
async fn attempts_per_second(adaptive: bool) -> Vec<usize> {
    let config = Config::default()
        .with_endpoint("http://127.0.0.1:9")
        .with_region("cn-hangzhou")
        .with_retry(RetryPolicy::new(3, Duration::from_millis(1), Duration::from_millis(5)))
        .with_adaptive_rate(adaptive);
    let transport = Throttles { start: Instant::now(), sent: Arc::default() };
    let client = Client::new(&ALIYUN, Credentials::new("AKID", "TOPSECRET"), config)
        .expect("a client")
        .with_transport(transport.clone());
    while transport.start.elapsed() < Duration::from_secs(10) {
        client.send(&DescribeThing { call: 0 }).await.expect("every call ends in an answer");
    }
    let sent = transport.sent.lock().expect("sent");
    (0..10).map(|second| sent.iter().filter(|at| at.as_secs() == second).count()).collect()
}

#[tokio::test(start_paused = true)]
async fn after_throttling_the_client_sends_more_slowly_then_speeds_up_again() {
    let adaptive = attempts_per_second(true).await;
    // 10 ms an answer: 100 attempts a second until the throttling answer at two seconds.
    assert_eq!(adaptive[1], 100, "{adaptive:?}");
    // Then 70% of that rate, growing back along the cubic curve...
    assert!(adaptive[2] < 90, "{adaptive:?}");
    assert!(adaptive[2] < adaptive[4] && adaptive[4] < adaptive[9], "{adaptive:?}");
    // ... until only the answers' own 10 ms set the pace again.
    assert_eq!(adaptive[9], 100, "{adaptive:?}");
}

#[tokio::test(start_paused = true)]
async fn without_the_adaptive_rate_throttling_only_delays_the_throttled_call() {
    let plain = attempts_per_second(false).await;
    assert_eq!(plain[1], 100, "{plain:?}");
    assert!(plain[2] >= 99, "{plain:?}");
}
