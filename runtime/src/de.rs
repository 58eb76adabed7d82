//! Lenient deserializers for what real answers send: booleans as `"True"`, numbers as strings,
//! timestamps in several spellings, lists wrapped in an object. Generated response types use them
//! with `#[serde(default, deserialize_with = "...")]`.
//!
//! Input: one JSON value of an answer. Output: the typed value, `None` for null or an empty
//! string, or an error naming what was found.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Error as _, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset};
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

mod object;

pub use object::{DynObject, Empty, Object, ObjectList, ObjectSlot, Slot, TextList, TextSlot, object};

/// The offset of times written without one: the providers here write local times in China
/// Standard Time.
const NAIVE_OFFSET: UtcOffset = offset!(+8);

/// One scalar of an answer, read straight from the deserializer (no `serde_json::Value` in between,
/// which would cost an allocation per field).
#[derive(Debug, PartialEq)]
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text(String),
}

impl Scalar {
    /// Null, a missing value or an empty (blank) string.
    fn absent(&self) -> bool {
        match self {
            Scalar::Null => true,
            Scalar::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// A number, or a string holding one, as `f64`.
    fn number(&self) -> Option<f64> {
        match self {
            Scalar::Int(n) => Some(*n as f64),
            Scalar::Uint(n) => Some(*n as f64),
            Scalar::Float(x) => Some(*x),
            Scalar::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn unexpected<E: de::Error>(&self, what: &str) -> E {
        let mut shown = match self {
            Scalar::Null => "null".to_owned(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Uint(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Text(s) => format!("{s:?}"),
        };
        if shown.chars().count() > 60 {
            shown = format!("{}…", shown.chars().take(60).collect::<String>());
        }
        E::custom(format!("expected {what}, found {shown}"))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar (text, number, boolean or null)")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Uint(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
}

/// `true`, `"true"`, `"True"`, `"TRUE"`, `1`, `"1"` (and their false counterparts).
pub fn opt_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    let value = Scalar::deserialize(deserializer)?;
    if value.absent() {
        return Ok(None);
    }
    let parsed = match &value {
        Scalar::Bool(b) => Some(*b),
        Scalar::Int(1) | Scalar::Uint(1) => Some(true),
        Scalar::Int(0) | Scalar::Uint(0) => Some(false),
        Scalar::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    };
    parsed.map(Some).ok_or_else(|| value.unexpected("a boolean"))
}

/// An integer, or a string holding one (`12`, `"12"`, `12.0`).
pub fn opt_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = Scalar::deserialize(deserializer)?;
    if value.absent() {
        return Ok(None);
    }
    let exact = match &value {
        Scalar::Int(n) => Some(*n),
        Scalar::Uint(n) => i64::try_from(*n).ok(),
        Scalar::Text(s) => s.trim().parse().ok(),
        _ => None,
    };
    let integral = || value.number().filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15).map(|x| x as i64);
    exact.or_else(integral).map(Some).ok_or_else(|| value.unexpected("an integer"))
}

/// A non-negative integer, or a string holding one.
pub fn opt_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let value = Scalar::deserialize(deserializer)?;
    if value.absent() {
        return Ok(None);
    }
    let exact = match &value {
        Scalar::Uint(n) => Some(*n),
        Scalar::Int(n) => u64::try_from(*n).ok(),
        Scalar::Text(s) => s.trim().parse().ok(),
        _ => None,
    };
    let integral =
        || value.number().filter(|x| x.fract() == 0.0 && (0.0..9.0e15).contains(x)).map(|x| x as u64);
    exact.or_else(integral).map(Some).ok_or_else(|| value.unexpected("a non-negative integer"))
}

/// A number, or a string holding one.
pub fn opt_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    let value = Scalar::deserialize(deserializer)?;
    if value.absent() {
        return Ok(None);
    }
    value.number().map(Some).ok_or_else(|| value.unexpected("a number"))
}

/// Any scalar as text (`"abc"`, `12` → `"12"`, `true` → `"true"`); null is `None`. An empty
/// string stays an empty string.
pub fn opt_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Null => None,
        Scalar::Text(s) => Some(s),
        Scalar::Int(n) => Some(n.to_string()),
        Scalar::Uint(n) => Some(n.to_string()),
        Scalar::Float(x) => Some(x.to_string()),
        Scalar::Bool(b) => Some(b.to_string()),
    })
}

