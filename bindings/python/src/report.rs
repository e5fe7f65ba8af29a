//! `Report` and `Issue`: the core's validation results as Python objects.

use callflow_core::diagnostics;
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::tree;

/// The methods of a class wrapping a core value (an issue, a report), with `$methods`:
/// `to_dict()` (documented by `$to_dict_doc`), `str()` through the core's `Display`, and
/// pickling through the value's JSON.
macro_rules! core_value_class {
    ($class:ident, $to_dict_doc:literal { $($methods:tt)* }) => {
        #[pymethods]
        impl $class {
            $($methods)*

            #[doc = $to_dict_doc]
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                tree::serialized(py, &self.0)
            }

            fn __str__(&self) -> String {
                self.0.to_string()
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Pickled<'py>> {
                let value = &slf.get().0;
                let text = serde_json::to_string(value)
                    .map_err(|err| PyValueError::new_err(err.to_string()))?;
                Ok((slf.get_type().getattr("_from_json")?, (text, value.valid_status())))
            }

            /// Rebuilds the value from its JSON and the status its JSON does not say
            /// (how `pickle` restores one).
            #[staticmethod]
            #[pyo3(signature = (text, valid_status=None))]
            fn _from_json(text: &str, valid_status: Option<i32>) -> PyResult<Self> {
                serde_json::from_str(text)
                    .map(|value| $class(Restore::restore(value, valid_status)))
                    .map_err(|err| PyValueError::new_err(err.to_string()))
            }
        }
    };
}

/// One problem found in a document.
#[pyclass(module = "callflow", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Issue(diagnostics::Issue);

core_value_class!(Issue, "The issue as a dict: `{\"code\", \"path\", \"message\", \"severity\", \"hint\"}`." {
    /// The stable code: for 8x8 Voice, the status code the platform would answer (an
    /// int); for a Yay.com call flow, a kebab-case name such as `"missing-start"`.
    #[getter]
    fn code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        code(py, self.0.code)
    }

    /// Where the issue is, e.g. `$.callflow[1].params.text`.
    #[getter]
    fn path(&self) -> &str {
        &self.0.path
    }

    /// The platform's wording, then the detail.
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    /// `"error"` (the document is invalid) or `"warning"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity.as_str()
    }

    /// A suggestion for fixing the issue, or None.
    #[getter]
    fn hint(&self) -> Option<&str> {
        self.0.hint.as_deref()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Issue(code={}, path={}, severity={}, message={}, hint={})",
            code(py, self.0.code)?.repr()?,
            tree::repr(py, &self.0.path)?,
            tree::repr(py, self.0.severity.as_str())?,
            tree::repr(py, &self.0.message)?,
            tree::repr(py, self.0.hint.as_deref())?,
        ))
    }
});

/// Every issue found in one document.
#[pyclass(module = "callflow", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Report(diagnostics::Report);

impl From<diagnostics::Report> for Report {
    fn from(report: diagnostics::Report) -> Self {
        Report(report)
    }
}

core_value_class!(Report, "The report as a dict: `{\"ok\", \"statusCode\", \"issues\"}`, plus `\"omitted\"` when issues were left out (the shape of the CLI's JSON output)." {
    /// True when there is no error (warnings allowed).
    #[getter]
    fn ok(&self) -> bool {
        self.0.is_valid()
    }

    /// What the platform answers: for 8x8 Voice, the status code (an int, 1 when
    /// valid); for a Yay.com call flow or an IVR map, the first error's code, or None
    /// when valid.
    #[getter]
    fn status_code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        status(py, &self.0)
    }

    /// Every issue, errors and warnings, in report order.
    #[getter]
    fn issues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        issue_list(py, self.0.issues().iter())
    }

    /// The issues that make the document invalid.
    #[getter]
    fn errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        issue_list(py, self.0.errors())
    }

    /// The issues that do not make the document invalid.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        issue_list(py, self.0.warnings())
    }

    /// How many issues were found beyond those listed (at most 1000 errors and 1000
    /// warnings of each phase are listed).
    #[getter]
    fn omitted(&self) -> usize {
        self.0.omitted()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Report(ok={}, status_code={}, issues=<{} issue(s)>)",
            if self.0.is_valid() { "True" } else { "False" },
            status(py, &self.0)?.repr()?,
            self.0.issues().len()
        ))
    }
});

/// A code as Python has it: the voice status number, or the PBX or IVR code name.
fn code(py: Python<'_>, code: diagnostics::Code) -> PyResult<Bound<'_, PyAny>> {
    match (code.as_i32(), code.as_name()) {
        (Some(number), _) => number.into_bound_py_any(py),
        (None, Some(name)) => name.into_bound_py_any(py),
        (None, None) => Ok(py.None().into_bound(py)),
    }
}

/// A report's status as Python has it: its code, or None when the platform answers none.
fn status<'py>(py: Python<'py>, report: &diagnostics::Report) -> PyResult<Bound<'py, PyAny>> {
    match report.status() {
        Some(status) => code(py, status),
        None => Ok(py.None().into_bound(py)),
    }
}

/// What `__reduce__` gives `pickle`: the class's `_from_json`, the value's JSON and the
/// status a valid report answers.
type Pickled<'py> = (Bound<'py, PyAny>, (String, Option<i32>));

/// What a pickled value needs beside its JSON: a valid report's status, which the JSON
/// does not say (a valid voice report answers `1`, a valid Yay.com one nothing).
trait Restore {
    /// The status the value answers when valid, if any.
    fn valid_status(&self) -> Option<i32>;
    /// The value read from JSON, answering `valid_status` when valid.
    fn restore(self, valid_status: Option<i32>) -> Self;
}

impl Restore for diagnostics::Issue {
    fn valid_status(&self) -> Option<i32> {
        None
    }

    fn restore(self, _: Option<i32>) -> Self {
        self
    }
}

impl Restore for diagnostics::Report {
    fn valid_status(&self) -> Option<i32> {
        self.is_valid().then(|| self.status_code()).flatten()
    }

    fn restore(self, valid_status: Option<i32>) -> Self {
        self.answering(valid_status.map(diagnostics::Code::number))
    }
}

fn issue_list<'a, 'py>(
    py: Python<'py>,
    issues: impl Iterator<Item = &'a diagnostics::Issue>,
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, issues.map(|issue| Issue(issue.clone())))
}
