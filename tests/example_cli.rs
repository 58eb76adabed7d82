//! The `call_api` example, run as a user runs it, against the test server: for every seed
//! provider a signed request the server verifies and the page's images in a table (or the answer
//! as JSON); other APIs by name, a JD Cloud POST with an object in its JSON body, each signature
//! variant a provider has; a validation error, an unknown API, a foreign signature, an API error
//! and a missing credential each exit non-zero with a message that says why.

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use support::answers;
use support::provider::Provider;
use support::server::TestServer;

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
        cargo.args(["build", "--quiet", "--example", "call_api", "--manifest-path", manifest]);
        if profile_dir.ends_with("release") {
            cargo.arg("--release");
        }
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "cargo build --example call_api failed");
        profile_dir.join("examples").join(format!("call_api{}", std::env::consts::EXE_SUFFIX))
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
    let items = items.expect("the example answer lists images");
    for item in items {
        let id = item[shape.id].as_str().expect("images have ids");
        assert!(stdout.contains(id), "{provider:?}: {id} is not listed in\n{stdout}");
    }
    // The id is the first column, under its field's name; the count closes the table.
    assert!(stdout.starts_with(shape.id), "{provider:?}: a table with a header\n{stdout}");
    let total = answer.pointer(&format!("/{}", shape.total.join("/"))).and_then(|v| v.as_u64());
    let count = match total {
        Some(total) => format!("{} of {total} items", items.len()),
        None => format!("{} items", items.len()),
    };
    assert!(stdout.trim_end().ends_with(&count), "{provider:?}: {count:?} closes\n{stdout}");
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
#[tokio::test(flavor = "multi_thread")]
async fn lists_qingcloud_images() {
    lists_the_pages_images(Provider::QingCloud).await;
}

#[cfg(yunapi_api = "qingcloud-private/DescribeImages")]
#[tokio::test(flavor = "multi_thread")]
async fn lists_private_cloud_images() {
    lists_the_pages_images(Provider::QingCloudPrivate).await;
}

#[cfg(yunapi_api = "tencent/DescribeImages")]
#[tokio::test(flavor = "multi_thread")]
async fn lists_tencent_images() {
    lists_the_pages_images(Provider::Tencent).await;
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
#[tokio::test(flavor = "multi_thread")]
async fn lists_aliyun_images() {
    lists_the_pages_images(Provider::Aliyun).await;
}

#[cfg(yunapi_api = "jdcloud/describeImages")]
#[tokio::test(flavor = "multi_thread")]
async fn lists_jdcloud_images() {
    lists_the_pages_images(Provider::JdCloud).await;
}

#[cfg(all(yunapi_api = "aliyun/DescribeImages", yunapi_api = "qingcloud/DescribeImages"))]
#[tokio::test(flavor = "multi_thread")]
async fn the_answer_as_json_is_the_answer_the_server_sent() {
    for provider in [Provider::Aliyun, Provider::QingCloud] {
        let server = TestServer::start(provider).await;
        let output = run_example(&server, &["--output", "json"]).await;
        assert!(output.status.success(), "{provider:?}: {}", text(&output.stderr));
        let printed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the output is JSON");
        assert_eq!(printed, answers::example_json(provider), "{provider:?}");
    }
}

#[cfg(yunapi_api = "aliyun/DescribeDisks")]
#[tokio::test(flavor = "multi_thread")]
async fn any_api_is_called_by_its_name_in_any_case() {
    let server = TestServer::start(Provider::Aliyun).await;
    let output =
        run_example(&server, &["--api", "describedisks", "--param", r#"DiskIds=["d-1","d-2"]"#]).await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    let received = server.received();
    assert_eq!(received[0].verdict.as_ref().map(|v| v.action.as_str()), Ok("DescribeDisks"), "{received:?}");
    assert_eq!(received[0].request.param("DiskIds").as_deref(), Some(r#"["d-1","d-2"]"#));
    // The server's success without data: no list, so the answer's fields one per line.
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("FIELD") && stdout.contains("RequestId"), "{stdout}");
}

#[cfg(yunapi_api = "jdcloud/createDisks")]
#[tokio::test(flavor = "multi_thread")]
async fn a_jd_post_carries_an_object_given_as_json_in_its_body() {
    let server = TestServer::start_service(Provider::JdCloud, "disk").await;
    let spec = r#"{"az":"cn-north-1a","name":"data","diskType":"ssd","diskSizeGB":20,"charge":{"chargeMode":"postpaid_by_duration"}}"#;
    let args = ["--api", "createDisks", "--param", &format!("diskSpec={spec}"), "--param", "maxCount=1"];
    let output = run_example(&server, &[&args[..], &["--output", "json"]].concat()).await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    let received = server.received();
    let verified = received[0].verdict.as_ref().expect("a good signature");
    assert_eq!(verified.action, "POST /v1/regions/cn-north-1/disks");
    let body = received[0].request.json().expect("a JSON body");
    assert_eq!(body["diskSpec"], serde_json::from_str::<serde_json::Value>(spec).expect("JSON"), "{body}");
    assert_eq!(body["maxCount"], 1, "{body}");
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the output is JSON");
    assert!(printed["requestId"].is_string(), "{printed}");

    // The same object breaking the page's bounds is refused before anything is sent.
    let server = TestServer::start_service(Provider::JdCloud, "disk").await;
    let bad = spec.replace("20", "25");
    let output = run_example(
        &server,
        &["--api", "createDisks", "--param", &format!("diskSpec={bad}"), "--param", "maxCount=1"],
    )
    .await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("diskSpec.diskSizeGB: must be a multiple of 10"), "{stderr}");
    assert!(server.requests().is_empty());
}

#[cfg(all(
    yunapi_api = "qingcloud/DescribeImages",
    yunapi_api = "tencent/DescribeImages",
    yunapi_api = "jdcloud/describeImages",
    yunapi_api = "tencent-v3/DescribeInstances"
))]
#[tokio::test(flavor = "multi_thread")]
async fn each_signature_variant_of_a_provider_is_verified() {
    let cases: [(Provider, &[&str], &str, &str); 5] = [
        (Provider::QingCloud, &[], "hmac-sha1", "HmacSHA1"),
        (Provider::Tencent, &["--param", "imageType=1"], "hmac-sha256", "HmacSHA256"),
        (Provider::JdCloud, &["--param", "imageSource=public"], "jdcloud2", "JDCLOUD2-HMAC-SHA256"),
        (Provider::TencentV3, &["--api", "DescribeInstances"], "tc3", "TC3-HMAC-SHA256"),
        (Provider::TencentV3, &["--api", "DescribeInstances"], "v1", "HmacSHA256"),
    ];
    for (provider, args, signing, algorithm) in cases {
        let server = TestServer::start(provider).await;
        let output = run_example(&server, &[args, &["--signing", signing]].concat()).await;
        assert!(output.status.success(), "{provider:?} {signing}: {}", text(&output.stderr));
        let received = server.received();
        let verified = received[0].verdict.as_ref().expect("a good signature");
        assert_eq!(verified.algorithm, algorithm, "{provider:?} {signing}");
    }
}

