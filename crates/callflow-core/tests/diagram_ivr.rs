//! The diagrams of IVR maps: each example of `examples/ivr/`, expanded, renders to
//! exactly `tests/fixtures/diagram/ivr/<name>.mmd`, `.dot` and `.svg`; each menu is drawn
//! once, a bridge with a `clientActionId` leads back to its menu "after the call", and
//! handlers and raw answers are nodes of their own.
//!
//! `CALLFLOW_BLESS=1 cargo test -p callflow-core --test diagram_ivr` rewrites the golden
//! files from the current core; review the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use callflow_core::diagram::{Diagram, Format, Shape};
use callflow_core::voice::ivr;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The diagram of `examples/ivr/<name>.json`, expanded.
fn example(name: &str) -> Diagram {
    let path = root().join("examples/ivr").join(format!("{name}.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let full = ivr::expand(text.as_str()).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    Diagram::from_json(full.to_string().as_str())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The labels of the edges from `from` to `to`.
fn labels(diagram: &Diagram, from: usize, to: usize) -> Vec<&str> {
    diagram
        .edges
        .iter()
        .filter(|edge| edge.from == from && edge.to == to)
        .filter_map(|edge| edge.label.as_deref())
        .collect()
}

/// The nodes whose lines include `line`.
fn nodes_with(diagram: &Diagram, line: &str) -> Vec<usize> {
    (0..diagram.nodes.len())
        .filter(|&n| diagram.nodes[n].lines.iter().any(|l| l == line))
        .collect()
}

#[test]
fn every_example_map_is_drawn_exactly() {
    let mut names: Vec<String> = fs::read_dir(root().join("examples/ivr"))
        .expect("examples/ivr")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert_eq!(names, ["advanced-ivr", "handler-ivr", "simple-ivr"]);
    let bless = std::env::var_os("CALLFLOW_BLESS").is_some();
    for name in &names {
        let diagram = example(name);
        for (format, extension) in [
            (Format::Mermaid, "mmd"),
            (Format::Dot, "dot"),
            (Format::Svg, "svg"),
        ] {
            let golden = root()
                .join("tests/fixtures/diagram/ivr")
                .join(format!("{name}.{extension}"));
            let drawn = diagram.render(format);
            if bless {
                fs::write(&golden, &drawn).expect("the golden file");
                continue;
            }
            let expected = fs::read_to_string(&golden)
                .unwrap_or_else(|err| panic!("{}: {err}", golden.display()));
            assert_eq!(drawn, expected, "{}", golden.display());
        }
    }
}

#[test]
fn the_advanced_map_draws_each_menu_once_and_the_return_from_the_bridge() {
    let diagram = example("advanced-ivr");
    for menu in [
        "main_menu",
        "reservations",
        "book_table",
        "reschedule_table",
    ] {
        let nodes = nodes_with(&diagram, &format!("id {menu}"));
        assert_eq!(nodes.len(), 1, "{menu}: {nodes:?}");
        assert_eq!(diagram.nodes[nodes[0]].shape, Shape::Menu);
        // A wrong key asks the same menu again: an edge back to its own node.
        assert_eq!(labels(&diagram, nodes[0], nodes[0]), ["*"], "{menu}");
    }
    let main = nodes_with(&diagram, "id main_menu")[0];
    let reservations = nodes_with(&diagram, "id reservations")[0];
    assert_eq!(labels(&diagram, reservations, main), ["9"]);

    let bridge = nodes_with(&diagram, "makeCall");
    assert_eq!(bridge.len(), 1);
    let thanks = nodes_with(&diagram, "\"Thank you for calling The G…\"");
    assert_eq!(thanks.len(), 1);
    assert_eq!(labels(&diagram, bridge[0], thanks[0]), ["after the call"]);
    assert!(
        diagram.nodes.iter().all(|node| !node.unreachable),
        "every menu is reached: {:?}",
        diagram.nodes
    );
}

#[test]
fn handlers_and_raw_answers_are_nodes_of_their_own() {
    let diagram = example("handler-ivr");
    let handler = nodes_with(&diagram, "lookup_booking");
    assert_eq!(handler.len(), 1);
    assert_eq!(
        diagram.nodes[handler[0]].lines,
        ["handler", "lookup_booking"]
    );
    assert_eq!(diagram.nodes[handler[0]].shape, Shape::Handler);
    let booking = nodes_with(&diagram, "id booking")[0];
    assert_eq!(labels(&diagram, booking, handler[0]), ["*"]);

    let map = r#"{"start": {"clientActionId": "m", "callflow": [{"action": "sayAndCapture",
        "params": {"promptMessage": "Press 1 or 2.", "maxDigits": 1}}]},
        "menus": {"m": {"1": {"$status": 500, "$body": "oops"}, "2": {"$failure": "timeout"},
        "3": {"$latencyMs": 6000}}}}"#;
    let diagram = Diagram::from_json(map).expect("a map");
    let menu = nodes_with(&diagram, "id m")[0];
    for (key, line) in [
        ("1", "HTTP 500"),
        ("2", "no answer (timeout)"),
        ("3", "HTTP 200"),
    ] {
        let node = nodes_with(&diagram, line);
        assert_eq!(node.len(), 1, "{line}");
        assert_eq!(diagram.nodes[node[0]].shape, Shape::Virtual);
        assert_eq!(labels(&diagram, menu, node[0]), [key]);
    }
}

#[test]
fn a_bridge_to_a_menu_without_an_answer_after_the_call_is_drawn_missing() {
    let map = r#"{"start": {"clientActionId": "after", "callflow": [{"action": "makeCall",
        "params": {"source": "+6512345678", "destination": "+6561115777"}}]},
        "menus": {"after": {"1": {"callflow": [{"action": "hangup"}]}}}}"#;
    let diagram = Diagram::from_json(map).expect("a map");
    let missing = nodes_with(&diagram, "missing: bridged reply for after");
    assert_eq!(missing.len(), 1);
    assert_eq!(diagram.nodes[missing[0]].shape, Shape::Missing);
    let bridge = nodes_with(&diagram, "makeCall")[0];
    assert_eq!(labels(&diagram, bridge, missing[0]), ["after the call"]);
}

#[test]
fn svg_labels_sit_on_a_white_box_rather_than_a_paint_order_halo() {
    let svg = example("advanced-ivr").render(Format::Svg);
    assert!(!svg.contains("paint-order"));
    let lines: Vec<&str> = svg.lines().collect();
    let labels = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.contains("font-size=\"11\""));
    let mut count = 0;
    for (at, _) in labels {
        assert!(lines[at - 1].starts_with("<rect ") && lines[at - 1].contains("fill=\"#ffffff\""));
        count += 1;
    }
    assert!(count > 10, "{count} labels");
}

#[test]
fn a_shorthand_map_is_drawn_as_it_expands() {
    let shorthand = r#"{"defaults": {"voiceProfile": "en-GB-Emma", "maxDigits": 1},
        "start": "main", "menus": {"main": {"prompt": "Press 1 for the hours.",
        "options": {"1": {"say": "Nine to five. Goodbye."}}}}}"#;
    let full = ivr::expand(shorthand).expect("the map expands");
    let drawn = |doc: &str| {
        Diagram::from_json(doc)
            .expect("a diagram")
            .render(Format::Mermaid)
    };
    let shown = drawn(shorthand);
    assert_eq!(shown, drawn(&full.to_string()));
    assert!(
        shown.contains("Press 1 for the hours.") && shown.contains("Nine to five."),
        "{shown}"
    );
    assert!(!shown.contains("empty callflow"), "{shown}");
}
