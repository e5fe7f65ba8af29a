//! Durations given on the command line: `5s`, `500ms`, or a bare number of milliseconds.

use std::time::Duration;

/// Reads `5s`, `500ms` or `500` (milliseconds); for clap's `value_parser`.
pub(crate) fn parse(text: &str) -> Result<Duration, String> {
    let (number, unit_ms) = if let Some(ms) = text.strip_suffix("ms") {
        (ms, 1)
    } else if let Some(seconds) = text.strip_suffix('s') {
        (seconds, 1000)
    } else {
        (text, 1)
    };
    let invalid = || format!("{text:?} is not a duration; write 5s, 500ms or 500 (milliseconds)");
    let amount: u64 = number.parse().map_err(|_| invalid())?;
    match amount.checked_mul(unit_ms) {
        Some(0) => Err("the duration must be more than 0".to_owned()),
        Some(ms) => Ok(Duration::from_millis(ms)),
        None => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_milliseconds_and_bare_numbers() {
        assert_eq!(parse("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse("200"), Ok(Duration::from_millis(200)));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "s",
            "ms",
            "5 s",
            "1.5s",
            "-1",
            "5m",
            "0",
            "0ms",
            "99999999999999999s",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
