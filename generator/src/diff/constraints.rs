//! Constraints on a value (ranges, conditional ranges, lengths, patterns, formats): does the new
//! spec let fewer values through, or more?

use super::checks::Check;
use super::show::{bounds_text, length_text, text};
use crate::spec::{
    ConditionalRange, Field, Format, Length, LengthUnit, Origin, Param, Pattern, PatternRule, Range,
};
use std::collections::{BTreeMap, BTreeSet};

/// Whether a constraint change lets fewer or more values through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Narrower,
    Wider,
}

/// The constraints a parameter or a field can carry.
#[derive(Clone, Copy)]
pub(super) struct Constraints<'a> {
    pub range: &'a Option<Range>,
    pub range_when: &'a [ConditionalRange],
    pub length: &'a Option<Length>,
    pub patterns: &'a [Pattern],
    pub format: &'a Option<Format>,
}

impl<'a> Constraints<'a> {
    pub fn of_param(p: &'a Param) -> Self {
        Constraints {
            range: &p.range,
            range_when: &p.range_when,
            length: &p.length,
            patterns: &p.patterns,
            format: &p.format,
        }
    }

    pub fn of_field(f: &'a Field) -> Self {
        Constraints {
            range: &f.range,
            range_when: &f.range_when,
            length: &f.length,
            patterns: &f.patterns,
            format: &f.format,
        }
    }
}

/// One constraint that changed, with the request-side checks for each direction.
pub(super) struct Shift<'a> {
    pub narrower: Check,
    pub wider: Check,
    pub direction: Direction,
    pub element: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub origin: Option<&'a Origin>,
}

impl Shift<'_> {
    /// The request-side check of this shift.
    pub fn check(&self) -> Check {
        match self.direction {
            Direction::Narrower => self.narrower,
            Direction::Wider => self.wider,
        }
    }
}

/// Every constraint of the element `el` that lets fewer or more values through.
pub(super) fn shifts<'a>(el: &str, old: Constraints<'a>, new: Constraints<'a>) -> Vec<Shift<'a>> {
    let mut shifts = Vec::new();
    let mut push = |(narrower, wider), direction, element, before, after, origin| {
        shifts.push(Shift { narrower, wider, direction, element, old: before, new: after, origin });
    };
    let ranges = (Check::RequestRangeNarrowed, Check::RequestRangeWidened);
    let range_bounds = |r: &Range| Bounds { min: r.min, max: r.max, step: r.step };
    if let Some(direction) =
        bounds_direction(old.range.as_ref().map(range_bounds), new.range.as_ref().map(range_bounds))
    {
        let show = |r: &Range| bounds_text(r.min, r.max, r.step);
        let origin = new.range.as_ref().or(old.range.as_ref()).map(|r| &r.origin);
        let (before, after) = (old.range.as_ref().map(show), new.range.as_ref().map(show));
        push(ranges, direction, format!("{el}.range"), before, after, origin);
    }
    let key = |r: &ConditionalRange| format!("{}={}", r.when.param, r.when.values.join("|"));
    let old_when: BTreeMap<String, &ConditionalRange> =
        old.range_when.iter().rev().map(|r| (key(r), r)).collect();
    let new_when: BTreeMap<String, &ConditionalRange> =
        new.range_when.iter().rev().map(|r| (key(r), r)).collect();
    for when in old_when.keys().chain(new_when.keys()).collect::<BTreeSet<_>>() {
        let (a, b) = (old_when.get(when).copied(), new_when.get(when).copied());
        let bounds = |r: &ConditionalRange| Bounds { min: r.min, max: r.max, step: r.step };
        if let Some(direction) = bounds_direction(a.map(bounds), b.map(bounds)) {
            let show = |r: &ConditionalRange| bounds_text(r.min, r.max, r.step);
            let origin = b.or(a).map(|r| &r.origin);
            push(ranges, direction, format!("{el}.range_when[{when}]"), a.map(show), b.map(show), origin);
        }
    }
    if let Some(direction) = length_direction(old.length.as_ref(), new.length.as_ref()) {
        let origin = new.length.as_ref().or(old.length.as_ref()).map(|l| &l.origin);
        let (before, after) = (old.length.as_ref().map(length_text), new.length.as_ref().map(length_text));
        let checks = (Check::RequestLengthNarrowed, Check::RequestLengthWidened);
        push(checks, direction, format!("{el}.length"), before, after, origin);
    }
    for (rule, direction, before, after, origin) in pattern_changes(old.patterns, new.patterns) {
        let checks = (Check::RequestPatternNarrowed, Check::RequestPatternWidened);
        push(checks, direction, format!("{el}.patterns[{}]", text(&rule)), before, after, origin);
    }
    let format_key = |f: &Format| (f.kind, f.pattern.clone());
    if old.format.as_ref().map(format_key) != new.format.as_ref().map(format_key) {
        // A format that appears or changes refuses values the old one (or none) accepted.
        let direction = if new.format.is_some() { Direction::Narrower } else { Direction::Wider };
        let show = |f: &Format| f.pattern.clone().unwrap_or_else(|| text(&f.kind));
        let origin = new.format.as_ref().or(old.format.as_ref()).map(|f| &f.origin);
        let (before, after) = (old.format.as_ref().map(show), new.format.as_ref().map(show));
        let checks = (Check::RequestFormatNarrowed, Check::RequestFormatWidened);
        push(checks, direction, format!("{el}.format"), before, after, origin);
    }
    shifts
}

