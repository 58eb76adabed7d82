//! The five seed DescribeImages requests as the end-to-end tests drive them.
//!
//! Input: a provider. Output: a valid request, an invalid one, and the ids of what the client
//! decoded. The tests are generic over [`Seed`], so the request types behind it can be swapped
//! without touching a test. These are small hand-written [`Operation`]s written from the seed
//! pages and specs/providers/, standing in for the generated client's types.

use serde::Deserialize;
use yunapi_runtime::provider::{ErrorEnvelope, HmacAlgorithm, JdCloudVersion};
use yunapi_runtime::{
    Operation, Paginated, PaginationStyle, Params, Provider, SigningScheme, ValidationErrors, Validator,
};

use crate::support::provider::Provider as Server;

/// One seed API, as the tests need it.
pub trait Seed: Paginated + Send + Sync + 'static
where
    Self::Item: Send,
{
    /// The provider the test server plays.
    const SERVER: Server;

    /// The runtime's profile of the provider.
    fn provider() -> &'static Provider;

    /// A valid request with the page's required parameters, asking for `page_size` per page.
    fn request(page_size: Option<u64>) -> Self;

    /// A request that breaks a constraint the page states, and the wire parameter it breaks.
    fn invalid() -> (Self, &'static str);

    /// The wire name of a parameter that takes free text.
    const TEXT_PARAM: &'static str;

    /// The valid request with [`Seed::TEXT_PARAM`] set to `text`.
    fn with_text(text: &str) -> Self;

    /// The image ids of a decoded answer, in order.
    fn ids(output: &Self::Output) -> Vec<String>;

    /// The image id of one item.
    fn item_id(item: &Self::Item) -> String;
}

fn check_range(v: &mut Validator, name: &str, value: Option<u64>, min: u64, max: u64) {
    if let Some(value) = value.filter(|value| !(min..=max).contains(value)) {
        v.fail(name, format!("is {value}; the page allows {min} to {max}"), "seed page");
    }
}

// QingCloud and the private cloud share one API.

/// The QingCloud profile (specs/providers/qingcloud.yaml).
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

/// The private cloud profile (specs/providers/qingcloud-private.yaml).
pub static QINGCLOUD_PRIVATE: Provider = Provider {
    key: "qingcloud-private",
    name: "QingCloud-compatible private cloud",
    endpoint: "https://api.{domain}/iaas/",
    ..QINGCLOUD
};

/// QingCloud's DescribeImages (seed 000).
#[derive(Debug, Clone, Default)]
pub struct QingCloudDescribeImages {
    images: Vec<String>,
    search_word: Option<String>,
    offset: Option<u64>,
    limit: Option<u64>,
}

/// QingCloud's answer.
#[derive(Debug, Deserialize)]
pub struct QingCloudImages {
    total_count: Option<u64>,
    #[serde(default)]
    image_set: Vec<QingCloudImage>,
}

/// One QingCloud image.
#[derive(Debug, Deserialize)]
pub struct QingCloudImage {
    image_id: String,
}

impl Operation for QingCloudDescribeImages {
    const ACTION: &'static str = "DescribeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/iaas/";
    const ENDPOINT: Option<&'static str> = None;
    type Output = QingCloudImages;

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_range(&mut v, "limit", self.limit, 1, 100);
        v.finish()
    }

    fn write_params(&self, params: &mut Params) {
        params.push_indexed("images", &self.images);
        params.push_opt("search_word", self.search_word.as_ref());
        params.push_opt("offset", self.offset.as_ref());
        params.push_opt("limit", self.limit.as_ref());
    }
}

impl Paginated for QingCloudDescribeImages {
    type Item = QingCloudImage;
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
    fn total(output: &QingCloudImages) -> Option<u64> {
        output.total_count
    }
    fn items(output: QingCloudImages) -> Vec<QingCloudImage> {
        output.image_set
    }
}

impl QingCloudDescribeImages {
    fn seed_request(page_size: Option<u64>) -> Self {
        QingCloudDescribeImages { limit: page_size, ..Self::default() }
    }

