//! The schemas of 8x8 bodies and of IVR maps, from the action and parameter tables.

use std::iter;

use super::{Node, document, float, object, reference, strings, typed, when, with};
use crate::json::Json;
use crate::voice::emulator::{Failure, RAW_BODY, RAW_FAILURE, RAW_LATENCY, RAW_STATUS};
use crate::voice::params::{Accepts, MAX_TEXT_CHARS, Param, Presence};
use crate::voice::{ActionKind, Profile};

/// The schema of a request or a reply body.
pub(super) fn body_schema(profile: Profile) -> Node {
    let (title, description) = match profile {
        Profile::Request => (
            "8x8 Send Callflow request",
            "The body of POST /api/v1/subaccounts/{subAccountId}/callflows: a callflow that starts with makeCall.",
        ),
        Profile::Reply => (
            "8x8 Voice Call Action reply",
            "The body a webhook backend answers a Voice Call Action webhook with.",
        ),
    };
    document(title, description, body(profile), action_definitions())
}

/// The schema of an IVR map: a start body and, for each menu's `clientActionId`, the
/// reply for each input.
pub(super) fn ivr_schema() -> Node {
    let bodies = object([(
        "anyOf",
        Json::Array(vec![reference("reply"), reference("request")]),
    )]);
    let replies = object([
        ("type", "object".into()),
        (
            "description",
            "The reply for each input: the digits, \"silence\", or \"*\" for any other.".into(),
        ),
        ("additionalProperties", answer(reference("reply"))),
    ]);
    let root = object([
        ("type", "object".into()),
        (
            "properties",
            object([
                ("start", with(answer(bodies), "description", "The first body, or the reply to an inbound call.".into())),
                (
                    "menus",
                    object([
                        ("type", "object".into()),
                        ("description", "The replies of each menu, by the clientActionId of the body that captured the input (\"\" for none).".into()),
                        ("additionalProperties", replies),
                    ]),
                ),
            ]),
        ),
    ]);
    let mut definitions = vec![
        ("request".to_owned(), body(Profile::Request)),
        ("reply".to_owned(), body(Profile::Reply)),
        ("rawAnswer".to_owned(), raw_answer()),
    ];
    definitions.extend(action_definitions());
    document(
        "callflow IVR map",
        "The replies of a webhook backend, written as data: what callflow render draws and what the call emulator answers with.",
        root,
        definitions,
    )
}

/// A body: `callflow` and the profile's optional top-level field, nothing else.
fn body(profile: Profile) -> Node {
    let top = profile.top_param();
    let callflow = object([
        ("type", "array".into()),
        ("description", "The actions, in order.".into()),
        ("minItems", 1_u64.into()),
        ("items", reference("action")),
    ]);
    object([
        ("type", "object".into()),
        ("required", strings(["callflow"])),
        (
            "properties",
            object([("callflow", callflow), (top.name, param(top))]),
        ),
        ("additionalProperties", false.into()),
    ])
}

/// The definition of an action, then of each action's params.
fn action_definitions() -> Vec<(String, Node)> {
    iter::once(("action".to_owned(), action()))
        .chain(
            ActionKind::ALL
                .into_iter()
                .map(|kind| (kind.name().to_owned(), params(kind))),
        )
        .collect()
}

/// `{"action": name, "params": {...}}`, with the params of the named action.
fn action() -> Node {
    let branches = ActionKind::ALL.map(|kind| {
        let params = object([("params", reference(kind.name()))]);
        let then = if kind.needs_params() {
            object([("required", strings(["params"])), ("properties", params)])
        } else {
            object([("properties", params)])
        };
        when("action", object([("const", kind.name().into())]), then)
    });
    let names = ActionKind::ALL.map(ActionKind::name);
    object([
        ("type", "object".into()),
        ("required", strings(["action"])),
        (
            "properties",
            object([
                ("action", object([("enum", strings(names))])),
                ("params", typed("object")),
            ]),
        ),
        ("additionalProperties", false.into()),
        ("allOf", Json::Array(branches.into())),
    ])
}

/// The params object of one action.
fn params(kind: ActionKind) -> Node {
    let table = kind.param_table();
    let required: Vec<&str> = table
        .iter()
        .filter(|param| param.presence == Presence::Required)
        .map(|param| param.name)
        .collect();
    let mut node = object([
        ("type", "object".into()),
        (
            "properties",
            object(table.iter().map(|param| (param.name, self::param(param)))),
        ),
    ]);
    if !required.is_empty() {
        node = with(node, "required", strings(required));
    }
    with(node, "additionalProperties", false.into())
}

/// One param or top-level field: its type (with `null` when it stands for absent), what
/// it is, and its range.
fn param(param: &Param) -> Node {
    let mut constraints: Vec<(&'static str, Node)> = vec![("description", param.about.into())];
    let kind = match param.accepts {
        Accepts::SpokenText => {
            if param.presence == Presence::Required {
                constraints.push(("minLength", 1_u64.into()));
            }
            let max = u64::try_from(MAX_TEXT_CHARS).unwrap_or(u64::MAX);
            constraints.push(("maxLength", max.into()));
            "string"
        }
        Accepts::FileUrl => {
            constraints.push(("format", "uri".into()));
            "string"
        }
        Accepts::Timestamp => {
            constraints.push(("format", "date-time".into()));
            "string"
        }
        Accepts::Msisdn(_) | Accepts::VoiceProfile | Accepts::LanguageCode | Accepts::Text => {
            "string"
        }
        Accepts::Boolean => "boolean",
        Accepts::Integer { min, max } => {
            constraints.push(("minimum", min.into()));
            constraints.push(("maximum", max.unwrap_or(u64::MAX).into()));
            "integer"
        }
        Accepts::Number { min, max } => {
            constraints.push(("minimum", float(min)));
            constraints.push(("maximum", float(max)));
            "number"
        }
    };
    let kind = if param.presence == Presence::Nullable {
        strings([kind, "null"])
    } else {
        kind.into()
    };
    object(iter::once(("type", kind)).chain(constraints))
}

/// A reply in an IVR map: a raw HTTP answer when it has one of the raw members, else
/// one of `bodies`.
fn answer(bodies: Node) -> Node {
    let raw = raw_members().map(|(key, _)| object([("required", strings([key]))]));
    object([
        ("if", object([("anyOf", Json::Array(raw.into()))])),
        ("then", reference("rawAnswer")),
        ("else", bodies),
    ])
}

/// A raw HTTP answer, for testing how the platform copes with a broken backend.
fn raw_answer() -> Node {
    object([
        ("type", "object".into()),
        ("properties", object(raw_members())),
    ])
}

/// The members that make a reply in an IVR map a raw HTTP answer, as `MapBackend`
/// reads them.
fn raw_members() -> [(&'static str, Node); 4] {
    let described =
        |kind: &'static str, about: &'static str| with(typed(kind), "description", about.into());
    let failures = Failure::ALL.map(Failure::as_str);
    [
        (
            RAW_STATUS,
            described("integer", "The HTTP status (200 by default)."),
        ),
        (
            RAW_BODY,
            object([(
                "description",
                "The body: text, or JSON sent as text.".into(),
            )]),
        ),
        (
            RAW_LATENCY,
            described("number", "How long the answer takes."),
        ),
        (
            RAW_FAILURE,
            object([
                ("enum", strings(failures)),
                ("description", "No HTTP answer at all.".into()),
            ]),
        ),
    ]
}
