//! The call emulator: the 8x8 voice platform's side of a call, played against a
//! backend on a virtual clock, with a scripted caller.
//!
//! [`Emulator`] is a state machine without I/O: it yields each webhook the platform
//! would post ([`Emulator::next_webhook`]) and takes the backend's answer
//! ([`Emulator::respond`]), so an HTTP runner, an in-process function or a language
//! binding can drive the same call. Speech, key presses, rings and timeouts pass on a
//! virtual clock; only the backend's own answer time is real, and it is measured by the
//! runner. The [`Transcript`] records every step, and the [`Finding`]s say what went
//! wrong. Every behaviour, with its source or its stated assumption, is listed in
//! `docs/EMULATOR.md`.
//!
//! ```
//! use callflow_core::voice::emulator::{handler, Emulator, Options, Script};
//! use callflow_core::voice::{Reply, Say};
//!
//! let request = r#"{"callflow": [
//!     {"action": "makeCall", "params": {"source": "+6512345678", "destination": "+6587654321"}},
//!     {"action": "sayAndCapture", "params": {"promptMessage": "Press 1 to hear the time.",
//!         "voiceProfile": "en-US-BenjaminRUS", "minDigits": 1, "maxDigits": 1}}]}"#;
//! let call = Emulator::outbound(request, Script::new().press("1"), Options::default());
//! let transcript = call.run(handler(|event| match event.call()?.dtmf.as_deref() {
//!     Some("1") => Reply::builder().say(Say::new("It is noon.", "en-US-BenjaminRUS")).hangup().build().ok(),
//!     _ => None,
//! }));
//! assert!(transcript.ok(), "{}", transcript.to_text());
//! assert_eq!(transcript.heard, ["Press 1 to hear the time.", "It is noon."]);
//! assert_eq!(transcript.pressed, ["1"]);
//! assert_eq!(transcript.session_status, "COMPLETED");
//! assert_eq!(transcript.webhooks.len(), 2); // the call action, then the session summary
//! ```

mod capture;
mod clock;
mod error;
mod explore;
mod handler;
mod ids;
mod map;
mod options;
mod payload;
mod scenario;
mod script;
mod transcript;
mod walk;

use std::collections::VecDeque;
use std::fmt;
use std::str::FromStr;

use serde_json::Value;

pub use self::clock::speech_ms;
use self::clock::system_time;
pub use self::error::EmulatorError;
pub use self::explore::{
    Coverage, Exploration, ExploreDialect, ExploreFinding, ExploreOptions, Explorer, Menu,
};
pub use self::handler::handler;
pub use self::map::MapBackend;
pub(crate) use self::map::{RAW_BODY, RAW_FAILURE, RAW_LATENCY, RAW_STATUS};
pub use self::options::{AfterLastAction, CaptureDefaults, Dialect, OnWebhookFailure, Options};
pub use self::scenario::Scenario;
pub use self::script::{Callee, CallerStep, Script};
pub use self::transcript::{Finding, Step, StepEvent, Transcript, WebhookRecord};
pub use self::walk::RandomWalk;

use self::capture::{Capture, EndedBy};
use self::explore::Trail;
use self::ids::Ids;
use self::payload::{Digits, Leg, Session};
use super::events::{CallStatus, LastAction, SessionErrorCode, SessionStatus};
use super::input::Input;
use super::timestamp::parse_timestamp;
use super::{Action, Callflow, MakeCall, Reply, SayAndCapture, StatusCode, Validator};
use crate::diagnostics::{Report, Severity};
use crate::json::Json;

/// The platform's webhook types the emulator sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookKind {
    /// Voice Call Action (`CALL_ACTION`): its answer is the next callflow.
    Vca,
    /// Voice Call Status (`CALL_STATUS`): progress of a call leg.
    Vcs,
    /// Voice Session Summary (`SESSION_SUMMARY`): the end of the session.
    Vss,
}

impl WebhookKind {
    /// The platform's name of the type: `VCA`, `VCS` or `VSS`.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookKind::Vca => "VCA",
            WebhookKind::Vcs => "VCS",
            WebhookKind::Vss => "VSS",
        }
    }

    /// The `eventType` of this webhook type's body.
    pub fn event_type(self) -> &'static str {
        match self {
            WebhookKind::Vca => "CALL_ACTION",
            WebhookKind::Vcs => "CALL_STATUS",
            WebhookKind::Vss => "SESSION_SUMMARY",
        }
    }
}

