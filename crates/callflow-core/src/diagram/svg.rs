//! A standalone SVG picture, laid out by [`super::layout`]: no Graphviz needed.

use std::cmp::Ordering;
use std::fmt::Write as _;

use super::layout::{CHAR_WIDTH, LINE_HEIGHT, Layout, Placed, RETURN_ROOM, layout};
use super::{Diagram, Edge, EdgeStyle, Shape};

/// How far below its layer an edge between two nodes of one layer dips.
const SAME_LAYER_DIP: i64 = 36;
/// How far an edge from a node back to itself reaches out of its top right corner.
const LOOP: i64 = 32;
/// The height of the white box behind an edge's label, and its room either side of
/// the text.
const LABEL_HEIGHT: i64 = 14;
const LABEL_PADDING: i64 = 3;

/// Fill, stroke and text colours of a node.
struct Colors {
    fill: &'static str,
    stroke: &'static str,
    text: &'static str,
}

const GREY: Colors = Colors {
    fill: "#f3f4f6",
    stroke: "#9ca3af",
    text: "#6b7280",
};

fn colors(shape: Shape, unreachable: bool) -> Colors {
    match shape {
        Shape::Missing => Colors {
            fill: "#fde8e8",
            stroke: "#c81e1e",
            text: "#9b1c1c",
        },
        _ if unreachable => GREY,
        Shape::Start => Colors {
            fill: "#dcfce7",
            stroke: "#15803d",
            text: "#14532d",
        },
        Shape::Menu => Colors {
            fill: "#fef9c3",
            stroke: "#a16207",
            text: "#713f12",
        },
        Shape::Handler => Colors {
            fill: "#ccfbf1",
            stroke: "#0f766e",
            text: "#134e4a",
        },
        Shape::Terminal => Colors {
            fill: "#e0e7ff",
            stroke: "#3730a3",
            text: "#1e1b4b",
        },
        Shape::Step | Shape::Virtual => Colors {
            fill: "#ffffff",
            stroke: "#374151",
            text: "#111827",
        },
    }
}

/// The diagram as an SVG document.
pub(super) fn render(diagram: &Diagram) -> String {
    let placed = layout(diagram);
    let Layout { width, height, .. } = placed;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
    );
    out.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#4b5563\"/></marker></defs>\n");
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    for edge in &diagram.edges {
        edge_path(&mut out, diagram, &placed, edge);
    }
    for (node, at) in diagram.nodes.iter().zip(&placed.nodes) {
        node_box(&mut out, node.shape, node.unreachable, at);
        let color = colors(node.shape, node.unreachable).text;
        let lines = i64::try_from(node.lines.len()).unwrap_or(0);
        let mut y = at.middle_y() - (lines * LINE_HEIGHT) / 2 + LINE_HEIGHT - 4;
        for (index, line) in node.lines.iter().enumerate() {
            let weight = if index == 0 {
                " font-weight=\"bold\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{y}\" text-anchor=\"middle\" fill=\"{color}\"{weight}>{}</text>",
                at.center_x(),
                escape(line)
            );
            y += LINE_HEIGHT;
        }
    }
    out.push_str("</svg>\n");
    out
}

fn node_box(out: &mut String, shape: Shape, unreachable: bool, at: &Placed) {
    let Colors { fill, stroke, .. } = colors(shape, unreachable);
    let Placed {
        x,
        y,
        width: w,
        height: h,
        ..
    } = *at;
    let paint = format!("fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"");
    let _ = match shape {
        Shape::Start => writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"{}\" {paint}/>",
            h / 2
        ),
        Shape::Menu => {
            let (right, bottom, middle) = (x + w, y + h, y + h / 2);
            writeln!(
                out,
                "<polygon points=\"{},{y} {},{y} {right},{middle} {},{bottom} {},{bottom} {x},{middle}\" {paint}/>",
                x + 14,
                right - 14,
                right - 14,
                x + 14
            )
        }
        Shape::Handler => {
            let (right, bottom) = (x + w, y + h);
            writeln!(
                out,
                "<polygon points=\"{},{y} {right},{y} {},{bottom} {x},{bottom}\" {paint}/>",
                x + 14,
                right - 14
            )
        }
        Shape::Terminal => writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"4\" {paint}/><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"none\" stroke=\"{stroke}\"/>",
            x + 3,
            y + 3,
            w - 6,
            h - 6
        ),
        Shape::Missing | Shape::Virtual => writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"4\" {paint} stroke-dasharray=\"5 3\"/>"
        ),
        Shape::Step => writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"4\" {paint}/>"
        ),
    };
}

