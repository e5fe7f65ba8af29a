//! The errors the package throws: `CallflowValidationError` for invalid documents,
//! `CallflowEventError` for webhook bodies that are not 8x8 webhooks, `CallflowApiError`
//! for failed API calls, `CallflowEmulatorError` for scripts, options, scenarios and IVR
//! maps the emulator cannot use, and `TypeError` for arguments that are not what the API
//! takes.

use std::fmt::Display;
use std::str::FromStr;

use callflow_core::ValidationError;
use callflow_core::pbx::simulate::SimulationError;
use callflow_core::voice::emulator::EmulatorError;
use callflow_core::voice::events::EventError;
use napi::bindgen_prelude::{FnArgs, FunctionRef, JsValuesTupleIntoVec};
use napi::{Env, JsTypeError, Unknown};

use crate::client::ApiErrorFields;
use crate::env_data;
use crate::report::Report;

/// The `code` of every `TypeError` the package throws, as Node's own APIs name it.
const INVALID_ARG: &str = "ERR_INVALID_ARG_VALUE";

/// An instance of the error class `class` picks from this environment's data, to throw.
fn instance<Args: JsValuesTupleIntoVec>(
    env: Env,
    class: impl FnOnce(&env_data::EnvData) -> &FunctionRef<Args, Unknown<'static>>,
    args: Args,
) -> napi::Error {
    let error = || -> napi::Result<napi::Error> {
        let constructor = class(env_data::get(env)?).borrow_back(&env)?;
        Ok(napi::Error::from(constructor.new_instance(args)?))
    };
    error().unwrap_or_else(|failure| failure)
}

/// A `CallflowValidationError` carrying the full report, to throw.
pub(crate) fn validation_error(env: Env, err: &ValidationError) -> napi::Error {
    let args = FnArgs::from((err.to_string(), Report::from(err.report())));
    instance(env, |data| &data.validation_error, args)
}

/// A `CallflowApiError` with its fields, to throw or reject with.
pub(crate) fn api_error(env: Env, message: String, fields: ApiErrorFields) -> napi::Error {
    instance(env, |data| &data.api_error, FnArgs::from((message, fields)))
}

/// A `CallflowEventError` with the core's message and its code as `reason`, to throw.
pub(crate) fn event_error(env: Env, err: &EventError) -> napi::Error {
    let args = FnArgs::from((err.to_string(), err.code()));
    instance(env, |data| &data.event_error, args)
}

/// A `CallflowEmulatorError` with the core's message and its code as `reason`, to throw.
pub(crate) fn emulator_error(env: Env, err: &EmulatorError) -> napi::Error {
    coded_emulator_error(env, err.to_string(), err.code())
}

/// A `CallflowEmulatorError` for a simulated Yay.com call or its options that cannot be
/// used (`reason`: `invalid-call`, `invalid-options`, `invalid-flow`).
pub(crate) fn simulation_error(env: Env, err: &SimulationError) -> napi::Error {
    coded_emulator_error(env, err.to_string(), err.code())
}

fn coded_emulator_error(env: Env, message: String, code: &'static str) -> napi::Error {
    instance(
        env,
        |data| &data.emulator_error,
        FnArgs::from((message, code)),
    )
}

/// The option `name` read as a `T`, or `default` when absent; a name `T` does not know
/// is a `TypeError`.
pub(crate) fn parse_option<T: FromStr>(
    env: Env,
    name: Option<String>,
    default: T,
) -> napi::Result<T>
where
    T::Err: Display,
{
    match name {
        None => Ok(default),
        Some(name) => name
            .parse()
            .map_err(|err: T::Err| type_error(env, err.to_string())),
    }
}

/// A `TypeError` with code `ERR_INVALID_ARG_VALUE`, to throw.
pub(crate) fn type_error(env: Env, message: impl Into<String>) -> napi::Error {
    let error = JsTypeError::from(napi::Error::new(INVALID_ARG, message.into()));
    napi::Error::from(error.into_unknown(env))
}
