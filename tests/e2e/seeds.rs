//! The five seed DescribeImages requests of the generated client, as the end-to-end tests drive
//! them.
//!
//! Input: a provider. Output: valid and invalid requests built with the generated builders and
//! `from_wire`, and what the tests check in the typed answers. The tests are generic over
//! [`Seed`] (and [`PagedSeed`] for the four APIs whose pages document paging), so each seed is
//! described once, here.

use yunapi::runtime::{Operation, Paginated, Provider, ValidationErrors};

use crate::support::provider::Provider as Server;

/// One seed API, as the tests need it.
pub trait Seed: Operation + Clone + Send + Sync + 'static {
    /// The provider the test server plays.
    const SERVER: Server;

    /// The wire name of a parameter that takes free text.
    const TEXT_PARAM: &'static str;

    /// The generated profile of the provider.
    fn provider() -> &'static Provider;

    /// A valid request with the page's required parameters.
    fn request() -> Self;

    /// The valid request with [`Seed::TEXT_PARAM`] set to `text`.
    fn with_text(text: &str) -> Self;

    /// The image ids of a decoded answer, in order.
    fn ids(output: &Self::Output) -> Vec<String>;

    /// Asserts typed values of the page's example answer, decoded.
    fn check_example(output: &Self::Output);
}

/// A seed whose page states constraints on its parameters.
pub trait ConstrainedSeed: Seed {
    /// A request that breaks a constraint the page states, and the wire parameter it breaks.
    fn invalid() -> (Self, &'static str);
}

/// A seed whose page documents paging.
pub trait PagedSeed: Seed + Paginated<Item: std::fmt::Debug> {
    /// The valid request asking for `size` images per page.
    fn page_request(size: i64) -> Self;