/// An edge: a curve down to a lower layer, up to the layer just above (between the right
/// quarters of the two boxes, clear of the edges down between their centres), round the
/// right side further back up,
/// or a loop out of a node's top right corner back into its side.
fn edge_path(out: &mut String, diagram: &Diagram, placed: &Layout, edge: &Edge) {
    let (from, to) = (&placed.nodes[edge.from], &placed.nodes[edge.to]);
    let (path, label_x, label_y) = match to.layer.cmp(&from.layer) {
        _ if edge.from == edge.to => {
            let (x1, y1, x2, y2) = (
                from.right() - LOOP / 2,
                from.y,
                from.right(),
                from.middle_y(),
            );
            (
                format!(
                    "M{x1},{y1} C{x1},{} {},{y2} {x2},{y2}",
                    y1 - LOOP,
                    x2 + LOOP
                ),
                x2 + LOOP / 2,
                y1 - LOOP / 4,
            )
        }
        Ordering::Greater => {
            let (x1, y1, x2, y2) = (from.center_x(), from.bottom(), to.center_x(), to.y);
            let bend = (y2 - y1) / 2;
            (
                format!(
                    "M{x1},{y1} C{x1},{} {x2},{} {x2},{y2}",
                    y1 + bend,
                    y2 - bend
                ),
                i64::midpoint(x1, x2),
                i64::midpoint(y1, y2),
            )
        }
        Ordering::Equal => {
            let (x1, y1, x2, y2) = (from.center_x(), from.bottom(), to.center_x(), to.bottom());
            let low = y1.max(y2) + SAME_LAYER_DIP;
            (
                format!("M{x1},{y1} C{x1},{low} {x2},{low} {x2},{y2}"),
                i64::midpoint(x1, x2),
                low - SAME_LAYER_DIP / 4,
            )
        }
        Ordering::Less if from.layer == to.layer + 1 => {
            let (x1, y1) = (from.x + from.width * 3 / 4, from.y);
            let (x2, y2) = (to.x + to.width * 3 / 4, to.bottom());
            let bend = (y1 - y2) / 2;
            (
                format!(
                    "M{x1},{y1} C{x1},{} {x2},{} {x2},{y2}",
                    y1 - bend,
                    y2 + bend
                ),
                // A quarter of the way down from the arrow's head, so that the label
                // of an edge down between the same boxes, at its middle, stays clear.
                x2 + (x1 - x2) * 5 / 32,
                y2 + (y1 - y2) / 4,
            )
        }
        Ordering::Less => {
            let (x1, y1, x2, y2) = (from.right(), from.middle_y(), to.right(), to.middle_y());
            let out_x = x1.max(x2) + RETURN_ROOM / 2;
            (
                format!("M{x1},{y1} C{out_x},{y1} {out_x},{y2} {x2},{y2}"),
                i64::midpoint(x1.max(x2), out_x) + 8,
                i64::midpoint(y1, y2),
            )
        }
    };
    let missing = diagram.nodes[edge.to].shape == Shape::Missing;
    let (color, width, dash) = match edge.style {
        _ if missing => ("#c81e1e", "1.5", " stroke-dasharray=\"5 3\""),
        EdgeStyle::Unused => ("#9ca3af", "1.5", " stroke-dasharray=\"5 3\""),
        EdgeStyle::Taken => ("#2563eb", "3", ""),
        EdgeStyle::Plain => ("#4b5563", "1.5", ""),
    };
    let _ = writeln!(
        out,
        "<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#arrow)\"/>"
    );
    if let Some(label) = &edge.label {
        let chars = i64::try_from(label.chars().count()).unwrap_or(i64::MAX / 4);
        let label_width = chars.saturating_mul(CHAR_WIDTH) + 2 * LABEL_PADDING;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{label_width}\" height=\"{LABEL_HEIGHT}\" fill=\"#ffffff\"/>",
            label_x - label_width / 2,
            label_y - LABEL_HEIGHT / 2
        );
        let _ = writeln!(
            out,
            "<text x=\"{label_x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#374151\">{}</text>",
            label_y + 4,
            escape(label)
        );
    }
}

/// Text as SVG character data.
fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
