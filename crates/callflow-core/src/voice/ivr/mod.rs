//! IVR maps as a product: one JSON file that holds a whole menu IVR, written in a short
//! form, expanded by the core into full 8x8 replies, checked like a PBX graph, and
//! answered statelessly by [`Ivr`]. The format is described in `docs/IVR.md`.
//!
//! - [`expand`] gives the full map (what the emulator's
//!   [`MapBackend`](crate::voice::emulator::MapBackend), the explorer and the diagrams
//!   read).
//! - [`check`] and [`check_with`] report every issue: each reply's with the 8x8 status
//!   code the platform would answer, the graph's with an [`IvrCode`].
//! - [`Ivr`] answers Voice Call Actions from their `clientActionId` and digits alone.
//!
//! ```
//! use callflow_core::voice::ivr;
//! let map = r#"{
//!   "defaults": {"voiceProfile": "en-US-BenjaminRUS", "maxDigits": 1},
//!   "start": "main",
//!   "menus": {
//!     "main": {"prompt": "Press 1 for opening hours.", "options": {"1": {"goto": "hours"}}},
//!     "hours": {"prompt": "We open at nine. Press 1 to hear it again.", "options": {"1": "hours"}}
//!   }
//! }"#;
//! let report = ivr::check(map);
//! let codes: Vec<String> = report.issues().iter().map(|i| i.code.to_string()).collect();
//! assert_eq!(codes, ["caller-trap", "caller-trap"]);
//! let full = ivr::expand(map)?;
//! assert_eq!(full["menus"]["main"]["*"]["callflow"][0]["params"]["text"], ivr::NOT_AN_OPTION);
//! # Ok::<(), callflow_core::ValidationError>(())
//! ```

mod check;
mod code;
mod expand;
mod flow;
mod issues;
pub(crate) mod route;
mod runtime;

use serde_json::Value;

pub use self::code::{IvrCode, UnknownIvrCode};
use self::expand::Context;
pub use self::expand::NOT_AN_OPTION;
use self::issues::Issues;
pub use self::route::{ANY, BRIDGED, SILENCE};
pub use self::runtime::{Fallback, Ivr, Next, Turn};
use crate::diagnostics::{Report, ValidationError};
use crate::voice::input::{Input, InputError};

/// The full map of an IVR map (text, bytes or a parsed value): every shorthand
/// expanded, in the form the emulator's map backend and the diagrams read. A map whose
/// shorthand cannot be expanded is refused with the report.
///
/// ```
/// use callflow_core::voice::ivr::expand;
/// let full = expand(r#"{"defaults": {"voiceProfile": "en-GB-Emma", "source": "+6512345678"},
///   "start": "main", "menus": {"main": {"prompt": "Press 2 for sales.",
///   "options": {"2": {"connect": "+6561115777"}}}}}"#)?;
/// assert_eq!(full["start"]["clientActionId"], "main");
/// assert_eq!(full["menus"]["main"]["2"]["callflow"][0]["action"], "makeCall");
/// # Ok::<(), callflow_core::ValidationError>(())
/// ```
pub fn expand<I: Input + ?Sized>(map: &I) -> Result<Value, ValidationError> {
    let mut issues = Issues::default();
    let (full, _) = load(map, &mut issues);
    if issues.has_errors() {
        return Err(ValidationError::new(issues.finish()));
    }
    Ok(full)
}

/// Every issue of an IVR map (text, bytes or a parsed value), shorthand or full. Paths
/// point into the full map ([`expand`]); a reply's issues have the 8x8 status code,
/// each distinct reply reported once, where it first appears.
///
/// ```
/// use callflow_core::voice::ivr::check;
/// let report = check(r#"{"start": {"clientActionId": "main", "callflow": [{"action": "sayAndCapture",
///     "params": {"promptMessage": "Press 1.", "voiceProfile": "en-GB-Emma", "maxDigits": 1}}]},
///   "menus": {"main": {"12": {"callflow": [{"action": "hangup"}]}, "*": {"callflow": [{"action": "hangup"}]}}}}"#);
/// let issue = &report.issues()[0];
/// assert_eq!(issue.code.to_string(), "impossible-key");
/// assert_eq!(issue.path, r#"$.menus.main["12"]"#);
/// ```
pub fn check<I: Input + ?Sized>(map: &I) -> Report {
    checked(map, None)
}

/// [`check`], and every handler the map names must be one of `handlers`
/// (`unregistered-handler` otherwise).
///
/// ```
/// use callflow_core::voice::ivr::check_with;
/// let map = r#"{"start": {"handler": "greet"}, "menus": {}}"#;
/// assert!(check_with(map, &["greet"]).is_valid());
/// let report = check_with(map, &["great"]);
/// assert_eq!(report.issues()[0].code.to_string(), "unregistered-handler");
/// assert_eq!(report.issues()[0].hint.as_deref(), Some("did you mean \"great\"?"));
/// ```
pub fn check_with<I: Input + ?Sized>(map: &I, handlers: &[&str]) -> Report {
    checked(map, Some(handlers))
}

fn checked<I: Input + ?Sized>(map: &I, handlers: Option<&[&str]>) -> Report {
    let mut issues = Issues::default();
    let (full, _) = load(map, &mut issues);
    check::check(&full, handlers, &mut issues);
    issues.finish()
}

/// The input as a value, or `None` with the reason reported.
fn value_of<I: Input + ?Sized>(input: &I, issues: &mut Issues) -> Option<Value> {
    let parsed = input.to_tree().map_err(|err| match err {
        InputError::Syntax(err) => format!("is not JSON: {err}"),
        InputError::TooDeep(err) => err.to_string(),
    });
    let value = parsed.and_then(|tree| serde_json::to_value(&*tree).map_err(|err| err.to_string()));
    match value {
        Ok(value) => Some(value),
        Err(detail) => {
            issues.report(IvrCode::InvalidMap, "$", detail, None);
            None
        }
    }
}

/// The full map of `input` and what expanding it learnt; problems reported.
fn load<I: Input + ?Sized>(input: &I, issues: &mut Issues) -> (Value, Context) {
    match value_of(input, issues) {
        Some(value) => expand::expand(&value, issues),
        None => (Value::Object(serde_json::Map::new()), Context::default()),
    }
}
