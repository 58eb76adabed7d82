//! Moving a signed request to the server and its answer back.
//!
//! Input: a signed `http::Request<Vec<u8>>`. Output: the `http::Response<Vec<u8>>` with the whole
//! body, or an [`Error`]. [`Transport`] is the seam for other HTTP stacks and for tests; the default
//! [`ReqwestTransport`] uses reqwest with rustls, connect and request timeouts, a pool of
//! keep-alive connections shared by every call of a client, no redirects (a signature is valid for
//! one host only), and refuses an answer over the size limit while it streams in, so an over-limit
//! body is never held whole. Its errors say whether the request can have reached the server.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::config::Config;
use crate::error::Error;

/// A future the transport returns, boxed so that [`Transport`] can be used as a trait object.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one request and reads its whole answer.
pub trait Transport: Send + Sync {
    /// Sends `request` once (the client retries, not the transport).
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, Error>>;
}

/// The default transport: reqwest with rustls.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_bytes: u64,
    timeout: Duration,
}

impl ReqwestTransport {
    /// A transport with `config`'s timeouts, connection pool and answer size limit.
    pub fn new(config: &Config) -> Result<Self, Error> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout())
            .timeout(config.timeout())
            .pool_idle_timeout(config.pool_idle_timeout())
            .redirect(reqwest::redirect::Policy::none());
        if let Some(max) = config.max_idle_connections() {
            builder = builder.pool_max_idle_per_host(max);
        }
        let client = builder
            .build()
            .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {}", error_chain(&e))))?;
        Ok(ReqwestTransport {
            client,
            max_response_bytes: config.max_response_bytes(),
            timeout: config.timeout(),
        })
    }

    async fn send_once(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        let url = url_without_query(request.uri());
        let request = reqwest::Request::try_from(request)
            .map_err(|e| Error::Config(format!("cannot send the request to {url}: {}", error_chain(&e))))?;
        let mut response = self.client.execute(request).await.map_err(|e| self.map_error(&url, &e))?;
        let limit = self.max_response_bytes;
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(Error::TooLarge { url, limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.map_error(&url, &e))? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(Error::TooLarge { url, limit });
            }
            body.extend_from_slice(&chunk);
        }
        let mut answer = http::Response::builder().status(response.status()).version(response.version());
        if let Some(headers) = answer.headers_mut() {
            *headers = std::mem::take(response.headers_mut());
        }
        answer.body(body).map_err(|e| Error::Transport { url, message: e.to_string(), connect: false })
    }

    /// A connect failure, a connect timeout included, says the request never reached the server;
    /// every other failure may have come after it was sent.
    fn map_error(&self, url: &str, error: &reqwest::Error) -> Error {
        if error.is_timeout() && !error.is_connect() {
            Error::Timeout { url: url.to_owned(), after: self.timeout }
        } else {
            Error::Transport { url: url.to_owned(), message: error_chain(error), connect: error.is_connect() }
        }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, Error>> {
        Box::pin(self.send_once(request))
    }
}

/// Scheme, host and path of `uri`: what errors and logs may show (the query carries signatures).
pub(crate) fn url_without_query(uri: &http::Uri) -> String {
    format!(
        "{}://{}{}",
        uri.scheme_str().unwrap_or("https"),
        uri.authority().map(|a| a.as_str()).unwrap_or_default(),
        uri.path()
    )
}

/// An error and its causes on one line. reqwest's own message hides the cause ("error sending
/// request"); the cause says what to fix ("connection refused").
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_in_errors_drop_the_query() {
        let uri: http::Uri =
            "https://api.qingcloud.com/iaas/?access_key_id=AK&signature=abc".parse().unwrap();
        assert_eq!(url_without_query(&uri), "https://api.qingcloud.com/iaas/");
    }
}
