//! The 8x8 Voice client.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::server::{Reply, Server, free_port};
use callflow_client::{Error, NewWebhook, Settings, VoiceClient, Wait, WebhookType};
use callflow_core::voice::{Callflow, Say, StatusCode};

const KEY: &str = "sk-test-5ecret";

const CREATED: &str = r#"{"sessionId": "03cc8cac-376b-11ef-a28b-0582ff0039d5", "sessionStatus": "CREATED",
    "callFlowRequestId": "03cc3e8b-376b-11ef-a28b-4dd5d900ecb3", "validUntil": "2024-07-01T05:50:23.550Z",
    "statusCode": 1, "statusMessage": "Created"}"#;

/// A client of `server` with quick backoff, short timeouts and `retries` retries.
fn client(server: &str, retries: u32) -> VoiceClient {
    VoiceClient::builder(KEY, "8x8_Testing")
        .base_url(server)
        .timeout(Duration::from_millis(500))
        .backoff(Duration::from_millis(10), Duration::from_millis(40))
        .max_retries(retries)
        .build()
        .expect("a valid client")
}

fn voice_message() -> Callflow {
    Callflow::builder()
        .make_call("+6512341234", "+6512345678")
        .say(Say::new("Your code is 1 2 3 4.", "en-US-Jenny"))
        .hangup()
        .build()
        .expect("a valid flow")
}

fn api_error(result: Result<impl std::fmt::Debug, Error>) -> callflow_client::ApiError {
    match result {
        Err(Error::Api(err)) => err,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn sends_a_callflow_and_reads_the_session() {
    let server = Server::start(vec![Reply::json(200, CREATED)]).await;
    let flow = voice_message();
    let session = client(server.url(), 2)
        .send_callflow(&flow)
        .await
        .expect("sent");
    assert_eq!(session.session_id, "03cc8cac-376b-11ef-a28b-0582ff0039d5");
    assert_eq!(session.session_status, "CREATED");
    assert_eq!(
        session.call_flow_request_id,
        "03cc3e8b-376b-11ef-a28b-4dd5d900ecb3"
    );
    assert_eq!(session.status(), Some(StatusCode::Created));
    assert_eq!(session.status_message, "Created");
    assert_eq!(
        session.valid_until.as_deref(),
        Some("2024-07-01T05:50:23.550Z")
    );

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, "/api/v1/subaccounts/8x8_Testing/callflows");
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer sk-test-5ecret")
    );
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert!(
        seen[0]
            .header("user-agent")
            .is_some_and(|agent| agent.starts_with("callflow/"))
    );
    assert_eq!(seen[0].body, flow.to_json());
}

