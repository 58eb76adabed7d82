//! JD Cloud `JDCLOUD3-HMAC-SHA256` and the older `JDCLOUD2-HMAC-SHA256` signatures.
//!
//! The server parses the Authorization header, rebuilds the canonical request from the headers
//! the client says it signed, the path, the query and the body hash, and checks the hex
//! HMAC-SHA256 under the key derived from the secret, the date, the region and the service.
//! JDCLOUD3 re-encodes the decoded path and query pairs per RFC 3986; JDCLOUD2 signs them as sent.

use super::{
    RFC3986_PATH, RecordedRequest, Rejection, Verified, hmac_sha256, invalid, rfc3986, within_window,
};
use crate::support::provider::Keys;
use percent_encoding::{percent_decode_str, percent_encode};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

/// The window this server allows around `x-jdcloud-date`.
pub const WINDOW: Duration = Duration::minutes(15);

/// The credential scope's region of an API outside `/regions/{regionId}/`.
pub const GLOBAL_REGION: &str = "jdcloud-api";

/// A signature generation: the prefix of its algorithm, key and scope terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    /// `JDCLOUD3-HMAC-SHA256`, what the current official SDK sends.
    V3,
    /// `JDCLOUD2-HMAC-SHA256`.
    V2,
}

impl Generation {
    /// `JDCLOUD3` or `JDCLOUD2`.
    pub fn prefix(self) -> &'static str {
        match self {
            Generation::V3 => "JDCLOUD3",
            Generation::V2 => "JDCLOUD2",
        }
    }

    /// The algorithm name in the Authorization header and the string to sign.
    pub fn algorithm(self) -> String {
        format!("{}-HMAC-SHA256", self.prefix())
    }

    /// The last element of the credential scope.
    pub fn terminator(self) -> String {
        format!("{}_request", self.prefix().to_ascii_lowercase())
    }
}

/// The parts of an Authorization header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The signature generation its algorithm names.
    pub generation: Generation,
    /// `Credential=ak/yyyymmdd/region/service/terminator`, split on `/`.
    pub credential: Vec<String>,
    /// `SignedHeaders=a;b;c`, as given.
    pub signed_headers: String,
    /// `Signature=<hex>`.
    pub signature: String,
}

/// Checks a JD Cloud request to `service` (`vm`, `disk`, …: what the host names).
pub fn verify(
    request: &RecordedRequest,
    keys: Keys,
    service: &str,
    now: OffsetDateTime,
) -> Result<Verified, Rejection> {
    if !request.path.starts_with("/v1/") {
        return Err(Rejection::NotFound(format!("path {}", request.path)));
    }
    let region = path_region(&request.path).unwrap_or(GLOBAL_REGION);
    let header = request
        .header("authorization")
        .ok_or_else(|| Rejection::MissingParameter("Authorization header".to_owned()))?;
    let auth = parse_authorization(header)?;
    let date = request
        .header("x-jdcloud-date")
        .ok_or_else(|| Rejection::MissingParameter("x-jdcloud-date header".to_owned()))?;
    let nonce = request
        .header("x-jdcloud-nonce")
        .ok_or_else(|| Rejection::MissingParameter("x-jdcloud-nonce header".to_owned()))?;
    let at = parse_date(date)?;
    within_window("x-jdcloud-date", date, at, now, WINDOW)?;

    let [access_key, day, scope_region, scope_service, terminator] = auth.credential.as_slice() else {
        return Err(invalid("Authorization", "Credential must be ak/yyyymmdd/region/service/terminator"));
    };
    if access_key != keys.access_key {
        return Err(Rejection::UnknownAccessKey(access_key.clone()));
    }
    if day.as_str() != &date[..8] {
        return Err(invalid("Authorization", "the credential's date is not the day of x-jdcloud-date"));
    }
    if scope_region != region || scope_service != service || *terminator != auth.generation.terminator() {
        return Err(invalid("Authorization", &format!("credential scope must be {region}/{service}/...")));
    }
    let signed: Vec<&str> = auth.signed_headers.split(';').collect();
    let must_sign: &[&str] = match auth.generation {
        Generation::V3 => &["host"],
        Generation::V2 => &["host", "x-jdcloud-date", "x-jdcloud-nonce"],
    };
    if let Some(missing) = must_sign.iter().find(|h| !signed.contains(h)) {
        return Err(invalid("Authorization", &format!("SignedHeaders must include {missing}")));
    }

    let canonical = canonical_request(request, auth.generation, &auth.signed_headers)?;
    let scope = Scope { date, region, service };
    let string_to_sign = string_to_sign(auth.generation, &scope, &canonical);
    if auth.signature != signature(auth.generation, keys.secret, &scope, &string_to_sign) {
        return Err(Rejection::SignatureMismatch { string_to_sign });
    }
    let action = format!("{} {}", request.method, request.path);
    Ok(Verified { algorithm: auth.generation.algorithm(), nonce: Some(nonce.to_owned()), action })
}

/// What a signature is scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope<'a> {
    /// `x-jdcloud-date`, `YYYYMMDDThhmmssZ`.
    pub date: &'a str,
    /// The region of the path, or [`GLOBAL_REGION`].
    pub region: &'a str,
    /// The service the host names.
    pub service: &'a str,
}

/// The `{regionId}` of `/v1/regions/{regionId}/…`.
pub fn path_region(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/v1/regions/")?;
    let region = rest.split('/').next()?;
    (!region.is_empty()).then_some(region)
}

