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
        assert_eq!(rst("needs `maxDigits`."), "needs ``maxDigits``.");
    }
}
