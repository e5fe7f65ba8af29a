//! Modules that read the caller's keys: `pressextension` (one key, or up to 100 digits in
//! dial-by-extension mode), `dialbyextension`, and the PIN prompts of `conference`,
//! `room` and `offnetconnect` (reference section 2.2).

use super::call::{Caller, ExtensionKind};
use super::fields::{self, Target, text};
use super::transcript::Ended;
use super::walk::{Choice, Chooser, Decision, Exit, Next, Prompt, Walk, module_path};
use crate::voice::emulator::CallerStep;
use crate::voice::emulator::speech_ms;

/// The gap allowed between digits (reference section 2.3).
const DIGIT_GAP_MS: u64 = 5000;
/// The most digits a dial-by-extension entry reads.
const MAX_DIGITS: usize = 100;
/// An extension the engine never looks up (reference section 2.4).
const NEVER_LOOKED_UP: &str = "999";
/// How many times a PIN is asked for before the call ends (`conference`, `room`).
const PIN_TRIES: u32 = 11;
/// How long a PIN prompt waits for the first digit.
const PIN_TIMEOUT_MS: u64 = 5000;
/// What the engine says at a PIN prompt, and after a wrong PIN.
const PIN_PROMPT: &str = "Please enter the conference pin number.";
const PIN_WRONG: &str = "Invalid pin number, try again.";

/// What the caller entered at a prompt.
pub(super) enum Entry {
    /// These digits, after this long.
    Digits(String, u64),
    /// Nothing, until the prompt's wait ran out.
    Nothing,
    /// The caller hung up.
    HangUp,
    /// The explorer stops here.
    Stop(String),
}

/// Whether `key` is a key of a phone keypad.
fn is_key(key: char) -> bool {
    key.is_ascii_digit() || key == '*' || key == '#'
}

impl<C: Chooser> Walk<'_, '_, C> {
    /// Plays the module's `sound`, if any, and returns how long it lasted.
    fn prompt_sound(&mut self, index: usize) -> u64 {
        match text(&self.flow.graph.nodes[index], "sound") {
            Some(sound) => {
                self.heard.push(format!("sound {sound}"));
                self.options.sound_ms
            }
            None => 0,
        }
    }

    /// Asks the caller for keys at `prompt`, and reads them: one key, or (when `max` is
    /// more than 1) digits up to `#`, `max` digits, or a 5 s gap.
    fn entry(&mut self, index: usize, prompt: Prompt, max: usize, at: u64) -> Entry {
        let decision = Decision::Keys {
            module: index,
            prompt,
        };
        let keys = match self.chooser.choose(&decision, self.answered()) {
            Choice::Keys(CallerStep::Press(keys)) => keys,
            Choice::Keys(CallerStep::Hangup) => return Entry::HangUp,
            Choice::Keys(CallerStep::HangupAfter(ms)) => {
                self.deadline = Some(at.saturating_add(ms));
                return Entry::Nothing;
            }
            Choice::Stop(input) => return Entry::Stop(input),
            _ => return Entry::Nothing,
        };
        self.pressed.push(keys.clone());
        let interval = self.options.key_interval_ms;
        let mut digits = String::new();
        let mut ms = 0_u64;
        let many = max > 1;
        let mut ended = !many;
        for key in keys.chars().filter(|key| is_key(*key)) {
            ms = ms.saturating_add(interval);
            if many && key == '#' {
                ended = true;
                break;
            }
            digits.push(key);
            if digits.len() >= max {
                ended = true;
                break;
            }
        }
        if !ended {
            ms = ms.saturating_add(DIGIT_GAP_MS);
        }
        if digits.is_empty() {
            Entry::Nothing
        } else {
            Entry::Digits(digits, ms)
        }
    }

    /// `pressextension`: plays `sound`, waits `duration` seconds (default 10) for a key;
    /// no key is `next.timeout`, a key of `next` is that branch; in dial-by-extension mode
    /// other digits are looked up as an extension; anything else is `next.invalid`.
    pub(super) fn menu(&mut self, index: usize) -> Next {
        let at = self.now;
        let node = &self.flow.graph.nodes[index];
        let dial = fields::flag(node, "dial_by_extension");
        let wait = fields::seconds(node, "duration", 10);
        let spent = self.prompt_sound(index);
        let max = if dial { MAX_DIGITS } else { 1 };
        match self.entry(index, Prompt::Menu { dial }, max, at.saturating_add(spent)) {
            Entry::Digits(digits, ms) => {
                let spent = spent.saturating_add(ms);
                if self.has_edge(index, "next", Some(&digits)) {
                    let what = format!("the caller presses {digits}");
                    let branch = Some(digits.as_str());
                    let exit = Exit::Edge("next", branch);
                    return self.leave(index, at, what, spent, Some(digits.clone()), exit);
                }
                if dial {
                    return self.dialled(index, at, spent, &digits, true);
                }
                self.invalid(index, at, spent, &digits)
            }
            other => self.no_entry(index, at, spent, wait, other),
        }
    }

