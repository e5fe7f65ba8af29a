//! Issues found in a document, and the report that collects them.
//!
//! Both platforms report through the same types: an [`Issue`] has a code, a path in
//! 8x8's `$.callflow[1].params.text` style, a message, a [`Severity`] and an optional
//! hint; a [`Report`] holds every issue of one document.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{self, Deserializer};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

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
/// The shared shape knows no platform: each platform turns its own code type into one
/// of these, either a number (8x8's status codes, such as `-1009`) or a kebab-case name
/// (a Yay.com or IVR map code, such as `"dangling-reference"`). Serialised as the number
/// or the name; any `i32` and any kebab-case name of at most [`Code::MAX_NAME`] bytes
/// reads back.
///
/// ```
/// use callflow_core::Code;
/// use callflow_core::pbx::PbxCode;
/// let code: Code = serde_json::from_str(r#""dangling-reference""#).unwrap();
/// assert_eq!(code, Code::from(PbxCode::DanglingReference));
/// assert_eq!(code.to_string(), "dangling-reference");
/// assert_eq!(serde_json::from_str::<Code>("-1009").unwrap().as_i32(), Some(-1009));
/// assert!(serde_json::from_str::<Code>(r#""Not A Code""#).is_err());
/// ```
#[derive(Clone, Copy)]
pub struct Code(Repr);

#[derive(Clone, Copy)]
enum Repr {
    Number(i32),
    /// A name a platform gave.
    Static(&'static str),
    /// A name read from JSON, held inline so that a code stays `Copy` without knowing
    /// which platform wrote it.
    Inline {
        len: u8,
        bytes: [u8; Code::MAX_NAME],
    },
}

impl Code {
    /// The longest code name JSON may give, in bytes.
    pub const MAX_NAME: usize = 32;

    /// A numeric code, such as 8x8's `-1009`.
    pub const fn number(number: i32) -> Code {
        Code(Repr::Number(number))
    }

    /// A named code, such as `"dangling-reference"`: platforms name their codes in
    /// kebab-case.
    pub const fn named(name: &'static str) -> Code {
        Code(Repr::Static(name))
    }

    /// A named code read from text: lower-case ASCII letters, digits and `-`, at most
    /// [`Code::MAX_NAME`] bytes; `None` for any other text.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the length is at most MAX_NAME"
    )]
    pub fn parse_name(name: &str) -> Option<Code> {
        let text = name.as_bytes();
        let kebab = |byte: &u8| matches!(byte, b'a'..=b'z' | b'0'..=b'9' | b'-');
        if text.is_empty() || text.len() > Code::MAX_NAME || !text.iter().all(kebab) {
            return None;
        }
        let mut bytes = [0; Code::MAX_NAME];
        bytes[..text.len()].copy_from_slice(text);
        Some(Code(Repr::Inline {
            len: text.len() as u8,
            bytes,
        }))
    }

    /// The number of a numeric code; `None` for a named one.
    pub fn as_i32(self) -> Option<i32> {
        match self.0 {
            Repr::Number(number) => Some(number),
            Repr::Static(_) | Repr::Inline { .. } => None,
        }
    }

    /// The name of a named code; `None` for a numeric one.
    pub fn as_name(&self) -> Option<&str> {
        match &self.0 {
            Repr::Number(_) => None,
            Repr::Static(name) => Some(name),
            // The bytes were checked to be ASCII when the code was read.
            Repr::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).ok(),
        }
    }
}

/// Codes are equal when their numbers or names are, however they were made.
impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.as_i32() == other.as_i32() && self.as_name() == other.as_name()
    }
}

impl Eq for Code {}

impl Hash for Code {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_i32().hash(state);
        self.as_name().hash(state);
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.as_i32().unwrap_or_default()),
        }
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_name() {
            Some(name) => write!(f, "Code({name:?})"),
            None => write!(f, "Code({})", self.as_i32().unwrap_or_default()),
        }
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_name() {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_i32(self.as_i32().unwrap_or_default()),
        }
    }
}

/// Reads a code number or a code name.
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CodeVisitor)
    }
}

struct CodeVisitor;

