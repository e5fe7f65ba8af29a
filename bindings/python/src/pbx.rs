//! Yay.com call flows: `check`, the `CallFlow`, `Module` and `Target` classes, and
//! `render` for diagrams of either platform.

use callflow_core::diagram::{Diagram, Format};
use callflow_core::json::{Json, TooDeep};
use callflow_core::pbx;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::document::Document;
use crate::errors;
use crate::report::Report;
use crate::tree;

/// Checks a Yay.com call flow given as a dict, JSON `str` or JSON `bytes`, and returns
/// every issue; with `strict`, only the modules the Yay docs list are accepted.
#[pyfunction]
#[pyo3(signature = (doc, /, *, strict = false))]
pub(crate) fn pbx_check(doc: &Bound<'_, PyAny>, strict: bool) -> PyResult<Report> {
    let document = Document::any(doc)?;
    let options = pbx::Options::new().strict(strict);
    Ok(document
        .with(doc.py(), |document| options.check(document))
        .into())
}

/// Draws a Yay.com call flow, an 8x8 body or an 8x8 IVR (`{"menus": ...}`) as
/// `"mermaid"`, `"dot"` or `"svg"` text.
#[pyfunction]
#[pyo3(signature = (doc, /, *, format = "mermaid"))]
pub(crate) fn render(doc: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    let format: Format = format
        .parse()
        .map_err(|err: callflow_core::diagram::UnknownFormat| {
            PyValueError::new_err(err.to_string())
        })?;
    let document = Document::any(doc)?;
    document
        .with(doc.py(), |document| {
            Diagram::from_json(document).map(|diagram| diagram.render(format))
        })
        .map_err(|err| PyValueError::new_err(err.to_string()))
}

/// A Python value as a tree the model keeps.
fn value(value: &Bound<'_, PyAny>) -> PyResult<Json<'static>> {
    tree::to_tree(value)?.map_err(|err: TooDeep| PyValueError::new_err(err.to_string()))
}

/// A Yay.com call flow: `extension`, `name`, the caller-ID options, the read-only
/// `uuid`, `created_on` and `updated_on`, and its modules by key, in order.
#[pyclass(module = "callflow.pbx", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct CallFlow(pbx::CallFlow);

#[pymethods]
impl CallFlow {
    #[new]
    #[pyo3(signature = (extension, name, *, modules = None, show_call_route_name = None, show_original_caller_id = None))]
    fn new(
        extension: u64,
        name: &str,
        modules: Option<&Bound<'_, PyDict>>,
        show_call_route_name: Option<bool>,
        show_original_caller_id: Option<bool>,
    ) -> PyResult<Self> {
        let mut flow = pbx::CallFlow::new(extension, name);
        if let Some(show) = show_call_route_name {
            flow = flow.with_show_call_route_name(show);
        }
        if let Some(show) = show_original_caller_id {
            flow = flow.with_show_original_caller_id(show);
        }
        for (key, module) in modules.into_iter().flatten() {
            let module = module.cast::<Module>()?.get().0.clone();
            flow = flow.module(key.extract::<String>()?, module);
        }
        Ok(CallFlow(flow))
    }

    /// Reads JSON text (`str`, `bytes` or `bytearray`), keeping every member; raises
    /// `callflow.ValidationError` only when it is not shaped like a call flow.
    #[classmethod]
    #[pyo3(signature = (data, /))]
    fn from_json(_class: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::parse(data.py(), &Document::json_text(data)?)
    }

    /// Reads a dict, keeping every member; raises `callflow.ValidationError` only when it
    /// is not shaped like a call flow.
    #[classmethod]
    #[pyo3(signature = (data, /))]
    fn from_dict(_class: &Bound<'_, PyType>, data: &Bound<'_, PyDict>) -> PyResult<Self> {
        Self::parse(data.py(), &Document::Tree(tree::to_tree(data)?))
    }

    /// The extension number.
    #[getter]
    fn extension(&self) -> Option<u64> {
        self.0.extension()
    }

    /// The call flow's name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.0.name()
    }

    /// Whether the name is shown in the forwarded caller ID, when set.
    #[getter]
    fn show_call_route_name(&self) -> Option<bool> {
        self.0.show_call_route_name()
    }

    /// Whether the forwarded caller ID is the original caller's, when set.
    #[getter]
    fn show_original_caller_id(&self) -> Option<bool> {
        self.0.show_original_caller_id()
    }

    /// The uuid the API gave the call flow (read-only).
    #[getter]
    fn uuid(&self) -> Option<&str> {
        self.0.uuid()
    }

    /// When the call flow was created (read-only).
    #[getter]
    fn created_on(&self) -> Option<&str> {
        self.0.created_on()
    }

    /// When the call flow was last updated (read-only).
    #[getter]
    fn updated_on(&self) -> Option<&str> {
        self.0.updated_on()
    }

    /// The modules by key, in order.
    #[getter]
    fn modules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let modules = PyDict::new(py);
        for (key, module) in self.0.flow().iter() {
            modules.set_item(key, Module(module.clone()))?;
        }
        Ok(modules)
    }

    /// A copy with the module at `key` added or replaced.
    fn with_module(&self, key: String, module: &Module) -> Self {
        CallFlow(self.0.clone().module(key, module.0.clone()))
    }

    /// Every issue in the call flow.
    #[pyo3(signature = (*, strict = false))]
    fn check(&self, strict: bool) -> Report {
        self.0.check_with(pbx::Options::new().strict(strict)).into()
    }

    /// The call flow as compact JSON text, members in order.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The call flow as a dict, members in order.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tree::serialized(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "CallFlow(extension={}, name={}, modules=<{} module(s)>)",
            tree::repr(py, self.0.extension())?,
            tree::repr(py, self.0.name())?,
            self.0.flow().len()
        ))
    }
}

