//! Tencent Cloud API 3.0: `TC3-HMAC-SHA256` (Authorization header) and the v1 query signature.
//!
//! TC3: the server parses `Credential`, `SignedHeaders` and `Signature`, rebuilds the canonical
//! request from the method, `/`, the query as sent (empty for a POST), the signed headers as
//! received and the hex SHA-256 of the body, and checks the hex HMAC-SHA256 under the key chained
//! from `"TC3" + secret` over the UTC date, the service and `tc3_request`. v1: the server decodes
//! the query, writes `_` in names as `.`, sorts by that name, joins the raw values and checks
//! base64(HMAC) over `GET` + host + path + `?` + those pairs.

use super::{
    RecordedRequest, Rejection, Verified, hmac_sha256, invalid, no_duplicates, optional, required,
    within_window,
};
use crate::support::provider::Keys;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

/// API 3.0 refuses a timestamp more than five minutes off (`AuthFailure.SignatureExpire`).
pub const WINDOW: Duration = Duration::minutes(5);

/// The common parameters of a v1 request (`SignatureMethod` is optional).
pub const COMMON: [&str; 6] = ["Action", "Version", "Timestamp", "Nonce", "SecretId", "Signature"];

/// Checks an API 3.0 request to `service` (`cvm`, `vpc`, …: what the host names).
pub fn verify(
    request: &RecordedRequest,
    keys: Keys,
    service: &str,
    now: OffsetDateTime,
) -> Result<Verified, Rejection> {
    if request.path != "/" {
        return Err(Rejection::NotFound(format!("path {}", request.path)));
    }
    match request.header("authorization") {
        Some(authorization) => verify_tc3(request, authorization, keys, service, now),
        None => verify_v1(request, keys, now),
    }
}

fn verify_tc3(
    request: &RecordedRequest,
    authorization: &str,
    keys: Keys,
    service: &str,
    now: OffsetDateTime,
) -> Result<Verified, Rejection> {
    let header = |name: &str| {
        request.header(name).ok_or_else(|| Rejection::MissingParameter(format!("{name} header")))
    };
    let action = header("x-tc-action")?.to_owned();
    header("x-tc-version")?;
    let timestamp = header("x-tc-timestamp")?;
    let at = unix_seconds("X-TC-Timestamp", timestamp)?;
    within_window("X-TC-Timestamp", timestamp, at, now, WINDOW)?;
    let malformed = |what: &str| invalid("Authorization", what);
    let rest = authorization
        .strip_prefix("TC3-HMAC-SHA256 ")
        .ok_or_else(|| malformed("the algorithm must be TC3-HMAC-SHA256"))?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed_headers = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err(malformed(&format!("unexpected part {part:?}"))),
        }
    }
    let credential: Vec<&str> = credential.ok_or_else(|| malformed("no Credential"))?.split('/').collect();
    let signed_headers = signed_headers.ok_or_else(|| malformed("no SignedHeaders"))?;
    let signature = signature.ok_or_else(|| malformed("no Signature"))?;
    let [secret_id, date, scope_service, "tc3_request"] = credential.as_slice() else {
        return Err(malformed("Credential must be SecretId/yyyy-mm-dd/service/tc3_request"));
    };
    if *secret_id != keys.access_key {
        return Err(Rejection::UnknownAccessKey((*secret_id).to_owned()));
    }
    if *date != utc_date(at) {
        return Err(malformed("the credential's date is not the UTC date of X-TC-Timestamp"));
    }
    if *scope_service != service {
        return Err(malformed(&format!("the credential's service must be {service}")));
    }
    let names: Vec<&str> = signed_headers.split(';').collect();
    if !names.contains(&"content-type") || !names.contains(&"host") {
        return Err(malformed("SignedHeaders must include content-type and host"));
    }
    let canonical = canonical_request(request, signed_headers)?;
    let string_to_sign = string_to_sign(timestamp, date, service, &canonical);
    if signature != tc3_signature(keys.secret, date, service, &string_to_sign) {
        return Err(Rejection::SignatureMismatch { string_to_sign });
    }
    Ok(Verified { algorithm: "TC3-HMAC-SHA256".to_owned(), nonce: None, action })
}

