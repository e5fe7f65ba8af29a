//! The call emulator for Python: the core's sans-IO engine, its IVR map backend and its
//! scenarios as Python classes, and the HTTP runner with the interpreter released.
//!
//! Conversion only: `callflow.testing` drives the engine from Python (callables, WSGI and
//! ASGI apps); every rule of the call is the core's. No Rust panic reaches Python: each
//! call into the engine or the runner is guarded, and a panic becomes a `RuntimeError`
//! (the emulator it happened in is unusable afterwards).

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use callflow_core::voice::emulator as core;
use callflow_runner::HttpBackend;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString, PyTuple};

use crate::document::Document;
use crate::{errors, tree};

/// Runs `work`, turning a panic into a `RuntimeError` that says where it happened.
pub(crate) fn guarded<R>(what: &str, work: impl FnOnce() -> R) -> PyResult<R> {
    panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        PyRuntimeError::new_err(format!(
            "callflow's emulator failed internally in {what} ({}); this is a bug, please \
             report it with the request, script and options",
            panic_message(payload.as_ref())
        ))
    })
}

/// Runs `work` on what `slot` holds (`gone()` when it is empty), guarded; a panic empties
/// the slot, so a half-updated engine is never used again.
pub(crate) fn drive_slot<T, R>(
    slot: &mut Option<T>,
    what: &str,
    gone: fn() -> PyErr,
    work: impl FnOnce(&mut T) -> R,
) -> PyResult<R> {
    let engine = slot.as_mut().ok_or_else(gone)?;
    let result = guarded(what, || work(engine));
    if result.is_err() {
        *slot = None;
    }
    result
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic")
}

/// A document the core reads (a script, options, an IVR map, a scenario): JSON text or
/// a JSON-shaped value; what the core refuses raises `callflow.EmulatorError`.
fn parse<'a, T>(
    value: &'a Bound<'_, PyAny>,
    from_json: impl FnOnce(&Document<'a>) -> Result<T, core::EmulatorError>,
) -> PyResult<T> {
    from_json(&Document::any(value)?).map_err(|err| errors::emulator_error(value.py(), &err))
}

/// A script or options argument: `None` for the default, else as [`parse`] reads it.
pub(crate) fn read<'a, T: Default>(
    value: Option<&'a Bound<'_, PyAny>>,
    from_json: impl FnOnce(&Document<'a>) -> Result<T, core::EmulatorError>,
) -> PyResult<T> {
    value.map_or_else(|| Ok(T::default()), |value| parse(value, from_json))
}

/// An answer's body: `bytes`, `bytearray`, or `str` as UTF-8.
fn body_bytes(body: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = body.cast::<PyBytes>() {
        Ok(bytes.as_bytes().to_vec())
    } else if let Ok(text) = body.cast::<PyString>() {
        Ok(text.to_str()?.as_bytes().to_vec())
    } else if let Ok(array) = body.cast::<PyByteArray>() {
        Ok(array.to_vec())
    } else {
        Err(PyTypeError::new_err(format!(
            "an answer's body is bytes, bytearray or str, not {}",
            body.get_type().name()?
        )))
    }
}

/// A latency in milliseconds: a finite number, at least 0.
fn latency(ms: f64) -> PyResult<f64> {
    if ms.is_finite() && ms >= 0.0 {
        Ok(ms)
    } else {
        Err(PyValueError::new_err(format!(
            "latency_ms must be a finite number of milliseconds, at least 0, not {ms}"
        )))
    }
}

/// A webhook the emulated platform delivers: its kind, event type, `clientActionId` and
/// the JSON body 8x8 would POST.
#[pyclass(module = "callflow.testing", frozen)]
pub(crate) struct Webhook(core::Webhook);

#[pymethods]
impl Webhook {
    /// `"VCA"` (Voice Call Action), `"VCS"` (Voice Call Status) or `"VSS"` (Voice Session
    /// Summary).
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// `"CALL_ACTION"`, `"CALL_STATUS"` or `"SESSION_SUMMARY"`.
    #[getter]
    fn event_type(&self) -> &'static str {
        self.0.event_type
    }

    /// The `clientActionId` the webhook carries, or None.
    #[getter]
    fn client_action_id(&self) -> Option<&str> {
        self.0.client_action_id.as_deref()
    }

    /// The JSON body, as text.
    #[getter]
    fn body(&self) -> &str {
        &self.0.body
    }

    fn __repr__(&self) -> String {
        format!(
            "Webhook(kind={:?}, event_type={:?}, client_action_id={:?})",
            self.0.kind.as_str(),
            self.0.event_type,
            self.0.client_action_id
        )
    }
}

/// The record of an emulated call: JSON in the documented schema, and text for people.
#[pyclass(module = "callflow.testing", frozen)]
pub(crate) struct Transcript(core::Transcript);

#[pymethods]
impl Transcript {
    /// True when no finding is an error.
    #[getter]
    fn ok(&self) -> bool {
        self.0.ok()
    }

