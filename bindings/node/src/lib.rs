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
mod builder;
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

use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;

/// Defines the error classes, `voice.SOURCE_ADDRESSES` and `YayClient.modifyFlow`, and
/// keeps what every call needs, when the addon is loaded.
#[napi(module_exports)]
pub fn init(mut exports: Object<'_>, env: Env) -> napi::Result<()> {
    env_data::install(env, &mut exports)?;
    client::install_modify_flow(env, &exports)?;
    ivr::install(env, &exports)?;
    webhook::export_source_addresses(env, &exports)
}
