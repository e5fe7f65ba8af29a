//! Graphviz DOT text.

use std::fmt::Write as _;

use super::{Diagram, EdgeStyle, Shape};

/// The diagram as a Graphviz digraph, top to bottom.
pub(super) fn render(diagram: &Diagram) -> String {
    let mut out = String::from(
        "digraph callflow {\n    rankdir=TB;\n    node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for node in &diagram.nodes {
        let shape = match node.shape {
            Shape::Start => "shape=oval",
            Shape::Step => "shape=box",
            Shape::Menu => "shape=hexagon",
            Shape::Terminal => "shape=box, peripheries=2",
            Shape::Missing => {
                "shape=box, style=\"dashed\", color=\"#c81e1e\", fontcolor=\"#9b1c1c\""
            }
            Shape::Virtual => "shape=box, style=\"dashed,rounded\"",
            Shape::Handler => "shape=parallelogram",
        };
        let grey = if node.unreachable && node.shape != Shape::Missing {
            ", color=\"#9ca3af\", fontcolor=\"#6b7280\""
        } else {
            ""
        };
        let label = quoted(&node.lines.join("\n"));
        let _ = writeln!(out, "    {} [label={label}, {shape}{grey}];", node.id);
    }
    for edge in &diagram.edges {
        let (from, to) = (&diagram.nodes[edge.from].id, &diagram.nodes[edge.to].id);
        let style = match edge.style {
            EdgeStyle::Plain => "",
            EdgeStyle::Unused => "style=dashed",
            EdgeStyle::Taken => "color=\"#2563eb\", penwidth=3",
        };
        let attributes: Vec<String> = edge
            .label
            .as_ref()
            .map(|label| format!("label={}", quoted(label)))
            .into_iter()
            .chain((!style.is_empty()).then(|| style.to_owned()))
            .collect();
        let _ = if attributes.is_empty() {
            writeln!(out, "    {from} -> {to};")
        } else {
            writeln!(out, "    {from} -> {to} [{}];", attributes.join(", "))
        };
    }
    out.push_str("}\n");
    out
}

/// A DOT string literal.
fn quoted(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 2);
    out.push('"');
    for c in raw.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
