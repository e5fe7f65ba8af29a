//! Explorations and load runs over HTTP, against a backend on loopback.

use callflow_core::voice::emulator::{Emulator, ExploreOptions, Explorer, Options, Script};
use callflow_runner::{HttpBackend, LoadPlan};

use crate::emulate::{MENU, ivr};
use crate::server::{Reply, Server};

fn backend(server: &Server) -> HttpBackend {
    HttpBackend::new(&format!("{}/vca", server.url())).expect("a URL")
}

#[tokio::test]
async fn an_exploration_tries_every_key_over_http() {
    let server = Server::start(ivr);
    let explorer =
        Explorer::outbound(MENU, Options::default(), ExploreOptions::default()).expect("a request");
    let found = backend(&server).explore(explorer).await;
    assert!(found.ok, "{}", found.to_text());
    assert_eq!(
        found.calls, 15,
        "the first call, then 12 keys, silence and hanging up"
    );
    let menu = &found.menus[0];
    assert_eq!(
        menu.id, "menu-1",
        "the request's capture has no clientActionId"
    );
    assert_eq!(menu.outcome("1"), Some("hangup"));
    assert_eq!(menu.outcome("silence"), Some("hangup"));
    assert_eq!(menu.outcome("hangup"), Some("caller-hangup"));
    assert_eq!(
        found.map["menus"][""]["1"]["callflow"][0]["params"]["text"],
        "We are open from nine to five."
    );
}

#[test]
fn a_blocking_exploration_runs_inside_a_runtime_too() {
    let server = Server::always(Reply::json(500, "oops"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let settings = ExploreOptions::from_json(r#"{"maxCalls": 3}"#).expect("options");
    let explorer = Explorer::inbound("+6591234567", "+6568888888", Options::default(), settings);
    let found = runtime.block_on(async { backend(&server).explore_blocking(explorer) });
    assert!(!found.ok);
    assert_eq!(
        found.calls, 1,
        "the first webhook fails, so there is nothing to explore"
    );
    assert_eq!(found.findings[0].code, "http-error");
    assert_eq!(found.start, "error:http-error");
}

#[tokio::test]
async fn a_load_run_counts_calls_webhooks_and_latency() {
    let server = Server::start(ivr);
    let plan = LoadPlan {
        calls: 25,
        concurrency: 5,
        rate: None,
    };
    let call = |_| Emulator::outbound(MENU, Script::new().press("1"), Options::default());
    let mut seen = Vec::new();
    let report = backend(&server)
        .load(plan, call, |done| seen.push(done))
        .await;
    assert_eq!((report.calls, report.completed, report.failed), (25, 25, 0));
    assert_eq!(
        report.webhooks, 50,
        "a call action and the session summary per call"
    );
    assert_eq!(server.seen().len(), 50);
    assert_eq!(seen, (1..=25).collect::<Vec<u32>>());
    assert!(report.findings.is_empty(), "{report:?}");
    let latency = report.latency_ms;
    assert!(0.0 < latency.p50 && latency.p50 <= latency.p99 && latency.p99 <= latency.max);
    assert_eq!(report.slowest.len(), 5);
    assert!(report.to_text().starts_with("25 call(s) in "));
}

#[tokio::test]
async fn failed_calls_are_counted_by_finding() {
    let server = Server::always(Reply::json(503, "busy"));
    let plan = LoadPlan {
        calls: 10,
        concurrency: 3,
        rate: Some(1000.0),
    };
    let call = |_| Emulator::outbound(MENU, Script::new().press("1"), Options::default());
    let report = backend(&server).load(plan, call, |_| {}).await;
    assert_eq!((report.completed, report.failed), (0, 10));
    assert_eq!(report.findings.get("http-error"), Some(&10));
    assert!(report.to_json().contains(r#""failed":10"#));
}
