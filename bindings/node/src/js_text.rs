//! JSON text to and from JavaScript values through the engine's own `JSON.stringify`
//! and `JSON.parse`: one call each, where walking a value through Node-API costs several
//! calls per property.

use std::ops::Deref;
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, TypeName, ValidateNapiValue};
use napi::{Env, JsValue, Unknown, ValueType, check_status, sys};

use crate::env_data;

/// What `JSON.stringify(value)` writes: `None` for nothing (`undefined`, a function),
/// its exception when it throws (a cycle, a `BigInt`, nesting deep enough to exhaust the
/// engine's stack, a getter or `toJSON` that throws).
pub(crate) fn stringify(env: Env, value: Unknown<'_>) -> napi::Result<Option<String>> {
    env_data::get(env)?
        .stringify
        .borrow_back(&env)?
        .call(value.raw())
}

/// `JSON.parse(text)`: a plain JavaScript value from JSON text the core wrote.
pub(crate) fn parse(env: &Env, text: String) -> napi::Result<Unknown<'_>> {
    env_data::get(*env)?.parse.borrow_back(env)?.call(text)
}

/// A JavaScript string as Rust text, copied out of the engine in one pass.
///
/// napi's own `String` conversion asks the engine for the UTF-8 length first, a pass over
/// the whole text, then writes it: about a tenth of `validate(jsonString)`. The UTF-16
/// length is known without a pass, and no UTF-16 unit takes more than three bytes of
/// UTF-8, so one write into a buffer that large is enough. The text is the same: the
/// engine writes a lone surrogate as U+FFFD either way.
pub struct Text(pub(crate) String);

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl TypeName for Text {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ValidateNapiValue for Text {}

#[allow(
    unsafe_code,
    reason = "napi's conversion traits are unsafe, and the one-pass copy calls Node-API itself"
)]
impl FromNapiValue for Text {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut units = 0;
        // SAFETY: `env` and `value` are what napi gave this conversion; a null buffer asks
        // only for the length, in UTF-16 units, which the engine knows without a pass.
        check_status!(unsafe {
            sys::napi_get_value_string_utf16(env, value, ptr::null_mut(), 0, &raw mut units)
        })?;
        // At most three bytes per unit, and the engine writes a terminating NUL.
        let capacity = units
            .checked_mul(3)
            .and_then(|bytes| bytes.checked_add(1))
            .ok_or_else(|| napi::Error::from_reason("a string too long to copy"))?;
        let mut bytes = Vec::<u8>::with_capacity(capacity);
        let mut written = 0;
        // SAFETY: `bytes` has room for `capacity` bytes, which the engine does not exceed.
        check_status!(unsafe {
            sys::napi_get_value_string_utf8(
                env,
                value,
                bytes.as_mut_ptr().cast(),
                capacity,
                &raw mut written,
            )
        })?;
        // SAFETY: the engine initialised the first `written` bytes (not counting the NUL),
        // and `written < capacity`.
        unsafe { bytes.set_len(written) };
        // SAFETY: the engine writes well-formed UTF-8 (a lone surrogate as U+FFFD).
        Ok(Text(unsafe { String::from_utf8_unchecked(bytes) }))
    }
}
