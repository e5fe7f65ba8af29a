//! The documents every checking entry point takes: JSON text, its UTF-8 bytes, or a
//! value read exactly as `JSON.stringify` writes it.

use std::borrow::Cow;

use callflow_core::json::{Json, TooDeep};
use callflow_core::voice::{Input, InputError};
use napi::bindgen_prelude::{Either3, Uint8Array};
use napi::{Env, Unknown};

use crate::js_depth;
use crate::js_text;

/// What a JavaScript caller passes as a document.
pub(crate) type JsDocument<'a> = Either3<String, Uint8Array, Unknown<'a>>;

/// A document ready for the core.
pub(crate) enum Document {
    /// JSON text: a string, or what `JSON.stringify` wrote for a value.
    Text(String),
    /// UTF-8 JSON bytes.
    Bytes(Uint8Array),
    /// A value `JSON.stringify` writes nothing for (`undefined`, a function): `null`.
    Nothing,
    /// A cyclic value, or one nesting deeper than the core accepts.
    TooDeep,
}

impl Document {
    /// Reads the caller's argument. A cyclic or too deep value becomes
    /// [`Document::TooDeep`]; whatever else `JSON.stringify` throws is thrown.
    pub(crate) fn read(env: Env, doc: JsDocument<'_>) -> napi::Result<Self> {
        Ok(match doc {
            Either3::A(text) => Document::Text(text),
            Either3::B(bytes) => Document::Bytes(bytes),
            Either3::C(value) => match js_text::stringify(env, value) {
                Ok(Some(text)) => Document::Text(text),
                Ok(None) => Document::Nothing,
                Err(_) if js_depth::too_deep(value)? => Document::TooDeep,
                Err(err) => return Err(err),
            },
        })
    }
}

impl Input for Document {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        match self {
            Document::Text(text) => text.to_tree(),
            Document::Bytes(bytes) => bytes[..].to_tree(),
            Document::Nothing => Ok(Cow::Owned(Json::Null)),
            Document::TooDeep => Err(InputError::TooDeep(TooDeep)),
        }
    }
}
