//! Diagrams of call flows: Yay.com PBX flows and 8x8 Voice callflows, drawn as Mermaid
//! `flowchart` text, Graphviz DOT text, or a standalone SVG picture.
//!
//! Both platforms become one [`Diagram`]: nodes with a [`Shape`] (start, step, menu,
//! terminal, an IVR map's handler, a red "missing" node for each key an edge names but
//! the flow lacks, a virtual node such as the dialled user's voicemail), unreachable
//! nodes greyed, and edges labelled with their branch key. Output is deterministic: the same input
//! always gives the same bytes.
//!
//! ```
//! use callflow_core::diagram::{Diagram, Format};
//! let flow = r#"{"extension": 501, "name": "Menu", "flow": {
//!     "start": {"module": "start", "next": "menu"},
//!     "menu": {"module": "pressextension", "next": {"1": "sales", "timeout": "menu"}}}}"#;
//! let diagram = Diagram::from_json(flow).unwrap();
//! let mermaid = diagram.render(Format::Mermaid);
//! assert!(mermaid.starts_with("flowchart TD\n"));
//! assert!(mermaid.contains(r#"n1 -->|"1"| n2"#));
//! assert!(mermaid.contains(r#"n2["missing: sales"]:::missing"#));
//! assert!(diagram.render(Format::Svg).starts_with("<svg "));
//! ```

mod dot;
mod label;
mod layout;
mod mermaid;
mod pbx;
mod svg;
mod voice;

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::json::Json;
use crate::voice::{Input, InputError};

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// Where the call enters: a stadium.
    Start,
    /// A module or action that leads on: a rectangle.
    Step,
    /// A branch on the caller's input or caller ID: a hexagon.
    Menu,
    /// A module or action that ends the flow: a double border.
    Terminal,
    /// A key an edge names but the flow lacks: red.
    Missing,
    /// Something outside the flow, such as a user's own voicemail or an emulator's raw
    /// HTTP answer: dashed.
    Virtual,
    /// A step of an IVR map that the user's code answers (a handler): a parallelogram.
    Handler,
}

/// One box of a diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The node's id in Mermaid and DOT output: `n0`, `n1`, ...
    pub id: String,
    /// The lines of text in the box.
    pub lines: Vec<String>,
    /// How it is drawn.
    pub shape: Shape,
    /// Whether no call reaches it (drawn grey).
    pub unreachable: bool,
}

/// One arrow of a diagram, between nodes given by their index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The index of the node it leaves.
    pub from: usize,
    /// The index of the node it enters.
    pub to: usize,
    /// The branch key written on it, if any.
    pub label: Option<String>,
    /// How it is drawn.
    pub style: EdgeStyle,
}

/// How an arrow is drawn when a diagram shows what calls did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum EdgeStyle {
    /// Plain.
    #[default]
    Plain,
    /// No explored path used it: dashed.
    Unused,
    /// The highlighted call took it: thick and blue.
    Taken,
}

/// A call flow as boxes and arrows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagram {
    /// The boxes, in a stable order.
    pub nodes: Vec<Node>,
    /// The arrows, in a stable order.
    pub edges: Vec<Edge>,
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Mermaid `flowchart` text.
    Mermaid,
    /// Graphviz DOT text.
    Dot,
    /// A standalone SVG picture.
    Svg,
}

/// A format name that is not `mermaid`, `dot` or `svg`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown diagram format {0:?}: expected \"mermaid\", \"dot\" or \"svg\"")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "mermaid" => Ok(Format::Mermaid),
            "dot" => Ok(Format::Dot),
            "svg" => Ok(Format::Svg),
            other => Err(UnknownFormat(other.to_owned())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Mermaid => "mermaid",
            Format::Dot => "dot",
            Format::Svg => "svg",
        })
    }
}

