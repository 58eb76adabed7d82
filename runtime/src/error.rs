//! The error of one call: what went wrong between a request value and its decoded answer.
//!
//! Input: failures from validation, configuration, the transport and the provider's answer.
//! Output: [`Error`], whose messages say what failed, where, and what to do. No variant ever holds
//! a secret; URLs in errors carry the scheme, host and path only, never the signed query.

use std::fmt;
use std::time::Duration;

use crate::error_kind::ErrorKind;
use crate::validate::ValidationErrors;

/// How much of an unexpected answer an error quotes.
const SNIPPET_CHARS: usize = 200;

/// Everything that can make a call fail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks constraints stated on the API's page; nothing was sent.
    #[error("invalid request: {0}")]
    Validation(#[from] ValidationErrors),
    /// The client is set up in a way that cannot produce a request (a missing region, a bad
    /// endpoint URL, a signing scheme of another provider).
    #[error("configuration error: {0}")]
    Config(String),
    /// A credential environment variable is missing or empty.
    #[error(
        "missing credentials: environment variable {var} is not set; export it, or pass \
         Credentials::new(..) to Client::new"
    )]
    MissingCredentials {
        /// The variable that was looked up.
        var: &'static str,
    },
    /// The request could not be delivered or its answer could not be read.
    #[error("transport error talking to {url}: {message}; {}", delivery(*connect))]
    Transport {
        /// Scheme, host and path of the request (no query).
        url: String,
        /// What the transport reported.
        message: String,
        /// True when no connection could be made, so the request never reached the server;
        /// false when the connection broke after the request may have been sent.
        connect: bool,
    },
    /// No complete answer arrived within the configured request timeout.
    #[error(
        "no complete answer from {url} within {after:?}; raise Config::with_timeout if the \
         service is slow"
    )]
    Timeout {
        /// Scheme, host and path of the request (no query).
        url: String,
        /// The timeout that expired.
        after: Duration,
    },
    /// The answer is larger than the configured limit; it was not read further.
    #[error(
        "the answer of {url} exceeds the limit of {limit} bytes and was refused; raise \
         Config::with_max_response_bytes if such answers are expected"
    )]
    TooLarge {
        /// Scheme, host and path of the request (no query).
        url: String,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// An HTTP error status whose body is not the provider's error envelope.
    #[error("HTTP {status} from {url}{}: {snippet}", request_id_suffix(request_id))]
    Status {
        /// The HTTP status code.
        status: u16,
        /// Scheme, host and path of the request (no query).
        url: String,
        /// The beginning of the body.
        snippet: String,
        /// The request id from the headers, when the provider sent one.
        request_id: Option<String>,
    },
    /// The provider answered with its error envelope.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The answer is not the JSON the API's page describes.
    #[error("could not decode the answer to {action}: {message}; the answer begins with: {snippet}")]
    Decode {
        /// The action whose answer failed to decode.
        action: &'static str,
        /// What the decoder reported (with line and column).
        message: String,
        /// The beginning of the body.
        snippet: String,
    },
    /// Pagination stopped because the answers are inconsistent (a repeated page, no end).
    #[error("pagination of {action} stopped: {message}")]
    Pagination {
        /// The paginated action.
        action: &'static str,
        /// Why it stopped.
        message: String,
    },
}

/// An error reported by the provider in its own envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The provider key (`qingcloud`, `tencent`, `tencent-v3`, `aliyun`, `jdcloud`, ...).
    pub provider: &'static str,
    /// The HTTP status of the answer (QingCloud and Tencent report errors with 200).
    pub http_status: u16,
    /// The provider's error code: `ret_code` or `code` as text, `Code`, JD's `error.status`
    /// (`RATE_LIMIT`) falling back to `error.code`, or Tencent API 3.0's `Response.Error.Code`.
    pub code: String,
    /// A finer code, when the provider sends one (Tencent's `codeDesc`).
    pub sub_code: Option<String>,
    /// The provider's message.
    pub message: String,
    /// The request id, when the answer or its headers carry one.
    pub request_id: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} API error {}", self.provider, self.code)?;
        if let Some(sub) = &self.sub_code {
            write!(f, " ({sub})")?;
        }
        write!(f, ": {} (HTTP {}", self.message, self.http_status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, ")")
    }
}

impl Error {
    /// The provider's error code, for [`Error::Api`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Api(api) => Some(&api.code),
            _ => None,
        }
    }

    /// The request id the provider assigned, when known.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id.as_deref(),
            Error::Status { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// What this failure says about trying again.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Transport { connect: true, .. } => ErrorKind::NotSent,
            Error::Transport { connect: false, .. } | Error::Timeout { .. } => ErrorKind::Unanswered,
            Error::Status { status, .. } => status_kind(*status),
            Error::Api(api) if api.is_throttling() => ErrorKind::Throttling,
            // API 3.0 answers every error with HTTP 200; an internal error may pass on a retry.
            Error::Api(api) if api.provider == "tencent-v3" && api.code == "InternalError" => {
                ErrorKind::ServerError
            }
            Error::Api(api) => status_kind(api.http_status),
            _ => ErrorKind::Permanent,
        }
    }

    /// True when the same call may succeed if made again and the provider cannot act twice:
    /// throttling, a 5xx answer, or a connection that could not be made. What the client retries
    /// for every call; a call with an idempotency token is also retried after a timeout or a
    /// broken connection ([`ErrorKind::Unanswered`]).
    pub fn is_retryable(&self) -> bool {
        self.kind().is_retryable(false)
    }

    /// The HTTP status of the answer, when one arrived.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.http_status),
            Error::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