#[tokio::test]
async fn an_invalid_callflow_is_reported_locally_and_never_sent() {
    let server = Server::start(vec![Reply::json(200, CREATED)]).await;
    let flow = Callflow::from_json(r#"{"callflow": [{"action": "hangup"}]}"#)
        .expect_err("a request must start with makeCall");
    assert_eq!(flow.report().status_code(), Some(-1013));
    let mut flow = voice_message();
    flow.actions.remove(0);
    match client(server.url(), 2).send_callflow(&flow).await {
        Err(Error::Validation(err)) => assert_eq!(err.report().status_code(), Some(-1013)),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(server.seen().is_empty(), "the server saw a request");
}

#[tokio::test]
async fn reads_the_callflow_error_body() {
    let body = r#"{"sessionStatus": "NOT_CREATED", "callFlowRequestId": "b0e8e9d0-1",
        "statusCode": -1013, "statusMessage": "Invalid Callflow : First action should be a MakeCall action"}"#;
    let server = Server::start(vec![Reply::json(422, body)]).await;
    let err = api_error(
        client(server.url(), 2)
            .send_callflow(&voice_message())
            .await,
    );
    assert_eq!(err.status, 422);
    assert_eq!(err.status_code, Some(-1013));
    assert_eq!(err.voice_status(), Some(StatusCode::FirstActionNotMakeCall));
    assert_eq!(
        err.status_message,
        "Invalid Callflow : First action should be a MakeCall action"
    );
    assert_eq!(err.request_id.as_deref(), Some("b0e8e9d0-1"));
    assert_eq!(server.seen().len(), 1, "a 4xx is never retried");
}

#[tokio::test]
async fn reads_the_generic_error_body() {
    let body = r#"{"code": 401, "message": "Authentication header not found or token invalid",
        "errorId": "5d1ae7f2", "timestamp": "2024-07-01T05:50:23.550Z"}"#;
    let server = Server::start(vec![Reply::json(401, body)]).await;
    let err = api_error(client(server.url(), 2).speech_profiles().await);
    assert_eq!((err.status, err.status_code), (401, Some(401)));
    assert_eq!(err.voice_status(), None);
    assert_eq!(
        err.status_message,
        "Authentication header not found or token invalid"
    );
    assert_eq!(err.request_id.as_deref(), Some("5d1ae7f2"));
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn reads_a_proxy_page_that_is_not_json() {
    let page = "<html><head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>";
    let server = Server::start(vec![Reply::json(502, page)]).await;
    let err = api_error(client(server.url(), 2).numbers().await);
    assert_eq!((err.status, err.status_code), (502, None));
    assert_eq!(
        err.status_message,
        "<html><head><title>502 Bad Gateway</title></head> <body>nginx</body></html>"
    );
    assert_eq!(server.seen().len(), 3, "a GET is tried three times in all");
}

#[tokio::test]
async fn retries_gets_on_502_503_and_504() {
    let profiles = r#"{"speechProfiles": [{"speechProfileCode": "en-US-Standard-A", "localeCode": "en-US",
        "localeDescription": "EnglishUS", "gender": "F"}], "statusCode": 0, "statusMessage": "ok"}"#;
    let server = Server::start(vec![
        Reply::json(502, ""),
        Reply::json(503, ""),
        Reply::json(504, ""),
        Reply::json(200, profiles),
    ])
    .await;
    let list = client(server.url(), 3)
        .speech_profiles()
        .await
        .expect("retried");
    assert_eq!(list[0].speech_profile_code, "en-US-Standard-A");
    assert_eq!(list[0].locale_code, "en-US");
    let seen = server.seen();
    assert_eq!(seen.len(), 4);
    assert!(
        seen.iter()
            .all(|request| request.path.ends_with("/speech-profiles"))
    );
}

#[tokio::test]
async fn a_callflow_is_not_sent_again_after_a_5xx() {
    let server = Server::start(vec![Reply::json(503, ""), Reply::json(200, CREATED)]).await;
    let err = api_error(
        client(server.url(), 3)
            .send_callflow(&voice_message())
            .await,
    );
    assert_eq!(
        (err.status, err.status_message.as_str()),
        (503, "Service Unavailable")
    );
    assert_eq!(
        server.seen().len(),
        1,
        "a second POST could place a second call"
    );
}

#[tokio::test]
async fn a_callflow_is_sent_again_after_a_5xx_when_the_user_opts_in() {
    let server = Server::start(vec![Reply::json(503, ""), Reply::json(200, CREATED)]).await;
    let client = VoiceClient::builder(KEY, "8x8_Testing")
        .base_url(server.url())
        .backoff(Duration::from_millis(10), Duration::from_millis(10))
        .retry_non_idempotent(true)
        .build()
        .expect("a valid client");
    let session = client
        .send_callflow(&voice_message())
        .await
        .expect("retried");
    assert_eq!(session.status_code, 1);
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn honours_retry_after_on_429_even_for_a_callflow() {
    let server = Server::start(vec![Reply::too_many(7), Reply::json(200, CREATED)]).await;
    // A virtual clock: each wait is recorded and returns at once.
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&waits);
    let client = VoiceClient::builder(KEY, "8x8_Testing")
        .base_url(server.url())
        .sleep(move |wait: Duration| -> Wait {
            recorded.lock().expect("not poisoned").push(wait);
            Box::pin(async {})
        })
        .build()
        .expect("a valid client");
    let session = client
        .send_callflow(&voice_message())
        .await
        .expect("sent after waiting");
    assert_eq!(session.status_code, 1);
    assert_eq!(
        server.seen().len(),
        2,
        "a 429 means the server did not act: safe to resend"
    );
    assert_eq!(
        *waits.lock().expect("not poisoned"),
        [Duration::from_secs(7)],
        "Retry-After honoured"
    );
}

