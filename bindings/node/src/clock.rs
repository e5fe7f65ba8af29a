//! JavaScript `Date`s as points in time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use napi::{Env, JsDate};

use crate::errors::type_error;

/// The time a `Date` holds; `what` names it in the error for an invalid `Date`.
pub(crate) fn system_time(env: Env, date: &JsDate<'_>, what: &str) -> napi::Result<SystemTime> {
    let millis = date.value_of()?;
    let offset = Duration::try_from_secs_f64(millis.abs() / 1000.0)
        .map_err(|_| type_error(env, format!("{what} is an invalid Date")))?;
    Ok(if millis < 0.0 {
        UNIX_EPOCH - offset
    } else {
        UNIX_EPOCH + offset
    })
}
