//! The stable codes of PBX call-flow issues.

use std::fmt;
use std::str::FromStr;

use crate::diagnostics::{Code, Severity};

/// What is wrong with a Yay.com call flow, as a stable kebab-case code users can filter
/// on (`"dangling-reference"`).
///
/// ```
/// use callflow_core::pbx::PbxCode;
/// use callflow_core::Severity;
/// let code: PbxCode = "busy-loop".parse().unwrap();
/// assert_eq!(code, PbxCode::BusyLoop);
/// assert_eq!(code.severity(), Severity::Warning);
/// assert_eq!(PbxCode::MissingStart.to_string(), "missing-start");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PbxCode {
    /// Error: a member has the wrong JSON type, or the document is not a call flow.
    InvalidStructure,
    /// Error: a module name no engine runs (or, when strict, one the docs do not list).
    UnknownModule,
    /// Error: no `start` module.
    MissingStart,
    /// Error: more than one `start` module.
    MultipleStarts,
    /// Error: an edge names a key that is not in `flow`.
    DanglingReference,
    /// Error: a required field is missing or empty.
    MissingField,
    /// Error: a conference `pin` that is not 4 digits.
    InvalidPin,
    /// Error: a caller-ID pattern that does not compile.
    InvalidPattern,
    /// Error: a `pressextension` key that is not `0`-`9`, `*`, `#`, `invalid` or `timeout`.
    InvalidMenuKey,
    /// Error: a negative or non-numeric duration.
    InvalidDuration,
    /// Error: a `forward` number that is not E.164.
    InvalidNumber,
    /// Error: a `fax` module that is not the only module after `start`.
    FaxNotAlone,
    /// Warning: a module that cannot be reached from `start`.
    UnreachableModule,
    /// Warning: an outcome with no edge, so the call just ends there.
    MissingOutcome,
    /// Warning: a cycle with no module that waits for the caller.
    BusyLoop,
    /// Warning: a menu whose `invalid` and `timeout` lead only back to itself.
    MenuTrapsCaller,
    /// Warning: a terminal module with a `next`, which is ignored.
    TerminalWithNext,
    /// Warning: a field the engine does not read.
    UnusedField,
    /// Warning: several voicemail mailboxes, of which only the first is used.
    ExtraMailboxes,
}

const ALL: [PbxCode; 19] = [
    PbxCode::InvalidStructure,
    PbxCode::UnknownModule,
    PbxCode::MissingStart,
    PbxCode::MultipleStarts,
    PbxCode::DanglingReference,
    PbxCode::MissingField,
    PbxCode::InvalidPin,
    PbxCode::InvalidPattern,
    PbxCode::InvalidMenuKey,
    PbxCode::InvalidDuration,
    PbxCode::InvalidNumber,
    PbxCode::FaxNotAlone,
    PbxCode::UnreachableModule,
    PbxCode::MissingOutcome,
    PbxCode::BusyLoop,
    PbxCode::MenuTrapsCaller,
    PbxCode::TerminalWithNext,
    PbxCode::UnusedField,
    PbxCode::ExtraMailboxes,
];

