//! Runs the real `callflow serve` on loopback (a free port, killed when each test ends)
//! and plays the platform against it: every example map explored over HTTP gives back
//! the map the core expands, scripted calls get the transcripts an in-process map gives,
//! and hostile requests get clear refusals.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use callflow_core::voice::emulator::{
    self, Emulator, ExploreOptions, Explorer, MapBackend, Options, Script, Webhook, WebhookKind,
};
use callflow_core::voice::ivr;
use callflow_runner::HttpBackend;
use serde_json::Value;

#[allow(
    dead_code,
    reason = "shared with the runner's tests, which use all of it"
)]
#[path = "../../callflow-runner/tests/http/server.rs"]
mod server;

use server::{Reply, Request, Server};

/// The bundled IVR maps.
fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../examples/ivr/{name}"))
}

/// A running `callflow serve`, killed on drop.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    /// Starts `callflow serve MAP --port 0 ARGS...` and waits for the address it logs.
    fn start(map: &Path, args: &[&str], env: &[(&str, &str)]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_callflow"))
            .arg("serve")
            .arg(map)
            .args(["--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("callflow serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (sender, lines) = mpsc::channel();
        // Reads the log for the server's whole life, so its writes never fail.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let url = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(30))
                .expect("the server logs its address within 30 s");
            if let Some(url) = logged_url(&line) {
                break url;
            }
        };
        Served { child, url }
    }

    fn backend(&self) -> HttpBackend {
        HttpBackend::new(&format!("{}/vca", self.url))
            .and_then(|backend| backend.summary_url(&format!("{}/vss", self.url)))
            .expect("loopback URLs")
    }
}

