//! The parameters of each action and the optional top-level field of each body: name,
//! presence, accepted values and a doc line. Validation reads these tables, and so do the
//! JSON Schema of each body and the generated declarations of the Python and Node
//! packages (through [`crate::catalogue`]), so each fact is written once.

use super::action::ActionKind;
use super::status::StatusCode;

/// The most characters 8x8 speaks in one text.
pub(crate) const MAX_TEXT_CHARS: usize = 3000;

/// Whether a member must be there, and whether `null` stands for "absent".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Presence {
    /// The member must be there.
    Required,
    /// The member may be left out.
    Optional,
    /// The member may be left out or be `null`.
    Nullable,
}

/// The values a member accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Accepts {
    /// Text the platform speaks: at most 3000 characters, no control
    /// characters but tab and newline, and not empty when required.
    SpokenText,
    /// An MSISDN; a malformed one is answered with this status.
    Msisdn(StatusCode),
    /// A speech profile code such as `en-US-BenjaminRUS`.
    VoiceProfile,
    /// A language code such as `en` or `en-US`.
    LanguageCode,
    /// An absolute `http` or `https` URL.
    FileUrl,
    /// An RFC 3339 UTC timestamp after the current time.
    Timestamp,
    /// Any string.
    Text,
    /// `true` or `false`.
    Boolean,
    /// An integer of at least `min` and at most `max` (`None`: up to `u64::MAX`).
    Integer {
        /// The smallest value accepted.
        min: u64,
        /// The largest value accepted, if any.
        max: Option<u64>,
    },
    /// A number from `min` to `max`, both included.
    Number {
        /// The smallest value accepted.
        min: f64,
        /// The largest value accepted.
        max: f64,
    },
}

impl Accepts {
    /// The range of values accepted, in words, for the kinds that have one: `1 to 3`,
    /// `at least 1`, `0.5 to 2`, `up to 3000 characters`.
    ///
    /// ```
    /// use callflow_core::catalogue::Accepts;
    /// assert_eq!(Accepts::Integer { min: 1, max: Some(3) }.range().as_deref(), Some("1 to 3"));
    /// assert_eq!(Accepts::Integer { min: 1, max: None }.range().as_deref(), Some("at least 1"));
    /// assert_eq!(Accepts::Boolean.range(), None);
    /// ```
    pub fn range(&self) -> Option<String> {
        match *self {
            Accepts::SpokenText => Some(format!("up to {MAX_TEXT_CHARS} characters")),
            Accepts::Integer {
                min,
                max: Some(max),
            } => Some(format!("{min} to {max}")),
            Accepts::Integer { min, max: None } => Some(format!("at least {min}")),
            Accepts::Number { min, max } => Some(format!("{min} to {max}")),
            _ => None,
        }
    }
}

/// One member of an action's `params`, or a body's optional top-level field.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Param {
    /// The wire name, in camelCase.
    pub name: &'static str,
    /// Whether it must be there.
    pub presence: Presence,
    /// The values it accepts.
    pub accepts: Accepts,
    /// What it is, in a sentence.
    pub about: &'static str,
}

const fn param(
    name: &'static str,
    presence: Presence,
    accepts: Accepts,
    about: &'static str,
) -> Param {
    Param {
        name,
        presence,
        accepts,
        about,
    }
}

/// The wire names of a table, in its order.
const fn names<const N: usize>(params: &[Param; N]) -> [&'static str; N] {
    let mut names = [""; N];
    let mut index = 0;
    while index < N {
        names[index] = params[index].name;
        index += 1;
    }
    names
}

const VOICE_PROFILE: Param = param(
    "voiceProfile",
    Presence::Required,
    Accepts::VoiceProfile,
    "A speech profile code such as en-US-BenjaminRUS.",
);
const REPETITION: Param = param(
    "repetition",
    Presence::Optional,
    Accepts::Integer {
        min: 1,
        max: Some(3),
    },
    "How many times to play it (platform default 1).",
);
const SPEED: Param = param(
    "speed",
    Presence::Optional,
    Accepts::Number { min: 0.5, max: 2.0 },
    "Speech rate (platform default 1).",
);
const DIGITS: Accepts = Accepts::Integer {
    min: 1,
    max: Some(25),
};
const POSITIVE: Accepts = Accepts::Integer { min: 1, max: None };