    fn seed_invalid() -> (Self, &'static str) {
        (QingCloudDescribeImages { limit: Some(101), ..Self::default() }, "limit")
    }
}

/// The private cloud's DescribeImages (seed 002), the same API under another profile.
#[derive(Debug, Clone, Default)]
pub struct PrivateDescribeImages(QingCloudDescribeImages);

impl Operation for PrivateDescribeImages {
    const ACTION: &'static str = "DescribeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/iaas/";
    const ENDPOINT: Option<&'static str> = None;
    type Output = QingCloudImages;

    fn validate(&self) -> Result<(), ValidationErrors> {
        self.0.validate()
    }
    fn write_params(&self, params: &mut Params) {
        self.0.write_params(params);
    }
}

impl Paginated for PrivateDescribeImages {
    type Item = QingCloudImage;
    const STYLE: PaginationStyle = PaginationStyle::OffsetLimit;
    const DEFAULT_PAGE_SIZE: u64 = 20;

    fn position(&self) -> Option<u64> {
        self.0.position()
    }
    fn set_position(&mut self, position: u64) {
        self.0.set_position(position);
    }
    fn page_size(&self) -> Option<u64> {
        self.0.page_size()
    }
    fn total(output: &QingCloudImages) -> Option<u64> {
        output.total_count
    }
    fn items(output: QingCloudImages) -> Vec<QingCloudImage> {
        output.image_set
    }
}

impl Seed for QingCloudDescribeImages {
    const SERVER: Server = Server::QingCloud;
    const TEXT_PARAM: &'static str = "search_word";
    fn with_text(text: &str) -> Self {
        QingCloudDescribeImages { search_word: Some(text.to_owned()), ..Self::default() }
    }
    fn provider() -> &'static Provider {
        &QINGCLOUD
    }
    fn request(page_size: Option<u64>) -> Self {
        Self::seed_request(page_size)
    }
    fn invalid() -> (Self, &'static str) {
        Self::seed_invalid()
    }
    fn ids(output: &QingCloudImages) -> Vec<String> {
        output.image_set.iter().map(Self::item_id).collect()
    }
    fn item_id(item: &QingCloudImage) -> String {
        item.image_id.clone()
    }
}

impl Seed for PrivateDescribeImages {
    const SERVER: Server = Server::QingCloudPrivate;
    const TEXT_PARAM: &'static str = "search_word";
    fn with_text(text: &str) -> Self {
        PrivateDescribeImages(QingCloudDescribeImages::with_text(text))
    }
    fn provider() -> &'static Provider {
        &QINGCLOUD_PRIVATE
    }
    fn request(page_size: Option<u64>) -> Self {
        PrivateDescribeImages(QingCloudDescribeImages::seed_request(page_size))
    }
    fn invalid() -> (Self, &'static str) {
        let (request, param) = QingCloudDescribeImages::seed_invalid();
        (PrivateDescribeImages(request), param)
    }
    fn ids(output: &QingCloudImages) -> Vec<String> {
        QingCloudDescribeImages::ids(output)
    }
    fn item_id(item: &QingCloudImage) -> String {
        item.image_id.clone()
    }
}

// Tencent Cloud v2.

/// The Tencent Cloud v2 profile (specs/providers/tencent.yaml).
pub static TENCENT: Provider = Provider {
    key: "tencent",
    name: "Tencent Cloud (API v2)",
    scheme: SigningScheme::TencentV2(HmacAlgorithm::Sha1),
    endpoint: "https://{service}.api.qcloud.com/v2/index.php",
    version: None,
    region_param: "Region",
    list_index_base: 0,
    bool_true: "true",
    bool_false: "false",
    access_key_env: "TENCENTCLOUD_SECRET_ID",
    secret_key_env: "TENCENTCLOUD_SECRET_KEY",
    error_envelope: ErrorEnvelope::Code,
};

/// Tencent's DescribeImages (seed 001).
#[derive(Debug, Clone, Default)]
pub struct TencentDescribeImages {
    image_type: Option<i64>,
    image_ids: Vec<String>,
    offset: Option<u64>,
    limit: Option<u64>,
}

