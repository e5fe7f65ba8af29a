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
use crate::voice::params::{
    Accepts, MAKE_CALL, MAX_TEXT_CHARS, PLAY_FILE, Param, SAY, SAY_AND_CAPTURE,
};

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
    let presence = if kind.needs_params() {
        Presence::Required
    } else {
        Presence::Optional
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

/// A param's value, typed by what its table entry accepts.
#[derive(Debug, Clone, Copy)]
enum Value<'d> {
    Text(&'d str),
    Integer(u64),
    Number(f64),
    Boolean(bool),
}

impl<'d> Value<'d> {
    fn text(self) -> Option<&'d str> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    fn integer(self) -> Option<u64> {
        match self {
            Value::Integer(n) => Some(n),
            _ => None,
        }
    }

    /// An integer whose range fits a byte.
    fn byte(self) -> Option<u8> {
        self.integer().and_then(|n| u8::try_from(n).ok())
    }

    fn number(self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    fn boolean(self) -> Option<bool> {
        match self {
            Value::Boolean(b) => Some(b),
            _ => None,
        }
    }
}

/// A field read as `Value`, as the type `get` takes out of it.
fn typed<'d, T>(field: Field<Value<'d>>, get: fn(Value<'d>) -> Option<T>) -> Field<T> {
    field.map(|value| value.and_then(get))
}

/// Checks every param of `table`, in its order, and gives each, in the order `held`
/// names them: the order the typed action's fields take them in.
fn read<'d, const N: usize>(
    params: &mut Reader<'_, 'd, '_>,
    table: &[Param; N],
    held: &[usize; N],
) -> [Field<Value<'d>>; N] {
    let checked = table.each_ref().map(|param| read_param(params, param));
    held.map(|index| checked[index])
}

/// Where each of `names` stands in `table`, worked out when compiling. A typed action
/// names every param of its table, so a param added to a table without a field in its
/// typed action does not compile (the arrays' lengths differ), and neither does a name
/// the table lacks or a name given twice: no param is read by its place in the table.
const fn held<const N: usize>(table: &[Param; N], names: [&str; N]) -> [usize; N] {
    let mut places = [0; N];
    let mut field = 0;
    while field < N {
        let mut place = 0;
        while place < N && !same(table[place].name, names[field]) {
            place += 1;
        }
        assert!(place < N, "a typed action names a param its table lacks");
        let mut earlier = 0;
        while earlier < field {
            assert!(
                places[earlier] != place,
                "a typed action names a param twice"
            );
            earlier += 1;
        }
        places[field] = place;
        field += 1;
    }
    places
}

/// Whether two names are the same, in a `const` context.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

/// Checks one param as its table entry says.
fn read_param<'d>(params: &mut Reader<'_, 'd, '_>, param: &Param) -> Field<Value<'d>> {
    let (name, presence) = (param.name, param.presence);
    let text = |field: Field<&'d str>| field.map(|text| text.map(Value::Text));
    match param.accepts {
        Accepts::SpokenText => text(spoken_text(params, name, presence)),
        Accepts::Msisdn(status) => text(msisdn(params, param, status)),
        Accepts::VoiceProfile => text(voice_profile(params, param)),
        Accepts::LanguageCode => text(language(params, param)),
        Accepts::FileUrl => text(file_url(params, param)),
        Accepts::Text | Accepts::Timestamp => text(params.string(name, presence)),
        Accepts::Boolean => params
            .boolean(name, presence)
            .map(|b| b.map(Value::Boolean)),
        Accepts::Integer { min, max } => params
            .integer(name, presence, min, max)
            .map(|n| n.map(Value::Integer)),
        Accepts::Number { min, max } => params
            .number(name, presence, min, max)
            .map(|n| n.map(Value::Number)),
    }
}

fn make_call(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    const HELD: [usize; 3] = held(&MAKE_CALL, ["source", "destination", "callRecording"]);
    let [source, destination, call_recording] = read(params, &MAKE_CALL, &HELD);
    if !params.ck.assembles() {
        return None;
    }
    Some(Action::MakeCall(MakeCall {
        source: typed(source, Value::text).ok()??.to_owned(),
        destination: typed(destination, Value::text).ok()??.to_owned(),
        call_recording: typed(call_recording, Value::boolean).ok()?,
    }))
}

fn say(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    const HELD: [usize; 5] = held(
        &SAY,
        ["text", "voiceProfile", "repetition", "speed", "language"],
    );
    let [text, voice_profile, repetition, speed, language] = read(params, &SAY, &HELD);
    if !params.ck.assembles() {
        return None;
    }
    Some(Action::Say(Say {
        text: typed(text, Value::text).ok()??.to_owned(),
        voice_profile: typed(voice_profile, Value::text).ok()??.to_owned(),
        repetition: typed(repetition, Value::byte).ok()?,
        speed: typed(speed, Value::number).ok()?,
        language: owned(typed(language, Value::text)).ok()?,
    }))
}

