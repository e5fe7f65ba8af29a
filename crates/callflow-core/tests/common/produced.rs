//! Vectors whose `expected` member the engine writes: each case checked against what the
//! engine produces now, and with `CALLFLOW_BLESS` set, every `expected` rewritten first.

use std::fs;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::common::{Named, fixture_files, run_vectors};

/// A case whose `expected` member is what the engine produces for it.
pub(crate) trait Produced: Named + DeserializeOwned {
    /// The `expected` member of the file.
    fn expected(&self) -> Option<&Value>;
    /// What the engine produces for the case now.
    fn produce(&self) -> Value;
}

/// Checks every case of `tests/fixtures/<dir>/` against what the engine produces. With
/// `CALLFLOW_BLESS` set, first rewrites each case's `expected` from the engine (review
/// the diff before committing it).
pub(crate) fn check_produced<C: Produced>(dir: &str, min: usize) {
    if std::env::var_os("CALLFLOW_BLESS").is_some() {
        bless::<C>(dir);
    }
    run_vectors::<C>(dir, min, |case| {
        let got = case.produce();
        match case.expected() {
            Some(expected) if *expected == got => Vec::new(),
            Some(expected) => vec![format!("expected {expected}\n   got {got}")],
            None => vec!["the case has no \"expected\"".to_owned()],
        }
    });
}

/// Rewrites every case's `expected` in `tests/fixtures/<dir>/` from the engine.
fn bless<C: Produced>(dir: &str) {
    for path in fixture_files(dir) {
        let mut file: Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("readable")).expect("JSON");
        for case in file["cases"].as_array_mut().expect("cases") {
            let mut input = case.clone();
            if let Some(members) = input.as_object_mut() {
                members.remove("expected");
            }
            let parsed: C = serde_json::from_value(input).expect("a case");
            case["expected"] = parsed.produce();
        }
        let text = serde_json::to_string_pretty(&file).expect("JSON") + "\n";
        fs::write(&path, text).expect("writable");
    }
}
