//! The stable codes of IVR map issues.

use std::fmt;
use std::str::FromStr;

use crate::diagnostics::Severity;

/// What is wrong with an IVR map's graph, as a stable kebab-case code users can filter
/// on (`"unknown-menu"`). Problems inside a reply are reported with the 8x8 status code
/// the platform would answer instead (`-1009`, ...).
///
/// ```
/// use callflow_core::voice::ivr::IvrCode;
/// use callflow_core::Severity;
/// let code: IvrCode = "caller-trap".parse().unwrap();
/// assert_eq!(code, IvrCode::CallerTrap);
/// assert_eq!(code.severity(), Severity::Error);
/// assert_eq!(IvrCode::UnreachableMenu.to_string(), "unreachable-menu");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IvrCode {
    /// Error: a member has the wrong JSON type or name, or shorthand that cannot expand.
    InvalidMap,
    /// Error: a `clientActionId` (or a `goto`) that names no menu.
    UnknownMenu,
    /// Error: a reply that captures digits but sets no `clientActionId`, so its answer
    /// cannot be routed to a menu.
    CaptureWithoutId,
    /// Error: no input at this menu, however many menus it passes, ends or bridges the
    /// call (the explorer's finding of the same name).
    CallerTrap,
    /// Error: a handler step whose name is not registered.
    UnregisteredHandler,
    /// Error: a raw answer (`$status`, `$body`, `$latencyMs`, `$failure`), which only the
    /// emulator's map backend plays; the runtime cannot send it.
    RawAnswer,
    /// Warning: a menu no path from `start` reaches.
    UnreachableMenu,
    /// Warning: a key the menu's captures can never produce (longer than `maxDigits`,
    /// shorter than `minDigits`, or with a `#` that `completeOnHash` swallows).
    ImpossibleKey,
    /// Warning: a menu that captures digits but has no `"*"` answer for other input.
    MissingAnyKey,
    /// Warning: a menu with no answer when no digits come (no `"silence"` and no `"*"`).
    MissingSilence,
    /// Warning: a menu with a `"bridged"` answer that a capture also returns to: its
    /// silence gets the `"bridged"` answer.
    AmbiguousReturn,
}

const ALL: [IvrCode; 11] = [
    IvrCode::InvalidMap,
    IvrCode::UnknownMenu,
    IvrCode::CaptureWithoutId,
    IvrCode::CallerTrap,
    IvrCode::UnregisteredHandler,
    IvrCode::RawAnswer,
    IvrCode::UnreachableMenu,
    IvrCode::ImpossibleKey,
    IvrCode::MissingAnyKey,
    IvrCode::MissingSilence,
    IvrCode::AmbiguousReturn,
];

impl IvrCode {
    /// Every code, errors first.
    pub fn all() -> &'static [IvrCode] {
        &ALL
    }

    /// The kebab-case name, e.g. `"unknown-menu"`.
    pub fn as_str(self) -> &'static str {
        match self {
            IvrCode::InvalidMap => "invalid-map",
            IvrCode::UnknownMenu => "unknown-menu",
            IvrCode::CaptureWithoutId => "capture-without-id",
            IvrCode::CallerTrap => "caller-trap",
            IvrCode::UnregisteredHandler => "unregistered-handler",
            IvrCode::RawAnswer => "raw-answer",
            IvrCode::UnreachableMenu => "unreachable-menu",
            IvrCode::ImpossibleKey => "impossible-key",
            IvrCode::MissingAnyKey => "missing-any-key",
            IvrCode::MissingSilence => "missing-silence",
            IvrCode::AmbiguousReturn => "ambiguous-return",
        }
    }

    /// Whether issues with this code are errors or warnings.
    pub fn severity(self) -> Severity {
        match self {
            IvrCode::UnreachableMenu
            | IvrCode::ImpossibleKey
            | IvrCode::MissingAnyKey
            | IvrCode::MissingSilence
            | IvrCode::AmbiguousReturn => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The wording that starts every message with this code.
    pub fn message(self) -> &'static str {
        match self {
            IvrCode::InvalidMap => "Invalid IVR map",
            IvrCode::UnknownMenu => "No such menu",
            IvrCode::CaptureWithoutId => "Capture without clientActionId",
            IvrCode::CallerTrap => "Menu traps the caller",
            IvrCode::UnregisteredHandler => "Handler not registered",
            IvrCode::RawAnswer => "Raw answer in an IVR map",
            IvrCode::UnreachableMenu => "Unreachable menu",
            IvrCode::ImpossibleKey => "Key the capture cannot produce",
            IvrCode::MissingAnyKey => "No answer for other input",
            IvrCode::MissingSilence => "No answer for silence",
            IvrCode::AmbiguousReturn => "Bridge return and silence share a menu",
        }
    }
}

impl fmt::Display for IvrCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not an IVR code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown IVR code {0:?}")]
pub struct UnknownIvrCode(pub String);

impl FromStr for IvrCode {
    type Err = UnknownIvrCode;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        ALL.iter()
            .copied()
            .find(|code| code.as_str() == name)
            .ok_or_else(|| UnknownIvrCode(name.to_owned()))
    }
}

impl From<IvrCode> for crate::diagnostics::Code {
    fn from(code: IvrCode) -> Self {
        crate::diagnostics::Code::named(code.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pbx::PbxCode;

    #[test]
    fn names_round_trip_and_differ_from_pbx_codes() {
        for code in IvrCode::all() {
            assert_eq!(code.as_str().parse::<IvrCode>(), Ok(*code));
            assert!(code.as_str().parse::<PbxCode>().is_err(), "{code}");
        }
    }
}
