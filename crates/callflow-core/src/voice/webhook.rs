//! Receiving 8x8's webhooks: is the request authentic, what does it say, and what is the
//! HTTP answer.
//!
//! 8x8 signs nothing. A webhook may be given an `httpAuthHeader` when it is created, and
//! the platform then sends that string as the `Authorization` header of every POST;
//! [`authorization_matches`] compares it in constant time. The platform also publishes
//! the addresses it posts from ([`SOURCE_ADDRESSES`], [`is_source_address`]).
//!
//! [`Receiver`] puts the pieces together for a web handler: it checks the header, parses
//! the body, and writes the answer, so that every language answers the same way.
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

/// The media type of every answer.
pub const CONTENT_TYPE: &str = "application/json";

/// An HTTP answer to a webhook: status and JSON body (of type [`CONTENT_TYPE`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Answer {
    /// The HTTP status: 200, 400 (not an 8x8 webhook) or 401 (wrong `Authorization`).
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
}

/// Checks and parses incoming webhooks, and answers them.
#[derive(Clone, Default)]
pub struct Receiver {
    secret: Option<String>,
}

impl std::fmt::Debug for Receiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = self.secret.as_ref().map(|_| "<redacted>");
        f.debug_struct("Receiver").field("secret", &secret).finish()
    }
}

impl Receiver {
    /// A receiver that requires `Authorization: <secret>` when a secret is given.
    pub fn new(secret: Option<impl Into<String>>) -> Self {
        Receiver {
            secret: secret.map(Into::into),
        }
    }

    /// Checks the `Authorization` header, then parses the body. On failure, the answer to
    /// send: 401 for a wrong or missing header, 400 for a body that is not an 8x8
    /// webhook, each with a JSON body `{"error": <code>, "message": <why>}`.
    pub fn receive<I: Input + ?Sized>(
        &self,
        body: &I,
        authorization: Option<&str>,
    ) -> Result<Event, Answer> {
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
