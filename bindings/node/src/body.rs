//! `voice.Callflow` and `voice.Reply`: validated bodies, parsed from JSON or built, and
//! written back in the wire format.

use callflow_core::voice::{self, Validator};
use napi::bindgen_prelude::{Either, Uint8Array};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::errors::validation_error;
use crate::js_text;

/// Parses and validates a body from JSON text or its UTF-8 bytes.
fn parse<B: voice::Body>(env: Env, json: &Either<String, Uint8Array>) -> napi::Result<B> {
    let parsed = match json {
        Either::A(text) => Validator::new().parse(text.as_str()),
        Either::B(bytes) => Validator::new().parse(&bytes[..]),
    };
    parsed.map_err(|err| validation_error(env, &err))
}

/// The methods both bodies share.
macro_rules! body_methods {
    ($class:ident, $wire:literal) => {
        impl From<voice::$class> for $class {
            fn from(body: voice::$class) -> Self {
                $class { body }
            }
        }

        #[napi(namespace = "voice")]
        impl $class {
            /// Parses and validates a body from JSON text or its UTF-8 bytes (a `Buffer`
            /// or `Uint8Array`), against the system clock; throws
            /// `CallflowValidationError` with every issue when it is invalid.
            #[napi(catch_unwind, ts_args_type = "json: string | Uint8Array")]
            pub fn from_json(env: Env, json: Either<String, Uint8Array>) -> napi::Result<Self> {
                parse::<voice::$class>(env, &json).map($class::from)
            }

            /// The body as compact JSON text, in the wire format, writing only what was
            /// set.
            #[napi(catch_unwind)]
            pub fn to_json(&self) -> String {
                self.body.to_json()
            }

            /// The body as a plain object in the wire format, so that
            /// `JSON.stringify(body)` writes the same text as `toJson()`.
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

body_methods!(Callflow, "RequestJson");
body_methods!(Reply, "ReplyJson");

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
