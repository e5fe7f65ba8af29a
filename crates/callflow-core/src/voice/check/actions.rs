//! One callflow action: its name, its params, and the rules between them.

use std::fmt;

use super::Checker;
use super::formats;
use super::reader::{Expected, Field, Invalid, Presence, Problem, Reader, owned};
use crate::json::Json;
use crate::path::Path;
use crate::suggest::did_you_mean;
use crate::voice::StatusCode;
use crate::voice::action::{Action, ActionKind, MakeCall, PlayFile, Say, SayAndCapture};

const ACTION_FIELDS: [&str; 2] = ["action", "params"];

/// Checks the action at `path`: its kind when the name is valid, and the typed action
/// when nothing in it is invalid.
pub(super) fn action(
    ck: &mut Checker,
    item: &Json<'_>,
    path: &Path<'_>,
) -> (Option<ActionKind>, Option<Action>) {
    if !matches!(item, Json::Object(_)) {
        ck.wrong_type(path, false, Expected::Object, item);
        return (None, None);
    }
    let mut reader = Reader {
        ck,
        object: item,
        path,
    };
    reader.reject_unknown(
        &ACTION_FIELDS,
        || "is not a field of an action (accepted: action, params)".to_owned(),
        |key| did_you_mean(key, &ACTION_FIELDS),
    );
    let Some(kind) = action_kind(&mut reader) else {
        return (None, None);
    };
    let params_path = reader.at("params");
    let presence = if kind == ActionKind::Hangup {
        Presence::Optional
    } else {
        Presence::Required
    };
    let empty = Json::Object(Vec::new());
    let params = match reader.value("params", presence) {
        Err(Invalid) => return (Some(kind), None),
        Ok(None) => &empty,
        Ok(Some(params @ Json::Object(_))) => params,
        Ok(Some(other)) => {
            reader
                .wrong_type::<()>("params", presence, Expected::Object, other)
                .ok();
            return (Some(kind), None);
        }
    };
    let mut params = Reader {
        ck: reader.ck,
        object: params,
        path: &params_path,
    };
    reject_unknown_params(&mut params, kind);
    let action = match kind {
        ActionKind::MakeCall => make_call(&mut params),
        ActionKind::Say => say(&mut params),
        ActionKind::PlayFile => play_file(&mut params),
        ActionKind::SayAndCapture => say_and_capture(&mut params),
        ActionKind::Hangup => Some(Action::Hangup),
    };
    (Some(kind), action)
}

fn action_kind(reader: &mut Reader<'_, '_, '_>) -> Option<ActionKind> {
    let name = reader.string("action", Presence::Required).ok()??;
    let kind = ActionKind::from_name(name);
    if kind.is_none() {
        let names = ActionKind::ALL.map(ActionKind::name);
        let detail =
            fmt::from_fn(|f| write!(f, "should be one of: {} (found {name:?})", names.join(", ")));
        let path = reader.at("action");
        reader
            .ck
            .error_hint(StatusCode::InvalidAction, &path, detail, || {
                did_you_mean(name, &names)
            });
    }
    kind
}

fn reject_unknown_params(params: &mut Reader<'_, '_, '_>, kind: ActionKind) {
    let accepted = kind.params();
    let detail = || match accepted {
        [] => format!(
            "is not a parameter of {0} ({0} takes no parameters)",
            kind.name()
        ),
        _ => format!(
            "is not a parameter of {} (accepted: {})",
            kind.name(),
            accepted.join(", ")
        ),
    };
    params.reject_unknown(accepted, detail, |key| {
        did_you_mean(key, accepted).or_else(|| {
            let owners: Vec<&str> = ActionKind::ALL
                .into_iter()
                .filter(|other| other.params().contains(&key))
                .map(ActionKind::name)
                .collect();
            (!owners.is_empty())
                .then(|| format!("\"{key}\" is a parameter of {}", owners.join(", ")))
        })
    });
}

fn make_call(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    let source = msisdn(params, "source", StatusCode::InvalidEntry);
    let destination = msisdn(params, "destination", StatusCode::InvalidMsisdn);
    let call_recording = params.boolean("callRecording", Presence::Optional);
    if !params.ck.assembles() {
        return None;
    }
    Some(Action::MakeCall(MakeCall {
        source: source.ok()??.to_owned(),
        destination: destination.ok()??.to_owned(),
        call_recording: call_recording.ok()?,
    }))
}

