//! What a row's description says → the constraints of a [`Param`] or a request type's [`Field`]:
//! enum, default, range and step, length, text patterns, format, deprecation; then, across all
//! parameters of the page, the conditions rows state on each other and the bounds that depend on
//! another parameter's value.

use super::RowFacts;
use crate::extract::prose::{self, BoundsWhen, ConditionalBounds, Facts, Requirement, ValueList};
use crate::spec::{
    ConditionalRange, Deprecation, Enumeration, Field, Format, Length, Origin, Param, Pattern, Range, Scalar,
    TypeRef, When,
};

/// The constraints of one row, as both parameters and fields record them.
#[derive(Debug, Clone, Default)]
pub(super) struct Constraints {
    pub enumeration: Option<Enumeration>,
    pub default: Option<String>,
    pub range: Option<Range>,
    pub length: Option<Length>,
    pub patterns: Vec<Pattern>,
    pub format: Option<Format>,
    pub deprecated: Option<Deprecation>,
}

impl Constraints {
    /// Reads the constraints of a row at `line`. Values listed for an object belong to one of its
    /// fields (the names a `Filter` takes), so a named or untyped value gets no enum.
    pub fn of(row: &RowFacts, facts: &Facts, line: u32, value_lists: &[ValueList]) -> Constraints {
        let origin = Origin::page(line);
        let enumerable = match row.ty {
            TypeRef::Named(_) => false,
            TypeRef::Scalar(scalar) => scalar != Scalar::Json || row.array,
        };
        // A number's values are numbers: `cloud：5~2000` under a size names the bound per category.
        let numeric = matches!(row.ty, TypeRef::Scalar(Scalar::Integer | Scalar::Long | Scalar::Float));
        let fits = |values: &&prose::Values| {
            !numeric || values.values.iter().all(|v| v.value.parse::<f64>().is_ok())
        };
        let mut enumeration = facts.values.as_ref().filter(|_| enumerable).filter(fits).map(|values| {
            Enumeration { values: values.values.clone(), open: values.open, origin: origin.clone() }
        });
        if enumeration.is_none()
            && enumerable
            && facts.values_elsewhere
            && let Some(list) = prose::find_value_list(value_lists, &row.description)
        {
            enumeration = Some(Enumeration {
                values: list.values.values.clone(),
                open: list.values.open,
                origin: Origin::page(list.line),
            });
        }
        let is_string = matches!(row.ty, TypeRef::Scalar(Scalar::String));
        let is_number = matches!(row.ty, TypeRef::Scalar(Scalar::Integer | Scalar::Long | Scalar::Float));
        Constraints {
            enumeration,
            default: row.default_cell.clone().or_else(|| facts.default.clone()),
            range: facts.bounds.filter(|_| is_number).map(|b| Range {
                min: b.min,
                max: b.max,
                step: b.step,
                origin: origin.clone(),
            }),
            length: facts.length.filter(|_| is_string).map(|l| Length {
                min: l.min,
                max: l.max,
                unit: l.unit,
                origin: origin.clone(),
            }),
            patterns: facts
                .patterns
                .iter()
                .filter(|_| is_string)
                .map(|p| Pattern {
                    rule: p.rule,
                    values: p.values.clone(),
                    text: Some(p.text.clone()),
                    origin: origin.clone(),
                })
                .collect(),
            format: facts.format.clone().map(|f| Format {
                kind: f.kind,
                pattern: f.pattern,
                origin: origin.clone(),
            }),
            deprecated: facts
                .deprecated
                .clone()
                .map(|d| Deprecation { note: d.note, origin: origin.clone() }),
        }
    }
}

