//! JSON text to and from JavaScript values through the engine's own `JSON.stringify`
//! and `JSON.parse`: one call each, where walking a value through Node-API costs several
//! calls per property.

use napi::{Env, JsValue, Unknown};

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
