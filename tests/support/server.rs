//! The HTTP side of the test server: hyper 1 on 127.0.0.1 with an ephemeral port, started by each
//! test, playing one provider (and one service of it, for the schemes whose signature names it).
//!
//! Input: requests from the client under test and the replies the test scripts. Output: the
//! answers, and a record of every request as received. Every request is verified first; a refused
//! one gets the provider's error envelope and consumes no scripted reply, so the script only ever
//! answers correctly signed requests (retries included).

use super::answers::{self, ApiError};
use super::provider::Provider;
use super::verify::{self, RecordedRequest, Rejection, Verified};
use bytes::Bytes;
use futures_util::{StreamExt, stream};
use http_body_util::{BodyExt, Full, Limited, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::http::{Request, Response, header};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::collections::{BTreeSet, VecDeque};
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

/// How the server answers one correctly signed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The seed page's example answer to DescribeImages, a success in the provider's envelope to
    /// any other action.
    Example,
    /// A success without data in the provider's envelope, whatever the action.
    Success,
    /// A bare status from a gateway, such as 502 or 503, with a plain-text body.
    Status(u16),
    /// The provider's throttling envelope ([`ApiError::throttling`]).
    Throttled,
    /// A bare status whose `Retry-After` header says `after` (seconds or an HTTP date).
    RetryAfter {
        /// HTTP status, such as 429 or 503.
        status: u16,
        /// The header value.
        after: &'static str,
    },
    /// An error in the provider's envelope.
    Error(ApiError),
    /// The inner reply, after a pause (an answer slower than the client's timeout).
    Delayed(Duration, Box<Reply>),
    /// Exactly these bytes as a JSON answer (malformed or truncated JSON).
    Raw {
        /// HTTP status.
        status: u16,
        /// Body.
        body: Vec<u8>,
    },
    /// Headers announcing the example answer's length, half of it, then the connection drops.
    CutShort,
    /// A valid answer of exactly `bytes` bytes, streamed in 64 KiB chunks and never held whole.
    Huge {
        /// Body size.
        bytes: u64,
        /// Whether a Content-Length announces it (otherwise the body is chunked).
        declared: bool,
    },
    /// The example answer with a field of `depth` nested arrays.
    Nested {
        /// Nesting depth.
        depth: usize,
    },
    /// Headers and the first byte of a body that never ends, on a connection never closed.
    Stall,
    /// A page of a catalogue of `items` images, cut at the request's position and size, with
    /// `total` as the reported total (a total above `items` gives empty pages past the end).
    Pages {
        /// Images that exist.
        items: u64,
        /// The total the answers report.
        total: u64,
    },
    /// Always a full page of new images, and a total always beyond what was served.
    Endless,
}

/// One request the server received, and what its check concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The request as received.
    pub request: RecordedRequest,
    /// The signature check's verdict (a replayed nonce counts as refused).
    pub verdict: Result<Verified, Rejection>,
}

/// A running test server; it stops when dropped.
#[derive(Debug)]
pub struct TestServer {
    provider: Provider,
    addr: SocketAddr,
    state: Arc<State>,
    task: JoinHandle<()>,
}

#[derive(Debug)]
struct State {
    provider: Provider,
    service: String,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    script: VecDeque<Reply>,
    default: Reply,
    received: Vec<Received>,
    nonces: BTreeSet<String>,
}

type Body = BoxBody<Bytes, io::Error>;

/// The largest request body the server reads.
const MAX_REQUEST_BODY: usize = 1 << 20;

/// Chunk size of streamed answers.
const CHUNK: usize = 64 * 1024;

impl TestServer {
    /// Starts a server playing `provider` on 127.0.0.1 with a port the OS picks; it answers every
    /// good request with the page's example (or a success) until told otherwise.
    pub async fn start(provider: Provider) -> TestServer {
        TestServer::start_service(provider, provider.default_service()).await
    }

