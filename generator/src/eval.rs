//! The corpus evaluation: every page of a corpus (`DIR/<set>/<Api>.{md,txt,html}` with the truth in
//! `DIR/<set>/truth/<Api>.json`) → a [`Report`] of figures per set.
//!
//! Per set: pages read, pages failed, recall and precision of request-parameter names, and, where
//! the truth records them, agreement on type, required, list shape, location, enum, default and
//! range. Names are compared case-insensitively with the list index left out (`Tag.N.Key` ~ `Tag` +
//! sub-parameter `Key`, `images.n` ~ `images`). Recall counts only the truth's names the page
//! itself mentions: truths list parameters newer than the page.
//!
//! A constraint counts only where the page itself states it, read from the parameter's own table
//! row (found by name, never through the spec): an enum where the row names at least two of the
//! truth's values, a default where the row's default cell or the words after `默认`/`default` name
//! the truth's default. A truth's enum the page never lists is not the extractor's miss.

use crate::extract::tables::{Columns, Role, plain, wire_name};
use crate::extract::{self, Options};
use crate::source::{self, Block};
use crate::spec::{ApiSpec, ListEncoding, Location, Param, Profile, Scalar, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Disagreements between a page and its truth that a reviewer looked at: the page states the fact
/// and the extractor follows it. Not counted; printed with their reasons.
const REVIEWED: &str = include_str!("../eval-reviewed.txt");

/// The reason a disagreement was reviewed, if it was: `set | page | parameter | check | reason`.
fn reviewed(set: &str, page: &str, name: &str, check: &str) -> Option<&'static str> {
    REVIEWED.lines().filter(|line| !line.starts_with('#')).find_map(|line| {
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        match fields.as_slice() {
            [s, p, n, c, reason] if (*s, *p, *n, *c) == (set, page, name, check) => Some(*reason),
            _ => None,
        }
    })
}

/// Least name recall every set must reach.
pub const RECALL_TARGET: f64 = 1.0;
/// Least agreement on list shape, location and required, where the page states them.
pub const STRUCTURE_TARGET: f64 = 0.99;
/// Least agreement on enums and defaults, where the page states them.
pub const VALUE_TARGET: f64 = 0.95;

/// Figures per corpus set, sets in name order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub sets: Vec<SetReport>,
}

/// How many checks of one kind were made, and how many agreed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub compared: usize,
    pub agreed: usize,
}

impl Tally {
    fn count(&mut self, agrees: bool) {
        self.compared += 1;
        self.agreed += usize::from(agrees);
    }

    /// The share that agreed (1 when nothing was compared).
    pub fn ratio(&self) -> f64 {
        ratio(self.agreed, self.compared)
    }

    fn percent(&self) -> String {
        if self.compared == 0 { "-".to_owned() } else { format!("{:.1}%", 100.0 * self.ratio()) }
    }
}

/// The figures of one set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetReport {
    pub name: String,
    pub pages: usize,
    /// Pages that gave no spec, with the error.
    pub failed: Vec<String>,
    /// Truth names the page mentions, and how many of them were extracted.
    pub truth_names: usize,
    pub recalled: usize,
    /// Names extracted from pages that have a truth, and how many of them the truth has.
    pub extracted: usize,
    pub precise: usize,
    pub types: Tally,
    pub required: Tally,
    /// Indexed list, JSON array in one value, or a single value.
    pub list: Tally,
    /// Path, query, body or header.
    pub location: Tally,
    pub enums: Tally,
    pub defaults: Tally,
    pub ranges: Tally,
    /// Truth names the page mentions but the extraction missed, as `Page: name`.
    pub missed: Vec<String>,
    /// Every constraint check that disagreed, as `check Page:line name: truth …, spec …`.
    pub disagreements: Vec<String>,
    /// Disagreements a reviewer looked at (see `eval-reviewed.txt`), with the reason: not counted.
    pub reviewed: Vec<String>,
}

