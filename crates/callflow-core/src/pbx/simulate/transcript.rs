//! What happened on a simulated call: the modules visited on the virtual clock, what the
//! caller heard, pressed and waited for, how the call ended, and the findings; as JSON
//! (a stable schema, documented in `docs/SIMULATION.md`) and as text for people.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostics::Severity;
use crate::voice::emulator::Finding;

/// The record of one simulated call.
///
/// Its JSON form shares the 8x8 emulator's members where they mean the same (`ok`,
/// `heard`, `pressed`, `steps` with `atMs`, `findings` of `{code, severity, message,
/// step}`, `durationMs`) and adds `caller`, `internal`, `visited`, `ended`, `answeredAtMs`
/// and `waitMs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Transcript {
    /// `true` when no finding is an error.
    pub ok: bool,
    /// The number `calleridmatch` saw: the caller's, or `anonymous`.
    pub caller: String,
    /// Whether the call came from a phone of the tenant (not a provider).
    pub internal: bool,
    /// The keys of the modules visited, in order (`start` first).
    pub visited: Vec<String>,
    /// What the caller heard, in order: `sound <id>`, `ringing`, `busy tone`, `prompt`.
    pub heard: Vec<String>,
    /// The keys the caller pressed, one entry per prompt where they pressed any.
    pub pressed: Vec<String>,
    /// Every module visited, on the virtual clock.
    pub steps: Vec<Step>,
    /// How the call ended.
    pub ended: Ended,
    /// When someone (a person, a mailbox, a conference, a fax, a trunk) first took the
    /// call; `None` when nobody did.
    pub answered_at_ms: Option<u64>,
    /// How long the caller waited before anything answered: `answeredAtMs`, or the whole
    /// call when nothing did.
    pub wait_ms: u64,
    /// The call's length on the virtual clock.
    pub duration_ms: u64,
    /// What looks wrong about the call, in order.
    pub findings: Vec<Finding>,
}

/// One module visited, at a virtual time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Step {
    /// Milliseconds since the call started.
    pub at_ms: u64,
    /// The module's key in `flow`.
    pub module: String,
    /// The module's name, in lower case (`play`, `pressextension`, `callqueue`).
    pub name: String,
    /// What happened, in words.
    pub what: String,
    /// How long the caller spent in the module (listening, waiting, ringing, talking).
    pub duration_ms: u64,
    /// What decided the way out: the key pressed (`1`), `invalid`, `timeout`, a ring's
    /// outcome (`answer`, `busy`, ...), `match`/`nomatch`, `open`/`closed`.
    pub input: Option<String>,
    /// The edge followed, as a path into the call flow (`$.flow.menu.next["1"]`,
    /// `$.flow.sales.noanswer`); `None` when the call ended in the module.
    pub edge: Option<String>,
}

/// How a call ended, tagged by `kind` in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Ended {
    /// A person answered (an `extension`'s target, a dialled extension, a queue) and the
    /// flow had no `answer` edge to go on to.
    Answered {
        /// The module.
        module: String,
        /// Who: `sipuser <uuid>`, `huntgroup <uuid>`, `forward <number>`, `queue`.
        by: String,
    },
    /// The caller reached a voicemail box.
    Voicemail {
        /// The module.
        module: String,
        /// The mailbox: the first of `mailboxes`, or the dialled user's own.
        mailbox: Option<String>,
    },
    /// The caller joined a conference (`conference`, or a `room` chosen by PIN).
    Conference {
        /// The module.
        module: String,
        /// The room, for `room`.
        room: Option<String>,
    },
    /// The call went to the fax receiver.
    Fax {
        /// The module.
        module: String,
    },
    /// The call was bridged to a SIP trunk.
    Trunk {
        /// The module.
        module: String,
        /// The trunk's uuid.
        uuid: Option<String>,
    },
    /// The call was handed on outside the flow (`forwardcall`, `backupextension`,
    /// `offnetconnect`).
    Transferred {
        /// The module.
        module: String,
        /// Where to, as the module says.
        to: Option<String>,
    },
    /// The caller heard the busy tone and the call ended.
    Busy {
        /// The module.
        module: String,
    },
    /// Another call flow took the call, and this one ended.
    CallFlow {
        /// The module.
        module: String,
        /// How: `callflow`, `callflowcontent`, `diary` or `extension` (dialled).
        via: String,
        /// The call flow's uuid or extension, when known.
        target: Option<String>,
    },
    /// The caller hung up.
    Hangup {
        /// The module the caller was in.
        module: String,
    },
    /// The engine stopped the call: an outcome with no edge, a missing key, an unknown
    /// module, no start, a dialled extension of a type it cannot route, or a failed PIN.
    Dropped {
        /// The module, if any.
        module: Option<String>,
        /// `noStart`, `noEdge`, `missingModule`, `unknownModule`, `extensionType` or
        /// `pinFailed`.
        cause: &'static str,
        /// The place in the call flow: the missing edge, key or module.
        at: String,
    },
    /// The engine stopped the call after 1000 module transitions.
    StepCap {
        /// The module it would have run next.
        module: String,
    },
    /// The explorer stopped the path: this module with this input was already explored.
    Repeat {
        /// The module.
        module: String,
        /// The input that was already explored there.
        input: String,
    },
}

