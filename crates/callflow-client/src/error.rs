//! The one error type of the clients, and the reading of every error body the APIs
//! answer with.

use std::fmt;
use std::time::Duration;

use callflow_core::ValidationError;
use callflow_core::voice::StatusCode;
use serde_json::Value;

/// How many characters of a body that is not JSON an [`ApiError`] keeps as its message.
const SNIPPET_CHARS: usize = 200;

/// Everything a client call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The callflow is invalid: it was checked locally and never sent. The report holds
    /// every issue, each with the status code the platform would have answered.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// The server answered with an error.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// The request took longer than the client's timeout (connecting included).
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// No connection could be made (refused, unreachable, DNS or TLS failure): nothing
    /// was sent.
    #[error("cannot connect: {0}")]
    Connect(#[source] reqwest::Error),
    /// The connection failed after the request may have been sent (closed or reset
    /// before a full answer arrived).
    #[error("the connection failed: {0}")]
    Transport(#[source] reqwest::Error),
    /// The answer's body is larger than the client accepts.
    #[error("the response body is larger than {limit} bytes")]
    BodyTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A successful answer whose body is not what the API documents.
    #[error("unexpected response (HTTP {status}): {message}")]
    InvalidResponse {
        /// The HTTP status of the answer.
        status: u16,
        /// What was wrong with it.
        message: String,
    },
    /// The client was given an invalid setting or argument (a malformed base URL, a
    /// sub-account id the API would refuse, …); nothing was sent.
    #[error("invalid configuration: {0}")]
    Config(String),
}

impl Error {
    /// Why the call failed, as the stable kebab-case code every language gives it:
    /// `invalid-document` (the flow was refused locally), `api-error` (an error answer),
    /// `timeout`, `connect` (nothing was sent), `connection` (the connection failed once
    /// the request may have been sent), `body-too-large`, `invalid-response`, or
    /// `invalid-config` (a bad setting or argument).
    ///
    /// ```
    /// use callflow_client::{Error, VoiceClient};
    /// let err = VoiceClient::new("key", "a b").err();
    /// assert_eq!(err.as_ref().map(Error::code), Some("invalid-config"));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "invalid-document",
            Error::Api(_) => "api-error",
            Error::Timeout(_) => "timeout",
            Error::Connect(_) => "connect",
            Error::Transport(_) => "connection",
            Error::BodyTooLarge { .. } => "body-too-large",
            Error::InvalidResponse { .. } => "invalid-response",
            Error::Config(_) => "invalid-config",
        }
    }
}

/// An error answer from the API, from any of the body shapes it uses.
///
/// ```
/// use callflow_client::ApiError;
/// use callflow_core::voice::StatusCode;
/// let body = br#"{"sessionStatus": "NOT_CREATED", "callFlowRequestId": "03cc3e8b",
///     "statusCode": -1013, "statusMessage": "Invalid Callflow : First action should be a MakeCall action"}"#;
/// let err = ApiError::from_response(422, body, None);
/// assert_eq!(err.status_code, Some(-1013));
/// assert_eq!(err.voice_status(), Some(StatusCode::FirstActionNotMakeCall));
/// assert_eq!(err.request_id.as_deref(), Some("03cc3e8b"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status, such as 422.
    pub status: u16,
    /// The platform's status code from the body (`statusCode`, `code` or Yay's
    /// `status_code`), when the body carries one.
    pub status_code: Option<i32>,
    /// The platform's message, or the start of a body that is not JSON, or the HTTP
    /// reason phrase when the body is empty.
    pub status_message: String,
    /// The id the platform gave the failed request (`callFlowRequestId` or `errorId`),
    /// to quote to support.
    pub request_id: Option<String>,
    /// How long the server asked to wait before trying again (`Retry-After`), when it
    /// did.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    /// Reads an error answer: the 8x8 callflow error body (`statusCode`,
    /// `statusMessage`, `callFlowRequestId`), 8x8's generic body (`code`, `message`,
    /// `errorId`, `timestamp`), Yay's envelope (`status_code`, `status_message`), or any
    /// other body, such as a proxy's HTML page.
    pub fn from_response(status: u16, body: &[u8], retry_after: Option<Duration>) -> Self {
        let (status_code, message, request_id) = match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(fields)) => {
                let pick = |names: &[&str]| names.iter().find_map(|name| fields.get(*name));
                let text = |names: &[&str]| pick(names).and_then(Value::as_str).map(str::to_owned);
                (
                    pick(&["statusCode", "status_code", "code"]).and_then(number),
                    text(&["statusMessage", "status_message", "message"]).unwrap_or_default(),
                    text(&["callFlowRequestId", "errorId"]),
                )
            }
            _ => (None, snippet(body), None),
        };
        ApiError {
            status,
            status_code,
            status_message: if message.is_empty() {
                reason(status).to_owned()
            } else {
                message
            },
            request_id,
            retry_after,
        }
    }

    /// The documented 8x8 status code, when the body carried one (`-1013`, …).
    pub fn voice_status(&self) -> Option<StatusCode> {
        self.status_code.and_then(StatusCode::from_code)
    }

    /// `message` then every field in order, the wait in seconds: the arguments the
    /// Python and Node `ApiError` constructors take. For the bindings, not a user's API.
    #[doc(hidden)]
    pub fn into_args(self, message: String) -> ApiErrorArgs {
        let retry_after = self.retry_after.map(|wait| wait.as_secs_f64());
        let ApiError {
            status,
            status_code,
            status_message,
            request_id,
            ..
        } = self;
        (
            message,
            status,
            status_code,
            status_message,
            request_id,
            retry_after,
        )
    }
}

