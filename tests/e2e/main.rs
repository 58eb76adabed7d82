//! End to end: the client signs and sends each seed's DescribeImages to the test server, which
//! verifies the signature on its own and answers with the seed page's example or a scripted fault.
//!
//! Each test runs for each of the five seeds (`seed_tests!` at the bottom; the paging and
//! constraint tests for the four pages that document them, `paged_seed_tests!`) and asserts what
//! the client does: the typed images it returns, the retries it makes, and the error it reports.

mod every_api;
mod requests;
mod seeds;
mod specs;
#[path = "../support/mod.rs"]
mod support;
mod wire;

use std::time::Duration;

use futures_util::StreamExt;
use seeds::{ConstrainedSeed, PagedSeed, Seed};
use support::answers::{self, ApiError};
use support::server::{Reply, TestServer};
use support::verify::Rejection;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use yunapi::runtime::{HmacAlgorithm, JdCloudVersion, RetryPolicy, SigningScheme};
use yunapi::{Client, Config, Credentials, Error};

/// A timeout far below every scripted delay, so slow answers always time out.
const SHORT_TIMEOUT: Duration = Duration::from_millis(300);

/// A delay far above [`SHORT_TIMEOUT`].
const LONG_DELAY: Duration = Duration::from_secs(30);

/// The configuration that points `S`'s client at `server`.
fn config<S: Seed>(server: &TestServer) -> Config {
    Config::default().with_endpoint(&server.url()).with_region(S::SERVER.region())
}

/// A client for `S` with the server's credentials and `config`.
fn client<S: Seed>(config: Config) -> Client {
    let keys = S::SERVER.keys();
    Client::new(S::provider(), Credentials::new(keys.access_key, keys.secret), config)
        .expect("the test configuration is valid")
}

/// Starts a server for `S` and a client pointed at it.
async fn setup<S: Seed>() -> (TestServer, Client) {
    let server = TestServer::start(S::SERVER).await;
    let client = client::<S>(config::<S>(&server));
    (server, client)
}

/// The image ids of the seed page's example answer.
fn example_ids<S: Seed>() -> Vec<String> {
    let answer = answers::example_json(S::SERVER);
    let shape = S::SERVER.shape();
    let items = answer.pointer(&format!("/{}", shape.items.join("/"))).and_then(|v| v.as_array());
    items.into_iter().flatten().filter_map(|item| item[shape.id].as_str().map(str::to_owned)).collect()
}

/// Asserts that every request the server received carried a good signature.
fn assert_all_verified(server: &TestServer, expected_requests: usize) {
    let received = server.received();
    for (i, r) in received.iter().enumerate() {
        assert!(r.verdict.is_ok(), "request {i} was refused: {:?}\n{:?}", r.verdict, r.request);
    }
    assert_eq!(received.len(), expected_requests, "requests received: {received:#?}");
}

async fn answers_the_pages_example<S: Seed>() {
    let (server, client) = setup::<S>().await;
    let output = client.send(&S::request()).await.expect("the example answer decodes");
    assert_eq!(S::ids(&output), example_ids::<S>());
    assert!(!S::ids(&output).is_empty());
    S::check_example(&output);
    assert_all_verified(&server, 1);
    let request = &server.requests()[0];
    let region = S::SERVER.region();
    match S::SERVER.region_param() {
        "regionId" => assert_eq!(request.path, S::SERVER.path(region)),
        param => assert_eq!(request.param(param).as_deref(), Some(region), "{request:?}"),
    }
}

/// Sends a prepared request over a plain TCP connection, as any transport could.
async fn send_raw(server: &TestServer, request: &yunapi::http::Request<Vec<u8>>) {
    let target = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
    let mut head = format!("{} {target} HTTP/1.1\r\n", request.method());
    if !request.headers().contains_key(yunapi::http::header::HOST) {
        head.push_str(&format!("host: {}\r\n", server.addr()));
    }
    for (name, value) in request.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str().expect("signed headers are ASCII")));
    }
    if !request.headers().contains_key(yunapi::http::header::CONTENT_LENGTH) {
        head.push_str(&format!("content-length: {}\r\n", request.body().len()));
    }
    head.push_str("connection: close\r\n\r\n");
    let mut stream = TcpStream::connect(server.addr()).await.expect("the server accepts connections");
    stream.write_all(head.as_bytes()).await.expect("the head is written");
    stream.write_all(request.body()).await.expect("the body is written");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("the answer is read");
}

