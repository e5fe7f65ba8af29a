//! Runs the real `callflow emulate` against webhook backends on loopback: an IVR that
//! answers with the bundled example replies, backends that fail, and scenario folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[allow(
    dead_code,
    reason = "shared with the runner's tests, which use all of it"
)]
#[path = "../../callflow-runner/tests/http/server.rs"]
mod server;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use server::{Reply, Request, Server};
use temp_dir::TempDir;

/// The bundled 8x8 voice examples.
fn voice_examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/voice")
}

/// The simple IVR request: a call that asks to press 1 (resolved) or 2 (an agent).
fn simple_ivr() -> PathBuf {
    voice_examples().join("simple-ivr.json")
}

/// 8x8's simple IVR backend, answering with the bundled replies: 1 hangs up, 2 connects
/// to an agent, other keys repeat the menu, and the call action after the agent's call
/// hangs up. Status and summary webhooks get an empty 200.
fn simple_ivr_backend(request: &Request) -> Reply {
    if request.event_type() != "CALL_ACTION" {
        return Reply::json(200, "");
    }
    let reply = match request.dtmf().as_deref() {
        Some("1") | None => "simple-ivr-hangup.reply.json",
        Some("2") => "simple-ivr-connect.reply.json",
        Some(_) => "simple-ivr-repeat-menu.reply.json",
    };
    let body = fs::read_to_string(voice_examples().join(reply)).expect("a bundled reply");
    Reply::json(200, &body)
}

/// Runs `callflow emulate` with `args` and the environment variables `env`.
fn emulate(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("emulate")
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs")
}

/// Runs `callflow emulate REQUEST --webhook URL/vca` with `extra` arguments.
fn emulate_request(request: &Path, server: &Server, extra: &[&str]) -> Output {
    let webhook = format!("{}/vca", server.url());
    let mut args = vec![path(request), "--webhook", &webhook];
    args.extend(extra);
    emulate(&args, &[])
}

fn path(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8")
}