/// Tencent's answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TencentImages {
    total_count: Option<u64>,
    #[serde(default)]
    image_set: Vec<TencentImage>,
}

/// One Tencent image.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TencentImage {
    un_img_id: String,
}

impl Operation for TencentDescribeImages {
    const ACTION: &'static str = "DescribeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/v2/index.php";
    const ENDPOINT: Option<&'static str> = Some("https://image.api.qcloud.com/v2/index.php");
    type Output = TencentImages;

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required("imageType", self.image_type.is_some(), "seed page");
        if self.image_ids.len() > 10 {
            v.fail("imageIds", "takes at most 10 ids", "seed page");
        }
        check_range(&mut v, "limit", self.limit, 1, 100);
        v.finish()
    }

    fn write_params(&self, params: &mut Params) {
        params.push_opt("imageType", self.image_type.as_ref());
        params.push_indexed("imageIds", &self.image_ids);
        params.push_opt("offset", self.offset.as_ref());
        params.push_opt("limit", self.limit.as_ref());
    }
}

impl Paginated for TencentDescribeImages {
    type Item = TencentImage;
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
    fn total(output: &TencentImages) -> Option<u64> {
        output.total_count
    }
    fn items(output: TencentImages) -> Vec<TencentImage> {
        output.image_set
    }
}

impl Seed for TencentDescribeImages {
    const SERVER: Server = Server::Tencent;
    const TEXT_PARAM: &'static str = "imageIds.0";
    fn with_text(text: &str) -> Self {
        TencentDescribeImages { image_ids: vec![text.to_owned()], ..Self::request(None) }
    }
    fn provider() -> &'static Provider {
        &TENCENT
    }
    fn request(page_size: Option<u64>) -> Self {
        TencentDescribeImages { image_type: Some(1), limit: page_size, ..Self::default() }
    }
    fn invalid() -> (Self, &'static str) {
        (TencentDescribeImages { image_type: None, ..Self::default() }, "imageType")
    }
    fn ids(output: &TencentImages) -> Vec<String> {
        output.image_set.iter().map(Self::item_id).collect()
    }
    fn item_id(item: &TencentImage) -> String {
        item.un_img_id.clone()
    }
}

// Alibaba Cloud ECS.

/// The Alibaba Cloud ECS profile (specs/providers/aliyun.yaml).
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

/// Alibaba's DescribeImages (seed 003).
#[derive(Debug, Clone, Default)]
pub struct AliyunDescribeImages {
    image_name: Option<String>,
    tag_keys: Vec<String>,
    page_number: Option<u64>,
    page_size: Option<u64>,
}

/// Alibaba's answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliyunImages {
    total_count: Option<u64>,
    images: AliyunImageList,
}

/// The `Images: {Image: [...]}` wrapper.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliyunImageList {
    #[serde(default)]
    image: Vec<AliyunImage>,
}

/// One Alibaba image.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliyunImage {
    image_id: String,
}

impl Operation for AliyunDescribeImages {
    const ACTION: &'static str = "DescribeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/";
    const ENDPOINT: Option<&'static str> = None;
    type Output = AliyunImages;

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if self.tag_keys.len() > 20 {
            v.fail("Tag.N.Key", "takes at most 20 tags", "seed page");
        }
        check_range(&mut v, "PageSize", self.page_size, 1, 100);
        v.finish()
    }

    fn write_params(&self, params: &mut Params) {
        params.push_opt("ImageName", self.image_name.as_ref());
        for (i, key) in self.tag_keys.iter().enumerate() {
            params.push_group_field("Tag", i, "Key", Some(key));
        }
        params.push_opt("PageNumber", self.page_number.as_ref());
        params.push_opt("PageSize", self.page_size.as_ref());
    }
}

impl Paginated for AliyunDescribeImages {
    type Item = AliyunImage;
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
    fn total(output: &AliyunImages) -> Option<u64> {
        output.total_count
    }
    fn items(output: AliyunImages) -> Vec<AliyunImage> {
        output.images.image
    }
}

