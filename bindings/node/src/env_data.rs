//! What the addon keeps for each JavaScript environment (the main thread, each worker):
//! the error classes it throws (`CallflowValidationError`, `CallflowEventError`,
//! `CallflowApiError`, `CallflowEmulatorError`), and the
//! engine's `JSON.stringify` and `JSON.parse`, looked up once instead of on every call.

use napi::bindgen_prelude::{FnArgs, Function, FunctionRef, JsObjectValue, Object};
use napi::{Env, Unknown, sys};

use crate::client::ApiErrorFields;
use crate::report::Report;

/// `CallflowValidationError`, as JavaScript source: a real `Error` subclass.
const VALIDATION_ERROR_SOURCE: &str = include_str!("validation_error.js");

/// A function, as JavaScript source, defining an `Error` subclass whose instances carry a
/// fixed `code` and a `reason`: `CallflowEventError` and `CallflowEmulatorError`.
const REASON_ERROR_SOURCE: &str = include_str!("reason_error.js");

/// `CallflowApiError`, as JavaScript source: a real `Error` subclass.
const API_ERROR_SOURCE: &str = include_str!("api_error.js");

/// The arguments of the constructor of `CallflowValidationError`: a message and a report.
pub(crate) type ClassArgs = FnArgs<(String, Report)>;

/// The arguments of the constructors of `CallflowEventError` and
/// `CallflowEmulatorError`: a message and the reason code.
pub(crate) type EventErrorArgs = FnArgs<(String, &'static str)>;

/// A class whose instances carry a `reason`, as the function of `reason_error.js` defines it.
type ReasonClass = Function<'static, EventErrorArgs, Unknown<'static>>;

/// The arguments of the constructor of `CallflowApiError`: a message and its fields.
pub(crate) type ApiErrorArgs = FnArgs<(String, ApiErrorFields)>;

/// The functions kept for one environment.
pub(crate) struct EnvData {
    /// The constructor of `CallflowValidationError`.
    pub(crate) validation_error: FunctionRef<ClassArgs, Unknown<'static>>,
    /// The constructor of `CallflowEventError`.
    pub(crate) event_error: FunctionRef<EventErrorArgs, Unknown<'static>>,
    /// The constructor of `CallflowApiError`.
    pub(crate) api_error: FunctionRef<ApiErrorArgs, Unknown<'static>>,
    /// The constructor of `CallflowEmulatorError`.
    pub(crate) emulator_error: FunctionRef<EventErrorArgs, Unknown<'static>>,
    /// `JSON.stringify`, called with one value.
    pub(crate) stringify: FunctionRef<sys::napi_value, Option<String>>,
    /// `JSON.parse`, called with one string.
    pub(crate) parse: FunctionRef<String, Unknown<'static>>,
}

/// Defines the error classes, exports them, and keeps them with the `JSON` functions for
/// this environment.
pub(crate) fn install(env: Env, exports: &mut Object<'_>) -> napi::Result<()> {
    let validation_class: Function<ClassArgs, Unknown<'static>> =
        env.run_script(VALIDATION_ERROR_SOURCE)?;
    let reason_class: Function<FnArgs<(&str, &str)>, ReasonClass> =
        env.run_script(REASON_ERROR_SOURCE)?;
    let event_class = reason_class.call(("CallflowEventError", "ERR_CALLFLOW_EVENT").into())?;
    let emulator_class =
        reason_class.call(("CallflowEmulatorError", "ERR_CALLFLOW_EMULATOR").into())?;
    let api_class: Function<ApiErrorArgs, Unknown<'static>> = env.run_script(API_ERROR_SOURCE)?;
    let json = env.get_global()?.get_named_property::<Object>("JSON")?;
    let stringify: Function<sys::napi_value, Option<String>> =
        json.get_named_property("stringify")?;
    let parse: Function<String, Unknown<'static>> = json.get_named_property("parse")?;
    let data = EnvData {
        validation_error: validation_class.create_ref()?,
        event_error: event_class.create_ref()?,
        api_error: api_class.create_ref()?,
        emulator_error: emulator_class.create_ref()?,
        stringify: stringify.create_ref()?,
        parse: parse.create_ref()?,
    };
    env.set_instance_data(data, (), |_| {})?;
    exports.set_named_property("CallflowValidationError", validation_class)?;
    exports.set_named_property("CallflowEventError", event_class)?;
    exports.set_named_property("CallflowApiError", api_class)?;
    exports.set_named_property("CallflowEmulatorError", emulator_class)
}

/// The functions kept for `env`.
pub(crate) fn get(env: Env) -> napi::Result<&'static EnvData> {
    env.get_instance_data::<EnvData>()?
        .map(|data| &*data)
        .ok_or_else(|| napi::Error::from_reason("callflow's addon was not initialised"))
}
