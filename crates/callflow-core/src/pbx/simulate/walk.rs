//! The engine: one call through a call flow, module by module, on a virtual clock, as the
//! switchboard runs it (reference section 2.1): entry at the first `start`, one module
//! per step, the call ending when an outcome has no edge, a key is missing or a module is
//! unknown, and at most 1000 module transitions. What the caller and the rung phones do
//! comes from a [`Chooser`]: the call's script when simulating, the explorer's choice
//! when exploring.

use std::borrow::Cow;

use super::call::{Call, Caller, Outcome};
use super::caller_id::Patterns;
use super::fields::{self, Target, text};
use super::options::Options;
use super::transcript::{Ended, Step, Transcript};
use crate::json::Json;
use crate::path::Path;
use crate::pbx::graph::{Graph, Target as EdgeTarget};
use crate::voice::emulator::CallerStep;

/// The most module transitions the engine runs on one flow (reference section 2.1).
pub const STEP_CAP: u32 = 1000;

/// A call flow ready to walk: its graph, and each `calleridmatch`'s compiled patterns.
#[derive(Debug)]
pub(super) struct Flow<'d> {
    pub(super) graph: Graph<'d>,
    patterns: Vec<Option<Patterns>>,
}

impl<'d> Flow<'d> {
    /// The flow whose `flow` member is `modules`.
    pub(super) fn new(modules: &'d [(Cow<'d, str>, Json<'d>)]) -> Flow<'d> {
        let graph = Graph::new(modules);
        let patterns = graph
            .nodes
            .iter()
            .map(|node| {
                (node.spec.map(|spec| spec.name) == Some("calleridmatch"))
                    .then(|| Patterns::new(&fields::strings(node, "patterns")))
            })
            .collect();
        Flow { graph, patterns }
    }

    /// The compiled patterns of the `calleridmatch` module at `index`.
    pub(super) fn patterns(&self, index: usize) -> Option<&Patterns> {
        self.patterns.get(index).and_then(Option::as_ref)
    }
}

/// Where a module asks the caller for keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prompt {
    /// A `pressextension` menu, reading many digits when `dial`.
    Menu { dial: bool },
    /// A `dialbyextension` module.
    Dial,
    /// A PIN prompt (`conference`, `room`, `offnetconnect`), try `attempt` from 1.
    Pin { attempt: u32 },
}

/// What the engine asks its chooser.
#[derive(Debug)]
pub(super) enum Decision<'a> {
    /// What the caller does at a prompt of the module at `module`.
    Keys { module: usize, prompt: Prompt },
    /// What the rung phones do.
    Ring {
        module: usize,
        key: &'a str,
        targets: &'a [Target],
        duration_ms: u64,
    },
    /// Who the caller is, when the call does not say (the explorer's choice).
    Caller { module: usize },
    /// Whether the opening hours are open.
    Hours { module: usize },
}

/// What the phones did: the outcome, when, and who answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rang {
    pub(super) outcome: Outcome,
    pub(super) after_ms: u64,
    pub(super) by: String,
}

/// The chooser's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Choice {
    /// The caller's step at a prompt.
    Keys(CallerStep),
    /// What the rung phones did.
    Ring(Rang),
    /// Who the caller is.
    Caller(Caller),
    /// Whether the hours are open.
    Hours(bool),
    /// The explorer stops here: this input was explored already.
    Stop(String),
}

/// Who decides what the caller and the phones do.
pub(super) trait Chooser {
    /// The choice at `decision`; `answered` says whether someone took the call already.
    fn choose(&mut self, decision: &Decision<'_>, answered: bool) -> Choice;
}

/// Where a module leads.
pub(super) enum Next {
    Go(usize),
    End(Ended),
}

/// How a module is left.
pub(super) enum Exit<'a> {
    /// By the edge `field` (with `branch` inside a `next` map).
    Edge(&'a str, Option<&'a str>),
    /// By a ring's outcome edge, `busy` and `unavailable` falling back to `noanswer`
    /// (reference section 2.2); inside `next` when `in_next`.
    Outcome(Outcome, bool),
    /// The call ends here.
    End(Ended),
}

pub(super) use crate::pbx::graph::edge_path;

