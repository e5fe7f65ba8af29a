//! Raising callflow's Python-defined exceptions (`callflow._errors`) from the core's
//! errors.

use callflow_core::ValidationError;
use callflow_core::pbx::simulate::SimulationError;
use callflow_core::voice::emulator::EmulatorError;
use callflow_core::voice::events::EventError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::report::Report;

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static EVENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static API_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TRANSPORT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static EMULATOR_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

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

/// `callflow.EmulatorError(message, code)`: a caller script, emulator options, scenario
/// or IVR map that cannot be used.
pub(crate) fn emulator_error(py: Python<'_>, err: &EmulatorError) -> PyErr {
    coded_emulator_error(py, err.to_string(), err.code())
}

/// `callflow.EmulatorError(message, code)` for a simulated Yay.com call or its options
/// that cannot be used (`invalid-call`, `invalid-options`, `invalid-flow`).
pub(crate) fn simulation_error(py: Python<'_>, err: &SimulationError) -> PyErr {
    coded_emulator_error(py, err.to_string(), err.code())
}

fn coded_emulator_error(py: Python<'_>, message: String, code: &'static str) -> PyErr {
    raise(py, &EMULATOR_ERROR, "EmulatorError", (message, code))
}

/// The exception for a failed client call: `callflow.ValidationError` for an invalid
/// callflow, `callflow.ApiError(message, status, status_code, status_message, request_id,
/// retry_after)` for an error answer, `callflow.TransportError(message, code)` when no
/// usable answer came (the code is the client's [`callflow_client::Error::code`]), and
/// `ValueError` for a bad setting or a malformed Yay flow.
pub(crate) fn client_error(py: Python<'_>, err: callflow_client::Error) -> PyErr {
    use callflow_client::Error;
    let message = err.to_string();
    let code = err.code();
    match err {
        Error::Validation(err) => invalid(py, err),
        Error::Api(api) => raise(py, &API_ERROR, "ApiError", api.into_args(message)),
        Error::Config(_) => pyo3::exceptions::PyValueError::new_err(message),
        _ => raise(py, &TRANSPORT_ERROR, "TransportError", (message, code)),
    }
}
