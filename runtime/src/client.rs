//! The client: turns an [`Operation`] into a signed request, sends it with retries, checks the
//! provider's error envelope and decodes the answer; and walks paginated APIs page by page.
//!
//! Input: a provider, credentials, a [`Config`] and request values. Output: decoded answers or an
//! [`Error`]. [`Client::prepare`] is sans-IO; only [`Client::send`] and [`Client::paginate`] touch the
//! network, through the client's [`Transport`].

use std::collections::BTreeSet;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use serde_json::Value;

use crate::config::Config;
use crate::credentials::Credentials;
use crate::endpoint::{Endpoint, Placeholders, render_path, resolve};
use crate::envelope::{self, decode_error};
use crate::error::Error;
use crate::operation::{DynOperation, Operation};
use crate::paginate::{Paginated, PaginationStyle};
use crate::params::{At, Params};
use crate::payload::{self, Layout};
use crate::provider::{Provider, SigningScheme, TencentV3Signature};
use crate::retry::{Strategy, retry_after};
use crate::signing::{SigningInput, Unsigned, sign};
use crate::transport::{ReqwestTransport, Transport, url_without_query};
use crate::validate::ValidationErrors;

/// The `User-Agent` of every request.
const USER_AGENT: &str = concat!("yunapi/", env!("CARGO_PKG_VERSION"));

