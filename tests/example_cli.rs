//! The `describe_images` example, run as a user runs it, against the test server for all five
//! seeds: a signed request the server verifies and the page's images in a table; a validation
//! error, an API error and a missing credential each exit non-zero with a message that says why.

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use support::answers::{self, ApiError};
use support::provider::Provider;
use support::server::{Reply, TestServer};

/// The example binary, built once for this test run with the same cargo, profile and target
/// directory as the tests themselves.
fn example_binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // Test binaries live in <target>/<profile>/deps/, examples in <target>/<profile>/examples/.
        let test_binary = std::env::current_exe().expect("the test binary has a path");
        let profile_dir = test_binary.parent().and_then(|deps| deps.parent()).expect("a target directory");
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        let mut cargo = Command::new(env!("CARGO"));
        cargo.args(["build", "--quiet", "--example", "describe_images", "--manifest-path", manifest]);
        if profile_dir.ends_with("release") {
            cargo.arg("--release");
        }
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "cargo build --example describe_images failed");
        profile_dir.join("examples").join(format!("describe_images{}", std::env::consts::EXE_SUFFIX))
    })
}

/// Runs the example for `provider` against `server` with the server's credentials and `args`.
async fn run_example(server: &TestServer, args: &[&str]) -> Output {
    let provider = server.provider();
    let keys = provider.keys();
    let (key_var, secret_var) = provider.env_vars();
    let mut command = Command::new(example_binary());
    command
        .args(["--provider", provider.key(), "--endpoint", &server.url(), "--region", provider.region()])
        .args(args)
        .env(key_var, keys.access_key)
        .env(secret_var, keys.secret);
    if provider == Provider::QingCloudPrivate {
        command.args(["--domain", "private.example"]);
    }
    tokio::task::spawn_blocking(move || command.output().expect("the example runs"))
        .await
        .expect("the example's thread finishes")
}

/// The parameters each page requires beyond the region.
fn required_params(provider: Provider) -> &'static [&'static str] {
    match provider {
        Provider::Tencent => &["--param", "imageType=1"],
        Provider::JdCloud => &["--param", "imageSource=public"],
        _ => &[],
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the example for `provider` and checks the table lists every image of the page's example.
async fn lists_the_pages_images(provider: Provider) {
    let server = TestServer::start(provider).await;
    let output = run_example(&server, required_params(provider)).await;
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{provider:?}: {}\n{stdout}", text(&output.stderr));

    let received = server.received();
    assert_eq!(received.len(), 1, "{provider:?}: {received:#?}");
    assert!(received[0].verdict.is_ok(), "{provider:?}: {:?}", received[0]);

    let answer = answers::example_json(provider);
    let shape = provider.shape();
    let items = answer.pointer(&format!("/{}", shape.items.join("/"))).and_then(|v| v.as_array());
    for item in items.into_iter().flatten() {
        let id = item[shape.id].as_str().expect("images have ids");
        assert!(stdout.contains(id), "{provider:?}: {id} is not listed in\n{stdout}");
    }
    assert!(stdout.starts_with("ID"), "{provider:?}: a table with a header\n{stdout}");
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_qingcloud_images() {
    lists_the_pages_images(Provider::QingCloud).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_private_cloud_images() {
    lists_the_pages_images(Provider::QingCloudPrivate).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_tencent_images() {
    lists_the_pages_images(Provider::Tencent).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_aliyun_images() {
    lists_the_pages_images(Provider::Aliyun).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_jdcloud_images() {
    lists_the_pages_images(Provider::JdCloud).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn parameters_set_by_wire_name_are_sent() {
    let cases: [(Provider, &[&str]); 3] = [
        (Provider::Aliyun, &["ImageOwnerAlias=system", "PageSize=5", "Tag.1.Key=env", "Tag.1.Value=生产"]),
        (Provider::Tencent, &["imageType=1", "imageIds.0=img-1", "imageIds.1=img-2"]),
        (Provider::JdCloud, &["ids.1=img-1", "pageSize=10"]),
    ];
    for (provider, params) in cases {
        let server = TestServer::start(provider).await;
        let args: Vec<&str> = params.iter().flat_map(|param| ["--param", param]).collect();
        let output = run_example(&server, &args).await;
        assert!(output.status.success(), "{provider:?}: {}", text(&output.stderr));
        let request = &server.requests()[0];
        for param in params {
            let (name, value) = param.split_once('=').expect("NAME=VALUE");
            assert_eq!(request.param(name).as_deref(), Some(value), "{provider:?}: {request:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_validation_error_names_the_parameter_and_sends_nothing() {
    let cases = [
        (Provider::QingCloud, "limit=101", "limit"),
        (Provider::QingCloud, "zone=PEK3A", "zone"),
        (Provider::JdCloud, "pageSize=5", "pageSize"),
        (Provider::Aliyun, "PageSize=101", "PageSize"),
    ];
    for (provider, param, name) in cases {
        let server = TestServer::start(provider).await;
        let mut args = required_params(provider).to_vec();
        args.extend(["--param", param]);
        let output = run_example(&server, &args).await;
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{provider:?} {param}: {stderr}");
        assert!(stderr.contains(name), "{provider:?}: {name} is not named in {stderr:?}");
        assert!(server.requests().is_empty(), "{provider:?}: an invalid request is not sent");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_required_parameter_is_named() {
    let server = TestServer::start(Provider::Tencent).await;
    let output = run_example(&server, &[]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("imageType"), "{stderr}");
    assert!(server.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_api_error_exits_non_zero_with_its_code() {
    let server = TestServer::start(Provider::Aliyun).await;
    server.set_default(Reply::Error(ApiError::sample(Provider::Aliyun, "5EED-REQUEST-ID")));
    let output = run_example(&server, &[]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("InvalidImageOwnerAlias.ValueNotSupported"), "{stderr}");
    assert!(stderr.contains("5EED-REQUEST-ID"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transport_error_exits_non_zero() {
    // A server that is gone: its port refuses connections.
    let server = TestServer::start(Provider::QingCloud).await;
    let url = server.url();
    drop(server);
    let output = tokio::task::spawn_blocking(move || {
        let (key_var, secret_var) = Provider::QingCloud.env_vars();
        Command::new(example_binary())
            .args(["--provider", "qingcloud", "--endpoint", &url])
            .env(key_var, "k")
            .env(secret_var, "s")
            .output()
            .expect("the example runs")
    })
    .await
    .expect("the example's thread finishes");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn missing_credentials_are_named() {
    let (key_var, secret_var) = Provider::JdCloud.env_vars();
    let output = Command::new(example_binary())
        .args(["--provider", "jdcloud", "--endpoint", "http://127.0.0.1:9", "--param", "imageSource=public"])
        .env_remove(key_var)
        .env_remove(secret_var)
        .output()
        .expect("the example runs");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(key_var), "{stderr}");
}

#[test]
fn a_malformed_param_is_refused_by_the_command_line() {
    let output = Command::new(example_binary())
        .args(["--provider", "aliyun", "--param", "PageSize"])
        .output()
        .expect("the example runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("NAME=VALUE"), "{}", text(&output.stderr));
}
