//! What one answer of a map does to the call, read leniently from its JSON: whether it
//! ends the call, waits for digits, or bridges, and which menu answers next.

use serde_json::Value;

use super::expand::RAW_FIELDS;

/// The most digits a capture takes when its `maxDigits` is not set: the guide's default,
/// the larger of 8x8's two, so no key is called impossible on a platform default.
const MAX_DIGITS: usize = 25;

/// What an answer does once sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// The call ends: a `hangup`, or nothing more to do.
    Ends,
    /// A `sayAndCapture` waits for digits, with these rules.
    Capture(Rules),
    /// A `makeCall` bridges the caller; its end comes back as a call action.
    Bridge,
    /// A handler or a raw answer: what happens is not in the map.
    Opaque,
}

/// Which digits a capture can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rules {
    pub(crate) min_digits: usize,
    pub(crate) max_digits: usize,
    /// `#` ends the input and is not among the digits.
    pub(crate) complete_on_hash: bool,
}

impl Rules {
    /// Why the capture never gives `key`, if it never does.
    pub(crate) fn refuses(&self, key: &str) -> Option<String> {
        let length = key.chars().count();
        if self.complete_on_hash && key.contains('#') {
            Some("completeOnHash ends the input at # and drops it".to_owned())
        } else if length > self.max_digits {
            Some(format!(
                "the capture takes at most {} digit(s)",
                self.max_digits
            ))
        } else if length < self.min_digits {
            Some(format!(
                "the capture needs at least {} digit(s)",
                self.min_digits
            ))
        } else {
            None
        }
    }
}

/// An answer, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flow<'a> {
    /// The `clientActionId` the answer sets.
    pub(crate) id: Option<&'a str>,
    pub(crate) wait: Wait,
}

/// Whether `start` is a Send Callflow request rather than a reply: it begins with a
/// `makeCall` that more actions follow (as the explorer writes for an outbound call).
pub(crate) fn is_request(start: &Value) -> bool {
    let Some(Value::Array(actions)) = start.get("callflow") else {
        return false;
    };
    actions.len() > 1 && action_name(&actions[0]) == Some("makeCall")
}

/// What `step` does; the first `makeCall` of a request is the call itself.
pub(crate) fn read(step: &Value, request: bool) -> Flow<'_> {
    if step.get("handler").is_some() || RAW_FIELDS.iter().any(|field| step.get(field).is_some()) {
        return Flow {
            id: None,
            wait: Wait::Opaque,
        };
    }
    let id = step.get("clientActionId").and_then(Value::as_str);
    let actions = match step.get("callflow") {
        Some(Value::Array(actions)) => actions.as_slice(),
        _ => &[],
    };
    let skip = usize::from(request);
    let wait = actions
        .iter()
        .skip(skip)
        .find_map(|action| match action_name(action)? {
            "hangup" => Some(Wait::Ends),
            "makeCall" => Some(Wait::Bridge),
            "sayAndCapture" => Some(Wait::Capture(rules(action.get("params")))),
            _ => None,
        })
        .unwrap_or(Wait::Ends);
    Flow { id, wait }
}

fn action_name(action: &Value) -> Option<&str> {
    action.get("action").and_then(Value::as_str)
}

/// The digits rules of a capture's params, with lenient defaults.
fn rules(params: Option<&Value>) -> Rules {
    let number = |name: &str| {
        params
            .and_then(|params| params.get(name))
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    Rules {
        min_digits: number("minDigits").unwrap_or(1),
        max_digits: number("maxDigits").unwrap_or(MAX_DIGITS).max(1),
        complete_on_hash: params
            .and_then(|params| params.get("completeOnHash"))
            .and_then(Value::as_bool)
            .unwrap_or(true),
    }
}
