//! The webhooks 8x8 posts during a voice session, parsed into typed events.
//!
//! [`parse_event`] reads a webhook body (bytes, text or a parsed value) into an
//! [`Event`]: the envelope (`eventType`, `namespace`, `description`, `version`) and a
//! typed [`Payload`]. Parsing is lenient, as the platform's own examples require: unknown
//! fields are ignored, unknown enumerated values are kept (see [`values`]), keys match in
//! any ASCII case, the string `"null"` reads as absent, and numbers may come as strings.
//! Only a body that is not JSON, or not an 8x8 webhook at all, is an [`EventError`].
//!
//! ```
//! use callflow_core::voice::events::{parse_event, CallStatus, EventType};
//!
//! let body = br#"{"namespace": "VOICE", "eventType": "CALL_ACTION",
//!   "description": "Action request of a call",
//!   "payload": {"callStatus": "ACTION_COMPLETED", "eventData": {"dtmf": "2"},
//!               "clientActionId": "main_menu"}}"#;
//! let event = parse_event(&body[..])?;
//! assert_eq!(event.event_type, EventType::CallAction);
//! let call = event.call().unwrap();
//! assert_eq!(call.call_status, Some(CallStatus::ActionCompleted));
//! assert_eq!(call.dtmf.as_deref(), Some("2"));
//! assert_eq!(call.client_action_id.as_deref(), Some("main_menu"));
//! # Ok::<(), callflow_core::voice::events::EventError>(())
//! ```

mod call;
mod fields;
mod numbers;
mod parties;
mod recording;
mod summary;
pub mod values;

use serde::Serialize;

pub use call::CallEvent;
pub use numbers::{VirtualNumber, VirtualNumberUpdate};
pub use parties::Parties;
pub use recording::RecordingStatus;
pub use summary::{CallLeg, CallQuality, SessionError, SessionErrorCode, SessionSummary};
pub use values::{
    CallDirection, CallStatus, CallType, EventType, LastAction, OperationalStatus, RecordingState,
    SessionStatus, UpdateEventType, UpdateStatus,
};

use self::fields::Fields;
use super::input::{Input, InputError};
use crate::json::{Json, Kind, MAX_DEPTH};

/// One webhook: its envelope and its typed payload.
///
/// It serialises as one flat JSON object: `eventType`, `namespace`, `description`,
/// `version`, then the payload's fields in camelCase (every field, `null` when absent;
/// an unknown event's payload stays under `payload`, as sent).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Event {
    /// `eventType`: what kind of webhook this is.
    pub event_type: EventType,
    /// `namespace`: `VOICE` for every voice webhook.
    pub namespace: Option<String>,
    /// `description`: 8x8's fixed wording for the event type.
    pub description: Option<String>,
    /// `version`: the payload's schema version, where sent (session summaries).
    pub version: Option<i64>,
    /// The payload, typed by `event_type`.
    #[serde(flatten)]
    pub payload: Payload,
}

/// The payload of a webhook, by event type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Payload {
    /// `CALL_ACTION` and `CALL_STATUS`.
    Call(CallEvent),
    /// `SESSION_SUMMARY`.
    SessionSummary(SessionSummary),
    /// `CALL_RECORDING_STATUS`.
    RecordingStatus(RecordingStatus),
    /// `VIRTUAL_NUMBER_UPDATE`.
    VirtualNumberUpdate(VirtualNumberUpdate),
    /// An event type this version does not know: the payload as sent (`null` if none).
    Other {
        /// The `payload` member, unchanged (members in the order sent).
        payload: Json<'static>,
    },
}

impl Event {
    /// The call event of a `CALL_ACTION` or `CALL_STATUS` webhook.
    pub fn call(&self) -> Option<&CallEvent> {
        match &self.payload {
            Payload::Call(call) => Some(call),
            _ => None,
        }
    }

    /// Whether this is a Voice Call Action, the one webhook whose HTTP reply drives the
    /// call.
    pub fn is_call_action(&self) -> bool {
        self.event_type == EventType::CallAction
    }

    /// The event as JSON text, in the flat form described on [`Event`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why a body is not an 8x8 webhook.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EventError {
    /// The body is not JSON.
    #[error("the webhook body is not JSON: {0}")]
    Syntax(serde_json::Error),
    /// The body nests deeper than [`MAX_DEPTH`] levels.
    #[error("the webhook body nests deeper than {MAX_DEPTH} levels")]
    TooDeep,
    /// The body is JSON, but not an object.
    #[error("an 8x8 webhook body is a JSON object, not {0}")]
    NotAnObject(Kind),
    /// The body has no `eventType` string.
    #[error("the body has no \"eventType\" string, so it is not an 8x8 webhook")]
    MissingEventType,
    /// A known event type without a `payload` object.
    #[error("a {0} webhook needs a \"payload\" object")]
    MissingPayload(EventType),
}

