//! The Voice Session Summary (`SESSION_SUMMARY`): the final record of a session.

use serde::Serialize;

use super::fields::Fields;
use super::parties::Parties;
use super::values::{CallDirection, CallType, LastAction, SessionStatus};

/// The payload of a session summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SessionSummary {
    /// `sessionId`.
    pub session_id: Option<String>,
    /// `subAccountId`.
    pub sub_account_id: Option<String>,
    /// `sessionStatus`: how the session ended.
    pub session_status: Option<SessionStatus>,
    /// `startTime`, ISO 8601.
    pub start_time: Option<String>,
    /// `endTime`, ISO 8601.
    pub end_time: Option<String>,
    /// `lastAction`: the last action the session ran.
    pub last_action: Option<LastAction>,
    /// `callCount`: the number of call legs.
    pub call_count: Option<i64>,
    /// `clientRequestId`: a correlation id echoed back, when one was set.
    pub client_request_id: Option<String>,
    /// `errorDetails`, when the session failed.
    pub error_details: Option<SessionError>,
    /// The call legs of `details` (`callA`, `callB`, …), in the order sent.
    pub legs: Vec<CallLeg>,
}

impl SessionSummary {
    pub(super) fn read(payload: Fields<'_, '_>) -> Self {
        let legs = payload.object("details").map_or_else(Vec::new, |details| {
            details
                .members()
                .iter()
                .filter_map(|(name, leg)| Some(CallLeg::read(name, Fields::of(leg)?)))
                .collect()
        });
        SessionSummary {
            session_id: payload.text("sessionId"),
            sub_account_id: payload.text("subAccountId"),
            session_status: payload
                .text("sessionStatus")
                .map(|s| SessionStatus::parse(&s)),
            start_time: payload.text("startTime"),
            end_time: payload.text("endTime"),
            last_action: payload.text("lastAction").map(|s| LastAction::parse(&s)),
            call_count: payload.integer("callCount"),
            client_request_id: payload.text("clientRequestId"),
            error_details: payload.object("errorDetails").map(SessionError::read),
            legs,
        }
    }

    /// The leg called `name` (`"callA"`, `"callB"`, …).
    pub fn leg(&self, name: &str) -> Option<&CallLeg> {
        self.legs.iter().find(|leg| leg.name == name)
    }
}

/// One call leg of a session summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallLeg {
    /// The leg's key in `details`, with a lower-case first letter: `callA`, `callB`, …
    /// (8x8's examples also write `CallA`).
    pub name: String,
    /// `callId`.
    pub call_id: Option<String>,
    /// `callDirection`.
    pub call_direction: Option<CallDirection>,
    /// `callType`.
    pub call_type: Option<CallType>,
    /// `initiatedTimestamp`.
    pub initiated_timestamp: Option<String>,
    /// `connectedTimestamp`: absent when the leg was never answered.
    pub connected_timestamp: Option<String>,
    /// `disconnectedTimestamp`.
    pub disconnected_timestamp: Option<String>,
    /// `source`, `destination` and what 8x8 knows of them.
    #[serde(flatten)]
    pub parties: Parties,
    /// `callStatus`: how this leg ended.
    pub call_status: Option<SessionStatus>,
    /// `callDuration`: connected seconds.
    pub call_duration: Option<i64>,
    /// `callQuality`, when measured.
    pub call_quality: Option<CallQuality>,
}

impl CallLeg {
    fn read(name: &str, leg: Fields<'_, '_>) -> Self {
        CallLeg {
            name: lower_first(name),
            call_id: leg.text("callId"),
            call_direction: leg.text("callDirection").map(|s| CallDirection::parse(&s)),
            call_type: leg.text("callType").map(|s| CallType::parse(&s)),
            initiated_timestamp: leg.text("initiatedTimestamp"),
            connected_timestamp: leg.text("connectedTimestamp"),
            disconnected_timestamp: leg.text("disconnectedTimestamp"),
            parties: Parties::read(leg),
            call_status: leg.text("callStatus").map(|s| SessionStatus::parse(&s)),
            call_duration: leg.integer("callDuration"),
            call_quality: leg.object("callQuality").map(|quality| CallQuality {
                mos: quality.number("mos"),
                packet_loss_rate: quality.number("packetLossRate"),
                jitter: quality.number("jitter"),
            }),
        }
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// The `callQuality` of a leg.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallQuality {
    /// `mos`: mean opinion score, 1.0 to 5.0.
    pub mos: Option<f64>,
    /// `packetLossRate`, as a fraction.
    pub packet_loss_rate: Option<f64>,
    /// `jitter` in milliseconds.
    pub jitter: Option<f64>,
}

/// The `errorDetails` of a failed session.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SessionError {
    /// `errorCode` (sent as a number or a string), such as `-2004`.
    pub error_code: Option<i64>,
    /// `errorMsg`, as sent.
    pub error_msg: Option<String>,
    /// What 8x8 documents `error_code` to mean, when it is one of its codes.
    pub meaning: Option<&'static str>,
    /// `callFlowRequestId`, when sent.
    pub call_flow_request_id: Option<String>,
    /// `action`: the action that failed, when sent.
    pub action: Option<LastAction>,
}

