//! Random callers for load runs: each walks an IVR map the way real callers do, mostly
//! choosing listed options, sometimes silent, sometimes pressing a key the menu does
//! not list.

use serde_json::Value;

use super::error::{Document, EmulatorError, json_text};
use super::ids::Ids;
use super::map::{RAW_BODY, RAW_FAILURE, RAW_STATUS};
use super::script::Script;
use crate::voice::input::Input;

/// The most captures one walk passes, so a map that loops still gives a finite script.
const MAX_CAPTURES: usize = 32;

/// Walks an IVR map (`{"start"?, "menus"}`, the format `callflow explore --map` writes)
/// to write caller scripts.
///
/// ```
/// use callflow_core::voice::emulator::RandomWalk;
/// let walk = RandomWalk::from_json(r#"{
///   "start": {"clientActionId": "m", "callflow": [{"action": "sayAndCapture",
///       "params": {"promptMessage": "Press 1.", "voiceProfile": "en-US-JennyNeural"}}]},
///   "menus": {"m": {"1": {"callflow": [{"action": "hangup"}]}}}}"#)?;
/// // Nobody silent, nobody pressing unlisted keys: every caller presses 1.
/// assert_eq!(walk.script(7, 0.0, 0.0), walk.script(8, 0.0, 0.0));
/// // Seeds repeat.
/// assert_eq!(walk.script(7, 0.3, 0.3), walk.script(7, 0.3, 0.3));
/// # Ok::<(), callflow_core::voice::emulator::EmulatorError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RandomWalk {
    start: Option<Value>,
    menus: serde_json::Map<String, Value>,
}

impl RandomWalk {
    /// Reads an IVR map (text, bytes or a parsed value).
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<RandomWalk, EmulatorError> {
        let text = json_text(input, Document::Map)?;
        let mut value: Value = serde_json::from_str(&text)
            .map_err(|err| EmulatorError::new(Document::Map, err.to_string()))?;
        let Some(Value::Object(menus)) = value.get_mut("menus").map(Value::take) else {
            return Err(EmulatorError::new(
                Document::Map,
                "a random walk needs an IVR map with a \"menus\" object",
            ));
        };
        Ok(RandomWalk {
            start: value.get_mut("start").map(Value::take),
            menus,
        })
    }

    /// One caller's script, from `seed`: at each capture the caller is silent with
    /// probability `silence_rate`, presses a key the menu does not list with
    /// probability `invalid_rate`, and otherwise presses one of the listed keys. The
    /// caller hangs up when the walk leaves the map or after 32 captures, and otherwise
    /// stays on the line until the backend ends the call.
    pub fn script(&self, seed: u64, silence_rate: f64, invalid_rate: f64) -> Script {
        let mut rng = Ids::new(seed);
        let mut script = Script::new();
        let mut reply = self.start.as_ref().or_else(|| self.lookup("", "silence"));
        for _ in 0..MAX_CAPTURES {
            let Some(current) = reply.filter(|reply| !is_raw(reply)) else {
                // The map does not say what comes next; hang up if asked for more.
                return script.hangup();
            };
            let menu = current
                .get("clientActionId")
                .and_then(Value::as_str)
                .unwrap_or("");
            let Some(tries) = capture_tries(current) else {
                // A bridge comes back with no digits; anything else ends the walk.
                if !has_action(current, "makeCall") {
                    return script;
                }
                reply = self.lookup(menu, "silence");
                continue;
            };
            let roll = unit(&mut rng);
            let listed = self.listed(menu);
            let key = if roll < silence_rate {
                None
            } else if roll < silence_rate + invalid_rate || listed.is_empty() {
                let unlisted: Vec<String> = "1234567890*#"
                    .chars()
                    .map(String::from)
                    .filter(|key| !listed.contains(key))
                    .collect();
                pick(&mut rng, &unlisted)
            } else {
                pick(&mut rng, &listed)
            };
            reply = if let Some(key) = key {
                script = script.press(key.clone());
                self.lookup(menu, &key)
            } else {
                script = (0..tries).fold(script, |script, _| script.silence());
                self.lookup(menu, "silence")
            };
        }
        script.hangup()
    }

    /// The reply of `menu` to `input`, else to any input.
    fn lookup(&self, menu: &str, input: &str) -> Option<&Value> {
        let replies = self.menus.get(menu)?;
        replies.get(input).or_else(|| replies.get("*"))
    }

    /// The inputs a menu lists, other than `*` and silence.
    fn listed(&self, menu: &str) -> Vec<String> {
        self.menus
            .get(menu)
            .and_then(Value::as_object)
            .map(|replies| {
                replies
                    .keys()
                    .filter(|key| *key != "*" && *key != "silence")
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A raw answer (an HTTP error, a timeout) ends the call.
fn is_raw(reply: &Value) -> bool {
    [RAW_STATUS, RAW_BODY, RAW_FAILURE]
        .iter()
        .any(|key| reply.get(key).is_some())
}

/// The actions of a reply.
fn actions(reply: &Value) -> impl Iterator<Item = &Value> {
    reply
        .get("callflow")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn has_action(reply: &Value, name: &str) -> bool {
    actions(reply).any(|action| action.get("action").and_then(Value::as_str) == Some(name))
}

/// The tries of the reply's capture (`noOfTries`, 1 when unset), or `None` without one.
fn capture_tries(reply: &Value) -> Option<u64> {
    actions(reply)
        .find(|action| action.get("action").and_then(Value::as_str) == Some("sayAndCapture"))
        .map(|capture| {
            capture
                .pointer("/params/noOfTries")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .clamp(1, 16)
        })
}

/// A number in `[0, 1)`.
fn unit(rng: &mut Ids) -> f64 {
    let bits = u32::try_from(rng.next_u64() >> 32).unwrap_or(0);
    f64::from(bits) / 4_294_967_296.0
}

/// One of `from`, or `None` when it is empty.
fn pick(rng: &mut Ids, from: &[String]) -> Option<String> {
    let len = u64::try_from(from.len()).ok().filter(|len| *len > 0)?;
    let index = usize::try_from(rng.next_u64() % len).ok()?;
    from.get(index).cloned()
}
