//! Which body a document is: a Send Callflow request or a webhook reply.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::params::{self, Param};
use crate::json::Json;

/// Which body is validated: the rules differ in their top-level fields and in whether
/// the first action must be `makeCall`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Profile {
    /// A Send Callflow request: `{validUntil?, callflow}`, starting with `makeCall`.
    #[default]
    Request,
    /// A reply to a Voice Call Action webhook: `{clientActionId?, callflow}`.
    Reply,
}

impl Profile {
    /// The profile's name: `"request"` or `"reply"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Request => "request",
            Profile::Reply => "reply",
        }
    }

    /// The optional top-level field beside `callflow`: `validUntil` in a request,
    /// `clientActionId` in a reply.
    pub fn top_field(self) -> &'static str {
        self.top_param().name
    }

    /// The optional top-level field with what it accepts.
    pub(crate) fn top_param(self) -> &'static Param {
        match self {
            Profile::Request => &params::VALID_UNTIL,
            Profile::Reply => &params::CLIENT_ACTION_ID,
        }
    }

    /// A body of this profile in the wire shape, `{top_field?, "callflow": actions}`, for
    /// builders that hold their parts as trees (such as the language bindings).
    ///
    /// ```
    /// use callflow_core::json::Json;
    /// use callflow_core::voice::{ActionKind, Profile, validate};
    /// let top = Json::String("main_menu".into());
    /// let body = Profile::Reply.document(Some(top), vec![ActionKind::Hangup.to_tree(None)]);
    /// assert_eq!(body.get("clientActionId"), Some(&Json::String("main_menu".into())));
    /// assert!(validate(&body, Profile::Reply).is_valid());
    /// ```
    pub fn document<'a>(self, top: Option<Json<'a>>, actions: Vec<Json<'a>>) -> Json<'a> {
        let mut members = Vec::with_capacity(2);
        if let Some(top) = top {
            members.push((Cow::Borrowed(self.top_field()), top));
        }
        members.push((Cow::Borrowed("callflow"), Json::Array(actions)));
        Json::Object(members)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A profile name that is neither `request` nor `reply`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile {0:?}: expected \"request\" or \"reply\"")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "request" => Ok(Profile::Request),
            "reply" => Ok(Profile::Reply),
            other => Err(UnknownProfile(other.to_owned())),
        }
    }
}
