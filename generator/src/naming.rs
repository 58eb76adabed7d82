//! Names: page words → Rust identifiers.
