//! `JUnit` XML, the test report format CI systems read: one `testsuite`, a `testcase` per
//! scenario, with a `failure` (unmet expectations) or an `error` (a file that could not
//! be run).

use std::fmt::Write as _;

/// One test case.
#[derive(Debug)]
pub(crate) struct Case {
    /// The scenario's name.
    pub(crate) name: String,
    /// The file it came from.
    pub(crate) file: String,
    /// How long it ran, in seconds.
    pub(crate) seconds: f64,
    /// How it ended.
    pub(crate) result: CaseResult,
}

/// How a test case ended.
#[derive(Debug)]
pub(crate) enum CaseResult {
    /// Every expectation held.
    Passed,
    /// Expectations failed: the reasons, and the details (the transcript).
    Failed {
        /// One line per unmet expectation.
        reasons: Vec<String>,
        /// What to show below the reasons.
        details: String,
    },
    /// The scenario could not be run: why.
    Error(String),
}

/// The `JUnit` XML document for `cases`, run as the suite `suite`.
pub(crate) fn document(suite: &str, cases: &[Case]) -> String {
    let count =
        |wanted: fn(&CaseResult) -> bool| cases.iter().filter(|c| wanted(&c.result)).count();
    let failures = count(|result| matches!(result, CaseResult::Failed { .. }));
    let errors = count(|result| matches!(result, CaseResult::Error(_)));
    let seconds: f64 = cases.iter().map(|case| case.seconds).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" time=\"{seconds:.3}\">",
        attribute(suite),
        cases.len(),
    );
    for case in cases {
        let _ = write!(
            xml,
            "  <testcase name=\"{}\" classname=\"{}\" time=\"{:.3}\"",
            attribute(&case.name),
            attribute(&case.file),
            case.seconds
        );
        match &case.result {
            CaseResult::Passed => xml.push_str("/>\n"),
            CaseResult::Failed { reasons, details } => {
                let message = reasons.first().map_or("", String::as_str);
                let body = format!("{}\n\n{details}", reasons.join("\n"));
                let _ = writeln!(
                    xml,
                    ">\n    <failure message=\"{}\">{}</failure>\n  </testcase>",
                    attribute(message),
                    content(&body)
                );
            }
            CaseResult::Error(why) => {
                let _ = writeln!(
                    xml,
                    ">\n    <error message=\"{}\"/>\n  </testcase>",
                    attribute(why)
                );
            }
        }
    }
    xml.push_str("</testsuite>\n");
    xml
}

/// `text` as an attribute value: see [`escape`]; line breaks and tabs become character
/// references, since a parser would turn them into spaces.
fn attribute(text: &str) -> String {
    escape(text, false)
}

/// `text` as element content: see [`escape`]; line breaks and tabs are kept.
fn content(text: &str) -> String {
    escape(text, true)
}

/// `text` with the five special characters as entities and the characters XML 1.0
/// cannot carry at all as U+FFFD; line breaks and tabs kept as they are when
/// `keep_breaks`, else as character references.
fn escape(text: &str, keep_breaks: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' | '\r' | '\t' if keep_breaks => escaped.push(c),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_and_forbidden_characters_are_escaped() {
        assert_eq!(
            attribute("a<b & \"c\" 'd'>\n\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;\u{fffd}"
        );
        assert_eq!(content("1 < 2\n\tok\u{0}"), "1 &lt; 2\n\tok\u{fffd}");
    }

    #[test]
    fn a_suite_counts_failures_and_errors() {
        let case = |name: &str, result| Case {
            name: name.to_owned(),
            file: format!("{name}.json"),
            seconds: 0.25,
            result,
        };
        let xml = document(
            "callflow emulate",
            &[
                case("ok", CaseResult::Passed),
                case(
                    "menu <1>",
                    CaseResult::Failed {
                        reasons: vec!["heard nothing".to_owned()],
                        details: "0 ms call".to_owned(),
                    },
                ),
                case("broken", CaseResult::Error("not JSON".to_owned())),
            ],
        );
        assert!(xml.contains(
            "<testsuite name=\"callflow emulate\" tests=\"3\" failures=\"1\" errors=\"1\" time=\"0.750\">"
        ));
        assert!(xml.contains("<testcase name=\"ok\" classname=\"ok.json\" time=\"0.250\"/>"));
        assert!(
            xml.contains("<failure message=\"heard nothing\">heard nothing\n\n0 ms call</failure>")
        );
        assert!(xml.contains("<testcase name=\"menu &lt;1&gt;\""));
        assert!(xml.contains("<error message=\"not JSON\"/>"));
    }
}
