//! Conversion between Python objects and JSON trees: dicts, lists and scalars into the
//! core's [`Json`], and serialised core values back into Python objects.

use std::borrow::Cow;

use callflow_core::json::{Json, Number, TooDeep};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// A converted value: the tree, or `TooDeep` when the value (a cycle, say) nests deeper
/// than the core's limit. The core reports the latter as `-1001`, like deep JSON text.
pub(crate) type Converted = Result<Json<'static>, TooDeep>;

/// Converts a JSON-shaped Python value (dict, list, tuple, str, int, float, bool, None)
/// into a tree.
///
/// Raises `TypeError` for any other object and for a dict key that is not a `str`, and
/// `UnicodeEncodeError` for a string with lone surrogates (it has no UTF-8 form).
pub(crate) fn to_tree(value: &Bound<'_, PyAny>) -> PyResult<Converted> {
    to_tree_at(value, 0)
}

fn to_tree_at(value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Converted> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Ok(Json::String(Cow::Owned(text.to_str()?.to_owned()))));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let Ok(depth) = TooDeep::enter(depth) else {
            return Ok(Err(TooDeep));
        };
        let mut members = Vec::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let key = key.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "JSON object keys must be str, not {}",
                    type_name(&key)
                ))
            })?;
            let key = Cow::Owned(key.to_str()?.to_owned());
            match to_tree_at(&item, depth)? {
                Ok(item) => members.push((key, item)),
                Err(too_deep) => return Ok(Err(too_deep)),
            }
        }
        return Ok(Ok(Json::Object(members)));
    }
    if let Ok(list) = value.cast::<PyList>() {
        return array(list.iter(), list.len(), depth);
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        return array(tuple.iter(), tuple.len(), depth);
    }
    // `bool` is a subclass of `int`, so it is tested first.
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(Ok(Json::Bool(flag.is_true())));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(Ok(Json::Number(integer(value)?)));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        return Ok(Ok(Json::Number(Number::Float(float.value()))));
    }
    if value.is_none() {
        return Ok(Ok(Json::Null));
    }
    Err(PyTypeError::new_err(format!(
        "{} is not a JSON value: expected dict, list, tuple, str, int, float, bool or None",
        type_name(value)
    )))
}

fn array<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    len: usize,
    depth: usize,
) -> PyResult<Converted> {
    let Ok(depth) = TooDeep::enter(depth) else {
        return Ok(Err(TooDeep));
    };
    let mut converted = Vec::with_capacity(len);
    for item in items {
        match to_tree_at(&item, depth)? {
            Ok(item) => converted.push(item),
            Err(too_deep) => return Ok(Err(too_deep)),
        }
    }
    Ok(Ok(Json::Array(converted)))
}

/// An `int` as JSON text would carry it: a 64-bit integer when it fits, otherwise the
/// nearest float (as `serde_json` reads a literal too large for 64 bits).
fn integer(value: &Bound<'_, PyAny>) -> PyResult<Number> {
    if let Ok(n) = value.extract::<u64>() {
        Ok(Number::PosInt(n))
    } else if let Ok(n) = value.extract::<i64>() {
        Ok(Number::NegInt(n))
    } else {
        Ok(Number::Float(value.extract::<f64>()?))
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |name| name.to_string())
}

/// Converts a tree (such as a serialised core value, which keeps its field order) into
/// Python objects: dicts, lists, str, int, float, bool and None.
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Json<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Json::Null => py.None().into_bound(py),
        Json::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Json::Number(Number::PosInt(n)) => n.into_pyobject(py)?.into_any(),
        Json::Number(Number::NegInt(n)) => n.into_pyobject(py)?.into_any(),
        Json::Number(Number::Float(n)) => n.into_pyobject(py)?.into_any(),
        Json::String(text) => PyString::new(py, text).into_any(),
        Json::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Json::Object(members) => {
            let dict = PyDict::new(py);
            for (key, item) in members {
                dict.set_item(key.as_ref(), to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A core value (a body, a report) as Python objects, through its wire JSON so that
/// field order and number forms are exactly those of the wire format.
pub(crate) fn serialized<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|err| pyo3::exceptions::PyValueError::new_err(err.to_string()))?;
    let tree = Json::parse_str(&text)
        .map_err(|err| pyo3::exceptions::PyValueError::new_err(err.to_string()))?;
    to_python(py, &tree)
}

/// Python's `repr()` of a value, for the `__repr__` of callflow's classes.
pub(crate) fn repr<'py, T: pyo3::IntoPyObjectExt<'py>>(
    py: Python<'py>,
    value: T,
) -> PyResult<String> {
    Ok(value.into_bound_py_any(py)?.repr()?.to_str()?.to_owned())
}
