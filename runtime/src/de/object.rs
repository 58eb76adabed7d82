//! Answer types read field by field. A generated answer type implements [`Object`] (its name and,
//! for each key, the [`Slot`] the value goes to) instead of deriving `Deserialize`: each type is
//! one small match with no generic code, and the reading, written once here, is shared.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{
    Items, Timestamp, opt_bool, opt_f64, opt_i64, opt_string, opt_timestamp, wrapped_list, wrapped_vec,
};
use crate::params::FromWire;

/// An answer type read field by field.
pub trait Object: Default {
    /// The type's name, for error messages.
    const NAME: &'static str;
    /// Where the value of `key` goes, or `None` to skip it.
    fn slot(&mut self, key: &str) -> Option<Slot<'_>>;
}

/// A type that contains itself is read through a box.
impl<T: Object> Object for Box<T> {
    const NAME: &'static str = T::NAME;
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        (**self).slot(key)
    }
}

/// An answer, or a part of one, whose page documents no fields (JD Cloud's `deleteDisk`, whose
/// 返回参数 is 无): any value decodes to it, and it reads as an object with nothing in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Empty;

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(Empty)
    }
}

impl Object for Empty {
    const NAME: &'static str = "Empty";
    fn slot(&mut self, _: &str) -> Option<Slot<'_>> {
        None
    }
}

