//! Enum values: a description → the values it lists, with their meanings ([`Values`]); and value
//! lists written elsewhere on the page, for descriptions that say `具体值见上` (seed 001).

use super::{Values, plain, re, sentence};
use crate::source::{Block, Document, ListItem};
use crate::spec::EnumValue;
use regex::Regex;
use std::sync::LazyLock;

/// Words that introduce a list of values. Longer spellings first: the regex takes the first
/// alternative that matches at a position. `状态`, `类型` and `支持` are weak (see [`Intro`]).
static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(有效值为|有效值是|有效值|只支持为|取值范围|可能值|可选值|可选范围|可选项|可取值|取值说明如下|取值说明|取值为|取值是|取值|分为|(?i:valid values|possible values|allowed values|valid value)|状态|类型|支持)\s*(?:为|是|包括|如下|有)?\s*[:：]?",
    )
});
pub(super) static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:[-*+•·]|\d+[.、)])\s+(.*)$"));
static ITEM_WITH_COLON: LazyLock<Regex> =
    LazyLock::new(|| re(r"^`?([^`：:（(]+?)`?\s*(（默认）|\(默认\)|（默认值）|\(默认值\))?\s*[：:]\s*(.*)$"));
static ITEM_WITH_SPACE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^`?([A-Za-z0-9_][A-Za-z0-9_.\-/]*)`?\s+(\P{ASCII}.*)$"));
/// `当该参数取值为`X`时`, with or without the backticks (readers drop them from code spans).
static QUOTED_VALUE: LazyLock<Regex> =
    LazyLock::new(|| re(r"取值为\s*(?:`([^`]+)`|([A-Za-z0-9_][A-Za-z0-9_.\-]*))"));
static PARENS: LazyLock<Regex> = LazyLock::new(|| re(r"^(.*?)\s*[（(]\s*(.*?)\s*[）)]$"));

/// A value written before its meaning: `1：私有镜像`, `1为需要`, `0 表示下行`, `1 - 受管私有网络`.
static VALUE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^`?([A-Za-z0-9_][A-Za-z0-9_.+/]*(?:-[A-Za-z0-9_.+/]+)*)`?\s*(（默认）|\(默认\))?\s*(?:([:：=])|为|表示|代表|\s-\s*|-\s+)\s*(.+)$",
    )
});
/// A value and its meaning separated by a space: `bandwidth 按带宽计费` (only after a label).
static VALUE_SPACE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^`?([A-Za-z0-9_][A-Za-z0-9_.\-/]*)`?\s+(\p{Han}.*)$"));
/// A meaning written before its value: `性能型:0`, `关闭(默认)：0`.
static MEANING_COLON: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(.*?\p{Han}.*?)\s*(（默认）|\(默认\))?\s*[:：]\s*`?([A-Za-z0-9_][A-Za-z0-9_.\-]*)`?\s*$")
});
/// A bullet naming a meaning, then its value: `性能型是 0`, `超高性能型是 3 (只能被…挂载)`.
static MEANING_IS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(.*?\p{Han}.*?)\s*(?:是|为)\s*`?([A-Za-z0-9_][A-Za-z0-9_.\-]*)`?\s*(?:[（(][^（()）]*[）)])?\s*[。.]?$",
    )
});

/// Words that make a `meaning：value` or `meaning是value` pair a bound, a default or an example
/// instead (`最大为100`, `默认为 0`, `例如：2017-01-01`).
const NOT_MEANINGS: [&str; 20] = [
    "默认",
    "最大",
    "最小",
    "上限",
    "下限",
    "长度",
    "步长",
    "单位",
    "范围",
    "大小",
    "取值",
    "格式",
    "示例",
    "例如",
    "超过",
    "ID",
    "有效值",
    "可能值",
    "可选",
    "状态",
];

