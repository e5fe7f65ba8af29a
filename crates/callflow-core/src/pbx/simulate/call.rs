//! The call to simulate: who calls, from where, what the caller does at each prompt, what
//! each rung phone does, and which extensions the tenant has.

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value, json};

use super::error::{SimulationError, json_value};
use crate::voice::Input;
use crate::voice::emulator::{CallerStep, Script};

/// The number a withheld caller ID carries, and what `calleridmatch` tests for it.
pub const WITHHELD: &str = "anonymous";

/// What a rung phone (an `extension` module's targets, a dialled extension, a queue)
/// does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Someone answers.
    Answer,
    /// The line is busy.
    Busy,
    /// The phone is not registered or cannot be reached.
    Unavailable,
    /// It rings until the module's ring time runs out.
    NoAnswer,
}

impl Outcome {
    /// Every outcome, in the order the explorer tries them.
    pub const ALL: [Outcome; 4] = [
        Outcome::Answer,
        Outcome::Busy,
        Outcome::Unavailable,
        Outcome::NoAnswer,
    ];

    /// `answer`, `busy`, `unavailable` or `noanswer`: the name of the module's edge.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Answer => "answer",
            Outcome::Busy => "busy",
            Outcome::Unavailable => "unavailable",
            Outcome::NoAnswer => "noanswer",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Outcome::ALL
            .into_iter()
            .find(|outcome| outcome.as_str() == name)
            .ok_or_else(|| {
                format!(
                    "unknown outcome {name:?}: expected \"answer\", \"busy\", \"unavailable\" or \"noanswer\""
                )
            })
    }
}

/// One ring: its outcome and, optionally, when it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ring {
    /// What the phone does.
    pub outcome: Outcome,
    /// When it does it, in milliseconds after ringing starts; `None` for the default
    /// (an answer after the options' `answerMs`, busy and unavailable at once, no answer
    /// at the end of the ring time).
    pub ring_ms: Option<u64>,
}

impl Ring {
    /// The outcome at its default time.
    pub fn new(outcome: Outcome) -> Ring {
        Ring {
            outcome,
            ring_ms: None,
        }
    }
}

/// What an extension number of the tenant is (the engine's shared extension table,
/// reference section 2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExtensionKind {
    /// A SIP user: rung when dialled.
    SipUser,
    /// A hunt group: rung when dialled.
    HuntGroup,
    /// Another call flow: entered when dialled.
    CallFlow,
    /// A mailbox menu: the flow ends when it is dialled from `dialbyextension`.
    VoicemailMenu,
}

impl ExtensionKind {
    const ALL: [ExtensionKind; 4] = [
        ExtensionKind::SipUser,
        ExtensionKind::HuntGroup,
        ExtensionKind::CallFlow,
        ExtensionKind::VoicemailMenu,
    ];

    /// `sipuser`, `huntgroup`, `callflow` or `voicemailmenu`, the engine's discriminators.
    pub fn as_str(self) -> &'static str {
        match self {
            ExtensionKind::SipUser => "sipuser",
            ExtensionKind::HuntGroup => "huntgroup",
            ExtensionKind::CallFlow => "callflow",
            ExtensionKind::VoicemailMenu => "voicemailmenu",
        }
    }

    /// Whether dialling it rings a phone.
    pub fn rings(self) -> bool {
        matches!(self, ExtensionKind::SipUser | ExtensionKind::HuntGroup)
    }
}

/// One extension number of the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// What it is.
    pub kind: ExtensionKind,
    /// The uuid of the user, group, call flow or mailbox, if known.
    pub uuid: Option<String>,
}

impl Extension {
    /// An extension of `kind` with the uuid `uuid`.
    pub fn new(kind: ExtensionKind, uuid: impl Into<String>) -> Extension {
        Extension {
            kind,
            uuid: Some(uuid.into()),
        }
    }

    /// How transcripts name it: `sipuser 92b0aca6`, or just the kind.
    pub(super) fn describe(&self) -> String {
        match &self.uuid {
            Some(uuid) => format!("{} {uuid}", self.kind.as_str()),
            None => self.kind.as_str().to_owned(),
        }
    }
}

/// Who the caller is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Caller {
    /// Not said: a simulated call is withheld; the explorer tries every class of caller.
    #[default]
    Unset,
    /// The caller withheld their number (`anonymous`).
    Withheld,
    /// This number, as the provider sent it (normally `+` and the digits).
    Number(String),
}

impl Caller {
    /// The number `calleridmatch` sees: the number, or `anonymous`.
    pub fn number(&self) -> &str {
        match self {
            Caller::Number(number) => number,
            Caller::Unset | Caller::Withheld => WITHHELD,
        }
    }
}

