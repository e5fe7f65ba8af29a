//! The simulation's settings: the virtual clock where a call flow says nothing, and the
//! explorer's budget and thresholds. Every choice is listed in `docs/SIMULATION.md`.

use serde::{Deserialize, Serialize};

use super::error::{SimulationError, json_value};
use crate::voice::Input;

/// How long things take where the flow does not say, and how far to explore. Every field
/// has a default; read them from JSON with camelCase keys (`{"soundMs": 8000}`).
///
/// ```
/// use callflow_core::pbx::simulate::Options;
/// let options = Options::from_json(r#"{"soundMs": 8000, "longWaitMs": 60000}"#)?;
/// assert_eq!((options.sound_ms, options.long_wait_ms), (8000, 60_000));
/// assert_eq!(options.max_paths, 10_000);
/// assert!(Options::from_json(r#"{"soundMS": 1}"#).is_err());
/// # Ok::<(), callflow_core::pbx::simulate::SimulationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Options {
    /// How long one sound (`play`, a menu's `sound`) lasts.
    pub sound_ms: u64,
    /// The time from one key press to the next.
    pub key_interval_ms: u64,
    /// How long a phone rings before someone answers, unless the call says.
    pub answer_ms: u64,
    /// How long an answered call lasts before the flow goes on to `answer`.
    pub talk_ms: u64,
    /// `long-wait`: a caller who waits longer than this before anything answers.
    pub long_wait_ms: u64,
    /// The explorer's budget: the most paths it walks.
    pub max_paths: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sound_ms: 5000,
            key_interval_ms: 500,
            answer_ms: 5000,
            talk_ms: 60_000,
            long_wait_ms: 120_000,
            max_paths: 10_000,
        }
    }
}

impl Options {
    /// Reads options from JSON (text, bytes or a parsed value); unknown keys are errors.
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Options, SimulationError> {
        let value = json_value(input, "the options", SimulationError::options)?;
        let options: Options = serde_json::from_value(value)
            .map_err(|err| SimulationError::options(format!("options: {err}")))?;
        if options.max_paths == 0 {
            return Err(SimulationError::options(
                "options: maxPaths must be at least 1",
            ));
        }
        Ok(options)
    }
}
