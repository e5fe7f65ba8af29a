//! The IVR map an exploration writes: what the backend answered to each input of each
//! menu, in the format `callflow render` draws and [`MapBackend`] answers from.
//!
//! [`MapBackend`]: super::super::MapBackend

use serde_json::{Map, Value, json};

use super::super::map::{RAW_BODY, RAW_FAILURE, RAW_STATUS};
use super::super::scenario::Start;
use super::super::transcript::{StepEvent, Transcript};
use super::trail::Trail;
use crate::diagnostics::Report;
use crate::voice::events::{CallStatus, parse_event};

/// The answers seen so far, first seen first kept, by menu and input.
#[derive(Debug)]
pub(super) struct MapWriter {
    start: Option<Value>,
    menus: Vec<(String, Vec<(String, Value)>)>,
}

impl MapWriter {
    /// An empty map; an outbound call's request is its start.
    pub(super) fn new(start: &Start) -> MapWriter {
        let start = match start {
            Start::Request(request) => Some(request.clone()),
            Start::Inbound { .. } => None,
        };
        MapWriter {
            start,
            menus: Vec::new(),
        }
    }

    /// Adds the answers to every call action of one call.
    pub(super) fn add(&mut self, transcript: &Transcript, trail: &Trail) {
        for (index, step) in transcript.steps.iter().enumerate() {
            let StepEvent::Webhook {
                kind: "VCA",
                body,
                http_status,
                answer,
                failure,
                report,
                ..
            } = &step.event
            else {
                continue;
            };
            let Some(call) = parse_event(body)
                .ok()
                .and_then(|event| event.call().cloned())
            else {
                continue;
            };
            let reply = match (trail.reply_at(index), failure) {
                (Some(reply), _) => reply.clone(),
                (None, Some(failure)) => json!({ RAW_FAILURE: failure }),
                (None, None) => raw_answer(
                    *http_status,
                    answer.as_deref().unwrap_or(""),
                    report.as_ref().is_none_or(Report::is_valid),
                ),
            };
            if call.call_status == Some(CallStatus::CallReceived) {
                self.start.get_or_insert(reply);
                continue;
            }
            let menu = call.client_action_id.unwrap_or_default();
            let input = call.dtmf.unwrap_or_else(|| "silence".to_owned());
            let at = if let Some(at) = self.menus.iter().position(|(id, _)| *id == menu) {
                at
            } else {
                self.menus.push((menu, Vec::new()));
                self.menus.len() - 1
            };
            let replies = &mut self.menus[at].1;
            if !replies.iter().any(|(seen, _)| *seen == input) {
                replies.push((input, reply));
            }
        }
    }

    /// The map: `{"start"?, "menus": {id: {input: reply}}}`, the answer most inputs of a
    /// menu share written once as `"*"`.
    pub(super) fn to_value(&self) -> Value {
        let mut menus = Map::new();
        for (id, replies) in &self.menus {
            menus.insert(id.clone(), Value::Object(grouped(replies)));
        }
        let mut map = Map::new();
        if let Some(start) = &self.start {
            map.insert("start".to_owned(), start.clone());
        }
        map.insert("menus".to_owned(), Value::Object(menus));
        Value::Object(map)
    }
}

/// An answer that is not a usable reply, as the map's raw form; a JSON object that was
/// a fine answer (such as `{}`) as itself.
fn raw_answer(status: Option<u16>, answer: &str, valid: bool) -> Value {
    let parsed = serde_json::from_str::<Value>(answer).ok();
    match (status, parsed) {
        (Some(200), Some(body @ Value::Object(_))) if valid => body,
        (status, parsed) => json!({
            RAW_STATUS: status.unwrap_or(200),
            RAW_BODY: parsed.unwrap_or_else(|| Value::String(answer.to_owned())),
        }),
    }
}

/// A menu's replies by input, those that share the most common reply written as `"*"`.
fn grouped(replies: &[(String, Value)]) -> Map<String, Value> {
    let shared = replies
        .iter()
        .map(|(_, reply)| {
            let count = replies.iter().filter(|(_, other)| other == reply).count();
            (count, reply)
        })
        .filter(|(count, _)| *count > 1)
        .max_by_key(|(count, _)| *count)
        .map(|(_, reply)| reply);
    let mut menu = Map::new();
    for (input, reply) in replies {
        if Some(reply) != shared {
            menu.insert(input.clone(), reply.clone());
        }
    }
    if let Some(reply) = shared {
        menu.insert("*".to_owned(), reply.clone());
    }
    menu
}
