//! Any bytes as a whole emulated call: the input splits at `0xFF` bytes (never part of
//! UTF-8 text) into a Send Callflow request, a caller script and the backend's answers,
//! in order. The call must end with a transcript that serialises, never a panic; the
//! same bytes as options, an IVR map and a scenario must give a value or an error. The
//! answers, read as an IVR map, are also explored (within a small budget) from the
//! request and walked at random.
#![no_main]

use callflow_core::voice::emulator::{
    Emulator, ExploreOptions, Explorer, MapBackend, Options, RandomWalk, Response, Scenario, Script,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|byte| *byte == 0xFF);
    let request = parts.next().unwrap_or_default();
    let script = parts
        .next()
        .and_then(|script| Script::from_json(script).ok())
        .unwrap_or_default();
    let mut answers: Vec<&[u8]> = parts.collect();
    if let Some(map) = answers
        .first()
        .and_then(|map| MapBackend::from_json(*map).ok())
    {
        let settings =
            ExploreOptions::from_json(r#"{"maxCalls": 40, "maxDepth": 4, "dialect": "both"}"#)
                .expect("valid explore options");
        if let Ok(explorer) = Explorer::outbound(request, Options::default(), settings) {
            let found = explorer.run(|webhook| map.answer(webhook));
            assert!(found.calls <= 40);
            let _ = (found.to_json(), found.to_text(), found.scenarios());
        }
    }
    if let Some(walk) = answers
        .first()
        .and_then(|map| RandomWalk::from_json(*map).ok())
    {
        let _ = walk.script(7, 0.2, 0.2);
    }
    answers.reverse();
    let transcript = Emulator::outbound(request, script, Options::default()).run(|_| {
        answers.pop().map_or_else(
            || Response::json(200, "{}"),
            |body| Response::Answered {
                status: 200,
                body: body.to_vec(),
                latency_ms: 1.0,
            },
        )
    });
    let json: serde_json::Value =
        serde_json::from_str(&transcript.to_json()).expect("a transcript serialises to JSON");
    assert_eq!(json["ok"], transcript.ok());
    let _ = transcript.to_text();
    let _ = Options::from_json(request);
    let _ = MapBackend::from_json(request);
    let _ = Scenario::from_json(request);
});