fn say(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    let text = spoken_text(params, "text", Presence::Required);
    let voice_profile = voice_profile(params);
    let repetition = repetition(params);
    let speed = speed(params);
    let language = language(params);
    if !params.ck.assembles() {
        return None;
    }
    Some(Action::Say(Say {
        text: text.ok()??.to_owned(),
        voice_profile: voice_profile.ok()??.to_owned(),
        repetition: repetition.ok()?,
        speed: speed.ok()?,
        language: owned(language).ok()?,
    }))
}

fn play_file(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    let file_url = file_url(params);
    let repetition = repetition(params);
    if !params.ck.assembles() {
        return None;
    }
    Some(Action::PlayFile(PlayFile {
        file_url: file_url.ok()??.to_owned(),
        repetition: repetition.ok()?,
    }))
}

fn say_and_capture(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    let prompt_message = spoken_text(params, "promptMessage", Presence::Required);
    let voice_profile = voice_profile(params);
    let repetition = repetition(params);
    let speed = speed(params);
    let min_digits = digits(params, "minDigits");
    let max_digits = digits(params, "maxDigits");
    let digit_timeout = positive(params, "digitTimeout");
    let overall_timeout = positive(params, "overallTimeout");
    let complete_on_hash = params.boolean("completeOnHash", Presence::Nullable);
    let no_of_tries = positive(params, "noOfTries");
    let success_message = spoken_text(params, "successMessage", Presence::Nullable);
    let failure_message = spoken_text(params, "failureMessage", Presence::Nullable);
    let related = capture_rules(
        params,
        min_digits,
        max_digits,
        digit_timeout,
        overall_timeout,
        complete_on_hash,
    );
    related.ok()?;
    if !params.ck.assembles() {
        return None;
    }
    Some(Action::SayAndCapture(SayAndCapture {
        prompt_message: prompt_message.ok()??.to_owned(),
        voice_profile: voice_profile.ok()??.to_owned(),
        repetition: repetition.ok()?,
        speed: speed.ok()?,
        min_digits: min_digits.ok()?,
        max_digits: max_digits.ok()?,
        digit_timeout: digit_timeout.ok()?,
        overall_timeout: overall_timeout.ok()?,
        complete_on_hash: complete_on_hash.ok()?,
        no_of_tries: no_of_tries.ok()?,
        success_message: owned(success_message).ok()?,
        failure_message: owned(failure_message).ok()?,
    }))
}

/// The rules between the digit and timeout params of `sayAndCapture`. Params that are
/// themselves invalid take no part.
fn capture_rules(
    params: &mut Reader<'_, '_, '_>,
    min_digits: Field<u8>,
    max_digits: Field<u8>,
    digit_timeout: Field<u64>,
    overall_timeout: Field<u64>,
    complete_on_hash: Field<bool>,
) -> Result<(), Invalid> {
    let before = params.ck.issue_count();
    if let (Ok(Some(min)), Ok(Some(max))) = (min_digits, max_digits)
        && min > max
    {
        let detail = format!("must not be greater than maxDigits ({min} > {max})");
        params
            .ck
            .error(StatusCode::InvalidEntry, &params.at("minDigits"), detail);
    }
    if matches!(min_digits, Ok(Some(_))) && max_digits == Ok(None) {
        let path = params.at("maxDigits");
        params.ck.error(
            StatusCode::MinDigitsWithoutMaxDigits,
            &path,
            "is required when minDigits is given",
        );
    }
    if matches!(digit_timeout, Ok(Some(_))) && overall_timeout == Ok(None) {
        let path = params.at("overallTimeout");
        params.ck.error(
            StatusCode::DigitTimeoutWithoutOverallTimeout,
            &path,
            "is required when digitTimeout is given",
        );
    }
    if let (Ok(Some(digit)), Ok(Some(overall))) = (digit_timeout, overall_timeout)
        && overall < digit
    {
        let detail = format!("must not be smaller than digitTimeout ({overall} < {digit})");
        params.ck.error(
            StatusCode::OverallTimeoutTooSmall,
            &params.at("overallTimeout"),
            detail,
        );
    }
    if complete_on_hash == Ok(Some(false)) && max_digits == Ok(None) {
        let path = params.at("maxDigits");
        params.ck.error(
            StatusCode::MaxDigitsRequiredWithoutHash,
            &path,
            "is required when completeOnHash is false",
        );
    }
    if params.ck.issue_count() == before {
        Ok(())
    } else {
        Err(Invalid)
    }
}