    /// The transcript as compact JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The transcript for people: one line per step, then the findings.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The transcript as a dict, in the shape of `to_json()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tree::serialized(py, &self.0)
    }

    fn __str__(&self) -> String {
        self.0.to_text()
    }

    fn __repr__(&self) -> String {
        format!(
            "Transcript(ok={}, session_status={:?}, webhooks={}, findings={})",
            if self.0.ok { "True" } else { "False" },
            self.0.session_status,
            self.0.webhooks.len(),
            self.0.findings.len()
        )
    }
}

/// One emulated call, driven from Python: take each webhook with `next_webhook()`,
/// deliver it, and hand back the answer with `respond()` (or `fail()` when no usable
/// answer came) until `next_webhook()` gives None.
#[pyclass(module = "callflow.testing")]
pub(crate) struct Emulator(Option<core::Emulator>);

impl Emulator {
    /// The Python object of a call the core started (an explorer's next call).
    pub(crate) fn wrap(engine: core::Emulator) -> Self {
        Emulator(Some(engine))
    }

    /// Takes the call out, to run it over HTTP or give it back to its explorer; the
    /// emulator cannot be used afterwards.
    pub(crate) fn take(&mut self) -> PyResult<core::Emulator> {
        self.0.take().ok_or_else(used)
    }

    /// Runs `work` on the engine; a panic leaves the emulator unusable.
    fn drive<R>(&mut self, what: &str, work: impl FnOnce(&mut core::Emulator) -> R) -> PyResult<R> {
        drive_slot(&mut self.0, what, used, work)
    }
}

#[pymethods]
impl Emulator {
    /// An outbound call from a Send Callflow request (a dict, or JSON `str`/`bytes`),
    /// checked as the API would check it, with a caller script and options (each a list
    /// or dict, or JSON text; None for the defaults). An unusable script or options
    /// raises `callflow.EmulatorError`.
    #[staticmethod]
    #[pyo3(signature = (request, /, script = None, options = None))]
    fn outbound(
        request: &Bound<'_, PyAny>,
        script: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let script = read(script, core::Script::from_json)?;
        let options = read(options, core::Options::from_json)?;
        let request = Document::any(request)?;
        guarded("Emulator.outbound", || {
            core::Emulator::outbound(&request, script, options)
        })
        .map(|engine| Emulator(Some(engine)))
    }

    /// An inbound call from `from_number` to `to_number`: the first webhook is the
    /// call action of the received call, whose answer is the first callflow.
    #[staticmethod]
    #[pyo3(signature = (from_number, to_number, /, script = None, options = None))]
    fn inbound(
        from_number: &str,
        to_number: &str,
        script: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let script = read(script, core::Script::from_json)?;
        let options = read(options, core::Options::from_json)?;
        guarded("Emulator.inbound", || {
            core::Emulator::inbound(from_number, to_number, script, options)
        })
        .map(|engine| Emulator(Some(engine)))
    }

    /// The next webhook to deliver, or None when the call is over.
    fn next_webhook(&mut self) -> PyResult<Option<Webhook>> {
        Ok(self
            .drive("Emulator.next_webhook", core::Emulator::next_webhook)?
            .map(Webhook))
    }

    /// The backend's answer to the last webhook: its HTTP status, body (`bytes`, or
    /// `str` sent as UTF-8) and how long it took, in milliseconds.
    #[pyo3(signature = (status, body, latency_ms))]
    fn respond(&mut self, status: u16, body: &Bound<'_, PyAny>, latency_ms: f64) -> PyResult<()> {
        let response = core::Response::Answered {
            status,
            body: body_bytes(body)?,
            latency_ms: latency(latency_ms)?,
        };
        self.drive("Emulator.respond", |engine| engine.respond(response))
    }

    /// No usable answer to the last webhook: `kind` is `"timeout"`, `"connection"`,
    /// `"too-large"` or `"redirect"`, `detail` a sentence saying what happened.
    #[pyo3(signature = (kind, detail, latency_ms))]
    fn fail(&mut self, kind: &str, detail: String, latency_ms: f64) -> PyResult<()> {
        let failure = kind
            .parse::<core::Failure>()
            .map_err(PyValueError::new_err)?;
        let response = core::Response::Failed {
            failure,
            detail,
            latency_ms: latency(latency_ms)?,
        };
        self.drive("Emulator.fail", |engine| engine.respond(response))
    }

    /// The transcript so far; complete once `next_webhook()` gave None.
    fn transcript(&mut self) -> PyResult<Transcript> {
        Ok(Transcript(self.drive("Emulator.transcript", |engine| {
            engine.transcript().clone()
        })?))
    }

    fn __repr__(&self) -> &'static str {
        match self.0 {
            Some(_) => "Emulator(<call>)",
            None => "Emulator(<used>)",
        }
    }
}

/// A backend scripted by an IVR map (`{"start"?, "menus": {clientActionId: {keys:
/// reply}}}`), as a dict or JSON text: it answers each webhook the same way every time.
#[pyclass(module = "callflow.testing", frozen)]
pub(crate) struct MapBackend(core::MapBackend);

