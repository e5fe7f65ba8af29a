//! Receiving webhooks: `webhooks.Receiver` and `webhooks.Answer` over the core's
//! `Receiver` (its body limit, `Authorization` lookup and constant-time check), and 8x8's
//! source addresses: the native half of `callflow-rs/webhooks`.

use std::borrow::Cow;

use callflow_core::voice::webhook as core;
use callflow_core::voice::{self, Measured, Validator};
use napi::bindgen_prelude::{ClassInstance, Either, Either3, JsObjectValue, Object};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::body::{self, Reply};
use crate::document::{Document, JsDocument};
use crate::errors::validation_error;
use crate::events;
use crate::js_text::Text;

/// The headers of every answer.
#[napi(object, object_from_js = false, namespace = "webhooks")]
pub struct AnswerHeaders {
    /// The media type of the body: always `application/json`.
    #[napi(js_name = "content-type", ts_type = "'application/json'")]
    pub content_type: String,
}

/// An HTTP answer to a webhook: `status`, `headers` and a JSON `body`.
#[napi(namespace = "webhooks")]
pub struct Answer {
    answer: core::Answer,
}

#[napi(namespace = "webhooks")]
impl Answer {
    /// The HTTP status: 200, 400 (not an 8x8 webhook), 401 (wrong `Authorization`) or
    /// 413 (a body larger than the receiver's limit).
    #[napi(getter, catch_unwind)]
    pub fn status(&self) -> u16 {
        self.answer.status
    }

    /// The response headers: `{ 'content-type': 'application/json' }`.
    #[napi(getter, catch_unwind)]
    #[allow(
        clippy::unused_self,
        reason = "a getter of the instance, the same for all"
    )]
    pub fn headers(&self) -> AnswerHeaders {
        let [(_, content_type)] = core::HEADERS;
        AnswerHeaders {
            content_type: content_type.to_owned(),
        }
    }

    /// The JSON body: the reply, `{}`, or `{"error", "message"}` for a refusal.
    #[napi(getter, catch_unwind)]
    pub fn body(&self) -> String {
        self.answer.body.clone()
    }
}

/// Options of a `webhooks.Receiver`.
#[napi(object, object_to_js = false, namespace = "webhooks")]
pub struct ReceiverOptions {
    /// The most bytes of a body the receiver reads: 1 MiB (1048576) by default.
    pub limit: Option<u32>,
}

/// Checks and parses incoming webhooks, and answers them.
#[napi(namespace = "webhooks")]
pub struct Receiver {
    receiver: core::Receiver,
}

#[napi(namespace = "webhooks")]
impl Receiver {
    /// A receiver that requires the `Authorization` header to equal `secret` (the
    /// webhook's `httpAuthHeader`) when one is given, and checks nothing without; it reads
    /// bodies of at most `options.limit` bytes (1 MiB by default).
    #[napi(constructor, catch_unwind)]
    pub fn new(secret: Option<String>, options: Option<ReceiverOptions>) -> Self {
        let receiver = core::Receiver::new(secret);
        let limit = options.and_then(|options| options.limit);
        Receiver {
            receiver: match limit {
                Some(limit) => receiver.limit(usize::try_from(limit).unwrap_or(usize::MAX)),
                None => receiver,
            },
        }
    }

    /// The most bytes of a body the receiver reads.
    #[napi(getter, catch_unwind)]
    pub fn limit(&self) -> u32 {
        // The limit was set from a `u32`, or is the core's 1 MiB.
        u32::try_from(self.receiver.body_limit()).unwrap_or(u32::MAX)
    }

