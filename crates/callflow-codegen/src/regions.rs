//! Generated regions inside hand-written files, between a `BEGIN GENERATED <name>` line
//! and an `END GENERATED <name>` line written as comments of the file's language.

use std::fmt;

/// A file whose generated region is missing or broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingRegion {
    /// The region's name.
    pub name: String,
}

impl fmt::Display for MissingRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no \"BEGIN GENERATED {0}\" line followed by an \"END GENERATED {0}\" line",
            self.name
        )
    }
}

impl std::error::Error for MissingRegion {}

/// `text` with the lines between the markers of region `name` replaced by `body`. The
/// marker lines are kept as they are (with their comment prefix and indentation).
pub fn replace(text: &str, name: &str, body: &str) -> Result<String, MissingRegion> {
    let missing = || MissingRegion {
        name: name.to_owned(),
    };
    let begin_marker = format!("BEGIN GENERATED {name}");
    let end_marker = format!("END GENERATED {name}");
    let begin = line_with(text, 0, &begin_marker).ok_or_else(missing)?;
    let body_start = line_end(text, begin);
    let end = line_with(text, body_start, &end_marker).ok_or_else(missing)?;
    let mut out = String::with_capacity(text.len() + body.len());
    out.push_str(&text[..body_start]);
    out.push_str(body);
    if !body.is_empty() && !body.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&text[end..]);
    Ok(out)
}

/// The start of the first line at or after `from` that ends with `marker`.
fn line_with(text: &str, from: usize, marker: &str) -> Option<usize> {
    let mut start = from;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
        if text[start..end].trim_end().ends_with(marker) {
            return Some(start);
        }
        start = end + 1;
    }
    None
}

/// Where the line starting at `start` ends, past its newline.
fn line_end(text: &str, start: usize) -> usize {
    text[start..]
        .find('\n')
        .map_or(text.len(), |at| start + at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_between_the_markers() {
        let text = "a\n  # BEGIN GENERATED x\nold\n  # END GENERATED x\nb\n";
        assert_eq!(
            replace(text, "x", "new\n").unwrap(),
            "a\n  # BEGIN GENERATED x\nnew\n  # END GENERATED x\nb\n"
        );
        assert_eq!(
            replace(text, "y", "").unwrap_err().to_string(),
            "no \"BEGIN GENERATED y\" line followed by an \"END GENERATED y\" line"
        );
    }
}
