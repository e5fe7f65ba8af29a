//! The five callflow actions and their parameters, as typed values.
//!
//! Each action serialises in 8x8's adjacently tagged shape,
//! `{"action": "say", "params": {...}}`, writing only the parameters that were set.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

use super::params::{self, Param, Presence};
use crate::json::Json;

/// One step of a callflow.
///
/// ```
/// use callflow_core::voice::{Action, Say};
/// let say: Action = Say::new("Hello", "en-GB-Emma").repetition(2).into();
/// assert_eq!(
///     serde_json::to_string(&say).unwrap(),
///     r#"{"action":"say","params":{"text":"Hello","voiceProfile":"en-GB-Emma","repetition":2}}"#,
/// );
/// assert_eq!(serde_json::to_string(&Action::Hangup).unwrap(), r#"{"action":"hangup"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", content = "params", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Action {
    /// Place a call; in a reply, bridge the live call to a new destination.
    MakeCall(MakeCall),
    /// Speak text into the call.
    Say(Say),
    /// Play an MP3 or WAV file into the call.
    PlayFile(PlayFile),
    /// Speak a prompt and collect DTMF digits, reported by a Voice Call Action webhook.
    SayAndCapture(SayAndCapture),
    /// End the session, disconnecting every call leg.
    Hangup,
}

impl Action {
    /// Which of the five actions this is.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::MakeCall(_) => ActionKind::MakeCall,
            Action::Say(_) => ActionKind::Say,
            Action::PlayFile(_) => ActionKind::PlayFile,
            Action::SayAndCapture(_) => ActionKind::SayAndCapture,
            Action::Hangup => ActionKind::Hangup,
        }
    }
}

/// The name of an action, without its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// `makeCall`
    MakeCall,
    /// `say`
    Say,
    /// `playFile`
    PlayFile,
    /// `sayAndCapture`
    SayAndCapture,
    /// `hangup`
    Hangup,
}

impl ActionKind {
    /// Every action, in the order 8x8's documentation lists them.
    pub const ALL: [ActionKind; 5] = [
        ActionKind::MakeCall,
        ActionKind::Say,
        ActionKind::PlayFile,
        ActionKind::SayAndCapture,
        ActionKind::Hangup,
    ];

    /// The wire name, e.g. `"sayAndCapture"`.
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::MakeCall => "makeCall",
            ActionKind::Say => "say",
            ActionKind::PlayFile => "playFile",
            ActionKind::SayAndCapture => "sayAndCapture",
            ActionKind::Hangup => "hangup",
        }
    }

    /// The action with this exact (case-sensitive) wire name.
    pub fn from_name(name: &str) -> Option<ActionKind> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The action in the wire shape, `{"action": name, "params": params}` (without
    /// `params` when `None`), for builders that hold parameters as trees.
    ///
    /// ```
    /// use callflow_core::json::Json;
    /// use callflow_core::voice::ActionKind;
    /// let say = ActionKind::Say.to_tree(Some(Json::Object(Vec::new())));
    /// assert_eq!(say.get("action"), Some(&Json::String("say".into())));
    /// assert_eq!(ActionKind::Hangup.to_tree(None).get("params"), None);
    /// ```
    pub fn to_tree(self, params: Option<Json<'_>>) -> Json<'_> {
        let mut members = vec![(
            Cow::Borrowed("action"),
            Json::String(Cow::Borrowed(self.name())),
        )];
        if let Some(params) = params {
            members.push((Cow::Borrowed("params"), params));
        }
        Json::Object(members)
    }

    /// The wire names of the action's parameters, in documentation order.
    pub fn params(self) -> &'static [&'static str] {
        self.tables().1
    }

    /// The action's parameters with what each accepts, in documentation order.
    pub(crate) fn param_table(self) -> &'static [Param] {
        self.tables().0
    }

    /// The action's parameter table and its names.
    fn tables(self) -> (&'static [Param], &'static [&'static str]) {
        match self {
            ActionKind::MakeCall => (&params::MAKE_CALL, &params::MAKE_CALL_NAMES),
            ActionKind::Say => (&params::SAY, &params::SAY_NAMES),
            ActionKind::PlayFile => (&params::PLAY_FILE, &params::PLAY_FILE_NAMES),
            ActionKind::SayAndCapture => (&params::SAY_AND_CAPTURE, &params::SAY_AND_CAPTURE_NAMES),
            ActionKind::Hangup => (&[], &[]),
        }
    }

    /// Whether the action must have `params`: it has a required parameter.
    pub(crate) fn needs_params(self) -> bool {
        self.param_table()
            .iter()
            .any(|param| param.presence == Presence::Required)
    }
}

