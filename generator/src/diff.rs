//! The semantic diff of specs: what changed between two sets of specs, what each change does to a
//! caller of the generated client, and what it means for `yunapi`'s version.
//!
//! Input: two [`Tree`]s of specs (files, folders or a git revision, read by [`load`]), with the
//! provider profiles that name their Rust items. Output: a [`Report`] of [`Change`]s, each with a
//! stable check id and a level from the catalogue in [`checks`], the element's path in the spec, the
//! old and new values, and the Rust items that change, as codegen names them
//! ([`crate::codegen::item_names`]). [`render`] prints it as text, Markdown or JSON.
//!
//! It reads specs only (no page parser), and ignores provenance: origins, source hashes and
//! diagnostics are where a page says something, not what the API is.

pub mod checks;
mod compare;
mod constraints;
mod items;
pub mod load;
mod profiles;
pub mod render;
mod show;

pub use checks::{Check, Level};
pub use load::{LoadError, Tree};

use serde::Serialize;

/// One change between the old and the new specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `provider/action` (`aliyun/DescribeImages`), or the provider alone for a profile change.
    pub api: String,
    pub check: Check,
    /// The element's path in the spec (`request.SnapshotId.type`, `response.Image.Status.enum[Waiting]`).
    pub element: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The Rust items that change (`yunapi::aliyun::DescribeImages::snapshot_id removed`).
    pub rust: Vec<String>,
    /// The spec file (and place in its page) that shows the change, for the text output.
    pub location: String,
}

impl Change {
    pub fn level(&self) -> Level {
        self.check.level()
    }
}

/// What a set of changes means for the next release of `yunapi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    /// Nothing changed.
    None,
    /// Documentation only.
    Patch,
    /// New items or behaviour, nothing breaks.
    Minor,
    /// Something breaks.
    Major,
}

impl Semver {
    pub fn as_str(self) -> &'static str {
        match self {
            Semver::None => "none",
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

/// Every change between two trees, API by API (sorted), each API's in spec order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The most severe level among the changes, if any.
    pub fn worst(&self) -> Option<Level> {
        self.changes.iter().map(Change::level).max()
    }

    pub fn semver(&self) -> Semver {
        match self.worst() {
            None => Semver::None,
            Some(Level::Doc) => Semver::Patch,
            Some(Level::NonBreaking) => Semver::Minor,
            Some(Level::Breaking) => Semver::Major,
        }
    }

    /// True when a change is at `level` or above: what `--fail-on` gates on.
    pub fn reaches(&self, level: Level) -> bool {
        self.worst().is_some_and(|worst| worst >= level)
    }

    /// How many changes there are at `level`.
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level() == level).count()
    }
}

/// Compares two trees: APIs matched by provider and action, providers by key.
pub fn diff(old: &Tree, new: &Tree) -> Report {
    let mut changes = profiles::compare(old, new);
    changes.extend(compare::apis(old, new));
    Report { changes }
}

#[cfg(test)]
mod tests;