impl SetReport {
    pub fn recall(&self) -> f64 {
        ratio(self.recalled, self.truth_names)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.precise, self.extracted)
    }

    /// No failed page, every name recalled, structure and values at their targets.
    pub fn meets_targets(&self) -> bool {
        self.failed.is_empty()
            && self.recall() >= RECALL_TARGET
            && [self.list, self.location, self.required].iter().all(|t| t.ratio() >= STRUCTURE_TARGET)
            && [self.enums, self.defaults].iter().all(|t| t.ratio() >= VALUE_TARGET)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

impl Report {
    /// Every set meets the targets.
    pub fn meets_targets(&self) -> bool {
        self.sets.iter().all(SetReport::meets_targets)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<18} {:>5} {:>6} {:>18} {:>9} {:>7} {:>8} {:>7} {:>8} {:>14} {:>14} {:>6}",
            "set",
            "pages",
            "failed",
            "recall",
            "precision",
            "type",
            "required",
            "list",
            "location",
            "enum",
            "default",
            "range"
        )?;
        let with_counts = |tally: &Tally| {
            if tally.compared == 0 {
                "-".to_owned()
            } else {
                format!("{} ({}/{})", tally.percent(), tally.agreed, tally.compared)
            }
        };
        for set in &self.sets {
            let recall = Tally { compared: set.truth_names, agreed: set.recalled };
            let precision = Tally { compared: set.extracted, agreed: set.precise };
            writeln!(
                f,
                "{:<18} {:>5} {:>6} {:>18} {:>9} {:>7} {:>8} {:>7} {:>8} {:>14} {:>14} {:>6}",
                set.name,
                set.pages,
                set.failed.len(),
                with_counts(&recall),
                precision.percent(),
                set.types.percent(),
                set.required.percent(),
                set.list.percent(),
                set.location.percent(),
                with_counts(&set.enums),
                with_counts(&set.defaults),
                set.ranges.percent(),
            )?;
        }
        for set in &self.sets {
            for failure in &set.failed {
                writeln!(f, "failed: {failure}")?;
            }
            for missed in &set.missed {
                writeln!(f, "missed in {}: {missed}", set.name)?;
            }
            for disagreement in &set.disagreements {
                writeln!(f, "disagrees in {}: {disagreement}", set.name)?;
            }
            for reviewed in &set.reviewed {
                writeln!(f, "reviewed in {}: {reviewed}", set.name)?;
            }
        }
        writeln!(f, "targets {}", if self.meets_targets() { "met" } else { "NOT met" })
    }
}

/// Extracts and scores every page under `dir`, with the provider profiles of `specs/providers`
/// (relative to the current folder) when that folder exists.
pub fn run(dir: &Path) -> std::io::Result<Report> {
    run_with_profiles(dir, Path::new("specs/providers"))
}

/// Extracts and scores every page under `dir`, reading provider profiles from `providers`.
pub fn run_with_profiles(dir: &Path, providers: &Path) -> std::io::Result<Report> {
    let mut report = Report::default();
    for set_dir in sorted_entries(dir)?.into_iter().filter(|p| p.is_dir()) {
        let name = set_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let profile =
            extract::guess_provider(&format!("{name}/page"), "").and_then(|p| load_profile(providers, p));
        let mut set = SetReport { name, ..SetReport::default() };
        for page in sorted_entries(&set_dir)?.into_iter().filter(|p| is_page(p)) {
            score_page(&page, profile.as_ref(), &mut set)?;
        }
        report.sets.push(set);
    }
    Ok(report)
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    paths.sort();
    Ok(paths)
}

fn is_page(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "md" | "txt" | "html" | "htm"))
        && !path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
}

fn load_profile(providers: &Path, name: &str) -> Option<Profile> {
    let path = providers.join(format!("{name}.yaml"));
    let text = std::fs::read_to_string(&path).ok()?;
    crate::spec::profile_from_yaml(&text, &path.display().to_string()).ok()
}

