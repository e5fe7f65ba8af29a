//! What looks wrong about calls: `call-drops`, `step-cap`, `long-wait` and
//! `unreachable-outcome`, each linked to the graph check that reports the same fact,
//! when there is one.

use serde::Serialize;

use super::options::Options;
use super::transcript::{Ended, Transcript, seconds};
use super::walk::{edge_path, module_path};
use crate::diagnostics::{Report, Severity};

/// A graph check's issue that reports the same fact as a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct See {
    /// The issue's code (`missing-outcome`, `busy-loop`, ...).
    pub code: String,
    /// The issue's path.
    pub path: String,
}

/// The first issue of `report` at one of `paths`.
pub(super) fn see(report: &Report, paths: &[String]) -> Option<See> {
    report
        .issues()
        .iter()
        .find(|issue| paths.contains(&issue.path))
        .map(|issue| See {
            code: issue.code.to_string(),
            path: issue.path.clone(),
        })
}

/// A finding's message, pointing to the graph check that says the same when there is one.
pub(super) fn with_see(message: String, see: Option<&See>) -> String {
    match see {
        Some(see) => format!(
            "{message} (the graph check reports it: {} at {})",
            see.code, see.path
        ),
        None => message,
    }
}

/// One finding about a call, before it is attached to a call.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) code: &'static str,
    pub(super) severity: Severity,
    pub(super) message: String,
    pub(super) see: Option<See>,
    /// What makes two findings the same fact: the code and a place.
    pub(super) key: String,
}

/// The findings of one call: dropped with nobody answering, stopped by the step cap
/// (an error when the loop never waits, a warning when it waits for a caller who does
/// nothing or phones nobody answers), or a wait longer than the options' `longWaitMs`.
pub(super) fn of_call(transcript: &Transcript, report: &Report, options: &Options) -> Vec<Found> {
    let mut found = Vec::new();
    match &transcript.ended {
        Ended::Dropped { cause, at, module } if transcript.answered_at_ms.is_none() => {
            let mut paths = vec![at.clone()];
            paths.extend(module.as_deref().map(module_path));
            let see = see(report, &paths);
            let message = format!(
                "the call ends with nobody answering and no voicemail, conference, fax or trunk: {} at {at}",
                drop_cause(cause)
            );
            found.push(Found {
                code: "call-drops",
                severity: Severity::Warning,
                message: with_see(message, see.as_ref()),
                see,
                key: format!("call-drops {at}"),
            });
        }
        Ended::StepCap { module } => {
            let paths: Vec<String> = transcript
                .visited
                .iter()
                .flat_map(|key| [module_path(key), edge_path(key, "next", None)])
                .collect();
            let see = see(report, &paths);
            // The last steps hold a whole turn of the loop: it has no more modules than
            // the call visited.
            let distinct: std::collections::HashSet<&String> = transcript.visited.iter().collect();
            let passive = transcript
                .steps
                .iter()
                .rev()
                .take(distinct.len())
                .any(|step| step.input.is_some());
            let (severity, why) = if passive {
                (
                    Severity::Warning,
                    "a caller who presses nothing, with nobody answering, goes round a loop",
                )
            } else {
                (Severity::Error, "the flow loops without waiting for anyone")
            };
            let message =
                format!("{why} until the engine stops the call after 1000 steps, before {module}");
            found.push(Found {
                code: "step-cap",
                severity,
                message: with_see(message, see.as_ref()),
                see,
                key: format!("step-cap {module}"),
            });
        }
        _ => {}
    }
    let cut = matches!(
        transcript.ended,
        Ended::Repeat { .. } | Ended::StepCap { .. }
    );
    if transcript.wait_ms > options.long_wait_ms && !cut {
        let place = transcript
            .steps
            .last()
            .map_or("", |step| step.module.as_str());
        let message = format!(
            "the caller waits {} before anything answers (more than {}), until {place}",
            seconds(transcript.wait_ms),
            seconds(options.long_wait_ms)
        );
        found.push(Found {
            code: "long-wait",
            severity: Severity::Warning,
            message,
            see: None,
            key: format!("long-wait {place}"),
        });
    }
    found
}

/// A drop's cause, in words.
fn drop_cause(cause: &str) -> &'static str {
    match cause {
        "noStart" => "there is no start module",
        "noEdge" => "the outcome has no edge",
        "missingModule" => "the edge leads to a key that is not in the flow",
        "unknownModule" => "the engine cannot run the module",
        "extensionType" => "the dialled extension cannot be rung",
        _ => "the caller gave no valid PIN",
    }
}
