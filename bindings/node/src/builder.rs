//! `voice.request()` and `voice.reply()`: chained builders, validated on `build()`.

use std::borrow::Cow;

use callflow_core::json::Json;
use callflow_core::voice::{self, ActionKind, Validator, format_timestamp};
use napi::bindgen_prelude::{Either, This};
use napi::{Env, JsDate, Unknown};
use napi_derive::napi;

use crate::body::{Callflow, Reply};
use crate::clock::system_time;
use crate::errors::{type_error, validation_error};
use crate::js_text;

/// What a builder has collected: its top-level field (`validUntil` or `clientActionId`)
/// and its actions, each with its params as `JSON.stringify` wrote them.
#[derive(Default)]
struct Draft {
    top: Option<String>,
    actions: Vec<(ActionKind, Option<String>)>,
}

impl Draft {
    /// Adds an action, with `params` read as `JSON.stringify` writes them.
    fn push(
        &mut self,
        env: Env,
        kind: ActionKind,
        params: Option<Unknown<'_>>,
    ) -> napi::Result<()> {
        let params = params
            .map(|params| js_text::stringify(env, params))
            .transpose()?
            .flatten();
        self.actions.push((kind, params));
        Ok(())
    }

    /// Validates the document and gives the typed body, or the error to throw.
    fn build<B: voice::Body>(&self, env: Env) -> napi::Result<B> {
        let mut actions = Vec::with_capacity(self.actions.len());
        for (kind, params) in &self.actions {
            // JSON.stringify writes a lone surrogate as an escape that UTF-8 cannot hold.
            let params = params
                .as_deref()
                .map(Json::parse_str)
                .transpose()
                .map_err(|err| {
                    type_error(
                        env,
                        format!("the params of {} have no UTF-8 form: {err}", kind.name()),
                    )
                })?;
            actions.push(kind.to_tree(params));
        }
        let top = self
            .top
            .as_deref()
            .map(|top| Json::String(Cow::Borrowed(top)));
        Validator::new()
            .parse(&B::PROFILE.document(top, actions))
            .map_err(|err| validation_error(env, &err))
    }
}

/// Options of a request.
#[napi(object, object_to_js = false, namespace = "voice")]
pub struct RequestOptions<'env> {
    /// The time after which the platform must not start the call: a `Date`, or an
    /// RFC 3339 UTC timestamp such as `2024-07-03T05:59:32.226Z`.
    #[napi(ts_type = "string | Date")]
    pub valid_until: Option<Either<String, JsDate<'env>>>,
}

/// Options of a reply.
#[napi(object, object_to_js = false, namespace = "voice")]
pub struct ReplyOptions {
    /// Your own state, sent back in the next webhook (e.g. the menu the caller is in).
    pub client_action_id: Option<String>,
}

/// Builds a Send Callflow request one action at a time; `build()` validates it.
#[napi(namespace = "voice")]
pub struct RequestBuilder {
    draft: Draft,
}

/// Builds a reply to a Voice Call Action webhook one action at a time; `build()`
/// validates it.
#[napi(namespace = "voice")]
pub struct ReplyBuilder {
    draft: Draft,
}

/// Starts a Send Callflow request (`{validUntil?, callflow}`); its first action must
/// be `makeCall`.
#[napi(namespace = "voice", catch_unwind)]
pub fn request(env: Env, options: Option<RequestOptions<'_>>) -> napi::Result<RequestBuilder> {
    let valid_until = match options.and_then(|options| options.valid_until) {
        None => None,
        Some(Either::A(text)) => Some(text),
        Some(Either::B(date)) => {
            let time = system_time(env, &date, "validUntil")?;
            Some(format_timestamp(time).map_err(|err| type_error(env, err.to_string()))?)
        }
    };
    Ok(RequestBuilder {
        draft: Draft {
            top: valid_until,
            actions: Vec::new(),
        },
    })
}

/// Starts a reply to a Voice Call Action webhook (`{clientActionId?, callflow}`).
#[napi(namespace = "voice", catch_unwind)]
pub fn reply(options: Option<ReplyOptions>) -> ReplyBuilder {
    let id = options.and_then(|options| options.client_action_id);
    ReplyBuilder {
        draft: Draft {
            top: id,
            actions: Vec::new(),
        },
    }
}

#[napi(namespace = "voice")]
impl RequestBuilder {
    /// Validates the request and returns it; throws `CallflowValidationError` with
    /// every issue when it is invalid.
    #[napi(catch_unwind)]
    pub fn build(&self, env: Env) -> napi::Result<Callflow> {
        self.draft.build::<voice::Callflow>(env).map(Callflow::from)
    }
}

#[napi(namespace = "voice")]
impl ReplyBuilder {
    /// Validates the reply and returns it; throws `CallflowValidationError` with every
    /// issue when it is invalid.
    #[napi(catch_unwind)]
    pub fn build(&self, env: Env) -> napi::Result<Reply> {
        self.draft.build::<voice::Reply>(env).map(Reply::from)
    }
}

/// The five action methods of `$builder`: one per action, taking the action's params
/// typed by the named TypeScript interface, and `hangup`, which takes none. (Docs are
/// given as strings: napi would print a forwarded `///` comment's raw-string quotes.)
macro_rules! action_methods {
    ($builder:ident; $($method:ident $kind:ident $params:literal $doc:literal;)*) => {
        #[napi(namespace = "voice")]
        impl $builder {
            $(
                #[doc = $doc]
                #[napi(catch_unwind)]
                pub fn $method<'a>(
                    &mut self,
                    env: Env,
                    this: This<'a>,
                    #[napi(ts_arg_type = $params)] params: Unknown<'_>,
                ) -> napi::Result<This<'a>> {
                    self.draft.push(env, ActionKind::$kind, Some(params))?;
                    Ok(this)
                }
            )*

            /// Adds a `hangup`: end the session, disconnecting every call leg.
            #[napi(catch_unwind)]
            pub fn hangup<'a>(&mut self, env: Env, this: This<'a>) -> napi::Result<This<'a>> {
                self.draft.push(env, ActionKind::Hangup, None)?;
                Ok(this)
            }
        }
    };
}

/// The same action methods on both builders.
macro_rules! both_builders {
    ($($methods:tt)*) => {
        action_methods!(RequestBuilder; $($methods)*);
        action_methods!(ReplyBuilder; $($methods)*);
    };
}

both_builders!(
    make_call MakeCall "MakeCallParams"
        "Adds a `makeCall`: place a call; in a reply, bridge the live call to a new destination.";
    say Say "SayParams" "Adds a `say`: speak text into the call.";
    play_file PlayFile "PlayFileParams" "Adds a `playFile`: play an MP3 or WAV file into the call.";
    say_and_capture SayAndCapture "SayAndCaptureParams"
        "Adds a `sayAndCapture`: speak a prompt and collect DTMF digits, reported by a Voice Call Action webhook.";
);
