//! What the client needs to know of one API call: [`Operation`], implemented by every generated
//! request type, and its object-safe face [`DynOperation`], through which the client prepares and
//! sends requests without a copy of its code per API.

use std::fmt::Debug;

use crate::error::Error;
use crate::params::Params;
use crate::provider::Provider;
use crate::rules::Rule;
use crate::validate::ValidationErrors;

/// One API call: implemented by every generated request type. Requests are plain data, shared
/// with the future that sends them: hence `Sync`.
pub trait Operation: Sync {
    /// The action name as the provider spells it (`DescribeImages`, `describeImages`).
    const ACTION: &'static str;
    /// HTTP method, upper case.
    const METHOD: &'static str;
    /// Path or path template (`/iaas/`, `/v1/regions/{regionId}/images`).
    const PATH: &'static str;
    /// The endpoint the API's page names (`https://image.api.qcloud.com/v2/index.php`), overriding
    /// the provider's default; `None` to use the provider's.
    const ENDPOINT: Option<&'static str>;
    /// The API version the page names (Tencent API 3.0's `Version` row), overriding the provider's.
    const VERSION: Option<&'static str> = None;
    /// The service (module) the API belongs to (`cvm`), which fills `{service}` in the provider's
    /// endpoint template.
    const SERVICE: Option<&'static str> = None;
    /// The parameter the page documents as an idempotency token (`ClientToken`): the client fills
    /// it with a fresh UUID when the request leaves it unset and sends the same value on every
    /// retry of one call, so the provider acts at most once and a timeout can be retried.
    const IDEMPOTENCY_TOKEN: Option<&'static str> = None;
    /// The decoded answer of a successful call (plain data: printable, and movable between
    /// threads so that calls can be spawned).
    type Output: serde::de::DeserializeOwned + Debug + Send + 'static;
    /// The constraints the page states, as data ([`crate::rules::check_operation`] checks them).
    const RULES: &'static [Rule] = &[];

    /// Every violation of the page's constraints, all at once.
    fn validate(&self) -> Result<(), ValidationErrors>;

    /// True for a request built without the page's checks (a builder's `build_unchecked`): the
    /// client sends it without calling [`Operation::validate`].
    fn unchecked(&self) -> bool {
        false
    }

    /// Writes the API's own parameters (not the common or signature ones) in page order.
    fn write_params(&self, params: &mut Params);
}

/// An [`Operation`] behind a pointer: what [`crate::Client`] needs of a request, whatever its type.
/// Every `Operation` is one.
pub trait DynOperation: Sync {
    /// [`Operation::ACTION`].
    fn action(&self) -> &'static str;
    /// [`Operation::METHOD`].
    fn method(&self) -> &'static str;
    /// [`Operation::PATH`].
    fn path(&self) -> &'static str;
    /// [`Operation::ENDPOINT`].
    fn endpoint(&self) -> Option<&'static str>;
    /// [`Operation::VERSION`].
    fn version(&self) -> Option<&'static str>;
    /// [`Operation::SERVICE`].
    fn service(&self) -> Option<&'static str>;
    /// [`Operation::IDEMPOTENCY_TOKEN`].
    fn idempotency_token(&self) -> Option<&'static str>;
    /// [`Operation::validate`].
    fn validate(&self) -> Result<(), ValidationErrors>;
    /// [`Operation::unchecked`].
    fn unchecked(&self) -> bool;
    /// [`Operation::write_params`].
    fn write_params(&self, params: &mut Params);
    /// Decodes a successful answer body of `provider` as [`Operation::Output`], boxed.
    fn decode(&self, provider: &Provider, body: &[u8]) -> Result<Box<dyn Debug + Send>, Error>;
}

impl<O: Operation> DynOperation for O {
    fn action(&self) -> &'static str {
        O::ACTION
    }
    fn method(&self) -> &'static str {
        O::METHOD
    }
    fn path(&self) -> &'static str {
        O::PATH
    }
    fn endpoint(&self) -> Option<&'static str> {
        O::ENDPOINT
    }
    fn version(&self) -> Option<&'static str> {
        O::VERSION
    }
    fn service(&self) -> Option<&'static str> {
        O::SERVICE
    }
    fn idempotency_token(&self) -> Option<&'static str> {
        O::IDEMPOTENCY_TOKEN
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Operation::validate(self)
    }
    fn unchecked(&self) -> bool {
        Operation::unchecked(self)
    }
    fn write_params(&self, params: &mut Params) {
        Operation::write_params(self, params)
    }
    fn decode(&self, provider: &Provider, body: &[u8]) -> Result<Box<dyn Debug + Send>, Error> {
        let output: O::Output = crate::envelope::decode(provider, O::ACTION, body)?;
        Ok(Box::new(output))
    }
}
