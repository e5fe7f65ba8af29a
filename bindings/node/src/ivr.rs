//! `ivr`: IVR maps. The core expands and checks a map, loads it for answering
//! (`ivr.Ivr`), routes each event to its answer and validates what a handler returned;
//! the handlers are JavaScript functions, called by the methods `ivr.js` adds.

use callflow_core::voice::events::parse_flat_event;
use callflow_core::voice::ivr::{self as core, Fallback, Next};
use napi::bindgen_prelude::{Function, JsObjectValue, Object};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::body::{Callflow, Reply};
use crate::document::{Document, JsDocument};
use crate::errors::{event_error, validation_error};
use crate::js_text;
use crate::report::Report;

/// The JavaScript half of `ivr.Ivr`: `withHandlers` and `reply`, which call handlers
/// that may be `async`.
const IVR_SOURCE: &str = include_str!("ivr.js");

/// Every issue of an IVR map (JSON text, its bytes, or a value), shorthand or full.
#[napi(namespace = "ivr", catch_unwind, ts_args_type = "map: unknown")]
pub fn check(env: Env, map: JsDocument<'_>) -> napi::Result<Report> {
    let document = Document::read(env, map)?;
    Ok(Report::from(&core::check(&document)))
}

/// `check`, and every handler the map names must be one of `handlers`
/// (`unregistered-handler` otherwise).
#[napi(
    namespace = "ivr",
    catch_unwind,
    ts_args_type = "map: unknown, handlers: string[]"
)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "napi converts JavaScript arrays to owned ones"
)]
pub fn check_with(env: Env, map: JsDocument<'_>, handlers: Vec<String>) -> napi::Result<Report> {
    let document = Document::read(env, map)?;
    let names: Vec<&str> = handlers.iter().map(String::as_str).collect();
    Ok(Report::from(&core::check_with(&document, &names)))
}

/// The full map, every shorthand expanded; throws `ValidationError` when the
/// shorthand cannot be expanded.
#[napi(
    namespace = "ivr",
    catch_unwind,
    ts_args_type = "map: unknown",
    ts_return_type = "Record<string, unknown>"
)]
pub fn expand<'env>(env: &'env Env, map: JsDocument<'_>) -> napi::Result<Unknown<'env>> {
    let document = Document::read(*env, map)?;
    let full = core::expand(&document).map_err(|err| validation_error(*env, &err))?;
    js_text::parse(env, full.to_string())
}

/// Where the map answers an event from, and with what: `handler` names the handler to
/// call, `reply` (its JSON text in `body`) is the map's own answer; neither for
/// webhooks that are not call actions.
#[napi(object, object_from_js = false, namespace = "ivr", use_nullable = true)]
pub struct Turn {
    /// The menu that answered; `null` for `start` and for webhooks that are not call
    /// actions.
    pub menu: Option<String>,
    /// The key that matched: the digits, `'*'`, `'silence'` or `'bridged'`.
    pub key: Option<String>,
    /// `'unknown-menu'` or `'no-answer'` when the answer is `start` because the map has
    /// none for this event.
    #[napi(ts_type = "'unknown-menu' | 'no-answer' | null")]
    pub fallback: Option<String>,
    /// The reply's JSON exactly as the map writes it.
    pub body: Option<String>,
    /// The map's reply, as checked when the map was loaded.
    #[napi(ts_type = "voice.Reply")]
    pub reply: Option<Reply>,
    /// The handler to call.
    pub handler: Option<String>,
}

/// An IVR map loaded for answering webhooks: expanded, checked, every reply validated
/// once. Stateless: each event is answered from its `clientActionId` and digits alone.
/// `withHandlers({name: fn})` registers handlers (sync or `async`), and
/// `reply(event)` resolves to the reply to send.
#[napi(namespace = "ivr")]
pub struct Ivr {
    ivr: core::Ivr,
}

#[napi(namespace = "ivr")]
impl Ivr {
    /// Loads a map (JSON text, its bytes, or a value); throws `ValidationError`
    /// with the report when the map has errors.
    #[napi(constructor, catch_unwind, ts_args_type = "map: unknown")]
    pub fn new(env: Env, map: JsDocument<'_>) -> napi::Result<Self> {
        let document = Document::read(env, map)?;
        core::Ivr::from_json(&document)
            .map(|ivr| Ivr { ivr })
            .map_err(|err| validation_error(env, &err))
    }

    /// `new Ivr(map)`.
    #[napi(factory, catch_unwind, ts_args_type = "map: unknown")]
    pub fn from_json(env: Env, map: JsDocument<'_>) -> napi::Result<Self> {
        Ivr::new(env, map)
    }

    /// The warnings found when the map was loaded.
    #[napi(getter, catch_unwind)]
    pub fn report(&self) -> Report {
        Report::from(self.ivr.report())
    }

    /// The names of the handlers the map calls, sorted, each once.
    #[napi(getter, catch_unwind)]
    pub fn handler_names(&self) -> Vec<String> {
        self.ivr
            .handler_names()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// The Send Callflow body that starts an outbound call from `source` to
    /// `destination`: a `makeCall`, then the `start` reply's actions.
    #[napi(catch_unwind)]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript strings to owned ones"
    )]
    pub fn request(
        &self,
        env: Env,
        source: String,
        destination: String,
        valid_until: Option<String>,
    ) -> napi::Result<Callflow> {
        self.ivr
            .request(&source, &destination, valid_until.as_deref())
            .map(Callflow::from)
            .map_err(|err| validation_error(env, &err))
    }

    /// Where the map answers `event` (a parsed webhook, as `voice.parseEvent` gives it)
    /// from, and with what, without calling any handler.
    #[napi(catch_unwind, ts_args_type = "event: voice.VoiceEvent")]
    pub fn route(&self, env: Env, event: Unknown<'_>) -> napi::Result<Turn> {
        let text = js_text::stringify(env, event)?.unwrap_or_default();
        let event = parse_flat_event(text.as_str()).map_err(|err| event_error(env, &err))?;
        let turn = self.ivr.reply(&event);
        let (body, reply, handler) = match turn.next {
            Next::Reply { body, reply } => (
                Some(body.to_owned()),
                Some(Reply::from(reply.clone())),
                None,
            ),
            Next::Handler(name) => (None, None, Some(name.to_owned())),
            _ => (None, None, None),
        };
        Ok(Turn {
            menu: turn.menu.map(str::to_owned),
            key: turn.key.map(str::to_owned),
            fallback: turn.fallback.map(|f: Fallback| f.as_str().to_owned()),
            body,
            reply,
            handler,
        })
    }

    /// What a handler returned, as the reply to send: a `voice.Reply`, a reply object, a
    /// shorthand option (`{say, goto}`, `{connect}`) or a menu name, expanded with the
    /// map's defaults and validated; throws `ValidationError` otherwise.
    #[napi(catch_unwind, ts_args_type = "returned: unknown")]
    pub fn handler_reply(&self, env: Env, returned: JsDocument<'_>) -> napi::Result<Reply> {
        let document = Document::read(env, returned)?;
        self.ivr
            .handler_reply(&document)
            .map(Reply::from)
            .map_err(|err| validation_error(env, &err))
    }
}

/// Adds `withHandlers` and `reply` to `ivr.Ivr`.
pub(crate) fn install(env: Env, exports: &Object<'_>) -> napi::Result<()> {
    let install: Function<Unknown<'_>, Unknown<'_>> = env.run_script(IVR_SOURCE)?;
    let namespace: Object<'_> = exports.get_named_property("ivr")?;
    install.call(namespace.get_named_property::<Unknown<'_>>("Ivr")?)?;
    Ok(())
}
