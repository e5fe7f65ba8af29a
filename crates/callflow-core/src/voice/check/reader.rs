//! Reading the members of one JSON object, reporting what is missing or mistyped.

use std::fmt;

use super::Checker;
use crate::json::{Json, Number};
use crate::path::Path;
use crate::voice::StatusCode;
pub(super) use crate::voice::params::Presence;

/// Whether a number has no fractional part.
fn is_integral(number: Number) -> bool {
    match number {
        Number::Float(f) => f.is_finite() && f.fract() == 0.0,
        Number::PosInt(_) | Number::NegInt(_) => true,
    }
}

/// Marks a value already reported as invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Invalid;

/// A member's value: absent (`Ok(None)`), usable, or already reported as invalid.
pub(super) type Field<T> = Result<Option<T>, Invalid>;

/// What is wrong with a value: the status code, the detail and an optional hint.
pub(super) struct Problem {
    status: StatusCode,
    detail: String,
    hint: Option<String>,
}

impl Problem {
    pub(super) fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Problem {
            status,
            detail: detail.into(),
            hint: None,
        }
    }

    pub(super) fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

/// A borrowed string field as an owned one.
pub(super) fn owned(field: Field<&str>) -> Field<String> {
    field.map(|value| value.map(str::to_owned))
}

/// The JSON type a member should have, as named in messages.
#[derive(Debug, Clone, Copy)]
pub(super) enum Expected {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::String => "a string",
            Expected::Integer => "an integer",
            Expected::Number => "a number",
            Expected::Boolean => "a boolean",
            Expected::Array => "an array",
            Expected::Object => "an object",
        })
    }
}

/// Reads the members of the object at `path`, reporting into the checker.
pub(super) struct Reader<'c, 'd, 'p> {
    pub(super) ck: &'c mut Checker,
    pub(super) object: &'d Json<'d>,
    pub(super) path: &'p Path<'p>,
}

impl<'d, 'p> Reader<'_, 'd, 'p> {
    /// The path of the member `name`.
    pub(super) fn at(&self, name: &'p str) -> Path<'p> {
        self.path.key(name)
    }

    /// Reports every member whose key is not in `accepted`, in document order; `detail`
    /// is only called when there is one.
    pub(super) fn reject_unknown(
        &mut self,
        accepted: &[&str],
        detail: impl Fn() -> String,
        hint: impl Fn(&str) -> Option<String>,
    ) {
        let Json::Object(members) = self.object else {
            return;
        };
        for (key, _) in members {
            if !accepted.contains(&key.as_ref()) {
                let path = self.path.key(key);
                self.ck.error_hint(
                    StatusCode::InvalidEntry,
                    &path,
                    fmt::from_fn(|f| f.write_str(&detail())),
                    || hint(key),
                );
            }
        }
    }

    /// The member `name`, reporting it when required and missing.
    pub(super) fn value(&mut self, name: &'p str, presence: Presence) -> Field<&'d Json<'d>> {
        match (self.object.get(name), presence) {
            (None, Presence::Required) => {
                self.ck.missing(&self.at(name));
                Err(Invalid)
            }
            (None, _) | (Some(Json::Null), Presence::Nullable) => Ok(None),
            (Some(value), _) => Ok(Some(value)),
        }
    }

    /// Reports the member `name` as having the wrong type.
    pub(super) fn wrong_type<T>(
        &mut self,
        name: &'p str,
        presence: Presence,
        expected: Expected,
        found: &Json<'_>,
    ) -> Field<T> {
        let path = self.at(name);
        self.ck
            .wrong_type(&path, presence != Presence::Required, expected, found);
        Err(Invalid)
    }

    /// A string member.
    pub(super) fn string(&mut self, name: &'p str, presence: Presence) -> Field<&'d str> {
        match self.value(name, presence)? {
            None => Ok(None),
            Some(Json::String(text)) => Ok(Some(text.as_ref())),
            Some(other) => self.wrong_type(name, presence, Expected::String, other),
        }
    }

    /// A string member that `check` accepts; `check` says what is wrong otherwise.
    pub(super) fn checked_string(
        &mut self,
        name: &'p str,
        presence: Presence,
        check: impl FnOnce(&str) -> Option<Problem>,
    ) -> Field<&'d str> {
        let Some(text) = self.string(name, presence)? else {
            return Ok(None);
        };
        let Some(problem) = check(text) else {
            return Ok(Some(text));
        };
        let path = self.at(name);
        self.ck
            .error_hint(problem.status, &path, problem.detail, || problem.hint);
        Err(Invalid)
    }

    /// A boolean member.
    pub(super) fn boolean(&mut self, name: &'p str, presence: Presence) -> Field<bool> {
        match self.value(name, presence)? {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => self.wrong_type(name, presence, Expected::Boolean, other),
        }
    }

    /// An integer member of at least `min` and, when given, at most `max`.
    pub(super) fn integer(
        &mut self,
        name: &'p str,
        presence: Presence,
        min: u64,
        max: Option<u64>,
    ) -> Field<u64> {
        let number = match self.value(name, presence)? {
            None => return Ok(None),
            Some(Json::Number(number)) => *number,
            Some(other) => return self.wrong_type(name, presence, Expected::Integer, other),
        };
        let too_large = number.as_f64() > 0.0;
        let detail = match (number.whole(), max) {
            (Some(n), _) if n >= min && max.is_none_or(|max| n <= max) => return Ok(Some(n)),
            _ if !is_integral(number) => format!("expected an integer, found number {number}"),
            (_, Some(max)) => format!("must be between {min} and {max}, found {number}"),
            (None, None) if too_large => format!("must be at most {}, found {number}", u64::MAX),
            (_, None) => format!("must be at least {min}, found {number}"),
        };
        let path = self.at(name);
        self.ck.error(StatusCode::InvalidEntry, &path, detail);
        Err(Invalid)
    }

    /// A number member between `min` and `max`, both included.
    pub(super) fn number(
        &mut self,
        name: &'p str,
        presence: Presence,
        min: f64,
        max: f64,
    ) -> Field<f64> {
        match self.value(name, presence)? {
            None => Ok(None),
            Some(Json::Number(n)) if (min..=max).contains(&n.as_f64()) => Ok(Some(n.as_f64())),
            Some(Json::Number(n)) => {
                let path = self.at(name);
                self.ck.error(
                    StatusCode::InvalidEntry,
                    &path,
                    format!("must be between {min} and {max}, found {n}"),
                );
                Err(Invalid)
            }
            Some(other) => self.wrong_type(name, presence, Expected::Number, other),
        }
    }
}
