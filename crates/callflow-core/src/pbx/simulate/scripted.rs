//! The chooser of a simulated call: the caller's script in order (silence once it runs
//! out), and each phone's rings in order (the last repeating; unlisted phones answer).

use std::collections::VecDeque;

use super::call::{Call, Caller, Outcome, Ring};
use super::options::Options;
use super::ringing::settle;
use super::walk::{Choice, Chooser, Decision};
use crate::voice::emulator::CallerStep;

/// Takes the call's steps in order.
pub(super) struct Scripted<'c> {
    call: &'c Call,
    options: &'c Options,
    script: VecDeque<CallerStep>,
    /// How many rings of each of the call's `rings` entries were used.
    used: Vec<usize>,
}

impl<'c> Scripted<'c> {
    pub(super) fn new(call: &'c Call, options: &'c Options) -> Self {
        Scripted {
            call,
            options,
            script: call.script.iter().cloned().collect(),
            used: vec![0; call.rings.len()],
        }
    }

    /// The next ring of the phone called `key`, if the call lists it.
    fn next_ring(&mut self, key: &str) -> Option<Ring> {
        let at = self.call.rings.iter().position(|(k, _)| k == key)?;
        let rings = &self.call.rings[at].1;
        let ring = rings.get(self.used[at]).or_else(|| rings.last()).copied();
        self.used[at] = self.used[at].saturating_add(1);
        ring
    }
}

impl Chooser for Scripted<'_> {
    fn choose(&mut self, decision: &Decision<'_>, _answered: bool) -> Choice {
        match decision {
            Decision::Keys { .. } => {
                Choice::Keys(self.script.pop_front().unwrap_or(CallerStep::Silence))
            }
            Decision::Ring {
                key,
                targets,
                duration_ms,
                ..
            } => {
                let first = targets
                    .first()
                    .map_or("", |target| target.describe.as_str());
                if let Some(ring) = self.next_ring(key) {
                    return Choice::Ring(settle(&[(ring, first)], *duration_ms, self.options));
                }
                let rings: Vec<(Ring, &str)> = targets
                    .iter()
                    .map(|target| {
                        let ring = target
                            .keys
                            .iter()
                            .find_map(|key| self.next_ring(key))
                            .unwrap_or(Ring::new(Outcome::Answer));
                        (ring, target.describe.as_str())
                    })
                    .collect();
                Choice::Ring(settle(&rings, *duration_ms, self.options))
            }
            Decision::Caller { .. } => Choice::Caller(Caller::Withheld),
            Decision::Hours { .. } => Choice::Hours(self.call.open.unwrap_or(true)),
        }
    }
}
