//! Call events: `CALL_ACTION` (VCA) and `CALL_STATUS` (VCS) share one payload.

use serde::Serialize;

use super::fields::{Fields, text_of};
use super::parties::Parties;
use super::values::{CallDirection, CallStatus, CallType};
use crate::json::Json;

/// The payload of a call event: one call leg at one moment.
///
/// Every field is optional, since 8x8 may leave any of them out; unknown fields are
/// ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallEvent {
    /// `eventId`: unique per event (deliveries may repeat, so use it to de-duplicate).
    pub event_id: Option<String>,
    /// `callId`: the call leg.
    pub call_id: Option<String>,
    /// `sessionId`: the session, as answered by Send Callflow.
    pub session_id: Option<String>,
    /// `subAccountId`.
    pub sub_account_id: Option<String>,
    /// `callStatus`.
    pub call_status: Option<CallStatus>,
    /// `callDirection`.
    pub call_direction: Option<CallDirection>,
    /// `callType`.
    pub call_type: Option<CallType>,
    /// `source`, `destination` and what 8x8 knows of them.
    #[serde(flatten)]
    pub parties: Parties,
    /// `callDuration` in seconds.
    pub call_duration: Option<i64>,
    /// The digits the caller pressed, wherever 8x8 put them; `None` when there were none.
    pub dtmf: Option<String>,
    /// `sipCode`: the final SIP response code of the leg.
    pub sip_code: Option<i64>,
    /// `timestamp`, ISO 8601.
    pub timestamp: Option<String>,
    /// `clientActionId`: the id your previous reply set, to know where the caller is.
    pub client_action_id: Option<String>,
}

impl CallEvent {
    pub(super) fn read(payload: Fields<'_, '_>) -> Self {
        CallEvent {
            event_id: payload.text("eventId"),
            call_id: payload.text("callId"),
            session_id: payload.text("sessionId"),
            sub_account_id: payload.text("subAccountId"),
            call_status: payload.text("callStatus").map(|s| CallStatus::parse(&s)),
            call_direction: payload
                .text("callDirection")
                .map(|s| CallDirection::parse(&s)),
            call_type: payload.text("callType").map(|s| CallType::parse(&s)),
            parties: Parties::read(payload),
            call_duration: payload.integer("callDuration"),
            dtmf: dtmf(payload),
            sip_code: payload.integer("sipCode"),
            timestamp: payload.text("timestamp"),
            client_action_id: payload.text("clientActionId"),
        }
    }
}

/// The digits, from the first of the three places 8x8 has put them that holds any:
/// `eventData.dtmf` (current documents), `eventData` as a bare string (a 2025 capture),
/// then a flat `dtmf` (December 2023 examples). Surrounding whitespace is dropped, and
/// an empty value means the caller pressed nothing.
fn dtmf(payload: Fields<'_, '_>) -> Option<String> {
    let event_data = payload.get("eventData");
    let nested = event_data
        .and_then(Fields::of)
        .and_then(|data| data.get("dtmf"));
    let bare = event_data.filter(|data| !matches!(data, Json::Object(_)));
    [nested, bare, payload.get("dtmf")]
        .into_iter()
        .flatten()
        .filter_map(text_of)
        .map(|digits| digits.trim().to_owned())
        .find(|digits| !digits.is_empty())
}