/// Extracts one page and adds its figures to `set`.
fn score_page(page: &Path, profile: Option<&Profile>, set: &mut SetReport) -> std::io::Result<()> {
    let bytes = std::fs::read(page)?;
    set.pages += 1;
    let shown = page.display().to_string();
    // A panic is a crash the evaluation must report, not end on.
    let outcome =
        std::panic::catch_unwind(|| extract::extract_page(&shown, &bytes, profile, &Options::default()));
    let spec = match outcome {
        Ok(Ok(extracted)) => extracted.spec,
        Ok(Err(error)) => {
            set.failed.push(format!("{error} ({})", error.help));
            return Ok(());
        }
        Err(_) => {
            set.failed.push(format!("{shown}: the extractor panicked"));
            return Ok(());
        }
    };
    let stem = page.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let truth_path = page.parent().unwrap_or(Path::new(".")).join("truth").join(format!("{stem}.json"));
    let Ok(truth_text) = std::fs::read_to_string(&truth_path) else { return Ok(()) };
    let Ok(truth) = serde_json::from_str::<Value>(&truth_text) else { return Ok(()) };
    let text = String::from_utf8_lossy(&bytes);
    let rows = request_rows(&bytes, &text);
    score_against(&spec, &truth_params(&truth), &text, &rows, &stem, set);
    Ok(())
}

/// One request parameter as a truth records it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TruthParam {
    /// Name parts: `["Tag", "Key"]` for Alibaba's `Tag` with sub-parameter `Key`.
    parts: Vec<String>,
    /// Coarse type class, when the truth gives a type.
    class: Option<&'static str>,
    /// A sub-parameter of a repeated group (`Tag.N.Key`): sent indexed whatever its own type.
    in_group: bool,
    required: Option<bool>,
    /// `query`, `path`, `body`, `header`, when the truth says.
    location: Option<String>,
    /// The allowed values (of the parameter, or of each item of a list).
    values: Vec<String>,
    default: Option<String>,
    min: Option<i64>,
    max: Option<i64>,
}

/// The request parameters of a truth file, whatever its set's format.
fn truth_params(truth: &Value) -> Vec<TruthParam> {
    let list = truth.get("parameters").or_else(|| truth.get("request_params"));
    let mut params = Vec::new();
    for param in list.and_then(Value::as_array).into_iter().flatten() {
        let Some(name) = param.get("name").and_then(Value::as_str) else { continue };
        // Alibaba marks parameters the SDK sets itself (`Action`) as hidden.
        if param.get("hidden").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        // A list of objects: Alibaba's sub-parameters, or QingCloud's `items.properties`.
        let subs: Vec<(&str, &Value)> = match param.get("sub_parameters").and_then(Value::as_array) {
            Some(subs) => subs.iter().filter_map(|s| Some((s.get("name")?.as_str()?, s))).collect(),
            None => param
                .pointer("/items/properties")
                .and_then(Value::as_object)
                .map(|props| props.iter().map(|(k, v)| (k.as_str(), v)).collect())
                .unwrap_or_default(),
        };
        if subs.is_empty() {
            params.push(truth_param(vec![name.to_owned()], param, false));
        }
        for (sub_name, sub) in subs {
            let mut sub_param = truth_param(vec![name.to_owned(), sub_name.to_owned()], sub, true);
            sub_param.location = sub_param.location.or_else(|| location_of(param));
            params.push(sub_param);
        }
    }
    params
}

