//! Reliable clients for the **8x8 Voice API** ([`VoiceClient`]) and **Yay.com's
//! call-flow API** ([`YayClient`]).
//!
//! - A callflow is validated by `callflow-core` before it is sent: an invalid one is
//!   [`Error::Validation`], with every issue and the status code 8x8 would have
//!   answered, and costs no request.
//! - Connect and total timeouts are on by default; answers are read up to a size limit.
//! - Failures are retried with exponential backoff and jitter: connect errors (nothing
//!   was sent) and 429 answers (honouring `Retry-After`, up to a limit) always; 502,
//!   503, 504, timeouts and dropped connections only for requests that are safe to
//!   repeat. Sending a callflow is **not** repeated once it may have reached the
//!   server, since a second request could place a second real call, unless
//!   [`Builder::retry_non_idempotent`] says so.
//! - Every error body the APIs use becomes an [`ApiError`] with the HTTP status, the
//!   platform's status code, its message and the request id.
//! - Secrets never appear in `Debug` output.
//!
//! ```no_run
//! use callflow_client::{Error, VoiceClient};
//! use callflow_core::voice::{Callflow, Say};
//!
//! # async fn send() -> Result<(), Error> {
//! let client = VoiceClient::new(std::env::var("CALLFLOW_8X8_API_KEY").unwrap_or_default(), "my-subaccount")?;
//! let flow = Callflow::builder()
//!     .make_call("+6512341234", "+6512345678")
//!     .say(Say::new("Hello from callflow.", "en-US-Jenny"))
//!     .hangup()
//!     .build()?;
//! match client.send_callflow(&flow).await {
//!     Ok(session) => println!("session {}", session.session_id),
//!     Err(Error::Api(err)) => eprintln!("8x8 refused it: {err}"),
//!     Err(err) => eprintln!("not sent: {err}"),
//! }
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod error;
mod options;
mod secret;
mod transport;
mod voice;
mod yay;

pub use error::{ApiError, ApiErrorArgs, Error};
pub use options::{Builder, Credentials, Settings, Sleep, Wait};
pub use secret::Secret;
pub use transport::Preview;
pub use voice::{
    DEFAULT_BASE_URL as VOICE_BASE_URL, NewWebhook, Recording, Session, SpeechProfile,
    VirtualNumber, VoiceClient, VoiceCredentials, Webhook, WebhookType,
};
pub use yay::{DEFAULT_BASE_URL as YAY_BASE_URL, YayClient, YayCredentials};

/// Parses a successful answer's JSON body into `T`.
fn decode<T: for<'de> serde::Deserialize<'de>>(status: u16, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|err| Error::InvalidResponse {
        status,
        message: err.to_string(),
    })
}

/// The README's Rust examples, run as doc tests here, where both `callflow-core` and the
/// client are in reach.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