impl Webhook {
    /// A webhook of `kind` carrying `body` as it was received, to relay it to another
    /// service (its `clientActionId` read from the body, when it has one).
    ///
    /// ```
    /// use callflow_core::voice::emulator::{Webhook, WebhookKind};
    /// let body = r#"{"eventType": "CALL_ACTION", "payload": {"clientActionId": "main"}}"#;
    /// let webhook = Webhook::relay(WebhookKind::Vca, body.to_owned());
    /// assert_eq!(webhook.client_action_id.as_deref(), Some("main"));
    /// assert_eq!(webhook.event_type, "CALL_ACTION");
    /// ```
    pub fn relay(kind: WebhookKind, body: String) -> Webhook {
        let client_action_id = serde_json::from_str::<Value>(&body).ok().and_then(|value| {
            value
                .pointer("/payload/clientActionId")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        Webhook {
            kind,
            event_type: kind.event_type(),
            client_action_id,
            body,
        }
    }
}

impl fmt::Display for WebhookKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One webhook to deliver to the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Webhook {
    /// Which webhook type: it decides the URL it goes to.
    pub kind: WebhookKind,
    /// `CALL_ACTION`, `CALL_STATUS` or `SESSION_SUMMARY`.
    pub event_type: &'static str,
    /// The `clientActionId` the body carries.
    pub client_action_id: Option<String>,
    /// The JSON body, as 8x8 would post it.
    pub body: String,
}

/// Why a webhook got no usable HTTP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Failure {
    /// No answer within the webhook timeout.
    Timeout,
    /// The connection could not be made, or broke.
    Connection,
    /// The answer's body was larger than the runner accepts.
    TooLarge,
    /// The backend answered with a redirect, which the platform does not follow.
    Redirect,
}

impl Failure {
    /// Every failure, in the order the documentation lists them.
    pub const ALL: [Failure; 4] = [
        Failure::Timeout,
        Failure::Connection,
        Failure::TooLarge,
        Failure::Redirect,
    ];

    /// `timeout`, `connection`, `too-large` or `redirect`.
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::Timeout => "timeout",
            Failure::Connection => "connection",
            Failure::TooLarge => "too-large",
            Failure::Redirect => "redirect",
        }
    }
}

impl FromStr for Failure {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Failure::ALL
            .into_iter()
            .find(|failure| failure.as_str() == name)
        .ok_or_else(|| {
            format!(
                "unknown failure {name:?}: expected \"timeout\", \"connection\", \"too-large\" or \"redirect\""
            )
        })
    }
}

/// The backend's answer to a webhook.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Response {
    /// An HTTP answer, of any status.
    Answered {
        /// The HTTP status.
        status: u16,
        /// The body.
        body: Vec<u8>,
        /// How long the backend took, in milliseconds.
        latency_ms: f64,
    },
    /// No usable HTTP answer.
    Failed {
        /// Why.
        failure: Failure,
        /// The details, in words.
        detail: String,
        /// How long was waited, in milliseconds.
        latency_ms: f64,
    },
}

impl Response {
    /// An immediate answer with this status and body.
    pub fn json(status: u16, body: &str) -> Response {
        Response::Answered {
            status,
            body: body.as_bytes().to_vec(),
            latency_ms: 0.0,
        }
    }

    /// The latency, to the microsecond; a latency that is not a number or is negative
    /// counts as 0, an infinite one as never (past any timeout).
    fn latency_ms(&self) -> f64 {
        let (Response::Answered { latency_ms, .. } | Response::Failed { latency_ms, .. }) = self;
        if latency_ms.is_nan() || *latency_ms < 0.0 {
            0.0
        } else {
            (latency_ms.min(1e12) * 1000.0).round() / 1000.0
        }
    }
}

/// How much of an answer's body the transcript keeps.
const ANSWER_KEPT: usize = 4096;
/// How long a busy line or a failed call takes to tell.
const BUSY_MS: u64 = 2000;
const FAIL_MS: u64 = 1000;

/// What the emulator does first.
#[derive(Debug)]
enum Start {
    /// Check the Send Callflow request, then place its call.
    Outbound {
        report: Report,
        callflow: Option<Callflow>,
    },
    /// A call arrives at a virtual number.
    Inbound { from: String, to: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Starting,
    Running,
    /// A call action webhook is out; its answer decides what comes next.
    Awaiting,
    Done,
}

/// A webhook out for delivery, with the transcript step that records it.
#[derive(Debug)]
struct Outgoing {
    webhook: Webhook,
    step: usize,
}

/// What the caller does at a capture try.
enum Turn {
    /// Presses these keys, or nothing.
    Keys(Option<String>),
    /// Hangs up.
    HangUp,
}

/// What the answer to a call action means.
enum Verdict {
    Reply(Reply, Report),
    Empty,
    Failed {
        code: &'static str,
        message: String,
        error: SessionErrorCode,
        /// The reply's report, for a reply that fails validation.
        report: Option<Report>,
    },
}

/// One emulated call: the platform's side, driven by whoever delivers its webhooks.
///
/// See the [module documentation](self) for an example.
#[derive(Debug)]
pub struct Emulator {
    options: Options,
    script: Script,
    ids: Ids,
    start: Option<Start>,
    session: Option<Session>,
    legs: Vec<Leg>,
    now: u64,
    queue: VecDeque<Action>,
    client_action_id: Option<String>,
    outbox: VecDeque<Outgoing>,
    waiting: Option<Outgoing>,
    phase: Phase,
    hangup_at: Option<u64>,
    steps_run: u32,
    last_action: Option<LastAction>,
    script_ran_out: bool,
    transcript: Transcript,
    /// The menus met and replies taken, kept only for the explorer.
    trail: Option<Trail>,
}

impl Emulator {
    /// A call started by a Send Callflow request (text, bytes or a parsed value). The
    /// request is checked as the API would at the start time; a refused request gives a
    /// transcript with `NOT_CREATED`, the status code, and no webhook.
    pub fn outbound<I: Input + ?Sized>(request: &I, script: Script, options: Options) -> Emulator {
        let (report, callflow) = Validator::new()
            .at(system_time(options.start_time_ms))
            .checked::<Callflow, I>(request);
        Emulator::new(Start::Outbound { report, callflow }, script, options)
    }