impl CallFlow {
    /// The core's call flow.
    pub(crate) fn inner(&self) -> &pbx::CallFlow {
        &self.0
    }

    fn parse(py: Python<'_>, document: &Document<'_>) -> PyResult<Self> {
        document
            .with(py, pbx::CallFlow::from_json)
            .map(CallFlow)
            .map_err(|err| errors::invalid(py, err))
    }
}

/// One module of a call flow: its `module` name as written and all its members.
#[pyclass(module = "callflow.pbx", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct Module(pbx::Module);

#[pymethods]
impl Module {
    /// A module called `name` (any letter case, documented or not), with `fields` as
    /// its members.
    #[new]
    #[pyo3(signature = (name, /, **fields))]
    fn new(name: &str, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut module = pbx::Module::named(name);
        for (field, item) in fields.into_iter().flatten() {
            module = module.set(&field.extract::<String>()?, value(&item)?);
        }
        Ok(Module(module))
    }

    /// `start`, leading to `next`.
    #[staticmethod]
    fn start(next: String) -> Self {
        Module(pbx::Module::start(next))
    }

    /// `play` of the sound `sound`.
    #[staticmethod]
    fn play(sound: String) -> Self {
        Module(pbx::Module::play(sound))
    }

    /// `musiconhold` with the playlist `playlist` (the `class` member).
    #[staticmethod]
    fn music_on_hold(playlist: String) -> Self {
        Module(pbx::Module::music_on_hold(playlist))
    }

    /// `calleridmatch` with its regular expressions.
    #[staticmethod]
    fn caller_id_match(patterns: Vec<String>) -> Self {
        Module(pbx::Module::caller_id_match(patterns))
    }

    /// `extension`, ringing `targets` at once.
    #[staticmethod]
    fn extension(targets: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut all = Vec::new();
        for target in targets.try_iter()? {
            all.push(target?.cast::<Target>()?.get().0.clone());
        }
        Ok(Module(pbx::Module::extension(all)))
    }

    /// `pressextension`, an IVR menu; add its keys with `with_branch`.
    #[staticmethod]
    fn press_extension() -> Self {
        Module(pbx::Module::press_extension())
    }

    /// `voicemail` to the mailboxes listed (the engine uses the first).
    #[staticmethod]
    fn voicemail(mailboxes: Vec<String>) -> Self {
        Module(pbx::Module::voicemail(mailboxes))
    }

    /// `trunk` to the trunk `uuid`.
    #[staticmethod]
    fn trunk(uuid: String) -> Self {
        Module(pbx::Module::trunk(uuid))
    }

    /// The `module` name, as written.
    #[getter]
    fn name(&self) -> &str {
        self.0.name()
    }

    /// The documented kind in lower case (`"trunk"` for `Trunk`), or None.
    #[getter]
    fn kind(&self) -> Option<&'static str> {
        self.0.kind().map(pbx::ModuleKind::as_str)
    }

    /// The member `field`, or None.
    fn get<'py>(&self, py: Python<'py>, field: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.0.get(field) {
            Some(member) => tree::to_python(py, member),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// A copy with the member `field` set to `value`.
    fn with_field(&self, field: &str, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Module(self.0.clone().set(field, self::value(value)?)))
    }

    /// A copy whose `next` is the key `key`.
    fn with_next(&self, key: String) -> Self {
        Module(self.0.clone().next(key))
    }

    /// A copy with the branch `branch` (a key pressed, `invalid`, `timeout`) of its
    /// `next` map leading to `key`.
    fn with_branch(&self, branch: String, key: String) -> Self {
        Module(self.0.clone().branch(branch, key))
    }

    /// A copy with the outcome `outcome` (`match`, `nomatch`, `noanswer`, ...) leading to
    /// `key`.
    fn with_outcome(&self, outcome: &str, key: String) -> Self {
        Module(self.0.clone().on(outcome, key))
    }

    /// The module as a dict, members in order.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tree::serialized(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Module({})",
            tree::serialized(py, &self.0)?.repr()?
        ))
    }
}

/// What an `extension` module rings: a SIP user, a hunt group or a forward number.
#[pyclass(module = "callflow.pbx", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct Target(pbx::Target);

#[pymethods]
impl Target {
    /// A SIP user, by uuid.
    #[staticmethod]
    fn sip_user(uuid: String) -> Self {
        Target(pbx::Target::SipUser(uuid))
    }

    /// A hunt group, by uuid.
    #[staticmethod]
    fn hunt_group(uuid: String) -> Self {
        Target(pbx::Target::HuntGroup(uuid))
    }

    /// An external number, in E.164.
    #[staticmethod]
    fn forward(number: String) -> Self {
        Target(pbx::Target::Forward(number))
    }

    fn __repr__(&self) -> String {
        format!("Target.{:?}", self.0)
    }
}
