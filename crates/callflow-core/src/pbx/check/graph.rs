//! Checks of the flow as a whole: its entry, a fax flow's shape, modules no call
//! reaches, loops that never wait, and menus a caller cannot leave. Every walk is
//! iterative and visits each module and edge a bounded number of times.

use std::fmt::Write as _;

use super::Checker;
use crate::path::Path;
use crate::pbx::code::PbxCode;
use crate::pbx::graph::{Graph, Node, Target};
use crate::pbx::modules::NextShape;

/// How many module keys a loop's message names before it counts the rest.
const KEYS_NAMED: usize = 5;

/// Runs the graph checks on the flow at `flow`.
pub(super) fn check(ck: &mut Checker, graph: &Graph<'_>, flow: &Path<'_>) {
    let has_start = graph.starts().next().is_some();
    if !has_start {
        ck.report(
            PbxCode::MissingStart,
            flow,
            "has no start module, so the engine does not route calls",
            Some(
                r#"add a module {"module": "start", "next": "<key of the first module>"}"#
                    .to_owned(),
            ),
        );
    }
    fax_alone(ck, graph, flow);
    if has_start {
        unreachable(ck, graph, flow);
    }
    busy_loops(ck, graph, flow);
    menu_traps(ck, graph, flow);
}

fn is(node: &Node<'_>, name: &str) -> bool {
    node.spec.is_some_and(|spec| spec.name == name)
}

/// A `fax` module must be the only module after `start`.
fn fax_alone(ck: &mut Checker, graph: &Graph<'_>, flow: &Path<'_>) {
    let faxes = graph.nodes.iter().filter(|node| is(node, "fax")).count();
    if faxes == 0 {
        return;
    }
    let starts = graph.starts().count();
    let others = graph.nodes.len() - starts - 1;
    for (index, node) in graph.nodes.iter().enumerate() {
        if !is(node, "fax") {
            continue;
        }
        let led_to = graph.starts().all(|start| {
            graph.nodes[start]
                .edges
                .first()
                .is_some_and(|edge| edge.target == Target::Node(index))
        });
        let detail = match (others, led_to) {
            (0, true) => continue,
            (0, false) => "is not where start leads".to_owned(),
            (1, _) => "shares the flow with 1 other module".to_owned(),
            (n, _) => format!("shares the flow with {n} other modules"),
        };
        ck.report(
            PbxCode::FaxNotAlone,
            &flow.key(node.key),
            detail,
            Some("to receive faxes, make the flow just start and fax".to_owned()),
        );
    }
}

/// Modules no call can reach from a `start`.
fn unreachable(ck: &mut Checker, graph: &Graph<'_>, flow: &Path<'_>) {
    let reached = graph.reachable();
    for (node, reached) in graph.nodes.iter().zip(reached) {
        if !reached {
            ck.report(
                PbxCode::UnreachableModule,
                &flow.key(node.key),
                "cannot be reached from start",
                None,
            );
        }
    }
}

/// Loops in which no module waits for the caller: the engine spins through them until
/// its step cap.
fn busy_loops(ck: &mut Checker, graph: &Graph<'_>, flow: &Path<'_>) {
    let mut loops: Vec<Vec<usize>> = strongly_connected(graph)
        .into_iter()
        .filter(|members| is_cycle(graph, members))
        .filter(|members| !members.iter().any(|&m| graph.nodes[m].waits()))
        .collect();
    for members in &mut loops {
        members.sort_unstable();
    }
    loops.sort_unstable_by_key(|members| members[0]);
    for members in loops {
        let mut keys = String::new();
        for (position, &member) in members.iter().take(KEYS_NAMED).enumerate() {
            let separator = if position == 0 { "" } else { ", " };
            let _ = write!(keys, "{separator}{:?}", graph.nodes[member].key);
        }
        if members.len() > KEYS_NAMED {
            let _ = write!(keys, " and {} more", members.len() - KEYS_NAMED);
        }
        ck.report(
            PbxCode::BusyLoop,
            &flow.key(graph.nodes[members[0]].key),
            format!("is in a loop ({keys}) with no module that waits for the caller; the engine stops the call after 1000 steps"),
            Some("put a pressextension, dialbyextension or extension in the loop, or end it".to_owned()),
        );
    }
}

/// Whether a strongly connected component holds a cycle: several modules, or one that
/// leads to itself.
fn is_cycle(graph: &Graph<'_>, members: &[usize]) -> bool {
    match members {
        [single] => graph.nodes[*single]
            .edges
            .iter()
            .any(|edge| edge.target == Target::Node(*single)),
        _ => true,
    }
}

/// The strongly connected components of the graph, by Tarjan's algorithm run with an
/// explicit stack.
fn strongly_connected(graph: &Graph<'_>) -> Vec<Vec<usize>> {
    let mut tarjan = Tarjan::new(graph.nodes.len());
    for root in 0..graph.nodes.len() {
        if tarjan.order[root] != UNSEEN {
            continue;
        }
        tarjan.enter(root);
        while let Some((node, edge)) = tarjan.calls.last_mut() {
            let node = *node;
            if let Some(next) = graph.nodes[node].edges.get(*edge) {
                *edge += 1;
                if let Target::Node(next) = next.target {
                    tarjan.follow(node, next);
                }
            } else {
                tarjan.leave(node);
            }
        }
    }
    tarjan.components
}

