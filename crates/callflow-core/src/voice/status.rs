//! The status codes of the Send Callflow API, with the platform's wording.

use std::fmt;

use crate::diagnostics::{Code, Report};

/// A status code the 8x8 Voice API answers to a callflow (`statusCode` in its reply).
///
/// ```
/// use callflow_core::voice::StatusCode;
/// assert_eq!(StatusCode::InvalidMsisdn.code(), -1017);
/// assert_eq!(StatusCode::from_code(-1003), Some(StatusCode::MinDigitsWithoutMaxDigits));
/// assert_eq!(StatusCode::InvalidJson.message(), "Invalid JSON request body");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusCode {
    /// `1`: the session was created.
    Created,
    /// `-1001`: the body is not JSON, or not a JSON object.
    InvalidJson,
    /// `-1002`: the voice profile or language is invalid.
    InvalidSpeechProfile,
    /// `-1003`: `minDigits` was given without `maxDigits`.
    MinDigitsWithoutMaxDigits,
    /// `-1004`: the legacy DTMF callback URL is missing.
    MissingDtmfCallbackUrl,
    /// `-1005`: `digitTimeout` was given without `overallTimeout`.
    DigitTimeoutWithoutOverallTimeout,
    /// `-1006`: `overallTimeout` is smaller than `digitTimeout`.
    OverallTimeoutTooSmall,
    /// `-1007`: an action name is not one of the five.
    InvalidAction,
    /// `-1008`: `completeOnHash` is false and `maxDigits` is missing.
    MaxDigitsRequiredWithoutHash,
    /// `-1009`: a field is missing, unknown, of the wrong type or out of range.
    InvalidEntry,
    /// `-1010`: more actions of a kind than allowed (more than two `makeCall`).
    TooManyActions,
    /// `-1011`: several destination numbers.
    MultipleDestinations,
    /// `-1012`: `hangup` is not the last action.
    MisplacedHangup,
    /// `-1013`: a request does not start with `makeCall`.
    FirstActionNotMakeCall,
    /// `-1014`: the source (caller ID) is not allowed.
    SourceNotAllowed,
    /// `-1015`: `validUntil` has passed.
    Expired,
    /// `-1016`: text contains characters the platform refuses.
    InvalidCharacters,
    /// `-1017`: the destination is not an MSISDN.
    InvalidMsisdn,
    /// `-1018`: an Execute Scenario action is combined with other actions.
    ScenarioNotAlone,
    /// `-1019`: `scenarioName` is null or empty.
    MissingScenarioName,
    /// `-1020`: the scenario name is invalid or not permitted.
    InvalidScenarioName,
    /// `-9999`: an unknown error.
    Unknown,
}

const ALL: [StatusCode; 22] = [
    StatusCode::Created,
    StatusCode::InvalidJson,
    StatusCode::InvalidSpeechProfile,
    StatusCode::MinDigitsWithoutMaxDigits,
    StatusCode::MissingDtmfCallbackUrl,
    StatusCode::DigitTimeoutWithoutOverallTimeout,
    StatusCode::OverallTimeoutTooSmall,
    StatusCode::InvalidAction,
    StatusCode::MaxDigitsRequiredWithoutHash,
    StatusCode::InvalidEntry,
    StatusCode::TooManyActions,
    StatusCode::MultipleDestinations,
    StatusCode::MisplacedHangup,
    StatusCode::FirstActionNotMakeCall,
    StatusCode::SourceNotAllowed,
    StatusCode::Expired,
    StatusCode::InvalidCharacters,
    StatusCode::InvalidMsisdn,
    StatusCode::ScenarioNotAlone,
    StatusCode::MissingScenarioName,
    StatusCode::InvalidScenarioName,
    StatusCode::Unknown,
];