/// A [`Timestamp`] in any spelling [`Timestamp::parse`] knows; null or empty is `None`.
pub fn opt_timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
    let value = Scalar::deserialize(deserializer)?;
    if value.absent() {
        return Ok(None);
    }
    let text = match &value {
        Scalar::Text(s) => s.clone(),
        Scalar::Int(n) => n.to_string(),
        Scalar::Uint(n) => n.to_string(),
        _ => return Err(value.unexpected("a timestamp")),
    };
    Timestamp::parse(&text).map(Some).ok_or_else(|| value.unexpected("a timestamp"))
}

/// A list however the answer wraps it: `[..]`, `{"AnyKey": [..]}`, `{"AnyKey": {..}}` (one item),
/// or null (empty). Items are read straight into `T`, with no intermediate value.
pub fn wrapped_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut items = VecItems(Vec::new());
    wrapped_list(deserializer, &mut items)?;
    Ok(items.0)
}

/// What [`wrapped_list`] does with each item of a list: reads it from its deserializer and keeps it.
trait Items<'de> {
    /// Reads one item.
    fn item<D: Deserializer<'de>>(&mut self, deserializer: D) -> Result<(), D::Error>;
    /// Room for `additional` more items.
    fn reserve(&mut self, _additional: usize) {}
}

/// The items of a list, each read by its own `Deserialize`.
struct VecItems<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Items<'de> for VecItems<T> {
    fn item<D: Deserializer<'de>>(&mut self, deserializer: D) -> Result<(), D::Error> {
        self.0.push(T::deserialize(deserializer)?);
        Ok(())
    }
    fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }
}

/// Reads a list however the answer wraps it (see [`wrapped_vec`]) into `items`.
fn wrapped_list<'de, D: Deserializer<'de>, I: Items<'de>>(
    deserializer: D,
    items: &mut I,
) -> Result<(), D::Error> {
    deserializer.deserialize_any(ListVisitor { wrapped: true, items })
}

/// Reads a list; with `wrapped`, also an object of one key around the list (or around one item).
struct ListVisitor<'i, I> {
    wrapped: bool,
    items: &'i mut I,
}

impl<'de, I: Items<'de>> de::DeserializeSeed<'de> for ListVisitor<'_, I> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// One item of a list, read into [`Items`].
struct ItemSeed<'i, I>(&'i mut I);

impl<'de, I: Items<'de>> de::DeserializeSeed<'de> for ItemSeed<'_, I> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.0.item(deserializer)
    }
}

impl<'de, I: Items<'de>> Visitor<'de> for ListVisitor<'_, I> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.wrapped {
            "a list, or an object of one key holding a list"
        } else {
            "a list or one item"
        })
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.items.reserve(seq.size_hint().unwrap_or(0).min(1024));
        while seq.next_element_seed(ItemSeed(&mut *self.items))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if !self.wrapped {
            // The wrapper's value is one object: the list's only item.
            return self.items.item(MapAccessDeserializer::new(map));
        }
        let Some(IgnoredAny) = map.next_key()? else {
            return Err(A::Error::custom("expected a list, found an empty object"));
        };
        map.next_value_seed(ListVisitor { wrapped: false, items: &mut *self.items })?;
        if map.next_key::<IgnoredAny>()?.is_some() {
            return Err(A::Error::custom("expected a list, found an object of several keys"));
        }
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.single(v.into_deserializer())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.single(v.into_deserializer())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.single(v.into_deserializer())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.single(v.into_deserializer())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.single(v.into_deserializer())
    }
}

impl<'de, I: Items<'de>> ListVisitor<'_, I> {
    /// A scalar inside the wrapper is the list's only item; a bare scalar is no list.
    fn single<E: de::Error, D: Deserializer<'de, Error = E>>(self, value: D) -> Result<(), E> {
        if self.wrapped {
            return Err(E::custom("expected a list, found a scalar"));
        }
        self.items.item(value)
    }
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
    use serde_json::{Value, json};
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
