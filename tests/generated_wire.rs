//! Every request-URL example of the seed pages, reproduced by the generated serializer and the
//! runtime's `Client::prepare` (common and signature parameters aside). No network: `prepare` only
//! builds the signed request.

use std::collections::BTreeSet;
use yunapi::runtime::{Operation, Provider};
use yunapi::{Client, Config, Credentials};

/// The query of `request` as decoded pairs.
fn query(request: &yunapi::http::Request<Vec<u8>>) -> Vec<(String, String)> {
    let query = request.uri().query().unwrap_or_default();
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// The common and signature parameters of a provider, as its profile lists them
/// (`common_params` in specs/providers/<provider>.yaml).
fn common(provider: &str) -> BTreeSet<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("specs/providers/{provider}.yaml"));
    let text = std::fs::read_to_string(&path).expect("provider profile");
    let profile = generator::spec::profile_from_yaml(&text, &path.display().to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    profile.common_params.into_iter().collect()
}

/// Checks that the prepared request of `op` goes to `url_prefix` and carries exactly the `expected`
/// API parameters besides the provider's common ones.
fn assert_reproduces<O: Operation>(
    provider: &'static Provider,
    config: Config,
    op: &O,
    url_prefix: &str,
    expected: &[(&str, &str)],
) {
    let client = Client::new(provider, Credentials::new("AKIDEXAMPLE", "secret"), config).expect("client");
    let request = client.prepare(op).expect("the request prepares");
    let uri = request.uri().to_string();
    assert!(uri.starts_with(url_prefix), "{uri} does not start with {url_prefix}");
    let common = common(provider.key);
    let mut api: Vec<(String, String)> =
        query(&request).into_iter().filter(|(k, _)| !common.contains(k)).collect();
    api.sort();
    let mut expected: Vec<(String, String)> =
        expected.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    expected.sort();
    assert_eq!(api, expected, "API parameters of {uri}");
    if common.iter().any(|k| k.eq_ignore_ascii_case("action")) {
        let action =
            query(&request).into_iter().find(|(k, _)| k.eq_ignore_ascii_case("action")).map(|(_, v)| v);
        assert_eq!(action.as_deref(), Some(O::ACTION), "the action travels in the query");
    }
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
#[test]
fn qingcloud_page_example() {
    // Page line 65: https://api.qingcloud.com/iaas/?action=DescribeImages&COMMON_PARAMS (zone is common).
    let op = yunapi::qingcloud::DescribeImages::builder().zone("pek3a").build().expect("valid");
    assert_reproduces(
        &yunapi::qingcloud::PROVIDER,
        Config::default(),
        &op,
        "https://api.qingcloud.com/iaas/?",
        &[],
    );
}

#[cfg(yunapi_api = "qingcloud-private/DescribeImages")]
#[test]
fn qingcloud_private_page_example() {
    // Page line 230: https://api.<your_domain>/iaas/?action=DescribeImages&COMMON_PARAMS.
    // That page's table has no zone: the region of the configuration supplies it.
    let op = yunapi::qingcloud_private::DescribeImages::builder().build().expect("valid");
    let config = Config::default().with_domain("cloud.example.com").with_region("pek3a");
    let prefix = "https://api.cloud.example.com/iaas/?";
    assert_reproduces(&yunapi::qingcloud_private::PROVIDER, config, &op, prefix, &[]);
}

#[cfg(yunapi_api = "tencent/DescribeImages")]
#[test]
fn tencent_page_example() {
    // Page line 107: https://image.api.qcloud.com/v2/index.php?Action=DescribeImages&imageType=1.
    use yunapi::tencent::describe_images::ImageType;
    let op = yunapi::tencent::DescribeImages::builder().image_type(ImageType::V1).build().expect("valid");
    let config = Config::default().with_region("ap-guangzhou");
    let prefix = "https://image.api.qcloud.com/v2/index.php?";
    assert_reproduces(&yunapi::tencent::PROVIDER, config, &op, prefix, &[("imageType", "1")]);
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
#[test]
fn aliyun_page_example() {
    // Page line 174: https://ecs.aliyuncs.com/?Action=DescribeImages&RegionId=cn-hangzhou&PageSize=1&PageNumber=1.
    let op = yunapi::aliyun::DescribeImages::builder()
        .region_id("cn-hangzhou")
        .page_size(1)
        .page_number(1)
        .build()
        .expect("valid");
    let expected = [("RegionId", "cn-hangzhou"), ("PageSize", "1"), ("PageNumber", "1")];
    assert_reproduces(
        &yunapi::aliyun::PROVIDER,
        Config::default(),
        &op,
        "https://ecs.aliyuncs.com/?",
        &expected,
    );
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
#[test]
fn aliyun_groups_and_comma_lists() {
    use yunapi::aliyun::describe_images::{Filter, FilterKey, Status, TagParam};
    let op = yunapi::aliyun::DescribeImages::builder()
        .region_id("cn-hangzhou")
        .status([Status::Available, Status::Creating])
        .tag([TagParam { key: Some("env".into()), value: Some("prod".into()), ..TagParam::default() }])
        .filter([Filter { key: Some(FilterKey::CreationStartTime), value: Some("2017-12-05T22:40Z".into()) }])
        .is_support_cloudinit(true)
        .build()
        .expect("valid");
    let expected = [
        ("RegionId", "cn-hangzhou"),
        ("Status", "Available,Creating"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "prod"),
        ("Filter.1.Key", "CreationStartTime"),
        ("Filter.1.Value", "2017-12-05T22:40Z"),
        ("IsSupportCloudinit", "true"),
    ];
    assert_reproduces(
        &yunapi::aliyun::PROVIDER,
        Config::default(),
        &op,
        "https://ecs.aliyuncs.com/?",
        &expected,
    );
}

#[cfg(yunapi_api = "jdcloud/describeImages")]
#[test]
fn jdcloud_path_parameter_and_indexed_list() {
    // The page has no example URL; its path template is /regions/{regionId}/images under /v1.
    let op = yunapi::jdcloud::DescribeImages::builder()
        .region_id("cn-north-1")
        .ids(["img-1", "img-2"])
        .offline(true)
        .build()
        .expect("valid");
    let prefix = "https://vm.jdcloud-api.com/v1/regions/cn-north-1/images?";
    let expected = [("ids.1", "img-1"), ("ids.2", "img-2"), ("offline", "True")];
    assert_reproduces(&yunapi::jdcloud::PROVIDER, Config::default(), &op, prefix, &expected);
}

#[cfg(yunapi_api = "jdcloud/describeKeypairs")]
#[test]
fn jdcloud_filters_go_out_field_by_field() {
    // PROVIDERS.md: JD Cloud sends a list of objects as `filters.1.name`, `filters.1.values.1`.
    use yunapi::jdcloud::describe_keypairs::Filter;
    let names = Filter {
        name: Some("keyNames".into()),
        values: vec!["kp-1".into(), "kp-2".into()],
        ..Filter::default()
    };
    let other = Filter { name: Some("other".into()), operator: Some("eq".into()), values: vec!["x".into()] };
    let op = yunapi::jdcloud::DescribeKeypairs::builder()
        .region_id("cn-north-1")
        .filters([names, other])
        .build()
        .expect("valid");
    let prefix = "https://vm.jdcloud-api.com/v1/regions/cn-north-1/keypairs?";
    let expected = [
        ("filters.1.name", "keyNames"),
        ("filters.1.values.1", "kp-1"),
        ("filters.1.values.2", "kp-2"),
        ("filters.2.name", "other"),
        ("filters.2.operator", "eq"),
        ("filters.2.values.1", "x"),
    ];
    assert_reproduces(&yunapi::jdcloud::PROVIDER, Config::default(), &op, prefix, &expected);
}
