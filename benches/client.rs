//! Criterion benches of the generated client (BENCHMARKS.md): building and signing one
//! DescribeImages request per provider (no I/O); deserializing each seed's example answer, next to
//! parsing the same text into `serde_json::Value` as the yardstick; and calls at 1, 16 and 64 at
//! once against a keep-alive server on 127.0.0.1, next to a bare reqwest loop sending the same
//! prepared request.

// The bench measures the five seed pages' APIs: it is built only while their pages are in specs/.
#[cfg(all(
    yunapi_api = "qingcloud/DescribeImages",
    yunapi_api = "qingcloud-private/DescribeImages",
    yunapi_api = "tencent/DescribeImages",
    yunapi_api = "aliyun/DescribeImages",
    yunapi_api = "jdcloud/describeImages"
))]
mod seeds {
    use bytes::Bytes;
    use criterion::{BenchmarkId, Criterion, criterion_group};
    use http_body_util::Full;
    use hyper::service::service_fn;
    use hyper_util::rt::TokioIo;
    use std::convert::Infallible;
    use std::hint::black_box;
    use std::path::Path;
    use std::sync::Arc;
    use std::time::{Duration, Instant};
    use time::macros::datetime;
    use yunapi::runtime::{Operation, SigningInput};
    use yunapi::{Client, Config, Credentials, aliyun, jdcloud, qingcloud, qingcloud_private, tencent};

    /// The wire parameters each bench request sets: the region and what the page requires.
    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    fn client(provider: &'static yunapi::runtime::Provider, region: &str) -> Client {
        let config = Config::default().with_region(region).with_domain("cloud.example.com");
        Client::new(provider, Credentials::new("AKIDEXAMPLE", "secret-example"), config).expect("client")
    }

    /// Builds the request from its wire parameters and signs it, as a call does before sending.
    fn bench_sign<O: Operation>(c: &mut Criterion, name: &str, client: &Client, build: impl Fn() -> O) {
        let signing = SigningInput::new(datetime!(2026-11-24 08:00:00 UTC), "4520");
        c.bench_function(&format!("build and sign/{name}"), |b| {
            b.iter(|| client.prepare_with(&build(), black_box(&signing)).expect("signs"))
        });
    }

    fn signing(c: &mut Criterion) {
        let qingcloud_pairs = pairs(&[("zone", "pek3a"), ("limit", "20"), ("status.1", "available")]);
        let qingcloud = client(&qingcloud::PROVIDER, "pek3a");
        bench_sign(c, "qingcloud", &qingcloud, || {
            qingcloud::DescribeImages::from_wire(&qingcloud_pairs).expect("valid")
        });
        // The private cloud's page documents no zone or paging parameters.
        let private_pairs = pairs(&[("status.1", "available"), ("verbose", "0")]);
        let private = client(&qingcloud_private::PROVIDER, "zone1");
        bench_sign(c, "qingcloud-private", &private, || {
            qingcloud_private::DescribeImages::from_wire(&private_pairs).expect("valid")
        });
        let tencent_pairs = pairs(&[("imageIds.0", "img-1"), ("imageType", "1"), ("limit", "20")]);
        let tencent = client(&tencent::PROVIDER, "gz");
        bench_sign(c, "tencent", &tencent, || {
            tencent::DescribeImages::from_wire(&tencent_pairs).expect("valid")
        });
        let aliyun_pairs = pairs(&[
            ("RegionId", "cn-hangzhou"),
            ("PageSize", "10"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "生产"),
        ]);
        let aliyun = client(&aliyun::PROVIDER, "cn-hangzhou");
        bench_sign(c, "aliyun", &aliyun, || aliyun::DescribeImages::from_wire(&aliyun_pairs).expect("valid"));
        let jdcloud_pairs =
            pairs(&[("regionId", "cn-north-1"), ("imageSource", "public"), ("pageSize", "20")]);
        let jdcloud = client(&jdcloud::PROVIDER, "cn-north-1");
        bench_sign(c, "jdcloud", &jdcloud, || {
            jdcloud::DescribeImages::from_wire(&jdcloud_pairs).expect("valid")
        });
    }

