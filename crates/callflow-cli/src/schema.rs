//! The `schema` subcommand: print the JSON Schema of a document.

use std::process::ExitCode;

use crate::cli::SchemaArgs;
use crate::draw::write_output;

/// Runs `callflow schema` and returns its exit status.
pub(crate) fn run(args: &SchemaArgs) -> ExitCode {
    let schema = args.document.schema();
    let text = match serde_json::to_string_pretty(&schema) {
        Ok(text) => text + "\n",
        Err(err) => {
            eprintln!("callflow: {err}");
            return ExitCode::from(2);
        }
    };
    write_output(args.output.as_deref(), &text)
}
