//! A keep-alive HTTP/1.1 server on 127.0.0.1 that plays a provider under stress, and two
//! hand-written Alibaba-style operations: `CreateThing`, which names an idempotency token, and
//! `DescribeThing`, which does not.
//!
//! Each request carries its call number (`Call`). A fault plan decides, by call and attempt, what
//! the server does: answer, throttle, fail with a 5xx, drop the connection after reading the
//! request, or answer only after the client has given up. A create that reaches the server is
//! performed (even when its answer is then dropped or late), once per token, as a provider with
//! idempotency tokens does. The server keeps a ledger of every attempt and every create.

// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use yunapi_runtime::{Operation, Params, ValidationErrors};

/// How long a late answer waits: far past the timeout the tests give their clients.
pub const LATE: Duration = Duration::from_secs(3);

/// What the server does with one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A successful answer at once.
    Answer,
    /// Alibaba's throttling answer (HTTP 400, `Throttling.User`).
    Throttle,
    /// HTTP 500, `InternalError`.
    ServerError,
    /// Reads the request, acts on it, and closes the connection without answering.
    Drop,
    /// Acts on the request and answers after [`LATE`].
    Late,
}

impl Fault {
    /// True when the server acted on the request (a create was performed).
    pub fn acted(self) -> bool {
        matches!(self, Fault::Answer | Fault::Drop | Fault::Late)
    }
}

/// The fault for attempt `attempt` (0-based) of call `call`.
pub type Plan = fn(call: u64, attempt: usize) -> Fault;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub action: String,
    pub token: Option<String>,
    pub fault: Fault,
}

/// What the server saw and did.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Every attempt of each call, in the order they arrived.
    pub attempts: BTreeMap<u64, Vec<Attempt>>,
    /// The ids of the things each call created.
    pub created: BTreeMap<u64, Vec<String>>,
    /// Successful answers sent, late ones included.
    pub successes: u64,
    /// Connections accepted.
    pub connections: u64,
    /// The thing created for each token.
    by_token: BTreeMap<String, String>,
}

impl Ledger {
    /// Every request received.
    pub fn requests(&self) -> usize {
        self.attempts.values().map(Vec::len).sum()
    }

    /// Records an attempt and performs it; returns the fault and the id to answer with.
    fn take(&mut self, plan: Plan, call: u64, action: &str, token: Option<String>) -> (Fault, String) {
        let attempts = self.attempts.entry(call).or_default();
        let fault = plan(call, attempts.len());
        attempts.push(Attempt { action: action.to_owned(), token: token.clone(), fault });
        let mut id = String::new();
        if action == "CreateThing" && fault.acted() {
            let fresh = format!("i-{call}-{}", attempts.len());
            id = match token {
                Some(token) => self.by_token.entry(token).or_insert(fresh).clone(),
                None => fresh,
            };
            let created = self.created.entry(call).or_default();
            if !created.contains(&id) {
                created.push(id.clone());
            }
        }
        if matches!(fault, Fault::Answer | Fault::Late) {
            self.successes += 1;
        }
        (fault, id)
    }
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub ledger: Arc<Mutex<Ledger>>,
}

impl Server {
    /// Serves every request by `plan`, keeping connections alive between answers.
    pub async fn start(plan: Plan) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let shared = ledger.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                shared.lock().expect("ledger").connections += 1;
                let ledger = shared.clone();
                let service = service_fn(move |request| answer(request, plan, ledger.clone()));
                tokio::spawn(async move {
                    // A dropped answer ends the connection with an error: expected, not a failure.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server { addr, ledger }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The ledger so far.
    pub fn ledger(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().expect("ledger")
    }
}

/// Ends a connection without an answer: hyper closes a connection whose service fails.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

async fn answer(
    request: Request<hyper::body::Incoming>,
    plan: Plan,
    ledger: Arc<Mutex<Ledger>>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let query: BTreeMap<String, String> =
        form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes()).into_owned().collect();
    let action = query.get("Action").cloned().unwrap_or_default();
    let call = query.get("Call").and_then(|c| c.parse().ok()).unwrap_or(u64::MAX);
    let token = query.get("ClientToken").cloned();
    let (fault, id) = ledger.lock().expect("ledger").take(plan, call, &action, token);
    let success = if action == "CreateThing" {
        format!(r#"{{"RequestId":"r-{call}","InstanceId":"{id}"}}"#)
    } else {
        format!(r#"{{"RequestId":"r-{call}","TotalCount":{call}}}"#)
    };
    let (status, body) = match fault {
        Fault::Answer => (200, success),
        Fault::Late => {
            tokio::time::sleep(LATE).await;
            (200, success)
        }
        Fault::Throttle => (
            400,
            r#"{"RequestId":"t","Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#
                .to_owned(),
        ),
        Fault::ServerError => (
            500,
            r#"{"RequestId":"e","Code":"InternalError","Message":"The request processing has failed."}"#
                .to_owned(),
        ),
        Fault::Drop => return Err(Dropped),
    };
    let response = Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("a valid answer");
    Ok(response)
}

/// A create that names an idempotency token, as a generated `CreateDisk` or `RunInstances` does.
#[derive(Debug, Clone, Default)]
pub struct CreateThing {
    pub call: u64,
    pub client_token: Option<String>,
}

/// The answer to [`CreateThing`].
#[derive(Debug, serde::Deserialize)]
pub struct Created {
    #[serde(rename = "InstanceId")]
    pub instance_id: String,
}

impl Operation for CreateThing {
    const ACTION: &'static str = "CreateThing";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/";
    const ENDPOINT: Option<&'static str> = None;
    const IDEMPOTENCY_TOKEN: Option<&'static str> = Some("ClientToken");
    type Output = Created;

    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    fn write_params(&self, params: &mut Params) {
        params.query("Call", &self.call);
        params.query("ClientToken", &self.client_token);
    }
}

/// A call without an idempotency token.
#[derive(Debug, Clone, Default)]
pub struct DescribeThing {
    pub call: u64,
}

/// The answer to [`DescribeThing`].
#[derive(Debug, serde::Deserialize)]
pub struct Described {
    #[serde(rename = "TotalCount")]
    pub total: u64,
}

impl Operation for DescribeThing {
    const ACTION: &'static str = "DescribeThing";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/";
    const ENDPOINT: Option<&'static str> = None;
    type Output = Described;

    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    fn write_params(&self, params: &mut Params) {
        params.query("Call", &self.call);
    }
}
