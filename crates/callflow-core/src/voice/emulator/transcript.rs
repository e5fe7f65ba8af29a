//! What happened on an emulated call: every step on the virtual clock, the webhooks and
//! their answers, and the findings, as JSON (a stable schema) and as text for people.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostics::{Report, Severity};

/// The record of one emulated call.
///
/// Its JSON form (`to_json`) is documented in `docs/EMULATOR.md` and stable:
/// `ok`, `sessionId`, `sessionStatus`, `statusCode`, `heard`, `pressed`, `webhooks`,
/// `findings`, `steps`, `durationMs` and `summary`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Transcript {
    /// `true` when no finding is an error.
    pub ok: bool,
    /// The session id the API answered; `None` when the request was refused.
    pub session_id: Option<String>,
    /// How the session ended: `COMPLETED`, `BUSY`, `NO_ANSWER`, `FAILED`, `ERROR`, or
    /// `NOT_CREATED` when the API refused the request.
    pub session_status: String,
    /// The API's status code for the request (`1` created), or for an inbound call `1`.
    pub status_code: i32,
    /// What the caller heard, in order: spoken text, or `file:<url>` for a played file.
    pub heard: Vec<String>,
    /// The keys the caller pressed, one entry per capture try that had any.
    pub pressed: Vec<String>,
    /// Every webhook delivered, in order.
    pub webhooks: Vec<WebhookRecord>,
    /// Everything that went wrong or looks wrong, in order.
    pub findings: Vec<Finding>,
    /// Every step of the call on the virtual clock.
    pub steps: Vec<Step>,
    /// The call's length on the virtual clock.
    pub duration_ms: u64,
    /// The Voice Session Summary payload the platform sends at the end (whether or not it
    /// was delivered); `None` when no session was created.
    pub summary: Option<serde_json::Value>,
}

/// One webhook delivered to the backend, and how it was answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookRecord {
    /// The platform's webhook type: `VCA`, `VCS` or `VSS`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `CALL_ACTION`, `CALL_STATUS` or `SESSION_SUMMARY`.
    pub event_type: &'static str,
    /// The `clientActionId` the webhook carried.
    pub client_action_id: Option<String>,
    /// The backend's HTTP status; `None` when no HTTP answer came.
    pub http_status: Option<u16>,
    /// How long the backend took, in milliseconds.
    pub latency_ms: f64,
}

/// Something that went wrong, or looks wrong, on the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// A stable kebab-case code, such as `http-error` or `invalid-reply`.
    pub code: &'static str,
    /// `error` makes the run fail; `warning` does not.
    pub severity: Severity,
    /// What happened, in words.
    pub message: String,
    /// The index in [`Transcript::steps`] of the step it belongs to.
    pub step: usize,
}

/// One step of the call, at a virtual time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Step {
    /// Milliseconds since the call started.
    pub at_ms: u64,
    /// What happened.
    #[serde(flatten)]
    pub event: StepEvent,
}

