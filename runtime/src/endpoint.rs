//! Where a request goes: the endpoint URL of an API, filled in and overridden by the user.
//!
//! Input: an endpoint template (`https://ecs.{region}.aliyuncs.com/`, `https://api.{domain}/iaas/`,
//! `https://{service}.api.qcloud.com/v2/index.php`), the operation's path template
//! (`/v1/regions/{regionId}/images`), the configured region, domain and service, and an optional
//! override URL. Output: an [`Endpoint`] (scheme, host, port, path) and the service name the JD
//! Cloud signature scopes to. Templates always use TLS; plain http is only possible through an
//! override the user set explicitly.

use std::fmt;

use percent_encoding::utf8_percent_encode;

use crate::error::Error;
use crate::signing::encode::RFC3986;

/// `http` or `https`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Plain HTTP: only through an explicit override.
    Http,
    /// HTTP over TLS: the default.
    Https,
}

impl Scheme {
    fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// A parsed endpoint: scheme, host, optional port and path, without query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    scheme: Scheme,
    host: String,
    port: Option<u16>,
    path: String,
}

impl Endpoint {
    /// Parses `scheme://host[:port][/path]`. Query, fragment and user info are refused.
    pub fn parse(url: &str) -> Result<Self, Error> {
        let bad = |why: &str| Error::Config(format!("endpoint {url:?} {why}"));
        let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("has no scheme"))?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "https" => Scheme::Https,
            "http" => Scheme::Http,
            _ => return Err(bad("must start with https:// or http://")),
        };
        if rest.contains(['?', '#']) {
            return Err(bad("must not have a query or fragment"));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.contains('@') {
            return Err(bad("must not carry user info"));
        }
        let (host, port) = split_host_port(authority).ok_or_else(|| bad("has an invalid host or port"))?;
        if !path.chars().all(|c| c.is_ascii_graphic()) {
            return Err(bad("has a path with spaces or non-ASCII characters; percent-encode it"));
        }
        Ok(Endpoint { scheme, host: host.to_ascii_lowercase(), port, path: path.to_owned() })
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The host name or address (IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, when the URL names one.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The path, starting with `/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `host[:port]` as the `Host` header carries it: the scheme's default port is left out.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) if port != self.scheme.default_port() => format!("{}:{port}", self.host),
            _ => self.host.clone(),
        }
    }

    pub(crate) fn with_path(mut self, path: String) -> Self {
        self.path = path;
        self
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}{}", self.scheme.as_str(), self.authority(), self.path)
    }
}

fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if let Some(stripped) = authority.strip_prefix('[') {
        let end = stripped.find(']')?;
        let host = &authority[..end + 2];
        let after = &authority[end + 2..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return None,
        };
        let inner_ok = stripped[..end].chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if !inner_ok {
            return None;
        }
        (host, port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[')
            || host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_'));
    if !host_ok {
        return None;
    }
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|p| *p != 0)?),
        None => None,
    };
    Some((host, port))
}

/// The values that fill an endpoint template's host placeholders.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Placeholders<'a> {
    pub region: Option<&'a str>,
    pub domain: Option<&'a str>,
    pub service: Option<&'a str>,
}

/// An endpoint ready for a request, and the service its host names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Where the request goes, with the operation's path template (placeholders not yet filled).
    pub endpoint: Endpoint,
    /// The first label of the template's host (`vm` for `vm.jdcloud-api.com`); empty when that
    /// label is a placeholder nothing filled.
    pub service: String,
}

/// Fills `template`'s host placeholders, upgrades it to TLS, joins `op_path` to its path and
/// applies the user's override (scheme, host and port; its path too, when it has one).
pub(crate) fn resolve(
    template: &str,
    op_path: &str,
    values: Placeholders<'_>,
    override_url: Option<&str>,
) -> Result<Target, Error> {
    let (scheme, rest) = template
        .split_once("://")
        .ok_or_else(|| Error::Config(format!("endpoint template {template:?} has no scheme")))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (authority, service_known) = match fill_host(authority, template, values) {
        Ok(filled) => (filled, true),
        // An override replaces the host, so a value that only the host needed may be missing.
        Err(_) if override_url.is_some() => {
            let first_label = authority.split('.').next().unwrap_or_default();
            (authority.replace(['{', '}'], ""), !first_label.contains('{'))
        }
        Err(error) => return Err(error),
    };
    // A page may still print an http:// URL; the APIs serve TLS, and TLS is the default.
    let filled = format!("https://{authority}{path}");
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err(Error::Config(format!("endpoint template {template:?} is not an http(s) URL")));
    }
    let base = Endpoint::parse(&filled)?;
    let service = if service_known {
        base.host().split('.').next().unwrap_or_default().to_owned()
    } else {
        String::new()
    };
    let endpoint = match override_url {
        None => {
            let joined = join_path(base.path(), op_path);
            base.with_path(joined)
        }
        Some(url) => {
            let over = Endpoint::parse(url)?;
            let base_path = if over.path() == "/" { base.path().to_owned() } else { over.path().to_owned() };
            let joined = join_path(&base_path, op_path);
            over.with_path(joined)
        }
    };
    Ok(Target { endpoint, service })
}

fn fill_host(authority: &str, template: &str, values: Placeholders<'_>) -> Result<String, Error> {
    let mut out = String::new();
    let mut rest = authority;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .ok_or_else(|| Error::Config(format!("endpoint template {template:?} has an unclosed '{{'")))?;
        let name = &rest[start + 1..start + end];
        let (value, how) = match name {
            "region" => (values.region, "set Config::with_region or the request's region parameter"),
            "domain" => (
                values.domain,
                "set the private cloud's domain with Config::with_domain (the example's --domain flag)",
            ),
            "service" => (values.service, "set Config::with_service to the API's module name"),
            other => {
                return Err(Error::Config(format!(
                    "endpoint template {template:?} has an unknown placeholder {{{other}}}"
                )));
            }
        };
        let value = value.ok_or_else(|| {
            Error::Config(format!("endpoint template {template:?} needs {{{name}}}: {how}"))
        })?;
        let host_safe = !value.is_empty()
            && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && !value.starts_with(['.', '-']);
        if !host_safe {
            return Err(Error::Config(format!(
                "{name} {value:?} cannot be part of a host name: use letters, digits, '-' and '.'"
            )));
        }
        out.push_str(value);
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Joins the endpoint's base path and the operation's path, without doubling a shared prefix
/// (`/iaas/` + `/iaas/` is `/iaas/`; `/v1` + `/regions/x` is `/v1/regions/x`).
fn join_path(base: &str, op_path: &str) -> String {
    let base_trimmed = base.trim_end_matches('/');
    let joined = if op_path.is_empty() || op_path == "/" {
        base.to_owned()
    } else if base_trimmed.is_empty()
        || op_path == base_trimmed
        || op_path.starts_with(&format!("{base_trimmed}/"))
    {
        op_path.to_owned()
    } else if op_path.starts_with('/') {
        format!("{base_trimmed}{op_path}")
    } else {
        format!("{base_trimmed}/{op_path}")
    };
    if joined.starts_with('/') { joined } else { format!("/{joined}") }
}

/// Fills `{name}` placeholders of a path with the request's path parameters, each percent-encoded
/// as one segment. `source` names where the template came from, for the error.
pub(crate) fn render_path(
    template: &str,
    params: &[(String, String)],
    source: &'static str,
) -> Result<String, Error> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            return Err(Error::Config(format!("path template {template:?} has an unclosed '{{'")));
        };
        let name = &rest[start + 1..start + end];
        let value = params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        match value {
            Some(v) if !v.is_empty() => out.extend(utf8_percent_encode(v, RFC3986)),
            _ => {
                return Err(Error::Validation(crate::ValidationErrors(vec![crate::Violation {
                    param: name.to_owned(),
                    message: format!("is required: it fills the path {template}"),
                    source,
                }])));
            }
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(r: &str) -> Placeholders<'_> {
        Placeholders { region: Some(r), ..Placeholders::default() }
    }

    #[test]
    fn parse_and_authority_drop_default_ports() {
        let e = Endpoint::parse("https://API.QingCloud.com:443/iaas/").unwrap();
        assert_eq!(e.host(), "api.qingcloud.com");
        assert_eq!(e.authority(), "api.qingcloud.com");
        assert_eq!(e.path(), "/iaas/");
        let e = Endpoint::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(e.authority(), "127.0.0.1:8080");
        assert_eq!(e.path(), "/");
        assert_eq!(e.scheme(), Scheme::Http);
        let e = Endpoint::parse("http://[::1]:9000/x").unwrap();
        assert_eq!(e.authority(), "[::1]:9000");
    }

    #[test]
    fn parse_refuses_bad_urls() {
        for url in [
            "ftp://x",
            "api.qingcloud.com",
            "https://user:pw@host/",
            "https://host/?a=b",
            "https://host:99999/",
            "https://ho st/",
            "https:///path",
            "https://host/中文",
        ] {
            assert!(Endpoint::parse(url).is_err(), "{url} should be refused");
        }
    }

    #[test]
    fn region_template_is_filled() {
        let t = resolve("https://ecs.{region}.aliyuncs.com/", "/", region("cn-hangzhou"), None).unwrap();
        assert_eq!(t.endpoint.to_string(), "https://ecs.cn-hangzhou.aliyuncs.com/");
        assert_eq!(t.service, "ecs");
        let err =
            resolve("https://ecs.{region}.aliyuncs.com/", "/", Placeholders::default(), None).unwrap_err();
        assert!(err.to_string().contains("Config::with_region"), "{err}");
    }

    #[test]
    fn placeholders_cannot_inject_hosts() {
        for bad in ["evil.com/x", "a@b", "", "-x", "a b"] {
            assert!(resolve("https://ecs.{region}.aliyuncs.com/", "/", region(bad), None).is_err());
        }
    }

    #[test]
    fn private_cloud_domain_and_tencent_service() {
        let values = Placeholders { domain: Some("cloud.example.com"), ..Placeholders::default() };
        let t = resolve("https://api.{domain}/iaas/", "/iaas/", values, None).unwrap();
        assert_eq!(t.endpoint.to_string(), "https://api.cloud.example.com/iaas/");
        let values = Placeholders { service: Some("image"), ..Placeholders::default() };
        let t =
            resolve("https://{service}.api.qcloud.com/v2/index.php", "/v2/index.php", values, None).unwrap();
        assert_eq!(t.endpoint.to_string(), "https://image.api.qcloud.com/v2/index.php");
    }

    #[test]
    fn templates_are_upgraded_to_tls() {
        let t = resolve("http://ecs.aliyuncs.com/", "/", Placeholders::default(), None).unwrap();
        assert_eq!(t.endpoint.scheme(), Scheme::Https);
    }

    #[test]
    fn override_keeps_the_real_path_and_service() {
        let t = resolve(
            "https://vm.jdcloud-api.com/v1",
            "/regions/{regionId}/images",
            Placeholders::default(),
            Some("http://127.0.0.1:8080"),
        )
        .unwrap();
        assert_eq!(t.endpoint.to_string(), "http://127.0.0.1:8080/v1/regions/{regionId}/images");
        assert_eq!(t.service, "vm");
        let t = resolve(
            "https://api.qingcloud.com/iaas/",
            "/iaas/",
            Placeholders::default(),
            Some("https://qc.local:8443/"),
        )
        .unwrap();
        assert_eq!(t.endpoint.to_string(), "https://qc.local:8443/iaas/");
    }

    #[test]
    fn override_does_not_need_host_placeholders() {
        let t = resolve(
            "https://{service}.api.qcloud.com/v2/index.php",
            "/v2/index.php",
            Placeholders::default(),
            Some("http://127.0.0.1:9000"),
        )
        .unwrap();
        assert_eq!(t.endpoint.to_string(), "http://127.0.0.1:9000/v2/index.php");
        assert_eq!(t.service, "", "no service fills the host's first label");
        let err =
            resolve("https://{service}.api.qcloud.com/v2/index.php", "/", Placeholders::default(), None)
                .unwrap_err();
        assert!(err.to_string().contains("Config::with_service"), "{err}");
    }

    #[test]
    fn join_path_does_not_double_prefixes() {
        assert_eq!(join_path("/iaas/", "/iaas/"), "/iaas/");
        assert_eq!(join_path("/v1", "/v1/regions/{regionId}/images"), "/v1/regions/{regionId}/images");
        assert_eq!(join_path("/v1", "/regions/x"), "/v1/regions/x");
        assert_eq!(join_path("/", "/"), "/");
        assert_eq!(join_path("/v2/index.php", "/v2/index.php"), "/v2/index.php");
        assert_eq!(join_path("/", "regions"), "/regions");
    }

    #[test]
    fn path_params_are_encoded_as_segments() {
        let params = [("regionId".to_owned(), "cn north/1".to_owned())];
        let path = render_path("/v1/regions/{regionId}/images", &params, "p:1").unwrap();
        assert_eq!(path, "/v1/regions/cn%20north%2F1/images");
        let err = render_path("/v1/regions/{regionId}/images", &[], "p:1").unwrap_err();
        match err {
            Error::Validation(v) => assert!(v.mentions("regionId")),
            other => panic!("unexpected {other:?}"),
        }
    }
}
