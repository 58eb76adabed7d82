//! Numbers a description states: the default, numeric bounds, and the most items a list takes.

use super::{Bounds, plain, re};
use regex::Regex;
use std::sync::LazyLock;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
