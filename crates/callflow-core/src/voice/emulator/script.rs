//! The caller's and the called parties' behaviour, in order.

use std::collections::VecDeque;

use serde::Serialize;

use super::error::{Document, EmulatorError, json_text};
use crate::voice::input::Input;

/// What the caller (the person on the first call leg) does when asked for input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum CallerStep {
    /// Presses these keys (`0`-`9`, `*`, `#`), one every key interval.
    Press(String),
    /// Presses nothing.
    Silence,
    /// Hangs up instead of answering the next prompt.
    Hangup,
    /// Hangs up this many milliseconds after the previous step (or after answering).
    HangupAfter(u64),
}

/// What a called party does when a `makeCall` rings it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Callee {
    /// Answers, and talks for `talk_ms` (the options' `talkMs` when `None`) when bridged.
    Answer {
        /// How long a bridged party talks before hanging up.
        talk_ms: Option<u64>,
    },
    /// The line is busy.
    Busy,
    /// Nobody answers before the ring timeout.
    NoAnswer,
    /// The call cannot be placed.
    Fail,
}

/// The caller's and called parties' behaviour: caller steps are taken one per capture
/// try, callee steps one per `makeCall`, each in order. A script that runs out means a
/// silent caller and called parties who answer.
///
/// ```
/// use callflow_core::voice::emulator::{Callee, Script};
/// let built = Script::new().press("1").silence().callee(Callee::Busy).hangup_after(2000);
/// let read = Script::from_json(
///     r#"[{"press": "1"}, "silence", {"callee": "busy"}, {"hangup": {"afterMs": 2000}}]"#,
/// )?;
/// assert_eq!(built, read);
/// # Ok::<(), callflow_core::voice::emulator::EmulatorError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    pub(crate) caller: VecDeque<CallerStep>,
    pub(crate) callees: VecDeque<Callee>,
}

impl Script {
    /// An empty script: the caller stays silent, called parties answer.
    pub fn new() -> Script {
        Script::default()
    }

    /// The caller presses `keys` at the next capture try.
    #[must_use]
    pub fn press(mut self, keys: impl Into<String>) -> Script {
        self.caller.push_back(CallerStep::Press(keys.into()));
        self
    }

    /// The caller presses nothing at the next capture try.
    #[must_use]
    pub fn silence(mut self) -> Script {
        self.caller.push_back(CallerStep::Silence);
        self
    }

    /// The caller hangs up when next asked for input.
    #[must_use]
    pub fn hangup(mut self) -> Script {
        self.caller.push_back(CallerStep::Hangup);
        self
    }

    /// The caller hangs up `ms` milliseconds after the previous caller step.
    #[must_use]
    pub fn hangup_after(mut self, ms: u64) -> Script {
        self.caller.push_back(CallerStep::HangupAfter(ms));
        self
    }

    /// The next `makeCall` gets this outcome.
    #[must_use]
    pub fn callee(mut self, callee: Callee) -> Script {
        self.callees.push_back(callee);
        self
    }

    /// How many steps are left.
    pub fn len(&self) -> usize {
        self.caller.len() + self.callees.len()
    }

    /// Whether no step is left.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads a script: a JSON array of `{"press": "12#"}`, `"silence"`, `"hangup"`,
    /// `{"hangup": {"afterMs": 3000}}` and `{"callee": "answer" | "busy" | "noAnswer" |
    /// "fail", "talkMs"?: n}`.
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Script, EmulatorError> {
        let text = json_text(input, Document::Script)?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|err| EmulatorError::new(Document::Script, err.to_string()))?;
        Script::from_value(&value)
    }

    /// Reads a script from a parsed value (see [`Script::from_json`]).
    pub(crate) fn from_value(value: &serde_json::Value) -> Result<Script, EmulatorError> {
        let steps = value.as_array().ok_or_else(|| {
            EmulatorError::new(Document::Script, "the caller script must be a JSON array")
        })?;
        steps
            .iter()
            .enumerate()
            .try_fold(Script::new(), |script, (index, step)| {
                script.read_step(step).map_err(|why| {
                    EmulatorError::new(Document::Script, format!("script[{index}]: {why}"))
                })
            })
    }

    fn read_step(self, step: &serde_json::Value) -> Result<Script, String> {
        use serde_json::Value;
        let unknown = || {
            format!(
                "{step} is not a step; expected {{\"press\": \"1\"}}, \"silence\", \"hangup\", \
                 {{\"hangup\": {{\"afterMs\": 3000}}}} or {{\"callee\": \"answer\"}}"
            )
        };
        let Value::Object(members) = step else {
            return match step.as_str() {
                Some("silence") => Ok(self.silence()),
                Some("hangup") => Ok(self.hangup()),
                _ => Err(unknown()),
            };
        };
        if let Some(keys) = members.get("press") {
            let keys = keys.as_str().ok_or("\"press\" takes a string of keys")?;
            check_keys(keys)?;
            return Ok(self.press(keys));
        }
        if members.get("silence").is_some() {
            return Ok(self.silence());
        }
        if let Some(hangup) = members.get("hangup") {
            return match hangup.get("afterMs") {
                None => Ok(self.hangup()),
                Some(ms) => ms
                    .as_u64()
                    .map(|ms| self.hangup_after(ms))
                    .ok_or_else(|| "\"afterMs\" takes a whole number of milliseconds".to_owned()),
            };
        }
        if let Some(outcome) = members.get("callee") {
            let talk_ms = match members.get("talkMs") {
                None => None,
                Some(ms) => Some(
                    ms.as_u64()
                        .ok_or("\"talkMs\" takes a whole number of milliseconds")?,
                ),
            };
            let callee = match outcome.as_str() {
                Some("answer") => Callee::Answer { talk_ms },
                Some("busy") => Callee::Busy,
                Some("noAnswer") => Callee::NoAnswer,
                Some("fail") => Callee::Fail,
                _ => {
                    return Err(format!(
                        "unknown callee outcome {outcome}; expected \"answer\", \"busy\", \
                         \"noAnswer\" or \"fail\""
                    ));
                }
            };
            return Ok(self.callee(callee));
        }
        Err(unknown())
    }

    /// The next caller step, if any.
    pub(crate) fn next_caller(&mut self) -> Option<CallerStep> {
        self.caller.pop_front()
    }

    /// Takes a timed hang-up when it is the next caller step.
    pub(crate) fn take_timed_hangup(&mut self) -> Option<u64> {
        match self.caller.front() {
            Some(CallerStep::HangupAfter(ms)) => {
                let ms = *ms;
                self.caller.pop_front();
                Some(ms)
            }
            _ => None,
        }
    }

    /// The next callee outcome; a called party answers when the script says nothing.
    pub(crate) fn next_callee(&mut self) -> Callee {
        self.callees
            .pop_front()
            .unwrap_or(Callee::Answer { talk_ms: None })
    }
}

/// Keys are DTMF digits a phone keypad sends: `0`-`9`, `*` and `#`.
fn check_keys(keys: &str) -> Result<(), String> {
    match keys.chars().find(|key| !is_key(*key)) {
        Some(key) => Err(format!("{key:?} is not a phone key; keys are 0-9, * and #")),
        None if keys.is_empty() => {
            Err("\"press\" needs at least one key; use \"silence\" to press nothing".to_owned())
        }
        None => Ok(()),
    }
}

/// Whether `key` is a key of a phone keypad.
pub(crate) fn is_key(key: char) -> bool {
    key.is_ascii_digit() || key == '*' || key == '#'
}
