//! Yay.com call simulation: every shared vector in `tests/fixtures/pbx-simulation/` (a
//! call flow, a call or an exploration's template, options, the expected transcript or
//! exploration), facts of the virtual clock checked by hand, and that each finding's call
//! reproduces what the explorer found.
//!
//! `CALLFLOW_BLESS=1 cargo test -p callflow-core --test pbx_simulation` rewrites each
//! vector's `expected` from the current engine; review the diff before committing it.

mod common;
#[path = "common/produced.rs"]
mod produced;

use std::fs;
use std::path::Path;

use callflow_core::pbx::CallFlow;
use callflow_core::pbx::simulate::{
    self, Call, Ended, Extension, ExtensionKind, Options, Outcome, explore_json, simulate_json,
};
use serde::Deserialize;
use serde_json::Value;

const MIN_CASES: usize = 40;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[allow(dead_code)]
    note: Option<String>,
    flow: Value,
    call: Value,
    options: Option<Value>,
    #[serde(default)]
    explore: bool,
    expected: Option<Value>,
}

impl common::Named for Case {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Case {
    /// The transcript (or exploration) the engine gives, as JSON.
    fn run(&self) -> Value {
        let text = if self.explore {
            explore_json(&self.flow, &self.call, self.options.as_ref()).map(|x| x.to_json())
        } else {
            simulate_json(&self.flow, &self.call, self.options.as_ref()).map(|t| t.to_json())
        };
        let text = text.unwrap_or_else(|err| panic!("{}: {err}", self.name));
        serde_json::from_str(&text).expect("a transcript is JSON")
    }
}

impl produced::Produced for Case {
    fn expected(&self) -> Option<&Value> {
        self.expected.as_ref()
    }

    fn produce(&self) -> Value {
        self.run()
    }
}

#[test]
fn every_simulation_vector_gives_its_transcript() {
    produced::check_produced::<Case>("pbx-simulation", MIN_CASES);
}

fn example(name: &str) -> CallFlow {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/pbx")
        .join(name);
    CallFlow::from_json(fs::read_to_string(path).expect("the example").as_str())
        .expect("a call flow")
}

const PETE: &str = "92b0aca6-12aa-480c-a7b7-a31df403418c";

#[test]
fn call_pete_adds_up_by_hand() {
    let flow = example("call-pete.json");
    // Silence: the menu waits its default 10 s, then Pete rings and answers after 5 s.
    let silent = simulate::simulate(&flow, &Call::new(), &Options::default());
    assert_eq!(silent.duration_ms, 15_000, "{}", silent.to_text());
    assert_eq!(silent.wait_ms, 15_000);
    assert_eq!(
        silent.ended,
        Ended::Answered {
            module: "fdc20592-2757-4a9a-a1d3-3c4e7b6a39d6".to_owned(),
            by: format!("sipuser {PETE}"),
        }
    );
    // Press 1 (0.5 s), Pete does not answer for the default 60 s: no noanswer edge.
    let call = Call::new().press("1").ring(PETE, Outcome::NoAnswer);
    let missed = simulate::simulate(&flow, &call, &Options::default());
    assert_eq!(missed.duration_ms, 60_500);
    assert_eq!(missed.ended.kind(), "dropped");
    let finding = &missed.findings[0];
    assert_eq!(finding.code, "call-drops");
    assert!(
        finding.message.contains(
            "missing-outcome at $.flow[\"fdc20592-2757-4a9a-a1d3-3c4e7b6a39d6\"].noanswer"
        ),
        "{}",
        finding.message
    );
}

#[test]
fn call_pete_explores_every_class_of_input() {
    let flow = example("call-pete.json");
    let explored = simulate::explore(&flow, &Call::new(), &Options::default());
    assert!(!explored.budget_hit);
    // Key 1 reaches Pete, whose four outcomes are tried once: key 2, invalid and timeout
    // reach him again and stop there.
    let ends: Vec<&str> = explored
        .paths
        .iter()
        .map(|path| path.ended.kind())
        .collect();
    assert_eq!(
        ends,
        [
            "answered", "repeat", "repeat", "repeat", "dropped", "dropped", "dropped"
        ],
        "{}",
        explored.to_text()
    );
    assert_eq!((explored.coverage.used, explored.coverage.edges), (5, 5));
    let codes: Vec<&str> = explored.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["call-drops"]);
    assert_eq!(
        explored.findings[0]
            .see
            .as_ref()
            .map(|see| see.code.as_str()),
        Some("missing-outcome")
    );
}