async fn a_prepared_request_is_accepted_once<S: Seed>() {
    let (server, client) = setup::<S>().await;
    let request = client.prepare(&S::request()).expect("a valid request");
    send_raw(&server, &request).await;
    send_raw(&server, &request).await;
    let received = server.received();
    let first = received[0].verdict.as_ref().expect("the prepared request is accepted");
    // A scheme with a nonce refuses the replay; QingCloud's has none.
    match &first.nonce {
        Some(nonce) => assert_eq!(received[1].verdict, Err(Rejection::NonceReused(nonce.clone()))),
        None => assert!(received[1].verdict.is_ok(), "{:?}", received[1]),
    }
}

async fn a_tampered_request_is_refused<S: Seed>() {
    let (server, client) = setup::<S>().await;
    let mut request = client.prepare(&S::request()).expect("a valid request");
    let uri = format!("{}&limit=7", request.uri());
    *request.uri_mut() = uri.parse().expect("still a URI");
    send_raw(&server, &request).await;
    let verdict = &server.received()[0].verdict;
    assert!(matches!(verdict, Err(Rejection::SignatureMismatch { .. })), "{verdict:?}");
}

async fn sends_awkward_text_intact<S: Seed>() {
    let (server, client) = setup::<S>().await;
    let text = "中文 镜像 a/b*c+d~e=f&g%h";
    client.send(&S::with_text(text)).await.expect("the example answer decodes");
    assert_all_verified(&server, 1);
    assert_eq!(server.requests()[0].param(S::TEXT_PARAM).as_deref(), Some(text));
}

async fn gives_up_after_the_configured_retries<S: Seed>() {
    let server = TestServer::start(S::SERVER).await;
    let retry = RetryPolicy::new(2, Duration::from_millis(1), Duration::from_millis(5));
    let client = client::<S>(config::<S>(&server).with_retry(retry));
    server.set_default(Reply::Status(502));
    let error = client.send(&S::request()).await.expect_err("every attempt fails");
    assert_eq!(error.http_status(), Some(502), "{error:?}");
    assert_all_verified(&server, 3);
}

async fn retries_a_5xx_then_succeeds<S: Seed>() {
    let (server, client) = setup::<S>().await;
    server.script([Reply::Status(503)]);
    let output = client.send(&S::request()).await.expect("the retry succeeds");
    assert_eq!(S::ids(&output), example_ids::<S>());
    assert_all_verified(&server, 2);
}

async fn retries_throttling_then_succeeds<S: Seed>() {
    let (server, client) = setup::<S>().await;
    server.script([Reply::Throttled]);
    let output = client.send(&S::request()).await.expect("the retry succeeds");
    assert_eq!(S::ids(&output), example_ids::<S>());
    assert_all_verified(&server, 2);
}

async fn waits_as_retry_after_asks_or_gives_up_when_it_is_too_long<S: Seed>() {
    let (server, client) = setup::<S>().await;
    // The setup's policy never waits an hour: the client gives up after one attempt.
    server.script([Reply::RetryAfter { status: 429, after: "3600" }]);
    let error = client.send(&S::request()).await.expect_err("told to come back in an hour");
    assert_eq!(error.http_status(), Some(429), "{error:?}");
    assert_all_verified(&server, 1);
    // A wait the policy allows: the call is retried and succeeds.
    server.script([Reply::RetryAfter { status: 503, after: "0" }]);
    let output = client.send(&S::request()).await.expect("the retry succeeds");
    assert_eq!(S::ids(&output), example_ids::<S>());
    assert_all_verified(&server, 3);
}

async fn reports_an_error_envelope_without_retrying<S: Seed>() {
    let (server, client) = setup::<S>().await;
    let sample = ApiError::sample(S::SERVER, "5EED-REQUEST-ID");
    server.script([Reply::Error(sample.clone())]);
    let error = client.send(&S::request()).await.expect_err("the envelope is an error");
    let Error::Api(api) = &error else { panic!("expected an API error, got {error:?}") };
    match sample {
        ApiError::RetCode { ret_code, message } => {
            assert_eq!(api.code, ret_code.to_string());
            assert_eq!(api.message, message);
        }
        ApiError::Code { code, message, code_desc } => {
            assert_eq!(api.code, code.to_string());
            assert_eq!(api.sub_code.as_deref(), Some(code_desc.as_str()));
            assert_eq!(api.message, message);
        }
        ApiError::Pascal { status, code, request_id, .. } => {
            assert_eq!((api.http_status, api.code.as_str()), (status, code.as_str()));
            assert_eq!(api.request_id.as_deref(), Some(request_id.as_str()));
        }
        ApiError::Nested { status, code_name, request_id, .. } => {
            assert_eq!((api.http_status, api.code.as_str()), (status, code_name.as_str()));
            assert_eq!(api.request_id.as_deref(), Some(request_id.as_str()));
        }
        ApiError::Response { code, message, request_id } => {
            assert_eq!((api.code.as_str(), api.message.as_str()), (code.as_str(), message.as_str()));
            assert_eq!(api.request_id.as_deref(), Some(request_id.as_str()));
        }
    }
    assert_all_verified(&server, 1);
}

