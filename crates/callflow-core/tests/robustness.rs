//! Hostile input: any bytes, any nesting, huge strings. Validation must answer with a
//! report and never panic or overflow the stack.

#[path = "common/json_tree.rs"]
mod json_tree;

use std::fmt::Write;

use callflow_core::voice::events::parse_event;
use callflow_core::voice::{
    Action, ActionKind, MakeCall, PlayFile, Profile, Reply, Say, SayAndCapture, StatusCode,
    Validator, validate,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn status(input: &[u8]) -> i32 {
    StatusCode::of(&validate(input, Profile::Request)).code()
}

#[test]
fn nesting_100_000_levels_deep_is_invalid_json() {
    for open in ["[", "{\"a\":"] {
        let deep = open.repeat(100_000);
        let report = validate(deep.as_bytes(), Profile::Request);
        assert_eq!(report.status_code(), Some(-1001), "{report}");
        assert!(
            report.issues()[0]
                .message
                .contains("recursion limit exceeded"),
            "{report}"
        );
    }
    let mut nested = r#"{"callflow": [{"action": "say", "params": {"text": "#.to_owned();
    nested.push_str(&"[".repeat(100_000));
    assert_eq!(status(nested.as_bytes()), -1001);
}

#[test]
fn a_deep_value_is_refused_too() {
    let mut value = Value::Null;
    for _ in 0..200 {
        value = json!({ "callflow": [value] });
    }
    let report = validate(&value, Profile::Reply);
    assert_eq!(report.status_code(), Some(-1001));
    assert!(
        report.issues()[0]
            .message
            .ends_with("nested deeper than 128 levels"),
        "{report}"
    );
}

#[test]
fn a_ten_megabyte_text_is_reported_not_copied_around() {
    let text = "a".repeat(10 * 1024 * 1024);
    let body = json!({"callflow": [{"action": "say", "params": {"text": text, "voiceProfile": "en-GB-Emma"}}]});
    let report = validate(body.to_string().as_str(), Profile::Reply);
    assert_eq!(report.status_code(), Some(-1009));
    assert_eq!(
        report.issues()[0].message,
        "Invalid call flow entry provided. $.callflow[0].params.text: must be at most 3000 characters long, found 10485760"
    );
    let huge_key = format!(
        r#"{{"{}": 1, "callflow": [{{"action": "hangup"}}]}}"#,
        "k".repeat(10 * 1024 * 1024)
    );
    let report = validate(huge_key.as_str(), Profile::Reply);
    assert_eq!(report.issues().len(), 1);
    assert_eq!(report.issues()[0].hint, None);
}

#[test]
fn a_flood_of_mistakes_is_counted_not_listed() {
    let mut params = String::from(r#""text": "Hi", "voiceProfile": "en-GB-Emma""#);
    for i in 0..50_000 {
        write!(params, r#", "volume{i}": 1"#).unwrap();
    }
    let mut actions = vec![format!(r#"{{"action": "say", "params": {{{params}}}}}"#)];
    // Warnings first, then one error of each phase at the very end.
    actions.extend((0..1_500).map(|_| {
        r#"{"action": "playFile", "params": {"fileUrl": "https://x.io/a.ogg"}}"#.to_owned()
    }));
    actions.push(
        r#"{"action": "say", "params": {"text": "\u0007", "voiceProfile": "en-GB-Emma"}}"#
            .to_owned(),
    );
    let body = format!(
        r#"{{"callflow": [{}], "validUntil": 5}}"#,
        actions.join(",")
    );
    let report = validate(body.as_str(), Profile::Request);

    let count = |code: i32, warning: bool| {
        report
            .issues()
            .iter()
            .filter(|i| i.code.as_i32() == Some(code) && i.is_error() != warning)
            .count()
    };
    assert_eq!(count(-1009, false), 1000, "schema errors listed");
    assert_eq!(count(-1009, true), 1000, "schema warnings listed");
    assert_eq!(count(-1016, false), 1, "the lone semantic error is listed");
    assert_eq!(report.omitted(), 50_001 - 1000 + 1_500 - 1000);
    assert_eq!(report.status_code(), Some(-1009));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["omitted"], report.omitted());
    assert!(
        serde_json::to_value(validate("{}", Profile::Reply))
            .unwrap()
            .get("omitted")
            .is_none()
    );
}

#[test]
fn invalid_utf8_is_invalid_json() {
    assert_eq!(status(b"{\"callflow\": \"\xff\xfe\"}"), -1001);
    assert_eq!(status(&[0xC0, 0x80]), -1001);
    assert_eq!(status(b""), -1001);
}

/// A value from a small vocabulary of the names the validator knows, so that random
/// documents reach deep into the rules instead of stopping at the first level.
fn field_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u64..30).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop_oneof![
            Just("+6512345678"),
            Just("en-US-BenjaminRUS"),
            Just("https://example.com/a.mp3"),
            Just("2024-07-03T05:59:32.226Z"),
            Just(""),
            Just("bell\u{7}"),
        ]
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    json_tree::nested(leaf)
}

fn known_name() -> impl Strategy<Value = String> {
    let mut names = vec![
        "action",
        "params",
        "callflow",
        "validUntil",
        "clientActionId",
    ];
    for kind in ActionKind::ALL {
        names.push(kind.name());
        names.extend(kind.params());
    }
    prop::sample::select(names).prop_map(str::to_owned)
}

fn action() -> impl Strategy<Value = Value> {
    let params = prop::collection::btree_map(known_name(), field_value(), 0..8)
        .prop_map(|map| Value::Object(map.into_iter().collect()));
    (known_name(), params, any::<bool>()).prop_map(|(name, params, with_params)| {
        if with_params {
            json!({"action": name, "params": params})
        } else {
            json!({"action": name})
        }
    })
}

fn document() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(action(), 0..6),
        prop::option::of(field_value()),
        prop::option::of(field_value()),
    )
        .prop_map(|(actions, valid_until, client_action_id)| {
            let mut doc = json!({ "callflow": actions });
            if let Some(v) = valid_until {
                doc["validUntil"] = v;
            }
            if let Some(v) = client_action_id {
                doc["clientActionId"] = v;
            }
            doc
        })
}

