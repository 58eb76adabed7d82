//! The retry quota: a bucket of tokens shared by every call of one client. A retry spends from it,
//! a successful call puts a little back, and when it is empty a failure is returned at once. A
//! healthy service keeps the bucket full; a failing one empties it, so the client stops adding
//! retries to the load of a service that is already in trouble.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::error_kind::ErrorKind;

/// The size and prices of the retry quota ([`crate::Config::with_retry_quota`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryQuota {
    capacity: u32,
    retry_cost: u32,
    timeout_retry_cost: u32,
    success_refill: u32,
}

impl Default for RetryQuota {
    /// 500 tokens; a retry after throttling or a 5xx costs 5, one after a timeout or a connection
    /// failure 10; each successful call puts 1 back. A service that fails every call stops being
    /// retried after 100 retries (50 after timeouts), and a healthy one refills the bucket.
    fn default() -> Self {
        RetryQuota { capacity: 500, retry_cost: 5, timeout_retry_cost: 10, success_refill: 1 }
    }
}

impl RetryQuota {
    /// A quota of `capacity` tokens at the default prices.
    pub fn new(capacity: u32) -> Self {
        RetryQuota { capacity, ..RetryQuota::default() }
    }

    /// Retries that cost nothing: only [`crate::RetryPolicy`] bounds them.
    pub fn unlimited() -> Self {
        RetryQuota { retry_cost: 0, timeout_retry_cost: 0, ..RetryQuota::default() }
    }

    /// What one retry costs: `retry` after throttling or a 5xx answer, `timeout_retry` after a
    /// timeout or a connection failure (which say more strongly that the service is unwell).
    pub fn with_costs(mut self, retry: u32, timeout_retry: u32) -> Self {
        self.retry_cost = retry;
        self.timeout_retry_cost = timeout_retry;
        self
    }

    /// The tokens each successful call puts back (never above the capacity).
    pub fn with_success_refill(mut self, tokens: u32) -> Self {
        self.success_refill = tokens;
        self
    }

    /// The tokens of a full bucket, which is how it starts.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// The price of a retry after a failure of `kind`.
    pub fn cost(&self, kind: ErrorKind) -> u32 {
        match kind {
            ErrorKind::NotSent | ErrorKind::Unanswered => self.timeout_retry_cost,
            _ => self.retry_cost,
        }
    }
}

/// The live bucket of one client, shared by all its calls (and its clones).
#[derive(Debug)]
pub(crate) struct Bucket {
    quota: RetryQuota,
    tokens: AtomicU32,
}

impl Bucket {
    /// A full bucket.
    pub(crate) fn new(quota: RetryQuota) -> Self {
        Bucket { quota, tokens: AtomicU32::new(quota.capacity) }
    }

    /// Takes the price of a retry after a failure of `kind`; false, taking nothing, when the
    /// bucket holds less.
    pub(crate) fn spend(&self, kind: ErrorKind) -> bool {
        let cost = self.quota.cost(kind);
        self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| left.checked_sub(cost)).is_ok()
    }

    /// Puts back what a successful call earns.
    pub(crate) fn refill(&self) {
        let (refill, capacity) = (self.quota.success_refill, self.quota.capacity);
        // The closure always returns `Some`, so the update cannot fail.
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
            Some(left.saturating_add(refill).min(capacity))
        });
    }

    /// The tokens left.
    #[cfg(test)]
    pub(crate) fn left(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_spend_until_the_bucket_is_empty() {
        let bucket = Bucket::new(RetryQuota::new(23));
        assert!(bucket.spend(ErrorKind::Unanswered), "10 of 23");
        assert!(bucket.spend(ErrorKind::Throttling), "5 of 13");
        assert!(bucket.spend(ErrorKind::ServerError), "5 of 8");
        assert_eq!(bucket.left(), 3);
        assert!(!bucket.spend(ErrorKind::Throttling), "5 of 3");
        assert!(!bucket.spend(ErrorKind::NotSent), "10 of 3");
        assert_eq!(bucket.left(), 3, "a refused retry takes nothing");
    }

    #[test]
    fn successes_refill_up_to_the_capacity() {
        let bucket = Bucket::new(RetryQuota::new(12).with_success_refill(2));
        assert!(bucket.spend(ErrorKind::NotSent));
        assert!(!bucket.spend(ErrorKind::Throttling), "2 left");
        bucket.refill();
        bucket.refill();
        assert_eq!(bucket.left(), 6);
        assert!(bucket.spend(ErrorKind::Throttling), "the refill pays for a retry again");
        for _ in 0..100 {
            bucket.refill();
        }
        assert_eq!(bucket.left(), 12);
    }

    #[test]
    fn an_unlimited_quota_never_runs_out() {
        let bucket = Bucket::new(RetryQuota::unlimited());
        for _ in 0..10_000 {
            assert!(bucket.spend(ErrorKind::Unanswered));
        }
        assert_eq!(bucket.left(), RetryQuota::default().capacity());
    }

    #[test]
    fn threads_never_spend_more_than_the_bucket_holds() {
        let bucket = Bucket::new(RetryQuota::new(1000));
        let granted: u32 = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| (0..100).filter(|_| bucket.spend(ErrorKind::Throttling)).count()))
                .collect();
            workers.into_iter().map(|w| w.join().expect("no panic") as u32).sum()
        });
        assert_eq!(granted, 200, "1000 tokens at 5 a retry");
        assert_eq!(bucket.left(), 0);
    }
}
