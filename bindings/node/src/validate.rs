//! `voice.validate(doc, { profile, now? })`: every issue in a document, as plain data.

use callflow_core::voice::{Profile, Validator};
use napi::{Env, JsDate};
use napi_derive::napi;

use crate::clock::system_time;
use crate::document::{Document, JsDocument};
use crate::errors::parse_option;
use crate::report::Report;

/// How to validate a document.
#[napi(object, object_to_js = false, namespace = "voice")]
pub struct ValidateOptions<'env> {
    /// Which body the document is: a Send Callflow `'request'` (`{validUntil?, callflow}`,
    /// starting with `makeCall`) or a `'reply'` to a Voice Call Action webhook
    /// (`{clientActionId?, callflow}`).
    /// @default 'request'
    #[napi(ts_type = "'request' | 'reply'")]
    pub profile: Option<String>,
    /// The clock `validUntil` is checked against; the system clock when absent.
    pub now: Option<JsDate<'env>>,
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
#[napi(
    namespace = "voice",
    catch_unwind,
    ts_args_type = "doc: unknown, options?: ValidateOptions"
)]
pub fn validate(
    env: Env,
    doc: JsDocument<'_>,
    options: Option<ValidateOptions<'_>>,
) -> napi::Result<Report> {
    let (profile, now) = options.map_or((None, None), |options| (options.profile, options.now));
    let profile = parse_option(env, profile, Profile::default())?;
    let mut validator = Validator::new();
    if let Some(now) = &now {
        validator = validator.at(system_time(env, now, "options.now")?);
    }
    let document = Document::read(env, doc)?;
    Ok(Report::from(&validator.validate(&document, profile)))
}
