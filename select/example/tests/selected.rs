//! The APIs this crate selected work as they do inside `yunapi`: their builders check the page's
//! constraints, and a call is signed, sent to a server this test starts on 127.0.0.1, and its
//! answer decoded into the selected types.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use yunapi::{Client, Config, Credentials};
use yunapi_select_example::{aliyun, jdcloud};

/// Answers one request with `body` and returns the request's head.
async fn serve_once(body: &'static str) -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("address");
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("a connection");
        let mut request = Vec::new();
        let mut buffer = [0u8; 4096];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => request.extend_from_slice(&buffer[..n]),
            }
        }
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await.expect("the answer is written");
        String::from_utf8_lossy(&request).into_owned()
    });
    (format!("http://{address}"), server)
}

#[test]
fn the_builders_check_the_pages_constraints() {
    let errors = aliyun::CreateDisk::builder().size(20).build().expect_err("ZoneId is required");
    assert!(errors.mentions("ZoneId"), "{errors}");
    let errors =
        aliyun::CreateDisk::builder().zone_id("cn-hangzhou-g").size(5).build().expect_err("too small");
    assert!(errors.mentions("Size"), "{errors}");
    aliyun::CreateDisk::builder().zone_id("cn-hangzhou-g").size(40).build().expect("a valid request");
}

#[tokio::test]
async fn a_selected_api_is_signed_sent_and_its_answer_decoded() {
    let (endpoint, server) = serve_once(
        r#"{"RequestId":"F3CD6886-D8D0-4FEE-B93E-1B73239673DE","DiskId":"d-bp131n0q38u3a4zi****"}"#,
    )
    .await;
    let config = Config::default().with_endpoint(&endpoint).with_region("cn-hangzhou");
    let client =
        Client::new(&aliyun::PROVIDER, Credentials::new("testid", "testsecret"), config).expect("client");
    let request =
        aliyun::CreateDisk::builder().zone_id("cn-hangzhou-g").size(40).build().expect("a valid request");
    let answer: aliyun::CreateDiskResponse = client.send(&request).await.expect("the call succeeds");
    assert_eq!(answer.disk_id.as_deref(), Some("d-bp131n0q38u3a4zi****"));
    let head = server.await.expect("the server ran");
    let target = head.split_whitespace().nth(1).expect("a request line");
    for part in ["Action=CreateDisk", "ZoneId=cn-hangzhou-g", "Size=40", "ClientToken=", "Signature="] {
        assert!(target.contains(part), "{part} is not in {target}");
    }
}

#[test]
fn an_answer_without_fields_decodes() {
    let _: jdcloud::DeleteDiskResponse =
        yunapi::serde_json::from_str(r#"{"requestId":"c1"}"#).expect("decodes");
}
