//! JSON text to and from JavaScript values through the engine's own `JSON.stringify`
//! and `JSON.parse`: one call each, where walking a value through Node-API costs several
//! calls per property.

use napi::bindgen_prelude::{Function, JsObjectValue, Object};
use napi::{Env, Unknown};

/// `JSON[name]`, looked up on the global object of this environment.
fn json_function<'env, Args, Return>(
    env: &'env Env,
    name: &str,
) -> napi::Result<Function<'env, Args, Return>>
where
    Args: napi::bindgen_prelude::JsValuesTupleIntoVec,
    Return: napi::bindgen_prelude::FromNapiValue,
{
    env.get_global()?
        .get_named_property::<Object>("JSON")?
        .get_named_property(name)
}

/// What `JSON.stringify(value)` writes: `None` for nothing (`undefined`, a function),
/// its exception when it throws (a cycle, a `BigInt`, nesting deep enough to exhaust the
/// engine's stack, a getter or `toJSON` that throws).
pub(crate) fn stringify(env: Env, value: Unknown<'_>) -> napi::Result<Option<String>> {
    let stringify: Function<Unknown, Option<String>> = json_function(&env, "stringify")?;
    stringify.call(value)
}

/// `JSON.parse(text)`: a plain JavaScript value from JSON text the core wrote.
pub(crate) fn parse<'env>(env: &'env Env, text: &str) -> napi::Result<Unknown<'env>> {
    let parse: Function<&str, Unknown> = json_function(env, "parse")?;
    parse.call(text)
}
