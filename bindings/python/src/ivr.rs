//! IVR maps (`callflow.ivr`): the core's `voice::ivr` expands and checks a map, loads it
//! for answering (`IvrMap`), routes each event to its answer (`Turn`) and validates what
//! a handler returned. The handlers themselves are Python functions, called by
//! `callflow/ivr.py`.

use std::borrow::Cow;

use callflow_core::json::Json;
use callflow_core::voice::format_timestamp;
use callflow_core::voice::ivr::{self as core, Fallback, Next};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyString};

use crate::bodies::{Callflow, Reply};
use crate::document::{self, Document};
use crate::errors;
use crate::events::Event;
use crate::report::Report;
use crate::tree;

/// Every issue of an IVR map (a dict, or JSON `str` or `bytes`), shorthand or full.
#[pyfunction]
#[pyo3(signature = (map, /))]
pub(crate) fn ivr_check(map: &Bound<'_, PyAny>) -> PyResult<Report> {
    let document = Document::any(map)?;
    Ok(document.with(map.py(), core::check).into())
}

/// `ivr_check`, and every handler the map names must be one of `handlers`.
#[pyfunction]
#[pyo3(signature = (map, handlers, /))]
pub(crate) fn ivr_check_with(
    map: &Bound<'_, PyAny>,
    handlers: &Bound<'_, PyAny>,
) -> PyResult<Report> {
    let handlers = handlers
        .try_iter()?
        .map(|name| name?.extract::<String>())
        .collect::<PyResult<Vec<String>>>()?;
    let document = Document::any(map)?;
    let names: Vec<&str> = handlers.iter().map(String::as_str).collect();
    Ok(document
        .with(map.py(), |document| core::check_with(document, &names))
        .into())
}

/// The full map of an IVR map, every shorthand expanded, as a dict; a map whose
/// shorthand cannot be expanded raises `callflow.ValidationError`.
#[pyfunction]
#[pyo3(signature = (map, /))]
pub(crate) fn ivr_expand<'py>(map: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = map.py();
    let document = Document::any(map)?;
    let full = document
        .with(py, core::expand)
        .map_err(|err| errors::invalid(py, err))?;
    tree::serialized(py, &full)
}

/// An IVR map loaded for answering webhooks: expanded, checked, every reply validated
/// once. Stateless: each event is answered from its `clientActionId` and digits alone.
#[pyclass(module = "callflow.ivr", frozen)]
pub(crate) struct IvrMap(core::Ivr);

#[pymethods]
impl IvrMap {
    /// Loads a map (a dict, or JSON `str` or `bytes`); a map with errors raises
    /// `callflow.ValidationError` with the report.
    #[new]
    #[pyo3(signature = (map, /))]
    fn new(map: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = map.py();
        let document = Document::any(map)?;
        document
            .with(py, core::Ivr::from_json)
            .map(IvrMap)
            .map_err(|err| errors::invalid(py, err))
    }

    /// The warnings found when the map was loaded.
    #[getter]
    fn report(&self) -> Report {
        self.0.report().clone().into()
    }

    /// The names of the handlers the map calls, sorted, each once.
    #[getter]
    fn handler_names(&self) -> Vec<&str> {
        self.0.handler_names()
    }

    /// The Send Callflow body that starts an outbound call from `source` to
    /// `destination`: a `makeCall`, then the `start` reply's actions. `valid_until` is
    /// 8x8's timestamp text or a timezone-aware `datetime`.
    #[pyo3(signature = (source, destination, /, valid_until = None))]
    fn request<'py>(
        &self,
        py: Python<'py>,
        source: &str,
        destination: &str,
        valid_until: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, Callflow>> {
        let valid_until = valid_until.map(timestamp_text).transpose()?;
        let request = self
            .0
            .request(source, destination, valid_until.as_deref())
            .map_err(|err| errors::invalid(py, err))?;
        typed::<Callflow>(py, &request.to_json())
    }

    /// Where the map answers `event` (a parsed webhook) from, and with what.
    #[pyo3(signature = (event, /))]
    fn route(&self, event: &Bound<'_, PyAny>) -> PyResult<Turn> {
        let py = event.py();
        let event = parsed_event(event)?;
        let turn = self.0.reply(Event::core(event));
        let (reply, body, handler) = match turn.next {
            Next::Reply { body, .. } => (
                Some(typed::<Reply>(py, body)?.unbind()),
                Some(body.to_owned()),
                None,
            ),
            Next::Handler(name) => (None, None, Some(name.to_owned())),
            _ => (None, None, None),
        };
        Ok(Turn {
            menu: turn.menu.map(str::to_owned),
            key: turn.key.map(str::to_owned),
            fallback: turn.fallback.map(Fallback::as_str),
            reply,
            body,
            handler,
        })
    }

