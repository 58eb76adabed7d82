//! A tiny scripted HTTP/1.1 server on 127.0.0.1 and a fake QingCloud-style operation, for the
//! runtime's own tests. Each connection serves one request with the next scripted reply and
//! closes; every request line is recorded.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use yunapi_runtime::{
    Check, ErrorEnvelope, HmacAlgorithm, JdCloudVersion, Operation, Paginated, PaginationStyle, Params,
    Provider, Rule, SigningScheme, ValidationErrors,
};

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete answer with a `Content-Length`.
    Json { status: u16, body: String, headers: Vec<(String, String)> },
    /// Sends the status line, headers and the start of a body, then stays silent and open.
    Hang,
    /// Claims a body of this many bytes in `Content-Length`, then stays silent.
    ClaimsLength(u64),
    /// An endless body without `Content-Length`, until the client goes away.
    Endless,
}

impl Reply {
    /// A 200 answer with `body`.
    pub fn ok(body: impl Into<String>) -> Reply {
        Reply::Json { status: 200, body: body.into(), headers: Vec::new() }
    }

    /// An answer with `status` and `body`.
    pub fn status(status: u16, body: impl Into<String>) -> Reply {
        Reply::Json { status, body: body.into(), headers: Vec::new() }
    }
}

/// A running scripted server.
pub struct Server {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `script` in order; once it runs out, the last reply repeats.
    pub async fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        tokio::spawn(async move {
            let mut next = 0usize;
            while let Ok((stream, _)) = listener.accept().await {
                let reply = script[next.min(script.len() - 1)].clone();
                next += 1;
                let seen = seen.clone();
                tokio::spawn(serve_one(stream, reply, seen));
            }
        });
        Server { addr, requests }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request lines received so far (`GET /iaas/?... HTTP/1.1`).
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("request log").clone()
    }
}

