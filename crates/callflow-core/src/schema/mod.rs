//! JSON Schemas (draft 2020-12) of the documents callflow reads, for editors and other
//! tools: 8x8 Send Callflow requests and Voice Call Action replies, Yay.com call flows
//! and IVR maps.
//!
//! Each schema is derived from the tables validation reads (the actions, their
//! parameters with type, presence and range, the Yay module types and their fields), so
//! the two cannot drift apart. A schema states the structure: unknown actions and
//! fields, missing fields, types and ranges. Formats (numbers, voice profiles, URLs,
//! timestamps, pins, patterns), rules between fields and the Yay graph checks are only
//! checked by callflow itself.
//!
//! ```
//! use callflow_core::json::Json;
//! use callflow_core::schema::Document;
//!
//! let schema = Document::Reply.schema();
//! assert_eq!(
//!     schema.get("$schema"),
//!     Some(&Json::from("https://json-schema.org/draft/2020-12/schema"))
//! );
//! let defs = schema.get("$defs").unwrap();
//! let repetition = defs.get("say").unwrap().get("properties").unwrap().get("repetition");
//! assert_eq!(repetition.unwrap().get("maximum"), Some(&Json::from(3_u64)));
//! assert_eq!("yay".parse::<Document>(), Ok(Document::Yay));
//! ```

mod pbx;
mod voice;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::json::{Json, Number};
use crate::voice::Profile;

/// A document callflow has a schema for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// An 8x8 Send Callflow request body.
    Request,
    /// An 8x8 reply to a Voice Call Action webhook.
    Reply,
    /// A Yay.com PBX call flow.
    Yay,
    /// An IVR map: a start body and the replies of each menu.
    Ivr,
}

impl Document {
    /// Every document, in the order the CLI lists them.
    pub const ALL: [Document; 4] = [
        Document::Request,
        Document::Reply,
        Document::Yay,
        Document::Ivr,
    ];

    /// The document's name: `request`, `reply`, `yay` or `ivr`.
    pub fn name(self) -> &'static str {
        match self {
            Document::Request => "request",
            Document::Reply => "reply",
            Document::Yay => "yay",
            Document::Ivr => "ivr",
        }
    }

    /// The document's JSON Schema.
    pub fn schema(self) -> Json<'static> {
        match self {
            Document::Request => voice::body_schema(Profile::Request),
            Document::Reply => voice::body_schema(Profile::Reply),
            Document::Yay => pbx::call_flow_schema(),
            Document::Ivr => voice::ivr_schema(),
        }
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A document name that callflow has no schema for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown document {0:?}: expected request, reply, yay or ivr")]
pub struct UnknownDocument(pub String);

impl FromStr for Document {
    type Err = UnknownDocument;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Document::ALL
            .into_iter()
            .find(|document| document.name() == name)
            .ok_or_else(|| UnknownDocument(name.to_owned()))
    }
}

/// A schema node.
type Node = Json<'static>;

/// An object node with `members`, in order.
fn object(members: impl IntoIterator<Item = (&'static str, Node)>) -> Node {
    Json::Object(
        members
            .into_iter()
            .map(|(key, value)| (Cow::Borrowed(key), value))
            .collect(),
    )
}

/// An object node whose keys are computed.
fn keyed(members: impl IntoIterator<Item = (String, Node)>) -> Node {
    Json::Object(
        members
            .into_iter()
            .map(|(key, value)| (Cow::Owned(key), value))
            .collect(),
    )
}

/// Adds a member at the end of an object node.
fn with(mut node: Node, key: &'static str, value: Node) -> Node {
    if let Json::Object(members) = &mut node {
        members.push((Cow::Borrowed(key), value));
    }
    node
}

/// An array of strings.
fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Node {
    Json::Array(items.into_iter().map(Json::from).collect())
}

/// `{"type": name}`.
fn typed(name: &'static str) -> Node {
    object([("type", name.into())])
}

/// A reference to a definition of the same schema.
fn reference(definition: &str) -> Node {
    object([("$ref", format!("#/$defs/{definition}").into())])
}

/// A number node.
fn float(value: f64) -> Node {
    Json::Number(Number::Float(value))
}

/// `{"if": {the member `key` is `value`}, "then": then}`, one branch of a tagged union.
fn when(key: &'static str, value: Node, then: Node) -> Node {
    let condition = object([
        ("required", strings([key])),
        ("properties", object([(key, value)])),
    ]);
    object([("if", condition), ("then", then)])
}

/// A whole schema: the draft, a title and a description, the root's own members, and
/// its definitions.
fn document(
    title: &'static str,
    description: &'static str,
    root: Node,
    definitions: Vec<(String, Node)>,
) -> Node {
    let mut members = vec![
        (
            Cow::Borrowed("$schema"),
            Json::from("https://json-schema.org/draft/2020-12/schema"),
        ),
        (Cow::Borrowed("title"), title.into()),
        (Cow::Borrowed("description"), description.into()),
    ];
    if let Json::Object(own) = root {
        members.extend(own);
    }
    members.push((Cow::Borrowed("$defs"), keyed(definitions)));
    Json::Object(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for document in Document::ALL {
            assert_eq!(document.name().parse::<Document>(), Ok(document));
            assert_eq!(document.to_string(), document.name());
        }
        assert_eq!(
            "yaml".parse::<Document>().unwrap_err().to_string(),
            "unknown document \"yaml\": expected request, reply, yay or ivr"
        );
    }

    #[test]
    fn every_reference_has_a_definition() {
        fn references(node: &Json<'_>, found: &mut Vec<String>) {
            match node {
                Json::Object(members) => {
                    for (key, value) in members {
                        if let ("$ref", Json::String(target)) = (key.as_ref(), value) {
                            found.push(target.to_string());
                        }
                        references(value, found);
                    }
                }
                Json::Array(items) => items.iter().for_each(|item| references(item, found)),
                _ => {}
            }
        }
        for document in Document::ALL {
            let schema = document.schema();
            let mut found = Vec::new();
            references(&schema, &mut found);
            assert!(!found.is_empty(), "{document}");
            for target in found {
                let name = target.strip_prefix("#/$defs/").unwrap();
                assert!(
                    schema.get("$defs").unwrap().get(name).is_some(),
                    "{document}: {target}"
                );
            }
        }
    }
}
