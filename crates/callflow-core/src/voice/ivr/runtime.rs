//! The stateless runtime: the Send Callflow request that starts a call, and the reply to
//! each Voice Call Action from its `clientActionId` and digits alone.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::code::IvrCode;
use super::expand::Context;
use super::flow;
use super::issues::Issues;
use super::route::{self, Entry};
use super::{check, load};
use crate::diagnostics::{Report, ValidationError};
use crate::voice::events::Event;
use crate::voice::{Callflow, Input, Reply};

/// An IVR map, ready to answer webhooks: expanded, checked, every reply validated once.
///
/// Nothing is kept between calls: [`Ivr::reply`] answers any Voice Call Action from the
/// menu its `clientActionId` names and the digits it carries, so any number of processes
/// serve the same callers.
///
/// ```
/// use callflow_core::voice::events::parse_event;
/// use callflow_core::voice::ivr::{Ivr, Next};
///
/// let ivr = Ivr::from_json(r#"{
///   "defaults": {"voiceProfile": "en-US-BenjaminRUS", "maxDigits": 1, "source": "+6512345678"},
///   "start": "main",
///   "menus": {"main": {"prompt": "Press 1 to hear the time, 2 for an agent.", "options": {
///     "1": {"say": "It is noon."},
///     "2": {"connect": "+6561115777"}}}}
/// }"#)?;
/// let event = parse_event(r#"{"eventType": "CALL_ACTION", "payload": {
///     "callStatus": "ACTION_COMPLETED", "clientActionId": "main", "eventData": {"dtmf": "1"}}}"#)?;
/// let turn = ivr.reply(&event);
/// assert_eq!((turn.menu, turn.key), (Some("main"), Some("1")));
/// let Next::Reply { body, .. } = turn.next else { panic!() };
/// assert_eq!(body, r#"{"callflow":[{"action":"say","params":{"text":"It is noon.","voiceProfile":"en-US-BenjaminRUS"}},{"action":"hangup"}]}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Ivr {
    start: Prepared,
    /// The `start` written as a Send Callflow request (its first `makeCall` the call).
    start_request: Option<Value>,
    /// The `start` reply, as written (for [`Ivr::request`]).
    start_value: Value,
    start_menu: Option<String>,
    menus: HashMap<String, HashMap<String, Prepared>>,
    context: Context,
    report: Report,
}

/// An answer, ready to send.
#[derive(Debug, Clone)]
enum Prepared {
    Reply { reply: Reply, body: String },
    Handler(String),
}

/// What to answer a webhook with.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Next<'a> {
    /// Send this reply (its JSON is `body`) with HTTP 200.
    Reply {
        /// The reply.
        reply: &'a Reply,
        /// The reply's JSON as the full map writes it (members sorted), written once
        /// when the map was loaded.
        body: &'a str,
    },
    /// Call the handler of this name with the event, then send what
    /// [`Ivr::handler_reply`] makes of its return value.
    Handler(&'a str),
    /// Not a call action: answer `{}`.
    Nothing,
}

/// Why a call action got the `start` answer instead of one from its menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fallback {
    /// The event's `clientActionId` names no menu of the map.
    UnknownMenu,
    /// The menu has no answer for the input, not even `"*"`.
    NoAnswer,
}

impl Fallback {
    /// `unknown-menu` or `no-answer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Fallback::UnknownMenu => "unknown-menu",
            Fallback::NoAnswer => "no-answer",
        }
    }
}

/// The answer to one webhook, with where in the map it came from (for logs).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Turn<'a> {
    /// The menu that answered; `None` for `start` (and for webhooks that are not call
    /// actions).
    pub menu: Option<&'a str>,
    /// The key that matched: the digits, `"*"`, `"silence"` or `"bridged"`.
    pub key: Option<&'a str>,
    /// Set when the answer is `start` because the map has none for this event.
    pub fallback: Option<Fallback>,
    /// What to answer.
    pub next: Next<'a>,
}

impl Prepared {
    fn of(step: &Value) -> Result<Prepared, ValidationError> {
        if let Some(name) = step.get("handler").and_then(Value::as_str) {
            return Ok(Prepared::Handler(name.to_owned()));
        }
        let reply = Reply::from_json(step)?;
        // The map's own JSON, so that a `null` it gives is sent as written.
        let body = step.to_string();
        Ok(Prepared::Reply { reply, body })
    }

    fn next(&self) -> Next<'_> {
        match self {
            Prepared::Reply { reply, body } => Next::Reply { reply, body },
            Prepared::Handler(name) => Next::Handler(name),
        }
    }
}