/// The params of `makeCall`, in check order.
pub(crate) const MAKE_CALL: [Param; 3] = [
    param(
        "source",
        Presence::Required,
        Accepts::Msisdn(StatusCode::InvalidEntry),
        "Caller ID: an MSISDN (+ optional) whitelisted for the sub-account.",
    ),
    param(
        "destination",
        Presence::Required,
        Accepts::Msisdn(StatusCode::InvalidMsisdn),
        "The number to call: an MSISDN, + optional.",
    ),
    param(
        "callRecording",
        Presence::Optional,
        Accepts::Boolean,
        "Record the session.",
    ),
];

/// The params of `say`, in check order.
pub(crate) const SAY: [Param; 5] = [
    param(
        "text",
        Presence::Required,
        Accepts::SpokenText,
        "The text to speak.",
    ),
    VOICE_PROFILE,
    REPETITION,
    SPEED,
    param(
        "language",
        Presence::Optional,
        Accepts::LanguageCode,
        "Legacy language code such as en-US.",
    ),
];

/// The params of `playFile`, in check order.
pub(crate) const PLAY_FILE: [Param; 2] = [
    param(
        "fileUrl",
        Presence::Required,
        Accepts::FileUrl,
        "An http or https URL of an MP3 or WAV file under 5 MB.",
    ),
    REPETITION,
];

/// The params of `sayAndCapture`, in check order.
pub(crate) const SAY_AND_CAPTURE: [Param; 12] = [
    param(
        "promptMessage",
        Presence::Required,
        Accepts::SpokenText,
        "The prompt to speak.",
    ),
    VOICE_PROFILE,
    REPETITION,
    SPEED,
    param(
        "minDigits",
        Presence::Nullable,
        DIGITS,
        "Fewest digits accepted; needs maxDigits.",
    ),
    param(
        "maxDigits",
        Presence::Nullable,
        DIGITS,
        "Most digits accepted; needed when completeOnHash is false.",
    ),
    param(
        "digitTimeout",
        Presence::Nullable,
        POSITIVE,
        "Milliseconds allowed between two digits; needs overallTimeout.",
    ),
    param(
        "overallTimeout",
        Presence::Nullable,
        POSITIVE,
        "Milliseconds allowed for the whole input, at least digitTimeout.",
    ),
    param(
        "completeOnHash",
        Presence::Nullable,
        Accepts::Boolean,
        "true: # ends the input; false: input ends after maxDigits digits.",
    ),
    param(
        "noOfTries",
        Presence::Nullable,
        POSITIVE,
        "How many times the prompt is tried on failed input.",
    ),
    param(
        "successMessage",
        Presence::Nullable,
        Accepts::SpokenText,
        "Spoken after a valid input.",
    ),
    param(
        "failureMessage",
        Presence::Nullable,
        Accepts::SpokenText,
        "Spoken after a failed input.",
    ),
];

/// What `kind` does, in a sentence.
pub(crate) fn about(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::MakeCall => {
            "Place a call; in a webhook reply, bridge the live call to a new destination."
        }
        ActionKind::Say => "Speak text into the call.",
        ActionKind::PlayFile => "Play an MP3 or WAV file into the call.",
        ActionKind::SayAndCapture => {
            "Speak a prompt and collect DTMF digits, reported by a Voice Call Action webhook."
        }
        ActionKind::Hangup => "End the session, disconnecting every call leg.",
    }
}

pub(crate) const MAKE_CALL_NAMES: [&str; MAKE_CALL.len()] = names(&MAKE_CALL);
pub(crate) const SAY_NAMES: [&str; SAY.len()] = names(&SAY);
pub(crate) const PLAY_FILE_NAMES: [&str; PLAY_FILE.len()] = names(&PLAY_FILE);
pub(crate) const SAY_AND_CAPTURE_NAMES: [&str; SAY_AND_CAPTURE.len()] = names(&SAY_AND_CAPTURE);

/// The optional top-level field of a request.
pub(crate) const VALID_UNTIL: Param = param(
    "validUntil",
    Presence::Optional,
    Accepts::Timestamp,
    "When the request expires: an RFC 3339 UTC timestamp such as 2024-07-03T05:59:32.226Z.",
);

/// The optional top-level field of a reply.
pub(crate) const CLIENT_ACTION_ID: Param = param(
    "clientActionId",
    Presence::Optional,
    Accepts::Text,
    "Echoed in the next Voice Call Action webhook, to tell menus apart.",
);
