//! The webhook events: their types, the fields of each payload and the open enums.
//!
//! The parsers fill typed structs (`voice::events`); these tables name the same fields,
//! and a test checks that each record lists exactly the members its struct serialises.

use crate::voice::events::values::{
    CallDirection, CallStatus, CallType, EventType, LastAction, OperationalStatus, RecordingState,
    SessionStatus, UpdateEventType, UpdateStatus,
};

/// An enumerated value kept open: the documented values, and any other string as sent.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct OpenEnum {
    /// The type's name in every package, such as `CallStatus`.
    pub name: &'static str,
    /// What it is, in a sentence.
    pub about: &'static str,
    /// The documented values, as 8x8 writes them.
    pub values: &'static [&'static str],
}

/// What a field of an event holds.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum FieldType {
    /// A string.
    Text,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Flag,
    /// A value of an open enum.
    Enum(&'static OpenEnum),
    /// A nested record.
    Record(&'static Record),
    /// A list of records.
    List(&'static Record),
}

/// One field of an event or of a record nested in one.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Field {
    /// The member's name in the event's flat form, in camelCase.
    pub name: &'static str,
    /// What it holds.
    pub ty: FieldType,
    /// Whether it is `null` when 8x8 leaves it out (lists and a leg's name never are).
    pub nullable: bool,
    /// What it is, in a sentence.
    pub about: &'static str,
}

/// A group of fields: an event's payload, a record nested in one, or a part several
/// records share.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Record {
    /// The record's name in every package, such as `CallLeg`.
    pub name: &'static str,
    /// What it is, in a sentence.
    pub about: &'static str,
    /// Records whose fields this one also has.
    pub includes: &'static [&'static Record],
    /// Its own fields, in the order the struct serialises them.
    pub fields: &'static [Field],
}

impl Record {
    /// Every field, the included records' first.
    pub fn all_fields(&self) -> Vec<&'static Field> {
        let mut fields: Vec<&'static Field> = self
            .includes
            .iter()
            .flat_map(|record| record.all_fields())
            .collect();
        fields.extend(self.fields);
        fields
    }
}

/// A known event type and the record its payload is.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct EventKind {
    /// The `eventType`, such as `CALL_ACTION`.
    pub event_type: &'static str,
    /// The event's class or interface name in every package, such as `CallActionEvent`.
    pub name: &'static str,
    /// What it is, in a sentence.
    pub about: &'static str,
    /// Its payload's fields.
    pub payload: &'static Record,
}

const fn field(name: &'static str, ty: FieldType, about: &'static str) -> Field {
    Field {
        name,
        ty,
        nullable: true,
        about,
    }
}

const fn never_null(name: &'static str, ty: FieldType, about: &'static str) -> Field {
    Field {
        name,
        ty,
        nullable: false,
        about,
    }
}

macro_rules! open_enums {
    ($($const:ident $ty:ident $about:literal;)*) => {
        $(
            const $const: OpenEnum = OpenEnum {
                name: stringify!($ty),
                about: $about,
                values: $ty::VALUES,
            };
        )*
        const OPEN_ENUMS: &[&OpenEnum] = &[$(&$const),*];
    };
}

open_enums! {
    EVENT_TYPE EventType "What kind of webhook it is.";
    CALL_STATUS CallStatus "`callStatus` of a call event.";
    CALL_DIRECTION CallDirection "`callDirection` of a call leg.";
    CALL_TYPE CallType "`callType` of a call leg: a phone call or a Voice SDK app user.";
    SESSION_STATUS SessionStatus
        "How a session, or one call leg of it, ended (`CANCELLED` reads as `CANCELED`).";
    LAST_ACTION LastAction "The last action a session ran, or the one that failed.";
    RECORDING_STATE RecordingState "`status` of a call recording.";
    UPDATE_EVENT_TYPE UpdateEventType
        "Whether a virtual-number update lists every number or only the changed ones.";
    OPERATIONAL_STATUS OperationalStatus "`operationalStatus` of a virtual number.";
    UPDATE_STATUS UpdateStatus "Whether a virtual number changed in this update.";
}

use FieldType::{Enum, Flag, Integer, List, Number, Text};

