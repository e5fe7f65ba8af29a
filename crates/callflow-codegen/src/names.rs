//! How each language spells a wire name.

/// The snake_case name of a camelCase wire name: `noOfTries` → `no_of_tries`.
pub(crate) fn snake(wire: &str) -> String {
    let mut name = String::with_capacity(wire.len() + 4);
    for ch in wire.chars() {
        if ch.is_ascii_uppercase() {
            name.push('_');
            name.push(ch.to_ascii_lowercase());
        } else {
            name.push(ch);
        }
    }
    name
}

/// The `PascalCase` name of a camelCase wire name: `sayAndCapture` → `SayAndCapture`.
pub(crate) fn pascal(wire: &str) -> String {
    let mut chars = wire.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// A sentence to follow a colon: its first letter in lower case, unless the first word
/// is an acronym (`ISO 3166`, `VOICE`).
pub(crate) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_ascii_lowercase() || second == ' ' => {
            first.to_ascii_lowercase().to_string() + &text[first.len_utf8()..]
        }
        _ => text.to_owned(),
    }
}

/// Text with each `` `code` `` span written as reStructuredText's ``` ``code`` ```.
pub(crate) fn rst(text: &str) -> String {
    text.replace('`', "``")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_names() {
        assert_eq!(snake("noOfTries"), "no_of_tries");
        assert_eq!(pascal("sayAndCapture"), "SayAndCapture");
        assert_eq!(lower_first("Speak text."), "speak text.");
        assert_eq!(lower_first("ISO 3166-1 alpha-2."), "ISO 3166-1 alpha-2.");
        assert_eq!(rst("needs `maxDigits`."), "needs ``maxDigits``.");
    }
}
