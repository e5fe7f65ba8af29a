//! Which edges of a call flow calls used: every `next` key and outcome edge, named by its
//! path in the flow (`$.flow.menu.next["1"]`).

use std::collections::HashSet;

use serde::Serialize;

use super::walk::{Flow, edge_path};

/// Outcome edges the simulation does not model: a `callqueue` only answers or times out.
const UNMODELLED: [&str; 4] = [
    "max_waiting_module",
    "ring_timeout_module",
    "no_registered",
    "shortcode_module",
];

/// The edges calls used and those none did.
///
/// `share` is `used / edges` rounded to 4 decimals (1 for a flow without edges);
/// `unmodelled` lists the edges the simulation cannot take (a queue's outcomes other than
/// `answer` and `timeout`), counted in neither.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Coverage {
    /// How many edges the flow has (unmodelled ones aside).
    pub edges: usize,
    /// How many of them a call used.
    pub used: usize,
    /// `used / edges`, rounded to 4 decimals.
    pub share: f64,
    /// The edges no call used, in flow order.
    pub unused: Vec<String>,
    /// The edges the simulation does not model.
    pub unmodelled: Vec<String>,
}

impl Coverage {
    /// The coverage as compact JSON: `edges`, `used`, `share`, `unused`, `unmodelled`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Every edge of the flow, in flow order, and whether the simulation models it.
pub(super) fn edges(flow: &Flow<'_>) -> Vec<(String, bool)> {
    flow.graph
        .nodes
        .iter()
        .flat_map(|node| {
            node.edges.iter().map(|edge| {
                let modelled = !(edge.branch.is_none() && UNMODELLED.contains(&edge.field));
                (edge_path(node.key, edge.field, edge.branch), modelled)
            })
        })
        .collect()
}

impl Coverage {
    /// The coverage of `flow` by the edges in `used`.
    pub(super) fn of(flow: &Flow<'_>, used: &HashSet<String>) -> Coverage {
        let mut coverage = Coverage {
            edges: 0,
            used: 0,
            share: 1.0,
            unused: Vec::new(),
            unmodelled: Vec::new(),
        };
        for (path, modelled) in edges(flow) {
            if !modelled {
                coverage.unmodelled.push(path);
                continue;
            }
            coverage.edges += 1;
            if used.contains(&path) {
                coverage.used += 1;
            } else {
                coverage.unused.push(path);
            }
        }
        if let Some(share) = coverage
            .used
            .saturating_mul(10_000)
            .checked_div(coverage.edges)
        {
            coverage.share = f64::from(u32::try_from(share).unwrap_or(10_000)) / 10_000.0;
        }
        coverage
    }
}
