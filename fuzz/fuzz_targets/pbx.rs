//! Any bytes as a Yay.com call flow: the checks and the diagrams must answer, never
//! panic, and a document the model holds must write back what it read, and simulate and
//! explore (within a small budget) to an end.
#![no_main]

use callflow_core::diagram::{Diagram, Format};
use callflow_core::pbx::{CallFlow, Options, simulate};
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
    if let Ok(flow) = CallFlow::from_json(data) {
        let again = CallFlow::from_json(flow.to_json().as_str()).expect("a written flow reads back");
        assert_eq!(again, flow);
        let mut options = simulate::Options::default();
        options.max_paths = 40;
        let call = simulate::Call::new().press("1").silence();
        let transcript = simulate::simulate(&flow, &call, &options);
        assert!(
            transcript.visited.len()
                <= usize::try_from(simulate::STEP_CAP).unwrap_or(usize::MAX) + 1
        );
        let explored = simulate::explore(&flow, &simulate::Call::new(), &options);
        assert!(explored.paths.len() <= 40);
    }
});
