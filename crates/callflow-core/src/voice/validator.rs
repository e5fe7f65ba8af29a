//! Validation entry points: the clock, what to validate, and the bodies' JSON in and
//! out.

use std::time::SystemTime;

use super::action::Action;
use super::body::{Body, Callflow, Reply};
use super::check;
use super::input::Input;
use super::profile::Profile;
use crate::diagnostics::{Report, ValidationError};

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
/// assert_eq!(Validator::new().at(after).validate(body, Profile::Request).status_code(), Some(-1015));
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
/// assert_eq!(report.status_code(), Some(-1007));
/// let issue = &report.issues()[0];
/// assert_eq!(issue.path, "$.callflow[0].action");
/// assert_eq!(issue.hint.as_deref(), Some("did you mean \"sayAndCapture\"?"));
/// ```
pub fn validate<I: Input + ?Sized>(input: &I, profile: Profile) -> Report {
    Validator::new().validate(input, profile)
}

/// Implements [`Body`] for a body type, and the same methods as inherent ones, so that
/// `Callflow::from_json` works without importing the trait.
macro_rules! body {
    ($ty:ident, $profile:expr, $what:literal) => {
        impl Body for $ty {
            const PROFILE: Profile = $profile;

            fn actions(&self) -> &[Action] {
                &self.actions
            }

            fn actions_mut(&mut self) -> &mut Vec<Action> {
                &mut self.actions
            }

            fn from_json<I: Input + ?Sized>(input: &I) -> Result<Self, ValidationError> {
                Validator::new().parse(input)
            }

            fn validate(&self) -> Result<(), ValidationError> {
                Validator::new().check(self)
            }
        }

        impl $ty {
            #[doc = concat!("The ", $what, " as compact JSON, in the wire format.")]
            pub fn to_json(&self) -> String {
                Body::to_json(self)
            }

            #[doc = concat!("Parses and validates a ", $what, " (text, bytes or a parsed value) against")]
            /// the system clock; the error carries the full report.
            pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Self, ValidationError> {
                <Self as Body>::from_json(input)
            }

            #[doc = concat!("Validates the ", $what, "; the error carries the full report.")]
            pub fn validate(&self) -> Result<(), ValidationError> {
                Body::validate(self)
            }
        }
    };
}

body!(Callflow, Profile::Request, "request");
body!(Reply, Profile::Reply, "reply");
