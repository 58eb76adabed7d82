//! What a description says: a cell's text → [`Facts`] (enum values and their meanings, default,
//! numeric bounds, list size, deprecation, format, comma-joined lists) and [`Conditions`].
//!
//! Input is the text of one description cell (raw or already [`plain`]); output is plain data that
//! the request and response extractors put into the spec. Entry points for other extractors:
//!
//! - [`read`]: every fact of one description at once;
//! - [`enum_values`], [`default_value`], [`bounds`], [`max_items`], [`deprecation`], [`format()`],
//!   [`comma_joined`], [`values_elsewhere`]: one fact each;
//! - [`conditions`]: which other parameters a description makes required;
//! - [`page_value_lists`] and [`find_value_list`]: value lists written elsewhere on the page, for
//!   descriptions that say `具体值见上` (seed 001).
//!
//! The phrases recognised are the ones the providers write: bullets `- a：meaning`, `有效值为 a 和 b`, `只支持为 0`,
//! `有效值为 centos，ubuntu … 等` (an open set), `取值范围：- x：…`, `取值范围： public（官方）、…`,
//! `可能值：`, `镜像状态: pending, available, …`, `1：私有镜像、2：公有镜像`; defaults `默认为20`,
//! `默认值：10`, `默认值为0`, `默认 20`, `X（默认）`; bounds `最大100`, `最大值：100`, `取值范围[10, 100]`,
//! `起始值：1`; list sizes `N的取值范围：1~20`, `最多指定10个`, `上限为10`; deprecation `即将被弃用`,
//! `即将停止使用`; formats `yyyy-MM-ddTHH:mmZ`, `ISO8601`, `注意要小写`.

use super::tables::plain;
use crate::source::{Block, Document, ListItem};
use crate::spec::{EnumValue, FormatKind};
use regex::Regex;
use std::sync::LazyLock;

/// Everything one description says that the spec records.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Facts {
    pub values: Option<Values>,
    pub default: Option<String>,
    pub bounds: Option<Bounds>,
    pub max_items: Option<u32>,
    pub deprecated: Option<Deprecated>,
    pub format: Option<FormatFact>,
    /// `支持同时取多个值，值之间以半角逗号（,）隔开`: several values in one comma-joined parameter.
    pub comma_joined: bool,
    /// `具体值见上`: the values are listed elsewhere on the page (see [`find_value_list`]).
    pub values_elsewhere: bool,
}

/// A closed or open set of values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Values {
    pub values: Vec<EnumValue>,
    /// The page says other values exist (`… 等`, `vdb... ...vdm`).
    pub open: bool,
    /// A value marked `（默认）` in the list.
    pub default: Option<String>,
}

/// Inclusive numeric bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub min: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Deprecated {
    /// What the page advises instead (`建议您尽量使用Tag.N.Value参数`).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormatFact {
    pub kind: FormatKind,
    pub pattern: Option<String>,
}

/// Conditional requirements stated by a description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Conditions {
    /// When this parameter is set, these must be set too.
    pub requires: Vec<String>,
    /// This parameter is required unless one of these is set.
    pub required_unless: Vec<String>,
}

/// Reads every fact of one description.
pub(crate) fn read(text: &str) -> Facts {
    let text = plain(text);
    let values = enum_values(&text);
    let default = default_value(&text).or_else(|| values.as_ref().and_then(|v| v.default.clone()));
    Facts {
        values,
        default,
        bounds: bounds(&text),
        max_items: max_items(&text),
        deprecated: deprecation(&text),
        format: format(&text),
        comma_joined: comma_joined(&text),
        values_elsewhere: values_elsewhere(&text),
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

// ---------------------------------------------------------------------------------------------
// Enum values.

/// Words that introduce a list of values. Longer spellings first: the regex takes the first
/// alternative that matches at a position.
static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(有效值为|有效值是|有效值|只支持为|取值范围|可能值|可选值|可选范围|可选项|可取值|取值说明如下|取值说明|取值为|取值是|取值|状态|类型)\s*(?:为|是|包括|如下)?\s*[:：]?",
    )
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:[-*+•·]|\d+[.、)])\s+(.*)$"));
static ITEM_WITH_COLON: LazyLock<Regex> =
    LazyLock::new(|| re(r"^`?([^`：:（(]+?)`?\s*(（默认）|\(默认\)|（默认值）|\(默认值\))?\s*[：:]\s*(.*)$"));
static ITEM_WITH_SPACE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^`?([A-Za-z0-9_][A-Za-z0-9_.\-/]*)`?\s+(\P{ASCII}.*)$"));
/// `当该参数取值为`X`时`, with or without the backticks (readers drop them from code spans).
static QUOTED_VALUE: LazyLock<Regex> =
    LazyLock::new(|| re(r"取值为\s*(?:`([^`]+)`|([A-Za-z0-9_][A-Za-z0-9_.\-]*))"));
static PARENS: LazyLock<Regex> = LazyLock::new(|| re(r"^(.*?)\s*[（(]\s*(.*?)\s*[）)]$"));

