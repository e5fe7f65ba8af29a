//! Any bytes as a webhook body: parsing must give an event or an error, never panic, and
//! an event must serialise to JSON that names its type.
#![no_main]

use callflow_core::voice::events::parse_event;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = parse_event(data) {
        let flat: serde_json::Value =
            serde_json::from_str(&event.to_json()).expect("an event serialises to JSON");
        assert_eq!(flat["eventType"], event.event_type.as_str());
    }
});
