//! What the addon keeps for each JavaScript environment (the main thread, each worker):
//! the `CallflowValidationError` class it throws, and the engine's `JSON.stringify` and
//! `JSON.parse`, looked up once instead of on every call.

use napi::bindgen_prelude::{FnArgs, Function, FunctionRef, JsObjectValue, Object};
use napi::{Env, Unknown, sys};

use crate::report::Report;

/// The class, as JavaScript source: a real `Error` subclass.
const CLASS_SOURCE: &str = include_str!("validation_error.js");

/// The arguments of the constructor of `CallflowValidationError`: a message and a report.
pub(crate) type ClassArgs = FnArgs<(String, Report)>;

/// The functions kept for one environment.
pub(crate) struct EnvData {
    /// The constructor of `CallflowValidationError`.
    pub(crate) validation_error: FunctionRef<ClassArgs, Unknown<'static>>,
    /// `JSON.stringify`, called with one value.
    pub(crate) stringify: FunctionRef<sys::napi_value, Option<String>>,
    /// `JSON.parse`, called with one string.
    pub(crate) parse: FunctionRef<String, Unknown<'static>>,
}

/// Defines `CallflowValidationError`, exports it, and keeps it with the `JSON` functions
/// for this environment.
pub(crate) fn install(env: Env, exports: &mut Object<'_>) -> napi::Result<()> {
    let class: Function<ClassArgs, Unknown<'static>> = env.run_script(CLASS_SOURCE)?;
    let json = env.get_global()?.get_named_property::<Object>("JSON")?;
    let stringify: Function<sys::napi_value, Option<String>> =
        json.get_named_property("stringify")?;
    let parse: Function<String, Unknown<'static>> = json.get_named_property("parse")?;
    let data = EnvData {
        validation_error: class.create_ref()?,
        stringify: stringify.create_ref()?,
        parse: parse.create_ref()?,
    };
    env.set_instance_data(data, (), |_| {})?;
    exports.set_named_property("CallflowValidationError", class)
}

/// The functions kept for `env`.
pub(crate) fn get(env: Env) -> napi::Result<&'static EnvData> {
    env.get_instance_data::<EnvData>()?
        .map(|data| &*data)
        .ok_or_else(|| napi::Error::from_reason("callflow's addon was not initialised"))
}