fn play_file(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    const HELD: [usize; 2] = held(&PLAY_FILE, ["fileUrl", "repetition"]);
    let [file_url, repetition] = read(params, &PLAY_FILE, &HELD);
    if !params.ck.assembles() {
        return None;
    }
    Some(Action::PlayFile(PlayFile {
        file_url: typed(file_url, Value::text).ok()??.to_owned(),
        repetition: typed(repetition, Value::byte).ok()?,
    }))
}

fn say_and_capture(params: &mut Reader<'_, '_, '_>) -> Option<Action> {
    const HELD: [usize; 12] = held(
        &SAY_AND_CAPTURE,
        [
            "promptMessage",
            "voiceProfile",
            "repetition",
            "speed",
            "minDigits",
            "maxDigits",
            "digitTimeout",
            "overallTimeout",
            "completeOnHash",
            "noOfTries",
            "successMessage",
            "failureMessage",
        ],
    );
    let [
        prompt_message,
        voice_profile,
        repetition,
        speed,
        min_digits,
        max_digits,
        digit_timeout,
        overall_timeout,
        complete_on_hash,
        no_of_tries,
        success_message,
        failure_message,
    ] = read(params, &SAY_AND_CAPTURE, &HELD);
    let min_digits = typed(min_digits, Value::byte);
    let max_digits = typed(max_digits, Value::byte);
    let digit_timeout = typed(digit_timeout, Value::integer);
    let overall_timeout = typed(overall_timeout, Value::integer);
    let complete_on_hash = typed(complete_on_hash, Value::boolean);
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
        prompt_message: typed(prompt_message, Value::text).ok()??.to_owned(),
        voice_profile: typed(voice_profile, Value::text).ok()??.to_owned(),
        repetition: typed(repetition, Value::byte).ok()?,
        speed: typed(speed, Value::number).ok()?,
        min_digits: min_digits.ok()?,
        max_digits: max_digits.ok()?,
        digit_timeout: digit_timeout.ok()?,
        overall_timeout: overall_timeout.ok()?,
        complete_on_hash: complete_on_hash.ok()?,
        no_of_tries: typed(no_of_tries, Value::integer).ok()?,
        success_message: owned(typed(success_message, Value::text)).ok()?,
        failure_message: owned(typed(failure_message, Value::text)).ok()?,
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
    let mark = params.ck.mark();
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
    if params.ck.erred_since(mark) {
        Err(Invalid)
    } else {
        Ok(())
    }
}

fn msisdn<'d>(
    params: &mut Reader<'_, 'd, '_>,
    param: &Param,
    status: StatusCode,
) -> Field<&'d str> {
    params.checked_string(param.name, param.presence, |number| {
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
    let mark = params.ck.mark();
    if presence == Presence::Required && text.is_empty() {
        params
            .ck
            .error(StatusCode::InvalidEntry, &path, "must not be empty");
    } else if let Some(chars) = formats::too_long(text) {
        let detail = format!("must be at most {MAX_TEXT_CHARS} characters long, found {chars}");
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
    if params.ck.erred_since(mark) {
        Err(Invalid)
    } else {
        Ok(Some(text))
    }
}

fn voice_profile<'d>(params: &mut Reader<'_, 'd, '_>, param: &Param) -> Field<&'d str> {
    let status = StatusCode::InvalidSpeechProfile;
    params.checked_string(param.name, param.presence, |profile| {
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

fn language<'d>(params: &mut Reader<'_, 'd, '_>, param: &Param) -> Field<&'d str> {
    params.checked_string(param.name, param.presence, |code| {
        (!formats::is_language_code(code)).then(|| {
            let detail = format!("{code:?} is not a language code such as en or en-US");
            Problem::new(StatusCode::InvalidSpeechProfile, detail)
        })
    })
}

fn file_url<'d>(params: &mut Reader<'_, 'd, '_>, param: &Param) -> Field<&'d str> {
    let url = params.checked_string(param.name, param.presence, |url| {
        formats::file_url_problem(url).map(|detail| Problem::new(StatusCode::InvalidEntry, detail))
    })?;
    if let Some(url) = url
        && !formats::is_audio_file_url(url)
    {
        let detail = "does not end in .mp3 or .wav; 8x8 plays MP3 and WAV files only";
        let path = params.at(param.name);
        params
            .ck
            .warning(StatusCode::InvalidEntry, &path, detail, || None);
    }
    Ok(url)
}
