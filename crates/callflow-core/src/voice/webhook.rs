//! Receiving 8x8's webhooks: is the request authentic, what does it say, and what is the
//! HTTP answer.
//!
//! 8x8 signs nothing. A webhook may be given an `httpAuthHeader` when it is created, and
//! the platform then sends that string as the `Authorization` header of every POST;
//! [`authorization_matches`] compares it in constant time. The platform also publishes
//! the addresses it posts from ([`SOURCE_ADDRESSES`], [`is_source_address`]).
//!
//! [`Receiver`] puts the pieces together for a web handler: it checks the body's size
//! ([`BODY_LIMIT`]) and the header (found by [`authorization`]), parses the body, and
//! writes the answer, so that every language answers the same way.
//!
//! ```
//! use callflow_core::voice::webhook::Receiver;
//! use callflow_core::voice::Reply;
//!
//! let receiver = Receiver::new(Some("s3cret"));
//! let body = br#"{"eventType": "CALL_ACTION", "payload": {"dtmf": "1"}}"#;
//!
//! let rejected = receiver.receive(&body[..], Some("wrong")).unwrap_err();
//! assert_eq!(rejected.status, 401);
//!
//! let event = receiver.receive(&body[..], Some("s3cret")).unwrap();
//! assert_eq!(event.call().unwrap().dtmf.as_deref(), Some("1"));
//! let reply = Reply::builder().hangup().build()?;
//! let answer = Receiver::answer(Some(&reply));
//! assert_eq!((answer.status, answer.body.as_str()), (200, r#"{"callflow":[{"action":"hangup"}]}"#));
//! # Ok::<(), callflow_core::ValidationError>(())
//! ```

use std::borrow::Cow;
use std::net::IpAddr;

use serde::Serialize;
use subtle::ConstantTimeEq;

use super::events::{Event, EventError, parse_event};
use super::{Input, Reply};

/// The addresses 8x8 publishes as the sources of voice webhooks (Asia Pacific,
/// Singapore; list dated 2026-01-01).
pub const SOURCE_ADDRESSES: [&str; 4] = [
    "18.140.80.2",
    "52.220.253.234",
    "54.255.116.8",
    "52.74.232.241",
];

/// Whether `address` (an IP address, with or without a port, IPv4 or IPv4-mapped IPv6)
/// is one of [`SOURCE_ADDRESSES`].
///
/// ```
/// use callflow_core::voice::webhook::is_source_address;
/// assert!(is_source_address("52.74.232.241"));
/// assert!(is_source_address("::ffff:52.74.232.241"));
/// assert!(is_source_address("52.74.232.241:43210"));
/// assert!(!is_source_address("10.0.0.1"));
/// assert!(!is_source_address("not an address"));
/// ```
pub fn is_source_address(address: &str) -> bool {
    let address = address.trim();
    let ip = address
        .parse::<IpAddr>()
        .or_else(|_| address.parse::<std::net::SocketAddr>().map(|s| s.ip()));
    let Ok(ip) = ip else { return false };
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 @ IpAddr::V4(_) => v4,
    };
    SOURCE_ADDRESSES
        .iter()
        .any(|source| source.parse::<IpAddr>().is_ok_and(|s| s == ip))
}

/// Whether the `Authorization` header a request carried equals the webhook's
/// `httpAuthHeader`, compared in constant time (a missing header never matches).
///
/// ```
/// use callflow_core::voice::webhook::authorization_matches;
/// assert!(authorization_matches("Bearer abc", Some("Bearer abc")));
/// assert!(!authorization_matches("Bearer abc", Some("Bearer abd")));
/// assert!(!authorization_matches("Bearer abc", None));
/// ```
pub fn authorization_matches(secret: &str, header: Option<&str>) -> bool {
    header.is_some_and(|header| bool::from(secret.as_bytes().ct_eq(header.as_bytes())))
}

/// The request header 8x8 sends the webhook's `httpAuthHeader` in. HTTP header names
/// are case-insensitive: [`authorization`] finds it however a framework spells it.
pub const AUTHORIZATION: &str = "authorization";

/// The `Authorization` header among a request's `(name, value)` headers, whatever the
/// case of its name; several are joined with `", "`, as HTTP combines repeated headers.
///
/// ```
/// use callflow_core::voice::webhook::authorization;
/// assert_eq!(authorization([("Host", "a"), ("AUTHORIZATION", "s3cret")]).as_deref(), Some("s3cret"));
/// assert_eq!(authorization([("authorization", "a"), ("Authorization", "b")]).as_deref(), Some("a, b"));
/// assert_eq!(authorization([("Host", "a")]), None);
/// ```
pub fn authorization<'h>(
    headers: impl IntoIterator<Item = (&'h str, &'h str)>,
) -> Option<Cow<'h, str>> {
    headers
        .into_iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(AUTHORIZATION))
        .map(|(_, value)| Cow::Borrowed(value))
        .reduce(|joined, value| Cow::Owned(format!("{joined}, {value}")))
}

