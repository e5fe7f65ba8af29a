//! A read-only catalogue of the facts callflow's tables hold: the 8x8 actions and their
//! parameters, the webhook events with their fields and open-enum values, the Yay.com
//! modules and targets, and every error and finding code.
//!
//! Validation, parsing and the checks read these same tables; the catalogue only shows
//! them. `callflow-codegen` writes the Python and Node declarations from it, so a fact
//! changed here reaches every package without another hand edit.
//!
//! ```
//! use callflow_core::catalogue;
//! use callflow_core::voice::ActionKind;
//!
//! let say = catalogue::actions().find(|action| action.kind == ActionKind::Say).unwrap();
//! let names: Vec<&str> = say.params.iter().map(|param| param.name).collect();
//! assert_eq!(names, ["text", "voiceProfile", "repetition", "speed", "language"]);
//! assert_eq!(say.params[2].accepts.range().as_deref(), Some("1 to 3"));
//! ```

mod codes;
mod events;
mod pbx;

pub use codes::{CodeList, code_lists};
pub use events::{
    EventKind, Field, FieldType, OpenEnum, Record, envelope, event_kinds, open_enums, records,
};
pub use pbx::{ModuleInfo, TargetInfo, modules, targets};

pub use crate::voice::params::{Accepts, Param, Presence};
use crate::voice::{ActionKind, Profile, params};

/// One 8x8 action: its kind (and so its wire name), what it does, and its parameters.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ActionInfo {
    /// The action; [`ActionKind::name`] is its wire name.
    pub kind: ActionKind,
    /// What it does, in a sentence.
    pub about: &'static str,
    /// Its parameters, in documentation order (none for `hangup`).
    pub params: &'static [Param],
}

/// Every action, in the order 8x8's documentation lists them.
pub fn actions() -> impl Iterator<Item = ActionInfo> {
    ActionKind::ALL.into_iter().map(|kind| ActionInfo {
        kind,
        about: params::about(kind),
        params: kind.param_table(),
    })
}

/// The optional top-level member beside `callflow` in a body of `profile`:
/// `validUntil` in a request, `clientActionId` in a reply.
pub fn top_field(profile: Profile) -> &'static Param {
    profile.top_param()
}
