//! QingCloud signature version 1 (HmacSHA256 or HmacSHA1), shared by the private cloud.
//!
//! The server decodes the received query, drops `signature`, sorts the rest by key, re-encodes
//! each key and value per RFC 3986 and signs `GET\n/iaas/\n` + that canonical query.

use super::{
    RecordedRequest, Rejection, Verified, base64, expect_value, hmac_sha1, hmac_sha256, invalid,
    no_duplicates, optional, parse_iso_seconds, required, rfc3986, within_window,
};
use crate::support::provider::Keys;
use time::{Duration, OffsetDateTime};

/// QingCloud refuses a `time_stamp` more than 60 seconds off (its error code 1300).
pub const WINDOW: Duration = Duration::seconds(60);

/// The common parameters every request carries.
pub const COMMON: [&str; 8] = [
    "action",
    "zone",
    "time_stamp",
    "access_key_id",
    "version",
    "signature_method",
    "signature_version",
    "signature",
];

/// Checks a QingCloud request.
pub fn verify(request: &RecordedRequest, keys: Keys, now: OffsetDateTime) -> Result<Verified, Rejection> {
    if request.path != "/iaas/" {
        return Err(Rejection::NotFound(format!("path {}", request.path)));
    }
    let params = request.query_pairs();
    no_duplicates(&params)?;
    for name in COMMON {
        required(&params, name)?;
    }
    expect_value(&params, "version", &["1"])?;
    expect_value(&params, "signature_version", &["1"])?;
    expect_value(&params, "signature_method", &["HmacSHA256", "HmacSHA1"])?;
    let zone = required(&params, "zone")?;
    if zone != zone.to_lowercase() {
        return Err(invalid("zone", "must be lower case"));
    }
    let access_key = required(&params, "access_key_id")?;
    if access_key != keys.access_key {
        return Err(Rejection::UnknownAccessKey(access_key.to_owned()));
    }
    let time_stamp = required(&params, "time_stamp")?;
    within_window("time_stamp", time_stamp, parse_iso_seconds("time_stamp", time_stamp)?, now, WINDOW)?;

    let method = required(&params, "signature_method")?;
    let string_to_sign = string_to_sign(&request.method, &request.path, &params);
    if required(&params, "signature")? != signature(method, keys.secret, &string_to_sign) {
        return Err(Rejection::SignatureMismatch { string_to_sign });
    }
    Ok(Verified {
        algorithm: method.to_owned(),
        nonce: None,
        action: required(&params, "action")?.to_owned(),
    })
}

/// The canonical query: every pair but `signature`, sorted by key, each side RFC 3986 encoded.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "signature").collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v))).collect::<Vec<_>>().join("&")
}

/// `METHOD\nPATH\n` + the canonical query.
pub fn string_to_sign(method: &str, path: &str, params: &[(String, String)]) -> String {
    format!("{method}\n{path}\n{}", canonical_query(params))
}

/// base64(HMAC(secret, string to sign)) with the hash `method` names.
pub fn signature(method: &str, secret: &str, string_to_sign: &str) -> String {
    let mac = if method == "HmacSHA1" {
        hmac_sha1(secret.as_bytes(), string_to_sign.as_bytes())
    } else {
        hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes())
    };
    base64(&mac)
}

/// True when the wire query is exactly the canonical query followed by `&signature=`, as
/// PROVIDERS.md asks QingCloud clients to send it.
pub fn wire_is_canonical(request: &RecordedRequest) -> bool {
    let params = request.query_pairs();
    match optional(&params, "signature") {
        Some(sig) => request.raw_query == format!("{}&signature={}", canonical_query(&params), rfc3986(sig)),
        None => false,
    }
}
