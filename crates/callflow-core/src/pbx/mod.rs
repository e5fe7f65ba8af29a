//! Yay.com PBX call flows: the typed model, builders, and graph checks.
//!
//! A call flow maps keys to modules (`start`, `play`, `pressextension`, `extension`,
//! `voicemail`, ...) linked by the keys in their `next`, `match`, `noanswer`, ...
//! members. [`check`] reports every issue, each with a stable kebab-case [`PbxCode`], a
//! path such as `$.flow.menu.next.timeout` (a key that is not an identifier is quoted:
//! `$.flow["9085aa47-0ff0-4fd0-9c80-6077e1f475c2"]`), a message and a hint:
//!
//! ```
//! use callflow_core::pbx::check;
//! let report = check(r#"{"extension": 501, "name": "Menu", "flow": {
//!     "start": {"module": "start", "next": "menu"},
//!     "menu": {"module": "pressextension", "next": {"1": "sales", "invalid": "menu"}}
//! }}"#);
//! let found: Vec<String> = report.issues().iter()
//!     .map(|issue| format!("{} {}", issue.code, issue.path))
//!     .collect();
//! assert_eq!(found, [
//!     "missing-outcome $.flow.menu.next.timeout",
//!     "dangling-reference $.flow.menu.next[\"1\"]",
//! ]);
//! ```

mod check;
mod code;
pub(crate) mod graph;
mod model;
pub(crate) mod modules;
pub mod simulate;
mod target;

pub use check::{Options, check};
pub use code::{PbxCode, UnknownCode};
pub use model::{CallFlow, Flow, Module, Target};
pub use modules::{ModuleKind, SIPUSER_VOICEMAIL};
pub use target::TargetError;