/// Inclusive bounds and a step; `None` is unbounded.
#[derive(Clone, Copy)]
struct Bounds {
    min: Option<i64>,
    max: Option<i64>,
    step: Option<i64>,
}

impl Bounds {
    const UNBOUNDED: Bounds = Bounds { min: None, max: None, step: None };
}

/// True when `new` refuses a value `old` accepts.
fn refuses_more(old: Bounds, new: Bounds) -> bool {
    let min = match (old.min, new.min) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b > a,
    };
    let max = match (old.max, new.max) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
    };
    // Every multiple of `a` is a multiple of `b` exactly when `b` divides `a`.
    let step = match (old.step, new.step) {
        (_, None) => false,
        (None, Some(b)) => b.unsigned_abs() > 1,
        (Some(a), Some(b)) => b == 0 || a % b != 0,
    };
    min || max || step
}

/// Narrower when the new bounds refuse a value the old accept, wider when they only accept more.
fn bounds_direction(old: Option<Bounds>, new: Option<Bounds>) -> Option<Direction> {
    let (old, new) = (old.unwrap_or(Bounds::UNBOUNDED), new.unwrap_or(Bounds::UNBOUNDED));
    if refuses_more(old, new) {
        Some(Direction::Narrower)
    } else if refuses_more(new, old) {
        Some(Direction::Wider)
    } else {
        None
    }
}

/// As [`bounds_direction`], with the unit: a limit in bytes is stricter than one in characters
/// (a Chinese character takes three bytes in UTF-8).
fn length_direction(old: Option<&Length>, new: Option<&Length>) -> Option<Direction> {
    let bounds = |l: Option<&Length>| {
        l.map(|Length { min, max, unit: _, origin: _ }| Bounds {
            min: min.map(i64::from),
            max: max.map(i64::from),
            step: None,
        })
    };
    let unit = |l: Option<&Length>| l.map_or(LengthUnit::Chars, |l| l.unit);
    let by_bounds = bounds_direction(bounds(old), bounds(new));
    match (unit(old), unit(new)) {
        (LengthUnit::Chars, LengthUnit::Bytes) if new.is_some_and(|l| l.max.is_some()) => {
            Some(Direction::Narrower)
        }
        (LengthUnit::Bytes, LengthUnit::Chars) if by_bounds != Some(Direction::Narrower) => {
            Some(Direction::Wider)
        }
        _ => by_bounds,
    }
}

/// A pattern change of one rule: the rule, its direction, the old and new rule text and where.
type PatternChange<'a> = (PatternRule, Direction, Option<String>, Option<String>, Option<&'a Origin>);