impl StatusCode {
    /// Every documented code, `Created` first and `Unknown` last.
    pub fn all() -> &'static [StatusCode] {
        &ALL
    }

    /// The numeric code, as in the API's `statusCode`.
    pub fn code(self) -> i32 {
        match self {
            StatusCode::Created => 1,
            StatusCode::InvalidJson => -1001,
            StatusCode::InvalidSpeechProfile => -1002,
            StatusCode::MinDigitsWithoutMaxDigits => -1003,
            StatusCode::MissingDtmfCallbackUrl => -1004,
            StatusCode::DigitTimeoutWithoutOverallTimeout => -1005,
            StatusCode::OverallTimeoutTooSmall => -1006,
            StatusCode::InvalidAction => -1007,
            StatusCode::MaxDigitsRequiredWithoutHash => -1008,
            StatusCode::InvalidEntry => -1009,
            StatusCode::TooManyActions => -1010,
            StatusCode::MultipleDestinations => -1011,
            StatusCode::MisplacedHangup => -1012,
            StatusCode::FirstActionNotMakeCall => -1013,
            StatusCode::SourceNotAllowed => -1014,
            StatusCode::Expired => -1015,
            StatusCode::InvalidCharacters => -1016,
            StatusCode::InvalidMsisdn => -1017,
            StatusCode::ScenarioNotAlone => -1018,
            StatusCode::MissingScenarioName => -1019,
            StatusCode::InvalidScenarioName => -1020,
            StatusCode::Unknown => -9999,
        }
    }

    /// The status code with this number, if it is a documented one.
    pub fn from_code(code: i32) -> Option<StatusCode> {
        ALL.into_iter().find(|status| status.code() == code)
    }

    /// The platform's status message for the code.
    pub fn message(self) -> &'static str {
        match self {
            StatusCode::Created => "Created",
            StatusCode::InvalidJson => "Invalid JSON request body",
            StatusCode::InvalidSpeechProfile => "Speech profile or language parameter invalid",
            StatusCode::MinDigitsWithoutMaxDigits => {
                "Valid maxDigits required when minDigits provided"
            }
            StatusCode::MissingDtmfCallbackUrl => "DTMF callback url not provided",
            StatusCode::DigitTimeoutWithoutOverallTimeout => {
                "Valid overallTimeout is required when digitTimeout provided"
            }
            StatusCode::OverallTimeoutTooSmall => {
                "OverallTimeout should be greater than digitTimeout"
            }
            StatusCode::InvalidAction => "Invalid action type was used",
            StatusCode::MaxDigitsRequiredWithoutHash => {
                "Valid maxDigits is required when completeOnHash is false"
            }
            StatusCode::InvalidEntry => "Invalid call flow entry provided",
            StatusCode::TooManyActions => "Some actions are provided beyond the allowed count",
            StatusCode::MultipleDestinations => {
                "Multiple destination phone numbers found in the request"
            }
            StatusCode::MisplacedHangup => "Invalid Callflow : Incorrect use of action Hangup",
            StatusCode::FirstActionNotMakeCall => {
                "Invalid Callflow : First action should be a MakeCall action"
            }
            StatusCode::SourceNotAllowed => "Source or caller ID is not allowed",
            StatusCode::Expired => "The validity period of the call flow request has expired",
            StatusCode::InvalidCharacters => {
                "Invalid Callflow Content : Some special characters are invalid/unaccepted"
            }
            StatusCode::InvalidMsisdn => "Invalid MSISDN format in Destination",
            StatusCode::ScenarioNotAlone => {
                "Invalid Callflow : Execute Scenario cannot be processed together with other actions"
            }
            StatusCode::MissingScenarioName => {
                "Invalid Callflow Content : scenarioName is null or empty"
            }
            StatusCode::InvalidScenarioName => {
                "Invalid Callflow : Invalid scenarioName or account doesn't have permission"
            }
            StatusCode::Unknown => "An unknown error has occurred",
        }
    }

    /// Whether the platform checks this while reading the document's shape (the
    /// JSON-schema phase, answered first), rather than its meaning.
    pub(crate) fn is_schema_phase(self) -> bool {
        matches!(
            self,
            StatusCode::InvalidJson | StatusCode::InvalidAction | StatusCode::InvalidEntry
        )
    }
}

impl StatusCode {
    /// The status 8x8 would answer for a checked voice document: the first error's
    /// code, or [`StatusCode::Created`] when there is none. A report of another
    /// platform answers [`StatusCode::Unknown`] for an error this platform does not know.
    ///
    /// ```
    /// use callflow_core::voice::{validate, Profile, StatusCode};
    /// let report = validate(r#"{"callflow": []}"#, Profile::Reply);
    /// assert_eq!(StatusCode::of(&report), StatusCode::InvalidEntry);
    /// ```
    pub fn of(report: &Report) -> StatusCode {
        match report.errors().next() {
            None => StatusCode::Created,
            Some(issue) => StatusCode::try_from(issue.code).unwrap_or(StatusCode::Unknown),
        }
    }
}

impl From<StatusCode> for Code {
    fn from(status: StatusCode) -> Code {
        Code::number(status.code())
    }
}

/// The voice status of a numeric code 8x8 documents; the code back for any other.
impl TryFrom<Code> for StatusCode {
    type Error = Code;

    fn try_from(code: Code) -> Result<StatusCode, Code> {
        code.as_i32().and_then(StatusCode::from_code).ok_or(code)
    }
}

impl PartialEq<StatusCode> for Code {
    fn eq(&self, status: &StatusCode) -> bool {
        self.as_i32() == Some(status.code())
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for status in ALL {
            assert_eq!(StatusCode::from_code(status.code()), Some(status));
        }
        assert_eq!(StatusCode::from_code(-1), None);
    }

    #[test]
    fn codes_convert_to_and_from_the_shared_code() {
        for status in ALL {
            let code = Code::from(status);
            assert_eq!(code, status);
            assert_eq!(StatusCode::try_from(code), Ok(status));
        }
        let other = Code::named("missing-start");
        assert_eq!(StatusCode::try_from(other), Err(other));
    }
}
