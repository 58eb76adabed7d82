//! What a description says: a cell's text → [`Facts`] (enum values and their meanings, default,
//! numeric bounds, list size, deprecation, format, comma-joined lists) and [`Requirement`]s.
//!
//! Input is the text of one description cell (raw or already [`plain`]); output is plain data that
//! the request and response extractors put into the spec. Entry points for other extractors:
//!
//! - [`read`]: every fact of one description at once;
//! - [`enum_values`], [`default_value`], [`max_items`], [`deprecation`], [`format()`],
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

mod conditions;
mod numbers;
mod strings;
mod values;

pub(crate) use strings::{LengthFact, PatternFact, length, patterns};

pub(crate) use super::tables::plain;
use crate::spec::{EnumValue, FormatKind};
pub(crate) use conditions::{Requirement, conditions};
pub(crate) use numbers::{BoundsWhen, ConditionalBounds, conditional_bounds, default_value, max_items};
use regex::Regex;
use std::sync::LazyLock;
use values::BULLET;
pub(crate) use values::{ValueList, enum_values, find_value_list, page_value_lists};

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
    /// Bounds that hold under a condition (`当chargeUnit为month时取值为：1~9`, `cloud：5~2,000`).
    pub conditional_bounds: Vec<ConditionalBounds>,
    pub length: Option<LengthFact>,
    pub patterns: Vec<PatternFact>,
    /// `一个带有格式的JSON数组`: several values in one parameter, as a JSON array (Alibaba).
    pub json_array: bool,
    /// `保证请求的幂等性`: the parameter is an idempotency token.
    pub idempotency_token: bool,
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

/// Inclusive numeric bounds, and the step values must be a multiple of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub step: Option<i64>,
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

/// Reads every fact of one description.
pub(crate) fn read(text: &str) -> Facts {
    let text = plain(text);
    let values = enum_values(&text);
    let default = default_value(&text)
        .or_else(|| values.as_ref().and_then(|v| v.default.clone()))
        .or_else(|| values.as_ref().and_then(|v| values::default_by_meaning(&text, v)));
    let conditional_bounds = conditional_bounds(&text);
    Facts {
        values,
        default,
        bounds: numbers::bounds_under(&text, &conditional_bounds),
        max_items: max_items(&text),
        deprecated: deprecation(&text),
        format: format(&text),
        comma_joined: comma_joined(&text),
        values_elsewhere: values_elsewhere(&text),
        conditional_bounds,
        length: length(&text),
        patterns: patterns(&text),
        json_array: json_array(&text),
        idempotency_token: idempotency_token(&text),
    }
}

/// `JSON数组`, `JSON格式的数组`, `格式为JSON数组`, `a JSON array`: one parameter holds a JSON array.
pub(crate) fn json_array(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    ["json数组", "json格式的数组", "json格式数组", "jsonarray"].iter().any(|w| compact.contains(w))
}

/// `保证请求幂等性`, `用于保证请求的幂等性`, `幂等性校验参数`, `idempotency`: the parameter makes
/// retries of one call count once.
pub(crate) fn idempotency_token(text: &str) -> bool {
    text.contains("幂等") || text.to_lowercase().contains("idempoten")
}

/// The text up to the end of its sentence (`。`, `；`, a line break).
pub(super) fn sentence(text: &str) -> &str {
    let end = text.find(['。', '；', ';', '\n']).unwrap_or(text.len());
    &text[..end]
}

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