    /// [`TestServer::start`] for another service of `provider` (JD Cloud's `disk`, Tencent's
    /// `vpc`), which the JD Cloud and TC3 signatures name.
    pub async fn start_service(provider: Provider, service: &str) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("a bound listener has an address");
        let state = Arc::new(State {
            provider,
            service: service.to_owned(),
            inner: Mutex::new(Inner {
                script: VecDeque::new(),
                default: Reply::Example,
                received: Vec::new(),
                nonces: BTreeSet::new(),
            }),
        });
        let task = tokio::spawn(accept_loop(listener, state.clone()));
        TestServer { provider, addr, state, task }
    }

    /// `http://127.0.0.1:PORT`, the endpoint override for the client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The provider the server plays.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The service the server plays.
    pub fn service(&self) -> &str {
        &self.state.service
    }

    /// Queues `replies` for the next correctly signed requests, in order.
    pub fn script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.lock().script.extend(replies);
    }

    /// The reply once the script has run out (initially [`Reply::Example`]).
    pub fn set_default(&self, reply: Reply) {
        self.lock().default = reply;
    }

    /// Every request received so far, in order, with its verdict.
    pub fn received(&self) -> Vec<Received> {
        self.lock().received.clone()
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().received.iter().map(|r| r.request.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.state.lock()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // The accept loop owns the connections, so aborting it closes them all.
        self.task.abort();
    }
}

impl State {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A test that panicked while holding the lock has already failed; keep serving.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records the request and picks the reply: the rejection, or the next scripted reply; also
    /// names the request with an id for error envelopes.
    fn decide(
        &self,
        request: RecordedRequest,
        verdict: Result<Verified, Rejection>,
    ) -> (String, Result<(Verified, Reply), Rejection>) {
        let mut inner = self.lock();
        let verdict = verdict.and_then(|verified| match &verified.nonce {
            Some(nonce) if !inner.nonces.insert(nonce.clone()) => Err(Rejection::NonceReused(nonce.clone())),
            _ => Ok(verified),
        });
        inner.received.push(Received { request, verdict: verdict.clone() });
        let request_id = format!("{:08X}-7E57-4000-8000-000000000000", inner.received.len());
        let outcome = verdict.map(|verified| {
            let reply = inner.script.pop_front().unwrap_or_else(|| inner.default.clone());
            (verified, reply)
        });
        (request_id, outcome)
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<State>) {
    let mut connections = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        let state = state.clone();
        connections.spawn(async move {
            let service = service_fn(move |request| handle(state.clone(), request));
            // A client that gives up mid-answer is an expected outcome of the fault tests.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
        while connections.try_join_next().is_some() {}
    }
}

async fn handle(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(text(413, "request body too large or broken")),
    };
    let recorded = RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        raw_query: parts.uri.query().unwrap_or("").to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect(),
        body: body.to_vec(),
    };
    let provider = state.provider;
    let verdict = verify::verify(provider, &state.service, &recorded, OffsetDateTime::now_utc());
    let (request_id, decided) = state.decide(recorded.clone(), verdict);
    Ok(match decided {
        Err(Rejection::NotFound(what)) => text(404, &format!("404 page not found: {what}")),
        Err(rejection) => error(&ApiError::from_rejection(provider, &rejection, &request_id)),
        Ok((verified, reply)) => respond(provider, reply, &verified, &recorded, &request_id).await,
    })
}

async fn respond(
    provider: Provider,
    mut reply: Reply,
    verified: &Verified,
    request: &RecordedRequest,
    request_id: &str,
) -> Response<Body> {
    while let Reply::Delayed(pause, inner) = reply {
        tokio::time::sleep(pause).await;
        reply = *inner;
    }
    match reply {
        Reply::Example if verified.is_describe_images() && provider != Provider::TencentV3 => {
            json(200, answers::example_answer(provider).into_bytes())
        }
        Reply::Example | Reply::Success => {
            json(200, answers::success(provider, &verified.action, request_id).into_bytes())
        }
        Reply::Status(status) => text(status, "upstream unavailable, try again later"),
        Reply::Throttled => error(&ApiError::throttling(provider, request_id)),
        Reply::RetryAfter { status, after } => {
            let mut response = text(status, "slow down");
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static(after));
            response
        }
        Reply::Error(api_error) => error(&api_error),
        Reply::Raw { status, body } => json(status, body),
        Reply::CutShort => cut_short(provider),
        Reply::Huge { bytes, declared } => huge(provider, bytes, declared),
        Reply::Nested { depth } => json(200, answers::deeply_nested_example(provider, depth)),
        Reply::Stall => stall(),
        Reply::Pages { items, total } => page(provider, request, items, Some(total)),
        Reply::Endless => page(provider, request, u64::MAX, None),
        Reply::Delayed(..) => unreachable!("delays are unwrapped above"),
    }
}

