//! What the test server says: the seed pages' example answers, a success in each provider's
//! envelope for any other action, the providers' error and throttling envelopes, and generated
//! answers for pagination and the bad-answer faults.
//!
//! The example answers are read from the seed pages at test time (the generator's fixture copies,
//! so that the tests do not depend on which pages specs/sources holds), because the pages are the
//! source of truth; JD's page has no example, so its answer is a fixture written from the page's
//! response tables (tests/support/fixtures/).

use super::provider::Provider;
use super::verify::Rejection;
use serde_json::{Value, json};
use std::path::PathBuf;

/// The seed page of `provider`'s DescribeImages.
pub fn seed_page(provider: Provider) -> PathBuf {
    let file = match provider {
        Provider::QingCloud => "qingcloud/DescribeImages.md",
        Provider::QingCloudPrivate => "qingcloud-private/DescribeImages.txt",
        Provider::Tencent => "tencent/DescribeImages.md",
        Provider::Aliyun => "aliyun/DescribeImages.md",
        Provider::JdCloud => "jdcloud/describeImages.md",
        Provider::TencentV3 => panic!("Tencent API 3.0 has no seed page"),
    };
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("generator/tests/fixtures/pages").join(file)
}

/// The example answer for DescribeImages, byte for byte as the page prints it.
pub fn example_answer(provider: Provider) -> String {
    // The text right before each page's JSON example answer.
    let marker = match provider {
        Provider::QingCloud => "_Example Response_",
        Provider::QingCloudPrivate => "返回示例",
        Provider::Tencent => "输出",
        Provider::Aliyun => "`JSON`格式",
        Provider::JdCloud => return include_str!("fixtures/jdcloud_describe_images.json").to_owned(),
        Provider::TencentV3 => panic!("Tencent API 3.0 has no seed page"),
    };
    let path = seed_page(provider);
    let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let after = page.find(marker).unwrap_or_else(|| panic!("{}: no {marker:?}", path.display()));
    let start = after + page[after..].find('{').unwrap_or_else(|| panic!("{}: no JSON", path.display()));
    // The deserializer stops at the end of the first JSON value, which gives its exact length.
    let mut values = serde_json::Deserializer::from_str(&page[start..]).into_iter::<Value>();
    match values.next() {
        Some(Ok(_)) => page[start..start + values.byte_offset()].to_owned(),
        other => panic!("{}: the example answer is not JSON: {other:?}", path.display()),
    }
}

/// A success without data in `provider`'s envelope, for an `action` the server has no example of.
pub fn success(provider: Provider, action: &str, request_id: &str) -> String {
    let answer = match provider {
        Provider::QingCloud | Provider::QingCloudPrivate => {
            json!({"action": format!("{action}Response"), "ret_code": 0})
        }
        Provider::Tencent => json!({"code": 0, "message": "", "codeDesc": "Success"}),
        Provider::Aliyun => json!({"RequestId": request_id}),
        Provider::JdCloud => json!({"requestId": request_id, "result": {}}),
        Provider::TencentV3 => json!({"Response": {"RequestId": request_id}}),
    };
    answer.to_string()
}

/// The example answer, parsed.
pub fn example_json(provider: Provider) -> Value {
    serde_json::from_str(&example_answer(provider)).expect("example answers are JSON")
}

/// The example answer cut in the middle (at a character boundary).
pub fn truncated_example(provider: Provider) -> Vec<u8> {
    let text = example_answer(provider);
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.as_bytes()[..cut].to_vec()
}

/// The example answer with its first `:` removed: complete, but not JSON.
pub fn malformed_example(provider: Provider) -> Vec<u8> {
    example_answer(provider).replacen(':', " ", 1).into_bytes()
}

/// The example answer with a field `deep` holding `depth` nested arrays, first in the object.
pub fn deeply_nested_example(provider: Provider, depth: usize) -> Vec<u8> {
    let text = example_answer(provider);
    let open = text.find('{').expect("example answers are objects");
    let mut out = String::with_capacity(text.len() + 2 * depth + 10);
    out.push_str(&text[..=open]);
    out.push_str("\"deep\":");
    out.extend(std::iter::repeat_n('[', depth));
    out.extend(std::iter::repeat_n(']', depth));
    out.push(',');
    out.push_str(&text[open + 1..]);
    out.into_bytes()
}

/// The example answer without its closing `}` and followed by `,"padding":"`: with `x`s and
/// [`HUGE_SUFFIX`] after it, it is a valid answer of any size.
pub fn huge_prefix(provider: Provider) -> Vec<u8> {
    let text = example_answer(provider);
    let body = text.trim_end().strip_suffix('}').expect("example answers are objects");
    format!("{body},\"padding\":\"").into_bytes()
}

/// What closes a huge answer.
pub const HUGE_SUFFIX: &[u8] = b"\"}";

