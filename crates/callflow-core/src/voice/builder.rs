//! Chained builders for requests and replies, validated on `build()`.

use std::time::SystemTime;

use super::action::{Action, MakeCall, PlayFile, Say, SayAndCapture};
use super::body::{Body, Callflow, Reply};
use super::timestamp::{TimestampOutOfRange, format_timestamp};
use crate::diagnostics::ValidationError;

impl Callflow {
    /// Starts building a request; [`FlowBuilder::build`] validates it.
    pub fn builder() -> FlowBuilder<Callflow> {
        FlowBuilder::new(Callflow::new(Vec::new()))
    }
}

impl Reply {
    /// Starts building a reply; [`FlowBuilder::build`] validates it.
    pub fn builder() -> FlowBuilder<Reply> {
        FlowBuilder::new(Reply::new(Vec::new()))
    }
}

/// Builds a [`Callflow`] request or a [`Reply`] one action at a time.
///
/// ```
/// use callflow_core::voice::{Callflow, SayAndCapture};
/// let err = Callflow::builder()
///     .say_and_capture(SayAndCapture::new("Press 1", "en-US-BenjaminRUS").min_digits(1))
///     .build()
///     .unwrap_err();
/// // Every issue is reported, in the platform's order.
/// let codes: Vec<_> = err.report().issues().iter().filter_map(|i| i.code.as_i32()).collect();
/// assert_eq!(codes, [-1003, -1013]);
/// assert_eq!(err.status_code(), Some(-1003));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct FlowBuilder<B> {
    body: B,
}

impl<B: Body> FlowBuilder<B> {
    fn new(body: B) -> Self {
        FlowBuilder { body }
    }

    /// Adds any action.
    pub fn action(mut self, action: impl Into<Action>) -> Self {
        self.body.actions_mut().push(action.into());
        self
    }

    /// Adds a `makeCall` from `source` to `destination`.
    pub fn make_call(self, source: impl Into<String>, destination: impl Into<String>) -> Self {
        self.action(MakeCall::new(source, destination))
    }

    /// Adds a `say`.
    pub fn say(self, say: Say) -> Self {
        self.action(say)
    }

    /// Adds a `playFile`.
    pub fn play_file(self, play_file: PlayFile) -> Self {
        self.action(play_file)
    }

    /// Adds a `sayAndCapture`.
    pub fn say_and_capture(self, say_and_capture: SayAndCapture) -> Self {
        self.action(say_and_capture)
    }

    /// Adds a `hangup`.
    pub fn hangup(self) -> Self {
        self.action(Action::Hangup)
    }

    /// Validates the body and returns it, or the report of every issue.
    pub fn build(self) -> Result<B, ValidationError> {
        self.body.validate()?;
        Ok(self.body)
    }

    /// Returns the body without validating it.
    pub fn build_unchecked(self) -> B {
        self.body
    }
}

impl FlowBuilder<Callflow> {
    /// Sets `validUntil` from a point in time, written with milliseconds in UTC.
    pub fn valid_until(mut self, time: SystemTime) -> Result<Self, TimestampOutOfRange> {
        self.body.valid_until = Some(format_timestamp(time)?);
        Ok(self)
    }

    /// Sets `validUntil` to a timestamp written by the caller (checked on `build()`).
    pub fn valid_until_text(mut self, timestamp: impl Into<String>) -> Self {
        self.body.valid_until = Some(timestamp.into());
        self
    }
}

impl FlowBuilder<Reply> {
    /// Sets `clientActionId`, the state 8x8 sends back with the next webhook.
    pub fn client_action_id(mut self, id: impl Into<String>) -> Self {
        self.body.client_action_id = Some(id.into());
        self
    }
}
