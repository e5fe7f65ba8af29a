//! Yay.com call flows as diagrams: one node per module, one edge per branch.

use std::borrow::Cow;
use std::collections::HashMap;

use super::label::short;
use super::{Diagram, EdgeStyle, Shape};
use crate::json::Json;
use crate::pbx::graph::{Graph, Node, Target, edge_path};
use crate::pbx::modules::NextShape;

/// How many targets or patterns a node lists before it counts the rest.
const ITEMS_LISTED: usize = 3;

/// The diagram of the modules of a `flow` object, each edge drawn as `style` says for
/// its path (`$.flow.menu.next["1"]`), or plain.
pub(super) fn diagram(
    modules: &[(Cow<'_, str>, Json<'_>)],
    style: Option<&dyn Fn(&str) -> EdgeStyle>,
) -> Diagram {
    let graph = Graph::new(modules);
    let mut diagram = Diagram::default();
    for node in &graph.nodes {
        diagram.add(lines(node), shape(node));
    }
    let reached = graph.reachable();
    let mut extra: HashMap<Option<&str>, usize> = HashMap::new();
    for (from, node) in graph.nodes.iter().enumerate() {
        diagram.nodes[from].unreachable = !reached[from];
        for edge in &node.edges {
            let label = (edge.branch.is_some() || edge.field != "next").then(|| edge.label());
            let to = match edge.target {
                Target::Node(to) => to,
                Target::Missing(key) => *extra.entry(Some(key)).or_insert_with(|| {
                    let missing =
                        diagram.add(vec![format!("missing: {}", short(key))], Shape::Missing);
                    diagram.nodes[missing].unreachable = true;
                    missing
                }),
                Target::UserVoicemail => *extra.entry(None).or_insert_with(|| {
                    let virtual_node =
                        diagram.add(vec!["user voicemail".to_owned()], Shape::Virtual);
                    diagram.nodes[virtual_node].unreachable = true;
                    virtual_node
                }),
            };
            if to >= graph.nodes.len() && reached[from] {
                diagram.nodes[to].unreachable = false;
            }
            let style = style.map_or(EdgeStyle::Plain, |style| {
                style(&edge_path(node.key, edge.field, edge.branch))
            });
            diagram.link(from, to, label, style);
        }
    }
    diagram
}

fn shape(node: &Node<'_>) -> Shape {
    match node.spec {
        Some(spec) if spec.name == "start" => Shape::Start,
        Some(spec) if spec.terminal => Shape::Terminal,
        Some(spec)
            if spec.next == NextShape::Map
                || matches!(spec.name, "calleridmatch" | "outofhours") =>
        {
            Shape::Menu
        }
        _ => Shape::Step,
    }
}

/// The module name, its key, then what it plays, rings or matches.
fn lines(node: &Node<'_>) -> Vec<String> {
    let name = node.name.map_or_else(|| "not a module".to_owned(), short);
    let mut lines = vec![name, short(node.key)];
    let object = node.object;
    let text = |field: &str| match object.get(field) {
        Some(Json::String(value)) => Some(short(value)),
        _ => None,
    };
    match node.spec.map(|spec| spec.name) {
        Some("play") => lines.extend(text("sound").map(|s| format!("sound {s}"))),
        Some("musiconhold") => lines.extend(text("class").map(|s| format!("class {s}"))),
        Some("trunk") => lines.extend(text("uuid").map(|s| format!("trunk {s}"))),
        Some("conference") if object.get("pin").is_some() => lines.push("pin set".to_owned()),
        Some("calleridmatch") => list(&mut lines, object.get("patterns"), |item| match item {
            Json::String(pattern) => Some(short(pattern)),
            _ => None,
        }),
        Some("voicemail") => list(&mut lines, object.get("mailboxes"), |item| match item {
            Json::String(mailbox) => Some(format!("mailbox {}", short(mailbox))),
            _ => None,
        }),
        Some("extension") => list(&mut lines, object.get("extensions"), |item| {
            let Some(Json::String(kind)) = item.get("type") else {
                return None;
            };
            let target = match (item.get("uuid"), item.get("number")) {
                (Some(Json::String(id)), _) | (_, Some(Json::String(id))) => short(id),
                _ => String::new(),
            };
            Some(format!("{} {target}", short(kind)).trim_end().to_owned())
        }),
        _ => {}
    }
    lines
}

/// Adds a line for each of the first items of a list member, then a count of the rest.
fn list(
    lines: &mut Vec<String>,
    value: Option<&Json<'_>>,
    line: impl Fn(&Json<'_>) -> Option<String>,
) {
    let Some(Json::Array(items)) = value else {
        return;
    };
    lines.extend(items.iter().take(ITEMS_LISTED).filter_map(line));
    if items.len() > ITEMS_LISTED {
        lines.push(format!("+{} more", items.len() - ITEMS_LISTED));
    }
}
