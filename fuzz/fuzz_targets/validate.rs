//! Any bytes, under both profiles: validation must answer with a report, never panic,
//! and agree with itself when the same document arrives as a parsed `Value`.
#![no_main]

use callflow_core::voice::{Callflow, Profile, Reply, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let validator = Validator::new();
    for profile in [Profile::Request, Profile::Reply] {
        let report = validator.validate(data, profile);
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
            let from_value = validator.validate(&value, profile);
            // Issue counts may differ: text can repeat a key, a `Value` cannot.
            assert_eq!(report.status_code(), from_value.status_code());
        }
        if report.is_valid() {
            let json = match profile {
                Profile::Request => validator
                    .parse::<Callflow, _>(data)
                    .map(|body| body.to_json()),
                Profile::Reply => validator.parse::<Reply, _>(data).map(|body| body.to_json()),
            }
            .expect("a valid document parses");
            assert!(
                validator.validate(json.as_str(), profile).is_valid(),
                "{json}"
            );
        }
    }
});
