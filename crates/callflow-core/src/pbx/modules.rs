//! What each module is: its name, whether the docs list it, its edges, whether it ends
//! the flow and whether it waits for the caller.

use std::fmt;

/// A module type the public Yay docs list. Names match case-insensitively (`Trunk`).
///
/// ```
/// use callflow_core::pbx::ModuleKind;
/// assert_eq!(ModuleKind::from_name("Trunk"), Some(ModuleKind::Trunk));
/// assert_eq!(ModuleKind::PressExtension.as_str(), "pressextension");
/// assert!(ModuleKind::Voicemail.is_terminal());
/// assert_eq!(ModuleKind::from_name("callqueue"), None); // engine-only: not documented
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModuleKind {
    /// `start`: the entry point.
    Start,
    /// `recording`: records the call from here on.
    Recording,
    /// `musiconhold`: sets the hold music (`class`).
    MusicOnHold,
    /// `calleridmatch`: branches on the caller ID (`patterns`, `match`, `nomatch`).
    CallerIdMatch,
    /// `play`: plays a sound (`sound`).
    Play,
    /// `extension`: rings SIP users, hunt groups or forward numbers (`extensions`).
    Extension,
    /// `pressextension`: an IVR menu keyed by the digit pressed.
    PressExtension,
    /// `dialbyextension`: the caller dials an extension.
    DialByExtension,
    /// `busy`: a busy tone, then the call ends.
    Busy,
    /// `voicemail`: leave a message (`mailboxes`); ends the flow.
    Voicemail,
    /// `conference`: joins a conference bridge; ends the flow.
    Conference,
    /// `trunk`: sends the call to a SIP trunk (`uuid`); ends the flow.
    Trunk,
    /// `fax`: receives a fax; ends the flow.
    Fax,
}

/// How a module's `next` member is shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NextShape {
    /// The module has no `next`.
    None,
    /// `next` is one key.
    Key,
    /// `next` maps branch names to keys.
    Map,
}

/// The facts the checks and diagrams need about one module type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// The lower-case name.
    pub(crate) name: &'static str,
    /// The documented kind, or `None` for a module only the engine knows.
    pub(crate) kind: Option<ModuleKind>,
    /// The shape of `next`.
    pub(crate) next: NextShape,
    /// The module-level members that name the next module.
    pub(crate) edges: &'static [&'static str],
    /// Whether the module ends the flow.
    pub(crate) terminal: bool,
    /// Whether the module waits for the caller (input, or a ringing phone).
    pub(crate) waits: bool,
    /// The members a documented module reads, in check order.
    pub(crate) fields: &'static [Field],
}

/// The values a member of a call flow, a module or a target accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    /// Any string.
    String,
    /// A string that is not empty.
    NonEmptyString,
    /// `true` or `false`.
    Boolean,
    /// An integer of at least 1.
    PositiveInteger,
    /// A number of seconds: a non-negative number, or a string holding one.
    Duration,
    /// A conference pin: a string of four digits.
    Pin,
    /// An E.164 number: `+`, then 7 to 15 digits, the first not 0.
    E164,
    /// A non-empty list of strings.
    Strings,
    /// A non-empty list of caller-ID patterns (the `regex` crate's syntax).
    Patterns,
    /// A non-empty list of [`TARGETS`].
    Targets,
    /// The call flow's modules, by key.
    Modules,
}

/// One member and the values it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) required: bool,
    pub(crate) value: Value,
}

const fn required(name: &'static str, value: Value) -> Field {
    Field {
        name,
        required: true,
        value,
    }
}

const fn optional(name: &'static str, value: Value) -> Field {
    Field {
        name,
        required: false,
        value,
    }
}

/// The members of a call flow object, in the order the docs list them.
pub(crate) const CALL_FLOW_FIELDS: [Field; 8] = [
    required("extension", Value::PositiveInteger),
    required("flow", Value::Modules),
    required("name", Value::String),
    optional("show_call_route_name", Value::Boolean),
    optional("show_original_caller_id", Value::Boolean),
    optional("uuid", Value::String),
    optional("created_on", Value::String),
    optional("updated_on", Value::String),
];

