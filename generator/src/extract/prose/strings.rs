//! Rules on string values a description states: their length (`长度为2~128个字符`, `不超过64个
//! ASCII字符`) and their text (`以大小写字母或中文开头`, `不能以http://和https://开头`, `可以包含数字、
//! 半角冒号（:）…`, `只支持ASCII字符`).

use super::{plain, re};
use crate::spec::{LengthUnit, PatternRule};
use regex::Regex;
use std::sync::LazyLock;

/// Bounds on a string's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LengthFact {
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub unit: LengthUnit,
}

/// A rule on a string's text, with its operands and the page's words for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatternFact {
    pub rule: PatternRule,
    pub values: Vec<String>,
    pub text: String,
}

/// What kind of characters a length counts (`个英文或中文字符`, `个ASCII字符`), before the unit.
const CHARACTER_KINDS: &str = r"(?:个)?\s*(?:英文或中文|中文或英文|英文|中文|汉字|ASCII|Unicode)?\s*";

static LENGTH_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:长度(?:为|是|在|限制为?)?\s*[:：]?\s*[\[［(（]?\s*)?(\d+)\s*(?:[,，~～\-]|至|到)\s*(\d+)\s*[\]］)）]?\s*{CHARACTER_KINDS}(字符|字节|位)"
    ))
});
/// `字符长度为2~15`, `字节长度为1~64`: the unit before the numbers.
static UNIT_LENGTH_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(字符|字节)长度\s*(?:为|是|在)?\s*[:：]?\s*[\[［(（]?\s*(\d+)\s*(?:[,，~～\-]|至|到)\s*(\d+)")
});
static LENGTH_MAX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:长度不能超过|长度不超过|不能超过|不超过|不得超过|最多(?:支持|可输入|输入)?|最长|最大长度为?|长度上限为?)\s*(\d+)\s*{CHARACTER_KINDS}(字符|字节)"
    ))
});
static LENGTH_ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(\d+)\s+to\s+(\d+)|(?:cannot exceed|up to|at most|no more than|maximum of)\s+(\d+))\s+(characters|bytes)",
    )
});

/// The length a description allows a string, if it states one.
pub(crate) fn length(text: &str) -> Option<LengthFact> {
    let text = plain(text);
    let unit = |word: &str| {
        if word.contains("字节") || word.eq_ignore_ascii_case("bytes") {
            LengthUnit::Bytes
        } else {
            LengthUnit::Chars
        }
    };
    // Several lengths (one per kind of instance) allow the widest.
    let spans: Vec<LengthFact> = LENGTH_SPAN
        .captures_iter(&text)
        .map(|c| LengthFact { min: c[1].parse().ok(), max: c[2].parse().ok(), unit: unit(&c[3]) })
        .chain(UNIT_LENGTH_SPAN.captures_iter(&text).map(|c| LengthFact {
            min: c[2].parse().ok(),
            max: c[3].parse().ok(),
            unit: unit(&c[1]),
        }))
        .collect();
    if let Some(first) = spans.first() {
        let min = spans.iter().filter_map(|s| s.min).min();
        let max = spans.iter().filter_map(|s| s.max).max();
        return Some(LengthFact { min, max, unit: first.unit });
    }
    if let Some(c) = LENGTH_MAX.captures(&text) {
        return Some(LengthFact { min: None, max: c[1].parse().ok(), unit: unit(&c[2]) });
    }
    let c = LENGTH_ENGLISH.captures(&text)?;
    let (min, max) = match (c.get(1), c.get(2), c.get(3)) {
        (Some(low), Some(high), _) => (low.as_str().parse().ok(), high.as_str().parse().ok()),
        (_, _, Some(max)) => (None, max.as_str().parse().ok()),
        _ => return None,
    };
    Some(LengthFact { min, max, unit: unit(&c[4]) })
}

static STARTS_WITH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(不能|不可|不得|禁止)?\s*(?:必须|需要|需|须|只能)?\s*以\s*([^，,。；;]{1,40}?)\s*开头")
});
static NOT_CONTAINS: LazyLock<Regex> = LazyLock::new(|| re(r"不(?:能|可|得)包含\s*([^，,。；;]{1,60})"));
static ASCII_ONLY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:只支持|仅支持|只能(?:包含|使用)?|仅能(?:包含|使用)?|\d+\s*个)\s*ASCII\s*字符"));
static MAY_CONTAIN: LazyLock<Regex> = LazyLock::new(|| re(r"(?:可以|可|只能|仅能)包含([^。；;\n]*)"));
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| re(r"[（(]\s*([^\p{Han}\s（）()]{1,3})\s*[）)]"));

/// The rules on a string's text a description states, in the order the page states them.
pub(crate) fn patterns(text: &str) -> Vec<PatternFact> {
    let text = plain(text).replace('`', "");
    let mut found = Vec::new();
    for c in STARTS_WITH.captures_iter(&text) {
        let words = c[0].trim().to_owned();
        let inner = &c[2];
        if c.get(1).is_some() {
            let values = operands(inner);
            if !values.is_empty() {
                found.push(PatternFact { rule: PatternRule::NotPrefix, values, text: words });
            }
        } else if inner.contains("字母") {
            let rule = if inner.contains("中文") {
                PatternRule::LetterOrChineseFirst
            } else {
                PatternRule::LetterFirst
            };
            found.push(PatternFact { rule, values: Vec::new(), text: words });
        }
    }
    for c in NOT_CONTAINS.captures_iter(&text) {
        let values = operands(&c[1]);
        if !values.is_empty() {
            found.push(PatternFact { rule: PatternRule::NotContains, values, text: c[0].trim().to_owned() });
        }
    }
    if let Some(m) = ASCII_ONLY.find(&text) {
        found.push(PatternFact {
            rule: PatternRule::Ascii,
            values: Vec::new(),
            text: m.as_str().trim().to_owned(),
        });
    }
    if let Some(c) = MAY_CONTAIN.captures(&text) {
        let values: Vec<String> = SYMBOL.captures_iter(&c[1]).map(|s| s[1].to_owned()).collect();
        if !values.is_empty() {
            found.push(PatternFact { rule: PatternRule::AllowedChars, values, text: c[0].trim().to_owned() });
        }
    }
    found
}

