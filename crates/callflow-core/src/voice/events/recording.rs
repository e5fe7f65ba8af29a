//! The Voice Recording Uploaded (`CALL_RECORDING_STATUS`) payload.

use serde::Serialize;

use super::fields::Fields;
use super::values::RecordingState;

/// The payload of a recording-status event.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingStatus {
    /// `sessionId`.
    pub session_id: Option<String>,
    /// `recordingId`.
    pub recording_id: Option<String>,
    /// `durationSeconds`.
    pub duration_seconds: Option<i64>,
    /// `filePath`: where the recording was uploaded.
    pub file_path: Option<String>,
    /// `status`.
    pub status: Option<RecordingState>,
}

impl RecordingStatus {
    pub(super) fn read(payload: Fields<'_, '_>) -> Self {
        RecordingStatus {
            session_id: payload.text("sessionId"),
            recording_id: payload.text("recordingId"),
            duration_seconds: payload.integer("durationSeconds"),
            file_path: payload.text("filePath"),
            status: payload.text("status").map(|s| RecordingState::parse(&s)),
        }
    }
}
