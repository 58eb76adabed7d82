//! The yunapi generator: cloud API documentation pages → reviewed YAML specs → Rust client.
//!
//! One module per pipeline stage; data flows one way, and only `write` touches the disk:
//!
//! 1. [`source`]: bytes of a page → [`source::Document`] (format detected from content);
//! 2. [`extract`]: document → [`spec::ApiSpec`] with provenance and diagnostics;
//! 3. [`spec`]: the spec, its YAML form, overlays and provider profiles;
//! 4. [`codegen`]: specs → Rust source (quote, checked by syn, printed by prettyplease);
//! 5. [`render`]: specs → Markdown and other text through minijinja templates;
//! 6. [`mod@write`]: only changed files, atomically, never a file the generator did not write.
//!
//! [`diff`] compares two sets of specs for reviewers; it reads specs only.
//!
//! Stages 1–2 sit behind the `extract` feature so build.rs, which only runs stages 3–6, keeps the
//! page parsers out of downstream builds.

pub mod cache;
pub mod codegen;
pub mod diff;
pub mod naming;
pub mod pipeline;
mod progress;
pub mod render;
pub mod spec;
pub mod write;

#[cfg(feature = "extract")]
pub mod eval;
#[cfg(feature = "extract")]
pub mod extract;
#[cfg(feature = "extract")]
mod page_error;
#[cfg(feature = "extract")]
pub mod report;
#[cfg(feature = "extract")]
pub mod source;