/// The literal operands of a rule (`http://和https://`, `aliyun、acs:、http://或者https://`): ASCII
/// words between the list separators; a list with a word that is not one gives none.
fn operands(list: &str) -> Vec<String> {
    let mut values = Vec::new();
    for item in list.split(['、', '和', '或', ',', '，']).map(|i| i.trim_start_matches('者').trim()) {
        if item.is_empty() {
            continue;
        }
        if !item.chars().all(|c| c.is_ascii_graphic()) {
            return Vec::new();
        }
        values.push(item.to_owned());
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_the_corpus_wordings() {
        let l = |t: &str| length(t).map(|l| (l.min, l.max, l.unit));
        // Alibaba CreateDisk DiskName and Description.
        assert_eq!(
            l("云盘名称。长度为2~128个英文或中文字符。必须以大小字母或中文开头"),
            Some((Some(2), Some(128), LengthUnit::Chars))
        );
        assert_eq!(
            l("长度为 \\[2, 256\\] 个英文或中文字符，不能以 http:// 和 https:// 开头"),
            Some((Some(2), Some(256), LengthUnit::Chars))
        );
        assert_eq!(
            l("长度为2-128个字符，以英文字母或中文开头"),
            Some((Some(2), Some(128), LengthUnit::Chars))
        );
        // Alibaba ClientToken.
        assert_eq!(
            l("**ClientToken**只支持ASCII字符，且不能超过64个字符。"),
            Some((None, Some(64), LengthUnit::Chars))
        );
        assert_eq!(
            l("标签键。最多支持128个字符，不能以aliyun和acs:开头"),
            Some((None, Some(128), LengthUnit::Chars))
        );
        assert_eq!(
            l("描述，允许输入UTF-8编码下的全部字符，不超过256字符"),
            Some((None, Some(256), LengthUnit::Chars))
        );
        assert_eq!(l("Windows实例密码必须12到16位"), Some((Some(12), Some(16), LengthUnit::Chars)));
        // Alibaba CreateInstance HostName: one length per kind of instance, the widest holds.
        assert_eq!(
            l(
                "云服务器的主机名。\n- Windows实例：字符长度为2~15，不支持英文句号（.）。\n- 其他类型实例（Linux等）：字符长度为2~64。"
            ),
            Some((Some(2), Some(64), LengthUnit::Chars))
        );
        assert_eq!(l("用户数据，不超过16KB的字节"), None);
        assert_eq!(
            l("The name must be 2 to 128 characters in length."),
            Some((Some(2), Some(128), LengthUnit::Chars))
        );
        assert_eq!(l("镜像ID。"), None);
        assert_eq!(l("取值范围：1~100"), None);
    }

    #[test]
    fn text_rules_in_the_corpus_wordings() {
        let rules = |t: &str| patterns(t).into_iter().map(|p| (p.rule, p.values)).collect::<Vec<_>>();
        // Alibaba CreateDisk DiskName.
        assert_eq!(
            rules(
                "云盘名称。长度为2~128个英文或中文字符。必须以大小字母或中文开头，不能以`http://`和`https://`开头。可以包含数字、半角冒号（:）、下划线（\\_）或者连字符（-）。"
            ),
            [
                (PatternRule::LetterOrChineseFirst, vec![]),
                (PatternRule::NotPrefix, vec!["http://".to_owned(), "https://".to_owned()]),
                (PatternRule::AllowedChars, vec![":".to_owned(), "_".to_owned(), "-".to_owned()]),
            ]
        );
        assert_eq!(
            rules("最多支持128个字符，不能以aliyun、acs:、http://或者https://开头"),
            [(PatternRule::NotPrefix, ["aliyun", "acs:", "http://", "https://"].map(String::from).to_vec())]
        );
        assert_eq!(
            rules("不能以acs:开头，不能包含http://或者https://"),
            [
                (PatternRule::NotPrefix, vec!["acs:".to_owned()]),
                (PatternRule::NotContains, vec!["http://".to_owned(), "https://".to_owned()]),
            ]
        );
        assert_eq!(
            rules("长度为2-128个字符，以英文字母或中文开头，可包含数字，点号（.），下划线（_）或连字符（-）")
                [0]
            .0,
            PatternRule::LetterOrChineseFirst
        );
        assert_eq!(rules("密钥对名称，以字母开头")[0].0, PatternRule::LetterFirst);
        assert_eq!(rules("**ClientToken**只支持ASCII字符，且不能超过64个字符。")[0].0, PatternRule::Ascii);
        assert_eq!(rules("不超过64个ASCII字符")[0].0, PatternRule::Ascii);
        assert!(rules("为防止和自动快照的名称冲突，不能以auto开头")[0].1 == ["auto"]);
        assert!(rules("镜像ID，以镜像名称开头的镜像").is_empty(), "no letters, no forbidden words");
        assert!(rules("实例名称。").is_empty());
    }
}
