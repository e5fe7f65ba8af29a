//! The Yay.com modules the engine runs and the targets an `extension` module rings.

use crate::pbx::ModuleKind;
use crate::pbx::modules::{Field, NextShape, SPECS, TARGETS};

/// One module type the engine runs.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ModuleInfo {
    /// The lower-case `module` name.
    pub name: &'static str,
    /// The documented kind, or `None` for a module only the engine reads.
    pub kind: Option<ModuleKind>,
    /// Whether `next` maps branch names to keys (`pressextension`), rather than being one
    /// key or absent.
    pub branches: bool,
    /// The module-level members that name the next module (`match`, `noanswer`, ...).
    pub edges: &'static [&'static str],
    /// Whether the module ends the flow.
    pub terminal: bool,
    /// Whether the module waits for the caller: a menu, or a ringing extension.
    pub waits: bool,
    fields: &'static [Field],
}

impl ModuleInfo {
    /// The members a documented module reads, in check order, each with whether it is
    /// required.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, bool)> + use<> {
        self.fields.iter().map(|field| (field.name, field.required))
    }
}

/// One target type of an `extension` module.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct TargetInfo {
    /// The `type` member, such as `sipuser`.
    pub name: &'static str,
    /// Whether the Yay docs list it; the others only the engine reads.
    pub documented: bool,
    /// The member that says what is rung (`uuid` or `number`), for a documented type.
    pub member: Option<&'static str>,
}

/// Every module the engine runs: the documented ones first, in the docs' order.
pub fn modules() -> impl Iterator<Item = ModuleInfo> {
    SPECS.iter().map(|spec| ModuleInfo {
        name: spec.name,
        kind: spec.kind,
        branches: spec.next == NextShape::Map,
        edges: spec.edges,
        terminal: spec.terminal,
        waits: spec.waits,
        fields: spec.fields,
    })
}

/// Every target type the engine reads: the documented ones first.
pub fn targets() -> impl Iterator<Item = TargetInfo> {
    TARGETS.iter().map(|target| TargetInfo {
        name: target.name,
        documented: target.documented,
        member: target.field.map(|field| field.name),
    })
}