/// Not yet visited, in [`Tarjan::order`].
const UNSEEN: usize = usize::MAX;

/// The state of Tarjan's walk.
struct Tarjan {
    /// The visit number of each node, or [`UNSEEN`].
    order: Vec<usize>,
    /// The lowest visit number each node reaches.
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    /// The walk's own call stack: a node and the index of its next edge.
    calls: Vec<(usize, usize)>,
    visited: usize,
    components: Vec<Vec<usize>>,
}

impl Tarjan {
    fn new(count: usize) -> Self {
        Tarjan {
            order: vec![UNSEEN; count],
            low: vec![0; count],
            on_stack: vec![false; count],
            stack: Vec::new(),
            calls: Vec::new(),
            visited: 0,
            components: Vec::new(),
        }
    }

    fn enter(&mut self, node: usize) {
        self.order[node] = self.visited;
        self.low[node] = self.visited;
        self.visited += 1;
        self.on_stack[node] = true;
        self.stack.push(node);
        self.calls.push((node, 0));
    }

    fn follow(&mut self, node: usize, next: usize) {
        if self.order[next] == UNSEEN {
            self.enter(next);
        } else if self.on_stack[next] {
            self.low[node] = self.low[node].min(self.order[next]);
        }
    }

    fn leave(&mut self, node: usize) {
        self.calls.pop();
        if let Some(&(parent, _)) = self.calls.last() {
            self.low[parent] = self.low[parent].min(self.low[node]);
        }
        if self.low[node] == self.order[node] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                component.push(member);
                if member == node {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

/// Menus whose `invalid` and `timeout` both lead straight back to the menu: with no
/// retry limit, a caller who never presses a valid key never leaves.
fn menu_traps(ck: &mut Checker, graph: &Graph<'_>, flow: &Path<'_>) {
    let mut exits = Exits::new(graph);
    for (index, node) in graph.nodes.iter().enumerate() {
        if !node.spec.is_some_and(|spec| spec.next == NextShape::Map) {
            continue;
        }
        let fallback = |name: &str| {
            node.edges
                .iter()
                .find(|edge| edge.field == "next" && edge.branch == Some(name))
                .map(|edge| edge.target)
        };
        let (Some(Target::Node(invalid)), Some(Target::Node(timeout))) =
            (fallback("invalid"), fallback("timeout"))
        else {
            continue;
        };
        if exits.of(invalid) == Some(index) && exits.of(timeout) == Some(index) {
            ck.report(
                PbxCode::MenuTrapsCaller,
                &flow.key(node.key).key("next"),
                "invalid and timeout both lead back to this menu and nothing limits the retries, so a caller who presses nothing hears it until the engine stops the call after 1000 steps",
                Some("after a retry or two, send timeout to voicemail, an extension or busy".to_owned()),
            );
        }
    }
}

/// Where a call that enters a module ends up once it has passed the modules that only
/// lead on (`play`, `recording`, `musiconhold`, ...), remembered so that every module
/// is walked once.
struct Exits<'g, 'd> {
    graph: &'g Graph<'d>,
    state: Vec<Exit>,
}

/// Where a call goes from one module, for [`Exits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The module does more than lead on: the walk stops there.
    Stays,
    /// It leads on to this module.
    On(usize),
    /// It leads nowhere (no `next`, or a missing key).
    Ends,
}

/// What is known of one module's exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    Unknown,
    /// On the chain being walked now.
    Walking,
    /// The module reached, or `None` when the chain loops or breaks.
    Known(Option<usize>),
}

impl<'g, 'd> Exits<'g, 'd> {
    fn new(graph: &'g Graph<'d>) -> Self {
        Exits {
            graph,
            state: vec![Exit::Unknown; graph.nodes.len()],
        }
    }

    /// Where a call goes from the module `index`.
    fn step(&self, index: usize) -> Step {
        let node = &self.graph.nodes[index];
        let leads_on = node.spec.is_some_and(|spec| {
            spec.next == NextShape::Key && spec.edges.is_empty() && !spec.waits
        });
        if !leads_on {
            return Step::Stays;
        }
        match node.edges.first().map(|edge| edge.target) {
            Some(Target::Node(next)) => Step::On(next),
            _ => Step::Ends,
        }
    }

    /// Where a call entering `start` ends up.
    fn of(&mut self, start: usize) -> Option<usize> {
        let mut chain = Vec::new();
        let mut current = start;
        let result = loop {
            match self.state[current] {
                Exit::Known(known) => break known,
                Exit::Walking => break None,
                Exit::Unknown => {}
            }
            let step = self.step(current);
            if step == Step::Stays {
                break Some(current);
            }
            self.state[current] = Exit::Walking;
            chain.push(current);
            match step {
                Step::On(next) => current = next,
                Step::Stays | Step::Ends => break None,
            }
        };
        for member in chain {
            self.state[member] = Exit::Known(result);
        }
        result
    }
}
