//! Shapes of single values: phone numbers, voice profiles, URLs and spoken text.

use crate::voice::params::MAX_TEXT_CHARS;

/// The longest speech profile code accepted (the Verification API's documented limit).
const MAX_PROFILE_LEN: usize = 50;

/// An MSISDN as 8x8 accepts it: an optional `+`, then 7 to 15 digits, the first not 0.
pub(super) fn is_msisdn(text: &str) -> bool {
    let digits = text.strip_prefix('+').unwrap_or(text).as_bytes();
    (7..=15).contains(&digits.len()) && digits[0] != b'0' && digits.iter().all(u8::is_ascii_digit)
}

/// The hint for a number that is an MSISDN once its punctuation is removed.
pub(super) fn msisdn_hint(text: &str) -> Option<String> {
    let stripped: String = text.chars().filter(|c| !" -().".contains(*c)).collect();
    is_msisdn(&stripped).then(|| "remove spaces, dashes and brackets".to_owned())
}

/// A speech profile code: `<lang>-<REGION>-<Name>`, such as `en-US-BenjaminRUS`,
/// `en-GB-Emma` or `en-US-Neural2-C`.
pub(super) fn is_voice_profile(text: &str) -> bool {
    let mut parts = text.split('-');
    let (Some(language), Some(region)) = (parts.next(), parts.next()) else {
        return false;
    };
    let mut names = parts.peekable();
    text.len() <= MAX_PROFILE_LEN
        && is_language(language)
        && is_region(region)
        && names.peek().is_some()
        && names.all(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The profile with the letter case of its language and region fixed, when that is all
/// that is wrong with it.
pub(super) fn voice_profile_hint(text: &str) -> Option<String> {
    let mut parts: Vec<String> = text.split('-').map(str::to_owned).collect();
    if parts.len() < 3 {
        return None;
    }
    parts[0] = parts[0].to_ascii_lowercase();
    parts[1] = parts[1].to_ascii_uppercase();
    let fixed = parts.join("-");
    (fixed != text && is_voice_profile(&fixed)).then(|| format!("did you mean \"{fixed}\"?"))
}

/// A legacy language code: `en` or `en-US`.
pub(super) fn is_language_code(text: &str) -> bool {
    match text.split_once('-') {
        None => is_language(text),
        Some((language, region)) => is_language(language) && is_region(region),
    }
}

fn is_language(part: &str) -> bool {
    (2..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_region(part: &str) -> bool {
    part.len() == 2 && part.bytes().all(|b| b.is_ascii_uppercase())
}

/// Why a `fileUrl` cannot be fetched by the platform, if it cannot.
pub(super) fn file_url_problem(text: &str) -> Option<String> {
    match url::Url::parse(text) {
        Err(err) => Some(format!("is not an absolute URL ({err})")),
        Ok(url) if !matches!(url.scheme(), "http" | "https") => Some(format!(
            "must be an http or https URL, found scheme \"{}\"",
            url.scheme()
        )),
        Ok(_) => None,
    }
}

/// Whether a (valid) `fileUrl` names an MP3 or WAV file.
pub(super) fn is_audio_file_url(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|url| {
        let path = url.path();
        let extension = path.rsplit_once('.').map_or("", |(_, extension)| extension);
        extension.eq_ignore_ascii_case("mp3") || extension.eq_ignore_ascii_case("wav")
    })
}

/// The number of characters in `text`, when more than 8x8 speaks.
pub(super) fn too_long(text: &str) -> Option<usize> {
    if text.len() <= MAX_TEXT_CHARS {
        return None;
    }
    let chars = text.chars().count();
    (chars > MAX_TEXT_CHARS).then_some(chars)
}

/// The first control character in spoken text other than tab and newline.
pub(super) fn control_character(text: &str) -> Option<char> {
    // Printable ASCII, the common case, is ruled out by a loop the compiler vectorises;
    // only other text is decoded character by character.
    let printable = |chunk: &[u8]| {
        chunk
            .iter()
            .fold(true, |ok, b| ok & (0x20..0x7F).contains(b))
    };
    if text.as_bytes().chunks(64).all(printable) {
        return None;
    }
    text.chars()
        .find(|c| c.is_control() && *c != '\t' && *c != '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msisdn_bounds() {
        for good in ["+1234567", "1234567", "123456789012345", "+6512345678"] {
            assert!(is_msisdn(good), "{good}");
        }
        let bad = [
            "123456",
            "1234567890123456",
            "+0234567",
            "++1234567",
            "+65 1234 5678",
            "",
        ];
        for bad in bad {
            assert!(!is_msisdn(bad), "{bad}");
        }
        assert_eq!(
            msisdn_hint("+65 1234-5678").as_deref(),
            Some("remove spaces, dashes and brackets")
        );
        assert_eq!(msisdn_hint("hello"), None);
    }

    #[test]
    fn voice_profiles_seen_in_8x8_material_pass() {
        for good in [
            "en-US-BenjaminRUS",
            "en-GB-Emma",
            "en-US-Neural2-C",
            "en-IE-EmilyNeural",
            "zh-CN-XiaoxiaoNeural",
            "en-US-Standard-A",
            "fil-PH-Angelo",
        ] {
            assert!(is_voice_profile(good), "{good}");
        }
        for bad in [
            "",
            "en-US",
            "en-us-Emma",
            "EN-US-Emma",
            "en-US-",
            "en-US-Em ma",
            "generic-en-male",
        ] {
            assert!(!is_voice_profile(bad), "{bad}");
        }
        assert!(!is_voice_profile(&format!("en-US-{}", "A".repeat(45))));
        assert_eq!(
            voice_profile_hint("en-us-Emma").as_deref(),
            Some("did you mean \"en-US-Emma\"?")
        );
        assert_eq!(voice_profile_hint("en-US-Emma"), None);
        assert_eq!(voice_profile_hint("english"), None);
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("en"));
        assert!(is_language_code("en-US"));
        assert!(!is_language_code("english"));
        assert!(!is_language_code("en-us"));
        assert!(!is_language_code("en-"));
    }

    #[test]
    fn file_urls() {
        assert_eq!(file_url_problem("https://example.com/a.mp3"), None);
        assert!(
            file_url_problem("/a.mp3")
                .unwrap()
                .starts_with("is not an absolute URL")
        );
        assert_eq!(
            file_url_problem("ftp://example.com/a.mp3").as_deref(),
            Some("must be an http or https URL, found scheme \"ftp\"")
        );
        assert!(is_audio_file_url("https://example.com/A.WAV?v=2"));
        assert!(!is_audio_file_url("https://example.com/a.ogg"));
    }

    #[test]
    fn text_rules() {
        assert_eq!(too_long(&"é".repeat(3000)), None);
        assert_eq!(too_long(&"a".repeat(3001)), Some(3001));
        assert_eq!(control_character("tab\tand\nnewline"), None);
        assert_eq!(control_character("carriage\r\n"), Some('\r'));
        assert_eq!(control_character("bell\u{7}"), Some('\u{7}'));
        assert_eq!(control_character("del\u{7f}"), Some('\u{7f}'));
        assert_eq!(control_character("c1 \u{85} next line"), Some('\u{85}'));
        assert_eq!(control_character("Ā and é and ¢"), None);
        for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
            let expected = (c.is_control() && c != '\t' && c != '\n').then_some(c);
            assert_eq!(control_character(&format!("ab{c}cd")), expected, "{c:?}");
            let late = format!("{}{c}", "a".repeat(100));
            assert_eq!(control_character(&late), expected, "{c:?} after 100 bytes");
        }
    }
}