/// What happened at one step, tagged by `kind` in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum StepEvent {
    /// The API checked the Send Callflow request.
    #[serde(rename_all = "camelCase")]
    Request {
        /// The API's status code: `1` created, or the first error's code.
        status_code: i32,
        /// Every issue found.
        report: Report,
    },
    /// A call leg changed state.
    #[serde(rename_all = "camelCase")]
    Leg {
        /// `callA`, `callB`, ...
        leg: String,
        /// `received`, `dialing`, `answered`, `busy`, `noAnswer`, `failed`, `canceled`
        /// or `disconnected`.
        state: &'static str,
        /// The other end of the leg: the number called, or the caller of an inbound call.
        number: String,
    },
    /// The caller heard speech.
    #[serde(rename_all = "camelCase")]
    Say {
        /// The text.
        text: String,
        /// The speech profile.
        voice_profile: String,
        /// Which parameter it came from: `text`, `promptMessage`, `successMessage` or
        /// `failureMessage`.
        from: &'static str,
        /// How long it lasted on the virtual clock.
        duration_ms: u64,
        /// Whether the caller hung up before it ended.
        interrupted: bool,
    },
    /// The caller heard a file.
    #[serde(rename_all = "camelCase")]
    Play {
        /// The file's URL.
        file_url: String,
        /// How long it lasted on the virtual clock.
        duration_ms: u64,
        /// Whether the caller hung up before it ended.
        interrupted: bool,
    },
    /// A capture try ended.
    #[serde(rename_all = "camelCase")]
    Capture {
        /// Which try of `noOfTries` this was, from 1.
        attempt: u64,
        /// The keys the caller pressed in this try, as scripted.
        keys: Option<String>,
        /// The digits captured, or `None`.
        digits: Option<String>,
        /// `success` or `failure`.
        result: &'static str,
        /// Why input ended: `hash`, `maxDigits`, `digitTimeout` or `overallTimeout`.
        ended_by: &'static str,
    },
    /// The caller or the called party was connected to another leg.
    #[serde(rename_all = "camelCase")]
    Bridge {
        /// The leg bridged to the caller.
        leg: String,
        /// How long they talked.
        duration_ms: u64,
    },
    /// A webhook was delivered and answered.
    #[serde(rename_all = "camelCase")]
    Webhook {
        /// `VCA`, `VCS` or `VSS`.
        #[serde(rename = "type")]
        kind: &'static str,
        /// The event type.
        event_type: &'static str,
        /// The body sent.
        body: serde_json::Value,
        /// The HTTP status answered, if any.
        http_status: Option<u16>,
        /// How long the backend took.
        latency_ms: f64,
        /// The body answered (at most 4096 bytes of it, as text).
        answer: Option<String>,
        /// Why no usable answer came: `timeout`, `connection`, `too-large`, `redirect`.
        failure: Option<String>,
        /// The reply checked with the reply profile, for a call action answered with one.
        report: Option<Report>,
    },
    /// The call was hung up.
    #[serde(rename_all = "camelCase")]
    Hangup {
        /// `caller`, `callflow` (a `hangup` action), `platform` (the callflow ended) or
        /// `emulator` (the step cap).
        by: &'static str,
    },
    /// The session ended.
    #[serde(rename_all = "camelCase")]
    End {
        /// The session status.
        session_status: String,
        /// The session error code, for `ERROR`.
        error_code: Option<i32>,
    },
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

    /// The findings that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
    }

    /// The transcript for people: one line per step, then the findings.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let session = self.session_id.as_deref().unwrap_or("none");
        let _ = writeln!(out, "call {session}");
        for (index, step) in self.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{index:>3} {:>9}  {}",
                seconds(step.at_ms),
                describe(&step.event)
            );
        }
        let _ = writeln!(
            out,
            "{} after {}: status {}, {} webhook(s), {} finding(s)",
            self.session_status,
            seconds(self.duration_ms),
            self.status_code,
            self.webhooks.len(),
            self.findings.len()
        );
        for finding in &self.findings {
            let _ = writeln!(
                out,
                "  {}[{}] at step {}: {}",
                finding.severity, finding.code, finding.step, finding.message
            );
        }
        out
    }
}

/// `12.345s`.
fn seconds(ms: u64) -> String {
    format!("{}.{:03}s", ms / 1000, ms % 1000)
}

/// What the caller heard, for how long, and whether it was cut off.
fn hears(what: &str, duration_ms: u64, interrupted: bool) -> String {
    let cut = if interrupted { ", cut off" } else { "" };
    format!("hears {what} ({}{cut})", seconds(duration_ms))
}

/// One step in words.
fn describe(event: &StepEvent) -> String {
    match event {
        StepEvent::Request {
            status_code,
            report,
        } => {
            if report.is_valid() {
                format!("request accepted (status {status_code})")
            } else {
                format!("request refused (status {status_code}): {report}")
            }
        }
        StepEvent::Leg { leg, state, number } => format!("{leg} {number}: {state}"),
        StepEvent::Say {
            text,
            from,
            duration_ms,
            interrupted,
            ..
        } => hears(&format!("{from} \"{text}\""), *duration_ms, *interrupted),
        StepEvent::Play {
            file_url,
            duration_ms,
            interrupted,
        } => hears(&format!("file {file_url}"), *duration_ms, *interrupted),
        StepEvent::Capture {
            attempt,
            keys,
            digits,
            result,
            ended_by,
        } => format!(
            "capture try {attempt}: pressed {}, captured {} ({result}, ended by {ended_by})",
            keys.as_deref().unwrap_or("nothing"),
            digits.as_deref().unwrap_or("nothing"),
        ),
        StepEvent::Bridge { leg, duration_ms } => {
            format!("bridged to {leg} for {}", seconds(*duration_ms))
        }
        StepEvent::Webhook {
            kind,
            event_type,
            http_status,
            latency_ms,
            failure,
            body,
            ..
        } => {
            let id = body
                .pointer("/payload/clientActionId")
                .and_then(serde_json::Value::as_str)
                .map(|id| format!(" [{id}]"))
                .unwrap_or_default();
            let answer = match (http_status, failure) {
                (_, Some(failure)) => format!("no answer ({failure})"),
                (Some(status), None) => format!("{status}"),
                (None, None) => "not answered".to_owned(),
            };
            format!("{kind} {event_type}{id} -> {answer} in {latency_ms:.1} ms")
        }
        StepEvent::Hangup { by } => format!("hung up by {by}"),
        StepEvent::End {
            session_status,
            error_code,
        } => match error_code {
            Some(code) => format!("session ends {session_status} ({code})"),
            None => format!("session ends {session_status}"),
        },
    }
}
