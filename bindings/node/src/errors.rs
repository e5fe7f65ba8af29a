//! The errors the package throws: `CallflowValidationError` for invalid documents, and
//! `TypeError` for arguments that are not what the API takes.

use std::fmt::Display;
use std::str::FromStr;

use callflow_core::ValidationError;
use napi::bindgen_prelude::FnArgs;
use napi::{Env, JsTypeError};

use crate::env_data;
use crate::report::Report;

/// The `code` of every `TypeError` the package throws, as Node's own APIs name it.
const INVALID_ARG: &str = "ERR_INVALID_ARG_VALUE";

/// A `CallflowValidationError` carrying the full report, to throw.
pub(crate) fn validation_error(env: Env, err: &ValidationError) -> napi::Error {
    let error = || -> napi::Result<napi::Error> {
        let class = env_data::get(env)?.validation_error.borrow_back(&env)?;
        let instance =
            class.new_instance(FnArgs::from((err.to_string(), Report::from(err.report()))))?;
        Ok(napi::Error::from(instance))
    };
    error().unwrap_or_else(|failure| failure)
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