    /// The event in `body` (read as `voice.parseEvent` reads it), or the `Answer`
    /// refusing the request: 413 when the body's text is larger than the limit, 401 when
    /// the `Authorization` header does not match the secret (compared in constant time),
    /// 400 when the body is not an 8x8 webhook.
    #[napi(
        catch_unwind,
        ts_args_type = "body: string | Uint8Array | object, authorization?: string | null",
        ts_return_type = "voice.VoiceEvent | Answer"
    )]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript strings to owned ones"
    )]
    pub fn receive<'env>(
        &self,
        env: &'env Env,
        body: JsDocument<'_>,
        authorization: Option<String>,
    ) -> napi::Result<Either<Unknown<'env>, Answer>> {
        match self.received(*env, body, authorization.as_deref())? {
            Ok(event) => events::to_js(env, &event).map(Either::A),
            Err(answer) => Ok(Either::B(Answer { answer })),
        }
    }

    /// What the core's receiver gives for `body`: the event, or the refusing answer.
    fn received(
        &self,
        env: Env,
        body: JsDocument<'_>,
        authorization: Option<&str>,
    ) -> napi::Result<Result<voice::events::Event, core::Answer>> {
        let size = match &body {
            Either3::A(text) => Some(text.len()),
            Either3::B(bytes) => Some(bytes.len()),
            Either3::C(_) => None,
        };
        Document::read_with(
            env,
            body,
            |body| {
                self.receiver
                    .receive(&Measured::new(body, size), authorization)
            },
            |received| matches!(received, Err(answer) if answer.refuses_body()),
        )
    }

    /// The 413 `Answer` when a body of `size` bytes is larger than the limit, or `null`:
    /// for a reader that streams a body, to stop as soon as it has read too much.
    #[napi(catch_unwind)]
    pub fn check_size(&self, size: f64) -> Option<Answer> {
        // Sizes are counts of bytes read: whole and far below 2^53.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a count of bytes read"
        )]
        let size = size as usize;
        self.receiver
            .check_size(size)
            .err()
            .map(|answer| Answer { answer })
    }

    /// The 200 answer to a webhook: the reply's JSON, or `{}` without a reply (what every
    /// webhook but a call action expects). `reply` is a `voice.Reply`, or a plain object
    /// in the wire format, validated under the reply profile: an invalid one throws
    /// `ValidationError`.
    #[napi(
        catch_unwind,
        ts_args_type = "reply?: voice.Reply | voice.ReplyJson | null"
    )]
    pub fn answer(
        env: Env,
        reply: Option<Either<ClassInstance<'_, Reply>, Unknown<'_>>>,
    ) -> napi::Result<Answer> {
        let answer = match reply {
            None => core::Receiver::answer(None),
            Some(Either::A(reply)) => core::Receiver::answer(Some(reply.core())),
            Some(Either::B(value)) => {
                let reply: voice::Reply = Validator::new()
                    .parse(&Document::value(env, value)?)
                    .map_err(|err| validation_error(env, &err))?;
                core::Receiver::answer(Some(&reply))
            }
        };
        Ok(Answer { answer })
    }

    /// The `Authorization` header among a request's `[name, value]` headers, whatever
    /// the case of its name; repeated ones are joined with `', '`; `null` when there is
    /// none.
    #[napi(catch_unwind)]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript arrays to owned vectors"
    )]
    pub fn authorization(headers: Vec<(String, String)>) -> Option<String> {
        core::authorization(headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .map(Cow::into_owned)
    }
}

/// Whether the `Authorization` header a request carried equals the webhook's secret
/// (its `httpAuthHeader`), compared in constant time; a missing header never matches.
#[napi(namespace = "webhooks", catch_unwind)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript strings to owned ones"
)]
pub fn authorization_matches(secret: String, header: Option<String>) -> bool {
    core::authorization_matches(&secret, header.as_deref())
}

/// Whether `address` (an IP address, IPv4 or IPv4-mapped IPv6, with or without a port)
/// is one of the addresses 8x8 publishes as the sources of voice webhooks.
#[napi(namespace = "webhooks", catch_unwind)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript strings to owned ones"
)]
pub fn is_source_address(address: String) -> bool {
    core::is_source_address(&address)
}

/// Sets `webhooks.SOURCE_ADDRESSES`, the addresses 8x8 publishes as the sources of voice
/// webhooks, as a frozen array, and the core's `Authorization` header name, which
/// `webhooks.js` reads to pick the headers worth handing over.
pub(crate) fn export_constants(env: Env, exports: &Object<'_>) -> napi::Result<()> {
    let mut addresses = env.create_array(0)?;
    for address in core::SOURCE_ADDRESSES {
        addresses.insert(address)?;
    }
    let mut addresses = addresses.coerce_to_object()?;
    addresses.freeze()?;
    let mut webhooks = exports.get_named_property::<Object>("webhooks")?;
    webhooks.set_named_property("SOURCE_ADDRESSES", addresses)?;
    webhooks.set_named_property("AUTHORIZATION", core::AUTHORIZATION)
}

/// `receiver.receive(body, authorization)` for `handle` and `express`: the event as its
/// JSON text, which `webhooks.js` parses with the engine's `JSON.parse` (one call, where
/// the addon calling back into JavaScript costs more), or the `Answer` refusing it.
#[napi(namespace = "webhooks", catch_unwind, skip_typescript)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript strings to owned ones"
)]
pub fn receive_text(
    env: Env,
    receiver: &Receiver,
    body: JsDocument<'_>,
    authorization: Option<String>,
) -> napi::Result<Either<String, Answer>> {
    Ok(
        match receiver.received(env, body, authorization.as_deref())? {
            Ok(event) => Either::A(event.to_json()),
            Err(answer) => Either::B(Answer { answer }),
        },
    )
}

/// The body of `Receiver.answer(reply)` for a reply `webhooks.js` wrote with
/// `JSON.stringify`: `1` when that text is the reply's own (as the core writes it), else
/// the core's text of the reply; throws `ValidationError` for an invalid reply. The
/// answer's status and headers are those of `Receiver.answer()`.
#[napi(namespace = "webhooks", catch_unwind, skip_typescript)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript strings to owned ones"
)]
pub fn answer_text(env: Env, reply: Text) -> napi::Result<Either<u32, String>> {
    body::checked_text::<voice::Reply>(env, &reply)
}
