//! Calls by name: each generated provider module lists its APIs as [`Api`]s, so that a command
//! line or a test can build any request from wire-name parameters (`--api describeImages
//! --param pageSize=10`) and send it without naming its type.

use std::fmt;

use crate::operation::{DynOperation, Operation};
use crate::validate::ValidationErrors;

/// A request of any API, ready for [`crate::Client::send_dyn`].
pub type BoxedOperation = Box<dyn DynOperation + Send>;

/// Builds a request from wire-name parameters.
pub type FromWireFn = fn(&[(String, String)]) -> Result<BoxedOperation, ValidationErrors>;

/// One API of a provider, callable by name.
#[derive(Clone, Copy)]
pub struct Api {
    action: &'static str,
    from_wire: FromWireFn,
}

impl fmt::Debug for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Api").field("action", &self.action).finish_non_exhaustive()
    }
}

impl Api {
    /// The API `action`, whose request `from_wire` builds.
    pub const fn new(action: &'static str, from_wire: FromWireFn) -> Api {
        Api { action, from_wire }
    }

    /// The action name as the provider spells it.
    pub fn action(&self) -> &'static str {
        self.action
    }

    /// The request that `pairs` (wire names as the page writes them: `Tag.1.Key=env`) describe,
    /// checked against every constraint of the page; send it with [`crate::Client::send_dyn`].
    ///
    /// # Errors
    ///
    /// Every unknown name, unreadable value and broken constraint, at once.
    pub fn from_wire(&self, pairs: &[(String, String)]) -> Result<BoxedOperation, ValidationErrors> {
        (self.from_wire)(pairs)
    }

    /// Boxes the result of a generated `from_wire`: what each registry entry calls.
    ///
    /// # Errors
    ///
    /// The violations `request` carries.
    pub fn boxed<O: Operation + Send + 'static>(
        request: Result<O, ValidationErrors>,
    ) -> Result<BoxedOperation, ValidationErrors> {
        Ok(Box::new(request?))
    }
}

/// The API called `action` among `apis`: the exact spelling first, then ignoring case
/// (`describeimages` finds `DescribeImages`).
pub fn find(apis: &'static [Api], action: &str) -> Option<&'static Api> {
    apis.iter()
        .find(|api| api.action == action)
        .or_else(|| apis.iter().find(|api| api.action.eq_ignore_ascii_case(action)))
}