/// The media type of every answer.
pub const CONTENT_TYPE: &str = "application/json";

/// The headers of every answer, as `(name, value)`: the content type.
pub const HEADERS: [(&str, &str); 1] = [("content-type", CONTENT_TYPE)];

/// The largest webhook body a [`Receiver`] reads unless told otherwise: 1 MiB.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// An HTTP answer to a webhook: status and JSON body (of type [`CONTENT_TYPE`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Answer {
    /// The HTTP status: 200, 400 (not an 8x8 webhook), 401 (wrong `Authorization`) or
    /// 413 (a body larger than the receiver's limit).
    pub status: u16,
    /// The JSON body.
    pub body: String,
}

impl Answer {
    fn refusal(status: u16, error: &str, message: &str) -> Self {
        #[derive(Serialize)]
        struct Refusal<'a> {
            error: &'a str,
            message: &'a str,
        }
        let body = serde_json::to_string(&Refusal { error, message }).unwrap_or_default();
        Answer { status, body }
    }

    /// Whether the answer refuses the body's content: it is not an 8x8 webhook (400). A
    /// binding that wrote a value as JSON text reads it again when its text is refused
    /// (a value nested too deeply, for one, gets the same answer as deep text).
    pub fn refuses_body(&self) -> bool {
        self.status == 400
    }
}

/// Checks and parses incoming webhooks, and answers them.
#[derive(Clone)]
pub struct Receiver {
    secret: Option<String>,
    limit: usize,
}

impl Default for Receiver {
    fn default() -> Self {
        Receiver {
            secret: None,
            limit: BODY_LIMIT,
        }
    }
}

impl std::fmt::Debug for Receiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = self.secret.as_ref().map(|_| "<redacted>");
        f.debug_struct("Receiver")
            .field("secret", &secret)
            .field("limit", &self.limit)
            .finish()
    }
}

impl Receiver {
    /// A receiver that requires `Authorization: <secret>` when a secret is given, and
    /// reads bodies of at most [`BODY_LIMIT`] bytes.
    pub fn new(secret: Option<impl Into<String>>) -> Self {
        Receiver {
            secret: secret.map(Into::into),
            limit: BODY_LIMIT,
        }
    }

    /// The same receiver, reading bodies of at most `bytes` bytes.
    #[must_use]
    pub fn limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// The most bytes of a body this receiver reads.
    pub fn body_limit(&self) -> usize {
        self.limit
    }

    /// The 413 answer when a body of `size` bytes is larger than the limit: for a
    /// reader that streams a body, to stop as soon as it has read too much.
    ///
    /// ```
    /// use callflow_core::voice::webhook::Receiver;
    /// let receiver = Receiver::new(None::<String>).limit(10);
    /// assert!(receiver.check_size(10).is_ok());
    /// assert_eq!(receiver.check_size(11).unwrap_err().status, 413);
    /// ```
    pub fn check_size(&self, size: usize) -> Result<(), Answer> {
        if size <= self.limit {
            return Ok(());
        }
        let message = format!("the webhook body is larger than {} bytes", self.limit);
        Err(Answer::refusal(413, "body-too-large", &message))
    }

    /// Checks the body's size (when it is text or bytes), then the `Authorization`
    /// header, then parses the body. On failure, the answer to send, with a JSON body
    /// `{"error": <code>, "message": <why>}`: 413 (`body-too-large`) for a body larger
    /// than the limit, 401 (`unauthorized`) for a wrong or missing header, 400 (the
    /// event error's code) for a body that is not an 8x8 webhook.
    pub fn receive<I: Input + ?Sized>(
        &self,
        body: &I,
        authorization: Option<&str>,
    ) -> Result<Event, Answer> {
        if let Some(size) = body.byte_len() {
            self.check_size(size)?;
        }
        if let Some(secret) = &self.secret
            && !authorization_matches(secret, authorization)
        {
            return Err(Answer::refusal(
                401,
                "unauthorized",
                "the Authorization header does not match the webhook's secret",
            ));
        }
        parse_event(body)
            .map_err(|err: EventError| Answer::refusal(400, err.code(), &err.to_string()))
    }

    /// The answer to a webhook: the reply's JSON with status 200, or `{}` when there is
    /// no reply (what every webhook but a call action expects).
    pub fn answer(reply: Option<&Reply>) -> Answer {
        let body = reply.map_or_else(|| "{}".to_owned(), Reply::to_json);
        Answer { status: 200, body }
    }
}
