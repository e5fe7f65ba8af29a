//! What an exploration found: the menus and what each input did, coverage, findings
//! with the shortest path that reproduces each, and the IVR map.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use super::{Explorer, analysis};
use crate::diagnostics::Severity;

/// The result of exploring a backend's IVR.
///
/// Its JSON form (`to_json`) is documented in `docs/EMULATOR.md`: `calls`, `start`,
/// `menus`, `coverage`, `findings`, `budgetHit` and `map`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Exploration {
    /// `true` when no finding is an error.
    pub ok: bool,
    /// How many calls were run.
    pub calls: u32,
    /// Where the first call went: `menu:<id>`, or how it ended.
    pub start: String,
    /// Every menu found, in the order found.
    pub menus: Vec<Menu>,
    /// How much was tried and reached.
    pub coverage: Coverage,
    /// Everything that went wrong or looks wrong, shortest path first.
    pub findings: Vec<ExploreFinding>,
    /// `maxCalls` or `maxDepth` when a budget stopped the search; `None` when it ended.
    pub budget_hit: Option<&'static str>,
    /// What was found as an IVR map (`{"start"?, "menus"}`), the answer most inputs of
    /// a menu share written once as `"*"`.
    pub map: Value,
    #[serde(skip)]
    call: serde_json::Map<String, Value>,
    #[serde(skip)]
    options: Value,
}

/// A menu: a capture, identified by its `clientActionId` and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Menu {
    /// Its `clientActionId`, or `menu-N` when it has none or shares it with another.
    pub id: String,
    /// The `clientActionId` the capture's call action carries.
    pub client_action_id: Option<String>,
    /// The capture's `promptMessage`.
    pub prompt: String,
    /// The shortest input path that reaches it.
    pub path: Vec<String>,
    /// What each input tried did, in the order tried: `menu:<id>`, `hangup`, `bridge`,
    /// `caller-hangup` or `error:<code>`.
    #[serde(serialize_with = "in_order")]
    pub inputs: Vec<(String, String)>,
    /// Whether every input was tried (`false` past the depth or call budget).
    pub explored: bool,
}

impl Menu {
    /// What `input` did here, if it was tried.
    pub fn outcome(&self, input: &str) -> Option<&str> {
        self.inputs
            .iter()
            .find(|(tried, _)| tried == input)
            .map(|(_, outcome)| outcome.as_str())
    }
}

/// How much of the IVR the exploration tried and reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Coverage {
    /// Menus found.
    pub menus: usize,
    /// Menus whose every input was tried.
    pub menus_explored: usize,
    /// Inputs tried, over all menus.
    pub inputs_tried: usize,
    /// How many inputs led to each kind of outcome: `menu`, `hangup`, `bridge`,
    /// `caller-hangup`, `error`.
    pub outcomes: BTreeMap<String, usize>,
    /// Calls run, and the most allowed.
    pub calls: u32,
    /// The call budget.
    pub max_calls: u32,
    /// The longest input path to a menu found.
    pub depth: usize,
    /// The depth budget.
    pub max_depth: u32,
}

/// Something wrong found on some path, with the shortest input path that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExploreFinding {
    /// A stable kebab-case code: the emulator's (`http-error`, `invalid-reply`, ...) or
    /// the explorer's (`unhandled-input`, `caller-trap`, `dead-end`,
    /// `dialect-dependent`).
    pub code: &'static str,
    /// `error` fails the run; `warning` does not.
    pub severity: Severity,
    /// What happened, in words.
    pub message: String,
    /// The inputs, one per capture, that lead to it (`"1"`, `"silence"`, `"hangup"`).
    pub path: Vec<String>,
    /// For `unhandled-input`, the emulator's finding behind it.
    pub cause: Option<&'static str>,
    #[serde(skip)]
    pub(super) script: Vec<Value>,
}

