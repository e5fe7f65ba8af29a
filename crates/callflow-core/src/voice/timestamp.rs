//! `validUntil` timestamps: RFC 3339 in UTC, as 8x8 documents them.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// A point in time outside the years 0000 to 9999, which a timestamp cannot write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the time is outside the years 0000 to 9999")]
pub struct TimestampOutOfRange;

/// Writes a point in time as 8x8 documents `validUntil`: UTC with milliseconds,
/// `2024-07-03T05:59:32.226Z`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use callflow_core::voice::format_timestamp;
/// let t = UNIX_EPOCH + Duration::from_millis(1_720_000_000_123);
/// assert_eq!(format_timestamp(t).unwrap(), "2024-07-03T09:46:40.123Z");
/// ```
pub fn format_timestamp(time: SystemTime) -> Result<String, TimestampOutOfRange> {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp_nanos(unix_nanos(time))
        .ok()
        .and_then(|datetime| datetime.format(format).ok())
        .ok_or(TimestampOutOfRange)
}

/// Nanoseconds since the Unix epoch, negative before it.
pub(crate) fn unix_nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).unwrap_or(i128::MAX),
        Err(before) => -i128::try_from(before.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

/// Reads a `validUntil` value: RFC 3339, `T` between date and time and a `Z` offset.
/// Returns nanoseconds since the Unix epoch.
pub(crate) fn parse_timestamp(text: &str) -> Option<i128> {
    let bytes = text.as_bytes();
    if bytes.get(10) != Some(&b'T') || bytes.last() != Some(&b'Z') {
        return None;
    }
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(OffsetDateTime::unix_timestamp_nanos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn parses_the_documented_forms_only() {
        assert_eq!(
            parse_timestamp("1970-01-01T00:00:01.5Z"),
            Some(1_500_000_000)
        );
        assert!(parse_timestamp("2024-07-03T05:59:32.226Z").is_some());
        assert!(parse_timestamp("2024-07-03T05:59:32Z").is_some());
        for bad in [
            "2024-07-03T05:59:32.226+00:00",
            "2024-07-03t05:59:32Z",
            "2024-07-03 05:59:32Z",
            "2024-02-30T05:59:32Z",
            "2024-07-03T05:59:32",
            "",
            "Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_before_the_epoch_and_far_away_are_handled() {
        let before = UNIX_EPOCH - Duration::from_hours(24);
        assert_eq!(
            format_timestamp(before).unwrap(),
            "1969-12-31T00:00:00.000Z"
        );
        let far = UNIX_EPOCH + Duration::from_secs(400_000_000_000);
        assert_eq!(format_timestamp(far), Err(TimestampOutOfRange));
    }
}