/// A type of `extension` target, and the member that says where it rings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TargetSpec {
    pub(crate) name: &'static str,
    /// Whether the Yay docs list it; the others only the engine reads.
    pub(crate) documented: bool,
    pub(crate) field: Option<Field>,
}

/// Every target type the engine reads: the documented ones first.
pub(crate) const TARGETS: [TargetSpec; 6] = [
    target("sipuser", Some(required("uuid", Value::NonEmptyString))),
    target("huntgroup", Some(required("uuid", Value::NonEmptyString))),
    target("forward", Some(required("number", Value::E164))),
    engine_target("trunk"),
    engine_target("account_bridge"),
    engine_target("inter_tenant"),
];

/// A target type the docs list.
const fn target(name: &'static str, field: Option<Field>) -> TargetSpec {
    TargetSpec {
        name,
        documented: true,
        field,
    }
}

/// A target type only the engine reads.
const fn engine_target(name: &'static str) -> TargetSpec {
    TargetSpec {
        name,
        documented: false,
        field: None,
    }
}

/// Where a call goes when an extension rings: the engine's outcomes.
const RING_OUTCOMES: &[&str] = &["noanswer", "answer", "busy", "unavailable"];

const fn spec(
    name: &'static str,
    kind: Option<ModuleKind>,
    next: NextShape,
    edges: &'static [&'static str],
) -> Spec {
    Spec {
        name,
        kind,
        next,
        edges,
        terminal: matches!(next, NextShape::None) && edges.is_empty(),
        waits: false,
        fields: &[],
    }
}

const fn with_fields(spec: Spec, fields: &'static [Field]) -> Spec {
    Spec { fields, ..spec }
}

const fn waiting(spec: Spec) -> Spec {
    Spec {
        waits: true,
        ..spec
    }
}

/// Every module the engine runs: the documented ones first, in the docs' order.
pub(crate) const SPECS: [Spec; 23] = [
    spec("start", Some(ModuleKind::Start), NextShape::Key, &[]),
    spec(
        "recording",
        Some(ModuleKind::Recording),
        NextShape::Key,
        &[],
    ),
    with_fields(
        spec(
            "musiconhold",
            Some(ModuleKind::MusicOnHold),
            NextShape::Key,
            &[],
        ),
        &[required("class", Value::NonEmptyString)],
    ),
    with_fields(
        spec(
            "calleridmatch",
            Some(ModuleKind::CallerIdMatch),
            NextShape::None,
            &["match", "nomatch"],
        ),
        &[required("patterns", Value::Patterns)],
    ),
    with_fields(
        spec("play", Some(ModuleKind::Play), NextShape::Key, &[]),
        &[required("sound", Value::NonEmptyString)],
    ),
    waiting(with_fields(
        spec(
            "extension",
            Some(ModuleKind::Extension),
            NextShape::None,
            RING_OUTCOMES,
        ),
        &[
            optional("announcement", Value::String),
            optional("ringtone", Value::String),
            optional("duration", Value::Duration),
            required("extensions", Value::Targets),
        ],
    )),
    waiting(with_fields(
        spec(
            "pressextension",
            Some(ModuleKind::PressExtension),
            NextShape::Map,
            &[],
        ),
        &[
            optional("duration", Value::Duration),
            optional("sound", Value::String),
            optional("dial_by_extension", Value::Boolean),
        ],
    )),
    waiting(with_fields(
        spec(
            "dialbyextension",
            Some(ModuleKind::DialByExtension),
            NextShape::Map,
            RING_OUTCOMES,
        ),
        &[
            optional("dial_duration", Value::Duration),
            optional("ringtone", Value::String),
            optional("sound", Value::String),
            optional("wait_duration", Value::Duration),
        ],
    )),
    with_fields(
        spec("busy", Some(ModuleKind::Busy), NextShape::None, &[]),
        &[optional("duration", Value::Duration)],
    ),
    with_fields(
        spec(
            "voicemail",
            Some(ModuleKind::Voicemail),
            NextShape::None,
            &[],
        ),
        &[required("mailboxes", Value::Strings)],
    ),
    with_fields(
        spec(
            "conference",
            Some(ModuleKind::Conference),
            NextShape::None,
            &[],
        ),
        &[
            optional("announcement", Value::String),
            optional("music", Value::String),
            optional("pin", Value::Pin),
        ],
    ),
    with_fields(
        spec("trunk", Some(ModuleKind::Trunk), NextShape::None, &[]),
        &[required("uuid", Value::NonEmptyString)],
    ),
    spec("fax", Some(ModuleKind::Fax), NextShape::None, &[]),
    spec("forwardcall", None, NextShape::None, &[]),
    spec("backupextension", None, NextShape::None, &[]),
    waiting(spec(
        "callqueue",
        None,
        NextShape::None,
        &[
            "answer",
            "timeout",
            "max_waiting_module",
            "ring_timeout_module",
            "no_registered",
            "shortcode_module",
        ],
    )),
    spec("callflow", None, NextShape::None, &[]),
    spec("callflowcontent", None, NextShape::None, &[]),
    spec("diary", None, NextShape::None, &[]),
    spec("outofhours", None, NextShape::None, &["open", "closed"]),
    spec("sleep", None, NextShape::Key, &[]),
    spec("room", None, NextShape::None, &[]),
    spec("offnetconnect", None, NextShape::Key, &[]),
];

