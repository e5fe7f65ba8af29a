//! Every path through a call flow: each class of input at each decision (each menu key,
//! an invalid key, silence; each ring outcome; a caller ID that matches, one that does
//! not, a withheld one; open and closed hours; the right PIN and none), breadth first,
//! each path replayed as a fresh call. A (module, input) state is explored once: a path
//! that comes back to one stops there (`repeat`), except a loop a silent caller with
//! nobody answering cannot leave, which is followed to the 1000-step cap.

use std::collections::{HashSet, VecDeque};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::call::{Call, Caller, Extension, ExtensionKind, Outcome, Ring};
use super::coverage::Coverage;
use super::findings::{self, See, with_see};
use super::options::Options;
use super::ringing::settle;
use super::transcript::{Ended, Transcript, findings_text};
use super::walk::{Choice, Chooser, Decision, Flow, Prompt, Walk, edge_path, module_path};
use crate::diagnostics::{Report, Severity};
use crate::json::Json;
use crate::pbx::CallFlow;
use crate::voice::emulator::CallerStep;

/// The placeholder user the explorer dials when the call lists no user or hunt group.
const PLACEHOLDER_USER: &str = "1001";

/// Every path explored, what they covered, and what looks wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Exploration {
    /// `true` when no finding is an error.
    pub ok: bool,
    /// Every path, in the order explored (shortest first).
    pub paths: Vec<ExploredPath>,
    /// Whether the budget (`maxPaths`) stopped the search before every state was tried.
    pub budget_hit: bool,
    /// The edges the paths used, and those none did.
    pub coverage: Coverage,
    /// What looks wrong, each with the shortest call that shows it.
    pub findings: Vec<ExploreFinding>,
}

/// One path: the call that takes it, and where it went.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExploredPath {
    /// The call, in the form `Call::from_json` reads: simulating it gives this path.
    pub call: Value,
    /// The input taken at each decision, as `module:input` (`menu:1`, `sales:busy`).
    pub inputs: Vec<String>,
    /// The keys of the modules visited, in order.
    pub visited: Vec<String>,
    /// How the call ended.
    pub ended: Ended,
    /// The call's length on the virtual clock.
    pub duration_ms: u64,
    /// How long the caller waited before anything answered.
    pub wait_ms: u64,
}

/// Something that looks wrong on some path, with the shortest call that shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ExploreFinding {
    /// `call-drops`, `step-cap`, `long-wait` or `unreachable-outcome`.
    pub code: &'static str,
    /// `error` makes the exploration fail; `warning` does not.
    pub severity: Severity,
    /// What happens, in words.
    pub message: String,
    /// The shortest call that shows it; `None` for `unreachable-outcome`.
    pub call: Option<Value>,
    /// The graph check's issue that reports the same fact, when there is one.
    pub see: Option<See>,
}

/// One input the explorer may take at a decision.
struct Input {
    label: String,
    choice: Choice,
    /// Doing nothing: silence, a phone that does not answer, a wrong or missing PIN.
    passive: bool,
}

/// A (module, input) state, with what else decides where a call goes: the caller's class,
/// the hours, and whether someone took the call already.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct State {
    module: usize,
    input: String,
    caller: String,
    open: Option<bool>,
    answered: bool,
}

/// A decision taken on the current path.
struct Taken {
    state: State,
    passive: bool,
}

/// The explorer's chooser for one run: replays `prefix`, then takes the first input not
/// explored yet and queues the others.
struct Explorer<'x, 'd> {
    flow: &'x Flow<'d>,
    directory: &'x Call,
    options: &'x Options,
    prefix: Vec<usize>,
    chosen: Vec<usize>,
    taken: Vec<Taken>,
    explored: &'x mut HashSet<State>,
    queue: &'x mut VecDeque<Vec<usize>>,
    spinning: bool,
    /// Where the inputs list marks the loop the path spins in.
    spun_at: Option<usize>,
    caller: String,
    open: Option<bool>,
    /// The call being built.
    call: Call,
    inputs: Vec<String>,
}

