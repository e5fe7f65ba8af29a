//! A backend written as an IVR map, for tests and shared vectors: it answers each Voice
//! Call Action from the menu named by the event's `clientActionId` and the digits.

use std::collections::HashMap;

use serde_json::Value;

use super::error::{Document, EmulatorError, json_text};
use super::{Failure, Response, Webhook, WebhookKind};
use crate::voice::events::parse_event;
use crate::voice::input::Input;
use crate::voice::ivr::route::{self, Entry};

/// An IVR map, `{"start"?: reply, "menus": {"<clientActionId>": {"<digits>": reply}}}`,
/// answering webhooks as a stateless backend would.
///
/// - A call action with the digits `d` from the menu `m` (its `clientActionId`; `""` when
///   it has none) gets `menus[m][d]`, else `menus[m]["*"]`. With no digits (silence,
///   or the return from a bridged call) the key is `"bridged"`, then `"silence"`, then
///   `"*"`.
/// - An inbound call (`CALL_RECEIVED`) gets `start`; so does an event without
///   `clientActionId` when the map has no `""` menu, unless `start` sets a
///   `clientActionId` that names a menu: that menu answers it (the first call action of
///   an outbound call). The IVR runtime routes the same way ([`crate::voice::ivr`]).
/// - Anything the map does not answer gets HTTP 500, like a backend that crashes.
/// - A reply may instead be a raw answer, for testing how the platform copes:
///   `{"$status": 503, "$body": "text or JSON", "$latencyMs": 6000}` (each optional),
///   or no answer at all: `{"$failure": "timeout" | "connection" | "too-large" |
///   "redirect"}`.
/// - Status and summary webhooks get `{}`.
///
/// ```
/// use callflow_core::voice::emulator::{Emulator, MapBackend, Options, Script};
/// let map = MapBackend::from_json(r#"{"menus": {"": {
///     "1": {"callflow": [{"action": "hangup"}]}}}}"#)?;
/// let request = r#"{"callflow": [
///     {"action": "makeCall", "params": {"source": "+6512345678", "destination": "+6587654321"}},
///     {"action": "sayAndCapture", "params": {"promptMessage": "Press 1.", "voiceProfile": "en-US-BenjaminRUS"}}]}"#;
/// let call = Emulator::outbound(request, Script::new().press("1"), Options::default());
/// let transcript = call.run(|webhook| map.answer(webhook));
/// assert!(transcript.ok());
/// assert_eq!(transcript.heard, ["Press 1."]);
/// assert_eq!(transcript.session_status, "COMPLETED");
/// # Ok::<(), callflow_core::voice::emulator::EmulatorError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MapBackend {
    start: Option<Response>,
    /// The `clientActionId` that `start` sets.
    start_menu: Option<String>,
    /// The answer for each input of each menu, written once when the map is read.
    menus: HashMap<String, HashMap<String, Response>>,
}

impl MapBackend {
    /// Reads an IVR map (text, bytes or a parsed value).
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<MapBackend, EmulatorError> {
        let text = json_text(input, Document::Map)?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|err| EmulatorError::new(Document::Map, err.to_string()))?;
        MapBackend::from_value(value)
    }

    /// Reads an IVR map from a parsed value (see [`MapBackend::from_json`]).
    pub(crate) fn from_value(value: Value) -> Result<MapBackend, EmulatorError> {
        let Value::Object(mut map) = value else {
            return Err(EmulatorError::new(
                Document::Map,
                "an IVR map is a JSON object",
            ));
        };
        let menus = match map.remove("menus") {
            Some(Value::Object(menus)) => menus,
            None => serde_json::Map::new(),
            Some(_) => {
                return Err(EmulatorError::new(
                    Document::Map,
                    "\"menus\" must be an object of menus by clientActionId",
                ));
            }
        };
        let menus = menus
            .into_iter()
            .map(|(id, menu)| match menu {
                Value::Object(replies) => Ok((
                    id,
                    replies
                        .into_iter()
                        .map(|(input, reply)| (input, answer_with(&reply)))
                        .collect(),
                )),
                _ => Err(EmulatorError::new(
                    Document::Map,
                    format!("menus[{id:?}] must be an object of replies by input"),
                )),
            })
            .collect::<Result<_, _>>()?;
        let start = map.remove("start");
        Ok(MapBackend {
            start_menu: start
                .as_ref()
                .and_then(|start| start.get("clientActionId"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            start: start.as_ref().map(answer_with),
            menus,
        })
    }

    /// The answer to one webhook.
    pub fn answer(&self, webhook: &Webhook) -> Response {
        if webhook.kind != WebhookKind::Vca {
            return Response::json(200, "{}");
        }
        match self.reply(webhook) {
            Some(answer) => answer.clone(),
            None => Response::json(
                500,
                r#"{"error":"the IVR map has no reply for this input"}"#,
            ),
        }
    }

    fn reply(&self, webhook: &Webhook) -> Option<&Response> {
        let event = parse_event(webhook.body.as_str()).ok()?;
        let call = event.call()?;
        let has_menu = |id: &str| self.menus.contains_key(id);
        match route::entry(call, has_menu, self.start_menu.as_deref()) {
            Entry::Start => self.start.as_ref(),
            Entry::Menu(id) => {
                let replies = self.menus.get(id)?;
                route::keys(call.dtmf.as_deref()).find_map(|key| replies.get(key))
            }
        }
    }
}

/// The member of a raw answer giving its HTTP status.
pub(crate) const RAW_STATUS: &str = "$status";
/// The member of a raw answer giving its body.
pub(crate) const RAW_BODY: &str = "$body";
/// The member of a raw answer giving its latency.
pub(crate) const RAW_LATENCY: &str = "$latencyMs";
/// The member of a raw answer saying no HTTP answer came, and why.
pub(crate) const RAW_FAILURE: &str = "$failure";

/// The HTTP answer for a map's reply: the reply as JSON, or a raw answer.
fn answer_with(reply: &Value) -> Response {
    let raw = [RAW_STATUS, RAW_BODY, RAW_LATENCY, RAW_FAILURE]
        .iter()
        .any(|key| reply.get(key).is_some());
    if !raw {
        return Response::json(200, &reply.to_string());
    }
    let latency_ms = reply
        .get("$latencyMs")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    if let Some(failure) = reply.get(RAW_FAILURE) {
        let failure = failure
            .as_str()
            .and_then(|name| name.parse::<Failure>().ok())
            .unwrap_or(Failure::Connection);
        return Response::Failed {
            failure,
            detail: format!(
                "the IVR map answers with no HTTP answer ({})",
                failure.as_str()
            ),
            latency_ms,
        };
    }
    let status = reply
        .get(RAW_STATUS)
        .and_then(Value::as_u64)
        .and_then(|status| u16::try_from(status).ok())
        .unwrap_or(200);
    let body = match reply.get(RAW_BODY) {
        Some(Value::String(text)) => text.clone(),
        Some(value) => value.to_string(),
        None => String::new(),
    };
    let latency_ms = reply
        .get("$latencyMs")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    Response::Answered {
        status,
        body: body.into_bytes(),
        latency_ms,
    }
}
