//! Yay.com call simulation: `pbx_simulate` and `pbx_explore`, the core's engine on a
//! call flow, a call and options given as Python values; results come back as dicts in
//! the core's JSON shape.

use callflow_core::pbx::simulate;
use pyo3::prelude::*;

use crate::document::Document;
use crate::pbx::CallFlow;
use crate::tree;

/// A call flow: a `callflow.pbx.CallFlow`, or a dict or JSON text of one.
fn call_flow(py: Python<'_>, flow: &Bound<'_, PyAny>) -> PyResult<callflow_core::pbx::CallFlow> {
    if let Ok(flow) = flow.cast::<CallFlow>() {
        return Ok(flow.get().inner().clone());
    }
    Document::any(flow)?
        .with(py, callflow_core::pbx::CallFlow::from_json)
        .map_err(|err| crate::errors::invalid(py, err))
}

/// The call (or template) and options, read by the core; `None` is the default.
fn call_and_options(
    py: Python<'_>,
    call: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<(simulate::Call, simulate::Options)> {
    let error = |err: simulate::SimulationError| crate::errors::simulation_error(py, &err);
    let call = match call {
        Some(call) => Document::any(call)?
            .with(py, simulate::Call::from_json)
            .map_err(error)?,
        None => simulate::Call::new(),
    };
    let options = match options {
        Some(options) => Document::any(options)?
            .with(py, simulate::Options::from_json)
            .map_err(error)?,
        None => simulate::Options::default(),
    };
    Ok((call, options))
}

/// Simulates one call through a Yay.com call flow and returns its transcript as a dict.
#[pyfunction]
#[pyo3(signature = (flow, call = None, /, *, options = None))]
pub(crate) fn pbx_simulate<'py>(
    flow: &Bound<'py, PyAny>,
    call: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = flow.py();
    let flow = call_flow(py, flow)?;
    let (call, options) = call_and_options(py, call, options)?;
    let transcript = py.detach(|| simulate::simulate(&flow, &call, &options));
    tree::serialized(py, &transcript)
}

/// Explores every path of a Yay.com call flow and returns the exploration as a dict.
#[pyfunction]
#[pyo3(signature = (flow, template = None, /, *, options = None))]
pub(crate) fn pbx_explore<'py>(
    flow: &Bound<'py, PyAny>,
    template: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = flow.py();
    let flow = call_flow(py, flow)?;
    let (template, options) = call_and_options(py, template, options)?;
    let exploration = py.detach(|| simulate::explore(&flow, &template, &options));
    tree::serialized(py, &exploration)
}

/// The edge coverage of a list of scripted calls through a Yay.com call flow, as a dict:
/// which edges the calls use, and which none does.
#[pyfunction]
#[pyo3(signature = (flow, calls, /, *, options = None))]
pub(crate) fn pbx_coverage<'py>(
    flow: &Bound<'py, PyAny>,
    calls: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = flow.py();
    let flow = call_flow(py, flow)?;
    let (_, options) = call_and_options(py, None, options)?;
    let calls = Document::any(calls)?
        .with(py, simulate::Call::list_from_json)
        .map_err(|err| crate::errors::simulation_error(py, &err))?;
    let coverage = py.detach(|| simulate::coverage(&flow, &calls, &options));
    tree::serialized(py, &coverage)
}
