//! Any bytes as a Yay.com call flow: the checks and the diagrams must answer, never
//! panic, and a document the model holds must write back what it read.
#![no_main]

use callflow_core::diagram::{Diagram, Format};
use callflow_core::pbx::{CallFlow, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for strict in [false, true] {
        let _ = Options::new().strict(strict).check(data);
    }
    if let Ok(diagram) = Diagram::from_json(data) {
        for format in [Format::Mermaid, Format::Dot, Format::Svg] {
            let _ = diagram.render(format);
        }
    }
    if let Ok(flow) = CallFlow::parse(data) {
        let again = CallFlow::parse(flow.to_json().as_str()).expect("a written flow reads back");
        assert_eq!(again, flow);
    }
});