/// The page the request's position and size ask for; with no `total`, one always beyond.
fn page(provider: Provider, request: &RecordedRequest, items: u64, total: Option<u64>) -> Response<Body> {
    let shape = provider.shape();
    let number = |name: &str| request.param(name).and_then(|v| v.parse::<u64>().ok());
    let size = number(shape.size).unwrap_or(shape.default_size);
    let (first, page_number) = if shape.counts_pages {
        let page_number = number(shape.position).unwrap_or(1).max(1);
        ((page_number - 1).saturating_mul(size), page_number)
    } else {
        let offset = number(shape.position).unwrap_or(0);
        (offset, offset.checked_div(size).map_or(1, |pages| pages + 1))
    };
    let count = size.min(items.saturating_sub(first));
    let total = total.unwrap_or(first.saturating_add(2 * size));
    json(200, answers::page_answer(provider, first, count, total, page_number, size).into_bytes())
}

fn cut_short(provider: Provider) -> Response<Body> {
    let answer = answers::example_answer(provider).into_bytes();
    let half = Bytes::from(answer[..answer.len() / 2].to_vec());
    let frames = stream::iter([
        Ok(Frame::data(half)),
        Err(io::Error::new(io::ErrorKind::ConnectionAborted, "the test server cuts the answer short")),
    ]);
    streamed(Some(answer.len() as u64), frames)
}

fn huge(provider: Provider, bytes: u64, declared: bool) -> Response<Body> {
    let prefix = Bytes::from(answers::huge_prefix(provider));
    let suffix = Bytes::from_static(answers::HUGE_SUFFIX);
    let padding = bytes
        .checked_sub((prefix.len() + suffix.len()) as u64)
        .expect("a huge answer is larger than the example it pads");
    let chunk = Bytes::from(vec![b'x'; CHUNK]);
    let pad = stream::unfold(padding, move |left| {
        let chunk = chunk.clone();
        async move {
            (left > 0).then(|| {
                let take = left.min(CHUNK as u64);
                (chunk.slice(..take as usize), left - take)
            })
        }
    });
    let frames = stream::once(async { prefix }).chain(pad).chain(stream::once(async { suffix }));
    streamed(declared.then_some(bytes), frames.map(|data| Ok(Frame::data(data))))
}

fn stall() -> Response<Body> {
    let first = stream::once(async { Ok(Frame::data(Bytes::from_static(b"{"))) });
    streamed(None, first.chain(stream::pending()))
}

fn streamed<S>(length: Option<u64>, frames: S) -> Response<Body>
where
    S: futures_util::Stream<Item = Result<Frame<Bytes>, io::Error>> + Send + Sync + 'static,
{
    let mut response =
        Response::builder().status(200).header(header::CONTENT_TYPE, "application/json;charset=UTF-8");
    if let Some(length) = length {
        response = response.header(header::CONTENT_LENGTH, length);
    }
    response.body(BodyExt::boxed(StreamBody::new(frames))).expect("a valid response")
}

fn error(api_error: &ApiError) -> Response<Body> {
    let (status, body) = api_error.render();
    json(status, body.into_bytes())
}

fn json(status: u16, body: Vec<u8>) -> Response<Body> {
    full(status, "application/json;charset=UTF-8", body)
}

fn text(status: u16, body: &str) -> Response<Body> {
    full(status, "text/plain;charset=UTF-8", body.as_bytes().to_vec())
}

fn full(status: u16, content_type: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(Full::new(Bytes::from(body)).map_err(|never| match never {}).boxed())
        .expect("a valid response")
}
