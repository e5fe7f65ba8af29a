//! Shorthand to full map: `defaults`, menus written as a prompt and options, options
//! (`goto`, `connect`, `say`, `handler`) and the automatic "sorry, that is not an
//! option" repeat become the full replies the runtime, the checks, the emulator and the
//! diagrams read.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::code::IvrCode;
use super::issues::Issues;
use super::route::ANY;
use crate::json::Kind;
use crate::path::Path;
use crate::suggest::did_you_mean;
use crate::voice::emulator::{RAW_BODY, RAW_FAILURE, RAW_LATENCY, RAW_STATUS};
use crate::voice::params::SAY_AND_CAPTURE_NAMES;

/// The members of a map.
const MAP_FIELDS: [&str; 5] = ["start", "menus", "defaults", "$schema", "description"];
/// The members of `defaults` that are not `sayAndCapture` params.
const OWN_DEFAULTS: [&str; 2] = ["source", "invalid"];
/// The members of a menu written as a prompt and options.
const MENU_FIELDS: [&str; 4] = ["prompt", "options", "capture", "invalid"];
/// The members of an option.
const OPTION_FIELDS: [&str; 6] = ["say", "goto", "connect", "then", "source", "hangup"];
/// The members that make a step a raw answer.
pub(crate) const RAW_FIELDS: [&str; 4] = [RAW_STATUS, RAW_BODY, RAW_LATENCY, RAW_FAILURE];
/// What the automatic repeat says before the prompt, unless the map says otherwise.
pub const NOT_AN_OPTION: &str = "Sorry, that is not an option.";

/// A path below `base` (`$.menus`, then `$.menus.main`).
pub(crate) fn child(base: &str, key: &str) -> String {
    let step = Path::ROOT.key(key).to_string();
    format!("{base}{}", &step[1..])
}

/// What expanding needs to know of the whole map; kept by the runtime to expand what
/// handlers return.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    defaults: Map<String, Value>,
    /// The reply that asks each menu written with a prompt.
    prompts: BTreeMap<String, Value>,
    /// Every menu's id.
    menus: Vec<String>,
}

impl Context {
    /// One answer written in the map's shorthand (or in full), expanded.
    pub(crate) fn answer(&self, step: &Value, path: &str, issues: &mut Issues) -> Option<Value> {
        expand_step(step, path, self, issues)
    }
}

/// The full map of `root`, with every shorthand expanded, and what expanding learnt of
/// it; what cannot be expanded is reported and left out.
pub(crate) fn expand(root: &Value, issues: &mut Issues) -> (Value, Context) {
    let Value::Object(members) = root else {
        let detail = format!("expected an IVR map object, found {}", kind(root));
        issues.report(IvrCode::InvalidMap, "$", detail, None);
        return (json!({"menus": {}}), Context::default());
    };
    unknown_members(members, &MAP_FIELDS, "$", "an IVR map", issues);
    let defaults = defaults(members.get("defaults"), issues);
    let empty = Map::new();
    let menus = match members.get("menus") {
        Some(Value::Object(menus)) => menus,
        None => &empty,
        Some(other) => {
            let detail = format!(
                "expected an object of menus by clientActionId, found {}",
                kind(other)
            );
            issues.report(IvrCode::InvalidMap, "$.menus", detail, None);
            &empty
        }
    };
    let mut context = Context {
        defaults,
        prompts: BTreeMap::new(),
        menus: menus.keys().cloned().collect(),
    };
    for (id, menu) in menus {
        if let Some(prompt) = prompt_reply(id, menu, &context, issues) {
            context.prompts.insert(id.clone(), prompt);
        }
    }
    let mut full = Map::new();
    for (id, menu) in menus {
        let path = child("$.menus", id);
        full.insert(id.clone(), expand_menu(id, menu, &path, &context, issues));
    }
    let mut map = Map::new();
    match members.get("start") {
        Some(start) => {
            if let Some(step) = expand_step(start, "$.start", &context, issues) {
                map.insert("start".to_owned(), step);
            }
        }
        None => issues.report(
            IvrCode::InvalidMap,
            "$.start",
            "is missing but it is required",
            None,
        ),
    }
    map.insert("menus".to_owned(), Value::Object(full));
    (Value::Object(map), context)
}

