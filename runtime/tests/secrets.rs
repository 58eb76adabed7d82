//! The secret never leaves the signer: not in tracing output, errors or Debug, even when a call
//! fails after retries.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{DescribeImages, QINGCLOUD, Reply, Server};
use yunapi_runtime::{Client, Config, Credentials, RetryPolicy};

const SECRET: &str = "SECRET-abc123-DO-NOT-LEAK";

/// A `MakeWriter` target collecting everything the subscriber writes.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_call_never_shows_the_secret() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (error, debug) = tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let server = Server::start(vec![
                Reply::status(503, "busy"),
                Reply::ok(r#"{"ret_code":1200,"message":"AuthFailure, signature not matched"}"#),
            ])
            .await;
            let config = Config::default()
                .with_endpoint(&server.url())
                .with_region("pek3a")
                .with_retry(RetryPolicy::new(2, Duration::from_millis(1), Duration::from_millis(2)));
            let client = Client::new(&QINGCLOUD, Credentials::new("AKID", SECRET), config).unwrap();
            let error = client.send(&DescribeImages::default()).await.unwrap_err();
            (format!("{error} {error:?}"), format!("{client:?}"))
        })
    });
    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    // The capture works: the retry and the failure were logged.
    assert!(logs.contains("retrying") && logs.contains("failed"), "{logs}");
    assert!(error.contains("1200"), "{error}");
    for (what, text) in [("logs", &logs), ("error", &error), ("client Debug", &debug)] {
        assert!(!text.contains(SECRET), "the secret appears in the {what}: {text}");
    }
}
