//! The two bodies a backend writes: the Send Callflow request and the webhook reply.

use serde::Serialize;

use super::action::Action;
use super::input::Input;
use super::profile::Profile;
use crate::diagnostics::ValidationError;

/// The body of a Send Callflow request (`POST /api/v1/subaccounts/{id}/callflows`):
/// `{"validUntil"?, "callflow": [...]}`.
///
/// ```
/// use callflow_core::voice::{Callflow, Say};
/// let flow = Callflow::builder()
///     .make_call("+6512341234", "+6512345678")
///     .say(Say::new("Hello", "en-IE-EmilyNeural"))
///     .hangup()
///     .build()?;
/// assert_eq!(flow.actions.len(), 3);
/// assert!(flow.to_json().starts_with(r#"{"callflow":[{"action":"makeCall""#));
/// # Ok::<(), callflow_core::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Callflow {
    /// The time after which the platform must not start the call, as an RFC 3339 UTC
    /// timestamp (`2024-07-03T05:59:32.226Z`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// The actions, run in order; the first must be `makeCall`.
    #[serde(rename = "callflow")]
    pub actions: Vec<Action>,
}

/// The reply to a Voice Call Action webhook: `{"clientActionId"?, "callflow": [...]}`.
///
/// ```
/// use callflow_core::voice::{Action, Reply};
/// let reply = Reply::from_json(r#"{"clientActionId": "menu", "callflow": [{"action": "hangup"}]}"#)?;
/// assert_eq!(reply.client_action_id.as_deref(), Some("menu"));
/// assert_eq!(reply.actions, [Action::Hangup]);
/// assert!(Reply::from_json(r#"{"callflow": []}"#).is_err());
/// # Ok::<(), callflow_core::ValidationError>(())
/// ```
///
/// ```
/// use callflow_core::voice::Reply;
/// let reply = Reply::builder().client_action_id("main_menu").hangup().build()?;
/// assert_eq!(reply.to_json(), r#"{"clientActionId":"main_menu","callflow":[{"action":"hangup"}]}"#);
/// # Ok::<(), callflow_core::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Reply {
    /// Your own state, sent back in the next webhook (e.g. the menu the caller is in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_action_id: Option<String>,
    /// The actions to run next on the live call.
    #[serde(rename = "callflow")]
    pub actions: Vec<Action>,
}

/// What the two bodies share: a profile, a list of actions, and JSON in and out.
pub trait Body: Serialize + Sized + sealed::Sealed {
    /// The validation profile of this body.
    const PROFILE: Profile;

    /// The actions, in order.
    fn actions(&self) -> &[Action];

    /// The actions, to add to.
    fn actions_mut(&mut self) -> &mut Vec<Action>;

    /// The body as compact JSON, in the wire format.
    fn to_json(&self) -> String {
        // Serialising these types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses and validates a body (text, bytes or a parsed value) against the system
    /// clock; the error carries the full report.
    fn from_json<I: Input + ?Sized>(input: &I) -> Result<Self, ValidationError>;

    /// Validates the body; the error carries the full report.
    fn validate(&self) -> Result<(), ValidationError>;
}

pub(crate) mod sealed {
    use super::Action;

    /// Keeps [`super::Body`] to this crate's two bodies, and assembles them.
    pub trait Sealed {
        /// The body from its optional top-level string (`validUntil` or
        /// `clientActionId`) and its actions.
        fn from_parts(top: Option<String>, actions: Vec<Action>) -> Self;
    }

    impl Sealed for super::Callflow {
        fn from_parts(valid_until: Option<String>, actions: Vec<Action>) -> Self {
            super::Callflow {
                valid_until,
                actions,
            }
        }
    }

    impl Sealed for super::Reply {
        fn from_parts(client_action_id: Option<String>, actions: Vec<Action>) -> Self {
            super::Reply {
                client_action_id,
                actions,
            }
        }
    }
}

impl Callflow {
    /// A request with these actions.
    pub fn new(actions: Vec<Action>) -> Self {
        Callflow {
            valid_until: None,
            actions,
        }
    }
}

impl Reply {
    /// A reply with these actions.
    pub fn new(actions: Vec<Action>) -> Self {
        Reply {
            client_action_id: None,
            actions,
        }
    }
}
