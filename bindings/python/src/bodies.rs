//! `Callflow` (a Send Callflow request) and `Reply` (a Voice Call Action webhook reply):
//! validated on construction and when parsed, serialised by the core.

use std::borrow::Cow;

use callflow_core::json::{Json, TooDeep};
use callflow_core::voice::{self, Body, format_timestamp};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyList};

use crate::actions::Action;
use crate::document::{self, Document};
use crate::errors;
use crate::tree::{self, Converted};

/// Assembles a body from Python actions and its optional top-level field, and validates
/// it against the system clock.
fn build<B: Body>(actions: &Bound<'_, PyAny>, top: Option<Converted>) -> PyResult<B> {
    let py = actions.py();
    let mut items = Vec::new();
    for (index, item) in actions.try_iter()?.enumerate() {
        let item = item?;
        let action = item.cast::<Action>().map_err(|_| {
            PyTypeError::new_err(format!(
                "actions[{index}] must be an action (MakeCall, Say, PlayFile, SayAndCapture \
                 or Hangup), not {}",
                item.get_type()
                    .name()
                    .map_or_else(|_| "object".into(), |n| n.to_string())
            ))
        })?;
        items.push(action.get().to_tree(py)?);
    }
    let document: Converted = items
        .into_iter()
        .collect::<Result<Vec<_>, TooDeep>>()
        .and_then(|items| Ok(B::PROFILE.document(top.transpose()?, items)));
    voice::Validator::new()
        .parse(&document)
        .map_err(|err| errors::invalid(py, err))
}

/// Parses and validates a body, on the system clock or on `now`.
pub(crate) fn parse<B: Body + Send>(
    py: Python<'_>,
    document: &Document<'_>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<B> {
    let validator = document::validator(now)?;
    document
        .with(py, |document| validator.parse(document))
        .map_err(|err| errors::invalid(py, err))
}

/// `valid_until`: an aware `datetime` is written as 8x8's UTC timestamp; anything else
/// goes to the core as given.
fn timestamp(value: &Bound<'_, PyAny>) -> PyResult<Converted> {
    if value.is_instance_of::<PyDateTime>() {
        let time = document::aware_time(value, "valid_until")?;
        let text = format_timestamp(time).map_err(|err| PyValueError::new_err(err.to_string()))?;
        Ok(Ok(Json::String(Cow::Owned(text))))
    } else {
        tree::to_tree(value)
    }
}

fn action_list<'py>(py: Python<'py>, actions: &[voice::Action]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for action in actions {
        list.append(Action::from_core(py, action)?)?;
    }
    Ok(list)
}

/// Defines a body class: `$top` is its optional top-level field, converted from Python
/// by `$convert`; `$builder` names its chained builder in `callflow._builder`.
macro_rules! body_class {
    ($(#[$doc:meta])* $class:ident: $top:ident, $convert:path, $builder:literal) => {
        $(#[$doc])*
        #[pyclass(module = "callflow.voice", frozen, eq)]
        #[derive(PartialEq)]
        pub(crate) struct $class(voice::$class);

        #[pymethods]
        impl $class {
            #[new]
            #[pyo3(signature = (actions, *, $top = None))]
            fn new(actions: &Bound<'_, PyAny>, $top: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
                build(actions, $top.map($convert).transpose()?).map($class)
            }

            /// Starts a chained builder of this body: one method per action, each taking
            /// the keyword arguments of its action class; `build()` validates.
            #[staticmethod]
            #[pyo3(signature = (*, $top = None))]
            fn builder<'py>(
                py: Python<'py>,
                $top: Option<Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let options = PyDict::new(py);
                options.set_item(stringify!($top), $top)?;
                py.import("callflow._builder")?.getattr($builder)?.call((), Some(&options))
            }

            /// Parses and validates JSON text (`str`, `bytes` or `bytearray`), on the
            /// system clock or on `now` (a timezone-aware datetime).
            #[classmethod]
            #[pyo3(signature = (data, /, *, now = None))]
            fn from_json(
                _class: &Bound<'_, pyo3::types::PyType>,
                data: &Bound<'_, PyAny>,
                now: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Self> {
                parse(data.py(), &Document::json_text(data)?, now).map($class)
            }

            /// Parses and validates a dict in the wire format, on the system clock or on
            /// `now` (a timezone-aware datetime).
            #[classmethod]
            #[pyo3(signature = (data, /, *, now = None))]
            fn from_dict(
                _class: &Bound<'_, pyo3::types::PyType>,
                data: &Bound<'_, PyDict>,
                now: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Self> {
                parse(data.py(), &Document::Tree(tree::to_tree(data)?), now).map($class)
            }

            /// The actions, in order.
            #[getter]
            fn actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                action_list(py, &self.0.actions)
            }

            #[getter]
            fn $top(&self) -> Option<&str> {
                self.0.$top.as_deref()
            }

            /// The body as compact JSON text, in the wire format.
            fn to_json(&self) -> String {
                self.0.to_json()
            }

            /// The body as a dict, in the wire format (camelCase, only what was set).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                tree::serialized(py, &self.0)
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let actions = action_list(py, &self.0.actions)?;
                let mut repr = format!(concat!(stringify!($class), "({}"), actions.repr()?);
                if let Some(value) = &self.0.$top {
                    repr.push_str(concat!(", ", stringify!($top), "="));
                    repr.push_str(&tree::repr(py, value.as_str())?);
                }
                repr.push(')');
                Ok(repr)
            }
        }
    };
}

body_class!(
    /// The body of a Send Callflow request: `{"validUntil"?, "callflow": [...]}`.
    Callflow: valid_until, timestamp, "RequestBuilder"
);

body_class!(
    /// The reply to a Voice Call Action webhook: `{"clientActionId"?, "callflow": [...]}`.
    Reply: client_action_id, tree::to_tree, "ReplyBuilder"
);

impl Callflow {
    /// The core's request, for sending it.
    pub(crate) fn core(&self) -> &voice::Callflow {
        &self.0
    }
}

impl Reply {
    /// The core's reply, for answering a webhook with it.
    pub(crate) fn core(&self) -> &voice::Reply {
        &self.0
    }
}
