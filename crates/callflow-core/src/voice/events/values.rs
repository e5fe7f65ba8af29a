//! The enumerated values of 8x8's webhooks, kept open: a value this version of callflow
//! does not know is kept as sent (the `Other` variant), so a new platform value never
//! breaks a running service.

use std::fmt;

use serde::{Serialize, Serializer};

/// Defines an open enum: the documented values, matched without regard to ASCII case
/// (with the spellings 8x8's own documents also use), and `Other` for the rest.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal $(| $alias:literal)*, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )*
            /// A value not documented when this version was written, kept as sent.
            Other(String),
        }

        impl $name {
            /// Every documented value, as 8x8 writes it, in the order documented.
            pub const VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value as 8x8 documents it (an alias such as `CANCELLED` reads as the
            /// documented `CANCELED`); an `Other` value as sent.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Other(value) => value,
                }
            }

            /// Reads a value as sent.
            pub fn parse(value: &str) -> Self {
                $(
                    if value.eq_ignore_ascii_case($wire)
                        $(|| value.eq_ignore_ascii_case($alias))*
                    {
                        return Self::$variant;
                    }
                )*
                Self::Other(value.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

open_enum! {
    /// The `eventType` of a webhook, which says what its payload holds.
    ///
    /// ```
    /// use callflow_core::voice::events::EventType;
    /// assert_eq!(EventType::parse("CALL_ACTION"), EventType::CallAction);
    /// assert_eq!(EventType::parse("NEW_EVENT").as_str(), "NEW_EVENT");
    /// ```
    EventType {
        /// `CALL_ACTION`, the Voice Call Action (VCA) webhook: answer it with a reply.
        CallAction = "CALL_ACTION",
        /// `CALL_STATUS`, the Voice Call Status (VCS) webhook: progress of one call leg.
        CallStatus = "CALL_STATUS",
        /// `SESSION_SUMMARY`, the Voice Session Summary (VSS) webhook, sent once a session ends.
        SessionSummary = "SESSION_SUMMARY",
        /// `CALL_RECORDING_STATUS`, the Voice Recording Uploaded (VRU) webhook.
        CallRecordingStatus = "CALL_RECORDING_STATUS",
        /// `VIRTUAL_NUMBER_UPDATE`, the Virtual Number Updated (VNU) webhook.
        VirtualNumberUpdate = "VIRTUAL_NUMBER_UPDATE",
    }
}

open_enum! {
    /// The `callStatus` of a call event.
    CallStatus {
        /// `CALL_RECEIVED`: an inbound call reached a virtual number; reply with a callflow.
        CallReceived = "CALL_RECEIVED",
        /// `ACTION_COMPLETED`: the previous callflow finished; digits are in the event.
        ActionCompleted = "ACTION_COMPLETED",
        /// `DTMF_RECEIVED`: digits were captured (2023-era call actions use this).
        DtmfReceived = "DTMF_RECEIVED",
        /// `CALL_INITIATED`: an outbound leg started.
        CallInitiated = "CALL_INITIATED",
        /// `CALL_CONNECTED`: the leg was answered.
        CallConnected = "CALL_CONNECTED",
        /// `CALL_DISCONNECTED`: the leg ended.
        CallDisconnected = "CALL_DISCONNECTED",
        /// `CALL_UPDATED`: the leg was updated.
        CallUpdated = "CALL_UPDATED",
    }
}

open_enum! {
    /// The `callDirection` of a call leg.
    CallDirection {
        /// `INBOUND`: the call came in to a virtual number.
        Inbound = "INBOUND",
        /// `OUTBOUND`: the platform placed the call.
        Outbound = "OUTBOUND",
    }
}

open_enum! {
    /// The `callType` of a call leg.
    CallType {
        /// `PSTN`: a phone call.
        Pstn = "PSTN",
        /// `VOIP`: a Voice SDK app user.
        Voip = "VOIP",
    }
}

open_enum! {
    /// How a session, or one call leg of it, ended (`sessionStatus`, leg `callStatus`).
    SessionStatus {
        /// `COMPLETED`.
        Completed = "COMPLETED",
        /// `BUSY`.
        Busy = "BUSY",
        /// `NO_ANSWER` (also read from `NO ANSWER`).
        NoAnswer = "NO_ANSWER" | "NO ANSWER",
        /// `FAILED`.
        Failed = "FAILED",
        /// `CANCELED` (also read from `CANCELLED`): the caller hung up first.
        Canceled = "CANCELED" | "CANCELLED",
        /// `ERROR`: see the session's error details.
        Error = "ERROR",
        /// `COMPLETED_UNSUBSCRIBED` (voice messaging opt-out).
        CompletedUnsubscribed = "COMPLETED_UNSUBSCRIBED",
        /// `COMPLETED_UNSUB_ERROR` (voice messaging opt-out).
        CompletedUnsubError = "COMPLETED_UNSUB_ERROR",
        /// `UNSUBSCRIBED_CONTACT` (voice messaging opt-out).
        UnsubscribedContact = "UNSUBSCRIBED_CONTACT",
    }
}

open_enum! {
    /// The last action a session ran (`lastAction`).
    LastAction {
        /// `MAKE_CALL`.
        MakeCall = "MAKE_CALL",
        /// `SAY`.
        Say = "SAY",
        /// `PLAY_FILE`.
        PlayFile = "PLAY_FILE",
        /// `PLAY_TTS`.
        PlayTts = "PLAY_TTS",
        /// `SAY_AND_CAPTURE`.
        SayAndCapture = "SAY_AND_CAPTURE",
        /// `HANGUP`.
        Hangup = "HANGUP",
    }
}

open_enum! {
    /// The `status` of a call recording.
    RecordingState {
        /// `PROCESSING`.
        Processing = "PROCESSING",
        /// `PROCESSING_FAILED`.
        ProcessingFailed = "PROCESSING_FAILED",
        /// `UPLOAD_COMPLETED`.
        UploadCompleted = "UPLOAD_COMPLETED",
        /// `UPLOAD_FAILED`.
        UploadFailed = "UPLOAD_FAILED",
        /// `CALLBACK_COMPLETED`.
        CallbackCompleted = "CALLBACK_COMPLETED",
        /// `CALLBACK_FAILED`.
        CallbackFailed = "CALLBACK_FAILED",
        /// `UNKNOWN`.
        Unknown = "UNKNOWN",
    }
}

open_enum! {
    /// Whether a virtual-number update lists every number or only the changed ones.
    UpdateEventType {
        /// `SNAPSHOT`: every number of the sub-account.
        Snapshot = "SNAPSHOT",
        /// `UPDATES`: only the numbers that changed.
        Updates = "UPDATES",
    }
}

open_enum! {
    /// The `operationalStatus` of a virtual number.
    OperationalStatus {
        /// `Active`.
        Active = "Active",
        /// `Unhealthy`.
        Unhealthy = "Unhealthy",
        /// `Expiring`.
        Expiring = "Expiring",
        /// `Inactive`.
        Inactive = "Inactive",
    }
}

open_enum! {
    /// Whether a virtual number changed in this update (`updateStatus`).
    UpdateStatus {
        /// `NO_CHANGE`.
        NoChange = "NO_CHANGE",
        /// `UPDATED`.
        Updated = "UPDATED",
    }
}
