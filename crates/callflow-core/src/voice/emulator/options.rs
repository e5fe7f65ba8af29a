//! How the emulated platform behaves where 8x8 documents nothing, and the virtual clock's
//! constants. Every choice is listed, with its reason, in `docs/EMULATOR.md`.

use serde::{Deserialize, Serialize};

use super::error::{Document, EmulatorError, json_text};
use crate::voice::input::Input;

/// The emulator's settings. Every field has a default; read them from JSON with
/// camelCase keys (`{"dialect": "legacy", "webhookTimeoutMs": 2000}`).
///
/// ```
/// use callflow_core::voice::emulator::{Dialect, Options};
/// let options = Options::from_json(r#"{"dialect": "legacy", "seed": 7}"#)?;
/// assert_eq!((options.dialect, options.seed), (Dialect::Legacy, 7));
/// assert_eq!(options.webhook_timeout_ms, 5000);
/// assert!(Options::from_json(r#"{"dialekt": "legacy"}"#).is_err());
/// # Ok::<(), callflow_core::voice::emulator::EmulatorError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Options {
    /// Where Voice Call Action webhooks put the digits.
    pub dialect: Dialect,
    /// Seeds the session, call and event ids, so that a run is repeatable.
    pub seed: u64,
    /// The virtual clock's start, in milliseconds since the Unix epoch
    /// (default 2026-01-01T00:00:00Z); also the "now" of the request's `validUntil` check.
    pub start_time_ms: i64,
    /// How long the call waits in the platform's queue before it is placed; a
    /// `validUntil` before then ends the session with `-2007`.
    pub start_delay_ms: u64,
    /// How long a backend may take to answer a webhook before the platform gives up.
    pub webhook_timeout_ms: u64,
    /// The largest answer body taken; a larger one is `reply-too-large`.
    pub max_reply_bytes: u64,
    /// Send Voice Call Status (`CALL_STATUS`) webhooks for each call leg.
    pub status_webhooks: bool,
    /// Send the Voice Session Summary (`SESSION_SUMMARY`) webhook at the end.
    pub summary_webhook: bool,
    /// The sub-account id written into webhooks.
    pub sub_account_id: String,
    /// Text-to-speech rate at `speed` 1.
    pub words_per_minute: f64,
    /// The pause after each spoken sentence.
    pub sentence_pause_ms: u64,
    /// How long one play of a `playFile` lasts.
    pub file_duration_ms: u64,
    /// The time from one key press to the next (tone and gap).
    pub key_interval_ms: u64,
    /// How long a called party's phone rings before answering.
    pub ring_ms: u64,
    /// How long a phone rings before the call counts as not answered.
    pub ring_timeout_ms: u64,
    /// How long a bridged party talks before hanging up, unless the script says.
    pub talk_ms: u64,
    /// Which defaults apply to `sayAndCapture` parameters that are not set.
    pub capture_defaults: CaptureDefaults,
    /// What the platform does when a call action webhook fails.
    pub on_webhook_failure: OnWebhookFailure,
    /// What the platform does when a callflow ends without `hangup`.
    pub after_last_action: AfterLastAction,
    /// The most actions one call may run before the emulator ends it (`call-too-long`).
    pub max_steps: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dialect: Dialect::Current,
            seed: 0,
            start_time_ms: 1_767_225_600_000,
            start_delay_ms: 0,
            webhook_timeout_ms: 5000,
            max_reply_bytes: 1 << 20,
            status_webhooks: false,
            summary_webhook: true,
            sub_account_id: "callflow-emulator".to_owned(),
            words_per_minute: 150.0,
            sentence_pause_ms: 750,
            file_duration_ms: 5000,
            key_interval_ms: 500,
            ring_ms: 5000,
            ring_timeout_ms: 30_000,
            talk_ms: 30_000,
            capture_defaults: CaptureDefaults::Api,
            on_webhook_failure: OnWebhookFailure::EndCall,
            after_last_action: AfterLastAction::Hangup,
            max_steps: 100,
        }
    }
}

impl Options {
    /// Reads options from JSON (text, bytes or a parsed value); unknown keys and values
    /// out of range are errors.
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Options, EmulatorError> {
        let text = json_text(input, Document::Options)?;
        let options: Options = serde_json::from_str(&text)
            .map_err(|err| EmulatorError::new(Document::Options, format!("options: {err}")))?;
        options.checked()
    }

    /// The options when their numbers make sense.
    fn checked(self) -> Result<Options, EmulatorError> {
        let problem = if !(self.words_per_minute.is_finite() && self.words_per_minute >= 1.0) {
            Some("wordsPerMinute must be a number of at least 1")
        } else if self.key_interval_ms == 0 {
            Some("keyIntervalMs must be at least 1")
        } else if self.max_steps == 0 {
            Some("maxSteps must be at least 1")
        } else {
            None
        };
        match problem {
            Some(problem) => Err(EmulatorError::new(
                Document::Options,
                format!("options: {problem}"),
            )),
            None => Ok(self),
        }
    }
}

/// Where a Voice Call Action webhook carries the captured digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Dialect {
    /// The current documentation: `callStatus: ACTION_COMPLETED`, `eventData.dtmf`.
    Current,
    /// The December 2023 shape 8x8's sample backends read: `callStatus: DTMF_RECEIVED`
    /// and a flat `dtmf`.
    Legacy,
}

impl Dialect {
    /// `"current"` or `"legacy"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Current => "current",
            Dialect::Legacy => "legacy",
        }
    }
}

/// The defaults of unset `sayAndCapture` parameters, on which 8x8's two sources differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CaptureDefaults {
    /// The API reference: `maxDigits` 1, `overallTimeout` 5000, `noOfTries` 1.
    Api,
    /// The call-action guide: `maxDigits` 25, `overallTimeout` 30000, `noOfTries` 3.
    Guide,
}

/// What happens when a call action webhook gets no usable answer (an HTTP error, a
/// timeout, a body that is not a valid reply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OnWebhookFailure {
    /// The session ends in `ERROR`, as 8x8's number-masking summary describes.
    EndCall,
    /// The call goes on with what is left of the current callflow.
    Continue,
}

/// What happens when the last action of a callflow is not `hangup` and no webhook is
/// waiting for an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AfterLastAction {
    /// The platform hangs up; the run gets a `no-hangup` warning.
    Hangup,
    /// The session ends in `ERROR`; the run gets a `no-hangup` error.
    Error,
}
