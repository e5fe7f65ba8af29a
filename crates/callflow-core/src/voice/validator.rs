//! Validation entry points: the profile, the clock, and what to validate.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use super::body::Body;
use super::check;
use super::input::Input;
use super::params::{self, Param};
use crate::diagnostics::{Report, ValidationError};
use crate::json::Json;

/// Which body is validated: the rules differ in their top-level fields and in whether
/// the first action must be `makeCall`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Profile {
    /// A Send Callflow request: `{validUntil?, callflow}`, starting with `makeCall`.
    #[default]
    Request,
    /// A reply to a Voice Call Action webhook: `{clientActionId?, callflow}`.
    Reply,
}

impl Profile {
    /// The profile's name: `"request"` or `"reply"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Request => "request",
            Profile::Reply => "reply",
        }
    }

    /// The optional top-level field beside `callflow`: `validUntil` in a request,
    /// `clientActionId` in a reply.
    pub fn top_field(self) -> &'static str {
        self.top_param().name
    }

    /// The optional top-level field with what it accepts.
    pub(crate) fn top_param(self) -> &'static Param {
        match self {
            Profile::Request => &params::VALID_UNTIL,
            Profile::Reply => &params::CLIENT_ACTION_ID,
        }
    }

    /// A body of this profile in the wire shape, `{top_field?, "callflow": actions}`, for
    /// builders that hold their parts as trees (such as the language bindings).
    ///
    /// ```
    /// use callflow_core::json::Json;
    /// use callflow_core::voice::{ActionKind, Profile, validate};
    /// let top = Json::String("main_menu".into());
    /// let body = Profile::Reply.document(Some(top), vec![ActionKind::Hangup.to_tree(None)]);
    /// assert_eq!(body.get("clientActionId"), Some(&Json::String("main_menu".into())));
    /// assert!(validate(&body, Profile::Reply).is_valid());
    /// ```
    pub fn document<'a>(self, top: Option<Json<'a>>, actions: Vec<Json<'a>>) -> Json<'a> {
        let mut members = Vec::with_capacity(2);
        if let Some(top) = top {
            members.push((Cow::Borrowed(self.top_field()), top));
        }
        members.push((Cow::Borrowed("callflow"), Json::Array(actions)));
        Json::Object(members)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A profile name that is neither `request` nor `reply`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile {0:?}: expected \"request\" or \"reply\"")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "request" => Ok(Profile::Request),
            "reply" => Ok(Profile::Reply),
            other => Err(UnknownProfile(other.to_owned())),
        }
    }
}

/// Validates documents against a clock: the system's, or a fixed time for tests.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use callflow_core::voice::{Profile, Validator};
/// let body = r#"{"validUntil": "2024-07-03T05:59:32.226Z", "callflow": [
///     {"action": "makeCall", "params": {"source": "+6512341234", "destination": "+6512345678"}}]}"#;
/// let before = UNIX_EPOCH + Duration::from_secs(1_719_000_000);
/// assert!(Validator::new().at(before).validate(body, Profile::Request).is_valid());
/// let after = UNIX_EPOCH + Duration::from_secs(1_721_000_000);
/// assert_eq!(Validator::new().at(after).validate(body, Profile::Request).status_code(), -1015);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Validator {
    now: Option<SystemTime>,
}

impl Validator {
    /// A validator that reads the system clock.
    pub fn new() -> Self {
        Validator::default()
    }

    /// The same validator, with the clock fixed at `now`.
    #[must_use]
    pub fn at(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }

    fn now(self) -> SystemTime {
        self.now.unwrap_or_else(SystemTime::now)
    }

    /// Every issue in `input` under `profile`.
    pub fn validate<I: Input + ?Sized>(self, input: &I, profile: Profile) -> Report {
        check::run(input, profile, self.now(), false).0
    }

    /// Parses and validates a body; the error carries the full report.
    pub fn parse<B: Body, I: Input + ?Sized>(self, input: &I) -> Result<B, ValidationError> {
        match self.checked(input) {
            (_, Some(body)) => Ok(body),
            (report, None) => Err(ValidationError::new(report)),
        }
    }

    /// Validates and assembles a body in one pass: every issue, and the body when it is
    /// valid (warnings allowed).
    pub(crate) fn checked<B: Body, I: Input + ?Sized>(self, input: &I) -> (Report, Option<B>) {
        let (report, body) = check::run(input, B::PROFILE, self.now(), true);
        let body = body
            .filter(|_| report.is_valid())
            .map(|(top, actions)| B::from_parts(top, actions));
        (report, body)
    }

    /// Validates a typed body; the error carries the full report.
    pub fn check<B: Body>(self, body: &B) -> Result<(), ValidationError> {
        let report = self.validate(body.to_json().as_str(), B::PROFILE);
        if report.is_valid() {
            Ok(())
        } else {
            Err(ValidationError::new(report))
        }
    }
}

/// Every issue in `input` under `profile`, against the system clock.
///
/// ```
/// use callflow_core::voice::{validate, Profile};
/// let report = validate(r#"{"callflow": [{"action": "sayandcapture"}]}"#, Profile::Reply);
/// assert_eq!(report.status_code(), -1007);
/// let issue = &report.issues()[0];
/// assert_eq!(issue.path, "$.callflow[0].action");
/// assert_eq!(issue.hint.as_deref(), Some("did you mean \"sayAndCapture\"?"));
/// ```
pub fn validate<I: Input + ?Sized>(input: &I, profile: Profile) -> Report {
    Validator::new().validate(input, profile)
}