/// The envelope every event has, beside `eventType`.
const ENVELOPE: Record = Record {
    name: "EventEnvelope",
    about: "The envelope every event has.",
    includes: &[],
    fields: &[
        field("namespace", Text, "`VOICE` for every voice webhook."),
        field(
            "description",
            Text,
            "8x8's fixed wording for the event type.",
        ),
        field(
            "version",
            Integer,
            "The payload's schema version, where sent (session summaries).",
        ),
    ],
};

// Fields several records have alike.
const CALL_ID: Field = field("callId", Text, "The call leg.");
const DIRECTION: Field = field(
    "callDirection",
    Enum(&CALL_DIRECTION),
    "Inbound or outbound.",
);
const CALL_KIND: Field = field(
    "callType",
    Enum(&CALL_TYPE),
    "A phone call or a Voice SDK app user.",
);
const DURATION: Field = field("callDuration", Integer, "Connected seconds.");
const SUB_ACCOUNT: Field = field("subAccountId", Text, "The sub-account.");
const SESSION: Field = field(
    "sessionId",
    Text,
    "The session, as answered by Send Callflow.",
);

const PARTIES: Record = Record {
    name: "Parties",
    about: "Who called whom: the two numbers of a call leg and what 8x8 knows of them.",
    includes: &[],
    fields: &[
        field("source", Text, "The calling number."),
        field(
            "destination",
            Text,
            "The called number (your virtual number on an inbound call).",
        ),
        field("sourceFormat", Text, "Such as `MSISDN`."),
        field("destinationFormat", Text, "Such as `MSISDN`."),
        field("sourceCountryCode", Text, "ISO 3166-1 alpha-2."),
        field("destinationCountryCode", Text, "ISO 3166-1 alpha-2."),
        field(
            "sourceRefId",
            Text,
            "The reference id of the virtual number on an outbound leg.",
        ),
        field(
            "destinationRefId",
            Text,
            "The reference id of the virtual number on an inbound leg.",
        ),
    ],
};

const CALL_EVENT: Record = Record {
    name: "CallEvent",
    about: "The fields of a call event (`CALL_ACTION` and `CALL_STATUS`): one call leg at one moment.",
    includes: &[&PARTIES],
    fields: &[
        field(
            "eventId",
            Text,
            "Unique per event (deliveries may repeat, so use it to de-duplicate).",
        ),
        CALL_ID,
        SESSION,
        SUB_ACCOUNT,
        field("callStatus", Enum(&CALL_STATUS), "Where the call leg is."),
        DIRECTION,
        CALL_KIND,
        DURATION,
        field(
            "dtmf",
            Text,
            "The digits the caller pressed, wherever 8x8 put them (`eventData.dtmf`, `eventData` as a string, or a flat `dtmf`), trimmed; null when there were none.",
        ),
        field(
            "sipCode",
            Integer,
            "The final SIP response code of the leg.",
        ),
        field("timestamp", Text, "ISO 8601."),
        field(
            "clientActionId",
            Text,
            "The id your previous reply set, to know where the caller is.",
        ),
    ],
};

const CALL_QUALITY: Record = Record {
    name: "CallQuality",
    about: "The measured quality of a call leg.",
    includes: &[],
    fields: &[
        field("mos", Number, "Mean opinion score, 1.0 to 5.0."),
        field("packetLossRate", Number, "Packet loss, as a fraction."),
        field("jitter", Number, "Jitter in milliseconds."),
    ],
};

const CALL_LEG: Record = Record {
    name: "CallLeg",
    about: "One call leg of a session summary (`callA`, `callB`, …).",
    includes: &[&PARTIES],
    fields: &[
        never_null(
            "name",
            Text,
            "The leg's key in `details`, with a lower-case first letter: `callA`, `callB`, …",
        ),
        CALL_ID,
        DIRECTION,
        CALL_KIND,
        field("initiatedTimestamp", Text, "When the leg was initiated."),
        field(
            "connectedTimestamp",
            Text,
            "When the leg was answered; null when it never was.",
        ),
        field("disconnectedTimestamp", Text, "When the leg ended."),
        field("callStatus", Enum(&SESSION_STATUS), "How this leg ended."),
        DURATION,
        field(
            "callQuality",
            FieldType::Record(&CALL_QUALITY),
            "The leg's measured quality, when measured.",
        ),
    ],
};