impl de::Visitor<'_> for CodeVisitor {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code number or a kebab-case code name")
    }

    fn visit_i64<E: de::Error>(self, code: i64) -> Result<Code, E> {
        i32::try_from(code)
            .map(Code::number)
            .map_err(|_| E::custom(format_args!("code {code} is out of range")))
    }

    fn visit_u64<E: de::Error>(self, code: u64) -> Result<Code, E> {
        i32::try_from(code)
            .map(Code::number)
            .map_err(|_| E::custom(format_args!("code {code} is out of range")))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Code, E> {
        Code::parse_name(name).ok_or_else(|| E::custom(format_args!("{name:?} is not a code name")))
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
    /// An issue at `path` whose message is the platform's `wording`, the path and the
    /// detail: `"{wording}. {path}: {detail}"`.
    pub(crate) fn new(
        code: Code,
        severity: Severity,
        path: &impl fmt::Display,
        wording: &str,
        detail: impl fmt::Display,
        hint: Option<String>,
    ) -> Issue {
        let path = path.to_string();
        let message = format!("{wording}. {path}: {detail}");
        Issue {
            code,
            path,
            message,
            severity,
            hint,
        }
    }

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
/// (schema, then semantic), which always includes the error that sets the status;
/// [`Report::omitted`] counts any beyond those.
#[derive(Debug, Clone, Default)]
pub struct Report {
    issues: Vec<Issue>,
    omitted: usize,
    valid_status: Option<Code>,
}

/// The `statusCode` of a report without errors in its JSON form, whichever platform
/// checked the document: the shape the CLI writes and the shared vectors pin.
const NO_ERROR: Code = Code::number(1);

impl Report {
    /// A report of `issues`, with `omitted` more found but not listed, for a platform
    /// that answers no code for a document without errors.
    pub(crate) fn new(issues: Vec<Issue>, omitted: usize) -> Self {
        Report {
            issues,
            omitted,
            valid_status: None,
        }
    }

    /// The same report, for a platform that answers `status` for a document without
    /// errors (8x8 answers `1`, created), or none: for restoring a report whose JSON
    /// does not say which platform checked the document.
    ///
    /// ```
    /// use callflow_core::{Code, Report};
    /// let report: Report = serde_json::from_str(r#"{"ok": true, "statusCode": 1, "issues": []}"#)?;
    /// assert_eq!(report.status(), Some(Code::number(1)));
    /// assert_eq!(report.answering(None).status(), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn answering(mut self, status: Option<Code>) -> Self {
        self.valid_status = status;
        self
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
    /// assert_eq!(err.report().status().unwrap().to_string(), "missing-start");
    /// ```
    pub fn into_result(self) -> Result<Report, ValidationError> {
        if self.is_valid() {
            Ok(self)
        } else {
            Err(ValidationError::new(self))
        }
    }

    /// What the platform answers for the document: the first error's code; without an
    /// error, the code the platform answers for an accepted document (8x8's `1`,
    /// created), or `None` when it answers none (a Yay.com flow, an IVR map).
    ///
    /// ```
    /// use callflow_core::{pbx, voice};
    /// let flow = r#"{"name": "Sales", "extension": 501, "flow": {
    ///     "start": {"module": "start", "next": "b"}, "b": {"module": "busy"}}}"#;
    /// assert_eq!(pbx::check(flow).status(), None);
    /// let reply = r#"{"callflow": [{"action": "hangup"}]}"#;
    /// let status = voice::validate(reply, voice::Profile::Reply).status();
    /// assert_eq!(status, Some(voice::StatusCode::Created.into()));
    /// ```
    pub fn status(&self) -> Option<Code> {
        self.errors()
            .next()
            .map(|issue| issue.code)
            .or(self.valid_status)
    }

    /// The status as a number, for a platform that answers with numbers: for a voice
    /// document, the status code 8x8 would answer (`1` when valid). `None` for a valid
    /// Yay.com flow or IVR map, or when the first error has a named code.
    pub fn status_code(&self) -> Option<i32> {
        self.status().and_then(Code::as_i32)
    }

    /// The `statusCode` of the report's JSON form: the status, or `1` for a valid
    /// document of a platform that answers no code, so that one JSON shape (the CLI's
    /// output, the shared vectors) serves every platform.
    pub fn wire_status(&self) -> Code {
        self.status().unwrap_or(NO_ERROR)
    }
}

/// Reports are equal when they list the same issues, omit as many and answer the same
/// status.
impl PartialEq for Report {
    fn eq(&self, other: &Report) -> bool {
        self.issues == other.issues
            && self.omitted == other.omitted
            && self.status() == other.status()
    }
}

impl Eq for Report {}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.issues.is_empty() {
            return f.write_str("valid: no issues");
        }
        let errors = self.errors().count();
        let warnings = self.issues.len() - errors;
        match self.status() {
            Some(status) => write!(f, "status {status}: ")?,
            None => f.write_str("valid: ")?,
        }
        write!(f, "{errors} error(s), {warnings} warning(s)")?;
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
/// [`Report::wire_status`]: a number, or a code name), with
/// `"omitted": int` after them when issues were left out.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Report", 4)?;
        state.serialize_field("ok", &self.is_valid())?;
        state.serialize_field("statusCode", &self.wire_status())?;
        state.serialize_field("issues", &self.issues)?;
        if self.omitted > 0 {
            state.serialize_field("omitted", &self.omitted)?;
        } else {
            state.skip_field("omitted")?;
        }
        state.end()
    }
}

