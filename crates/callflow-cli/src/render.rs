//! Writing results: lines for people (`--format text`) or one JSON array for programs
//! (`--format json`).

use std::fmt;
use std::io::{self, IsTerminal, Write};

use callflow_core::{Issue, Report, Severity};
use serde::Serialize;

use crate::cli::{Format, Kind};

/// What was found over the whole run; the summary line and the exit status come from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Documents validated.
    pub(crate) checked: usize,
    /// Documents with at least one error.
    pub(crate) invalid: usize,
    /// Paths that gave no document (I/O errors, directories without `*.json`).
    pub(crate) unreadable: usize,
}

/// Writes each document's result as it comes, then the end of the output.
#[derive(Debug)]
pub(crate) enum Renderer {
    /// Lines for people.
    Text(Palette),
    /// One JSON array, written at the end.
    Json(Vec<JsonEntry>),
}

impl Renderer {
    /// A renderer for `format`; text is coloured when `palette` says so.
    pub(crate) fn new(format: Format, palette: Palette) -> Self {
        match format {
            Format::Text => Renderer::Text(palette),
            Format::Json => Renderer::Json(Vec::new()),
        }
    }

    /// Renders one document's report.
    pub(crate) fn document(
        &mut self,
        out: &mut impl Write,
        file: String,
        kind: Kind,
        report: Report,
    ) -> io::Result<()> {
        match self {
            Renderer::Text(palette) => write_text(out, *palette, &file, kind, &report),
            Renderer::Json(entries) => {
                entries.push(JsonEntry { file, report });
                Ok(())
            }
        }
    }

    /// Ends the output: the summary line, or the whole JSON array.
    pub(crate) fn finish(self, out: &mut impl Write, tally: Tally) -> io::Result<()> {
        match self {
            Renderer::Text(_) => writeln!(out, "{}", Summary(tally)),
            Renderer::Json(entries) => {
                serde_json::to_writer(&mut *out, &entries)?;
                writeln!(out)
            }
        }
    }
}

/// One element of the `--format json` array: `{"file", "ok", "statusCode", "issues"}`,
/// where a Yay.com call flow's `statusCode` and issue codes are kebab-case names.
#[derive(Debug, Serialize)]
pub(crate) struct JsonEntry {
    /// The path, or `<stdin>`.
    file: String,
    /// `ok`, `statusCode` and `issues`, as the core serialises them.
    #[serde(flatten)]
    report: Report,
}

/// The text result of one document: its status line, then its issues.
fn write_text(
    out: &mut impl Write,
    palette: Palette,
    file: &str,
    kind: Kind,
    report: &Report,
) -> io::Result<()> {
    let file = palette.paint(Style::Bold, file);
    if report.is_valid() {
        write!(
            out,
            "{file} ({kind}): {}",
            palette.paint(Style::Green, "ok")
        )?;
        match report.warnings().count() {
            0 => writeln!(out)?,
            1 => writeln!(out, ", 1 warning")?,
            n => writeln!(out, ", {n} warnings")?,
        }
    } else {
        let status = format!("invalid (status {})", report.wire_status());
        writeln!(
            out,
            "{file} ({kind}): {}",
            palette.paint(Style::Red, &status)
        )?;
    }
    for issue in report.issues() {
        write_issue(out, palette, issue)?;
    }
    match report.omitted() {
        0 => Ok(()),
        1 => writeln!(out, "  ... and 1 more issue not listed"),
        n => writeln!(out, "  ... and {n} more issues not listed"),
    }
}

/// One issue, over two or three lines:
///
/// ```text
///   error[-1005] $.callflow[1].params.overallTimeout
///     Valid overallTimeout is required when digitTimeout provided. $.callflow[1]...
///     hint: ...
/// ```
fn write_issue(out: &mut impl Write, palette: Palette, issue: &Issue) -> io::Result<()> {
    let style = match issue.severity {
        Severity::Error => Style::Red,
        Severity::Warning => Style::Yellow,
    };
    let label = format!("{}[{}]", issue.severity, issue.code);
    writeln!(out, "  {} {}", palette.paint(style, &label), issue.path)?;
    writeln!(out, "    {}", issue.message)?;
    if let Some(hint) = &issue.hint {
        writeln!(out, "    {}: {hint}", palette.paint(Style::Cyan, "hint"))?;
    }
    Ok(())
}

/// The last line of text output: `8 files checked: 7 ok, 1 invalid`.
struct Summary(Tally);

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Tally {
            checked,
            invalid,
            unreadable,
        } = self.0;
        let files = if checked == 1 { "file" } else { "files" };
        let ok = checked - invalid;
        write!(f, "{checked} {files} checked: {ok} ok, {invalid} invalid")?;
        if unreadable > 0 {
            let paths = if unreadable == 1 { "path" } else { "paths" };
            write!(f, "; {unreadable} {paths} could not be read")?;
        }
        Ok(())
    }
}

/// The colours text output uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Bold,
    Red,
    Green,
    Yellow,
    Cyan,
}

impl Style {
    /// The ANSI escape sequence that starts the style.
    fn ansi(self) -> &'static str {
        match self {
            Style::Bold => "\x1b[1m",
            Style::Red => "\x1b[1;31m",
            Style::Green => "\x1b[32m",
            Style::Yellow => "\x1b[1;33m",
            Style::Cyan => "\x1b[36m",
        }
    }
}

/// Whether text output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Palette {
    enabled: bool,
}

impl Palette {
    /// Colour only when stdout is a terminal and `NO_COLOR` is unset or empty
    /// (<https://no-color.org>).
    pub(crate) fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Palette {
            enabled: io::stdout().is_terminal() && !no_color,
        }
    }

    /// `text` in `style`, or plain when colour is off.
    fn paint(self, style: Style, text: &str) -> Painted<'_> {
        Painted {
            style: self.enabled.then_some(style),
            text,
        }
    }
}

/// Text to print in a style, or plain.
struct Painted<'a> {
    style: Option<Style>,
    text: &'a str,
}

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            Some(style) => write!(f, "{}{}\x1b[0m", style.ansi(), self.text),
            None => f.write_str(self.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callflow_core::voice::{Profile, validate};

    fn text(report: &Report, palette: Palette) -> String {
        let mut out = Vec::new();
        write_text(
            &mut out,
            palette,
            "a.json",
            Kind::Voice(Profile::Request),
            report,
        )
        .expect("in memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn colour_only_when_enabled() {
        let report = validate("[]", Profile::Request);
        assert!(!text(&report, Palette { enabled: false }).contains('\x1b'));
        assert!(text(&report, Palette { enabled: true }).contains("\x1b[1;31m"));
    }

    #[test]
    fn json_entry_puts_the_file_before_the_report() {
        let entry = JsonEntry {
            file: "a.json".to_owned(),
            report: validate("[]", Profile::Request),
        };
        let json = serde_json::to_string(&entry).expect("serialises");
        assert!(json.starts_with(r#"{"file":"a.json","ok":false,"statusCode":-1001,"issues":[{"#));
    }

    #[test]
    fn summary_counts() {
        let tally = Tally {
            checked: 1,
            invalid: 0,
            unreadable: 2,
        };
        assert_eq!(
            Summary(tally).to_string(),
            "1 file checked: 1 ok, 0 invalid; 2 paths could not be read"
        );
    }
}