/// The server's base URL from its "listening" log line (text or JSON).
fn logged_url(line: &str) -> Option<String> {
    let at = line.find("http://")?;
    let url: String = line[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || ":/.-".contains(*c))
        .collect();
    Some(url.trim_end_matches("/vca").to_owned())
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The example map, expanded by the core, answering in-process.
fn in_process(map: &Path) -> MapBackend {
    let text = std::fs::read_to_string(map).expect("the example");
    let expanded = ivr::expand(text.as_str()).expect("the example expands");
    MapBackend::from_json(&expanded).expect("an IVR map")
}

fn inbound_explorer() -> Explorer {
    Explorer::inbound(
        "+6591234567",
        "+6568888888",
        Options::default(),
        ExploreOptions::default(),
    )
}

/// A transcript's JSON without the real latencies.
fn without_latency(json: &str) -> Value {
    let mut value: Value = serde_json::from_str(json).expect("a transcript");
    for list in ["webhooks", "steps"] {
        for item in value[list].as_array_mut().into_iter().flatten() {
            if let Some(item) = item.as_object_mut() {
                item.remove("latencyMs");
            }
        }
    }
    value
}

#[test]
fn exploring_the_served_examples_finds_what_the_map_says() {
    for name in ["simple-ivr.json", "advanced-ivr.json"] {
        let map = example(name);
        let served = Served::start(&map, &[], &[]);
        let over_http = served.backend().explore_blocking(inbound_explorer());
        let backend = in_process(&map);
        let at_home = inbound_explorer().run(|webhook| backend.answer(webhook));
        assert!(over_http.ok, "{name}: {}", over_http.to_text());
        assert_eq!(over_http.menus, at_home.menus, "{name}");
        assert_eq!(over_http.map, at_home.map, "{name}");
        assert_eq!(over_http.calls, at_home.calls, "{name}");
    }
}

#[test]
fn scripted_calls_over_http_match_the_map_in_process() {
    let map = example("advanced-ivr.json");
    let served = Served::start(&map, &[], &[]);
    let backend = in_process(&map);
    for keys in [
        &["1", "1", "4"][..],
        &["2"],
        &["1", "9", "7", "2"],
        &["#", "1", "2", "2"],
    ] {
        let script = keys
            .iter()
            .fold(Script::new(), |script, key| script.press(*key));
        let call = || {
            Emulator::inbound(
                "+6591234567",
                "+6568888888",
                script.clone(),
                Options::default(),
            )
        };
        let over_http = served.backend().emulate_blocking(call());
        let at_home = call().run(|webhook| backend.answer(webhook));
        assert!(over_http.ok(), "{keys:?}: {}", over_http.to_text());
        assert_eq!(
            without_latency(&over_http.to_json()),
            without_latency(&at_home.to_json()),
            "{keys:?}"
        );
    }
}

/// Posts `body` to `path` of the server with `secret`, and gives the answer.
fn post(served: &Served, path: &str, body: String, secret: Option<&str>) -> (u16, String) {
    let mut backend = HttpBackend::new(&format!("{}{path}", served.url)).expect("a loopback URL");
    if let Some(secret) = secret {
        backend = backend.secret(secret).expect("a header value");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    match runtime.block_on(backend.deliver(&Webhook::relay(WebhookKind::Vca, body))) {
        emulator::Response::Answered { status, body, .. } => {
            (status, String::from_utf8_lossy(&body).into_owned())
        }
        other => panic!("no answer: {other:?}"),
    }
}

const RECEIVED: &str = r#"{"eventType": "CALL_ACTION", "payload": {"callStatus": "CALL_RECEIVED", "sessionId": "s1"}}"#;

#[test]
fn hostile_requests_get_clear_answers() {
    let served = Served::start(
        &example("advanced-ivr.json"),
        &[
            "--secret-env",
            "CALLFLOW_TEST_SECRET",
            "--log-format",
            "json",
        ],
        &[("CALLFLOW_TEST_SECRET", "s3cret")],
    );
    let (status, body) = post(&served, "/vca", RECEIVED.to_owned(), Some("s3cret"));
    assert_eq!(status, 200);
    assert!(body.contains("Welcome to The Golden Fork"), "{body}");
    let (status, body) = post(&served, "/vca", RECEIVED.to_owned(), Some("wrong"));
    assert_eq!(
        (status, body.contains("unauthorized")),
        (401, true),
        "{body}"
    );
    assert_eq!(post(&served, "/vca", RECEIVED.to_owned(), None).0, 401);
    let (status, body) = post(&served, "/vca", "<xml/>".to_owned(), Some("s3cret"));
    assert_eq!(
        (status, body.contains("invalid-json")),
        (400, true),
        "{body}"
    );
    let huge = format!(
        "{{\"eventType\": \"CALL_ACTION\", \"pad\": \"{}\"}}",
        "x".repeat(2 << 20)
    );
    assert_eq!(post(&served, "/vca", huge, Some("s3cret")).0, 413);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(post(&served, "/vca", deep, Some("s3cret")).0, 400);
    let unknown = r#"{"eventType": "CALL_ACTION", "payload": {"callStatus": "ACTION_COMPLETED",
        "clientActionId": "no_such_menu", "eventData": {"dtmf": "1"}}}"#;
    let (status, body) = post(&served, "/vca", unknown.to_owned(), Some("s3cret"));
    assert_eq!(status, 200, "an unknown menu gets the start, never a 500");
    assert!(body.contains("Welcome to The Golden Fork"), "{body}");
    let summary = r#"{"eventType": "SESSION_SUMMARY", "payload": {"sessionId": "s1"}}"#;
    assert_eq!(
        post(&served, "/vss", summary.to_owned(), Some("s3cret")),
        (200, "{}".to_owned())
    );
    assert_eq!(
        post(&served, "/healthz", String::new(), None).0,
        405,
        "health is a GET"
    );
}

