//! Checks of single values: strings that must be there, durations, pins, caller-ID
//! patterns, forward numbers and lists.

use super::Checker;
use crate::json::Json;
use crate::path::Path;
use crate::pbx::code::PbxCode;

/// The compiled size a caller-ID pattern may reach; a larger one is reported rather
/// than built, so a hostile pattern costs bounded time and memory.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// A string member that must be present and not empty.
pub(super) fn required_string(ck: &mut Checker, object: &Json<'_>, field: &str, path: &Path<'_>) {
    let path = path.key(field);
    match object.get(field) {
        None => ck.missing(&path),
        Some(Json::String(text)) if text.is_empty() => {
            ck.report(PbxCode::MissingField, &path, "must not be empty", None);
        }
        Some(Json::String(_)) => {}
        Some(other) => ck.wrong_type(&path, "a string", other),
    }
}

/// String members that may be absent.
pub(super) fn optional_strings(
    ck: &mut Checker,
    object: &Json<'_>,
    fields: &[&str],
    path: &Path<'_>,
) {
    for field in fields {
        match object.get(field) {
            None | Some(Json::String(_)) => {}
            Some(other) => ck.wrong_type(&path.key(field), "a string", other),
        }
    }
}

/// A duration in seconds: a non-negative number, or a string holding one (the engine
/// reads either).
pub(super) fn duration(ck: &mut Checker, object: &Json<'_>, field: &str, path: &Path<'_>) {
    let Some(value) = object.get(field) else {
        return;
    };
    let detail = match value {
        Json::Number(n) if n.as_f64() >= 0.0 => return,
        Json::Number(n) => format!("must not be negative, found {n}"),
        Json::String(text) => match text.trim().parse::<f64>() {
            Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => return,
            Ok(seconds) if seconds.is_finite() => {
                format!("must not be negative, found {text:?}")
            }
            _ => format!("expected a number of seconds, found {text:?}"),
        },
        other => format!("expected a number of seconds, found {}", other.kind()),
    };
    ck.report(PbxCode::InvalidDuration, &path.key(field), detail, None);
}

/// A conference pin: exactly four digits, written as a string.
pub(super) fn pin(ck: &mut Checker, object: &Json<'_>, path: &Path<'_>) {
    let path = path.key("pin");
    let (detail, hint) = match object.get("pin") {
        None => return,
        Some(Json::String(pin)) if pin.len() == 4 && pin.bytes().all(|b| b.is_ascii_digit()) => {
            return;
        }
        Some(Json::String(pin)) => (format!("must be 4 digits, found {pin:?}"), None),
        Some(Json::Number(n)) => (
            format!("must be a string of 4 digits, found number {n}"),
            n.whole()
                .filter(|n| (1000..10_000).contains(n))
                .map(|n| format!("write it as a string: \"{n}\"")),
        ),
        Some(other) => (
            format!("must be a string of 4 digits, found {}", other.kind()),
            None,
        ),
    };
    ck.report(PbxCode::InvalidPin, &path, detail, hint);
}

/// The items of a list member that must be present and not empty; `item` checks each.
pub(super) fn required_list<'d>(
    ck: &mut Checker,
    object: &'d Json<'d>,
    field: &str,
    path: &Path<'_>,
    mut item: impl FnMut(&mut Checker, &'d Json<'d>, &Path<'_>),
) -> usize {
    let path = path.key(field);
    match object.get(field) {
        None => ck.missing(&path),
        Some(Json::Array(items)) if items.is_empty() => {
            ck.report(PbxCode::MissingField, &path, "must not be empty", None);
        }
        Some(Json::Array(items)) => {
            for (index, value) in items.iter().enumerate() {
                item(ck, value, &path.index(index));
            }
            return items.len();
        }
        Some(other) => ck.wrong_type(&path, "an array", other),
    }
    0
}

/// A list item that must be a string.
pub(super) fn string_item(ck: &mut Checker, value: &Json<'_>, path: &Path<'_>) {
    if !matches!(value, Json::String(_)) {
        ck.wrong_type(path, "a string", value);
    }
}

/// A caller-ID pattern, compiled with the `regex` crate: the engine matches patterns
/// with that crate's syntax, so a pattern it rejects is one the engine skips silently.
pub(super) fn pattern(ck: &mut Checker, value: &Json<'_>, path: &Path<'_>) {
    let Json::String(text) = value else {
        return ck.wrong_type(path, "a string", value);
    };
    let Err(err) = regex::RegexBuilder::new(text)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
    else {
        return;
    };
    let reason = match &err {
        regex::Error::Syntax(text) => text
            .lines()
            .last()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_owned(),
        regex::Error::CompiledTooBig(limit) => format!("it compiles to more than {limit} bytes"),
        other => other.to_string(),
    };
    ck.report(
        PbxCode::InvalidPattern,
        path,
        format!("{text:?} does not compile: {reason}"),
        Some("the engine skips a pattern that does not compile, so it never matches".to_owned()),
    );
}

/// A `forward` target's number, which must be E.164: `+`, then 7 to 15 digits, the
/// first not 0.
pub(super) fn forward_number(ck: &mut Checker, object: &Json<'_>, path: &Path<'_>) {
    let path = path.key("number");
    let number = match object.get("number") {
        None => return ck.missing(&path),
        Some(Json::String(number)) => number,
        Some(other) => return ck.wrong_type(&path, "a string", other),
    };
    if is_e164(number) {
        return;
    }
    let compact: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let hint = if is_e164(&compact) {
        Some("remove spaces, dashes, dots and brackets".to_owned())
    } else if is_e164(&format!("+{compact}")) {
        Some("start with + and the country code".to_owned())
    } else {
        None
    };
    let detail =
        format!("{number:?} is not an E.164 number (+, then 7 to 15 digits, the first not 0)");
    ck.report(PbxCode::InvalidNumber, &path, detail, hint);
}

fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_numbers() {
        assert!(is_e164("+441234567890"));
        assert!(!is_e164("441234567890"));
        assert!(!is_e164("+0441234567"));
        assert!(!is_e164("+12345"));
        assert!(!is_e164("+1234567890123456"));
        assert!(!is_e164("+44 1234"));
    }
}
