//! Reading a module's members the way the engine does: durations in seconds truncated to
//! whole seconds (reference section 2.3), strings, flags, and the targets an `extension`
//! rings.

use crate::json::Json;
use crate::pbx::check::values::is_e164;
use crate::pbx::graph::Node;

/// The string member `field`.
pub(super) fn text<'d>(node: &Node<'d>, field: &str) -> Option<&'d str> {
    match node.object.get(field) {
        Some(Json::String(text)) => Some(text),
        _ => None,
    }
}

/// Whether the member `field` is `true`.
pub(super) fn flag(node: &Node<'_>, field: &str) -> bool {
    matches!(node.object.get(field), Some(Json::Bool(true)))
}

/// A number, or a string holding one, when it is finite and not negative.
fn number(value: Option<&Json<'_>>) -> Option<f64> {
    let value = match value? {
        Json::Number(n) => n.as_f64(),
        Json::String(text) => text.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (value.is_finite() && value >= 0.0).then_some(value)
}

/// Whole milliseconds of `value` units of `unit_ms` each, saturating.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole_ms(value: f64, unit_ms: u64) -> u64 {
    // Truncation is the engine's rule; `as` saturates on values beyond u64.
    (value.trunc() as u64).saturating_mul(unit_ms)
}

/// A duration in seconds (`duration`, `wait_duration`, `dial_duration`), truncated to
/// whole seconds, in milliseconds; `default_s` when it is missing or unusable.
pub(super) fn seconds(node: &Node<'_>, field: &str, default_s: u64) -> u64 {
    number(node.object.get(field)).map_or(default_s.saturating_mul(1000), |s| whole_ms(s, 1000))
}

/// A duration in milliseconds (`sleep`'s `duration`), truncated; 0 when unusable.
pub(super) fn millis(node: &Node<'_>, field: &str) -> u64 {
    number(node.object.get(field)).map_or(0, |ms| whole_ms(ms, 1))
}

/// The strings of the list member `field`, skipping items that are not strings.
pub(super) fn strings<'d>(node: &Node<'d>, field: &str) -> Vec<&'d str> {
    match node.object.get(field) {
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Json::String(text) => Some(text.as_ref()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// One phone an `extension` module rings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    /// The keys a call's `rings` may name it by: a target's uuid (a forward target's
    /// number), or a dialled extension's number and uuid.
    pub(super) keys: Vec<String>,
    /// How transcripts name it: `sipuser 92b0aca6`.
    pub(super) describe: String,
}

/// The targets the engine rings: each object of `extensions` with a known `type` and
/// its `uuid` (or, for `forward`, a valid number); the engine drops the others
/// (reference section 2.2, "extension").
pub(super) fn targets(node: &Node<'_>) -> Vec<Target> {
    let Some(Json::Array(items)) = node.object.get("extensions") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let Some(Json::String(kind)) = item.get("type") else {
                return None;
            };
            let kind = kind.to_ascii_lowercase();
            let field = if kind == "forward" { "number" } else { "uuid" };
            let Some(Json::String(key)) = item.get(field) else {
                return None;
            };
            let known = matches!(
                kind.as_str(),
                "sipuser" | "huntgroup" | "trunk" | "account_bridge" | "inter_tenant"
            ) || (kind == "forward" && is_e164(key));
            (known && !key.is_empty()).then(|| Target {
                keys: vec![key.to_string()],
                describe: format!("{kind} {key}"),
            })
        })
        .collect()
}
