//! The typed call flow: the object the Yay API stores, its map of modules, and builders.
//!
//! The model keeps every member as it came, in order, typed access on top: parse →
//! serialise gives back the same members (module names in their own letter case,
//! undocumented modules and fields included).

use std::borrow::Cow;

use serde::{Serialize, Serializer};

use super::check::Options;
use super::modules::ModuleKind;
use crate::diagnostics::{Report, ValidationError};
use crate::json::{Json, serialize_members};
use crate::voice::Input;

/// Object members as the model keeps them: owned, in document order.
type Members = Vec<(Cow<'static, str>, Json<'static>)>;

/// Sets `field` in `members`: replaces its value where it is, or appends it.
fn set(members: &mut Members, field: &str, value: Json<'static>) {
    match members.iter_mut().find(|(key, _)| key == field) {
        Some((_, slot)) => *slot = value,
        None => members.push((Cow::Owned(field.to_owned()), value)),
    }
}

fn get<'m>(members: &'m Members, field: &str) -> Option<&'m Json<'static>> {
    members
        .iter()
        .rev()
        .find(|(key, _)| key == field)
        .map(|(_, value)| value)
}

fn text<'m>(members: &'m Members, field: &str) -> Option<&'m str> {
    match get(members, field) {
        Some(Json::String(text)) => Some(text),
        _ => None,
    }
}

/// A Yay.com call flow: `extension`, `name`, the caller-ID options, the read-only
/// `uuid`, `created_on` and `updated_on`, and the `flow` of modules.
///
/// ```
/// use callflow_core::pbx::{CallFlow, Module, Target};
/// let flow = CallFlow::new(501, "Call Pete")
///     .module("start", Module::start("menu"))
///     .module("menu", Module::press_extension().branch("1", "pete").branch("invalid", "pete")
///         .branch("timeout", "pete"))
///     .module("pete", Module::extension([Target::SipUser("92b0aca6".into())]).on("noanswer", "vm"))
///     .module("vm", Module::voicemail(["7c1f"]));
/// assert!(flow.check().issues().is_empty());
/// let again = CallFlow::from_json(flow.to_json().as_str()).unwrap();
/// assert_eq!(again, flow);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CallFlow {
    /// Every member but `flow`.
    members: Members,
    /// Where `flow` stands among the members.
    flow_at: usize,
    flow: Flow,
}

impl CallFlow {
    /// A new call flow with its required `extension` and `name`, and no modules yet.
    pub fn new(extension: u64, name: impl Into<String>) -> Self {
        CallFlow {
            members: vec![
                (Cow::Borrowed("extension"), Json::from(extension)),
                (Cow::Borrowed("name"), Json::from(name.into())),
            ],
            flow_at: 1,
            flow: Flow::default(),
        }
    }

    /// Adds (or replaces) the module at `key`.
    #[must_use]
    pub fn module(mut self, key: impl Into<String>, module: Module) -> Self {
        self.flow.insert(key, module);
        self
    }

