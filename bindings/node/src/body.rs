//! `voice.Callflow` and `voice.Reply`: validated bodies, made from actions, parsed from
//! JSON or built, and written back in the wire format.
//!
//! The builders of the JavaScript layer (`voice.js`) make their bodies in JavaScript:
//! they write the document with `JSON.stringify`, have it checked once by
//! [`check_body`], and keep its text; the methods the layer puts on these classes'
//! prototypes read that text, or call the native methods below for a body made here.

use callflow_core::voice::{self, Validator};
use napi::bindgen_prelude::{Either, JsObjectValue, Object, Uint8Array};
use napi::{Env, JsValue, Unknown};
use napi_derive::napi;

use crate::errors::validation_error;
use crate::js_text::{self, Text};
use crate::validate::profile;

/// Parses and validates a body from JSON text or its UTF-8 bytes.
fn parse<B: voice::Body>(env: Env, json: &Either<String, Uint8Array>) -> napi::Result<B> {
    let parsed = match json {
        Either::A(text) => Validator::new().parse(text.as_str()),
        Either::B(bytes) => Validator::new().parse(&bytes[..]),
    };
    parsed.map_err(|err| validation_error(env, &err))
}

/// Parses and validates a body from its actions and its options, read together as
/// `JSON.stringify` writes `{ [top]: options[top], callflow: actions }`.
fn from_actions<B: voice::Body>(
    env: Env,
    top: &str,
    actions: Unknown<'_>,
    options: Option<Object<'_>>,
) -> napi::Result<B> {
    let mut document = Object::new(&env)?;
    if let Some(options) = options {
        document.set_named_property(top, options.get_named_property::<Unknown>(top)?)?;
    }
    document.set_named_property("callflow", actions)?;
    let text = js_text::stringify(env, document.to_unknown())?;
    parse(env, &Either::A(text.unwrap_or_default()))
}

/// Checks a body the JavaScript layer wrote (`profile` as `voice.validate` takes it) and
/// gives the text to keep: `1` when the body's own text is `text` itself, else that text
/// (written in the wire's order, only what was set). Throws `ValidationError`.
#[napi(namespace = "voice", catch_unwind, skip_typescript)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript strings to owned ones"
)]
pub fn check_body(
    env: Env,
    text: Text,
    profile: Either<u32, String>,
) -> napi::Result<Either<u32, String>> {
    match self::profile(env, profile)? {
        voice::Profile::Request => checked_text::<voice::Callflow>(env, &text),
        voice::Profile::Reply => checked_text::<voice::Reply>(env, &text),
    }
}

/// `1` when the body `text` holds is written by the core as `text` itself, else the
/// core's text of it; throws `ValidationError` for an invalid body.
pub(crate) fn checked_text<B: voice::Body>(
    env: Env,
    text: &str,
) -> napi::Result<Either<u32, String>> {
    let json = own_text::<B>(env, text)?;
    Ok(if json == text {
        Either::A(1)
    } else {
        Either::B(json)
    })
}

/// The text of the body `text` holds, as the core writes it.
fn own_text<B: voice::Body>(env: Env, text: &str) -> napi::Result<String> {
    Validator::new()
        .parse::<B, _>(text)
        .map(|body| body.to_json())
        .map_err(|err| validation_error(env, &err))
}

/// The methods both bodies share.
macro_rules! body_methods {
    ($class:ident, $wire:literal, $args:literal, $top:literal) => {
        impl From<voice::$class> for $class {
            fn from(body: voice::$class) -> Self {
                $class { body }
            }
        }

        #[napi(namespace = "voice")]
        impl $class {
            /// Validates the actions (action objects such as `new voice.Say({...})`, or
            /// the same in the wire format) against the system clock; throws
            /// `ValidationError` with every issue when they are invalid.
            #[napi(constructor, catch_unwind, ts_args_type = $args)]
            pub fn new(
                env: Env,
                actions: Unknown<'_>,
                options: Option<Object<'_>>,
            ) -> napi::Result<Self> {
                from_actions::<voice::$class>(env, $top, actions, options).map($class::from)
            }

            /// Parses and validates a body from JSON text or its UTF-8 bytes (a `Buffer`
            /// or `Uint8Array`), against the system clock; throws
            /// `ValidationError` with every issue when it is invalid.
            #[napi(catch_unwind, ts_args_type = "json: string | Uint8Array")]
            pub fn from_json(env: Env, json: Either<String, Uint8Array>) -> napi::Result<Self> {
                parse::<voice::$class>(env, &json).map($class::from)
            }

            /// The body as compact JSON text, in the wire format, writing only what was
            /// set: the text Python's `to_json()` gives.
            #[napi(catch_unwind)]
            pub fn to_json(&self) -> String {
                self.body.to_json()
            }

            /// The body as a plain object in the wire format, for `JSON.stringify(body)`,
            /// which then writes the same text as `toJson()`.
            #[napi(catch_unwind, js_name = "toJSON", ts_return_type = $wire)]
            pub fn to_wire<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
                js_text::parse(env, self.body.to_json())
            }
        }
    };
}

/// A valid Send Callflow request: `{validUntil?, callflow}`.
#[napi(namespace = "voice")]
pub struct Callflow {
    body: voice::Callflow,
}

/// A valid reply to a Voice Call Action webhook: `{clientActionId?, callflow}`.
#[napi(namespace = "voice")]
pub struct Reply {
    body: voice::Reply,
}

body_methods!(
    Callflow,
    "RequestJson",
    "actions: readonly Action[], options?: RequestOptions",
    "validUntil"
);
body_methods!(
    Reply,
    "ReplyJson",
    "actions: readonly Action[], options?: ReplyOptions",
    "clientActionId"
);

#[napi(namespace = "voice")]
impl Callflow {
    /// The time after which the platform must not start the call, if set.
    #[napi(getter, catch_unwind)]
    pub fn valid_until(&self) -> Option<String> {
        self.body.valid_until.clone()
    }
}

impl Reply {
    /// The core's reply.
    pub(crate) fn core(&self) -> &voice::Reply {
        &self.body
    }
}

#[napi(namespace = "voice")]
impl Reply {
    /// Your own state, sent back in the next webhook, if set.
    #[napi(getter, catch_unwind)]
    pub fn client_action_id(&self) -> Option<String> {
        self.body.client_action_id.clone()
    }
}