/// Splits `ALGORITHM Credential=…, SignedHeaders=…, Signature=…`.
pub fn parse_authorization(header: &str) -> Result<Authorization, Rejection> {
    let malformed = |what: &str| invalid("Authorization", what);
    let (algorithm, rest) = header.split_once(' ').ok_or_else(|| malformed("no algorithm"))?;
    let generation = match algorithm {
        "JDCLOUD3-HMAC-SHA256" => Generation::V3,
        "JDCLOUD2-HMAC-SHA256" => Generation::V2,
        other => return Err(malformed(&format!("unknown algorithm {other}"))),
    };
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v.split('/').map(str::to_owned).collect()),
            Some(("SignedHeaders", v)) => signed_headers = Some(v.to_owned()),
            Some(("Signature", v)) => signature = Some(v.to_owned()),
            _ => return Err(malformed(&format!("unexpected part {part:?}"))),
        }
    }
    Ok(Authorization {
        generation,
        credential: credential.ok_or_else(|| malformed("no Credential"))?,
        signed_headers: signed_headers.ok_or_else(|| malformed("no SignedHeaders"))?,
        signature: signature.ok_or_else(|| malformed("no Signature"))?,
    })
}

/// `METHOD\nPATH\nQUERY\nHEADERS\n\nSIGNED_HEADERS\nhex(sha256(body))`.
pub fn canonical_request(
    request: &RecordedRequest,
    generation: Generation,
    signed_headers: &str,
) -> Result<String, Rejection> {
    let mut lines = Vec::new();
    for name in signed_headers.split(';') {
        let values: Vec<&str> =
            request.headers.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).collect();
        if values.is_empty() {
            return Err(invalid("Authorization", &format!("signed header {name} was not sent")));
        }
        let value = values.join(",");
        let value = if name == "host" { strip_default_port(&value) } else { value.as_str() };
        lines.push(format!("{name}:{value}"));
    }
    Ok(format!(
        "{}\n{}\n{}\n{}\n\n{}\n{}",
        request.method,
        canonical_path(&request.path, generation),
        canonical_query(&request.raw_query, generation),
        lines.join("\n"),
        signed_headers,
        hex::encode(Sha256::digest(&request.body)),
    ))
}

/// JDCLOUD3: the path decoded, each run of `/` made one, then encoded per RFC 3986 but for `/`
/// (JD's SDKs sign `/v1/disks/d-1:detach` as `/v1/disks/d-1%3Adetach`); JDCLOUD2: the path as sent.
pub fn canonical_path(path: &str, generation: Generation) -> String {
    match generation {
        Generation::V3 => {
            let mut collapsed = Vec::new();
            for byte in percent_decode_str(path) {
                if !(byte == b'/' && collapsed.last() == Some(&b'/')) {
                    collapsed.push(byte);
                }
            }
            percent_encode(&collapsed, RFC3986_PATH).to_string()
        }
        Generation::V2 => path.to_owned(),
    }
}

/// JDCLOUD3: decoded pairs re-encoded per RFC 3986 and sorted; JDCLOUD2: the pairs as sent, sorted
/// (as JD's SDK signs them).
pub fn canonical_query(raw_query: &str, generation: Generation) -> String {
    let mut pairs: Vec<(String, String)> = match generation {
        Generation::V3 => {
            form_urlencoded::parse(raw_query.as_bytes()).map(|(k, v)| (rfc3986(&k), rfc3986(&v))).collect()
        }
        Generation::V2 => raw_query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect(),
    };
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// `ALGORITHM\n<x-jdcloud-date>\n<yyyymmdd>/<region>/<service>/<terminator>\n` +
/// hex(sha256(canonical)).
pub fn string_to_sign(generation: Generation, scope: &Scope<'_>, canonical_request: &str) -> String {
    format!(
        "{}\n{}\n{}/{}/{}/{}\n{}",
        generation.algorithm(),
        scope.date,
        &scope.date[..8],
        scope.region,
        scope.service,
        generation.terminator(),
        hex::encode(Sha256::digest(canonical_request.as_bytes())),
    )
}

/// hex(HMAC-SHA256(kSigning, string to sign)), kSigning chained from `PREFIX + secret` over the
/// scope's day, region and service.
pub fn signature(generation: Generation, secret: &str, scope: &Scope<'_>, string_to_sign: &str) -> String {
    let k_date =
        hmac_sha256(format!("{}{secret}", generation.prefix()).as_bytes(), &scope.date.as_bytes()[..8]);
    let k_region = hmac_sha256(&k_date, scope.region.as_bytes());
    let k_service = hmac_sha256(&k_region, scope.service.as_bytes());
    let k_signing = hmac_sha256(&k_service, generation.terminator().as_bytes());
    hex::encode(hmac_sha256(&k_signing, string_to_sign.as_bytes()))
}

/// Parses `YYYYMMDDThhmmssZ`.
fn parse_date(value: &str) -> Result<OffsetDateTime, Rejection> {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(value, format)
        .map(|t| t.assume_utc())
        .map_err(|e| invalid("x-jdcloud-date", &format!("{value:?} is not YYYYMMDDThhmmssZ ({e})")))
}

/// The host as signed: without `:80` or `:443`.
fn strip_default_port(host: &str) -> &str {
    host.strip_suffix(":80").or_else(|| host.strip_suffix(":443")).unwrap_or(host)
}