    /// `dialbyextension`: plays `sound`, waits `wait_duration` seconds (default 10) for
    /// digits; no input is `next.timeout`, an unknown number `next.invalid`.
    pub(super) fn dial(&mut self, index: usize) -> Next {
        let at = self.now;
        let wait = fields::seconds(&self.flow.graph.nodes[index], "wait_duration", 10);
        let spent = self.prompt_sound(index);
        match self.entry(index, Prompt::Dial, MAX_DIGITS, at.saturating_add(spent)) {
            Entry::Digits(digits, ms) => {
                self.dialled(index, at, spent.saturating_add(ms), &digits, false)
            }
            other => self.no_entry(index, at, spent, wait, other),
        }
    }

    /// A prompt with no digits after `spent` (the prompt's sound): the timeout after
    /// `wait`, a hang-up, or the explorer's stop.
    fn no_entry(&mut self, index: usize, at: u64, spent: u64, wait: u64, entry: Entry) -> Next {
        match entry {
            Entry::HangUp => {
                let ended = Ended::Hangup {
                    module: self.key(index).to_owned(),
                };
                let what = "the caller hangs up".to_owned();
                self.leave(index, at, what, spent, None, Exit::End(ended))
            }
            Entry::Stop(input) => self.repeat(index, at, 0, input),
            Entry::Nothing | Entry::Digits(..) => {
                let waited = spent.saturating_add(wait);
                let what = format!("no key within {waited} ms");
                let input = Some("timeout".to_owned());
                self.leave(
                    index,
                    at,
                    what,
                    waited,
                    input,
                    Exit::Edge("next", Some("timeout")),
                )
            }
        }
    }

    fn invalid(&mut self, index: usize, at: u64, spent: u64, digits: &str) -> Next {
        let what = format!("the caller presses {digits}: not a choice");
        let input = Some("invalid".to_owned());
        self.leave(
            index,
            at,
            what,
            spent,
            input,
            Exit::Edge("next", Some("invalid")),
        )
    }

    /// Digits dialled as an extension: a call flow is entered (this flow ends); a user or
    /// hunt group is rung for `dial_duration` seconds (default 60) and its outcome taken
    /// (in `next` for a menu, at module level for `dialbyextension`); an unknown number
    /// (or 999) is `next.invalid`; another type ends a `dialbyextension` flow and is
    /// invalid in a menu (assumed).
    fn dialled(&mut self, index: usize, at: u64, spent: u64, digits: &str, menu: bool) -> Next {
        let extension = (digits != NEVER_LOOKED_UP)
            .then(|| self.call.lookup(digits).cloned())
            .flatten();
        let Some(extension) = extension else {
            return self.invalid(index, at, spent, digits);
        };
        let key = self.key(index);
        if extension.kind == ExtensionKind::CallFlow {
            let ended = Ended::CallFlow {
                module: key.to_owned(),
                via: "extension".to_owned(),
                target: Some(digits.to_owned()),
            };
            let what = format!("the caller dials {digits}: a call flow");
            return self.leave(
                index,
                at,
                what,
                spent,
                Some(digits.to_owned()),
                Exit::End(ended),
            );
        }
        if !extension.kind.rings() {
            if menu {
                return self.invalid(index, at, spent, digits);
            }
            let ended = Ended::Dropped {
                module: Some(key.to_owned()),
                cause: "extensionType",
                at: module_path(key),
            };
            let what = format!("the caller dials {digits}: a {}", extension.kind.as_str());
            return self.leave(
                index,
                at,
                what,
                spent,
                Some(digits.to_owned()),
                Exit::End(ended),
            );
        }
        let duration = fields::seconds(&self.flow.graph.nodes[index], "dial_duration", 60);
        let mut keys = vec![digits.to_owned()];
        keys.extend(extension.uuid.clone());
        let target = [Target {
            keys,
            describe: extension.describe(),
        }];
        self.dialled = Some(extension.uuid.clone().unwrap_or_else(|| digits.to_owned()));
        match self.ring(index, &target, duration) {
            Ok(rang) => self.after_ring(index, at, spent, &rang, menu),
            Err(input) => self.repeat(index, at, spent, input),
        }
    }

    /// Asks for one of `pins` up to `tries` times, with the sound `sound` (or the
    /// engine's spoken conference prompt); the index of the PIN entered, the time spent,
    /// or how the prompt ended otherwise.
    fn pin(
        &mut self,
        index: usize,
        pins: &[&str],
        tries: u32,
        at: u64,
        sound: Option<&str>,
    ) -> (Result<usize, Entry>, u64) {
        let longest = pins.iter().map(|pin| pin.len()).max().unwrap_or(0);
        let speech = |text| speech_ms(text, 1.0, 150.0, 750);
        let mut spent = 0_u64;
        let mut last = Entry::Nothing;
        for attempt in 1..=tries {
            let (heard, ms) = match sound {
                Some(sound) => (format!("sound {sound}"), self.options.sound_ms),
                None => (format!("prompt \"{PIN_PROMPT}\""), speech(PIN_PROMPT)),
            };
            self.heard.push(heard);
            spent = spent.saturating_add(ms);
            let prompt = Prompt::Pin { attempt };
            match self.entry(index, prompt, longest.max(1), at.saturating_add(spent)) {
                Entry::Digits(digits, ms) => {
                    spent = spent.saturating_add(ms);
                    if let Some(found) = pins.iter().position(|pin| *pin == digits) {
                        return (Ok(found), spent);
                    }
                }
                Entry::Nothing => spent = spent.saturating_add(PIN_TIMEOUT_MS),
                other => return (Err(other), spent),
            }
            if attempt < tries {
                self.heard.push(format!("prompt \"{PIN_WRONG}\""));
                spent = spent.saturating_add(speech(PIN_WRONG));
            }
            last = Entry::Nothing;
        }
        (Err(last), spent)
    }

