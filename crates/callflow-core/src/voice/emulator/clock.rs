//! The virtual clock: how long speech lasts, and how times are written.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::voice::format_timestamp;

/// How long `text` takes to speak once: its words at `words_per_minute` divided by
/// `speed`, plus a pause after each sentence.
///
/// ```
/// # use callflow_core::voice::emulator::speech_ms;
/// // 10 words at 150 per minute is 4 s, plus one sentence pause.
/// assert_eq!(speech_ms("one two three four five six seven eight nine ten.", 1.0, 150.0, 750), 4750);
/// assert_eq!(speech_ms("one two three four five six seven eight nine ten.", 2.0, 150.0, 750), 2750);
/// assert_eq!(speech_ms("", 1.0, 150.0, 750), 0);
/// ```
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]
pub fn speech_ms(text: &str, speed: f64, words_per_minute: f64, sentence_pause_ms: u64) -> u64 {
    let words = text.split_whitespace().count();
    if words == 0 {
        return 0;
    }
    let speed = if speed.is_finite() && speed > 0.0 {
        speed
    } else {
        1.0
    };
    let talking = (words as f64 * 60_000.0 / (words_per_minute * speed)).round();
    let talking = if talking.is_finite() && talking >= 0.0 {
        talking.min(u64::MAX as f64 / 2.0) as u64
    } else {
        0
    };
    talking.saturating_add(sentences(text).saturating_mul(sentence_pause_ms))
}

/// The number of sentences: runs of `.`, `!` or `?` that end a word, and at least one.
fn sentences(text: &str) -> u64 {
    let ends = text
        .split_whitespace()
        .filter(|word| word.ends_with(['.', '!', '?']))
        .count();
    u64::try_from(ends.max(1)).unwrap_or(u64::MAX)
}

/// A virtual time (`start_ms` plus `offset_ms`) as 8x8 writes event timestamps:
/// `2026-01-01T00:00:05.250Z`.
pub(crate) fn timestamp_ms(start_ms: i64, offset_ms: u64) -> String {
    let at = i64::try_from(offset_ms)
        .ok()
        .and_then(|offset| start_ms.checked_add(offset))
        .unwrap_or(start_ms);
    format_timestamp(system_time(at)).unwrap_or_default()
}

/// Milliseconds since the Unix epoch as a point in time (the epoch itself when the
/// platform's clock cannot hold it).
pub(crate) fn system_time(ms: i64) -> SystemTime {
    let offset = Duration::from_millis(ms.unsigned_abs());
    let time = if ms >= 0 {
        UNIX_EPOCH.checked_add(offset)
    } else {
        UNIX_EPOCH.checked_sub(offset)
    };
    time.unwrap_or(UNIX_EPOCH)
}

/// A virtual time as 8x8 writes session summary times, to the second:
/// `2026-01-01T00:00:05Z`.
pub(crate) fn timestamp_s(start_ms: i64, offset_ms: u64) -> String {
    let mut text = timestamp_ms(start_ms, offset_ms);
    if let Some(dot) = text.rfind('.') {
        text.replace_range(dot.., "Z");
    }
    text
}
