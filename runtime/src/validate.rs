//! Checks of the constraints the pages state, shared by every generated `validate`.
//!
//! A generated `validate` creates a [`Validator`], calls one method per constraint, and returns
//! [`Validator::finish`]: every violation is reported at once, each naming the wire parameter and
//! the page line that states the constraint.

use std::cmp::Ordering;
use std::fmt;

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The wire parameter, with the index filled in (`limit`, `Tag.21.Key`, `Filter.1.Value`).
    pub param: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// The page and line stating the constraint (`specs/sources/aliyun/DescribeImages.md:68`).
    pub source: &'static str,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (see {})", self.param, self.message, self.source)
    }
}

/// All the violations of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Violation>);

impl ValidationErrors {
    /// The violations, in the order the checks ran (page order).
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }

    /// True when some violation names `param`.
    pub fn mentions(&self, param: &str) -> bool {
        self.0.iter().any(|v| v.param == param)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} invalid parameter(s)", self.0.len())?;
        for v in &self.0 {
            write!(f, "\n  {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects violations.
#[derive(Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
}

impl Validator {
    /// No violations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a violation.
    pub fn fail(&mut self, param: impl Into<String>, message: impl Into<String>, source: &'static str) {
        self.violations.push(Violation { param: param.into(), message: message.into(), source });
    }

    /// `present` must hold: the parameter is required.
    pub fn required(&mut self, param: &str, present: bool, source: &'static str) {
        if !present {
            self.fail(param, "is required", source);
        }
    }

    /// When `param` is present, each of `others` must be too.
    pub fn requires(&mut self, param: &str, present: bool, others: &[(&str, bool)], source: &'static str) {
        if present {
            for (other, other_present) in others {
                if !other_present {
                    self.fail(param, format!("requires {other} to be set as well"), source);
                }
            }
        }
    }

    /// `param` is required unless one of `others` is present.
    pub fn required_unless(
        &mut self,
        param: &str,
        present: bool,
        others: &[(&str, bool)],
        source: &'static str,
    ) {
        if !present && !others.iter().any(|(_, p)| *p) {
            let names: Vec<&str> = others.iter().map(|(n, _)| *n).collect();
            self.fail(param, format!("is required when {} is not set", names.join(" or ")), source);
        }
    }

    /// `value` must lie in `min..=max` (either bound may be absent); a float that is not a number
    /// lies in no range.
    pub fn range<T: PartialOrd + fmt::Display + Copy>(
        &mut self,
        param: &str,
        value: T,
        min: Option<T>,
        max: Option<T>,
        source: &'static str,
    ) {
        let below = |bound: T| value.partial_cmp(&bound).is_none_or(|o| o == Ordering::Less);
        let above = |bound: T| value.partial_cmp(&bound).is_none_or(|o| o == Ordering::Greater);
        let low = min.is_some_and(below);
        let high = max.is_some_and(above);
        if low || high {
            let bounds = match (min, max) {
                (Some(a), Some(b)) => format!("between {a} and {b}"),
                (Some(a), None) => format!("at least {a}"),
                (None, Some(b)) => format!("at most {b}"),
                (None, None) => unreachable!("a failed range check has a bound"),
            };
            self.fail(param, format!("must be {bounds}, got {value}"), source);
        }
    }

    /// A list may hold at most `max` items. The violation names the first item too many
    /// (`Tag.21.Key`), given its wire name by `item_name`.
    pub fn max_items(
        &mut self,
        len: usize,
        max: usize,
        item_name: impl Fn(usize) -> String,
        source: &'static str,
    ) {
        if len > max {
            self.fail(item_name(max), format!("at most {max} items are allowed, got {len}"), source);
        }
    }

    /// `value` must be one of `allowed`.
    pub fn one_of(&mut self, param: &str, value: &str, allowed: &[&str], source: &'static str) {
        if !allowed.contains(&value) {
            self.fail(param, format!("must be one of {}, got {value:?}", allowed.join(", ")), source);
        }
    }

    /// `value` must be lower case.
    pub fn lowercase(&mut self, param: &str, value: &str, source: &'static str) {
        if value.chars().any(char::is_uppercase) {
            self.fail(param, format!("must be lower case, got {value:?}"), source);
        }
    }

    /// `value` must follow a date-time `pattern` written with Java-style letters (`yyyy-MM-ddTHH:mmZ`):
    /// each letter stands for one digit, `Z` for a literal `Z`, anything else for itself.
    pub fn datetime(&mut self, param: &str, value: &str, pattern: &str, source: &'static str) {
        if !matches_datetime(value, pattern) {
            self.fail(param, format!("must have the form {pattern}, got {value:?}"), source);
        }
    }

    /// `Ok` when no check failed, else every violation.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() { Ok(()) } else { Err(ValidationErrors(self.violations)) }
    }
}

