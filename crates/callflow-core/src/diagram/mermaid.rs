//! Mermaid `flowchart` text.

use std::fmt::Write as _;

use super::{Diagram, EdgeStyle, Shape};

/// The style classes: missing nodes red, unreachable ones grey.
const CLASSES: &str = "    classDef missing fill:#fde8e8,stroke:#c81e1e,color:#9b1c1c\n    classDef unreachable fill:#f3f4f6,stroke:#9ca3af,color:#6b7280\n    classDef virtual stroke-dasharray:4 3\n";

/// The diagram as a Mermaid flowchart, top to bottom.
pub(super) fn render(diagram: &Diagram) -> String {
    let mut out = String::from("flowchart TD\n");
    for node in &diagram.nodes {
        let text = text(&node.lines.join("\n"));
        let (open, close) = match node.shape {
            Shape::Start => ("([", "])"),
            Shape::Menu => ("{{", "}}"),
            Shape::Terminal => ("[[", "]]"),
            Shape::Handler => ("[/", "/]"),
            Shape::Step | Shape::Missing | Shape::Virtual => ("[", "]"),
        };
        let class = match node.shape {
            Shape::Missing => ":::missing",
            Shape::Virtual => ":::virtual",
            _ if node.unreachable => ":::unreachable",
            _ => "",
        };
        let _ = writeln!(out, "    {}{open}\"{text}\"{close}{class}", node.id);
    }
    for edge in &diagram.edges {
        let (from, to) = (&diagram.nodes[edge.from].id, &diagram.nodes[edge.to].id);
        let arrow = match edge.style {
            EdgeStyle::Plain => "-->",
            EdgeStyle::Unused => "-.->",
            EdgeStyle::Taken => "==>",
        };
        let _ = match &edge.label {
            Some(label) => writeln!(out, "    {from} {arrow}|\"{}\"| {to}", text(label)),
            None => writeln!(out, "    {from} {arrow} {to}"),
        };
    }
    out.push_str(CLASSES);
    out
}

/// Text inside a quoted Mermaid label: entity codes for what Mermaid would read as
/// syntax or markup, `<br/>` between lines.
fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out
}