async fn times_out_on_a_slow_answer<S: Seed>() {
    let server = TestServer::start(S::SERVER).await;
    let client = client::<S>(config::<S>(&server).with_timeout(SHORT_TIMEOUT));
    server.set_default(Reply::Delayed(LONG_DELAY, Box::new(Reply::Example)));
    let error = client.send(&S::request()).await.expect_err("the answer is too slow");
    assert!(matches!(error, Error::Timeout { .. }), "expected a timeout, got {error:?}");
}

async fn times_out_on_a_connection_that_never_closes<S: Seed>() {
    let server = TestServer::start(S::SERVER).await;
    let client = client::<S>(config::<S>(&server).with_timeout(SHORT_TIMEOUT));
    server.set_default(Reply::Stall);
    let error = client.send(&S::request()).await.expect_err("the answer never ends");
    assert!(matches!(error, Error::Timeout { .. }), "expected a timeout, got {error:?}");
}

async fn malformed_json_is_a_decode_error<S: Seed>() {
    let (server, client) = setup::<S>().await;
    server.set_default(Reply::Raw { status: 200, body: answers::malformed_example(S::SERVER) });
    let error = client.send(&S::request()).await.expect_err("the answer is not JSON");
    assert!(matches!(error, Error::Decode { .. }), "expected a decode error, got {error:?}");
}

async fn truncated_json_is_a_decode_error<S: Seed>() {
    let (server, client) = setup::<S>().await;
    server.set_default(Reply::Raw { status: 200, body: answers::truncated_example(S::SERVER) });
    let error = client.send(&S::request()).await.expect_err("the answer is cut");
    assert!(matches!(error, Error::Decode { .. }), "expected a decode error, got {error:?}");
}

async fn survives_deeply_nested_json<S: Seed>() {
    let (server, client) = setup::<S>().await;
    // An unknown field far deeper than any answer, deep enough to overflow the stack of a parser
    // without a depth limit: the client skips it or refuses the answer, and never crashes.
    server.set_default(Reply::Nested { depth: 100_000 });
    match client.send(&S::request()).await {
        Ok(output) => assert_eq!(S::ids(&output), example_ids::<S>()),
        Err(error) => {
            assert!(matches!(error, Error::Decode { .. }), "expected a decode error, got {error:?}")
        }
    }
}

async fn a_dropped_connection_is_an_error<S: Seed>() {
    let (server, client) = setup::<S>().await;
    server.set_default(Reply::CutShort);
    let error = client.send(&S::request()).await.expect_err("the answer is cut short");
    assert!(matches!(error, Error::Transport { .. } | Error::Decode { .. }), "got {error:?}");
}

async fn refuses_an_answer_over_the_limit<S: Seed>() {
    for declared in [true, false] {
        let server = TestServer::start(S::SERVER).await;
        let client = client::<S>(config::<S>(&server).with_max_response_bytes(64 * 1024));
        server.set_default(Reply::Huge { bytes: 4 << 20, declared });
        let error = client.send(&S::request()).await.expect_err("the answer is too large");
        assert!(matches!(error, Error::TooLarge { limit: 65536, .. }), "declared {declared}: got {error:?}");
    }
}

async fn paginates_through_every_item_and_stops<S: PagedSeed>() {
    let (server, client) = setup::<S>().await;
    server.set_default(Reply::Pages { items: 25, total: 25 });
    let items: Vec<_> = client.paginate(S::page_request(10)).collect().await;
    let ids: Vec<String> =
        items.iter().map(|item| S::item_id(item.as_ref().expect("every page decodes"))).collect();
    assert_eq!(ids, (0..25).map(answers::catalogue_id).collect::<Vec<_>>());
    assert_all_verified(&server, 3);
}

