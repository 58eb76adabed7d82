//! Alibaba Cloud RPC signatures (HMAC-SHA1, signature version 1.0).
//!
//! The server decodes the received query, drops `Signature`, sorts the rest, re-encodes each key
//! and value per RFC 3986, and signs `GET&%2F&` + the RFC 3986 encoding of that canonical query,
//! with the secret followed by `&` as the key.

use super::{
    RecordedRequest, Rejection, Verified, base64, expect_value, hmac_sha1, no_duplicates, parse_iso_seconds,
    required, rfc3986, within_window,
};
use crate::support::provider::Keys;
use time::{Duration, OffsetDateTime};

/// The window this server allows around `Timestamp`; Alibaba answers `InvalidTimeStamp.Expired`
/// outside it.
pub const WINDOW: Duration = Duration::minutes(15);

/// The common parameters every request carries.
pub const COMMON: [&str; 9] = [
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "Signature",
];

/// Checks an Alibaba RPC request.
pub fn verify(request: &RecordedRequest, keys: Keys, now: OffsetDateTime) -> Result<Verified, Rejection> {
    if request.path != "/" {
        return Err(Rejection::NotFound(format!("path {}", request.path)));
    }
    let params = request.query_pairs();
    no_duplicates(&params)?;
    for name in COMMON {
        required(&params, name)?;
    }
    expect_value(&params, "Version", &["2014-05-26"])?;
    // This server answers in JSON only; a real one would answer XML without `Format=JSON`.
    expect_value(&params, "Format", &["JSON"])?;
    expect_value(&params, "SignatureMethod", &["HMAC-SHA1"])?;
    expect_value(&params, "SignatureVersion", &["1.0"])?;
    let access_key = required(&params, "AccessKeyId")?;
    if access_key != keys.access_key {
        return Err(Rejection::UnknownAccessKey(access_key.to_owned()));
    }
    let timestamp = required(&params, "Timestamp")?;
    within_window("Timestamp", timestamp, parse_iso_seconds("Timestamp", timestamp)?, now, WINDOW)?;

    let string_to_sign = string_to_sign(&request.method, &params);
    if required(&params, "Signature")? != signature(keys.secret, &string_to_sign) {
        return Err(Rejection::SignatureMismatch { string_to_sign });
    }
    // The ECS pages make RegionId required; the server checks the API's own parameters last.
    required(&params, "RegionId")?;
    let nonce = required(&params, "SignatureNonce")?;
    let action = required(&params, "Action")?.to_owned();
    Ok(Verified { algorithm: "HMAC-SHA1".to_owned(), nonce: Some(nonce.to_owned()), action })
}

/// `METHOD&%2F&` + enc(canonical query), the canonical query being the sorted, RFC 3986 encoded
/// pairs but `Signature`.
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> =
        params.iter().filter(|(k, _)| k != "Signature").map(|(k, v)| (rfc3986(k), rfc3986(v))).collect();
    pairs.sort();
    let canonical = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    format!("{method}&{}&{}", rfc3986("/"), rfc3986(&canonical))
}

/// base64(HMAC-SHA1(secret + "&", string to sign)).
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    base64(&hmac_sha1(format!("{secret}&").as_bytes(), string_to_sign.as_bytes()))
}
