//! Conditions a description states between parameters: which become required with another, instead
//! of another, or when another has a value; which must not be set together; of which at least one
//! must be set.
//!
//! A row can speak of other parameters (`如果请求中没有 instance_type，则 cpu 和 memory 参数必须指定`
//! sits in `instance_type`'s row), so each finding names the parameter it constrains.

use super::plain;
use regex::Regex;
use std::sync::LazyLock;

/// One condition on one parameter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Requirement {
    /// When `subject` is set, `other` must be set too (`需与imageId同时指定`).
    Requires { subject: String, other: String },
    /// `subject` is required unless `other` is set (`如果您不设置InstanceId，则ZoneId为必填参数`).
    RequiredUnless { subject: String, other: String },
    /// `subject` is required when `other` has one of `values` (`当参数AutoRenew取值True时为必填`).
    RequiredWhen { subject: String, other: String, values: Vec<String> },
    /// `subject` must not be set together with `other` (`您不能同时指定ZoneId和InstanceId`).
    Excludes { subject: String, other: String },
}

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
const UNSET_TRIGGERS: [&str; 12] = [
    "没有指定",
    "未指定",
    "不指定",
    "没有传入",
    "未传入",
    "不传",
    "没有传",
    "不设置",
    "未设置",
    "没有设置",
    "不填",
    "没有",
];
const REQUIRED_WORDS: [&str; 6] = ["必选", "必填", "必须", "必传", "必需", "需要指定"];
const TOGETHER_NEGATIONS: [&str; 6] =
    ["不能同时", "不支持同时", "不可同时", "不允许同时", "不得同时", "不能与"];
const NEGATIONS: [&str; 3] = ["无需", "不需要", "无效"];
/// The parameter itself, named without its name.
const SELF_WORDS: [&str; 4] = ["该参数", "此参数", "本参数", "这个参数"];

/// `当参数AutoRenew取值True时为必填`, `当参数`InstanceChargeType`取值为`PrePaid`时才生效且为必选值`.
static REQUIRED_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"当\s*(?:参数)?\s*([A-Za-z][A-Za-z0-9_.]*)\s*(?:取值)?\s*(?:为|=|是)?\s*([A-Za-z0-9_][A-Za-z0-9_.\-]*)\s*时[^。；;]{0,12}?(?:必选|必填|必须|必传|必需)",
    )
    .expect("static regex")
});