fn status_kind(status: u16) -> ErrorKind {
    match status {
        429 => ErrorKind::Throttling,
        500..=599 => ErrorKind::ServerError,
        _ => ErrorKind::Permanent,
    }
}

impl ApiError {
    /// The provider's "slow down" answers, which come with a 4xx or even a 200.
    pub fn is_throttling(&self) -> bool {
        let code = self.code.as_str();
        let sub = self.sub_code.as_deref().unwrap_or_default();
        match self.provider {
            // 2500: API requests over the quota in a short time; 5100: server busy.
            "qingcloud" | "qingcloud-private" => code == "2500" || code == "5100",
            "tencent" => code == "4400" || sub == "RequestLimitExceeded",
            "aliyun" => code.starts_with("Throttling") || code == "ServiceUnavailable",
            "jdcloud" => code == "RESOURCE_EXHAUSTED" || code == "RATE_LIMIT",
            "tencent-v3" => code.starts_with("RequestLimitExceeded"),
            _ => false,
        }
    }
}

/// Whether a broken transfer may have reached the server, as error messages say it.
fn delivery(connect: bool) -> &'static str {
    if connect {
        "the request never reached the server"
    } else {
        "the connection broke after the request was sent, so the server may have acted on it"
    }
}

fn request_id_suffix(request_id: &Option<String>) -> String {
    request_id.as_ref().map(|id| format!(" (request id {id})")).unwrap_or_default()
}

/// The first characters of a body, lossily decoded, for error messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    let head = &body[..body.len().min(SNIPPET_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let mut out: String = text.chars().take(SNIPPET_CHARS).collect();
    if out.len() < text.len() || head.len() < body.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_cuts_on_char_boundaries() {
        let body = "镜".repeat(500);
        let s = snippet(body.as_bytes());
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 1);
        assert!(s.ends_with('…'));
        assert_eq!(snippet(b"{}"), "{}");
    }

    fn api(provider: &'static str, status: u16, code: &str, sub: Option<&str>) -> Error {
        Error::Api(Box::new(ApiError {
            provider,
            http_status: status,
            code: code.to_owned(),
            sub_code: sub.map(str::to_owned),
            message: String::new(),
            request_id: None,
        }))
    }

    fn status(status: u16) -> Error {
        Error::Status { status, url: String::new(), snippet: String::new(), request_id: None }
    }

    fn transport(connect: bool) -> Error {
        Error::Transport { url: "http://127.0.0.1:1/".into(), message: "refused".into(), connect }
    }

    #[test]
    fn throttling_answers_of_every_provider_are_throttling() {
        assert_eq!(api("qingcloud", 200, "2500", None).kind(), ErrorKind::Throttling);
        assert_eq!(api("tencent", 200, "4400", Some("RequestLimitExceeded")).kind(), ErrorKind::Throttling);
        assert_eq!(api("aliyun", 400, "Throttling.User", None).kind(), ErrorKind::Throttling);
        assert_eq!(api("jdcloud", 429, "RESOURCE_EXHAUSTED", None).kind(), ErrorKind::Throttling);
        assert_eq!(api("tencent-v3", 200, "RequestLimitExceeded", None).kind(), ErrorKind::Throttling);
        assert_eq!(status(429).kind(), ErrorKind::Throttling);
    }

    #[test]
    fn server_errors_and_connection_failures_are_retryable_for_every_call() {
        assert_eq!(api("aliyun", 500, "InternalError", None).kind(), ErrorKind::ServerError);
        assert_eq!(api("tencent-v3", 200, "InternalError", None).kind(), ErrorKind::ServerError);
        assert_eq!(status(503).kind(), ErrorKind::ServerError);
        assert_eq!(transport(true).kind(), ErrorKind::NotSent);
        for error in [api("aliyun", 500, "InternalError", None), status(503), transport(true)] {
            assert!(error.is_retryable(), "{error:?}");
        }
    }

    #[test]
    fn a_timeout_or_a_broken_connection_may_have_reached_the_server() {
        let timeout = Error::Timeout { url: String::new(), after: Duration::from_secs(1) };
        for error in [timeout, transport(false)] {
            assert_eq!(error.kind(), ErrorKind::Unanswered, "{error:?}");
            assert!(!error.is_retryable(), "{error:?}");
        }
        assert!(transport(false).to_string().contains("the server may have acted on it"));
        assert!(transport(true).to_string().contains("the request never reached the server"));
    }

    #[test]
    fn client_errors_are_permanent() {
        for error in [
            api("aliyun", 400, "InvalidParamter", None),
            api("qingcloud", 200, "1200", None),
            api("tencent", 200, "4100", Some("AuthFailure.SignatureFailure")),
            api("jdcloud", 403, "PERMISSION_DENIED", None),
            api("tencent-v3", 200, "AuthFailure.SignatureFailure", None),
            status(404),
            Error::Config("bad".into()),
        ] {
            assert_eq!(error.kind(), ErrorKind::Permanent, "{error:?}");
        }
    }

    #[test]
    fn api_error_display_names_code_and_request_id() {
        let err = Error::Api(Box::new(ApiError {
            provider: "aliyun",
            http_status: 400,
            code: "InvalidParamter".into(),
            sub_code: None,
            message: "Invalid Parameter".into(),
            request_id: Some("66189103".into()),
        }));
        assert_eq!(
            err.to_string(),
            "aliyun API error InvalidParamter: Invalid Parameter (HTTP 400, request id 66189103)"
        );
        assert_eq!(err.code(), Some("InvalidParamter"));
        assert_eq!(err.request_id(), Some("66189103"));
        assert_eq!(err.http_status(), Some(400));
    }
}
