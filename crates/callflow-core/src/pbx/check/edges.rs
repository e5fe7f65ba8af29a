//! A module's branches: the shape of `next`, the keys of a menu, outcomes with no edge,
//! and edges to keys that do not exist.

use super::Checker;
use crate::json::Json;
use crate::path::Path;
use crate::pbx::code::PbxCode;
use crate::pbx::graph::{Edge, Node, Target};
use crate::pbx::modules::{NextShape, SIPUSER_VOICEMAIL, Spec};
use crate::suggest::did_you_mean;

/// The branches of a menu's `next` that the engine takes on no input or a wrong one.
const MENU_FALLBACKS: [&str; 2] = ["invalid", "timeout"];

/// The outcomes of a dialled extension, accepted in a dial-by-extension menu.
const DIAL_OUTCOMES: [&str; 4] = ["answer", "busy", "unavailable", "noanswer"];

/// Checks the branches of one module.
pub(super) fn check(ck: &mut Checker, node: &Node<'_>, spec: &Spec, path: &Path<'_>) {
    let next_path = path.key("next");
    match (spec.next, node.object.get("next")) {
        (NextShape::None, None) | (NextShape::Key, Some(Json::String(_))) => {}
        (NextShape::None, Some(_)) => {
            if spec.terminal {
                ck.report(
                    PbxCode::TerminalWithNext,
                    &next_path,
                    format!("is ignored: {} ends the flow", spec.name),
                    Some("remove it".to_owned()),
                );
            }
        }
        (NextShape::Key | NextShape::Map, None) => {
            let detail = if spec.next == NextShape::Map {
                "is missing, so the call ends after the menu"
            } else {
                "is missing, so the call ends after this module"
            };
            ck.report(PbxCode::MissingOutcome, &next_path, detail, None);
        }
        (NextShape::Key, Some(other)) => ck.wrong_type(&next_path, "a module key", other),
        (NextShape::Map, Some(Json::Object(branches))) => {
            menu(ck, node, spec, branches, &next_path);
        }
        (NextShape::Map, Some(other)) => ck.wrong_type(&next_path, "an object of branches", other),
    }
    for field in spec.edges {
        match node.object.get(field) {
            None | Some(Json::String(_)) => {}
            Some(other) => ck.wrong_type(&path.key(field), "a module key", other),
        }
    }
    for field in required_outcomes(spec) {
        if node.object.get(field).is_none() {
            ck.report(
                PbxCode::MissingOutcome,
                &path.key(field),
                outcome_detail(field),
                None,
            );
        }
    }
    for edge in &node.edges {
        if let Target::Missing(key) = edge.target {
            dangling(ck, edge, key, path);
        }
    }
}

/// The `next` map of a menu: value types, key names, and the fallbacks.
fn menu(
    ck: &mut Checker,
    node: &Node<'_>,
    spec: &Spec,
    branches: &[(std::borrow::Cow<'_, str>, Json<'_>)],
    path: &Path<'_>,
) {
    let dial_mode = node.object.get("dial_by_extension") == Some(&Json::Bool(true));
    for (key, value) in branches {
        let branch_path = path.key(key);
        if !matches!(value, Json::String(_)) {
            ck.wrong_type(&branch_path, "a module key", value);
        }
        if spec.name == "pressextension" && !is_menu_key(key, dial_mode) {
            menu_key(ck, key, &branch_path);
        }
    }
    for fallback in MENU_FALLBACKS {
        if !branches.iter().any(|(key, _)| key == fallback) {
            ck.report(
                PbxCode::MissingOutcome,
                &path.key(fallback),
                outcome_detail(fallback),
                None,
            );
        }
    }
}

/// Whether a caller can reach branch `key` of a `pressextension` menu.
fn is_menu_key(key: &str, dial_mode: bool) -> bool {
    let pressable = |c: u8| c.is_ascii_digit() || c == b'*' || c == b'#';
    MENU_FALLBACKS.contains(&key)
        || (key.len() == 1 && key.bytes().all(pressable))
        || (dial_mode
            && (DIAL_OUTCOMES.contains(&key) || (!key.is_empty() && key.bytes().all(pressable))))
}

fn menu_key(ck: &mut Checker, key: &str, path: &Path<'_>) {
    let detail =
        format!("{key:?} is not a key a caller can press (accepted: 0-9, *, #, invalid, timeout)");
    ck.report_with(PbxCode::InvalidMenuKey, path, detail, || {
        let digits = key.len() > 1 && key.bytes().all(|b| b.is_ascii_digit());
        if digits {
            Some(
                "the menu reads one key; set \"dial_by_extension\": true to read several digits"
                    .to_owned(),
            )
        } else {
            did_you_mean(key, &MENU_FALLBACKS)
        }
    });
}

/// The module-level outcomes whose absence ends the call.
fn required_outcomes(spec: &Spec) -> &'static [&'static str] {
    match spec.name {
        "calleridmatch" => &["match", "nomatch"],
        "extension" => &["noanswer"],
        _ => &[],
    }
}

/// Why a missing outcome ends the call.
fn outcome_detail(outcome: &str) -> &'static str {
    match outcome {
        "match" => "is missing, so the call ends when the caller ID matches",
        "nomatch" => "is missing, so the call ends when the caller ID does not match",
        "noanswer" => "is missing, so the call ends when nobody answers",
        "invalid" => "is missing, so the call ends on an invalid entry",
        _ => "is missing, so the call ends when the caller enters nothing in time",
    }
}

/// An edge to a key that is not in the flow.
fn dangling(ck: &mut Checker, edge: &Edge<'_>, key: &str, path: &Path<'_>) {
    let field_path = path.key(edge.field);
    let branch_path;
    let at = match edge.branch {
        Some(branch) => {
            branch_path = field_path.key(branch);
            &branch_path
        }
        None => &field_path,
    };
    let hint = (key == SIPUSER_VOICEMAIL).then(|| {
        "sipuser_voicemail is accepted only in noanswer of dialbyextension and next.noanswer of pressextension".to_owned()
    });
    let detail = format!("{key:?} is not a key of flow; the engine stops the call here");
    ck.report(PbxCode::DanglingReference, at, detail, hint);
}