#[tokio::test]
async fn errors_have_the_stable_codes_of_every_language() {
    let server = Server::start(vec![Reply::too_many(3600)]).await;
    let err = client(server.url(), 0).webhooks().await.err();
    assert_eq!(err.as_ref().map(Error::code), Some("api-error"));
    let err = client(server.url(), 0)
        .send_callflow(&Callflow::builder().build_unchecked())
        .await
        .err();
    assert_eq!(err.as_ref().map(Error::code), Some("invalid-document"));
}

#[test]
fn a_zero_timeout_is_refused() {
    for builder in [
        VoiceClient::builder(KEY, "8x8_Testing").timeout(Duration::ZERO),
        VoiceClient::builder(KEY, "8x8_Testing").connect_timeout(Duration::ZERO),
    ] {
        match builder.build() {
            Err(err @ Error::Config(_)) => {
                assert!(err.to_string().ends_with("must be more than zero"), "{err}");
                assert_eq!(err.code(), "invalid-config");
            }
            other => panic!("expected a configuration error, got {other:?}"),
        }
    }
    assert_eq!(Settings::default().timeout, Duration::from_secs(30));
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_is_returned_at_once() {
    let server = Server::start(vec![Reply::too_many(3600)]).await;
    let started = Instant::now();
    let err = api_error(client(server.url(), 2).webhooks().await);
    assert_eq!(err.status, 429);
    assert_eq!(err.retry_after, Some(Duration::from_hours(1)));
    assert_eq!(
        (err.status_code, err.request_id.as_deref()),
        (Some(1002), Some("rl-1"))
    );
    assert_eq!(server.seen().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn retries_of_429_are_bounded() {
    let server = Server::start(vec![Reply::too_many(0)]).await;
    let err = api_error(client(server.url(), 2).webhooks().await);
    assert_eq!(err.status, 429);
    assert_eq!(server.seen().len(), 3, "one try and two retries");
}

#[tokio::test]
async fn a_connect_error_is_retried_even_for_a_callflow() {
    let port = free_port().await;
    let base = format!("http://127.0.0.1:{port}");
    let client = VoiceClient::builder(KEY, "8x8_Testing")
        .base_url(&base)
        .backoff(Duration::from_millis(400), Duration::from_millis(400))
        .max_retries(3)
        .build()
        .expect("a valid client");
    // Nothing listens at first: the first attempt is refused, and nothing was sent.
    let starting = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        Server::start_on(port, vec![Reply::json(200, CREATED)]).await
    });
    let session = client
        .send_callflow(&voice_message())
        .await
        .expect("sent on retry");
    assert_eq!(session.status_code, 1);
    let server = starting.await.expect("the server started");
    assert_eq!(
        server.seen().len(),
        1,
        "exactly one request reached a server"
    );
}

#[tokio::test]
async fn a_connect_error_is_reported_after_the_retries() {
    let port = free_port().await;
    let client = client(&format!("http://127.0.0.1:{port}"), 1);
    match client.webhooks().await {
        Err(err @ Error::Connect(_)) => assert!(err.to_string().starts_with("cannot connect")),
        other => panic!("expected a connect error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_server_hits_the_timeout_and_the_callflow_is_not_resent() {
    let slow = Reply::Delay(Duration::from_secs(3), Box::new(Reply::json(200, CREATED)));
    let server = Server::start(vec![slow]).await;
    let started = Instant::now();
    match client(server.url(), 2)
        .send_callflow(&voice_message())
        .await
    {
        Err(Error::Timeout(after)) => assert_eq!(after, Duration::from_millis(500)),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_eq!(
        server.seen().len(),
        1,
        "the server may have acted: not resent"
    );
}

#[tokio::test]
async fn a_slow_server_hits_the_timeout_and_a_get_is_retried() {
    let slow = Reply::Delay(Duration::from_secs(3), Box::new(Reply::json(200, "{}")));
    let server = Server::start(vec![slow.clone(), Reply::json(200, r#"{"webhooks": []}"#)]).await;
    let hooks = client(server.url(), 2).webhooks().await.expect("retried");
    assert!(hooks.is_empty());
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn a_dropped_connection_is_an_error_and_the_callflow_is_not_resent() {
    let server = Server::start(vec![Reply::Drop, Reply::json(200, CREATED)]).await;
    match client(server.url(), 2)
        .send_callflow(&voice_message())
        .await
    {
        Err(err @ Error::Transport(_)) => {
            assert!(err.to_string().starts_with("the connection failed"));
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_a_get() {
    let numbers = r#"{"totalNumbers": 1, "numbers": [{"msisdn": "+6560001111", "countryCode": "SG",
        "operationalStatus": "Active", "referenceId": "ref-1", "numberHealth": {"isHealthy": true}}],
        "statusCode": 0, "statusMessage": "ok"}"#;
    let server = Server::start(vec![Reply::Drop, Reply::json(200, numbers)]).await;
    let list = client(server.url(), 2).numbers().await.expect("retried");
    assert_eq!(list[0].msisdn, "+6560001111");
    assert_eq!(list[0].operational_status.as_deref(), Some("Active"));
    assert_eq!(list[0].other["numberHealth"]["isHealthy"], true);
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn a_5_mb_garbage_body_is_cut_off() {
    let server = Server::start(vec![Reply::Garbage(5 * 1024 * 1024)]).await;
    let client = VoiceClient::builder(KEY, "8x8_Testing")
        .base_url(server.url())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a valid client");
    match client.send_callflow(&voice_message()).await {
        Err(err @ Error::BodyTooLarge { limit: 1_048_576 }) => {
            assert_eq!(
                err.to_string(),
                "the response body is larger than 1048576 bytes"
            );
        }
        other => panic!("expected a body too large, got {other:?}"),
    }
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn a_declared_large_body_is_refused_before_reading() {
    let huge = Reply::Status(200, Vec::new(), vec![b'x'; 5 * 1024 * 1024]);
    let server = Server::start(vec![huge]).await;
    let client = VoiceClient::builder(KEY, "8x8_Testing")
        .base_url(server.url())
        .max_body_bytes(4096)
        .build()
        .expect("a valid client");
    assert!(matches!(
        client.speech_profiles().await,
        Err(Error::BodyTooLarge { limit: 4096 })
    ));
}

#[tokio::test]
async fn a_success_that_is_not_the_documented_json_is_an_invalid_response() {
    let server = Server::start(vec![Reply::json(200, "<html>OK</html>")]).await;
    match client(server.url(), 2)
        .send_callflow(&voice_message())
        .await
    {
        Err(Error::InvalidResponse { status, .. }) => assert_eq!(status, 200),
        other => panic!("expected an invalid response, got {other:?}"),
    }
}

#[tokio::test]
async fn manages_webhooks() {
    let listed = r#"{"subAccountId": "8x8_Testing", "count": 1, "webhooks": [{"type": "VSS",
        "url": "https://example.com/vss", "enabled": true, "httpAuthHeaderAvailable": true}],
        "statusCode": 0, "statusMessage": "ok"}"#;
    let deleted = r#"{"subAccountId": "8x8_Testing", "type": "VSS", "url": "https://example.com/vss",
        "enabled": false, "httpAuthHeaderAvailable": true, "statusCode": 0, "statusMessage": "deleted"}"#;
    let server = Server::start(vec![
        Reply::json(200, listed),
        Reply::json(200, listed),
        Reply::json(200, deleted),
    ])
    .await;
    let client = client(server.url(), 0);
    let hook = NewWebhook::new(WebhookType::Vss, "https://example.com/vss")
        .http_auth_header("hook-secret");
    let set = client.set_webhook(&hook).await.expect("set");
    assert_eq!(set[0].http_auth_header_available, Some(true));
    let listed = client.webhooks().await.expect("listed");
    assert_eq!(
        (listed[0].kind.as_str(), listed[0].enabled),
        ("VSS", Some(true))
    );
    let gone = client
        .delete_webhook(WebhookType::Vss)
        .await
        .expect("deleted");
    assert_eq!(gone.enabled, Some(false));

    let seen = server.seen();
    let calls: Vec<(&str, &str)> = seen
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        calls,
        [
            ("POST", "/api/v1/subaccounts/8x8_Testing/webhooks"),
            ("GET", "/api/v1/subaccounts/8x8_Testing/webhooks"),
            ("DELETE", "/api/v1/subaccounts/8x8_Testing/webhooks/VSS"),
        ]
    );
    assert_eq!(seen[0].json()["httpAuthHeader"], "hook-secret");
}

#[tokio::test]
async fn reads_recordings_and_one_number() {
    let recordings = r#"{"recordings": [{"recordingId": "r-1", "sessionid": "s-1", "subAccountId": "8x8_Testing",
        "status": "UPLOAD_COMPLETED", "externalFileUrl": "s3://bucket/r-1.wav", "duration": 12}],
        "statusCode": 0, "statusMessage": "ok"}"#;
    let number = r#"{"statusCode": 0, "statusMessage": "ok", "timestamp": "2024-01-01T00:00:00Z",
        "payload": {"referenceId": "ref-1", "msisdn": "+6560001111", "countryCode": "SG"}}"#;
    let server = Server::start(vec![Reply::json(200, recordings), Reply::json(200, number)]).await;
    let client = client(server.url(), 0);
    let list = client.recordings("s-1").await.expect("recordings");
    assert_eq!(list[0].session_id.as_deref(), Some("s-1"));
    assert_eq!(list[0].status.as_deref(), Some("UPLOAD_COMPLETED"));
    assert_eq!(list[0].other["duration"], 12);
    let one = client.number("6560001111").await.expect("number");
    assert_eq!(
        (one.msisdn.as_str(), one.reference_id.as_deref()),
        ("+6560001111", Some("ref-1"))
    );
    let paths: Vec<String> = server.seen().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/api/v1/subaccounts/8x8_Testing/recordings/s-1",
            "/api/v1/subaccounts/8x8_Testing/numbers/6560001111",
        ]
    );
}