/// Flows built from the typed model with every value in range, ending (or not) in a
/// `hangup` that does not follow a `sayAndCapture`.
fn valid_reply() -> impl Strategy<Value = Reply> {
    let msisdn = "\\+?[1-9][0-9]{6,14}";
    let text = "[A-Za-z][A-Za-z ,.!?'\t\n]{0,40}";
    let profile = prop::sample::select(vec!["en-US-BenjaminRUS", "en-GB-Emma", "en-US-Neural2-C"]);
    let repetition = prop::option::of(1u8..=3);
    let speed = prop::option::of(prop_oneof![Just(0.5), Just(2.0), 0.5f64..=2.0]);
    let make_call =
        (msisdn, msisdn, prop::option::of(any::<bool>())).prop_map(|(from, to, rec)| {
            let call = MakeCall::new(from, to);
            Action::from(match rec {
                Some(rec) => call.call_recording(rec),
                None => call,
            })
        });
    let say = (text, profile.clone(), repetition.clone(), speed.clone()).prop_map(
        |(text, voice, rep, speed)| {
            let mut say = Say::new(text, voice);
            say.repetition = rep;
            say.speed = speed;
            Action::from(say)
        },
    );
    let play = ("[a-z0-9]{1,12}\\.(mp3|wav|MP3)", repetition.clone()).prop_map(|(file, rep)| {
        let mut play = PlayFile::new(format!("https://example.com/audio/{file}"));
        play.repetition = rep;
        Action::from(play)
    });
    let capture = (
        (text, profile, repetition, speed),
        (
            1u8..=25,
            0u8..=24,
            any::<bool>(),
            prop::option::of(any::<bool>()),
        ),
        (
            prop::option::of((1u64..60_000, 0u64..60_000)),
            prop::option::of(1u64..10),
        ),
        (
            prop::option::of(".{0,20}"),
            prop::option::of("[a-z ]{0,20}"),
        ),
    )
        .prop_map(
            |(
                (prompt, voice, rep, speed),
                (max, spread, with_min, hash),
                (timeouts, tries),
                (ok, fail),
            )| {
                let mut capture = SayAndCapture::new(prompt, voice).max_digits(max);
                capture.repetition = rep;
                capture.speed = speed;
                capture.min_digits = with_min.then(|| max.saturating_sub(spread).max(1));
                capture.complete_on_hash = hash;
                if let Some((digit, extra)) = timeouts {
                    capture = capture.digit_timeout(digit).overall_timeout(digit + extra);
                }
                capture.no_of_tries = tries;
                capture.success_message = ok.filter(|m| !m.chars().any(char::is_control));
                capture.failure_message = fail;
                Action::from(capture)
            },
        );
    let action = prop_oneof![make_call, say, play, capture];
    (
        prop::collection::vec(action, 1..6),
        any::<bool>(),
        prop::option::of("[a-z_]{0,12}"),
    )
        .prop_map(|(mut actions, hang_up, id)| {
            let make_calls: Vec<usize> = actions
                .iter()
                .enumerate()
                .filter(|(_, action)| action.kind() == ActionKind::MakeCall)
                .map(|(i, _)| i)
                .collect();
            for &extra in make_calls.iter().skip(2).rev() {
                actions.remove(extra);
            }
            if hang_up && actions.last().map(Action::kind) != Some(ActionKind::SayAndCapture) {
                actions.push(Action::Hangup);
            }
            let mut reply = Reply::new(actions);
            reply.client_action_id = id;
            reply
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

proptest! {
    // 2,000 cases in the test suite; PROPTEST_CASES=... runs more.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_a_report(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let report = validate(bytes.as_slice(), Profile::Request);
        prop_assert!(report.status_code() == Some(1) || !report.is_valid());
    }

    #[test]
    fn text_and_value_agree(doc in document(), reply in any::<bool>()) {
        let profile = if reply { Profile::Reply } else { Profile::Request };
        let validator = Validator::new();
        let from_text = validator.validate(doc.to_string().as_str(), profile);
        let from_value = validator.validate(&doc, profile);
        prop_assert_eq!(from_text.status_code(), from_value.status_code());
        prop_assert_eq!(from_text.issues().len(), from_value.issues().len());
        for issue in from_text.issues() {
            prop_assert!(issue.code.as_i32().is_some_and(|code| code < 0));
            prop_assert!(issue.message.contains(&format!(". {}: ", issue.path)), "{}", issue.message);
        }
    }

    #[test]
    fn every_in_range_flow_is_valid_and_round_trips(reply in valid_reply()) {
        let json = reply.to_json();
        let report = Validator::new().validate(json.as_str(), Profile::Reply);
        prop_assert!(report.issues().is_empty(), "{json}\n{report}");
        prop_assert_eq!(Reply::from_json(json.as_str()).expect("valid"), reply);
    }

    #[test]
    fn any_bytes_give_an_event_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Err(err) = parse_event(bytes.as_slice()) {
            prop_assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn webhook_text_and_value_agree(body in webhook()) {
        let from_text = parse_event(body.to_string().as_str()).map(|event| event.to_json());
        let from_value = parse_event(&body).map(|event| event.to_json());
        match (from_text, from_value) {
            (Ok(text), Ok(value)) => {
                prop_assert_eq!(&text, &value);
                let flat: Value = serde_json::from_str(&text).expect("an event serialises to JSON");
                prop_assert_eq!(&flat["eventType"], &body["eventType"]);
            }
            (Err(text), Err(value)) => prop_assert_eq!(text.code(), value.code()),
            (text, value) => prop_assert!(false, "text {text:?} but value {value:?}"),
        }
    }
}

/// A webhook body: a known or random `eventType` and a payload of 8x8's field names
/// (in any case) with random values, nested objects for `eventData`, `details`,
/// `errorDetails` and `virtualNumbers` included.
fn webhook() -> impl Strategy<Value = Value> {
    let event_type = prop_oneof![
        prop::sample::select(vec![
            "CALL_ACTION",
            "CALL_STATUS",
            "SESSION_SUMMARY",
            "CALL_RECORDING_STATUS",
            "VIRTUAL_NUMBER_UPDATE",
        ])
        .prop_map(Value::from),
        field_value(),
    ];
    let names = prop::sample::select(vec![
        "dtmf",
        "eventData",
        "DTMF",
        "callStatus",
        "clientActionId",
        "callDuration",
        "sipCode",
        "sessionStatus",
        "details",
        "callA",
        "CallA",
        "callQuality",
        "mos",
        "errorDetails",
        "errorCode",
        "virtualNumbers",
        "rentalPrice",
        "numberHealthCheckEnabled",
        "status",
        "durationSeconds",
        "version",
        "SourceRefId",
    ])
    .prop_map(str::to_owned);
    let payload = prop::collection::btree_map(names, field_value(), 0..8)
        .prop_map(|map| Value::Object(map.into_iter().collect()));
    (event_type, prop::option::of(payload), any::<bool>()).prop_map(|(kind, payload, nest)| {
        let mut body = json!({ "eventType": kind });
        if let Some(payload) = payload {
            body["payload"] = if nest {
                json!({ "details": { "callA": payload.clone() }, "eventData": payload.clone(),
                        "errorDetails": payload.clone(), "virtualNumbers": [payload] })
            } else {
                payload
            };
        }
        body
    })
}