/// `METHOD\n/\nQUERY\nHEADERS\nSIGNED_HEADERS\nhex(sha256(body))`, headers as received.
pub fn canonical_request(request: &RecordedRequest, signed_headers: &str) -> Result<String, Rejection> {
    let mut headers = String::new();
    for name in signed_headers.split(';') {
        let value = request
            .header(name)
            .ok_or_else(|| invalid("Authorization", &format!("signed header {name} was not sent")))?;
        headers.push_str(&format!("{name}:{}\n", value.trim().to_ascii_lowercase()));
    }
    Ok(format!(
        "{}\n{}\n{}\n{headers}\n{signed_headers}\n{}",
        request.method,
        request.path,
        request.raw_query,
        hex::encode(Sha256::digest(&request.body)),
    ))
}

/// `TC3-HMAC-SHA256\n<timestamp>\n<date>/<service>/tc3_request\n` + hex(sha256(canonical)).
pub fn string_to_sign(timestamp: &str, date: &str, service: &str, canonical: &str) -> String {
    format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    )
}

/// hex(HMAC-SHA256(kSigning, string to sign)), kSigning chained from `"TC3" + secret`.
pub fn tc3_signature(secret: &str, date: &str, service: &str, string_to_sign: &str) -> String {
    let k_date = hmac_sha256(format!("TC3{secret}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    let k_signing = hmac_sha256(&k_service, b"tc3_request");
    hex::encode(hmac_sha256(&k_signing, string_to_sign.as_bytes()))
}

fn verify_v1(request: &RecordedRequest, keys: Keys, now: OffsetDateTime) -> Result<Verified, Rejection> {
    let params = request.query_pairs();
    no_duplicates(&params)?;
    for name in COMMON {
        required(&params, name)?;
    }
    let method = optional(&params, "SignatureMethod").unwrap_or("HmacSHA1");
    if !["HmacSHA1", "HmacSHA256"].contains(&method) {
        return Err(invalid("SignatureMethod", &format!("is {method:?}; HmacSHA1 or HmacSHA256 expected")));
    }
    if !required(&params, "Nonce")?.parse::<u64>().is_ok_and(|n| n > 0) {
        return Err(invalid("Nonce", "must be a positive integer"));
    }
    let secret_id = required(&params, "SecretId")?;
    if secret_id != keys.access_key {
        return Err(Rejection::UnknownAccessKey(secret_id.to_owned()));
    }
    let timestamp = required(&params, "Timestamp")?;
    within_window("Timestamp", timestamp, unix_seconds("Timestamp", timestamp)?, now, WINDOW)?;
    let host = request.header("host").ok_or_else(|| Rejection::MissingParameter("Host header".to_owned()))?;
    let string_to_sign = v1_string_to_sign(&request.method, host, &request.path, &params);
    // The HMAC of the v1 signature is API v2's.
    if required(&params, "Signature")? != super::tencent::signature(method, keys.secret, &string_to_sign) {
        return Err(Rejection::SignatureMismatch { string_to_sign });
    }
    Ok(Verified {
        algorithm: method.to_owned(),
        nonce: Some(required(&params, "Nonce")?.to_owned()),
        action: required(&params, "Action")?.to_owned(),
    })
}

/// `METHOD` + host + path + `?` + the pairs but `Signature`, names with `_` written `.` and sorted
/// that way, values raw.
pub fn v1_string_to_sign(method: &str, host: &str, path: &str, params: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, &str)> = params
        .iter()
        .filter(|(k, _)| k != "Signature")
        .map(|(k, v)| (k.replace('_', "."), v.as_str()))
        .collect();
    pairs.sort();
    let joined = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    format!("{method}{host}{path}?{joined}")
}

fn unix_seconds(name: &str, value: &str) -> Result<OffsetDateTime, Rejection> {
    value
        .parse::<i64>()
        .ok()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .ok_or_else(|| invalid(name, "must be Unix seconds"))
}

/// `YYYY-MM-DD` in UTC.
fn utc_date(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    at.format(format).expect("the format has only numeric parts")
}