    /// Sets the call flow's name.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        set(&mut self.members, "name", Json::from(name.into()));
        self
    }

    /// Sets the extension number that reaches the call flow.
    #[must_use]
    pub fn with_extension(mut self, extension: u64) -> Self {
        set(&mut self.members, "extension", Json::from(extension));
        self
    }

    /// Sets whether the call flow's name is shown in the forwarded caller ID.
    #[must_use]
    pub fn with_show_call_route_name(mut self, show: bool) -> Self {
        set(&mut self.members, "show_call_route_name", Json::Bool(show));
        self
    }

    /// Sets whether the forwarded caller ID is the original caller's (or the number
    /// called).
    #[must_use]
    pub fn with_show_original_caller_id(mut self, show: bool) -> Self {
        set(
            &mut self.members,
            "show_original_caller_id",
            Json::Bool(show),
        );
        self
    }

    /// Reads a call flow, keeping every member. Fails, with the full report, only when
    /// the document is not shaped like a call flow (not an object, no `flow` object, a
    /// module that is not an object with a string `module`); use [`CallFlow::check`]
    /// for everything else.
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<CallFlow, ValidationError> {
        let shaped = input
            .to_tree()
            .ok()
            .and_then(|tree| Self::from_tree(tree.into_owned().into_owned()));
        shaped.ok_or_else(|| ValidationError::new(Options::new().check(input)))
    }

    fn from_tree(tree: Json<'static>) -> Option<CallFlow> {
        let Json::Object(mut members) = tree else {
            return None;
        };
        let flow_at = members.iter().rposition(|(key, _)| key == "flow")?;
        let (_, Json::Object(modules)) = members.remove(flow_at) else {
            return None;
        };
        let mut flow = Flow::default();
        // Where each key stands, so that a large flow reads in linear time (a duplicate
        // key replaces the module in its first place, as `Flow::insert` does).
        let mut at: std::collections::HashMap<String, usize> =
            std::collections::HashMap::with_capacity(modules.len());
        for (key, module) in modules {
            let Json::Object(module) = module else {
                return None;
            };
            text(&module, "module")?;
            let module = Module { members: module };
            if let Some(&index) = at.get(key.as_ref()) {
                flow.modules[index].1 = module;
            } else {
                at.insert(key.to_string(), flow.modules.len());
                flow.modules.push((key.into_owned(), module));
            }
        }
        Some(CallFlow {
            members,
            flow_at,
            flow,
        })
    }

    /// The extension number of the call flow.
    pub fn extension(&self) -> Option<u64> {
        match get(&self.members, "extension") {
            Some(Json::Number(n)) => n.whole(),
            _ => None,
        }
    }

    /// The call flow's name.
    pub fn name(&self) -> Option<&str> {
        text(&self.members, "name")
    }

    /// Whether the name is shown in the forwarded caller ID, when set.
    pub fn show_call_route_name(&self) -> Option<bool> {
        self.flag("show_call_route_name")
    }

    /// Whether the forwarded caller ID is the original caller's, when set.
    pub fn show_original_caller_id(&self) -> Option<bool> {
        self.flag("show_original_caller_id")
    }

    fn flag(&self, field: &str) -> Option<bool> {
        match get(&self.members, field) {
            Some(Json::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// The uuid the API gave the call flow (read-only).
    pub fn uuid(&self) -> Option<&str> {
        text(&self.members, "uuid")
    }

    /// When the call flow was created, as the API wrote it (read-only).
    pub fn created_on(&self) -> Option<&str> {
        text(&self.members, "created_on")
    }

    /// When the call flow was last updated, as the API wrote it (read-only).
    pub fn updated_on(&self) -> Option<&str> {
        text(&self.members, "updated_on")
    }

    /// The modules.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The modules, to change.
    pub fn flow_mut(&mut self) -> &mut Flow {
        &mut self.flow
    }

    /// The call flow as a document tree.
    pub fn to_tree(&self) -> Json<'static> {
        let mut members = self.members.clone();
        let at = self.flow_at.min(members.len());
        members.insert(at, (Cow::Borrowed("flow"), self.flow.to_tree()));
        Json::Object(members)
    }

    /// The call flow as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Every issue in the call flow, with the default [`Options`].
    pub fn check(&self) -> Report {
        self.check_with(Options::new())
    }

    /// Every issue in the call flow, with `options`.
    pub fn check_with(&self, options: Options) -> Report {
        options.check(&self.to_tree())
    }
}

impl Serialize for CallFlow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_tree().serialize(serializer)
    }
}

/// The modules of a call flow, by key, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flow {
    modules: Vec<(String, Module)>,
}

impl Flow {
    /// Adds the module at `key`, or replaces the one already there (keeping its place).
    pub fn insert(&mut self, key: impl Into<String>, module: Module) {
        let key = key.into();
        match self.modules.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = module,
            None => self.modules.push((key, module)),
        }
    }

    /// The module at `key`.
    pub fn get(&self, key: &str) -> Option<&Module> {
        self.modules.iter().find(|(k, _)| k == key).map(|(_, m)| m)
    }

    /// Removes and returns the module at `key`.
    pub fn remove(&mut self, key: &str) -> Option<Module> {
        let at = self.modules.iter().position(|(k, _)| k == key)?;
        Some(self.modules.remove(at).1)
    }

    /// The keys and modules, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Module)> {
        self.modules
            .iter()
            .map(|(key, module)| (key.as_str(), module))
    }

    /// How many modules there are.
    pub fn len(&self) -> usize {
        self.modules.len()
    }

    /// Whether there is no module.
    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }

    fn to_tree(&self) -> Json<'static> {
        Json::Object(
            self.modules
                .iter()
                .map(|(key, module)| {
                    (
                        Cow::Owned(key.clone()),
                        Json::Object(module.members.clone()),
                    )
                })
                .collect(),
        )
    }
}

/// One module: its `module` name as written, and all its members in order.
///
/// ```
/// use callflow_core::pbx::{Module, ModuleKind};
/// let play = Module::play("sound-uuid").next("menu");
/// assert_eq!(play.kind(), Some(ModuleKind::Play));
/// assert_eq!(serde_json::to_string(&play).unwrap(),
///     r#"{"module":"play","sound":"sound-uuid","next":"menu"}"#);
/// let queue = Module::named("callqueue").set("groups", "sales");
/// assert_eq!((queue.name(), queue.kind()), ("callqueue", None));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    members: Members,
}

impl Module {
    /// A module of a documented kind.
    pub fn new(kind: ModuleKind) -> Self {
        Module::named(kind.as_str())
    }

    /// A module of any name: one the engine runs but the docs do not list, or a
    /// documented one in another letter case (`Trunk`).
    pub fn named(name: impl Into<String>) -> Self {
        Module {
            members: vec![(Cow::Borrowed("module"), Json::from(name.into()))],
        }
    }

