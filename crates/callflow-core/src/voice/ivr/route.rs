//! Which answer of an IVR map a Voice Call Action gets: the menu, from the event's
//! `clientActionId`, then the key, from its digits. The runtime and the emulator's map
//! backend both route through here, so they cannot disagree.

use crate::voice::events::{CallEvent, CallStatus};

/// The key of a menu's answer to any input it has no key for.
pub const ANY: &str = "*";
/// The key of a menu's answer when no digits were captured.
pub const SILENCE: &str = "silence";
/// The key of a menu's answer when a bridged call (a reply's `makeCall`) has ended;
/// [`SILENCE`], then [`ANY`], answer when a menu has no such key.
pub const BRIDGED: &str = "bridged";

/// Where an event is answered from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry<'a> {
    /// The map's `start`: an inbound call, or an event without `clientActionId` when
    /// neither a `""` menu nor `start`'s own menu exists.
    Start,
    /// The menu of this id (which may not exist: the event's `clientActionId` is the
    /// caller's word, not the map's).
    Menu(&'a str),
}

/// The entry for `call`, given which menus exist and the `clientActionId` of `start`.
///
/// An event without `clientActionId` (the first call action of an outbound call, whose
/// Send Callflow request could not carry one) is answered by the `""` menu when there is
/// one (as the explorer writes), else by the menu `start` names.
pub(crate) fn entry<'a>(
    call: &'a CallEvent,
    has_menu: impl Fn(&str) -> bool,
    start_menu: Option<&'a str>,
) -> Entry<'a> {
    if call.call_status == Some(CallStatus::CallReceived) {
        return Entry::Start;
    }
    let id = call.client_action_id.as_deref().unwrap_or("");
    if !id.is_empty() || has_menu(id) {
        return Entry::Menu(id);
    }
    match start_menu {
        Some(menu) if has_menu(menu) => Entry::Menu(menu),
        _ => Entry::Start,
    }
}

/// The keys a menu is searched for, in order: the digits then `"*"`; with no digits,
/// `"bridged"`, `"silence"`, then `"*"`.
pub(crate) fn keys(digits: Option<&str>) -> impl Iterator<Item = &str> {
    let heard: [Option<&str>; 2] = match digits {
        Some(digits) => [Some(digits), None],
        None => [Some(BRIDGED), Some(SILENCE)],
    };
    heard.into_iter().flatten().chain([ANY])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_then_any_and_silence_after_bridged() {
        assert_eq!(keys(Some("12")).collect::<Vec<_>>(), ["12", "*"]);
        assert_eq!(keys(None).collect::<Vec<_>>(), ["bridged", "silence", "*"]);
    }
}
