//! Reports → text (rustc-like, for a terminal), Markdown (a pull-request comment) and JSON (for
//! tools), and the catalogue of checks → the README's table.

use super::checks::{Check, Level};
use super::{Change, Report};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text(report),
        Format::Markdown => markdown(report),
        Format::Json => json(report),
    }
}

/// Changes grouped by API, in the report's order.
fn by_api(report: &Report) -> BTreeMap<&str, Vec<&Change>> {
    let mut apis: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in &report.changes {
        apis.entry(change.api.as_str()).or_default().push(change);
    }
    apis
}

/// `2 breaking, 1 doc`.
fn counts<'c>(changes: impl IntoIterator<Item = &'c Change>) -> String {
    let mut per_level: BTreeMap<std::cmp::Reverse<Level>, usize> = BTreeMap::new();
    for change in changes {
        *per_level.entry(std::cmp::Reverse(change.level())).or_default() += 1;
    }
    per_level.iter().map(|(level, n)| format!("{n} {}", level.0.as_str())).collect::<Vec<_>>().join(", ")
}

fn summary(report: &Report) -> String {
    let apis = by_api(report).len();
    let changes = report.changes.len();
    if changes == 0 {
        return "no change".to_owned();
    }
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    format!("{} in {}: {}", plural(changes, "change"), plural(apis, "API"), counts(&report.changes))
}

/// rustc-like: one block per change, grouped by API, in spec order; breaking changes say why.
fn text(report: &Report) -> String {
    let mut out = String::new();
    for (api, changes) in by_api(report) {
        let _ = writeln!(out, "{api}: {}", counts(changes.iter().copied()));
        for change in changes {
            let _ = writeln!(out, "{}[{}]: {}", change.level().as_str(), change.check.id(), change.element);
            let _ = writeln!(out, "  --> {}", change.location);
            for (label, value) in [("old", &change.old), ("new", &change.new)] {
                if let Some(value) = value {
                    let _ = writeln!(out, "   = {label}: {}", indent(value));
                }
            }
            for item in &change.rust {
                let _ = writeln!(out, "   = rust: {item}");
            }
            if change.level() == Level::Breaking {
                let _ = writeln!(out, "   = why: {}", change.check.why());
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "semver: {} ({})", report.semver().as_str(), summary(report));
    out
}

/// Continuation lines of a multi-line value, under the first.
fn indent(value: &str) -> String {
    value.lines().collect::<Vec<_>>().join("\n          ")
}

/// A pull-request comment: a summary line, then a table per API, APIs and rows breaking first.
fn markdown(report: &Report) -> String {
    let mut out = format!("**yunapi: semver {}** ({})\n", report.semver().as_str(), summary(report));
    let mut apis: Vec<(&str, Vec<&Change>)> = by_api(report).into_iter().collect();
    let worst = |changes: &[&Change]| changes.iter().map(|c| c.level()).max();
    apis.sort_by(|(a, x), (b, y)| worst(y).cmp(&worst(x)).then(a.cmp(b)));
    for (api, mut changes) in apis {
        // Stable: within a level, spec order.
        changes.sort_by_key(|c| std::cmp::Reverse(c.level()));
        let _ = write!(out, "\n#### `{api}`: {}\n\n", counts(changes.iter().copied()));
        out.push_str("| level | check | element | old | new | Rust |\n|---|---|---|---|---|---|\n");
        for change in changes {
            let level = match change.level() {
                Level::Breaking => "**breaking**",
                other => other.as_str(),
            };
            let (old, new) = elide(change.old.as_deref(), change.new.as_deref());
            let rust: Vec<String> = change.rust.iter().map(|r| rust_cell(r)).collect();
            let _ = writeln!(
                out,
                "| {level} | {} | {} | {} | {} | {} |",
                code(change.check.id()),
                code(&change.element),
                cell(old.as_deref()),
                cell(new.as_deref()),
                rust.join("<br>")
            );
        }
    }
    out
}

/// `path what` with the path, and the types of a type change, as code.
fn rust_cell(item: &str) -> String {
    let Some((path, what)) = item.split_once(' ') else { return code(item) };
    match what.strip_prefix("changes type: ").and_then(|types| types.split_once(" → ")) {
        Some((old, new)) => format!("{} changes type: {} → {}", code(path), code(old), code(new)),
        None => format!("{} {}", code(path), escape(what)),
    }
}

/// A table cell: Markdown and HTML taken literally, lines joined with `<br>`.
fn cell(value: Option<&str>) -> String {
    value.map(|v| v.lines().map(escape).collect::<Vec<_>>().join("<br>")).unwrap_or_default()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A code span that holds any text (a table's `|` escaped, backticks fenced by longer runs).
fn code(text: &str) -> String {
    let text = text.replace('|', "\\|").replace('\n', " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Context kept on each side of what changed in a long text.
const CONTEXT: usize = 16;

/// Texts up to this many characters are shown whole.
const SHORT: usize = 100;

/// Two long texts cut to what differs, with a little context: a reworded sentence in a long
/// description shows as `…主网卡下的主内网IP…` → `…主网卡的主内网IP…`.
fn elide(old: Option<&str>, new: Option<&str>) -> (Option<String>, Option<String>) {
    let (Some(a), Some(b)) = (old, new) else { return (old.map(str::to_owned), new.map(str::to_owned)) };
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().max(b.len()) <= SHORT {
        return (old.map(str::to_owned), new.map(str::to_owned));
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let cut = |chars: &[char]| {
        let start = prefix.saturating_sub(CONTEXT);
        let end = (chars.len() - suffix + CONTEXT).min(chars.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(&chars[start..end]);
        if end < chars.len() {
            out.push('…');
        }
        out
    };
    (Some(cut(&a)), Some(cut(&b)))
}

/// The JSON report.
#[derive(Serialize)]
struct JsonReport<'a> {
    semver: super::Semver,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    api: &'a str,
    id: &'static str,
    level: Level,
    element: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    rust: &'a [String],
}

fn json(report: &Report) -> String {
    let changes = report
        .changes
        .iter()
        .map(|c| JsonChange {
            api: &c.api,
            id: c.check.id(),
            level: c.level(),
            element: &c.element,
            old: c.old.as_deref(),
            new: c.new.as_deref(),
            rust: &c.rust,
        })
        .collect();
    let report = JsonReport { semver: report.semver(), changes };
    match serde_json::to_string_pretty(&report) {
        Ok(text) => text + "\n",
        // Strings, enums and lists of strings always serialize.
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}

/// The README's table of checks: id, level, an example page edit and why.
pub fn checks_table() -> String {
    let mut out = String::from("| check | level | example | why |\n|---|---|---|---|\n");
    for check in Check::ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            check.id(),
            check.level().as_str(),
            check.example().replace('|', "\\|"),
            check.why().replace('|', "\\|")
        );
    }
    out
}
