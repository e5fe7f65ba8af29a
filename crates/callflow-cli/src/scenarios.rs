//! `callflow emulate --scenario`: every scenario file run against the backend as a test,
//! a line each, a summary line, and `JUnit` XML on request.

use std::fmt::Write as _;
use std::fs;
use std::time::Instant;

use callflow_core::voice::emulator::Scenario;
use callflow_runner::HttpBackend;

use crate::cli::EmulateArgs;
use crate::emulate::{Trouble, prepare, write_out};
use crate::inputs::{self, Document};
use crate::junit::{self, Case, CaseResult};

/// The suite name in `JUnit` XML.
const SUITE: &str = "callflow emulate";

/// Runs every scenario `--scenario` names, prints the results and writes `--junit`;
/// `true` when every scenario passed. A file that is not a scenario is reported and
/// ends the run with trouble, after the others ran.
pub(crate) fn run(args: &EmulateArgs, backend: &HttpBackend) -> Result<bool, Trouble> {
    let mut cases = Vec::new();
    for document in inputs::documents(&args.scenario) {
        let case = match document {
            Ok(document) => run_one(args, &document, backend),
            Err(err) => Case {
                name: err.path().to_owned(),
                file: err.path().to_owned(),
                seconds: 0.0,
                result: CaseResult::Error(err.to_string()),
            },
        };
        write_out(&line(&case))?;
        cases.push(case);
    }
    let passed = cases
        .iter()
        .filter(|case| matches!(case.result, CaseResult::Passed))
        .count();
    let failed = cases.len() - passed;
    write_out(&format!("{passed} passed, {failed} failed\n"))?;
    if let Some(path) = &args.junit {
        fs::write(path, junit::document(SUITE, &cases))
            .map_err(|err| Trouble(format!("cannot write {}: {err}", path.display())))?;
    }
    let errors = cases
        .iter()
        .filter(|case| matches!(case.result, CaseResult::Error(_)))
        .count();
    if errors > 0 {
        return Err(Trouble(format!(
            "{errors} scenario file(s) could not be run"
        )));
    }
    Ok(failed == 0)
}

/// Runs the scenario in `document` and judges it.
fn run_one(args: &EmulateArgs, document: &Document, backend: &HttpBackend) -> Case {
    let file = document.origin.name();
    let scenario = match Scenario::from_json(document.bytes.as_slice()) {
        Ok(scenario) => scenario,
        Err(err) => {
            return Case {
                name: file.clone(),
                file,
                seconds: 0.0,
                result: CaseResult::Error(format!("{}: {err}", document.origin.name())),
            };
        }
    };
    let started = Instant::now();
    let (backend, options) = prepare(&args.backend, backend, scenario.options().clone());
    let transcript = backend.emulate_blocking(scenario.start_with(options));
    let seconds = started.elapsed().as_secs_f64();
    let reasons = scenario.check(&transcript);
    let result = if reasons.is_empty() {
        CaseResult::Passed
    } else {
        CaseResult::Failed {
            reasons,
            details: transcript.to_text(),
        }
    };
    Case {
        name: scenario.name().to_owned(),
        file,
        seconds,
        result,
    }
}

/// The lines printed for one case: `pass`, `FAIL` with the reasons and the transcript,
/// or `ERROR` with why it could not run.
fn line(case: &Case) -> String {
    let mut text = String::new();
    match &case.result {
        CaseResult::Passed => {
            let _ = writeln!(text, "pass  {} ({})", case.name, case.file);
        }
        CaseResult::Failed { reasons, details } => {
            let _ = writeln!(text, "FAIL  {} ({})", case.name, case.file);
            for reason in reasons {
                let _ = writeln!(text, "      - {reason}");
            }
            for detail in details.lines() {
                let _ = writeln!(text, "      | {detail}");
            }
        }
        CaseResult::Error(why) => {
            let _ = writeln!(text, "ERROR {why}");
        }
    }
    text
}