fn truth_param(parts: Vec<String>, value: &Value, in_group: bool) -> TruthParam {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let values = value
        .get("enum")
        .or_else(|| value.pointer("/items/enum"))
        .and_then(Value::as_array)
        .map(|values| values.iter().map(text).collect())
        .unwrap_or_default();
    TruthParam {
        parts,
        class: value.get("type").and_then(Value::as_str).map(truth_class),
        in_group,
        required: value.get("required").and_then(Value::as_bool),
        location: location_of(value),
        values,
        default: value.get("default").filter(|d| !d.is_null()).map(text),
        min: value.get("minimum").and_then(Value::as_i64),
        max: value.get("maximum").and_then(Value::as_i64),
    }
}

fn location_of(value: &Value) -> Option<String> {
    value.get("position").or_else(|| value.get("in")).and_then(Value::as_str).map(str::to_ascii_lowercase)
}

/// A type word of any truth as a coarse class.
fn truth_class(word: &str) -> &'static str {
    let word = word.trim().to_ascii_lowercase();
    if word.ends_with("[]")
        || word.starts_with("list of")
        || matches!(word.as_str(), "array" | "repeatlist" | "list")
    {
        "array"
    } else {
        match word.as_str() {
            "string" | "str" => "string",
            "integer" | "int" | "long" | "number" | "int64" | "int32" => "integer",
            "boolean" | "bool" => "boolean",
            "float" | "double" => "float",
            _ => "object",
        }
    }
}

/// The coarse class of an extracted parameter: a list unless it is one field of a repeated group.
fn param_class(param: &Param) -> &'static str {
    if param.list.as_ref().is_some_and(|l| l.field.is_none() && l.encoding != ListEncoding::Json) {
        return "array";
    }
    match &param.ty {
        TypeRef::Scalar(Scalar::String | Scalar::Timestamp) => "string",
        TypeRef::Scalar(Scalar::Integer | Scalar::Long) => "integer",
        TypeRef::Scalar(Scalar::Boolean) => "boolean",
        TypeRef::Scalar(Scalar::Float) => "float",
        TypeRef::Scalar(Scalar::Json) | TypeRef::Named(_) => "object",
    }
}

/// The comparison key of a name: lower case, without index segments (`Tag.N.Key` → `tag.key`).
fn key(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|p| p.split('.'))
        .filter(|s| !s.eq_ignore_ascii_case("n") && !s.is_empty())
        .map(|s| s.trim_end_matches("[]").to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(".")
}

/// The page up to its response section: a truth name the page mentions only in its answer or its
/// error codes is not a parameter the page documents.
fn request_part(page: &str) -> &str {
    const RESPONSE: [&str; 7] =
        ["返回参数", "返回数据", "输出参数", "返回结果", "响应参数", "response elements", "返回值"];
    let mut offset = 0;
    for line in page.split_inclusive('\n') {
        // `## 返回参数 {#ResponseParameter .section}`: the attributes are not part of the label.
        let line_text = line.split_once('{').map_or(line, |(before, _)| before);
        let label =
            line_text.trim().trim_matches(|c: char| matches!(c, '#' | '*' | ' ' | '.') || c.is_ascii_digit());
        let lower = label.to_lowercase();
        if label.chars().count() <= 30 && RESPONSE.iter().any(|w| lower.contains(w)) {
            return &page[..offset];
        }
        offset += line.len();
    }
    page
}

/// Whether the page documents a truth name: the name opens a line of the page (a table row's first
/// cell `|name|`, `| **name** |`, `<td>name</td>`, or a text page's name line), in one of the
/// spellings a page would use (`Tag.N.Key` for `Tag` with sub-parameter `Key`).
fn mentions(page_lower: &str, parts: &[String]) -> bool {
    let lower: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    let spellings =
        if lower.len() == 1 { vec![lower[0].clone()] } else { vec![lower.join(".n."), lower.join(".")] };
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    page_lower.lines().any(|line| {
        let start =
            line.trim_start().trim_start_matches(['|', ' ', '*', '`', '\\']).trim_start_matches("<td>");
        let start = start.trim_start_matches(['*', '`']);
        spellings.iter().any(|spelling| {
            start.strip_prefix(spelling.as_str()).is_some_and(|rest| {
                // `images.n` and `Tag.N.Key` count for `images` and `Tag` + `Key`.
                let rest = rest.strip_prefix(".n").unwrap_or(rest);
                !rest.chars().next().is_some_and(|c| is_ident(c) || c == '.')
            })
        })
    })
}

