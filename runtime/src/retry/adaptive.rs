//! The adaptive send rate ([`crate::Config::with_adaptive_rate`]): after a throttling answer the
//! client sends more slowly than it did, and after successes it speeds up again.
//!
//! Until the first throttling answer nothing is limited. From then on every attempt takes a token
//! from a bucket that fills at the allowed rate; an attempt that finds none waits its turn. The
//! rate follows CUBIC, as TCP does with its window: a throttling answer cuts it to [`BETA`] of the
//! rate the client was sending at, and successes grow it back along a cubic curve that is flat
//! near that old rate (where throttling began) and steep far from it. It never exceeds twice the
//! rate the client actually sends at, and never falls below [`MIN_RATE`].
//!
//! The rate the client sends at is measured in half-second windows, smoothed; a throttling answer
//! in a window that has seen more than that (a burst at start-up) is measured by the window.
//!
//! Times are seconds since the limiter was made, passed in, so the arithmetic is testable; the
//! clock is tokio's, so tests with paused time see the waits exactly.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// The share of the sending rate kept after a throttling answer.
const BETA: f64 = 0.7;
/// How fast the rate grows back after throttling (CUBIC's `C`, in attempts per second³).
const SCALE: f64 = 0.4;
/// The weight of the newest window in the measured sending rate.
const SMOOTHING: f64 = 0.8;
/// The length of one window of the measured sending rate, in seconds.
const WINDOW: f64 = 0.5;
/// The lowest allowed rate, in attempts per second.
const MIN_RATE: f64 = 0.5;

/// The send rate of one client, shared by all its calls.
#[derive(Debug)]
pub(crate) struct SendRate {
    started: Instant,
    state: Mutex<State>,
}

impl SendRate {
    pub(crate) fn new() -> Self {
        SendRate { started: Instant::now(), state: Mutex::new(State::default()) }
    }

