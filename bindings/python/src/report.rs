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
                let text = serde_json::to_string(&slf.get().0)
                    .map_err(|err| PyValueError::new_err(err.to_string()))?;
                Ok((slf.get_type().getattr("_from_json")?, (text,)))
            }

            /// Rebuilds the value from its JSON (how `pickle` restores one).
            #[staticmethod]
            fn _from_json(text: &str) -> PyResult<Self> {
                serde_json::from_str(text)
                    .map($class)
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

    /// The first error's code, or 1 when there is none: for 8x8 Voice, the status code
    /// the platform would answer.
    #[getter]
    fn status_code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        code(py, self.0.status())
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
            code(py, self.0.status())?.repr()?,
            self.0.issues().len()
        ))
    }
});

/// A code as Python has it: the voice status number, or the PBX code name.
fn code(py: Python<'_>, code: diagnostics::Code) -> PyResult<Bound<'_, PyAny>> {
    match (code.as_i32(), code.as_name()) {
        (Some(number), _) => number.into_bound_py_any(py),
        (None, Some(name)) => name.into_bound_py_any(py),
        (None, None) => Ok(py.None().into_bound(py)),
    }
}

/// What `__reduce__` gives `pickle`: the class's `_from_json` and the value's JSON.
type Pickled<'py> = (Bound<'py, PyAny>, (String,));

fn issue_list<'a, 'py>(
    py: Python<'py>,
    issues: impl Iterator<Item = &'a diagnostics::Issue>,
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, issues.map(|issue| Issue(issue.clone())))
}
