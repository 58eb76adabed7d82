//! Numbers a description states: the default, numeric bounds, and the most items a list takes.

use super::{Bounds, plain, re};
use regex::Regex;
use std::sync::LazyLock;

static DEFAULT_QUOTED: LazyLock<Regex> =
    LazyLock::new(|| re(r#"默认(?:值)?\s*(?:为|是)?\s*[:：]?\s*[“"]([^”"]+)[”"]"#));
static DEFAULT_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"默认(?:值)?\s*(?:为|是)?\s*[:：]?\s*`?([A-Za-z0-9_\-+:/]+(?:\.[A-Za-z0-9_\-+:/]+)*)`?")
});

static DEFAULT_ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\bdefault(?:\s+value)?(?:\s+is)?\s*[:：]?\s*`?([A-Za-z0-9_\-+:/]+(?:\.[A-Za-z0-9_\-+:/]+)*)`?")
});

/// The default a description states (`默认为20`, `默认值：10`, `默认值为0`, `默认 20`, `默认为“未命名”`,
/// `Default value: PostPaid`). `默认值：空` states none.
pub(crate) fn default_value(text: &str) -> Option<String> {
    let text = plain(text);
    if let Some(c) = DEFAULT_QUOTED.captures(&text) {
        return c.get(1).map(|m| m.as_str().to_owned());
    }
    if let Some(c) = DEFAULT_ENGLISH.captures(&text) {
        return Some(c[1].to_owned());
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
    re(
        r"(取值范围|范围|取值)\s*(?:为|是)?\s*[:：]?\s*(-?\d{1,3}(?:,\d{3})+|-?\d+)\s*(?:[~～]|至|到|-)\s*(-?\d{1,3}(?:,\d{3})+|-?\d+)",
    )
});
static MAXIMUM: LazyLock<Regex> =
    LazyLock::new(|| re(r"最大(?:值)?\s*(?:为|是|不能超过|不超过|不可超过)?\s*[:：]?\s*(-?\d+)"));
static MINIMUM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:最小(?:值)?|起始值)\s*(?:为|是|不能小于|不小于)?\s*[:：]?\s*(-?\d+)"));
/// `20-1000GB`, `5~2,000`, `20GB-5TB`, `1 至 9`: two numbers (thousands written `32,768`), each
/// with an optional size unit.
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(-?\d{1,3}(?:,\d{3})+|-?\d+)\s*(GiB|GB|TiB|TB|G|T)?\s*([~～—]|至|到|-)\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(GiB|GB|TiB|TB|G|T)?",
    )
});
static STEP: LazyLock<Regex> = LazyLock::new(|| re(r"步长\s*均?\s*(?:是|为)?\s*[:：]?\s*(\d+)"));
/// `当chargeUnit为month时`, `当参数InstanceChargeType取值PrePaid时`: a condition on another parameter.
static WHEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"当\s*(?:参数)?\s*`?([A-Za-z][A-Za-z0-9_.]*)`?\s*(?:取值)?\s*(?:为|=|是)?\s*`?([A-Za-z0-9_][A-Za-z0-9_.\-]*)`?\s*时",
    )
});
/// `1、2、3`: a list of numbers, a range when they are consecutive.
static NUMBER_LIST: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[:：]?\s*(\d+(?:\s*[、，,]\s*\d+)+)"));

/// Units that make a number a length or a count, not a bound on the value.
fn followed_by_a_unit(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start();
    ["个字符", "字符", "个英文", "个中文", "个汉字", "字节", "位", "个"].iter().any(|u| after.starts_with(u))
}

fn number(text: &str) -> Option<i64> {
    text.replace(',', "").parse().ok()
}

/// Bounds that hold under a condition: when another parameter has a value (`当chargeUnit为month时
/// 取值为：1~9`), or for a value a bullet names (`cloud：5~2,000`, `容量型硬盘大小是 20-5000GB`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConditionalBounds {
    pub when: BoundsWhen,
    pub bounds: Bounds,
}

/// What a conditional bound depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BoundsWhen {
    /// Another parameter, by name, has this value.
    Param { name: String, value: String },
    /// The page names a value or its meaning (`cloud`, `(超高)性能型`) without the parameter that
    /// takes it; the request extractor finds that parameter.
    Label(String),
}

