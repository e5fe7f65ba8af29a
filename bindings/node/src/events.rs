//! `voice.parseEvent(body)`: 8x8's voice webhooks as plain objects, in the core's flat
//! form.

use callflow_core::voice::events::{self, Event, EventError};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::document::{Document, JsDocument};
use crate::errors::event_error;
use crate::js_text;

/// Parses a webhook body into its event: a plain object with `eventType`, `namespace`,
/// `description`, `version` and every field of the payload (`null` when absent), typed
/// by `eventType`. Lenient as the platform requires: unknown fields are ignored, unknown
/// values kept, keys matched in any case, and call events carry `dtmf` wherever 8x8 put
/// the digits.
///
/// `body` is the raw body (a string, or its bytes as a `Buffer` or `Uint8Array`) or a
/// parsed object, read as `JSON.stringify` writes it. A body that is not an 8x8 webhook
/// throws `EventError`, whose `code` says why (`'invalid-json'`,
/// `'too-deep'`, `'not-an-object'`, `'missing-event-type'`, `'missing-payload'`).
// The package's JavaScript layer (`voice.js`) takes this function's place: it parses the
// event's JSON text this returns with the engine's `JSON.parse`, one call instead of a
// call back into JavaScript from here.
#[napi(
    namespace = "voice",
    catch_unwind,
    ts_args_type = "body: string | Uint8Array | object",
    ts_return_type = "VoiceEvent"
)]
pub fn parse_event(env: Env, body: JsDocument<'_>) -> napi::Result<String> {
    let event = Document::read_with(env, body, events::parse_event, |parsed| {
        matches!(parsed, Err(EventError::Syntax(_)))
    })?;
    Ok(event.map_err(|err| event_error(env, &err))?.to_json())
}

/// An event as a plain JavaScript object, in the flat form.
pub(crate) fn to_js<'env>(env: &'env Env, event: &Event) -> napi::Result<Unknown<'env>> {
    js_text::parse(env, event.to_json())
}