/// Why a document cannot be drawn.
#[derive(Debug, thiserror::Error)]
pub enum DiagramError {
    /// The input is not JSON, or nests too deeply.
    #[error("{0}")]
    Input(InputError),
    /// The document is JSON but not a call flow of either platform.
    #[error("{0}")]
    Shape(&'static str),
}

impl Diagram {
    /// The diagram of a Yay.com call flow (an object with `flow`), an 8x8 Voice body
    /// (an object with `callflow`), or an 8x8 IVR map in full form (`docs/IVR.md`):
    /// `{"start"?: body, "menus": {"<clientActionId>": {"<key>": reply}}}`, the replies
    /// a webhook service sends when the menu of a body with that `clientActionId`
    /// captures those digits (`""` stands for a body without `clientActionId`, `"*"` for
    /// any other input, `"silence"` for none, `"bridged"` for the end of a bridged call).
    /// Each menu is drawn once; a bridge with a `clientActionId` leads, "after the
    /// call", to its menu's answer; a reply may be a handler or a raw answer.
    pub fn from_json<I: Input + ?Sized>(input: &I) -> Result<Diagram, DiagramError> {
        let tree = input.to_tree().map_err(DiagramError::Input)?;
        Diagram::from_tree(&tree)
    }

    /// The diagram of a document tree; see [`Diagram::from_json`].
    pub fn from_tree(tree: &Json<'_>) -> Result<Diagram, DiagramError> {
        match (tree.get("flow"), tree.get("callflow"), tree.get("menus")) {
            (Some(Json::Object(modules)), _, _) => Ok(pbx::diagram(modules, None).merge_parallel()),
            (_, _, Some(Json::Object(_))) => {
                // A shorthand IVR map is drawn as its full form, so its menus are drawn
                // as what they answer; a full map (or one that cannot expand) is drawn
                // as written, in its own order.
                let written = serde_json::from_str::<serde_json::Value>(&tree.to_text()).ok();
                let full = crate::voice::ivr::expand(tree)
                    .ok()
                    .filter(|full| Some(full) != written.as_ref());
                let expanded = full.as_ref().and_then(|full| full.to_tree().ok());
                Ok(voice::diagram(expanded.as_deref().unwrap_or(tree)).merge_parallel())
            }
            (_, Some(Json::Array(_)), _) => Ok(voice::diagram(tree).merge_parallel()),
            _ => Err(DiagramError::Shape(
                "not a call flow: expected an object with a \"flow\" object (Yay.com), a \"callflow\" array or a \"menus\" object (8x8)",
            )),
        }
    }

