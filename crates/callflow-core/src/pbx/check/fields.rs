//! Each module on its own: its `module` name, then the fields its type requires.

use super::{Checker, edges, values};
use crate::json::Json;
use crate::path::Path;
use crate::pbx::code::PbxCode;
use crate::pbx::graph::{Graph, Node};
use crate::pbx::modules::{ModuleKind, Spec, documented_names};
use crate::suggest::did_you_mean;

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
    fields(ck, node.object, spec, &path);
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

/// The fields of a documented module, in the order the docs list them, then the rules
/// about a field that is given but not used.
fn fields(ck: &mut Checker, object: &Json<'_>, spec: &Spec, path: &Path<'_>) {
    for field in spec.fields {
        values::member(ck, object, field, path);
    }
    match spec.kind {
        Some(ModuleKind::Busy) if object.get("duration").is_some() => {
            ck.report(
                PbxCode::UnusedField,
                &path.key("duration"),
                "is not read by the engine: the busy tone plays for its own length",
                Some("remove it".to_owned()),
            );
        }
        Some(ModuleKind::Voicemail) => mailboxes(ck, object, path),
        _ => {}
    }
}

/// A `voicemail` module's `mailboxes`: only the first is used.
fn mailboxes(ck: &mut Checker, object: &Json<'_>, path: &Path<'_>) {
    let Some(Json::Array(items)) = object.get("mailboxes") else {
        return;
    };
    let count = items.len();
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
