//! Type words: the text of a table's type cell → a [`TypeRef`] and whether it is a list.
//!
//! Input is one cell as the reader left it (links already reduced to their text, so
//! `[Image[]](…#image)` arrives as `Image[]`). Output is [`Parsed`], or [`UnknownType`] for a word
//! this module does not know; the caller turns that into an error naming the file and line.

use crate::spec::{Scalar, TypeRef};

/// What a type cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// The type, or the element type when `array` is set. `Json` when the word gives no usable
    /// type (`Array`, `Struct`, `Dict`): the caller looks for evidence elsewhere on the page.
    pub ty: TypeRef,
    /// The cell says the value is a list (`Array of Image`, `String[]`, `Array`, `RepeatList`).
    pub array: bool,
}

/// A type word this module does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown type word `{word}`")]
pub(crate) struct UnknownType {
    pub word: String,
}

impl UnknownType {
    /// What the user can do about it, for the caller's error message.
    pub fn help(&self) -> String {
        "write a known type word (String, Integer, Long, Float, Boolean, Timestamp, Array of X, X[], \
         or a type name starting with a capital letter), or correct the type in an overlay"
            .to_owned()
    }
}

/// Parses a type cell.
pub(crate) fn parse(word: &str) -> Result<Parsed, UnknownType> {
    let unknown = || UnknownType { word: word.to_owned() };
    let text = strip_object_suffix(word.trim());
    if text.is_empty() {
        return Err(unknown());
    }
    if let Some(element) = list_element(text) {
        let inner = parse(element).map_err(|_| unknown())?;
        // A list of lists has no place in the spec model: keep the outer list, of any JSON.
        let ty = if inner.array { TypeRef::Scalar(Scalar::Json) } else { inner.ty };
        return Ok(Parsed { ty, array: true });
    }
    if let Some(scalar) = scalar_word(text).or_else(|| text.strip_suffix('s').and_then(scalar_word)) {
        return Ok(Parsed { ty: TypeRef::Scalar(scalar), array: false });
    }
    if is_list_word(text) {
        return Ok(Parsed { ty: TypeRef::Scalar(Scalar::Json), array: true });
    }
    if is_type_name(text) {
        return Ok(Parsed { ty: TypeRef::Named(text.to_owned()), array: false });
    }
    Err(unknown())
}

/// Drops tencent's ` object` / ` objects` after a type name (`array of Filter objects`).
fn strip_object_suffix(text: &str) -> &str {
    for suffix in [" objects", " object"] {
        if let Some(stripped) = text.strip_suffix(suffix)
            && !stripped.trim().is_empty()
        {
            return stripped.trim_end();
        }
    }
    text
}

/// The element word of a list spelling: `X[]`, `Array of X`, `Array[X]`, `Array<X>`, `List of X`.
fn list_element(text: &str) -> Option<&str> {
    if let Some(element) = text.strip_suffix("[]") {
        return Some(element.trim());
    }
    let lower = text.to_ascii_lowercase();
    for prefix in ["array of ", "list of "] {
        if lower.starts_with(prefix) {
            return Some(text[prefix.len()..].trim());
        }
    }
    for (open, close) in [("array[", ']'), ("array<", '>'), ("list<", '>')] {
        if lower.starts_with(open) && lower.ends_with(close) {
            return Some(text[open.len()..text.len() - 1].trim());
        }
    }
    None
}

fn scalar_word(word: &str) -> Option<Scalar> {
    let scalar = match word.to_ascii_lowercase().as_str() {
        "string" | "str" => Scalar::String,
        // JD Cloud writes `Number` where its SDKs use `int`.
        "int" | "integer" | "int32" | "number" => Scalar::Integer,
        "long" | "int64" => Scalar::Long,
        "float" | "double" => Scalar::Float,
        "boolean" | "bool" => Scalar::Boolean,
        "timestamp" | "datetime" => Scalar::Timestamp,
        "json" | "dict" | "object" | "map" | "struct" => Scalar::Json,
        _ => return None,
    };
    Some(scalar)
}

/// Words that say "a list" without saying of what.
fn is_list_word(word: &str) -> bool {
    matches!(word.to_ascii_lowercase().as_str(), "array" | "list" | "repeatlist")
}

/// A named type: an identifier starting with an ASCII capital (`Image`, `InstanceDiskAttachment`).
fn is_type_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(word: &str) -> (TypeRef, bool) {
        let parsed = parse(word).expect(word);
        (parsed.ty, parsed.array)
    }

    fn s(scalar: Scalar) -> TypeRef {
        TypeRef::Scalar(scalar)
    }

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.to_owned())
    }

    #[test]
    fn scalar_words_in_every_spelling() {
        assert_eq!(scalar("String"), (s(Scalar::String), false));
        assert_eq!(scalar("Int"), (s(Scalar::Integer), false));
        assert_eq!(scalar("Integer"), (s(Scalar::Integer), false));
        assert_eq!(scalar("Number"), (s(Scalar::Integer), false));
        assert_eq!(scalar("Long"), (s(Scalar::Long), false));
        assert_eq!(scalar("Float"), (s(Scalar::Float), false));
        assert_eq!(scalar("Double"), (s(Scalar::Float), false));
        assert_eq!(scalar("Boolean"), (s(Scalar::Boolean), false));
        assert_eq!(scalar("Bool"), (s(Scalar::Boolean), false));
        assert_eq!(scalar("TimeStamp"), (s(Scalar::Timestamp), false));
        assert_eq!(scalar("Timestamp"), (s(Scalar::Timestamp), false));
        assert_eq!(scalar(" String "), (s(Scalar::String), false));
    }

    #[test]
    fn object_words_are_json() {
        for word in ["Dict", "Object", "Map", "JSON", "Struct"] {
            assert_eq!(scalar(word), (s(Scalar::Json), false), "{word}");
        }
    }

    #[test]
    fn bare_list_words_are_lists_of_json() {
        for word in ["Array", "array", "List", "RepeatList"] {
            assert_eq!(scalar(word), (s(Scalar::Json), true), "{word}");
        }
    }

    #[test]
    fn list_spellings() {
        assert_eq!(scalar("Array of Image"), (named("Image"), true));
        assert_eq!(scalar("array of Strings"), (s(Scalar::String), true));
        assert_eq!(scalar("array of String"), (s(Scalar::String), true));
        assert_eq!(scalar("String[]"), (s(Scalar::String), true));
        assert_eq!(scalar("Image[]"), (named("Image"), true));
        assert_eq!(scalar("Array[String]"), (s(Scalar::String), true));
        assert_eq!(scalar("Array[object]"), (s(Scalar::Json), true));
        assert_eq!(scalar("array of Filter objects"), (named("Filter"), true));
    }

    #[test]
    fn named_types() {
        assert_eq!(scalar("Image"), (named("Image"), false));
        assert_eq!(scalar("InstanceDiskAttachment"), (named("InstanceDiskAttachment"), false));
        assert_eq!(scalar("KeyPair object"), (named("KeyPair"), false));
    }

    #[test]
    fn a_list_of_lists_keeps_the_outer_list() {
        assert_eq!(scalar("String[][]"), (s(Scalar::Json), true));
    }

    #[test]
    fn unknown_words_are_refused() {
        for word in ["", "  ", "字符串", "foo", "Array of 镜像", "[]", "Image Set"] {
            let error = parse(word).expect_err(word);
            assert_eq!(error.word, word);
        }
    }
}
