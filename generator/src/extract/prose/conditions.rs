//! Conditions a description states on other parameters: which become required with it, or
//! instead of it.

use super::{Conditions, plain};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
