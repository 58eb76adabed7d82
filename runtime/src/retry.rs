//! When and how long to wait before trying a failed call again, and how much retrying one client
//! may do in all.
//!
//! Input: the kind of each failed attempt, its `Retry-After`, the attempt number and whether the
//! call carries an idempotency token. Output: the delay before the next attempt, or why there is
//! none. Throttling, 5xx answers and connections that could not be made are retried for every
//! call; timeouts and broken connections only for calls with an idempotency token. Retries back
//! off exponentially with jitter, never sooner than `Retry-After` asks, at most
//! [`RetryPolicy::max_retries`] times per call, and only while the client's [`RetryQuota`] lasts.
//! With [`crate::Config::with_adaptive_rate`], the client also sends more slowly after throttling.

mod adaptive;
mod quota;

use std::time::Duration;

pub use quota::RetryQuota;

use crate::error_kind::ErrorKind;
use adaptive::SendRate;
use quota::Bucket;

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

/// The retry strategy of one client, shared by all its calls: the policy, the retry quota and,
/// when enabled, the adaptive send rate.
#[derive(Debug)]
pub(crate) struct Strategy {
    policy: RetryPolicy,
    quota: Bucket,
    send_rate: Option<SendRate>,
}

/// Why a failed call is not tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Retrying cannot help, or could make the provider act twice.
    NotRetryable,
    /// The policy's retries are used up.
    OutOfRetries,
    /// `Retry-After` asks for a longer wait than the policy ever waits.
    WaitTooLong,
    /// The client's retry quota cannot pay for another retry.
    QuotaSpent,
}

impl Strategy {
    pub(crate) fn new(policy: RetryPolicy, quota: RetryQuota, adaptive_rate: bool) -> Self {
        Strategy { policy, quota: Bucket::new(quota), send_rate: adaptive_rate.then(SendRate::new) }
    }

    /// Waits until the adaptive send rate lets the next attempt go (at once when it is off).
    pub(crate) async fn before_attempt(&self) {
        if let Some(rate) = &self.send_rate {
            let wait = rate.reserve(rate.now());
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
        }
    }

    /// Learns from a successful call: it refills the quota and may raise the send rate.
    pub(crate) fn succeeded(&self) {
        self.quota.refill();
        if let Some(rate) = &self.send_rate {
            rate.record(rate.now(), false);
        }
    }

    /// Learns from an attempt failing with `kind` after the call made `retries` retries, and
    /// decides: the wait before the next attempt, paid for from the quota, or why there is none.
    /// `idempotent`: the call carries an idempotency token; `after`: the answer's `Retry-After`.
    pub(crate) fn failed(
        &self,
        retries: u32,
        kind: ErrorKind,
        idempotent: bool,
        after: Option<Duration>,
    ) -> Result<Duration, Stop> {
        if let Some(rate) = &self.send_rate {
            rate.record(rate.now(), kind == ErrorKind::Throttling);
        }
        if !kind.is_retryable(idempotent) {
            return Err(Stop::NotRetryable);
        }
        if retries >= self.policy.max_retries {
            return Err(Stop::OutOfRetries);
        }
        let wait = self.policy.wait(retries, after).ok_or(Stop::WaitTooLong)?;
        if !self.quota.spend(kind) {
            return Err(Stop::QuotaSpent);
        }
        Ok(wait)
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

#[cfg(test)]
mod tests {
    use super::*;

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

    fn fast() -> RetryPolicy {
        RetryPolicy::new(3, Duration::from_millis(1), Duration::from_millis(5))
    }

    #[test]
    fn a_call_without_a_token_is_not_retried_once_it_may_have_reached_the_server() {
        let strategy = Strategy::new(fast(), RetryQuota::default(), false);
        assert_eq!(strategy.failed(0, ErrorKind::Unanswered, false, None), Err(Stop::NotRetryable));
        assert!(strategy.failed(0, ErrorKind::Unanswered, true, None).is_ok());
        assert!(strategy.failed(0, ErrorKind::NotSent, false, None).is_ok());
        assert_eq!(strategy.failed(0, ErrorKind::Permanent, true, None), Err(Stop::NotRetryable));
    }

    #[test]
    fn retries_stop_after_the_policy_allows_or_when_asked_to_wait_too_long() {
        let strategy = Strategy::new(fast(), RetryQuota::default(), false);
        assert!(strategy.failed(2, ErrorKind::ServerError, false, None).is_ok());
        assert_eq!(strategy.failed(3, ErrorKind::ServerError, false, None), Err(Stop::OutOfRetries));
        let long = Some(Duration::from_secs(60));
        assert_eq!(strategy.failed(0, ErrorKind::Throttling, false, long), Err(Stop::WaitTooLong));
        assert_eq!(strategy.quota.left(), 500 - 5, "only the retry that was granted is paid for");
    }

    #[test]
    fn an_empty_quota_stops_retries_until_successes_refill_it() {
        let strategy = Strategy::new(fast(), RetryQuota::new(12).with_success_refill(4), false);
        assert!(strategy.failed(0, ErrorKind::Throttling, false, None).is_ok(), "5 of 12");
        assert!(strategy.failed(0, ErrorKind::ServerError, false, None).is_ok(), "5 of 7");
        assert_eq!(strategy.failed(0, ErrorKind::Throttling, false, None), Err(Stop::QuotaSpent));
        strategy.succeeded();
        assert!(strategy.failed(0, ErrorKind::Throttling, false, None).is_ok(), "5 of 6");
        assert_eq!(strategy.failed(0, ErrorKind::Unanswered, true, None), Err(Stop::QuotaSpent), "10 of 1");
    }
}
