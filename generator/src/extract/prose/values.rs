//! Enum values: a description → the values it lists, with their meanings ([`Values`]); and value
//! lists written elsewhere on the page, for descriptions that say `具体值见上` (seed 001).

use super::{Values, plain, re, sentence};
use crate::source::{Block, Document, ListItem};
use crate::spec::EnumValue;
use regex::Regex;
use std::sync::LazyLock;

/// Words that introduce a list of values. Longer spellings first: the regex takes the first
/// alternative that matches at a position.
static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(有效值为|有效值是|有效值|只支持为|取值范围|可能值|可选值|可选范围|可选项|可取值|取值说明如下|取值说明|取值为|取值是|取值|状态|类型)\s*(?:为|是|包括|如下)?\s*[:：]?",
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