    /// `start`, leading to `next`.
    pub fn start(next: impl Into<String>) -> Self {
        Module::new(ModuleKind::Start).next(next)
    }

    /// `musiconhold` with the playlist `class`.
    pub fn music_on_hold(class: impl Into<String>) -> Self {
        Module::new(ModuleKind::MusicOnHold).set("class", class.into())
    }

    /// `calleridmatch` with its regular expressions; add `match` and `nomatch` with
    /// [`Module::on`].
    pub fn caller_id_match<P: Into<String>>(patterns: impl IntoIterator<Item = P>) -> Self {
        Module::new(ModuleKind::CallerIdMatch).set("patterns", strings(patterns))
    }

    /// `play` of the sound `sound`.
    pub fn play(sound: impl Into<String>) -> Self {
        Module::new(ModuleKind::Play).set("sound", sound.into())
    }

    /// `extension`, ringing `targets` at once.
    pub fn extension(targets: impl IntoIterator<Item = Target>) -> Self {
        let targets = targets.into_iter().map(Target::into_tree).collect();
        Module::new(ModuleKind::Extension).set("extensions", Json::Array(targets))
    }

    /// `pressextension`, an IVR menu; add its keys with [`Module::branch`].
    pub fn press_extension() -> Self {
        Module::new(ModuleKind::PressExtension)
    }

    /// `voicemail` to the mailboxes listed (the engine uses the first).
    pub fn voicemail<M: Into<String>>(mailboxes: impl IntoIterator<Item = M>) -> Self {
        Module::new(ModuleKind::Voicemail).set("mailboxes", strings(mailboxes))
    }

    /// `trunk` to the trunk `uuid`.
    pub fn trunk(uuid: impl Into<String>) -> Self {
        Module::new(ModuleKind::Trunk).set("uuid", uuid.into())
    }

    /// The `module` name, as written.
    pub fn name(&self) -> &str {
        text(&self.members, "module").unwrap_or_default()
    }

    /// The documented kind, or `None` for another module.
    pub fn kind(&self) -> Option<ModuleKind> {
        ModuleKind::from_name(self.name())
    }

    /// The member `field`.
    pub fn get(&self, field: &str) -> Option<&Json<'static>> {
        get(&self.members, field)
    }

    /// The members, in order (`module` included).
    pub fn members(&self) -> impl Iterator<Item = (&str, &Json<'static>)> {
        self.members
            .iter()
            .map(|(key, value)| (key.as_ref(), value))
    }

    /// The module as compact JSON text, members in order.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Sets the member `field`.
    #[must_use]
    pub fn set(mut self, field: &str, value: impl Into<Json<'static>>) -> Self {
        set(&mut self.members, field, value.into());
        self
    }

    /// Sets `next` to the key of the next module.
    #[must_use]
    pub fn next(self, key: impl Into<String>) -> Self {
        self.set("next", key.into())
    }

    /// Adds the branch `branch` (a key pressed, `invalid`, `timeout`, ...) to the
    /// `next` map, leading to the module `key`.
    #[must_use]
    pub fn branch(mut self, branch: impl Into<String>, key: impl Into<String>) -> Self {
        let value = Json::from(key.into());
        let branch = branch.into();
        match self.members.iter_mut().find(|(field, _)| field == "next") {
            Some((_, Json::Object(branches))) => {
                match branches.iter_mut().find(|(name, _)| *name == branch) {
                    Some((_, slot)) => *slot = value,
                    None => branches.push((Cow::Owned(branch), value)),
                }
            }
            _ => set(
                &mut self.members,
                "next",
                Json::Object(vec![(Cow::Owned(branch), value)]),
            ),
        }
        self
    }

    /// Sets a module-level outcome (`match`, `nomatch`, `noanswer`, ...) to the key of
    /// the module it leads to.
    #[must_use]
    pub fn on(self, outcome: &str, key: impl Into<String>) -> Self {
        self.set(outcome, key.into())
    }
}

impl Serialize for Module {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_members(&self.members, serializer)
    }
}

fn strings<T: Into<String>>(items: impl IntoIterator<Item = T>) -> Json<'static> {
    Json::Array(
        items
            .into_iter()
            .map(|item| Json::from(item.into()))
            .collect(),
    )
}

/// What an `extension` module rings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A SIP user, by uuid.
    SipUser(String),
    /// A hunt group, by uuid.
    HuntGroup(String),
    /// An external number, in E.164.
    Forward(String),
}

impl Target {
    fn into_tree(self) -> Json<'static> {
        let (kind, field, value) = match self {
            Target::SipUser(uuid) => ("sipuser", "uuid", uuid),
            Target::HuntGroup(uuid) => ("huntgroup", "uuid", uuid),
            Target::Forward(number) => ("forward", "number", number),
        };
        Json::Object(vec![
            (Cow::Borrowed("type"), Json::from(kind)),
            (Cow::Borrowed(field), Json::from(value)),
        ])
    }
}
