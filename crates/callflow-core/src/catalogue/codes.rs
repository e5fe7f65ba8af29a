//! Every stable code an error or a finding carries, by what carries it.

use crate::pbx::PbxCode;
use crate::voice::StatusCode;
use crate::voice::ivr::IvrCode;

/// The codes one kind of error or issue carries.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CodeList {
    /// What carries them, such as `EventError` or `PbxCode`.
    pub name: &'static str,
    /// What they say, in a sentence.
    pub about: &'static str,
    /// The codes, as text (a status code as its number, such as `-1009`).
    pub codes: Vec<String>,
}

/// `EventError::code()`: why a body is not an 8x8 webhook.
pub(crate) const EVENT_ERROR: [&str; 5] = [
    "invalid-json",
    "too-deep",
    "not-an-object",
    "missing-event-type",
    "missing-payload",
];

/// `EmulatorError::code()`: which document the emulator refused.
pub(crate) const EMULATOR_ERROR: [&str; 5] = [
    "invalid-request",
    "invalid-script",
    "invalid-options",
    "invalid-scenario",
    "invalid-map",
];

/// `SimulationError::code()`: what a Yay.com simulation could not use.
pub(crate) const SIMULATION_ERROR: [&str; 3] = ["invalid-call", "invalid-options", "invalid-flow"];

fn list(
    name: &'static str,
    about: &'static str,
    codes: impl IntoIterator<Item = String>,
) -> CodeList {
    CodeList {
        name,
        about,
        codes: codes.into_iter().collect(),
    }
}

fn texts(codes: &[&str]) -> Vec<String> {
    codes.iter().map(|code| (*code).to_owned()).collect()
}

/// Every list of codes: the 8x8 status codes, the Yay.com and IVR map issue codes, and the
/// codes of the event, emulator and simulation errors.
pub fn code_lists() -> Vec<CodeList> {
    vec![
        list(
            "StatusCode",
            "A status code the 8x8 Voice API answers to a callflow.",
            StatusCode::all()
                .iter()
                .map(|status| status.code().to_string()),
        ),
        list(
            "PbxCode",
            "What is wrong with a Yay.com call flow.",
            PbxCode::all().iter().map(|code| code.as_str().to_owned()),
        ),
        list(
            "IvrCode",
            "What is wrong with an IVR map's graph.",
            IvrCode::all().iter().map(|code| code.as_str().to_owned()),
        ),
        list(
            "EventErrorCode",
            "Why a body is not an 8x8 webhook.",
            texts(&EVENT_ERROR),
        ),
        list(
            "EmulatorErrorCode",
            "Which document the emulator, the explorer or a simulation refused.",
            texts(&EMULATOR_ERROR)
                .into_iter()
                .chain(texts(&SIMULATION_ERROR))
                .fold(Vec::new(), |mut all, code| {
                    if !all.contains(&code) {
                        all.push(code);
                    }
                    all
                }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Kind;
    use crate::pbx::simulate::{self, Call};
    use crate::voice::emulator::{self, MapBackend, Scenario, Script};
    use crate::voice::events::{EventError, EventType, parse_event};

    #[test]
    fn event_error_codes_are_the_codes_event_errors_carry() {
        let syntax = parse_event("{").unwrap_err();
        let all = [
            syntax,
            EventError::TooDeep,
            EventError::NotAnObject(Kind::Null),
            EventError::MissingEventType,
            EventError::MissingPayload(EventType::CallAction),
        ];
        let codes: Vec<&str> = all.iter().map(EventError::code).collect();
        assert_eq!(codes, EVENT_ERROR);
    }

    #[test]
    fn emulator_and_simulation_codes_are_carried() {
        let refused = [
            Script::from_json("{").unwrap_err(),
            emulator::Options::from_json("[").unwrap_err(),
            Scenario::from_json("[").unwrap_err(),
            MapBackend::from_json("[").unwrap_err(),
        ];
        let codes: Vec<&str> = refused.iter().map(emulator::EmulatorError::code).collect();
        assert_eq!(codes, EMULATOR_ERROR[1..]);
        let refused = [
            Call::from_json("[").unwrap_err(),
            simulate::Options::from_json("[").unwrap_err(),
            simulate::simulate_json("[]", "{}", None::<&str>).unwrap_err(),
        ];
        let codes: Vec<&str> = refused
            .iter()
            .map(simulate::SimulationError::code)
            .collect();
        assert_eq!(codes, SIMULATION_ERROR);
    }
}
