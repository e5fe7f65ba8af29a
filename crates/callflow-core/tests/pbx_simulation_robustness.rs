//! Hostile and random input to the Yay.com call simulation: any call flow, call and
//! options give a transcript or a clear error, never a panic or a stack overflow; no call
//! runs more than 1000 modules; the explorer keeps to its budget.

use callflow_core::pbx::CallFlow;
use callflow_core::pbx::simulate::{self, Call, Options, STEP_CAP, explore_json, simulate_json};
use proptest::prelude::*;
use serde_json::{Value, json};

const MODULES: [&str; 16] = [
    "play",
    "pressextension",
    "dialbyextension",
    "extension",
    "calleridmatch",
    "busy",
    "voicemail",
    "recording",
    "sleep",
    "outofhours",
    "callqueue",
    "conference",
    "room",
    "offnetconnect",
    "start",
    "nonsense",
];

/// A random module among `keys`, with random edges to them (or to missing keys).
fn module(keys: usize) -> impl Strategy<Value = Value> {
    let key = (0..keys + 2).prop_map(|k| json!(format!("k{k}")));
    (
        0..MODULES.len(),
        key.clone(),
        key.clone(),
        key.clone(),
        key,
        any::<bool>(),
        prop_oneof![Just(json!(0)), Just(json!("2.5")), Just(json!(-1)), Just(json!([]))],
    )
        .prop_map(|(name, a, b, c, d, dial, duration)| {
            json!({
                "module": MODULES[name],
                "next": if name < 3 { json!({"1": a, "12": b, "invalid": c, "timeout": d}) } else { a.clone() },
                "dial_by_extension": dial,
                "duration": duration,
                "patterns": ["^44", "(", ".*"],
                "extensions": [{"type": "sipuser", "uuid": "u"}, {"type": "forward", "number": "bad"}, 7],
                "match": b, "nomatch": c, "noanswer": d, "answer": a, "busy": b,
                "open": c, "closed": d, "timeout": a, "pin": "1234",
                "rooms": {"1111": "r"}, "mailboxes": ["m"]
            })
        })
}

fn flow() -> impl Strategy<Value = Value> {
    (1_usize..8).prop_flat_map(|count| {
        prop::collection::vec(module(count), count).prop_map(|modules| {
            let mut flow = serde_json::Map::new();
            flow.insert("s".into(), json!({"module": "start", "next": "k0"}));
            for (index, module) in modules.into_iter().enumerate() {
                flow.insert(format!("k{index}"), module);
            }
            json!({"extension": 501, "name": "random", "flow": flow})
        })
    })
}

fn call() -> impl Strategy<Value = Value> {
    let step = prop_oneof![
        "[0-9*#]{1,6}".prop_map(|keys| json!({"press": keys})),
        Just(json!("silence")),
        Just(json!("hangup")),
        (0_u64..100_000).prop_map(|ms| json!({"hangup": {"afterMs": ms}})),
    ];
    let outcome = prop_oneof![
        Just("answer"),
        Just("busy"),
        Just("unavailable"),
        Just("noanswer")
    ];
    (
        prop::collection::vec(step, 0..6),
        prop::collection::vec(outcome, 1..4),
        prop_oneof![Just("+447700900123"), Just("anonymous")],
        any::<bool>(),
    )
        .prop_map(|(script, rings, caller, internal)| {
            json!({"caller": caller, "internal": internal, "script": script,
                   "rings": {"k1": rings, "u": "busy"},
                   "extensions": {"1001": "sipuser", "1002": "callflow", "1003": "voicemailmenu"}})
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_flows_and_calls_never_panic(flow in flow(), call in call()) {
        let transcript = simulate_json(&flow, &call, None::<&str>).expect("a flow and a call");
        prop_assert!(transcript.steps.len() <= STEP_CAP as usize + 1);
        prop_assert_eq!(transcript.visited.len(), transcript.steps.len());
        let explored = explore_json(&flow, &json!({}), Some(&json!({"maxPaths": 50})))
            .expect("a flow");
        prop_assert!(explored.paths.len() <= 50);
        prop_assert!(explored.coverage.used <= explored.coverage.edges);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = Call::from_json(deep.as_str()).unwrap_err();
    assert_eq!(err.code(), "invalid-call");
    let flow = format!(r#"{{"extension": 1, "name": "x", "flow": {{"s": {deep}}}}}"#);
    assert_eq!(
        simulate_json(flow.as_str(), "{}", None::<&str>)
            .unwrap_err()
            .code(),
        "invalid-flow"
    );
    assert_eq!(
        simulate::Options::from_json(deep.as_str())
            .unwrap_err()
            .code(),
        "invalid-options"
    );
}

#[test]
fn wrong_types_name_the_member() {
    let cases = [
        (
            r#"{"caller": 44}"#,
            "caller: expected a phone number or \"anonymous\", found a number",
        ),
        (
            r#"{"internal": "yes"}"#,
            "internal: expected true or false, found a string",
        ),
        (
            r#"{"script": [{"press": "1x"}]}"#,
            "script[0]: 'x' is not a phone key; keys are 0-9, * and #",
        ),
        (
            r#"{"script": [{"callee": "busy"}]}"#,
            "script: a Yay call has no \"callee\" steps; say what rung phones do in \"rings\"",
        ),
        (
            r#"{"rings": {"sales": []}}"#,
            "rings.sales: expected at least one outcome",
        ),
        (
            r#"{"rings": {"sales": [{"ringMs": -1, "outcome": "busy"}]}}"#,
            "rings.sales[0].ringMs: expected a whole number of milliseconds, found a number",
        ),
        (
            r#"{"extensions": {"10a": "sipuser"}}"#,
            "extensions.10a: an extension number is digits only",
        ),
        (
            r#"{"extensions": {"10": {"uuid": "u"}}}"#,
            "extensions.10.type is missing",
        ),
        (
            r#"{"hours": true}"#,
            "hours: expected \"open\" or \"closed\", found a boolean",
        ),
        (
            r#"{"ring": {}}"#,
            "\"ring\" is not a member of a call (accepted: caller, internal, script, rings, extensions, hours)",
        ),
        ("[]", "the call must be an object, found an array"),
        (
            "{",
            "the call is not JSON: EOF while parsing an object at line 1 column 1",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(
            Call::from_json(text).unwrap_err().to_string(),
            message,
            "{text}"
        );
    }
}

#[test]
fn a_huge_flow_simulates_and_explores_within_the_step_cap() {
    let mut modules = serde_json::Map::new();
    modules.insert("s".into(), json!({"module": "start", "next": "p0"}));
    for index in 0..100_000 {
        modules.insert(
            format!("p{index}"),
            json!({"module": "play", "sound": "x", "next": format!("p{}", index + 1)}),
        );
    }
    let flow = CallFlow::from_json(&json!({"extension": 1, "name": "long", "flow": modules}))
        .expect("a flow");
    let transcript = simulate::simulate(&flow, &Call::new(), &Options::default());
    assert_eq!(transcript.ended.kind(), "stepCap");
    assert_eq!(transcript.steps.len(), 1001);
    let explored = simulate::explore(&flow, &Call::new(), &Options::default());
    assert_eq!(explored.paths.len(), 1);
    assert!(
        explored
            .findings
            .iter()
            .any(|finding| finding.code == "step-cap")
    );
}
