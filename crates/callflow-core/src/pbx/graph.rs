//! The call flow as a graph: one node per module key, one edge per branch, read from a
//! document tree without judging it (the checks report what is wrong).

use std::collections::HashMap;

use super::modules::{NextShape, SIPUSER_VOICEMAIL, Spec, spec_of};
use crate::json::Json;
use crate::path::Path;

/// The path of the edge `field` (`branch` inside a `next` map) of the module `key`:
/// `$.flow.menu.next["1"]`, `$.flow.sales.noanswer`; how simulations and diagrams name
/// an edge.
pub(crate) fn edge_path(key: &str, field: &str, branch: Option<&str>) -> String {
    let flow = Path::ROOT.key("flow");
    let module = flow.key(key);
    let member = module.key(field);
    match branch {
        Some(branch) => member.key(branch).to_string(),
        None => member.to_string(),
    }
}

/// Where an edge leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target<'d> {
    /// The module at this index of [`Graph::nodes`].
    Node(usize),
    /// A key that is not in the flow.
    Missing(&'d str),
    /// The `sipuser_voicemail` sentinel where it is allowed.
    UserVoicemail,
}

/// One branch out of a module.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge<'d> {
    /// The member holding it: `next`, `match`, `noanswer`, ...
    pub(crate) field: &'d str,
    /// The key inside a `next` map (`"1"`, `"timeout"`), if the edge is in one.
    pub(crate) branch: Option<&'d str>,
    /// Where it leads.
    pub(crate) target: Target<'d>,
}

impl<'d> Edge<'d> {
    /// The name of the branch, as drawn on the edge: the map key, or the member.
    pub(crate) fn label(&self) -> &'d str {
        self.branch.unwrap_or(self.field)
    }
}

/// One module of the flow.
#[derive(Debug)]
pub(crate) struct Node<'d> {
    /// The module's key in `flow`.
    pub(crate) key: &'d str,
    /// The module object.
    pub(crate) object: &'d Json<'d>,
    /// The `module` member, as written, when it is a string.
    pub(crate) name: Option<&'d str>,
    /// What the engine knows of this module type.
    pub(crate) spec: Option<&'static Spec>,
    /// Its branches, in document order: `next` first, then the module-level edges.
    pub(crate) edges: Vec<Edge<'d>>,
}

impl Node<'_> {
    /// Whether this is a `start` module.
    pub(crate) fn is_start(&self) -> bool {
        self.spec.is_some_and(|spec| spec.name == "start")
    }

    /// Whether this module waits for the caller.
    pub(crate) fn waits(&self) -> bool {
        self.spec.is_some_and(|spec| spec.waits)
    }
}

/// The modules of a flow and their edges.
#[derive(Debug, Default)]
pub(crate) struct Graph<'d> {
    /// The modules, in document order (of duplicate keys, the last one only).
    pub(crate) nodes: Vec<Node<'d>>,
    /// The node index of each key.
    pub(crate) index: HashMap<&'d str, usize>,
}

impl<'d> Graph<'d> {
    /// The graph of the members of a `flow` object. Members that are not module objects
    /// become nodes with no type and no edges.
    pub(crate) fn new(members: &'d [(std::borrow::Cow<'d, str>, Json<'d>)]) -> Self {
        let mut last: HashMap<&'d str, usize> = HashMap::with_capacity(members.len());
        for (position, (key, _)) in members.iter().enumerate() {
            last.insert(key.as_ref(), position);
        }
        let mut graph = Graph {
            nodes: Vec::with_capacity(last.len()),
            index: HashMap::with_capacity(last.len()),
        };
        for (position, (key, object)) in members.iter().enumerate() {
            if last.get(key.as_ref()) != Some(&position) {
                continue;
            }
            let name = match object.get("module") {
                Some(Json::String(name)) => Some(name.as_ref()),
                _ => None,
            };
            graph.index.insert(key.as_ref(), graph.nodes.len());
            graph.nodes.push(Node {
                key,
                object,
                name,
                spec: name.and_then(spec_of),
                edges: Vec::new(),
            });
        }
        for position in 0..graph.nodes.len() {
            let edges = graph.edges_of(&graph.nodes[position]);
            graph.nodes[position].edges = edges;
        }
        graph
    }

    /// The node a start module's traversal begins from: every `start`, in order.
    pub(crate) fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| node.is_start())
            .map(|(index, _)| index)
    }

    fn edges_of(&self, node: &Node<'d>) -> Vec<Edge<'d>> {
        let Some(spec) = node.spec else {
            return Vec::new();
        };
        let mut edges = Vec::new();
        match (spec.next, node.object.get("next")) {
            (NextShape::Key, Some(Json::String(target))) => {
                edges.push(self.edge(spec, "next", None, target));
            }
            (NextShape::Map, Some(Json::Object(branches))) => {
                for (branch, target) in branches {
                    if let Json::String(target) = target {
                        edges.push(self.edge(spec, "next", Some(branch), target));
                    }
                }
            }
            _ => {}
        }
        for field in spec.edges {
            if let Some(Json::String(target)) = node.object.get(field) {
                edges.push(self.edge(spec, field, None, target));
            }
        }
        edges
    }

    fn edge(
        &self,
        spec: &Spec,
        field: &'d str,
        branch: Option<&'d str>,
        target: &'d str,
    ) -> Edge<'d> {
        let target = match self.index.get(target) {
            Some(&index) => Target::Node(index),
            None if target == SIPUSER_VOICEMAIL && allows_user_voicemail(spec, field, branch) => {
                Target::UserVoicemail
            }
            None => Target::Missing(target),
        };
        Edge {
            field,
            branch,
            target,
        }
    }

    /// Which nodes a call can reach from any `start`, by a breadth-first walk.
    pub(crate) fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.nodes.len()];
        let mut queue: Vec<usize> = self.starts().collect();
        for &start in &queue {
            seen[start] = true;
        }
        while let Some(index) = queue.pop() {
            for edge in &self.nodes[index].edges {
                if let Target::Node(next) = edge.target
                    && !seen[next]
                {
                    seen[next] = true;
                    queue.push(next);
                }
            }
        }
        seen
    }
}

/// Whether `sipuser_voicemail` may stand for a key here: in `noanswer` of
/// `dialbyextension`, and in `next.noanswer` of `pressextension` (dial-by-extension
/// mode).
fn allows_user_voicemail(spec: &Spec, field: &str, branch: Option<&str>) -> bool {
    matches!(
        (spec.name, field, branch),
        ("dialbyextension", "noanswer", None) | ("pressextension", "next", Some("noanswer"))
    )
}
