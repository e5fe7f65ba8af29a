//! `calleridmatch`: each pattern is a regular expression tested against the caller's
//! number without its first character; the literal `anonymous` matches a withheld number;
//! a pattern that does not compile is skipped (reference section 2.2, "calleridmatch").
//! Also the sample numbers the explorer calls with.

use regex::Regex;

use super::call::WITHHELD;
use crate::pbx::check::values::compile_pattern;

/// The patterns of one `calleridmatch` module, compiled once.
#[derive(Debug, Default)]
pub(super) struct Patterns {
    compiled: Vec<Regex>,
    /// The patterns as written, for sample numbers.
    written: Vec<String>,
    /// Whether the literal `anonymous` is among them.
    anonymous: bool,
}

impl Patterns {
    pub(super) fn new(patterns: &[&str]) -> Patterns {
        Patterns {
            compiled: patterns
                .iter()
                .filter_map(|pattern| compile_pattern(pattern).ok())
                .collect(),
            written: patterns.iter().map(|p| (*p).to_owned()).collect(),
            anonymous: patterns.contains(&WITHHELD),
        }
    }

    /// The pattern the caller's `number` matches, if any.
    pub(super) fn matching(&self, number: &str) -> Option<String> {
        if number == WITHHELD {
            return self.anonymous.then(|| WITHHELD.to_owned());
        }
        let mut chars = number.chars();
        chars.next();
        let tested = chars.as_str();
        self.compiled
            .iter()
            .find(|pattern| pattern.is_match(tested))
            .map(|pattern| pattern.as_str().to_owned())
    }

    /// A number that matches one of the patterns, if a simple reading of a pattern gives
    /// one: its literal digits, `\d` and classes as their first digit, optional parts
    /// left out, the first alternative of a group.
    pub(super) fn sample_match(&self) -> Option<String> {
        self.written
            .iter()
            .map(|pattern| format!("+{}", sample(pattern)))
            .chain(CANDIDATES.iter().map(|number| (*number).to_owned()))
            .find(|number| self.matching(number).is_some())
    }

    /// A number that matches none of the patterns, if one of a few candidates does not.
    pub(super) fn sample_mismatch(&self) -> Option<String> {
        CANDIDATES
            .iter()
            .map(|number| (*number).to_owned())
            .find(|number| self.matching(number).is_none())
    }
}

/// Numbers tried when a pattern's own reading gives no sample: UK, US and other drama
/// and test numbers, and numbers no pattern of digits tends to match.
const CANDIDATES: [&str; 6] = [
    "+441632960000",
    "+12025550100",
    "+33123456789",
    "+61491570006",
    "+0",
    "+999999999999999",
];

/// The longest pattern read for a sample; longer ones are left to the candidates.
const SAMPLE_LIMIT: usize = 256;

/// A string a simple pattern matches (see [`Patterns::sample_match`]).
fn sample(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().take(SAMPLE_LIMIT).peekable();
    let mut depth = 0_usize;
    let mut skipping_alternative = false;
    while let Some(c) = chars.next() {
        if skipping_alternative {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => skipping_alternative = false,
                ')' => depth -= 1,
                _ => {}
            }
            continue;
        }
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push('0'),
                Some(escaped) if escaped.is_ascii_punctuation() => out.push(escaped),
                _ => {}
            },
            '[' => {
                let mut first = None;
                for inner in chars.by_ref() {
                    if inner == ']' {
                        break;
                    }
                    if first.is_none() && inner.is_ascii_digit() {
                        first = Some(inner);
                    }
                }
                out.push(first.unwrap_or('0'));
            }
            '.' => out.push('0'),
            '?' | '*' => {
                out.pop();
            }
            '|' => skipping_alternative = true,
            '{' => {
                let mut count = String::new();
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                    count.push(inner);
                }
                let times: usize = count
                    .split(',')
                    .next()
                    .and_then(|n| n.trim().parse().ok())
                    .unwrap_or(1)
                    .min(SAMPLE_LIMIT);
                if let Some(last) = out.pop() {
                    out.extend(std::iter::repeat_n(last, times));
                }
            }
            '^' | '$' | '(' | ')' | '+' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_of_common_patterns_match() {
        for pattern in [
            "^44",
            r"^\+?44(20|7)\d{9}$",
            "^(33|34)[1-9]",
            "447700900123",
            "^1.*",
        ] {
            let patterns = Patterns::new(&[pattern]);
            let number = patterns.sample_match().unwrap_or_default();
            assert!(patterns.matching(&number).is_some(), "{pattern}: {number}");
        }
    }

    #[test]
    fn withheld_matches_only_the_literal() {
        assert!(Patterns::new(&[".*"]).matching(WITHHELD).is_none());
        assert!(Patterns::new(&["anonymous"]).matching(WITHHELD).is_some());
        assert!(Patterns::new(&["^44"]).matching("+447700900123").is_some());
        assert!(
            Patterns::new(&["^\\+44"])
                .matching("+447700900123")
                .is_none()
        );
        assert!(
            Patterns::new(&["(", "^44"])
                .matching("+447700900123")
                .is_some()
        );
        assert_eq!(Patterns::new(&[".*"]).sample_mismatch(), None);
    }
}