impl SessionError {
    fn read(details: Fields<'_, '_>) -> Self {
        let error_code = details.integer("errorCode");
        SessionError {
            error_code,
            error_msg: details.text("errorMsg"),
            meaning: error_code
                .and_then(SessionErrorCode::from_code)
                .map(SessionErrorCode::meaning),
            call_flow_request_id: details.text("callFlowRequestId"),
            action: details.text("action").map(|s| LastAction::parse(&s)),
        }
    }

    /// The documented code, when `error_code` is one.
    pub fn code(&self) -> Option<SessionErrorCode> {
        self.error_code.and_then(SessionErrorCode::from_code)
    }
}

/// The error codes 8x8 documents for sessions that fail after they were created.
///
/// ```
/// use callflow_core::voice::events::SessionErrorCode;
/// let code = SessionErrorCode::from_code(-2004).unwrap();
/// assert_eq!(code, SessionErrorCode::NoCoverage);
/// assert_eq!(code.meaning(), "No coverage available for requested area");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SessionErrorCode {
    /// `-2001`.
    Internal,
    /// `-2002`.
    InternalConnectivity,
    /// `-2003`: for example an invalid VCA reply.
    InvalidCallflow,
    /// `-2004`.
    NoCoverage,
    /// `-2005`.
    TextToSpeechFailed,
    /// `-2006`.
    FileDownloadFailed,
    /// `-2007`.
    ValidityExpired,
    /// `-2008`.
    SourceNotWhitelisted,
    /// `-2009`.
    InvalidScenarioParameters,
    /// `-2010`: the concurrent-call limit.
    TrunkCapacityExceeded,
    /// `-9999`.
    Unknown,
}

impl SessionErrorCode {
    const ALL: [SessionErrorCode; 11] = [
        Self::Internal,
        Self::InternalConnectivity,
        Self::InvalidCallflow,
        Self::NoCoverage,
        Self::TextToSpeechFailed,
        Self::FileDownloadFailed,
        Self::ValidityExpired,
        Self::SourceNotWhitelisted,
        Self::InvalidScenarioParameters,
        Self::TrunkCapacityExceeded,
        Self::Unknown,
    ];

    /// The code for a number, when 8x8 documents it.
    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|known| known.code() == code)
    }

    /// The number, such as `-2004`.
    pub fn code(self) -> i64 {
        self.documented().0
    }

    /// What the code means, in 8x8's words.
    pub fn meaning(self) -> &'static str {
        self.documented().1
    }

    fn documented(self) -> (i64, &'static str) {
        match self {
            Self::Internal => (-2001, "Internal error"),
            Self::InternalConnectivity => (-2002, "Internal connectivity error"),
            Self::InvalidCallflow => (-2003, "The call flow provided is invalid"),
            Self::NoCoverage => (-2004, "No coverage available for requested area"),
            Self::TextToSpeechFailed => (-2005, "Unable to synthesize text to speech"),
            Self::FileDownloadFailed => (-2006, "Unable to download file for playback"),
            Self::ValidityExpired => (-2007, "Validity period of the call flow request expired"),
            Self::SourceNotWhitelisted => (-2008, "Source MSISDN (caller ID) not whitelisted"),
            Self::InvalidScenarioParameters => (-2009, "Scenario parameters invalid"),
            Self::TrunkCapacityExceeded => {
                (-2010, "Trunk capacity exceeded (concurrent-call limit)")
            }
            Self::Unknown => (-9999, "Unknown error"),
        }
    }
}
