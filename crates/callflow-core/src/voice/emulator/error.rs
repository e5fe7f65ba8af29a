//! Why a script, options, scenario or IVR map given to the emulator cannot be used.

use crate::voice::input::{Input, InputError};

/// Which document was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Document {
    Request,
    Script,
    Options,
    Scenario,
    Map,
}

/// A caller script, emulator options, scenario or IVR map that cannot be used, with the
/// reason in words.
///
/// ```
/// use callflow_core::voice::emulator::Script;
/// let err = Script::from_json(r#"[{"press": "12x"}]"#).unwrap_err();
/// assert_eq!(err.code(), "invalid-script");
/// assert!(err.to_string().contains("script[0]"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EmulatorError {
    code: &'static str,
    message: String,
}

impl EmulatorError {
    pub(crate) fn new(document: Document, message: impl Into<String>) -> Self {
        let code = match document {
            Document::Request => "invalid-request",
            Document::Script => "invalid-script",
            Document::Options => "invalid-options",
            Document::Scenario => "invalid-scenario",
            Document::Map => "invalid-map",
        };
        EmulatorError {
            code,
            message: message.into(),
        }
    }

    /// A stable code: `invalid-request` (a request to explore that is not JSON),
    /// `invalid-script`, `invalid-options`, `invalid-scenario` or `invalid-map`.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

/// The input as JSON text for serde, or the error saying why it is not JSON.
pub(crate) fn json_text<I: Input + ?Sized>(
    input: &I,
    document: Document,
) -> Result<String, EmulatorError> {
    input.to_tree().map(|tree| tree.to_text()).map_err(|err| {
        let what = match err {
            InputError::Syntax(err) => format!("is not JSON: {err}"),
            InputError::TooDeep(err) => err.to_string(),
        };
        EmulatorError::new(document, format!("{} {what}", document.name()))
    })
}

impl Document {
    /// How messages name the document.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Document::Request => "the request",
            Document::Script => "the caller script",
            Document::Options => "the emulator options",
            Document::Scenario => "the scenario",
            Document::Map => "the IVR map",
        }
    }
}
