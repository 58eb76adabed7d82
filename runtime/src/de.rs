//! Lenient deserializers for what real answers send: booleans as `"True"`, numbers as strings,
//! timestamps in several spellings, lists wrapped in an object. Generated response types use them
//! with `#[serde(default, deserialize_with = "...")]`.
//!
//! Input: one JSON value of an answer. Output: the typed value, `None` for null or an empty
//! string, or an error naming what was found.

use std::fmt;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset};
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// The offset of times written without one: the providers here write local times in China
/// Standard Time.
const NAIVE_OFFSET: UtcOffset = offset!(+8);

/// Null, a missing value or an empty (blank) string.
fn absent(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn unexpected<E: serde::de::Error>(what: &str, value: &Value) -> E {
    let mut shown = value.to_string();
    if shown.len() > 60 {
        shown = format!("{}…", shown.chars().take(60).collect::<String>());
    }
    E::custom(format!("expected {what}, found {shown}"))
}

/// `true`, `"true"`, `"True"`, `"TRUE"`, `1`, `"1"` (and their false counterparts).
pub fn opt_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if absent(&value) {
        return Ok(None);
    }
    let parsed = match &value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_u64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    };
    parsed.map(Some).ok_or_else(|| unexpected("a boolean", &value))
}

/// A number, or a string holding one, as `f64`.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An integer, or a string holding one (`12`, `"12"`, `12.0`).
pub fn opt_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if absent(&value) {
        return Ok(None);
    }
    let exact = match &value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let integral = || number(&value).filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15).map(|x| x as i64);
    exact.or_else(integral).map(Some).ok_or_else(|| unexpected("an integer", &value))
}

/// A non-negative integer, or a string holding one.
pub fn opt_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if absent(&value) {
        return Ok(None);
    }
    let exact = match &value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let integral =
        || number(&value).filter(|x| x.fract() == 0.0 && (0.0..9.0e15).contains(x)).map(|x| x as u64);
    exact.or_else(integral).map(Some).ok_or_else(|| unexpected("a non-negative integer", &value))
}

/// A number, or a string holding one.
pub fn opt_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if absent(&value) {
        return Ok(None);
    }
    number(&value).map(Some).ok_or_else(|| unexpected("a number", &value))
}

/// Any scalar as text (`"abc"`, `12` → `"12"`, `true` → `"true"`); null is `None`. An empty
/// string stays an empty string.
pub fn opt_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        other => Err(unexpected("a scalar", &other)),
    }
}

/// A [`Timestamp`] in any spelling [`Timestamp::parse`] knows; null or empty is `None`.
pub fn opt_timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if absent(&value) {
        return Ok(None);
    }
    let text = match &value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return Err(unexpected("a timestamp", &value)),
    };
    Timestamp::parse(&text).map(Some).ok_or_else(|| unexpected("a timestamp", &value))
}

/// A list however the answer wraps it: `[..]`, `{"AnyKey": [..]}`, `{"AnyKey": {..}}` (one item),
/// or null (empty).
pub fn wrapped_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        Value::Object(map) if map.len() == 1 => match map.into_iter().next() {
            Some((_, Value::Array(items))) => items,
            Some((_, Value::Null)) | None => return Ok(Vec::new()),
            Some((_, single)) => vec![single],
        },
        other => return Err(unexpected("a list", &other)),
    };
    items.into_iter().map(|item| T::deserialize(item).map_err(D::Error::custom)).collect()
}

/// A point in time as an answer wrote it: the parsed time and the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    time: OffsetDateTime,
    text: String,
}

impl Timestamp {
    /// Parses RFC 3339 (`2013-08-07T18:16:32Z`, `2018-07-31T10:29:59+08:00`, fractions too), the
    /// same without seconds (`2016-01-20T08:00Z`), with a space (`2016-01-20 08:00:00`), a date
    /// alone (`2016-01-20`), or Unix seconds (`1453248000`). Times without an offset are read in
    /// China Standard Time (UTC+8), which is how these providers write them.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let trimmed = text.trim();
        let time = parse_time(trimmed)?;
        Some(Timestamp { time, text: text.to_owned() })
    }

    /// The time.
    pub fn time(&self) -> OffsetDateTime {
        self.time
    }

    /// The text the answer held.
    pub fn original(&self) -> &str {
        &self.text
    }
}