/// How many of [`SPECS`] the docs list.
const DOCUMENTED: usize = 13;

/// The names the docs list, for "did you mean" hints.
pub(crate) fn documented_names() -> [&'static str; DOCUMENTED] {
    std::array::from_fn(|index| SPECS[index].name)
}

/// The facts about the module called `name` (any letter case), if the engine runs it.
pub(crate) fn spec_of(name: &str) -> Option<&'static Spec> {
    SPECS
        .iter()
        .find(|spec| spec.name.eq_ignore_ascii_case(name))
}

/// The sentinel a `noanswer` edge may hold instead of a key: the dialled user's own
/// voicemail.
pub const SIPUSER_VOICEMAIL: &str = "sipuser_voicemail";

impl ModuleKind {
    /// Every documented kind, in the docs' order.
    pub const ALL: [ModuleKind; DOCUMENTED] = [
        ModuleKind::Start,
        ModuleKind::Recording,
        ModuleKind::MusicOnHold,
        ModuleKind::CallerIdMatch,
        ModuleKind::Play,
        ModuleKind::Extension,
        ModuleKind::PressExtension,
        ModuleKind::DialByExtension,
        ModuleKind::Busy,
        ModuleKind::Voicemail,
        ModuleKind::Conference,
        ModuleKind::Trunk,
        ModuleKind::Fax,
    ];

    /// The kind called `name`, in any letter case, if the docs list it.
    pub fn from_name(name: &str) -> Option<ModuleKind> {
        spec_of(name).and_then(|spec| spec.kind)
    }

    /// The lower-case name, as the docs write it (except `Trunk`).
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// Whether the module ends the flow (`busy`, `voicemail`, `conference`, `trunk`,
    /// `fax`).
    pub fn is_terminal(self) -> bool {
        self.spec().terminal
    }

    /// Whether the module waits for the caller: a menu, or a ringing extension.
    pub fn waits_for_caller(self) -> bool {
        self.spec().waits
    }

    fn spec(self) -> &'static Spec {
        &SPECS[self as usize]
    }
}

impl fmt::Display for ModuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_specs_come_first_in_kind_order() {
        for (index, spec) in SPECS.iter().enumerate() {
            assert_eq!(spec.kind, ModuleKind::ALL.get(index).copied());
        }
        assert_eq!(documented_names()[12], "fax");
    }

    #[test]
    fn terminal_modules_have_no_edges() {
        let terminal: Vec<_> = SPECS[..DOCUMENTED]
            .iter()
            .filter(|spec| spec.terminal)
            .map(|spec| spec.name)
            .collect();
        assert_eq!(
            terminal,
            ["busy", "voicemail", "conference", "trunk", "fax"]
        );
    }
}
