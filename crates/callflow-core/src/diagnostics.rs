//! Issues found in a document, and the report that collects them.
//!
//! Both platforms report through the same types: an [`Issue`] has a code, a path in
//! 8x8's `$.callflow[1].params.text` style, a message, a [`Severity`] and an optional
//! hint; a [`Report`] holds every issue of one document.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::pbx::PbxCode;
use crate::voice::StatusCode;
use crate::voice::ivr::IvrCode;

/// How serious an issue is. Warnings never make a document invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The platform would reject the document.
    Error,
    /// The platform accepts the document, but it probably does not do what was meant.
    Warning,
}

impl Severity {
    /// The lower-case name: `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of issue this is, as a stable code users can filter on.
///
/// Serialised as the voice status number (`-1009`) or the PBX or IVR kebab-case name
/// (`"dangling-reference"`, `"unknown-menu"`); every form reads back.
///
/// ```
/// use callflow_core::Code;
/// use callflow_core::pbx::PbxCode;
/// let code: Code = serde_json::from_str(r#""dangling-reference""#).unwrap();
/// assert_eq!(code, Code::Pbx(PbxCode::DanglingReference));
/// assert_eq!(code.to_string(), "dangling-reference");
/// assert_eq!(serde_json::from_str::<Code>("-1009").unwrap().as_i32(), Some(-1009));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// An 8x8 Voice issue: the status code the platform would answer.
    Voice(StatusCode),
    /// A Yay.com PBX call-flow issue: a kebab-case code such as `missing-start`.
    Pbx(PbxCode),
    /// An IVR map's graph issue: a kebab-case code such as `unknown-menu`.
    Ivr(IvrCode),
}

impl Code {
    /// The numeric status code of a voice issue; `None` for a PBX or IVR issue.
    pub fn as_i32(self) -> Option<i32> {
        match self {
            Code::Voice(status) => Some(status.code()),
            Code::Pbx(_) | Code::Ivr(_) => None,
        }
    }

    /// The kebab-case name of a PBX or IVR issue; `None` for a voice issue.
    pub fn as_name(self) -> Option<&'static str> {
        match self {
            Code::Voice(_) => None,
            Code::Pbx(code) => Some(code.as_str()),
            Code::Ivr(code) => Some(code.as_str()),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Voice(status) => write!(f, "{}", status.code()),
            Code::Pbx(code) => f.write_str(code.as_str()),
            Code::Ivr(code) => f.write_str(code.as_str()),
        }
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Voice(status) => serializer.serialize_i32(status.code()),
            Code::Pbx(code) => serializer.serialize_str(code.as_str()),
            Code::Ivr(code) => serializer.serialize_str(code.as_str()),
        }
    }
}

/// Reads a voice status number or a PBX or IVR code name; a code none of them knows is
/// an error.
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CodeVisitor)
    }
}

struct CodeVisitor;

