//! Node bindings of callflow: conversion between JavaScript values and `callflow-core`.
//!
//! Every rule, default and message lives in the core; this crate converts arguments
//! into the core's inputs and its reports and errors into JavaScript values.
//!
//! The `#[napi]` macros generate items and registration functions that neither carry
//! doc comments nor use the crate's visibility conventions, hence the two allowances.
#![allow(missing_docs, unreachable_pub)]
// `#[napi]` registers its exports only outside `cfg(test)`, so a test build sees them unused.
#![cfg_attr(test, allow(dead_code))]

mod body;
mod client;
mod clock;
mod diagram;
mod document;
mod emulator;
mod env_data;
mod errors;
mod events;
mod explorer;
mod ivr;
mod js_depth;
mod js_text;
mod pbx;
mod pbx_simulate;
mod report;
mod validate;
mod webhook;

use napi::bindgen_prelude::{Function, JsObjectValue, Object};
use napi::{Env, Unknown};
use napi_derive::napi;

/// The JavaScript half of `voice`: options read into primitives, reports and events
/// built from what the native functions return, the builders and the action classes.
const VOICE_SOURCE: &str = include_str!("voice.js");

/// Makes the namespaces that `webhooks.js` and `testing.js` re-export (as
/// `callflow-rs/webhooks` and `callflow-rs/testing`) not enumerable at the package's root,
/// so that each of their items has one public place, the subpath.
const HIDE_SOURCE: &str = "(function hide(exports) {
  for (const name of ['webhooks', 'testing']) Object.defineProperty(exports, name, { enumerable: false })
})";

/// Defines the error classes, `webhooks.SOURCE_ADDRESSES` and `webhooks.AUTHORIZATION`,
/// installs the JavaScript half of `voice`, keeps what every call needs, and hides the
/// namespaces of the subpath modules, when the addon is loaded.
#[napi(module_exports)]
pub fn init(mut exports: Object<'_>, env: Env) -> napi::Result<()> {
    env_data::install(env, &mut exports)?;
    ivr::install(env, &exports)?;
    let install_voice: Function<Unknown<'_>, Unknown<'_>> = env.run_script(VOICE_SOURCE)?;
    install_voice.call(exports.get_named_property::<Unknown<'_>>("voice")?)?;
    webhook::export_constants(env, &exports)?;
    let hide: Function<Object<'_>, Unknown<'_>> = env.run_script(HIDE_SOURCE)?;
    hide.call(exports)?;
    Ok(())
}