    /// The first JSON example answer of a committed spec.
    fn example_answer(spec: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs").join(spec);
        let text = std::fs::read_to_string(&path).expect("spec");
        let spec =
            generator::spec::from_yaml(&text, &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
        let json = spec.examples.responses.iter().find_map(|r| r.json_text()).expect("a JSON answer");
        json.into_owned()
    }

    fn bench_decode<T: serde::de::DeserializeOwned>(c: &mut Criterion, name: &str, spec: &str) {
        bench_text::<T>(c, name, example_answer(spec));
    }

    fn bench_text<T: serde::de::DeserializeOwned>(c: &mut Criterion, name: &str, text: String) {
        let mut group = c.benchmark_group(format!("deserialize/{name}"));
        group.bench_function("typed", |b| {
            b.iter(|| serde_json::from_str::<T>(black_box(&text)).expect("decodes"))
        });
        group.bench_function("serde_json::Value", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).expect("parses"))
        });
        group.finish();
    }

    fn decoding(c: &mut Criterion) {
        bench_decode::<qingcloud::DescribeImagesResponse>(c, "qingcloud", "qingcloud/DescribeImages.yaml");
        bench_decode::<tencent::DescribeImagesResponse>(c, "tencent", "tencent/DescribeImages.yaml");
        bench_decode::<qingcloud_private::DescribeImagesResponse>(
            c,
            "qingcloud-private",
            "qingcloud-private/DescribeImages.yaml",
        );
        bench_decode::<aliyun::DescribeImagesResponse>(c, "aliyun", "aliyun/DescribeImages.yaml");
        // Seed 004 shows no example answer; the test server's answer, built from its result tables, stands in.
        let jdcloud =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/fixtures/jdcloud_describe_images.json");
        bench_text::<jdcloud::DescribeImagesResponse>(
            c,
            "jdcloud",
            std::fs::read_to_string(jdcloud).expect("fixture"),
        );
    }

    /// Serves `answer` to every request, keeping connections alive.
    async fn serve(answer: String) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let answer = Bytes::from(answer);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let answer = answer.clone();
                let service = service_fn(move |_| {
                    let body = Full::new(answer.clone());
                    async move { Ok::<_, Infallible>(hyper::Response::new(body)) }
                });
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service),
                );
            }
        });
        url
    }

    /// `calls` calls spread over `at_once` tasks, each running `call` one after the other; the time
    /// they all took.
    async fn spread<F, Fut>(calls: u64, at_once: u64, call: F) -> Duration
    where
        F: Fn() -> Fut + Clone + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send,
    {
        let start = Instant::now();
        let tasks: Vec<_> = (0..at_once)
            .map(|task| {
                let call = call.clone();
                let share = calls / at_once + u64::from(task < calls % at_once);
                tokio::spawn(async move {
                    for _ in 0..share {
                        call().await;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("no call panics");
        }
        start.elapsed()
    }

    /// Calls at once through one client (validate, sign, send, check, decode), next to reqwest alone
    /// sending the request the client prepared and reading the answer. Criterion's time per
    /// iteration is wall time per call: requests per second is its inverse, and by Little's law the
    /// latency of one call is that times the calls at once.
    fn concurrency(c: &mut Criterion) {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
        let url = runtime.block_on(serve(example_answer("qingcloud/DescribeImages.yaml")));
        let config = Config::default().with_region("pek3a").with_endpoint(&url);
        let client =
            Client::new(&qingcloud::PROVIDER, Credentials::new("AKIDEXAMPLE", "secret-example"), config)
                .expect("client");
        let pairs = pairs(&[("zone", "pek3a"), ("limit", "20"), ("status.1", "available")]);
        let op = Arc::new(qingcloud::DescribeImages::from_wire(&pairs).expect("valid"));
        let prepared = Arc::new(
            reqwest::Request::try_from(client.prepare(&*op).expect("signs")).expect("a reqwest request"),
        );
        let bare = reqwest::Client::new();
        let mut group = c.benchmark_group("concurrency");
        for at_once in [1u64, 16, 64] {
            group.bench_function(BenchmarkId::new("yunapi", at_once), |b| {
                b.iter_custom(|calls| {
                    let (client, op) = (client.clone(), op.clone());
                    runtime.block_on(spread(calls, at_once, move || {
                        let (client, op) = (client.clone(), op.clone());
                        async move {
                            black_box(client.send(&*op).await.expect("an answer"));
                        }
                    }))
                })
            });
            group.bench_function(BenchmarkId::new("bare reqwest", at_once), |b| {
                b.iter_custom(|calls| {
                    let (bare, prepared) = (bare.clone(), prepared.clone());
                    runtime.block_on(spread(calls, at_once, move || {
                        let request = prepared.try_clone().expect("a body in memory");
                        let bare = bare.clone();
                        async move {
                            let response = bare.execute(request).await.expect("an answer");
                            black_box(response.bytes().await.expect("a body"));
                        }
                    }))
                })
            });
        }
        group.finish();
    }

    criterion_group!(benches, signing, decoding, concurrency);
}

#[cfg(all(
    yunapi_api = "qingcloud/DescribeImages",
    yunapi_api = "qingcloud-private/DescribeImages",
    yunapi_api = "tencent/DescribeImages",
    yunapi_api = "aliyun/DescribeImages",
    yunapi_api = "jdcloud/describeImages"
))]
criterion::criterion_main!(seeds::benches);

#[cfg(not(all(
    yunapi_api = "qingcloud/DescribeImages",
    yunapi_api = "qingcloud-private/DescribeImages",
    yunapi_api = "tencent/DescribeImages",
    yunapi_api = "aliyun/DescribeImages",
    yunapi_api = "jdcloud/describeImages"
)))]
fn main() {
    eprintln!("the client bench measures the five seed pages' APIs, and some of their pages are gone");
}
