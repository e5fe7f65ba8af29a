//! Runs every shared webhook vector in `tests/fixtures/webhooks/` (see the fixtures
//! README): each body is parsed as bytes and as text, each `document` also as a
//! `serde_json::Value`, and every form must give exactly the expected event or error.
//! Then every vector of `tests/fixtures/receiving/`: the answer a `Receiver` gives.

mod common;

use callflow_core::voice::events::{Event, EventError, parse_event};
use callflow_core::voice::webhook::{
    AUTHORIZATION, BODY_LIMIT, Receiver, authorization, is_source_address,
};
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

const CALL_ACTION: &str =
    r#"{"eventType": "CALL_ACTION", "payload": {"eventData": {"dtmf": "1"}}}"#;

/// `CALL_ACTION` padded with spaces to exactly `size` bytes.
fn padded(size: usize) -> String {
    CALL_ACTION.to_owned() + &" ".repeat(size - CALL_ACTION.len())
}

#[test]
fn a_body_just_over_the_limit_is_refused_with_413_before_the_secret_is_checked() {
    let receiver = Receiver::new(Some("s3cret"));
    let at_limit = padded(BODY_LIMIT);
    assert!(receiver.receive(at_limit.as_str(), Some("s3cret")).is_ok());
    let over = padded(BODY_LIMIT + 1);
    for authorization in [Some("s3cret"), None] {
        let refusal = receiver
            .receive(over.as_bytes(), authorization)
            .unwrap_err();
        assert_eq!(refusal.status, 413);
        assert!(!refusal.refuses_body());
        let body: Value = serde_json::from_str(&refusal.body).expect("a JSON body");
        assert_eq!(
            body,
            json!({"error": "body-too-large", "message": "the webhook body is larger than 1048576 bytes"})
        );
    }
}

#[test]
fn the_limit_can_be_set_and_a_parsed_value_has_no_size() {
    let receiver = Receiver::new(None::<String>).limit(CALL_ACTION.len());
    assert_eq!(receiver.body_limit(), CALL_ACTION.len());
    assert!(receiver.receive(CALL_ACTION, None).is_ok());
    assert_eq!(
        receiver
            .receive(&padded(CALL_ACTION.len() + 1), None)
            .unwrap_err()
            .status,
        413
    );
    let value: Value = serde_json::from_str(CALL_ACTION).expect("JSON");
    assert!(
        Receiver::new(None::<String>)
            .limit(1)
            .receive(&value, None)
            .is_ok()
    );
}

#[test]
fn only_a_body_that_is_not_a_webhook_is_refused_for_its_content() {
    let receiver = Receiver::new(Some("s3cret"));
    let unauthorized = receiver.receive(CALL_ACTION, Some("wrong")).unwrap_err();
    assert_eq!(
        (unauthorized.status, unauthorized.refuses_body()),
        (401, false)
    );
    let not_a_webhook = receiver.receive("[]", Some("s3cret")).unwrap_err();
    assert_eq!(
        (not_a_webhook.status, not_a_webhook.refuses_body()),
        (400, true)
    );
}

#[test]
fn the_authorization_header_is_found_whatever_its_case() {
    let headers = [
        ("Content-Type", "application/json"),
        ("AuThOrIzAtIoN", "s3cret"),
    ];
    let found = authorization(headers);
    assert_eq!(found.as_deref(), Some("s3cret"));
    assert!(matches!(found, Some(std::borrow::Cow::Borrowed(_))));
    assert_eq!(
        authorization([("authorization", "a"), ("authorization", "b")]).as_deref(),
        Some("a, b")
    );
    assert_eq!(authorization(Vec::<(&str, &str)>::new()), None);
    assert_eq!(AUTHORIZATION, "authorization");
}
