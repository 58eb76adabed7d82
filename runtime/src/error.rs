//! The error of one call: what went wrong between a request value and its decoded answer.
//!
//! Input: failures from validation, configuration, the transport and the provider's answer.
//! Output: [`Error`], whose messages say what failed, where, and what to do. No variant ever holds
//! a secret; URLs in errors carry the scheme, host and path only, never the signed query.

use std::fmt;
use std::time::Duration;

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
    #[error("transport error talking to {url}: {message}")]
    Transport {
        /// Scheme, host and path of the request (no query).
        url: String,
        /// What the transport reported.
        message: String,
        /// True when no connection could be made, so the request never reached the server.
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

    /// True when the same call may succeed later: throttling, a 5xx answer or a connection
    /// failure (what the client retries).
    pub fn is_retryable(&self) -> bool {
        crate::retry::is_retryable(self)
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