/// A client of one provider. Cheap to clone (one reference count) and safe to share across tasks;
/// clones share the connection pool, the retry quota and the adaptive send rate.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    provider: &'static Provider,
    credentials: Credentials,
    config: Config,
    scheme: SigningScheme,
    transport: Arc<dyn Transport>,
    retry: Arc<Strategy>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.inner.provider.key)
            .field("credentials", &self.inner.credentials)
            .field("config", &self.inner.config)
            .field("scheme", &self.inner.scheme)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of `provider` with explicit credentials. Fails on an endpoint override that is not
    /// an `http(s)://host[:port][/path]` URL, or a signing scheme of another provider.
    pub fn new(
        provider: &'static Provider,
        credentials: Credentials,
        config: Config,
    ) -> Result<Client, Error> {
        if let Some(url) = config.endpoint() {
            Endpoint::parse(url)?;
        }
        let scheme = config.signing().unwrap_or(provider.scheme);
        if std::mem::discriminant(&scheme) != std::mem::discriminant(&provider.scheme) {
            return Err(Error::Config(format!(
                "signing scheme {scheme:?} is not one of {}'s; use a variant of {:?}",
                provider.name, provider.scheme
            )));
        }
        let transport = Arc::new(ReqwestTransport::new(&config)?);
        let retry = Arc::new(Strategy::new(*config.retry(), *config.retry_quota(), config.adaptive_rate()));
        Ok(Client { inner: Arc::new(Inner { provider, credentials, config, scheme, transport, retry }) })
    }

    /// A client of `provider` with credentials from its environment variables.
    pub fn from_env(provider: &'static Provider, config: Config) -> Result<Client, Error> {
        Client::new(provider, Credentials::from_env(provider)?, config)
    }

    /// The same client sending through `transport`.
    pub fn with_transport(self, transport: impl Transport + 'static) -> Client {
        let mut inner = (*self.inner).clone();
        inner.transport = Arc::new(transport);
        Client { inner: Arc::new(inner) }
    }

    /// The provider this client talks to.
    pub fn provider(&self) -> &'static Provider {
        self.inner.provider
    }

    /// The client's settings.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Validates `op` (unless it was built unchecked) and builds its signed request at the current
    /// time with a fresh nonce, and a fresh idempotency token when the API has one and `op` leaves
    /// it unset. No I/O.
    pub fn prepare<O: Operation>(&self, op: &O) -> Result<http::Request<Vec<u8>>, Error> {
        let token = O::IDEMPOTENCY_TOKEN.map(|_| new_token());
        self.prepare_attempt(op, &SigningInput::fresh(self.inner.scheme), token.as_deref())
    }

    /// [`Client::prepare`] with a given time and nonce, for reproducible signatures; it adds no
    /// idempotency token (set one on `op` to send it).
    pub fn prepare_with<O: Operation>(
        &self,
        op: &O,
        input: &SigningInput,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.prepare_attempt(op, input, None)
    }

    /// [`Client::prepare_with`] for a request whose type is not known here (one built through a
    /// provider's registry of APIs).
    pub fn prepare_dyn(
        &self,
        op: &dyn DynOperation,
        input: &SigningInput,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.prepare_attempt(op, input, None)
    }

    /// The request of one attempt; `token` fills the idempotency token unless `op` sets it.
    fn prepare_attempt(
        &self,
        op: &dyn DynOperation,
        input: &SigningInput,
        token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        // An unchecked request skips the page's checks, not what the client needs to send it: a
        // region, the path's parameters.
        if !op.unchecked() {
            op.validate()?;
        }
        let provider = self.inner.provider;
        let config = &self.inner.config;
        let scheme = self.inner.scheme;
        let mut params = Params::new(provider);
        op.write_params(&mut params);
        if let (Some(name), Some(token)) = (op.idempotency_token(), token) {
            params.set_default(name, token);
        }
        let region = region(&mut params, op.path(), scheme, config);
        let missing = params.missing();
        if !missing.is_empty() {
            return Err(Error::Validation(ValidationErrors(missing)));
        }
        let method = scheme.method(op.method());
        let payload = payload::build(&params, layout(scheme, method))?;
        let placeholders = Placeholders {
            region: region.as_deref(),
            domain: config.domain(),
            service: op.service().or(config.service()),
        };
        let template = op.endpoint().unwrap_or(provider.endpoint);
        let target = resolve(template, op.path(), placeholders, config.endpoint())?;
        let path = render_path(target.endpoint.path(), &payload.path, op.path())?;
        let endpoint = target.endpoint.with_path(path);
        let unsigned = Unsigned {
            method,
            action: op.action(),
            version: op.version().or(provider.version),
            endpoint: &endpoint,
            query: &payload.query,
            headers: &payload.headers,
            body: payload.body.as_deref(),
            region: region.as_deref(),
            service: &target.service,
            user_agent: USER_AGENT,
        };
        sign(scheme, &unsigned, &self.inner.credentials, input)
    }

    /// Sends `op`, retrying as the [`crate::RetryPolicy`] and the client's [`crate::RetryQuota`]
    /// allow, and decodes the answer.
    pub async fn send<O: Operation>(&self, op: &O) -> Result<O::Output, Error> {
        let body = self.call(op).await?;
        envelope::decode(self.inner.provider, O::ACTION, &body)
    }

    /// [`Client::send`] for a request whose type is not known here (one built through a
    /// provider's registry of APIs): the decoded answer, printable.
    pub async fn send_dyn(&self, op: &dyn DynOperation) -> Result<Box<dyn fmt::Debug + Send>, Error> {
        let body = self.call(op).await?;
        op.decode(self.inner.provider, &body)
    }

    /// [`Client::send_dyn`], with the answer as JSON: what the provider's envelope holds (Tencent
    /// API 3.0's `Response`), fields the page does not document included, once it has decoded into
    /// the API's typed answer. For a program that prints or forwards answers of any API.
    pub async fn send_dyn_json(&self, op: &dyn DynOperation) -> Result<Value, Error> {
        let body = self.call(op).await?;
        op.decode(self.inner.provider, &body)?;
        envelope::decode(self.inner.provider, op.action(), &body)
    }

    /// Every item of every page of `op`, from the position it asks for. Stops at the reported
    /// total, on an empty page, on a short page when no total is reported; ends with
    /// [`Error::Pagination`] on a page that repeats an earlier one or after
    /// [`Config::with_max_pages`] pages.
    pub fn paginate<'a, O>(&'a self, op: O) -> impl Stream<Item = Result<O::Item, Error>> + Send + 'a
    where
        O: Paginated + Send + Sync + 'a,
        O::Item: 'a,
    {
        let first = match O::STYLE {
            PaginationStyle::OffsetLimit => 0,
            PaginationStyle::PageNumber => 1,
        };
        let state = Pages {
            position: op.position().unwrap_or(first),
            page_size: op.page_size().unwrap_or(O::DEFAULT_PAGE_SIZE),
            op,
            seen: 0,
            fetched: 0,
            fingerprints: BTreeSet::new(),
        };
        futures_util::stream::unfold(Some(state), move |state| async move {
            let mut state = state?;
            match self.next_page(&mut state).await {
                Ok((items, more)) => Some((Ok(items), more.then_some(state))),
                Err(error) => Some((Err(error), None)),
            }
        })
        .flat_map(|page| {
            let items: Vec<Result<O::Item, Error>> = match page {
                Ok(items) => items.into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            futures_util::stream::iter(items)
        })
    }

    /// Fetches the page at `state.position`: its items, and whether another page should follow.
    async fn next_page<O: Paginated>(&self, state: &mut Pages<O>) -> Result<(Vec<O::Item>, bool), Error> {
        if state.fetched >= self.inner.config.max_pages() {
            return Err(Error::Pagination {
                action: O::ACTION,
                message: format!(
                    "{} pages fetched without reaching the end; raise Config::with_max_pages if the list is that long",
                    state.fetched
                ),
            });
        }
        state.op.set_position(state.position);
        let body = self.call(&state.op).await?;
        let value: Value = serde_json::from_slice(&body).map_err(|e| decode_error(O::ACTION, &e, &body))?;
        let fingerprint = fingerprint(&value);
        let output: O::Output = envelope::decode_value(self.inner.provider, O::ACTION, value, &body)?;
        let total = O::total(&output);
        let items = O::items(output);
        state.fetched += 1;
        if items.is_empty() {
            return Ok((items, false));
        }
        if !state.fingerprints.insert(fingerprint) {
            return Err(Error::Pagination {
                action: O::ACTION,
                message: format!("the page at position {} repeats an earlier page", state.position),
            });
        }
        let count = items.len() as u64;
        state.seen += count;
        let more = match total {
            Some(total) => state.seen < total,
            None => count >= state.page_size,
        };
        state.position += match O::STYLE {
            PaginationStyle::OffsetLimit => count,
            PaginationStyle::PageNumber => 1,
        };
        Ok((items, more))
    }

    /// Sends `op` until it succeeds, fails for good, runs out of retries or finds the client's
    /// retry quota spent; returns the body of a successful answer. Each attempt is signed afresh
    /// (a new time and nonce) and carries the same idempotency token.
    async fn call(&self, op: &dyn DynOperation) -> Result<Vec<u8>, Error> {
        let strategy = &self.inner.retry;
        // Drawn once per call: a retry with another token would be another request to the provider.
        let token = op.idempotency_token().map(|_| new_token());
        let mut retries = 0;
        loop {
            strategy.before_attempt().await;
            let input = SigningInput::fresh(self.inner.scheme);
            let request = self.prepare_attempt(op, &input, token.as_deref())?;
            let url = url_without_query(request.uri());
            tracing::debug!(action = op.action(), %url, attempt = retries + 1, "sending");
            let (error, after) = match self.attempt(request, &url).await {
                Ok(body) => {
                    strategy.succeeded();
                    return Ok(body);
                }
                Err(failure) => failure,
            };
            match strategy.failed(retries, error.kind(), token.is_some(), after) {
                Ok(delay) => {
                    tracing::warn!(action = op.action(), %url, %error, ?delay, "retrying");
                    tokio::time::sleep(delay).await;
                    retries += 1;
                }
                Err(stop) => {
                    tracing::debug!(action = op.action(), %url, %error, ?after, ?stop, "failed");
                    return Err(error);
                }
            }
        }
    }

    /// One attempt; a failure comes with the wait its answer's `Retry-After` asks for.
    async fn attempt(
        &self,
        request: http::Request<Vec<u8>>,
        url: &str,
    ) -> Result<Vec<u8>, (Error, Option<Duration>)> {
        let timeout = self.inner.config.timeout();
        let response = match tokio::time::timeout(timeout, self.inner.transport.send(request)).await {
            Ok(Ok(response)) => response,
            Ok(Err(error)) => return Err((error, None)),
            Err(_) => return Err((Error::Timeout { url: url.to_owned(), after: timeout }, None)),
        };
        envelope::check(self.inner.provider, url, &response)
            .map_err(|error| (error, retry_after(response.headers())))?;
        Ok(response.into_body())
    }
}