/// Records each condition a row stated (`requirements`, each with the line of its row) on the
/// parameter it constrains. An exclusion both rows state is recorded once, on the first.
pub(super) fn apply_requirements(params: &mut [Param], requirements: Vec<(u32, Requirement)>) {
    for (line, requirement) in requirements {
        let subject = match &requirement {
            Requirement::Requires { subject, .. }
            | Requirement::RequiredUnless { subject, .. }
            | Requirement::RequiredWhen { subject, .. }
            | Requirement::Excludes { subject, .. } => subject.clone(),
        };
        if let Requirement::Excludes { subject, other } = &requirement
            && params.iter().any(|p| &p.name == other && p.conditions.excludes.contains(subject))
        {
            continue;
        }
        let Some(param) = params.iter_mut().find(|p| p.name == subject) else { continue };
        let conditions = &mut param.conditions;
        let added = match requirement {
            Requirement::Requires { other, .. } => push_new(&mut conditions.requires, other),
            Requirement::RequiredUnless { other, .. } => push_new(&mut conditions.required_unless, other),
            Requirement::Excludes { other, .. } => push_new(&mut conditions.excludes, other),
            Requirement::RequiredWhen { other, values, .. } => {
                let when = When { param: other, values };
                let new = !conditions.required_when.contains(&when);
                if new {
                    conditions.required_when.push(when);
                }
                new
            }
        };
        if added && conditions.origin.is_none() {
            conditions.origin = Some(Origin::page(line));
        }
    }
}

fn push_new(list: &mut Vec<String>, item: String) -> bool {
    let new = !list.contains(&item);
    if new {
        list.push(item);
    }
    new
}

/// Turns the bounds each parameter states under a condition into `range_when` entries, finding the
/// parameter each condition speaks of: by name (`当chargeUnit为month时`), or as the parameter
/// whose enum has the value (`cloud：5~2,000` → `DiskCategory`) or the meaning
/// (`容量型硬盘大小是 20-5000GB` → `volume_type` 2). A bound whose condition names nothing known
/// still widened the parameter's range, so no value the page allows is refused.
pub(super) fn resolve_conditional_ranges<T: Constrained>(
    params: &mut [T],
    pending: Vec<(usize, u32, Vec<ConditionalBounds>)>,
) {
    for (index, line, conditions) in pending {
        let mut resolved: Vec<ConditionalRange> = Vec::new();
        for condition in conditions {
            let Some(when) = resolve(params, index, &condition.when) else { continue };
            let bounds = condition.bounds;
            // Values sharing one bound (`基础型` and `SSD企业级`: 20–2000) make one entry.
            match resolved.iter_mut().find(|r| {
                r.when.param == when.param && (r.min, r.max, r.step) == (bounds.min, bounds.max, bounds.step)
            }) {
                Some(existing) => existing.when.values.extend(when.values),
                None => resolved.push(ConditionalRange {
                    when,
                    min: bounds.min,
                    max: bounds.max,
                    step: bounds.step,
                    origin: Origin::page(line),
                }),
            }
        }
        params[index].set_range_when(resolved);
    }
}

/// A parameter or a field of a request type: what constraints are recorded on, and conditional
/// bounds resolved against.
pub(super) trait Constrained {
    fn name(&self) -> &str;
    fn enumeration(&self) -> Option<&Enumeration>;
    fn set_range_when(&mut self, ranges: Vec<ConditionalRange>);
    /// Records the constraints of its row.
    fn apply(&mut self, constraints: Constraints);
}

/// Parameters and fields spell their constraints alike.
macro_rules! constrained {
    ($ty:ty) => {
        impl Constrained for $ty {
            fn name(&self) -> &str {
                &self.name
            }
            fn enumeration(&self) -> Option<&Enumeration> {
                self.enumeration.as_ref()
            }
            fn set_range_when(&mut self, ranges: Vec<ConditionalRange>) {
                self.range_when = ranges;
            }
            fn apply(&mut self, constraints: Constraints) {
                self.enumeration = constraints.enumeration;
                self.default = constraints.default;
                self.range = constraints.range;
                self.length = constraints.length;
                self.patterns = constraints.patterns;
                self.format = constraints.format;
                self.deprecated = constraints.deprecated;
            }
        }
    };
}

constrained!(Param);
constrained!(Field);

