//! The parameters of the five actions, as TypeScript types only.
//!
//! The builders read parameters as `JSON.stringify` writes them and hand them to the
//! core as they are, so in untyped JavaScript a misspelled or unknown key is reported
//! (with a did-you-mean hint) instead of dropped, and a number out of range gets the
//! core's own message on `build()`.
#![expect(
    dead_code,
    reason = "these structs exist for the TypeScript declarations napi generates from them"
)]

use napi_derive::napi;

/// Parameters of `makeCall`.
#[napi(
    object,
    object_to_js = false,
    object_from_js = false,
    namespace = "voice"
)]
pub struct MakeCallParams {
    /// Caller ID: an MSISDN (`+` optional) whitelisted for the sub-account.
    pub source: String,
    /// The number to call: an MSISDN, `+` optional.
    pub destination: String,
    /// Record the session (needs recording to be set up on the account).
    pub call_recording: Option<bool>,
}

/// Parameters of `say`.
#[napi(
    object,
    object_to_js = false,
    object_from_js = false,
    namespace = "voice"
)]
pub struct SayParams {
    /// The text to speak, 1 to 3000 characters.
    pub text: String,
    /// A speech profile code such as `en-US-BenjaminRUS`.
    pub voice_profile: String,
    /// How many times to speak it, 1 to 3 (platform default 1).
    pub repetition: Option<f64>,
    /// Speech rate, 0.5 to 2.0 (platform default 1).
    pub speed: Option<f64>,
    /// Legacy language code such as `en-US`.
    pub language: Option<String>,
}

/// Parameters of `playFile`.
#[napi(
    object,
    object_to_js = false,
    object_from_js = false,
    namespace = "voice"
)]
pub struct PlayFileParams {
    /// An `http` or `https` URL of an MP3 or WAV file under 5 MB.
    pub file_url: String,
    /// How many times to play it, 1 to 3 (platform default 1).
    pub repetition: Option<f64>,
}

/// Parameters of `sayAndCapture`.
#[napi(
    object,
    object_to_js = false,
    object_from_js = false,
    namespace = "voice"
)]
pub struct SayAndCaptureParams {
    /// The prompt to speak, 1 to 3000 characters.
    pub prompt_message: String,
    /// A speech profile code such as `en-US-BenjaminRUS`.
    pub voice_profile: String,
    /// How many times to speak the prompt, 1 to 3.
    pub repetition: Option<f64>,
    /// Speech rate, 0.5 to 2.0.
    pub speed: Option<f64>,
    /// Fewest digits accepted, 1 to 25; needs `maxDigits`.
    pub min_digits: Option<f64>,
    /// Most digits accepted, 1 to 25; needed when `completeOnHash` is false.
    pub max_digits: Option<f64>,
    /// Milliseconds allowed between two digits; needs `overallTimeout`.
    pub digit_timeout: Option<f64>,
    /// Milliseconds allowed for the whole input, at least `digitTimeout`.
    pub overall_timeout: Option<f64>,
    /// `true`: `#` ends the input; `false`: input ends after `maxDigits` digits.
    pub complete_on_hash: Option<bool>,
    /// How many times the prompt is tried on failed input.
    pub no_of_tries: Option<f64>,
    /// Spoken after a valid input, up to 3000 characters.
    pub success_message: Option<String>,
    /// Spoken after a failed input, up to 3000 characters.
    pub failure_message: Option<String>,
}