impl Exploration {
    /// The exploration as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The findings that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &ExploreFinding> {
        self.findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
    }

    /// One scenario file per finding (`callflow emulate --scenario` replays it), named
    /// `NN-code.json`: the call, the path's script, the options, and the expectation
    /// that the call has no error, which holds once the finding is fixed.
    pub fn scenarios(&self) -> Vec<(String, Value)> {
        self.findings
            .iter()
            .enumerate()
            .map(|(index, finding)| {
                let mut scenario = serde_json::Map::new();
                let name = format!("{}: {}", finding.code, path_text(&finding.path));
                scenario.insert("name".to_owned(), Value::String(name));
                scenario.extend(self.call.clone());
                scenario.insert("script".to_owned(), Value::Array(finding.script.clone()));
                scenario.insert("options".to_owned(), self.options.clone());
                scenario.insert("expect".to_owned(), json!({"ok": true}));
                let file = format!("{:02}-{}.json", index + 1, finding.code);
                (file, Value::Object(scenario))
            })
            .collect()
    }

    /// The exploration for people: coverage, each menu with its inputs grouped by
    /// outcome, then the findings.
    pub fn to_text(&self) -> String {
        let coverage = &self.coverage;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "explored {} call(s): {} menu(s) ({} fully), {} input(s) tried, deepest path {}",
            self.calls,
            coverage.menus,
            coverage.menus_explored,
            coverage.inputs_tried,
            coverage.depth
        );
        let _ = writeln!(out, "start -> {}", self.start);
        for menu in &self.menus {
            let _ = writeln!(
                out,
                "menu {} (path: {}) {:?}",
                menu.id,
                path_text(&menu.path),
                menu.prompt
            );
            for (outcome, inputs) in grouped_by_outcome(&menu.inputs) {
                let _ = writeln!(out, "  {} -> {outcome}", inputs.join(" "));
            }
        }
        let outcomes: Vec<String> = coverage
            .outcomes
            .iter()
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect();
        let _ = writeln!(out, "outcomes: {}", outcomes.join(", "));
        if let Some(budget) = self.budget_hit {
            let _ = writeln!(
                out,
                "budget hit: {budget} ({} calls, depth {} allowed); the search is incomplete",
                coverage.max_calls, coverage.max_depth
            );
        }
        if self.findings.is_empty() {
            out.push_str("no findings\n");
        }
        for finding in &self.findings {
            let _ = writeln!(
                out,
                "{}[{}] path {}: {}",
                finding.severity,
                finding.code,
                path_text(&finding.path),
                finding.message
            );
        }
        out
    }
}

/// The result of an explorer's calls so far.
pub(super) fn build(explorer: &Explorer) -> Exploration {
    let mut findings = explorer.findings.clone();
    for state in analysis::traps(explorer) {
        let menu = &explorer.states[state];
        let message = format!(
            "no input at menu {} ends or bridges the call; only the caller's hang-up does",
            menu.id
        );
        let (path, script) = explorer.path_of(menu.path.last());
        findings.push(ExploreFinding {
            code: "caller-trap",
            severity: Severity::Error,
            message,
            path,
            cause: None,
            script,
        });
    }
    findings.sort_by_key(|finding| finding.path.len());
    let menus: Vec<Menu> = explorer
        .states
        .iter()
        .map(|state| Menu {
            id: state.id.clone(),
            client_action_id: state.visit.client_action_id.clone(),
            prompt: state.visit.prompt.clone(),
            path: state.path.iter().map(|(_, probe)| probe.label()).collect(),
            inputs: state
                .edges
                .iter()
                .map(|edge| (edge.probe.label(), explorer.label(&edge.outcome)))
                .collect(),
            explored: state.tried.is_some_and(|tried| state.edges.len() >= tried),
        })
        .collect();
    let mut outcomes = BTreeMap::new();
    for menu in &menus {
        for (_, outcome) in &menu.inputs {
            let kind = outcome.split(':').next().unwrap_or_default().to_owned();
            *outcomes.entry(kind).or_insert(0) += 1;
        }
    }
    let coverage = Coverage {
        menus: menus.len(),
        menus_explored: menus.iter().filter(|menu| menu.explored).count(),
        inputs_tried: menus.iter().map(|menu| menu.inputs.len()).sum(),
        outcomes,
        calls: explorer.calls,
        max_calls: explorer.settings.max_calls,
        depth: menus.iter().map(|menu| menu.path.len()).max().unwrap_or(0),
        max_depth: explorer.settings.max_depth,
    };
    let options = serde_json::to_value(&explorer.options).unwrap_or_default();
    Exploration {
        ok: findings
            .iter()
            .all(|finding| finding.severity != Severity::Error),
        calls: explorer.calls,
        start: explorer
            .start_outcome
            .as_ref()
            .map_or_else(|| "not run".to_owned(), |outcome| explorer.label(outcome)),
        menus,
        coverage,
        findings,
        budget_hit: explorer.budget_hit,
        map: explorer.map.to_value(),
        call: explorer.start.to_scenario_members(),
        options,
    }
}

/// Inputs that led to the same outcome, in the order first tried.
fn grouped_by_outcome(inputs: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (input, outcome) in inputs {
        match groups.iter_mut().find(|(seen, _)| seen == outcome) {
            Some((_, group)) => group.push(input),
            None => groups.push((outcome, vec![input])),
        }
    }
    groups
}

/// `start` for the empty path, else the inputs joined by ` > `.
fn path_text(path: &[String]) -> String {
    if path.is_empty() {
        "start".to_owned()
    } else {
        path.join(" > ")
    }
}

/// Writes input/outcome pairs as a JSON object in the order tried.
fn in_order<S: Serializer>(pairs: &[(String, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(input, outcome)| (input, outcome)))
}
