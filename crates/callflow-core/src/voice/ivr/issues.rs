//! Collects the issues of one IVR map as the expansion and the checks find them.

use std::fmt::Display;

use super::code::IvrCode;
use crate::diagnostics::{Issue, Report, Severity};

/// The most errors, and the most warnings, a report lists; the rest are counted, so a
/// hostile map with millions of mistakes costs no memory in proportion.
const MAX_LISTED: usize = 1000;

/// The issues found so far: the first [`MAX_LISTED`] errors and warnings in full, and a
/// count of the rest.
#[derive(Debug, Default)]
pub(crate) struct Issues {
    kept: Vec<Issue>,
    /// Errors and warnings listed so far.
    listed: [usize; 2],
    /// Every issue found, listed or not.
    found: usize,
}

impl Issues {
    /// Reports an issue with `code` at `path`.
    pub(crate) fn report(
        &mut self,
        code: IvrCode,
        path: &str,
        detail: impl Display,
        hint: Option<String>,
    ) {
        let message = format!("{}. {path}: {detail}", code.message());
        self.push(Issue {
            code: code.into(),
            path: path.to_owned(),
            message,
            severity: code.severity(),
            hint,
        });
    }

    /// Adds an issue found by another check (a reply's, with its 8x8 status code).
    pub(crate) fn push(&mut self, issue: Issue) {
        self.found += 1;
        let listed = &mut self.listed[usize::from(issue.severity == Severity::Warning)];
        if *listed < MAX_LISTED {
            *listed += 1;
            self.kept.push(issue);
        }
    }

    /// Whether an error has been found.
    pub(crate) fn has_errors(&self) -> bool {
        self.listed[0] > 0
    }

    /// The report.
    pub(crate) fn finish(self) -> Report {
        let omitted = self.found - self.kept.len();
        Report::new(self.kept, omitted)
    }
}
