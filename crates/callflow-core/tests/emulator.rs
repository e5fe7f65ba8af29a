//! The call emulator: every shared vector in `tests/fixtures/emulator/` (a call, an IVR
//! map as the backend, the expected transcript), facts of the virtual clock checked by
//! hand, and a property: every webhook body the emulator sends parses as an event.
//!
//! `CALLFLOW_BLESS=1 cargo test -p callflow-core --test emulator` rewrites each vector's
//! `expected` from the current engine; review the diff before committing it.

mod common;
#[path = "common/produced.rs"]
mod produced;

use callflow_core::voice::emulator::{
    Callee, Emulator, MapBackend, Options, Response, Scenario, Script, Transcript,
};
use callflow_core::voice::events::{EventType, parse_event};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value, json};

const MIN_CASES: usize = 40;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[allow(dead_code)]
    note: Option<String>,
    request: Option<Value>,
    inbound: Option<Value>,
    backend: Value,
    script: Value,
    options: Option<Value>,
    expected: Option<Value>,
}

impl common::Named for Case {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Case {
    /// The case's call as a scenario, and its backend.
    fn parts(&self) -> (Scenario, MapBackend) {
        let mut scenario = Map::new();
        scenario.insert("name".into(), json!(self.name));
        if let Some(request) = &self.request {
            scenario.insert("request".into(), request.clone());
        }
        if let Some(inbound) = &self.inbound {
            scenario.insert("inbound".into(), inbound.clone());
        }
        scenario.insert("script".into(), self.script.clone());
        if let Some(options) = &self.options {
            scenario.insert("options".into(), options.clone());
        }
        let scenario = Scenario::from_json(&Value::Object(scenario))
            .unwrap_or_else(|err| panic!("{}: {err}", self.name));
        let map = MapBackend::from_json(&self.backend)
            .unwrap_or_else(|err| panic!("{}: {err}", self.name));
        (scenario, map)
    }

    fn transcript(&self) -> Value {
        let (scenario, map) = self.parts();
        let transcript = scenario.start().run(|webhook| map.answer(webhook));
        serde_json::from_str(&transcript.to_json()).expect("a transcript is JSON")
    }
}

impl produced::Produced for Case {
    fn expected(&self) -> Option<&Value> {
        self.expected.as_ref()
    }

    fn produce(&self) -> Value {
        self.transcript()
    }
}

#[test]
fn every_emulator_vector_gives_its_transcript() {
    produced::check_produced::<Case>("emulator", MIN_CASES);
}

const REQUEST: &str = r#"{"callflow": [
    {"action": "makeCall", "params": {"source": "+6561115777", "destination": "+6512345678"}},
    {"action": "sayAndCapture", "params": {"promptMessage": "Press one or two.",
        "voiceProfile": "en-US-BenjaminRUS", "minDigits": 1, "maxDigits": 1,
        "digitTimeout": 10000, "overallTimeout": 10000, "noOfTries": 2}}]}"#;

const MAP: &str = r#"{"menus": {"": {
    "1": {"callflow": [{"action": "say", "params": {"text": "Bye now.", "voiceProfile": "en-US-BenjaminRUS"}}, {"action": "hangup"}]},
    "2": {"clientActionId": "back", "callflow": [{"action": "makeCall", "params": {"source": "+6561115777", "destination": "+6598765432"}}]},
    "*": {"callflow": [{"action": "sayAndCapture", "params": {"promptMessage": "Press one or two.", "voiceProfile": "en-US-BenjaminRUS", "overallTimeout": 3000}}]}},
  "back": {"*": {"callflow": [{"action": "hangup"}]}}}}"#;

fn emulate(script: Script, options: Options) -> Transcript {
    let map = MapBackend::from_json(MAP).expect("the map");
    Emulator::outbound(REQUEST, script, options).run(|webhook| map.answer(webhook))
}

