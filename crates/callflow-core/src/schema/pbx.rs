//! The schema of a Yay.com call flow, from the module and field tables.

use std::iter;

use super::{Node, document, object, reference, strings, typed, when, with};
use crate::json::Json;
use crate::pbx::modules::{
    CALL_FLOW_FIELDS, Field, NextShape, SPECS, Spec, TARGETS, Value, documented_names,
};

/// The schema of a call flow: its members, each module by its type (any letter case)
/// and each extension target by its type.
pub(super) fn call_flow_schema() -> Node {
    let module_names = SPECS.map(|spec| spec.name);
    let module = object([
        ("type", "object".into()),
        ("required", strings(["module"])),
        (
            "properties",
            object([(
                "module",
                object([
                    ("type", "string".into()),
                    ("pattern", any_case(&module_names).into()),
                    ("examples", strings(documented_names())),
                ]),
            )]),
        ),
        (
            "allOf",
            Json::Array(
                SPECS
                    .iter()
                    .map(|spec| {
                        let name = object([("pattern", any_case(&[spec.name]).into())]);
                        when("module", name, reference(&format!("module-{}", spec.name)))
                    })
                    .collect(),
            ),
        ),
    ]);
    let definitions = iter::once(("module".to_owned(), module))
        .chain(iter::once(("target".to_owned(), target())))
        .chain(
            SPECS
                .iter()
                .map(|spec| (format!("module-{}", spec.name), module_members(spec))),
        )
        .collect();
    let root = object([("type", "object".into())]);
    let root = with(
        members(root, &CALL_FLOW_FIELDS, []),
        "additionalProperties",
        false.into(),
    );
    document(
        "Yay.com call flow",
        "A Yay.com PBX call flow: modules by key, linked by the keys in their next and outcome members.",
        root,
        definitions,
    )
}

/// The members of one module type: its fields, `next` and its outcome edges. Members
/// it does not read are allowed, as the engine ignores them.
fn module_members(spec: &Spec) -> Node {
    let key = || typed("string");
    let next = match spec.next {
        NextShape::None => None,
        NextShape::Key => Some(key()),
        NextShape::Map => Some(object([
            ("type", "object".into()),
            ("additionalProperties", key()),
        ])),
    };
    let links = next
        .map(|next| ("next", next))
        .into_iter()
        .chain(spec.edges.iter().map(|edge| (*edge, key())));
    members(object([]), spec.fields, links)
}

/// An `extension` target: its `type`, then the member that says where it rings.
fn target() -> Node {
    let branches = TARGETS
        .iter()
        .filter_map(|spec| {
            let field = spec.field.as_ref()?;
            let then = members(object([]), std::slice::from_ref(field), []);
            Some(when("type", object([("const", spec.name.into())]), then))
        })
        .collect();
    object([
        ("type", "object".into()),
        ("required", strings(["type"])),
        (
            "properties",
            object([(
                "type",
                object([("enum", strings(TARGETS.iter().map(|spec| spec.name)))]),
            )]),
        ),
        ("allOf", Json::Array(branches)),
    ])
}

/// `node` with `properties` (each field, then `more`) and the `required` fields.
fn members(
    node: Node,
    fields: &[Field],
    more: impl IntoIterator<Item = (&'static str, Node)>,
) -> Node {
    let required: Vec<&str> = fields
        .iter()
        .filter(|field| field.required)
        .map(|field| field.name)
        .collect();
    let properties = fields
        .iter()
        .map(|field| (field.name, value(field.value)))
        .chain(more);
    let node = with(node, "properties", object(properties));
    if required.is_empty() {
        node
    } else {
        with(node, "required", strings(required))
    }
}

/// The schema of one value.
fn value(value: Value) -> Node {
    let list = |items: Node| {
        object([
            ("type", "array".into()),
            ("minItems", 1_u64.into()),
            ("items", items),
        ])
    };
    match value {
        Value::String | Value::Pin | Value::E164 => typed("string"),
        Value::NonEmptyString => with(typed("string"), "minLength", 1_u64.into()),
        Value::Boolean => typed("boolean"),
        Value::PositiveInteger => with(typed("integer"), "minimum", 1_u64.into()),
        Value::Duration => object([
            ("type", strings(["number", "string"])),
            ("minimum", 0_u64.into()),
            (
                "description",
                "Seconds: a non-negative number, or a string holding one.".into(),
            ),
        ]),
        Value::Strings | Value::Patterns => list(typed("string")),
        Value::Targets => list(reference("target")),
        Value::Modules => object([
            ("type", "object".into()),
            ("additionalProperties", reference("module")),
        ]),
    }
}

/// An ECMA-262 pattern matching any of `names` in any letter case, as the engine reads
/// module types.
fn any_case(names: &[&str]) -> String {
    let alternatives: Vec<String> = names
        .iter()
        .map(|name| {
            name.chars()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    format!("^(?:{})$", alternatives.join("|"))
}