    /// The image id of one item.
    fn item_id(item: &Self::Item) -> String;
}

/// A generated `from_wire`.
type FromWire<T> = fn(&[(String, String)]) -> Result<T, ValidationErrors>;

/// Builds a request from wire pairs, as the example does.
fn from_wire<T>(pairs: &[(&str, &str)], parse: FromWire<T>) -> T {
    let pairs: Vec<(String, String)> =
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    parse(&pairs).unwrap_or_else(|e| panic!("a valid request: {e}"))
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> Option<&String>) -> Vec<String> {
    items.iter().map(|item| id(item).cloned().unwrap_or_default()).collect()
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
impl Seed for yunapi::qingcloud::DescribeImages {
    const SERVER: Server = Server::QingCloud;
    const TEXT_PARAM: &'static str = "search_word";

    fn provider() -> &'static Provider {
        &yunapi::qingcloud::PROVIDER
    }
    fn request() -> Self {
        yunapi::qingcloud::DescribeImages::builder().zone("pek3a").build().expect("a valid request")
    }
    fn with_text(text: &str) -> Self {
        yunapi::qingcloud::DescribeImages::builder()
            .zone("pek3a")
            .search_word(text)
            .build()
            .expect("a valid request")
    }
    fn ids(output: &Self::Output) -> Vec<String> {
        ids(&output.image_set, |image| image.image_id.as_ref())
    }
    fn check_example(output: &Self::Output) {
        assert_eq!(output.total_count, Some(9));
        let image = &output.image_set[0];
        assert_eq!(image.status.as_ref().map(|s| s.as_str()), Some("ceased"));
        assert_eq!(image.size, Some(20));
        assert_eq!(image.owner.as_deref(), Some("usr-1234abcd"));
        let created = image.create_time.as_ref().expect("a creation time").time();
        assert_eq!(created.unix_timestamp(), 1_375_899_392, "2013-08-07T18:16:32Z");
    }
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
impl ConstrainedSeed for yunapi::qingcloud::DescribeImages {
    fn invalid() -> (Self, &'static str) {
        let mut request = Self::request();
        request.limit = Some(101);
        (request, "limit")
    }
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
impl PagedSeed for yunapi::qingcloud::DescribeImages {
    fn page_request(size: i64) -> Self {
        yunapi::qingcloud::DescribeImages::builder()
            .zone("pek3a")
            .limit(size)
            .build()
            .expect("a valid request")
    }
    fn item_id(item: &Self::Item) -> String {
        item.image_id.clone().unwrap_or_default()
    }
}

#[cfg(yunapi_api = "qingcloud-private/DescribeImages")]
impl Seed for yunapi::qingcloud_private::DescribeImages {
    const SERVER: Server = Server::QingCloudPrivate;
    const TEXT_PARAM: &'static str = "search_word";

    fn provider() -> &'static Provider {
        &yunapi::qingcloud_private::PROVIDER
    }
    fn request() -> Self {
        yunapi::qingcloud_private::DescribeImages::builder().build().expect("a valid request")
    }
    fn with_text(text: &str) -> Self {
        yunapi::qingcloud_private::DescribeImages::builder()
            .search_word(text)
            .build()
            .expect("a valid request")
    }
    fn ids(output: &Self::Output) -> Vec<String> {
        ids(&output.image_set, |image| image.image_id.as_ref())
    }
    fn check_example(output: &Self::Output) {
        let image = &output.image_set[0];
        assert_eq!(image.image_id.as_deref(), Some("img-37amqany"));
        let tag = &image.tags[0];
        assert_eq!(tag.tag_id.as_deref(), Some("tag-rj6nhkn1"));
        assert_eq!(tag.color.as_deref(), Some("#c096e0"));
    }
}

#[cfg(yunapi_api = "tencent/DescribeImages")]
impl Seed for yunapi::tencent::DescribeImages {
    const SERVER: Server = Server::Tencent;
    const TEXT_PARAM: &'static str = "imageIds.0";

    fn provider() -> &'static Provider {
        &yunapi::tencent::PROVIDER
    }
    fn request() -> Self {
        from_wire(&[("imageType", "1")], yunapi::tencent::DescribeImages::from_wire)
    }
    fn with_text(text: &str) -> Self {
        from_wire(&[("imageType", "1"), ("imageIds.0", text)], yunapi::tencent::DescribeImages::from_wire)
    }
    fn ids(output: &Self::Output) -> Vec<String> {
        ids(&output.image_set, |image| image.un_img_id.as_ref())
    }
    fn check_example(output: &Self::Output) {
        assert_eq!(output.code, Some(0));
        let image = &output.image_set[0];
        assert_eq!(image.os_name.as_deref(), Some("Ubuntu 12.04 64bit"));
        assert_eq!(image.image_type.as_ref().map(|t| t.as_str()), Some("1"));
        assert_eq!(image.status.as_ref().map(|s| s.as_str()), Some("2"));
    }
}

#[cfg(yunapi_api = "tencent/DescribeImages")]
impl ConstrainedSeed for yunapi::tencent::DescribeImages {
    fn invalid() -> (Self, &'static str) {
        let mut request = Self::request();
        request.image_type = None;
        request.limit = Some(101);
        (request, "imageType")
    }
}

#[cfg(yunapi_api = "tencent/DescribeImages")]
impl PagedSeed for yunapi::tencent::DescribeImages {
    fn page_request(size: i64) -> Self {
        let mut request = Self::request();
        request.limit = Some(size);
        request
    }
    fn item_id(item: &Self::Item) -> String {
        item.un_img_id.clone().unwrap_or_default()
    }
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
impl Seed for yunapi::aliyun::DescribeImages {
    const SERVER: Server = Server::Aliyun;
    const TEXT_PARAM: &'static str = "ImageName";

