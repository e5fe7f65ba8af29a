//! One try of a `sayAndCapture`: which digits the scripted keys give under the action's
//! parameters, and when input ends.

use super::options::CaptureDefaults;
use super::script::is_key;
use crate::voice::SayAndCapture;

/// A capture's rules, with the platform's defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Capture {
    pub(crate) min_digits: usize,
    pub(crate) max_digits: usize,
    pub(crate) digit_timeout_ms: Option<u64>,
    pub(crate) overall_timeout_ms: u64,
    pub(crate) complete_on_hash: bool,
    pub(crate) tries: u64,
}

/// Why input ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EndedBy {
    /// `#` with `completeOnHash`.
    Hash,
    /// `maxDigits` digits were entered.
    MaxDigits,
    /// Too long between two digits.
    DigitTimeout,
    /// The whole input took too long (or nothing was pressed).
    OverallTimeout,
    /// The caller hung up.
    Hangup,
}

impl EndedBy {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EndedBy::Hash => "hash",
            EndedBy::MaxDigits => "maxDigits",
            EndedBy::DigitTimeout => "digitTimeout",
            EndedBy::OverallTimeout => "overallTimeout",
            EndedBy::Hangup => "hangup",
        }
    }
}

/// What one try collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Collected {
    /// The keys pressed before input ended (`#` included).
    pub(crate) pressed: String,
    /// The digits captured (without a completing `#`).
    pub(crate) digits: String,
    pub(crate) ended_by: EndedBy,
    /// From the end of the prompt to the end of input.
    pub(crate) elapsed_ms: u64,
}

impl Capture {
    /// The rules of `params`, with `defaults` for what is not set.
    pub(crate) fn of(params: &SayAndCapture, defaults: CaptureDefaults) -> Capture {
        let (max_digits, overall_timeout_ms, tries) = match defaults {
            CaptureDefaults::Api => (1, 5000, 1),
            CaptureDefaults::Guide => (25, 30_000, 3),
        };
        Capture {
            min_digits: params.min_digits.map_or(1, usize::from),
            max_digits: params.max_digits.map_or(max_digits, usize::from).max(1),
            digit_timeout_ms: params.digit_timeout,
            overall_timeout_ms: params.overall_timeout.unwrap_or(overall_timeout_ms),
            complete_on_hash: params.complete_on_hash.unwrap_or(true),
            tries: params.no_of_tries.unwrap_or(tries).max(1),
        }
    }

    /// Plays the caller's `keys` (one every `key_interval_ms`, starting one interval
    /// after the prompt ends) against the rules; the caller hangs up `hangup_in_ms`
    /// after the prompt ends, if given. Characters that are not phone keys are skipped.
    pub(crate) fn collect(
        &self,
        keys: &str,
        key_interval_ms: u64,
        hangup_in_ms: Option<u64>,
    ) -> Collected {
        let mut got = Collected {
            pressed: String::new(),
            digits: String::new(),
            ended_by: EndedBy::OverallTimeout,
            elapsed_ms: 0,
        };
        let hangup = hangup_in_ms.unwrap_or(u64::MAX);
        let mut last = 0_u64;
        for key in keys.chars().filter(|key| is_key(*key)) {
            let at = last.saturating_add(key_interval_ms);
            if let Some(ended) = self.timeout_before(&got, last, at) {
                return got.ended(ended, hangup);
            }
            if hangup <= at {
                return got.ended((EndedBy::Hangup, hangup), hangup);
            }
            last = at;
            got.pressed.push(key);
            if key == '#' && self.complete_on_hash {
                return got.ended((EndedBy::Hash, at), hangup);
            }
            got.digits.push(key);
            if got.digits.len() >= self.max_digits {
                return got.ended((EndedBy::MaxDigits, at), hangup);
            }
        }
        let ended = self
            .timeout_before(&got, last, u64::MAX)
            .unwrap_or((EndedBy::OverallTimeout, self.overall_timeout_ms));
        got.ended(ended, hangup)
    }