/// Where the value of one field of an answer goes, and how it is read: scalars leniently
/// ([`opt_string`] and its siblings), lists however the answer wraps them ([`wrapped_vec`]).
pub enum Slot<'a> {
    /// Any scalar, as text.
    String(&'a mut Option<String>),
    /// An integer, or a string holding one.
    I64(&'a mut Option<i64>),
    /// A number, or a string holding one.
    F64(&'a mut Option<f64>),
    /// A boolean in any spelling.
    Bool(&'a mut Option<bool>),
    /// A timestamp in any spelling.
    Timestamp(&'a mut Option<Timestamp>),
    /// Any JSON value.
    Json(&'a mut Option<serde_json::Value>),
    /// A value of a set, read through its text.
    Text(&'a mut dyn TextSlot),
    /// A nested object.
    Object(&'a mut dyn ObjectSlot),
    /// A list of strings.
    Strings(&'a mut Vec<String>),
    /// A list of integers.
    I64s(&'a mut Vec<i64>),
    /// A list of numbers.
    F64s(&'a mut Vec<f64>),
    /// A list of booleans.
    Bools(&'a mut Vec<bool>),
    /// A list of timestamps.
    Timestamps(&'a mut Vec<Timestamp>),
    /// A list of JSON values.
    Jsons(&'a mut Vec<serde_json::Value>),
    /// A list of values of a set.
    Texts(&'a mut dyn TextList),
    /// A list of objects.
    Objects(&'a mut dyn ObjectList),
}

/// An optional value of a set ([`Slot::Text`]).
pub trait TextSlot {
    /// Sets the value `text` spells (`None` for null); false when it spells none of the set.
    fn set(&mut self, text: Option<&str>) -> bool;
}

impl<T: FromWire> TextSlot for Option<T> {
    fn set(&mut self, text: Option<&str>) -> bool {
        match text {
            None => *self = None,
            Some(text) => match T::from_wire(text) {
                Some(value) => *self = Some(value),
                None => return false,
            },
        }
        true
    }
}

/// A list of values of a set ([`Slot::Texts`]).
pub trait TextList {
    /// Removes every item.
    fn clear(&mut self);
    /// Appends the value `text` spells; false when it spells none of the set.
    fn push(&mut self, text: &str) -> bool;
}

impl<T: FromWire> TextList for Vec<T> {
    fn clear(&mut self) {
        Vec::clear(self);
    }
    fn push(&mut self, text: &str) -> bool {
        T::from_wire(text).map(|value| Vec::push(self, value)).is_some()
    }
}

/// An object behind `dyn`, for the shared reader.
pub trait DynObject {
    /// [`Object::NAME`].
    fn name(&self) -> &'static str;
    /// [`Object::slot`].
    fn dyn_slot(&mut self, key: &str) -> Option<Slot<'_>>;
}

impl<T: Object> DynObject for T {
    fn name(&self) -> &'static str {
        T::NAME
    }
    fn dyn_slot(&mut self, key: &str) -> Option<Slot<'_>> {
        self.slot(key)
    }
}

/// An optional nested object ([`Slot::Object`]).
pub trait ObjectSlot {
    /// Sets no object.
    fn clear(&mut self);
    /// Sets an empty object and returns it.
    fn fresh(&mut self) -> &mut dyn DynObject;
}

impl<T: Object> ObjectSlot for Option<T> {
    fn clear(&mut self) {
        *self = None;
    }
    fn fresh(&mut self) -> &mut dyn DynObject {
        self.insert(T::default())
    }
}

/// A list of objects ([`Slot::Objects`]).
pub trait ObjectList {
    /// Removes every item.
    fn clear(&mut self);
    /// Appends an empty object and returns it.
    fn fresh(&mut self) -> &mut dyn DynObject;
}

impl<T: Object> ObjectList for Vec<T> {
    fn clear(&mut self) {
        Vec::clear(self);
    }
    fn fresh(&mut self) -> &mut dyn DynObject {
        self.push(T::default());
        self.last_mut().expect("an item was just pushed")
    }
}

/// Reads an [`Object`] from an answer's object; absent fields stay empty, unknown ones are skipped.
///
/// # Errors
///
/// When the value is no object, or a field cannot be read.
pub fn object<'de, D: Deserializer<'de>, T: Object>(deserializer: D) -> Result<T, D::Error> {
    let mut out = T::default();
    deserializer.deserialize_map(Fill(&mut out))?;
    Ok(out)
}

/// Reads an object's fields into their slots.
struct Fill<'a>(&'a mut dyn DynObject);

impl<'de> Visitor<'de> for Fill<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object {}", self.0.name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match self.0.dyn_slot(&key.0) {
                Some(slot) => map.next_value_seed(slot)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// An object key, borrowed from the answer when it can be.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> de::DeserializeSeed<'de> for Slot<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self {
            Slot::String(slot) => *slot = opt_string(deserializer)?,
            Slot::I64(slot) => *slot = opt_i64(deserializer)?,
            Slot::F64(slot) => *slot = opt_f64(deserializer)?,
            Slot::Bool(slot) => *slot = opt_bool(deserializer)?,
            Slot::Timestamp(slot) => *slot = opt_timestamp(deserializer)?,
            Slot::Json(slot) => *slot = Option::deserialize(deserializer)?,
            Slot::Text(slot) => deserializer.deserialize_option(Optional::Text(slot))?,
            Slot::Object(slot) => deserializer.deserialize_option(Optional::Object(slot))?,
            Slot::Strings(list) => *list = wrapped_vec(deserializer)?,
            Slot::I64s(list) => *list = wrapped_vec(deserializer)?,
            Slot::F64s(list) => *list = wrapped_vec(deserializer)?,
            Slot::Bools(list) => *list = wrapped_vec(deserializer)?,
            Slot::Timestamps(list) => *list = wrapped_vec(deserializer)?,
            Slot::Jsons(list) => *list = wrapped_vec(deserializer)?,
            Slot::Texts(list) => {
                list.clear();
                wrapped_list(deserializer, &mut TextItems(list))?;
            }
            Slot::Objects(list) => {
                list.clear();
                wrapped_list(deserializer, &mut ObjectItems(list))?;
            }
        }
        Ok(())
    }
}

/// The text of a value of a set: any scalar, null and empty as the empty text.
fn set_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(opt_string(deserializer)?.unwrap_or_default())
}

/// The error for a text that spells no value of the set.
fn unexpected<E: de::Error>(text: &str) -> E {
    E::custom(format!("unexpected value {text:?}"))
}

/// An optional value of a set or nested object: null is none, anything else is read.
enum Optional<'a> {
    Text(&'a mut dyn TextSlot),
    Object(&'a mut dyn ObjectSlot),
}

impl<'de> Visitor<'de> for Optional<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        match self {
            Optional::Text(slot) => {
                slot.set(None);
            }
            Optional::Object(slot) => slot.clear(),
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self {
            Optional::Text(slot) => {
                let text = set_text(deserializer)?;
                if slot.set(Some(&text)) { Ok(()) } else { Err(unexpected(&text)) }
            }
            Optional::Object(slot) => deserializer.deserialize_map(Fill(slot.fresh())),
        }
    }
}

/// The items of a list of values of a set.
struct TextItems<'a>(&'a mut dyn TextList);

impl<'de> Items<'de> for TextItems<'_> {
    fn item<D: Deserializer<'de>>(&mut self, deserializer: D) -> Result<(), D::Error> {
        let text = set_text(deserializer)?;
        if self.0.push(&text) { Ok(()) } else { Err(unexpected(&text)) }
    }
}

/// The items of a list of objects.
struct ObjectItems<'a>(&'a mut dyn ObjectList);

impl<'de> Items<'de> for ObjectItems<'_> {
    fn item<D: Deserializer<'de>>(&mut self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(Fill(self.0.fresh()))
    }
}
