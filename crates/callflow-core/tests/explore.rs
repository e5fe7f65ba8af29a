//! The explorer against IVR maps: the shared vectors of `tests/fixtures/explore/`, the
//! advanced IVR mapped whole, broken copies found out, budgets reported, and dialects
//! compared.

mod common;
#[path = "common/produced.rs"]
mod produced;

use callflow_core::voice::emulator::{Exploration, ExploreOptions, Explorer, MapBackend, Options};
use serde::Deserialize;
use serde_json::{Value, json};

const ADVANCED: &str = include_str!("../../../tests/fixtures/bench/advanced-ivr-map.json");

/// One exploration of `tests/fixtures/explore/`: an IVR map as the backend, the call,
/// the emulator's options and the explorer's settings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[allow(dead_code)]
    note: Option<String>,
    backend: Value,
    request: Option<Value>,
    inbound: Option<Inbound>,
    options: Option<Value>,
    settings: Option<Value>,
    expected: Option<Value>,
}

#[derive(Deserialize)]
struct Inbound {
    from: String,
    to: String,
}

impl common::Named for Case {
    fn name(&self) -> &str {
        &self.name
    }
}

impl produced::Produced for Case {
    fn expected(&self) -> Option<&Value> {
        self.expected.as_ref()
    }

    fn produce(&self) -> Value {
        let backend = MapBackend::from_json(&self.backend).expect("a valid map");
        let options = self.options.as_ref().map_or_else(Options::default, |o| {
            Options::from_json(o).expect("options")
        });
        let settings = self
            .settings
            .as_ref()
            .map_or_else(ExploreOptions::default, |s| {
                ExploreOptions::from_json(s).expect("settings")
            });
        let explorer = match (&self.request, &self.inbound) {
            (Some(request), None) => {
                Explorer::outbound(request, options, settings).expect("a JSON request")
            }
            (None, Some(Inbound { from, to })) => Explorer::inbound(from, to, options, settings),
            _ => panic!("{}: give request or inbound", self.name),
        };
        let found = explorer.run(|webhook| backend.answer(webhook));
        serde_json::from_str(&found.to_json()).expect("an exploration is JSON")
    }
}

#[test]
fn every_exploration_vector_gives_its_exploration() {
    produced::check_produced::<Case>("explore", 8);
}

fn explore(map: &Value, settings: ExploreOptions) -> Exploration {
    let backend = MapBackend::from_json(map).expect("a valid map");
    Explorer::inbound("+6591234567", "+6568888888", Options::default(), settings)
        .run(|webhook| backend.answer(webhook))
}

fn advanced() -> Value {
    serde_json::from_str(ADVANCED).expect("the fixture is JSON")
}

fn codes(found: &Exploration) -> Vec<(&str, Vec<String>)> {
    found
        .findings
        .iter()
        .map(|finding| (finding.code, finding.path.clone()))
        .collect()
}

#[test]
fn maps_the_advanced_ivr_whole() {
    let found = explore(&advanced(), ExploreOptions::default());
    let text = found.to_text();
    assert!(text.contains("menu book_table (path: 1 > 1)"), "{text}");
    assert!(text.contains("  1 2 -> hangup"), "{text}");
    let ids: Vec<&str> = found.menus.iter().map(|menu| menu.id.as_str()).collect();
    assert!(
        ids.contains(&"main_menu") && ids.contains(&"reservations"),
        "{ids:?}"
    );
    assert!(found.findings.is_empty(), "{}", found.to_text());
    assert_eq!(found.budget_hit, None);
    assert!(found.menus.iter().all(|menu| menu.explored));
    assert_eq!(found.start, "menu:main_menu");
    let main = &found.menus[0];
    assert_eq!(main.outcome("1"), Some("menu:reservations"));
    assert_eq!(main.outcome("hangup"), Some("caller-hangup"));
    assert_eq!(main.inputs.len(), 14);
}

#[test]
fn the_map_written_answers_like_the_backend() {
    let original = explore(&advanced(), ExploreOptions::default());
    let again = explore(&original.map, ExploreOptions::default());
    assert_eq!(again.menus, original.menus);
    assert_eq!(again.map, original.map);
    assert_eq!(
        original.map["menus"]["main_menu"]["*"]["clientActionId"],
        "main_menu"
    );
}