    /// The timeout that ends input before a key at `at`, the previous one at `last`.
    /// The digit timeout runs between digits only; the overall timeout from the end of
    /// the prompt.
    fn timeout_before(&self, got: &Collected, last: u64, at: u64) -> Option<(EndedBy, u64)> {
        let digit = self
            .digit_timeout_ms
            .filter(|_| !got.pressed.is_empty())
            .map(|timeout| last.saturating_add(timeout));
        let overall = self.overall_timeout_ms;
        match digit {
            Some(digit) if digit < at && digit <= overall => Some((EndedBy::DigitTimeout, digit)),
            _ if overall < at => Some((EndedBy::OverallTimeout, overall)),
            _ => None,
        }
    }

    /// Whether the try succeeded: input not cut by a hang-up, and a digit count within
    /// `minDigits` to `maxDigits`.
    pub(crate) fn accepts(&self, got: &Collected) -> bool {
        got.ended_by != EndedBy::Hangup
            && (self.min_digits..=self.max_digits).contains(&got.digits.len())
    }
}

impl Collected {
    /// Input ends at `at` for `reason`, unless the caller hangs up first.
    fn ended(mut self, (reason, at): (EndedBy, u64), hangup: u64) -> Collected {
        if hangup < at {
            self.ended_by = EndedBy::Hangup;
            self.elapsed_ms = hangup;
        } else {
            self.ended_by = reason;
            self.elapsed_ms = at;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture(min: usize, max: usize, digit: Option<u64>, hash: bool) -> Capture {
        Capture {
            min_digits: min,
            max_digits: max,
            digit_timeout_ms: digit,
            overall_timeout_ms: 10_000,
            complete_on_hash: hash,
            tries: 1,
        }
    }

    #[test]
    fn one_digit_ends_at_max_digits() {
        let got = capture(1, 1, Some(5000), true).collect("1", 500, None);
        assert_eq!(
            (got.digits.as_str(), got.ended_by, got.elapsed_ms),
            ("1", EndedBy::MaxDigits, 500)
        );
    }

    #[test]
    fn hash_completes_and_is_not_a_digit() {
        let rules = capture(1, 4, None, true);
        let got = rules.collect("12#", 500, None);
        assert_eq!(
            (got.digits.as_str(), got.pressed.as_str(), got.ended_by),
            ("12", "12#", EndedBy::Hash)
        );
        assert!(rules.accepts(&got));
        let kept = capture(1, 4, None, false).collect("12#", 500, None);
        assert_eq!(kept.digits, "12#");
    }

    #[test]
    fn silence_waits_for_the_overall_timeout() {
        let rules = capture(1, 1, Some(3000), true);
        let got = rules.collect("", 500, None);
        assert_eq!(
            (got.ended_by, got.elapsed_ms),
            (EndedBy::OverallTimeout, 10_000)
        );
        assert!(!rules.accepts(&got));
    }

    #[test]
    fn digit_timeout_ends_a_short_entry() {
        let rules = capture(2, 4, Some(2000), true);
        let got = rules.collect("12", 500, None);
        assert_eq!(
            (got.ended_by, got.elapsed_ms),
            (EndedBy::DigitTimeout, 3000)
        );
        assert!(rules.accepts(&got));
        let slow = capture(1, 4, Some(300), true).collect("12", 500, None);
        assert_eq!(
            (slow.digits.as_str(), slow.ended_by, slow.elapsed_ms),
            ("1", EndedBy::DigitTimeout, 800)
        );
    }

    #[test]
    fn hangup_cuts_input() {
        let got = capture(1, 4, None, true).collect("1234", 500, Some(1200));
        assert_eq!(
            (got.pressed.as_str(), got.ended_by, got.elapsed_ms),
            ("12", EndedBy::Hangup, 1200)
        );
    }
}