/// An `ApiError` as plain values (see `ApiError::into_args`), for the bindings.
#[doc(hidden)]
pub type ApiErrorArgs = (
    String,
    u16,
    Option<i32>,
    String,
    Option<String>,
    Option<f64>,
);

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = self.status_code {
            write!(f, " (status {code})")?;
        }
        write!(f, ": {}", self.status_message)?;
        if let Some(id) = &self.request_id {
            write!(f, " [request {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A status code given as a JSON number or a numeric string (8x8's webhook API sends
/// `"statusCode": "1001"`).
fn number(value: &Value) -> Option<i32> {
    match value {
        Value::Number(number) => number.as_i64().and_then(|n| i32::try_from(n).ok()),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// The start of a body that is not JSON, on one line, as printable text.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((cut, _)) = words.char_indices().nth(SNIPPET_CHARS) {
        words.truncate(cut);
        words.push('…');
    }
    words.chars().filter(|c| !c.is_control()).collect()
}

/// The reason phrase of an HTTP status, or `"HTTP error"` for an unknown one.
fn reason(http_status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(http_status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("HTTP error")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_generic_body() {
        let body = br#"{"code": 1002, "message": "Too many requests", "errorId": "e-1", "timestamp": "2024-01-01T00:00:00Z"}"#;
        let err = ApiError::from_response(429, body, Some(Duration::from_secs(2)));
        assert_eq!(err.status_code, Some(1002));
        assert_eq!(err.status_message, "Too many requests");
        assert_eq!(err.request_id.as_deref(), Some("e-1"));
        assert_eq!(err.retry_after, Some(Duration::from_secs(2)));
    }

    #[test]
    fn reads_a_string_status_code() {
        let body = br#"{"errorId": "x", "statusCode": "1001", "statusMessage": "Invalid JSON request body"}"#;
        let err = ApiError::from_response(422, body, None);
        assert_eq!(err.status_code, Some(1001));
        assert_eq!(err.request_id.as_deref(), Some("x"));
    }

    #[test]
    fn reads_the_yay_envelope() {
        let body = br#"{"result": {}, "status_code": 404, "status_message": "Not Found"}"#;
        let err = ApiError::from_response(404, body, None);
        assert_eq!(
            (err.status_code, err.status_message.as_str()),
            (Some(404), "Not Found")
        );
    }

    #[test]
    fn keeps_the_start_of_a_proxy_page_on_one_line() {
        let page = format!(
            "<html>\n<body>Bad\tGateway {}</body></html>",
            "x".repeat(500)
        );
        let err = ApiError::from_response(502, page.as_bytes(), None);
        assert_eq!(err.status_code, None);
        assert!(
            err.status_message
                .starts_with("<html> <body>Bad Gateway xxx")
        );
        assert_eq!(err.status_message.chars().count(), SNIPPET_CHARS + 1);
        assert!(err.status_message.ends_with('…'));
    }

    #[test]
    fn an_empty_body_gives_the_reason_phrase() {
        let err = ApiError::from_response(503, b"", None);
        assert_eq!(err.status_message, "Service Unavailable");
        assert_eq!(err.to_string(), "HTTP 503: Service Unavailable");
        assert_eq!(
            ApiError::from_response(599, b"", None).status_message,
            "HTTP error"
        );
    }
}