/// The values a description lists, with their meanings, if it lists any.
pub(crate) fn enum_values(text: &str) -> Option<Values> {
    let text = plain(text);
    let lines: Vec<&str> = text.lines().collect();
    // A list introduced by `取值范围`, `有效值为`, … either follows on the same line or as bullets.
    for found in INTRO.captures_iter(&text) {
        let (Some(whole), Some(word)) = (found.get(0), found.get(1)) else { continue };
        let weak = matches!(word.as_str(), "状态" | "类型");
        if weak && !whole.as_str().ends_with([':', '：']) {
            continue;
        }
        if text[..whole.start()].ends_with(['N', 'n']) || text[..whole.start()].ends_with("N的") {
            continue;
        }
        let rest = &text[whole.end()..];
        let segment = sentence(rest);
        if segment.trim().is_empty() {
            let line_index = text[..whole.end()].matches('\n').count();
            if let Some(values) = bullet_group(&lines[line_index + 1..]) {
                return Some(values);
            }
            continue;
        }
        if starts_like_a_range(segment) {
            continue;
        }
        if let Some(values) = inline_list(segment, weak) {
            return Some(values);
        }
    }
    if let Some(values) = first_bullet_group(&lines) {
        return Some(values);
    }
    numbered_meanings(&text)
}

/// The text up to the end of its sentence (`。`, `；`, a line break).
fn sentence(text: &str) -> &str {
    let end = text.find(['。', '；', ';', '\n']).unwrap_or(text.len());
    &text[..end]
}

fn starts_like_a_range(segment: &str) -> bool {
    static RANGE_START: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\s*[\[［(（]?\s*-?\d+(?:\.\d+)?\s*(?:[,，~～]|至|到|-\s*\d)"));
    RANGE_START.is_match(segment)
}

/// The first run of bullet lines after `lines[0..]` skipping blank lines, if every bullet of it
/// reads as a value.
fn bullet_group(lines: &[&str]) -> Option<Values> {
    let mut items = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        match BULLET.captures(line).and_then(|c| c.get(1)) {
            Some(item) => items.push(item.as_str()),
            None => break,
        }
    }
    values_of_bullets(&items)
}

/// The first bullet run anywhere in the text whose every bullet reads as a value.
fn first_bullet_group(lines: &[&str]) -> Option<Values> {
    let mut start = 0;
    while start < lines.len() {
        if BULLET.is_match(lines[start]) {
            if let Some(values) = bullet_group(&lines[start..]) {
                return Some(values);
            }
            while start < lines.len() && (BULLET.is_match(lines[start]) || lines[start].trim().is_empty()) {
                start += 1;
            }
        } else {
            start += 1;
        }
    }
    None
}

fn values_of_bullets(items: &[&str]) -> Option<Values> {
    if items.is_empty() {
        return None;
    }
    let mut values = Values { values: Vec::new(), open: false, default: None };
    for item in items {
        let parsed = bullet_value(item)?;
        if parsed.default && values.default.is_none() {
            values.default = Some(parsed.value.value.clone());
        }
        values.values.push(parsed.value);
    }
    Some(values)
}

struct Item {
    value: EnumValue,
    default: bool,
}

/// One bullet as a value: `value：meaning`, `` `value`：meaning ``, `value（默认）：meaning`,
/// `value meaning` (seed 002), a bare `value`, or `当该参数取值为`X`时，…`.
fn bullet_value(item: &str) -> Option<Item> {
    let item = item.trim();
    if looks_like_a_sub_field(item) {
        return None;
    }
    if let Some(c) = ITEM_WITH_COLON.captures(item) {
        let value = c.get(1).map_or("", |m| m.as_str()).trim();
        let meaning = c.get(3).map_or("", |m| m.as_str()).trim();
        if is_value_like(value) && !meaning.is_empty() {
            return Some(Item { value: enum_value(value, Some(meaning)), default: c.get(2).is_some() });
        }
    }
    let bare = item.trim_matches('`').trim_end_matches(['。', '.', '；', ';']);
    if is_value_like(bare) {
        return Some(Item { value: enum_value(bare, None), default: false });
    }
    if let Some(c) = ITEM_WITH_SPACE.captures(item) {
        let value = c.get(1).map_or("", |m| m.as_str());
        let meaning = c.get(2).map_or("", |m| m.as_str()).trim();
        return Some(Item { value: enum_value(value, Some(meaning)), default: false });
    }
    if let Some(c) = QUOTED_VALUE.captures(item) {
        let value = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str()).trim();
        if is_value_like(value) {
            return Some(Item { value: enum_value(value, Some(item)), default: false });
        }
    }
    None
}

/// `color String 类型,标签颜色` (seed 002's `tags` bullets) names a field, not a value.
fn looks_like_a_sub_field(item: &str) -> bool {
    static SUB_FIELD: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^[A-Za-z_][A-Za-z0-9_]*\s+(string|integer|int|long|boolean|bool|float|timestamp|array|object)\b",
        )
    });
    SUB_FIELD.is_match(item)
}

fn enum_value(value: &str, meaning: Option<&str>) -> EnumValue {
    let meaning = meaning.map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned);
    EnumValue { value: value.trim_matches('`').to_owned(), meaning }
}

