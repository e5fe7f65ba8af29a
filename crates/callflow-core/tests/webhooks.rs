//! Runs every shared webhook vector in `tests/fixtures/webhooks/` (see the fixtures
//! README): each body is parsed as bytes and as text, each `document` also as a
//! `serde_json::Value`, and every form must give exactly the expected event or error.

mod common;

use callflow_core::voice::events::{Event, EventError, parse_event};
use serde::Deserialize;
use serde_json::{Value, json};

const MIN_CASES: usize = 60;

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

impl common::Named for Case {
    fn name(&self) -> &str {
        &self.name
    }
}

/// The outcome in the vectors' form: `{"event": …}` or `{"error": {"code", "message"}}`.
fn outcome(result: Result<Event, EventError>) -> Value {
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
    common::run_vectors("webhooks", MIN_CASES, |case: &Case| {
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
        if outcomes.is_empty() {
            return vec!["no document, body or bodyHex".to_owned()];
        }
        outcomes
            .into_iter()
            .filter(|(_, actual)| *actual != case.expect)
            .map(|(form, actual)| format!("as {form}: got {actual}"))
            .collect()
    });
}