    fn provider() -> &'static Provider {
        &yunapi::aliyun::PROVIDER
    }
    fn request() -> Self {
        yunapi::aliyun::DescribeImages::builder().region_id("cn-hangzhou").build().expect("a valid request")
    }
    fn with_text(text: &str) -> Self {
        yunapi::aliyun::DescribeImages::builder()
            .region_id("cn-hangzhou")
            .image_name(text)
            .build()
            .expect("a valid request")
    }
    fn ids(output: &Self::Output) -> Vec<String> {
        ids(&output.images, |image| image.image_id.as_ref())
    }
    fn check_example(output: &Self::Output) {
        assert_eq!(output.request_id.as_deref(), Some("66189103-EDB2-43E2-BB60-BFF2B62F4EB8"));
        assert_eq!((output.page_number, output.total_count), (Some(1), Some(1)));
        let image = &output.images[0];
        assert_eq!(image.os_name.as_deref(), Some("Windows Server  2016 数据中心版 64位中文版"));
        assert_eq!(image.size, Some(60));
        assert_eq!(image.is_support_cloudinit, Some(true));
        assert_eq!(image.status.as_ref().map(|s| s.as_str()), Some("Available"));
        assert_eq!(image.tags[0].tag_key.as_deref(), Some("DTS"));
        assert_eq!(image.disk_device_mappings[0].device.as_deref(), Some("/dev/xvda"));
    }
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
impl ConstrainedSeed for yunapi::aliyun::DescribeImages {
    fn invalid() -> (Self, &'static str) {
        let keys: Vec<(String, String)> =
            (1..=21).map(|i| (format!("Tag.{i}.Key"), format!("key{i}"))).collect();
        let result = yunapi::aliyun::DescribeImages::from_wire(&keys);
        let error = result.expect_err("21 tags are too many");
        assert!(error.violations().iter().any(|v| v.param.starts_with("Tag")), "{error}");
        let mut request = Self::request();
        request.page_size = Some(101);
        (request, "PageSize")
    }
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
impl PagedSeed for yunapi::aliyun::DescribeImages {
    fn page_request(size: i64) -> Self {
        yunapi::aliyun::DescribeImages::builder()
            .region_id("cn-hangzhou")
            .page_size(size)
            .build()
            .expect("a valid request")
    }
    fn item_id(item: &Self::Item) -> String {
        item.image_id.clone().unwrap_or_default()
    }
}

#[cfg(yunapi_api = "jdcloud/describeImages")]
impl Seed for yunapi::jdcloud::DescribeImages {
    const SERVER: Server = Server::JdCloud;
    const TEXT_PARAM: &'static str = "ids.1";

    fn provider() -> &'static Provider {
        &yunapi::jdcloud::PROVIDER
    }
    fn request() -> Self {
        from_wire(
            &[("regionId", "cn-north-1"), ("imageSource", "public")],
            yunapi::jdcloud::DescribeImages::from_wire,
        )
    }
    fn with_text(text: &str) -> Self {
        from_wire(&[("regionId", "cn-north-1"), ("ids.1", text)], yunapi::jdcloud::DescribeImages::from_wire)
    }
    fn ids(output: &Self::Output) -> Vec<String> {
        let images = output.result.as_ref().map(|result| result.images.as_slice()).unwrap_or_default();
        ids(images, |image| image.image_id.as_ref())
    }
    fn check_example(output: &Self::Output) {
        let result = output.result.as_ref().expect("a result");
        let image = &result.images[0];
        assert_eq!(image.name.as_deref(), Some("CentOS 7.9 64位"));
        assert_eq!(image.system_disk_size_gb, Some(40));
        assert_eq!(image.image_source.as_ref().map(|s| s.as_str()), Some("jcloud"));
    }
}

#[cfg(yunapi_api = "jdcloud/describeImages")]
impl ConstrainedSeed for yunapi::jdcloud::DescribeImages {
    fn invalid() -> (Self, &'static str) {
        let mut request = Self::request();
        request.page_size = Some(5);
        (request, "pageSize")
    }
}

#[cfg(yunapi_api = "jdcloud/describeImages")]
impl PagedSeed for yunapi::jdcloud::DescribeImages {
    fn page_request(size: i64) -> Self {
        let mut request = Self::request();
        request.page_size = Some(size);
        request
    }
    fn item_id(item: &Self::Item) -> String {
        item.image_id.clone().unwrap_or_default()
    }
}