async fn serve_one(mut stream: TcpStream, reply: Reply, seen: Arc<Mutex<Vec<String>>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    seen.lock().expect("request log").push(text.lines().next().unwrap_or_default().to_owned());
    match reply {
        Reply::Json { status, body, headers } => {
            let mut out = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                out.push_str(&format!("{name}: {value}\r\n"));
            }
            out.push_str("\r\n");
            out.push_str(&body);
            let _ = stream.write_all(out.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
        Reply::Hang => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"ret_code\":").await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
        Reply::ClaimsLength(len) => {
            let head = format!("HTTP/1.1 200 OK\r\ncontent-length: {len}\r\n\r\n");
            let _ = stream.write_all(head.as_bytes()).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
        Reply::Endless => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n[").await;
            let chunk = vec![b' '; 64 * 1024];
            while stream.write_all(&chunk).await.is_ok() {}
        }
    }
}

/// A QingCloud provider, as the generator emits it.
pub static QINGCLOUD: Provider = Provider {
    key: "qingcloud",
    name: "QingCloud",
    scheme: SigningScheme::QingCloud(HmacAlgorithm::Sha256),
    endpoint: "https://api.qingcloud.com/iaas/",
    version: Some("1"),
    region_param: "zone",
    list_index_base: 1,
    bool_true: "True",
    bool_false: "False",
    access_key_env: "QY_ACCESS_KEY_ID",
    secret_key_env: "QY_SECRET_ACCESS_KEY",
    error_envelope: ErrorEnvelope::RetCode,
};

/// An Alibaba Cloud ECS provider.
pub static ALIYUN: Provider = Provider {
    key: "aliyun",
    name: "Alibaba Cloud ECS",
    scheme: SigningScheme::AliyunRpc,
    endpoint: "https://ecs.{region}.aliyuncs.com/",
    version: Some("2014-05-26"),
    region_param: "RegionId",
    list_index_base: 1,
    bool_true: "true",
    bool_false: "false",
    access_key_env: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret_key_env: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    error_envelope: ErrorEnvelope::PascalCode,
};

/// A JD Cloud provider.
pub static JDCLOUD: Provider = Provider {
    key: "jdcloud",
    name: "JD Cloud",
    scheme: SigningScheme::JdCloud(JdCloudVersion::V3),
    endpoint: "https://vm.jdcloud-api.com/v1",
    version: Some("v1"),
    region_param: "regionId",
    list_index_base: 1,
    bool_true: "True",
    bool_false: "False",
    access_key_env: "JDCLOUD_ACCESS_KEY",
    secret_key_env: "JDCLOUD_SECRET_KEY",
    error_envelope: ErrorEnvelope::NestedError,
};

/// The private cloud: QingCloud's API at the operator's domain.
pub static QINGCLOUD_PRIVATE: Provider =
    Provider { key: "qingcloud-private", endpoint: "https://api.{domain}/iaas/", ..QINGCLOUD };

/// A hand-written stand-in for a generated QingCloud `DescribeImages`.
#[derive(Debug, Clone, Default)]
pub struct DescribeImages {
    pub zone: Option<String>,
    pub images: Vec<String>,
    pub search_word: Option<String>,
    pub offset: Option<u64>,
    pub limit: Option<u64>,
    /// Sent without its checks, as a builder's `build_unchecked` makes it.
    pub unchecked: bool,
}

#[derive(Debug, serde::Deserialize)]
pub struct DescribeImagesResponse {
    pub ret_code: i64,
    pub total_count: Option<u64>,
    #[serde(default)]
    pub image_set: Vec<Image>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Image {
    pub image_id: String,
}

impl Operation for DescribeImages {
    const ACTION: &'static str = "DescribeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/iaas/";
    const ENDPOINT: Option<&'static str> = None;
    type Output = DescribeImagesResponse;
    const RULES: &'static [Rule] =
        &[Rule::new("limit", &[(Check::Range(Some(1), Some(100), None), "DescribeImages.md:20")], &[])];

    fn validate(&self) -> Result<(), ValidationErrors> {
        yunapi_runtime::rules::check_operation(self, &QINGCLOUD)
    }

    fn unchecked(&self) -> bool {
        self.unchecked
    }

    fn write_params(&self, params: &mut Params) {
        params.query("zone", &self.zone);
        params.query("images", &self.images);
        params.query("search_word", &self.search_word);
        params.query("offset", &self.offset);
        params.query("limit", &self.limit);
    }
}

impl Paginated for DescribeImages {
    type Item = Image;
    const STYLE: PaginationStyle = PaginationStyle::OffsetLimit;
    const DEFAULT_PAGE_SIZE: u64 = 20;

    fn position(&self) -> Option<u64> {
        self.offset
    }
    fn set_position(&mut self, position: u64) {
        self.offset = Some(position);
    }
    fn page_size(&self) -> Option<u64> {
        self.limit
    }
    fn total(output: &Self::Output) -> Option<u64> {
        output.total_count
    }
    fn items(output: Self::Output) -> Vec<Image> {
        output.image_set
    }
}

/// A QingCloud answer with `ids` and an optional total.
pub fn page(ids: &[&str], total: Option<u64>) -> String {
    let images: Vec<String> = ids.iter().map(|id| format!(r#"{{"image_id":"{id}"}}"#)).collect();
    let total = total.map(|t| format!(r#","total_count":{t}"#)).unwrap_or_default();
    format!(r#"{{"action":"DescribeImagesResponse","ret_code":0,"image_set":[{}]{total}}}"#, images.join(","))
}

/// A hand-written stand-in for a generated Alibaba `DescribeImages` (PageNumber/PageSize).
#[derive(Debug, Clone, Default)]
pub struct AliDescribeImages {
    pub page_number: Option<u64>,
    pub page_size: Option<u64>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliDescribeImagesResponse {
    #[serde(default, deserialize_with = "yunapi_runtime::de::opt_u64")]
    pub total_count: Option<u64>,
    #[serde(default, deserialize_with = "yunapi_runtime::de::wrapped_vec")]
    pub images: Vec<AliImage>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct AliImage {
    #[serde(rename = "ImageId")]
    pub image_id: String,
}

impl Operation for AliDescribeImages {
    const ACTION: &'static str = "DescribeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/";
    const ENDPOINT: Option<&'static str> = None;
    type Output = AliDescribeImagesResponse;

    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    fn write_params(&self, params: &mut Params) {
        params.query("PageNumber", &self.page_number);
        params.query("PageSize", &self.page_size);
    }
}

impl Paginated for AliDescribeImages {
    type Item = AliImage;
    const STYLE: PaginationStyle = PaginationStyle::PageNumber;
    const DEFAULT_PAGE_SIZE: u64 = 10;

    fn position(&self) -> Option<u64> {
        self.page_number
    }
    fn set_position(&mut self, position: u64) {
        self.page_number = Some(position);
    }
    fn page_size(&self) -> Option<u64> {
        self.page_size
    }
    fn total(output: &Self::Output) -> Option<u64> {
        output.total_count
    }
    fn items(output: Self::Output) -> Vec<AliImage> {
        output.images
    }
}

/// An Alibaba answer with `ids`, the total as a string, and a fresh request id.
pub fn ali_page(ids: &[&str], total: u64) -> String {
    let images: Vec<String> = ids.iter().map(|id| format!(r#"{{"ImageId":"{id}"}}"#)).collect();
    format!(
        r#"{{"RequestId":"req-{}","TotalCount":"{total}","Images":{{"Image":[{}]}}}}"#,
        ids.first().copied().unwrap_or("none"),
        images.join(",")
    )
}
