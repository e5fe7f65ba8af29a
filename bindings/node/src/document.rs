//! A document as JavaScript gives it: JSON text (a string), its UTF-8 bytes (a `Buffer`
//! or `Uint8Array`), or a value, read exactly as `JSON.stringify` writes it. Validation,
//! replies and webhooks all read their documents this way.

use std::borrow::Cow;

use callflow_core::json::{Json, TooDeep};
use callflow_core::voice::{Input, InputError};
use napi::bindgen_prelude::{Either3, Uint8Array};
use napi::{Env, Unknown};

use crate::js_depth;
use crate::js_text::{self, Text};

/// A document argument as napi converts it: text, bytes, or any other value.
pub(crate) type JsDocument<'a> = Either3<Text, Uint8Array, Unknown<'a>>;

/// A document, ready for the core.
pub(crate) enum Document {
    /// JSON text: a string argument, or what `JSON.stringify` wrote for a value.
    Text(String),
    /// UTF-8 bytes, checked by the core.
    Bytes(Uint8Array),
    /// A value `JSON.stringify` writes nothing for (`undefined`, a function): `null`.
    Null,
    /// A value nesting deeper than the core accepts, or cyclic.
    TooDeep,
}

impl Document {
    /// Reads a document argument. Whatever `JSON.stringify` throws for a value that is
    /// neither cyclic nor too deep (a `BigInt`, a getter that throws) is thrown.
    pub(crate) fn read(env: Env, doc: JsDocument<'_>) -> napi::Result<Self> {
        match doc {
            Either3::A(Text(text)) => Ok(Document::Text(text)),
            Either3::B(bytes) => Ok(Document::Bytes(bytes)),
            Either3::C(value) => Document::value(env, value),
        }
    }

    /// Reads `doc` and gives it to `read`. `JSON.stringify` writes values nesting deeper
    /// than the core reads from text, so when `read` finds a value's text `refused`, a value
    /// nesting too deeply is given again as [`Document::TooDeep`]: a deep value gets the
    /// same answer however deep the engine's stack let it be written.
    pub(crate) fn read_with<T>(
        env: Env,
        doc: JsDocument<'_>,
        read: impl Fn(&Document) -> T,
        refused: impl Fn(&T) -> bool,
    ) -> napi::Result<T> {
        let value = match doc {
            Either3::C(value) => Some(value),
            Either3::A(_) | Either3::B(_) => None,
        };
        let document = Document::read(env, doc)?;
        let result = read(&document);
        match (value, document) {
            (Some(value), Document::Text(_)) if refused(&result) && js_depth::too_deep(value)? => {
                Ok(read(&Document::TooDeep))
            }
            _ => Ok(result),
        }
    }

    /// Reads a value as `JSON.stringify` writes it, even a string (as a JSON string).
    pub(crate) fn value(env: Env, value: Unknown<'_>) -> napi::Result<Self> {
        match js_text::stringify(env, value) {
            Ok(Some(text)) => Ok(Document::Text(text)),
            Ok(None) => Ok(Document::Null),
            Err(_) if js_depth::too_deep(value)? => Ok(Document::TooDeep),
            Err(err) => Err(err),
        }
    }
}

impl Input for Document {
    fn to_tree(&self) -> Result<Cow<'_, Json<'_>>, InputError> {
        match self {
            Document::Text(text) => text.to_tree(),
            Document::Bytes(bytes) => bytes[..].to_tree(),
            Document::Null => Ok(Cow::Owned(Json::Null)),
            Document::TooDeep => Err(InputError::TooDeep(TooDeep)),
        }
    }
}