fn parse_time(text: &str) -> Option<OffsetDateTime> {
    if let Ok(time) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(time);
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: i64 = text.parse().ok()?;
        return OffsetDateTime::from_unix_timestamp(seconds).ok();
    }
    let (local, offset) = match text.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, UtcOffset::UTC),
        None => (text, NAIVE_OFFSET),
    };
    let local = local.replacen('T', " ", 1);
    let with_seconds = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let with_fraction = format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond]");
    let minutes = format_description!("[year]-[month]-[day] [hour]:[minute]");
    let primitive = PrimitiveDateTime::parse(&local, with_seconds)
        .or_else(|_| PrimitiveDateTime::parse(&local, with_fraction))
        .or_else(|_| PrimitiveDateTime::parse(&local, minutes))
        .or_else(|_| {
            time::Date::parse(&local, format_description!("[year]-[month]-[day]")).map(|d| d.midnight())
        })
        .ok()?;
    Some(primitive.assume_offset(offset))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        opt_timestamp(deserializer)?.ok_or_else(|| D::Error::custom("expected a timestamp, found nothing"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    #[derive(Debug, Deserialize)]
    struct Answer {
        #[serde(default, deserialize_with = "opt_bool")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "opt_i64")]
        int: Option<i64>,
        #[serde(default, deserialize_with = "opt_u64")]
        size: Option<u64>,
        #[serde(default, deserialize_with = "opt_f64")]
        ratio: Option<f64>,
        #[serde(default, deserialize_with = "opt_string")]
        name: Option<String>,
        #[serde(default, deserialize_with = "opt_timestamp")]
        at: Option<Timestamp>,
        #[serde(default, deserialize_with = "wrapped_vec")]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: String,
    }

    fn answer(value: Value) -> Answer {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn booleans_in_every_spelling() {
        for (input, expected) in [
            (json!(true), Some(true)),
            (json!("True"), Some(true)),
            (json!("false"), Some(false)),
            (json!(1), Some(true)),
            (json!(0), Some(false)),
            (json!("0"), Some(false)),
            (json!(null), None),
            (json!(""), None),
        ] {
            assert_eq!(answer(json!({ "flag": input })).flag, expected, "{input}");
        }
        assert!(serde_json::from_value::<Answer>(json!({"flag": "maybe"})).is_err());
        assert!(serde_json::from_value::<Answer>(json!({"flag": 2})).is_err());
    }

    #[test]
    fn numbers_from_numbers_and_strings() {
        let a = answer(json!({"int": "-12", "size": "20", "ratio": "0.5"}));
        assert_eq!((a.int, a.size, a.ratio), (Some(-12), Some(20), Some(0.5)));
        let a = answer(json!({"int": 7.0, "size": 20, "ratio": 3}));
        assert_eq!((a.int, a.size, a.ratio), (Some(7), Some(20), Some(3.0)));
        assert_eq!(answer(json!({"int": null, "size": ""})).size, None);
        assert!(serde_json::from_value::<Answer>(json!({"size": -1})).is_err());
        assert!(serde_json::from_value::<Answer>(json!({"int": 1.5})).is_err());
        assert!(serde_json::from_value::<Answer>(json!({"int": "x"})).is_err());
        assert_eq!(answer(json!({})).int, None);
    }

    #[test]
    fn strings_from_any_scalar() {
        assert_eq!(answer(json!({"name": 12})).name.as_deref(), Some("12"));
        assert_eq!(answer(json!({"name": false})).name.as_deref(), Some("false"));
        assert_eq!(answer(json!({"name": "中文 a/b"})).name.as_deref(), Some("中文 a/b"));
        assert_eq!(answer(json!({"name": null})).name, None);
        assert!(serde_json::from_value::<Answer>(json!({"name": [1]})).is_err());
    }

    #[test]
    fn timestamps_in_every_spelling() {
        for (input, expected) in [
            ("2013-08-07T18:16:32Z", datetime!(2013-08-07 18:16:32 UTC)),
            ("2018-07-31T10:29:59+08:00", datetime!(2018-07-31 02:29:59 UTC)),
            ("2016-01-20T08:00Z", datetime!(2016-01-20 08:00 UTC)),
            ("2016-01-20 08:00:00", datetime!(2016-01-20 00:00 UTC)),
            ("2016-01-20T08:00:00.5Z", datetime!(2016-01-20 08:00:00.5 UTC)),
            ("2016-01-20", datetime!(2016-01-19 16:00 UTC)),
            ("1453248000", datetime!(2016-01-20 00:00 UTC)),
        ] {
            let t = answer(json!({ "at": input })).at.unwrap();
            assert_eq!(t.time(), expected, "{input}");
            assert_eq!(t.original(), input);
            assert_eq!(t.to_string(), input);
        }
        assert_eq!(answer(json!({"at": 1453248000})).at.unwrap().time(), datetime!(2016-01-20 00:00 UTC));
        assert_eq!(answer(json!({"at": ""})).at, None);
        assert!(serde_json::from_value::<Answer>(json!({"at": "yesterday"})).is_err());
        assert!(serde_json::from_value::<Answer>(json!({"at": "2016-13-01"})).is_err());
    }

    #[test]
    fn lists_however_wrapped() {
        let one = vec![Item { id: "a".into() }];
        let two = vec![Item { id: "a".into() }, Item { id: "b".into() }];
        assert_eq!(answer(json!({"items": [{"id": "a"}, {"id": "b"}]})).items, two);
        assert_eq!(answer(json!({"items": {"Image": [{"id": "a"}, {"id": "b"}]}})).items, two);
        assert_eq!(answer(json!({"items": {"Image": {"id": "a"}}})).items, one);
        assert_eq!(answer(json!({"items": {"Image": null}})).items, vec![]);
        assert_eq!(answer(json!({"items": null})).items, vec![]);
        assert_eq!(answer(json!({})).items, vec![]);
        assert!(serde_json::from_value::<Answer>(json!({"items": "x"})).is_err());
        assert!(serde_json::from_value::<Answer>(json!({"items": {"a": [], "b": []}})).is_err());
    }

    #[test]
    fn timestamp_deserializes_on_its_own() {
        let t: Timestamp = serde_json::from_str("\"2013-08-07T18:16:32Z\"").unwrap();
        assert_eq!(t.time(), datetime!(2013-08-07 18:16:32 UTC));
        assert!(serde_json::from_str::<Timestamp>("null").is_err());
    }
}
