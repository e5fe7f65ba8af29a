//! IVR maps: the shared vectors in `tests/fixtures/ivr/` (maps with their check report,
//! events with their reply), the emulator over every example both as the expanded map
//! and as the runtime (identical transcripts), the explorer over the runtime, and
//! hostile input.
//!
//! `CALLFLOW_BLESS=1 cargo test -p callflow-core --test ivr` rewrites each vector's
//! `expected` from the current core; review the diff before committing it.

mod common;
#[path = "common/json_tree.rs"]
mod json_tree;
#[path = "common/produced.rs"]
mod produced;

use std::fs;
use std::path::{Path, PathBuf};

use callflow_core::voice::emulator::{
    Callee, Emulator, ExploreOptions, Explorer, MapBackend, Options, Response, Script, Webhook,
    handler,
};
use callflow_core::voice::events::parse_event;
use callflow_core::voice::ivr::{self, Fallback, Ivr, Next};
use callflow_core::voice::webhook::Receiver;
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An example map of `examples/ivr/`, by name.
fn example(name: &str) -> Value {
    let path = root().join("examples/ivr").join(format!("{name}.json"));
    serde_json::from_str(&fs::read_to_string(&path).expect("the example")).expect("JSON")
}

/// A case's map: inline, or `{"example": name}`.
fn map_of(map: &Value) -> Value {
    match map.get("example").and_then(Value::as_str) {
        Some(name) => example(name),
        None => map.clone(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckCase {
    name: String,
    #[allow(dead_code)]
    note: Option<String>,
    map: Value,
    handlers: Option<Vec<String>>,
    expected: Option<Value>,
}

impl common::Named for CheckCase {
    fn name(&self) -> &str {
        &self.name
    }
}

impl CheckCase {
    fn got(&self) -> Value {
        let map = map_of(&self.map);
        let report = match &self.handlers {
            Some(names) => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                ivr::check_with(&map, &names)
            }
            None => ivr::check(&map),
        };
        serde_json::to_value(&report).expect("a report is JSON")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplyCase {
    name: String,
    #[allow(dead_code)]
    note: Option<String>,
    map: Value,
    event: Value,
    expected: Option<Value>,
}

impl common::Named for ReplyCase {
    fn name(&self) -> &str {
        &self.name
    }
}

impl ReplyCase {
    /// `{menu, key, fallback, reply | handler}`, or the load error's report.
    fn got(&self) -> Value {
        let ivr = match Ivr::from_json(&map_of(&self.map)) {
            Ok(ivr) => ivr,
            Err(err) => return json!({ "refused": err.report() }),
        };
        let event = match parse_event(&self.event) {
            Ok(event) => event,
            Err(err) => return json!({ "notAnEvent": err.to_string() }),
        };
        turn_json(&ivr, &event)
    }
}

fn turn_json(ivr: &Ivr, event: &callflow_core::voice::events::Event) -> Value {
    let turn = ivr.reply(event);
    let next = match turn.next {
        Next::Reply { body, .. } => {
            json!({ "reply": serde_json::from_str::<Value>(body).expect("JSON") })
        }
        Next::Handler(name) => json!({ "handler": name }),
        _ => json!({ "nothing": true }),
    };
    let mut got = json!({
        "menu": turn.menu,
        "key": turn.key,
        "fallback": turn.fallback.map(Fallback::as_str),
    });
    got.as_object_mut()
        .expect("an object")
        .extend(next.as_object().cloned().unwrap_or_default());
    got
}

impl produced::Produced for CheckCase {
    fn expected(&self) -> Option<&Value> {
        self.expected.as_ref()
    }

    fn produce(&self) -> Value {
        self.got()
    }
}

impl produced::Produced for ReplyCase {
    fn expected(&self) -> Option<&Value> {
        self.expected.as_ref()
    }

    fn produce(&self) -> Value {
        self.got()
    }
}

#[test]
fn every_check_vector_gives_its_report() {
    produced::check_produced::<CheckCase>("ivr/checks", 20);
}

#[test]
fn every_reply_vector_gives_its_reply() {
    produced::check_produced::<ReplyCase>("ivr/replies", 15);
}

/// Scripted calls of each example: the keys each caller presses, `-` for silence.
const CALLS: [(&str, &[&str]); 3] = [
    ("simple-ivr", &["1", "2", "-", "7 1", "- - 2", "7 7 7"]),
    (
        "advanced-ivr",
        &[
            "1 1 4",
            "1 2 1",
            "1 2 2",
            "1 9 2",
            "2",
            "7 1 1 9",
            "- 1 2 7 1",
            "1 1 0 3",
            "1 - - 9 1 2 1",
        ],
    ),
    (
        "handler-ivr",
        &["1 123456", "1 -", "0", "1 999999", "5 1 12"],
    ),
];

fn script(keys: &str) -> Script {
    keys.split_whitespace()
        .fold(Script::new(), |script, key| match key {
            "-" => script.silence(),
            key => script.press(key),
        })
        .callee(Callee::Answer { talk_ms: None })
        .callee(Callee::Answer {
            talk_ms: Some(4000),
        })
}

/// The handler of `handler-ivr`: a booking number ending in 6 exists.
fn lookup_booking(_name: &str, event: &callflow_core::voice::events::Event) -> Value {
    match event.call().and_then(|call| call.dtmf.as_deref()) {
        Some(digits) if digits.ends_with('6') => {
            json!({"say": format!("Booking {digits} is confirmed. Goodbye.")})
        }
        _ => json!({"say": "We could not find that booking.", "goto": "main"}),
    }
}

/// The map backend over the expanded map, a handler step answered by `lookup_booking`
/// through the runtime's validation, as a binding would.
fn map_backend(ivr: &Ivr, full: &Value) -> impl FnMut(&Webhook) -> Response {
    let backend = MapBackend::from_json(full).expect("an expanded map reads");
    let ivr = ivr.clone();
    move |webhook| {
        let answer = backend.answer(webhook);
        if let Response::Answered { body, .. } = &answer
            && let Ok(Value::Object(step)) = serde_json::from_slice::<Value>(body)
            && let Some(Value::String(name)) = step.get("handler")
        {
            let event = parse_event(webhook.body.as_str()).expect("an event");
            let reply = ivr
                .handler_reply(&lookup_booking(name, &event))
                .expect("a valid reply");
            return Response::json(200, &reply.to_json());
        }
        answer
    }
}

/// The runtime as a server drives it: each webhook received, the turn's body sent, a
/// handler's return value validated first.
fn runtime(ivr: &Ivr) -> impl FnMut(&Webhook) -> Response + '_ {
    let receiver = Receiver::default();
    move |webhook| {
        let event = match receiver.receive(webhook.body.as_str(), None) {
            Ok(event) => event,
            Err(refusal) => return Response::json(refusal.status, &refusal.body),
        };
        match ivr.reply(&event).next {
            Next::Reply { body, .. } => Response::json(200, body),
            Next::Handler(name) => {
                let reply = ivr
                    .handler_reply(&lookup_booking(name, &event))
                    .expect("a valid reply");
                Response::json(200, &reply.to_json())
            }
            _ => Response::json(200, "{}"),
        }
    }
}

#[test]
fn the_emulator_hears_the_same_calls_from_the_expanded_map_and_the_runtime() {
    let mut calls = 0;
    for (name, scripts) in CALLS {
        let map = example(name);
        let ivr = Ivr::from_json(&map).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(ivr.report().issues().is_empty(), "{name}: {}", ivr.report());
        let full = ivr::expand(&map).expect("expands");
        let request = ivr
            .request("+6512345678", "+6587654321", None)
            .expect("a valid request")
            .to_json();
        for keys in scripts {
            let call = |inbound: bool| {
                if inbound {
                    Emulator::inbound(
                        "+6587654321",
                        "+6512345678",
                        script(keys),
                        Options::default(),
                    )
                } else {
                    Emulator::outbound(request.as_str(), script(keys), Options::default())
                }
            };
            for inbound in [false, true] {
                let by_map = call(inbound).run(map_backend(&ivr, &full));
                let by_runtime = call(inbound).run(runtime(&ivr));
                assert!(
                    by_runtime
                        .findings
                        .iter()
                        .all(|f| f.code != "backend-error"),
                    "{name} {keys}: {}",
                    by_runtime.to_text()
                );
                assert_eq!(
                    by_map.to_json(),
                    by_runtime.to_json(),
                    "{name} {keys}:\n{}",
                    by_runtime.to_text()
                );
                calls += 1;
            }
        }
    }
    assert_eq!(calls, 40);
}

#[test]
fn the_advanced_sample_as_a_map_is_heard_as_the_hand_written_backend() {
    let ivr = Ivr::from_json(&example("advanced-ivr")).expect("loads");
    let request = ivr
        .request("+6512345678", "+6587654321", None)
        .expect("a request")
        .to_json();
    let transcript = Emulator::outbound(request.as_str(), script("1 1 4"), Options::default())
        .run(runtime(&ivr));
    assert!(transcript.ok(), "{}", transcript.to_text());
    assert_eq!(
        transcript.heard,
        [
            "Welcome to The Golden Fork. For reservations, press 1. To speak to our staff, press 2.",
            "To book a table, press 1. To change a booking, press 2. To go back, press 9.",
            "How many guests? Press a number from 1 to 9.",
            "Your table for 4 is booked. See you soon. Goodbye.",
        ]
    );
    let respond = handler(|event| ivr.respond(event, lookup_booking).expect("a valid reply"));
    let bridged = Emulator::inbound(
        "+6587654321",
        "+6512345678",
        script("2"),
        Options::default(),
    )
    .run(respond);
    assert_eq!(
        bridged.heard.last().map(String::as_str),
        Some("Thank you for calling The Golden Fork. Goodbye.")
    );
}

#[test]
fn the_explorer_finds_the_same_menus_in_the_runtime_and_in_the_map() {
    for (name, _) in CALLS {
        let map = example(name);
        let ivr = Ivr::from_json(&map).expect("loads");
        let full = ivr::expand(&map).expect("expands");
        let explore = || {
            Explorer::inbound(
                "+6587654321",
                "+6512345678",
                Options::default(),
                ExploreOptions::default(),
            )
        };
        let by_runtime = explore().run(runtime(&ivr));
        let by_map = explore().run(map_backend(&ivr, &full));
        assert_eq!(by_runtime.to_json(), by_map.to_json(), "{name}");
        let found: Vec<&str> = by_runtime
            .menus
            .iter()
            .map(|menu| menu.id.as_str())
            .collect();
        let mut captures: Vec<&str> = full["menus"]
            .as_object()
            .expect("menus")
            .iter()
            .filter(|(_, answers)| {
                !answers
                    .as_object()
                    .is_some_and(|keys| keys.contains_key("bridged"))
            })
            .map(|(id, _)| id.as_str())
            .collect();
        let mut sorted = found.clone();
        sorted.sort_unstable();
        captures.sort_unstable();
        assert_eq!(sorted, captures, "{name}: {}", by_runtime.to_text());
        assert!(
            by_runtime.findings.iter().all(|f| f.code != "caller-trap"),
            "{name}: {}",
            by_runtime.to_text()
        );
    }
}

#[test]
fn unknown_menus_and_unanswered_input_fall_back_to_start() {
    let ivr = Ivr::from_json(&example("advanced-ivr")).expect("loads");
    let event = |payload: Value| {
        parse_event(&json!({"eventType": "CALL_ACTION", "payload": payload})).expect("an event")
    };
    let gone = ivr.reply(&event(json!({"callStatus": "ACTION_COMPLETED", "clientActionId": "old_menu", "eventData": {"dtmf": "1"}})));
    assert_eq!(gone.fallback.map(Fallback::as_str), Some("unknown-menu"));
    assert!(
        matches!(gone.next, Next::Reply { reply, .. } if reply.client_action_id.as_deref() == Some("main_menu"))
    );
    let status = parse_event(
        &json!({"eventType": "CALL_STATUS", "payload": {"callStatus": "CALL_CONNECTED"}}),
    )
    .expect("an event");
    assert_eq!(ivr.reply(&status).next, Next::Nothing);
}

#[test]
fn handler_replies_are_validated_before_they_are_sent() {
    let ivr = Ivr::from_json(&example("handler-ivr")).expect("loads");
    assert_eq!(ivr.handler_names(), ["lookup_booking"]);
    let bad = ivr
        .handler_reply(r#"{"callflow": [{"action": "say", "params": {"text": "x"}}]}"#)
        .expect_err("no voiceProfile");
    assert_eq!(bad.status_code(), Some(-1009));
    for returned in [
        "null",
        "[]",
        "42",
        r#"{"handler": "again"}"#,
        r#"{"goto": "nowhere"}"#,
        "{",
        r#"{"say": 3}"#,
    ] {
        assert!(ivr.handler_reply(returned).is_err(), "{returned}");
    }
    assert!(ivr.handler_reply(r#""main""#).is_ok());
}

#[test]
fn requests_start_with_the_call_then_the_start_reply() {
    let ivr = Ivr::from_json(&example("simple-ivr")).expect("loads");
    let request = ivr
        .request("6512345678", "6561115777", Some("2999-01-01T00:00:00.000Z"))
        .expect("valid");
    assert_eq!(
        request.valid_until.as_deref(),
        Some("2999-01-01T00:00:00.000Z")
    );
    assert_eq!(request.actions.len(), 2);
    let expired = ivr
        .request("6512345678", "6561115777", Some("2001-01-01T00:00:00.000Z"))
        .expect_err("expired");
    assert_eq!(expired.status_code(), Some(-1015));
    let bad = ivr
        .request("6512345678", "x", None)
        .expect_err("not a number");
    assert_eq!(bad.status_code(), Some(-1017));
}

#[test]
fn deep_huge_and_mistyped_maps_are_reported_not_crashed() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let report = ivr::check(deep.as_str());
    assert_eq!(report.issues()[0].code.to_string(), "invalid-map");
    assert!(Ivr::from_json(deep.as_str()).is_err());
    let mut deep_value = json!(1);
    for _ in 0..200 {
        deep_value = json!({ "menus": deep_value });
    }
    assert!(!ivr::check(&deep_value).is_valid());
    let menus: serde_json::Map<String, Value> = (0..20_000)
        .map(|n| {
            (
                format!("m{n}"),
                json!({"1": format!("m{}", (n + 1) % 20_000), "prompt": "Press 1."}),
            )
        })
        .collect();
    let huge = json!({"defaults": {"voiceProfile": "en-GB-Emma"}, "start": "m0", "menus": menus});
    let report = ivr::check(&huge);
    assert!(
        report.issues().len() <= 2000 && report.omitted() > 0,
        "{}",
        report.issues().len()
    );
    for mistyped in [
        json!(null),
        json!([]),
        json!({"start": 1}),
        json!({"start": "x", "menus": []}),
        json!({"start": {"goto": 1}, "menus": {"a": 5}}),
        json!({"defaults": "x", "start": {"handler": ""}}),
        json!({"start": "a", "menus": {"a": {"prompt": 1, "options": []}}}),
        json!({"start": {"say": "hi", "goto": "a", "connect": "1"}, "menus": {"a": {"prompt": "p", "capture": 3, "invalid": 4}}}),
    ] {
        let report = ivr::check(&mistyped);
        assert!(!report.is_valid(), "{mistyped}");
        assert!(Ivr::from_json(&mistyped).is_err(), "{mistyped}");
    }
}

proptest! {
    #[test]
    fn any_value_is_checked_without_a_panic(map in json_tree::nested(prop_oneof![
        Just(json!("1")), Just(json!("*")), Just(json!({"say": "x"})), Just(json!({"handler": "h"})),
        Just(json!({"callflow": [{"action": "hangup"}]})), Just(json!(null)), any::<i64>().prop_map(|n| json!(n)),
    ])) {
        let _ = ivr::check(&map);
        let _ = ivr::expand(&map);
        if let Ok(ivr) = Ivr::from_json(&map) {
            let event = parse_event(r#"{"eventType": "CALL_ACTION", "payload": {"clientActionId": "x"}}"#).expect("an event");
            let _ = ivr.reply(&event);
        }
    }
}
