//! The Yay.com call-flow client.

use std::time::Duration;

use callflow_client::{Error, YayClient};
use callflow_core::pbx::{CallFlow, Module, Target};
use serde_json::Value;

use crate::server::{Reply, Server};

const PASSWORD: &str = "hunter2-secret";

const PETE: &str = r#"{"created_on": "2023-06-07", "extension": 501,
    "flow": {"161e": {"module": "start", "next": "fdc2"},
             "fdc2": {"module": "extension", "extensions": [{"type": "sipuser", "uuid": "u-1"}]}},
    "name": "Call Pete", "show_call_route_name": true, "show_original_caller_id": true,
    "updated_on": "2023-06-07", "uuid": "31347d42-00bd-44a5-9b5c-20dc4197a2f6"}"#;

/// `PETE` as the core writes it: compact, members in the order read.
const PETE_COMPACT: &str = concat!(
    r#"{"created_on":"2023-06-07","extension":501,"flow":{"161e":{"module":"start","next":"fdc2"},"#,
    r#""fdc2":{"module":"extension","extensions":[{"type":"sipuser","uuid":"u-1"}]}},"#,
    r#""name":"Call Pete","show_call_route_name":true,"show_original_caller_id":true,"#,
    r#""updated_on":"2023-06-07","uuid":"31347d42-00bd-44a5-9b5c-20dc4197a2f6"}"#
);