/// The values a description lists, with their meanings, if it lists any.
pub(crate) fn enum_values(text: &str) -> Option<Values> {
    let text = plain(text);
    let lines: Vec<&str> = text.lines().collect();
    let found = introduced_values(&text, &lines)
        .or_else(|| first_bullet_group(&lines))
        .or_else(|| first_line_group(&lines))
        .or_else(|| pairs_in_sentences(&text))
        .or_else(|| labelled_list(&text));
    found.map(|mut values| {
        add_meanings(&mut values, &text);
        values
    })
}

/// A list after a word that introduces one (`取值范围`, `有效值为`, …): on the same line, as
/// bullets, or as `value：meaning` lines below it.
fn introduced_values(text: &str, lines: &[&str]) -> Option<Values> {
    for found in INTRO.captures_iter(text) {
        let (Some(whole), Some(word)) = (found.get(0), found.get(1)) else { continue };
        let word = word.as_str();
        // `状态:`, `类型:` introduce values only with a colon; `支持 a 或 b` only as a choice.
        let weak = matches!(word, "状态" | "类型" | "支持");
        if matches!(word, "状态" | "类型") && !whole.as_str().ends_with([':', '：']) {
            continue;
        }
        let before = &text[..whole.start()];
        // `N的取值范围` bounds a list's index; `IpProtocol取值为all` speaks of another parameter.
        if before.trim_end_matches('`').ends_with(|c: char| c.is_ascii_alphanumeric())
            || before.ends_with("N的")
        {
            continue;
        }
        // `当chargeUnit为year时取值为：1、2、3` bounds a value under a condition: a range.
        let clause_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '。' | '；' | ';' | '\n' | '，' | ','))
            .map_or(0, |(at, c)| at + c.len_utf8());
        if before[clause_start..].contains('当') {
            continue;
        }
        let rest = &text[whole.end()..];
        let segment = sentence(rest);
        if segment.trim().is_empty() {
            let line_index = text[..whole.end()].matches('\n').count();
            let below = &lines[(line_index + 1).min(lines.len())..];
            if let Some(values) = bullet_group(below).or_else(|| line_group(below)) {
                return Some(values);
            }
            continue;
        }
        if starts_like_a_range(segment) {
            continue;
        }
        if word == "支持" && !segment.contains('或') && !segment.contains(" or ") {
            continue;
        }
        let open = is_open(&before[clause_start..]) || is_open(segment);
        if let Some(mut values) = inline_list(segment, weak).or_else(|| pairs(segment, true)) {
            values.open |= open;
            return Some(values);
        }
    }
    None
}

/// `例如`, `比如`, `such as`: what follows are examples, not every value.
fn is_open(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["例如", "比如", "such as", "e.g."].iter().any(|w| lower.contains(w))
}