/// The JSON type of a value, as messages name it.
pub(crate) fn kind(value: &Value) -> Kind {
    Kind::from(value)
}

/// Reports every member of `members` not in `accepted`, with a "did you mean".
fn unknown_members(
    members: &Map<String, Value>,
    accepted: &[&str],
    path: &str,
    what: &str,
    issues: &mut Issues,
) {
    for key in members
        .keys()
        .filter(|key| !accepted.contains(&key.as_str()))
    {
        let detail = format!(
            "is not a member of {what} (accepted: {})",
            accepted.join(", ")
        );
        issues.report(
            IvrCode::InvalidMap,
            &child(path, key),
            detail,
            did_you_mean(key, accepted),
        );
    }
}

/// The `defaults` object, its unknown members reported.
fn defaults(value: Option<&Value>, issues: &mut Issues) -> Map<String, Value> {
    match value {
        None => Map::new(),
        Some(Value::Object(defaults)) => {
            let accepted: Vec<&str> = SAY_AND_CAPTURE_NAMES
                .iter()
                .copied()
                .filter(|name| *name != "promptMessage")
                .chain(OWN_DEFAULTS)
                .collect();
            unknown_members(defaults, &accepted, "$.defaults", "defaults", issues);
            defaults.clone()
        }
        Some(other) => {
            let detail = format!("expected an object, found {}", kind(other));
            issues.report(IvrCode::InvalidMap, "$.defaults", detail, None);
            Map::new()
        }
    }
}

/// Whether a menu is written as a prompt and options rather than as answers by key.
fn is_shorthand(menu: &Map<String, Value>) -> bool {
    MENU_FIELDS.iter().any(|field| menu.contains_key(*field))
}

/// The reply that asks menu `id`, when it is written with a prompt.
fn prompt_reply(id: &str, menu: &Value, context: &Context, issues: &mut Issues) -> Option<Value> {
    let Value::Object(menu) = menu else {
        return None;
    };
    if !is_shorthand(menu) {
        return None;
    }
    let path = child("$.menus", id);
    let prompt = match menu.get("prompt") {
        Some(Value::String(prompt)) => prompt,
        Some(other) => {
            let detail = format!("expected the text of the prompt, found {}", kind(other));
            issues.report(IvrCode::InvalidMap, &child(&path, "prompt"), detail, None);
            return None;
        }
        None => {
            let detail = "is missing but it is required in a menu with options";
            issues.report(IvrCode::InvalidMap, &child(&path, "prompt"), detail, None);
            return None;
        }
    };
    let mut params = Map::new();
    params.insert("promptMessage".to_owned(), Value::String(prompt.clone()));
    for name in SAY_AND_CAPTURE_NAMES {
        if let Some(value) = context.defaults.get(name) {
            params.insert(name.to_owned(), value.clone());
        }
    }
    match menu.get("capture") {
        None => {}
        Some(Value::Object(capture)) => {
            params.extend(
                capture
                    .iter()
                    .map(|(key, value)| (key.clone(), value.clone())),
            );
        }
        Some(other) => {
            let detail = format!(
                "expected an object of sayAndCapture params, found {}",
                kind(other)
            );
            issues.report(IvrCode::InvalidMap, &child(&path, "capture"), detail, None);
        }
    }
    Some(json!({
        "clientActionId": id,
        "callflow": [{"action": "sayAndCapture", "params": params}],
    }))
}

