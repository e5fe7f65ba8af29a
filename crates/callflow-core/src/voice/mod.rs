//! The 8x8 CPaaS Voice callflow model: actions, request and reply bodies, builders, and
//! validation that answers with the status code the platform would.

mod action;
mod body;
mod builder;
mod check;
pub mod emulator;
pub mod events;
mod input;
pub mod ivr;
pub(crate) mod params;
mod profile;
mod status;
mod timestamp;
mod validator;
pub mod webhook;

pub use action::{Action, ActionKind, MakeCall, PlayFile, Say, SayAndCapture};
pub use body::{Body, Callflow, Reply};
pub use builder::FlowBuilder;
pub use input::{Input, InputError, Measured};
pub use profile::{Profile, UnknownProfile};
pub use status::StatusCode;
pub use timestamp::{TimestampOutOfRange, format_timestamp};
pub use validator::{Validator, validate};
