//! The committed generated files are what a fresh run of the generator writes.

use std::path::Path;

#[test]
fn committed_outputs_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let stale = callflow_codegen::stale(&root).expect("the generator runs");
    assert!(
        stale.is_empty(),
        "{} differ from what the catalogue generates: run {} and commit the result",
        stale.join(", "),
        callflow_codegen::COMMAND
    );
}