/// A menu's answers by key.
fn expand_menu(
    id: &str,
    menu: &Value,
    path: &str,
    context: &Context,
    issues: &mut Issues,
) -> Value {
    let Value::Object(members) = menu else {
        let detail = format!("expected a menu object, found {}", kind(menu));
        issues.report(IvrCode::InvalidMap, path, detail, None);
        return Value::Object(Map::new());
    };
    let shorthand = is_shorthand(members);
    let (answers, answers_path) = if shorthand {
        unknown_members(members, &MENU_FIELDS, path, "a menu with a prompt", issues);
        let options_path = child(path, "options");
        match members.get("options") {
            Some(Value::Object(options)) => (options.clone(), options_path),
            None => (Map::new(), options_path),
            Some(other) => {
                let detail = format!(
                    "expected an object of options by key, found {}",
                    kind(other)
                );
                issues.report(IvrCode::InvalidMap, &options_path, detail, None);
                (Map::new(), options_path)
            }
        }
    } else {
        (members.clone(), path.to_owned())
    };
    let mut full = Map::new();
    for (key, step) in &answers {
        if let Some(step) = expand_step(step, &child(&answers_path, key), context, issues) {
            full.insert(key.clone(), step);
        }
    }
    if shorthand
        && !full.contains_key(ANY)
        && let Some(repeat) = repeat(id, members, path, context, issues)
    {
        full.insert(ANY.to_owned(), repeat);
    }
    Value::Object(full)
}

/// The automatic answer to other input: "sorry, that is not an option", then the menu's
/// prompt again.
fn repeat(
    id: &str,
    menu: &Map<String, Value>,
    path: &str,
    context: &Context,
    issues: &mut Issues,
) -> Option<Value> {
    let mut reply = context.prompts.get(id)?.clone();
    let sorry = match menu
        .get("invalid")
        .or_else(|| context.defaults.get("invalid"))
    {
        None => Some(NOT_AN_OPTION),
        Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.as_str()).filter(|text| !text.is_empty()),
        Some(other) => {
            let at = if menu.contains_key("invalid") {
                child(path, "invalid")
            } else {
                "$.defaults.invalid".to_owned()
            };
            let detail = format!(
                "expected the text said before the prompt is repeated, or null, found {}",
                kind(other)
            );
            issues.report(IvrCode::InvalidMap, &at, detail, None);
            None
        }
    };
    if let (Some(text), Some(Value::Array(actions))) = (sorry, reply.get_mut("callflow")) {
        actions.insert(0, say(text, &context.defaults));
    }
    Some(reply)
}

/// A `say` action with the defaults' voice.
fn say(text: &str, defaults: &Map<String, Value>) -> Value {
    let mut params = Map::new();
    params.insert("text".to_owned(), Value::String(text.to_owned()));
    for name in ["voiceProfile", "speed"] {
        if let Some(value) = defaults.get(name) {
            params.insert(name.to_owned(), value.clone());
        }
    }
    json!({"action": "say", "params": params})
}

/// One answer: a reply, a handler, a raw answer, or an option to expand.
fn expand_step(step: &Value, path: &str, context: &Context, issues: &mut Issues) -> Option<Value> {
    let members = match step {
        Value::String(menu) => return goto(menu, path, context, issues),
        Value::Object(members) => members,
        other => {
            let detail = format!(
                "expected a reply, a handler, an option or a menu name, found {}",
                kind(other)
            );
            issues.report(IvrCode::InvalidMap, path, detail, None);
            return None;
        }
    };
    if members.contains_key("callflow")
        || RAW_FIELDS.iter().any(|field| members.contains_key(*field))
    {
        return Some(step.clone());
    }
    if let Some(name) = members.get("handler") {
        return handler(name, members, path, issues);
    }
    if OPTION_FIELDS
        .iter()
        .any(|field| members.contains_key(*field))
    {
        return option(members, path, context, issues);
    }
    let detail = "expected a reply ({\"callflow\": [...]}), a handler ({\"handler\": name}) or an option (say, goto, connect, hangup)";
    issues.report(IvrCode::InvalidMap, path, detail, None);
    None
}

/// `{"handler": name}`, nothing else.
fn handler(
    name: &Value,
    members: &Map<String, Value>,
    path: &str,
    issues: &mut Issues,
) -> Option<Value> {
    unknown_members(members, &["handler"], path, "a handler step", issues);
    match name {
        Value::String(name) if !name.is_empty() => Some(json!({ "handler": name })),
        other => {
            let detail = format!("expected the handler's name, found {}", kind(other));
            issues.report(IvrCode::InvalidMap, &child(path, "handler"), detail, None);
            None
        }
    }
}