/// Where a pagination is.
struct Pages<O> {
    op: O,
    position: u64,
    page_size: u64,
    seen: u64,
    fetched: u64,
    fingerprints: BTreeSet<u64>,
}

/// A hash of an answer without its request id, which differs on every answer.
fn fingerprint(value: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    envelope::without_request_id(value.clone()).to_string().hash(&mut hasher);
    hasher.finish()
}

/// The region of a request: the one it sets, else the configured one, which then fills the API's
/// region parameter wherever the page puts it (path, query or body). A scheme whose region is a
/// common parameter (Tencent API 3.0) takes it out of the API's parameters.
fn region(params: &mut Params, path: &str, scheme: SigningScheme, config: &Config) -> Option<String> {
    let provider = params.provider();
    let name = provider.region_param;
    if scheme.region_is_common() {
        let own = params.take(name).map(|value| value.text(provider));
        return own.or_else(|| config.region().map(str::to_owned));
    }
    if let Some(region) = config.region() {
        let at = if path.contains(&format!("{{{name}}}")) { At::Path } else { At::Body };
        params.set_default_at(name, at, region);
    }
    params.get(name).map(|value| value.text(provider))
}

/// Where `scheme` puts the parameters of a `method` request.
fn layout(scheme: SigningScheme, method: &str) -> Layout {
    match scheme {
        SigningScheme::TencentV3(TencentV3Signature::Tc3) => Layout::AllJson,
        // As JD's official SDKs do: a JSON body for the methods that carry one, else the query.
        SigningScheme::JdCloud(_) if matches!(method, "POST" | "PUT" | "PATCH") => Layout::JsonBody,
        _ => Layout::Query,
    }
}

/// A fresh idempotency token.
fn new_token() -> String {
    uuid::Uuid::new_v4().to_string()
}
