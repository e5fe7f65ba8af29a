//! The Node package's generated parts: the regions of `node/dts-header.d.ts`, which
//! `napi build` copies into `index.d.ts`.

use std::fmt::Write as _;

use callflow_core::catalogue::{self, Field, FieldType, Presence, Record};

use crate::names::{lower_first, pascal};
use crate::{Regions, ValueType, param_doc};

const HEADER: &str = "node/dts-header.d.ts";

/// The generated regions of the header.
pub(crate) fn header_regions() -> Regions {
    Regions {
        path: HEADER,
        bodies: vec![
            ("voice actions", actions()),
            ("voice events", events()),
            ("voice codes", codes(false)),
            ("pbx", pbx()),
        ],
    }
}

fn ts_type(value: ValueType) -> &'static str {
    match value {
        ValueType::Text => "string",
        ValueType::Integer | ValueType::Number => "number",
        ValueType::Boolean => "boolean",
    }
}

fn doc(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}/** {text} */");
}

/// A union type of `values`, one per line.
fn union(out: &mut String, about: &str, name: &str, values: &[String]) {
    doc(out, "  ", about);
    let _ = writeln!(out, "  export type {name} =");
    for value in values {
        let _ = writeln!(out, "    | {value}");
    }
}

fn quoted(values: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<String> {
    values
        .into_iter()
        .map(|value| format!("'{}'", value.as_ref()))
        .collect()
}

/// `voice.Action` and the parameter interface of each action.
fn actions() -> String {
    let mut out = String::new();
    let mut variants = Vec::new();
    for action in catalogue::actions() {
        let wire = action.kind.name();
        if action.params.is_empty() {
            variants.push(format!("{{ action: '{wire}' }}"));
            continue;
        }
        let interface = format!("{}Params", pascal(wire));
        variants.push(format!("{{ action: '{wire}'; params: {interface} }}"));
        doc(
            &mut out,
            "  ",
            &format!("Parameters of `{wire}`: {}", lower_first(action.about)),
        );
        let _ = writeln!(out, "  export interface {interface} {{");
        for param in action.params {
            doc(&mut out, "    ", &param_doc(param));
            let ty = ts_type(ValueType::of(param.accepts));
            let _ = match param.presence {
                Presence::Required => writeln!(out, "    {}: {ty}", param.name),
                Presence::Nullable => writeln!(out, "    {}?: {ty} | null", param.name),
                _ => writeln!(out, "    {}?: {ty}", param.name),
            };
        }
        out.push_str("  }\n");
    }
    union(
        &mut out,
        "One action in the wire format.",
        "Action",
        &variants,
    );
    out
}

fn field_type(field: &Field) -> String {
    let ty = match field.ty {
        FieldType::Text => "string".to_owned(),
        FieldType::Integer | FieldType::Number => "number".to_owned(),
        FieldType::Flag => "boolean".to_owned(),
        FieldType::Enum(open) => open.name.to_owned(),
        FieldType::Record(record) => record.name.to_owned(),
        FieldType::List(record) => format!("{}[]", record.name),
        _ => "unknown".to_owned(),
    };
    if field.nullable {
        format!("{ty} | null")
    } else {
        ty
    }
}

fn interface(out: &mut String, about: &str, name: &str, extends: &[&str], fields: &[String]) {
    doc(out, "  ", about);
    let extends = if extends.is_empty() {
        String::new()
    } else {
        format!(" extends {}", extends.join(", "))
    };
    let _ = writeln!(out, "  export interface {name}{extends} {{");
    for field in fields {
        out.push_str(field);
    }
    out.push_str("  }\n");
}

fn record_fields(record: &Record) -> Vec<String> {
    record
        .fields
        .iter()
        .map(|field| {
            format!(
                "    /** {} */\n    {}: {}\n",
                field.about,
                field.name,
                field_type(field)
            )
        })
        .collect()
}

/// The open enums, every record, each event type's interface and `voice.VoiceEvent`.
fn events() -> String {
    let mut out = String::new();
    for open in catalogue::open_enums() {
        let mut values = quoted(open.values);
        values.push("(string & {})".to_owned());
        union(
            &mut out,
            &format!("{} Other values are kept as sent.", open.about),
            open.name,
            &values,
        );
    }
    for record in catalogue::records() {
        let extends: Vec<&str> = record.includes.iter().map(|record| record.name).collect();
        interface(
            &mut out,
            record.about,
            record.name,
            &extends,
            &record_fields(record),
        );
    }
    let envelope = catalogue::envelope().name;
    let mut events = Vec::new();
    for kind in catalogue::event_kinds() {
        let event_type = format!("    eventType: '{}'\n", kind.event_type);
        interface(
            &mut out,
            kind.about,
            kind.name,
            &[envelope, kind.payload.name],
            &[event_type],
        );
        events.push(kind.name.to_owned());
    }
    interface(
        &mut out,
        "An event type this version does not know: its payload as sent (`null` if none).",
        "UnknownVoiceEvent",
        &[envelope],
        &["    eventType: UnknownEventType\n    payload: unknown\n".to_owned()],
    );
    events.push("UnknownVoiceEvent".to_owned());
    union(
        &mut out,
        "A voice webhook, typed by its `eventType`.",
        "VoiceEvent",
        &events,
    );
    out
}

/// The code lists as union types: the voice ones, or (`pbx`) the Yay.com ones.
fn codes(pbx: bool) -> String {
    let mut out = String::new();
    for list in catalogue::code_lists() {
        if (list.name == "PbxCode") != pbx {
            continue;
        }
        let values: Vec<String> = list
            .codes
            .iter()
            .map(|code| {
                if code.parse::<i64>().is_ok() {
                    code.clone()
                } else {
                    format!("'{code}'")
                }
            })
            .collect();
        union(&mut out, list.about, list.name, &values);
    }
    out
}

/// The Yay.com codes, module kinds and target types.
fn pbx() -> String {
    let mut out = codes(true);
    let kinds = catalogue::modules()
        .filter(|module| module.kind.is_some())
        .map(|module| module.name);
    union(
        &mut out,
        "The module types the Yay.com docs list.",
        "ModuleKind",
        &quoted(kinds),
    );
    let targets = catalogue::targets()
        .filter(|target| target.member.is_some())
        .map(|target| target.name);
    union(
        &mut out,
        "The `type` of a target an `extension` module rings.",
        "TargetType",
        &quoted(targets),
    );
    out
}
