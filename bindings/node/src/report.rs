//! Reports as plain JavaScript data: `{ ok, statusCode, issues[, omitted] }`.
//!
//! The JavaScript layer (`voice.js`) receives a report in one step from [`compact`]:
//! the number `1` for the common report (valid, no issue), which it builds itself, or
//! the report's JSON text, which the engine parses.

use callflow_core::diagnostics;
use napi::bindgen_prelude::{Either, Either3, Null};
use napi_derive::napi;

/// Every issue found in one document, in the platform's order.
#[napi(object, object_from_js = false)]
pub struct Report {
    /// `true` when there is no error (warnings are allowed).
    pub ok: bool,
    /// What the platform answers: the first error's code (for 8x8 Voice, the status
    /// code the platform would answer; for a Yay.com call flow, a kebab-case name such
    /// as `'missing-start'`); without an error, `1` for an 8x8 Voice document and `null`
    /// for a Yay.com call flow or an IVR map, whose platform answers no code.
    pub status_code: Either3<i32, String, Null>,
    /// Every issue listed: at most 1000 errors and 1000 warnings of each phase.
    pub issues: Vec<Issue>,
    /// How many issues were found beyond those listed; present only when some were.
    pub omitted: Option<u32>,
}

/// One problem found in a document.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Issue {
    /// For 8x8 Voice, the status code the platform would answer for it, such as
    /// `-1009`; for a Yay.com call flow, a kebab-case name such as `'dangling-reference'`.
    pub code: Either<i32, String>,
    /// Where it is, in 8x8's style: `$.callflow[1].params.text`.
    pub path: String,
    /// The platform's wording, then the detail.
    pub message: String,
    /// Whether the issue makes the document invalid.
    pub severity: Severity,
    /// A suggestion for fixing it, such as `did you mean "sayAndCapture"?`, or `null`.
    pub hint: Option<String>,
}

/// How serious an issue is. Warnings never make a document invalid.
#[napi(string_enum = "lowercase")]
pub enum Severity {
    /// The platform would reject the document.
    Error,
    /// The platform accepts the document, but it probably does not do what was meant.
    Warning,
}

impl From<&diagnostics::Report> for Report {
    fn from(report: &diagnostics::Report) -> Self {
        Report {
            ok: report.is_valid(),
            status_code: match report.status().map(code) {
                Some(Either::A(number)) => Either3::A(number),
                Some(Either::B(name)) => Either3::B(name),
                None => Either3::C(Null),
            },
            issues: report.issues().iter().map(Issue::from).collect(),
            omitted: match report.omitted() {
                0 => None,
                n => Some(u32::try_from(n).unwrap_or(u32::MAX)),
            },
        }
    }
}

impl From<&diagnostics::Issue> for Issue {
    fn from(issue: &diagnostics::Issue) -> Self {
        Issue {
            code: code(issue.code),
            path: issue.path.clone(),
            message: issue.message.clone(),
            severity: match issue.severity {
                diagnostics::Severity::Error => Severity::Error,
                diagnostics::Severity::Warning => Severity::Warning,
            },
            hint: issue.hint.clone(),
        }
    }
}

/// A report as the JavaScript layer receives it: `1` when the document is valid with no
/// issue at all, otherwise the report as JSON text in the shape of [`Report`].
pub(crate) fn compact(report: &diagnostics::Report) -> Either<u32, String> {
    if report.issues().is_empty() && report.omitted() == 0 {
        Either::A(1)
    } else {
        // Serialising a report cannot fail: every map key is a string.
        Either::B(serde_json::to_string(report).unwrap_or_default())
    }
}

/// A code as JavaScript has it: the voice status number, or the PBX code name.
fn code(code: diagnostics::Code) -> Either<i32, String> {
    match code.as_i32() {
        Some(number) => Either::A(number),
        None => Either::B(code.to_string()),
    }
}
