//! How a [`crate::Client`] reaches its provider: region, endpoint, timeouts, retries, limits.
//!
//! Input: the user's choices through the `with_*` builder methods. Output: a [`Config`] the client
//! reads when it prepares and sends requests. Every value has a safe default; nothing is checked
//! until [`crate::Client::new`], which reports a bad endpoint URL as [`crate::Error::Config`].

use std::time::Duration;

use crate::provider::SigningScheme;
use crate::retry::{RetryPolicy, RetryQuota};

/// Default limit for a whole call (connecting, sending, reading the answer).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default limit for opening a connection.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default largest answer body accepted: generous for list calls, bounded against hostile servers.
const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;
/// Default bound on the pages one pagination may fetch.
const DEFAULT_MAX_PAGES: u64 = 1000;
/// Default time an idle pooled connection is kept: well below the 60 s after which common load
/// balancers drop idle connections (nginx: 75 s), so a call seldom picks one the server is closing.
const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Client settings, built with `Config::default().with_region("pek3a")...`.
#[derive(Debug, Clone)]
pub struct Config {
    region: Option<String>,
    endpoint: Option<String>,
    domain: Option<String>,
    service: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    retry_quota: RetryQuota,
    adaptive_rate: bool,
    pool_idle_timeout: Duration,
    max_idle_connections: Option<usize>,
    max_response_bytes: u64,
    max_pages: u64,
    signing: Option<SigningScheme>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            region: None,
            endpoint: None,
            domain: None,
            service: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            retry_quota: RetryQuota::default(),
            adaptive_rate: false,
            pool_idle_timeout: DEFAULT_POOL_IDLE_TIMEOUT,
            max_idle_connections: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_pages: DEFAULT_MAX_PAGES,
            signing: None,
        }
    }
}

impl Config {
    /// The region (QingCloud's zone, Tencent's `Region`, Alibaba's `RegionId`, JD's `regionId`):
    /// sent with every request that does not set it itself, and used in region-derived endpoints.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to `url` (`https://host[:port][/path]`, or `http://` for a local or
    /// private server) instead of the provider's endpoint. Only this setting can select plain HTTP.
    pub fn with_endpoint(mut self, url: &str) -> Self {
        self.endpoint = Some(url.to_owned());
        self
    }

    /// The private cloud's own domain: `https://api.{domain}/iaas/`.
    pub fn with_domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// The module name that fills `{service}` in an endpoint template (Tencent's `image`, `cvm`) for
    /// APIs whose page does not name their own.
    pub fn with_service(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// Limit for one attempt of a call, from connecting to the last byte of the answer.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limit for opening a connection.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How failed calls are retried.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How much retrying all the calls of one client may do together (500 tokens, 5 per retry,
    /// 10 per retry after a timeout or connection failure, 1 back per success, by default).
    pub fn with_retry_quota(mut self, quota: RetryQuota) -> Self {
        self.retry_quota = quota;
        self
    }

    /// Lowers the client's send rate after throttling answers and raises it again after
    /// successes (off by default: until a throttling answer it changes nothing either way).
    pub fn with_adaptive_rate(mut self, enabled: bool) -> Self {
        self.adaptive_rate = enabled;
        self
    }

    /// How long an idle pooled connection is kept for the next call (30 s by default).
    pub fn with_pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// The most idle connections kept per host (by default, every connection that calls at once
    /// opened stays until the idle timeout).
    pub fn with_max_idle_connections(mut self, max: usize) -> Self {
        self.max_idle_connections = Some(max);
        self
    }

    /// The largest answer body accepted; a larger one is refused while it streams in.
    pub fn with_max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The most pages one [`crate::Client::paginate`] fetches before it stops with an error.
    pub fn with_max_pages(mut self, max_pages: u64) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// Signs with `scheme` instead of the provider's default (for example QingCloud's HmacSHA1, JD
    /// Cloud's older `JDCLOUD2-HMAC-SHA256`, or Tencent API 3.0's v1 query signature instead of
    /// TC3). It must be a scheme of the same provider.
    pub fn with_signing(mut self, scheme: SigningScheme) -> Self {
        self.signing = Some(scheme);
        self
    }

    /// The configured region.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint override.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// The private cloud's domain.
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }

    /// The module name for `{service}`.
    pub fn service(&self) -> Option<&str> {
        self.service.as_deref()
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The retry policy.
    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The retry quota.
    pub fn retry_quota(&self) -> &RetryQuota {
        &self.retry_quota
    }

    /// Whether the adaptive send rate is on.
    pub fn adaptive_rate(&self) -> bool {
        self.adaptive_rate
    }

    /// The idle timeout of pooled connections.
    pub fn pool_idle_timeout(&self) -> Duration {
        self.pool_idle_timeout
    }

    /// The bound on idle connections per host, if set.
    pub fn max_idle_connections(&self) -> Option<usize> {
        self.max_idle_connections
    }

    /// The answer size limit in bytes.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// The pagination bound.
    pub fn max_pages(&self) -> u64 {
        self.max_pages
    }

    /// The signing scheme override.
    pub fn signing(&self) -> Option<SigningScheme> {
        self.signing
    }
}