/// One call into a call flow: the caller, whether it comes from a provider, the caller's
/// script (keys, silence or hang-up at each prompt, in order; when it runs out the caller
/// is silent), what each rung phone does (by the `extension` module's key, a target's uuid
/// or number, or a dialled extension's number or uuid; a list is used in order and its
/// last entry repeats; unlisted phones answer), the tenant's extensions, and whether the
/// opening hours are open.
///
/// ```
/// use callflow_core::pbx::simulate::{Call, Outcome};
/// let built = Call::new().caller("+441632960123").press("1").ring("sales", Outcome::Busy);
/// let read = Call::from_json(r#"{"caller": "+441632960123", "script": [{"press": "1"}],
///     "rings": {"sales": "busy"}}"#)?;
/// assert_eq!(built, read);
/// assert_eq!(Call::from_json(&read.to_json())?, read);
/// # Ok::<(), callflow_core::pbx::simulate::SimulationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Call {
    pub(super) caller: Caller,
    pub(super) internal: bool,
    pub(super) script: Vec<CallerStep>,
    pub(super) rings: Vec<(String, Vec<Ring>)>,
    pub(super) extensions: Vec<(String, Extension)>,
    pub(super) open: Option<bool>,
}

impl Call {
    /// A withheld call from a provider; a silent caller; every phone answers.
    pub fn new() -> Call {
        Call::default()
    }

    /// The caller's number (`anonymous` means withheld).
    #[must_use]
    pub fn caller(mut self, number: impl Into<String>) -> Call {
        let number = number.into();
        self.caller = if number == WITHHELD {
            Caller::Withheld
        } else {
            Caller::Number(number)
        };
        self
    }

    /// The caller withholds their number.
    #[must_use]
    pub fn withheld(mut self) -> Call {
        self.caller = Caller::Withheld;
        self
    }

    /// Whether the call comes from a phone of the tenant rather than a provider
    /// (`calleridmatch` then always takes `nomatch`).
    #[must_use]
    pub fn internal(mut self, internal: bool) -> Call {
        self.internal = internal;
        self
    }

    /// At the next prompt the caller presses `keys`.
    #[must_use]
    pub fn press(self, keys: impl Into<String>) -> Call {
        self.step(CallerStep::Press(keys.into()))
    }

    /// At the next prompt the caller presses nothing.
    #[must_use]
    pub fn silence(self) -> Call {
        self.step(CallerStep::Silence)
    }

    /// At the next prompt the caller hangs up.
    #[must_use]
    pub fn hangup(self) -> Call {
        self.step(CallerStep::Hangup)
    }

    /// At the next prompt the caller stays silent and hangs up `ms` later (or earlier,
    /// while the flow still plays or rings).
    #[must_use]
    pub fn hangup_after(self, ms: u64) -> Call {
        self.step(CallerStep::HangupAfter(ms))
    }

    fn step(mut self, step: CallerStep) -> Call {
        self.script.push(step);
        self
    }

    /// The next time the phone `key` rings, it does `outcome` at its default time.
    #[must_use]
    pub fn ring(self, key: impl Into<String>, outcome: Outcome) -> Call {
        self.ring_with(key, Ring::new(outcome))
    }