impl Explorer<'_, '_> {
    fn inputs(&self, decision: &Decision<'_>) -> Vec<Input> {
        match decision {
            Decision::Keys { module, prompt } => self.key_inputs(*module, *prompt),
            Decision::Ring {
                targets,
                duration_ms,
                ..
            } => {
                let by = targets
                    .first()
                    .map_or("", |target| target.describe.as_str());
                let outcomes: &[Outcome] = if targets.is_empty() {
                    &[Outcome::NoAnswer]
                } else {
                    &Outcome::ALL
                };
                outcomes
                    .iter()
                    .map(|outcome| Input {
                        label: outcome.as_str().to_owned(),
                        choice: Choice::Ring(settle(
                            &[(Ring::new(*outcome), by)],
                            *duration_ms,
                            self.options,
                        )),
                        passive: *outcome != Outcome::Answer,
                    })
                    .collect()
            }
            Decision::Caller { module } => self.caller_inputs(*module),
            Decision::Hours { .. } => match self.open {
                Some(open) => vec![hours(open)],
                None => vec![hours(true), hours(false)],
            },
        }
    }

    fn caller_inputs(&self, module: usize) -> Vec<Input> {
        let caller = |label: &str, caller: Caller| Input {
            label: label.to_owned(),
            choice: Choice::Caller(caller),
            passive: false,
        };
        let mut inputs = Vec::new();
        if let Some(patterns) = self.flow.patterns(module) {
            if let Some(number) = patterns.sample_match() {
                inputs.push(caller("caller matches", Caller::Number(number)));
            }
            if let Some(number) = patterns.sample_mismatch() {
                inputs.push(caller("caller does not match", Caller::Number(number)));
            }
        }
        inputs.push(caller("caller withheld", Caller::Withheld));
        inputs
    }

    fn key_inputs(&self, module: usize, prompt: Prompt) -> Vec<Input> {
        let node = &self.flow.graph.nodes[module];
        let press = |label: String, keys: String| Input {
            label,
            choice: Choice::Keys(CallerStep::Press(keys)),
            passive: false,
        };
        let silence = |label: &str| Input {
            label: label.to_owned(),
            choice: Choice::Keys(CallerStep::Silence),
            passive: true,
        };
        let dial = match prompt {
            Prompt::Pin { attempt } => {
                let pin = pin_of(node);
                return match pin {
                    Some(pin) if attempt == 1 => {
                        vec![press("pin".to_owned(), pin), silence("no pin")]
                    }
                    _ => vec![silence("no pin")],
                };
            }
            Prompt::Menu { dial } => dial,
            Prompt::Dial => true,
        };
        let branches: Vec<&str> = if matches!(prompt, Prompt::Menu { .. }) {
            node.edges
                .iter()
                .filter(|edge| edge.field == "next")
                .filter_map(|edge| edge.branch)
                .filter(|branch| pressable(branch, dial))
                .collect()
        } else {
            Vec::new()
        };
        let end = if dial { "#" } else { "" };
        let mut inputs: Vec<Input> = branches
            .iter()
            .map(|branch| press((*branch).to_owned(), format!("{branch}{end}")))
            .collect();
        if dial {
            for (number, _) in &self.directory.extensions {
                if !branches.contains(&number.as_str()) {
                    inputs.push(press(format!("dial {number}"), format!("{number}#")));
                }
            }
        }
        let invalid = if dial {
            Some("999")
                .filter(|key| !branches.contains(key))
                .map(str::to_owned)
        } else {
            "0123456789*#"
                .chars()
                .map(String::from)
                .find(|key| !branches.contains(&key.as_str()))
        };
        if let Some(key) = invalid {
            inputs.push(press("invalid".to_owned(), format!("{key}{end}")));
        }
        inputs.push(silence("timeout"));
        inputs
    }