#[test]
fn finds_a_crashing_key_and_a_trap() {
    let mut map = advanced();
    map["menus"]["main_menu"]["3"] = json!({"$status": 500, "$body": "boom"});
    let trap = json!({"clientActionId": "trap", "callflow": [{"action": "sayAndCapture",
        "params": {"promptMessage": "You are stuck.", "voiceProfile": "en-US-JennyNeural"}}]});
    map["menus"]["main_menu"]["4"] = trap.clone();
    map["menus"]["trap"] = json!({"*": trap});
    let found = explore(&map, ExploreOptions::default());
    assert_eq!(
        codes(&found),
        [
            ("unhandled-input", vec!["3".to_owned()]),
            ("caller-trap", vec!["4".to_owned()]),
        ],
        "{}",
        found.to_text()
    );
    assert_eq!(found.findings[0].cause, Some("http-error"));
    assert!(!found.ok);
    let scenarios = found.scenarios();
    assert_eq!(scenarios[0].0, "01-unhandled-input.json");
    assert_eq!(scenarios[0].1["script"], json!([{"press": "3"}, "hangup"]));
}

#[test]
fn a_key_that_hangs_up_in_silence_is_a_dead_end() {
    let mut map = advanced();
    map["menus"]["main_menu"]["5"] = json!({"callflow": [{"action": "hangup"}]});
    let found = explore(&map, ExploreOptions::default());
    assert_eq!(codes(&found), [("dead-end", vec!["5".to_owned()])]);
    assert!(found.ok, "a dead end is a warning");
}

#[test]
fn budgets_are_reported() {
    let calls = ExploreOptions::from_json(r#"{"maxCalls": 5}"#).expect("options");
    let found = explore(&advanced(), calls);
    assert_eq!(found.calls, 5);
    assert_eq!(found.budget_hit, Some("maxCalls"));
    assert!(found.to_text().contains("budget hit: maxCalls"));
    let depth = ExploreOptions::from_json(r#"{"maxDepth": 1}"#).expect("options");
    let found = explore(&advanced(), depth);
    assert_eq!(found.budget_hit, Some("maxDepth"));
    assert!(found.menus.iter().any(|menu| !menu.explored));
    assert!(
        found
            .findings
            .iter()
            .all(|finding| finding.code != "caller-trap"),
        "a menu not tried is never a trap"
    );
}

#[test]
fn a_backend_that_reads_only_the_flat_dtmf_is_dialect_dependent() {
    let start = json!({"clientActionId": "m", "callflow": [{"action": "sayAndCapture",
        "params": {"promptMessage": "Press 1.", "voiceProfile": "en-US-JennyNeural"}}]});
    let bye = json!({"callflow": [{"action": "say", "params": {"text": "Bye.",
        "voiceProfile": "en-US-JennyNeural"}}, {"action": "hangup"}]});
    let flow =
        serde_json::to_string(&json!({"start": start, "menus": {"m": {"1": bye, "*": start}}}))
            .expect("json");
    let map = MapBackend::from_json(flow.as_str()).expect("map");
    let both = ExploreOptions::from_json(r#"{"dialect": "both"}"#).expect("options");
    let found =
        Explorer::inbound("+6591234567", "+6568888888", Options::default(), both).run(|webhook| {
            // Reads digits only from the flat legacy member, as 8x8's old samples did.
            let body: Value = serde_json::from_str(&webhook.body).unwrap_or_default();
            if body["payload"]["eventData"].is_object() && webhook.body.contains("ACTION_COMPLETED")
            {
                return callflow_core::voice::emulator::Response::json(500, "{}");
            }
            map.answer(webhook)
        });
    assert!(
        found
            .findings
            .iter()
            .any(|finding| finding.code == "dialect-dependent"),
        "{}",
        found.to_text()
    );
}

#[test]
fn hostile_options_are_refused() {
    assert!(ExploreOptions::from_json(r#"{"maxCalls": 0}"#).is_err());
    assert!(ExploreOptions::from_json(r#"{"maxCals": 3}"#).is_err());
    assert!(ExploreOptions::from_json("[").is_err());
    let err = Explorer::outbound("{", Options::default(), ExploreOptions::default()).unwrap_err();
    assert_eq!(err.code(), "invalid-request");
}
