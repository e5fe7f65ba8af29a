//! The arguments every validating entry point shares: the document, the profile and the
//! clock.

use std::borrow::Cow;
use std::time::SystemTime;

use callflow_core::json::Json;
use callflow_core::voice::{Input, InputError, Profile, Validator};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDateTime, PyString};

use crate::tree::{self, Converted};

/// A document as Python gave it: JSON text, JSON bytes, or a converted value.
pub(crate) enum Document<'a> {
    /// A `str`, read as JSON text.
    Text(&'a str),
    /// A `bytes`, read as UTF-8 JSON text.
    Bytes(&'a [u8]),
    /// A `bytearray`, copied (Python code may resize it).
    ByteArray(Vec<u8>),
    /// Any other value, converted as JSON-shaped data.
    Tree(Converted),
}

impl<'a> Document<'a> {
    /// A `str`, `bytes` or `bytearray` of JSON text, or a JSON-shaped value such as a
    /// dict.
    pub(crate) fn any(doc: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        match Self::text(doc) {
            Some(text) => text,
            None => Ok(Document::Tree(tree::to_tree(doc)?)),
        }
    }

    /// A `str`, `bytes` or `bytearray` of JSON text only.
    pub(crate) fn json_text(doc: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        Self::text(doc).unwrap_or_else(|| {
            Err(PyTypeError::new_err(format!(
                "expected JSON text as str, bytes or bytearray, not {}",
                doc.get_type().name()?
            )))
        })
    }

    fn text(doc: &'a Bound<'_, PyAny>) -> Option<PyResult<Self>> {
        if let Ok(text) = doc.cast::<PyString>() {
            Some(text.to_str().map(Document::Text))
        } else if let Ok(bytes) = doc.cast::<PyBytes>() {
            Some(Ok(Document::Bytes(bytes.as_bytes())))
        } else {
            doc.cast::<PyByteArray>()
                .ok()
                .map(|array| Ok(Document::ByteArray(array.to_vec())))
        }
    }
}

impl Document<'_> {
    /// Runs `work` on the document, letting other Python threads run meanwhile when the
    /// document is large enough for that to matter (the text is immutable and kept
    /// alive by the caller, and a converted tree is owned).
    pub(crate) fn with<R: Send>(&self, py: Python<'_>, work: impl FnOnce(&Self) -> R + Send) -> R {
        if self.text_len() >= DETACH_FROM {
            py.detach(|| work(self))
        } else {
            work(self)
        }
    }

    fn text_len(&self) -> usize {
        match self {
            Document::Text(text) => text.len(),
            Document::Bytes(bytes) => bytes.len(),
            Document::ByteArray(bytes) => bytes.len(),
            Document::Tree(_) => 0,
        }
    }
}

/// The size of JSON text from which validation releases the interpreter (the GIL): about
/// 100 µs of work, where the release costs well under 1%.
const DETACH_FROM: usize = 32 * 1024;

impl Input for Document<'_> {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        match self {
            Document::Text(text) => text.to_tree(),
            Document::Bytes(bytes) => bytes.to_tree(),
            Document::ByteArray(bytes) => bytes.to_tree(),
            Document::Tree(converted) => converted.to_tree(),
        }
    }
}

/// The profile named `"request"` or `"reply"`.
pub(crate) fn profile(name: &str) -> PyResult<Profile> {
    name.parse()
        .map_err(|err: callflow_core::voice::UnknownProfile| PyValueError::new_err(err.to_string()))
}

/// A validator on the system clock, or on `now` (a timezone-aware `datetime`).
pub(crate) fn validator(now: Option<&Bound<'_, PyAny>>) -> PyResult<Validator> {
    Ok(match now {
        None => Validator::new(),
        Some(now) => Validator::new().at(aware_time(now, "now")?),
    })
}

/// A timezone-aware `datetime` as a point in time; `what` names the argument in errors.
pub(crate) fn aware_time(value: &Bound<'_, PyAny>, what: &str) -> PyResult<SystemTime> {
    let Ok(time) = value.cast::<PyDateTime>() else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a timezone-aware datetime, not {}",
            value.get_type().name()?
        )));
    };
    if time.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{what} must be timezone-aware (a naive datetime has no fixed instant); \
             pass e.g. datetime.now(timezone.utc)"
        )));
    }
    time.extract()
}
