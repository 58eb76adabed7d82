//! Signing: turns an unsigned request into the exact `http::Request` the provider verifies.
//!
//! Input: the request's method, endpoint (path filled in), encoded parameters (query pairs, header
//! parameters, JSON body), the credentials and a [`SigningInput`] (time and nonce). Output: a signed
//! `http::Request<Vec<u8>>` whose query, path, headers and body are byte for byte what was signed.
//! One submodule per scheme of PROVIDERS.md; each exposes its canonical strings so tests can check
//! them against published examples.

pub(crate) mod aliyun;
pub(crate) mod encode;
pub(crate) mod jdcloud;
pub(crate) mod qingcloud;
pub(crate) mod tc3;
pub(crate) mod tencent;

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::Sha256;
use time::OffsetDateTime;
use time::macros::format_description;

use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::provider::{HmacAlgorithm, SigningScheme, TencentV3Signature};

/// The time and nonce a signature covers. [`SigningInput::fresh`] makes a new one per attempt;
/// tests pass fixed values to get reproducible signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningInput {
    /// The request time (converted to UTC where a scheme needs UTC).
    pub time: OffsetDateTime,
    /// The nonce: a positive integer for Tencent Cloud, any unique text for the others.
    pub nonce: String,
}

impl SigningInput {
    /// A fixed time and nonce.
    pub fn new(time: OffsetDateTime, nonce: impl Into<String>) -> Self {
        SigningInput { time, nonce: nonce.into() }
    }

    /// The current time and a fresh random nonce of the form `scheme` expects.
    pub fn fresh(scheme: SigningScheme) -> Self {
        let nonce = match scheme {
            SigningScheme::TencentV2(_) | SigningScheme::TencentV3(_) => {
                rand::random_range(1..=u32::MAX).to_string()
            }
            _ => uuid::Uuid::new_v4().to_string(),
        };
        SigningInput { time: OffsetDateTime::now_utc(), nonce }
    }
}

/// A request before signing: everything but the common and signature parameters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unsigned<'a> {
    pub method: &'a str,
    pub action: &'static str,
    /// The API version: the operation's own, else the provider's.
    pub version: Option<&'a str>,
    /// Scheme, host, port and the path as sent (path parameters filled and encoded).
    pub endpoint: &'a Endpoint,
    /// The API parameters in the query, decoded, region included where the scheme wants it there.
    pub query: &'a [(String, String)],
    /// Header parameters of the operation.
    pub headers: &'a [(String, String)],
    /// The JSON body, when the request has one.
    pub body: Option<&'a [u8]>,
    /// The region: JD Cloud's credential scope, Tencent API 3.0's `Region`.
    pub region: Option<&'a str>,
    /// The service the JD Cloud and TC3 credential scopes name (empty when unknown).
    pub service: &'a str,
    pub user_agent: &'a str,
}

impl Unsigned<'_> {
    /// The credential scope's service, or an error saying how to supply it.
    pub(crate) fn scoped_service(&self) -> Result<&str, Error> {
        if self.service.is_empty() {
            return Err(Error::Config(format!(
                "cannot tell the service of {} for its signature (the first label of the API's host): \
                 set Config::with_service",
                self.action
            )));
        }
        Ok(self.service)
    }
}

