//! Signature and common-parameter checks, one module per scheme, done the way each provider's
//! server does them: from the request as received, never from what the client meant to send.
//!
//! Input: a [`RecordedRequest`] (method, raw path and query, headers, body), the service the server
//! plays and the server's clock. Output: [`Verified`], or the [`Rejection`] the provider would
//! answer with its error envelope.

pub mod aliyun;
pub mod jdcloud;
pub mod qingcloud;
pub mod tencent;
pub mod tencent_v3;

use super::provider::Provider;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::fmt;
use time::{Duration, OffsetDateTime};

/// One request exactly as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// Upper-case method.
    pub method: String,
    /// The path as sent, still percent-encoded.
    pub path: String,
    /// The query string as sent, without `?`; empty when there is none.
    pub raw_query: String,
    /// Headers in arrival order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// A GET of `path?raw_query` with `headers` (names given in any case) and no body.
    pub fn get(path: &str, raw_query: &str, headers: &[(&str, &str)]) -> RecordedRequest {
        RecordedRequest {
            method: "GET".to_owned(),
            path: path.to_owned(),
            raw_query: raw_query.to_owned(),
            headers: headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_owned())).collect(),
            body: Vec::new(),
        }
    }

    /// A POST of `body` to `path` with `headers` (names given in any case) and no query.
    pub fn post(path: &str, headers: &[(&str, &str)], body: &str) -> RecordedRequest {
        RecordedRequest {
            method: "POST".to_owned(),
            body: body.as_bytes().to_vec(),
            ..RecordedRequest::get(path, "", headers)
        }
    }

    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The query pairs, decoded the way servers decode a query (`+` is a space), in wire order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.raw_query.as_bytes()).into_owned().collect()
    }

    /// The decoded value of query parameter `name`, if sent.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query_pairs().into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The body as JSON, when the request declares JSON and carries a body.
    pub fn json(&self) -> Option<serde_json::Value> {
        let declared = self.header("content-type").is_some_and(|t| t.starts_with("application/json"));
        (declared && !self.body.is_empty()).then(|| serde_json::from_slice(&self.body).ok()).flatten()
    }

    /// The body's pairs, when the request declares a form.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        let form =
            self.header("content-type").is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
        if form { form_urlencoded::parse(&self.body).into_owned().collect() } else { Vec::new() }
    }

    /// Every parameter that arrived as a pair, decoded: the query's, then the form body's.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = self.query_pairs();
        pairs.extend(self.form_pairs());
        pairs
    }

    /// Every parameter that arrived: [`RecordedRequest::pairs`], then a JSON body's named the way
    /// a query names them (`diskSpec.az`, `Filters.0.Values.0`), lists counted from `list_base`;
    /// strings as they are, other scalars as JSON text, nulls left out.
    pub fn all_pairs(&self, list_base: usize) -> Vec<(String, String)> {
        let mut pairs = self.pairs();
        if let Some(body) = self.json() {
            flatten("", &body, list_base, &mut pairs);
        }
        pairs
    }
}

fn flatten(name: &str, value: &serde_json::Value, list_base: usize, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    let inner = |key: &str| if name.is_empty() { key.to_owned() } else { format!("{name}.{key}") };
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                flatten(&inner(key), value, list_base, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&inner(&(list_base + i).to_string()), item, list_base, out);
            }
        }
        Value::Null => {}
        Value::String(text) => out.push((name.to_owned(), text.clone())),
        scalar => out.push((name.to_owned(), scalar.to_string())),
    }
}

/// What a good signature tells the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The algorithm the client chose (`HmacSHA256`, `HMAC-SHA1`, `JDCLOUD3-HMAC-SHA256`, …).
    pub algorithm: String,
    /// The request's nonce, for the replay check, where the scheme has one.
    pub nonce: Option<String>,
    /// What was called: the action, or for JD Cloud's REST APIs the method and path
    /// (`GET /v1/regions/cn-north-1/images`).
    pub action: String,
}

impl Verified {
    /// True when the request called the seed page's DescribeImages, whose example the server
    /// has.
    pub fn is_describe_images(&self) -> bool {
        self.action == "DescribeImages"
            || (self.action.starts_with("GET /v1/regions/") && self.action.ends_with("/images"))
    }
}

