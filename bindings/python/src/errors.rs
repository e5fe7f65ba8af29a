//! Raising the Python-defined `callflow.ValidationError` from the core's error.

use callflow_core::ValidationError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::report::Report;

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `callflow.ValidationError(message, report)`: the message lists every issue.
pub(crate) fn invalid(py: Python<'_>, err: ValidationError) -> PyErr {
    let message = err.to_string();
    let report = Report::from(err.into_report());
    match VALIDATION_ERROR
        .import(py, "callflow._errors", "ValidationError")
        .and_then(|class| class.call1((message, report)))
    {
        Ok(exception) => PyErr::from_value(exception),
        Err(err) => err,
    }
}