/// A literal value as pages write them: ASCII, short, at most three words, no sentence
/// punctuation (`Available`, `x86_64`, `ssd.gp1`, `Windows Server`, `64bit`, `1`).
fn is_value_like(text: &str) -> bool {
    let text = text.trim_matches('`');
    let Some(first) = text.chars().next() else { return false };
    text.len() <= 64
        && (first.is_ascii_alphanumeric() || first == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || "_-./+*:@# ".contains(c))
        && !text.ends_with([' ', '.', ':'])
        && !text.contains("  ")
        && text.split(' ').count() <= 3
}

/// Splits an inline list (`public（官方）、private（私有）`, `centos，ubuntu 和 windows 等`) into
/// values. `weak` lists (after a bare `状态:`) need two or more single-word values.
fn inline_list(segment: &str, weak: bool) -> Option<Values> {
    let mut segment = segment.trim().trim_end_matches(['。', '.', '，', ',']).trim();
    let mut open = false;
    for suffix in ["等等", "等", "之一"] {
        if let Some(stripped) = segment.strip_suffix(suffix) {
            open |= suffix != "之一";
            segment = stripped.trim_end();
        }
    }
    let mut values = Values { values: Vec::new(), open, default: None };
    for item in split_items(segment) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        if item.contains("...") || item.contains('…') {
            values.open = true;
            for piece in item.split(['.', '…']).map(str::trim).filter(|p| !p.is_empty()) {
                values.values.push(inline_value(piece)?);
            }
            continue;
        }
        values.values.push(inline_value(item)?);
    }
    if values.values.is_empty() {
        return None;
    }
    if weak && (values.values.len() < 2 || values.values.iter().any(|v| v.value.contains(' '))) {
        return None;
    }
    Some(values)
}

/// One inline item: `value`, `value（meaning）`, `meaning ( value )`, `value：meaning`, quoted.
fn inline_value(item: &str) -> Option<EnumValue> {
    let item = item.trim().trim_matches(['“', '”', '"', '\'']).trim();
    if is_value_like(item) {
        return Some(enum_value(item, None));
    }
    if let Some(c) = PARENS.captures(item) {
        let outer = c.get(1).map_or("", |m| m.as_str()).trim();
        let inner = c.get(2).map_or("", |m| m.as_str()).trim();
        if is_value_like(outer) {
            return Some(enum_value(outer, Some(inner)));
        }
        if is_value_like(inner) && !outer.is_empty() {
            return Some(enum_value(inner, Some(outer)));
        }
    }
    if let Some((value, meaning)) = item.split_once(['：', ':'])
        && is_value_like(value.trim())
        && !meaning.trim().is_empty()
    {
        return Some(enum_value(value.trim(), Some(meaning)));
    }
    None
}

/// Splits at `、`, `，`, `,`, `和`, `或`, `and`, `or`, outside parentheses.
fn split_items(segment: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut depth = 0u32;
    let mut rest = segment;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let separator = if depth > 0 {
            0
        } else if matches!(c, '、' | '，' | ',' | '和' | '或' | '/') {
            len
        } else if rest.starts_with(" and ") || rest.starts_with(" or ") {
            rest[1..].find(' ').map_or(0, |i| i + 2)
        } else {
            0
        };
        if separator > 0 {
            items.push(std::mem::take(&mut current));
            rest = &rest[separator..];
            continue;
        }
        current.push(c);
        rest = &rest[len..];
    }
    items.push(current);
    items
}

/// `1：私有镜像、2：公有镜像、3：镜像市场` with no introducing word: two or more `value：meaning`
/// pairs in one sentence.
fn numbered_meanings(text: &str) -> Option<Values> {
    for sentence in text.split(['。', '\n', '；', ';']) {
        let pairs: Vec<&str> = sentence.split(['、', '，', ',']).map(str::trim).collect();
        let parsed: Vec<EnumValue> = pairs
            .iter()
            .filter_map(|pair| {
                let (value, meaning) = pair.split_once(['：', ':'])?;
                let value = value.trim();
                (is_value_like(value) && !value.contains(' ') && !meaning.trim().is_empty())
                    .then(|| enum_value(value, Some(meaning)))
            })
            .collect();
        if parsed.len() >= 2 && parsed.len() == pairs.len() {
            return Some(Values { values: parsed, open: false, default: None });
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Defaults, bounds, list sizes.

static DEFAULT_QUOTED: LazyLock<Regex> =
    LazyLock::new(|| re(r#"默认(?:值)?\s*(?:为|是)?\s*[:：]?\s*[“"]([^”"]+)[”"]"#));
static DEFAULT_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"默认(?:值)?\s*(?:为|是)?\s*[:：]?\s*`?([A-Za-z0-9_\-+:]+(?:\.[A-Za-z0-9_\-+:]+)*)`?")
});

/// The default a description states (`默认为20`, `默认值：10`, `默认值为0`, `默认 20`, `默认为“未命名”`).
/// `默认值：空` states none.
pub(crate) fn default_value(text: &str) -> Option<String> {
    let text = plain(text);
    if let Some(c) = DEFAULT_QUOTED.captures(&text) {
        return c.get(1).map(|m| m.as_str().to_owned());
    }
    for c in DEFAULT_TOKEN.captures_iter(&text) {
        let Some(token) = c.get(1) else { continue };
        // `默认值：max{40, …}` is a formula, not a value.
        if text[token.end()..].starts_with(['{', '(', '[', '（']) {
            continue;
        }
        return Some(token.as_str().to_owned());
    }
    None
}

static RANGE_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(取值范围|范围|取值)\s*(?:为|是)?\s*[:：]?\s*[\[［(（]\s*(-?\d+)\s*[,，~～]\s*(-?\d+)\s*[\]］)）]")
});
static RANGE_TILDE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(取值范围|范围|取值)\s*(?:为|是)?\s*[:：]?\s*(-?\d+)\s*(?:[~～]|至|到|-)\s*(-?\d+)")
});
static MAXIMUM: LazyLock<Regex> =
    LazyLock::new(|| re(r"最大(?:值)?\s*(?:为|是|不能超过|不超过|不可超过)?\s*[:：]?\s*(-?\d+)"));
