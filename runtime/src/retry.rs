//! When and how long to wait before trying a failed call again.
//!
//! Input: the error of one attempt, its `Retry-After` and the attempt number. Output: whether to
//! retry and the delay. Throttling answers, 5xx answers and connection failures are retried with
//! exponential backoff and jitter, a bounded number of times, never sooner than `Retry-After` asks;
//! a 4xx that a retry cannot fix never is.

use std::time::Duration;

use crate::error::{ApiError, Error};

/// Retry settings: how many retries and the backoff between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Three retries, starting at 200 ms, never waiting more than 5 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Up to `max_retries` retries; the wait before retry `n` (0-based) is drawn from
    /// `[d/2, d]` where `d = min(max_delay, base_delay * 2^n)`.
    pub fn new(max_retries: u32, base_delay: Duration, max_delay: Duration) -> Self {
        RetryPolicy { max_retries, base_delay, max_delay }
    }

    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// The number of retries after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before retry `retry` (0-based) when the failed answer said `Retry-After: after`:
    /// never sooner than the server asks, and `None` (do not retry) when it asks for longer than
    /// the policy ever waits.
    pub fn wait(&self, retry: u32, after: Option<Duration>) -> Option<Duration> {
        let backoff = self.delay(retry);
        match after {
            Some(after) if after > self.max_delay => None,
            Some(after) => Some(backoff.max(after)),
            None => Some(backoff),
        }
    }

    /// The wait before retry `retry` (0-based): exponential, capped, with "equal jitter" so that
    /// clients throttled together spread out yet always back off.
    pub fn delay(&self, retry: u32) -> Duration {
        let exponential = self.base_delay.saturating_mul(2u32.saturating_pow(retry.min(30)));
        let capped = exponential.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(rand::random::<f64>())
    }
}

/// The `Retry-After` header of an answer: seconds, or an HTTP date (the wait until then, zero when
/// it has passed). `None` when absent or unreadable.
pub(crate) fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

/// True when `error` may go away if the same call is made again.
pub(crate) fn is_retryable(error: &Error) -> bool {
    match error {
        // The answer never arrived or broke off: connection refused, reset, DNS.
        Error::Transport { .. } => true,
        Error::Status { status, .. } => retryable_status(*status),
        Error::Api(api) => retryable_status(api.http_status) || is_throttling(api),
        _ => false,
    }
}

fn retryable_status(status: u16) -> bool {
    status == 429 || (500..600).contains(&status)
}

/// The providers' "slow down" answers, which come with a 4xx or even a 200.
fn is_throttling(api: &ApiError) -> bool {
    let code = api.code.as_str();
    let sub = api.sub_code.as_deref().unwrap_or_default();
    match api.provider {
        // 2500: API requests over the quota in a short time; 5100: server busy.
        "qingcloud" | "qingcloud-private" => code == "2500" || code == "5100",
        "tencent" => code == "4400" || sub == "RequestLimitExceeded",
        "aliyun" => code.starts_with("Throttling") || code == "ServiceUnavailable",
        "jdcloud" => code == "RESOURCE_EXHAUSTED" || code == "RATE_LIMIT",
        // API 3.0 answers both with HTTP 200; an internal error may pass on a retry.
        "tencent-v3" => code.starts_with("RequestLimitExceeded") || code == "InternalError",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn retry_after_sets_the_least_wait_and_a_long_one_stops_the_retries() {
        let policy = RetryPolicy::new(3, Duration::from_millis(10), Duration::from_secs(5));
        let asked = Duration::from_secs(2);
        assert_eq!(policy.wait(0, Some(asked)), Some(asked), "the backoff alone is at most 10 ms");
        assert_eq!(policy.wait(0, Some(Duration::from_secs(6))), None, "longer than the policy waits");
        let plain = policy.wait(1, None).expect("a backoff");
        assert!(plain >= Duration::from_millis(10) && plain <= Duration::from_millis(20), "{plain:?}");
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let headers = |value: &str| {
            let mut map = http::HeaderMap::new();
            map.insert(http::header::RETRY_AFTER, value.parse().expect("a header value"));
            map
        };
        assert_eq!(retry_after(&headers("120")), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(&headers(" 0 ")), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")), Some(Duration::ZERO), "past");
        let later = std::time::SystemTime::now() + Duration::from_secs(3600);
        let wait = retry_after(&headers(&httpdate::fmt_http_date(later))).expect("a date");
        assert!(wait > Duration::from_secs(3500) && wait <= Duration::from_secs(3600), "{wait:?}");
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&http::HeaderMap::new()), None);
    }

    #[test]
    fn delays_grow_and_stay_bounded() {
        let policy = RetryPolicy::new(10, Duration::from_millis(100), Duration::from_secs(1));
        for retry in 0..40 {
            let d = policy.delay(retry);
            let full = Duration::from_millis(100)
                .saturating_mul(2u32.saturating_pow(retry.min(30)))
                .min(Duration::from_secs(1));
            assert!(d >= full / 2 && d <= full, "retry {retry}: {d:?} outside [{:?}, {full:?}]", full / 2);
        }
        assert_eq!(RetryPolicy::none().max_retries(), 0);
    }

    #[test]
    fn throttling_5xx_and_connection_errors_are_retried() {
        assert!(is_retryable(&api("qingcloud", 200, "2500", None)));
        assert!(is_retryable(&api("tencent", 200, "4400", Some("RequestLimitExceeded"))));
        assert!(is_retryable(&api("aliyun", 400, "Throttling.User", None)));
        assert!(is_retryable(&api("jdcloud", 429, "RESOURCE_EXHAUSTED", None)));
        assert!(is_retryable(&api("aliyun", 500, "InternalError", None)));
        assert!(is_retryable(&api("tencent-v3", 200, "RequestLimitExceeded", None)));
        assert!(is_retryable(&api("tencent-v3", 200, "InternalError", None)));
        let status =
            Error::Status { status: 503, url: String::new(), snippet: String::new(), request_id: None };
        assert!(is_retryable(&status));
        let transport = Error::Transport { url: String::new(), message: "refused".into(), connect: true };
        assert!(is_retryable(&transport));
    }

    #[test]
    fn client_errors_are_not_retried() {
        assert!(!is_retryable(&api("aliyun", 400, "InvalidParamter", None)));
        assert!(!is_retryable(&api("qingcloud", 200, "1200", None)));
        assert!(!is_retryable(&api("tencent", 200, "4100", Some("AuthFailure.SignatureFailure"))));
        assert!(!is_retryable(&api("jdcloud", 403, "PERMISSION_DENIED", None)));
        assert!(!is_retryable(&api("tencent-v3", 200, "AuthFailure.SignatureFailure", None)));
        let status =
            Error::Status { status: 404, url: String::new(), snippet: String::new(), request_id: None };
        assert!(!is_retryable(&status));
        assert!(!is_retryable(&Error::Timeout { url: String::new(), after: Duration::from_secs(1) }));
    }
}
