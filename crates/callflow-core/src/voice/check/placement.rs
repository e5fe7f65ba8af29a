//! Rules about where an action stands in the callflow: `makeCall` first in a request,
//! at most two `makeCall`, and `hangup` last.

use super::Checker;
use crate::path::Path;
use crate::voice::StatusCode;
use crate::voice::action::ActionKind;
use crate::voice::profile::Profile;

/// The most `makeCall` actions one callflow may have (no conferencing).
const MAX_MAKE_CALLS: usize = 2;

/// Walks the actions in order, remembering what the rules need.
pub(super) struct Placement {
    profile: Profile,
    len: usize,
    index: usize,
    make_calls: usize,
    previous: Option<ActionKind>,
}

impl Placement {
    pub(super) fn new(profile: Profile, len: usize) -> Self {
        Placement {
            profile,
            len,
            index: 0,
            make_calls: 0,
            previous: None,
        }
    }

    /// Checks the next action, whose kind is `None` when its name was invalid.
    pub(super) fn check(&mut self, ck: &mut Checker, kind: Option<ActionKind>, path: &Path<'_>) {
        let index = self.index;
        self.index += 1;
        let previous = std::mem::replace(&mut self.previous, kind);
        let Some(kind) = kind else { return };

        if index == 0 && self.profile == Profile::Request && kind != ActionKind::MakeCall {
            let detail = format!(
                "a request must start with makeCall, found {:?}",
                kind.name()
            );
            ck.error(
                StatusCode::FirstActionNotMakeCall,
                &path.key("action"),
                detail,
            );
        }
        if kind == ActionKind::MakeCall {
            self.make_calls += 1;
            if self.make_calls > MAX_MAKE_CALLS {
                let detail =
                    format!("a callflow may contain at most {MAX_MAKE_CALLS} makeCall actions");
                ck.error(StatusCode::TooManyActions, path, detail);
            }
        }
        if kind == ActionKind::Hangup {
            let following = self.len - index - 1;
            if following > 0 {
                let (noun, verb) = if following == 1 {
                    ("action", "follows")
                } else {
                    ("actions", "follow")
                };
                let detail =
                    format!("hangup must be the last action, but {following} {noun} {verb} it");
                ck.error(StatusCode::MisplacedHangup, path, detail);
            }
            if previous == Some(ActionKind::SayAndCapture) {
                ck.warning(
                    StatusCode::MisplacedHangup,
                    path,
                    "hangup right after sayAndCapture ends the call before the captured digits are reported",
                    || Some("reply to the Voice Call Action webhook instead, or put a say or playFile between them".to_owned()),
                );
            }
        }
    }
}