impl Ended {
    /// Whether someone took the call: a person, a mailbox, a conference, a fax, a trunk
    /// or a transfer.
    pub fn reached_someone(&self) -> bool {
        matches!(
            self,
            Ended::Answered { .. }
                | Ended::Voicemail { .. }
                | Ended::Conference { .. }
                | Ended::Fax { .. }
                | Ended::Trunk { .. }
                | Ended::Transferred { .. }
        )
    }

    /// The `kind` tag: `answered`, `voicemail`, ..., `repeat`.
    pub fn kind(&self) -> &'static str {
        match self {
            Ended::Answered { .. } => "answered",
            Ended::Voicemail { .. } => "voicemail",
            Ended::Conference { .. } => "conference",
            Ended::Fax { .. } => "fax",
            Ended::Trunk { .. } => "trunk",
            Ended::Transferred { .. } => "transferred",
            Ended::Busy { .. } => "busy",
            Ended::CallFlow { .. } => "callFlow",
            Ended::Hangup { .. } => "hangup",
            Ended::Dropped { .. } => "dropped",
            Ended::StepCap { .. } => "stepCap",
            Ended::Repeat { .. } => "repeat",
        }
    }

    /// How the call ended, in words.
    pub fn describe(&self) -> String {
        let or = |value: &Option<String>| value.clone().unwrap_or_else(|| "?".to_owned());
        match self {
            Ended::Answered { module, by } => format!("answered by {by} at {module}"),
            Ended::Voicemail { module, mailbox } => {
                format!("voicemail box {} at {module}", or(mailbox))
            }
            Ended::Conference { module, room } => match room {
                Some(room) => format!("conference room {room} at {module}"),
                None => format!("conference at {module}"),
            },
            Ended::Fax { module } => format!("fax received at {module}"),
            Ended::Trunk { module, uuid } => format!("trunk {} at {module}", or(uuid)),
            Ended::Transferred { module, to } => format!("transferred to {} at {module}", or(to)),
            Ended::Busy { module } => format!("busy tone at {module}"),
            Ended::CallFlow {
                module,
                via,
                target,
            } => format!("call flow {} entered ({via}) at {module}", or(target)),
            Ended::Hangup { module } => format!("caller hung up at {module}"),
            Ended::Dropped { cause, at, .. } => format!("dropped ({cause}) at {at}"),
            Ended::StepCap { module } => {
                format!("stopped by the engine after 1000 steps, before {module}")
            }
            Ended::Repeat { module, input } => {
                format!("not followed: {module} with {input} was already explored")
            }
        }
    }
}

impl Transcript {
    /// `true` when no finding is an error.
    pub fn ok(&self) -> bool {
        self.ok
    }

    /// The transcript as compact JSON, in the documented schema.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The transcript for people: one line per module, how it ended, then the findings.
    pub fn to_text(&self) -> String {
        let origin = if self.internal {
            "internal"
        } else {
            "provider"
        };
        let mut out = format!("call from {} ({origin})\n", self.caller);
        for (index, step) in self.steps.iter().enumerate() {
            let _ = write!(
                out,
                "{index:>3} {:>9}  {}: {}",
                seconds(step.at_ms),
                step.module,
                step.what
            );
            if let Some(edge) = &step.edge {
                let _ = write!(out, " -> {edge}");
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "ended: {} after {} (waited {})",
            self.ended.describe(),
            seconds(self.duration_ms),
            seconds(self.wait_ms)
        );
        findings_text(
            &mut out,
            self.findings
                .iter()
                .map(|f| (f.severity, f.code, &f.message)),
        );
        out
    }
}

/// `12.345s`.
pub(super) fn seconds(ms: u64) -> String {
    format!("{}.{:03}s", ms / 1000, ms % 1000)
}

/// One line per finding: `  warning[long-wait]: message`.
pub(super) fn findings_text<'f>(
    out: &mut String,
    findings: impl Iterator<Item = (Severity, &'f str, &'f String)>,
) {
    for (severity, code, message) in findings {
        let _ = writeln!(out, "  {severity}[{code}]: {message}");
    }
}