fn msisdn<'d>(
    params: &mut Reader<'_, 'd, '_>,
    name: &'static str,
    status: StatusCode,
) -> Field<&'d str> {
    params.checked_string(name, Presence::Required, |number| {
        (!formats::is_msisdn(number)).then(|| {
            let detail = format!(
                "{number:?} is not an MSISDN (an optional +, then 7 to 15 digits, the first not 0)"
            );
            Problem::new(status, detail).with_hint(formats::msisdn_hint(number))
        })
    })
}

/// Text the platform speaks: not too long, no control characters, and (when required)
/// not empty.
fn spoken_text<'d>(
    params: &mut Reader<'_, 'd, '_>,
    name: &'static str,
    presence: Presence,
) -> Field<&'d str> {
    let Some(text) = params.string(name, presence)? else {
        return Ok(None);
    };
    let path = params.at(name);
    let before = params.ck.issue_count();
    if presence == Presence::Required && text.is_empty() {
        params
            .ck
            .error(StatusCode::InvalidEntry, &path, "must not be empty");
    } else if let Some(chars) = formats::too_long(text) {
        let detail = format!(
            "must be at most {} characters long, found {chars}",
            formats::MAX_TEXT_CHARS
        );
        params.ck.error(StatusCode::InvalidEntry, &path, detail);
    }
    if let Some(control) = formats::control_character(text) {
        let detail = format!(
            "contains the control character U+{:04X}; only tab and newline are accepted",
            u32::from(control)
        );
        params
            .ck
            .error(StatusCode::InvalidCharacters, &path, detail);
    }
    if params.ck.issue_count() == before {
        Ok(Some(text))
    } else {
        Err(Invalid)
    }
}

fn voice_profile<'d>(params: &mut Reader<'_, 'd, '_>) -> Field<&'d str> {
    let status = StatusCode::InvalidSpeechProfile;
    params.checked_string("voiceProfile", Presence::Required, |profile| {
        if formats::is_voice_profile(profile) {
            None
        } else if profile.is_empty() {
            Some(Problem::new(status, "must not be empty"))
        } else {
            let detail = format!(
                "{profile:?} is not a voice profile code such as en-US-BenjaminRUS or en-GB-Emma"
            );
            Some(Problem::new(status, detail).with_hint(formats::voice_profile_hint(profile)))
        }
    })
}

fn language<'d>(params: &mut Reader<'_, 'd, '_>) -> Field<&'d str> {
    params.checked_string("language", Presence::Optional, |code| {
        (!formats::is_language_code(code)).then(|| {
            let detail = format!("{code:?} is not a language code such as en or en-US");
            Problem::new(StatusCode::InvalidSpeechProfile, detail)
        })
    })
}

fn file_url<'d>(params: &mut Reader<'_, 'd, '_>) -> Field<&'d str> {
    let url = params.checked_string("fileUrl", Presence::Required, |url| {
        formats::file_url_problem(url).map(|detail| Problem::new(StatusCode::InvalidEntry, detail))
    })?;
    if let Some(url) = url
        && !formats::is_audio_file_url(url)
    {
        let detail = "does not end in .mp3 or .wav; 8x8 plays MP3 and WAV files only";
        let path = params.at("fileUrl");
        params
            .ck
            .warning(StatusCode::InvalidEntry, &path, detail, || None);
    }
    Ok(url)
}

fn repetition(params: &mut Reader<'_, '_, '_>) -> Field<u8> {
    small(params.integer("repetition", Presence::Optional, 1, Some(3)))
}

fn speed(params: &mut Reader<'_, '_, '_>) -> Field<f64> {
    params.number("speed", Presence::Optional, 0.5, 2.0)
}

fn digits(params: &mut Reader<'_, '_, '_>, name: &'static str) -> Field<u8> {
    small(params.integer(name, Presence::Nullable, 1, Some(25)))
}

fn positive(params: &mut Reader<'_, '_, '_>, name: &'static str) -> Field<u64> {
    params.integer(name, Presence::Nullable, 1, None)
}

/// A range-checked integer that fits a byte.
fn small(field: Field<u64>) -> Field<u8> {
    field.map(|value| value.and_then(|n| u8::try_from(n).ok()))
}
