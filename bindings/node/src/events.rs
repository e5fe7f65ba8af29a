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
/// throws `CallflowEventError`, whose `reason` says why (`'invalid-json'`,
/// `'too-deep'`, `'not-an-object'`, `'missing-event-type'`, `'missing-payload'`).
#[napi(
    namespace = "voice",
    catch_unwind,
    ts_args_type = "body: string | Uint8Array | object",
    ts_return_type = "VoiceEvent"
)]
pub fn parse_event<'env>(env: &'env Env, body: JsDocument<'_>) -> napi::Result<Unknown<'env>> {
    let event = Document::read_with(*env, body, events::parse_event, |parsed| {
        matches!(parsed, Err(EventError::Syntax(_)))
    })?;
    to_js(env, &event.map_err(|err| event_error(*env, &err))?)
}

/// An event as a plain JavaScript object, in the flat form.
pub(crate) fn to_js<'env>(env: &'env Env, event: &Event) -> napi::Result<Unknown<'env>> {
    js_text::parse(env, event.to_json())
}