/// A parameter's table row on the page: where it is and what its cells say.
#[derive(Debug, Clone, Default, PartialEq)]
struct PageRow {
    line: u32,
    /// Every cell as plain text, joined.
    text: String,
    /// The default column's cell, when the table has one.
    default_cell: Option<String>,
}

/// The rows of the page's request tables (those above the response section), by name key.
fn request_rows(bytes: &[u8], text: &str) -> BTreeMap<String, PageRow> {
    let end_line = u32::try_from(request_part(text).lines().count()).unwrap_or(u32::MAX);
    let Ok(doc) = source::read(bytes, source::DEFAULT_MAX_PAGE_BYTES) else { return BTreeMap::new() };
    let mut rows = BTreeMap::new();
    for block in &doc.blocks {
        let Block::Table(table) = block else { continue };
        let columns = Columns::of(&table.header);
        if !columns.is_field_table() || table.line > end_line {
            continue;
        }
        for row in &table.rows {
            let Some(name) = columns.get(Role::Name, row).map(wire_name) else { continue };
            let text = row.cells.iter().map(|cell| plain(cell)).collect::<Vec<_>>().join(" | ");
            let default_cell = columns.get(Role::Default, row).map(plain).filter(|d| !d.trim().is_empty());
            rows.entry(key(&[name.as_str()])).or_insert(PageRow { line: row.line, text, default_cell });
        }
    }
    rows
}

/// Whether `value` occurs in `text` as a token of its own (`1` in `1为需要`, not in `10GB`).
fn has_token(text: &str, value: &str) -> bool {
    let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    !value.is_empty()
        && text.match_indices(value).any(|(at, _)| {
            !text[..at].chars().next_back().is_some_and(is_part)
                && !text[at + value.len()..].chars().next().is_some_and(is_part)
        })
}

/// Whether the row states `value` as the default: in its default column, or shortly after
/// `默认`/`default`, or marked `value（默认）`.
fn states_default(row: &PageRow, value: &str) -> bool {
    if row.default_cell.as_deref().is_some_and(|cell| cell.trim() == value) {
        return true;
    }
    let lower = row.text.to_lowercase();
    let after_word = ["默认", "default"].iter().any(|word| {
        lower.match_indices(word).any(|(at, _)| {
            let window: String = lower[at + word.len()..].chars().take(24).collect();
            has_token(&window, &value.to_lowercase())
        })
    });
    let marked = ["（默认）", "(默认)"].iter().any(|mark| row.text.contains(&format!("{value}{mark}")));
    after_word || marked
}

/// A JSON array in one value, as the row describes it (`JSON数组`, `["d-xxx", …]`).
fn states_json_array(row: &PageRow) -> bool {
    let compact: String = row.text.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_lowercase();
    lower.contains("json数组") || lower.contains("json格式的数组") || lower.contains("jsonarray")
}

/// How values travel: one, a JSON array in one, or one parameter per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Single,
    Json,
    Indexed,
}

fn spec_shape(param: &Param) -> Shape {
    match param.list.as_ref().map(|l| l.encoding) {
        Some(ListEncoding::Indexed) => Shape::Indexed,
        Some(ListEncoding::Json) => Shape::Json,
        Some(ListEncoding::Comma) | None => Shape::Single,
    }
}

fn location_word(location: Location) -> &'static str {
    match location {
        Location::Query => "query",
        Location::Path => "path",
        Location::Body => "body",
        Location::Header => "header",
    }
}

