//! The `validate` subcommand: read every document, validate it, render it, and choose
//! the exit status.

use std::io::{self, Write};
use std::process::ExitCode;

use callflow_core::json::Json;
use callflow_core::voice::{ivr, validate};
use callflow_core::{Report, pbx};

use crate::cli::{Kind, ValidateArgs};
use crate::inputs;
use crate::render::{Palette, Renderer, Tally};

/// Exit status when every document is valid (warnings allowed).
const EXIT_VALID: u8 = 0;
/// Exit status when at least one document is invalid.
const EXIT_INVALID: u8 = 1;
/// Exit status when a path could not be read or the output could not be written; it
/// wins over [`EXIT_INVALID`]. Clap uses it for usage errors too.
const EXIT_TROUBLE: u8 = 2;

/// Runs `callflow validate` and returns its exit status.
pub(crate) fn run(args: &ValidateArgs) -> ExitCode {
    match validate_all(args) {
        Ok(tally) => ExitCode::from(exit_status(tally)),
        // The reader went away (`callflow validate . | head`): nothing left to say.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_TROUBLE),
        Err(err) => {
            eprintln!("callflow: cannot write the output: {err}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Validates every document, writing results to stdout and unreadable paths to stderr.
fn validate_all(args: &ValidateArgs) -> io::Result<Tally> {
    let mut out = io::stdout().lock();
    let mut renderer = Renderer::new(args.format, Palette::detect());
    let mut tally = Tally::default();
    for document in inputs::documents(&args.paths) {
        match document {
            Ok(document) => {
                let (kind, report) = check(args, &document);
                tally.checked += 1;
                if !report.is_valid() {
                    tally.invalid += 1;
                }
                renderer.document(&mut out, document.origin.name(), kind, report)?;
            }
            Err(err) => {
                tally.unreadable += 1;
                out.flush()?;
                eprintln!("callflow: {err}");
            }
        }
    }
    renderer.finish(&mut out, tally)?;
    out.flush()?;
    Ok(tally)
}

/// Checks one document as what `--profile` makes it, parsing it once.
fn check(args: &ValidateArgs, document: &inputs::Document) -> (Kind, Report) {
    let parsed = Json::parse(&document.bytes);
    let kind = args.profile.resolve(&document.origin, parsed.as_ref().ok());
    let report = match (kind, parsed) {
        (Kind::Yay, Ok(tree)) => pbx::check(&tree),
        (Kind::Yay, Err(_)) => pbx::check(document.bytes.as_slice()),
        (Kind::Ivr, Ok(tree)) => ivr::check(&tree),
        (Kind::Ivr, Err(_)) => ivr::check(document.bytes.as_slice()),
        (Kind::Voice(profile), Ok(tree)) => validate(&tree, profile),
        (Kind::Voice(profile), Err(_)) => validate(document.bytes.as_slice(), profile),
    };
    (kind, report)
}

/// The exit status for what was found.
fn exit_status(tally: Tally) -> u8 {
    if tally.unreadable > 0 {
        EXIT_TROUBLE
    } else if tally.invalid > 0 {
        EXIT_INVALID
    } else {
        EXIT_VALID
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_paths_win_over_invalid_documents() {
        let tally = |invalid, unreadable| Tally {
            checked: 3,
            invalid,
            unreadable,
        };
        assert_eq!(exit_status(tally(0, 0)), EXIT_VALID);
        assert_eq!(exit_status(tally(1, 0)), EXIT_INVALID);
        assert_eq!(exit_status(tally(1, 1)), EXIT_TROUBLE);
        assert_eq!(exit_status(tally(0, 1)), EXIT_TROUBLE);
    }
}