static MINIMUM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:最小(?:值)?|起始值)\s*(?:为|是|不能小于|不小于)?\s*[:：]?\s*(-?\d+)"));

/// Units that make a number a length or a count, not a bound on the value.
fn followed_by_a_unit(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start();
    ["个字符", "字符", "个英文", "个中文", "个汉字", "字节", "位", "个"].iter().any(|u| after.starts_with(u))
}

/// The numeric bounds a description states. Several statements widen the bounds (a page that
/// gives one range per disk category accepts their union).
pub(crate) fn bounds(text: &str) -> Option<Bounds> {
    let text = plain(text);
    let mut found = Bounds { min: None, max: None };
    let mut widen = |min: Option<i64>, max: Option<i64>| {
        if let Some(min) = min {
            found.min = Some(found.min.map_or(min, |m| m.min(min)));
        }
        if let Some(max) = max {
            found.max = Some(found.max.map_or(max, |m| m.max(max)));
        }
    };
    for pattern in [&*RANGE_BRACKETS, &*RANGE_TILDE] {
        for c in pattern.captures_iter(&text) {
            let (Some(whole), Some(low), Some(high)) = (c.get(0), c.get(2), c.get(3)) else { continue };
            if is_list_size_intro(&text[..whole.start()]) || followed_by_a_unit(&text, whole.end()) {
                continue;
            }
            widen(low.as_str().parse().ok(), high.as_str().parse().ok());
        }
    }
    for c in MAXIMUM.captures_iter(&text) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else { continue };
        if !followed_by_a_unit(&text, whole.end()) {
            widen(None, n.as_str().parse().ok());
        }
    }
    for c in MINIMUM.captures_iter(&text) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else { continue };
        if !followed_by_a_unit(&text, whole.end()) {
            widen(n.as_str().parse().ok(), None);
        }
    }
    (found.min.is_some() || found.max.is_some()).then_some(found)
}

/// `N的取值范围`, `n的取值范围为`: the range that follows bounds a list's index, not a value.
fn is_list_size_intro(before: &str) -> bool {
    let before = before.trim_end().trim_end_matches('`');
    before.ends_with("N的")
        || before.ends_with("n的")
        || before.ends_with("`n`的")
        || before.ends_with("N 的")
}

static INDEX_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"`?[Nn]`?\s*的取值范围\s*(?:为|是)?\s*[:：]?\s*[\[［(（]?\s*(\d+)\s*(?:[,，~～]|至|到|-)\s*(\d+)")
});
static AT_MOST: LazyLock<Regex> =
    LazyLock::new(|| re(r"最多(?:可以|可)?(?:指定|支持|传入|输入|添加|设置|包含)?\s*(\d+)\s*个"));
static UPPER_LIMIT: LazyLock<Regex> = LazyLock::new(|| re(r"上限为\s*(\d+)"));

/// The most items a list takes (`N的取值范围：1~20`, `最多指定10个`, `最多100个`, `上限为10`).
pub(crate) fn max_items(text: &str) -> Option<u32> {
    let text = plain(text);
    if let Some(n) = INDEX_RANGE.captures(&text).and_then(|c| c.get(2)) {
        return n.as_str().parse().ok();
    }
    for c in AT_MOST.captures_iter(&text) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else { continue };
        // `最多支持128个字符` is a length.
        let after = &text[whole.end()..];
        if ["字符", "英文", "中文", "汉字", "字节"].iter().any(|u| after.starts_with(u)) {
            continue;
        }
        return n.as_str().parse().ok();
    }
    UPPER_LIMIT.captures(&text).and_then(|c| c.get(1)).and_then(|n| n.as_str().parse().ok())
}

// ---------------------------------------------------------------------------------------------
// Deprecation, formats, encodings, references.

/// The English word counts only at the start of a line: inside a line it is usually a value
/// (QingCloud's image status `deprecated`).
static DEPRECATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)即将被弃用|即将弃用|即将停止使用|即将废弃|即将下线|已被?废弃|已被?弃用|不再推荐使用|^\s*deprecated\b",
    )
});
static ADVICE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:建议|请)[^。；;\n]*"));