fn score_against(
    spec: &ApiSpec,
    truth: &[TruthParam],
    page: &str,
    rows: &BTreeMap<String, PageRow>,
    stem: &str,
    set: &mut SetReport,
) {
    let extracted: BTreeMap<String, &Param> =
        spec.request.iter().map(|p| (key(&[p.name.as_str()]), p)).collect();
    let truth_keys: BTreeMap<String, &TruthParam> =
        truth.iter().map(|t| (key(&t.parts.iter().map(String::as_str).collect::<Vec<_>>()), t)).collect();
    let page_lower = request_part(page).to_ascii_lowercase();
    for (name, truth_param) in &truth_keys {
        if !mentions(&page_lower, &truth_param.parts) {
            continue;
        }
        set.truth_names += 1;
        let Some(param) = extracted.get(name) else {
            set.missed.push(format!("{stem}: {}", truth_param.parts.join(".")));
            continue;
        };
        set.recalled += 1;
        let row = rows.get(name).cloned().unwrap_or_default();
        let mut check = |tally: fn(&mut SetReport) -> &mut Tally,
                         what: &str,
                         agrees: bool,
                         truth: String,
                         ours: String| {
            let shown = format!("{what} {stem}:{} {}: truth {truth}, spec {ours}", row.line, param.name);
            if !agrees && let Some(reason) = reviewed(&set.name, stem, &param.name, what) {
                set.reviewed.push(format!("{shown} ({reason})"));
                return;
            }
            tally(set).count(agrees);
            if !agrees {
                set.disagreements.push(shown);
            }
        };
        if let Some(class) = truth_param.class {
            let ours = param_class(param);
            check(|s| &mut s.types, "type", class == ours, class.to_owned(), ours.to_owned());
            let expected = if class == "array" || truth_param.in_group {
                Shape::Indexed
            } else if states_json_array(&row) {
                Shape::Json
            } else {
                Shape::Single
            };
            let ours = spec_shape(param);
            check(|s| &mut s.list, "list", expected == ours, format!("{expected:?}"), format!("{ours:?}"));
        }
        if let Some(required) = truth_param.required {
            check(
                |s| &mut s.required,
                "required",
                required == param.required,
                required.to_string(),
                param.required.to_string(),
            );
        }
        if let Some(location) = &truth_param.location {
            let ours = location_word(param.location);
            check(|s| &mut s.location, "location", location == ours, location.clone(), ours.to_owned());
        }
        let stated: Vec<&String> = truth_param.values.iter().filter(|v| has_token(&row.text, v)).collect();
        if stated.len() >= 2 {
            let ours: Vec<&str> =
                param.enumeration.iter().flat_map(|e| e.values.iter().map(|v| v.value.as_str())).collect();
            let all_in = stated.iter().all(|v| ours.contains(&v.as_str()));
            let none_invented = ours.iter().all(|v| has_token(&row.text, v));
            check(
                |s| &mut s.enums,
                "enum",
                all_in && none_invented,
                format!("{stated:?}"),
                format!("{ours:?}"),
            );
        }
        if let Some(default) = truth_param.default.as_deref().filter(|d| states_default(&row, d)) {
            let ours = param.default.clone().unwrap_or_default();
            check(|s| &mut s.defaults, "default", ours == default, default.to_owned(), format!("{ours:?}"));
        }
        if truth_param.min.is_some() || truth_param.max.is_some() {
            let range = param.range.as_ref();
            let ours = (range.and_then(|r| r.min), range.and_then(|r| r.max));
            let agrees = ours == (truth_param.min, truth_param.max);
            check(
                |s| &mut s.ranges,
                "range",
                agrees,
                format!("{:?}", (truth_param.min, truth_param.max)),
                format!("{ours:?}"),
            );
        }
    }
    set.extracted += extracted.len();
    set.precise += extracted.keys().filter(|k| truth_keys.contains_key(*k)).count();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_index_and_case() {
        assert_eq!(key(&["Tag.N.Key"]), key(&["Tag", "Key"]));
        assert_eq!(key(&["images.n"]), "images");
        assert_eq!(key(&["InstanceIds.N"]), key(&["InstanceIds"]));
    }

    #[test]
    fn truths_of_every_set_read() {
        let alibaba: Value = serde_json::json!({"parameters": [
            {"name": "DataDisk", "type": "RepeatList", "required": false, "position": "Query",
             "sub_parameters": [{"name": "Size", "type": "Integer", "required": false}]},
            {"name": "RegionId", "type": "String", "required": true, "position": "Query"}]});
        let params = truth_params(&alibaba);
        assert_eq!(params[0].parts, ["DataDisk", "Size"]);
        assert_eq!((params[0].class, params[0].in_group), (Some("integer"), true));
        assert_eq!(
            params[0].location.as_deref(),
            Some("query"),
            "a sub-parameter travels where its group does"
        );
        assert_eq!(params[1].required, Some(true));
        let tencent: Value = serde_json::json!({"request_params": [{"name": "imageIds"}, {"name": "x", "type": "list of str", "required": null}]});
        let params = truth_params(&tencent);
        assert_eq!((params[0].class, params[0].required), (None, None));
        assert_eq!((params[1].class, params[1].required), (Some("array"), None));
        let qingcloud: Value = serde_json::json!({"request_params": [
            {"name": "status", "type": "array", "items": {"type": "string", "enum": ["pending", "ceased"]}},
            {"name": "verbose", "type": "integer", "enum": [0, 1], "default": 0},
            {"name": "cpu_max", "type": "integer", "default": null}]});
        let params = truth_params(&qingcloud);
        assert_eq!(params[0].values, ["pending", "ceased"]);
        assert_eq!(
            (params[1].values.as_slice(), params[1].default.as_deref()),
            (&["0".to_owned(), "1".to_owned()][..], Some("0"))
        );
        assert_eq!(params[2].default, None);
    }

    #[test]
    fn only_the_request_part_counts() {
        let page = "## 请求参数\n|a|\n## 返回数据\n|b|\n";
        assert_eq!(request_part(page), "## 请求参数\n|a|\n");
        assert_eq!(request_part("**Response Elements**\n"), "");
    }

    #[test]
    fn mentions_need_whole_words() {
        let page = "| datadisk.n.size | integer |\n|**zoneid**|\nimages.n\n见portable字段";
        assert!(mentions(page, &["DataDisk".into(), "Size".into()]));
        assert!(!mentions(page, &["zone".into()]));
        assert!(mentions(page, &["ZoneId".into()]));
        assert!(mentions(page, &["images".into()]));
        assert!(!mentions(page, &["portable".into()]));
    }

    #[test]
    fn what_a_row_states() {
        let row = |text: &str| PageRow { line: 1, text: text.to_owned(), default_cell: None };
        // QingCloud AllocateEips: both values and the default are stated.
        let eips = row(
            "billing_mode | String | 公网IP计费模式：bandwidth 按带宽计费，traffic 按流量计费，默认是 bandwidth | No",
        );
        assert!(has_token(&eips.text, "traffic") && states_default(&eips, "bandwidth"));
        assert!(!states_default(&eips, "traffic"), "named, but not as the default");
        assert!(!has_token("大小范围是 20-1000GB", "1000"), "part of a longer token");
        assert!(has_token("1为需要，0为不需要", "0"));
        assert!(states_default(&row("镜像类型，取值：\n- 1（默认）：私有"), "1"));
        let jd = PageRow {
            default_cell: Some("month".into()),
            ..row("chargeUnit | String | 否 | month | 单位")
        };
        assert!(states_default(&jd, "month"));
        assert!(states_json_array(&row("磁盘ID。一个带有格式的JSON数组，格式为[\"d-1\"]")));
        assert!(!states_json_array(&row("安全组ID列表，用半角逗号隔开")));
    }
}
