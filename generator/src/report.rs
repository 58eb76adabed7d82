//! Diagnostics printed the way rustc prints them.