/// What a scheme adds to the request: the final query string and headers.
#[derive(Debug, Default)]
pub(crate) struct Signed {
    pub query: String,
    pub headers: Vec<(&'static str, String)>,
}

/// The content type of a JSON body.
pub(crate) const JSON: &str = "application/json";

/// Signs `unsigned` with `scheme` and builds the request.
pub(crate) fn sign(
    scheme: SigningScheme,
    unsigned: &Unsigned<'_>,
    credentials: &Credentials,
    input: &SigningInput,
) -> Result<http::Request<Vec<u8>>, Error> {
    let signed = match scheme {
        SigningScheme::QingCloud(alg) => qingcloud::sign(alg, unsigned, credentials, input),
        SigningScheme::TencentV2(alg) => {
            tencent::sign(tencent::Generation::V2, alg, unsigned, credentials, input)?
        }
        SigningScheme::TencentV3(TencentV3Signature::V1(alg)) => {
            tencent::sign(tencent::Generation::Api3, alg, unsigned, credentials, input)?
        }
        SigningScheme::TencentV3(TencentV3Signature::Tc3) => tc3::sign(unsigned, credentials, input)?,
        SigningScheme::AliyunRpc => aliyun::sign(unsigned, credentials, input),
        SigningScheme::JdCloud(version) => jdcloud::sign(version, unsigned, credentials, input)?,
    };
    let endpoint = unsigned.endpoint;
    let mut uri = endpoint.to_string();
    if !signed.query.is_empty() {
        uri.push('?');
        uri.push_str(&signed.query);
    }
    let mut builder = http::Request::builder()
        .method(unsigned.method)
        .uri(uri)
        .header(http::header::HOST, endpoint.authority())
        .header(http::header::USER_AGENT, unsigned.user_agent);
    for (name, value) in unsigned.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    for (name, value) in signed.headers {
        builder = builder.header(name, value);
    }
    builder
        .body(unsigned.body.map(<[u8]>::to_vec).unwrap_or_default())
        .map_err(|e| Error::Config(format!("cannot build the request for {}: {e}", unsigned.action)))
}

/// Sets a common parameter, replacing any value the request wrote under the same name.
pub(crate) fn set_param(pairs: &mut Vec<(String, String)>, name: &str, value: impl Into<String>) {
    pairs.retain(|(k, _)| k != name);
    pairs.push((name.to_owned(), value.into()));
}

/// Sorts parameters by name, then value, in byte order.
pub(crate) fn sort_pairs(pairs: &mut [(String, String)]) {
    pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()).then(a.1.as_bytes().cmp(b.1.as_bytes())));
}

/// `YYYY-MM-DDThh:mm:ssZ` in UTC (QingCloud's `time_stamp`, Alibaba's `Timestamp`).
pub(crate) fn iso8601_utc(time: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time.to_offset(time::UtcOffset::UTC).format(format).unwrap_or_default()
}

/// `YYYYMMDDThhmmssZ` in UTC (JD Cloud's `x-jdcloud-date`).
pub(crate) fn basic_utc(time: OffsetDateTime) -> String {
    let format = format_description!("[year][month][day]T[hour][minute][second]Z");
    time.to_offset(time::UtcOffset::UTC).format(format).unwrap_or_default()
}

/// HMAC of `message` under `key`.
pub(crate) fn hmac(alg: HmacAlgorithm, key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC takes keys of any length, so creating it cannot fail.
    match alg {
        HmacAlgorithm::Sha1 => {
            let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC accepts any key length");
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        HmacAlgorithm::Sha256 => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
    }
}

/// Base64 of the HMAC: the signature form of the query-signing schemes.
pub(crate) fn hmac_base64(alg: HmacAlgorithm, key: &[u8], message: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(hmac(alg, key, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn time_formats_are_utc() {
        let t = datetime!(2013-08-27 22:30:10 +08:00);
        assert_eq!(iso8601_utc(t), "2013-08-27T14:30:10Z");
        assert_eq!(basic_utc(t), "20130827T143010Z");
    }

    #[test]
    fn fresh_nonces_fit_the_scheme() {
        let tencent = SigningInput::fresh(SigningScheme::TencentV2(HmacAlgorithm::Sha1));
        assert!(tencent.nonce.parse::<u32>().is_ok_and(|n| n > 0));
        let v1 = SigningInput::fresh(SigningScheme::TencentV3(TencentV3Signature::V1(HmacAlgorithm::Sha256)));
        assert!(v1.nonce.parse::<u32>().is_ok_and(|n| n > 0));
        let ali = SigningInput::fresh(SigningScheme::AliyunRpc);
        assert_eq!(ali.nonce.len(), 36);
        assert_ne!(ali.nonce, SigningInput::fresh(SigningScheme::AliyunRpc).nonce);
    }

    #[test]
    fn set_param_replaces() {
        let mut pairs = vec![("Action".to_owned(), "x".to_owned()), ("a".to_owned(), "1".to_owned())];
        set_param(&mut pairs, "Action", "DescribeImages");
        assert_eq!(pairs, vec![("a".into(), "1".into()), ("Action".into(), "DescribeImages".into())]);
    }
}