/// Generates the chained setters of optional parameters.
macro_rules! setters {
    ($ty:ident { $($(#[$doc:meta])* $name:ident: $kind:tt $t:ty),* $(,)? }) => {
        impl $ty {
            $(setters!(@one $(#[$doc])* $name $kind $t);)*
        }
    };
    (@one $(#[$doc:meta])* $name:ident into $t:ty) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, value: impl Into<$t>) -> Self {
            self.$name = Some(value.into());
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident value $t:ty) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, value: $t) -> Self {
            self.$name = Some(value);
            self
        }
    };
}

/// Generates `From<$ty> for Action`.
macro_rules! into_action {
    ($($ty:ident),*) => {
        $(impl From<$ty> for Action {
            fn from(params: $ty) -> Self {
                Action::$ty(params)
            }
        })*
    };
}

into_action!(MakeCall, Say, PlayFile, SayAndCapture);

/// Parameters of `makeCall`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MakeCall {
    /// Caller ID: an MSISDN (`+` optional) whitelisted for the sub-account.
    pub source: String,
    /// The number to call: an MSISDN, `+` optional.
    pub destination: String,
    /// Record the session (needs recording to be set up on the account).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_recording: Option<bool>,
}

impl MakeCall {
    /// A call from `source` to `destination`.
    pub fn new(source: impl Into<String>, destination: impl Into<String>) -> Self {
        MakeCall {
            source: source.into(),
            destination: destination.into(),
            call_recording: None,
        }
    }
}

setters!(MakeCall {
    /// Record the session.
    call_recording: value bool,
});

/// Parameters of `say`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Say {
    /// The text to speak, 1 to 3000 characters.
    pub text: String,
    /// A speech profile code such as `en-US-BenjaminRUS`.
    pub voice_profile: String,
    /// How many times to speak it, 1 to 3 (platform default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repetition: Option<u8>,
    /// Speech rate, 0.5 to 2.0 (platform default 1).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "speed")]
    pub speed: Option<f64>,
    /// Legacy language code such as `en-US`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Say {
    /// Speak `text` with the voice `voice_profile`.
    pub fn new(text: impl Into<String>, voice_profile: impl Into<String>) -> Self {
        Say {
            text: text.into(),
            voice_profile: voice_profile.into(),
            repetition: None,
            speed: None,
            language: None,
        }
    }
}

setters!(Say {
    /// How many times to speak the text, 1 to 3.
    repetition: value u8,
    /// Speech rate, 0.5 to 2.0.
    speed: value f64,
    /// Legacy language code such as `en-US`.
    language: into String,
});

/// Parameters of `playFile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlayFile {
    /// An `http` or `https` URL of an MP3 or WAV file under 5 MB.
    pub file_url: String,
    /// How many times to play it, 1 to 3 (platform default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repetition: Option<u8>,
}

impl PlayFile {
    /// Play the file at `file_url`.
    pub fn new(file_url: impl Into<String>) -> Self {
        PlayFile {
            file_url: file_url.into(),
            repetition: None,
        }
    }
}

setters!(PlayFile {
    /// How many times to play the file, 1 to 3.
    repetition: value u8,
});

/// Parameters of `sayAndCapture`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SayAndCapture {
    /// The prompt to speak, 1 to 3000 characters.
    pub prompt_message: String,
    /// A speech profile code such as `en-US-BenjaminRUS`.
    pub voice_profile: String,
    /// How many times to speak the prompt, 1 to 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repetition: Option<u8>,
    /// Speech rate, 0.5 to 2.0.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "speed")]
    pub speed: Option<f64>,
    /// Fewest digits accepted, 1 to 25; needs `max_digits`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_digits: Option<u8>,
    /// Most digits accepted, 1 to 25; needed when `complete_on_hash` is false.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_digits: Option<u8>,
    /// Milliseconds allowed between two digits; needs `overall_timeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digit_timeout: Option<u64>,
    /// Milliseconds allowed for the whole input, at least `digit_timeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall_timeout: Option<u64>,
    /// `true`: `#` ends the input; `false`: input ends after `max_digits` digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_on_hash: Option<bool>,
    /// How many times the prompt is tried on failed input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_of_tries: Option<u64>,
    /// Spoken after a valid input, up to 3000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_message: Option<String>,
    /// Spoken after a failed input, up to 3000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
}

impl SayAndCapture {
    /// Speak `prompt_message` with the voice `voice_profile` and collect digits.
    pub fn new(prompt_message: impl Into<String>, voice_profile: impl Into<String>) -> Self {
        SayAndCapture {
            prompt_message: prompt_message.into(),
            voice_profile: voice_profile.into(),
            repetition: None,
            speed: None,
            min_digits: None,
            max_digits: None,
            digit_timeout: None,
            overall_timeout: None,
            complete_on_hash: None,
            no_of_tries: None,
            success_message: None,
            failure_message: None,
        }
    }
}

setters!(SayAndCapture {
    /// How many times to speak the prompt, 1 to 3.
    repetition: value u8,
    /// Speech rate, 0.5 to 2.0.
    speed: value f64,
    /// Fewest digits accepted, 1 to 25.
    min_digits: value u8,
    /// Most digits accepted, 1 to 25.
    max_digits: value u8,
    /// Milliseconds allowed between two digits.
    digit_timeout: value u64,
    /// Milliseconds allowed for the whole input.
    overall_timeout: value u64,
    /// Whether `#` ends the input.
    complete_on_hash: value bool,
    /// How many times the prompt is tried on failed input.
    no_of_tries: value u64,
    /// Spoken after a valid input.
    success_message: into String,
    /// Spoken after a failed input.
    failure_message: into String,
});

/// Writes a whole speed as an integer (`1`, as 8x8's examples do), any other as a float.
#[allow(clippy::ref_option, clippy::cast_possible_truncation)]
fn speed<S: Serializer>(speed: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match *speed {
        Some(v) if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 => {
            serializer.serialize_i64(v as i64)
        }
        Some(v) => serializer.serialize_f64(v),
        None => serializer.serialize_none(),
    }
}