    /// What a handler returned, as the reply to send: a `voice.Reply`, a reply dict, a
    /// shorthand option (`{"say": …, "goto": …}`, `{"connect": …}`) or a menu name,
    /// expanded with the map's defaults and validated; `callflow.ValidationError`
    /// otherwise.
    #[pyo3(signature = (returned, /))]
    fn handler_reply<'py>(&self, returned: &Bound<'py, PyAny>) -> PyResult<Bound<'py, Reply>> {
        let py = returned.py();
        let reply = if let Ok(reply) = returned.cast::<Reply>() {
            self.0.handler_reply(reply.get().core().to_json().as_str())
        } else if let Ok(name) = returned.cast::<PyString>() {
            let name = Json::String(Cow::Owned(name.to_str()?.to_owned()));
            self.0.handler_reply(&name)
        } else {
            self.0.handler_reply(&tree::to_tree(returned)?)
        }
        .map_err(|err| errors::invalid(py, err))?;
        typed::<Reply>(py, &reply.to_json())
    }

    fn __repr__(&self) -> String {
        format!("IvrMap(handlers={:?})", self.0.handler_names())
    }
}

/// The answer to one webhook, with where in the map it came from (for logs).
#[pyclass(module = "callflow.ivr", frozen, get_all)]
pub(crate) struct Turn {
    /// The menu that answered; `None` for `start` and for webhooks that are not call
    /// actions.
    menu: Option<String>,
    /// The key that matched: the digits, `"*"`, `"silence"` or `"bridged"`.
    key: Option<String>,
    /// `"unknown-menu"` or `"no-answer"` when the answer is `start` because the map has
    /// none for this event.
    fallback: Option<&'static str>,
    /// The reply to send, when the map gives one.
    reply: Option<Py<Reply>>,
    /// The reply's JSON exactly as the map writes it (members sorted, a `null` kept),
    /// which `reply.to_json()` writes without the `null`s.
    body: Option<String>,
    /// The handler to call, when the map names one.
    handler: Option<String>,
}

#[pymethods]
impl Turn {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Turn(menu={}, key={}, fallback={}, handler={}, reply={})",
            tree::repr(py, self.menu.as_deref())?,
            tree::repr(py, self.key.as_deref())?,
            tree::repr(py, self.fallback)?,
            tree::repr(py, self.handler.as_deref())?,
            match &self.reply {
                Some(reply) => reply.bind(py).repr()?.to_string(),
                None => "None".to_owned(),
            }
        ))
    }
}

/// A parsed Python event (any `callflow.voice.Event`), or a `TypeError`.
fn parsed_event<'a, 'py>(event: &'a Bound<'py, PyAny>) -> PyResult<&'a Bound<'py, Event>> {
    event.cast::<Event>().map_err(|_| {
        let kind = event
            .get_type()
            .name()
            .map(|name| name.to_string())
            .unwrap_or_default();
        PyTypeError::new_err(format!(
            "expected a parsed webhook (callflow.voice.Event), not {kind}"
        ))
    })
}

/// A body of the package's typed class (`Callflow` or `Reply`), made from the core's
/// JSON of it.
fn typed<'py, T: pyo3::PyClass + pyo3::type_object::PyTypeInfo>(
    py: Python<'py>,
    json: &str,
) -> PyResult<Bound<'py, T>> {
    Ok(py
        .get_type::<T>()
        .call_method1("from_json", (json,))?
        .cast_into::<T>()?)
}

/// `valid_until` as 8x8's timestamp text: a timezone-aware `datetime` is written by the
/// core; a `str` is taken as it is.
fn timestamp_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if value.is_instance_of::<PyDateTime>() {
        let time = document::aware_time(value, "valid_until")?;
        format_timestamp(time).map_err(|err| PyValueError::new_err(err.to_string()))
    } else {
        value.extract::<String>().map_err(|_| {
            PyTypeError::new_err("valid_until must be a str or a timezone-aware datetime")
        })
    }
}