const SESSION_ERROR: Record = Record {
    name: "SessionError",
    about: "Why a session failed (`errorDetails`), with the documented meaning of its code.",
    includes: &[],
    fields: &[
        field(
            "errorCode",
            Integer,
            "Such as -2004 (sent as a number or a string).",
        ),
        field("errorMsg", Text, "The error message, as sent."),
        field(
            "meaning",
            Text,
            "What 8x8 documents `errorCode` to mean (-2001 to -2010, -9999), else null.",
        ),
        field(
            "callFlowRequestId",
            Text,
            "The request that started the session.",
        ),
        field("action", Enum(&LAST_ACTION), "The action that failed."),
    ],
};

const SESSION_SUMMARY: Record = Record {
    name: "SessionSummary",
    about: "The final record of a session.",
    includes: &[],
    fields: &[
        SESSION,
        SUB_ACCOUNT,
        field(
            "sessionStatus",
            Enum(&SESSION_STATUS),
            "How the session ended.",
        ),
        field("startTime", Text, "ISO 8601."),
        field("endTime", Text, "ISO 8601."),
        field(
            "lastAction",
            Enum(&LAST_ACTION),
            "The last action the session ran.",
        ),
        field("callCount", Integer, "The number of call legs."),
        field(
            "clientRequestId",
            Text,
            "A correlation id echoed back, when one was set.",
        ),
        field(
            "errorDetails",
            FieldType::Record(&SESSION_ERROR),
            "Why the session failed, when it did.",
        ),
        never_null(
            "legs",
            List(&CALL_LEG),
            "The call legs of `details` (`callA`, `callB`, …), in the order sent.",
        ),
    ],
};

const RECORDING_STATUS: Record = Record {
    name: "RecordingStatus",
    about: "A recording's upload status.",
    includes: &[],
    fields: &[
        field("sessionId", Text, "The session recorded."),
        field("recordingId", Text, "The recording."),
        field(
            "durationSeconds",
            Integer,
            "The recording's length in seconds.",
        ),
        field("filePath", Text, "Where the recording was uploaded."),
        field("status", Enum(&RECORDING_STATE), "The upload's status."),
    ],
};

const VIRTUAL_NUMBER: Record = Record {
    name: "VirtualNumber",
    about: "One virtual number of a virtual-number update.",
    includes: &[],
    fields: &[
        field("msisdn", Text, "The number."),
        field("updatedTimestamp", Text, "When it last changed."),
        field("countryCode", Text, "ISO 3166-1 alpha-2."),
        field(
            "operationalStatus",
            Enum(&OPERATIONAL_STATUS),
            "Whether the number works.",
        ),
        field(
            "referenceId",
            Text,
            "The id call events give as `sourceRefId` or `destinationRefId`.",
        ),
        field("rentalPrice", Number, "The rental price."),
        field("incomingRate", Number, "The rate of incoming calls."),
        field("billingUnit", Text, "The unit the rates are billed in."),
        field("billingCurrency", Text, "The currency of the prices."),
        field(
            "numberHealthCheckEnabled",
            Flag,
            "Whether 8x8 checks the number's health.",
        ),
        field(
            "updateStatus",
            Enum(&UPDATE_STATUS),
            "Whether the number changed in this update.",
        ),
    ],
};

const VIRTUAL_NUMBER_UPDATE: Record = Record {
    name: "VirtualNumberUpdate",
    about: "The state of the sub-account's virtual numbers.",
    includes: &[],
    fields: &[
        SUB_ACCOUNT,
        field(
            "totalNumbers",
            Integer,
            "How many numbers the sub-account has.",
        ),
        field(
            "updateEventType",
            Enum(&UPDATE_EVENT_TYPE),
            "A snapshot of every number, or only the changes.",
        ),
        never_null(
            "virtualNumbers",
            List(&VIRTUAL_NUMBER),
            "The numbers, as listed.",
        ),
    ],
};

