//! One delivery: the request as the backend sees it, and what each kind of answer, or
//! of failure, becomes.

use std::time::{Duration, Instant};

use callflow_core::voice::emulator::{Emulator, Failure, Options, Response, Script, Webhook};
use callflow_runner::{HttpBackend, RunnerError};

use crate::server::{Reply, Server, refusing_url};

/// The timeout of these tests.
const TIMEOUT: Duration = Duration::from_millis(200);

/// How long past the timeout a delivery may take: setting up and tearing down a
/// connection on a loaded machine, never a wait for the backend.
const SLACK: Duration = Duration::from_secs(2);

/// The first webhook of an inbound call: a call action announcing the call.
fn call_received() -> Webhook {
    Emulator::inbound(
        "+6591234567",
        "+6568888888",
        Script::new(),
        Options::default(),
    )
    .next_webhook()
    .expect("an inbound call starts with a webhook")
}

/// A backend posting to `url`'s `/vca` with the test timeout.
fn backend(url: &str) -> HttpBackend {
    HttpBackend::new(&format!("{url}/vca"))
        .expect("a loopback URL")
        .timeout(TIMEOUT)
}

/// Delivers the first webhook of an inbound call to `backend`, asserting that it took
/// no longer than the timeout allows.
async fn deliver(backend: &HttpBackend) -> Response {
    let started = Instant::now();
    let response = backend.deliver(&call_received()).await;
    let took = started.elapsed();
    assert!(took < TIMEOUT + SLACK, "the delivery took {took:?}");
    response
}

/// The failure and its detail, or a panic naming what came instead.
fn failed(response: Response) -> (Failure, String, f64) {
    match response {
        Response::Failed {
            failure,
            detail,
            latency_ms,
        } => (failure, detail, latency_ms),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_webhook_is_posted_as_json_with_the_secret() {
    let server = Server::always(Reply::json(200, r#"{"callflow": [{"action": "hangup"}]}"#));
    let backend = backend(server.url())
        .secret("Bearer 5ecret")
        .expect("a secret");
    let response = deliver(&backend).await;
    let Response::Answered {
        status,
        body,
        latency_ms,
    } = response
    else {
        panic!("not answered: {response:?}");
    };
    assert_eq!(status, 200);
    assert_eq!(body, br#"{"callflow": [{"action": "hangup"}]}"#);
    assert!(latency_ms > 0.0 && latency_ms < 1000.0 * (TIMEOUT + SLACK).as_secs_f64());
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/vca")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("authorization"), Some("Bearer 5ecret"));
    assert_eq!(request.json()["eventType"], "CALL_ACTION");
    assert_eq!(request.body, call_received().body);
}

#[tokio::test]
async fn no_secret_sends_no_authorization() {
    let server = Server::always(Reply::json(200, "{}"));
    deliver(&backend(server.url())).await;
    assert_eq!(server.seen()[0].header("authorization"), None);
}

#[tokio::test]
async fn an_error_status_with_garbage_is_an_answer_for_the_emulator_to_judge() {
    let server = Server::always(Reply::json(500, "<html>Internal Server Error</html>"));
    let response = deliver(&backend(server.url())).await;
    assert!(
        matches!(&response, Response::Answered { status: 500, body, .. } if body.starts_with(b"<html>")),
        "{response:?}"
    );
}

#[tokio::test]
async fn a_hanging_backend_is_abandoned_at_the_timeout() {
    let server = Server::always(Reply::Hang);
    let (failure, detail, latency_ms) = failed(deliver(&backend(server.url())).await);
    assert_eq!(failure, Failure::Timeout);
    assert!(detail.contains("no answer within 200 ms"), "{detail}");
    assert!(latency_ms >= 200.0, "{latency_ms}");
}

#[tokio::test]
async fn ten_megabytes_are_too_large_and_reading_stops_at_the_limit() {
    let server = Server::always(Reply::Huge(10 * 1024 * 1024));
    let backend = backend(server.url()).timeout(Duration::from_secs(5));
    let started = Instant::now();
    let (failure, detail, _) = failed(backend.deliver(&call_received()).await);
    assert_eq!(failure, Failure::TooLarge);
    assert!(detail.contains("more than 1048576 bytes"), "{detail}");
    assert!(started.elapsed() < SLACK, "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_body_announced_too_large_is_not_read() {
    let server = Server::always(Reply::json(200, &" ".repeat(2048)));
    let (failure, _, _) = failed(deliver(&backend(server.url()).max_body(1024)).await);
    assert_eq!(failure, Failure::TooLarge);
}

#[tokio::test]
async fn a_redirect_is_reported_and_not_followed() {
    let server = Server::always(Reply::Redirect("https://elsewhere.example/vca".to_owned()));
    let (failure, detail, _) = failed(deliver(&backend(server.url())).await);
    assert_eq!(failure, Failure::Redirect);
    assert!(
        detail.contains("HTTP 302") && detail.contains("https://elsewhere.example/vca"),
        "{detail}"
    );
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_an_answer_that_is_not_http_and_a_refusal_are_connection_failures() {
    for reply in [Reply::Drop, Reply::NotHttp] {
        let server = Server::always(reply.clone());
        let (failure, detail, _) = failed(deliver(&backend(server.url())).await);
        assert_eq!(failure, Failure::Connection, "{reply:?}: {detail}");
        assert!(detail.contains(server.url()), "{detail}");
    }
    let backend = HttpBackend::new(&refusing_url())
        .expect("a URL")
        .timeout(TIMEOUT);
    let (failure, detail, _) = failed(deliver(&backend).await);
    assert_eq!(failure, Failure::Connection);
    assert!(detail.starts_with("cannot connect to"), "{detail}");
}

#[test]
fn only_http_urls_are_accepted() {
    for url in ["ftp://127.0.0.1/vca", "127.0.0.1:8080", ""] {
        assert!(
            matches!(HttpBackend::new(url), Err(RunnerError::InvalidUrl { .. })),
            "{url}"
        );
    }
    let backend = HttpBackend::new("http://127.0.0.1/vca").expect("a URL");
    assert!(matches!(
        backend.status_url("file:///vcs"),
        Err(RunnerError::InvalidUrl { .. })
    ));
}