/// Whether the description says the parameter is deprecated, and what it advises instead. Bullets
/// are skipped: there `已弃用` describes a value (`Deprecated：已弃用的镜像`).
pub(crate) fn deprecation(text: &str) -> Option<Deprecated> {
    let text = plain(text);
    for line in text.lines().filter(|line| !BULLET.is_match(line)) {
        if let Some(found) = DEPRECATED.find(line) {
            // `ssd（已废弃）` inside a value list marks the value, not the parameter.
            let before = &line[..found.start()];
            if before.ends_with(['（', '('])
                && before.trim_end_matches(['（', '(']).ends_with(|c: char| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let rest = sentence(&line[found.end()..]);
            let note = ADVICE.find(rest).map(|m| m.as_str().trim().to_owned());
            return Some(Deprecated { note });
        }
    }
    None
}

static DATE_PATTERN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)yyyy[-/.]?mm[-/.]?dd[^\s，。,;；)）`'“”]*"));
static LOWERCASE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:注意|必须|需要|需|须|要求|全部)(?:要|为|是)?小写"));

/// The format a value must follow: a date-time pattern, `ISO8601`, or lower case.
pub(crate) fn format(text: &str) -> Option<FormatFact> {
    let text = plain(text);
    if let Some(found) = DATE_PATTERN.find(&text) {
        let pattern = found.as_str().trim_end_matches(['.', '。']).to_owned();
        return Some(FormatFact { kind: FormatKind::DateTime, pattern: Some(pattern) });
    }
    if text.contains("ISO8601") || text.contains("ISO 8601") {
        return Some(FormatFact { kind: FormatKind::DateTime, pattern: None });
    }
    if LOWERCASE.is_match(&text) {
        return Some(FormatFact { kind: FormatKind::Lowercase, pattern: None });
    }
    None
}

static COMMA: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"逗号[^。；;\n]{0,12}(?:隔开|分隔|分割|间隔)|[“"'（(]\s*[,，]\s*[”"'）)]\s*(?:隔开|分隔|分割)"#)
});

/// `支持同时取多个值，值之间以半角逗号（,）隔开`: one parameter carries several comma-joined values.
pub(crate) fn comma_joined(text: &str) -> bool {
    COMMA.is_match(&plain(text))
}

/// `具体值见上`: the values are listed elsewhere on the page.
pub(crate) fn values_elsewhere(text: &str) -> bool {
    ["具体值见上", "取值见上", "见上文", "见上表", "如上所述", "参见上文"].iter().any(|p| text.contains(p))
}

// ---------------------------------------------------------------------------------------------
// Conditions.

const SET_TRIGGERS: [&str; 9] = [
    "如果指定",
    "若指定",
    "指定了",
    "指定该参数时",
    "传入该参数时",
    "当指定",
    "使用该参数时",
    "设置该参数时",
    "传入了",
];
const UNSET_TRIGGERS: [&str; 7] = ["没有指定", "未指定", "不指定", "没有传入", "未传入", "不传", "没有传"];
const REQUIRED_WORDS: [&str; 5] = ["必选", "必填", "必须", "必传", "必需"];
const NEGATIONS: [&str; 5] = ["不能同时", "不支持同时", "无需", "不可同时", "不需要"];

/// The conditional requirements a description of parameter `own` states about the other
/// parameters `names` (seed 001: `如果指定了镜像 ID，imageType 则为必选`; seed 003:
/// `指定该参数时必须同时指定Filter.N.Key参数`; seed 004: `如果没有指定ids参数，此参数必传`).
pub(crate) fn conditions(text: &str, own: &str, names: &[String]) -> Conditions {
    let text = plain(text).replace('`', "");
    let mut found = Conditions::default();
    let mut others: Vec<&String> = names.iter().filter(|n| n.as_str() != own).collect();
    // Longer names first, so `imageIds` is not read as `ids`.
    others.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for sentence in text.split(['。', '；', ';', '\n', '（', '(']) {
        if NEGATIONS.iter().any(|n| sentence.contains(n)) {
            continue;
        }
        for name in &others {
            let Some(at) = find_name(sentence, name) else { continue };
            let before = &sentence[..at];
            let after = &sentence[at + name.len()..];
            let required_soon = |gap: usize| {
                let window: String = after.chars().take(gap).collect();
                REQUIRED_WORDS.iter().any(|w| window.contains(w))
            };
            let unset_before = UNSET_TRIGGERS
                .iter()
                .any(|t| before.rfind(t).is_some_and(|i| before[i + t.len()..].chars().count() <= 3));
            if unset_before {
                let later = &after;
                if REQUIRED_WORDS.iter().any(|w| later.contains(w)) && !found.required_unless.contains(name) {
                    found.required_unless.push((*name).clone());
                }
                continue;
            }
            let set_before = SET_TRIGGERS.iter().any(|t| before.contains(t));
            let together = before.trim_end().ends_with("同时指定") || before.trim_end().ends_with("同时传入");
            if (together || (set_before && required_soon(8))) && !found.requires.contains(name) {
                found.requires.push((*name).clone());
            }
        }
    }
    found
}

/// Where `name` occurs in `text` as a whole word (not inside a longer identifier).
fn find_name(text: &str, name: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    text.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before_ok = !text[..i].chars().next_back().is_some_and(is_ident);
        let after_ok = !text[i + name.len()..].chars().next().is_some_and(is_ident);
        before_ok && after_ok
    })
}

// ---------------------------------------------------------------------------------------------
// Value lists elsewhere on the page.