    /// The next time the phone `key` rings, it does what `ring` says.
    #[must_use]
    pub fn ring_with(mut self, key: impl Into<String>, ring: Ring) -> Call {
        let key = key.into();
        match self.rings.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rings)) => rings.push(ring),
            None => self.rings.push((key, vec![ring])),
        }
        self
    }

    /// The tenant has the extension `number`.
    #[must_use]
    pub fn extension(mut self, number: impl Into<String>, extension: Extension) -> Call {
        let number = number.into();
        self.extensions.retain(|(n, _)| *n != number);
        self.extensions.push((number, extension));
        self
    }

    /// Whether `outofhours` modules find the opening hours open (the default) or closed.
    #[must_use]
    pub fn open(mut self, open: bool) -> Call {
        self.open = Some(open);
        self
    }

    /// The caller's number as `calleridmatch` sees it.
    pub fn caller_number(&self) -> &str {
        self.caller.number()
    }

    /// The extension `number` of the tenant, if the call lists it.
    pub(super) fn lookup(&self, number: &str) -> Option<&Extension> {
        self.extensions
            .iter()
            .find(|(n, _)| n == number)
            .map(|(_, extension)| extension)
    }

    /// Reads a call: `{"caller"?: "+44…" | "anonymous", "internal"?: bool, "script"?:
    /// [{"press": "1"}, "silence", "hangup", {"hangup": {"afterMs": 3000}}], "rings"?:
    /// {KEY: OUTCOME | {"outcome": OUTCOME, "ringMs"?: n} | [...]}, "extensions"?:
    /// {NUMBER: KIND | {"type": KIND, "uuid"?: "…"}}, "hours"?: "open" | "closed"}`, where
    /// OUTCOME is `answer`, `busy`, `unavailable` or `noanswer` and KIND `sipuser`,
    /// `huntgroup`, `callflow` or `voicemailmenu`. Errors name the member at fault.
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Call, SimulationError> {
        Call::from_value(&json_value(input, "the call", SimulationError::call)?)
    }

    /// Reads a list of calls (a JSON array of what [`Call::from_json`] reads), such as a
    /// team's scripted calls; a refused one is named by its index (`calls[2].script: …`).
    ///
    /// ```
    /// use callflow_core::pbx::simulate::Call;
    /// let calls = Call::list_from_json(r#"[{"script": [{"press": "1"}]}, {"caller": "anonymous"}]"#)?;
    /// assert_eq!(calls.len(), 2);
    /// let err = Call::list_from_json(r#"[{}, {"caller": 44}]"#).unwrap_err();
    /// assert!(err.to_string().starts_with("calls[1]: caller:"), "{err}");
    /// # Ok::<(), callflow_core::pbx::simulate::SimulationError>(())
    /// ```
    pub fn list_from_json<I: Input + ?Sized>(input: &I) -> Result<Vec<Call>, SimulationError> {
        let value = json_value(input, "the calls", SimulationError::call)?;
        let Value::Array(calls) = &value else {
            return Err(SimulationError::call(format!(
                "the calls must be an array of calls, found {}",
                kind(&value)
            )));
        };
        calls
            .iter()
            .enumerate()
            .map(|(index, call)| {
                Call::from_value(call)
                    .map_err(|err| SimulationError::call(format!("calls[{index}]: {err}")))
            })
            .collect()
    }

    pub(super) fn from_value(value: &Value) -> Result<Call, SimulationError> {
        let Value::Object(members) = value else {
            return Err(SimulationError::call(format!(
                "the call must be an object, found {}",
                kind(value)
            )));
        };
        let mut call = Call::new();
        for (name, value) in members {
            call = match name.as_str() {
                "caller" => match value {
                    Value::String(number) => call.caller(number.clone()),
                    other => return Err(wrong("caller", "a phone number or \"anonymous\"", other)),
                },
                "internal" => match value {
                    Value::Bool(internal) => call.internal(*internal),
                    other => return Err(wrong("internal", "true or false", other)),
                },
                "script" => read_script(call, value)?,
                "rings" => read_rings(call, value)?,
                "extensions" => read_extensions(call, value)?,
                "hours" => match value.as_str() {
                    Some("open") => call.open(true),
                    Some("closed") => call.open(false),
                    _ => return Err(wrong("hours", "\"open\" or \"closed\"", value)),
                },
                other => {
                    return Err(SimulationError::call(format!(
                        "{other:?} is not a member of a call (accepted: caller, internal, script, rings, extensions, hours)"
                    )));
                }
            };
        }
        Ok(call)
    }

    /// The call as JSON in the form [`Call::from_json`] reads.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The call as a JSON value in the form [`Call::from_json`] reads.
    pub fn to_value(&self) -> Value {
        let mut out = Map::new();
        match &self.caller {
            Caller::Unset => {}
            Caller::Withheld => {
                out.insert("caller".into(), json!(WITHHELD));
            }
            Caller::Number(number) => {
                out.insert("caller".into(), json!(number));
            }
        }
        if self.internal {
            out.insert("internal".into(), json!(true));
        }
        if !self.script.is_empty() {
            let steps = self.script.iter().map(step_value).collect();
            out.insert("script".into(), Value::Array(steps));
        }
        if !self.rings.is_empty() {
            let rings = self
                .rings
                .iter()
                .map(|(key, rings)| {
                    let value = match rings.as_slice() {
                        [one] => ring_value(*one),
                        many => many.iter().copied().map(ring_value).collect(),
                    };
                    (key.clone(), value)
                })
                .collect();
            out.insert("rings".into(), Value::Object(rings));
        }
        if !self.extensions.is_empty() {
            let extensions = self
                .extensions
                .iter()
                .map(|(number, extension)| {
                    let value = match &extension.uuid {
                        Some(uuid) => json!({"type": extension.kind.as_str(), "uuid": uuid}),
                        None => json!(extension.kind.as_str()),
                    };
                    (number.clone(), value)
                })
                .collect();
            out.insert("extensions".into(), Value::Object(extensions));
        }
        if let Some(open) = self.open {
            out.insert("hours".into(), json!(if open { "open" } else { "closed" }));
        }
        Value::Object(out)
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong(member: &str, expected: &str, found: &Value) -> SimulationError {
    SimulationError::call(format!(
        "{member}: expected {expected}, found {}",
        kind(found)
    ))
}

/// The caller's script, in the emulator's format; steps for called parties belong in
/// `rings`.
fn read_script(mut call: Call, value: &Value) -> Result<Call, SimulationError> {
    let script = Script::from_value(value).map_err(|err| SimulationError::call(err.to_string()))?;
    if !script.callees.is_empty() {
        return Err(SimulationError::call(
            "script: a Yay call has no \"callee\" steps; say what rung phones do in \"rings\"",
        ));
    }
    call.script.extend(script.caller);
    Ok(call)
}

fn read_rings(mut call: Call, value: &Value) -> Result<Call, SimulationError> {
    let Value::Object(rings) = value else {
        return Err(wrong("rings", "an object of phones", value));
    };
    for (key, value) in rings {
        let at = format!("rings.{key}");
        let read = match value {
            Value::Array(items) if items.is_empty() => {
                return Err(SimulationError::call(format!(
                    "{at}: expected at least one outcome"
                )));
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| read_ring(item, &format!("{at}[{index}]")))
                .collect::<Result<Vec<_>, _>>()?,
            one => vec![read_ring(one, &at)?],
        };
        for ring in read {
            call = call.ring_with(key.clone(), ring);
        }
    }
    Ok(call)
}

fn read_ring(value: &Value, at: &str) -> Result<Ring, SimulationError> {
    let outcome = |value: &Value| match value {
        Value::String(name) => name
            .parse::<Outcome>()
            .map_err(|why| SimulationError::call(format!("{at}: {why}"))),
        other => Err(wrong(at, "an outcome", other)),
    };
    let Value::Object(members) = value else {
        return outcome(value).map(Ring::new);
    };
    let mut ring = Ring::new(Outcome::Answer);
    let mut seen = false;
    for (name, value) in members {
        match name.as_str() {
            "outcome" => {
                ring.outcome = outcome(value)?;
                seen = true;
            }
            "ringMs" => {
                ring.ring_ms = Some(value.as_u64().ok_or_else(|| {
                    wrong(
                        &format!("{at}.ringMs"),
                        "a whole number of milliseconds",
                        value,
                    )
                })?);
            }
            other => {
                return Err(SimulationError::call(format!(
                    "{at}: {other:?} is not a member of a ring (accepted: outcome, ringMs)"
                )));
            }
        }
    }
    if seen {
        Ok(ring)
    } else {
        Err(SimulationError::call(format!("{at}.outcome is missing")))
    }
}

fn read_extensions(mut call: Call, value: &Value) -> Result<Call, SimulationError> {
    let Value::Object(extensions) = value else {
        return Err(wrong("extensions", "an object of extension numbers", value));
    };
    for (number, value) in extensions {
        let at = format!("extensions.{number}");
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SimulationError::call(format!(
                "{at}: an extension number is digits only"
            )));
        }
        let read_kind = |value: &Value, at: &str| {
            let name = value
                .as_str()
                .ok_or_else(|| wrong(at, "an extension type", value))?;
            ExtensionKind::ALL
                .into_iter()
                .find(|kind| kind.as_str() == name)
                .ok_or_else(|| {
                    SimulationError::call(format!(
                        "{at}: unknown extension type {name:?}: expected \"sipuser\", \"huntgroup\", \"callflow\" or \"voicemailmenu\""
                    ))
                })
        };
        let extension = match value {
            Value::Object(members) => {
                let mut kind = None;
                let mut uuid = None;
                for (name, value) in members {
                    match name.as_str() {
                        "type" => kind = Some(read_kind(value, &format!("{at}.type"))?),
                        "uuid" => {
                            uuid = Some(
                                value
                                    .as_str()
                                    .ok_or_else(|| wrong(&format!("{at}.uuid"), "a string", value))?
                                    .to_owned(),
                            );
                        }
                        other => {
                            return Err(SimulationError::call(format!(
                                "{at}: {other:?} is not a member of an extension (accepted: type, uuid)"
                            )));
                        }
                    }
                }
                let kind =
                    kind.ok_or_else(|| SimulationError::call(format!("{at}.type is missing")))?;
                Extension { kind, uuid }
            }
            other => Extension {
                kind: read_kind(other, &at)?,
                uuid: None,
            },
        };
        call = call.extension(number.clone(), extension);
    }
    Ok(call)
}

/// A caller step in the form the emulator's script reader takes.
fn step_value(step: &CallerStep) -> Value {
    match step {
        CallerStep::Press(keys) => json!({"press": keys}),
        CallerStep::Hangup => json!("hangup"),
        CallerStep::HangupAfter(ms) => json!({"hangup": {"afterMs": ms}}),
        CallerStep::Silence => json!("silence"),
    }
}

fn ring_value(ring: Ring) -> Value {
    match ring.ring_ms {
        Some(ms) => json!({"outcome": ring.outcome.as_str(), "ringMs": ms}),
        None => json!(ring.outcome.as_str()),
    }
}
