//! Paths to a place in a document, written in 8x8's style: `$.callflow[1].params.text`.

use std::fmt;

/// One step down into a document.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// A path from the document's root, built on the stack as validation descends and
/// written out only when an issue needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

impl<'a> Path<'a> {
    /// `$`, the document itself.
    pub(crate) const ROOT: Path<'static> = Path {
        parent: None,
        step: Step::Root,
    };

    /// The member `key` of the object at this path.
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// The item `index` of the array at this path.
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Index(index),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.step {
            Step::Root => f.write_str("$"),
            Step::Index(index) => write!(f, "[{index}]"),
            Step::Key(key) if is_identifier(key) => write!(f, ".{key}"),
            Step::Key(key) => {
                let quoted = serde_json::to_string(key).map_err(|_| fmt::Error)?;
                write!(f, "[{quoted}]")
            }
        }
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_8x8_style_paths() {
        let root = Path::ROOT;
        let flow = root.key("callflow");
        let item = flow.index(1);
        let params = item.key("params");
        assert_eq!(params.key("text").to_string(), "$.callflow[1].params.text");
        assert_eq!(root.key("odd key").to_string(), r#"$["odd key"]"#);
        assert_eq!(root.key("9lives").to_string(), r#"$["9lives"]"#);
        assert_eq!(root.key("q\"").to_string(), r#"$["q\""]"#);
        assert_eq!(root.to_string(), "$");
    }
}
