//! The explorer: maps a backend's whole IVR by trying every input the captures allow,
//! each path as a fresh emulated call, and reports what only a search can see.
//!
//! [`Explorer`] has no I/O, like the [`Emulator`] it drives: [`Explorer::next_call`]
//! gives the next call to run (an emulator with the path's script), and
//! [`Explorer::record`] takes it back once it has run. Any runner (a function, an HTTP
//! backend, a binding's in-process app) explores the same way.

mod analysis;
mod inputs;
mod map;
mod result;
mod trail;

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Deserialize;

use self::inputs::{PathScript, Probe};
use self::map::MapWriter;
pub use self::result::{Coverage, Exploration, ExploreFinding, Menu};
pub(crate) use self::trail::Trail;
use self::trail::Visit;
use super::error::{Document, EmulatorError, json_text};
use super::scenario::Start;
use super::transcript::{StepEvent, Transcript};
use super::{Dialect, Emulator, Options, Response, Webhook};
use crate::diagnostics::Severity;
use crate::voice::input::Input;

/// How far the explorer goes, read from JSON with camelCase keys
/// (`{"maxCalls": 200, "maxDepth": 6, "dialect": "both"}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ExploreOptions {
    /// The most calls to run (default 500); hitting it is reported.
    pub max_calls: u32,
    /// The most inputs on one path (default 10); menus deeper are found but not tried.
    pub max_depth: u32,
    /// Which payload shape to send; `None` keeps the emulator options' dialect.
    pub dialect: Option<ExploreDialect>,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        ExploreOptions {
            max_calls: 500,
            max_depth: 10,
            dialect: None,
        }
    }
}

impl ExploreOptions {
    /// Reads explorer options from JSON (text, bytes or a parsed value).
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<ExploreOptions, EmulatorError> {
        let text = json_text(input, Document::Options)?;
        let options: ExploreOptions = serde_json::from_str(&text).map_err(|err| {
            EmulatorError::new(Document::Options, format!("explore options: {err}"))
        })?;
        if options.max_calls == 0 {
            return Err(EmulatorError::new(
                Document::Options,
                "explore options: maxCalls must be at least 1",
            ));
        }
        Ok(options)
    }
}

/// The payload shape the explorer sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExploreDialect {
    /// `eventData.dtmf`, as documented now.
    Current,
    /// The flat `dtmf` of 8x8's samples.
    Legacy,
    /// Every path in the current shape, then again in the legacy one; a path whose
    /// outcome differs is a `dialect-dependent` finding.
    Both,
}

/// A menu found: the capture that identifies it, how to reach it, and what each input
/// did there.
#[derive(Debug)]
struct State {
    id: String,
    visit: Visit,
    /// The inputs from the start of the call, each with the menu it was given at.
    path: Vec<(usize, Probe)>,
    /// How many inputs are to be tried here; `None` while the menu is beyond the depth.
    tried: Option<usize>,
    edges: Vec<Edge>,
}

/// What one input did at a menu.
#[derive(Debug)]
struct Edge {
    probe: Probe,
    outcome: Outcome,
    /// Whether the caller was bridged to another party on the way.
    bridged: bool,
}

/// Where an input took the call.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// To another capture.
    Menu(usize),
    /// To a capture this exploration never met (only in the second dialect).
    OtherMenu,
    /// The backend ended the call; `goodbye` when something was said first.
    Hangup { goodbye: bool },
    /// The caller was bridged to another party, and the call ended.
    Bridge,
    /// The caller hung up.
    CallerHangup,
    /// The call failed with this emulator finding.
    Error(&'static str),
}

/// One call to run: the first call, or an input tried at a menu.
#[derive(Debug, Clone)]
struct Job {
    at: Option<(usize, Probe)>,
    dialect: Dialect,
    /// The second-dialect run of an input already tried.
    twin: bool,
}

/// Emulator findings that the explorer's own scripts cause.
const OWN_FINDINGS: [&str; 2] = ["script-exhausted", "script-unused"];