#[test]
fn the_virtual_clock_adds_up_by_hand() {
    let transcript = emulate(Script::new().press("1"), Options::default());
    assert!(transcript.ok(), "{}", transcript.to_text());
    // Ring 5 s; "Press one or two." is 4 words at 150/min (1.6 s) + one sentence (0.75 s);
    // the key comes 0.5 s after the prompt; "Bye now." is 2 words (0.8 s) + 0.75 s.
    assert_eq!(transcript.duration_ms, 5000 + 2350 + 500 + 1550);
    assert_eq!(transcript.heard, ["Press one or two.", "Bye now."]);
    let summary = transcript.summary.expect("a summary");
    assert_eq!(summary["payload"]["details"]["callA"]["callDuration"], 4);
    assert_eq!(summary["payload"]["lastAction"], "HANGUP");
}

#[test]
fn a_bridge_returns_to_the_backend_with_the_replys_client_action_id() {
    let script = Script::new()
        .press("2")
        .callee(Callee::Answer { talk_ms: None })
        .callee(Callee::Answer {
            talk_ms: Some(7000),
        });
    let transcript = emulate(script, Options::default());
    let ids: Vec<Option<&str>> = transcript
        .webhooks
        .iter()
        .map(|w| w.client_action_id.as_deref())
        .collect();
    assert_eq!(ids, [None, Some("back"), None]);
    assert_eq!(transcript.session_status, "COMPLETED");
    let summary = transcript.summary.expect("a summary");
    assert_eq!(summary["payload"]["callCount"], 2);
    assert_eq!(summary["payload"]["details"]["callB"]["callDuration"], 7);
}

#[test]
fn same_seed_same_transcript_other_seed_other_ids() {
    let options = |seed| Options::from_json(&json!({ "seed": seed }).to_string()).expect("options");
    let first = emulate(Script::new().press("1"), options(3)).to_json();
    assert_eq!(
        first,
        emulate(Script::new().press("1"), options(3)).to_json()
    );
    let other = emulate(Script::new().press("1"), options(4)).to_json();
    assert_ne!(first, other);
}

#[test]
fn a_backend_that_never_ends_the_call_is_cut_by_the_step_cap() {
    let map = MapBackend::from_json(MAP).expect("the map");
    let transcript = Emulator::outbound(REQUEST, Script::new(), Options::default())
        .run(|webhook| map.answer(webhook));
    let codes: Vec<&str> = transcript.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["script-exhausted", "call-too-long"]);
    assert!(!transcript.ok());
}

#[test]
fn next_webhook_repeats_until_answered_and_stray_answers_are_ignored() {
    let mut call = Emulator::outbound(REQUEST, Script::new().press("1"), Options::default());
    call.respond(Response::json(200, "{}"));
    let first = call.next_webhook().expect("a call action");
    assert_eq!(call.next_webhook(), Some(first.clone()));
    assert_eq!(first.kind.as_str(), "VCA");
    call.respond(Response::json(
        200,
        r#"{"callflow": [{"action": "hangup"}]}"#,
    ));
    let summary = call.next_webhook().expect("the summary");
    assert_eq!(summary.event_type, "SESSION_SUMMARY");
    call.respond(Response::json(200, "{}"));
    assert_eq!(call.next_webhook(), None);
    assert_eq!(call.transcript().webhooks.len(), 2);
}