impl Ivr {
    /// Loads an IVR map (text, bytes or a parsed value), shorthand or full. A map with
    /// errors (see [`super::check`]) is refused with its report; warnings are kept in
    /// [`Ivr::report`].
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Ivr, ValidationError> {
        let mut issues = Issues::default();
        let (full, context) = load(input, &mut issues);
        if !issues.has_errors() {
            check::check(&full, None, &mut issues);
        }
        let report = issues.finish();
        if !report.is_valid() {
            return Err(ValidationError::new(report));
        }
        Ivr::prepared(full, context, report)
    }

    fn prepared(mut full: Value, context: Context, report: Report) -> Result<Ivr, ValidationError> {
        let start_value = full.get_mut("start").map(Value::take).unwrap_or_default();
        let request = flow::is_request(&start_value);
        let (start, start_request) = if request {
            let mut reply = start_value.clone();
            if let Some(Value::Array(actions)) = reply.get_mut("callflow") {
                actions.remove(0);
            }
            if let Some(members) = reply.as_object_mut() {
                members.remove("validUntil");
            }
            (Prepared::of(&reply)?, Some(start_value.clone()))
        } else {
            (Prepared::of(&start_value)?, None)
        };
        let start_menu = start_value
            .get("clientActionId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mut menus = HashMap::new();
        if let Some(Value::Object(all)) = full.get("menus") {
            for (id, answers) in all {
                let mut prepared = HashMap::new();
                for (key, step) in answers.as_object().into_iter().flatten() {
                    prepared.insert(key.clone(), Prepared::of(step)?);
                }
                menus.insert(id.clone(), prepared);
            }
        }
        Ok(Ivr {
            start,
            start_request,
            start_value,
            start_menu,
            menus,
            context,
            report,
        })
    }

    /// The warnings found when the map was loaded.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The names of the handlers the map calls, sorted, each once: register each of
    /// them before serving.
    pub fn handler_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = std::iter::once(&self.start)
            .chain(self.menus.values().flat_map(HashMap::values))
            .filter_map(|step| match step {
                Prepared::Handler(name) => Some(name.as_str()),
                Prepared::Reply { .. } => None,
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The Send Callflow body that starts an outbound call from `source` (your virtual
    /// number) to `destination`: a `makeCall`, then the `start` reply's actions (its
    /// `clientActionId` cannot travel in a request: the first call action comes back
    /// without one, and is answered by the `start` menu). Validated, `validUntil`
    /// against the system clock.
    ///
    /// ```
    /// use callflow_core::voice::ivr::Ivr;
    /// let ivr = Ivr::from_json(r#"{"defaults": {"voiceProfile": "en-GB-Emma"},
    ///   "start": "main", "menus": {"main": {"prompt": "Press 1.", "options": {"1": {"say": "Bye."}}}}}"#)?;
    /// let request = ivr.request("+6512345678", "+6587654321", None)?;
    /// assert_eq!(request.to_json(), r#"{"callflow":[{"action":"makeCall","params":{"source":"+6512345678","destination":"+6587654321"}},{"action":"sayAndCapture","params":{"promptMessage":"Press 1.","voiceProfile":"en-GB-Emma"}}]}"#);
    /// # Ok::<(), callflow_core::ValidationError>(())
    /// ```
    pub fn request(
        &self,
        source: &str,
        destination: &str,
        valid_until: Option<&str>,
    ) -> Result<Callflow, ValidationError> {
        let make_call =
            json!({"action": "makeCall", "params": {"source": source, "destination": destination}});
        let mut body = if let Some(request) = &self.start_request {
            let mut body = request.clone();
            body["callflow"][0] = make_call;
            body
        } else {
            if matches!(self.start, Prepared::Handler(_)) {
                return Err(invalid(
                    "$.start",
                    "an outbound call starts with a reply, and start is a handler",
                ));
            }
            let mut actions = vec![make_call];
            actions.extend(
                self.start_value["callflow"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            json!({ "callflow": actions })
        };
        if let Some(valid_until) = valid_until {
            body["validUntil"] = Value::String(valid_until.to_owned());
        }
        Callflow::from_json(&body)
    }

    /// The answer to a webhook: a call action is answered from the menu its
    /// `clientActionId` names (`start` for an inbound call's `CALL_RECEIVED`; the
    /// `start` menu for one without `clientActionId`, as an outbound call's first) and
    /// the key its digits make (the digits, else `"*"`; with no digits `"bridged"`, then
    /// `"silence"`, then `"*"`). An unknown `clientActionId`, or an input the menu has
    /// no answer for, gets `start` with [`Turn::fallback`] set. Other webhooks get
    /// [`Next::Nothing`].
    pub fn reply(&self, event: &Event) -> Turn<'_> {
        let Some(call) = event.call().filter(|_| event.is_call_action()) else {
            return Turn {
                menu: None,
                key: None,
                fallback: None,
                next: Next::Nothing,
            };
        };
        let start = |fallback| Turn {
            menu: None,
            key: None,
            fallback,
            next: self.start.next(),
        };
        let has_menu = |id: &str| self.menus.contains_key(id);
        let id = match route::entry(call, has_menu, self.start_menu.as_deref()) {
            Entry::Start => return start(None),
            Entry::Menu(id) => id,
        };
        let Some((menu, answers)) = self.menus.get_key_value(id) else {
            return start(Some(Fallback::UnknownMenu));
        };
        route::keys(call.dtmf.as_deref())
            .find_map(|key| answers.get_key_value(key))
            .map_or_else(
                || start(Some(Fallback::NoAnswer)),
                |(key, step)| Turn {
                    menu: Some(menu),
                    key: Some(key),
                    fallback: None,
                    next: step.next(),
                },
            )
    }

    /// What a handler returned, as the reply to send: a full reply
    /// (`{"clientActionId"?, "callflow"}`), or an option of the map's shorthand (a menu
    /// name, `{"goto": ...}`, `{"say": ...}`, `{"connect": ...}`), expanded with the
    /// map's defaults; validated with the reply profile. The error's report says what
    /// is wrong, with paths under `$`.
    ///
    /// ```
    /// use callflow_core::voice::ivr::Ivr;
    /// let ivr = Ivr::from_json(r#"{"defaults": {"voiceProfile": "en-GB-Emma"},
    ///   "start": "main", "menus": {"main": {"prompt": "Press 1.", "options": {"1": {"handler": "lookup"}}}}}"#)?;
    /// let reply = ivr.handler_reply(r#"{"say": "Your table is booked.", "goto": "main"}"#)?;
    /// assert_eq!(reply.client_action_id.as_deref(), Some("main"));
    /// assert_eq!(reply.actions.len(), 2);
    /// let err = ivr.handler_reply(r#"{"goto": "mian"}"#).unwrap_err();
    /// assert_eq!(err.report().issues()[0].code.to_string(), "unknown-menu");
    /// # Ok::<(), callflow_core::ValidationError>(())
    /// ```
    pub fn handler_reply<I: Input + ?Sized>(&self, returned: &I) -> Result<Reply, ValidationError> {
        let mut issues = Issues::default();
        let value = super::value_of(returned, &mut issues);
        let step = value.and_then(|value| self.context.answer(&value, "$", &mut issues));
        match step {
            Some(step) if step.get("handler").is_some() => Err(invalid(
                "$.handler",
                "a handler returns a reply, not another handler",
            )),
            Some(step) if !issues.has_errors() => Reply::from_json(&step),
            _ => Err(ValidationError::new(issues.finish())),
        }
    }

    /// The reply to a webhook with the handlers of `call` (`call(name, event)` gives the
    /// handler's return value): `None` for webhooks that are not call actions, which
    /// [`crate::voice::webhook::Receiver::answer`] answers `{}`.
    ///
    /// ```
    /// use callflow_core::voice::events::parse_event;
    /// use callflow_core::voice::ivr::Ivr;
    /// use callflow_core::voice::webhook::Receiver;
    /// use serde_json::json;
    ///
    /// let ivr = Ivr::from_json(r#"{"defaults": {"voiceProfile": "en-GB-Emma"},
    ///   "start": {"handler": "greet"}, "menus": {}}"#)?;
    /// let event = parse_event(r#"{"eventType": "CALL_ACTION", "payload": {"callStatus": "CALL_RECEIVED"}}"#)?;
    /// let reply = ivr.respond(&event, |name, _event| json!({"say": format!("Hello from {name}.")}))?;
    /// let answer = Receiver::answer(reply.as_ref());
    /// assert!(answer.body.contains("Hello from greet."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn respond(
        &self,
        event: &Event,
        mut call: impl FnMut(&str, &Event) -> Value,
    ) -> Result<Option<Reply>, ValidationError> {
        match self.reply(event).next {
            Next::Reply { reply, .. } => Ok(Some(reply.clone())),
            Next::Handler(name) => self.handler_reply(&call(name, event)).map(Some),
            Next::Nothing => Ok(None),
        }
    }
}

/// A refusal with one `invalid-map` issue.
fn invalid(path: &str, detail: &str) -> ValidationError {
    let mut issues = Issues::default();
    issues.report(IvrCode::InvalidMap, path, detail, None);
    ValidationError::new(issues.finish())
}