async fn pagination_stops_at_an_empty_page<S: PagedSeed>() {
    let (server, client) = setup::<S>().await;
    // The answers claim 1000 images but only 15 exist: page 3 comes back empty.
    server.set_default(Reply::Pages { items: 15, total: 1000 });
    let items: Vec<_> = client.paginate(S::page_request(10)).take(1000).collect().await;
    let ids: Vec<String> = items.iter().filter_map(|item| item.as_ref().ok().map(S::item_id)).collect();
    assert_eq!(ids, (0..15).map(answers::catalogue_id).collect::<Vec<_>>());
    assert!(server.requests().len() <= 3, "stopped after the empty page: {}", server.requests().len());
}

async fn pagination_stops_at_the_page_limit<S: PagedSeed>() {
    let server = TestServer::start(S::SERVER).await;
    let client = client::<S>(config::<S>(&server).with_max_pages(4));
    // Every answer is a full page of new images and a total beyond them: a list without end.
    server.set_default(Reply::Endless);
    let items: Vec<_> = client.paginate(S::page_request(10)).collect().await;
    let (last, pages) = items.split_last().expect("some items");
    assert!(matches!(last, Err(Error::Pagination { .. })), "the stream ends with an error, got {last:?}");
    assert_eq!(pages.iter().filter(|item| item.is_ok()).count(), 40);
    assert_all_verified(&server, 4);
}

async fn pagination_refuses_a_repeated_page<S: PagedSeed>() {
    let (server, client) = setup::<S>().await;
    // The same one-image page whatever the position, claiming 100 images.
    let page = answers::page_answer(S::SERVER, 0, 1, 100, 1, 10);
    server.set_default(Reply::Raw { status: 200, body: page.into_bytes() });
    let items: Vec<_> = client.paginate(S::page_request(10)).collect().await;
    assert_eq!(items.len(), 2, "one image, then the error: {items:?}");
    assert_eq!(items[0].as_ref().map(S::item_id).ok(), Some(answers::catalogue_id(0)));
    assert!(matches!(items[1], Err(Error::Pagination { .. })), "{:?}", items[1]);
    assert_all_verified(&server, 2);
}

async fn refuses_an_invalid_request_before_sending<S: ConstrainedSeed>() {
    let (server, client) = setup::<S>().await;
    let (request, param) = S::invalid();
    let error = client.send(&request).await.expect_err("the request is invalid");
    let Error::Validation(violations) = &error else { panic!("expected a validation error, got {error:?}") };
    assert!(violations.mentions(param), "{param} is not named in {error}");
    assert!(server.requests().is_empty(), "nothing is sent");
}

/// Sends `S`'s request signed with `scheme` and checks that the server saw `algorithm`.
async fn signs_with<S: Seed>(scheme: SigningScheme, algorithm: &str) {
    let server = TestServer::start(S::SERVER).await;
    let client = client::<S>(config::<S>(&server).with_signing(scheme));
    let output = client.send(&S::request()).await.expect("the example answer decodes");
    assert_eq!(S::ids(&output), example_ids::<S>());
    assert_all_verified(&server, 1);
    let verdict = server.received().remove(0).verdict.expect("verified above");
    assert_eq!(verdict.algorithm, algorithm);
}

#[tokio::test]
async fn qingcloud_signs_with_hmac_sha1_on_request() {
    signs_with::<yunapi::qingcloud::DescribeImages>(
        SigningScheme::QingCloud(HmacAlgorithm::Sha1),
        "HmacSHA1",
    )
    .await;
}

#[tokio::test]
async fn tencent_signs_with_hmac_sha256_on_request() {
    signs_with::<yunapi::tencent::DescribeImages>(
        SigningScheme::TencentV2(HmacAlgorithm::Sha256),
        "HmacSHA256",
    )
    .await;
}

#[tokio::test]
async fn jdcloud_signs_with_jdcloud2_on_request() {
    signs_with::<yunapi::jdcloud::DescribeImages>(
        SigningScheme::JdCloud(JdCloudVersion::V2),
        "JDCLOUD2-HMAC-SHA256",
    )
    .await;
}

#[tokio::test]
async fn qingcloud_sends_the_canonical_query() {
    let (server, client) = setup::<yunapi::qingcloud::DescribeImages>().await;
    client
        .send(&yunapi::qingcloud::DescribeImages::page_request(10))
        .await
        .expect("the example answer decodes");
    assert!(support::verify::qingcloud::wire_is_canonical(&server.requests()[0]), "{:?}", server.requests());
}

