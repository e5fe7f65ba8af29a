//! Runs the real `callflow` on Yay.com call flows: one simulated call (`emulate`),
//! every path (`explore`), and a call's path drawn (`render --highlight`). No backend.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

#[path = "support/temp_dir.rs"]
mod temp_dir;

use temp_dir::TempDir;

/// The seed's "Call Pete" flow: a menu, then Pete's phone.
fn call_pete() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pbx/call-pete.json")
}

/// Pete's extension module.
const PETE: &str = "fdc20592-2757-4a9a-a1d3-3c4e7b6a39d6";

fn callflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callflow"))
        .args(args)
        .output()
        .expect("callflow runs")
}

/// `callflow COMMAND examples/pbx/call-pete.json ARGS...`.
fn on_pete(command: &str, args: &[&str]) -> Output {
    let pete = call_pete();
    let mut all = vec![command, pete.to_str().unwrap_or_default()];
    all.extend_from_slice(args);
    callflow(&all)
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

#[test]
fn a_flow_with_flow_is_simulated_with_no_backend() {
    let ring = format!("{PETE}=answer");
    let done = on_pete(
        "emulate",
        &[
            "--caller",
            "+441632960123",
            "--press",
            "1",
            "--ring",
            &ring,
            "--format",
            "json",
        ],
    );
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let call = json(&done);
    assert_eq!(call["caller"], "+441632960123");
    assert_eq!(call["pressed"], serde_json::json!(["1"]));
    assert_eq!(call["visited"].as_array().map(Vec::len), Some(3));
    assert_eq!(call["ended"]["kind"], "answered");
    assert_eq!(call["ended"]["module"], PETE);
}

#[test]
fn a_busy_phone_with_no_edge_drops_the_call() {
    let ring = format!("{PETE}=busy");
    let done = on_pete(
        "emulate",
        &["--profile", "yay", "--press", "1", "--ring", &ring],
    );
    let text = String::from_utf8_lossy(&done.stdout);
    assert!(text.contains("dropped"), "{text}");
    assert!(text.contains("call-drops"), "{text}");
}

#[test]
fn eight_by_eight_flags_and_bad_rings_are_usage_errors() {
    let pete = call_pete();
    let path = pete.to_str().unwrap_or_default();
    let done = callflow(&["emulate", path, "--callee", "busy"]);
    assert_eq!(done.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&done.stderr).contains("--callee is for 8x8 calls"));
    let done = callflow(&["emulate", path, "--ring", "pete=asleep"]);
    assert_eq!(done.status.code(), Some(2));
    let done = callflow(&["explore", path, "--dialect", "both"]);
    assert_eq!(done.status.code(), Some(2));
    // Taken as an 8x8 request instead, it needs a backend.
    let done = callflow(&["emulate", path, "--profile", "voice"]);
    assert_eq!(done.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&done.stderr).contains("--webhook"));
}

#[test]
fn explore_walks_every_path_and_draws_the_coverage() {
    let dir = TempDir::new();
    let svg = dir.0.join("pete.svg");
    let done = on_pete(
        "explore",
        &[
            "--map",
            svg.to_str().unwrap_or_default(),
            "--format",
            "json",
        ],
    );
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let explored = json(&done);
    assert!(
        explored["paths"]
            .as_array()
            .is_some_and(|paths| paths.len() > 3)
    );
    assert!(explored["coverage"].is_object());
    let codes: Vec<&str> = explored["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|finding| finding["code"].as_str())
        .collect();
    assert!(codes.contains(&"call-drops"), "{codes:?}");
    let drawing = std::fs::read_to_string(&svg).expect("the map is written");
    assert!(drawing.starts_with("<svg"));
    let json_map = dir.0.join("pete.json");
    let done = on_pete("explore", &["--map", json_map.to_str().unwrap_or_default()]);
    assert_eq!(done.status.code(), Some(2), "a Yay flow's map is a drawing");
}

#[test]
fn render_highlights_the_path_of_one_call() {
    let dir = TempDir::new();
    let done = on_pete("emulate", &["--press", "1", "--format", "json"]);
    let transcript = dir.file("call.json", &done.stdout);
    let drawn = on_pete(
        "render",
        &["--highlight", transcript.to_str().unwrap_or_default()],
    );
    assert_eq!(drawn.status.code(), Some(0));
    let mermaid = String::from_utf8_lossy(&drawn.stdout);
    assert!(mermaid.contains("n0 ==> n1"), "{mermaid}");
    let plain = on_pete("render", &[]);
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("==>"));
    let missing = on_pete("render", &["--highlight", "/nonexistent/t.json"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn the_readme_shows_what_the_commands_print() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("the README");
    for command in ["emulate", "explore"] {
        let marker = format!("```text\n$ callflow {command} examples/pbx/");
        let start = readme.find(&marker).expect("the README shows the command") + "```text\n".len();
        let block = &readme[start..];
        let block = &block[..block.find("```").expect("the block ends")];
        let (line, shown) = block
            .split_once('\n')
            .expect("a command line, then its output");
        let args: Vec<&str> = line.split_whitespace().skip(2).collect();
        let done = Command::new(env!("CARGO_BIN_EXE_callflow"))
            .args(&args)
            .current_dir(&root)
            .output()
            .expect("callflow runs");
        assert_eq!(String::from_utf8_lossy(&done.stdout), shown, "{line}");
    }
}
