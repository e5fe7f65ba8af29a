//! Why a call description or simulation options cannot be used.

use crate::voice::{Input, InputError};

/// A call description, simulation options or call flow that cannot be simulated, with
/// the reason in words naming the member at fault.
///
/// ```
/// use callflow_core::pbx::simulate::Call;
/// let err = Call::from_json(r#"{"rings": {"sales": "maybe"}}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid-call");
/// assert!(err.to_string().starts_with("rings.sales: "), "{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SimulationError {
    code: &'static str,
    message: String,
}

impl SimulationError {
    pub(super) fn call(message: impl Into<String>) -> Self {
        SimulationError {
            code: "invalid-call",
            message: message.into(),
        }
    }

    pub(super) fn options(message: impl Into<String>) -> Self {
        SimulationError {
            code: "invalid-options",
            message: message.into(),
        }
    }

    pub(super) fn flow(message: impl Into<String>) -> Self {
        SimulationError {
            code: "invalid-flow",
            message: message.into(),
        }
    }

    /// A stable code: `invalid-call`, `invalid-options` or `invalid-flow`.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

/// The input as a `serde_json::Value`, read through the depth-limited tree (so deep
/// nesting is an error, never a stack overflow); `what` names the document in errors.
pub(super) fn json_value<I: Input + ?Sized>(
    input: &I,
    what: &str,
    error: fn(String) -> SimulationError,
) -> Result<serde_json::Value, SimulationError> {
    let text = input.to_tree().map(|tree| tree.to_text()).map_err(|err| {
        let why = match err {
            InputError::Syntax(err) => format!("is not JSON: {err}"),
            InputError::TooDeep(err) => err.to_string(),
        };
        error(format!("{what} {why}"))
    })?;
    serde_json::from_str(&text).map_err(|err| error(format!("{what} is not JSON: {err}")))
}