impl Seed for AliyunDescribeImages {
    const SERVER: Server = Server::Aliyun;
    const TEXT_PARAM: &'static str = "ImageName";
    fn with_text(text: &str) -> Self {
        AliyunDescribeImages { image_name: Some(text.to_owned()), ..Self::default() }
    }
    fn provider() -> &'static Provider {
        &ALIYUN
    }
    fn request(page_size: Option<u64>) -> Self {
        AliyunDescribeImages { page_size, ..Self::default() }
    }
    fn invalid() -> (Self, &'static str) {
        let tag_keys = (1..=21).map(|i| format!("key{i}")).collect();
        (AliyunDescribeImages { tag_keys, ..Self::default() }, "Tag.N.Key")
    }
    fn ids(output: &AliyunImages) -> Vec<String> {
        output.images.image.iter().map(Self::item_id).collect()
    }
    fn item_id(item: &AliyunImage) -> String {
        item.image_id.clone()
    }
}

// JD Cloud.

/// The JD Cloud profile (specs/providers/jdcloud.yaml).
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

/// JD Cloud's describeImages (seed 004).
#[derive(Debug, Clone, Default)]
pub struct JdCloudDescribeImages {
    region_id: String,
    ids: Vec<String>,
    image_source: Option<String>,
    page_number: Option<u64>,
    page_size: Option<u64>,
}

/// JD Cloud's answer.
#[derive(Debug, Deserialize)]
pub struct JdCloudAnswer {
    result: JdCloudImages,
}

/// JD Cloud's `result`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JdCloudImages {
    total_count: Option<u64>,
    #[serde(default)]
    images: Vec<JdCloudImage>,
}

/// One JD Cloud image.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JdCloudImage {
    image_id: String,
}

impl Operation for JdCloudDescribeImages {
    const ACTION: &'static str = "describeImages";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/v1/regions/{regionId}/images";
    const ENDPOINT: Option<&'static str> = None;
    type Output = JdCloudAnswer;

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required("imageSource", self.image_source.is_some(), "seed page");
        check_range(&mut v, "pageSize", self.page_size, 10, 100);
        v.finish()
    }

    fn write_params(&self, params: &mut Params) {
        params.push_path("regionId", &self.region_id);
        params.push_indexed("ids", &self.ids);
        params.push_opt("imageSource", self.image_source.as_ref());
        params.push_opt("pageNumber", self.page_number.as_ref());
        params.push_opt("pageSize", self.page_size.as_ref());
    }
}

impl Paginated for JdCloudDescribeImages {
    type Item = JdCloudImage;
    const STYLE: PaginationStyle = PaginationStyle::PageNumber;
    const DEFAULT_PAGE_SIZE: u64 = 20;

    fn position(&self) -> Option<u64> {
        self.page_number
    }
    fn set_position(&mut self, position: u64) {
        self.page_number = Some(position);
    }
    fn page_size(&self) -> Option<u64> {
        self.page_size
    }
    fn total(output: &JdCloudAnswer) -> Option<u64> {
        output.result.total_count
    }
    fn items(output: JdCloudAnswer) -> Vec<JdCloudImage> {
        output.result.images
    }
}

impl Seed for JdCloudDescribeImages {
    const SERVER: Server = Server::JdCloud;
    const TEXT_PARAM: &'static str = "ids.1";
    fn with_text(text: &str) -> Self {
        JdCloudDescribeImages { ids: vec![text.to_owned()], ..Self::request(None) }
    }
    fn provider() -> &'static Provider {
        &JDCLOUD
    }
    fn request(page_size: Option<u64>) -> Self {
        JdCloudDescribeImages {
            region_id: Server::JdCloud.region().to_owned(),
            image_source: Some("public".to_owned()),
            page_size,
            ..Self::default()
        }
    }
    fn invalid() -> (Self, &'static str) {
        (Self::request(Some(5)), "pageSize")
    }
    fn ids(output: &JdCloudAnswer) -> Vec<String> {
        output.result.images.iter().map(Self::item_id).collect()
    }
    fn item_id(item: &JdCloudImage) -> String {
        item.image_id.clone()
    }
}
