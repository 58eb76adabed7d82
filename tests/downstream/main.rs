//! `yunapi` used as a downstream crate uses it: only its public API, a request built and checked,
//! sent to a server this test starts on 127.0.0.1, the typed answer read, and the pages of a listing
//! walked with `paginate`.

use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use yunapi::qingcloud::{self, DescribeImages};
use yunapi::{Client, Config, Credentials, Error};

/// Three images, served `limit` at a time from `offset`, as QingCloud answers.
fn answer(query: &str) -> String {
    let param = |name: &str| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.parse::<usize>().ok())
    };
    let (offset, limit) = (param("offset").unwrap_or(0), param("limit").unwrap_or(20));
    let images: Vec<String> = (0..3)
        .skip(offset)
        .take(limit)
        .map(|i| format!(r#"{{"image_id":"img-{i}","status":"available","size":"20","create_time":"2013-08-07T18:16:32Z"}}"#))
        .collect();
    format!(
        r#"{{"action":"DescribeImagesResponse","total_count":3,"image_set":[{}],"ret_code":0}}"#,
        images.join(",")
    )
}

/// Serves [`answer`] over HTTP/1.1 on 127.0.0.1, one request per connection.
async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let head = String::from_utf8_lossy(&request);
            let target = head.split_whitespace().nth(1).unwrap_or("/");
            let body = answer(target.split_once('?').map_or("", |(_, q)| q));
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
        }
    });
    format!("http://{address}")
}

fn client(endpoint: &str) -> Client {
    let config = Config::default().with_endpoint(endpoint);
    Client::new(&qingcloud::PROVIDER, Credentials::new("QYACCESSKEYIDEXAMPLE", "SECRETACCESSKEY"), config)
        .expect("client")
}

#[tokio::test]
async fn send_returns_the_typed_answer() {
    let endpoint = serve().await;
    let request = DescribeImages::builder().zone("pek3a").limit(20).build().expect("a valid request");
    let answer = client(&endpoint).send(&request).await.expect("the call succeeds");
    assert_eq!(answer.total_count, Some(3));
    assert_eq!(answer.image_set.len(), 3);
    let first = &answer.image_set[0];
    assert_eq!(first.image_id.as_deref(), Some("img-0"));
    assert_eq!(first.size, Some(20), "a size sent as a string is read as a number");
    assert_eq!(first.status, Some(qingcloud::describe_images::ImageStatus::Available));
}

#[tokio::test]
async fn paginate_walks_every_page() {
    let endpoint = serve().await;
    let request = DescribeImages::builder().zone("pek3a").limit(2).build().expect("a valid request");
    let client = client(&endpoint);
    let images: Vec<_> = client.paginate(request).collect().await;
    let ids: Vec<String> = images
        .into_iter()
        .map(|image| image.expect("each page succeeds").image_id.unwrap_or_default())
        .collect();
    assert_eq!(ids, ["img-0", "img-1", "img-2"]);
}

#[test]
fn invalid_requests_never_reach_the_wire() {
    let errors = DescribeImages::builder().limit(500).build().expect_err("the limit is too big");
    assert!(errors.mentions("limit"), "{errors}");
    // The zone may come from the configuration; with neither, preparing the request fails.
    let request = DescribeImages::builder().build().expect("the zone can come from the configuration");
    match client("https://api.qingcloud.com").prepare(&request) {
        Err(Error::Validation(errors)) => assert!(errors.mentions("zone"), "{errors}"),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// `prepare`'s result named through `yunapi` alone: this package has no `http` dependency of its
/// own (see Cargo.toml), so this compiles only because `yunapi` re-exports the crate.
#[test]
fn a_prepared_request_is_named_through_yunapi() {
    let request = DescribeImages::builder().zone("pek3a").build().expect("a valid request");
    let prepared: yunapi::http::Request<Vec<u8>> =
        client("https://api.qingcloud.com").prepare(&request).expect("the request prepares");
    assert_eq!(prepared.method(), yunapi::http::Method::GET);
    assert_eq!(prepared.uri().host(), Some("api.qingcloud.com"));
}
