//! Tencent Cloud API v2 signatures (HmacSHA1 by default, or HmacSHA256).
//!
//! The server decodes the received query (form encoding: `+` is a space), drops `Signature`,
//! sorts the pairs by key and joins them with their values RAW, each `_` in a key written as `.`;
//! it signs `GET` + the Host header + the path + `?` + those pairs.

use super::{
    RecordedRequest, Rejection, Verified, base64, expect_value, hmac_sha1, hmac_sha256, invalid,
    no_duplicates, optional, required, within_window,
};
use crate::support::provider::Keys;
use time::{Duration, OffsetDateTime};

/// Tencent refuses a `Timestamp` more than five minutes off (its error code 4500).
pub const WINDOW: Duration = Duration::minutes(5);

/// The common parameters every request carries (`SignatureMethod` is optional).
pub const COMMON: [&str; 6] = ["Action", "Region", "Timestamp", "Nonce", "SecretId", "Signature"];

/// Checks a Tencent v2 request.
pub fn verify(request: &RecordedRequest, keys: Keys, now: OffsetDateTime) -> Result<Verified, Rejection> {
    if request.path != "/v2/index.php" {
        return Err(Rejection::NotFound(format!("path {}", request.path)));
    }
    let params = request.query_pairs();
    no_duplicates(&params)?;
    for name in COMMON {
        required(&params, name)?;
    }
    let method = optional(&params, "SignatureMethod").unwrap_or("HmacSHA1");
    if optional(&params, "SignatureMethod").is_some() {
        expect_value(&params, "SignatureMethod", &["HmacSHA1", "HmacSHA256"])?;
    }
    let nonce = required(&params, "Nonce")?;
    if !nonce.parse::<u64>().is_ok_and(|n| n > 0) {
        return Err(invalid("Nonce", "must be a positive integer"));
    }
    let secret_id = required(&params, "SecretId")?;
    if secret_id != keys.access_key {
        return Err(Rejection::UnknownAccessKey(secret_id.to_owned()));
    }
    let timestamp = required(&params, "Timestamp")?;
    let at = timestamp
        .parse::<i64>()
        .ok()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .ok_or_else(|| invalid("Timestamp", "must be Unix seconds"))?;
    within_window("Timestamp", timestamp, at, now, WINDOW)?;

    let host = request.header("host").ok_or_else(|| Rejection::MissingParameter("Host header".to_owned()))?;
    let string_to_sign = string_to_sign(&request.method, host, &request.path, &params);
    if required(&params, "Signature")? != signature(method, keys.secret, &string_to_sign) {
        return Err(Rejection::SignatureMismatch { string_to_sign });
    }
    let action = required(&params, "Action")?;
    if action == "DescribeImages" {
        // The seed page makes imageType required; the server checks the API's own parameters last.
        required(&params, "imageType")?;
    }
    Ok(Verified { algorithm: method.to_owned(), nonce: Some(nonce.to_owned()), action: action.to_owned() })
}

/// `METHOD` + host + path + `?` + the sorted raw pairs (`_` in keys signed as `.`).
pub fn string_to_sign(method: &str, host: &str, path: &str, params: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "Signature").collect();
    pairs.sort();
    let joined =
        pairs.iter().map(|(k, v)| format!("{}={v}", k.replace('_', "."))).collect::<Vec<_>>().join("&");
    format!("{method}{host}{path}?{joined}")
}

/// base64(HMAC(secret, string to sign)) with the hash `method` names.
pub fn signature(method: &str, secret: &str, string_to_sign: &str) -> String {
    let mac = if method == "HmacSHA256" {
        hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes())
    } else {
        hmac_sha1(secret.as_bytes(), string_to_sign.as_bytes())
    };
    base64(&mac)
}
