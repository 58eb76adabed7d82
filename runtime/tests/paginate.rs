//! Client::paginate against scripted page sequences: where it stops, and that it always stops.

mod common;

use common::{DescribeImages, Image, QINGCLOUD, Reply, Server, page};
use futures_util::StreamExt;
use yunapi_runtime::{Client, Config, Credentials, Error};

async fn collect(
    script: Vec<Reply>,
    op: DescribeImages,
    config: Config,
) -> (Vec<Result<Image, Error>>, Server) {
    let server = Server::start(script).await;
    let config = config.with_endpoint(&server.url()).with_region("pek3a");
    let client = Client::new(&QINGCLOUD, Credentials::new("AKID", "TOPSECRET"), config).unwrap();
    let items = client.paginate(op).collect::<Vec<_>>().await;
    (items, server)
}

fn ids(items: &[Result<Image, Error>]) -> Vec<String> {
    items.iter().filter_map(|i| i.as_ref().ok()).map(|i| i.image_id.clone()).collect()
}

fn limit(n: u64) -> DescribeImages {
    DescribeImages { limit: Some(n), ..DescribeImages::default() }
}

#[tokio::test]
async fn walks_offsets_until_the_reported_total() {
    let script = vec![
        Reply::ok(page(&["a", "b"], Some(5))),
        Reply::ok(page(&["c", "d"], Some(5))),
        Reply::ok(page(&["e"], Some(5))),
    ];
    let (items, server) = collect(script, limit(2), Config::default()).await;
    assert_eq!(ids(&items), ["a", "b", "c", "d", "e"]);
    let offsets: Vec<bool> = ["offset=0", "offset=2", "offset=4"]
        .iter()
        .zip(server.requests())
        .map(|(want, line)| line.contains(want))
        .collect();
    assert_eq!(offsets, [true, true, true], "{:?}", server.requests());
}

#[tokio::test]
async fn stops_on_an_empty_page_even_if_the_total_says_more() {
    let script = vec![
        Reply::ok(page(&["a", "b"], Some(100))),
        Reply::ok(page(&[], Some(100))),
        Reply::ok(page(&["never"], Some(100))),
    ];
    let (items, server) = collect(script, limit(2), Config::default()).await;
    assert_eq!(ids(&items), ["a", "b"]);
    assert!(items.iter().all(Result::is_ok));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn without_a_total_a_short_page_is_the_last() {
    let script = vec![
        Reply::ok(page(&["a", "b"], None)),
        Reply::ok(page(&["c"], None)),
        Reply::ok(page(&["never"], None)),
    ];
    let (items, server) = collect(script, limit(2), Config::default()).await;
    assert_eq!(ids(&items), ["a", "b", "c"]);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_repeated_page_ends_with_an_error() {
    // A server that ignores the offset returns the same page forever.
    let (items, server) =
        collect(vec![Reply::ok(page(&["a", "b"], Some(10)))], limit(2), Config::default()).await;
    assert_eq!(ids(&items), ["a", "b"]);
    assert!(
        matches!(items.last(), Some(Err(Error::Pagination { message, .. })) if message.contains("repeats"))
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn the_page_bound_ends_an_endless_list() {
    // Every page is new and the total is never reached.
    let script: Vec<Reply> =
        (0..10).map(|i| Reply::ok(page(&[&format!("img-{i}")], Some(1_000_000)))).collect();
    let (items, server) = collect(script, limit(1), Config::default().with_max_pages(4)).await;
    assert_eq!(ids(&items), ["img-0", "img-1", "img-2", "img-3"]);
    assert!(
        matches!(items.last(), Some(Err(Error::Pagination { message, .. })) if message.contains("with_max_pages"))
    );
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_that_error() {
    let script = vec![
        Reply::ok(page(&["a"], Some(3))),
        Reply::ok(r#"{"ret_code":1400,"message":"PermissionDenied"}"#),
    ];
    let (items, _server) = collect(script, limit(1), Config::default()).await;
    assert_eq!(ids(&items), ["a"]);
    assert_eq!(items.last().and_then(|r| r.as_ref().err()).and_then(Error::code), Some("1400"));
}

#[tokio::test]
async fn a_deeply_nested_page_is_an_error_not_a_stack_overflow() {
    let depth = 200_000;
    let body = format!(r#"{{"ret_code":0,"unknown":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
    let (items, _server) = collect(vec![Reply::ok(body)], limit(2), Config::default()).await;
    assert!(
        matches!(items.as_slice(), [Err(Error::Decode { message, .. })] if message.contains("recursion limit")),
        "{items:?}"
    );
}

#[tokio::test]
async fn walks_page_numbers_from_one_until_the_total() {
    use common::{ALIYUN, AliDescribeImages, ali_page};
    let server = Server::start(vec![
        Reply::ok(ali_page(&["m-1", "m-2"], 3)),
        Reply::ok(ali_page(&["m-3"], 3)),
        Reply::ok(ali_page(&["never"], 3)),
    ])
    .await;
    let config = Config::default().with_endpoint(&server.url()).with_region("cn-hangzhou");
    let client = Client::new(&ALIYUN, Credentials::new("AKID", "TOPSECRET"), config).unwrap();
    let op = AliDescribeImages { page_size: Some(2), ..AliDescribeImages::default() };
    let items: Vec<_> = client.paginate(op).collect().await;
    let ids: Vec<String> = items.into_iter().map(|i| i.unwrap().image_id).collect();
    assert_eq!(ids, ["m-1", "m-2", "m-3"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[0].contains("&PageNumber=1&") && requests[1].contains("&PageNumber=2&"), "{requests:?}");
}

#[tokio::test]
async fn a_page_repeated_under_a_new_request_id_is_still_a_repeat() {
    use common::{ALIYUN, AliDescribeImages};
    // The same images each time; only the request id differs, as a server ignoring PageNumber does.
    let script: Vec<Reply> = (0..3)
        .map(|i| {
            Reply::ok(format!(
                r#"{{"RequestId":"r{i}","TotalCount":9,"Images":{{"Image":[{{"ImageId":"a"}}]}}}}"#
            ))
        })
        .collect();
    let server = Server::start(script).await;
    let config = Config::default().with_endpoint(&server.url()).with_region("cn-hangzhou");
    let client = Client::new(&ALIYUN, Credentials::new("AKID", "TOPSECRET"), config).unwrap();
    let items: Vec<_> = client.paginate(AliDescribeImages::default()).collect().await;
    assert!(matches!(items.as_slice(), [Ok(_), Err(Error::Pagination { .. })]), "{items:?}");
}
