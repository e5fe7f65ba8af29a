//! A JSON document tree that borrows from its input.
//!
//! Validation reads documents through [`Json`]: strings without escapes borrow from the
//! input bytes and objects keep their keys in document order, so reading a body costs
//! far less than building a [`serde_json::Value`]. Nesting is limited to
//! [`MAX_DEPTH`] levels whatever the input, so no document can exhaust the stack.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Room for the members of a typical object or array, so that reading a callflow
/// rarely grows a vector (`serde_json` gives no size hint).
const INITIAL_CAPACITY: usize = 8;

/// The deepest nesting a document may have, the same limit `serde_json` applies.
pub const MAX_DEPTH: usize = 128;

/// A JSON value whose strings may borrow from the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, with its members in document order (duplicates kept).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// A JSON number as the input wrote it: an integer or a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A number written with a fraction or an exponent (or too large for 64 bits).
    Float(f64),
}

impl Number {
    /// The value as a float.
    #[allow(clippy::cast_precision_loss)]
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(n) => n,
        }
    }
}

impl Number {
    /// The value of a number with no fractional part that fits a `u64`. Like JSON
    /// Schema, `2.0` and `1e2` count as integers, so every language reads them alike
    /// (JavaScript cannot tell `2.0` from `2`).
    ///
    /// ```
    /// use callflow_core::json::Number;
    /// assert_eq!(Number::Float(2.0).whole(), Some(2));
    /// assert_eq!(Number::Float(2.5).whole(), None);
    /// assert_eq!(Number::NegInt(-1).whole(), None);
    /// ```
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    pub fn whole(self) -> Option<u64> {
        match self {
            Number::PosInt(n) => Some(n),
            Number::Float(f) if f.fract() == 0.0 && (0.0..u64::MAX as f64).contains(&f) => {
                Some(f as u64)
            }
            Number::NegInt(_) | Number::Float(_) => None,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::PosInt(n) => write!(f, "{n}"),
            Number::NegInt(n) => write!(f, "{n}"),
            Number::Float(n) => write!(f, "{n}"),
        }
    }
}

/// The kind of a JSON value, as named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    /// The JSON name of the kind: `null`, `boolean`, `number`, `string`, `array`, `object`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

/// The kind of a [`serde_json::Value`].
///
/// ```
/// use callflow_core::json::Kind;
/// assert_eq!(Kind::from(&serde_json::json!([1])).as_str(), "array");
/// ```
impl From<&serde_json::Value> for Kind {
    fn from(value: &serde_json::Value) -> Self {
        use serde_json::Value;
        match value {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Boolean,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'a> Json<'a> {
    /// The kind of this value.
    pub fn kind(&self) -> Kind {
        match self {
            Json::Null => Kind::Null,
            Json::Bool(_) => Kind::Boolean,
            Json::Number(_) => Kind::Number,
            Json::String(_) => Kind::String,
            Json::Array(_) => Kind::Array,
            Json::Object(_) => Kind::Object,
        }
    }

    /// Reads a JSON document from bytes.
    ///
    /// ```
    /// use callflow_core::json::Json;
    /// let doc = Json::parse(br#"{"callflow": []}"#).unwrap();
    /// assert!(matches!(doc, Json::Object(_)));
    /// assert!(Json::parse(b"[[[[").is_err());
    /// ```
    pub fn parse(bytes: &'a [u8]) -> Result<Json<'a>, serde_json::Error> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::parse_str(text),
            // The byte reader words the error with its line and column.
            Err(_) => Self::read(serde_json::Deserializer::from_slice(bytes)),
        }
    }

    /// Reads a JSON document from text.
    pub fn parse_str(text: &'a str) -> Result<Json<'a>, serde_json::Error> {
        Self::read(serde_json::Deserializer::from_str(text))
    }

    fn read<R: serde_json::de::Read<'a>>(
        mut deserializer: serde_json::Deserializer<R>,
    ) -> Result<Json<'a>, serde_json::Error> {
        let value = Json::deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok(value)
    }

    /// Borrows a [`serde_json::Value`] as a tree, or says how it is too deep.
    pub fn from_value(value: &'a serde_json::Value) -> Result<Json<'a>, TooDeep> {
        Self::from_value_at(value, 0)
    }

    fn from_value_at(value: &'a serde_json::Value, depth: usize) -> Result<Json<'a>, TooDeep> {
        use serde_json::Value;
        Ok(match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(Number::from(n)),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => {
                let depth = TooDeep::enter(depth)?;
                let items = items.iter().map(|item| Self::from_value_at(item, depth));
                Json::Array(items.collect::<Result<_, _>>()?)
            }
            Value::Object(members) => {
                let depth = TooDeep::enter(depth)?;
                let members = members.iter().map(|(key, item)| {
                    Ok((
                        Cow::Borrowed(key.as_str()),
                        Self::from_value_at(item, depth)?,
                    ))
                });
                Json::Object(members.collect::<Result<_, _>>()?)
            }
        })
    }

    /// The last member called `key` when this is an object (like `serde_json`, the last
    /// of duplicate keys wins).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl Json<'_> {
    /// The same value with every string owned, so that it outlives its input.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(n),
            Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
            Json::Array(items) => Json::Array(items.into_iter().map(Json::into_owned).collect()),
            Json::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (Cow::Owned(key.into_owned()), value.into_owned()))
                    .collect(),
            ),
        }
    }
}

