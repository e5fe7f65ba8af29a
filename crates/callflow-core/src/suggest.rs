//! "Did you mean" suggestions for misspelt names.

/// The accepted name closest to `name`: one equal to it ignoring case, or else the
/// nearest within an edit distance of 2 (3 for names longer than 8 characters).
pub(crate) fn closest<'c>(name: &str, accepted: &[&'c str]) -> Option<&'c str> {
    if let Some(same) = accepted
        .iter()
        .find(|candidate| candidate.eq_ignore_ascii_case(name))
    {
        return Some(same);
    }
    let length = name.chars().count();
    let limit = if length > 8 { 3 } else { 2 };
    accepted
        .iter()
        // Names whose lengths differ by more than the limit cannot be within it: skip the
        // edit distance, so a flood of long unknown keys costs next to nothing.
        .filter(|candidate| candidate.len().abs_diff(length) <= limit)
        .map(|candidate| (strsim::levenshtein(name, candidate), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// The hint text for a suggestion: `did you mean "name"?`.
pub(crate) fn did_you_mean(name: &str, accepted: &[&str]) -> Option<String> {
    closest(name, accepted).map(|found| format!("did you mean \"{found}\"?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [&str; 5] = ["makeCall", "say", "playFile", "sayAndCapture", "hangup"];

    #[test]
    fn prefers_a_case_insensitive_match() {
        assert_eq!(closest("sayandcapture", &ACTIONS), Some("sayAndCapture"));
        assert_eq!(closest("HANGUP", &ACTIONS), Some("hangup"));
    }

    #[test]
    fn allows_small_typos_only() {
        assert_eq!(closest("playfil", &ACTIONS), Some("playFile"));
        assert_eq!(closest("sayAndCaptur", &ACTIONS), Some("sayAndCapture"));
        assert_eq!(closest("transfer", &ACTIONS), None);
        assert_eq!(closest(&"x".repeat(10_000), &ACTIONS), None);
    }
}
