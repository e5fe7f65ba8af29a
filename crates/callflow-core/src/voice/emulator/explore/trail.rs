//! What an explored call records beside its transcript: each menu it met, and each
//! reply it took, in full.

use std::collections::VecDeque;

use serde_json::Value;

use super::super::capture::Capture;
use crate::voice::{Action, SayAndCapture};

/// The menus met and the replies taken on one call.
#[derive(Debug, Default)]
pub(crate) struct Trail {
    pub(crate) visits: Vec<Visit>,
    /// Each reply taken, with the transcript step of the webhook it answered.
    pub(crate) replies: Vec<(usize, Value)>,
}

/// A capture the call reached: the menu's identity and rules.
#[derive(Debug, Clone)]
pub(crate) struct Visit {
    /// What identifies the menu: its `clientActionId`, the capture, and what the
    /// callflow does after it, as canonical JSON. What was said before the capture (a
    /// "sorry, that is not an option") does not make another menu.
    pub(crate) key: String,
    pub(crate) client_action_id: Option<String>,
    pub(crate) prompt: String,
    pub(crate) rules: Capture,
    /// The transcript step at which the capture began.
    pub(crate) step: usize,
}

impl Trail {
    /// Records a capture as it begins.
    pub(crate) fn visit(
        &mut self,
        client_action_id: Option<&str>,
        params: &SayAndCapture,
        rest: &VecDeque<Action>,
        rules: Capture,
        step: usize,
    ) {
        let key = serde_json::to_string(&(client_action_id, params, rest)).unwrap_or_default();
        self.visits.push(Visit {
            key,
            client_action_id: client_action_id.map(str::to_owned),
            prompt: params.prompt_message.clone(),
            rules,
            step,
        });
    }

    /// The reply taken at `step`, if one was.
    pub(crate) fn reply_at(&self, step: usize) -> Option<&Value> {
        self.replies
            .iter()
            .find(|(at, _)| *at == step)
            .map(|(_, reply)| reply)
    }
}