    /// Takes input `index` of `inputs`.
    fn take(
        &mut self,
        decision: &Decision<'_>,
        inputs: Vec<Input>,
        index: usize,
        state: Option<State>,
    ) -> Choice {
        self.chosen.push(index);
        let Some(input) = inputs.into_iter().nth(index) else {
            return Choice::Keys(CallerStep::Silence);
        };
        if let Some(state) = state {
            self.taken.push(Taken {
                state,
                passive: input.passive,
            });
        }
        let module = match decision {
            Decision::Keys { module, .. }
            | Decision::Ring { module, .. }
            | Decision::Caller { module }
            | Decision::Hours { module } => *module,
        };
        let key = self.flow.graph.nodes[module].key;
        if !self.spinning {
            self.inputs.push(format!("{key}:{}", input.label));
        } else if self.spun_at.is_none() {
            // The first turn of a loop the caller cannot leave: later turns repeat it.
            self.spun_at = Some(self.inputs.len());
            self.inputs
                .push(format!("{key}:{} (repeats to the step cap)", input.label));
        }
        match &input.choice {
            Choice::Keys(step) => self.call.script.push(step.clone()),
            Choice::Ring(rang) => {
                let outcome = input.label.parse().unwrap_or(rang.outcome);
                self.call = std::mem::take(&mut self.call).ring(key, outcome);
            }
            Choice::Caller(caller) => {
                self.caller.clone_from(&input.label);
                self.call.caller = caller.clone();
            }
            Choice::Hours(open) => {
                self.open = Some(*open);
                self.call.open = Some(*open);
            }
            Choice::Stop(_) => {}
        }
        input.choice
    }

    fn state(&self, decision: &Decision<'_>, label: &str, answered: bool) -> State {
        let module = match decision {
            Decision::Keys { module, .. }
            | Decision::Ring { module, .. }
            | Decision::Caller { module }
            | Decision::Hours { module } => *module,
        };
        State {
            module,
            input: label.to_owned(),
            caller: self.caller.clone(),
            open: self.open,
            answered,
        }
    }
}

impl Chooser for Explorer<'_, '_> {
    fn choose(&mut self, decision: &Decision<'_>, answered: bool) -> Choice {
        let inputs = self.inputs(decision);
        let position = self.chosen.len();
        let branching = inputs.len() > 1;
        let states: Vec<Option<State>> = inputs
            .iter()
            .map(|input| branching.then(|| self.state(decision, &input.label, answered)))
            .collect();
        if let Some(&index) = self.prefix.get(position) {
            let state = states.get(index).cloned().flatten();
            return self.take(decision, inputs, index, state);
        }
        if !branching {
            return self.take(decision, inputs, 0, None);
        }
        if self.spinning {
            let index = inputs.iter().position(|input| input.passive).unwrap_or(0);
            return self.take(decision, inputs, index, None);
        }
        // A loop a silent caller, with nobody answering, cannot leave: follow it to the cap.
        for (index, input) in inputs.iter().enumerate() {
            let Some(state) = states[index].as_ref() else {
                continue;
            };
            if !input.passive {
                continue;
            }
            if let Some(since) = self.taken.iter().rposition(|taken| taken.state == *state)
                && self.taken[since..].iter().all(|taken| taken.passive)
            {
                self.spinning = true;
                return self.take(decision, inputs, index, None);
            }
        }
        let fresh: Vec<usize> = (0..inputs.len())
            .filter(|index| {
                states[*index]
                    .as_ref()
                    .is_some_and(|state| !self.explored.contains(state))
            })
            .collect();
        let Some((&first, rest)) = fresh.split_first() else {
            let label = inputs
                .first()
                .map_or_else(String::new, |input| input.label.clone());
            return Choice::Stop(label);
        };
        for &index in rest {
            if let Some(state) = states[index].clone() {
                self.explored.insert(state);
            }
            let mut prefix = self.chosen.clone();
            prefix.push(index);
            self.queue.push_back(prefix);
        }
        let state = states[first].clone();
        if let Some(state) = &state {
            self.explored.insert(state.clone());
        }
        self.take(decision, inputs, first, state)
    }
}

fn hours(open: bool) -> Input {
    Input {
        label: if open { "open" } else { "closed" }.to_owned(),
        choice: Choice::Hours(open),
        passive: false,
    }
}