/// Reads a report written by its `Serialize` form; `ok` follows from the issues. The
/// JSON does not say which platform checked the document, so the `statusCode` of a
/// report without errors is read as the code its platform answers: the report writes
/// back the same JSON.
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
        #[serde(rename_all = "camelCase")]
        struct Fields {
            issues: Vec<Issue>,
            #[serde(default)]
            omitted: usize,
            status_code: Option<Code>,
        }
        let Fields {
            issues,
            omitted,
            status_code,
        } = Fields::deserialize(deserializer)?;
        let report = Report::new(issues, omitted);
        Ok(match status_code {
            Some(status) if report.is_valid() => report.answering(Some(status)),
            _ => report,
        })
    }
}

/// The most errors, and the most warnings, a report lists per phase; it counts the
/// others.
pub(crate) const MAX_LISTED: usize = 1000;

/// When a check reports an issue: issues about a document's shape are listed before
/// those about its meaning, each in the order found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// The document's shape: JSON types, names and required members.
    Shape,
    /// What the document means: the rules between its values.
    Meaning,
}

/// Collects a document's issues as checks find them: the first [`MAX_LISTED`] errors
/// and warnings of each [`Phase`] in full, and a count of the rest. The first error of
/// each phase is always listed, so the status and validity stay exact, and a hostile
/// document with millions of mistakes costs no memory in proportion.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    /// The listed issues of each phase, in the order found.
    listed: [Vec<Issue>; 2],
    /// How many issues are listed, by phase and then severity (errors, warnings).
    counts: [[usize; 2]; 2],
    /// Every issue found, listed or not.
    found: usize,
    /// Every error found, listed or not.
    errors: usize,
}

impl Collector {
    /// Counts an issue of `phase` and `severity`, and lists the issue `make` builds
    /// when fewer than [`MAX_LISTED`] of its kind are listed (so that a message is only
    /// written when it is kept).
    pub(crate) fn push(&mut self, phase: Phase, severity: Severity, make: impl FnOnce() -> Issue) {
        self.found += 1;
        self.errors += usize::from(severity == Severity::Error);
        let phase = phase as usize;
        let count = &mut self.counts[phase][usize::from(severity == Severity::Warning)];
        if *count < MAX_LISTED {
            *count += 1;
            self.listed[phase].push(make());
        }
    }

    /// How many errors have been found so far, listed or not; warnings do not count.
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// The report: the shape's issues, then the meaning's, with the count of those
    /// not listed.
    pub(crate) fn finish(self) -> Report {
        let [mut issues, meaning] = self.listed;
        issues.extend(meaning);
        let omitted = self.found - issues.len();
        Report::new(issues, omitted)
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

    /// The status as a number, for a platform that answers with numbers: the status
    /// code 8x8 would answer for a voice document ([`Report::status_code`]).
    pub fn status_code(&self) -> Option<i32> {
        self.report.status_code()
    }

    /// Consumes the error, giving its report.
    pub fn into_report(self) -> Report {
        self.report
    }
}