/// Explores a backend's IVR breadth-first, one fresh emulated call per input tried: each
/// call from [`Explorer::next_call`] is run, then given back to [`Explorer::record`].
///
/// ```
/// use callflow_core::voice::emulator::{Explorer, ExploreOptions, MapBackend, Options};
/// let backend = MapBackend::from_json(r#"{
///   "start": {"clientActionId": "main", "callflow": [{"action": "sayAndCapture", "params": {
///       "promptMessage": "Press 1 for news.", "voiceProfile": "en-US-JennyNeural"}}]},
///   "menus": {"main": {
///     "1": {"callflow": [{"action": "say", "params": {"text": "No news.",
///           "voiceProfile": "en-US-JennyNeural"}}, {"action": "hangup"}]},
///     "*": {"clientActionId": "main", "callflow": [{"action": "sayAndCapture", "params": {
///           "promptMessage": "Press 1 for news.", "voiceProfile": "en-US-JennyNeural"}}]}}}
/// }"#)?;
/// let explorer = Explorer::inbound("+6591234567", "+6568888888", Options::default(),
///     ExploreOptions::default());
/// let found = explorer.run(|webhook| backend.answer(webhook));
/// assert_eq!(found.menus.len(), 1);
/// assert_eq!(found.menus[0].outcome("1"), Some("hangup"));
/// assert_eq!(found.menus[0].outcome("7"), Some("menu:main"));
/// assert!(found.findings.is_empty(), "{}", found.to_text());
/// # Ok::<(), callflow_core::voice::emulator::EmulatorError>(())
/// ```
#[derive(Debug)]
pub struct Explorer {
    start: Start,
    options: Options,
    settings: ExploreOptions,
    twins: bool,
    states: Vec<State>,
    by_key: HashMap<String, usize>,
    queue: VecDeque<Job>,
    running: Option<Job>,
    calls: u32,
    budget_hit: Option<&'static str>,
    start_outcome: Option<Outcome>,
    findings: Vec<ExploreFinding>,
    reported: HashSet<(String, Option<usize>, String)>,
    map: MapWriter,
}

impl Explorer {
    /// Explores the IVR that a Send Callflow request (text, bytes or a parsed value)
    /// starts. A request that is not JSON is an `invalid-request` error; one the API
    /// refuses gives an exploration with the `request-invalid` finding.
    pub fn outbound<I: Input + ?Sized>(
        request: &I,
        options: Options,
        settings: ExploreOptions,
    ) -> Result<Explorer, EmulatorError> {
        let text = json_text(request, Document::Request)?;
        let request = serde_json::from_str(&text)
            .map_err(|err| EmulatorError::new(Document::Request, err.to_string()))?;
        Ok(Explorer::new(Start::Request(request), options, settings))
    }

    /// Explores the IVR a call from `from` to the virtual number `to` meets.
    pub fn inbound(from: &str, to: &str, options: Options, settings: ExploreOptions) -> Explorer {
        let start = Start::Inbound {
            from: from.to_owned(),
            to: to.to_owned(),
        };
        Explorer::new(start, options, settings)
    }

    fn new(start: Start, mut options: Options, settings: ExploreOptions) -> Explorer {
        let twins = settings.dialect == Some(ExploreDialect::Both);
        options.dialect = match settings.dialect {
            Some(ExploreDialect::Legacy) => Dialect::Legacy,
            Some(ExploreDialect::Current | ExploreDialect::Both) => Dialect::Current,
            None => options.dialect,
        };
        let first = Job {
            at: None,
            dialect: options.dialect,
            twin: false,
        };
        Explorer {
            map: MapWriter::new(&start),
            start,
            options,
            settings,
            twins,
            states: Vec::new(),
            by_key: HashMap::new(),
            queue: VecDeque::from([first]),
            running: None,
            calls: 0,
            budget_hit: None,
            start_outcome: None,
            findings: Vec::new(),
            reported: HashSet::new(),
        }
    }

    /// The next call to run, or `None` when the exploration is over. Run it to the end
    /// and give it back with [`Explorer::record`].
    pub fn next_call(&mut self) -> Option<Emulator> {
        if self.queue.is_empty() {
            return None;
        }
        if self.calls >= self.settings.max_calls {
            self.budget_hit = Some("maxCalls");
            self.queue.clear();
            return None;
        }
        let job = self.queue.pop_front()?;
        let script = self.script_for(job.at.as_ref());
        let options = Options {
            dialect: job.dialect,
            ..self.options.clone()
        };
        self.calls += 1;
        self.running = Some(job);
        Some(self.start.emulator(script.script, options).with_trail())
    }

    /// Takes back the call [`Explorer::next_call`] gave, once it has run.
    pub fn record(&mut self, call: Emulator) {
        let Some(job) = self.running.take() else {
            return;
        };
        let (transcript, trail) = call.into_parts();
        let trail = trail.unwrap_or_default();
        if !job.twin {
            self.map.add(&transcript, &trail);
        }
        let depth = job
            .at
            .as_ref()
            .map_or(0, |(state, _)| self.states[*state].path.len());
        let from = match job.at {
            None => 0,
            Some(_) => trail.visits.get(depth).map_or(0, |visit| visit.step),
        };
        let next = trail.visits.get(depth + usize::from(job.at.is_some()));
        let until = next.map_or(usize::MAX, |visit| visit.step);
        let bridged = steps_between(&transcript, from, until)
            .any(|event| matches!(event, StepEvent::Bridge { .. }));
        let outcome = match next {
            Some(visit) if job.twin => self
                .by_key
                .get(&visit.key)
                .map_or(Outcome::OtherMenu, |state| Outcome::Menu(*state)),
            Some(visit) => Outcome::Menu(self.menu_for(visit, job.at.as_ref())),
            None => ending(&transcript, from, bridged),
        };
        if job.twin {
            self.compare_dialects(&job, &outcome);
            return;
        }
        self.report_findings(&transcript, &job, from, until);
        match job.at {
            None => self.start_outcome = Some(outcome),
            Some((state, probe)) => {
                self.check_goodbye(state, &probe, &outcome);
                self.states[state].edges.push(Edge {
                    probe,
                    outcome,
                    bridged,
                });
            }
        }
    }