/// The numeric bounds a description states, widened over every statement: a page that gives one
/// range per disk category or per unit accepts their union, and a client must never refuse a
/// value the page allows. `step` is kept when every stated range has the same one.
///
/// `text` is plain (see [`plain`]); `conditional` are the bounds it states under conditions
/// ([`conditional_bounds`]).
pub(crate) fn bounds_under(text: &str, conditional: &[ConditionalBounds]) -> Option<Bounds> {
    let mut found = Bounds { min: None, max: None, step: None };
    let mut widen = |min: Option<i64>, max: Option<i64>| {
        if let Some(min) = min {
            found.min = Some(found.min.map_or(min, |m| m.min(min)));
        }
        if let Some(max) = max {
            found.max = Some(found.max.map_or(max, |m| m.max(max)));
        }
    };
    for pattern in [&*RANGE_BRACKETS, &*RANGE_TILDE] {
        for c in pattern.captures_iter(text) {
            let (Some(whole), Some(low), Some(high)) = (c.get(0), c.get(2), c.get(3)) else { continue };
            if is_list_size_intro(&text[..whole.start()]) || followed_by_a_unit(text, whole.end()) {
                continue;
            }
            widen(number(low.as_str()), number(high.as_str()));
        }
    }
    for c in MAXIMUM.captures_iter(text) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else { continue };
        if !followed_by_a_unit(text, whole.end()) {
            widen(None, number(n.as_str()));
        }
    }
    for c in MINIMUM.captures_iter(text) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else { continue };
        if !followed_by_a_unit(text, whole.end()) {
            widen(number(n.as_str()), None);
        }
    }
    for c in conditional {
        widen(c.bounds.min, c.bounds.max);
    }
    let mut steps = conditional.iter().map(|c| c.bounds.step);
    found.step = match steps.next() {
        Some(first) if steps.all(|s| s == first) => first,
        Some(_) => None,
        None => STEP.captures(text).and_then(|c| number(&c[1])),
    };
    (found.min.is_some() || found.max.is_some()).then_some(found)
}

/// The bounds a description states under conditions: after `当X为v时`, or one per bullet or line
/// that names a value or a kind (`cloud：5~2,000`, `(超高)性能型大小范围是 20-1000GB, 步长是10GB`).
pub(crate) fn conditional_bounds(text: &str) -> Vec<ConditionalBounds> {
    let text = plain(text);
    let mut found = Vec::new();
    for raw in text.lines() {
        let bullet = raw.trim_start().starts_with(['-', '*', '•']);
        let line = raw.trim().trim_start_matches(['-', '*', '•']).trim();
        if WHEN.is_match(line) {
            found.extend(explicit_conditions(line));
            continue;
        }
        let Some(span) = span_in(line, true) else { continue };
        let label = clean_label(&line[..span.start]);
        // A bullet names what its bound is for; a line does so only in a short label
        // (`cloud：5~2,000`), not in a sentence (`N的取值范围：1~20`).
        let short_label = label.chars().count() <= 16 && !label.contains(['。', '，', ',', '；']);
        if label.is_empty() || !(bullet || short_label) || is_list_size_intro(&line[..span.start]) {
            continue;
        }
        if ["取值范围", "范围", "取值"].iter().any(|w| line[..span.start].contains(w)) && !bullet {
            continue;
        }
        let step = STEP.captures(&line[span.end..]).and_then(|c| number(&c[1]));
        found.push(ConditionalBounds {
            when: BoundsWhen::Label(label),
            bounds: Bounds { min: span.min, max: span.max, step },
        });
    }
    found
}

/// The conditions of one sentence that names another parameter's value for each bound: `当chargeUnit
/// 为month时取值为：1~9，当chargeUnit为year时取值为：1、2、3`.
fn explicit_conditions(line: &str) -> Vec<ConditionalBounds> {
    let starts: Vec<_> = WHEN.captures_iter(line).collect();
    let mut found = Vec::new();
    for (index, c) in starts.iter().enumerate() {
        let (Some(whole), Some(name), Some(value)) = (c.get(0), c.get(1), c.get(2)) else { continue };
        let end = starts.get(index + 1).and_then(|next| next.get(0)).map_or(line.len(), |m| m.start());
        let clause = &line[whole.end()..end];
        let clause = clause.trim_start_matches(['，', ',', ' ']);
        let clause = ["取值范围", "取值", "范围"]
            .iter()
            .find_map(|intro| clause.strip_prefix(intro))
            .unwrap_or(clause)
            .trim_start_matches(['为', '是', ' ', ':', '：']);
        let bounds = span_in(clause, false)
            .filter(|span| span.start <= 2)
            .map(|span| Bounds { min: span.min, max: span.max, step: None })
            .or_else(|| consecutive_numbers(clause));
        if let Some(bounds) = bounds {
            let when = BoundsWhen::Param { name: name.as_str().to_owned(), value: value.as_str().to_owned() };
            found.push(ConditionalBounds { when, bounds });
        }
    }
    found
}

