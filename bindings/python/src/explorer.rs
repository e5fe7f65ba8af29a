//! The IVR explorer for Python: the core's sans-IO explorer as a Python class that hands
//! out one emulator per path and takes it back once run, its result, and the HTTP runner
//! exploring a URL with the interpreter released.
//!
//! Conversion only: `callflow.testing.explore` drives each call as `emulate` does; every
//! rule of the search (inputs, menus, findings, the map) is the core's. No Rust panic
//! reaches Python: each call into the explorer is guarded, and a panic becomes a
//! `RuntimeError` (the explorer it happened in is unusable afterwards).

use callflow_core::voice::emulator as core;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::document::Document;
use crate::emulator::{Emulator, drive_slot, guarded, http_backend, read};
use crate::{errors, tree};

/// Maps a backend's whole IVR: `next_call()` gives the next call to run (an `Emulator`
/// with the path's caller script), `record()` takes it back once it has run, and
/// `exploration()` tells what was found. `callflow.testing.explore` does all of this.
#[pyclass(module = "callflow.testing")]
pub(crate) struct Explorer(Option<core::Explorer>);

impl Explorer {
    /// Runs `work` on the explorer; a panic leaves the explorer unusable.
    fn drive<R>(&mut self, what: &str, work: impl FnOnce(&mut core::Explorer) -> R) -> PyResult<R> {
        drive_slot(&mut self.0, what, used, work)
    }
}

#[pymethods]
impl Explorer {
    /// Explores the IVR a Send Callflow request (a dict, or JSON `str`/`bytes`) starts.
    /// `options` are the emulator's and `settings` the explorer's (`{"maxCalls",
    /// "maxDepth", "dialect"}`), each a dict or JSON text, None for the defaults. A
    /// request that is not JSON, or unusable options, raise `callflow.EmulatorError`.
    #[staticmethod]
    #[pyo3(signature = (request, /, options = None, settings = None))]
    fn outbound(
        request: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyAny>>,
        settings: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = read(options, core::Options::from_json)?;
        let settings = read(settings, core::ExploreOptions::from_json)?;
        let document = Document::any(request)?;
        guarded("Explorer.outbound", || {
            core::Explorer::outbound(&document, options, settings)
        })?
        .map(|explorer| Explorer(Some(explorer)))
        .map_err(|err| errors::emulator_error(request.py(), &err))
    }

    /// Explores the IVR a call from `from_number` to the virtual number `to_number`
    /// meets; `options` and `settings` as for `outbound`.
    #[staticmethod]
    #[pyo3(signature = (from_number, to_number, /, options = None, settings = None))]
    fn inbound(
        from_number: &str,
        to_number: &str,
        options: Option<&Bound<'_, PyAny>>,
        settings: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = read(options, core::Options::from_json)?;
        let settings = read(settings, core::ExploreOptions::from_json)?;
        guarded("Explorer.inbound", || {
            core::Explorer::inbound(from_number, to_number, options, settings)
        })
        .map(|explorer| Explorer(Some(explorer)))
    }

    /// The next call to run, or None when the exploration is over. Run it to its end,
    /// then give it back with `record()`.
    fn next_call(&mut self) -> PyResult<Option<Emulator>> {
        Ok(self
            .drive("Explorer.next_call", core::Explorer::next_call)?
            .map(Emulator::wrap))
    }

    /// Takes back the call `next_call()` gave, once it has run; the emulator cannot be
    /// used afterwards.
    fn record(&mut self, call: &Bound<'_, Emulator>) -> PyResult<()> {
        let engine = call.borrow_mut().take()?;
        self.drive("Explorer.record", |explorer| explorer.record(engine))
    }

    /// What was found so far: all of it once `next_call()` gave None.
    fn exploration(&mut self) -> PyResult<Exploration> {
        self.drive("Explorer.exploration", |explorer| explorer.exploration())
            .map(Exploration)
    }

    fn __repr__(&self) -> &'static str {
        match self.0 {
            Some(_) => "Explorer(<exploring>)",
            None => "Explorer(<used>)",
        }
    }
}

/// What an exploration found: menus, coverage, findings and the IVR map, as JSON in the
/// documented schema, as text for people, and as replayable scenarios.
#[pyclass(module = "callflow.testing", frozen)]
pub(crate) struct Exploration(core::Exploration);

#[pymethods]
impl Exploration {
    /// True when no finding is an error.
    #[getter]
    fn ok(&self) -> bool {
        self.0.ok
    }

    /// The exploration as compact JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The exploration for people: coverage, each menu's inputs grouped by outcome, then
    /// the findings.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The exploration as a dict, in the shape of `to_json()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tree::serialized(py, &self.0)
    }

    /// One scenario per finding, as `(file name, scenario dict)`: the call, the path's
    /// caller script and the expectation that the call has no error, which holds once
    /// the finding is fixed.
    fn scenarios<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let scenarios = guarded("Exploration.scenarios", || self.0.scenarios())?;
        let items = scenarios
            .iter()
            .map(|(file, scenario)| Ok((file.as_str(), tree::serialized(py, scenario)?)))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    fn __str__(&self) -> String {
        self.0.to_text()
    }

    fn __repr__(&self) -> String {
        format!(
            "Exploration(ok={}, calls={}, menus={}, findings={})",
            if self.0.ok { "True" } else { "False" },
            self.0.calls,
            self.0.menus.len(),
            self.0.findings.len()
        )
    }
}

/// Runs the rest of `explorer`'s exploration against a backend over HTTP, one call after
/// another, and returns what it found. The URLs, `secret` and `timeout` are those of
/// `emulate_http`. The interpreter is released meanwhile, so a server in another thread
/// of this process can answer; the explorer cannot be used afterwards.
#[pyfunction]
#[pyo3(signature = (explorer, vca_url, /, *, status_url = None, summary_url = None, secret = None, timeout = None))]
pub(crate) fn explore_http(
    py: Python<'_>,
    explorer: &Bound<'_, Explorer>,
    vca_url: &str,
    status_url: Option<&str>,
    summary_url: Option<&str>,
    secret: Option<&str>,
    timeout: Option<f64>,
) -> PyResult<Exploration> {
    let backend = http_backend(vca_url, status_url, summary_url, secret, timeout)?;
    let engine = explorer.borrow_mut().0.take().ok_or_else(used)?;
    py.detach(|| guarded("explore_http", || backend.explore_blocking(engine)))
        .map(Exploration)
}

/// The error of an explorer that is gone.
fn used() -> PyErr {
    PyRuntimeError::new_err(
        "this explorer can no longer be used: its exploration was run by explore_http, or \
         it failed internally",
    )
}