/// The path of the module `key`: `$.flow.menu`.
pub(super) fn module_path(key: &str) -> String {
    Path::ROOT.key("flow").key(key).to_string()
}

/// One call in progress.
pub(super) struct Walk<'w, 'd, C> {
    pub(super) flow: &'w Flow<'d>,
    pub(super) call: &'w Call,
    pub(super) options: &'w Options,
    pub(super) chooser: C,
    caller: Caller,
    pub(super) now: u64,
    pub(super) deadline: Option<u64>,
    runs: u32,
    pub(super) answered_at: Option<u64>,
    /// The uuid of the extension dialled last, for `sipuser_voicemail`.
    pub(super) dialled: Option<String>,
    visited: Vec<String>,
    pub(super) heard: Vec<String>,
    pub(super) pressed: Vec<String>,
    steps: Vec<Step>,
}

impl<'w, 'd, C: Chooser> Walk<'w, 'd, C> {
    pub(super) fn new(
        flow: &'w Flow<'d>,
        call: &'w Call,
        options: &'w Options,
        chooser: C,
    ) -> Self {
        Walk {
            flow,
            call,
            options,
            chooser,
            caller: call.caller.clone(),
            now: 0,
            deadline: None,
            runs: 0,
            answered_at: None,
            dialled: None,
            visited: Vec::new(),
            heard: Vec::new(),
            pressed: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// Walks the call to its end; the transcript has no findings yet.
    pub(super) fn run(mut self) -> (Transcript, C) {
        let ended = self.walk();
        let duration_ms = self.now;
        let transcript = Transcript {
            ok: true,
            caller: self.caller.number().to_owned(),
            internal: self.call.internal,
            visited: self.visited,
            heard: self.heard,
            pressed: self.pressed,
            steps: self.steps,
            ended,
            answered_at_ms: self.answered_at,
            wait_ms: self.answered_at.unwrap_or(duration_ms),
            duration_ms,
            findings: Vec::new(),
        };
        (transcript, self.chooser)
    }

    fn walk(&mut self) -> Ended {
        let Some(start) = self.flow.graph.starts().next() else {
            return Ended::Dropped {
                module: None,
                cause: "noStart",
                at: Path::ROOT.key("flow").to_string(),
            };
        };
        let mut current = match self.leave(
            start,
            0,
            "enters the call flow".to_owned(),
            0,
            None,
            Exit::Edge("next", None),
        ) {
            Next::Go(next) => next,
            Next::End(ended) => return ended,
        };
        loop {
            if self.runs >= STEP_CAP {
                return Ended::StepCap {
                    module: self.key(current).to_owned(),
                };
            }
            self.runs += 1;
            match self.module(current) {
                Next::Go(next) => current = next,
                Next::End(ended) => return ended,
            }
        }
    }

    /// The key of the module at `index`.
    pub(super) fn key(&self, index: usize) -> &'d str {
        self.flow.graph.nodes[index].key
    }

    /// Runs the module at `index` (reference section 2.2 for each module).
    fn module(&mut self, index: usize) -> Next {
        let node = &self.flow.graph.nodes[index];
        match node.spec.map(|spec| spec.name) {
            Some("calleridmatch") => self.caller_id(index),
            Some("outofhours") => self.hours(index),
            Some("extension") => self.extension(index),
            Some("callqueue") => self.queue(index),
            Some("pressextension") => self.menu(index),
            Some("dialbyextension") => self.dial(index),
            Some("conference") => self.conference(index),
            Some("room") => self.room(index),
            Some("offnetconnect") => self.offnet(index),
            name => {
                let at = self.now;
                let (what, duration, exit) = self.plain(index, name);
                self.leave(index, at, what, duration, None, exit)
            }
        }
    }

    /// A module that asks nothing: it leads on after a while, or ends the call.
    fn plain(&mut self, index: usize, name: Option<&str>) -> (String, u64, Exit<'static>) {
        let node = &self.flow.graph.nodes[index];
        let key = node.key;
        let text = |field| text(node, field).map(str::to_owned);
        let module = key.to_owned();
        let next = Exit::Edge("next", None);
        match name {
            Some("recording") => ("turns on call recording".to_owned(), 0, next),
            Some("musiconhold") => {
                let class = text("class").unwrap_or_default();
                (format!("sets the hold music to {class}"), 0, next)
            }
            Some("play") => {
                let sound = text("sound").unwrap_or_default();
                self.heard.push(format!("sound {sound}"));
                (format!("plays sound {sound}"), self.options.sound_ms, next)
            }
            Some("sleep") => {
                let ms = fields::millis(node, "duration");
                (format!("pauses {ms} ms"), ms, next)
            }
            Some("busy") => {
                self.heard.push("busy tone".to_owned());
                let what = "plays the busy tone".to_owned();
                (what, BUSY_TONE_MS, Exit::End(Ended::Busy { module }))
            }
            Some(name) => (
                format!("{name}: {}", ends(name)),
                0,
                Exit::End(self.end(index, name)),
            ),
            None => (
                "is not a module the engine runs".to_owned(),
                0,
                Exit::End(unknown(key)),
            ),
        }
    }

    /// How the modules that end the flow end it.
    fn end(&self, index: usize, name: &str) -> Ended {
        let node = &self.flow.graph.nodes[index];
        let text = |field| text(node, field).map(str::to_owned);
        let module = node.key.to_owned();
        match name {
            "voicemail" => {
                let mailbox = fields::strings(node, "mailboxes")
                    .first()
                    .map(|m| (*m).to_owned());
                Ended::Voicemail { module, mailbox }
            }
            "trunk" => Ended::Trunk {
                module,
                uuid: text("uuid"),
            },
            "fax" => Ended::Fax { module },
            "forwardcall" => Ended::Transferred {
                module,
                to: text("number"),
            },
            "backupextension" => Ended::Transferred {
                module,
                to: text("extension").or_else(|| text("user")),
            },
            "callflow" | "callflowcontent" | "diary" => Ended::CallFlow {
                module,
                via: name.to_owned(),
                target: text("callflow_uuid"),
            },
            // `start` is only an entry point: the engine cannot run it as a step.
            _ => unknown(node.key),
        }
    }

    /// `calleridmatch`: internal calls take `nomatch`; otherwise the caller's number is
    /// tested (reference section 2.2, "calleridmatch").
    fn caller_id(&mut self, index: usize) -> Next {
        let at = self.now;
        let matched = if self.call.internal {
            None
        } else {
            if self.caller == Caller::Unset {
                self.caller = match self
                    .chooser
                    .choose(&Decision::Caller { module: index }, false)
                {
                    Choice::Caller(caller) => caller,
                    _ => Caller::Withheld,
                };
            }
            self.flow
                .patterns(index)
                .and_then(|patterns| patterns.matching(self.caller.number()))
        };
        let number = self.caller.number().to_owned();
        let (what, outcome) = match (&matched, self.call.internal) {
            (_, true) => ("an internal call: no match".to_owned(), "nomatch"),
            (Some(pattern), _) => (format!("{number} matches {pattern:?}"), "match"),
            (None, _) => (format!("{number} matches no pattern"), "nomatch"),
        };
        self.leave(
            index,
            at,
            what,
            0,
            Some(outcome.to_owned()),
            Exit::Edge(outcome, None),
        )
    }

    /// `outofhours`: `open` or `closed` as the call says (the engine reads the time).
    fn hours(&mut self, index: usize) -> Next {
        let at = self.now;
        let open = match self
            .chooser
            .choose(&Decision::Hours { module: index }, self.answered())
        {
            Choice::Hours(open) => open,
            _ => true,
        };
        let edge = if open { "open" } else { "closed" };
        let what = format!("finds the opening hours {edge}");
        self.leave(
            index,
            at,
            what,
            0,
            Some(edge.to_owned()),
            Exit::Edge(edge, None),
        )
    }

    /// Whether someone took the call already.
    pub(super) fn answered(&self) -> bool {
        self.answered_at.is_some()
    }

    /// Records the step of the module at `index`, entered at `at`, that took `duration`,
    /// and leaves it by `exit`; a caller's timed hang-up that falls inside ends the call.
    pub(super) fn leave(
        &mut self,
        index: usize,
        at: u64,
        mut what: String,
        mut duration: u64,
        input: Option<String>,
        exit: Exit<'_>,
    ) -> Next {
        let node = &self.flow.graph.nodes[index];
        let key = node.key;
        self.visited.push(key.to_owned());
        let hung_up = self
            .deadline
            .filter(|deadline| *deadline < at.saturating_add(duration));
        let (next, edge) = match (hung_up, exit) {
            (Some(deadline), _) => {
                duration = deadline.saturating_sub(at);
                what.push_str(" (the caller hangs up)");
                if self.answered_at.is_some_and(|answered| answered > deadline) {
                    self.answered_at = None;
                }
                (
                    Next::End(Ended::Hangup {
                        module: key.to_owned(),
                    }),
                    None,
                )
            }
            (None, Exit::End(ended)) => (Next::End(ended), None),
            (None, Exit::Edge(field, branch)) => self.follow(index, field, branch),
            (None, Exit::Outcome(outcome, in_next)) => {
                let place = |name: &'static str| {
                    if in_next {
                        ("next", Some(name))
                    } else {
                        (name, None)
                    }
                };
                let (field, branch) = place(outcome.as_str());
                let fallback = matches!(outcome, Outcome::Busy | Outcome::Unavailable)
                    && !self.has_edge(index, field, branch);
                let (field, branch) = if fallback {
                    place("noanswer")
                } else {
                    (field, branch)
                };
                self.follow(index, field, branch)
            }
        };
        if let Next::End(ended) = &next
            && ended.reached_someone()
            && self.answered_at.is_none()
        {
            self.answered_at = Some(at.saturating_add(duration));
        }
        self.now = at.saturating_add(duration);
        self.steps.push(Step {
            at_ms: at,
            module: key.to_owned(),
            name: node.name.unwrap_or_default().to_ascii_lowercase(),
            what,
            duration_ms: duration,
            input,
            edge,
        });
        next
    }

