//! What the addon keeps for each JavaScript environment (the main thread, each worker):
//! the error classes it throws, the wrapper of `YayClient.modifyFlow`'s change, and the
//! engine's `JSON.stringify` and `JSON.parse`, looked up once instead of on every call.

use napi::bindgen_prelude::{Function, FunctionRef, JsObjectValue, Object, Promise};
use napi::{Env, Unknown, sys};

use crate::errors::{self, Classes};

/// The wrapper of `YayClient.modifyFlow`'s change, as JavaScript source.
const MODIFY_FLOW_SOURCE: &str = include_str!("modify_flow.js");

/// A change of `YayClient.modifyFlow` as `modify_flow.js` wraps it: from the flow's JSON
/// text to a Promise of the changed flow's.
pub(crate) type ChangeFunction = Function<'static, String, Promise<String>>;

/// What is kept for one environment.
pub(crate) struct EnvData {
    /// The error classes.
    pub(crate) errors: Classes,
    /// Wraps a change of `YayClient.modifyFlow` into an async function of JSON text.
    pub(crate) change_wrapper: FunctionRef<Unknown<'static>, ChangeFunction>,
    /// `JSON.stringify`, called with one value.
    pub(crate) stringify: FunctionRef<sys::napi_value, Option<String>>,
    /// `JSON.parse`, called with one string.
    pub(crate) parse: FunctionRef<String, Unknown<'static>>,
}

/// Defines and exports the error classes, and keeps them with the other functions for
/// this environment.
pub(crate) fn install(env: Env, exports: &mut Object<'_>) -> napi::Result<()> {
    let errors = errors::install(env, exports)?;
    let change_wrapper: Function<Unknown<'static>, ChangeFunction> =
        env.run_script(MODIFY_FLOW_SOURCE)?;
    let json = env.get_global()?.get_named_property::<Object>("JSON")?;
    let stringify: Function<sys::napi_value, Option<String>> =
        json.get_named_property("stringify")?;
    let parse: Function<String, Unknown<'static>> = json.get_named_property("parse")?;
    let data = EnvData {
        errors,
        change_wrapper: change_wrapper.create_ref()?,
        stringify: stringify.create_ref()?,
        parse: parse.create_ref()?,
    };
    env.set_instance_data(data, (), |_| {})
}

/// The functions kept for `env`.
pub(crate) fn get(env: Env) -> napi::Result<&'static EnvData> {
    env.get_instance_data::<EnvData>()?
        .map(|data| &*data)
        .ok_or_else(|| napi::Error::from_reason("callflow's addon was not initialised"))
}
