//! The errors the package throws: the classes of `errors.js` (`ValidationError` for
//! invalid documents, `EventError` for webhook bodies that are not 8x8 webhooks,
//! `ApiError` and `TransportError` for failed API calls, `EmulatorError` for scripts,
//! options, scenarios and IVR maps the emulator cannot use, all `CallflowError`s with a
//! `code`), and `TypeError` for arguments that are not what the API takes.

use std::fmt::Display;
use std::str::FromStr;

use callflow_core::ValidationError;
use callflow_core::pbx::simulate::SimulationError;
use callflow_core::voice::emulator::EmulatorError;
use callflow_core::voice::events::EventError;
use napi::bindgen_prelude::{
    FnArgs, Function, FunctionRef, JsObjectValue, JsValuesTupleIntoVec, Object,
};
use napi::{Env, JsTypeError, Unknown};

use crate::env_data;
use crate::report::Report;

/// The classes, as JavaScript source: an expression giving an object of them by name.
const SOURCE: &str = include_str!("errors.js");

/// The `code` of every `TypeError` the package throws, as Node's own APIs name it.
const INVALID_ARG: &str = "ERR_INVALID_ARG_VALUE";

/// The arguments of `ValidationError`: a message and a report.
type ValidationArgs = FnArgs<(String, Report)>;

/// The arguments of `EventError`, `TransportError` and `EmulatorError`: a message and
/// the code.
type CodedArgs = FnArgs<(String, &'static str)>;

/// The arguments of `ApiError`: a message, then the error's fields
/// ([`callflow_client::ApiError::into_args`]).
type ApiArgs = FnArgs<callflow_client::ApiErrorArgs>;

/// The constructors of the classes, kept for one environment.
pub(crate) struct Classes {
    validation: FunctionRef<ValidationArgs, Unknown<'static>>,
    event: FunctionRef<CodedArgs, Unknown<'static>>,
    api: FunctionRef<ApiArgs, Unknown<'static>>,
    transport: FunctionRef<CodedArgs, Unknown<'static>>,
    emulator: FunctionRef<CodedArgs, Unknown<'static>>,
}

/// Defines the classes, exports each by name, and returns their constructors.
pub(crate) fn install(env: Env, exports: &mut Object<'_>) -> napi::Result<Classes> {
    let classes: Object<'_> = env.run_script(SOURCE)?;
    for name in [
        "CallflowError",
        "ValidationError",
        "EventError",
        "ApiError",
        "TransportError",
        "EmulatorError",
    ] {
        exports.set_named_property(name, classes.get_named_property::<Unknown<'_>>(name)?)?;
    }
    Ok(Classes {
        validation: class(&classes, "ValidationError")?,
        event: class(&classes, "EventError")?,
        api: class(&classes, "ApiError")?,
        transport: class(&classes, "TransportError")?,
        emulator: class(&classes, "EmulatorError")?,
    })
}

/// A reference to the class `name` of `classes`.
fn class<Args: JsValuesTupleIntoVec>(
    classes: &Object<'_>,
    name: &str,
) -> napi::Result<FunctionRef<Args, Unknown<'static>>> {
    classes
        .get_named_property::<Function<'_, Args, Unknown<'static>>>(name)?
        .create_ref()
}

/// An instance of the class `class` picks for this environment, to throw.
fn instance<Args: JsValuesTupleIntoVec>(
    env: Env,
    class: impl FnOnce(&Classes) -> &FunctionRef<Args, Unknown<'static>>,
    args: Args,
) -> napi::Error {
    let error = || -> napi::Result<napi::Error> {
        let constructor = class(&env_data::get(env)?.errors).borrow_back(&env)?;
        Ok(napi::Error::from(constructor.new_instance(args)?))
    };
    error().unwrap_or_else(|failure| failure)
}

/// A `ValidationError` carrying the full report, to throw.
pub(crate) fn validation_error(env: Env, err: &ValidationError) -> napi::Error {
    let args = FnArgs::from((err.to_string(), Report::from(err.report())));
    instance(env, |classes| &classes.validation, args)
}

/// The error a failed client call rejects with: `ValidationError` for an invalid
/// document, `ApiError` for an error answer, `TransportError` (with the client's
/// [`callflow_client::Error::code`]) when no usable answer came, and a `TypeError` for a
/// bad setting or argument.
pub(crate) fn client_error(env: Env, err: callflow_client::Error) -> napi::Error {
    use callflow_client::Error;
    let message = err.to_string();
    let code = err.code();
    match err {
        Error::Validation(err) => validation_error(env, &err),
        Error::Api(api) => instance(
            env,
            |classes| &classes.api,
            FnArgs::from(api.into_args(message)),
        ),
        Error::Config(_) => type_error(env, message),
        _ => instance(
            env,
            |classes| &classes.transport,
            FnArgs::from((message, code)),
        ),
    }
}

/// An `EventError` with the core's message and code, to throw.
pub(crate) fn event_error(env: Env, err: &EventError) -> napi::Error {
    let args = FnArgs::from((err.to_string(), err.code()));
    instance(env, |classes| &classes.event, args)
}

/// An `EmulatorError` with the core's message and code, to throw.
pub(crate) fn emulator_error(env: Env, err: &EmulatorError) -> napi::Error {
    coded_emulator_error(env, err.to_string(), err.code())
}

/// An `EmulatorError` for a simulated Yay.com call or its options that cannot be used
/// (`code`: `invalid-call`, `invalid-options`, `invalid-flow`).
pub(crate) fn simulation_error(env: Env, err: &SimulationError) -> napi::Error {
    coded_emulator_error(env, err.to_string(), err.code())
}

fn coded_emulator_error(env: Env, message: String, code: &'static str) -> napi::Error {
    instance(
        env,
        |classes| &classes.emulator,
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