    /// Runs every call against `backend` and gives the result.
    pub fn run(mut self, mut backend: impl FnMut(&Webhook) -> Response) -> Exploration {
        while let Some(call) = self.next_call() {
            let call = call.run_to_end(&mut backend);
            self.record(call);
        }
        self.exploration()
    }

    /// What was found so far (all of it, once [`Explorer::next_call`] gives `None`).
    pub fn exploration(&self) -> Exploration {
        result::build(self)
    }

    /// The caller script of the path to `at`'s menu, then `at`'s input, then a hang-up
    /// at the next capture.
    fn script_for(&self, at: Option<&(usize, Probe)>) -> PathScript {
        let mut script = PathScript::default();
        let steps = self.path_through(at);
        for (state, probe) in &steps {
            let tries = probe.tries(
                &self.states[*state].visit.rules,
                self.options.key_interval_ms,
            );
            script.push(probe, tries);
        }
        if !matches!(steps.last(), Some((_, Probe::Hangup))) {
            script.push(&Probe::Hangup, 1);
        }
        script
    }

    /// The inputs from the start of the call through `at`: the path to its menu, then its
    /// input.
    fn path_through(&self, at: Option<&(usize, Probe)>) -> Vec<(usize, Probe)> {
        let Some((state, probe)) = at else {
            return Vec::new();
        };
        let mut path = self.states[*state].path.clone();
        path.push((*state, probe.clone()));
        path
    }

    /// The menu a visit is, found before or new (then queued for exploring).
    fn menu_for(&mut self, visit: &Visit, via: Option<&(usize, Probe)>) -> usize {
        if let Some(state) = self.by_key.get(&visit.key) {
            return *state;
        }
        let index = self.states.len();
        let path = self.path_through(via);
        let id = match visit.client_action_id.as_deref() {
            Some(id) if !self.states.iter().any(|state| state.id == id) => id.to_owned(),
            _ => format!("menu-{}", index + 1),
        };
        let within = path.len() < usize::try_from(self.settings.max_depth).unwrap_or(usize::MAX);
        let tried = if within {
            let probes = Probe::candidates(&visit.rules);
            for probe in &probes {
                self.queue.push_back(Job {
                    at: Some((index, probe.clone())),
                    dialect: self.options.dialect,
                    twin: false,
                });
                if self.twins && *probe != Probe::Hangup {
                    self.queue.push_back(Job {
                        at: Some((index, probe.clone())),
                        dialect: Dialect::Legacy,
                        twin: true,
                    });
                }
            }
            Some(probes.len())
        } else {
            self.budget_hit.get_or_insert("maxDepth");
            None
        };
        self.by_key.insert(visit.key.clone(), index);
        self.states.push(State {
            id,
            visit: visit.clone(),
            path,
            tried,
            edges: Vec::new(),
        });
        index
    }

    /// Reports the emulator's findings on the stretch of the call the job tried.
    fn report_findings(&mut self, transcript: &Transcript, job: &Job, from: usize, until: usize) {
        let accepted = job.at.as_ref().is_some_and(|(state, probe)| {
            probe.accepted(
                &self.states[*state].visit.rules,
                self.options.key_interval_ms,
            )
        });
        for finding in &transcript.findings {
            if finding.step < from || finding.step >= until || OWN_FINDINGS.contains(&finding.code)
            {
                continue;
            }
            let (code, cause) = if accepted && finding.severity == Severity::Error {
                ("unhandled-input", Some(finding.code))
            } else {
                (finding.code, None)
            };
            let message = match &job.at {
                Some((state, probe)) if cause.is_some() => format!(
                    "{} at menu {}: {}",
                    describe_input(probe),
                    self.states[*state].id,
                    finding.message
                ),
                _ => finding.message.clone(),
            };
            self.add_finding(job.at.as_ref(), code, finding.severity, message, cause);
        }
    }