/// The exit status, with stderr shown when it is not `expected`.
fn assert_exit(output: &Output, expected: i32) {
    assert_eq!(
        output.status.code(),
        Some(expected),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// The JSON transcript printed with `--format json`.
fn transcript(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

/// The codes of the transcript's findings.
fn finding_codes(transcript: &Value) -> Vec<String> {
    transcript["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|finding| finding["code"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_simple_ivr_runs_against_its_backend() {
    let server = Server::start(simple_ivr_backend);
    let output = emulate_request(&simple_ivr(), &server, &["--press", "1"]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    assert!(
        text.contains("Thank you for contacting Xyz technical support"),
        "{text}"
    );
    assert!(text.contains("VCA CALL_ACTION -> 200"), "{text}");
    assert!(text.contains("COMPLETED after"), "{text}");
    let events: Vec<String> = server.seen().iter().map(Request::event_type).collect();
    assert_eq!(events, ["CALL_ACTION", "SESSION_SUMMARY"]);
}

#[test]
fn json_output_has_the_documented_keys() {
    let server = Server::start(simple_ivr_backend);
    let output = emulate_request(
        &simple_ivr(),
        &server,
        &[
            "--press", "7", "--press", "2", "--seed", "3", "--format", "json",
        ],
    );
    assert_exit(&output, 0);
    let transcript = transcript(&output);
    for key in [
        "ok",
        "sessionId",
        "sessionStatus",
        "statusCode",
        "heard",
        "pressed",
        "webhooks",
        "findings",
        "steps",
        "durationMs",
    ] {
        assert!(transcript.get(key).is_some(), "no {key} in {transcript}");
    }
    assert_eq!(transcript["ok"], true);
    assert_eq!(transcript["statusCode"], 1);
    assert_eq!(transcript["pressed"], json!(["7", "2"]));
    let heard = transcript["heard"].to_string();
    assert!(heard.contains("Sorry, we did not understand"), "{heard}");
    let first = &transcript["webhooks"][0];
    for key in [
        "type",
        "eventType",
        "clientActionId",
        "httpStatus",
        "latencyMs",
    ] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    assert_eq!(
        (&first["type"], &first["httpStatus"]),
        (&json!("VCA"), &json!(200))
    );
    let again = emulate_request(
        &simple_ivr(),
        &Server::start(simple_ivr_backend),
        &[
            "--press", "7", "--press", "2", "--seed", "3", "--format", "json",
        ],
    );
    assert_eq!(
        self::transcript(&again)["sessionId"],
        transcript["sessionId"]
    );
}

#[test]
fn the_legacy_dialect_sends_flat_digits_and_callee_decides_the_first_leg() {
    let server = Server::start(simple_ivr_backend);
    let output = emulate_request(
        &simple_ivr(),
        &server,
        &["--press", "1", "--dialect", "legacy"],
    );
    assert_exit(&output, 0);
    let action = server.seen()[0].json();
    assert_eq!(
        action.pointer("/payload/dtmf"),
        Some(&json!("1")),
        "{action}"
    );
    assert_eq!(action.pointer("/payload/eventData"), None, "{action}");

    let output = emulate_request(
        &simple_ivr(),
        &server,
        &["--callee", "busy", "--format", "json"],
    );
    assert_exit(&output, 0);
    let transcript = transcript(&output);
    assert_eq!(transcript["sessionStatus"], "BUSY");
    assert_eq!(transcript["heard"], json!([]));
}

#[test]
fn a_backend_error_exits_1_with_the_finding() {
    let server = Server::always(Reply::json(500, "Internal Server Error"));
    let output = emulate_request(
        &simple_ivr(),
        &server,
        &["--press", "1", "--format", "json"],
    );
    assert_exit(&output, 1);
    let transcript = transcript(&output);
    assert_eq!(transcript["ok"], false);
    assert!(
        finding_codes(&transcript).contains(&"http-error".to_owned()),
        "{transcript}"
    );
}

#[test]
fn a_hanging_backend_is_a_reply_timeout_within_the_webhook_timeout() {
    let server = Server::always(Reply::Hang);
    let started = Instant::now();
    let output = emulate_request(
        &simple_ivr(),
        &server,
        &[
            "--press",
            "1",
            "--webhook-timeout",
            "200ms",
            "--format",
            "json",
        ],
    );
    let took = started.elapsed();
    assert_exit(&output, 1);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let transcript = transcript(&output);
    assert_eq!(
        finding_codes(&transcript)[0],
        "reply-timeout",
        "{transcript}"
    );
    assert_eq!(transcript["sessionStatus"], "ERROR");
}

#[test]
fn the_secret_comes_from_the_environment_and_status_webhooks_from_vcs_url() {
    let server = Server::start(simple_ivr_backend);
    let webhook = format!("{}/vca", server.url());
    let vcs = format!("{}/vcs", server.url());
    let output = emulate(
        &[
            path(&simple_ivr()),
            "--webhook",
            &webhook,
            "--vcs-url",
            &vcs,
            "--press",
            "1",
            "--secret-env",
            "IVR_WEBHOOK_SECRET",
        ],
        &[("IVR_WEBHOOK_SECRET", "Bearer 5ecret")],
    );
    assert_exit(&output, 0);
    let seen = server.seen();
    assert!(
        seen.iter()
            .all(|request| request.header("authorization") == Some("Bearer 5ecret"))
    );
    let status: Vec<&str> = seen
        .iter()
        .filter(|request| request.event_type() == "CALL_STATUS")
        .map(|request| request.path.as_str())
        .collect();
    assert!(
        !status.is_empty() && status.iter().all(|path| *path == "/vcs"),
        "{status:?}"
    );
}

#[test]
fn an_inbound_call_needs_no_request() {
    let server = Server::always(Reply::json(
        200,
        r#"{"callflow": [{"action": "say", "params": {"text": "Welcome to Xyz.", "voiceProfile": "en-US-BenjaminRUS"}}, {"action": "hangup"}]}"#,
    ));
    let webhook = format!("{}/vca", server.url());
    let output = emulate(
        &[
            "--inbound",
            "--from",
            "+6591234567",
            "--to",
            "+6568888888",
            "--webhook",
            &webhook,
            "--format",
            "json",
        ],
        &[],
    );
    assert_exit(&output, 0);
    assert_eq!(transcript(&output)["heard"], json!(["Welcome to Xyz."]));
}

#[test]
fn usage_and_input_errors_exit_2() {
    let server = Server::always(Reply::json(200, ""));
    let missing = voice_examples().join("no-such-request.json");
    let output = emulate_request(&missing, &server, &[]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );

    let cases: [(&[&str], &str); 5] = [
        (
            &["--secret-env", "CALLFLOW_TEST_UNSET_SECRET"],
            "set CALLFLOW_TEST_UNSET_SECRET",
        ),
        (&["--press", "12x"], "'x' is not a phone key"),
        (&["--webhook-timeout", "5m"], "is not a duration"),
        (
            &["--vss-url", "ftp://127.0.0.1/vss"],
            "webhooks go to http or https URLs",
        ),
        (
            &["--scenario", "x.json", "--press", "1"],
            "cannot be used with",
        ),
    ];
    for (extra, message) in cases {
        let output = emulate_request(&simple_ivr(), &server, extra);
        assert_exit(&output, 2);
        assert!(
            stderr(&output).contains(message),
            "{extra:?}: {}",
            stderr(&output)
        );
    }
    let output = emulate(&["--scenario", path(&simple_ivr())], &[]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("--webhook URL"),
        "{}",
        stderr(&output)
    );
    assert!(server.seen().is_empty());
}

/// A scenario running the simple IVR with `keys` pressed and `expect`ed.
fn scenario(name: &str, keys: &str, expect: &Value) -> Vec<u8> {
    let request: Value =
        serde_json::from_str(&fs::read_to_string(simple_ivr()).expect("the example"))
            .expect("JSON");
    let scenario = json!({
        "name": name,
        "request": request,
        "script": [{"press": keys}],
        "expect": expect,
    });
    serde_json::to_vec_pretty(&scenario).expect("JSON")
}

#[test]
fn a_scenario_folder_is_a_test_run_with_junit_output() {
    let dir = TempDir::new();
    fs::create_dir_all(dir.0.join("scenarios/more")).expect("folders");
    let resolved = json!({"heard": ["Thank you for contacting"], "sessionStatus": "COMPLETED",
        "webhooks": 2, "findings": []});
    dir.file(
        "scenarios/resolved.json",
        &scenario("press 1 & hang up", "1", &resolved),
    );
    dir.file(
        "scenarios/more/agent.json",
        &scenario(
            "press 2 <hears goodbye>",
            "2",
            &json!({"heard": ["Goodbye"]}),
        ),
    );
    let junit = dir.0.join("report.xml");
    let server = Server::start(simple_ivr_backend);
    let webhook = format!("{}/vca", server.url());
    let output = emulate(
        &[
            "--scenario",
            path(&dir.0.join("scenarios")),
            "--webhook",
            &webhook,
            "--junit",
            path(&junit),
        ],
        &[],
    );
    assert_exit(&output, 1);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("FAIL  press 2 <hears goodbye> ("),
        "{text}"
    );
    assert!(lines[1].contains("did not hear \"Goodbye\""), "{text}");
    assert!(text.contains("\npass  press 1 & hang up ("), "{text}");
    assert_eq!(lines.last(), Some(&"1 passed, 1 failed"), "{text}");

    let xml = fs::read_to_string(&junit).expect("the JUnit file");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        "{xml}"
    );
    assert!(
        xml.contains("tests=\"2\" failures=\"1\" errors=\"0\""),
        "{xml}"
    );
    assert!(
        xml.contains("<testcase name=\"press 1 &amp; hang up\""),
        "{xml}"
    );
    assert!(
        xml.contains("<testcase name=\"press 2 &lt;hears goodbye&gt;\""),
        "{xml}"
    );
    assert!(
        xml.contains("<failure message=\"the caller did not hear &quot;Goodbye&quot;"),
        "{xml}"
    );
    assert!(
        xml.contains("call "),
        "the transcript is in the failure: {xml}"
    );
}

#[test]
fn a_file_that_is_not_a_scenario_exits_2_after_the_others_ran() {
    let dir = TempDir::new();
    let resolved = json!({"sessionStatus": "COMPLETED"});
    dir.file("a.json", &scenario("press 1", "1", &resolved));
    dir.file("b.json", br#"{"name": "no call", "expect": {}}"#);
    let server = Server::start(simple_ivr_backend);
    let webhook = format!("{}/vca", server.url());
    let output = emulate(&["--scenario", path(&dir.0), "--webhook", &webhook], &[]);
    assert_exit(&output, 2);
    let text = stdout(&output);
    assert!(text.starts_with("pass  press 1 ("), "{text}");
    assert!(text.contains("ERROR "), "{text}");
    assert!(text.ends_with("1 passed, 1 failed\n"), "{text}");
    assert!(
        stderr(&output).contains("could not be run"),
        "{}",
        stderr(&output)
    );
}
