//! Lenient reading of webhook payload fields.
//!
//! 8x8's own examples disagree on key casing (`CallA`, `SourceRefId`), write `"null"` as
//! a string, and give numbers as strings or strings as numbers. [`Fields`] reads through
//! all of that: keys match without regard to ASCII case, `null` and `"null"` both mean
//! absent, and each reader takes the field's value in any form that can mean it. A
//! value that cannot mean it is ignored, like an unknown field.

use std::borrow::Cow;

use crate::json::{Json, Number};

/// The members of one JSON object, read leniently.
#[derive(Clone, Copy)]
pub(super) struct Fields<'t, 'a> {
    members: &'t [(Cow<'a, str>, Json<'a>)],
}

impl<'t, 'a> Fields<'t, 'a> {
    /// The members of `value`, when it is an object.
    pub(super) fn of(value: &'t Json<'a>) -> Option<Self> {
        match value {
            Json::Object(members) => Some(Fields { members }),
            _ => None,
        }
    }

    /// Every member, in document order.
    pub(super) fn members(self) -> &'t [(Cow<'a, str>, Json<'a>)] {
        self.members
    }

    /// The last member whose key matches `key` in any ASCII case, unless it is `null` or
    /// the string `"null"`.
    pub(super) fn get(self, key: &str) -> Option<&'t Json<'a>> {
        let (_, value) = self
            .members
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))?;
        match value {
            Json::Null => None,
            Json::String(s) if s.as_ref() == "null" => None,
            value => Some(value),
        }
    }

    /// A string, or a number or boolean written as text.
    pub(super) fn text(self, key: &str) -> Option<String> {
        self.get(key).and_then(text_of)
    }

    /// An integer, from an integral number or a string holding one.
    pub(super) fn integer(self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Json::Number(n) => integer_of(*n),
            Json::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A number, from a JSON number or a string holding one.
    pub(super) fn number(self, key: &str) -> Option<f64> {
        match self.get(key)? {
            Json::Number(n) => Some(n.as_f64()),
            Json::String(s) => s.trim().parse().ok().filter(|n: &f64| n.is_finite()),
            _ => None,
        }
    }

    /// A boolean, from `true`/`false` or the strings `"true"`/`"false"`.
    pub(super) fn flag(self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Json::Bool(b) => Some(*b),
            Json::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Json::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// The object under `key`.
    pub(super) fn object(self, key: &str) -> Option<Fields<'t, 'a>> {
        self.get(key).and_then(Fields::of)
    }

    /// The objects in the array under `key`; other items are skipped.
    pub(super) fn objects(self, key: &str) -> impl Iterator<Item = Fields<'t, 'a>> {
        let items = match self.get(key) {
            Some(Json::Array(items)) => items.as_slice(),
            _ => &[],
        };
        items.iter().filter_map(Fields::of)
    }
}

/// A string, or a number or boolean written as text; `None` for anything else.
pub(super) fn text_of(value: &Json<'_>) -> Option<String> {
    match value {
        Json::String(s) => Some(s.as_ref().to_owned()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[allow(clippy::cast_possible_truncation)]
fn integer_of(n: Number) -> Option<i64> {
    match n {
        Number::PosInt(u) => i64::try_from(u).ok(),
        Number::NegInt(i) => Some(i),
        // 2.0 and 1e2 are integers, as everywhere else in callflow.
        Number::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
        Number::Float(_) => None,
    }
}