    /// A call from `from` to the virtual number `to`: the platform posts a call action
    /// with `CALL_RECEIVED`, and the answer is the call's first callflow.
    pub fn inbound(from: &str, to: &str, script: Script, options: Options) -> Emulator {
        let start = Start::Inbound {
            from: from.to_owned(),
            to: to.to_owned(),
        };
        Emulator::new(start, script, options)
    }

    fn new(start: Start, script: Script, options: Options) -> Emulator {
        Emulator {
            ids: Ids::new(options.seed),
            options,
            script,
            start: Some(start),
            session: None,
            legs: Vec::new(),
            now: 0,
            queue: VecDeque::new(),
            client_action_id: None,
            outbox: VecDeque::new(),
            waiting: None,
            phase: Phase::Starting,
            hangup_at: None,
            steps_run: 0,
            last_action: None,
            script_ran_out: false,
            transcript: Transcript {
                ok: true,
                session_id: None,
                session_status: "NOT_CREATED".to_owned(),
                status_code: 1,
                heard: Vec::new(),
                pressed: Vec::new(),
                webhooks: Vec::new(),
                findings: Vec::new(),
                steps: Vec::new(),
                duration_ms: 0,
                summary: None,
            },
            trail: None,
        }
    }

    /// Keeps a [`Trail`] of the menus met and replies taken, for the explorer.
    pub(crate) fn with_trail(mut self) -> Emulator {
        self.trail = Some(Trail::default());
        self
    }

    /// The next webhook to deliver; `None` once the call is over. Until
    /// [`Emulator::respond`] answers it, the same webhook is returned again.
    pub fn next_webhook(&mut self) -> Option<Webhook> {
        if self.waiting.is_none() {
            self.advance();
            self.waiting = self.outbox.pop_front();
        }
        self.waiting.as_ref().map(|out| out.webhook.clone())
    }

    /// The backend's answer to the webhook [`Emulator::next_webhook`] returned (an
    /// answer when no webhook is out is ignored).
    #[allow(clippy::needless_pass_by_value)] // the answer is handed over, like a message
    pub fn respond(&mut self, response: Response) {
        let Some(out) = self.waiting.take() else {
            return;
        };
        self.record_answer(&out, &response);
        if out.webhook.kind == WebhookKind::Vca {
            self.take_reply(out.step, &response);
        } else if let Some((code, message, _)) = self.transport_problem(&response) {
            let message = format!("{} webhook: {message}", out.webhook.kind);
            self.find(code, Severity::Warning, message, out.step);
        }
    }

    /// The options the call runs with (a runner reads the webhook timeout here).
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The transcript so far; complete once [`Emulator::next_webhook`] returned `None`.
    pub fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    /// The transcript, ending the emulation.
    pub fn into_transcript(self) -> Transcript {
        self.transcript
    }

    /// The transcript and, when kept, the trail.
    pub(crate) fn into_parts(self) -> (Transcript, Option<Trail>) {
        (self.transcript, self.trail)
    }

    /// Runs the whole call, answering each webhook with `backend`.
    pub fn run(self, mut backend: impl FnMut(&Webhook) -> Response) -> Transcript {
        self.run_to_end(&mut backend).into_transcript()
    }

    /// Runs the whole call, answering each webhook with `backend`, keeping the emulator.
    pub(crate) fn run_to_end(mut self, backend: &mut impl FnMut(&Webhook) -> Response) -> Emulator {
        while let Some(webhook) = self.next_webhook() {
            let response = backend(&webhook);
            self.respond(response);
        }
        self
    }

    /// Runs the call until a webhook is ready or the call is over.
    fn advance(&mut self) {
        while self.outbox.is_empty() {
            match self.phase {
                Phase::Starting => self.begin(),
                Phase::Running => self.run_next(),
                Phase::Awaiting | Phase::Done => return,
            }
        }
    }

    fn begin(&mut self) {
        match self.start.take() {
            Some(Start::Outbound { report, callflow }) => self.begin_outbound(report, callflow),
            Some(Start::Inbound { from, to }) => self.begin_inbound(from, to),
            None => self.phase = Phase::Done,
        }
    }