    /// The diagram in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Mermaid => mermaid::render(self),
            Format::Dot => dot::render(self),
            Format::Svg => svg::render(self),
        }
    }

    /// Adds a node and returns its index.
    fn add(&mut self, lines: Vec<String>, shape: Shape) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Node {
            id: format!("n{index}"),
            lines,
            shape,
            unreachable: false,
        });
        index
    }

    /// Adds an edge.
    fn link(&mut self, from: usize, to: usize, label: Option<&str>, style: EdgeStyle) {
        self.edges.push(Edge {
            from,
            to,
            label: label.map(str::to_owned),
            style,
        });
    }

    /// The diagram of a Yay.com call flow with what calls did: the edges no path of
    /// `exploration` used drawn dashed.
    ///
    /// ```
    /// use callflow_core::diagram::{Diagram, Format};
    /// use callflow_core::pbx::{CallFlow, simulate};
    /// let text = r#"{"extension": 501, "name": "m", "flow": {"s": {"module": "start", "next": "c"},
    ///     "c": {"module": "calleridmatch", "patterns": ["^44"], "match": "b", "nomatch": "b"},
    ///     "b": {"module": "busy"}}}"#;
    /// let flow = CallFlow::from_json(text)?;
    /// let internal = simulate::Call::new().internal(true);
    /// let explored = simulate::explore(&flow, &internal, &simulate::Options::default());
    /// let diagram = Diagram::pbx_coverage(text, &explored)?;
    /// assert!(diagram.render(Format::Mermaid).contains(r#"n1 -.->|"match"| n2"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pbx_coverage<I: Input + ?Sized>(
        input: &I,
        exploration: &crate::pbx::simulate::Exploration,
    ) -> Result<Diagram, DiagramError> {
        let unused: std::collections::HashSet<&str> = exploration
            .unused_edges()
            .iter()
            .map(String::as_str)
            .collect();
        Diagram::pbx_styled(input, |path| {
            if unused.contains(path) {
                EdgeStyle::Unused
            } else {
                EdgeStyle::Plain
            }
        })
    }

    /// The diagram of a Yay.com call flow with the path of one simulated call
    /// highlighted; `transcript` is the call's transcript as JSON text (what
    /// `Transcript::to_json` writes: the edges are read from `steps[].edge`).
    ///
    /// ```
    /// use callflow_core::diagram::{Diagram, Format};
    /// let flow = r#"{"extension": 501, "name": "m", "flow": {"s": {"module": "start", "next": "b"},
    ///     "b": {"module": "busy"}}}"#;
    /// let transcript = r#"{"steps": [{"edge": "$.flow.s.next"}]}"#;
    /// let diagram = Diagram::pbx_highlight(flow, transcript)?;
    /// assert!(diagram.render(Format::Mermaid).contains("n0 ==> n1"));
    /// # Ok::<(), callflow_core::diagram::DiagramError>(())
    /// ```
    pub fn pbx_highlight<I: Input + ?Sized>(
        input: &I,
        transcript: &str,
    ) -> Result<Diagram, DiagramError> {
        let transcript: serde_json::Value = serde_json::from_str(transcript)
            .map_err(|_| DiagramError::Shape("the transcript is not JSON"))?;
        let Some(steps) = transcript
            .get("steps")
            .and_then(serde_json::Value::as_array)
        else {
            return Err(DiagramError::Shape(
                "not a transcript: expected an object with a \"steps\" array",
            ));
        };
        let taken: std::collections::HashSet<&str> = steps
            .iter()
            .filter_map(|step| step.get("edge").and_then(serde_json::Value::as_str))
            .collect();
        Diagram::pbx_styled(input, |path| {
            if taken.contains(path) {
                EdgeStyle::Taken
            } else {
                EdgeStyle::Plain
            }
        })
    }

    /// The diagram of a Yay.com call flow whose edges are styled by their path.
    fn pbx_styled<I: Input + ?Sized>(
        input: &I,
        style: impl Fn(&str) -> EdgeStyle,
    ) -> Result<Diagram, DiagramError> {
        let tree = input.to_tree().map_err(DiagramError::Input)?;
        match tree.get("flow") {
            Some(Json::Object(modules)) => Ok(pbx::diagram(modules, Some(&style)).merge_parallel()),
            _ => Err(DiagramError::Shape(
                "not a Yay.com call flow: expected an object with a \"flow\" object",
            )),
        }
    }

    /// Merges the edges between the same two nodes drawn the same way into one, whose
    /// label lists theirs (`1, 2, invalid`), so that no arrow hides another.
    fn merge_parallel(mut self) -> Self {
        let mut first: HashMap<(usize, usize, EdgeStyle), usize> =
            HashMap::with_capacity(self.edges.len());
        let mut merged: Vec<Edge> = Vec::with_capacity(self.edges.len());
        for edge in self.edges {
            let Some(&at) = first.get(&(edge.from, edge.to, edge.style)) else {
                first.insert((edge.from, edge.to, edge.style), merged.len());
                merged.push(edge);
                continue;
            };
            if let Some(label) = edge.label {
                let joined = match merged[at].label.take() {
                    Some(before) => format!("{before}, {label}"),
                    None => label,
                };
                merged[at].label = Some(joined);
            }
        }
        self.edges = merged;
        self
    }
}