/// The reply that asks menu `menu`.
fn goto(menu: &str, path: &str, context: &Context, issues: &mut Issues) -> Option<Value> {
    if let Some(reply) = context.prompts.get(menu) {
        return Some(reply.clone());
    }
    let names: Vec<&str> = context.menus.iter().map(String::as_str).collect();
    if names.contains(&menu) {
        let detail = format!("goto {menu:?} needs a menu written with a prompt");
        issues.report(IvrCode::InvalidMap, path, detail, None);
    } else {
        let detail = format!("goto {menu:?}: there is no menu {menu:?}");
        issues.report(
            IvrCode::UnknownMenu,
            path,
            detail,
            did_you_mean(menu, &names),
        );
    }
    None
}

/// An option: say something, then go to a menu, connect a number, or hang up.
fn option(
    members: &Map<String, Value>,
    path: &str,
    context: &Context,
    issues: &mut Issues,
) -> Option<Value> {
    unknown_members(members, &OPTION_FIELDS, path, "an option", issues);
    let said = string_member(members, "say", path, issues)?;
    let goto_menu = string_member(members, "goto", path, issues)?;
    let connect = string_member(members, "connect", path, issues)?;
    let then = string_member(members, "then", path, issues)?;
    let source = string_member(members, "source", path, issues)?;
    let hangup = members.get("hangup");
    if let Some(value) = hangup.filter(|value| **value != Value::Bool(true)) {
        let detail = format!("expected true, found {value}");
        issues.report(IvrCode::InvalidMap, &child(path, "hangup"), detail, None);
        return None;
    }
    let ends = [goto_menu.is_some(), connect.is_some(), hangup.is_some()];
    if ends.iter().filter(|end| **end).count() > 1 {
        let detail = "an option does one of goto, connect or hangup";
        issues.report(IvrCode::InvalidMap, path, detail, None);
        return None;
    }
    if (then.is_some() || source.is_some()) && connect.is_none() {
        let detail = "then and source belong to a connect option";
        issues.report(IvrCode::InvalidMap, path, detail, None);
        return None;
    }
    let mut reply = if let Some(menu) = goto_menu {
        goto(menu, &child(path, "goto"), context, issues)?
    } else if let Some(destination) = connect {
        connect_reply(destination, source, then, path, context, issues)?
    } else {
        json!({"callflow": [{"action": "hangup"}]})
    };
    if let (Some(text), Some(Value::Array(actions))) = (said, reply.get_mut("callflow")) {
        actions.insert(0, say(text, &context.defaults));
    }
    Some(reply)
}

/// `makeCall` from the option's or the defaults' `source` to `destination`.
fn connect_reply(
    destination: &str,
    source: Option<&str>,
    then: Option<&str>,
    path: &str,
    context: &Context,
    issues: &mut Issues,
) -> Option<Value> {
    let source = match (source, context.defaults.get("source")) {
        (Some(source), _) => Value::String(source.to_owned()),
        (None, Some(source)) => source.clone(),
        (None, None) => {
            let detail =
                "a connect option needs a caller ID: set source in defaults or in the option";
            issues.report(IvrCode::InvalidMap, &child(path, "source"), detail, None);
            return None;
        }
    };
    let make_call =
        json!({"action": "makeCall", "params": {"source": source, "destination": destination}});
    let mut reply = json!({ "callflow": [make_call] });
    if let Some(then) = then {
        reply["clientActionId"] = Value::String(then.to_owned());
    }
    Some(reply)
}

/// A member that must be a string when present: `Some(None)` when absent, `None` (and
/// reported) when of another type.
#[allow(clippy::option_option)]
fn string_member<'v>(
    members: &'v Map<String, Value>,
    field: &str,
    path: &str,
    issues: &mut Issues,
) -> Option<Option<&'v str>> {
    match members.get(field) {
        None => Some(None),
        Some(Value::String(text)) => Some(Some(text)),
        Some(other) => {
            let detail = format!("expected a string, found {}", kind(other));
            issues.report(IvrCode::InvalidMap, &child(path, field), detail, None);
            None
        }
    }
}