/// A list of values written outside any table (seed 001: `镜像拥有5个状态` with bullets `1: 创建中`…).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueList {
    /// The text introducing the list.
    pub topic: String,
    pub values: Values,
    /// Line of the first value.
    pub line: u32,
}

/// Every nested bullet list on the page whose items all read as values.
pub(crate) fn page_value_lists(doc: &Document) -> Vec<ValueList> {
    let mut lists = Vec::new();
    for block in &doc.blocks {
        if let Block::List { items, .. } = block {
            collect_value_lists(items, &mut lists);
        }
    }
    lists
}

fn collect_value_lists(items: &[ListItem], lists: &mut Vec<ValueList>) {
    for item in items {
        if item.children.len() >= 2 {
            let texts: Vec<String> = item.children.iter().map(|c| plain(&c.text)).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            if let Some(values) = values_of_bullets(&refs) {
                let line = item.children.first().map_or(item.line, |c| c.line);
                lists.push(ValueList { topic: plain(&item.text), values, line });
                continue;
            }
        }
        collect_value_lists(&item.children, lists);
    }
}

/// The page list a `具体值见上` description refers to: the one whose topic shares the most
/// two-character words with the description (`按照镜像的类型过滤` → `镜像拥有4个类型`). `None` when
/// no list shares a word or two lists tie.
pub(crate) fn find_value_list<'a>(lists: &'a [ValueList], description: &str) -> Option<&'a ValueList> {
    let words = bigrams(description);
    let mut scored: Vec<(usize, &ValueList)> =
        lists.iter().map(|list| (bigrams(&list.topic).intersection(&words).count(), list)).collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    match scored.as_slice() {
        [(best, list), rest @ ..] if *best > 0 && rest.first().is_none_or(|(next, _)| next < best) => {
            Some(list)
        }
        _ => None,
    }
}