/// The condition on another parameter that a bound's condition names.
fn resolve<T: Constrained>(params: &[T], own: usize, condition: &BoundsWhen) -> Option<When> {
    let others = params.iter().enumerate().filter(|(i, _)| *i != own).map(|(_, p)| p);
    match condition {
        BoundsWhen::Param { name, value } => {
            let param =
                params.iter().find(|p| p.name() == name || p.name().strip_suffix(".N") == Some(name))?;
            Some(When { param: param.name().to_owned(), values: vec![value.clone()] })
        }
        BoundsWhen::Label(label) => {
            let wanted = label_variants(label);
            for param in others {
                let Some(enumeration) = param.enumeration() else { continue };
                let values: Vec<String> = enumeration
                    .values
                    .iter()
                    .filter(|v| {
                        wanted.contains(&normalized(&v.value))
                            || v.meaning.as_deref().is_some_and(|m| {
                                wanted.contains(&normalized(m))
                                    || wanted.contains(&normalized(without_note(m)))
                            })
                    })
                    .map(|v| v.value.clone())
                    .collect();
                if !values.is_empty() {
                    return Some(When { param: param.name().to_owned(), values });
                }
            }
            None
        }
    }
}

/// A label and, for an optional prefix in parentheses (`(超高)性能型`), both readings.
fn label_variants(label: &str) -> Vec<String> {
    let mut variants = vec![normalized(label)];
    if let Some(rest) = label.strip_prefix(['(', '（'])
        && let Some((optional, base)) = rest.split_once([')', '）'])
    {
        variants.push(normalized(base));
        variants.push(normalized(&format!("{optional}{base}")));
    }
    variants
}

/// A meaning without a trailing note in parentheses (`超高性能型 (只能被超高性能云服务器挂载)`).
fn without_note(meaning: &str) -> &str {
    match meaning.trim_end().strip_suffix([')', '）']).and_then(|m| m.rfind(['(', '（'])) {
        Some(at) => meaning[..at].trim_end(),
        None => meaning,
    }
}