/// Why a provider's server refuses a request before running it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Nothing is served at this path.
    NotFound(String),
    /// A required parameter (or header) is absent.
    MissingParameter(String),
    /// A parameter is present but malformed.
    InvalidParameter {
        /// The parameter.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The access key is not the one the server knows.
    UnknownAccessKey(String),
    /// The request's time is outside the accepted window.
    Expired {
        /// The timestamp parameter or header.
        name: String,
        /// Its value.
        value: String,
    },
    /// The signature is not the server's; carries the server's string to sign, as Alibaba's
    /// servers do, so that a failing test shows what was expected.
    SignatureMismatch {
        /// The string the server signed.
        string_to_sign: String,
    },
    /// The nonce was seen before.
    NonceReused(String),
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::NotFound(what) => write!(f, "not found: {what}"),
            Rejection::MissingParameter(name) => write!(f, "required parameter {name} is missing"),
            Rejection::InvalidParameter { name, reason } => {
                write!(f, "parameter {name} is invalid: {reason}")
            }
            Rejection::UnknownAccessKey(key) => write!(f, "access key {key} does not exist"),
            Rejection::Expired { name, value } => write!(f, "{name} {value} is outside the accepted window"),
            Rejection::SignatureMismatch { string_to_sign } => {
                write!(f, "signature does not match; server string to sign is: {string_to_sign}")
            }
            Rejection::NonceReused(nonce) => write!(f, "nonce {nonce} was used already"),
        }
    }
}

/// Checks `request` as the server of `provider`'s `service` does, at server time `now`.
pub fn verify(
    provider: Provider,
    service: &str,
    request: &RecordedRequest,
    now: OffsetDateTime,
) -> Result<Verified, Rejection> {
    let keys = provider.keys();
    match provider {
        Provider::QingCloud | Provider::QingCloudPrivate => qingcloud::verify(request, keys, now),
        Provider::Tencent => tencent::verify(request, keys, now),
        Provider::Aliyun => aliyun::verify(request, keys, now),
        Provider::JdCloud => jdcloud::verify(request, keys, service, now),
        Provider::TencentV3 => tencent_v3::verify(request, keys, service, now),
    }
}

/// Everything but `A-Z a-z 0-9 - _ . ~` is escaped: RFC 3986 as PROVIDERS.md defines it.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// [`RFC3986`] with `/` kept, for paths.
const RFC3986_PATH: &AsciiSet = &RFC3986.remove(b'/');

/// `s` percent-encoded per RFC 3986 (UTF-8 bytes, upper-case hex, space as `%20`).
pub fn rfc3986(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// HMAC-SHA256 of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// HMAC-SHA1 of `message` under `key`.
pub fn hmac_sha1(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The value of the one parameter `name` in decoded `params`.
fn required<'a>(params: &'a [(String, String)], name: &str) -> Result<&'a str, Rejection> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Rejection::MissingParameter(name.to_owned()))
}

/// The value of optional parameter `name`.
fn optional<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A parameter sent twice is ambiguous, so every server here refuses it.
fn no_duplicates(params: &[(String, String)]) -> Result<(), Rejection> {
    let mut names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    match names.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(invalid(w[0], "is given more than once")),
        None => Ok(()),
    }
}

/// `name` must equal `expected`.
fn expect_value(params: &[(String, String)], name: &str, expected: &[&str]) -> Result<(), Rejection> {
    let value = required(params, name)?;
    if expected.contains(&value) {
        Ok(())
    } else {
        Err(invalid(name, &format!("is {value:?}; this server accepts {expected:?}")))
    }
}

fn invalid(name: &str, reason: &str) -> Rejection {
    Rejection::InvalidParameter { name: name.to_owned(), reason: reason.to_owned() }
}

/// Refuses a request time more than `window` away from `now`, in either direction.
fn within_window(
    name: &str,
    value: &str,
    at: OffsetDateTime,
    now: OffsetDateTime,
    window: Duration,
) -> Result<(), Rejection> {
    if (now - at).abs() > window {
        Err(Rejection::Expired { name: name.to_owned(), value: value.to_owned() })
    } else {
        Ok(())
    }
}

/// Parses a UTC `YYYY-MM-DDThh:mm:ssZ` time, the format of QingCloud and Alibaba.
fn parse_iso_seconds(name: &str, value: &str) -> Result<OffsetDateTime, Rejection> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::PrimitiveDateTime::parse(value, format)
        .map(|t| t.assume_utc())
        .map_err(|e| invalid(name, &format!("{value:?} is not YYYY-MM-DDThh:mm:ssZ ({e})")))
}
