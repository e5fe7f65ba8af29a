//! Any bytes as an IVR map and, after a `0xFF` byte (never part of UTF-8 text), a
//! webhook: the checks, the expansion, the diagram and the runtime must answer, never
//! panic. A map the runtime loads has no error in its check, and every reply it sends is
//! one the platform accepts.
#![no_main]

use callflow_core::diagram::{Diagram, Format};
use callflow_core::voice::events::parse_event;
use callflow_core::voice::ivr::{self, Ivr, Next};
use callflow_core::voice::{Profile, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |byte| *byte == 0xFF);
    let map = parts.next().unwrap_or_default();
    let event = parts.next().unwrap_or_default();
    let report = ivr::check(map);
    let _ = report.to_string();
    if let Ok(full) = ivr::expand(map) {
        let _ = ivr::check(&full);
    }
    if let Ok(diagram) = Diagram::from_json(map) {
        let _ = diagram.render(Format::Svg);
    }
    let Ok(runtime) = Ivr::from_json(map) else {
        return;
    };
    assert!(
        report.is_valid(),
        "a map the runtime loads checks without errors: {report}"
    );
    let _ = runtime.request("+6512345678", "+6587654321", None);
    if let Ok(event) = parse_event(event) {
        if let Next::Reply { body, .. } = runtime.reply(&event).next {
            let checked = validate(body, Profile::Reply);
            assert!(
                checked.is_valid(),
                "the runtime sent a reply the platform refuses: {checked}"
            );
        }
    }
});