impl Json<'_> {
    /// The value as compact JSON text.
    ///
    /// ```
    /// use callflow_core::json::Json;
    /// assert_eq!(Json::parse(br#"{"a": [1, "x"]}"#).unwrap().to_text(), r#"{"a":[1,"x"]}"#);
    /// ```
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl From<&str> for Json<'static> {
    fn from(text: &str) -> Self {
        Json::String(Cow::Owned(text.to_owned()))
    }
}

impl From<String> for Json<'static> {
    fn from(text: String) -> Self {
        Json::String(Cow::Owned(text))
    }
}

impl From<bool> for Json<'static> {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<u64> for Json<'static> {
    fn from(n: u64) -> Self {
        Json::Number(Number::PosInt(n))
    }
}

/// Writes the tree as JSON, objects in their member order (duplicates included).
///
/// ```
/// use callflow_core::json::Json;
/// let doc = Json::parse(br#"{"b": [1, 2.5, null], "a": "x"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&doc).unwrap(), r#"{"b":[1,2.5,null],"a":"x"}"#);
/// ```
impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(Number::PosInt(n)) => serializer.serialize_u64(*n),
            Json::Number(Number::NegInt(n)) => serializer.serialize_i64(*n),
            Json::Number(Number::Float(n)) => serializer.serialize_f64(*n),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => serialize_members(members, serializer),
        }
    }
}

/// Writes object members as a JSON object, in their order.
pub(crate) fn serialize_members<S: Serializer>(
    members: &[(Cow<'_, str>, Json<'_>)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(members.len()))?;
    for (key, value) in members {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

impl From<&serde_json::Number> for Number {
    fn from(n: &serde_json::Number) -> Self {
        if let Some(u) = n.as_u64() {
            Number::PosInt(u)
        } else if let Some(i) = n.as_i64() {
            Number::NegInt(i)
        } else {
            Number::Float(n.as_f64().unwrap_or(f64::NAN))
        }
    }
}

/// A value nested deeper than [`MAX_DEPTH`] levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("nested deeper than {MAX_DEPTH} levels")]
pub struct TooDeep;

impl TooDeep {
    /// The depth one level further in, or `TooDeep` past [`MAX_DEPTH`]. Converters from
    /// other value types (such as a binding's) call this on entering an array or object.
    pub fn enter(depth: usize) -> Result<usize, TooDeep> {
        if depth >= MAX_DEPTH {
            Err(TooDeep)
        } else {
            Ok(depth + 1)
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Json::Bool(b))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Json::Number(Number::PosInt(n)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Json::Number(if n < 0 {
            Number::NegInt(n)
        } else {
            Number::PosInt(n.unsigned_abs())
        }))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(Json::Number(Number::Float(n)))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(INITIAL_CAPACITY).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(INITIAL_CAPACITY).min(64));
        while let Some(key) = map.next_key::<Key<'de>>()? {
            members.push((key.0, map.next_value()?));
        }
        Ok(Json::Object(members))
    }
}

/// An object key that borrows from the input when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_without_escapes_borrow() {
        let doc = Json::parse(br#"{"a": "plain", "b": "esc\naped"}"#).unwrap();
        assert!(matches!(
            doc.get("a"),
            Some(Json::String(Cow::Borrowed("plain")))
        ));
        assert!(matches!(doc.get("b"), Some(Json::String(Cow::Owned(_)))));
    }

    #[test]
    fn numbers_keep_how_they_were_written() {
        let doc = Json::parse(b"[1, -2, 1.0, 1e2, 18446744073709551616]").unwrap();
        let Json::Array(items) = doc else {
            panic!("not an array")
        };
        let numbers: Vec<_> = items
            .iter()
            .map(|item| match item {
                Json::Number(n) => *n,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(numbers[0], Number::PosInt(1));
        assert_eq!(numbers[1], Number::NegInt(-2));
        assert_eq!(numbers[2], Number::Float(1.0));
        assert_eq!(numbers[3], Number::Float(100.0));
        assert!(matches!(numbers[4], Number::Float(_)));
    }

    #[test]
    fn last_duplicate_key_wins() {
        let doc = Json::parse(br#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(doc.get("a"), Some(&Json::Number(Number::PosInt(2))));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let err = Json::parse(deep.as_bytes()).unwrap_err();
        assert!(
            err.to_string().contains("recursion limit exceeded"),
            "{err}"
        );

        let mut value = serde_json::Value::Null;
        for _ in 0..=MAX_DEPTH {
            value = serde_json::Value::Array(vec![value]);
        }
        assert_eq!(Json::from_value(&value), Err(TooDeep));
    }

    #[test]
    fn value_conversion_matches_parsing() {
        let text = br#"{"x": [1, -1, 2.5, true, null, "s"], "y": {}}"#;
        let value: serde_json::Value = serde_json::from_slice(text).unwrap();
        assert_eq!(
            Json::from_value(&value).unwrap(),
            Json::parse(text).unwrap()
        );
    }
}
