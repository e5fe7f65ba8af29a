//! Whole calls over HTTP: a scripted IVR, each kind of webhook at its own URL, and a
//! backend that hangs.

use std::time::{Duration, Instant};

use callflow_core::voice::emulator::{Emulator, Options, Script, Transcript};
use callflow_runner::HttpBackend;

use crate::server::{Reply, Request, Server};

/// An outbound call that asks for one key.
pub(crate) const MENU: &str = r#"{"callflow": [
    {"action": "makeCall", "params": {"source": "+6512345678", "destination": "+6587654321"}},
    {"action": "sayAndCapture", "params": {"promptMessage": "Press 1 for opening hours.",
        "voiceProfile": "en-US-BenjaminRUS", "minDigits": 1, "maxDigits": 1}}
]}"#;

/// An IVR: 1 hears the opening hours, anything else hears goodbye; other webhooks get
/// an empty 200.
pub(crate) fn ivr(request: &Request) -> Reply {
    if request.event_type() != "CALL_ACTION" {
        return Reply::json(200, "");
    }
    let text = match request.dtmf().as_deref() {
        Some("1") => "We are open from nine to five.",
        _ => "Goodbye.",
    };
    Reply::json(
        200,
        &format!(
            r#"{{"clientActionId": "hours", "callflow": [
                {{"action": "say", "params": {{"text": "{text}", "voiceProfile": "en-US-BenjaminRUS"}}}},
                {{"action": "hangup"}}]}}"#
        ),
    )
}

/// The menu call with the caller pressing `keys`.
fn menu_call(keys: &str, options: Options) -> Emulator {
    Emulator::outbound(MENU, Script::new().press(keys), options)
}

fn assert_ok(transcript: &Transcript) {
    assert!(transcript.ok(), "{}", transcript.to_text());
}

#[tokio::test]
async fn a_scripted_caller_walks_an_ivr_over_http() {
    let server = Server::start(ivr);
    let backend = HttpBackend::new(&format!("{}/vca", server.url())).expect("a URL");
    let transcript = backend.emulate(menu_call("1", Options::default())).await;
    assert_ok(&transcript);
    assert_eq!(
        transcript.heard,
        [
            "Press 1 for opening hours.",
            "We are open from nine to five."
        ]
    );
    assert_eq!(transcript.session_status, "COMPLETED");
    let answered: Vec<_> = transcript
        .webhooks
        .iter()
        .map(|webhook| (webhook.kind, webhook.http_status))
        .collect();
    assert_eq!(answered, [("VCA", Some(200)), ("VSS", Some(200))]);
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn each_kind_of_webhook_goes_to_its_own_url() {
    let server = Server::start(ivr);
    let backend = HttpBackend::new(&format!("{}/vca", server.url()))
        .and_then(|backend| backend.status_url(&format!("{}/vcs", server.url())))
        .and_then(|backend| backend.summary_url(&format!("{}/vss", server.url())))
        .expect("URLs");
    let mut options = Options::default();
    options.status_webhooks = true;
    let transcript = backend.emulate_blocking(menu_call("2", options));
    assert_ok(&transcript);
    let routes: Vec<(String, String)> = server
        .seen()
        .iter()
        .map(|request| (request.path.clone(), request.event_type()))
        .collect();
    for (path, event) in &routes {
        let expected = match event.as_str() {
            "CALL_ACTION" => "/vca",
            "CALL_STATUS" => "/vcs",
            _ => "/vss",
        };
        assert_eq!(path, expected, "{routes:?}");
    }
    let paths: Vec<&str> = routes.iter().map(|(path, _)| path.as_str()).collect();
    assert!(
        ["/vca", "/vcs", "/vss"]
            .iter()
            .all(|path| paths.contains(path)),
        "{paths:?}"
    );
}

#[test]
fn a_hanging_backend_ends_the_call_with_a_reply_timeout_in_bounded_time() {
    let server = Server::always(Reply::Hang);
    let mut options = Options::default();
    options.webhook_timeout_ms = 200;
    let backend = HttpBackend::new(&format!("{}/vca", server.url()))
        .expect("a URL")
        .timeout(Duration::from_millis(200));
    let started = Instant::now();
    let transcript = backend.emulate_blocking(menu_call("1", options));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(!transcript.ok());
    let codes: Vec<&str> = transcript
        .findings
        .iter()
        .map(|finding| finding.code)
        .collect();
    assert!(codes.contains(&"reply-timeout"), "{}", transcript.to_text());
    assert!(
        transcript
            .webhooks
            .iter()
            .all(|webhook| webhook.http_status.is_none())
    );
}

#[tokio::test]
async fn blocking_inside_a_runtime_runs_on_a_helper_thread() {
    let server = Server::start(ivr);
    let backend = HttpBackend::new(&format!("{}/vca", server.url())).expect("a URL");
    let transcript = backend.emulate_blocking(menu_call("1", Options::default()));
    assert_ok(&transcript);
}
