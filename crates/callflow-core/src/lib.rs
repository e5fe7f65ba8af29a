//! Typed models and platform-exact validation for programmable voice call flows.
//!
//! `callflow-core` is the pure Rust heart of callflow: no I/O, no bindings. It models
//! the callflows of the **8x8 CPaaS Voice** API ([`voice`]): the JSON array of actions
//! (`makeCall`, `say`, `playFile`, `sayAndCapture`, `hangup`) sent to start a call or
//! returned to a Voice Call Action webhook to drive an IVR. It also models **Yay.com
//! PBX call flows** ([`pbx`]), graphs of modules checked for dangling keys, unreachable
//! modules, loops and more, draws both platforms' flows ([`diagram`]) as Mermaid,
//! DOT or SVG, and describes their documents as JSON Schemas for editors ([`schema`]).
//!
//! Validation reports every issue at once, each with the status code the platform
//! would answer, a path in 8x8's style, the platform's wording and a hint:
//!
//! ```
//! use callflow_core::voice::{validate, Profile};
//!
//! let body = br#"{"callflow": [
//!     {"action": "makeCall", "params": {"source": "+6512341234", "destination": "12"}},
//!     {"action": "say", "params": {"text": "Hello", "voiceprofile": "en-GB-Emma"}}
//! ]}"#;
//! let report = validate(&body[..], Profile::Request);
//! assert!(!report.is_valid());
//! assert_eq!(report.status_code(), Some(-1009)); // schema errors come first, as on the platform
//! for issue in report.issues() {
//!     println!("{} {}: {}", issue.code, issue.path, issue.message);
//! }
//! let paths: Vec<&str> = report.issues().iter().map(|i| i.path.as_str()).collect();
//! assert_eq!(paths, [
//!     "$.callflow[1].params.voiceprofile",  // -1009, hint: did you mean "voiceProfile"?
//!     "$.callflow[1].params.voiceProfile",  // -1009, is missing but it is required
//!     "$.callflow[0].params.destination",   // -1017, not an MSISDN
//! ]);
//! ```
//!
//! Flows are also built in code, and validated on `build()`:
//!
//! ```
//! use callflow_core::voice::{Callflow, SayAndCapture};
//!
//! let flow = Callflow::builder()
//!     .make_call("6561115777", "6512345678")
//!     .say_and_capture(
//!         SayAndCapture::new("Press one or two.", "en-US-BenjaminRUS")
//!             .min_digits(1)
//!             .max_digits(1)
//!             .digit_timeout(10_000)
//!             .overall_timeout(10_000),
//!     )
//!     .build()?;
//! let json = flow.to_json();
//! assert!(json.contains(r#""minDigits":1,"maxDigits":1,"digitTimeout":10000"#));
//! # Ok::<(), callflow_core::ValidationError>(())
//! ```
//!
//! Nothing the input holds can crash it: any bytes, any size, any nesting depth give a
//! report (status `-1001` for input that is not a JSON object), never a panic.
#![forbid(unsafe_code)]

pub mod catalogue;
pub mod diagnostics;
pub mod diagram;
pub mod json;
mod path;
pub mod pbx;
pub mod schema;
mod suggest;
pub mod voice;

pub use diagnostics::{Code, Issue, Report, Severity, ValidationError};
