//! A scenario: one scripted call and what must come of it, as a JSON file.

use serde::Deserialize;
use serde_json::Value;

use super::error::{Document, EmulatorError, json_text};
use super::{Emulator, Options, Script, Transcript};
use crate::voice::input::Input;

/// One scripted call with expectations: a request (or an inbound call), the caller's
/// script, options, and what the transcript must show.
///
/// ```
/// use callflow_core::voice::emulator::{MapBackend, Scenario};
/// let scenario = Scenario::from_json(r#"{
///   "name": "the caller hears goodbye",
///   "inbound": {"from": "+6591234567", "to": "+6568888888"},
///   "expect": {"heard": ["Goodbye"], "sessionStatus": "COMPLETED", "webhooks": 2}
/// }"#)?;
/// let map = MapBackend::from_json(r#"{"start": {"callflow": [
///   {"action": "say", "params": {"text": "Goodbye.", "voiceProfile": "en-GB-Emma"}},
///   {"action": "hangup"}]}}"#)?;
/// let transcript = scenario.start().run(|webhook| map.answer(webhook));
/// assert_eq!(scenario.check(&transcript), Vec::<String>::new());
/// # Ok::<(), callflow_core::voice::emulator::EmulatorError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    name: String,
    start: Start,
    script: Script,
    options: Options,
    expect: Expect,
}

/// How a call starts: a Send Callflow request, or a call arriving at a virtual number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Start {
    Request(Value),
    Inbound { from: String, to: String },
}

impl Start {
    /// A new emulation of this call.
    pub(crate) fn emulator(&self, script: Script, options: Options) -> Emulator {
        match self {
            Start::Request(request) => Emulator::outbound(request, script, options),
            Start::Inbound { from, to } => Emulator::inbound(from, to, script, options),
        }
    }

    /// The members a scenario file starts the call with.
    pub(crate) fn to_scenario_members(&self) -> serde_json::Map<String, Value> {
        let mut members = serde_json::Map::new();
        match self {
            Start::Request(request) => members.insert("request".to_owned(), request.clone()),
            Start::Inbound { from, to } => members.insert(
                "inbound".to_owned(),
                serde_json::json!({"from": from, "to": to}),
            ),
        };
        members
    }
}

/// The file's shape.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: Option<String>,
    request: Option<Value>,
    inbound: Option<Inbound>,
    #[serde(default)]
    script: Option<Value>,
    #[serde(default)]
    options: Option<Value>,
    #[serde(default)]
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Inbound {
    from: String,
    to: String,
}

/// What the transcript must show; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Expect {
    /// Substrings the caller must hear, in this order.
    #[serde(default)]
    heard: Vec<String>,
    session_status: Option<String>,
    status_code: Option<i32>,
    /// How many webhooks were delivered.
    webhooks: Option<usize>,
    /// The codes of the findings, in order (`[]`: none at all).
    findings: Option<Vec<String>>,
    /// Whether the run is ok (no error finding); `true` unless said.
    ok: Option<bool>,
}

impl Scenario {
    /// Reads a scenario (text, bytes or a parsed value).
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Scenario, EmulatorError> {
        let text = json_text(input, Document::Scenario)?;
        let file: File = serde_json::from_str(&text)
            .map_err(|err| EmulatorError::new(Document::Scenario, format!("scenario: {err}")))?;
        let start = match (file.request, file.inbound) {
            (Some(request), None) => Start::Request(request),
            (None, Some(Inbound { from, to })) => Start::Inbound { from, to },
            _ => {
                return Err(EmulatorError::new(
                    Document::Scenario,
                    "a scenario has either \"request\" (a Send Callflow body) or \"inbound\" ({\"from\", \"to\"})",
                ));
            }
        };
        let script = match &file.script {
            Some(script) => Script::from_value(script)?,
            None => Script::new(),
        };
        let options = match &file.options {
            Some(options) => Options::from_json(options)?,
            None => Options::default(),
        };
        Ok(Scenario {
            name: file.name.unwrap_or_default(),
            start,
            script,
            options,
            expect: file.expect,
        })
    }

    /// The scenario's name (empty when the file gives none).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The scenario's options, to adjust before [`Scenario::start_with`].
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// A new emulation of the scenario's call.
    pub fn start(&self) -> Emulator {
        self.start_with(self.options.clone())
    }

    /// A new emulation of the scenario's call with other options (a runner sets, for
    /// example, whether status webhooks have somewhere to go).
    pub fn start_with(&self, options: Options) -> Emulator {
        self.start.emulator(self.script.clone(), options)
    }

    /// The expectations the transcript does not meet, in words; empty when it passes.
    pub fn check(&self, transcript: &Transcript) -> Vec<String> {
        let expect = &self.expect;
        let mut unmet = Vec::new();
        let mut heard = transcript.heard.iter();
        for wanted in &expect.heard {
            if !heard.any(|text| text.contains(wanted.as_str())) {
                unmet.push(format!(
                    "the caller did not hear {wanted:?} (in order); heard {:?}",
                    transcript.heard
                ));
                break;
            }
        }
        if let Some(status) = &expect.session_status
            && *status != transcript.session_status
        {
            unmet.push(format!(
                "session status {}, expected {status}",
                transcript.session_status
            ));
        }
        if let Some(code) = expect.status_code
            && code != transcript.status_code
        {
            unmet.push(format!(
                "status code {}, expected {code}",
                transcript.status_code
            ));
        }
        if let Some(count) = expect.webhooks
            && count != transcript.webhooks.len()
        {
            unmet.push(format!(
                "{} webhook(s) delivered, expected {count}",
                transcript.webhooks.len()
            ));
        }
        if let Some(codes) = &expect.findings {
            let found: Vec<&str> = transcript.findings.iter().map(|f| f.code).collect();
            if found != *codes {
                unmet.push(format!("findings {found:?}, expected {codes:?}"));
            }
        }
        let ok = expect.ok.unwrap_or(true);
        if ok != transcript.ok {
            let errors: Vec<&str> = transcript.errors().map(|f| f.code).collect();
            unmet.push(if ok {
                format!("the call has error findings: {errors:?}")
            } else {
                "the call was expected to have an error finding, and has none".to_owned()
            });
        }
        unmet
    }
}
