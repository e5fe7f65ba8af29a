//! Short texts for node labels.

/// The most characters a label line shows.
const MAX_CHARS: usize = 28;

/// `text` fit for a label: a uuid as its first 8 characters, anything long cut short,
/// control characters dropped; an ellipsis marks what was cut.
pub(super) fn short(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if is_uuid(&clean) {
        return format!("{}…", &clean[..8]);
    }
    if clean.chars().count() <= MAX_CHARS {
        return clean;
    }
    let mut cut: String = clean.chars().take(MAX_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(index, b)| match index {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_uuids_and_long_text() {
        assert_eq!(short("fdc20592-2757-4a9a-a1d3-3c4e7b6a39d6"), "fdc20592…");
        assert_eq!(short("menu"), "menu");
        assert_eq!(short(&"x".repeat(100)).chars().count(), MAX_CHARS);
        assert_eq!(short("a\nb"), "ab");
    }
}
