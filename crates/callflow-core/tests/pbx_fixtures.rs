//! Runs every shared vector in `tests/fixtures/pbx/` (see its README). Each `document`
//! case is checked as text and as a `serde_json::Value`; each one the model can hold
//! must also survive parse → serialise unchanged, and report the same again.

mod common;
#[path = "common/reports.rs"]
mod reports;

use callflow_core::Report;
use callflow_core::json::Json;
use callflow_core::pbx::{CallFlow, Options};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

const MIN_CASES: usize = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    options: CaseOptions,
    document: Option<Box<RawValue>>,
    body: Option<String>,
    expect: Expect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CaseOptions {
    #[serde(default)]
    strict: bool,
}

#[derive(Deserialize, PartialEq, Debug)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    status_code: Value,
    issues: Vec<Value>,
    #[serde(default)]
    omitted: usize,
}

impl common::Named for Case {
    fn name(&self) -> &str {
        &self.name
    }
}

fn actual(report: &Report) -> Expect {
    Expect {
        status_code: serde_json::to_value(report.wire_status()).expect("code serialises"),
        issues: report
            .issues()
            .iter()
            .map(|issue| serde_json::to_value(issue).expect("issue serialises"))
            .collect(),
        omitted: report.omitted(),
    }
}

fn pretty(issues: &[Value]) -> String {
    serde_json::to_string_pretty(issues).unwrap_or_default()
}

/// Checks one case; returns a description of each way it failed.
fn run_case(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let options = Options::new().strict(case.options.strict);
    let text = match (&case.document, &case.body) {
        (Some(document), None) => document.get(),
        (None, Some(body)) => body.as_str(),
        _ => return vec!["needs exactly one of `document` and `body`".to_owned()],
    };

    let report = options.check(text);
    failures.extend(reports::reread_failure(&report));
    let got = actual(&report);
    if got != case.expect {
        failures.push(format!(
            "as text: status {}, expected {}\n    expected {}\n    got      {}",
            got.status_code,
            case.expect.status_code,
            pretty(&case.expect.issues),
            pretty(&got.issues),
        ));
    }
    if case.document.is_some() {
        let value: Value = serde_json::from_str(text).expect("document is JSON");
        let from_value = actual(&options.check(&value));
        if from_value.status_code != case.expect.status_code
            || reports::sorted(&from_value.issues) != reports::sorted(&case.expect.issues)
        {
            failures.push(format!(
                "as serde_json::Value: got {}",
                pretty(&from_value.issues)
            ));
        }
        failures.extend(round_trip(text, options, &got));
    }
    failures
}

/// A document the model can hold serialises back to the same JSON, and a call flow
/// built from it reports the same issues.
fn round_trip(text: &str, options: Options, first: &Expect) -> Option<String> {
    let Ok(flow) = CallFlow::from_json(text) else {
        return None;
    };
    let json = flow.to_json();
    let compact = serde_json::to_string(&Json::parse_str(text).expect("JSON")).expect("writes");
    if json != compact {
        return Some(format!("parse → serialise changed the document: {json}"));
    }
    let again = actual(&flow.check_with(options));
    (again != *first).then(|| "the parsed call flow reports differently".to_owned())
}

#[test]
fn shared_pbx_vectors() {
    common::run_vectors("pbx", MIN_CASES, run_case);
}