/// A handler service: `lookup_booking` answers 123456 with a goodbye, anything else
/// with garbage; other paths 404.
fn handlers(request: &Request) -> Reply {
    if !request.path.ends_with("/lookup_booking") {
        return Reply::json(404, "{}");
    }
    match request.dtmf().as_deref() {
        Some("123456") => Reply::json(
            200,
            r#"{"say": "Your table is booked for eight. Goodbye."}"#,
        ),
        _ => Reply::json(200, r#"{"callflow": [{"action": "dance"}]}"#),
    }
}

#[test]
fn handler_steps_are_relayed_and_their_replies_checked() {
    let map = example("handler-ivr.json");
    let refused = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("serve")
        .arg(&map)
        .args(["--port", "0"])
        .output()
        .expect("callflow runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("lookup_booking"));

    let service = Server::start(handlers);
    let served = Served::start(&map, &["--handlers", service.url()], &[]);
    let call = |digits: &str| {
        let script = Script::new().press("1").press(format!("{digits}#"));
        served.backend().emulate_blocking(Emulator::inbound(
            "+6591234567",
            "+6568888888",
            script,
            Options::default(),
        ))
    };
    let booked = call("123456");
    assert!(booked.ok(), "{}", booked.to_text());
    assert!(
        booked
            .heard
            .iter()
            .any(|text| text.contains("booked for eight")),
        "{:?}",
        booked.heard
    );
    let refused = call("654321");
    assert!(!refused.ok());
    assert_eq!(
        refused.findings[0].code,
        "http-error",
        "{}",
        refused.to_text()
    );
    assert!(refused.to_json().contains("handler-failed"));
}

#[test]
fn a_map_with_errors_is_not_served() {
    let dir = std::env::temp_dir().join(format!("callflow-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let map = dir.join("broken.json");
    std::fs::write(
        &map,
        r#"{"start": "main", "menus": {"main": {"prompt": "Hi.", "options": {"1": "nowhere"}}}}"#,
    )
    .expect("the map is written");
    let done = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("serve")
        .arg(&map)
        .args(["--port", "0"])
        .output()
        .expect("callflow runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(done.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(
        stderr.contains("the IVR map has errors") && stderr.contains("unknown-menu"),
        "{stderr}"
    );
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let mut served = Served::start(&example("simple-ivr.json"), &[], &[]);
    let pid = served.child.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let mut child = std::mem::replace(
        &mut served.child,
        Command::new("true").spawn().expect("a placeholder process"),
    );
    let (sender, exited) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait().map(|status| status.code()));
    });
    let status = exited
        .recv_timeout(Duration::from_secs(20))
        .expect("the server stops within 20 s");
    assert_eq!(status.expect("the exit status"), Some(0));
}

#[test]
fn a_closed_log_never_fails_a_webhook() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("serve")
        .arg(example("advanced-ivr.json"))
        .args(["--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("callflow serve starts");
    let mut log = BufReader::new(child.stderr.take().expect("stderr is piped"));
    let mut first = String::new();
    log.read_line(&mut first).expect("the first log line");
    drop(log);
    let url = logged_url(&first).expect("the address is logged");
    let served = Served { child, url };
    for _ in 0..3 {
        assert_eq!(post(&served, "/vca", RECEIVED.to_owned(), None).0, 200);
    }
}

#[test]
fn the_readme_map_is_checked_and_served_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("the README");
    let section = &readme[readme.find("## An IVR in one file").expect("the section")..];
    let json = &section[section.find("```json\n").expect("the map") + 8..];
    let json = &json[..json.find("```").expect("the map ends")];
    let shown = &section[section.find("```text\n").expect("the log") + 8..];
    let shown = &shown[..shown.find("```").expect("the log ends")];
    let dir = std::env::temp_dir().join(format!("callflow-readme-ivr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let map = dir.join("front-desk.json");
    std::fs::write(&map, json).expect("the map is written");
    let checked = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("validate")
        .arg(&map)
        .output()
        .expect("callflow runs");
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    let drawn = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("render")
        .arg(&map)
        .output()
        .expect("callflow runs");
    let mermaid = String::from_utf8_lossy(&drawn.stdout);
    assert!(
        mermaid.contains("For opening hours, press 1.") && mermaid.contains("makeCall"),
        "{mermaid}"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("serve")
        .arg(&map)
        .args(["--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("callflow serve starts");
    let mut log = BufReader::new(child.stderr.take().expect("stderr is piped")).lines();
    let mut next_line = || log.next().and_then(Result::ok).unwrap_or_default();
    let listening = next_line();
    let url = logged_url(&listening).expect("the address is logged");
    let served = Served { child, url };
    let script = Script::new().press("1");
    let call = served.backend().emulate_blocking(Emulator::inbound(
        "+6591234567",
        "+6568888888",
        script,
        Options::default(),
    ));
    assert!(call.ok(), "{}", call.to_text());
    assert!(call.heard.iter().any(|text| text.contains("nine to five")));
    let logged: Vec<String> = std::iter::once(listening)
        .chain((0..3).map(|_| next_line()))
        .collect();
    drop(served);
    let _ = std::fs::remove_dir_all(&dir);
    // The README shows the lines without their timestamps; ports, sessions and
    // latencies vary.
    let shape = |line: &str| -> String {
        let line = line.split_once(" INFO ").map_or(line, |(_, rest)| rest);
        let line = line.strip_prefix("INFO ").unwrap_or(line);
        line.split_whitespace()
            .map(|field| match field.split_once('=') {
                Some((key @ ("address" | "session" | "latency_us"), _)) => format!("{key}=*"),
                _ => field.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let expected: Vec<String> = shown.lines().skip(1).map(shape).collect();
    let got: Vec<String> = logged.iter().map(|line| shape(line)).collect();
    assert_eq!(got, expected);
}
