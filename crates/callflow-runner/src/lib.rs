//! Runs an emulated 8x8 Voice call against a real webhook backend over HTTP.
//!
//! The call itself is `callflow-core`'s emulator, which does no I/O: it yields each
//! webhook 8x8 would post and takes the backend's answer. An [`HttpBackend`] posts those
//! webhooks to the user's own service and hands back what it answered, timed:
//!
//! - Voice Call Action webhooks go to the VCA URL; call status and session summary
//!   webhooks to their own URLs when set, else to the VCA URL too
//!   ([`HttpBackend::url_for`]).
//! - The secret is sent as the `Authorization` header, as 8x8 sends a webhook's
//!   `httpAuthHeader`.
//! - Each delivery is bounded: a timeout (5 s by default) after which the request is
//!   abandoned, an answer read up to a size limit (1 MiB by default), and no redirect
//!   followed. What went wrong becomes a
//!   [`Failure`](callflow_core::voice::emulator::Failure) the emulator reports as a
//!   finding, never an error or a hang.
//!
//! ```no_run
//! use std::time::Duration;
//! use callflow_core::voice::emulator::{Emulator, Options, Script};
//! use callflow_runner::HttpBackend;
//!
//! # fn main() -> Result<(), callflow_runner::RunnerError> {
//! let backend = HttpBackend::new("http://127.0.0.1:5000/vca")?
//!     .summary_url("http://127.0.0.1:5000/vss")?
//!     .timeout(Duration::from_secs(2));
//! let request = r#"{"callflow": [
//!     {"action": "makeCall", "params": {"source": "+6512341234", "destination": "+6512345678"}},
//!     {"action": "sayAndCapture", "params": {"promptMessage": "Press 1 for sales.",
//!         "voiceProfile": "en-US-Jenny"}}
//! ]}"#;
//! let call = Emulator::outbound(request, Script::new().press("1"), Options::default());
//! let transcript = backend.emulate_blocking(call);
//! println!("{}", transcript.to_text());
//! assert!(transcript.ok(), "{}", transcript.to_text());
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod backend;
mod deliver;
mod error;
mod load;
mod run;

pub use backend::{DEFAULT_MAX_BODY, DEFAULT_TIMEOUT, HttpBackend};
pub use error::RunnerError;
pub use load::{Latency, LoadPlan, LoadReport, SlowCall};
