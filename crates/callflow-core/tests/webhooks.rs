//! Runs every shared webhook vector in `tests/fixtures/webhooks/` (see the fixtures
//! README): each body is parsed as bytes and as text, each `document` also as a
//! `serde_json::Value`, and every form must give exactly the expected event or error.
//! Then every vector of `tests/fixtures/receiving/`: the answer a `Receiver` gives.

mod common;

use callflow_core::voice::events::{Event, EventError, parse_event};
use callflow_core::voice::webhook::{Receiver, is_source_address};
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Receiving {
    name: String,
    secret: Option<String>,
    authorization: Option<String>,
    body: Option<String>,
    address: Option<String>,
    expect: Value,
}

impl common::Named for Receiving {
    fn name(&self) -> &str {
        &self.name
    }
}

#[test]
fn every_receiving_vector_gives_its_answer() {
    common::run_vectors("receiving", 20, |case: &Receiving| {
        let actual = if let Some(address) = &case.address {
            json!({ "sourceAddress": is_source_address(address) })
        } else {
            let receiver = Receiver::new(case.secret.as_deref());
            let body = case.body.as_deref().unwrap_or_default();
            match receiver.receive(body.as_bytes(), case.authorization.as_deref()) {
                Ok(event) => json!({ "eventType": event.event_type.as_str() }),
                Err(refusal) => json!({
                    "status": refusal.status,
                    "body": serde_json::from_str::<Value>(&refusal.body).expect("a JSON body"),
                }),
            }
        };
        if actual == case.expect {
            Vec::new()
        } else {
            vec![format!("got {actual}")]
        }
    });
}