    fn begin_outbound(&mut self, report: Report, callflow: Option<Callflow>) {
        let status_code = StatusCode::of(&report).code();
        self.transcript.status_code = status_code;
        let refused = match (&callflow, report.errors().next()) {
            (Some(_), None) => None,
            (_, Some(issue)) => Some(issue.message.clone()),
            (None, None) => Some("the request could not be read".to_owned()),
        };
        let step = self.step(StepEvent::Request {
            status_code,
            report,
        });
        let (Some(callflow), None) = (callflow, refused.as_ref()) else {
            let message = format!(
                "the API refuses the request with status {status_code}: {}",
                refused.unwrap_or_default()
            );
            self.find("request-invalid", Severity::Error, message, step);
            self.phase = Phase::Done;
            return;
        };
        self.open_session();
        self.now = self.options.start_delay_ms;
        let deadline = callflow.valid_until.as_deref().and_then(parse_timestamp);
        let placed_ns = i128::from(self.options.start_time_ms) * 1_000_000
            + i128::from(self.options.start_delay_ms) * 1_000_000;
        if deadline.is_some_and(|deadline| deadline < placed_ns) {
            self.find(
                "valid-until-expired",
                Severity::Error,
                "validUntil passed while the call waited to be placed".to_owned(),
                step,
            );
            self.end(None, Some(SessionErrorCode::ValidityExpired));
            return;
        }
        self.queue = callflow.actions.into();
        self.phase = Phase::Running;
    }

    fn begin_inbound(&mut self, from: String, to: String) {
        self.open_session();
        let leg = Leg {
            name: leg_name(0),
            call_id: self.ids.next_id(),
            inbound: true,
            source: from,
            destination: to,
            initiated_ms: 0,
            connected_ms: Some(0),
            disconnected_ms: None,
            status: None,
        };
        self.legs.push(leg);
        self.leg_step(0, "received");
        self.status_webhook(0, &CallStatus::CallReceived);
        self.arm_hangup();
        self.call_action(&CallStatus::CallReceived, &Digits::NotCaptured);
    }

    fn open_session(&mut self) {
        let session_id = self.ids.next_id();
        self.transcript.session_id = Some(session_id.clone());
        self.transcript.status_code = 1;
        self.session = Some(Session {
            id: session_id,
            sub_account_id: self.options.sub_account_id.clone(),
            start_ms: self.options.start_time_ms,
            dialect: self.options.dialect,
        });
    }

    /// Runs the next action of the current callflow, or ends the callflow.
    fn run_next(&mut self) {
        if self.hangup_at.is_some_and(|at| at <= self.now) {
            self.end(Some("caller"), None);
            return;
        }
        if !self.count_step() {
            return;
        }
        match self.queue.pop_front() {
            Some(action) => self.perform(action),
            None => self.callflow_ended(),
        }
    }

    /// Counts one step against the cap; `false` (and the call ended) past it.
    fn count_step(&mut self) -> bool {
        if self.steps_run >= self.options.max_steps {
            let message = format!(
                "the call ran {} steps without ending; the emulator hung up",
                self.options.max_steps
            );
            let step = self.transcript.steps.len();
            self.find("call-too-long", Severity::Error, message, step);
            self.end(Some("emulator"), None);
            return false;
        }
        self.steps_run += 1;
        true
    }

    fn perform(&mut self, action: Action) {
        self.last_action = Some(last_action(&action));
        match action {
            Action::MakeCall(call) => self.make_call(call),
            Action::Say(say) => {
                let duration = self.speech(&say.text, say.speed);
                for _ in 0..say.repetition.unwrap_or(1).max(1) {
                    if !self.speak(&say.text, &say.voice_profile, "text", duration) {
                        return;
                    }
                }
            }
            Action::PlayFile(play) => {
                for _ in 0..play.repetition.unwrap_or(1).max(1) {
                    if !self.play(&play.file_url) {
                        return;
                    }
                }
            }
            Action::SayAndCapture(capture) => self.capture(&capture),
            Action::Hangup => self.end(Some("callflow"), None),
        }
    }

    fn callflow_ended(&mut self) {
        let step = self.transcript.steps.len();
        let message = "the callflow ended without hangup and no webhook was waiting";
        match self.options.after_last_action {
            AfterLastAction::Hangup => {
                let message = format!("{message}; the platform hung up (assumed)");
                self.find("no-hangup", Severity::Warning, message, step);
                self.end(Some("platform"), None);
            }
            AfterLastAction::Error => {
                self.find("no-hangup", Severity::Error, message.to_owned(), step);
                self.end(Some("platform"), Some(SessionErrorCode::InvalidCallflow));
            }
        }
    }

