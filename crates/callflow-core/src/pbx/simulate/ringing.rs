//! Modules that ring phones: `extension` (every target at once, `duration` seconds,
//! default 60) and `callqueue`; and how several targets' rings settle into one outcome.

use super::call::{Outcome, Ring};
use super::fields::{self, Target};
use super::options::Options;
use super::transcript::Ended;
use super::walk::{Choice, Chooser, Decision, Exit, Next, Rang, Walk};

/// How long a queue waits for an agent when `queue_timeout` is not set (assumed).
const QUEUE_TIMEOUT_S: u64 = 300;

/// What a ring comes to within `duration_ms`: an answer after the options' `answerMs`
/// (or the ring's own time) if that is before the end of the ring time; busy and
/// unavailable at once (or at their time); otherwise no answer at the end.
pub(super) fn settle_one(ring: Ring, duration_ms: u64, options: &Options) -> (Outcome, u64) {
    match ring.outcome {
        Outcome::Answer => {
            let after = ring.ring_ms.unwrap_or(options.answer_ms);
            if after < duration_ms {
                (Outcome::Answer, after)
            } else {
                (Outcome::NoAnswer, duration_ms)
            }
        }
        Outcome::NoAnswer => (Outcome::NoAnswer, duration_ms),
        other => (other, ring.ring_ms.unwrap_or(0).min(duration_ms)),
    }
}

/// Several phones rung at once (assumed): the first to answer takes the call; when none
/// answers and each is busy or unavailable, the call is busy if any is busy, else
/// unavailable, once the last has said so; otherwise nobody answered. No phone at all is
/// no answer at once.
pub(super) fn settle(rings: &[(Ring, &str)], duration_ms: u64, options: &Options) -> Rang {
    let settled: Vec<(Outcome, u64, &str)> = rings
        .iter()
        .map(|(ring, by)| {
            let (outcome, after) = settle_one(*ring, duration_ms, options);
            (outcome, after, *by)
        })
        .collect();
    if let Some((_, after, by)) = settled
        .iter()
        .filter(|(outcome, ..)| *outcome == Outcome::Answer)
        .min_by_key(|(_, after, _)| *after)
    {
        return rang(Outcome::Answer, *after, by);
    }
    let refused = |outcome| matches!(outcome, Outcome::Busy | Outcome::Unavailable);
    if !settled.is_empty() && settled.iter().all(|(outcome, ..)| refused(*outcome)) {
        let outcome = if settled
            .iter()
            .any(|(outcome, ..)| *outcome == Outcome::Busy)
        {
            Outcome::Busy
        } else {
            Outcome::Unavailable
        };
        let last = settled
            .iter()
            .map(|(_, after, _)| *after)
            .max()
            .unwrap_or(0);
        return rang(outcome, last, "");
    }
    let wait = if settled.is_empty() { 0 } else { duration_ms };
    rang(Outcome::NoAnswer, wait, "")
}

fn rang(outcome: Outcome, after_ms: u64, by: &str) -> Rang {
    Rang {
        outcome,
        after_ms,
        by: by.to_owned(),
    }
}

impl<C: Chooser> Walk<'_, '_, C> {
    /// Asks what the phones do; `None` when the explorer stops here.
    pub(super) fn ring(
        &mut self,
        index: usize,
        targets: &[Target],
        duration_ms: u64,
    ) -> Result<Rang, String> {
        let decision = Decision::Ring {
            module: index,
            key: self.key(index),
            targets,
            duration_ms,
        };
        match self.chooser.choose(&decision, self.answered()) {
            Choice::Ring(rang) => Ok(rang),
            Choice::Stop(input) => Err(input),
            _ => Ok(settle(&[], duration_ms, self.options)),
        }
    }

    /// Leaves a ringing module: an answer goes on to `answer` after the conversation, or
    /// ends the call answered when there is no such edge; other outcomes take their edge.
    pub(super) fn after_ring(
        &mut self,
        index: usize,
        at: u64,
        spent: u64,
        rang: &Rang,
        in_next: bool,
    ) -> Next {
        self.heard.push("ringing".to_owned());
        let outcome = rang.outcome;
        let ringing = spent.saturating_add(rang.after_ms);
        if outcome != Outcome::Answer {
            let what = format!("rings: {outcome} after {} ms", rang.after_ms);
            let input = Some(outcome.as_str().to_owned());
            return self.leave(
                index,
                at,
                what,
                ringing,
                input,
                Exit::Outcome(outcome, in_next),
            );
        }
        let (field, branch) = if in_next {
            ("next", Some("answer"))
        } else {
            ("answer", None)
        };
        let input = Some("answer".to_owned());
        if self.has_edge(index, field, branch) {
            if self.answered_at.is_none() {
                self.answered_at = Some(at.saturating_add(ringing));
            }
            let talk = self.options.talk_ms;
            self.heard.push(format!("talks with {}", rang.by));
            let what = format!(
                "answered by {} after {} ms, talks {talk} ms",
                rang.by, rang.after_ms
            );
            return self.leave(
                index,
                at,
                what,
                ringing.saturating_add(talk),
                input,
                Exit::Edge(field, branch),
            );
        }
        let what = format!("answered by {} after {} ms", rang.by, rang.after_ms);
        let ended = Ended::Answered {
            module: self.key(index).to_owned(),
            by: rang.by.clone(),
        };
        self.leave(index, at, what, ringing, input, Exit::End(ended))
    }

    /// Ends the step of the module at `index` as already explored.
    pub(super) fn repeat(&mut self, index: usize, at: u64, spent: u64, input: String) -> Next {
        let ended = Ended::Repeat {
            module: self.key(index).to_owned(),
            input: input.clone(),
        };
        let what = format!("{input}: already explored");
        self.leave(index, at, what, spent, Some(input), Exit::End(ended))
    }

    /// `extension`: rings every target at once for `duration` seconds (default 60).
    pub(super) fn extension(&mut self, index: usize) -> Next {
        let at = self.now;
        let node = &self.flow.graph.nodes[index];
        let targets = fields::targets(node);
        let duration = fields::seconds(node, "duration", 60);
        match self.ring(index, &targets, duration) {
            Ok(rang) => self.after_ring(index, at, 0, &rang, false),
            Err(input) => self.repeat(index, at, 0, input),
        }
    }

    /// `callqueue` (engine-only): an agent answers (`answer`), or the queue times out
    /// after `queue_timeout` seconds (`timeout`); the other queue outcomes are not
    /// simulated (assumed).
    pub(super) fn queue(&mut self, index: usize) -> Next {
        let at = self.now;
        let node = &self.flow.graph.nodes[index];
        let duration = fields::seconds(node, "queue_timeout", QUEUE_TIMEOUT_S);
        let queue = [Target {
            keys: Vec::new(),
            describe: "queue".to_owned(),
        }];
        let rang = match self.ring(index, &queue, duration) {
            Ok(rang) => rang,
            Err(input) => return self.repeat(index, at, 0, input),
        };
        if rang.outcome == Outcome::Answer {
            return self.after_ring(index, at, 0, &rang, false);
        }
        self.heard.push("queue music".to_owned());
        let what = format!(
            "waits in the queue: {} after {} ms",
            rang.outcome, rang.after_ms
        );
        let input = Some(rang.outcome.as_str().to_owned());
        self.leave(
            index,
            at,
            what,
            rang.after_ms,
            input,
            Exit::Edge("timeout", None),
        )
    }
}
