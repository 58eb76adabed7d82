//! The checks of a text value: its length, the rules on its characters, its format.

use super::Check;

/// What `text` breaks of `check` (`must be 2 to 128 characters long, got 1`), or `None` when it
/// holds or `check` is not about text.
pub(super) fn problem(check: Check, text: &str) -> Option<String> {
    match check {
        Check::Chars(min, max) => length(text.chars().count(), min, max, "characters"),
        Check::Bytes(min, max) => length(text.len(), min, max, "bytes"),
        check => rule(check, text).map(|rule| format!("{rule}, got {text:?}")),
    }
}

/// The rule on the characters or format of `text` that it breaks.
fn rule(check: Check, text: &str) -> Option<String> {
    let first = text.chars().next();
    match check {
        Check::LetterFirst => {
            (!first.is_some_and(|c| c.is_ascii_alphabetic())).then(|| "must start with a letter".to_owned())
        }
        Check::LetterOrChineseFirst => (!first.is_some_and(|c| c.is_ascii_alphabetic() || is_chinese(c)))
            .then(|| "must start with a letter or a Chinese character".to_owned()),
        Check::NotPrefix(prefixes) => {
            prefixes.iter().find(|p| text.starts_with(**p)).map(|p| format!("must not start with {p}"))
        }
        Check::NotContains(parts) => {
            parts.iter().find(|p| text.contains(**p)).map(|p| format!("must not contain {p}"))
        }
        Check::Ascii => (!text.is_ascii()).then(|| "must hold ASCII characters only".to_owned()),
        Check::AllowedChars(extra) => {
            let allowed = |c: char| c.is_ascii_alphanumeric() || is_chinese(c) || extra.contains(c);
            text.chars().find(|c| !allowed(*c)).map(|c| {
                let extra: Vec<String> = extra.chars().map(|c| c.to_string()).collect();
                format!("may hold only letters, digits and {}; {c:?} is none of them", extra.join(" "))
            })
        }
        Check::Lowercase => text.chars().any(char::is_uppercase).then(|| "must be lower case".to_owned()),
        Check::DateTime(pattern) => {
            (!matches_datetime(text, pattern)).then(|| format!("must have the form {pattern}"))
        }
        _ => None,
    }
}

/// `len` against `min` and `max` of `unit`.
fn length(len: usize, min: Option<u32>, max: Option<u32>, unit: &str) -> Option<String> {
    let short = min.is_some_and(|m| len < m as usize);
    let long = max.is_some_and(|m| len > m as usize);
    if !short && !long {
        return None;
    }
    let bounds = match (min, max) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => unreachable!("a length out of bounds has a bound"),
    };
    Some(format!("must be {bounds} {unit} long, got {len}"))
}

/// A Chinese character: the CJK unified ideographs and their extensions and compatibility forms.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// True when `value` follows the date-time `pattern`: each of the letters `yMdHhmsS` stands for
/// one digit, `Z` for a literal `Z`, anything else for itself; and the month, day, hour, minute
/// and second are real values. Pages write the year and the day in capitals too (`YYYY-MM-DD`),
/// meaning the calendar date, so `Y` and `D` read as `y` and `d`.
fn matches_datetime(value: &str, pattern: &str) -> bool {
    let pattern: String = pattern
        .chars()
        .map(|c| match c {
            'Y' => 'y',
            'D' => 'd',
            other => other,
        })
        .collect();
    let pattern = pattern.as_str();
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
        assert!(matches_datetime("2017-05-15", "YYYY-MM-DD"), "capital year and day letters");
        assert!(!matches_datetime("2017-05-32", "YYYY-MM-DD"));
    }

    #[test]
    fn lengths_count_characters_or_bytes() {
        // Two Chinese characters: 2 characters, 6 bytes.
        assert_eq!(problem(Check::Chars(Some(2), Some(4)), "云盘"), None);
        assert_eq!(
            problem(Check::Bytes(None, Some(4)), "云盘").as_deref(),
            Some("must be at most 4 bytes long, got 6")
        );
        assert_eq!(
            problem(Check::Chars(Some(2), Some(128)), "d").as_deref(),
            Some("must be 2 to 128 characters long, got 1")
        );
        assert_eq!(
            problem(Check::Chars(Some(2), None), "").as_deref(),
            Some("must be at least 2 characters long, got 0")
        );
    }

    #[test]
    fn first_characters() {
        assert_eq!(problem(Check::LetterFirst, "disk-1"), None);
        assert!(problem(Check::LetterFirst, "1disk").is_some());
        assert!(problem(Check::LetterFirst, "云盘").is_some());
        assert!(problem(Check::LetterFirst, "").is_some(), "an empty text starts with no letter");
        assert_eq!(problem(Check::LetterOrChineseFirst, "云盘1"), None);
        assert_eq!(problem(Check::LetterOrChineseFirst, "Disk"), None);
        assert!(problem(Check::LetterOrChineseFirst, "_disk").is_some());
    }

    #[test]
    fn forbidden_prefixes_and_parts_are_named() {
        let prefixes = Check::NotPrefix(&["http://", "https://"]);
        assert_eq!(
            problem(prefixes, "https://x").as_deref(),
            Some("must not start with https://, got \"https://x\"")
        );
        assert_eq!(problem(prefixes, "x-http://"), None);
        let parts = Check::NotContains(&["http://", "https://"]);
        assert_eq!(
            problem(parts, "x-http://").as_deref(),
            Some("must not contain http://, got \"x-http://\"")
        );
    }

    #[test]
    fn characters_allowed() {
        assert_eq!(problem(Check::Ascii, "token-1"), None);
        assert!(problem(Check::Ascii, "令牌").is_some());
        let names = Check::AllowedChars(":_-");
        assert_eq!(problem(names, "数据盘:data_1-a"), None);
        assert_eq!(
            problem(names, "data.1").as_deref(),
            Some("may hold only letters, digits and : _ -; '.' is none of them, got \"data.1\"")
        );
        assert_eq!(problem(Check::Lowercase, "pek3a"), None);
        assert!(problem(Check::Lowercase, "PEK3A").is_some());
    }

    #[test]
    fn checks_of_other_values_leave_text_alone() {
        assert_eq!(problem(Check::Required, ""), None);
        assert_eq!(problem(Check::Range(Some(1), None, None), "0"), None);
    }
}
