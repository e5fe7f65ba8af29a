//! What the explorer tries at a capture, and how a path of inputs becomes a caller
//! script.

use serde_json::{Value, json};

use super::super::capture::Capture;
use super::super::script::Script;

/// One thing a caller does at a capture.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Probe {
    /// Presses these keys.
    Press(String),
    /// Presses nothing.
    Silence,
    /// Hangs up.
    Hangup,
}

/// Digits for well-formed entries, repeated as needed.
const DIGITS: &[u8] = b"1234567890";

impl Probe {
    /// How results name the input: the keys, `silence` or `hangup`.
    pub(crate) fn label(&self) -> String {
        match self {
            Probe::Press(keys) => keys.clone(),
            Probe::Silence => "silence".to_owned(),
            Probe::Hangup => "hangup".to_owned(),
        }
    }

    /// The inputs worth trying at a capture with these rules: every key for a one-digit
    /// capture; for a longer one, entries of the minimum and maximum length, one too
    /// short and one too long, each with `#` where `completeOnHash` ends input; then
    /// silence and hanging up.
    pub(crate) fn candidates(rules: &Capture) -> Vec<Probe> {
        let mut keys: Vec<String> = Vec::new();
        if rules.max_digits <= 1 {
            keys.extend("1234567890*#".chars().map(String::from));
        } else {
            let entry = |len: usize| -> String {
                DIGITS
                    .iter()
                    .cycle()
                    .take(len)
                    .map(|d| char::from(*d))
                    .collect()
            };
            let mut lengths = vec![rules.min_digits.max(1), rules.max_digits];
            if rules.min_digits > 1 {
                lengths.push(rules.min_digits - 1);
            }
            lengths.push(rules.max_digits.saturating_add(1));
            for len in lengths {
                let keys_of = entry(len.min(64));
                if rules.complete_on_hash && len < rules.max_digits {
                    push_new(&mut keys, format!("{keys_of}#"));
                }
                push_new(&mut keys, keys_of);
            }
        }
        let mut probes: Vec<Probe> = keys.into_iter().map(Probe::Press).collect();
        probes.extend([Probe::Silence, Probe::Hangup]);
        probes
    }

    /// Whether the capture accepts this input on its first try.
    pub(crate) fn accepted(&self, rules: &Capture, key_interval_ms: u64) -> bool {
        match self {
            Probe::Press(keys) => rules.accepts(&rules.collect(keys, key_interval_ms, None)),
            Probe::Silence | Probe::Hangup => false,
        }
    }

    /// How many capture tries the input takes: one when accepted (or a hang-up), else
    /// every try, the caller doing the same on each.
    pub(crate) fn tries(&self, rules: &Capture, key_interval_ms: u64) -> u64 {
        match self {
            Probe::Hangup => 1,
            _ if self.accepted(rules, key_interval_ms) => 1,
            _ => rules.tries.min(64),
        }
    }
}

fn push_new(keys: &mut Vec<String>, entry: String) {
    if !keys.contains(&entry) {
        keys.push(entry);
    }
}

/// A caller script and its JSON form, built together so a saved scenario replays exactly
/// the call that was run.
#[derive(Debug, Default)]
pub(crate) struct PathScript {
    pub(crate) script: Script,
    pub(crate) steps: Vec<Value>,
}

impl PathScript {
    /// Adds `probe`, repeated for each try it takes.
    pub(crate) fn push(&mut self, probe: &Probe, tries: u64) {
        for _ in 0..tries {
            let script = std::mem::take(&mut self.script);
            let (script, step) = match probe {
                Probe::Press(keys) => (script.press(keys.clone()), json!({"press": keys})),
                Probe::Silence => (script.silence(), json!("silence")),
                Probe::Hangup => (script.hangup(), json!("hangup")),
            };
            self.script = script;
            self.steps.push(step);
        }
    }
}