    /// `makeCall`: the call's first leg, or a leg bridged to the caller.
    fn make_call(&mut self, call: MakeCall) {
        let callee = self.script.next_callee();
        let first = self.legs.is_empty();
        let index = self.legs.len();
        let leg = Leg {
            name: leg_name(index),
            call_id: self.ids.next_id(),
            inbound: false,
            source: call.source,
            destination: call.destination,
            initiated_ms: self.now,
            connected_ms: None,
            disconnected_ms: None,
            status: None,
        };
        self.legs.push(leg);
        self.leg_step(index, "dialing");
        self.status_webhook(index, &CallStatus::CallInitiated);
        let ring = match callee {
            Callee::Answer { .. } => self.options.ring_ms,
            Callee::Busy => BUSY_MS,
            Callee::NoAnswer => self.options.ring_timeout_ms,
            Callee::Fail => FAIL_MS,
        };
        if !first && let Some(at) = self.hangup_within(ring) {
            // The caller hung up before the bridge: 8x8's summary table gives both legs
            // (and so the session) CANCELED.
            self.now = at;
            self.close_leg(index, SessionStatus::Canceled, "canceled");
            self.close_leg(0, SessionStatus::Canceled, "canceled");
            self.end(Some("caller"), None);
            return;
        }
        self.now = self.now.saturating_add(ring);
        let talk_ms = match callee {
            Callee::Answer { talk_ms } => talk_ms.unwrap_or(self.options.talk_ms),
            Callee::Busy => return self.unanswered(index, SessionStatus::Busy, "busy", first),
            Callee::NoAnswer => {
                return self.unanswered(index, SessionStatus::NoAnswer, "noAnswer", first);
            }
            Callee::Fail => return self.unanswered(index, SessionStatus::Failed, "failed", first),
        };
        self.legs[index].connected_ms = Some(self.now);
        self.leg_step(index, "answered");
        self.status_webhook(index, &CallStatus::CallConnected);
        if first {
            self.arm_hangup();
            return;
        }
        let name = self.legs[index].name.clone();
        if let Some(at) = self.hangup_within(talk_ms) {
            let duration_ms = at - self.now;
            self.step(StepEvent::Bridge {
                leg: name,
                duration_ms,
            });
            self.now = at;
            self.end(Some("caller"), None);
            return;
        }
        self.step(StepEvent::Bridge {
            leg: name,
            duration_ms: talk_ms,
        });
        self.now = self.now.saturating_add(talk_ms);
        self.close_leg(index, SessionStatus::Completed, "disconnected");
        self.call_action(&CallStatus::ActionCompleted, &Digits::NotCaptured);
    }

    /// A leg that was not answered: the session ends for the first leg; after a
    /// bridge attempt the backend is asked what next.
    fn unanswered(
        &mut self,
        index: usize,
        status: SessionStatus,
        state: &'static str,
        first: bool,
    ) {
        self.close_leg(index, status, state);
        if first {
            self.end(None, None);
        } else {
            self.call_action(&CallStatus::ActionCompleted, &Digits::NotCaptured);
        }
    }

    fn close_leg(&mut self, index: usize, status: SessionStatus, state: &'static str) {
        let leg = &mut self.legs[index];
        leg.status = Some(status);
        leg.disconnected_ms = Some(self.now);
        self.leg_step(index, state);
        self.status_webhook(index, &CallStatus::CallDisconnected);
    }

    /// `sayAndCapture`: prompt, collect, retry, then the call action with the digits.
    fn capture(&mut self, params: &SayAndCapture) {
        let rules = Capture::of(params, self.options.capture_defaults);
        if let Some(trail) = self.trail.as_mut() {
            let step = self.transcript.steps.len();
            let id = self.client_action_id.as_deref();
            trail.visit(id, params, &self.queue, rules, step);
        }
        let prompt_ms = self.speech(&params.prompt_message, params.speed);
        for attempt in 1..=rules.tries {
            if attempt > 1 && !self.count_step() {
                return;
            }
            let Turn::Keys(keys) = self.caller_turn() else {
                self.end(Some("caller"), None);
                return;
            };
            for _ in 0..params.repetition.unwrap_or(1).max(1) {
                if !self.speak(
                    &params.prompt_message,
                    &params.voice_profile,
                    "promptMessage",
                    prompt_ms,
                ) {
                    return;
                }
            }
            let hangup_in = self.hangup_at.map(|at| at.saturating_sub(self.now));
            let got = rules.collect(
                keys.as_deref().unwrap_or(""),
                self.options.key_interval_ms,
                hangup_in,
            );
            self.now = self.now.saturating_add(got.elapsed_ms);
            if !got.pressed.is_empty() {
                self.transcript.pressed.push(got.pressed.clone());
            }
            let accepted = rules.accepts(&got);
            self.step(StepEvent::Capture {
                attempt,
                keys,
                digits: (!got.digits.is_empty()).then(|| got.digits.clone()),
                result: if accepted { "success" } else { "failure" },
                ended_by: got.ended_by.as_str(),
            });
            if got.ended_by == EndedBy::Hangup {
                self.end(Some("caller"), None);
                return;
            }
            self.arm_hangup();
            let message = if accepted {
                &params.success_message
            } else {
                &params.failure_message
            };
            if let Some(message) = message.as_deref().filter(|text| !text.trim().is_empty()) {
                let from = if accepted {
                    "successMessage"
                } else {
                    "failureMessage"
                };
                let duration = self.speech(message, params.speed);
                if !self.speak(message, &params.voice_profile, from, duration) {
                    return;
                }
            }
            if accepted {
                let digits = Digits::Captured(Some(got.digits));
                return self.call_action(&self.capture_status(), &digits);
            }
        }
        self.call_action(&self.capture_status(), &Digits::Captured(None));
    }

