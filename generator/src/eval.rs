//! The corpus evaluation: every page of a corpus (`DIR/<set>/<Api>.{md,txt,html}` with the truth in
//! `DIR/<set>/truth/<Api>.json`) → a [`Report`] of figures per set.
//!
//! Per set: pages read, pages failed, recall and precision of request-parameter names, and agreement
//! on type and required where the truth records them. Names are compared case-insensitively with the
//! list index left out (`Tag.N.Key` ~ `Tag` + sub-parameter `Key`, `images.n` ~ `images`). Recall
//! counts only the truth's names the page itself mentions: truths list parameters newer than the
//! page.

use crate::extract::{self, Options};
use crate::spec::{ApiSpec, Param, Profile, Scalar, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Least name recall every set must reach.
pub const RECALL_TARGET: f64 = 0.98;

/// Figures per corpus set, sets in name order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub sets: Vec<SetReport>,
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
    pub types_compared: usize,
    pub types_agreed: usize,
    pub required_compared: usize,
    pub required_agreed: usize,
    /// Truth names the page mentions but the extraction missed, as `Page: name`.
    pub missed: Vec<String>,
}

impl SetReport {
    pub fn recall(&self) -> f64 {
        ratio(self.recalled, self.truth_names)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.precise, self.extracted)
    }

    /// No failed page and name recall at the target.
    pub fn meets_targets(&self) -> bool {
        self.failed.is_empty() && self.recall() >= RECALL_TARGET
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

impl Report {
    /// Every set meets the targets (no failed page, name recall at least 98%).
    pub fn meets_targets(&self) -> bool {
        self.sets.iter().all(SetReport::meets_targets)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<18} {:>5} {:>6} {:>8} {:>9} {:>9} {:>9}",
            "set", "pages", "failed", "recall", "precision", "type", "required"
        )?;
        let percent = |part: usize, whole: usize| {
            if whole == 0 { "-".to_owned() } else { format!("{:.1}%", 100.0 * ratio(part, whole)) }
        };
        for set in &self.sets {
            writeln!(
                f,
                "{:<18} {:>5} {:>6} {:>8} {:>9} {:>9} {:>9}",
                set.name,
                set.pages,
                set.failed.len(),
                format!("{} ({}/{})", percent(set.recalled, set.truth_names), set.recalled, set.truth_names),
                percent(set.precise, set.extracted),
                percent(set.types_agreed, set.types_compared),
                percent(set.required_agreed, set.required_compared),
            )?;
        }
        for set in &self.sets {
            for failure in &set.failed {
                writeln!(f, "failed: {failure}")?;
            }
            for missed in &set.missed {
                writeln!(f, "missed in {}: {missed}", set.name)?;
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
    let options = Options::default();
    // A panic is a crash the evaluation must report, not end on.
    let outcome = std::panic::catch_unwind(|| extract::extract_page(&shown, &bytes, profile, &options));
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
    score_against(&spec, &truth_params(&truth), &String::from_utf8_lossy(&bytes), &stem, set);
    Ok(())
}

/// One request parameter as a truth records it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TruthParam {
    /// Name parts: `["Tag", "Key"]` for Alibaba's `Tag` with sub-parameter `Key`.
    parts: Vec<String>,
    /// Coarse type class, when the truth gives a type.
    class: Option<&'static str>,
    required: Option<bool>,
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
        if !subs.is_empty() {
            for (sub_name, sub) in subs {
                params.push(TruthParam {
                    parts: vec![name.to_owned(), sub_name.to_owned()],
                    class: sub.get("type").and_then(Value::as_str).map(truth_class),
                    required: sub.get("required").and_then(Value::as_bool),
                });
            }
            continue;
        }
        {
            params.push(TruthParam {
                parts: vec![name.to_owned()],
                class: param.get("type").and_then(Value::as_str).map(truth_class),
                required: param.get("required").and_then(Value::as_bool),
            });
        }
    }
    params
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
    if param.list.as_ref().is_some_and(|l| l.field.is_none()) {
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

fn score_against(spec: &ApiSpec, truth: &[TruthParam], page: &str, stem: &str, set: &mut SetReport) {
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
        if let Some(class) = truth_param.class {
            set.types_compared += 1;
            set.types_agreed += usize::from(class == param_class(param));
        }
        if let Some(required) = truth_param.required {
            set.required_compared += 1;
            set.required_agreed += usize::from(required == param.required);
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
            {"name": "DataDisk", "type": "RepeatList", "required": false,
             "sub_parameters": [{"name": "Size", "type": "Integer", "required": false}]},
            {"name": "RegionId", "type": "String", "required": true}]});
        let params = truth_params(&alibaba);
        assert_eq!(params[0].parts, ["DataDisk", "Size"]);
        assert_eq!(params[0].class, Some("integer"));
        assert_eq!(params[1].required, Some(true));
        let tencent: Value = serde_json::json!({"request_params": [{"name": "imageIds"}, {"name": "x", "type": "list of str", "required": null}]});
        let params = truth_params(&tencent);
        assert_eq!((params[0].class, params[0].required), (None, None));
        assert_eq!((params[1].class, params[1].required), (Some("array"), None));
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
}
