//! Runs the real `callflow` binary, as a user or a script would.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

#[path = "support/temp_dir.rs"]
mod temp_dir;

use temp_dir::TempDir;

/// The bundled examples, `examples/` at the workspace root.
fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// A valid VCA reply that is an invalid request (it does not start with `makeCall`).
const HANGUP_REPLY: &str = r#"{"callflow": [{"action": "hangup"}]}"#;

/// A valid Send Callflow request.
const VALID_REQUEST: &str = r#"{"callflow": [
    {"action": "makeCall", "params": {"source": "+6512341234", "destination": "+6512345678"}},
    {"action": "say", "params": {"text": "Hello.", "voiceProfile": "en-GB-Emma"}},
    {"action": "hangup"}
]}"#;

/// Runs `callflow` with `args`, feeding `stdin`, with `NO_COLOR` unset so that only
/// the terminal check decides about colour.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A run that fails on its arguments exits without reading stdin.
    let written = child.stdin.take().expect("stdin is piped").write_all(stdin);
    if let Err(err) = written {
        assert_eq!(
            err.kind(),
            std::io::ErrorKind::BrokenPipe,
            "stdin is written"
        );
    }
    child.wait_with_output().expect("the binary ends")
}

/// Like [`run`], with `paths` after `args` and nothing on stdin.
fn run_paths(args: &[&str], paths: &[&Path]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(paths.iter().map(|p| p.to_str().expect("UTF-8 temp path")));
    run(&all, b"")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn json(output: &Output) -> Vec<Value> {
    match serde_json::from_slice(&output.stdout).expect("stdout is one JSON document") {
        Value::Array(entries) => entries,
        other => panic!("expected an array, got {other}"),
    }
}

#[test]
fn examples_have_exactly_one_invalid_file() {
    let output = run_paths(&["validate"], &[&examples_dir()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let invalid: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": invalid (status "))
        .collect();
    assert_eq!(invalid.len(), 1, "{text}");
    assert!(invalid[0].contains("invalid-ivr.json (request)"), "{text}");
    let oks = text.lines().filter(|l| l.contains("): ok")).count();
    assert!(oks >= 8, "{text}");
    assert!(
        text.trim_end()
            .ends_with(&format!("checked: {oks} ok, 1 invalid")),
        "{text}"
    );
    assert!(stderr(&output).is_empty());
}

#[test]
fn examples_are_checked_in_sorted_order_as_what_they_are() {
    let output = run_paths(&["validate"], &[&examples_dir()]);
    let text = stdout(&output);
    let status_lines: Vec<&str> = text.lines().filter(|l| l.contains(".json (")).collect();
    let mut sorted = status_lines.clone();
    sorted.sort_unstable();
    assert_eq!(status_lines, sorted, "files come in sorted order");
    assert!(
        status_lines
            .iter()
            .any(|l| l.contains(".reply.json (reply): ok")),
        "{text}"
    );
    for line in status_lines {
        let (file, _) = line.split_once(" (").expect("a status line");
        let profile = if file.contains("/pbx/") {
            "yay"
        } else if file.contains("/ivr/") {
            "ivr"
        } else if file.ends_with(".reply.json") {
            "reply"
        } else {
            "request"
        };
        assert!(line.contains(&format!(" ({profile}): ")), "{line}");
    }
}

#[test]
fn an_ivr_map_is_checked_with_its_own_codes() {
    let broken =
        br#"{"start": "main", "menus": {"main": {"prompt": "Hi.", "options": {"1": "nowhere"}}}}"#;
    for args in [
        &["validate", "-"][..],
        &["validate", "--profile", "ivr", "-"],
    ] {
        let output = run(args, broken);
        assert_eq!(output.status.code(), Some(1));
        let text = stdout(&output);
        assert!(
            text.contains("(ivr): invalid") && text.contains("unknown-menu"),
            "{text}"
        );
    }
}

#[test]
fn invalid_example_reports_the_missing_overall_timeout_and_a_hint() {
    let path = examples_dir().join("voice/invalid-ivr.json");
    let output = run_paths(&["validate", "--format", "json"], &[&path]);
    assert_eq!(output.status.code(), Some(1));
    let entries = json(&output);
    let issues = entries[0]["issues"].as_array().expect("issues");
    assert!(issues.iter().any(|i| i["code"] == -1005));
    assert!(
        issues
            .iter()
            .any(|i| i["hint"] == "did you mean \"voiceProfile\"?")
    );
}

#[test]
fn json_output_is_the_documented_array() {
    let dir = TempDir::new();
    let bad = dir.file(
        "bad.json",
        br#"{"callflow": [{"action": "sayandcapture"}]}"#,
    );
    let good = dir.file("good.json", VALID_REQUEST.as_bytes());
    let output = run_paths(&["validate", "--format", "json"], &[&bad, &good]);
    assert_eq!(output.status.code(), Some(1));
    let entries = json(&output);
    assert_eq!(entries.len(), 2);
    for entry in &entries {
        let object = entry.as_object().expect("an object");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 4);
        for key in ["file", "ok", "statusCode", "issues"] {
            assert!(object.contains_key(key), "{key} in {entry}");
        }
        assert!(entry["file"].is_string());
        assert!(entry["ok"].is_boolean());
        assert!(entry["statusCode"].is_i64());
        for issue in entry["issues"].as_array().expect("issues is an array") {
            let issue = issue.as_object().expect("an issue is an object");
            let mut keys: Vec<&str> = issue.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["code", "hint", "message", "path", "severity"]);
            assert!(issue["code"].is_i64());
            assert!(issue["path"].is_string());
            assert!(issue["message"].is_string());
            assert!(matches!(
                issue["severity"].as_str(),
                Some("error" | "warning")
            ));
            assert!(issue["hint"].is_string() || issue["hint"].is_null());
        }
    }
    assert_eq!(entries[0]["file"], bad.to_str().expect("UTF-8"));
    assert_eq!(entries[0]["ok"], false);
    assert_eq!(entries[0]["statusCode"], -1007);
    assert_eq!(
        entries[0]["issues"][0]["hint"],
        "did you mean \"sayAndCapture\"?"
    );
    assert_eq!(entries[1]["ok"], true);
    assert_eq!(entries[1]["statusCode"], 1);
    assert_eq!(entries[1]["issues"], Value::Array(Vec::new()));
}