    fn capture_status(&self) -> CallStatus {
        match self.options.dialect {
            Dialect::Current => CallStatus::ActionCompleted,
            Dialect::Legacy => CallStatus::DtmfReceived,
        }
    }

    /// What the caller does at the next capture try.
    fn caller_turn(&mut self) -> Turn {
        loop {
            match self.script.next_caller() {
                Some(CallerStep::Press(keys)) => return Turn::Keys(Some(keys)),
                Some(CallerStep::Silence) => return Turn::Keys(None),
                Some(CallerStep::Hangup) => return Turn::HangUp,
                Some(CallerStep::HangupAfter(ms)) => self.hang_up_in(ms),
                None => {
                    if !self.script_ran_out && self.hangup_at.is_none() {
                        self.script_ran_out = true;
                        let step = self.transcript.steps.len();
                        let message =
                            "the script ran out at a capture; the caller stays silent from here on"
                                .to_owned();
                        self.find("script-exhausted", Severity::Warning, message, step);
                    }
                    return Turn::Keys(None);
                }
            }
        }
    }

    /// Takes a timed hang-up when it is the caller's next step.
    fn arm_hangup(&mut self) {
        if let Some(ms) = self.script.take_timed_hangup() {
            self.hang_up_in(ms);
        }
    }

    fn hang_up_in(&mut self, ms: u64) {
        let at = self.now.saturating_add(ms);
        self.hangup_at = Some(self.hangup_at.map_or(at, |earlier| earlier.min(at)));
    }

    /// When the caller hangs up within the next `ms`, if they do.
    fn hangup_within(&self, ms: u64) -> Option<u64> {
        self.hangup_at
            .filter(|at| *at < self.now.saturating_add(ms))
            .map(|at| at.max(self.now))
    }

    fn speech(&self, text: &str, speed: Option<f64>) -> u64 {
        speech_ms(
            text,
            speed.unwrap_or(1.0),
            self.options.words_per_minute,
            self.options.sentence_pause_ms,
        )
    }

    /// The caller hears `text`; `false` when they hang up during it (the call is then
    /// over).
    fn speak(&mut self, text: &str, voice: &str, from: &'static str, duration_ms: u64) -> bool {
        let cut = self.hangup_within(duration_ms);
        let heard_ms = cut.map_or(duration_ms, |at| at - self.now);
        if cut.is_none() || heard_ms > 0 {
            self.transcript.heard.push(text.to_owned());
        }
        self.step(StepEvent::Say {
            text: text.to_owned(),
            voice_profile: voice.to_owned(),
            from,
            duration_ms: heard_ms,
            interrupted: cut.is_some(),
        });
        self.listened(heard_ms, cut)
    }

    /// The caller hears the file at `url`; `false` when they hang up during it.
    fn play(&mut self, url: &str) -> bool {
        let duration_ms = self.options.file_duration_ms;
        let cut = self.hangup_within(duration_ms);
        let heard_ms = cut.map_or(duration_ms, |at| at - self.now);
        if cut.is_none() || heard_ms > 0 {
            self.transcript.heard.push(format!("file:{url}"));
        }
        self.step(StepEvent::Play {
            file_url: url.to_owned(),
            duration_ms: heard_ms,
            interrupted: cut.is_some(),
        });
        self.listened(heard_ms, cut)
    }

    /// Moves the clock past what was heard; ends the call when the caller hung up.
    fn listened(&mut self, heard_ms: u64, cut: Option<u64>) -> bool {
        self.now = self.now.saturating_add(heard_ms);
        if cut.is_some() {
            self.end(Some("caller"), None);
        }
        cut.is_none()
    }

    /// Sends a call action webhook for the first leg; its answer decides what follows.
    fn call_action(&mut self, status: &CallStatus, digits: &Digits) {
        let (Some(session), Some(leg)) = (&self.session, self.legs.first()) else {
            return;
        };
        let body = session.call_action(
            leg,
            &self.ids.next_id(),
            status,
            digits,
            self.client_action_id.as_deref(),
            self.now,
        );
        self.send(WebhookKind::Vca, body);
        self.phase = Phase::Awaiting;
    }

    /// Sends a call status webhook for a leg, when status webhooks are on.
    fn status_webhook(&mut self, index: usize, status: &CallStatus) {
        if !self.options.status_webhooks {
            return;
        }
        let (Some(session), Some(leg)) = (&self.session, self.legs.get(index)) else {
            return;
        };
        let body = session.call_status(leg, &self.ids.next_id(), status, self.now);
        self.send(WebhookKind::Vcs, body);
    }

