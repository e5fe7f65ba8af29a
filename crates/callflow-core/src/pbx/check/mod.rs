//! The checks of a Yay.com call flow: the document's structure, each module's fields,
//! then the graph. Every check is linear in the size of the flow.

mod edges;
mod fields;
mod graph;
pub(super) mod values;

use std::fmt::Display;

use super::code::PbxCode;
use super::graph::Graph;
use super::modules::{CALL_FLOW_FIELDS, Value};
use crate::diagnostics::{Collector, Issue, Phase, Report};
use crate::json::Json;
use crate::path::Path;
use crate::suggest::did_you_mean;
use crate::voice::Input;

/// How strictly to check.
///
/// ```
/// use callflow_core::pbx::Options;
/// let flow = r#"{"extension": 501, "name": "Queue", "flow": {
///     "s": {"module": "start", "next": "q"},
///     "q": {"module": "callqueue", "groups": []}}}"#;
/// assert!(Options::new().check(flow).is_valid());
/// let strict = Options::new().strict(true).check(flow);
/// assert_eq!(strict.issues()[0].code.to_string(), "unknown-module");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    strict: bool,
}

impl Options {
    /// The default options: modules the engine runs but the docs do not list (such as
    /// `callqueue`) are accepted.
    pub fn new() -> Self {
        Options::default()
    }

    /// With `strict`, only the modules the public docs list are accepted.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Every issue in the call flow `input`.
    pub fn check<I: Input + ?Sized>(self, input: &I) -> Report {
        let mut ck = Checker {
            options: self,
            ..Checker::default()
        };
        match input.to_tree() {
            Ok(tree) => call_flow(&mut ck, &tree),
            Err(err) => ck.report(PbxCode::InvalidStructure, &Path::ROOT, err, None),
        }
        ck.finish()
    }
}

/// Every issue in the call flow `input`, with the default [`Options`].
///
/// ```
/// use callflow_core::pbx::check;
/// let report = check(r#"{"extension": 501, "name": "Broken", "flow": {
///     "s": {"module": "start", "next": "menu"}}}"#);
/// let issue = &report.issues()[0];
/// assert_eq!(issue.code.to_string(), "dangling-reference");
/// assert_eq!(issue.path, r#"$.flow.s.next"#);
/// ```
pub fn check<I: Input + ?Sized>(input: &I) -> Report {
    Options::new().check(input)
}

/// Collects issues as the checks find them, in the order found.
#[derive(Debug, Default)]
pub(super) struct Checker {
    options: Options,
    issues: Collector,
}

impl Checker {
    /// Reports an issue with `code` at `path`.
    fn report(
        &mut self,
        code: PbxCode,
        path: &Path<'_>,
        detail: impl Display,
        hint: Option<String>,
    ) {
        self.report_with(code, path, detail, || hint);
    }

    /// Reports an issue whose hint is only worked out when it is listed.
    fn report_with(
        &mut self,
        code: PbxCode,
        path: &Path<'_>,
        detail: impl Display,
        hint: impl FnOnce() -> Option<String>,
    ) {
        let severity = code.severity();
        self.issues.push(Phase::Shape, severity, || {
            Issue::new(code.into(), severity, path, code.message(), detail, hint())
        });
    }

    /// Reports a member of the wrong JSON type.
    fn wrong_type(&mut self, path: &Path<'_>, expected: &str, found: &Json<'_>) {
        let detail = format!("expected {expected}, found {}", found.kind());
        self.report(PbxCode::InvalidStructure, path, detail, None);
    }

    /// Reports a required member that is missing.
    fn missing(&mut self, path: &Path<'_>) {
        self.report(
            PbxCode::MissingField,
            path,
            "is missing but it is required",
            None,
        );
    }

    fn finish(self) -> Report {
        self.issues.finish()
    }
}

/// The whole document: its members, then each module, then the graph.
fn call_flow(ck: &mut Checker, tree: &Json<'_>) {
    let Json::Object(members) = tree else {
        let detail = format!("expected a call flow object, found {}", tree.kind());
        return ck.report(PbxCode::InvalidStructure, &Path::ROOT, detail, None);
    };
    let accepted = CALL_FLOW_FIELDS.map(|field| field.name);
    for (key, _) in members {
        if !accepted.contains(&key.as_ref()) {
            let path = Path::ROOT.key(key);
            let detail = format!(
                "is not a field of a call flow (accepted: {})",
                accepted.join(", ")
            );
            ck.report_with(PbxCode::InvalidStructure, &path, detail, || {
                did_you_mean(key, &accepted)
            });
        }
    }
    // `flow` is checked last, module by module.
    for field in CALL_FLOW_FIELDS
        .iter()
        .filter(|f| f.value != Value::Modules)
    {
        values::member(ck, tree, field, &Path::ROOT);
    }
    let path = Path::ROOT.key("flow");
    match tree.get("flow") {
        Some(Json::Object(modules)) => {
            let graph = Graph::new(modules);
            for index in 0..graph.nodes.len() {
                fields::module(ck, &graph, index, &path);
            }
            graph::check(ck, &graph, &path);
        }
        Some(other) => ck.wrong_type(&path, "an object of modules", other),
        None => ck.report(
            PbxCode::InvalidStructure,
            &path,
            "is missing but it is required",
            None,
        ),
    }
}
