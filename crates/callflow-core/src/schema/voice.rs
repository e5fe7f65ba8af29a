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

/// The schema of an IVR map (`docs/IVR.md`): `defaults`, the `start` answer and each
/// menu, written in full (answers by key) or as a prompt and options.
pub(super) fn ivr_schema() -> Node {
    let menus = object([
        ("type", "object".into()),
        (
            "description",
            "The menus, by the clientActionId that names them (\"\" for events without one)."
                .into(),
        ),
        ("additionalProperties", reference("menu")),
    ]);
    let root = object([
        ("type", "object".into()),
        (
            "properties",
            object([
                ("$schema", typed("string")),
                ("description", typed("string")),
                ("defaults", reference("defaults")),
                ("start", reference("start")),
                ("menus", menus),
            ]),
        ),
        ("additionalProperties", false.into()),
    ]);
    let mut definitions = vec![
        ("defaults".to_owned(), ivr_defaults()),
        ("start".to_owned(), ivr_step(true)),
        ("step".to_owned(), ivr_step(false)),
        ("menu".to_owned(), ivr_menu()),
        ("shorthandMenu".to_owned(), shorthand_menu()),
        ("fullMenu".to_owned(), full_menu()),
        ("option".to_owned(), ivr_option()),
        ("handler".to_owned(), ivr_handler()),
        ("request".to_owned(), body(Profile::Request)),
        ("reply".to_owned(), body(Profile::Reply)),
        ("rawAnswer".to_owned(), raw_answer()),
    ];
    definitions.extend(action_definitions());
    document(
        "callflow IVR map",
        "A whole 8x8 menu IVR as data: what the runtime answers, callflow render draws, the emulator plays and the explorer writes. See docs/IVR.md.",
        root,
        definitions,
    )
}

/// The `sayAndCapture` params but `promptMessage`, and `extra` members, nothing else.
fn capture_params(extra: Vec<(&'static str, Node)>) -> Node {
    let table = ActionKind::SayAndCapture.param_table();
    let own = table
        .iter()
        .filter(|param| param.name != "promptMessage")
        .map(|param| (param.name, self::param(param)));
    object([
        ("type", "object".into()),
        ("properties", object(own.chain(extra))),
        ("additionalProperties", false.into()),
    ])
}

/// `defaults`: capture params, `source` and `invalid`.
fn ivr_defaults() -> Node {
    let source = with(
        typed("string"),
        "description",
        "The caller ID of connect options.".into(),
    );
    let invalid = object([
        ("type", strings(["string", "null"])),
        (
            "description",
            "What the automatic repeat says before the prompt (default \"Sorry, that is not an option.\"; null for nothing).".into(),
        ),
    ]);
    with(
        capture_params(vec![("source", source), ("invalid", invalid)]),
        "description",
        "Defaults of the shorthand: sayAndCapture params, voiceProfile and speed also for say."
            .into(),
    )
}

/// An answer: a menu name, a reply (or a request, for `start`), a handler, an option,
/// or a raw emulator answer.
fn ivr_step(start: bool) -> Node {
    let name = with(
        typed("string"),
        "description",
        "Ask this menu (it must have a prompt).".into(),
    );
    let mut bodies = vec![reference("reply")];
    if start {
        bodies.push(reference("request"));
    }
    bodies.extend([reference("handler"), reference("option")]);
    let objects = answer(object([("anyOf", Json::Array(bodies))]));
    object([(
        "anyOf",
        Json::Array(vec![name, with(objects, "type", "object".into())]),
    )])
}

/// A menu: as a prompt and options when it has one of their members, else in full.
fn ivr_menu() -> Node {
    let members = ["prompt", "options", "capture", "invalid"]
        .map(|key| object([("required", strings([key]))]));
    object([
        ("if", object([("anyOf", Json::Array(members.into()))])),
        ("then", reference("shorthandMenu")),
        ("else", reference("fullMenu")),
    ])
}

/// The keys of a menu's answers.
fn menu_keys() -> Node {
    object([
        ("pattern", "^([0-9*#]+|silence|bridged)$".into()),
        (
            "description",
            "Digits, \"*\" for any other input, \"silence\" for no digits, \"bridged\" for the end of a bridged call.".into(),
        ),
    ])
}

/// A menu written as a prompt and options.
fn shorthand_menu() -> Node {
    let max = u64::try_from(MAX_TEXT_CHARS).unwrap_or(u64::MAX);
    let prompt = object([
        ("type", "string".into()),
        ("minLength", 1_u64.into()),
        ("maxLength", max.into()),
        (
            "description",
            "The promptMessage of the menu's sayAndCapture.".into(),
        ),
    ]);
    let options = object([
        ("type", "object".into()),
        ("propertyNames", menu_keys()),
        ("additionalProperties", reference("step")),
    ]);
    let invalid = object([("type", strings(["string", "null"]))]);
    object([
        ("type", "object".into()),
        ("required", strings(["prompt"])),
        (
            "properties",
            object([
                ("prompt", prompt),
                ("options", options),
                ("capture", capture_params(Vec::new())),
                ("invalid", invalid),
            ]),
        ),
        ("additionalProperties", false.into()),
    ])
}

/// A menu written in full: its answers by key.
fn full_menu() -> Node {
    object([
        ("type", "object".into()),
        ("propertyNames", menu_keys()),
        ("additionalProperties", reference("step")),
    ])
}

/// An option: say something, then go to a menu, connect a number or hang up.
fn ivr_option() -> Node {
    let text = |about: &'static str| with(typed("string"), "description", about.into());
    object([
        ("type", "object".into()),
        ("minProperties", 1_u64.into()),
        (
            "properties",
            object([
                ("say", text("Say this first; alone, then hang up.")),
                ("goto", text("Then ask this menu.")),
                ("connect", text("Then bridge the caller to this number.")),
                ("then", text("The clientActionId of the bridge's return.")),
                (
                    "source",
                    text("The caller ID of connect (default: defaults.source)."),
                ),
                ("hangup", object([("const", true.into())])),
            ]),
        ),
        ("additionalProperties", false.into()),
    ])
}

/// `{"handler": name}`: the user's code answers.
fn ivr_handler() -> Node {
    let name = object([("type", "string".into()), ("minLength", 1_u64.into())]);
    object([
        ("type", "object".into()),
        ("required", strings(["handler"])),
        ("properties", object([("handler", name)])),
        ("additionalProperties", false.into()),
    ])
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