    /// Whether the module at `index` has the edge `field` (`branch`).
    pub(super) fn has_edge(&self, index: usize, field: &str, branch: Option<&str>) -> bool {
        self.flow.graph.nodes[index]
            .edges
            .iter()
            .any(|edge| edge.field == field && edge.branch == branch)
    }

    /// Follows the edge `field` (`branch`) of the module at `index`: the next module, or
    /// the end of the call when the edge or its module is missing (reference section 2.1).
    fn follow(&self, index: usize, field: &str, branch: Option<&str>) -> (Next, Option<String>) {
        let node = &self.flow.graph.nodes[index];
        let path = edge_path(node.key, field, branch);
        let edge = node
            .edges
            .iter()
            .find(|edge| edge.field == field && edge.branch == branch);
        let module = Some(node.key.to_owned());
        let next = match edge.map(|edge| edge.target) {
            Some(EdgeTarget::Node(next)) => Next::Go(next),
            Some(EdgeTarget::UserVoicemail) => Next::End(Ended::Voicemail {
                module: node.key.to_owned(),
                mailbox: self.dialled.clone(),
            }),
            Some(EdgeTarget::Missing(_)) => Next::End(Ended::Dropped {
                module,
                cause: "missingModule",
                at: path.clone(),
            }),
            None => {
                return (
                    Next::End(Ended::Dropped {
                        module,
                        cause: "noEdge",
                        at: path,
                    }),
                    None,
                );
            }
        };
        (next, Some(path))
    }
}

/// What a module that ends the flow does, in words.
fn ends(name: &str) -> &'static str {
    match name {
        "voicemail" => "takes a voicemail message",
        "trunk" => "bridges to a SIP trunk",
        "fax" => "receives a fax",
        "forwardcall" => "forwards the call",
        "backupextension" => "sends the call to an extension with a backup user",
        "callflow" | "callflowcontent" | "diary" => "enters another call flow",
        _ => "is not a module the engine runs",
    }
}

/// The end of a call at a module the engine cannot run.
fn unknown(key: &str) -> Ended {
    Ended::Dropped {
        module: Some(key.to_owned()),
        cause: "unknownModule",
        at: edge_path(key, "module", None),
    }
}

/// How long the busy tone plays: three cadences of 0.75 s (reference section 2.2,
/// "busy"; the length is assumed).
const BUSY_TONE_MS: u64 = 2250;