#[cfg(yunapi_api = "tencent-v3/DescribeInstances")]
#[tokio::test(flavor = "multi_thread")]
async fn a_signature_of_another_provider_is_refused_with_the_providers_own() {
    let server = TestServer::start(Provider::TencentV3).await;
    let output = run_example(&server, &["--api", "DescribeInstances", "--signing", "jdcloud3"]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--signing jdcloud3") && stderr.contains("tc3, v1, v1-hmac-sha1"), "{stderr}");
    assert!(server.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_api_is_named_with_the_providers_apis() {
    let server = TestServer::start(Provider::JdCloud).await;
    let output = run_example(&server, &["--api", "describeUnicorns"]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("describeUnicorns") && stderr.contains("describeImages"), "{stderr}");
    assert!(server.requests().is_empty());
}

#[cfg(all(
    yunapi_api = "aliyun/DescribeImages",
    yunapi_api = "tencent/DescribeImages",
    yunapi_api = "jdcloud/describeImages"
))]
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

#[cfg(all(
    yunapi_api = "qingcloud/DescribeImages",
    yunapi_api = "jdcloud/describeImages",
    yunapi_api = "aliyun/DescribeImages"
))]
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

#[cfg(yunapi_api = "tencent/DescribeImages")]
#[tokio::test(flavor = "multi_thread")]
async fn a_missing_required_parameter_is_named() {
    let server = TestServer::start(Provider::Tencent).await;
    let output = run_example(&server, &[]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("imageType"), "{stderr}");
    assert!(server.requests().is_empty());
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
#[tokio::test(flavor = "multi_thread")]
async fn an_api_error_exits_non_zero_with_its_code() {
    let server = TestServer::start(Provider::Aliyun).await;
    server.set_default(support::server::Reply::Error(answers::ApiError::sample(
        Provider::Aliyun,
        "5EED-REQUEST-ID",
    )));
    let output = run_example(&server, &[]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("InvalidImageOwnerAlias.ValueNotSupported"), "{stderr}");
    assert!(stderr.contains("5EED-REQUEST-ID"), "{stderr}");
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
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

#[cfg(yunapi_api = "jdcloud/describeImages")]
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