#[tokio::test]
async fn path_segments_are_encoded() {
    let server = Server::start(vec![Reply::json(200, r#"{"recordings": []}"#)]).await;
    client(server.url(), 0)
        .recordings("../numbers?x")
        .await
        .expect("recordings");
    assert_eq!(
        server.seen()[0].path,
        "/api/v1/subaccounts/8x8_Testing/recordings/..%2Fnumbers%3Fx"
    );
}

#[test]
fn secrets_never_show_in_debug_output() {
    let builder = VoiceClient::builder(KEY, "8x8_Testing");
    assert!(!format!("{builder:?}").contains(KEY));
    let client = builder.build().expect("a valid client");
    let shown = format!("{client:?}");
    assert!(
        shown.contains("8x8_Testing") && !shown.contains(KEY),
        "{shown}"
    );
    let preview = client.preview_callflow(&voice_message()).expect("valid");
    assert!(!format!("{preview:?}{preview}").contains(KEY));
    assert!(preview.to_string().starts_with(
        "POST https://voice.8x8.com/api/v1/subaccounts/8x8_Testing/callflows\nauthorization: ***\n"
    ));
}

#[test]
fn invalid_settings_fail_to_build() {
    let bad_id = VoiceClient::new(KEY, "a b");
    assert!(matches!(bad_id, Err(Error::Config(message)) if message.contains("sub-account id")));
    let bad_url = VoiceClient::builder(KEY, "8x8_Testing")
        .base_url("voice.8x8.com")
        .build();
    assert!(matches!(bad_url, Err(Error::Config(_))));
    let legacy = VoiceClient::builder(KEY, "8x8_Testing")
        .base_url("https://voice.wavecell.com")
        .build()
        .expect("the legacy host");
    let preview = legacy.preview_callflow(&voice_message()).expect("valid");
    assert_eq!(
        preview.url,
        "https://voice.wavecell.com/api/v1/subaccounts/8x8_Testing/callflows"
    );
}