/// Text compared without spaces, case, and the words for a disk (`SSD 企业级硬盘` ~ `SSD企业级`).
fn normalized(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    text.replace("硬盘", "").replace("云盘", "").replace('（', "(").replace('）', ")")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{EnumValue, Location};

    fn param(name: &str, values: &[(&str, &str)]) -> Param {
        let mut param = Param::new(name, Location::Query, TypeRef::Scalar(Scalar::Integer), Origin::page(1));
        if !values.is_empty() {
            param.enumeration = Some(Enumeration {
                values: values
                    .iter()
                    .map(|(v, m)| EnumValue { value: (*v).to_owned(), meaning: Some((*m).to_owned()) })
                    .collect(),
                open: false,
                origin: Origin::page(1),
            });
        }
        param
    }

    #[test]
    fn qingcloud_create_volumes_sizes_depend_on_the_volume_type() {
        // QingCloud CreateVolumes: `size` gives a range per kind, `volume_type` names each kind's value.
        let size_text = "硬盘容量: <br/><li>(超高)性能型大小范围是 20-1000GB, 步长是10GB </li><li>容量型硬盘大小是 20-5000GB, 步长是10GB</li><li>基础型硬盘大小范围是 20-2000GB, 步长是 10GB </li><li> SSD企业级硬盘大小是 20-2000GB, 步长是 10GB </li><li>企业级分布式 SAN(NeonSAN)的大小是20GB-5TB, 步长 10GB</li>";
        let type_text = "硬盘类型:<br/><li>性能型是 0 </li><li>容量型是 2 </li><li>超高性能型是 3 (只能被超高性能云服务器挂载)</li><li> 基础型硬盘是 100 (只能被基础型云服务器挂载)</li><li>SSD 企业级硬盘是 200 (只能被企业型云服务器挂载)</li><li>企业级分布式 SAN (NeonSAN) 是 5</li>上面的每个类型的硬盘并不是每个区都有，具体可以通过前端查看";
        let facts = prose::read(size_text);
        let bounds = facts.bounds.expect("bounds");
        assert_eq!((bounds.min, bounds.max, bounds.step), (Some(20), Some(5120), Some(10)), "the widest");
        let values = prose::read(type_text).values.expect("values");
        let volume_type = param(
            "volume_type",
            &values
                .values
                .iter()
                .map(|v| (v.value.as_str(), v.meaning.as_deref().unwrap_or("")))
                .collect::<Vec<_>>(),
        );
        let mut size = param("size", &[]);
        size.range =
            Some(Range { min: bounds.min, max: bounds.max, step: bounds.step, origin: Origin::page(1) });
        let mut params = vec![size, volume_type];
        resolve_conditional_ranges(&mut params, vec![(0, 16, facts.conditional_bounds)]);
        let found: Vec<(Vec<&str>, Option<i64>)> = params[0]
            .range_when
            .iter()
            .map(|r| (r.when.values.iter().map(String::as_str).collect(), r.max))
            .collect();
        assert_eq!(
            found,
            [
                (vec!["0", "3"], Some(1000)),
                (vec!["2"], Some(5000)),
                (vec!["100", "200"], Some(2000)),
                (vec!["5"], Some(5120))
            ],
            "5 TB is 5120 GB"
        );
        assert!(params[0].range_when.iter().all(|r| r.when.param == "volume_type" && r.step == Some(10)));
    }

    #[test]
    fn jd_charge_duration_depends_on_the_charge_unit() {
        let text = "预付费计费时长，预付费必填，当chargeMode取值为prepaid_by_duration时有效。当chargeUnit为month时取值为：1~9，当chargeUnit为year时取值为：1、2、3";
        let facts = prose::read(text);
        assert!(facts.values.is_none(), "a range is never an enum");
        let bounds = facts.bounds.expect("bounds");
        assert_eq!((bounds.min, bounds.max), (Some(1), Some(9)));
        let mut duration = param("chargeDuration", &[]);
        duration.range = Some(Range { min: Some(1), max: Some(9), step: None, origin: Origin::page(1) });
        let mut params = vec![duration, param("chargeUnit", &[("month", ""), ("year", "")])];
        resolve_conditional_ranges(&mut params, vec![(0, 45, facts.conditional_bounds)]);
        let found: Vec<(&str, &str, Option<i64>)> = params[0]
            .range_when
            .iter()
            .map(|r| (r.when.param.as_str(), r.when.values[0].as_str(), r.max))
            .collect();
        assert_eq!(found, [("chargeUnit", "month", Some(9)), ("chargeUnit", "year", Some(3))]);
    }

    #[test]
    fn alibaba_disk_sizes_depend_on_the_category() {
        let text = "容量大小。单位：GiB。您必须为该参数传入参数值。取值范围：\n\n -   cloud：5~2,000\n-   cloud\\_efficiency：20~32,768\n-   cloud\\_ssd：20~32,768\n-   cloud\\_essd：\n    -   PL0：40~32,768\n    -   PL1：20~32,768\n    -   PL2：461~32,768\n    -   PL3：1,261~32,768";
        let facts = prose::read(text);
        let bounds = facts.bounds.expect("bounds");
        assert_eq!((bounds.min, bounds.max), (Some(5), Some(32768)));
        let mut size = param("Size", &[]);
        size.range = Some(Range { min: Some(5), max: Some(32768), step: None, origin: Origin::page(1) });
        let category = param(
            "DiskCategory",
            &[
                ("cloud", "普通云盘"),
                ("cloud_efficiency", "高效云盘"),
                ("cloud_ssd", "SSD云盘"),
                ("cloud_essd", "ESSD云盘"),
            ],
        );
        let level = param("PerformanceLevel", &[("PL0", "a"), ("PL1", "b"), ("PL2", "c"), ("PL3", "d")]);
        let mut params = vec![size, category, level];
        resolve_conditional_ranges(&mut params, vec![(0, 40, facts.conditional_bounds)]);
        type Found<'a> = (&'a str, Vec<&'a str>, Option<i64>, Option<i64>);
        let found: Vec<Found> = params[0]
            .range_when
            .iter()
            .map(|r| {
                (r.when.param.as_str(), r.when.values.iter().map(String::as_str).collect(), r.min, r.max)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("DiskCategory", vec!["cloud"], Some(5), Some(2000)),
                ("DiskCategory", vec!["cloud_efficiency", "cloud_ssd"], Some(20), Some(32768)),
                ("PerformanceLevel", vec!["PL0"], Some(40), Some(32768)),
                ("PerformanceLevel", vec!["PL1"], Some(20), Some(32768)),
                ("PerformanceLevel", vec!["PL2"], Some(461), Some(32768)),
                ("PerformanceLevel", vec!["PL3"], Some(1261), Some(32768)),
            ]
        );
    }
}