impl de::Visitor<'_> for CodeVisitor {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a voice status number or a PBX or IVR code name")
    }

    fn visit_i64<E: de::Error>(self, code: i64) -> Result<Code, E> {
        i32::try_from(code)
            .ok()
            .and_then(StatusCode::from_code)
            .map(Code::Voice)
            .ok_or_else(|| E::custom(format_args!("unknown status code {code}")))
    }

    fn visit_u64<E: de::Error>(self, code: u64) -> Result<Code, E> {
        i64::try_from(code).map_or_else(
            |_| Err(E::custom(format_args!("unknown status code {code}"))),
            |code| self.visit_i64(code),
        )
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Code, E> {
        name.parse::<PbxCode>()
            .map(Code::Pbx)
            .or_else(|_| name.parse::<IvrCode>().map(Code::Ivr))
            .map_err(|_| E::custom(format_args!("unknown code {name:?}")))
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Issue {
    /// The stable code of the issue.
    pub code: Code,
    /// Where it is, e.g. `$.callflow[1].params.text`.
    pub path: String,
    /// The platform's wording, then the detail: `Invalid call flow entry provided.
    /// $.callflow[0].params.text: is missing but it is required`.
    pub message: String,
    /// Whether the issue makes the document invalid.
    pub severity: Severity,
    /// A suggestion for fixing it, such as `did you mean "sayAndCapture"?`.
    pub hint: Option<String>,
}

impl Issue {
    /// Whether this issue makes the document invalid.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] {}", self.severity, self.code, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Every issue found in one document, in a stable order.
///
/// A report lists the first 1000 errors and the first 1000 warnings of each phase
/// (schema, then semantic), which always includes the error that sets the status code;
/// [`Report::omitted`] counts any beyond those.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    issues: Vec<Issue>,
    omitted: usize,
}

impl Report {
    pub(crate) fn new(issues: Vec<Issue>, omitted: usize) -> Self {
        Report { issues, omitted }
    }

    /// How many issues were found beyond those listed (0 unless a document has more than
    /// 1000 errors or 1000 warnings of one phase).
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// All issues, errors and warnings, in report order.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Consumes the report, giving its issues.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// The issues that make the document invalid.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| issue.is_error())
    }

    /// The issues that do not make the document invalid.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| !issue.is_error())
    }

    /// `true` when there is no error (warnings are allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The report when it has no error (warnings are allowed), or a [`ValidationError`]
    /// carrying it.
    ///
    /// ```
    /// use callflow_core::pbx::check;
    /// let flow = r#"{"name": "Sales", "extension": 501, "flow": {
    ///     "start": {"module": "start", "next": "b"}, "b": {"module": "busy"}}}"#;
    /// assert!(check(flow).into_result().is_ok());
    /// let err = check(r#"{"name": "Sales", "extension": 501, "flow": {}}"#).into_result().unwrap_err();
    /// assert_eq!(err.report().status().to_string(), "missing-start");
    /// ```
    pub fn into_result(self) -> Result<Report, ValidationError> {
        if self.is_valid() {
            Ok(self)
        } else {
            Err(ValidationError::new(self))
        }
    }

    /// The code of the first error, or `1` ([`StatusCode::Created`]) when there is
    /// none: for a voice document, the status the platform would answer.
    pub fn status(&self) -> Code {
        self.errors()
            .next()
            .map_or(Code::Voice(StatusCode::Created), |issue| issue.code)
    }

    /// The status code 8x8 would answer for a voice document: the first error's code,
    /// or `1` (created) when there is no error. A PBX error has no number, so a report
    /// whose first error is one gives `0`; [`Report::status`] names it.
    pub fn status_code(&self) -> i32 {
        self.status().as_i32().unwrap_or(0)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.issues.is_empty() {
            return f.write_str("valid: no issues");
        }
        let errors = self.errors().count();
        let warnings = self.issues.len() - errors;
        write!(
            f,
            "status {}: {errors} error(s), {warnings} warning(s)",
            self.status()
        )?;
        for issue in &self.issues {
            write!(f, "\n  {issue}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n  ... and {} more issue(s) not listed", self.omitted)?;
        }
        Ok(())
    }
}

/// Serialises as `{"ok": bool, "statusCode": code, "issues": [...]}` (the code of
/// [`Report::status`]: a number, or a PBX code name), with
/// `"omitted": int` after them when issues were left out.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Report", 4)?;
        state.serialize_field("ok", &self.is_valid())?;
        state.serialize_field("statusCode", &self.status())?;
        state.serialize_field("issues", &self.issues)?;
        if self.omitted > 0 {
            state.serialize_field("omitted", &self.omitted)?;
        } else {
            state.skip_field("omitted")?;
        }
        state.end()
    }
}

/// Reads a report written by its `Serialize` form; `ok` and `statusCode` follow from the
/// issues, so they are not read back.
///
/// ```
/// use callflow_core::Report;
/// use callflow_core::voice::{validate, Profile};
/// let report = validate(r#"{"callflow": []}"#, Profile::Reply);
/// let text = serde_json::to_string(&report).unwrap();
/// assert_eq!(serde_json::from_str::<Report>(&text).unwrap(), report);
/// ```
impl<'de> Deserialize<'de> for Report {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            issues: Vec<Issue>,
            #[serde(default)]
            omitted: usize,
        }
        let Fields { issues, omitted } = Fields::deserialize(deserializer)?;
        Ok(Report::new(issues, omitted))
    }
}

/// A document that failed validation, with the full report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid document, {report}")]
pub struct ValidationError {
    report: Report,
}

impl ValidationError {
    pub(crate) fn new(report: Report) -> Self {
        ValidationError { report }
    }

    /// The report: every issue found.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The status code the platform would answer.
    pub fn status_code(&self) -> i32 {
        self.report.status_code()
    }

    /// Consumes the error, giving its report.
    pub fn into_report(self) -> Report {
        self.report
    }
}
