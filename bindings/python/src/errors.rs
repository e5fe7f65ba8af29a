//! Raising callflow's Python-defined exceptions (`callflow._errors`) from the core's
//! errors.

use callflow_core::ValidationError;
use callflow_core::voice::events::EventError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::report::Report;

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static EVENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// An instance of the exception class `name` of `callflow._errors`, made with `args`.
fn raise<'py>(
    py: Python<'py>,
    class: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    args: impl pyo3::call::PyCallArgs<'py>,
) -> PyErr {
    match class
        .import(py, "callflow._errors", name)
        .and_then(|class| class.call1(args))
    {
        Ok(exception) => PyErr::from_value(exception),
        Err(err) => err,
    }
}

/// `callflow.ValidationError(message, report)`: the message lists every issue.
pub(crate) fn invalid(py: Python<'_>, err: ValidationError) -> PyErr {
    let message = err.to_string();
    let report = Report::from(err.into_report());
    raise(py, &VALIDATION_ERROR, "ValidationError", (message, report))
}

/// `callflow.EventError(message, code)`: a body that is not an 8x8 webhook.
pub(crate) fn event_error(py: Python<'_>, err: &EventError) -> PyErr {
    raise(
        py,
        &EVENT_ERROR,
        "EventError",
        (err.to_string(), err.code()),
    )
}
