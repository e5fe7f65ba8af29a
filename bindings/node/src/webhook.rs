//! Receiving webhooks: `voice.WebhookReceiver` and `voice.WebhookAnswer` over the core's
//! `Receiver`, its constant-time `Authorization` check and 8x8's source addresses.

use callflow_core::voice::webhook::{self as core, CONTENT_TYPE};
use callflow_core::voice::{self, Validator};
use napi::bindgen_prelude::{ClassInstance, Either, JsObjectValue, Object};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::body::Reply;
use crate::document::{Document, JsDocument};
use crate::errors::validation_error;
use crate::events;

/// The headers of every answer.
#[napi(object, object_from_js = false, namespace = "voice")]
pub struct AnswerHeaders {
    /// The media type of the body: always `application/json`.
    #[napi(js_name = "content-type", ts_type = "'application/json'")]
    pub content_type: String,
}

/// An HTTP answer to a webhook: `status`, `headers` and a JSON `body`.
#[napi(namespace = "voice")]
pub struct WebhookAnswer {
    answer: core::Answer,
}

#[napi(namespace = "voice")]
impl WebhookAnswer {
    /// The HTTP status: 200, 400 (not an 8x8 webhook) or 401 (wrong `Authorization`).
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
        AnswerHeaders {
            content_type: CONTENT_TYPE.to_owned(),
        }
    }

    /// The JSON body: the reply, `{}`, or `{"error", "message"}` for a refusal.
    #[napi(getter, catch_unwind)]
    pub fn body(&self) -> String {
        self.answer.body.clone()
    }
}

/// Checks and parses incoming webhooks, and answers them.
#[napi(namespace = "voice")]
pub struct WebhookReceiver {
    receiver: core::Receiver,
}

#[napi(namespace = "voice")]
impl WebhookReceiver {
    /// A receiver that requires the `Authorization` header to equal `secret` (the
    /// webhook's `httpAuthHeader`) when one is given, and checks nothing without.
    #[napi(constructor, catch_unwind)]
    pub fn new(secret: Option<String>) -> Self {
        WebhookReceiver {
            receiver: core::Receiver::new(secret),
        }
    }

    /// The event in `body` (read as `voice.parseEvent` reads it), or the `WebhookAnswer`
    /// refusing the request: 401 when the `Authorization` header does not match the
    /// secret (compared in constant time), 400 when the body is not an 8x8 webhook.
    #[napi(
        catch_unwind,
        ts_args_type = "body: string | Uint8Array | object, authorization?: string | null",
        ts_return_type = "VoiceEvent | WebhookAnswer"
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
    ) -> napi::Result<Either<Unknown<'env>, WebhookAnswer>> {
        let received = Document::read_with(
            *env,
            body,
            |body| self.receiver.receive(body, authorization.as_deref()),
            |received| matches!(received, Err(answer) if answer.status == 400),
        )?;
        match received {
            Ok(event) => events::to_js(env, &event).map(Either::A),
            Err(answer) => Ok(Either::B(WebhookAnswer { answer })),
        }
    }

    /// The 200 answer to a webhook: the reply's JSON, or `{}` without a reply (what every
    /// webhook but a call action expects). `reply` is a `voice.Reply`, or a plain object
    /// in the wire format, validated under the reply profile: an invalid one throws
    /// `CallflowValidationError`.
    #[napi(catch_unwind, ts_args_type = "reply?: Reply | ReplyJson | null")]
    pub fn answer(
        env: Env,
        reply: Option<Either<ClassInstance<'_, Reply>, Unknown<'_>>>,
    ) -> napi::Result<WebhookAnswer> {
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
        Ok(WebhookAnswer { answer })
    }
}

/// Whether the `Authorization` header a request carried equals the webhook's secret
/// (its `httpAuthHeader`), compared in constant time; a missing header never matches.
#[napi(namespace = "voice", catch_unwind)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript strings to owned ones"
)]
pub fn authorization_matches(secret: String, header: Option<String>) -> bool {
    core::authorization_matches(&secret, header.as_deref())
}

/// Whether `address` (an IP address, IPv4 or IPv4-mapped IPv6, with or without a port)
/// is one of the addresses 8x8 publishes as the sources of voice webhooks.
#[napi(namespace = "voice", catch_unwind)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript strings to owned ones"
)]
pub fn is_source_address(address: String) -> bool {
    core::is_source_address(&address)
}

/// Sets `voice.SOURCE_ADDRESSES`: the addresses 8x8 publishes as the sources of voice
/// webhooks, as a frozen array.
pub(crate) fn export_source_addresses(env: Env, exports: &Object<'_>) -> napi::Result<()> {
    let mut addresses = env.create_array(0)?;
    for address in core::SOURCE_ADDRESSES {
        addresses.insert(address)?;
    }
    let mut addresses = addresses.coerce_to_object()?;
    addresses.freeze()?;
    exports
        .get_named_property::<Object>("voice")?
        .set_named_property("SOURCE_ADDRESSES", addresses)
}
