//! The errors the package throws: `CallflowValidationError` for invalid documents, and
//! `TypeError` for arguments that are not what the API takes.

use callflow_core::ValidationError;
use napi::bindgen_prelude::{FnArgs, Function, FunctionRef, JsObjectValue, Object};
use napi::{Env, JsTypeError, Unknown};

use crate::report::Report;

/// The `code` of every `TypeError` the package throws, as Node's own APIs name it.
const INVALID_ARG: &str = "ERR_INVALID_ARG_VALUE";

/// The class, as JavaScript source: a real `Error` subclass.
const CLASS_SOURCE: &str = include_str!("validation_error.js");

/// The arguments of the constructor of `CallflowValidationError`: a message and a report.
type ClassArgs = FnArgs<(String, Report)>;

/// The constructor of `CallflowValidationError`.
type ErrorClass = FunctionRef<ClassArgs, Unknown<'static>>;

/// Creates `CallflowValidationError` in this environment, exports it, and keeps it for
/// [`validation_error`].
pub(crate) fn define_error_class(env: Env, exports: &mut Object<'_>) -> napi::Result<()> {
    let class: Function<ClassArgs, Unknown<'static>> = env.run_script(CLASS_SOURCE)?;
    env.set_instance_data(class.create_ref()?, (), |_| {})?;
    exports.set_named_property("CallflowValidationError", class)
}

/// A `CallflowValidationError` carrying the full report, to throw.
pub(crate) fn validation_error(env: Env, err: &ValidationError) -> napi::Error {
    let error = || -> napi::Result<napi::Error> {
        let class = env
            .get_instance_data::<ErrorClass>()?
            .ok_or_else(|| napi::Error::from_reason("CallflowValidationError is not defined"))?
            .borrow_back(&env)?;
        let instance =
            class.new_instance(FnArgs::from((err.to_string(), Report::from(err.report()))))?;
        Ok(napi::Error::from(instance))
    };
    error().unwrap_or_else(|failure| failure)
}

/// A `TypeError` with code `ERR_INVALID_ARG_VALUE`, to throw.
pub(crate) fn type_error(env: Env, message: impl Into<String>) -> napi::Error {
    let error = JsTypeError::from(napi::Error::new(INVALID_ARG, message.into()));
    napi::Error::from(error.into_unknown(env))
}