/// Any caller, any outcome, any dialect: every webhook body parses as the event it says.
fn script_steps() -> impl Strategy<Value = Script> {
    let step = prop_oneof![
        "[0-9*#]{1,6}".prop_map(|keys| json!({ "press": keys })),
        Just(json!("silence")),
        Just(json!("hangup")),
        (0u64..40_000).prop_map(|ms| json!({ "hangup": { "afterMs": ms } })),
        prop_oneof![Just("answer"), Just("busy"), Just("noAnswer"), Just("fail")]
            .prop_map(|outcome| json!({ "callee": outcome })),
    ];
    prop::collection::vec(step, 0..8)
        .prop_map(|steps| Script::from_json(&Value::Array(steps)).expect("a script"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_webhook_sent_parses_as_its_event(
        script in script_steps(),
        legacy in any::<bool>(),
        status_webhooks in any::<bool>(),
        seed in any::<u64>(),
        times in prop::collection::vec(prop_oneof![0u64..100_000, Just(u64::MAX)], 6),
        start in prop_oneof![Just(1_767_225_600_000_i64), any::<i64>()],
    ) {
        let options = Options::from_json(&json!({
            "dialect": if legacy { "legacy" } else { "current" },
            "statusWebhooks": status_webhooks,
            "seed": seed,
            "ringMs": times[0],
            "talkMs": times[1],
            "keyIntervalMs": times[2].max(1),
            "fileDurationMs": times[3],
            "startDelayMs": times[4],
            "sentencePauseMs": times[5],
            "startTimeMs": start,
        })).expect("options");
        let map = MapBackend::from_json(MAP).expect("the map");
        let mut bodies = Vec::new();
        let transcript = Emulator::outbound(REQUEST, script, options).run(|webhook| {
            bodies.push((webhook.event_type, webhook.body.clone()));
            map.answer(webhook)
        });
        prop_assert!(!bodies.is_empty());
        for (event_type, body) in bodies {
            let event = parse_event(body.as_str());
            prop_assert!(event.is_ok(), "{body}");
            let event = event.expect("checked");
            prop_assert_eq!(event.event_type.as_str(), event_type);
            if event.event_type == EventType::CallAction {
                prop_assert!(event.call().is_some_and(|call| call.session_id.is_some()));
            }
        }
        prop_assert!(transcript.steps.len() < 400);
    }
}

#[test]
fn the_text_form_reads_as_a_timeline() {
    let map = MapBackend::from_json(MAP).expect("the map");
    let script = Script::new().press("9").hangup_after(1000);
    let options = Options::from_json(r#"{"webhookTimeoutMs": 100}"#).expect("options");
    let transcript = Emulator::outbound(REQUEST, script, options).run(|webhook| {
        let mut answer = map.answer(webhook);
        if let Response::Answered { latency_ms, .. } = &mut answer {
            *latency_ms = 250.0;
        }
        answer
    });
    let text = transcript.to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("call "), "{text}");
    assert!(
        text.contains("  0.000s  request accepted (status 1)"),
        "{text}"
    );
    assert!(
        text.contains("  5.000s  callA +6512345678: answered"),
        "{text}"
    );
    assert!(
        text.contains("hears promptMessage \"Press one or two.\" (2.350s)"),
        "{text}"
    );
    assert!(
        text.contains("capture try 1: pressed 9, captured 9 (success, ended by maxDigits)"),
        "{text}"
    );
    assert!(
        text.contains("VCA CALL_ACTION -> 200 in 250.0 ms"),
        "{text}"
    );
    assert!(
        text.contains("ERROR after 7.850s: status 1, 2 webhook(s), 2 finding(s)"),
        "{text}"
    );
    assert!(text.contains("error[reply-timeout] at step"), "{text}");
    assert!(text.contains("warning[reply-timeout]"), "{text}"); // the summary webhook
}

/// The finding codes of a call whose first call action gets `answer`.
fn first_answer_findings(answer: Response) -> Vec<&'static str> {
    let mut first = Some(answer);
    let transcript = Emulator::outbound(REQUEST, Script::new().press("1"), Options::default())
        .run(|_| first.take().unwrap_or_else(|| Response::json(200, "{}")));
    transcript.findings.iter().map(|f| f.code).collect()
}

#[test]
fn odd_latencies_and_huge_bodies_are_judged_the_same_in_every_runner() {
    let hangup = br#"{"callflow": [{"action": "hangup"}]}"#.to_vec();
    let answered = |latency_ms: f64| Response::Answered {
        status: 200,
        body: hangup.clone(),
        latency_ms,
    };
    assert_eq!(
        first_answer_findings(answered(f64::NAN)),
        Vec::<&str>::new()
    );
    assert_eq!(first_answer_findings(answered(-5.0)), Vec::<&str>::new());
    assert_eq!(
        first_answer_findings(answered(f64::INFINITY)),
        ["reply-timeout"]
    );
    let mut huge = b"{\"callflow\": [{\"action\": \"hangup\"}], \"x\": \"".to_vec();
    huge.resize(2 << 20, b'a');
    let too_large = Response::Answered {
        status: 200,
        body: huge,
        latency_ms: 1.0,
    };
    assert_eq!(first_answer_findings(too_large), ["reply-too-large"]);
}
