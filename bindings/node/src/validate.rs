//! `voice.validate(doc, { profile, now? })`: every issue in a document, as plain data.

use callflow_core::voice::{Profile, Validator};
use napi::bindgen_prelude::Either;
use napi::{Env, JsDate};
use napi_derive::napi;

use crate::clock::system_time;
use crate::document::{Document, JsDocument};
use crate::errors::parse_option;
use crate::report;

/// The profiles by the number the JavaScript layer passes for them.
const PROFILES: [Profile; 2] = [Profile::Request, Profile::Reply];

/// A profile as the JavaScript layer passes it: the number of a known name, or a name
/// it does not know, which the core reads (and refuses with its own message).
pub(crate) fn profile(env: Env, profile: Either<u32, String>) -> napi::Result<Profile> {
    match profile {
        Either::A(number) => Ok(usize::try_from(number)
            .ok()
            .and_then(|index| PROFILES.get(index).copied())
            .unwrap_or_default()),
        Either::B(name) => parse_option(env, Some(name), Profile::default()),
    }
}

/// Every issue in a document, as plain data: `{ ok, statusCode, issues }`, plus
/// `omitted` when more issues were found than listed.
///
/// `doc` is JSON text (a string), its UTF-8 bytes (a `Buffer` or `Uint8Array`), or a
/// value, read exactly as `JSON.stringify` writes it (`toJSON` called; `undefined`,
/// functions and symbols left out). A cyclic value, or one nesting deeper than 128
/// levels, gives status `-1001`; whatever else `JSON.stringify` throws (a `BigInt`, a
/// getter that throws) is thrown. Without options, `doc` is checked as a `'request'`
/// on the system clock; an unknown `profile` is a `TypeError`.
// The package's JavaScript layer (`voice.js`) takes this function's place: it reads the
// options into `profile` (a number, see `PROFILES`) and `now`, writes a value with
// `JSON.stringify` itself, and builds the report from what this returns.
#[napi(
    namespace = "voice",
    catch_unwind,
    ts_args_type = "doc: unknown, options?: ValidateOptions",
    ts_return_type = "Report"
)]
pub fn validate(
    env: Env,
    doc: JsDocument<'_>,
    profile: Either<u32, String>,
    now: Option<JsDate<'_>>,
) -> napi::Result<Either<u32, String>> {
    let profile = self::profile(env, profile)?;
    let mut validator = Validator::new();
    if let Some(now) = &now {
        validator = validator.at(system_time(env, now, "options.now")?);
    }
    let document = Document::read(env, doc)?;
    Ok(report::compact(&validator.validate(&document, profile)))
}
