//! A target read from its `type` and the member that type needs, as the bindings take it.

use super::Target;
use super::modules::TARGETS;

/// A target `type` that cannot be built, or that lacks the member it needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a target is {expected}, not type {kind:?} without them")]
pub struct TargetError {
    kind: String,
    expected: String,
}

impl Target {
    /// The target of type `kind` (`sipuser`, `huntgroup` or `forward`), with the member
    /// its type needs: `uuid` for a SIP user or hunt group, `number` for a forward.
    ///
    /// ```
    /// use callflow_core::pbx::Target;
    /// assert_eq!(Target::from_type("forward", None, Some("+447700900123".into())),
    ///     Ok(Target::Forward("+447700900123".into())));
    /// let err = Target::from_type("phone", None, None).unwrap_err();
    /// assert_eq!(err.to_string(), "a target is {type: 'sipuser', uuid} or \
    ///     {type: 'huntgroup', uuid} or {type: 'forward', number}, not type \"phone\" without them");
    /// ```
    pub fn from_type(
        kind: &str,
        uuid: Option<String>,
        number: Option<String>,
    ) -> Result<Target, TargetError> {
        match (kind, uuid, number) {
            ("sipuser", Some(uuid), _) => Ok(Target::SipUser(uuid)),
            ("huntgroup", Some(uuid), _) => Ok(Target::HuntGroup(uuid)),
            ("forward", _, Some(number)) => Ok(Target::Forward(number)),
            (kind, ..) => Err(TargetError {
                kind: kind.to_owned(),
                expected: TARGETS
                    .iter()
                    .filter_map(|target| {
                        let member = target.field?.name;
                        Some(format!("{{type: '{}', {member}}}", target.name))
                    })
                    .collect::<Vec<_>>()
                    .join(" or "),
            }),
        }
    }
}