fn bigrams(text: &str) -> std::collections::BTreeSet<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    chars.windows(2).filter(|w| w.iter().all(|c| c.is_alphabetic())).map(|w| w.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, Option<String>)> {
        enum_values(text)
            .map(|v| v.values.into_iter().map(|e| (e.value, e.meaning)).collect())
            .unwrap_or_default()
    }

    fn names(text: &str) -> Vec<String> {
        values(text).into_iter().map(|(v, _)| v).collect()
    }

    #[test]
    fn bullets_with_meanings_and_a_default() {
        let text = "查询某种状态下的镜像。取值范围：\n\n -   Creating：镜像正在创建中。\n-   Waiting：多任务排队中。\n-   Available（默认）：您可以使用的镜像。\n-   UnAvailable：您不能使用的镜像。\n\n 支持同时取多个值，值之间以半角逗号（,）隔开。";
        let facts = read(text);
        let found = facts.values.expect("values");
        assert_eq!(
            found.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
            ["Creating", "Waiting", "Available", "UnAvailable"]
        );
        assert_eq!(found.values[0].meaning.as_deref(), Some("镜像正在创建中。"));
        assert_eq!(facts.default.as_deref(), Some("Available"));
        assert!(facts.comma_joined);
    }

    #[test]
    fn bare_bullets() {
        assert_eq!(
            names("镜像的体系架构。取值范围：\n\n -   i386\n-   x86_64\n-   arm64"),
            ["i386", "x86_64", "arm64"]
        );
        assert_eq!(names("镜像的操作系统类型。取值范围：\n\n -   windows\n-   linux"), ["windows", "linux"]);
    }

    #[test]
    fn valid_values_inline() {
        assert_eq!(names("镜像支持的处理器类型，有效值为 64bit 和 32bit"), ["64bit", "32bit"]);
        assert_eq!(names("镜像的可见范围，有效值为 public 和 private"), ["public", "private"]);
        let open =
            enum_values("镜像操作系统发行版，有效值为 centos，ubuntu，debian，fedora 和 windows 等").unwrap();
        assert!(open.open);
        assert_eq!(open.values.len(), 5);
        assert_eq!(
            values("有效值为 64位 ( 64bit ) 和 32位 ( 32bit )"),
            [("64bit".to_owned(), Some("64位".to_owned())), ("32bit".to_owned(), Some("32位".to_owned()))]
        );
        assert_eq!(
            names("镜像状态，有效值为pending, available, deprecated。"),
            ["pending", "available", "deprecated"]
        );
    }

    #[test]
    fn value_range_inline_with_meanings() {
        let found = values(
            "镜像来源，如果没有指定ids参数，此参数必传。\n 取值范围： public（官方）、private（私有）、shared(共享)、thirdparty（云市场）",
        );
        assert_eq!(found.len(), 4);
        assert_eq!(found[2], ("shared".to_owned(), Some("共享".to_owned())));
        assert_eq!(
            names("操作系统平台。\n取值范围：Windows Server、CentOS、Ubuntu。\n默认值：空"),
            ["Windows Server", "CentOS", "Ubuntu"]
        );
    }

    #[test]
    fn possible_values_and_labels() {
        assert_eq!(names("镜像系统架构类型。可能值：\n\n -   i386\n-   x86_64"), ["i386", "x86_64"]);
        assert_eq!(names("镜像架构。\n可能值：x86_64。"), ["x86_64"]);
        assert_eq!(names("是否返回冗长的信息，目前 verbose 只支持为 0。"), ["0"]);
        assert!(enum_values("ClientToken只支持ASCII字符，且不能超过64个字符。").is_none());
        assert_eq!(names("镜像状态: pending, available, deprecated, suspended, deleted, ceased").len(), 6);
        let ellipsis = enum_values("磁盘逻辑挂载点，可能值：vda、vdb... ...vdm。").unwrap();
        assert!(ellipsis.open);
        assert_eq!(ellipsis.values.len(), 3);
        assert_eq!(
            names("镜像类型。1：私有镜像、2：公有镜像、3：镜像市场、4：共享镜像。默认为2。"),
            ["1", "2", "3", "4"]
        );
        assert_eq!(names("可选范围：\n- `yes`：允许SSH密码登录。\n- `no`：禁止SSH密码登录。"), ["yes", "no"]);
        assert_eq!(
            names("取值范围：<br><li>TRUE：EIP 处于欠费状态<br><li>FALSE：EIP 费用状态正常。"),
            ["TRUE", "FALSE"]
        );
    }

    #[test]
    fn values_named_in_backticks_inside_sentences() {
        let text = "查询资源时的筛选键。取值范围：\n\n -   当该参数取值为`CreationStartTime`时，可以查询在指定时间点后创建的资源信息。\n-   当该参数取值为`CreationEndTime`时，可以查询在指定时间点前创建的资源信息。";
        assert_eq!(names(text), ["CreationStartTime", "CreationEndTime"]);
        assert_eq!(names(&text.replace('`', "")), ["CreationStartTime", "CreationEndTime"]);
    }

    #[test]
    fn no_values_where_there_are_none() {
        assert!(enum_values("镜像ID。").is_none());
        assert!(enum_values("取值范围：详见 [EIP 状态列表](/document/api/213/9452#eip_state)。").is_none());
        assert!(enum_values("当参数AutoRenew取值True时为必选").is_none());
        assert!(enum_values("分页大小；默认为20；取值范围[10, 100]").is_none());
        assert!(enum_values("镜像的标签键。N的取值范围：1~20").is_none());
        assert!(enum_values("- color String 类型,标签颜色\n- tag_id String 类型,标签 ID").is_none());
        assert!(enum_values("公共错误码。0表示成功，其他值表示失败。").is_none());
    }

    #[test]
    fn defaults() {
        assert_eq!(default_value("返回数据长度，默认为20，最大100").as_deref(), Some("20"));
        assert_eq!(default_value("默认值：10").as_deref(), Some("10"));
        assert_eq!(default_value("按照镜像的状态过滤。默认值为0，查询全部镜像。").as_deref(), Some("0"));
        assert_eq!(default_value("返回数量，默认 20，最大值 100。").as_deref(), Some("20"));
        assert_eq!(default_value("镜像是否下线。<br>默认值:false。").as_deref(), Some("false"));
        assert_eq!(default_value("实例名称。默认为“未命名”。").as_deref(), Some("未命名"));
        assert_eq!(default_value("过滤条件的操作符，默认eq").as_deref(), Some("eq"));
        assert_eq!(
            default_value("计费模式，默认为postpaid_by_duration.请参阅").as_deref(),
            Some("postpaid_by_duration")
        );
        assert_eq!(default_value("默认值：空，空表示返回不限制操作系统平台"), None);
        assert_eq!(default_value("如果不指定任何过滤条件,默认返回你所拥有的所有镜像"), None);
        assert_eq!(default_value(r"默认值：max\{40, 参数ImageId对应的镜像大小\}"), None);
    }

    #[test]
    fn bounds_and_sizes() {
        let b = |t: &str| bounds(t).map(|b| (b.min, b.max));
        assert_eq!(b("返回数据长度，默认为20，最大100"), Some((None, Some(100))));
        assert_eq!(b("返回数量，默认 20，最大值 100。"), Some((None, Some(100))));
        assert_eq!(b("每页行数。最大值：100\n\n 默认值：10"), Some((None, Some(100))));
        assert_eq!(b("分页大小；默认为20；取值范围[10, 100]"), Some((Some(10), Some(100))));
        assert_eq!(b("取值范围：[1，5]"), Some((Some(1), Some(5))));
        assert_eq!(b(r"系统盘大小。取值范围：\[20, 500\]"), Some((Some(20), Some(500))));
        assert_eq!(b("镜像资源列表的页码。起始值：1\n\n 默认值：1"), Some((Some(1), None)));
        assert_eq!(b("优先级。取值范围：1~100"), Some((Some(1), Some(100))));
        assert_eq!(b("镜像的标签键。N的取值范围：1~20"), None);
        assert_eq!(b("名称。最多支持128个字符"), None);
        assert_eq!(max_items("镜像的标签键。N的取值范围：1~20"), Some(20));
        assert_eq!(max_items(r"`n`的取值范围为 \[1, 16\]"), Some(16));
        assert_eq!(max_items("可以通过镜像 ID 进行查询（最多指定10个镜像 ID）"), Some(10));
        assert_eq!(max_items("最多100个"), Some(100));
        assert_eq!(max_items("每次请求的`Filters`的上限为10，`Filter.Values`的上限为5。"), Some(10));
        assert_eq!(max_items("名称。最多支持128个字符"), None);
    }

    #[test]
    fn deprecations() {
        let d = deprecation(
            "镜像的标签值。\n\n **说明：** 该参数即将被弃用，为提高兼容性，建议您尽量使用Tag.N.Value参数。",
        )
        .unwrap();
        assert_eq!(d.note.as_deref(), Some("建议您尽量使用Tag.N.Value参数"));
        assert!(deprecation("云盘的设备信息。\n\n **说明：** 该参数即将停止使用，为提高代码的兼容性，建议您尽量不要使用该参数。").is_some());
        assert!(deprecation("取值范围：\n- Deprecated：已弃用的镜像。").is_none());
        assert!(deprecation("可能值：ssd（已废弃）、ssd.gp1").is_none());
        assert!(deprecation("镜像ID。").is_none());
        assert!(deprecation("镜像状态: pending, available, deprecated, suspended").is_none());
        assert!(deprecation("Deprecated: use Tag.N.Key instead.").is_some());
    }

    #[test]
    fn formats() {
        let f = format("查询资源时的筛选值。格式为：`yyyy-MM-ddTHH:mmZ`，采用UTC +0时区。").unwrap();
        assert_eq!((f.kind, f.pattern.as_deref()), (FormatKind::DateTime, Some("yyyy-MM-ddTHH:mmZ")));
        let f = format("遵循ISO8601标准，使用UTC时间，格式为：YYYY-MM-DDTHH:mm:ssZ。").unwrap();
        assert_eq!(f.pattern.as_deref(), Some("YYYY-MM-DDTHH:mm:ssZ"));
        assert_eq!(format("区域 ID，注意要小写").map(|f| f.kind), Some(FormatKind::Lowercase));
        assert_eq!(
            format("为UTC时间，格式可参见 ISO8601.").map(|f| (f.kind, f.pattern)),
            Some((FormatKind::DateTime, None))
        );
        assert!(format("镜像ID").is_none());
    }

    #[test]
    fn comma_joined_and_references() {
        assert!(comma_joined("支持同时取多个值，值之间以半角逗号（,）隔开。"));
        assert!(comma_joined("多个值用“,”分隔"));
        assert!(!comma_joined("镜像ID。"));
        assert!(values_elsewhere("按照镜像的类型过滤；具体值见上。"));
        assert!(!values_elsewhere("按照镜像的类型过滤。"));
    }

    #[test]
    fn conditional_requirements() {
        let names: Vec<String> =
            ["imageType", "imageIds.n", "status", "ids", "imageSource", "Filter.N.Key", "Filter.N.Value"]
                .map(String::from)
                .to_vec();
        let c = conditions(
            "按照镜像 ID 过滤；如果指定了镜像 ID，imageType 则为必选（此接口支持同时传入多个 ID。",
            "imageIds.n",
            &names,
        );
        assert_eq!(c.requires, ["imageType"]);
        let c = conditions(
            "查询资源时的筛选值。指定该参数时必须同时指定`Filter.N.Key`参数，格式为：`yyyy-MM-ddTHH:mmZ`。",
            "Filter.N.Value",
            &names,
        );
        assert_eq!(c.requires, ["Filter.N.Key"]);
        let c = conditions(
            "镜像来源，如果没有指定ids参数，此参数必传。<br> 取值范围： public（官方）",
            "imageSource",
            &names,
        );
        assert_eq!((c.requires.len(), c.required_unless.as_slice()), (0, &["ids".to_owned()][..]));
        let c = conditions("参数不支持同时指定`imageType`和`status`。", "ids", &names);
        assert_eq!(c, Conditions::default());
        let c = conditions("镜像ID列表，如果指定了此参数，其它参数无效。", "ids", &names);
        assert_eq!(c, Conditions::default());
    }

    #[test]
    fn value_lists_elsewhere_on_the_page() {
        let item = |text: &str, line| ListItem { text: text.to_owned(), line, children: Vec::new() };
        let doc = Document {
            format: crate::spec::PageFormat::Markdown,
            front_matter: Default::default(),
            blocks: vec![Block::List {
                line: 10,
                items: vec![
                    ListItem {
                        text: "镜像拥有5个状态，用户可以根据需要来进行过滤：".into(),
                        line: 11,
                        children: vec![item("1: 创建中", 12), item("2: 正常", 13)],
                    },
                    ListItem {
                        text: "镜像拥有4个类型，用户可以根据需要来进行过滤：".into(),
                        line: 14,
                        children: vec![item("1: 私有镜像 (本帐户创建的镜像)", 15), item("2: 公共镜像", 16)],
                    },
                    item("北美地区不支持服务市场。", 17),
                ],
            }],
        };
        let lists = page_value_lists(&doc);
        assert_eq!(lists.len(), 2);
        assert_eq!(find_value_list(&lists, "按照镜像的类型过滤；具体值见上。").map(|l| l.line), Some(15));
        assert_eq!(
            find_value_list(&lists, "按照镜像的状态过滤。默认值为0，查询全部镜像。具体值见上。")
                .map(|l| l.line),
            Some(12)
        );
        assert_eq!(find_value_list(&lists, "镜像类型。具体值见上。").map(|l| l.line), Some(15));
        assert!(find_value_list(&lists, "其它").is_none());
    }
}
