//! Each module on its own: its `module` name, then the fields its type requires.

use super::{Checker, edges, values};
use crate::json::Json;
use crate::path::Path;
use crate::pbx::code::PbxCode;
use crate::pbx::graph::{Graph, Node};
use crate::pbx::modules::{ModuleKind, Spec, documented_names};
use crate::suggest::did_you_mean;

/// The target types of an `extension` module the docs list.
const TARGET_TYPES: [&str; 3] = ["sipuser", "huntgroup", "forward"];

/// The target types only the engine reads.
const ENGINE_TARGET_TYPES: [&str; 3] = ["trunk", "account_bridge", "inter_tenant"];

/// Checks the module at `index` of the graph, whose flow is at `flow`.
pub(super) fn module(ck: &mut Checker, graph: &Graph<'_>, index: usize, flow: &Path<'_>) {
    let node = &graph.nodes[index];
    let path = flow.key(node.key);
    let Some(spec) = module_type(ck, node, &path) else {
        return;
    };
    if node.is_start() && graph.starts().next() != Some(index) {
        let first = graph
            .starts()
            .next()
            .map_or("", |first| graph.nodes[first].key);
        ck.report(
            PbxCode::MultipleStarts,
            &path.key("module"),
            format!("is a second start module (the first is {first:?}); the engine picks one of them at random"),
            Some("keep one start module".to_owned()),
        );
    }
    if let Some(kind) = spec.kind {
        fields(ck, node.object, kind, &path);
    }
    edges::check(ck, node, spec, &path);
}

/// The module's type, reporting a module that is not an object, has no string `module`
/// or names a type that is not accepted; `None` when its fields cannot be checked.
fn module_type(ck: &mut Checker, node: &Node<'_>, path: &Path<'_>) -> Option<&'static Spec> {
    if !matches!(node.object, Json::Object(_)) {
        ck.wrong_type(path, "a module object", node.object);
        return None;
    }
    let name_path = path.key("module");
    let Some(name) = node.name else {
        match node.object.get("module") {
            None => ck.report(
                PbxCode::InvalidStructure,
                &name_path,
                "is missing but it is required",
                None,
            ),
            Some(other) => ck.wrong_type(&name_path, "a string", other),
        }
        return None;
    };
    let Some(spec) = node.spec else {
        let documented = documented_names();
        let detail = format!(
            "{name:?} is not a module the engine runs (documented: {})",
            documented.join(", ")
        );
        ck.report_with(PbxCode::UnknownModule, &name_path, detail, || {
            did_you_mean(name, &documented)
        });
        return None;
    };
    if spec.kind.is_none() && ck.options.strict {
        let detail = format!("{name:?} is run by the engine but not listed in the Yay docs");
        ck.report(PbxCode::UnknownModule, &name_path, detail, None);
    }
    Some(spec)
}

/// The fields of a documented module, in the order the docs list them.
fn fields(ck: &mut Checker, object: &Json<'_>, kind: ModuleKind, path: &Path<'_>) {
    match kind {
        ModuleKind::Start | ModuleKind::Recording | ModuleKind::Fax => {}
        ModuleKind::MusicOnHold => values::required_string(ck, object, "class", path),
        ModuleKind::CallerIdMatch => {
            values::required_list(ck, object, "patterns", path, values::pattern);
        }
        ModuleKind::Play => values::required_string(ck, object, "sound", path),
        ModuleKind::Extension => {
            values::optional_strings(ck, object, &["announcement", "ringtone"], path);
            values::duration(ck, object, "duration", path);
            values::required_list(ck, object, "extensions", path, target);
        }
        ModuleKind::PressExtension => {
            values::duration(ck, object, "duration", path);
            values::optional_strings(ck, object, &["sound"], path);
            if let Some(value) = object.get("dial_by_extension")
                && !matches!(value, Json::Bool(_))
            {
                ck.wrong_type(&path.key("dial_by_extension"), "a boolean", value);
            }
        }
        ModuleKind::DialByExtension => {
            values::duration(ck, object, "dial_duration", path);
            values::optional_strings(ck, object, &["ringtone", "sound"], path);
            values::duration(ck, object, "wait_duration", path);
        }
        ModuleKind::Busy => {
            values::duration(ck, object, "duration", path);
            if object.get("duration").is_some() {
                ck.report(
                    PbxCode::UnusedField,
                    &path.key("duration"),
                    "is not read by the engine: the busy tone plays for its own length",
                    Some("remove it".to_owned()),
                );
            }
        }
        ModuleKind::Voicemail => mailboxes(ck, object, path),
        ModuleKind::Conference => {
            values::optional_strings(ck, object, &["announcement", "music"], path);
            values::pin(ck, object, path);
        }
        ModuleKind::Trunk => values::required_string(ck, object, "uuid", path),
    }
}

/// One item of an `extension` module's `extensions`.
fn target(ck: &mut Checker, item: &Json<'_>, path: &Path<'_>) {
    if !matches!(item, Json::Object(_)) {
        return ck.wrong_type(path, "a target object", item);
    }
    let kind = match item.get("type") {
        None => return ck.missing(&path.key("type")),
        Some(Json::String(kind)) => kind.as_ref(),
        Some(other) => return ck.wrong_type(&path.key("type"), "a string", other),
    };
    match kind {
        "sipuser" | "huntgroup" => values::required_string(ck, item, "uuid", path),
        "forward" => values::forward_number(ck, item, path),
        _ if ENGINE_TARGET_TYPES.contains(&kind) && !ck.options.strict => {}
        _ => {
            let detail = format!(
                "{kind:?} is not a target type (accepted: {})",
                TARGET_TYPES.join(", ")
            );
            ck.report_with(PbxCode::InvalidStructure, &path.key("type"), detail, || {
                did_you_mean(kind, &TARGET_TYPES)
            });
        }
    }
}

/// A `voicemail` module's `mailboxes`: at least one, and only the first is used.
fn mailboxes(ck: &mut Checker, object: &Json<'_>, path: &Path<'_>) {
    let count = values::required_list(ck, object, "mailboxes", path, values::string_item);
    if count > 1 {
        ck.report(
            PbxCode::ExtraMailboxes,
            &path.key("mailboxes"),
            format!(
                "lists {count} mailboxes, but the engine leaves the message in the first one only"
            ),
            Some(
                "use one voicemail module per mailbox, or a mailbox shared by everyone".to_owned(),
            ),
        );
    }
}