    fn send(&mut self, kind: WebhookKind, body: Value) {
        let client_action_id = body
            .pointer("/payload/clientActionId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let text = body.to_string();
        let step = self.step(StepEvent::Webhook {
            kind: kind.as_str(),
            event_type: kind.event_type(),
            body,
            http_status: None,
            latency_ms: 0.0,
            answer: None,
            failure: None,
            report: None,
        });
        self.outbox.push_back(Outgoing {
            webhook: Webhook {
                kind,
                event_type: kind.event_type(),
                client_action_id,
                body: text,
            },
            step,
        });
    }

    /// Writes the answer into the webhook's step and the list of webhooks.
    fn record_answer(&mut self, out: &Outgoing, response: &Response) {
        let latency = response.latency_ms();
        let (status, answer, failed) = match response {
            Response::Answered { status, body, .. } => (Some(*status), Some(kept(body)), None),
            Response::Failed { failure, .. } => (None, None, Some(failure.as_str().to_owned())),
        };
        if let Some(Step {
            event:
                StepEvent::Webhook {
                    http_status,
                    latency_ms,
                    answer: kept_answer,
                    failure,
                    ..
                },
            ..
        }) = self.transcript.steps.get_mut(out.step)
        {
            *http_status = status;
            *latency_ms = latency;
            *kept_answer = answer;
            *failure = failed;
        }
        self.transcript.webhooks.push(WebhookRecord {
            kind: out.webhook.kind.as_str(),
            event_type: out.webhook.event_type,
            client_action_id: out.webhook.client_action_id.clone(),
            http_status: status,
            latency_ms: latency,
        });
    }

    /// A failure every webhook type can meet: no answer, an answer too late, or an
    /// HTTP error status.
    fn transport_problem(
        &self,
        response: &Response,
    ) -> Option<(&'static str, String, SessionErrorCode)> {
        let connectivity = SessionErrorCode::InternalConnectivity;
        let timeout = self.options.webhook_timeout_ms;
        let latency_ms = response.latency_ms();
        match response {
            Response::Failed {
                failure, detail, ..
            } => {
                let code = match failure {
                    Failure::Timeout => "reply-timeout",
                    Failure::Connection => "connection-failed",
                    Failure::TooLarge => "reply-too-large",
                    Failure::Redirect => "http-error",
                };
                Some((code, detail.clone(), connectivity))
            }
            Response::Answered { .. } if latency_ms > u64_to_f64(timeout) => Some((
                "reply-timeout",
                format!(
                    "the backend took {latency_ms:.1} ms, past the {timeout} ms webhook timeout"
                ),
                connectivity,
            )),
            Response::Answered { body, .. }
                if u64::try_from(body.len()).unwrap_or(u64::MAX) > self.options.max_reply_bytes =>
            {
                Some((
                    "reply-too-large",
                    format!(
                        "the answer's body is {} bytes, over the {} byte limit",
                        body.len(),
                        self.options.max_reply_bytes
                    ),
                    connectivity,
                ))
            }
            Response::Answered { status, .. } if !(200..300).contains(status) => Some((
                "http-error",
                format!("the backend answered HTTP {status}"),
                connectivity,
            )),
            Response::Answered { .. } => None,
        }
    }

    /// What a call action's answer means.
    fn judge(&self, response: &Response) -> Verdict {
        if let Some((code, message, error)) = self.transport_problem(response) {
            return Verdict::Failed {
                code,
                message,
                error,
                report: None,
            };
        }
        let Response::Answered { body, .. } = response else {
            return Verdict::Empty;
        };
        let invalid = SessionErrorCode::InvalidCallflow;
        let tree = match Json::parse(body) {
            Ok(tree) => tree,
            Err(_) if body.iter().all(u8::is_ascii_whitespace) => return Verdict::Empty,
            Err(err) => {
                return Verdict::Failed {
                    code: "not-json",
                    message: format!("the reply is not JSON: {err}"),
                    error: invalid,
                    report: None,
                };
            }
        };
        if matches!(&tree, Json::Object(members) if members.is_empty()) {
            return Verdict::Empty;
        }
        let (report, reply) = Validator::new()
            .at(system_time(self.options.start_time_ms))
            .checked::<Reply, _>(&tree);
        if let Some(reply) = reply {
            return Verdict::Reply(reply, report);
        }
        let first = report
            .errors()
            .next()
            .map(|issue| issue.message.clone())
            .unwrap_or_default();
        Verdict::Failed {
            code: "invalid-reply",
            message: format!(
                "8x8 would refuse the reply with status {}: {first}",
                StatusCode::of(&report).code()
            ),
            error: invalid,
            report: Some(report),
        }
    }

    /// Takes the answer to a call action: the next callflow, or what a failure means.
    fn take_reply(&mut self, step: usize, response: &Response) {
        match self.judge(response) {
            Verdict::Reply(reply, report) => {
                if let Some(trail) = self.trail.as_mut() {
                    let body = serde_json::to_value(&reply).unwrap_or_default();
                    trail.replies.push((step, body));
                }
                self.set_report(step, report);
                self.client_action_id = reply.client_action_id;
                self.queue = reply.actions.into();
                self.phase = Phase::Running;
            }
            Verdict::Empty => {
                let message = "the call action was answered with no callflow; the call goes on with what is left of the current one".to_owned();
                self.find("empty-reply", Severity::Warning, message, step);
                self.phase = Phase::Running;
            }
            Verdict::Failed {
                code,
                message,
                error,
                report,
            } => {
                if let Some(report) = report {
                    self.set_report(step, report);
                }
                self.find(code, Severity::Error, message, step);
                match self.options.on_webhook_failure {
                    OnWebhookFailure::EndCall => self.end(Some("platform"), Some(error)),
                    OnWebhookFailure::Continue => self.phase = Phase::Running,
                }
            }
        }
    }

    fn set_report(&mut self, step: usize, checked: Report) {
        if let Some(Step {
            event: StepEvent::Webhook { report, .. },
            ..
        }) = self.transcript.steps.get_mut(step)
        {
            *report = Some(checked);
        }
    }

    /// Ends the session: hangs up every live leg, records the end and the summary, and
    /// sends the summary webhook.
    fn end(&mut self, by: Option<&'static str>, error: Option<SessionErrorCode>) {
        if let Some(by) = by {
            self.step(StepEvent::Hangup { by });
        }
        for index in 0..self.legs.len() {
            if self.legs[index].disconnected_ms.is_none() {
                let (status, state) = if self.legs[index].connected_ms.is_some() {
                    (SessionStatus::Completed, "disconnected")
                } else {
                    (SessionStatus::Canceled, "canceled")
                };
                self.close_leg(index, status, state);
            }
        }
        let status = match error {
            Some(_) => SessionStatus::Error,
            None => self.derived_status(),
        };
        status
            .as_str()
            .clone_into(&mut self.transcript.session_status);
        let end = self.step(StepEvent::End {
            session_status: status.as_str().to_owned(),
            error_code: error.map(|code| i32::try_from(code.code()).unwrap_or(0)),
        });
        if !self.script.is_empty() {
            let message = format!(
                "the call ended with {} script step(s) not used",
                self.script.len()
            );
            self.find("script-unused", Severity::Warning, message, end);
        }
        if let Some(session) = &self.session {
            let summary = session.summary(
                &self.legs,
                &status,
                self.last_action.as_ref(),
                error,
                self.now,
            );
            self.transcript.summary = Some(summary.clone());
            if self.options.summary_webhook {
                self.send(WebhookKind::Vss, summary);
            }
        }
        self.transcript.duration_ms = self.now;
        self.phase = Phase::Done;
    }

    /// The session status from its legs, as 8x8's number-masking table derives it: the
    /// first leg's status unless it completed, then the last bridged leg's.
    fn derived_status(&self) -> SessionStatus {
        let status_of = |leg: &Leg| leg.status.clone().unwrap_or(SessionStatus::Completed);
        match self.legs.first().map(status_of) {
            Some(SessionStatus::Completed) | None => self
                .legs
                .iter()
                .skip(1)
                .last()
                .map_or(SessionStatus::Completed, status_of),
            Some(other) => other,
        }
    }

    fn step(&mut self, event: StepEvent) -> usize {
        self.transcript.steps.push(Step {
            at_ms: self.now,
            event,
        });
        self.transcript.duration_ms = self.now;
        self.transcript.steps.len() - 1
    }

    fn leg_step(&mut self, index: usize, state: &'static str) {
        let (leg, number) = match self.legs.get(index) {
            Some(leg) => (leg.name.clone(), leg.far_end().to_owned()),
            None => return,
        };
        self.step(StepEvent::Leg { leg, state, number });
    }

    fn find(&mut self, code: &'static str, severity: Severity, message: String, step: usize) {
        if severity == Severity::Error {
            self.transcript.ok = false;
        }
        self.transcript.findings.push(Finding {
            code,
            severity,
            message,
            step,
        });
    }
}

/// `callA`, `callB`, ... for the legs in order.
fn leg_name(index: usize) -> String {
    let letter = u8::try_from(index % 26).map_or('?', |offset| char::from(b'A' + offset));
    if index < 26 {
        format!("call{letter}")
    } else {
        format!("call{letter}{}", index / 26)
    }
}

/// The session summary's name of an action.
fn last_action(action: &Action) -> LastAction {
    match action {
        Action::MakeCall(_) => LastAction::MakeCall,
        Action::Say(_) => LastAction::Say,
        Action::PlayFile(_) => LastAction::PlayFile,
        Action::SayAndCapture(_) => LastAction::SayAndCapture,
        Action::Hangup => LastAction::Hangup,
    }
}

/// The start of the answer's body, as text.
fn kept(body: &[u8]) -> String {
    let end = body.len().min(ANSWER_KEPT);
    String::from_utf8_lossy(&body[..end]).into_owned()
}

#[allow(clippy::cast_precision_loss)]
fn u64_to_f64(value: u64) -> f64 {
    value as f64
}
