//! The hand-written runtime of the `yunapi` generated clients.
//!
//! Generated code describes each API (its parameters, validation and answer types) and calls into
//! this crate for everything that is the same across APIs: credentials, signing, endpoints, the
//! transport, retries, pagination and errors. Nothing here is generated, and nothing here knows a
//! particular API.
//!
//! The flow of one call: [`Operation::validate`] → [`Operation::write_params`] into [`Params`]
//! (typed values with their places) → encoded the provider's and scheme's way (query pairs, a JSON
//! body) → [`Client::prepare`] signs an [`http::Request`] with no I/O → [`Client::send`] sends it
//! through a [`Transport`] with retries → the answer is checked for the provider's error envelope
//! and deserialized into [`Operation::Output`].
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
pub mod operation;
pub mod paginate;
pub mod params;
mod payload;
pub mod provider;
pub mod registry;
pub mod retry;
pub mod rules;
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
pub use operation::{DynOperation, Operation};
pub use paginate::{Paginated, PaginationStyle};
pub use params::{
    At, Comma, ExtraParams, FromWire, JsonArray, ListEncoding, Object, Params, ToValue, Value, WireEnum,
};
pub use provider::{
    ErrorEnvelope, HmacAlgorithm, JdCloudVersion, Provider, SigningScheme, TencentV3Signature,
};
pub use registry::Api;
pub use retry::{RetryPolicy, RetryQuota};
pub use rules::{Check, Ref, Rule};
pub use signing::SigningInput;
pub use transport::{BoxFuture, ReqwestTransport, Transport};
pub use validate::{ValidationErrors, Validator, Violation};

// Crates whose types appear in this crate's public API, so that users can name those types
// without depending on the crates themselves.
pub use http;
pub use serde_json;
pub use time;