    /// Seconds since the limiter was made.
    pub(crate) fn now(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Reserves one attempt at `now`: how long to wait before sending it.
    pub(crate) fn reserve(&self, now: f64) -> Duration {
        self.lock().reserve(now)
    }

    /// Learns from the answer to one attempt at `now`.
    pub(crate) fn record(&self, now: f64, throttled: bool) {
        self.lock().record(now, throttled);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is plain numbers, valid after any panic: a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[derive(Debug, Default)]
struct State {
    /// False until the first throttling answer: no limit at all.
    limiting: bool,
    /// The allowed attempts per second.
    rate: f64,
    /// The most tokens the bucket holds (a burst of about one second).
    capacity: f64,
    /// Tokens available; negative when attempts are queued for later.
    tokens: f64,
    refilled_at: f64,
    /// The smoothed attempts per second the client sends.
    measured: f64,
    window_start: f64,
    window_count: u32,
    /// The rate at the last throttling answer, where the cubic curve flattens.
    rate_at_throttle: f64,
    throttled_at: f64,
}

impl State {
    fn reserve(&mut self, now: f64) -> Duration {
        if !self.limiting {
            return Duration::ZERO;
        }
        self.refill(now);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 { Duration::ZERO } else { Duration::from_secs_f64(-self.tokens / self.rate) }
    }

    fn record(&mut self, now: f64, throttled: bool) {
        self.measure(now);
        let sending = self.sending_rate();
        let target = if throttled {
            self.rate_at_throttle = if self.limiting { sending.min(self.rate) } else { sending };
            self.throttled_at = now;
            self.limiting = true;
            self.rate_at_throttle * BETA
        } else if self.limiting {
            self.cubic(now)
        } else {
            return;
        };
        let target = target.min(2.0 * sending);
        self.refill(now);
        self.rate = target.max(MIN_RATE);
        self.capacity = target.max(1.0);
        self.tokens = self.tokens.min(self.capacity);
    }

    /// The rate the cubic curve allows at `now`: `rate_at_throttle` after `k` seconds.
    fn cubic(&self, now: f64) -> f64 {
        let k = (self.rate_at_throttle * (1.0 - BETA) / SCALE).cbrt();
        SCALE * (now - self.throttled_at - k).powi(3) + self.rate_at_throttle
    }

    /// Counts one attempt; at the end of each window, folds its rate into the measured rate.
    fn measure(&mut self, now: f64) {
        self.window_count += 1;
        let window = (now / WINDOW).floor() * WINDOW;
        if window > self.window_start {
            let current = f64::from(self.window_count) / (window - self.window_start);
            self.measured = current * SMOOTHING + self.measured * (1.0 - SMOOTHING);
            self.window_count = 0;
            self.window_start = window;
        }
    }

    /// The attempts per second the client sends: the smoothed rate, or what the current window
    /// has already seen when that is more.
    fn sending_rate(&self) -> f64 {
        self.measured.max(f64::from(self.window_count) / WINDOW)
    }

    fn refill(&mut self, now: f64) {
        // Callers read the clock before they take the lock, so `now` may lag a little.
        let elapsed = (now - self.refilled_at).max(0.0);
        self.tokens = (self.tokens + elapsed * self.rate).min(self.capacity);
        self.refilled_at = self.refilled_at.max(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A state that has sent 10 attempts a second, all answered, for 4 seconds.
    fn sending_ten_a_second() -> State {
        let mut state = State::default();
        for i in 0..40 {
            state.record(f64::from(i) / 10.0, false);
        }
        state
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.05
    }

    #[test]
    fn nothing_is_limited_before_the_first_throttling_answer() {
        let mut state = sending_ten_a_second();
        assert!(close(state.measured, 10.0), "{}", state.measured);
        for _ in 0..1000 {
            assert_eq!(state.reserve(4.0), Duration::ZERO);
        }
    }

    #[test]
    fn a_throttling_answer_cuts_the_rate_and_attempts_queue_behind_it() {
        let mut state = sending_ten_a_second();
        state.record(4.0, true);
        assert!(close(state.rate, 7.0), "70% of 10 a second, got {}", state.rate);
        // The bucket starts empty: attempts at the same instant wait 1/7 s more each.
        for n in 1..=5 {
            let wait = state.reserve(4.0).as_secs_f64();
            assert!(close(wait, f64::from(n) / state.rate), "attempt {n} waits {wait}");
        }
        // A second throttling answer cuts again, from the lower of the allowed and measured rates.
        state.record(4.0, true);
        assert!(close(state.rate, 4.9), "70% of 7, got {}", state.rate);
    }

    #[test]
    fn successes_grow_the_rate_back_past_where_throttling_began() {
        let mut state = sending_ten_a_second();
        state.record(4.0, true);
        let k = (state.rate_at_throttle * (1.0 - BETA) / SCALE).cbrt();
        let mut previous = state.rate;
        // Keep sending 10 a second so the measured rate allows growth up to 20.
        for i in 1..=40 {
            let now = 4.0 + f64::from(i) / 10.0;
            state.record(now, false);
            assert!(state.rate >= previous - 1e-9, "the rate never falls after a success");
            previous = state.rate;
            if close(now, 4.0 + k) {
                assert!(close(state.rate, state.rate_at_throttle), "flat at the old rate: {}", state.rate);
            }
        }
        let expected = SCALE * (4.0 - k).powi(3) + state.rate_at_throttle;
        assert!(close(state.rate, expected.min(2.0 * state.measured)), "{} vs {expected}", state.rate);
        assert!(state.rate > state.rate_at_throttle);
    }

    #[test]
    fn the_rate_never_exceeds_twice_the_measured_rate() {
        let mut state = sending_ten_a_second();
        state.record(4.0, true);
        // One success a minute later: the cubic curve is far up, but the client sent almost
        // nothing in that minute, so the measured rate holds the allowed rate down.
        state.record(64.0, false);
        assert!(state.cubic(64.0) > 1000.0);
        assert!(state.measured < 2.5, "{}", state.measured);
        assert!(close(state.rate, 2.0 * state.measured), "{}", state.rate);
    }

    #[test]
    fn the_rate_never_falls_below_the_minimum() {
        let mut state = State::default();
        // One attempt in 100 seconds, then a throttling answer.
        state.record(100.0, true);
        assert_eq!(state.rate, MIN_RATE);
        assert!(close(state.reserve(100.0).as_secs_f64(), 1.0 / MIN_RATE));
    }

    #[test]
    fn a_burst_throttled_before_the_first_window_ends_is_measured_by_that_window() {
        let mut state = State::default();
        for i in 0..20 {
            state.record(f64::from(i) / 100.0, false);
        }
        state.record(0.2, true);
        assert!(
            close(state.rate, 0.7 * 21.0 / WINDOW),
            "21 attempts in the first half-second: {}",
            state.rate
        );
    }

    #[test]
    fn waiting_refills_the_bucket() {
        let mut state = sending_ten_a_second();
        state.record(4.0, true);
        let wait = state.reserve(4.0);
        assert!(wait > Duration::ZERO);
        // After the wait, plus one more token's time, the next attempt goes at once.
        let later = 4.0 + wait.as_secs_f64() + 1.0 / state.rate;
        assert_eq!(state.reserve(later), Duration::ZERO);
    }
}