#[test]
fn each_finding_call_reproduces_its_finding() {
    let flows = [
        r#"{"extension": 501, "name": "x", "flow": {"s": {"module": "start", "next": "m"},
            "m": {"module": "pressextension", "sound": "s", "next": {"1": "e", "2": "loop", "invalid": "m", "timeout": "m"}},
            "loop": {"module": "play", "sound": "x", "next": "again"},
            "again": {"module": "recording", "next": "loop"},
            "e": {"module": "extension", "extensions": [{"type": "sipuser", "uuid": "u"}], "duration": 200, "busy": "gone"}}}"#,
        r#"{"extension": 501, "name": "y", "flow": {"s": {"module": "start", "next": "c"},
            "c": {"module": "calleridmatch", "patterns": ["^44"], "match": "d", "nomatch": "v"},
            "d": {"module": "dialbyextension", "next": {"invalid": "d", "timeout": "v"}},
            "v": {"module": "voicemail", "mailboxes": ["m"]}}}"#,
    ];
    for text in flows {
        let flow = CallFlow::from_json(text).expect("a call flow");
        let options = Options::default();
        let explored = simulate::explore(&flow, &Call::new(), &options);
        assert!(!explored.findings.is_empty(), "{}", explored.to_text());
        for finding in &explored.findings {
            let Some(call) = &finding.call else {
                assert_eq!(finding.code, "unreachable-outcome");
                continue;
            };
            let call = Call::from_json(call).expect("the finding's call");
            let transcript = simulate::simulate(&flow, &call, &options);
            assert!(
                transcript
                    .findings
                    .iter()
                    .any(|found| found.code == finding.code),
                "{}: {} does not reproduce:\n{}",
                finding.code,
                call.to_json(),
                transcript.to_text()
            );
        }
        for path in &explored.paths {
            let call = Call::from_json(&path.call).expect("the path's call");
            let transcript = simulate::simulate(&flow, &call, &options);
            if path.ended.kind() != "repeat" {
                assert_eq!(transcript.ended, path.ended, "{}", call.to_json());
                assert_eq!(transcript.visited, path.visited);
            }
        }
    }
}

#[test]
fn a_directory_of_extensions_is_dialled() {
    let flow = CallFlow::from_json(
        r#"{"extension": 501, "name": "d", "flow": {"s": {"module": "start", "next": "d"},
        "d": {"module": "dialbyextension", "next": {"invalid": "v", "timeout": "v"}, "answer": "v", "noanswer": "v"},
        "v": {"module": "voicemail", "mailboxes": ["m"]}}}"#,
    )
    .expect("a call flow");
    let template = Call::new().extension("2001", Extension::new(ExtensionKind::HuntGroup, "g"));
    let explored = simulate::explore(&flow, &template, &Options::default());
    let inputs: Vec<String> = explored.paths.iter().map(|p| p.inputs.join(" ")).collect();
    assert!(
        inputs.iter().any(|i| i == "d:dial 2001 d:answer"),
        "{inputs:?}"
    );
    assert!(
        inputs.iter().any(|i| i.starts_with("d:dial 501")),
        "{inputs:?}"
    );
    // busy and unavailable fall back to noanswer: every edge is used.
    assert!(
        explored.coverage.unused.is_empty(),
        "{}",
        explored.to_text()
    );
}

#[test]
fn diagrams_show_unused_edges_dashed_and_a_call_highlighted() {
    use callflow_core::diagram::{Diagram, Format};
    let text = r#"{"extension": 501, "name": "m", "flow": {"s": {"module": "start", "next": "m"},
        "m": {"module": "pressextension", "next": {"1": "v", "9": "v", "invalid": "v", "timeout": "b"}},
        "c": {"module": "busy"}, "v": {"module": "voicemail", "mailboxes": ["x"]}, "b": {"module": "busy"}}}"#;
    let flow = CallFlow::from_json(text).expect("a call flow");
    let call = simulate::simulate(&flow, &Call::new().press("9"), &Options::default());
    let highlighted = Diagram::pbx_highlight(text, &call.to_json()).expect("a diagram");
    let mermaid = highlighted.render(Format::Mermaid);
    assert!(mermaid.contains("n0 ==> n1"), "{mermaid}");
    assert!(mermaid.contains(r#"n1 ==>|"9"| n3"#), "{mermaid}");
    assert!(mermaid.contains(r#"n1 -->|"1, invalid"| n3"#), "{mermaid}");
    assert!(
        highlighted
            .render(Format::Dot)
            .contains(r##"n1 -> n3 [label="9", color="#2563eb", penwidth=3];"##)
    );
    assert!(
        highlighted
            .render(Format::Svg)
            .contains("stroke=\"#2563eb\" stroke-width=\"3\"")
    );
    // Only the internal class of caller: nothing is unused here, so explore a flow with a
    // match edge no internal call takes.
    let matching = r#"{"extension": 501, "name": "m", "flow": {"s": {"module": "start", "next": "c"},
        "c": {"module": "calleridmatch", "patterns": ["^44"], "match": "b", "nomatch": "v"},
        "v": {"module": "voicemail", "mailboxes": ["x"]}, "b": {"module": "busy"}}}"#;
    let flow = CallFlow::from_json(matching).expect("a call flow");
    let explored = simulate::explore(&flow, &Call::new().internal(true), &Options::default());
    let covered = Diagram::pbx_coverage(matching, &explored).expect("a diagram");
    assert!(
        covered
            .render(Format::Dot)
            .contains(r#"n1 -> n3 [label="match", style=dashed];"#)
    );
    assert!(
        covered
            .render(Format::Svg)
            .contains("stroke=\"#9ca3af\" stroke-width=\"1.5\" stroke-dasharray")
    );
    assert!(Diagram::pbx_highlight(matching, "[]").is_err());
    assert!(Diagram::pbx_highlight("[]", r#"{"steps": []}"#).is_err());
}