/// The id of the `i`-th image of a generated catalogue.
pub fn catalogue_id(i: u64) -> String {
    format!("img-{i:08}")
}

/// A page answer holding catalogue images `first..first + count` and reporting `total`; each image
/// is the example's first image with its id replaced.
pub fn page_answer(
    provider: Provider,
    first: u64,
    count: u64,
    total: u64,
    page_number: u64,
    page_size: u64,
) -> String {
    let shape = provider.shape();
    let mut answer = example_json(provider);
    let template = pointer(&mut answer, shape.items)
        .as_array()
        .and_then(|items| items.first())
        .cloned()
        .expect("every example answer has an image");
    let items: Vec<Value> = (first..first + count)
        .map(|i| {
            let mut item = template.clone();
            item[shape.id] = Value::String(catalogue_id(i));
            item
        })
        .collect();
    *pointer(&mut answer, shape.items) = Value::Array(items);
    *pointer(&mut answer, shape.total) = json!(total);
    if provider == Provider::Aliyun {
        answer["PageNumber"] = json!(page_number);
        answer["PageSize"] = json!(page_size);
    }
    answer.to_string()
}

fn pointer<'a>(value: &'a mut Value, path: &[&str]) -> &'a mut Value {
    let pointer = format!("/{}", path.join("/"));
    value.pointer_mut(&pointer).unwrap_or_else(|| panic!("the example answer has no {pointer}"))
}

/// An error answer in one provider's own envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// QingCloud: HTTP 200 with `ret_code` != 0 and `message`.
    RetCode {
        /// The error code.
        ret_code: i64,
        /// The message.
        message: String,
    },
    /// Tencent v2: HTTP 200 with `code` != 0, `message` and `codeDesc`.
    Code {
        /// The public error code.
        code: i64,
        /// The message.
        message: String,
        /// The module's own error name.
        code_desc: String,
    },
    /// Alibaba: an HTTP error status with `RequestId`, `HostId`, `Code` and `Message`.
    Pascal {
        /// The HTTP status.
        status: u16,
        /// The error code.
        code: String,
        /// The message.
        message: String,
        /// The request id.
        request_id: String,
    },
    /// Tencent API 3.0: HTTP 200 with `Response: {Error: {Code, Message}, RequestId}`.
    Response {
        /// The error code (`AuthFailure.SignatureFailure`).
        code: String,
        /// The message.
        message: String,
        /// The request id.
        request_id: String,
    },
    /// JD: an HTTP error status with `requestId` and `error: {code, status, message}`.
    Nested {
        /// The HTTP status, repeated as `error.code`.
        status: u16,
        /// `error.status`, a google.rpc code name such as `UNAUTHENTICATED`.
        code_name: String,
        /// The message.
        message: String,
        /// The request id.
        request_id: String,
    },
}

