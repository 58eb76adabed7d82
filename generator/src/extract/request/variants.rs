//! Alternative request tables: a request section with one parameter table per use of the API
//! (Tencent's InquiryStoragePrice: `2.1. 查询新购…`, `2.2. 查询续费…`, `2.3. 查询扩容…`), chosen by a
//! parameter each table fixes to its own value (`inquiryType` = `create`, `renew`, `resize`).
//!
//! The tables become one request: every parameter once; one required by some tables only is
//! optional, with `required_when` the discriminator has the values of those tables; the
//! discriminator lists the tables' values as its enum. A note at each table says what it is.

use super::RowFacts;
use crate::extract::Ctx;
use crate::extract::prose;
use crate::spec::{Diagnostic, EnumValue, Severity, When};
use regex::Regex;
use std::sync::LazyLock;

/// One alternative table: the text above it and its rows.
pub(super) struct Variant {
    pub caption: String,
    pub line: u32,
    pub end_line: u32,
    pub rows: Vec<(RowFacts, u32)>,
}

/// A merged parameter row, with its first line and when it is required.
pub(super) struct Merged {
    pub row: RowFacts,
    pub line: u32,
    pub required_when: Option<When>,
    /// For the discriminator: the value of each table, meaning the table's caption.
    pub values: Vec<EnumValue>,
}

/// Merges the tables into one list of parameters, in order of first appearance, and notes each
/// table on the page.
pub(super) fn merge(variants: Vec<Variant>, ctx: &mut Ctx) -> Vec<Merged> {
    let discriminator = discriminator(&variants);
    let count = variants.len();
    let mut merged: Vec<Merged> = Vec::new();
    // For each merged row: the tables that have it, and whether each requires it.
    let mut presence: Vec<Vec<(usize, bool)>> = Vec::new();
    for (index, variant) in variants.iter().enumerate() {
        for (row, line) in &variant.rows {
            match merged.iter().position(|m| m.row.name == row.name) {
                Some(at) => presence[at].push((index, row.required)),
                None => {
                    merged.push(Merged {
                        row: row.clone(),
                        line: *line,
                        required_when: None,
                        values: Vec::new(),
                    });
                    presence.push(vec![(index, row.required)]);
                }
            }
        }
    }
    for (entry, present) in merged.iter_mut().zip(&presence) {
        let everywhere = present.len() == count && present.iter().all(|(_, required)| *required);
        if let Some((name, values)) = &discriminator
            && &entry.row.name == name
        {
            entry.values = values
                .iter()
                .zip(&variants)
                .map(|(value, variant)| EnumValue {
                    value: value.clone(),
                    meaning: Some(variant.caption.clone()),
                })
                .collect();
            entry.row.required = everywhere;
            continue;
        }
        if everywhere {
            continue;
        }
        entry.row.required = false;
        if let Some((name, values)) = &discriminator {
            let when: Vec<String> = present
                .iter()
                .filter(|(_, required)| *required)
                .map(|(index, _)| values[*index].clone())
                .collect();
            if !when.is_empty() {
                entry.required_when = Some(When { param: name.clone(), values: when });
            }
        }
    }
    for (index, variant) in variants.iter().enumerate() {
        let chosen = match &discriminator {
            Some((name, values)) => format!("chosen by `{name}` = `{}`", values[index]),
            None => "no parameter says which table a call uses".to_owned(),
        };
        let only: Vec<&str> = merged
            .iter()
            .zip(&presence)
            .filter(|(_, present)| present.len() < count && present.iter().any(|(i, _)| *i == index))
            .map(|(m, _)| m.row.name.as_str())
            .collect();
        let only = if only.is_empty() {
            String::new()
        } else {
            format!("; only this kind of call takes `{}`", only.join("`, `"))
        };
        ctx.diagnostics.push(Diagnostic {
            line: variant.line,
            end_line: Some(variant.end_line),
            severity: Severity::Note,
            code: "request-variant".to_owned(),
            message: format!(
                "`{}` is one of {count} alternative request tables, {chosen}{only}",
                variant.caption
            ),
            help: (discriminator.is_none()).then(|| {
                "the parameters of all tables are optional; state their requirements in an overlay".to_owned()
            }),
            ..Diagnostic::default()
        });
    }
    merged
}

/// The parameter every table has and fixes to a value of its own (`该参数固定为"renew"`), with
/// each table's value.
fn discriminator(variants: &[Variant]) -> Option<(String, Vec<String>)> {
    let first = variants.first()?;
    for (candidate, _) in &first.rows {
        let values: Option<Vec<String>> = variants
            .iter()
            .map(|variant| {
                let (row, _) = variant.rows.iter().find(|(row, _)| row.name == candidate.name)?;
                fixed_value(&row.description)
            })
            .collect();
        let Some(values) = values else { continue };
        let mut distinct = values.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() == values.len() {
            return Some((candidate.name.clone(), values));
        }
    }
    None
}

/// The one value a description fixes: `固定为"create"`, `the input parameter is always "create"`,
/// a single quoted word, or a list of one value.
fn fixed_value(description: &str) -> Option<String> {
    static FIXED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?:固定(?:为|是|取)?|(?i:always)|只能(?:为|是|取))\s*[:：]?\s*["“'`]?([A-Za-z0-9_.\-]+)"#,
        )
        .expect("static regex")
    });
    static QUOTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"["“'`]([A-Za-z0-9_.\-]+)["”'`]"#).expect("static regex"));
    let text = prose::plain(description);
    if let Some(c) = FIXED.captures(&text) {
        return Some(c[1].to_owned());
    }
    let quoted: Vec<&str> =
        QUOTED.captures_iter(&text).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
    if let [one] = quoted.as_slice() {
        return Some((*one).to_owned());
    }
    let values = prose::read(&text).values?;
    match values.values.as_slice() {
        [one] => Some(one.value.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_values() {
        assert_eq!(fixed_value("查询新购云盘的价格时，该参数固定为\"create\"").as_deref(), Some("create"));
        assert_eq!(
            fixed_value("For renewals, the input parameter is always \"renew\"").as_deref(),
            Some("renew")
        );
        assert_eq!(fixed_value("系统规定参数。取值：DescribeImages").as_deref(), Some("DescribeImages"));
        assert_eq!(fixed_value("云盘ID"), None);
        assert_eq!(fixed_value("付费方式：prePay 或 postPay"), None);
    }
}