/// The conditions a description of parameter `own` states, about it or about the other
/// parameters `names` (seed 001: `如果指定了镜像 ID，imageType 则为必选`; seed 003:
/// `指定该参数时必须同时指定Filter.N.Key参数`; seed 004: `如果没有指定ids参数，此参数必传`).
pub(crate) fn conditions(text: &str, own: &str, names: &[String]) -> Vec<Requirement> {
    let text = plain(text).replace('`', "");
    let mut found = Vec::new();
    // Longer names first, so `imageIds` is not read as `ids`; each with its spellings, made once.
    let mut by_length: Vec<(&String, Vec<String>)> = names.iter().map(|n| (n, spellings(n))).collect();
    by_length.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    for sentence in text.split(['。', '；', ';', '\n', '（', '(', '）', ')']) {
        let mentioned = mentions(sentence, &by_length);
        if TOGETHER_NEGATIONS.iter().any(|n| sentence.contains(n)) {
            exclusions(sentence, own, &mentioned, &mut found);
            continue;
        }
        if let Some(c) = REQUIRED_WHEN.captures(sentence)
            && let Some(other) = resolve(&c[1], &by_length)
            && other != own
        {
            found.push(Requirement::RequiredWhen {
                subject: own.to_owned(),
                other,
                values: vec![c[2].to_owned()],
            });
            continue;
        }
        if sentence.contains("至少") {
            at_least_one(sentence, &mentioned, &mut found);
            continue;
        }
        if NEGATIONS.iter().any(|n| sentence.contains(n)) {
            continue;
        }
        for &(at, ref name) in &mentioned {
            let before = &sentence[..at];
            let after = &sentence[at..];
            let after = &after[after
                .find(|c: char| !(c.is_ascii_alphanumeric() || "_.".contains(c)))
                .unwrap_or(after.len())..];
            let unset_before = UNSET_TRIGGERS
                .iter()
                .any(|t| before.rfind(t).is_some_and(|i| before[i + t.len()..].chars().count() <= 6));
            if unset_before {
                let Some(required_at) = REQUIRED_WORDS.iter().filter_map(|w| after.find(w)).min() else {
                    continue;
                };
                // `如果没有 instance_type，则 cpu 和 memory 参数必须指定`: the required ones are named
                // between; without a name it is this parameter.
                let required_at = sentence.len() - after.len() + required_at;
                let subjects: Vec<&String> = mentioned
                    .iter()
                    .filter(|(other_at, other)| *other_at > at && *other_at < required_at && other != name)
                    .map(|(_, other)| other)
                    .collect();
                if subjects.is_empty() && name != own {
                    found.push(Requirement::RequiredUnless { subject: own.to_owned(), other: name.clone() });
                }
                for subject in subjects {
                    found.push(Requirement::RequiredUnless { subject: subject.clone(), other: name.clone() });
                }
                continue;
            }
            if name == own {
                continue;
            }
            let required_soon = {
                let window: String = after.chars().take(8).collect();
                REQUIRED_WORDS.iter().any(|w| window.contains(w))
            };
            let set_before = SET_TRIGGERS.iter().any(|t| before.contains(t));
            let together_before =
                before.trim_end().ends_with("同时指定") || before.trim_end().ends_with("同时传入");
            let together_after =
                ["需与", "须与", "需要与", "必须与"].iter().any(|w| before.trim_end().ends_with(w))
                    && ["同时指定", "同时传入", "同时设置", "一起"]
                        .iter()
                        .any(|w| after.trim_start().starts_with(w));
            if together_before || together_after || (set_before && required_soon) {
                found.push(Requirement::Requires { subject: own.to_owned(), other: name.clone() });
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// `您不能同时指定ZoneId和InstanceId`, `该参数和参数InstantAccess不能同时传值`, `不能与X同时指定`:
/// when the sentence names this parameter (or says `该参数`), it excludes the others it names. A
/// sentence under a condition (`MultiAttach=Enabled时，不能同时设置InstanceId`) is left alone.
fn exclusions(sentence: &str, own: &str, mentioned: &[(usize, String)], found: &mut Vec<Requirement>) {
    let conditional = sentence.contains('=') || sentence.contains("时，") || sentence.contains("时,");
    let names_self = mentioned.iter().any(|(_, name)| name == own)
        || SELF_WORDS.iter().any(|w| sentence.contains(w))
        || sentence.contains("不能与");
    if conditional || !names_self {
        return;
    }
    for (_, other) in mentioned.iter().filter(|(_, name)| name != own) {
        found.push(Requirement::Excludes { subject: own.to_owned(), other: other.clone() });
    }
}

/// `SnapshotId或Size至少一项不得为空`, `至少设置一项SourceGroupId或者SourceCidrIp参数`: each of the
/// parameters named is required unless one of the others is set.
fn at_least_one(sentence: &str, mentioned: &[(usize, String)], found: &mut Vec<Requirement>) {
    let one = ["一个", "一项", "其一", "之一", "中的一个"].iter().any(|w| sentence.contains(w));
    if !one || mentioned.len() < 2 {
        return;
    }
    for (_, subject) in mentioned {
        for (_, other) in mentioned.iter().filter(|(_, other)| other != subject) {
            found.push(Requirement::RequiredUnless { subject: subject.clone(), other: other.clone() });
        }
    }
}

/// The parameters a sentence names, each once, in sentence order.
fn mentions(sentence: &str, names: &[(&String, Vec<String>)]) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for (name, spellings) in names {
        for spelling in spellings {
            let Some(at) = find_name(sentence, spelling, &taken) else { continue };
            taken.push(at..at + spelling.len());
            if !found.iter().any(|(_, n)| n == *name) {
                found.push((at, (*name).clone()));
            }
            break;
        }
    }
    found.sort();
    found
}

/// A parameter named in prose: by its name, or by its name without the list index (`InstanceIds`
/// for `InstanceIds.N`); `Filter.N.Key` also as `Filter.1.Key`.
fn spellings(name: &str) -> Vec<String> {
    let mut spellings = vec![name.to_owned()];
    for suffix in [".N", ".n"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            spellings.push(stem.to_owned());
        }
    }
    for digit in 1..=9 {
        let numbered = name.replace(".N.", &format!(".{digit}.")).replace(".n.", &format!(".{digit}."));
        if numbered != name {
            spellings.push(numbered);
        }
    }
    spellings
}

/// The parameter a word names, if it names one.
fn resolve(word: &str, names: &[(&String, Vec<String>)]) -> Option<String> {
    names.iter().find(|(_, spellings)| spellings.iter().any(|s| s == word)).map(|(name, _)| (*name).clone())
}

/// Where `name` occurs in `text` as a whole word (not inside a longer identifier, nor where a
/// longer name was already found).
fn find_name(text: &str, name: &str, taken: &[std::ops::Range<usize>]) -> Option<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    text.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before_ok = !text[..i].chars().next_back().is_some_and(is_ident);
        let after_ok = !text[i + name.len()..].chars().next().is_some_and(is_ident);
        before_ok && after_ok && !taken.iter().any(|r| r.contains(&i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    fn requires(subject: &str, other: &str) -> Requirement {
        Requirement::Requires { subject: subject.into(), other: other.into() }
    }

    fn unless(subject: &str, other: &str) -> Requirement {
        Requirement::RequiredUnless { subject: subject.into(), other: other.into() }
    }

    fn excludes(subject: &str, other: &str) -> Requirement {
        Requirement::Excludes { subject: subject.into(), other: other.into() }
    }

    #[test]
    fn the_seeds_conditions() {
        let names = names(&[
            "imageType",
            "imageIds.n",
            "status",
            "ids",
            "imageSource",
            "Filter.N.Key",
            "Filter.N.Value",
        ]);
        let c = conditions(
            "按照镜像 ID 过滤；如果指定了镜像 ID，imageType 则为必选（此接口支持同时传入多个 ID。",
            "imageIds.n",
            &names,
        );
        assert_eq!(c, [requires("imageIds.n", "imageType")]);
        let c = conditions(
            "查询资源时的筛选值。指定该参数时必须同时指定`Filter.N.Key`参数，格式为：`yyyy-MM-ddTHH:mmZ`。",
            "Filter.N.Value",
            &names,
        );
        assert_eq!(c, [requires("Filter.N.Value", "Filter.N.Key")]);
        // The corpus page writes the index out.
        let c = conditions("指定该参数时必须同时指定`Filter.1.Key`参数", "Filter.N.Value", &names);
        assert_eq!(c, [requires("Filter.N.Value", "Filter.N.Key")]);
        let c = conditions(
            "镜像来源，如果没有指定ids参数，此参数必传。<br> 取值范围： public（官方）",
            "imageSource",
            &names,
        );
        assert_eq!(c, [unless("imageSource", "ids")]);
        assert!(conditions("参数不支持同时指定`imageType`和`status`。", "ids", &names).is_empty());
        assert!(conditions("镜像ID列表，如果指定了此参数，其它参数无效。", "ids", &names).is_empty());
    }

    #[test]
    fn requirements_between_parameters() {
        // Tencent ResetInstances imageType and imageId.
        let names = names(&["instanceId", "imageType", "imageId", "password"]);
        let c = conditions(
            "镜像类型。<br>1：私有镜像<br>2：公有镜像<br>默认为2。需与imageId同时指定。",
            "imageType",
            &names,
        );
        assert_eq!(c, [requires("imageType", "imageId")]);
        let c =
            conditions("镜像ID。返回字段中的  unImgId 获取（需与imageType同时指定）。", "imageId", &names);
        assert_eq!(c, [requires("imageId", "imageType")]);
        // Alibaba CreateDisk ZoneId and InstanceId.
        let names_disk = self::names(&["RegionId", "ZoneId", "InstanceId", "Size", "SnapshotId"]);
        let zone = "在指定可用区内创建一块按量付费云盘。\n\n -   如果您不设置InstanceId，则ZoneId为必填参数。\n-   您不能同时指定ZoneId和InstanceId。";
        assert_eq!(
            conditions(zone, "ZoneId", &names_disk),
            [unless("ZoneId", "InstanceId"), excludes("ZoneId", "InstanceId")]
        );
        let instance = "创建一块包年包月云盘。\n\n -   您不能同时指定ZoneId和InstanceId。";
        assert_eq!(conditions(instance, "InstanceId", &names_disk), [excludes("InstanceId", "ZoneId")]);
        assert_eq!(
            conditions("参数SnapshotId或Size至少一项不得为空", "Size", &names_disk),
            [unless("Size", "SnapshotId"), unless("SnapshotId", "Size")]
        );
        // QingCloud RunInstances: a row speaking of two others.
        let names_run = self::names(&["image_id", "instance_type", "cpu", "memory"]);
        let c = conditions(
            "如果请求中没有 instance_type，则 cpu 和 memory 参数必须指定。",
            "instance_type",
            &names_run,
        );
        assert_eq!(c, [unless("cpu", "instance_type"), unless("memory", "instance_type")]);
        // Alibaba CreateInstance AutoRenewPeriod.
        let names_renew = self::names(&["AutoRenew", "AutoRenewPeriod", "InstanceChargeType", "Period"]);
        let c = conditions(
            "每次自动续费的时长，当参数AutoRenew取值True时为必填。",
            "AutoRenewPeriod",
            &names_renew,
        );
        assert_eq!(
            c,
            [Requirement::RequiredWhen {
                subject: "AutoRenewPeriod".into(),
                other: "AutoRenew".into(),
                values: vec!["True".into()]
            }]
        );
        let c = conditions(
            "当参数`InstanceChargeType`取值为`PrePaid`时才生效且为必选值。",
            "Period",
            &names_renew,
        );
        assert_eq!(
            c,
            [Requirement::RequiredWhen {
                subject: "Period".into(),
                other: "InstanceChargeType".into(),
                values: vec!["PrePaid".into()]
            }]
        );
    }

    #[test]
    fn exclusions_name_this_parameter() {
        // Tencent API 3.0 DescribeInstances.
        let names = names(&["InstanceIds.N", "Filters.N", "Offset", "Limit"]);
        let text = "按照一个或者多个实例ID查询。每次请求的实例的上限为100。参数不支持同时指定`InstanceIds`和`Filters`。";
        assert_eq!(conditions(text, "InstanceIds.N", &names), [excludes("InstanceIds.N", "Filters.N")]);
        assert!(conditions(text, "Offset", &names).is_empty(), "a sentence about two others");
        let names = self::names(&["MultiAttach", "InstanceId", "InstantAccess", "Category"]);
        assert_eq!(
            conditions("该参数和参数`InstantAccess`不能同时传值。", "Category", &names),
            [excludes("Category", "InstantAccess")]
        );
        assert!(
            conditions("因此`MultiAttach=Enabled`时，不能同时设置`InstanceId`参数。", "MultiAttach", &names)
                .is_empty()
        );
        assert!(
            conditions("如果同时指定了`InstanceId`和`Category`，则以后者为准。", "MultiAttach", &names)
                .is_empty()
        );
    }
}
