//! Runs every shared vector in `tests/fixtures/voice/` (see its README) and checks the
//! report issue by issue. Each `document` case is validated as text and as a
//! `serde_json::Value`; a valid one must also survive parse → serialise → validate.

mod common;
#[path = "common/reports.rs"]
mod reports;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use callflow_core::Report;
use callflow_core::voice::{Body, Callflow, Profile, Reply, StatusCode, Validator};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

const DEFAULT_NOW: &str = "2024-07-01T00:00:00.000Z";
const MIN_CASES: usize = 80;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    profile: String,
    now: Option<String>,
    document: Option<Box<RawValue>>,
    body: Option<String>,
    expect: Expect,
}

#[derive(Deserialize, PartialEq, Debug)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    status_code: i32,
    issues: Vec<Value>,
}

impl common::Named for Case {
    fn name(&self) -> &str {
        &self.name
    }
}

fn clock(now: Option<&str>) -> SystemTime {
    let text = now.unwrap_or(DEFAULT_NOW);
    let parsed = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|err| panic!("bad `now` {text:?}: {err}"));
    let nanos = u64::try_from(parsed.unix_timestamp_nanos()).expect("`now` after 1970");
    UNIX_EPOCH + Duration::from_nanos(nanos)
}

fn actual(report: &Report) -> Expect {
    Expect {
        status_code: StatusCode::of(report).code(),
        issues: report
            .issues()
            .iter()
            .map(|issue| serde_json::to_value(issue).expect("issue serialises"))
            .collect(),
    }
}

/// Checks one case; returns a description of each way it failed.
fn run_case(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let profile: Profile = case.profile.parse().expect("profile is request or reply");
    let validator = Validator::new().at(clock(case.now.as_deref()));
    let text = match (&case.document, &case.body) {
        (Some(document), None) => document.get(),
        (None, Some(body)) => body.as_str(),
        _ => return vec!["needs exactly one of `document` and `body`".to_owned()],
    };

    let report = validator.validate(text, profile);
    failures.extend(reports::reread_failure(&report));
    let got = actual(&report);
    if got != case.expect {
        failures.push(format!(
            "as text:\n    expected {}\n    got      {}",
            serde_json::to_string_pretty(&case.expect.issues).unwrap_or_default(),
            serde_json::to_string_pretty(&got.issues).unwrap_or_default(),
        ));
        if got.status_code != case.expect.status_code {
            failures.push(format!(
                "status {} != expected {}",
                got.status_code, case.expect.status_code
            ));
        }
    }

    if case.document.is_some() {
        let value: Value = serde_json::from_str(text).expect("document is JSON");
        let from_value = actual(&validator.validate(&value, profile));
        if from_value.status_code != case.expect.status_code
            || reports::sorted(&from_value.issues) != reports::sorted(&case.expect.issues)
        {
            failures.push(format!(
                "as serde_json::Value: got {}",
                serde_json::to_string_pretty(&from_value.issues).unwrap_or_default()
            ));
        }
        if got.status_code == 1 {
            failures.extend(round_trip(validator, text, profile, &got));
        }
    }
    failures
}

/// A valid document parses into the typed body, serialises, and validates the same.
fn round_trip(
    validator: Validator,
    text: &str,
    profile: Profile,
    first: &Expect,
) -> Option<String> {
    let json = match profile {
        Profile::Request => validator
            .parse::<Callflow, _>(text)
            .map(|body| body.to_json()),
        Profile::Reply => validator
            .parse::<Reply, _>(text)
            .map(|body| Body::to_json(&body)),
    };
    let json = match json {
        Ok(json) => json,
        Err(err) => return Some(format!("valid, but parse failed: {err}")),
    };
    let again = actual(&validator.validate(json.as_str(), profile));
    (again != *first).then(|| format!("round trip changed the report; serialised as {json}"))
}

#[test]
fn shared_voice_vectors() {
    common::run_vectors("voice", MIN_CASES, |case: &Case| run_case(case));
}
