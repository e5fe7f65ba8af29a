//! Runs every shared webhook vector in `tests/fixtures/webhooks/` (see the fixtures
//! README): each body is parsed as bytes and as text, each `document` also as a
//! `serde_json::Value`, and every form must give exactly the expected event or error.

use std::fs;
use std::path::Path;

use callflow_core::voice::events::{EventError, parse_event};
use serde::Deserialize;
use serde_json::{Value, json};

const MIN_CASES: usize = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    #[allow(dead_code)]
    description: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    #[allow(dead_code)]
    note: Option<String>,
    document: Option<Value>,
    body: Option<String>,
    body_hex: Option<String>,
    expect: Value,
}

/// The outcome in the vectors' form: `{"event": …}` or `{"error": {"code", "message"}}`.
fn outcome(result: Result<callflow_core::voice::events::Event, EventError>) -> Value {
    match result {
        Ok(event) => json!({ "event": event }),
        Err(err) => json!({ "error": { "code": err.code(), "message": err.to_string() } }),
    }
}

fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex digits"))
        .collect()
}

#[test]
fn every_webhook_vector_gives_its_event_or_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/webhooks");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("fixtures directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut count = 0;
    for file in files {
        let text = fs::read_to_string(&file).expect("readable fixture");
        let group: Group =
            serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
        for case in group.cases {
            let label = format!("{}: {}", file.display(), case.name);
            let mut outcomes = Vec::new();
            if let Some(document) = &case.document {
                let text = serde_json::to_string(document).expect("document serialises");
                outcomes.push(("text", outcome(parse_event(text.as_str()))));
                outcomes.push(("bytes", outcome(parse_event(text.as_bytes()))));
                outcomes.push(("Value", outcome(parse_event(document))));
            }
            if let Some(body) = &case.body {
                outcomes.push(("text", outcome(parse_event(body.as_str()))));
                outcomes.push(("bytes", outcome(parse_event(body.as_bytes()))));
            }
            if let Some(hex) = &case.body_hex {
                outcomes.push(("bytes", outcome(parse_event(from_hex(hex).as_slice()))));
            }
            assert!(
                !outcomes.is_empty(),
                "{label}: no document, body or bodyHex"
            );
            for (form, actual) in outcomes {
                assert_eq!(actual, case.expect, "{label} (as {form})");
            }
            count += 1;
        }
    }
    assert!(count >= MIN_CASES, "only {count} webhook vectors");
}