/// `1、2、3` (consecutive integers) as the range `1..=3`.
fn consecutive_numbers(clause: &str) -> Option<Bounds> {
    let list = NUMBER_LIST.captures(clause)?;
    let numbers: Vec<i64> = list[1].split(['、', '，', ',']).filter_map(|n| n.trim().parse().ok()).collect();
    let consecutive = numbers.windows(2).all(|w| w[1] == w[0] + 1);
    (consecutive && numbers.len() >= 2).then(|| Bounds {
        min: numbers.first().copied(),
        max: numbers.last().copied(),
        step: None,
    })
}

/// A span of two numbers found in a text, and where it is.
struct Span {
    start: usize,
    end: usize,
    min: Option<i64>,
    max: Option<i64>,
}

/// The first `a~b` in `text`. A dash joins numbers only with a unit (`20-1000GB`) when
/// `need_unit_for_dash`, so dates and ids are not ranges. A size in TB next to one in GB is
/// converted to GB (`20GB-5TB` → 20..5120).
fn span_in(text: &str, need_unit_for_dash: bool) -> Option<Span> {
    for c in SPAN.captures_iter(text) {
        let (Some(whole), Some(low), Some(high)) = (c.get(0), c.get(1), c.get(4)) else { continue };
        let (low_unit, high_unit) = (c.get(2).map(|m| m.as_str()), c.get(5).map(|m| m.as_str()));
        let dash = c.get(3).is_some_and(|m| m.as_str() == "-");
        if dash && need_unit_for_dash && low_unit.is_none() && high_unit.is_none() {
            continue;
        }
        if followed_by_a_unit(text, whole.end()) || is_list_size_intro(&text[..whole.start()]) {
            continue;
        }
        let terabytes = |unit: Option<&str>| unit.is_some_and(|u| u.starts_with('T'));
        let gigabytes = |unit: Option<&str>| unit.is_some_and(|u| u.starts_with('G'));
        let mixed =
            (terabytes(low_unit) || terabytes(high_unit)) && (gigabytes(low_unit) || gigabytes(high_unit));
        let in_gigabytes =
            |n: Option<i64>, unit| if mixed && terabytes(unit) { n.map(|n| n * 1024) } else { n };
        let min = in_gigabytes(number(low.as_str()), low_unit);
        let max = in_gigabytes(number(high.as_str()), high_unit);
        return Some(Span { start: whole.start(), end: whole.end(), min, max });
    }
    None
}

/// The words before a bound that name what it is for, without the words that only say "its size
/// is" (`容量型硬盘大小是` → `容量型硬盘`, `cloud：` → `cloud`).
fn clean_label(text: &str) -> String {
    let mut label = text.trim().trim_end_matches([':', '：', ' ']).to_owned();
    loop {
        let before = label.clone();
        for word in ["大小范围", "取值范围", "范围", "大小", "容量", "的", "是", "为", "：", ":"]
        {
            if let Some(stripped) = label.strip_suffix(word) {
                label = stripped.trim_end().to_owned();
            }
        }
        if label == before {
            break;
        }
    }
    label
}

/// `N的取值范围`, `n的取值范围为`: the range that follows bounds a list's index, not a value.
fn is_list_size_intro(before: &str) -> bool {
    let before = before.trim_end().trim_end_matches([':', '：', ' ']);
    let before = before.strip_suffix("取值范围").unwrap_or(before).trim_end().trim_end_matches('`');
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str) -> Option<Bounds> {
        let text = plain(text);
        bounds_under(&text, &conditional_bounds(&text))
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
        assert_eq!(
            default_value("The billing method of the instance. Default value: PostPaid. Valid values:")
                .as_deref(),
            Some("PostPaid")
        );
        // QingCloud AllocateEips `billing_mode`, RunInstances `userdata_file`.
        assert_eq!(
            default_value("公网IP计费模式：bandwidth 按带宽计费，traffic 按流量计费，默认是 bandwidth")
                .as_deref(),
            Some("bandwidth")
        );
        assert_eq!(
            default_value("userdata_type 为 ‘exec’ 时，指定生成可执行文件的路径，默认为/etc/rc.local")
                .as_deref(),
            Some("/etc/rc.local")
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
}