fn matches_datetime(value: &str, pattern: &str) -> bool {
    let mut v = value.chars();
    for p in pattern.chars() {
        let Some(c) = v.next() else { return false };
        let ok = match p {
            'y' | 'M' | 'd' | 'H' | 'h' | 'm' | 's' | 'S' => c.is_ascii_digit(),
            'Z' => c == 'Z',
            other => c == other,
        };
        if !ok {
            return false;
        }
    }
    v.next().is_none() && datetime_fields_in_range(value, pattern)
}

/// Month, day, hour, minute and second must be real values, not just digits.
fn datetime_fields_in_range(value: &str, pattern: &str) -> bool {
    let field = |letter: char| -> Option<u32> {
        let start = pattern.find(letter)?;
        let len = pattern[start..].chars().take_while(|&c| c == letter).count();
        value.get(start..start + len)?.parse().ok()
    };
    let within = |letter, lo, hi| field(letter).is_none_or(|n| (lo..=hi).contains(&n));
    within('M', 1, 12) && within('d', 1, 31) && within('H', 0, 23) && within('m', 0, 59) && within('s', 0, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_patterns() {
        assert!(matches_datetime("2017-12-05T22:40Z", "yyyy-MM-ddTHH:mmZ"));
        assert!(!matches_datetime("2017-12-05 22:40", "yyyy-MM-ddTHH:mmZ"));
        assert!(!matches_datetime("2017-13-05T22:40Z", "yyyy-MM-ddTHH:mmZ"));
        assert!(!matches_datetime("2017-12-05T22:40Z1", "yyyy-MM-ddTHH:mmZ"));
        assert!(!matches_datetime("2017-12-05T25:40Z", "yyyy-MM-ddTHH:mmZ"));
    }

    #[test]
    fn all_violations_reported() {
        let mut v = Validator::new();
        v.required("zone", false, "p:1");
        v.range("limit", 101, Some(0), Some(100), "p:2");
        v.lowercase("zone", "PEK3A", "p:3");
        v.max_items(21, 20, |i| format!("Tag.{}.Key", i + 1), "p:4");
        let errs = v.finish().unwrap_err();
        assert_eq!(errs.0.len(), 4);
        assert!(errs.mentions("Tag.21.Key"));
        assert!(errs.to_string().contains("limit: must be between 0 and 100, got 101 (see p:2)"));
    }

    #[test]
    fn float_ranges_hold_their_bounds_and_refuse_nan() {
        let mut v = Validator::new();
        v.range("ratio", 1.0, Some(0.0), Some(1.0), "p:1");
        v.range("ratio", -0.0, Some(0.0), None, "p:1");
        assert!(v.finish().is_ok(), "bounds are inclusive");
        let mut v = Validator::new();
        v.range("a", 1.5, Some(0.0), Some(1.0), "p:1");
        v.range("b", f64::NAN, Some(0.0), None, "p:2");
        v.range("c", -0.1, None, Some(5.0), "p:3");
        let errs = v.finish().unwrap_err();
        assert!(errs.to_string().contains("a: must be between 0 and 1, got 1.5"), "{errs}");
        assert!(errs.mentions("b"), "NaN is in no range: {errs}");
        assert!(!errs.mentions("c"), "{errs}");
    }
}
