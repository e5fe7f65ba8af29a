//! The five actions as Python classes taking snake_case keyword arguments.
//!
//! An action keeps the Python values it was given; the core checks them when the action
//! joins a `Callflow` or `Reply`, so every problem is reported with its path in the flow.

use std::borrow::Cow;

use callflow_core::json::{Json, TooDeep};
use callflow_core::voice::{self, ActionKind};
use pyo3::exceptions::PySystemError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyo3::{IntoPyObjectExt, PyClassInitializer};

use crate::tree::{self, Converted};

/// One step of a callflow: `MakeCall`, `Say`, `PlayFile`, `SayAndCapture` or `Hangup`.
#[pyclass(module = "callflow.voice", subclass, frozen)]
pub(crate) struct Action {
    kind: ActionKind,
    /// The parameters that were set: wire name and Python value, in documentation order.
    params: Vec<(&'static str, Py<PyAny>)>,
}

impl Action {
    /// The action `kind` with the given keyword arguments by wire name (`None` means not
    /// set).
    fn new<const N: usize>(
        kind: ActionKind,
        arguments: [(&'static str, Option<Py<PyAny>>); N],
    ) -> Self {
        let params = arguments
            .into_iter()
            .filter_map(|(wire, value)| Some((wire, value?)))
            .collect();
        Action { kind, params }
    }

    fn param(&self, py: Python<'_>, wire: &str) -> Py<PyAny> {
        self.params
            .iter()
            .find(|(name, _)| *name == wire)
            .map_or_else(|| py.None(), |(_, value)| value.clone_ref(py))
    }

    /// The action in the wire shape, `{"action": ..., "params": {...}}`, for the core.
    pub(crate) fn to_tree(&self, py: Python<'_>) -> PyResult<Converted> {
        if self.kind == ActionKind::Hangup {
            return Ok(Ok(self.kind.to_tree(None)));
        }
        let mut params = Vec::with_capacity(self.params.len());
        for (wire, value) in &self.params {
            match tree::to_tree(value.bind(py))? {
                Ok(value) => params.push((Cow::Borrowed(*wire), value)),
                Err(TooDeep) => return Ok(Err(TooDeep)),
            }
        }
        Ok(Ok(self.kind.to_tree(Some(Json::Object(params)))))
    }

    /// A Python action equal to a core one.
    pub(crate) fn from_core<'py>(
        py: Python<'py>,
        action: &voice::Action,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kind = action.kind();
        let mut params = Vec::with_capacity(kind.params().len());
        if let Ok(dict) = tree::serialized(py, action)?
            .get_item("params")
            .and_then(|params| params.cast_into::<PyDict>().map_err(PyErr::from))
        {
            for (key, value) in dict.iter() {
                let key = key.cast::<PyString>()?.to_str()?.to_owned();
                let wire = kind
                    .params()
                    .iter()
                    .find(|wire| **wire == key)
                    .ok_or_else(|| out_of_sync(kind, &key))?;
                params.push((*wire, value.unbind()));
            }
        }
        with_subclass(py, kind, PyClassInitializer::from(Action { kind, params }))
    }
}

#[pymethods]
impl Action {
    /// The action's wire name, e.g. `"sayAndCapture"`.
    #[getter]
    fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The action in the wire format: `{"action": "say", "params": {"text": ...}}`, with
    /// camelCase names and only the parameters that were set.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("action", self.kind.name())?;
        if self.kind != ActionKind::Hangup {
            let params = PyDict::new(py);
            for (wire, value) in &self.params {
                params.set_item(*wire, value)?;
            }
            dict.set_item("params", params)?;
        }
        Ok(dict)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let mut repr = format!("{}(", slf.get_type().name()?);
        for (i, (wire, value)) in slf.get().params.iter().enumerate() {
            if i > 0 {
                repr.push_str(", ");
            }
            repr.push_str(python_name(slf.get().kind, wire));
            repr.push('=');
            repr.push_str(value.bind(slf.py()).repr()?.to_str()?);
        }
        repr.push(')');
        Ok(repr)
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<Action>() else {
            return Ok(py.NotImplemented());
        };
        let other = other.get();
        let mut equal = self.kind == other.kind && self.params.len() == other.params.len();
        for ((name, value), (other_name, other_value)) in self.params.iter().zip(&other.params) {
            if !equal {
                break;
            }
            equal = name == other_name && value.bind(py).eq(other_value)?;
        }
        equal.into_py_any(py)
    }
}

fn out_of_sync(kind: ActionKind, name: &str) -> PyErr {
    PySystemError::new_err(format!(
        "callflow's Python binding does not know the parameter {name:?} of {}",
        kind.name()
    ))
}

/// Defines every action class from the generated list (one entry per action of the core's
/// catalogue, each parameter with its Python and wire names): its keyword-only constructor
/// (`name` is required, `name = None` optional; passing None means "not set") and a
/// property per parameter; `with_subclass`, which gives an action the Python class of its
/// kind; and `python_name`, which names a parameter as Python does.
macro_rules! action_classes {
    ($(
        $(#[$doc:meta])*
        $class:ident {
            $($(#[$param_doc:meta])* $name:ident $wire:literal $(= $default:ident)?),* $(,)?
        }
    )*) => {
        $(
            $(#[$doc])*
            #[pyclass(module = "callflow.voice", extends = Action, frozen)]
            pub(crate) struct $class;

            #[pymethods]
            impl $class {
                #[new]
                #[pyo3(signature = (*, $($name $(= $default)?),*))]
                // One argument per parameter is the Python signature the class documents.
                #[allow(clippy::too_many_arguments)]
                fn new($($name: Option<Py<PyAny>>),*) -> PyResult<PyClassInitializer<Self>> {
                    let action = Action::new(ActionKind::$class, [$(($wire, $name)),*]);
                    Ok(PyClassInitializer::from(action).add_subclass($class))
                }

                $(
                    $(#[$param_doc])*
                    #[getter]
                    fn $name(slf: &Bound<'_, Self>) -> Py<PyAny> {
                        slf.as_super().get().param(slf.py(), $wire)
                    }
                )*
            }
        )*

        /// `base`, an action of `kind`, as an instance of the class of its kind.
        fn with_subclass(
            py: Python<'_>,
            kind: ActionKind,
            base: PyClassInitializer<Action>,
        ) -> PyResult<Bound<'_, PyAny>> {
            match kind {
                $(ActionKind::$class => Bound::new(py, base.add_subclass($class))?.into_bound_py_any(py),)*
            }
        }

        /// The Python name of the parameter `wire` of `kind` (`noOfTries` → `no_of_tries`).
        fn python_name(kind: ActionKind, wire: &str) -> &'static str {
            let names: &[(&str, &'static str)] = match kind {
                $(ActionKind::$class => &[$(($wire, stringify!($name))),*],)*
            };
            names.iter().find(|(name, _)| *name == wire).map_or("", |(_, python)| python)
        }
    };
}

include!("generated/actions.rs");