/// Pattern changes rule by rule. Page words that change without changing the rule are left to
/// the description.
fn pattern_changes<'a>(old: &'a [Pattern], new: &'a [Pattern]) -> Vec<PatternChange<'a>> {
    let group = |patterns: &'a [Pattern]| {
        let mut rules: BTreeMap<PatternRule, (BTreeSet<&'a str>, &'a Pattern)> = BTreeMap::new();
        for pattern in patterns {
            let Pattern { rule, values, text: _, origin: _ } = pattern;
            let entry = rules.entry(*rule).or_insert_with(|| (BTreeSet::new(), pattern));
            entry.0.extend(values.iter().map(String::as_str));
        }
        rules
    };
    let (old, new) = (group(old), group(new));
    let show = |rule: PatternRule, values: &BTreeSet<&str>| {
        let values: Vec<&str> = values.iter().copied().collect();
        if values.is_empty() { text(&rule) } else { format!("{} {}", text(&rule), values.join(" ")) }
    };
    let mut changes = Vec::new();
    for rule in old.keys().chain(new.keys()).collect::<BTreeSet<_>>() {
        let (a, b) = (old.get(rule), new.get(rule));
        let direction = match (a, b) {
            (None, Some(_)) => Direction::Narrower,
            (Some(_), None) => Direction::Wider,
            (Some((a, _)), Some((b, _))) => {
                // Forbidden prefixes refuse more as they grow; allowed characters as they shrink.
                let (refuses, accepts) = match rule {
                    PatternRule::NotPrefix => (!b.is_subset(a), !a.is_subset(b)),
                    PatternRule::AllowedChars => (!a.is_subset(b), !b.is_subset(a)),
                    _ => (false, false),
                };
                match (refuses, accepts) {
                    (true, _) => Direction::Narrower,
                    (false, true) => Direction::Wider,
                    (false, false) => continue,
                }
            }
            (None, None) => continue,
        };
        let origin = b.or(a).map(|(_, p)| &p.origin);
        changes.push((
            *rule,
            direction,
            a.map(|(v, _)| show(*rule, v)),
            b.map(|(v, _)| show(*rule, v)),
            origin,
        ));
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(min: Option<i64>, max: Option<i64>, step: Option<i64>) -> Option<Bounds> {
        Some(Bounds { min, max, step })
    }

    #[test]
    fn bounds_narrow_when_a_value_accepted_before_is_refused() {
        use Direction::*;
        assert_eq!(
            bounds_direction(bounds(Some(1), Some(100), None), bounds(Some(1), Some(50), None)),
            Some(Narrower)
        );
        assert_eq!(
            bounds_direction(bounds(Some(1), Some(50), None), bounds(Some(1), Some(100), None)),
            Some(Wider)
        );
        assert_eq!(bounds_direction(None, bounds(None, Some(100), None)), Some(Narrower));
        assert_eq!(bounds_direction(bounds(None, Some(100), None), None), Some(Wider));
        // Shifted: some old values are refused, so it breaks even though others are now accepted.
        assert_eq!(
            bounds_direction(bounds(Some(1), Some(10), None), bounds(Some(5), Some(20), None)),
            Some(Narrower)
        );
        // Multiples of 20 are multiples of 10, not the other way round.
        assert_eq!(bounds_direction(bounds(None, None, Some(20)), bounds(None, None, Some(10))), Some(Wider));
        assert_eq!(
            bounds_direction(bounds(None, None, Some(10)), bounds(None, None, Some(20))),
            Some(Narrower)
        );
        // A step of 1 on integers constrains nothing.
        assert_eq!(bounds_direction(None, bounds(None, None, Some(1))), None);
    }

    #[test]
    fn a_length_in_bytes_is_stricter_than_in_characters() {
        let length = |max, unit| Length { min: None, max: Some(max), unit, origin: Origin::page(1) };
        let chars = length(64, LengthUnit::Chars);
        let bytes = length(64, LengthUnit::Bytes);
        assert_eq!(length_direction(Some(&chars), Some(&bytes)), Some(Direction::Narrower));
        assert_eq!(length_direction(Some(&bytes), Some(&chars)), Some(Direction::Wider));
        assert_eq!(
            length_direction(Some(&bytes), Some(&length(32, LengthUnit::Chars))),
            Some(Direction::Narrower)
        );
    }

    #[test]
    fn forbidden_prefixes_narrow_as_they_grow_and_allowed_characters_as_they_shrink() {
        let pattern = |rule, values: &[&str]| Pattern {
            rule,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            text: None,
            origin: Origin::page(1),
        };
        let direction = |old: &[Pattern], new: &[Pattern]| {
            pattern_changes(old, new).into_iter().map(|(_, d, ..)| d).collect::<Vec<_>>()
        };
        let http = [pattern(PatternRule::NotPrefix, &["http://"])];
        let both = [pattern(PatternRule::NotPrefix, &["http://", "https://"])];
        assert_eq!(direction(&http, &both), [Direction::Narrower]);
        assert_eq!(direction(&both, &http), [Direction::Wider]);
        let dash = [pattern(PatternRule::AllowedChars, &["-"])];
        let dash_colon = [pattern(PatternRule::AllowedChars, &["-", ":"])];
        assert_eq!(direction(&dash_colon, &dash), [Direction::Narrower]);
        assert_eq!(direction(&dash, &dash_colon), [Direction::Wider]);
        assert_eq!(direction(&[], &[pattern(PatternRule::LetterFirst, &[])]), [Direction::Narrower]);
        // Page words alone are no rule change.
        let mut worded = pattern(PatternRule::LetterFirst, &[]);
        worded.text = Some("以字母开头".to_owned());
        assert!(direction(&[pattern(PatternRule::LetterFirst, &[])], &[worded]).is_empty());
    }
}
