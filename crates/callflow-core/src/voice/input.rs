//! What validation accepts: JSON text, bytes, or an already-parsed value.

use std::borrow::Cow;
use std::fmt;

use crate::json::{Json, TooDeep};

/// A document to validate: `str`, `String`, `[u8]`, `Vec<u8>`, a
/// [`serde_json::Value`], a [`Json`] tree, or the result of converting another language's
/// value into a tree (`Result<Json, TooDeep>`), so that a value nested too deeply gets
/// the same report as deep JSON text.
pub trait Input {
    /// The document as a tree, or why it is not JSON.
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError>;

    /// The size of the document's JSON text in bytes, when it is text (what a webhook
    /// receiver's body limit measures); `None` for a parsed value.
    fn byte_len(&self) -> Option<usize> {
        None
    }
}

/// Why an input is not a JSON document.
#[derive(Debug)]
pub enum InputError {
    /// The text is not JSON (the message gives line and column).
    Syntax(serde_json::Error),
    /// A parsed value nests deeper than [`crate::json::MAX_DEPTH`].
    TooDeep(TooDeep),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Syntax(err) => err.fmt(f),
            InputError::TooDeep(err) => err.fmt(f),
        }
    }
}

impl Input for [u8] {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        Json::parse(self)
            .map(Cow::Owned)
            .map_err(InputError::Syntax)
    }

    fn byte_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl Input for Vec<u8> {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        self.as_slice().to_tree()
    }

    fn byte_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl Input for str {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        Json::parse_str(self)
            .map(Cow::Owned)
            .map_err(InputError::Syntax)
    }

    fn byte_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl Input for String {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        self.as_str().to_tree()
    }

    fn byte_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl Input for serde_json::Value {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        Json::from_value(self)
            .map(Cow::Owned)
            .map_err(InputError::TooDeep)
    }
}

impl Input for Json<'_> {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        Ok(Cow::Borrowed(self))
    }
}

/// What a binding's converter gives: the tree, or the news that the value nests deeper
/// than [`crate::json::MAX_DEPTH`] levels (reported as `-1001`, like deep text).
///
/// ```
/// use callflow_core::json::{Json, TooDeep};
/// use callflow_core::voice::{validate, Profile};
/// let converted: Result<Json, TooDeep> = Err(TooDeep);
/// assert_eq!(validate(&converted, Profile::Reply).status_code(), Some(-1001));
/// ```
impl Input for Result<Json<'_>, TooDeep> {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        match self {
            Ok(tree) => Ok(Cow::Borrowed(tree)),
            Err(err) => Err(InputError::TooDeep(*err)),
        }
    }
}

/// A document with the size of the text it was read from, for an input converted before
/// it is read (a language binding's document), so that a webhook receiver's body limit
/// measures it as it would the text.
///
/// ```
/// use callflow_core::voice::{Input, Measured};
/// let value: serde_json::Value = serde_json::from_str("{}").unwrap();
/// assert_eq!(Measured::new(&value, Some(2)).byte_len(), Some(2));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Measured<'a, I: ?Sized> {
    body: &'a I,
    size: Option<usize>,
}

impl<'a, I: Input + ?Sized> Measured<'a, I> {
    /// `body`, read from text of `size` bytes (`None` for a value that was not text).
    pub fn new(body: &'a I, size: Option<usize>) -> Self {
        Measured { body, size }
    }
}

impl<I: Input + ?Sized> Input for Measured<'_, I> {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        self.body.to_tree()
    }

    fn byte_len(&self) -> Option<usize> {
        self.size
    }
}