macro_rules! seed_tests {
    ($($api:literal: $module:ident => $seed:ty,)*) => {$(
        #[cfg(yunapi_api = $api)]
        mod $module {
            #[tokio::test]
            async fn answers_the_pages_example() {
                super::answers_the_pages_example::<$seed>().await;
            }
            #[tokio::test]
            async fn a_prepared_request_is_accepted_once() {
                super::a_prepared_request_is_accepted_once::<$seed>().await;
            }
            #[tokio::test]
            async fn a_tampered_request_is_refused() {
                super::a_tampered_request_is_refused::<$seed>().await;
            }
            #[tokio::test]
            async fn sends_awkward_text_intact() {
                super::sends_awkward_text_intact::<$seed>().await;
            }
            #[tokio::test]
            async fn gives_up_after_the_configured_retries() {
                super::gives_up_after_the_configured_retries::<$seed>().await;
            }
            #[tokio::test]
            async fn retries_a_5xx_then_succeeds() {
                super::retries_a_5xx_then_succeeds::<$seed>().await;
            }
            #[tokio::test]
            async fn retries_throttling_then_succeeds() {
                super::retries_throttling_then_succeeds::<$seed>().await;
            }
            #[tokio::test]
            async fn waits_as_retry_after_asks_or_gives_up_when_it_is_too_long() {
                super::waits_as_retry_after_asks_or_gives_up_when_it_is_too_long::<$seed>().await;
            }
            #[tokio::test]
            async fn reports_an_error_envelope_without_retrying() {
                super::reports_an_error_envelope_without_retrying::<$seed>().await;
            }
            #[tokio::test]
            async fn times_out_on_a_slow_answer() {
                super::times_out_on_a_slow_answer::<$seed>().await;
            }
            #[tokio::test]
            async fn times_out_on_a_connection_that_never_closes() {
                super::times_out_on_a_connection_that_never_closes::<$seed>().await;
            }
            #[tokio::test]
            async fn malformed_json_is_a_decode_error() {
                super::malformed_json_is_a_decode_error::<$seed>().await;
            }
            #[tokio::test]
            async fn truncated_json_is_a_decode_error() {
                super::truncated_json_is_a_decode_error::<$seed>().await;
            }
            #[tokio::test]
            async fn survives_deeply_nested_json() {
                super::survives_deeply_nested_json::<$seed>().await;
            }
            #[tokio::test]
            async fn a_dropped_connection_is_an_error() {
                super::a_dropped_connection_is_an_error::<$seed>().await;
            }
            #[tokio::test]
            async fn refuses_an_answer_over_the_limit() {
                super::refuses_an_answer_over_the_limit::<$seed>().await;
            }
        }
    )*};
}

// Each seed's tests are compiled only while its page is in specs/ (build.rs says which are).
seed_tests! {
    "qingcloud/DescribeImages": qingcloud => yunapi::qingcloud::DescribeImages,
    "qingcloud-private/DescribeImages": qingcloud_private => yunapi::qingcloud_private::DescribeImages,
    "tencent/DescribeImages": tencent => yunapi::tencent::DescribeImages,
    "aliyun/DescribeImages": aliyun => yunapi::aliyun::DescribeImages,
    "jdcloud/describeImages": jdcloud => yunapi::jdcloud::DescribeImages,
}

macro_rules! paged_seed_tests {
    ($($api:literal: $module:ident => $seed:ty,)*) => {$(
        #[cfg(yunapi_api = $api)]
        mod $module {
            #[tokio::test]
            async fn paginates_through_every_item_and_stops() {
                super::paginates_through_every_item_and_stops::<$seed>().await;
            }
            #[tokio::test]
            async fn pagination_stops_at_an_empty_page() {
                super::pagination_stops_at_an_empty_page::<$seed>().await;
            }
            #[tokio::test]
            async fn pagination_stops_at_the_page_limit() {
                super::pagination_stops_at_the_page_limit::<$seed>().await;
            }
            #[tokio::test]
            async fn pagination_refuses_a_repeated_page() {
                super::pagination_refuses_a_repeated_page::<$seed>().await;
            }
            #[tokio::test]
            async fn refuses_an_invalid_request_before_sending() {
                super::refuses_an_invalid_request_before_sending::<$seed>().await;
            }
        }
    )*};
}

// The private cloud's page documents neither paging nor a constraint on its parameters.
paged_seed_tests! {
    "qingcloud/DescribeImages": qingcloud_paged => yunapi::qingcloud::DescribeImages,
    "tencent/DescribeImages": tencent_paged => yunapi::tencent::DescribeImages,
    "aliyun/DescribeImages": aliyun_paged => yunapi::aliyun::DescribeImages,
    "jdcloud/describeImages": jdcloud_paged => yunapi::jdcloud::DescribeImages,
}
