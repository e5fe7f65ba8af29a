//! The validation pass: reads a document tree, reports every issue, and assembles the
//! typed body when there is none.

mod actions;
mod formats;
mod placement;
mod reader;

use std::fmt::Display;
use std::time::SystemTime;

use self::placement::Placement;
use self::reader::{Expected, Field, Presence, Problem, Reader, owned};
use super::action::Action;
use super::input::Input;
use super::params::Param;
use super::profile::Profile;
use super::status::StatusCode;
use super::timestamp::{format_timestamp, parse_timestamp, unix_nanos};
use crate::diagnostics::{Collector, Issue, Phase, Report, Severity};
use crate::json::Json;
use crate::path::Path;
use crate::suggest::did_you_mean;

/// A decoded body: its optional top-level string and its actions.
pub(crate) type Decoded = (Option<String>, Vec<Action>);

/// Validates `input` under `profile` at time `now`; with `assemble`, also builds the
/// typed body when there is no error.
pub(crate) fn run<I: Input + ?Sized>(
    input: &I,
    profile: Profile,
    now: SystemTime,
    assemble: bool,
) -> (Report, Option<Decoded>) {
    let mut ck = Checker {
        assemble,
        ..Checker::default()
    };
    let decoded = match input.to_tree() {
        Ok(tree) => body(&mut ck, &tree, profile, now),
        Err(err) => {
            ck.error(StatusCode::InvalidJson, &Path::ROOT, err);
            None
        }
    };
    (ck.finish(), decoded)
}

/// Collects issues as validation finds them (schema-phase issues are listed first, as
/// the platform answers them first).
#[derive(Debug, Default)]
pub(super) struct Checker {
    issues: Collector,
    /// Whether to build the typed body (not needed to validate only).
    assemble: bool,
}

/// A point in a check, to ask whether an error was reported after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark(usize);

impl Checker {
    fn push(
        &mut self,
        status: StatusCode,
        severity: Severity,
        path: &Path<'_>,
        detail: impl Display,
        hint: impl FnOnce() -> Option<String>,
    ) {
        let phase = if status.is_schema_phase() {
            Phase::Shape
        } else {
            Phase::Meaning
        };
        self.issues.push(phase, severity, || {
            let wording = status.message();
            Issue::new(status.into(), severity, path, wording, detail, hint())
        });
    }

    fn error(&mut self, status: StatusCode, path: &Path<'_>, detail: impl Display) {
        self.push(status, Severity::Error, path, detail, || None);
    }

    fn error_hint(
        &mut self,
        status: StatusCode,
        path: &Path<'_>,
        detail: impl Display,
        hint: impl FnOnce() -> Option<String>,
    ) {
        self.push(status, Severity::Error, path, detail, hint);
    }

    fn warning(
        &mut self,
        status: StatusCode,
        path: &Path<'_>,
        detail: impl Display,
        hint: impl FnOnce() -> Option<String>,
    ) {
        self.push(status, Severity::Warning, path, detail, hint);
    }

    /// Whether the typed body is wanted.
    fn assembles(&self) -> bool {
        self.assemble
    }

    /// The point reached so far, for [`Checker::erred_since`].
    fn mark(&self) -> Mark {
        Mark(self.issues.errors())
    }

    /// Whether an error (not a warning) was reported since `mark`.
    fn erred_since(&self, mark: Mark) -> bool {
        self.issues.errors() != mark.0
    }

    fn missing(&mut self, path: &Path<'_>) {
        self.error(
            StatusCode::InvalidEntry,
            path,
            "is missing but it is required",
        );
    }

    fn wrong_type(
        &mut self,
        path: &Path<'_>,
        optional: bool,
        expected: Expected,
        found: &Json<'_>,
    ) {
        let hint = (optional && *found == Json::Null)
            .then(|| "omit the field instead of sending null".to_owned());
        let detail = format!("expected {expected}, found {}", found.kind());
        self.error_hint(StatusCode::InvalidEntry, path, detail, || hint);
    }

    /// The report: schema-phase issues first, each phase in the order found.
    fn finish(self) -> Report {
        self.issues
            .finish()
            .answering(Some(StatusCode::Created.into()))
    }
}