fn envelope(status: u16, result: &str) -> Reply {
    let body =
        format!(r#"{{"result": {result}, "status_code": {status}, "status_message": "OK"}}"#);
    Reply::json(status, &body)
}

fn client(server: &Server) -> YayClient {
    YayClient::builder("acme", "admin", PASSWORD)
        .on_behalf_of("customer-1")
        .base_url(server.url())
        .backoff(Duration::from_millis(10), Duration::from_millis(10))
        .build()
        .expect("a valid client")
}

fn new_flow() -> CallFlow {
    CallFlow::new(502, "Reception")
        .module("start", Module::start("ext"))
        .module("ext", Module::extension([Target::SipUser("u-1".into())]))
}

/// A flow as JSON data, to look into.
fn data(flow: &CallFlow) -> Value {
    serde_json::from_str(&flow.to_json()).expect("a flow is JSON")
}

#[tokio::test]
async fn lists_and_gets_flows_with_the_auth_headers() {
    let server = Server::start(vec![
        envelope(200, &format!("[{PETE}]")),
        envelope(200, PETE),
    ])
    .await;
    let client = client(&server);
    let flows = client.list_flows().await.expect("listed");
    assert_eq!(flows.len(), 1);
    assert_eq!(
        (flows[0].name(), flows[0].extension()),
        (Some("Call Pete"), Some(501))
    );
    assert_eq!(
        flows[0].to_json(),
        PETE_COMPACT,
        "every member kept, in order"
    );
    let pete = client
        .get_flow("31347d42-00bd-44a5-9b5c-20dc4197a2f6")
        .await
        .expect("got");
    assert_eq!(data(&pete)["flow"]["161e"]["next"], "fdc2");
    assert_eq!(pete.show_call_route_name(), Some(true));

    let seen = server.seen();
    assert_eq!(seen[0].path, "/voip/flow");
    assert_eq!(
        seen[1].path,
        "/voip/flow/31347d42-00bd-44a5-9b5c-20dc4197a2f6"
    );
    for request in &seen {
        assert_eq!(request.method, "GET");
        assert_eq!(request.header("x-auth-reseller"), Some("acme"));
        assert_eq!(request.header("x-auth-user"), Some("admin"));
        assert_eq!(request.header("x-auth-password"), Some(PASSWORD));
        assert_eq!(request.header("x-auth-for"), Some("customer-1"));
        assert!(request.body.is_empty(), "GET has no body");
    }
}

#[tokio::test]
async fn creates_a_flow_and_returns_it_as_stored() {
    let server = Server::start(vec![envelope(201, r#"{"uuid": "new-uuid"}"#)]).await;
    let stored = client(&server)
        .create_flow(&new_flow())
        .await
        .expect("created");
    assert_eq!(stored.uuid(), Some("new-uuid"));
    assert_eq!(stored.name(), Some("Reception"));
    let seen = server.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("POST", "/voip/flow")
    );
    assert_eq!(seen[0].json()["extension"], 502);
    assert_eq!(seen[0].json()["flow"]["start"]["next"], "ext");
}

#[tokio::test]
async fn creating_is_not_repeated_after_a_5xx() {
    let server = Server::start(vec![Reply::json(503, ""), envelope(201, "{}")]).await;
    let err = client(&server).create_flow(&new_flow()).await;
    assert!(matches!(err, Err(Error::Api(api)) if api.status == 503));
    assert_eq!(
        server.seen().len(),
        1,
        "a second POST could create a second flow"
    );
}

#[tokio::test]
async fn an_invalid_flow_is_never_sent() {
    let server = Server::start(vec![envelope(201, "{}")]).await;
    let flow = new_flow().module("ext", Module::extension([]));
    match client(&server).create_flow(&flow).await {
        Err(Error::Validation(err)) => {
            let issue = &err.report().issues()[0];
            assert_eq!(
                (issue.code.to_string(), issue.path.as_str()),
                ("missing-field".into(), "$.flow.ext.extensions")
            );
        }
        other => panic!("expected an invalid flow, got {other:?}"),
    }
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn modify_flow_reads_then_writes_the_whole_object() {
    let server = Server::start(vec![envelope(200, PETE), envelope(200, "{}")]).await;
    let uuid = "31347d42-00bd-44a5-9b5c-20dc4197a2f6";
    let renamed = client(&server)
        .modify_flow(uuid, |flow| async move {
            Ok::<_, Error>(flow.with_name("Call Peter"))
        })
        .await
        .expect("modified");
    assert_eq!(renamed.name(), Some("Call Peter"));
    let seen = server.seen();
    assert_eq!(
        (seen[1].method.as_str(), seen[1].path.as_str()),
        ("PUT", "/voip/flow/31347d42-00bd-44a5-9b5c-20dc4197a2f6")
    );
    let mut expected: Value = serde_json::from_str(PETE).expect("JSON");
    expected["name"] = "Call Peter".into();
    assert_eq!(
        seen[1].json(),
        expected,
        "every field is sent back, only the name changed"
    );
    assert_eq!(
        seen[1].body,
        PETE_COMPACT.replace("Call Pete", "Call Peter"),
        "in the order it was read"
    );
}

#[tokio::test]
async fn deletes_a_flow_and_reads_the_next_extension() {
    let server = Server::start(vec![
        Reply::json(204, ""),
        envelope(200, r#"{"extension": 503}"#),
    ])
    .await;
    let client = client(&server);
    client.delete_flow("31347d42").await.expect("deleted");
    assert_eq!(client.next_extension().await.expect("extension"), 503);
    let calls: Vec<(String, String)> = server
        .seen()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert_eq!(
        calls,
        [
            ("DELETE".to_owned(), "/voip/flow/31347d42".to_owned()),
            ("GET".to_owned(), "/voip/next-extension/flow".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_not_found_envelope_is_an_api_error() {
    let not_found = r#"{"result": {}, "status_code": 404, "status_message": "Not Found"}"#;
    let server = Server::start(vec![Reply::json(404, not_found)]).await;
    match client(&server).get_flow("missing").await {
        Err(Error::Api(api)) => {
            assert_eq!((api.status, api.status_code), (404, Some(404)));
            assert_eq!(api.status_message, "Not Found");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn the_password_never_shows_in_debug_output() {
    let builder = YayClient::builder("acme", "admin", PASSWORD);
    assert!(!format!("{builder:?}").contains(PASSWORD));
    let client = builder.build().expect("a valid client");
    assert!(!format!("{client:?}").contains(PASSWORD));
}