/// The PIN a caller who knows it enters: `pin`, `chairman_pin`, or the first room's.
fn pin_of(node: &crate::pbx::graph::Node<'_>) -> Option<String> {
    ["pin", "chairman_pin"]
        .into_iter()
        .find_map(|field| super::fields::text(node, field).filter(|pin| !pin.is_empty()))
        .map(str::to_owned)
        .or_else(|| match node.object.get("rooms") {
            Some(Json::Object(rooms)) => rooms.first().map(|(pin, _)| pin.to_string()),
            _ => None,
        })
}

/// Whether a caller can reach the branch `key` of a menu by pressing keys.
fn pressable(key: &str, dial: bool) -> bool {
    let keys = |c: char| c.is_ascii_digit() || c == '*' || (c == '#' && !dial);
    !key.is_empty() && key.chars().all(keys) && (dial || key.chars().count() == 1)
}

/// The extensions the explorer dials: the call's, the flow's own extension (a call flow,
/// reference section 2.4), and a placeholder user when the call lists none that rings.
fn directory(flow: &CallFlow, template: &Call) -> Call {
    let mut call = template.clone();
    if !call
        .extensions
        .iter()
        .any(|(_, extension)| extension.kind.rings())
    {
        call = call.extension(
            PLACEHOLDER_USER,
            Extension::new(ExtensionKind::SipUser, format!("user-{PLACEHOLDER_USER}")),
        );
    }
    if let Some(own) = flow.extension().map(|n| n.to_string())
        && call.lookup(&own).is_none()
    {
        let uuid = flow.uuid().map_or_else(|| own.clone(), str::to_owned);
        call = call.extension(own, Extension::new(ExtensionKind::CallFlow, uuid));
    }
    call
}

/// Whether a flow has a module that dials extensions.
fn dials(flow: &Flow<'_>) -> bool {
    flow.graph.nodes.iter().any(|node| {
        let name = node.spec.map(|spec| spec.name);
        name == Some("dialbyextension")
            || (name == Some("pressextension") && super::fields::flag(node, "dial_by_extension"))
    })
}

/// Drops what a call does by default at its end: trailing silences, and repeats of a
/// phone's last outcome.
fn compact(mut call: Call) -> Call {
    while call.script.last() == Some(&CallerStep::Silence) {
        call.script.pop();
    }
    for (_, rings) in &mut call.rings {
        rings.dedup();
        while rings.len() > 1 && rings[rings.len() - 1] == rings[rings.len() - 2] {
            rings.pop();
        }
    }
    call
}

/// Explores every path of `flow` (see the module documentation); `template` gives what
/// the explorer does not vary: an internal call, the tenant's extensions, and the caller
/// when it is set (otherwise each class of caller is tried at the first `calleridmatch`).
pub(super) fn explore(flow: &CallFlow, template: &Call, options: &Options) -> Exploration {
    let tree = flow.to_tree();
    let prepared = Flow::new(super::modules_of(&tree));
    let report = flow.check();
    let directory = directory(flow, template);
    let dialling = dials(&prepared);
    let mut explored = HashSet::new();
    let mut queue: VecDeque<Vec<usize>> = VecDeque::from([Vec::new()]);
    let mut paths = Vec::new();
    let mut used = HashSet::new();
    let mut found: Vec<(findings::Found, Value, usize)> = Vec::new();
    while paths.len() < options.max_paths {
        let Some(prefix) = queue.pop_front() else {
            break;
        };
        let mut base = template.clone();
        base.script.clear();
        base.rings.clear();
        if dialling {
            base.extensions.clone_from(&directory.extensions);
        }
        let chooser = Explorer {
            flow: &prepared,
            directory: &directory,
            options,
            prefix,
            chosen: Vec::new(),
            taken: Vec::new(),
            explored: &mut explored,
            queue: &mut queue,
            spinning: false,
            spun_at: None,
            caller: String::new(),
            open: None,
            call: base,
            inputs: Vec::new(),
        };
        let (transcript, chooser) = Walk::new(&prepared, &directory, options, chooser).run();
        let call = compact(chooser.call).to_value();
        let decisions = chooser.inputs.len();
        used.extend(transcript.steps.iter().filter_map(|step| step.edge.clone()));
        for one in findings::of_call(&transcript, &report, options) {
            match found.iter_mut().find(|(known, ..)| known.key == one.key) {
                Some(known) if known.2 > decisions => *known = (one, call.clone(), decisions),
                Some(_) => {}
                None => found.push((one, call.clone(), decisions)),
            }
        }
        paths.push(path(transcript, call, chooser.inputs));
    }
    let budget_hit = !queue.is_empty();
    let coverage = Coverage::of(&prepared, &used);
    let mut findings: Vec<ExploreFinding> = found
        .into_iter()
        .map(|(found, call, _)| ExploreFinding {
            code: found.code,
            severity: found.severity,
            message: found.message,
            call: Some(call),
            see: found.see,
        })
        .collect();
    if !budget_hit {
        findings.extend(unreachable(&prepared, &coverage, &report));
    }
    Exploration {
        ok: findings
            .iter()
            .all(|finding| finding.severity != Severity::Error),
        paths,
        budget_hit,
        coverage,
        findings,
    }
}