#[test]
fn stdin_is_read_for_a_dash() {
    let output = run(&["validate", "-"], VALID_REQUEST.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).starts_with("<stdin> (request): ok\n"));

    let output = run(&["validate", "--format", "json", "-"], b"{}");
    assert_eq!(output.status.code(), Some(1));
    let entries = json(&output);
    assert_eq!(entries[0]["file"], "<stdin>");
    assert_eq!(entries[0]["ok"], false);
}

#[test]
fn stdin_is_a_request_under_auto() {
    let output = run(&["validate", "-"], HANGUP_REPLY.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("<stdin> (request): invalid (status -1013)"));
}

#[test]
fn profile_option_decides_how_the_same_body_is_read() {
    let dir = TempDir::new();
    let path = dir.file("menu.json", HANGUP_REPLY.as_bytes());

    let output = run_paths(&["validate", "--profile", "reply"], &[&path]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("menu.json (reply): ok"));

    let output = run_paths(&["validate", "--profile", "request"], &[&path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("menu.json (request): invalid (status -1013)"));

    // The default, auto, goes by the file name.
    let output = run_paths(&["validate"], &[&path]);
    assert_eq!(output.status.code(), Some(1));
    let reply = dir.file("menu.reply.json", HANGUP_REPLY.as_bytes());
    let output = run_paths(&["validate"], &[&reply]);
    assert_eq!(output.status.code(), Some(0));
    // A forced profile wins over the name.
    let output = run_paths(&["validate", "--profile", "request"], &[&reply]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn missing_path_is_reported_and_the_others_still_checked() {
    let dir = TempDir::new();
    let missing = dir.0.join("no-such-file.json");
    let good = dir.file("good.json", VALID_REQUEST.as_bytes());
    let output = run_paths(&["validate"], &[&missing, &good]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains(missing.to_str().expect("UTF-8")), "{err}");
    assert!(stdout(&output).contains("good.json (request): ok"));
    assert!(!stdout(&output).contains("no-such-file"));

    let output = run_paths(&["validate", "--format", "json"], &[&missing, &good]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json(&output).len(), 1);
    assert!(stderr(&output).contains("no-such-file.json"));
}

#[test]
fn empty_directory_is_an_error() {
    let dir = TempDir::new();
    fs::create_dir(dir.0.join("empty")).expect("dir is created");
    dir.file("notes.txt", b"not a callflow");
    let output = run_paths(&["validate"], &[&dir.0]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no *.json file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn directories_are_walked_recursively() {
    let dir = TempDir::new();
    fs::create_dir_all(dir.0.join("b/deeper")).expect("dirs are created");
    dir.file("b/deeper/z.json", VALID_REQUEST.as_bytes());
    dir.file("a.json", VALID_REQUEST.as_bytes());
    dir.file("b/skipped.txt", b"not json");
    let output = run_paths(&["validate", "--format", "json"], &[&dir.0]);
    assert_eq!(output.status.code(), Some(0));
    let files: Vec<String> = json(&output)
        .iter()
        .map(|e| e["file"].as_str().expect("file").replace('\\', "/"))
        .collect();
    assert_eq!(files.len(), 2);
    assert!(files[0].ends_with("/a.json"));
    assert!(files[1].ends_with("/b/deeper/z.json"));
}

#[test]
fn unknown_profile_is_a_usage_error() {
    let output = run(&["validate", "--profile", "answer", "-"], b"{}");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(stderr(&output).contains("answer"));
}

#[test]
fn no_path_is_a_usage_error() {
    let output = run(&["validate"], b"");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn invalid_utf8_gives_a_json_error_report() {
    let dir = TempDir::new();
    let path = dir.file("latin1.json", b"{\"callflow\": \"caf\xe9\"}");
    let output = run_paths(&["validate", "--format", "json"], &[&path]);
    assert_eq!(output.status.code(), Some(1));
    let entries = json(&output);
    assert_eq!(entries[0]["statusCode"], -1001);
    assert_eq!(entries[0]["issues"][0]["code"], -1001);

    let output = run(&["validate", "-"], &[0xff, 0xfe, 0x00]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("invalid (status -1001)"));
}

#[test]
fn valid_file_exits_zero() {
    let path = examples_dir().join("voice/simple-ivr.json");
    let output = run_paths(&["validate"], &[&path]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).ends_with("1 file checked: 1 ok, 0 invalid\n"));
    assert!(output.stderr.is_empty());
}

#[test]
fn text_has_no_colour_when_not_on_a_terminal() {
    let output = run_paths(&["validate"], &[&examples_dir()]);
    assert!(!output.stdout.contains(&0x1b), "{}", stdout(&output));
    assert!(!output.stderr.contains(&0x1b));
}

/// Checks that the README shows, after `$ callflow validate <path>`, what the command
/// prints (up to the next `$` line or the end of the block).
fn assert_readme_shows_validate(path: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let command = format!("$ callflow validate {path}\n");
    let start = readme.find(&command).expect("the README shows the command") + command.len();
    let rest = &readme[start..];
    let end = [rest.find("```"), rest.find("\n$ ").map(|at| at + 1)]
        .into_iter()
        .flatten()
        .min()
        .expect("block ends");
    let output = Command::new(env!("CARGO_BIN_EXE_callflow"))
        .args(["validate", path])
        .current_dir(&root)
        .output()
        .expect("the binary runs");
    assert_eq!(stdout(&output), &rest[..end]);
}

#[test]
fn readme_shows_the_real_output_for_the_invalid_example() {
    assert_readme_shows_validate("examples/voice/invalid-ivr.json");
}

#[test]
fn readme_shows_the_real_output_for_the_seed_yay_flow() {
    assert_readme_shows_validate("examples/pbx/call-pete.json");
}

#[test]
fn a_flood_of_issues_is_summed_up() {
    let unknown: Vec<String> = (0..1_500).map(|i| format!(r#""extra{i}": 1"#)).collect();
    let body = format!(
        r#"{{{}, "callflow": [{{"action": "hangup"}}]}}"#,
        unknown.join(", ")
    );

    let text = run(&["validate", "--profile", "reply", "-"], body.as_bytes());
    assert_eq!(text.status.code(), Some(1));
    assert!(stdout(&text).contains("  ... and 500 more issues not listed\n"));

    let json = run(
        &["validate", "--profile", "reply", "--format", "json", "-"],
        body.as_bytes(),
    );
    let entries = self::json(&json);
    assert_eq!(entries[0]["issues"].as_array().map(Vec::len), Some(1000));
    assert_eq!(entries[0]["omitted"], 500);
}

/// A Yay.com call flow with an edge to a key that does not exist.
const BROKEN_YAY_FLOW: &str = r#"{"extension": 501, "name": "Broken", "flow": {
    "start": {"module": "start", "next": "menu"}}}"#;

#[test]
fn yay_flows_are_recognised_and_their_codes_are_names() {
    let output = run(&["validate", "-"], BROKEN_YAY_FLOW.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("<stdin> (yay): invalid (status dangling-reference)\n"),
        "{text}"
    );
    assert!(
        text.contains("  error[dangling-reference] $.flow.start.next\n"),
        "{text}"
    );

    let output = run(
        &["validate", "--format", "json", "-"],
        BROKEN_YAY_FLOW.as_bytes(),
    );
    let entries = json(&output);
    assert_eq!(entries[0]["statusCode"], "dangling-reference");
    assert_eq!(entries[0]["issues"][0]["code"], "dangling-reference");
    assert_eq!(entries[0]["issues"][0]["severity"], "error");
}

#[test]
fn profile_yay_checks_any_document_as_a_call_flow() {
    let output = run(
        &["validate", "--profile", "yay", "--format", "json", "-"],
        HANGUP_REPLY.as_bytes(),
    );
    let entries = json(&output);
    assert_eq!(entries[0]["issues"][0]["code"], "invalid-structure");
    assert_eq!(entries[0]["issues"][0]["path"], "$.callflow");
}

#[test]
fn render_draws_every_format_of_the_seed_flow() {
    let seed = examples_dir().join("pbx/call-pete.json");
    let mermaid = run_paths(&["render"], &[&seed]);
    assert_eq!(mermaid.status.code(), Some(0), "{}", stderr(&mermaid));
    assert!(stdout(&mermaid).starts_with("flowchart TD\n"));
    let dot = run_paths(&["render", "--format", "dot"], &[&seed]);
    assert!(stdout(&dot).starts_with("digraph callflow {\n"));

    let dir = TempDir::new();
    let out = dir.0.join("pete.svg");
    let svg = run(
        &[
            "render",
            seed.to_str().expect("UTF-8"),
            "-o",
            out.to_str().expect("UTF-8"),
        ],
        b"",
    );
    assert_eq!(svg.status.code(), Some(0), "{}", stderr(&svg));
    assert!(svg.stdout.is_empty());
    let picture = fs::read_to_string(&out).expect("the SVG is written");
    assert!(picture.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(picture.ends_with("</svg>\n"));
}

#[test]
fn render_refuses_what_is_not_a_call_flow() {
    let output = run(&["render", "-"], br#"{"hello": 1}"#);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not a call flow"),
        "{}",
        stderr(&output)
    );
    let output = run(&["render", "-"], b"{");
    assert_eq!(output.status.code(), Some(1));
    let output = run(&["render", "/nonexistent/flow.json"], b"");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn schema_prints_the_committed_schemas() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    for name in ["request", "reply", "yay", "ivr"] {
        let output = run(&["schema", name], b"");
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let committed = fs::read_to_string(schemas.join(format!("{name}.json")))
            .expect("schemas/ has the committed copy");
        assert!(
            stdout(&output) == committed,
            "schemas/{name}.json differs from `callflow schema {name}`: regenerate it with \
             `cargo run -q -p callflow-cli -- schema {name} -o schemas/{name}.json`"
        );
        let schema: Value = serde_json::from_str(&committed).expect("a schema is JSON");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    let output = run(&["schema", "yaml"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("[possible values: request, reply, yay, ivr]"));
}
