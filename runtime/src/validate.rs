//! Violations of the constraints the pages state, all reported at once.
//!
//! The checks themselves are data ([`crate::rules`]); reading wire parameters reports unknown
//! names and unreadable values the same way. Each [`Violation`] names the wire parameter and the
//! place of the page that states the constraint.

use std::fmt;

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The wire parameter, with the index filled in (`limit`, `Tag.21.Key`, `Filter.1.Value`).
    pub param: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// The page and the place in it that states the constraint
    /// (`specs/sources/aliyun/DescribeImages.md, 请求参数 row 4`).
    pub source: &'static str,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (see {})", self.param, self.message, self.source)
    }
}

/// All the violations of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Violation>);

impl ValidationErrors {
    /// The violations, in the order the checks ran (page order).
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }

    /// True when some violation names `param`.
    pub fn mentions(&self, param: &str) -> bool {
        self.0.iter().any(|v| v.param == param)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} invalid parameter(s)", self.0.len())?;
        for v in &self.0 {
            write!(f, "\n  {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects violations.
#[derive(Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
}

impl Validator {
    /// No violations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a violation.
    pub fn fail(&mut self, param: impl Into<String>, message: impl Into<String>, source: &'static str) {
        self.violations.push(Violation { param: param.into(), message: message.into(), source });
    }

    /// `Ok` when no check failed, else every violation.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() { Ok(()) } else { Err(ValidationErrors(self.violations)) }
    }
}
