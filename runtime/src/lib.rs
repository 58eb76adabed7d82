//! The hand-written runtime of the `yunapi` generated clients.
//!
//! Generated code describes each API (its parameters, validation and answer types) and calls into
//! this crate for everything that is the same across APIs: credentials, signing, endpoints, the
//! transport, retries, pagination and errors. Nothing here is generated, and nothing here knows a
//! particular API.
//!
//! The flow of one call: [`Operation::validate`] → [`Operation::write_params`] into [`Params`] →
//! [`Client::prepare`] signs an [`http::Request`] with no I/O → [`Client::send`] sends it through a
//! [`Transport`] with retries → the answer is checked for the provider's error envelope and
//! deserialized into [`Operation::Output`].
//!
//! ```no_run
//! # async fn run(provider: &'static yunapi_runtime::Provider) -> Result<(), yunapi_runtime::Error> {
//! use std::time::Duration;
//! use yunapi_runtime::{Client, Config, RetryPolicy};
//!
//! let config = Config::default()
//!     .with_region("pek3a")
//!     .with_timeout(Duration::from_secs(10))
//!     .with_retry(RetryPolicy::new(2, Duration::from_millis(200), Duration::from_secs(2)));
//! // Credentials from QY_ACCESS_KEY_ID / QY_SECRET_ACCESS_KEY (or the provider's own variables).
//! let client = Client::from_env(provider, config)?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod config;
pub mod credentials;
pub mod de;
pub mod endpoint;
mod envelope;
pub mod error;
pub mod error_kind;
pub mod paginate;
pub mod params;
pub mod provider;
pub mod retry;
pub mod signing;
#[cfg(test)]
mod testing;
pub mod transport;
pub mod validate;

pub use client::Client;
pub use config::Config;
pub use credentials::Credentials;
pub use endpoint::{Endpoint, Scheme};
pub use error::{ApiError, Error};
pub use error_kind::ErrorKind;
pub use paginate::{Paginated, PaginationStyle};
pub use params::{FromWire, Params, ToWire, WireEnum, WireObject};
pub use provider::{ErrorEnvelope, HmacAlgorithm, JdCloudVersion, Provider, SigningScheme};
pub use retry::{RetryPolicy, RetryQuota};
pub use signing::SigningInput;
pub use transport::{BoxFuture, ReqwestTransport, Transport};
pub use validate::{ValidationErrors, Validator, Violation};

/// One API call: implemented by every generated request type.
pub trait Operation {
    /// The action name as the provider spells it (`DescribeImages`, `describeImages`).
    const ACTION: &'static str;
    /// HTTP method, upper case.
    const METHOD: &'static str;
    /// Path or path template (`/iaas/`, `/v1/regions/{regionId}/images`).
    const PATH: &'static str;
    /// The endpoint the API's page names (`https://image.api.qcloud.com/v2/index.php`), overriding
    /// the provider's default; `None` to use the provider's.
    const ENDPOINT: Option<&'static str>;
    /// The parameter the page documents as an idempotency token (`ClientToken`): the client fills
    /// it with a fresh UUID when the request leaves it unset and sends the same value on every
    /// retry of one call, so the provider acts at most once and a timeout can be retried.
    const IDEMPOTENCY_TOKEN: Option<&'static str> = None;
    /// The decoded answer of a successful call (plain data: printable, and movable between
    /// threads so that calls can be spawned).
    type Output: serde::de::DeserializeOwned + std::fmt::Debug + Send;

    /// Every violation of the page's constraints, all at once.
    fn validate(&self) -> Result<(), ValidationErrors>;

    /// Writes the API's own parameters (not the common or signature ones) in page order.
    fn write_params(&self, params: &mut Params);
}