fn path(transcript: Transcript, call: Value, inputs: Vec<String>) -> ExploredPath {
    ExploredPath {
        call,
        inputs,
        visited: transcript.visited,
        ended: transcript.ended,
        duration_ms: transcript.duration_ms,
        wait_ms: transcript.wait_ms,
    }
}

/// `unreachable-outcome`: each edge no path used once every state was explored.
fn unreachable(flow: &Flow<'_>, coverage: &Coverage, report: &Report) -> Vec<ExploreFinding> {
    let unused: HashSet<&String> = coverage.unused.iter().collect();
    let mut out = Vec::new();
    for node in &flow.graph.nodes {
        for edge in &node.edges {
            let path = edge_path(node.key, edge.field, edge.branch);
            if !unused.contains(&path) {
                continue;
            }
            let see = findings::see(report, &[path.clone(), module_path(node.key)]).or_else(|| {
                let patterns = format!("{}.patterns", module_path(node.key));
                report
                    .issues()
                    .iter()
                    .find(|issue| issue.path.starts_with(&patterns))
                    .map(|issue| See {
                        code: issue.code.to_string(),
                        path: issue.path.clone(),
                    })
            });
            let message = format!("no call can take {path}: no path explored uses it");
            out.push(ExploreFinding {
                code: "unreachable-outcome",
                severity: Severity::Warning,
                message: with_see(message, see.as_ref()),
                call: None,
                see,
            });
        }
    }
    out
}

impl Exploration {
    /// The exploration as compact JSON, in the documented schema.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The exploration for people: one line per path, the coverage, then the findings.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (index, path) in self.paths.iter().enumerate() {
            let inputs = if path.inputs.is_empty() {
                "no input".to_owned()
            } else {
                path.inputs.join(", ")
            };
            let _ = writeln!(out, "{index:>4}  {inputs} => {}", path.ended.describe());
        }
        let budget = if self.budget_hit {
            " (budget hit: not every path was explored)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{} path(s){budget}; coverage {}/{} edges ({:.1}%)",
            self.paths.len(),
            self.coverage.used,
            self.coverage.edges,
            self.coverage.share * 100.0
        );
        for unused in &self.coverage.unused {
            let _ = writeln!(out, "  unused: {unused}");
        }
        findings_text(
            &mut out,
            self.findings
                .iter()
                .map(|f| (f.severity, f.code, &f.message)),
        );
        out
    }

    /// The edges no path used, as paths into the flow.
    pub fn unused_edges(&self) -> &[String] {
        &self.coverage.unused
    }
}

/// Every edge of `flow` and whether one of `transcripts` used it.
pub(super) fn coverage_of(flow: &CallFlow, transcripts: &[Transcript]) -> Coverage {
    let tree = flow.to_tree();
    let prepared = Flow::new(super::modules_of(&tree));
    let used: HashSet<String> = transcripts
        .iter()
        .flat_map(|transcript| transcript.steps.iter().filter_map(|step| step.edge.clone()))
        .collect();
    Coverage::of(&prepared, &used)
}
