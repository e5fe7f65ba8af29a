//! Runs the real `callflow send` against a local HTTP server started by each test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const KEY: &str = "sk-cli-5ecret";

const VOICE_MESSAGE: &str = r#"{"callflow": [
    {"action": "makeCall", "params": {"source": "+6512341234", "destination": "+6512345678"}},
    {"action": "say", "params": {"text": "Your code is 1 2 3 4.", "voiceProfile": "en-US-Jenny"}},
    {"action": "hangup"}
]}"#;

const CREATED: &str = r#"{"sessionId": "03cc8cac-376b-11ef-a28b-0582ff0039d5", "sessionStatus": "CREATED",
    "callFlowRequestId": "03cc3e8b", "statusCode": 1, "statusMessage": "Created"}"#;

/// One request the server read: its request line, headers and body.
struct Seen {
    line: String,
    headers: Vec<String>,
    body: String,
}

/// A server on 127.0.0.1 that answers one request with `status` and `body`, and sends
/// what it read down the channel.
fn serve_once(status: u16, body: &'static str) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).expect("request line");
        let mut headers = Vec::new();
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).expect("header");
            if header.trim().is_empty() {
                break;
            }
            headers.push(header.trim().to_ascii_lowercase());
        }
        let length: usize = headers
            .iter()
            .find_map(|h| h.strip_prefix("content-length:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        let mut content = vec![0; length];
        reader.read_exact(&mut content).expect("body");
        let mut stream = reader.into_inner();
        let answer = format!(
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).expect("answer");
        let body = String::from_utf8(content).expect("UTF-8");
        let _ = sender.send(Seen {
            line: line.trim().to_owned(),
            headers,
            body,
        });
    });
    (url, receiver)
}

/// Runs `callflow send - --subaccount 8x8_Testing --base-url URL` with `extra`
/// arguments, `flow` on stdin, and the key in the environment when `key` is set.
fn send(url: &str, flow: &str, key: Option<&str>, extra: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_callflow"));
    command
        .args([
            "send",
            "-",
            "--subaccount",
            "8x8_Testing",
            "--base-url",
            url,
        ])
        .args(extra)
        .env_remove("CALLFLOW_8X8_API_KEY")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(key) = key {
        command.env("CALLFLOW_8X8_API_KEY", key);
    }
    let mut child = command.spawn().expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(flow.as_bytes())
        .expect("stdin is written");
    child.wait_with_output().expect("the binary ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Whether the server read a request within a short while.
fn got_request(receiver: &mpsc::Receiver<Seen>) -> bool {
    receiver.recv_timeout(Duration::from_millis(200)).is_ok()
}

#[test]
fn sends_the_callflow_and_prints_the_session_id() {
    let (url, seen) = serve_once(200, CREATED);
    let output = send(&url, VOICE_MESSAGE, Some(KEY), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "03cc8cac-376b-11ef-a28b-0582ff0039d5\n"
    );
    let request = seen
        .recv_timeout(Duration::from_secs(5))
        .expect("a request");
    assert_eq!(
        request.line,
        "POST /api/v1/subaccounts/8x8_Testing/callflows HTTP/1.1"
    );
    assert!(request.headers.contains(&format!(
        "authorization: bearer {}",
        KEY.to_ascii_lowercase()
    )));
    let sent: serde_json::Value = serde_json::from_str(&request.body).expect("JSON");
    let file: serde_json::Value = serde_json::from_str(VOICE_MESSAGE).expect("JSON");
    assert_eq!(sent, file);
}

#[test]
fn an_invalid_callflow_is_reported_and_not_sent() {
    let (url, seen) = serve_once(200, CREATED);
    let output = send(
        &url,
        r#"{"callflow": [{"action": "hangup"}]}"#,
        Some(KEY),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("<stdin> (request): invalid (status -1013)"),
        "{stderr}"
    );
    assert!(
        !got_request(&seen),
        "an invalid callflow reached the server"
    );
}

#[test]
fn dry_run_prints_the_request_with_the_key_redacted_and_sends_nothing() {
    let (url, seen) = serve_once(200, CREATED);
    let output = send(&url, VOICE_MESSAGE, Some(KEY), &["--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let expected_start = format!(
        "POST {url}/api/v1/subaccounts/8x8_Testing/callflows\nauthorization: ***\ncontent-type: application/json\n"
    );
    assert!(stdout.starts_with(&expected_start), "{stdout}");
    assert!(
        stdout.trim_end().ends_with(r#"{"action":"hangup"}]}"#),
        "{stdout}"
    );
    assert!(!stdout.contains(KEY) && !text(&output.stderr).contains(KEY));
    assert!(!got_request(&seen), "a dry run reached the server");
}

#[test]
fn a_missing_key_is_a_usage_error() {
    let (url, seen) = serve_once(200, CREATED);
    let output = send(&url, VOICE_MESSAGE, None, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("set CALLFLOW_8X8_API_KEY"));
    assert!(!got_request(&seen));
}

#[test]
fn a_refusal_shows_the_status_code_and_request_id() {
    let refused = r#"{"sessionStatus": "NOT_CREATED", "callFlowRequestId": "req-42", "statusCode": -1014,
        "statusMessage": "Source or caller ID is not allowed"}"#;
    let (url, _seen) = serve_once(422, refused);
    let output = send(&url, VOICE_MESSAGE, Some(KEY), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "callflow: 8x8 refused the callflow: HTTP 422 (status -1014): Source or caller ID is not allowed [request req-42]\n"
    );
}

#[test]
fn an_unreachable_server_is_trouble() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let output = send(
        &format!("http://127.0.0.1:{port}"),
        VOICE_MESSAGE,
        Some(KEY),
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).starts_with("callflow: cannot connect"));
}
