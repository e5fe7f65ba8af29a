//! What only the whole map shows: menus the caller cannot leave.

use super::{Explorer, Outcome, Probe, State};

/// The menus from which no input (hanging up aside) ends or bridges the call, however
/// many menus it passes. Menus not fully tried are assumed to have a way out, so a
/// budget never makes a trap.
pub(super) fn traps(explorer: &Explorer) -> Vec<usize> {
    let states = &explorer.states;
    let mut free: Vec<bool> = states.iter().map(leaves).collect();
    loop {
        let mut changed = false;
        for (index, state) in states.iter().enumerate() {
            if free[index] {
                continue;
            }
            let onward = state.edges.iter().any(|edge| match edge.outcome {
                Outcome::Menu(next) => edge.probe != Probe::Hangup && free[next],
                _ => false,
            });
            if onward {
                free[index] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    free.iter()
        .enumerate()
        .filter(|(_, free)| !**free)
        .map(|(index, _)| index)
        .collect()
}

/// Whether a menu has an input that ends the call (other than the caller hanging up) or
/// bridges it, or was not fully tried.
fn leaves(state: &State) -> bool {
    let fully_tried = state.tried.is_some_and(|tried| state.edges.len() >= tried);
    !fully_tried
        || state.edges.iter().any(|edge| {
            edge.bridged
                || matches!(
                    edge.outcome,
                    Outcome::Hangup { .. } | Outcome::Bridge | Outcome::Error(_)
                )
        })
}
