//! 8x8 Voice callflows as diagrams: a body's actions in a chain, and for an IVR, the
//! replies sent for each input captured under a `clientActionId`.
//!
//! An IVR document is `{"start"?: body, "menus": {"<clientActionId>": {"<digits>":
//! reply, ...}, ...}}`: the replies a webhook service sends when the menu of a body
//! whose `clientActionId` is the key captures those digits (`""` is the key of a body
//! without `clientActionId`; `"*"` may stand for any other input).

use std::collections::HashMap;

use super::label::short;
use super::{Diagram, EdgeStyle, Shape};
use crate::json::Json;

/// The diagram of a body (`{"callflow": [...]}`) or of an IVR document (`{"menus"}`).
pub(super) fn diagram(tree: &Json<'_>) -> Diagram {
    let menus: &[_] = match tree.get("menus") {
        Some(Json::Object(menus)) => menus,
        _ => &[],
    };
    let mut ivr = Ivr {
        diagram: Diagram::default(),
        menus,
        drawn: HashMap::new(),
        pending: Vec::new(),
        reached: true,
    };
    let call = ivr.diagram.add(vec!["call".to_owned()], Shape::Start);
    let start = if tree.get("callflow").is_some() {
        Some(tree)
    } else {
        tree.get("start")
    };
    match (start, menus.first()) {
        (Some(body), _) => {
            let first = ivr.body(body);
            ivr.diagram.link(call, first, None, EdgeStyle::Plain);
        }
        (None, Some((id, _))) => ivr.link_menu(call, id),
        (None, None) => {}
    }
    ivr.drain();
    ivr.reached = false;
    for (id, _) in menus {
        if !ivr.drawn.contains_key(id.as_ref()) {
            ivr.draw_menu(id);
            ivr.drain();
        }
    }
    ivr.diagram
}

/// The state of drawing an IVR: which menus are drawn, and which bodies still need
/// their menu linked.
struct Ivr<'t, 'd> {
    diagram: Diagram,
    menus: &'t [(std::borrow::Cow<'d, str>, Json<'d>)],
    /// For each menu drawn: the first node of each reply, with its input.
    drawn: HashMap<&'t str, Vec<(&'t str, usize)>>,
    /// Bodies whose last node is a capture waiting to be linked to its menu's replies.
    pending: Vec<(usize, &'t str)>,
    /// Whether what is drawn now is reached from the start.
    reached: bool,
}

impl<'t, 'd> Ivr<'t, 'd> {
    /// Draws the actions of a body in a chain; returns the first node.
    fn body(&mut self, body: &'t Json<'d>) -> usize {
        let id = match body.get("clientActionId") {
            Some(Json::String(id)) => id.as_ref(),
            _ => "",
        };
        let actions: &[Json<'_>] = match body.get("callflow") {
            Some(Json::Array(actions)) => actions,
            _ => &[],
        };
        let mut first = None;
        let mut last = None;
        for action in actions {
            let (lines, shape) = action_node(action);
            let node = self.add(lines, shape);
            if let Some(previous) = last {
                self.diagram.link(previous, node, None, EdgeStyle::Plain);
            }
            first.get_or_insert(node);
            last = Some(node);
        }
        let Some(last) = last else {
            return self.add(vec!["empty callflow".to_owned()], Shape::Step);
        };
        if self.diagram.nodes[last].shape == Shape::Menu && !self.menus.is_empty() {
            if !id.is_empty() {
                self.diagram.nodes[last]
                    .lines
                    .push(format!("id {}", short(id)));
            }
            self.pending.push((last, id));
        }
        first.unwrap_or(last)
    }

    fn add(&mut self, lines: Vec<String>, shape: Shape) -> usize {
        let node = self.diagram.add(lines, shape);
        self.diagram.nodes[node].unreachable = !self.reached;
        node
    }

    /// Links every capture waiting for its menu.
    fn drain(&mut self) {
        while let Some((capture, id)) = self.pending.pop() {
            self.link_menu(capture, id);
        }
    }

    /// Links `from` to each reply of the menu `id`, drawing the menu first if needed.
    fn link_menu(&mut self, from: usize, id: &'t str) {
        if !self.drawn.contains_key(id) && !self.draw_menu(id) {
            let missing = self.add(
                vec![format!("missing: replies for {}", short(id))],
                Shape::Missing,
            );
            self.diagram.link(from, missing, None, EdgeStyle::Plain);
            return;
        }
        let replies = self.drawn.get(id).cloned().unwrap_or_default();
        for (input, first) in replies {
            self.diagram
                .link(from, first, Some(input), EdgeStyle::Plain);
        }
    }

    /// Draws the replies of the menu `id`; `false` when the document has no such menu.
    fn draw_menu(&mut self, id: &'t str) -> bool {
        let Some((_, replies)) = self.menus.iter().find(|(key, _)| key == id) else {
            return false;
        };
        self.drawn.insert(id, Vec::new());
        let replies: &[_] = match replies {
            Json::Object(replies) => replies,
            _ => &[],
        };
        let mut firsts = Vec::with_capacity(replies.len());
        for (input, reply) in replies {
            firsts.push((input.as_ref(), self.body(reply)));
        }
        self.drawn.insert(id, firsts);
        true
    }
}

/// The lines and shape of one action.
fn action_node(action: &Json<'_>) -> (Vec<String>, Shape) {
    let name = match action.get("action") {
        Some(Json::String(name)) => name.as_ref(),
        _ => return (vec!["invalid action".to_owned()], Shape::Step),
    };
    let param = |field: &str| match action.get("params").and_then(|params| params.get(field)) {
        Some(Json::String(value)) => Some(short(value)),
        _ => None,
    };
    let mut lines = vec![short(name)];
    let shape = match name {
        "makeCall" => {
            lines.extend(param("destination").map(|to| format!("to {to}")));
            Shape::Step
        }
        "say" => {
            lines.extend(param("text").map(|text| format!("\"{text}\"")));
            Shape::Step
        }
        "playFile" => {
            lines.extend(param("fileUrl"));
            Shape::Step
        }
        "sayAndCapture" => {
            lines.extend(param("promptMessage").map(|text| format!("\"{text}\"")));
            Shape::Menu
        }
        "hangup" => Shape::Terminal,
        _ => Shape::Step,
    };
    (lines, shape)
}