    /// A valid key that ends the call with nothing said after it is a `dead-end`.
    fn check_goodbye(&mut self, state: usize, probe: &Probe, outcome: &Outcome) {
        let accepted = probe.accepted(
            &self.states[state].visit.rules,
            self.options.key_interval_ms,
        );
        if accepted && *outcome == (Outcome::Hangup { goodbye: false }) {
            let message = format!(
                "{} at menu {} ends the call with nothing said to the caller",
                describe_input(probe),
                self.states[state].id
            );
            let at = (state, probe.clone());
            self.add_finding(Some(&at), "dead-end", Severity::Warning, message, None);
        }
    }

    /// Compares a second-dialect run with the first.
    fn compare_dialects(&mut self, job: &Job, legacy: &Outcome) {
        let Some((state, probe)) = &job.at else {
            return;
        };
        let current = self.states[*state]
            .edges
            .iter()
            .rev()
            .find(|edge| edge.probe == *probe)
            .map(|edge| edge.outcome.clone());
        if let Some(current) = current.filter(|current| current != legacy) {
            let message = format!(
                "{} at menu {} gives {} with eventData.dtmf but {} with the flat dtmf",
                describe_input(probe),
                self.states[*state].id,
                self.label(&current),
                self.label(legacy)
            );
            let at = Some((*state, probe.clone()));
            self.add_finding(
                at.as_ref(),
                "dialect-dependent",
                Severity::Error,
                message,
                None,
            );
        }
    }

    /// Adds a finding once per code, cause, menu and (for input findings) input.
    fn add_finding(
        &mut self,
        at: Option<&(usize, Probe)>,
        code: &'static str,
        severity: Severity,
        message: String,
        cause: Option<&'static str>,
    ) {
        let per_input = cause.is_some() || matches!(code, "dead-end" | "dialect-dependent");
        let input = at
            .filter(|_| per_input)
            .map(|(_, probe)| probe.label())
            .unwrap_or_default();
        let key = (
            format!("{code}/{}", cause.unwrap_or("")),
            at.map(|(state, _)| *state),
            input,
        );
        if !self.reported.insert(key) {
            return;
        }
        let (path, script) = self.path_of(at);
        self.findings.push(ExploreFinding {
            code,
            severity,
            message,
            path,
            cause,
            script,
        });
    }

    /// The inputs of a path as labels, and its caller script as JSON.
    fn path_of(&self, at: Option<&(usize, Probe)>) -> (Vec<String>, Vec<serde_json::Value>) {
        let mut labels: Vec<String> = Vec::new();
        if let Some((state, probe)) = at {
            labels.extend(
                self.states[*state]
                    .path
                    .iter()
                    .map(|(_, probe)| probe.label()),
            );
            labels.push(probe.label());
        }
        (labels, self.script_for(at).steps)
    }

    /// An outcome in words: `menu:<id>`, `hangup`, `bridge`, `caller-hangup` or
    /// `error:<code>`.
    fn label(&self, outcome: &Outcome) -> String {
        match outcome {
            Outcome::Menu(state) => format!("menu:{}", self.states[*state].id),
            Outcome::OtherMenu => "menu:?".to_owned(),
            Outcome::Hangup { .. } => "hangup".to_owned(),
            Outcome::Bridge => "bridge".to_owned(),
            Outcome::CallerHangup => "caller-hangup".to_owned(),
            Outcome::Error(code) => format!("error:{code}"),
        }
    }
}

/// How a call ended after step `from`, when it met no further capture.
fn ending(transcript: &Transcript, from: usize, bridged: bool) -> Outcome {
    if let Some(error) = transcript
        .errors()
        .find(|finding| finding.step >= from && !OWN_FINDINGS.contains(&finding.code))
    {
        return Outcome::Error(error.code);
    }
    if bridged {
        return Outcome::Bridge;
    }
    let mut goodbye = false;
    let mut by = "platform";
    for event in steps_between(transcript, from, usize::MAX) {
        match event {
            StepEvent::Capture { .. } => goodbye = false,
            StepEvent::Say { .. } | StepEvent::Play { .. } => goodbye = true,
            StepEvent::Hangup { by: who } => by = who,
            _ => {}
        }
    }
    match by {
        "caller" => Outcome::CallerHangup,
        _ => Outcome::Hangup { goodbye },
    }
}

/// The events of the steps from `from` up to (not including) `until`.
fn steps_between(
    transcript: &Transcript,
    from: usize,
    until: usize,
) -> impl Iterator<Item = &StepEvent> {
    let until = until.min(transcript.steps.len());
    transcript
        .steps
        .get(from.min(until)..until)
        .unwrap_or_default()
        .iter()
        .map(|step| &step.event)
}

/// `pressing 3`, `silence`, `hanging up`.
fn describe_input(probe: &Probe) -> String {
    match probe {
        Probe::Press(keys) => format!("pressing {keys}"),
        Probe::Silence => "silence".to_owned(),
        Probe::Hangup => "hanging up".to_owned(),
    }
}