    /// `conference`: with a `pin` (or `chairman_pin`), the caller has 11 tries; a failed
    /// PIN ends the call.
    pub(super) fn conference(&mut self, index: usize) -> Next {
        let at = self.now;
        let node = &self.flow.graph.nodes[index];
        let pins: Vec<&str> = ["pin", "chairman_pin"]
            .into_iter()
            .filter_map(|field| text(node, field))
            .filter(|pin| !pin.is_empty())
            .collect();
        let module = self.key(index).to_owned();
        if pins.is_empty() {
            let ended = Ended::Conference { module, room: None };
            return self.leave(
                index,
                at,
                "joins the conference".to_owned(),
                0,
                None,
                Exit::End(ended),
            );
        }
        let (entered, spent) = self.pin(index, &pins, PIN_TRIES, at, None);
        let joined = Ended::Conference { module, room: None };
        self.after_pin(index, at, spent, entered.map(|_| joined))
    }

    /// `room` (engine-only): the PIN entered chooses the room from `rooms`.
    pub(super) fn room(&mut self, index: usize) -> Next {
        let at = self.now;
        let node = &self.flow.graph.nodes[index];
        let rooms: Vec<&str> = match node.object.get("rooms") {
            Some(crate::json::Json::Object(rooms)) => {
                rooms.iter().map(|(pin, _)| pin.as_ref()).collect()
            }
            _ => Vec::new(),
        };
        let (entered, spent) = self.pin(index, &rooms, PIN_TRIES, at, None);
        let module = self.key(index).to_owned();
        let joined = entered.map(|found| Ended::Conference {
            module,
            room: rooms.get(found).map(|pin| (*pin).to_owned()),
        });
        self.after_pin(index, at, spent, joined)
    }

    /// `offnetconnect` (engine-only; assumed): a caller in `allowed_clis`, or one who
    /// enters `pin` after the `prompt` sound, dials out; anyone else goes on to `next`.
    pub(super) fn offnet(&mut self, index: usize) -> Next {
        let at = self.now;
        let node = &self.flow.graph.nodes[index];
        let allowed = matches!(&self.call.caller, Caller::Number(number)
            if fields::strings(node, "allowed_clis").contains(&number.as_str()));
        let module = self.key(index).to_owned();
        let out = Ended::Transferred {
            module,
            to: Some("an outside line".to_owned()),
        };
        if allowed {
            return self.leave(
                index,
                at,
                "the caller may dial out".to_owned(),
                0,
                None,
                Exit::End(out),
            );
        }
        let pin: Vec<&str> = text(node, "pin").into_iter().collect();
        let sound = text(node, "prompt");
        let (entered, spent) = self.pin(index, &pin, 1, at, sound);
        match entered {
            Ok(_) => self.after_pin(index, at, spent, Ok(out)),
            Err(Entry::Nothing) => {
                let what = "no PIN: not allowed to dial out".to_owned();
                self.leave(
                    index,
                    at,
                    what,
                    spent,
                    Some("invalid".to_owned()),
                    Exit::Edge("next", None),
                )
            }
            Err(other) => self.after_pin(index, at, spent, Err(other)),
        }
    }

    /// Ends a PIN prompt: joined, hung up, stopped by the explorer, or failed.
    fn after_pin(
        &mut self,
        index: usize,
        at: u64,
        spent: u64,
        result: Result<Ended, Entry>,
    ) -> Next {
        let key = self.key(index);
        let (what, input, ended) = match result {
            Ok(ended) => ("enters the PIN".to_owned(), "pin", ended),
            Err(Entry::HangUp) => (
                "the caller hangs up".to_owned(),
                "hangup",
                Ended::Hangup {
                    module: key.to_owned(),
                },
            ),
            Err(Entry::Stop(input)) => return self.repeat(index, at, spent, input),
            Err(_) => (
                "no valid PIN".to_owned(),
                "invalid",
                Ended::Dropped {
                    module: Some(key.to_owned()),
                    cause: "pinFailed",
                    at: module_path(key),
                },
            ),
        };
        self.leave(
            index,
            at,
            what,
            spent,
            Some(input.to_owned()),
            Exit::End(ended),
        )
    }
}