/// A numeric range (`1~9`, `[10, 100]`, `20-1000`) is never a list of values; a comma list of
/// numbers without brackets (`1, 2, 4, 8, 16`) is one.
fn starts_like_a_range(segment: &str) -> bool {
    static RANGE_START: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^\s*(?:[\[［(（]\s*-?\d+(?:\.\d+)?\s*[,，~～]|-?\d+(?:\.\d+)?\s*(?:[~～]|至|到|-\s*\d))")
    });
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

/// Two or more lines at the start of `lines`, each a `value：meaning` pair (Tencent's
/// `镜像类型。<br>1：私有镜像<br>2：公有镜像`, JD's `` `yes`：允许SSH密码登录 `` lines).
fn line_group(lines: &[&str]) -> Option<Values> {
    let mut values = Values { values: Vec::new(), open: false, default: None };
    for line in lines {
        let Some(pair) = pair(line.trim().trim_end_matches(['。', '；', ';']), false) else { break };
        values.push(pair);
    }
    (values.values.len() >= 2).then_some(values)
}

/// The first group of [`line_group`] lines anywhere in the text.
fn first_line_group(lines: &[&str]) -> Option<Values> {
    (0..lines.len()).find_map(|start| line_group(&lines[start..]))
}

fn values_of_bullets(items: &[&str]) -> Option<Values> {
    if items.is_empty() {
        return None;
    }
    let mut values = Values { values: Vec::new(), open: false, default: None };
    for item in items {
        values.push(bullet_value(item)?);
    }
    Some(values)
}

/// A value with its meaning, and whether the page marks it as the default.
struct Item {
    value: EnumValue,
    default: bool,
}

impl Values {
    fn push(&mut self, item: Item) {
        if item.default && self.default.is_none() {
            self.default = Some(item.value.value.clone());
        }
        self.values.push(item.value);
    }
}

/// One bullet as a value: `value：meaning`, `` `value`：meaning ``, `value（默认）：meaning`,
/// `value meaning` (seed 002), a bare `value`, `当该参数取值为`X`时，…`, or a meaning and its value
/// (`性能型是 0`, `性能型：0`).
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
    if let Some(c) = MEANING_IS.captures(item) {
        let (meaning, value) = (c[1].trim(), &c[2]);
        if is_meaning(meaning) {
            let note = item[c.get(2).map_or(item.len(), |m| m.end())..].trim().trim_end_matches(['。', '.']);
            let meaning = if note.is_empty() { meaning.to_owned() } else { format!("{meaning} {note}") };
            return Some(Item { value: enum_value(value, Some(&meaning)), default: false });
        }
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
    meaning_first(item)
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

/// A meaning a value can have: some Chinese, not an example (`如deviceName`), and not a bound,
/// default or list word.
fn is_meaning(text: &str) -> bool {
    text.chars().any(|c| c > '\u{2e80}')
        && !text.starts_with('如')
        && !text.contains(['：', ':'])
        && !NOT_MEANINGS.iter().any(|w| text.contains(w))
}

/// Splits an inline list (`public（官方）、private（私有）`, `centos，ubuntu 和 windows 等`) into
/// values. `weak` lists (after a bare `状态:`) need two or more single-word values. A list that
/// goes on into prose (`month、year，默认为month`) ends where the prose starts, if two values came
/// before it.
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
    for (item, after_comma) in split_items(segment) {
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
        match inline_value(item) {
            // `x86_64（默认）`: the default, marked in the list.
            Some(value) if value.meaning.as_deref().is_some_and(|m| m.starts_with("默认")) => {
                values.default.get_or_insert(value.value.clone());
                values.values.push(EnumValue { meaning: None, ..value });
            }
            Some(value) => values.values.push(value),
            None if after_comma && values.values.len() >= 2 => {
                values.open = false;
                break;
            }
            None => return None,
        }
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
    let item = item.trim().trim_matches(['“', '”', '"', '\'', '‘', '’']).trim();
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

/// Splits at `、`, `，`, `,`, `和`, `或`, `或者`, `｜`, `|`, ` and `, ` or `, and `/` between
/// letters (`yes/no`, not `10.0.0.0/8`), outside parentheses. Each item says whether a comma came
/// before it (a list that goes on into prose does so after a comma).
fn split_items(segment: &str) -> Vec<(String, bool)> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut after_comma = false;
    let mut depth = 0u32;
    let mut previous = ' ';
    let mut rest = segment;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let between_letters = previous.is_ascii_alphabetic()
            && rest[len..].chars().next().is_some_and(|n| n.is_ascii_alphabetic());
        let separator = if depth > 0 {
            0
        } else if rest.starts_with("或者") {
            "或者".len()
        } else if matches!(c, '、' | '，' | ',' | '和' | '或' | '｜' | '|') || (c == '/' && between_letters)
        {
            len
        } else if rest.starts_with(" and ") || rest.starts_with(" or ") {
            rest[1..].find(' ').map_or(0, |i| i + 2)
        } else {
            0
        };
        previous = c;
        if separator > 0 {
            items.push((std::mem::take(&mut current), after_comma));
            after_comma = matches!(c, '，' | ',');
            rest = &rest[separator..];
            continue;
        }
        current.push(c);
        rest = &rest[len..];
    }
    items.push((current, after_comma));
    items
}

/// Pieces of a sentence split at `，`, `,`, `、`, `；` and `;` outside parentheses.
fn pieces(sentence: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0u32;
    let mut start = 0;
    for (at, c) in sentence.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '，' | ',' | '、' | '；' | ';' if depth == 0 => {
                pieces.push(&sentence[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&sentence[start..]);
    pieces
}

/// One `value – meaning` pair: `1：私有镜像`, `1为需要`, `0 表示下行`, `1 - 受管私有网络`,
/// `性能型:0`, and, when `spaced` (after a label), `bandwidth 按带宽计费`.
fn pair(piece: &str, spaced: bool) -> Option<Item> {
    let piece = piece.trim();
    if let Some(c) = VALUE_FIRST.captures(piece) {
        let (value, meaning) = (&c[1], c[4].trim());
        // After `为`, `表示` or a dash the meaning is words; after a colon it may be anything.
        let worded = c.get(3).is_some() || meaning.starts_with(|ch: char| !ch.is_ascii());
        if is_value_like(value) && !meaning.is_empty() && worded {
            return Some(Item { value: enum_value(value, Some(meaning)), default: c.get(2).is_some() });
        }
    }
    if spaced && let Some(c) = VALUE_SPACE.captures(piece) {
        return Some(Item { value: enum_value(&c[1], Some(&c[2])), default: false });
    }
    meaning_first(piece)
}

/// `性能型:0`, `关闭(默认)：0`: a meaning, then its value after a colon.
fn meaning_first(piece: &str) -> Option<Item> {
    let c = MEANING_COLON.captures(piece.trim())?;
    let meaning = c[1].trim();
    is_meaning(meaning).then(|| Item { value: enum_value(&c[3], Some(meaning)), default: c.get(2).is_some() })
}

/// Two or more pairs in a row (`1：私有镜像、2：公有镜像`, `0表示获取增量备份，1表示获取全量备份`,
/// `公网IP计费模式：bandwidth 按带宽计费，traffic 按流量计费`). Only a label may come before them;
/// what follows them (`默认为0`) may be anything.
fn pairs(sentence: &str, labelled: bool) -> Option<Values> {
    let pieces = pieces(sentence);
    let mut items: Vec<Option<Item>> = Vec::new();
    let mut spaced = labelled;
    for (index, piece) in pieces.iter().enumerate() {
        let mut parsed = None;
        // The first pair may carry the label: `网卡多对列: 关闭(默认)：0`, `目前支持的类型有：0：…`.
        if index <= 1
            && items.iter().all(Option::is_none)
            && let Some((label, rest)) = piece.split_once(['：', ':'])
            && !label.trim().is_empty()
            && let Some(item) = pair(rest, true)
        {
            spaced = true;
            parsed = Some(item);
        }
        items.push(parsed.or_else(|| pair(piece, spaced)));
    }
    let start = items.iter().position(Option::is_some)?;
    if start > 1 {
        return None;
    }
    let mut values = Values { values: Vec::new(), open: false, default: None };
    for item in items.into_iter().skip(start) {
        match item {
            Some(item) => values.push(item),
            None => break,
        }
    }
    (values.values.len() >= 2).then_some(values)
}

/// [`pairs`] in any sentence of the text (`1: 使用 User Data 功能；0: 不使用`: a `；` goes on).
fn pairs_in_sentences(text: &str) -> Option<Values> {
    text.split(['。', '\n']).find_map(|sentence| pairs(sentence, false))
}

/// `加密算法: ssh-rsa，ssh-dss，ecdsa-sha2-nistp521 和 ssh-ed25519`: a label, a colon, and two or
/// more one-word values that make up the rest of the sentence.
fn labelled_list(text: &str) -> Option<Values> {
    text.split(['。', '\n', '；', ';']).find_map(|sentence| {
        let (label, rest) = sentence.split_once(['：', ':'])?;
        let label = label.trim();
        let plain_label = label.chars().any(|c| c > '\u{2e80}')
            && label.chars().count() <= 20
            && !is_open(label)
            && !NOT_MEANINGS.iter().any(|w| label.contains(w));
        if !plain_label || starts_like_a_range(rest) {
            return None;
        }
        let values = inline_list(rest, true)?;
        // Every item, not a prefix: a label followed by prose is no list.
        let items = split_items(rest.trim().trim_end_matches(['。', '.']))
            .iter()
            .filter(|(i, _)| !i.trim().is_empty())
            .count();
        (values.values.len() == items).then_some(values)
    })
}

/// Meanings stated apart from the list (`prepaid_by_duration表示预付费`, `pending： 等待被创建`),
/// for values listed bare: a line that is one such pair, or a piece of a sentence.
fn add_meanings(values: &mut Values, text: &str) {
    if values.values.iter().all(|v| v.meaning.is_some()) {
        return;
    }
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches("- ").trim_end_matches(['。', '；', ';']);
        if let Some(c) = VALUE_FIRST.captures(line) {
            found.push((c[1].to_owned(), c[4].trim().to_owned()));
            continue;
        }
        for piece in line.split(['。', '；', ';']).flat_map(pieces) {
            if let Some(c) = VALUE_FIRST.captures(piece.trim()) {
                found.push((c[1].to_owned(), c[4].trim().to_owned()));
            }
        }
    }
    for (value, meaning) in found {
        if let Some(bare) = values.values.iter_mut().find(|v| v.value == value && v.meaning.is_none())
            && meaning.starts_with(|c: char| !c.is_ascii())
        {
            bare.meaning = Some(meaning);
        }
    }
}

/// The value whose meaning the text names as the default (`0：不安装，1：安装，默认安装` → `1`).
pub(crate) fn default_by_meaning(text: &str, values: &Values) -> Option<String> {
    static DEFAULT_WORDS: LazyLock<Regex> = LazyLock::new(|| re(r"默认(?:为|是)?\s*([\p{Han}A-Za-z]+)"));
    let text = plain(text);
    DEFAULT_WORDS.captures_iter(&text).find_map(|c| {
        let named = c[1].trim();
        values
            .values
            .iter()
            .find(|v| v.meaning.as_deref().is_some_and(|m| m.trim_end_matches(['。', '.']) == named))
            .map(|v| v.value.clone())
    })
}

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
    use super::super::read;
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

    /// `(values, default)` as `read` finds them.
    fn with_default(text: &str) -> (Vec<String>, Option<String>) {
        let facts = read(text);
        (
            facts.values.map(|v| v.values.into_iter().map(|e| e.value).collect()).unwrap_or_default(),
            facts.default,
        )
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn qingcloud_rows_of_the_issue() {
        // RunInstances `cpu` and `memory`: a comma list of numbers is values, not a range.
        assert_eq!(names("CPU core，有效值为: 1, 2, 4, 8, 16"), ["1", "2", "4", "8", "16"]);
        assert_eq!(
            names("内存，有效值为: 1024, 2048, 4096, 6144, 8192, 12288, 16384, 24576, 32768").len(),
            9
        );
        // AllocateEips `billing_mode`, `associate_mode`, `need_icp`.
        assert_eq!(
            values("公网IP计费模式：bandwidth 按带宽计费，traffic 按流量计费，默认是 bandwidth"),
            [
                ("bandwidth".to_owned(), Some("按带宽计费".to_owned())),
                ("traffic".to_owned(), Some("按流量计费".to_owned()))
            ]
        );
        assert_eq!(
            with_default("公网IP计费模式：bandwidth 按带宽计费，traffic 按流量计费，默认是 bandwidth"),
            (strings(&["bandwidth", "traffic"]), Some("bandwidth".to_owned()))
        );
        assert_eq!(
            with_default("公网IP绑定模式：0为外部绑定，1为内部绑定，默认是0"),
            (strings(&["0", "1"]), Some("0".to_owned()))
        );
        assert_eq!(with_default("1为需要，0为不需要，默认是0"), (strings(&["1", "0"]), Some("0".to_owned())));
        // CreateKeyPair `mode` and `encrypt_method`: the list ends where prose starts after a comma.
        assert_eq!(
            with_default(
                "密钥创建方式，有效值为 system 和 user，默认为 system.<br/>当密钥创建方式 system 时，表示 SSH密钥 将由系统为你创建"
            ),
            (strings(&["system", "user"]), Some("system".to_owned()))
        );
        assert_eq!(
            with_default(
                "加密算法，有效值为 ssh-rsa，ssh-dss，ecdsa-sha2-nistp521 和 ssh-ed25519，默认为 ssh-rsa。只有当 mode = sytem 的时候才需要提供。"
            ),
            (
                strings(&["ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp521", "ssh-ed25519"]),
                Some("ssh-rsa".to_owned())
            )
        );
        // DescribeKeyPairs: a label, a colon and the values.
        assert_eq!(names("加密算法: ssh-rsa，ssh-dss，ecdsa-sha2-nistp521 和 ssh-ed25519").len(), 4);
        // StopInstances `force`; CreateVxnets `vxnet_type`; AddSecurityGroupRules `direction`, `action`.
        assert_eq!(
            with_default("1: 强制关机，0: 非强制关机，默认为0"),
            (strings(&["1", "0"]), Some("0".to_owned()))
        );
        assert_eq!(names("私有网络类型，1 - 受管私有网络，0 - 自管私有网络。"), ["1", "0"]);
        assert_eq!(names("私有网络类型，分为 1 - 受管私有网络，0 - 自管私有网络。"), ["1", "0"]);
        assert_eq!(names("方向，0 表示下行，1 表示上行。默认为 0。"), ["0", "1"]);
        assert_eq!(
            values("操作，支持 accept (接受) 或 drop (拒绝)")[1],
            ("drop".to_owned(), Some("拒绝".to_owned()))
        );
        // CreateVolumes `volume_type`: a meaning, then its value.
        let volume_type = values(
            "硬盘类型:<br/><li>性能型是 0 </li><li>容量型是 2 </li><li>超高性能型是 3 (只能被超高性能云服务器挂载)</li><li> 基础型硬盘是 100 (只能被基础型云服务器挂载)</li><li>SSD 企业级硬盘是 200 (只能被企业型云服务器挂载)</li><li>企业级分布式 SAN (NeonSAN) 是 5</li>上面的每个类型的硬盘并不是每个区都有",
        );
        let found: Vec<&str> = volume_type.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(found, ["0", "2", "3", "100", "200", "5"]);
        assert_eq!(volume_type[4].1.as_deref(), Some("SSD 企业级硬盘 (只能被企业型云服务器挂载)"));
        // RunInstances (private cloud): reversed pairs with a default mark, pairs across `；`,
        // values in curly quotes.
        assert_eq!(
            names("云服务器性能类型: 性能型:0, 超高性能型:1, 基础型:101, 企业型:201"),
            ["0", "1", "101", "201"]
        );
        assert_eq!(
            with_default("网卡多对列: 关闭(默认)：0，开启：1"),
            (strings(&["0", "1"]), Some("0".to_owned()))
        );
        assert_eq!(
            with_default("1: 使用 User Data 功能；0: 不使用 User Data 功能；默认为 0 。"),
            (strings(&["1", "0"]), Some("0".to_owned()))
        );
        assert_eq!(
            names(
                "User Data 类型，有效值：’plain’, ‘exec’ 或 ‘tar’。为 ‘plain’或’exec’ 时，使用一个 Base64 编码后的字符串"
            ),
            ["plain", "exec", "tar"]
        );
        assert_eq!(
            names("GPU 类型，有效值有 0 和 1 。0 对应的是 NVIDIA P100，1 对应的是 AMD S7150"),
            ["0", "1"]
        );
    }

    #[test]
    fn jd_and_tencent_rows_of_the_issue() {
        // JD createDisks `chargeMode`, `chargeUnit`: the meanings stated after the list are kept.
        let mode = values(
            "计费模式，取值为：prepaid_by_duration，postpaid_by_usage或postpaid_by_duration，prepaid_by_duration表示预付费，postpaid_by_usage表示按用量后付费，postpaid_by_duration表示按配置后付费，默认为postpaid_by_duration.请参阅具体产品线帮助文档确认该产品线支持的计费类型",
        );
        assert_eq!(mode.len(), 3);
        assert_eq!(mode[0], ("prepaid_by_duration".to_owned(), Some("预付费".to_owned())));
        assert_eq!(
            with_default(
                "预付费计费单位，预付费必填，当chargeMode为prepaid_by_duration时有效，取值为：month、year，默认为month"
            ),
            (strings(&["month", "year"]), Some("month".to_owned()))
        );
        // JD attachKeypair `passWordAuth`: `value：meaning` lines.
        assert_eq!(
            names(
                "绑定密钥后，根据此参数决定是否允许使用密码登录。可选范围：<br>`yes`：允许SSH密码登录。<br>`no`：禁止SSH密码登录。<br>"
            ),
            ["yes", "no"]
        );
        // Tencent ResetInstances `imageType`, `needSecurityAgent`: a default named by its meaning.
        assert_eq!(
            with_default(
                "镜像类型。<br>1：私有镜像<br>2：公有镜像<br>3：镜像市场<br>4：共享镜像。<br>默认为2。需与imageId同时指定。"
            ),
            (strings(&["1", "2", "3", "4"]), Some("2".to_owned()))
        );
        assert_eq!(
            with_default("安装安全Agent，0：不安装，1：安装，默认安装。"),
            (strings(&["0", "1"]), Some("1".to_owned()))
        );
        // Tencent CreateRoute `nextType`: pairs after a label inside the sentence.
        assert_eq!(names("下一跳类型，目前我们支持的类型有：0：公网网关类型的云主机；1：vpn网关； 3：专线网关；4：对等连接").len(), 4);
        // Alibaba, in English.
        assert_eq!(
            with_default(
                "The billing method of the instance. Default value: PostPaid. Valid values:\n\n -   PrePaid: subscription\n-   PostPaid: pay-as-you-go"
            ),
            (strings(&["PrePaid", "PostPaid"]), Some("PostPaid".to_owned()))
        );
        assert_eq!(names("是否允许，取值 yes/no"), ["yes", "no"]);
        // Alibaba's older CreateImage: pipes between the values, the default marked.
        assert_eq!(
            with_default("系统架构。取值范围：i386 | x86_64（默认）"),
            (strings(&["i386", "x86_64"]), Some("x86_64".to_owned()))
        );
    }

    #[test]
    fn open_sets_and_ranges_are_no_closed_enums() {
        assert!(enum_values("有效值为 centos，ubuntu，debian，fedora 和 windows 等").unwrap().open);
        assert!(enum_values("云盘种类，例如：cloud、cloud_ssd").is_none_or(|v| v.open));
        // JD createDisks `chargeDuration`: ranges under conditions, never an enum.
        assert!(
            enum_values("当chargeUnit为month时取值为：1~9，当chargeUnit为year时取值为：1、2、3").is_none()
        );
        assert!(enum_values("取值范围：1~9").is_none());
        assert!(
            enum_values(
                "子网网段，cidr的取值范围：10.0.0.0/8、172.16.0.0/12和192.168.0.0/16及它们包含的子网"
            )
            .is_none()
        );
        assert!(enum_values("目的端安全组开放的端口范围。取值范围：\n\n -   TCP/UDP协议：取值范围为1~65535。\n-   ICMP协议：-1/-1\n-   IpProtocol取值为all：-1/-1").is_none());
        assert!(
            enum_values(
                "创建整机镜像：如deviceName:vdb、noDevice:true，则表示云主机中的数据盘vdb不参与创建镜像。"
            )
            .is_none()
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