impl PbxCode {
    /// Every code, errors first.
    pub fn all() -> &'static [PbxCode] {
        &ALL
    }

    /// The kebab-case name, e.g. `"dangling-reference"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PbxCode::InvalidStructure => "invalid-structure",
            PbxCode::UnknownModule => "unknown-module",
            PbxCode::MissingStart => "missing-start",
            PbxCode::MultipleStarts => "multiple-starts",
            PbxCode::DanglingReference => "dangling-reference",
            PbxCode::MissingField => "missing-field",
            PbxCode::InvalidPin => "invalid-pin",
            PbxCode::InvalidPattern => "invalid-pattern",
            PbxCode::InvalidMenuKey => "invalid-menu-key",
            PbxCode::InvalidDuration => "invalid-duration",
            PbxCode::InvalidNumber => "invalid-number",
            PbxCode::FaxNotAlone => "fax-not-alone",
            PbxCode::UnreachableModule => "unreachable-module",
            PbxCode::MissingOutcome => "missing-outcome",
            PbxCode::BusyLoop => "busy-loop",
            PbxCode::MenuTrapsCaller => "menu-traps-caller",
            PbxCode::TerminalWithNext => "terminal-with-next",
            PbxCode::UnusedField => "unused-field",
            PbxCode::ExtraMailboxes => "extra-mailboxes",
        }
    }

    /// Whether issues with this code are errors or warnings.
    pub fn severity(self) -> Severity {
        match self {
            PbxCode::UnreachableModule
            | PbxCode::MissingOutcome
            | PbxCode::BusyLoop
            | PbxCode::MenuTrapsCaller
            | PbxCode::TerminalWithNext
            | PbxCode::UnusedField
            | PbxCode::ExtraMailboxes => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The wording that starts every message with this code.
    pub fn message(self) -> &'static str {
        match self {
            PbxCode::InvalidStructure => "Invalid call flow structure",
            PbxCode::UnknownModule => "Unknown module",
            PbxCode::MissingStart => "No start module",
            PbxCode::MultipleStarts => "More than one start module",
            PbxCode::DanglingReference => "Reference to a missing module",
            PbxCode::MissingField => "Required field missing",
            PbxCode::InvalidPin => "Invalid conference pin",
            PbxCode::InvalidPattern => "Invalid caller ID pattern",
            PbxCode::InvalidMenuKey => "Invalid menu key",
            PbxCode::InvalidDuration => "Invalid duration",
            PbxCode::InvalidNumber => "Invalid forward number",
            PbxCode::FaxNotAlone => "Fax must be the only module after start",
            PbxCode::UnreachableModule => "Unreachable module",
            PbxCode::MissingOutcome => "Missing outcome",
            PbxCode::BusyLoop => "Loop without a waiting module",
            PbxCode::MenuTrapsCaller => "Menu traps the caller",
            PbxCode::TerminalWithNext => "Terminal module with next",
            PbxCode::UnusedField => "Unused field",
            PbxCode::ExtraMailboxes => "Only the first mailbox is used",
        }
    }
}

impl fmt::Display for PbxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a PBX code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown PBX code {0:?}")]
pub struct UnknownCode(pub String);

impl FromStr for PbxCode {
    type Err = UnknownCode;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        ALL.iter()
            .copied()
            .find(|code| code.as_str() == name)
            .ok_or_else(|| UnknownCode(name.to_owned()))
    }
}

impl From<PbxCode> for Code {
    fn from(code: PbxCode) -> Code {
        Code::named(code.as_str())
    }
}

/// The PBX code of a name this platform knows; the code back for any other.
///
/// ```
/// use callflow_core::pbx::{check, PbxCode};
/// let report = check(r#"{"name": "Sales", "extension": 501, "flow": {}}"#);
/// let status = report.status().map(PbxCode::try_from);
/// assert_eq!(status, Some(Ok(PbxCode::MissingStart)));
/// ```
impl TryFrom<Code> for PbxCode {
    type Error = Code;

    fn try_from(code: Code) -> Result<PbxCode, Code> {
        code.as_name()
            .and_then(|name| name.parse().ok())
            .ok_or(code)
    }
}

impl PartialEq<PbxCode> for Code {
    fn eq(&self, code: &PbxCode) -> bool {
        self.as_name() == Some(code.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_convert_to_and_from_the_shared_code() {
        for &pbx in PbxCode::all() {
            let code = Code::from(pbx);
            assert_eq!(code, pbx);
            assert_eq!(PbxCode::try_from(code), Ok(pbx));
            assert_eq!(Code::parse_name(pbx.as_str()), Some(code));
        }
        assert_eq!(
            PbxCode::try_from(Code::number(-1009)),
            Err(Code::number(-1009))
        );
    }
}
