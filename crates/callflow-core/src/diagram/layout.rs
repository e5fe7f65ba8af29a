//! A simple, deterministic layered layout: layers by distance from the start, one
//! ordering pass to bring each node under its parents, and boxes sized to their text.
//! Every step is iterative and near-linear, so a flow of any size lays out.

use std::collections::VecDeque;

use super::{Diagram, Shape};

/// The width of one character of label text, in pixels (12 px sans-serif).
pub(super) const CHAR_WIDTH: i64 = 7;
/// The height of one line of label text.
pub(super) const LINE_HEIGHT: i64 = 16;
/// The padding around a label inside its box.
const PADDING_X: i64 = 14;
const PADDING_Y: i64 = 8;
/// The gaps between boxes, and around the picture.
const GAP_X: i64 = 40;
const GAP_Y: i64 = 64;
pub(super) const MARGIN: i64 = 24;
/// Room on the right for edges that go back up.
pub(super) const RETURN_ROOM: i64 = 80;

/// Where a box is drawn, in whole pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Placed {
    pub(super) x: i64,
    pub(super) y: i64,
    pub(super) width: i64,
    pub(super) height: i64,
    pub(super) layer: usize,
}

impl Placed {
    pub(super) fn center_x(&self) -> i64 {
        self.x + self.width / 2
    }

    pub(super) fn bottom(&self) -> i64 {
        self.y + self.height
    }

    pub(super) fn right(&self) -> i64 {
        self.x + self.width
    }

    pub(super) fn middle_y(&self) -> i64 {
        self.y + self.height / 2
    }
}

/// The placed boxes and the size of the picture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Layout {
    pub(super) nodes: Vec<Placed>,
    pub(super) width: i64,
    pub(super) height: i64,
}

/// Lays the diagram out top to bottom.
pub(super) fn layout(diagram: &Diagram) -> Layout {
    let count = diagram.nodes.len();
    let mut successors = vec![Vec::new(); count];
    let mut predecessors = vec![Vec::new(); count];
    for edge in &diagram.edges {
        successors[edge.from].push(edge.to);
        predecessors[edge.to].push(edge.from);
    }
    let (layer_of, layers) = layers(diagram, &successors);
    let layers = ordered(layers, &layer_of, &predecessors);

    let mut nodes: Vec<Placed> = diagram
        .nodes
        .iter()
        .zip(&layer_of)
        .map(|(node, &layer)| {
            let chars = node
                .lines
                .iter()
                .map(|line| line.chars().count())
                .max()
                .unwrap_or(0);
            let extra = if matches!(node.shape, Shape::Menu | Shape::Handler) {
                2 * PADDING_X
            } else {
                0
            };
            Placed {
                x: 0,
                y: 0,
                width: i64::try_from(chars)
                    .unwrap_or(i64::MAX / 4)
                    .saturating_mul(CHAR_WIDTH)
                    + 2 * PADDING_X
                    + extra,
                height: i64::try_from(node.lines.len())
                    .unwrap_or(i64::MAX / 4)
                    .saturating_mul(LINE_HEIGHT)
                    + 2 * PADDING_Y,
                layer,
            }
        })
        .collect();
    let row_widths: Vec<i64> = layers
        .iter()
        .map(|row| {
            let gaps = i64::try_from(row.len().saturating_sub(1)).unwrap_or(0);
            row.iter().map(|&n| nodes[n].width).sum::<i64>() + GAP_X * gaps
        })
        .collect();
    let widest = row_widths.iter().copied().max().unwrap_or(0);
    let mut y = MARGIN;
    for (row, row_width) in layers.iter().zip(row_widths) {
        let mut x = MARGIN + (widest - row_width) / 2;
        let height = row.iter().map(|&n| nodes[n].height).max().unwrap_or(0);
        for &n in row {
            nodes[n].x = x;
            nodes[n].y = y + (height - nodes[n].height) / 2;
            x += nodes[n].width + GAP_X;
        }
        y += height + GAP_Y;
    }
    Layout {
        nodes,
        width: widest + 2 * MARGIN + RETURN_ROOM,
        height: y - GAP_Y + MARGIN,
    }
}

/// Each node's layer, by breadth-first distance from the start nodes, then from each
/// node not yet placed, in order; and the nodes of each layer in the order met.
fn layers(diagram: &Diagram, successors: &[Vec<usize>]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let count = diagram.nodes.len();
    let mut layer_of = vec![usize::MAX; count];
    let mut layers: Vec<Vec<usize>> = Vec::new();
    let starts = (0..count).filter(|&n| diagram.nodes[n].shape == Shape::Start);
    let roots: Vec<usize> = starts.chain(0..count).collect();
    let mut queue = VecDeque::new();
    for root in roots {
        if layer_of[root] != usize::MAX {
            continue;
        }
        layer_of[root] = 0;
        queue.push_back(root);
        while let Some(node) = queue.pop_front() {
            let layer = layer_of[node];
            if layers.len() <= layer {
                layers.resize_with(layer + 1, Vec::new);
            }
            layers[layer].push(node);
            for &next in &successors[node] {
                if layer_of[next] == usize::MAX {
                    layer_of[next] = layer + 1;
                    queue.push_back(next);
                }
            }
        }
    }
    (layer_of, layers)
}

/// Sorts each layer by the mean position of its nodes' parents in the layers above,
/// so edges cross less; nodes with no parent above keep their place.
fn ordered(
    mut layers: Vec<Vec<usize>>,
    layer_of: &[usize],
    predecessors: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    let mut position = vec![0usize; layer_of.len()];
    for row in &mut layers {
        let mut keyed: Vec<(usize, usize, usize)> = row
            .iter()
            .enumerate()
            .map(|(place, &node)| {
                let above: Vec<usize> = predecessors[node]
                    .iter()
                    .filter(|&&p| layer_of[p] < layer_of[node])
                    .map(|&p| position[p])
                    .collect();
                // Twice the mean, in whole numbers, so that ties stay stable.
                let key = if above.is_empty() {
                    2 * place
                } else {
                    2 * above.iter().sum::<usize>() / above.len()
                };
                (key, place, node)
            })
            .collect();
        keyed.sort_unstable();
        *row = keyed.into_iter().map(|(_, _, node)| node).collect();
        for (place, &node) in row.iter().enumerate() {
            position[node] = place;
        }
    }
    layers
}