impl ApiError {
    /// The HTTP status and body of this answer.
    pub fn render(&self) -> (u16, String) {
        match self {
            ApiError::RetCode { ret_code, message } => (200, json!({"ret_code": ret_code, "message": message}).to_string()),
            ApiError::Code { code, message, code_desc } => {
                (200, json!({"code": code, "message": message, "codeDesc": code_desc}).to_string())
            }
            ApiError::Pascal { status, code, message, request_id } => (
                *status,
                json!({"RequestId": request_id, "HostId": "ecs.aliyuncs.com", "Code": code, "Message": message})
                    .to_string(),
            ),
            ApiError::Nested { status, code_name, message, request_id } => (
                *status,
                json!({"requestId": request_id, "error": {"code": status, "status": code_name, "message": message}})
                    .to_string(),
            ),
            ApiError::Response { code, message, request_id } => (
                200,
                json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}})
                    .to_string(),
            ),
        }
    }

    /// A typical error of DescribeImages in `provider`'s envelope (Alibaba's is from its page's
    /// error table).
    pub fn sample(provider: Provider, request_id: &str) -> ApiError {
        match provider {
            Provider::QingCloud | Provider::QingCloudPrivate => ApiError::RetCode {
                ret_code: 2100,
                message: "ResourceNotFound, resource [img-00000000] not found".to_owned(),
            },
            Provider::Tencent => ApiError::Code {
                code: 4000,
                message: "(100004)imageType 参数不合法".to_owned(),
                code_desc: "InvalidParameter".to_owned(),
            },
            Provider::Aliyun => ApiError::Pascal {
                status: 400,
                code: "InvalidImageOwnerAlias.ValueNotSupported".to_owned(),
                message: "The specified ImageOwnerAlias value is not supported.".to_owned(),
                request_id: request_id.to_owned(),
            },
            Provider::JdCloud => ApiError::Nested {
                status: 400,
                code_name: "INVALID_ARGUMENT".to_owned(),
                message: "imageSource 参数不合法".to_owned(),
                request_id: request_id.to_owned(),
            },
            Provider::TencentV3 => ApiError::Response {
                code: "InvalidParameterValue".to_owned(),
                message: "无效参数值。参数值格式错误或者参数值不被支持等。".to_owned(),
                request_id: request_id.to_owned(),
            },
        }
    }

    /// `provider`'s answer to a request over its rate limit.
    pub fn throttling(provider: Provider, request_id: &str) -> ApiError {
        match provider {
            // Code 2500 covers "API requests over the quota in a short time" in QingCloud's table.
            Provider::QingCloud | Provider::QingCloudPrivate => ApiError::RetCode {
                ret_code: 2500,
                message: "QuotaExceeded, api request too frequently, please try again later".to_owned(),
            },
            Provider::Tencent => ApiError::Code {
                code: 4400,
                message: "请求的次数超过了配额限制".to_owned(),
                code_desc: "RequestLimitExceeded".to_owned(),
            },
            Provider::Aliyun => ApiError::Pascal {
                status: 400,
                code: "Throttling.User".to_owned(),
                message: "Request was denied due to user flow control.".to_owned(),
                request_id: request_id.to_owned(),
            },
            Provider::JdCloud => ApiError::Nested {
                status: 429,
                code_name: "RESOURCE_EXHAUSTED".to_owned(),
                message: "request rate exceeds the limit, please retry later".to_owned(),
                request_id: request_id.to_owned(),
            },
            Provider::TencentV3 => ApiError::Response {
                code: "RequestLimitExceeded".to_owned(),
                message: "请求的次数超过了频率限制。".to_owned(),
                request_id: request_id.to_owned(),
            },
        }
    }

    /// How `provider` answers a request its server refused before running it.
    pub fn from_rejection(provider: Provider, rejection: &Rejection, request_id: &str) -> ApiError {
        let message = rejection.to_string();
        match provider {
            Provider::QingCloud | Provider::QingCloudPrivate => {
                let ret_code = match rejection {
                    Rejection::UnknownAccessKey(_) | Rejection::SignatureMismatch { .. } => 1200,
                    Rejection::Expired { .. } => 1300,
                    _ => 1100,
                };
                ApiError::RetCode { ret_code, message }
            }
            Provider::Tencent => {
                let (code, code_desc) = match rejection {
                    Rejection::UnknownAccessKey(_) => (4100, "AuthFailure.SecretIdNotFound"),
                    Rejection::SignatureMismatch { .. } => (4100, "AuthFailure.SignatureFailure"),
                    Rejection::Expired { .. } | Rejection::NonceReused(_) => (4500, "ReplayAttack"),
                    _ => (4000, "InvalidParameter"),
                };
                ApiError::Code { code, message, code_desc: code_desc.to_owned() }
            }
            Provider::Aliyun => {
                let (status, code, message) = match rejection {
                    Rejection::MissingParameter(name) => {
                        (400, format!("Missing{name}"), format!("{name} is mandatory for this action."))
                    }
                    Rejection::InvalidParameter { name, .. } if name == "Timestamp" => {
                        (400, "InvalidTimeStamp.Format".to_owned(), message)
                    }
                    Rejection::UnknownAccessKey(_) => (
                        404,
                        "InvalidAccessKeyId.NotFound".to_owned(),
                        "Specified access key is not found.".to_owned(),
                    ),
                    Rejection::Expired { .. } => (
                        400,
                        "InvalidTimeStamp.Expired".to_owned(),
                        "Specified time stamp or date value is expired.".to_owned(),
                    ),
                    Rejection::SignatureMismatch { string_to_sign } => (
                        400,
                        "SignatureDoesNotMatch".to_owned(),
                        format!(
                            "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
                        ),
                    ),
                    Rejection::NonceReused(_) => (
                        400,
                        "SignatureNonceUsed".to_owned(),
                        "Specified signature nonce was used already.".to_owned(),
                    ),
                    _ => (400, "InvalidParameter".to_owned(), message),
                };
                ApiError::Pascal { status, code, message, request_id: request_id.to_owned() }
            }
            // JD's gateway answers every failed authentication alike.
            Provider::JdCloud => ApiError::Nested {
                status: 401,
                code_name: "UNAUTHENTICATED".to_owned(),
                message,
                request_id: request_id.to_owned(),
            },
            Provider::TencentV3 => {
                let code = match rejection {
                    Rejection::UnknownAccessKey(_) => "AuthFailure.SecretIdNotFound",
                    Rejection::SignatureMismatch { .. } => "AuthFailure.SignatureFailure",
                    Rejection::Expired { .. } => "AuthFailure.SignatureExpire",
                    Rejection::MissingParameter(_) => "MissingParameter",
                    _ => "InvalidParameter",
                };
                ApiError::Response { code: code.to_owned(), message, request_id: request_id.to_owned() }
            }
        }
    }
}
