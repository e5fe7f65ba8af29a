//! The webhook bodies the platform posts: Voice Call Action, Voice Call Status and the
//! Voice Session Summary, in the documented shapes.

use serde_json::{Map, Value, json};

use super::clock::{timestamp_ms, timestamp_s};
use super::options::Dialect;
use crate::voice::events::{CallStatus, LastAction, SessionErrorCode, SessionStatus};

/// One call leg of the session.
#[derive(Debug, Clone)]
pub(crate) struct Leg {
    /// `callA`, `callB`, ...
    pub(crate) name: String,
    pub(crate) call_id: String,
    pub(crate) inbound: bool,
    pub(crate) source: String,
    pub(crate) destination: String,
    pub(crate) initiated_ms: u64,
    pub(crate) connected_ms: Option<u64>,
    pub(crate) disconnected_ms: Option<u64>,
    /// How the leg ended, once it has.
    pub(crate) status: Option<SessionStatus>,
}

impl Leg {
    /// The number at the far end: who was called, or who called in.
    pub(crate) fn far_end(&self) -> &str {
        if self.inbound {
            &self.source
        } else {
            &self.destination
        }
    }

    /// Whole seconds connected by `now`.
    fn duration_s(&self, now: u64) -> u64 {
        let end = self.disconnected_ms.unwrap_or(now);
        self.connected_ms
            .map_or(0, |connected| end.saturating_sub(connected) / 1000)
    }

    fn direction(&self) -> &'static str {
        if self.inbound { "INBOUND" } else { "OUTBOUND" }
    }
}

/// What every webhook of one session shares.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) id: String,
    pub(crate) sub_account_id: String,
    pub(crate) start_ms: i64,
    pub(crate) dialect: Dialect,
}

/// The digits a call event carries, if it reports a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Digits {
    /// Not a capture's event: no digits field.
    NotCaptured,
    /// The captured digits, `None` when nothing valid was captured.
    Captured(Option<String>),
}

impl Session {
    /// A `CALL_ACTION` (VCA) body for `leg` at `now`.
    pub(crate) fn call_action(
        &self,
        leg: &Leg,
        event_id: &str,
        call_status: &CallStatus,
        digits: &Digits,
        client_action_id: Option<&str>,
        now: u64,
    ) -> Value {
        let mut payload = self.call_payload(leg, event_id, call_status, now);
        if let Digits::Captured(dtmf) = digits {
            match self.dialect {
                Dialect::Current => payload.insert("eventData".into(), json!({ "dtmf": dtmf })),
                Dialect::Legacy => payload.insert("dtmf".into(), json!(dtmf)),
            };
        }
        if let Some(id) = client_action_id {
            payload.insert("clientActionId".into(), json!(id));
        }
        envelope("CALL_ACTION", "Action request of a call", payload, None)
    }

    /// A `CALL_STATUS` (VCS) body for `leg` at `now`.
    pub(crate) fn call_status(
        &self,
        leg: &Leg,
        event_id: &str,
        call_status: &CallStatus,
        now: u64,
    ) -> Value {
        let payload = self.call_payload(leg, event_id, call_status, now);
        envelope("CALL_STATUS", "Status update of a call", payload, None)
    }

    fn call_payload(
        &self,
        leg: &Leg,
        event_id: &str,
        call_status: &CallStatus,
        now: u64,
    ) -> Map<String, Value> {
        let sip_code = match (call_status, leg.status.as_ref()) {
            (_, Some(SessionStatus::Busy)) => 486,
            (_, Some(SessionStatus::NoAnswer)) => 480,
            (_, Some(SessionStatus::Failed)) => 404,
            (_, Some(SessionStatus::Canceled)) => 487,
            (CallStatus::CallInitiated, None) => 180,
            _ => 200,
        };
        let value = json!({
            "eventId": event_id,
            "callId": leg.call_id,
            "sessionId": self.id,
            "subAccountId": self.sub_account_id,
            "callStatus": call_status.as_str(),
            "callDirection": leg.direction(),
            "callType": "PSTN",
            "source": leg.source,
            "destination": leg.destination,
            "sourceFormat": "MSISDN",
            "destinationFormat": "MSISDN",
            "callDuration": leg.duration_s(now),
            "sipCode": sip_code,
            "timestamp": timestamp_ms(self.start_ms, now),
        });
        match value {
            Value::Object(members) => members,
            _ => Map::new(),
        }
    }

    /// The `SESSION_SUMMARY` (VSS) body.
    pub(crate) fn summary(
        &self,
        legs: &[Leg],
        status: &SessionStatus,
        last_action: Option<&LastAction>,
        error: Option<SessionErrorCode>,
        now: u64,
    ) -> Value {
        let details: Map<String, Value> = legs
            .iter()
            .map(|leg| (leg.name.clone(), self.leg_summary(leg, now)))
            .collect();
        let mut payload = Map::new();
        payload.insert("sessionId".into(), json!(self.id));
        payload.insert("subAccountId".into(), json!(self.sub_account_id));
        payload.insert("sessionStatus".into(), json!(status.as_str()));
        payload.insert("startTime".into(), json!(timestamp_s(self.start_ms, 0)));
        payload.insert("endTime".into(), json!(timestamp_s(self.start_ms, now)));
        payload.insert(
            "lastAction".into(),
            json!(last_action.map(LastAction::as_str)),
        );
        payload.insert("callCount".into(), json!(legs.len()));
        if let Some(error) = error {
            payload.insert(
                "errorDetails".into(),
                json!({"errorCode": error.code(), "errorMsg": error.meaning()}),
            );
        }
        payload.insert("details".into(), Value::Object(details));
        envelope(
            "SESSION_SUMMARY",
            "Summary of a completed call session",
            payload,
            Some(5),
        )
    }

    fn leg_summary(&self, leg: &Leg, now: u64) -> Value {
        let mut value = json!({
            "callId": leg.call_id,
            "callDirection": leg.direction(),
            "callType": "PSTN",
            "initiatedTimestamp": timestamp_s(self.start_ms, leg.initiated_ms),
            "disconnectedTimestamp": timestamp_s(self.start_ms, leg.disconnected_ms.unwrap_or(now)),
            "source": leg.source,
            "destination": leg.destination,
            "sourceFormat": "MSISDN",
            "destinationFormat": "MSISDN",
            "callStatus": leg.status.as_ref().map_or("COMPLETED", SessionStatus::as_str),
            "callDuration": leg.duration_s(now),
        });
        if let (Some(connected), Value::Object(members)) = (leg.connected_ms, &mut value) {
            members.insert(
                "connectedTimestamp".into(),
                json!(timestamp_s(self.start_ms, connected)),
            );
        }
        value
    }
}

/// The envelope around every payload (the payload is moved in, not copied).
fn envelope(
    event_type: &str,
    description: &str,
    payload: Map<String, Value>,
    version: Option<u32>,
) -> Value {
    let mut members = Map::new();
    members.insert("namespace".into(), Value::from("VOICE"));
    members.insert("eventType".into(), Value::from(event_type));
    members.insert("description".into(), Value::from(description));
    members.insert("payload".into(), Value::Object(payload));
    if let Some(version) = version {
        members.insert("version".into(), Value::from(version));
    }
    Value::Object(members)
}
