//! Checks of single values: strings that must be there, durations, pins, caller-ID
//! patterns, forward numbers and lists.

use super::Checker;
use crate::json::Json;
use crate::path::Path;
use crate::pbx::code::PbxCode;
use crate::pbx::modules::{Field, TARGETS, Value};
use crate::suggest::did_you_mean;

/// The compiled size a caller-ID pattern may reach; a larger one is reported rather
/// than built, so a hostile pattern costs bounded time and memory.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// Checks the member `field` of `object` as its table entry says. The call flow's
/// modules are checked on their own.
pub(super) fn member(ck: &mut Checker, object: &Json<'_>, field: &Field, path: &Path<'_>) {
    let path = path.key(field.name);
    let Some(value) = object.get(field.name) else {
        if field.required {
            ck.missing(&path);
        }
        return;
    };
    match (field.value, value) {
        (Value::String, Json::String(_))
        | (Value::Boolean, Json::Bool(_))
        | (Value::Modules, _) => {}
        (Value::NonEmptyString, Json::String(text)) => {
            if text.is_empty() {
                ck.report(PbxCode::MissingField, &path, "must not be empty", None);
            }
        }
        (Value::PositiveInteger, Json::Number(n)) if n.whole().is_some_and(|n| n > 0) => {}
        (Value::PositiveInteger, other) => ck.wrong_type(&path, "a positive integer", other),
        (Value::String | Value::NonEmptyString, other) => ck.wrong_type(&path, "a string", other),
        (Value::Boolean, other) => ck.wrong_type(&path, "a boolean", other),
        (Value::Duration, value) => duration(ck, value, &path),
        (Value::Pin, value) => pin(ck, value, &path),
        (Value::E164, value) => forward_number(ck, value, &path),
        (Value::Strings, value) => list(ck, value, &path, string_item),
        (Value::Patterns, value) => list(ck, value, &path, pattern),
        (Value::Targets, value) => list(ck, value, &path, target),
    }
}

/// A duration in seconds: a non-negative number, or a string holding one (the engine
/// reads either).
fn duration(ck: &mut Checker, value: &Json<'_>, path: &Path<'_>) {
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
    ck.report(PbxCode::InvalidDuration, path, detail, None);
}

/// A conference pin: exactly four digits, written as a string.
fn pin(ck: &mut Checker, value: &Json<'_>, path: &Path<'_>) {
    let (detail, hint) = match value {
        Json::String(pin) if pin.len() == 4 && pin.bytes().all(|b| b.is_ascii_digit()) => {
            return;
        }
        Json::String(pin) => (format!("must be 4 digits, found {pin:?}"), None),
        Json::Number(n) => (
            format!("must be a string of 4 digits, found number {n}"),
            n.whole()
                .filter(|n| (1000..10_000).contains(n))
                .map(|n| format!("write it as a string: \"{n}\"")),
        ),
        other => (
            format!("must be a string of 4 digits, found {}", other.kind()),
            None,
        ),
    };
    ck.report(PbxCode::InvalidPin, path, detail, hint);
}

/// The items of a list that must not be empty; `item` checks each.
fn list<'d>(
    ck: &mut Checker,
    value: &'d Json<'d>,
    path: &Path<'_>,
    mut item: impl FnMut(&mut Checker, &'d Json<'d>, &Path<'_>),
) {
    match value {
        Json::Array(items) if items.is_empty() => {
            ck.report(PbxCode::MissingField, path, "must not be empty", None);
        }
        Json::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                item(ck, value, &path.index(index));
            }
        }
        other => ck.wrong_type(path, "an array", other),
    }
}

/// A list item that must be a string.
fn string_item(ck: &mut Checker, value: &Json<'_>, path: &Path<'_>) {
    if !matches!(value, Json::String(_)) {
        ck.wrong_type(path, "a string", value);
    }
}

/// One item of an `extension` module's `extensions`.
fn target(ck: &mut Checker, item: &Json<'_>, path: &Path<'_>) {
    if !matches!(item, Json::Object(_)) {
        return ck.wrong_type(path, "a target object", item);
    }
    let kind = match item.get("type") {
        None => return ck.missing(&path.key("type")),
        Some(Json::String(kind)) => kind.as_ref(),
        Some(other) => return ck.wrong_type(&path.key("type"), "a string", other),
    };
    match TARGETS.iter().find(|spec| spec.name == kind) {
        Some(spec) if spec.documented || !ck.options.strict => {
            if let Some(field) = &spec.field {
                member(ck, item, field, path);
            }
        }
        _ => {
            let documented: Vec<&str> = TARGETS
                .iter()
                .filter(|spec| spec.documented)
                .map(|spec| spec.name)
                .collect();
            let detail = format!(
                "{kind:?} is not a target type (accepted: {})",
                documented.join(", ")
            );
            ck.report_with(PbxCode::InvalidStructure, &path.key("type"), detail, || {
                did_you_mean(kind, &documented)
            });
        }
    }
}

/// A caller-ID pattern, compiled with the `regex` crate: the engine matches patterns
/// with that crate's syntax, so a pattern it rejects is one the engine skips silently.
fn pattern(ck: &mut Checker, value: &Json<'_>, path: &Path<'_>) {
    let Json::String(text) = value else {
        return ck.wrong_type(path, "a string", value);
    };
    let Err(err) = compile_pattern(text) else {
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
fn forward_number(ck: &mut Checker, value: &Json<'_>, path: &Path<'_>) {
    let Json::String(number) = value else {
        return ck.wrong_type(path, "a string", value);
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
    ck.report(PbxCode::InvalidNumber, path, detail, hint);
}

/// A caller-ID pattern compiled as the engine would, within a size limit so that a
/// hostile pattern costs bounded time and memory.
pub(in crate::pbx) fn compile_pattern(text: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(text)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
}

/// Whether `number` is E.164: `+`, then 7 to 15 digits, the first not 0.
pub(in crate::pbx) fn is_e164(number: &str) -> bool {
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
