//! 8x8 Voice callflows as diagrams: a body's actions in a chain, and for an IVR, the
//! replies sent for each input captured under a `clientActionId`.
//!
//! An IVR document is `{"start"?: body, "menus": {"<clientActionId>": {"<key>": reply,
//! ...}, ...}}` (see `docs/IVR.md`): the replies a webhook service sends when the menu
//! of a body whose `clientActionId` is the key captures those digits (`""` is the key of
//! a body without `clientActionId`; `"*"` stands for any other input, `"silence"` for
//! none, `"bridged"` for the end of a bridged call). Each menu is drawn once: a reply
//! that asks a menu again leads back to its node. A reply that bridges the call
//! (`makeCall`) with a `clientActionId` leads, "after the call", to that menu's answer
//! to an event with no digits. A handler (`{"handler": name}`) and an emulator's raw
//! answer (`$status`, `$failure`) are nodes of their own.

use std::collections::HashMap;

use super::label::short;
use super::{Diagram, EdgeStyle, Shape};
use crate::json::{Json, Number};
use crate::voice::emulator::{RAW_BODY, RAW_FAILURE, RAW_LATENCY, RAW_STATUS};
use crate::voice::ivr::route;

/// The label of the edge from a bridge to what answers when the bridged call ends.
const AFTER_THE_CALL: &str = "after the call";

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
        asked: HashMap::new(),
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

/// A node waiting to be linked to the answers of a menu.
enum Wait<'t> {
    /// A capture (the menu's node), to each of the menu's replies by its key.
    Capture(usize, &'t str),
    /// The end of a bridge, to the menu's answer when the bridged call ends.
    Bridge(usize, &'t str),
}

/// The state of drawing an IVR: which menus are drawn, and which nodes still need
/// their menu linked.
struct Ivr<'t, 'd> {
    diagram: Diagram,
    menus: &'t [(std::borrow::Cow<'d, str>, Json<'d>)],
    /// For each menu drawn: the first node of each reply, with its input.
    drawn: HashMap<&'t str, Vec<(&'t str, usize)>>,
    /// For each menu a capture asks: its node (the first capture drawn that asks it).
    asked: HashMap<&'t str, usize>,
    /// Nodes waiting to be linked to their menu's answers.
    pending: Vec<Wait<'t>>,
    /// Whether what is drawn now is reached from the start.
    reached: bool,
}

impl<'t, 'd> Ivr<'t, 'd> {
    /// Draws a reply: a handler or raw answer as one node, a body's actions in a chain
    /// (its capture, when it asks a menu already drawn, is that menu's node); returns
    /// the first node.
    fn body(&mut self, body: &'t Json<'d>) -> usize {
        if let Some((lines, shape)) = answer_node(body) {
            return self.add(lines, shape);
        }
        let id = match body.get("clientActionId") {
            Some(Json::String(id)) => id.as_ref(),
            _ => "",
        };
        let actions: &[Json<'_>] = match body.get("callflow") {
            Some(Json::Array(actions)) => actions,
            _ => &[],
        };
        let waits = !self.menus.is_empty();
        let mut first = None;
        let mut last = None;
        let mut bridges = false;
        for (index, action) in actions.iter().enumerate() {
            let (lines, shape) = action_node(action);
            bridges |=
                matches!(action.get("action"), Some(Json::String(name)) if name == "makeCall");
            let asks_again = waits && shape == Shape::Menu && index + 1 == actions.len();
            let node = match self.asked.get(id) {
                Some(&menu) if asks_again => menu,
                _ => self.add(lines, shape),
            };
            if let Some(previous) = last {
                self.diagram.link(previous, node, None, EdgeStyle::Plain);
            }
            first.get_or_insert(node);
            last = Some(node);
        }
        let (Some(first), Some(last)) = (first, last) else {
            return self.add(vec!["empty callflow".to_owned()], Shape::Step);
        };
        match self.diagram.nodes[last].shape {
            Shape::Menu if waits && !self.asked.contains_key(id) => {
                if !id.is_empty() {
                    self.diagram.nodes[last]
                        .lines
                        .push(format!("id {}", short(id)));
                }
                self.asked.insert(id, last);
                self.pending.push(Wait::Capture(last, id));
            }
            Shape::Step if waits && bridges && !id.is_empty() => {
                self.pending.push(Wait::Bridge(last, id));
            }
            _ => {}
        }
        first
    }

    fn add(&mut self, lines: Vec<String>, shape: Shape) -> usize {
        let node = self.diagram.add(lines, shape);
        self.diagram.nodes[node].unreachable = !self.reached;
        node
    }

    /// Links every node waiting for its menu.
    fn drain(&mut self) {
        while let Some(wait) = self.pending.pop() {
            match wait {
                Wait::Capture(capture, id) => self.link_menu(capture, id),
                Wait::Bridge(bridge, id) => self.link_return(bridge, id),
            }
        }
    }

    /// Links `from` to each reply of the menu `id`.
    fn link_menu(&mut self, from: usize, id: &'t str) {
        for (input, first) in self.replies(from, id).unwrap_or_default() {
            self.diagram
                .link(from, first, Some(input), EdgeStyle::Plain);
        }
    }

    /// Links the end of a bridge to what the menu `id` answers when the bridged call
    /// ends: its `"bridged"`, else `"silence"`, else `"*"` reply.
    fn link_return(&mut self, from: usize, id: &'t str) {
        let Some(replies) = self.replies(from, id) else {
            return;
        };
        let answer =
            route::keys(None).find_map(|key| replies.iter().find(|(input, _)| *input == key));
        if let Some(&(_, first)) = answer {
            self.diagram
                .link(from, first, Some(AFTER_THE_CALL), EdgeStyle::Plain);
        } else {
            let missing = self.add(
                vec![format!("missing: bridged reply for {}", short(id))],
                Shape::Missing,
            );
            self.diagram
                .link(from, missing, Some(AFTER_THE_CALL), EdgeStyle::Plain);
        }
    }

    /// The first node of each reply of the menu `id`, with its input, drawing the menu
    /// first if needed; `None`, with a missing node linked from `from`, when the
    /// document has no such menu.
    fn replies(&mut self, from: usize, id: &'t str) -> Option<Vec<(&'t str, usize)>> {
        if !self.drawn.contains_key(id) && !self.draw_menu(id) {
            let missing = self.add(
                vec![format!("missing: replies for {}", short(id))],
                Shape::Missing,
            );
            self.diagram.link(from, missing, None, EdgeStyle::Plain);
            return None;
        }
        self.drawn.get(id).cloned()
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

/// The lines and shape of an answer that is no body: a handler (`{"handler": name}`),
/// or an emulator's raw answer (`$status`, `$body`, `$latencyMs`, `$failure`).
fn answer_node(answer: &Json<'_>) -> Option<(Vec<String>, Shape)> {
    if let Some(name) = answer.get("handler") {
        let mut lines = vec!["handler".to_owned()];
        if let Json::String(name) = name {
            lines.push(short(name));
        }
        return Some((lines, Shape::Handler));
    }
    let line = match answer.get(RAW_FAILURE) {
        Some(Json::String(why)) => format!("no answer ({})", short(why)),
        Some(_) => "no answer".to_owned(),
        None if [RAW_STATUS, RAW_BODY, RAW_LATENCY]
            .iter()
            .any(|field| answer.get(field).is_some()) =>
        {
            match answer.get(RAW_STATUS) {
                Some(Json::Number(Number::PosInt(status))) => format!("HTTP {status}"),
                _ => "HTTP 200".to_owned(),
            }
        }
        None => return None,
    };
    Some((vec![line], Shape::Virtual))
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
