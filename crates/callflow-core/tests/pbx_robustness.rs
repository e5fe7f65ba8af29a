//! Hostile and huge call flows: the checks answer with a report, never panic or
//! overflow the stack, and stay linear in the size of the flow.

#[path = "common/json_tree.rs"]
mod json_tree;

use std::fmt::Write;

use callflow_core::Report;
use callflow_core::pbx::{CallFlow, Module, ModuleKind, PbxCode, check};
use proptest::prelude::*;
use serde_json::{Value, json};

fn codes(report: &Report) -> Vec<String> {
    report
        .issues()
        .iter()
        .map(|issue| issue.code.to_string())
        .collect()
}

/// A flow of `count` modules: `start`, then `play` modules each leading to the next,
/// the last one leading to `last`.
fn chain(count: usize, last: &str) -> String {
    let mut flow = String::from(
        r#"{"extension": 501, "name": "Long", "flow": {"s": {"module": "start", "next": "m0"}"#,
    );
    for index in 0..count {
        let next = if index + 1 == count {
            last.to_owned()
        } else {
            format!("m{}", index + 1)
        };
        write!(
            flow,
            r#", "m{index}": {{"module": "play", "sound": "x", "next": "{next}"}}"#
        )
        .expect("in memory");
    }
    flow.push_str(r#", "end": {"module": "voicemail", "mailboxes": ["mb"]}}}"#);
    flow
}

#[test]
fn a_chain_of_100_000_modules_is_valid() {
    let report = check(chain(100_000, "end").as_str());
    assert!(report.issues().is_empty(), "{report}");
}

#[test]
fn a_loop_of_100_000_modules_is_one_warning() {
    let report = check(chain(100_000, "m0").as_str());
    assert_eq!(codes(&report), ["unreachable-module", "busy-loop"]);
    assert_eq!(report.issues()[0].path, "$.flow.end");
    assert!(
        report.issues()[1]
            .message
            .contains(r#"("m0", "m1", "m2", "m3", "m4" and 99995 more)"#),
        "{report}"
    );
}

#[test]
fn a_100_000_module_menu_loop_traps_the_caller() {
    let mut flow = chain(100_000, "menu");
    flow.truncate(flow.len() - 2);
    flow.push_str(r#", "menu": {"module": "pressextension", "next": {"1": "end", "invalid": "m0", "timeout": "m0"}}}}"#);
    let report = check(flow.as_str());
    assert_eq!(codes(&report), ["menu-traps-caller"]);
}

#[test]
fn reports_list_1000_warnings_and_count_the_rest() {
    let mut flow = String::from(
        r#"{"extension": 501, "name": "Wide", "flow": {"s": {"module": "start", "next": "end"}, "end": {"module": "busy"}"#,
    );
    for index in 0..5_000 {
        write!(flow, r#", "u{index}": {{"module": "busy"}}"#).expect("in memory");
    }
    flow.push_str("}}");
    let report = check(flow.as_str());
    assert_eq!(report.issues().len(), 1000);
    assert_eq!(report.omitted(), 4000);
    assert!(report.is_valid());
}

#[test]
fn errors_are_capped_too_and_the_first_one_kept() {
    let mut flow = String::from(
        r#"{"extension": 501, "name": "Bad", "flow": {"s": {"module": "start", "next": "nowhere"}"#,
    );
    for index in 0..3_000 {
        write!(flow, r#", "p{index}": {{"module": "play"}}"#).expect("in memory");
    }
    flow.push_str("}}");
    let report = check(flow.as_str());
    assert_eq!(report.errors().count(), 1000);
    assert_eq!(report.status(), Some(PbxCode::DanglingReference.into()));
    assert!(report.omitted() > 3_000);
}

#[test]
fn deep_and_broken_input_is_invalid_structure() {
    for input in [
        "[".repeat(100_000),
        format!(r#"{{"flow": {{"s": {}}}}}"#, "{\"a\":".repeat(50_000)),
        String::new(),
    ] {
        let report = check(input.as_str());
        assert_eq!(codes(&report), ["invalid-structure"], "{report}");
    }
    let bytes: &[u8] = b"{\"name\": \"\xff\"}";
    assert_eq!(codes(&check(bytes)), ["invalid-structure"]);
    let mut deep = Value::Null;
    for _ in 0..200 {
        deep = json!({ "flow": deep });
    }
    let report = check(&deep);
    assert!(
        report.issues()[0]
            .message
            .ends_with("nested deeper than 128 levels"),
        "{report}"
    );
}

#[test]
fn huge_keys_and_values_are_reported_not_copied_around() {
    let key = "k".repeat(1_000_000);
    let doc =
        json!({"extension": 501, "name": "x", "flow": {"s": {"module": "start", "next": key}}});
    let report = check(doc.to_string().as_str());
    assert_eq!(codes(&report), ["dangling-reference"]);
    let pattern = "(".repeat(100_000);
    let doc = json!({"extension": 501, "name": "x", "flow": {
        "s": {"module": "start", "next": "c"},
        "c": {"module": "calleridmatch", "patterns": [pattern, "a{1000}{1000}{1000}"], "match": "c", "nomatch": "c"}}});
    let report = check(&doc);
    assert_eq!(
        codes(&report),
        ["invalid-pattern", "invalid-pattern", "busy-loop"],
        "{report}"
    );
}

#[test]
fn the_model_keeps_unknown_members_and_name_case() {
    let text = r#"{"name":"Q","flow":{"s":{"next":"q","module":"START"},"q":{"module":"callqueue","groups":["g"],"answer":"s"}},"extension":7,"x-extra":[1,{"b":2,"a":1}]}"#;
    let flow = CallFlow::from_json(text).expect("a call flow");
    assert_eq!(flow.to_json(), text);
    assert_eq!(flow.flow().get("s").map(Module::name), Some("START"));
    assert_eq!(
        (flow.extension(), flow.name(), flow.uuid()),
        (Some(7), Some("Q"), None)
    );
}

#[test]
fn what_the_model_cannot_hold_is_an_error_with_the_report() {
    for text in [
        "[]",
        r#"{"flow": 1}"#,
        r#"{"flow": {"a": {"next": "b"}}}"#,
        r#"{"flow": {"a": 5}}"#,
    ] {
        let err = CallFlow::from_json(text).expect_err(text);
        assert!(!err.report().is_valid(), "{text}");
    }
}

fn module_names() -> impl Strategy<Value = &'static str> {
    let mut names: Vec<&'static str> = ModuleKind::ALL.iter().map(|kind| kind.as_str()).collect();
    names.extend(["callqueue", "sleep", "x"]);
    prop::sample::select(names)
}

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "d", "e", "sipuser_voicemail"]).prop_map(str::to_owned)
}

fn any_json() -> impl Strategy<Value = Value> {
    json_tree::nested(prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z0-9*#+ ]{0,8}".prop_map(Value::from),
    ])
}

/// Flows of random modules whose edges and fields hold random keys and values.
fn flow() -> impl Strategy<Value = Value> {
    let module = (
        module_names(),
        prop::option::of(key()),
        prop::collection::btree_map(
            prop::sample::select(vec!["1", "10", "invalid", "timeout", "noanswer"]),
            key(),
            0..4,
        ),
        prop::collection::btree_map(
            prop::sample::select(vec![
                "match",
                "nomatch",
                "noanswer",
                "sound",
                "pin",
                "duration",
                "patterns",
                "mailboxes",
                "extensions",
                "class",
                "uuid",
            ]),
            prop_oneof![key().prop_map(Value::from), any_json()],
            0..4,
        ),
    )
        .prop_map(|(name, next, branches, fields)| {
            let mut module = serde_json::Map::new();
            module.insert("module".into(), name.into());
            match (next, branches.is_empty()) {
                (Some(next), true) => {
                    module.insert("next".into(), next.into());
                }
                (_, false) => {
                    module.insert("next".into(), json!(branches));
                }
                (None, true) => {}
            }
            for (field, value) in fields {
                module.insert(field.into(), value);
            }
            Value::Object(module)
        });
    prop::collection::btree_map(key(), module, 0..6)
        .prop_map(|modules| json!({"extension": 1, "name": "n", "flow": modules}))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_a_report(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let report = check(bytes.as_slice());
        prop_assert!(report.issues().iter().all(|issue| issue.code.as_name().is_some()));
    }

    #[test]
    fn random_flows_give_the_same_report_from_text_and_value(doc in flow()) {
        let from_text = check(doc.to_string().as_str());
        let from_value = check(&doc);
        prop_assert_eq!(codes(&from_text), codes(&from_value));
        for issue in from_text.issues() {
            prop_assert!(issue.message.contains(&format!(". {}: ", issue.path)), "{}", issue.message);
            prop_assert_eq!(issue.severity, issue.code.as_name().and_then(|n| n.parse::<PbxCode>().ok()).map(PbxCode::severity).expect("a PBX code"));
        }
        if let Ok(model) = CallFlow::from_json(&doc) {
            prop_assert_eq!(codes(&model.check()), codes(&from_value));
        }
    }

    #[test]
    fn random_values_anywhere_give_a_report(doc in any_json()) {
        let report = check(&json!({"extension": 1, "name": "n", "flow": {"s": {"module": "start", "next": "a"}, "a": doc}}));
        prop_assert!(report.issues().iter().all(|issue| issue.path.starts_with("$.flow")), "{}", report);
    }
}

#[test]
fn a_100_000_module_flow_draws_in_every_format() {
    use callflow_core::diagram::{Diagram, Format};
    for last in ["end", "m0"] {
        let diagram = Diagram::from_json(chain(100_000, last).as_str()).expect("a call flow");
        assert_eq!(diagram.nodes.len(), 100_002);
        for format in [Format::Mermaid, Format::Dot, Format::Svg] {
            assert!(diagram.render(format).len() > 100_000);
        }
    }
}

#[test]
fn hostile_documents_draw_or_say_why_not() {
    use callflow_core::diagram::Diagram;
    let odd = json!({"flow": {"a": 5, "b": {"module": ["x"]}, "c": {"module": "play", "next": {"x": 1}},
        "d": {"module": "pressextension", "next": "a"}, "\"<&>": {"module": "start", "next": "\"<&>"}}});
    let diagram = Diagram::from_json(&odd).expect("drawn");
    assert_eq!(diagram.nodes.len(), 5);
    let voice = json!({"callflow": [5, {"action": 7}, {"action": "teleport"}], "menus": {"": 5, "x": {"1": 2}}});
    assert!(Diagram::from_json(&voice).is_ok());
    for bad in ["[]", "{}", "{", r#"{"flow": 1, "callflow": {}}"#] {
        assert!(Diagram::from_json(bad).is_err(), "{bad}");
    }
}