/// The top-level fields of each profile: `callflow` and the profile's own field.
fn accepted_fields(profile: Profile) -> [&'static str; 2] {
    ["callflow", profile.top_field()]
}

fn body(ck: &mut Checker, tree: &Json<'_>, profile: Profile, now: SystemTime) -> Option<Decoded> {
    if !matches!(tree, Json::Object(_)) {
        let detail = format!("expected a JSON object, found {}", tree.kind());
        ck.error(StatusCode::InvalidJson, &Path::ROOT, detail);
        return None;
    }
    let mut reader = Reader {
        ck,
        object: tree,
        path: &Path::ROOT,
    };
    let accepted = accepted_fields(profile);
    let other = match profile {
        Profile::Request => Profile::Reply,
        Profile::Reply => Profile::Request,
    };
    let detail = || {
        let names = accepted.join(", ");
        format!("is not a field of a {profile} body (accepted: {names})")
    };
    reader.reject_unknown(&accepted, detail, |key| {
        did_you_mean(key, &accepted).or_else(|| {
            accepted_fields(other)
                .contains(&key)
                .then(|| format!("\"{key}\" is accepted in a {other} body"))
        })
    });
    let actions = callflow(&mut reader, profile);
    let top_param = profile.top_param();
    let top = match profile {
        Profile::Request => valid_until(&mut reader, top_param, now),
        Profile::Reply => owned(reader.string(top_param.name, top_param.presence)),
    };
    Some((top.ok()?, actions?))
}

fn callflow(reader: &mut Reader<'_, '_, '_>, profile: Profile) -> Option<Vec<Action>> {
    let items = match reader.value("callflow", Presence::Required).ok()?? {
        Json::Array(items) => items,
        other => {
            return reader
                .wrong_type("callflow", Presence::Required, Expected::Array, other)
                .ok()?;
        }
    };
    let path = reader.at("callflow");
    if items.is_empty() {
        reader.ck.error(
            StatusCode::InvalidEntry,
            &path,
            "must contain at least one action",
        );
        return None;
    }
    let mut placement = Placement::new(profile, items.len());
    // Validating alone builds no body, so it needs no list either.
    let mut actions = reader
        .ck
        .assembles()
        .then(|| Vec::with_capacity(items.len()));
    for (index, item) in items.iter().enumerate() {
        let item_path = path.index(index);
        let (kind, action) = actions::action(reader.ck, item, &item_path);
        placement.check(reader.ck, kind, &item_path);
        match (action, actions.as_mut()) {
            (Some(action), Some(list)) => list.push(action),
            _ => actions = None,
        }
    }
    actions
}

fn valid_until(reader: &mut Reader<'_, '_, '_>, param: &Param, now: SystemTime) -> Field<String> {
    owned(reader.checked_string(param.name, param.presence, |text| {
        match parse_timestamp(text) {
            None => Some(Problem::new(
                StatusCode::InvalidEntry,
                format!(
                    "must be an RFC 3339 UTC timestamp such as 2024-07-03T05:59:32.226Z, found {text:?}"
                ),
            )),
            Some(until) if until <= unix_nanos(now) => {
                let now = format_timestamp(now).unwrap_or_else(|_| "out of range".to_owned());
                let detail = format!("{text} is not after the current time {now}");
                Some(Problem::new(StatusCode::Expired, detail))
            }
            Some(_) => None,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_errors_count_since_a_mark() {
        let mut ck = Checker::default();
        let mark = ck.mark();
        ck.warning(StatusCode::InvalidEntry, &Path::ROOT, "a warning", || None);
        assert!(!ck.erred_since(mark), "a warning is not an error");
        ck.error(StatusCode::InvalidEntry, &Path::ROOT, "an error");
        assert!(ck.erred_since(mark));
    }

    #[test]
    fn errors_beyond_those_listed_still_count() {
        let mut ck = Checker::default();
        for _ in 0..crate::diagnostics::MAX_LISTED {
            ck.error(StatusCode::InvalidEntry, &Path::ROOT, "listed");
        }
        let mark = ck.mark();
        ck.error(StatusCode::InvalidEntry, &Path::ROOT, "not listed");
        assert!(ck.erred_since(mark));
        assert_eq!(ck.finish().omitted(), 1);
    }
}
