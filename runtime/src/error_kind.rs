//! What a failed attempt says about trying again: the one fact that errors produce and the retry
//! strategy reads.
//!
//! It sits below both [`crate::error`] (which classifies each error) and [`crate::retry`] (which
//! decides, charges the retry quota and slows down by it), so neither of them imports the other.

/// The kind of a failure, as far as retrying it goes. [`crate::Error::kind`] gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The provider asked the client to slow down: HTTP 429 or one of its throttling codes.
    Throttling,
    /// The server failed: HTTP 5xx.
    ServerError,
    /// The request never reached the server: no connection could be made (refused, DNS, TLS
    /// handshake, connect timeout).
    NotSent,
    /// The request was sent, but no complete answer came back: a timeout, or the connection broke.
    /// The server may have acted on it.
    Unanswered,
    /// Retrying cannot help: the request, the set-up or the answer is wrong.
    Permanent,
}

impl ErrorKind {
    /// True when making the call again may succeed without the provider acting twice.
    /// `idempotent`: the call carries an idempotency token, the same on every attempt, so the
    /// provider performs it at most once even when an earlier attempt reached it.
    pub fn is_retryable(self, idempotent: bool) -> bool {
        match self {
            ErrorKind::Throttling | ErrorKind::ServerError | ErrorKind::NotSent => true,
            ErrorKind::Unanswered => idempotent,
            ErrorKind::Permanent => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    #[test]
    fn only_a_call_with_a_token_is_retried_after_it_may_have_reached_the_server() {
        for kind in [ErrorKind::Throttling, ErrorKind::ServerError, ErrorKind::NotSent] {
            assert!(kind.is_retryable(false) && kind.is_retryable(true), "{kind:?}");
        }
        assert!(!ErrorKind::Unanswered.is_retryable(false));
        assert!(ErrorKind::Unanswered.is_retryable(true));
        assert!(!ErrorKind::Permanent.is_retryable(false) && !ErrorKind::Permanent.is_retryable(true));
    }
}