impl EventError {
    /// A stable code for the kind of error: `invalid-json`, `too-deep`,
    /// `not-an-object`, `missing-event-type` or `missing-payload`.
    pub fn code(&self) -> &'static str {
        match self {
            EventError::Syntax(_) => "invalid-json",
            EventError::TooDeep => "too-deep",
            EventError::NotAnObject(_) => "not-an-object",
            EventError::MissingEventType => "missing-event-type",
            EventError::MissingPayload(_) => "missing-payload",
        }
    }
}

/// Parses a webhook body: bytes or text as received, or an already parsed value.
///
/// ```
/// use callflow_core::voice::events::{parse_event, Payload, SessionStatus};
///
/// let body = r#"{"eventType": "SESSION_SUMMARY", "payload": {
///     "sessionStatus": "CANCELLED", "errorDetails": {"errorCode": "-2004"},
///     "details": {"CallA": {"callStatus": "CANCELED", "SourceRefId": "null"}}}}"#;
/// let Payload::SessionSummary(summary) = parse_event(body)?.payload else { panic!() };
/// assert_eq!(summary.session_status, Some(SessionStatus::Canceled));
/// let error = summary.error_details.unwrap();
/// assert_eq!(error.meaning, Some("No coverage available for requested area"));
/// let leg = &summary.legs[0];
/// assert_eq!((leg.name.as_str(), leg.parties.source_ref_id.as_deref()), ("callA", None));
///
/// let err = parse_event(r#"{"callflow": []}"#).unwrap_err();
/// assert_eq!(err.code(), "missing-event-type");
/// # Ok::<(), callflow_core::voice::events::EventError>(())
/// ```
pub fn parse_event<I: Input + ?Sized>(body: &I) -> Result<Event, EventError> {
    read_event(body, Form::Wire)
}

/// Reads an event back from the flat form [`Event::to_json`] writes (what a binding hands
/// its users: `eventType` and the payload's members side by side), as [`parse_event`]
/// reads the webhook itself.
///
/// ```
/// use callflow_core::voice::events::{parse_event, parse_flat_event};
/// let event = parse_event(r#"{"eventType": "CALL_ACTION", "payload": {
///     "callStatus": "ACTION_COMPLETED", "clientActionId": "main", "eventData": {"dtmf": "1"}}}"#)?;
/// assert_eq!(parse_flat_event(event.to_json().as_str())?, event);
/// # Ok::<(), callflow_core::voice::events::EventError>(())
/// ```
pub fn parse_flat_event<I: Input + ?Sized>(event: &I) -> Result<Event, EventError> {
    read_event(event, Form::Flat)
}

/// Where an event's payload members are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Under `payload`, as 8x8 posts them.
    Wire,
    /// Beside `eventType`, as [`Event::to_json`] writes them.
    Flat,
}

fn read_event<I: Input + ?Sized>(body: &I, form: Form) -> Result<Event, EventError> {
    let tree = body.to_tree().map_err(|err| match err {
        InputError::Syntax(err) => EventError::Syntax(err),
        InputError::TooDeep(_) => EventError::TooDeep,
    })?;
    let root = Fields::of(&tree).ok_or_else(|| EventError::NotAnObject(tree.kind()))?;
    let event_type = match root.get("eventType") {
        Some(Json::String(name)) => EventType::parse(name),
        _ => return Err(EventError::MissingEventType),
    };
    let payload = match event_type {
        EventType::Other(_) => Payload::Other {
            payload: root
                .get("payload")
                .map_or(Json::Null, |payload| payload.clone().into_owned()),
        },
        ref known => {
            let fields = match form {
                Form::Wire => root.object("payload"),
                Form::Flat => Some(root),
            }
            .ok_or_else(|| EventError::MissingPayload(known.clone()))?;
            match known {
                EventType::SessionSummary => Payload::SessionSummary(SessionSummary::read(fields)),
                EventType::CallRecordingStatus => {
                    Payload::RecordingStatus(RecordingStatus::read(fields))
                }
                EventType::VirtualNumberUpdate => {
                    Payload::VirtualNumberUpdate(VirtualNumberUpdate::read(fields))
                }
                _ => Payload::Call(CallEvent::read(fields)),
            }
        }
    };
    Ok(Event {
        namespace: root.text("namespace"),
        description: root.text("description"),
        version: root.integer("version"),
        event_type,
        payload,
    })
}