const EVENT_KINDS: [EventKind; 5] = [
    EventKind {
        event_type: "CALL_ACTION",
        name: "CallActionEvent",
        about: "A Voice Call Action (VCA) webhook: answer it with a reply.",
        payload: &CALL_EVENT,
    },
    EventKind {
        event_type: "CALL_STATUS",
        name: "CallStatusEvent",
        about: "A Voice Call Status (VCS) webhook: progress of one call leg.",
        payload: &CALL_EVENT,
    },
    EventKind {
        event_type: "SESSION_SUMMARY",
        name: "SessionSummaryEvent",
        about: "A Voice Session Summary (VSS) webhook, sent once a session ends.",
        payload: &SESSION_SUMMARY,
    },
    EventKind {
        event_type: "CALL_RECORDING_STATUS",
        name: "RecordingStatusEvent",
        about: "A Voice Recording Uploaded (VRU) webhook.",
        payload: &RECORDING_STATUS,
    },
    EventKind {
        event_type: "VIRTUAL_NUMBER_UPDATE",
        name: "VirtualNumberUpdateEvent",
        about: "A Virtual Number Updated (VNU) webhook.",
        payload: &VIRTUAL_NUMBER_UPDATE,
    },
];

/// The envelope every event has beside `eventType`: `namespace`, `description`,
/// `version`.
pub fn envelope() -> &'static Record {
    &ENVELOPE
}

/// Every known event type, in the order of [`EventType::VALUES`].
pub fn event_kinds() -> &'static [EventKind] {
    &EVENT_KINDS
}

/// Every open enum of the events, `EventType` first.
pub fn open_enums() -> &'static [&'static OpenEnum] {
    OPEN_ENUMS
}

/// Every record: the envelope, the parts shared and nested, then the payloads.
pub fn records() -> &'static [&'static Record] {
    &[
        &ENVELOPE,
        &PARTIES,
        &CALL_QUALITY,
        &CALL_LEG,
        &SESSION_ERROR,
        &VIRTUAL_NUMBER,
        &CALL_EVENT,
        &SESSION_SUMMARY,
        &RECORDING_STATUS,
        &VIRTUAL_NUMBER_UPDATE,
    ]
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::voice::events::{
        CallEvent, CallLeg, CallQuality, Parties, RecordingStatus, SessionError, SessionSummary,
        VirtualNumber, VirtualNumberUpdate, parse_event,
    };

    /// The members a default value of `T` serialises, sorted.
    fn members<T: Serialize + Default>() -> Vec<String> {
        let serde_json::Value::Object(map) = serde_json::to_value(T::default()).unwrap() else {
            panic!("not an object")
        };
        let mut names: Vec<String> = map.keys().cloned().collect();
        names.sort();
        names
    }

    fn listed(record: &Record) -> Vec<String> {
        let mut names: Vec<String> = record
            .all_fields()
            .iter()
            .map(|field| field.name.to_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn records_list_what_the_structs_serialise() {
        assert_eq!(listed(&PARTIES), members::<Parties>());
        assert_eq!(listed(&CALL_EVENT), members::<CallEvent>());
        assert_eq!(listed(&CALL_LEG), members::<CallLeg>());
        assert_eq!(listed(&CALL_QUALITY), members::<CallQuality>());
        assert_eq!(listed(&SESSION_ERROR), members::<SessionError>());
        assert_eq!(listed(&SESSION_SUMMARY), members::<SessionSummary>());
        assert_eq!(listed(&RECORDING_STATUS), members::<RecordingStatus>());
        assert_eq!(listed(&VIRTUAL_NUMBER), members::<VirtualNumber>());
        assert_eq!(
            listed(&VIRTUAL_NUMBER_UPDATE),
            members::<VirtualNumberUpdate>()
        );
    }

    #[test]
    fn every_event_kind_is_an_event_type_with_its_envelope() {
        let types: Vec<&str> = EVENT_KINDS.iter().map(|kind| kind.event_type).collect();
        assert_eq!(types, EventType::VALUES);
        for kind in EVENT_KINDS {
            let body = format!(r#"{{"eventType": "{}", "payload": {{}}}}"#, kind.event_type);
            let serde_json::Value::Object(event) =
                serde_json::to_value(parse_event(body.as_str()).unwrap()).unwrap()
            else {
                panic!("not an object")
            };
            let mut expected = listed(kind.payload);
            expected.extend(listed(&ENVELOPE));
            expected.push("eventType".to_owned());
            expected.sort();
            let mut found: Vec<String> = event.keys().cloned().collect();
            found.sort();
            assert_eq!(found, expected, "{}", kind.event_type);
        }
    }
}
