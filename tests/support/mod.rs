//! A test server that plays each provider on 127.0.0.1, shared by the integration tests.
//!
//! Input: the HTTP requests of the client under test. Output: what each provider's own server
//! would answer: on a good signature, the seed page's example to DescribeImages and a success in
//! the provider's envelope to any other action; the provider's error envelope on a bad one; or a
//! fault the test scripted ([`Reply`]). Every request is recorded as received (query, form or JSON
//! body), so tests can assert exactly what was sent.
//!
//! The signature checks in [`verify`] are written from PROVIDERS.md and the providers' documents,
//! independently of the runtime's signers, so that a signer bug can't hide behind a verifier with
//! the same bug; their own unit tests (tests/server_verify.rs) use vectors worked outside Rust.

// Each integration test crate compiles this module and uses a different part of it.
#![allow(dead_code, unused_imports)]

pub mod answers;
pub mod provider;
pub mod server;
pub mod verify;

pub use answers::ApiError;
pub use provider::{Keys, Provider};
pub use server::{Received, Reply, TestServer};
pub use verify::{RecordedRequest, Rejection, Verified};
