//! The providers as the test server sees them: credentials, services, the routes of the five seed
//! APIs and the shape of their answers.

/// A provider the test server can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Provider {
    /// QingCloud (seed 000).
    QingCloud,
    /// The QingCloud-compatible private cloud (seed 002).
    QingCloudPrivate,
    /// Tencent Cloud legacy API v2 (seed 001).
    Tencent,
    /// Alibaba Cloud ECS, RPC style (seed 003).
    Aliyun,
    /// JD Cloud (seed 004).
    JdCloud,
    /// Tencent Cloud API 3.0 (no seed page: the server answers any action generically).
    TencentV3,
}

/// The one access key the server knows for a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys {
    /// The access key id (`access_key_id`, `SecretId`, `AccessKeyId`, the JD credential).
    pub access_key: &'static str,
    /// The secret it signs with.
    pub secret: &'static str,
}

/// Where a provider's answer keeps its items and how its requests ask for a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// JSON path of the item list in an answer.
    pub items: &'static [&'static str],
    /// JSON path of the total count in an answer.
    pub total: &'static [&'static str],
    /// The id field of one item.
    pub id: &'static str,
    /// The request parameter holding the position (an offset, or a 1-based page number).
    pub position: &'static str,
    /// The request parameter holding the page size.
    pub size: &'static str,
    /// True when the position counts pages from 1, false when it counts items from 0.
    pub counts_pages: bool,
    /// The page size the page documents for a request that sets none.
    pub default_size: u64,
}

impl Provider {
    /// Every provider with a seed DescribeImages page, in seed order.
    pub const SEEDS: [Provider; 5] = [
        Provider::QingCloud,
        Provider::Tencent,
        Provider::QingCloudPrivate,
        Provider::Aliyun,
        Provider::JdCloud,
    ];

    /// Every provider.
    pub const ALL: [Provider; 6] = [
        Provider::QingCloud,
        Provider::Tencent,
        Provider::QingCloudPrivate,
        Provider::Aliyun,
        Provider::JdCloud,
        Provider::TencentV3,
    ];

    /// The provider's key in specs/ and on the example's command line.
    pub fn key(self) -> &'static str {
        match self {
            Provider::QingCloud => "qingcloud",
            Provider::QingCloudPrivate => "qingcloud-private",
            Provider::Tencent => "tencent",
            Provider::Aliyun => "aliyun",
            Provider::JdCloud => "jdcloud",
            Provider::TencentV3 => "tencent-v3",
        }
    }

    /// The service the server plays unless told otherwise: the one of the seed page (`vm`), CVM
    /// for Tencent API 3.0. Only JD Cloud's and TC3's signatures name it.
    pub fn default_service(self) -> &'static str {
        match self {
            Provider::QingCloud | Provider::QingCloudPrivate => "iaas",
            Provider::Tencent => "image",
            Provider::Aliyun => "ecs",
            Provider::JdCloud => "vm",
            Provider::TencentV3 => "cvm",
        }
    }

    /// The credentials the server accepts.
    pub fn keys(self) -> Keys {
        match self {
            Provider::QingCloud | Provider::QingCloudPrivate => {
                Keys { access_key: "QYTESTKEY", secret: "QYTESTSECRET" }
            }
            Provider::Tencent | Provider::TencentV3 => {
                Keys { access_key: "AKIDTEST", secret: "TCTESTSECRET" }
            }
            Provider::Aliyun => Keys { access_key: "testid", secret: "testsecret" },
            Provider::JdCloud => Keys { access_key: "JDTESTKEY", secret: "JDTESTSECRET" },
        }
    }

    /// The environment variables the runtime reads the credentials from (access key, secret).
    pub fn env_vars(self) -> (&'static str, &'static str) {
        match self {
            Provider::QingCloud | Provider::QingCloudPrivate => ("QY_ACCESS_KEY_ID", "QY_SECRET_ACCESS_KEY"),
            Provider::Tencent | Provider::TencentV3 => ("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"),
            Provider::Aliyun => ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            Provider::JdCloud => ("JDCLOUD_ACCESS_KEY", "JDCLOUD_SECRET_KEY"),
        }
    }

    /// A region in the provider's own notion: QingCloud's zone, Tencent's `Region`, Alibaba's
    /// `RegionId`, JD's `regionId`.
    pub fn region(self) -> &'static str {
        match self {
            Provider::QingCloud | Provider::QingCloudPrivate => "pek3a",
            Provider::Tencent => "gz",
            Provider::Aliyun => "cn-hangzhou",
            Provider::JdCloud => "cn-north-1",
            Provider::TencentV3 => "ap-guangzhou",
        }
    }

    /// The request parameter (or, for JD, the path parameter) naming the region.
    pub fn region_param(self) -> &'static str {
        match self {
            Provider::QingCloud | Provider::QingCloudPrivate => "zone",
            Provider::Tencent | Provider::TencentV3 => "Region",
            Provider::Aliyun => "RegionId",
            Provider::JdCloud => "regionId",
        }
    }

    /// The path DescribeImages is served at, for `region`.
    pub fn path(self, region: &str) -> String {
        match self {
            Provider::QingCloud | Provider::QingCloudPrivate => "/iaas/".to_owned(),
            Provider::Tencent => "/v2/index.php".to_owned(),
            Provider::Aliyun | Provider::TencentV3 => "/".to_owned(),
            Provider::JdCloud => format!("/v1/regions/{region}/images"),
        }
    }

    /// Where the seed answers keep their items and how the seed requests page.
    ///
    /// # Panics
    ///
    /// For Tencent API 3.0, which has no seed page.
    pub fn shape(self) -> Shape {
        match self {
            Provider::QingCloud | Provider::QingCloudPrivate => Shape {
                items: &["image_set"],
                total: &["total_count"],
                id: "image_id",
                position: "offset",
                size: "limit",
                counts_pages: false,
                default_size: 20,
            },
            Provider::Tencent => Shape {
                items: &["imageSet"],
                total: &["totalCount"],
                id: "unImgId",
                position: "offset",
                size: "limit",
                counts_pages: false,
                default_size: 20,
            },
            Provider::Aliyun => Shape {
                items: &["Images", "Image"],
                total: &["TotalCount"],
                id: "ImageId",
                position: "PageNumber",
                size: "PageSize",
                counts_pages: true,
                default_size: 10,
            },
            Provider::JdCloud => Shape {
                items: &["result", "images"],
                total: &["result", "totalCount"],
                id: "imageId",
                position: "pageNumber",
                size: "pageSize",
                counts_pages: true,
                default_size: 20,
            },
            Provider::TencentV3 => panic!("Tencent API 3.0 has no seed page to page through"),
        }
    }
}