#[pymethods]
impl MapBackend {
    #[new]
    #[pyo3(signature = (map, /))]
    fn new(map: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse(map, core::MapBackend::from_json).map(MapBackend)
    }

    /// The map's answer to `webhook`: `(status, body, latency_ms)` for an HTTP answer,
    /// or `(failure, detail, latency_ms)` when the map says no usable answer comes.
    fn answer<'py>(&self, py: Python<'py>, webhook: &Webhook) -> PyResult<Bound<'py, PyTuple>> {
        match guarded("MapBackend.answer", || self.0.answer(&webhook.0))? {
            core::Response::Answered {
                status,
                body,
                latency_ms,
            } => (status, PyBytes::new(py, &body), latency_ms).into_pyobject(py),
            core::Response::Failed {
                failure,
                detail,
                latency_ms,
            } => (failure.as_str(), detail, latency_ms).into_pyobject(py),
            other => Err(PyRuntimeError::new_err(format!(
                "the IVR map gave an answer this version cannot convert: {other:?}"
            ))),
        }
    }
}

/// A scenario: the request (or inbound numbers), the caller script, the options and the
/// expectations, from a dict or JSON text.
#[pyclass(module = "callflow.testing", frozen)]
pub(crate) struct Scenario(core::Scenario);

#[pymethods]
impl Scenario {
    #[new]
    #[pyo3(signature = (scenario, /))]
    fn new(scenario: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse(scenario, core::Scenario::from_json).map(Scenario)
    }

    /// The scenario's name.
    #[getter]
    fn name(&self) -> &str {
        self.0.name()
    }

    /// A new emulator for the scenario's call.
    fn start(&self) -> PyResult<Emulator> {
        guarded("Scenario.start", || self.0.start()).map(|engine| Emulator(Some(engine)))
    }

    /// The expectations `transcript` does not meet, in words; empty when it passed.
    fn check(&self, transcript: &Transcript) -> PyResult<Vec<String>> {
        guarded("Scenario.check", || self.0.check(&transcript.0))
    }

    fn __repr__(&self) -> String {
        format!("Scenario(name={:?})", self.0.name())
    }
}

/// Runs the call of `emulator` to its end against a backend over HTTP, and returns its
/// transcript. Voice Call Action webhooks go to `vca_url`; status and summary webhooks to
/// their own URLs when given, else to `vca_url`. `secret` is sent as `Authorization`;
/// `timeout` (seconds) bounds each delivery. The interpreter is released meanwhile, so a
/// server in another thread of this process can answer.
#[pyfunction]
#[pyo3(signature = (emulator, vca_url, /, *, status_url = None, summary_url = None, secret = None, timeout = None))]
pub(crate) fn emulate_http(
    py: Python<'_>,
    emulator: &Bound<'_, Emulator>,
    vca_url: &str,
    status_url: Option<&str>,
    summary_url: Option<&str>,
    secret: Option<&str>,
    timeout: Option<f64>,
) -> PyResult<Transcript> {
    let backend = http_backend(vca_url, status_url, summary_url, secret, timeout)?;
    let engine = emulator.borrow_mut().take()?;
    py.detach(|| guarded("emulate_http", || backend.emulate_blocking(engine)))
        .map(Transcript)
}

/// The HTTP backend of `emulate_http` and `explore_http`: Voice Call Action webhooks to
/// `vca_url`, the others to their own URLs when given, `secret` as `Authorization`, each
/// delivery bounded by `timeout` seconds (the runner's default when None).
pub(crate) fn http_backend(
    vca_url: &str,
    status_url: Option<&str>,
    summary_url: Option<&str>,
    secret: Option<&str>,
    timeout: Option<f64>,
) -> PyResult<HttpBackend> {
    let mut backend = setting(HttpBackend::new(vca_url))?;
    if let Some(url) = status_url {
        backend = setting(backend.status_url(url))?;
    }
    if let Some(url) = summary_url {
        backend = setting(backend.summary_url(url))?;
    }
    if let Some(secret) = secret {
        backend = setting(backend.secret(secret))?;
    }
    if let Some(timeout) = timeout {
        let timeout = Duration::try_from_secs_f64(timeout)
            .ok()
            .filter(|timeout| !timeout.is_zero())
            .ok_or_else(|| PyValueError::new_err("timeout must be a positive number of seconds"))?;
        backend = backend.timeout(timeout);
    }
    Ok(backend)
}

/// The error of an emulator whose engine is gone.
fn used() -> PyErr {
    PyRuntimeError::new_err(
        "this emulator can no longer be used: its call was run by emulate_http, or given \
         back to its Explorer, or it failed internally",
    )
}

/// A setting of the HTTP backend, or the `ValueError` saying why it cannot be used.
fn setting<T>(result: Result<T, callflow_runner::RunnerError>) -> PyResult<T> {
    result.map_err(|err| PyValueError::new_err(err.to_string()))
}
