//! `pbx.simulate` and `pbx.explore`: the core's Yay.com call simulation on a call flow,
//! a call and options given as JavaScript values; results come back as plain objects in
//! the core's JSON shape.

use callflow_core::pbx::{CallFlow, simulate};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::document::{Document, JsDocument};
use crate::errors::{simulation_error, validation_error};
use crate::js_text;

/// The call flow, the call (or template) and the options, read by the core.
fn read(
    env: Env,
    flow: JsDocument<'_>,
    call: Option<JsDocument<'_>>,
    options: Option<JsDocument<'_>>,
) -> napi::Result<(CallFlow, simulate::Call, simulate::Options)> {
    let flow = CallFlow::from_json(&Document::read(env, flow)?)
        .map_err(|err| validation_error(env, &err))?;
    let error = |err: simulate::SimulationError| simulation_error(env, &err);
    let call = match call {
        Some(call) => simulate::Call::from_json(&Document::read(env, call)?).map_err(error)?,
        None => simulate::Call::new(),
    };
    let options = match options {
        Some(options) => {
            simulate::Options::from_json(&Document::read(env, options)?).map_err(error)?
        }
        None => simulate::Options::default(),
    };
    Ok((flow, call, options))
}

/// Simulates one call through a Yay.com call flow (a `pbx.CallFlow`, an object, JSON
/// text or bytes): the modules visited on a virtual clock, what the caller heard, pressed
/// and waited for, how the call ended, and the findings (`call-drops`, `step-cap`,
/// `long-wait`). A call or options that cannot be read throw a `EmulatorError`
/// naming the member; a flow not shaped like one throws `ValidationError`.
#[napi(
    namespace = "pbx",
    js_name = "simulate",
    catch_unwind,
    ts_args_type = "flow: unknown, call?: Call | string | Uint8Array, options?: SimulationOptions",
    ts_return_type = "SimulatedCall"
)]
pub fn pbx_simulate<'env>(
    env: &'env Env,
    flow: JsDocument<'_>,
    call: Option<JsDocument<'_>>,
    options: Option<JsDocument<'_>>,
) -> napi::Result<Unknown<'env>> {
    let (flow, call, options) = read(*env, flow, call, options)?;
    js_text::parse(env, simulate::simulate(&flow, &call, &options).to_json())
}

/// Explores every path of a Yay.com call flow for every class of input, within
/// `options.maxPaths`: the paths, the edges they used, and the findings, each with the
/// shortest call that shows it. `template` fixes what is not varied (an internal call,
/// the tenant's extensions, the caller).
#[napi(
    namespace = "pbx",
    js_name = "explore",
    catch_unwind,
    ts_args_type = "flow: unknown, template?: Call | string | Uint8Array, options?: SimulationOptions",
    ts_return_type = "Exploration"
)]
pub fn pbx_explore<'env>(
    env: &'env Env,
    flow: JsDocument<'_>,
    template: Option<JsDocument<'_>>,
    options: Option<JsDocument<'_>>,
) -> napi::Result<Unknown<'env>> {
    let (flow, template, options) = read(*env, flow, template, options)?;
    js_text::parse(env, simulate::explore(&flow, &template, &options).to_json())
}

/// The edge coverage of a list of scripted calls (a team's tests) through a Yay.com call
/// flow: how many edges they use, and which edges none does. A call that cannot be read
/// throws a `EmulatorError` naming it by its index.
#[napi(
    namespace = "pbx",
    js_name = "coverage",
    catch_unwind,
    ts_args_type = "flow: unknown, calls: Call[] | string | Uint8Array, options?: SimulationOptions",
    ts_return_type = "Coverage"
)]
pub fn pbx_coverage<'env>(
    env: &'env Env,
    flow: JsDocument<'_>,
    calls: JsDocument<'_>,
    options: Option<JsDocument<'_>>,
) -> napi::Result<Unknown<'env>> {
    let (flow, _, options) = read(*env, flow, None, options)?;
    let calls = simulate::Call::list_from_json(&Document::read(*env, calls)?)
        .map_err(|err| simulation_error(*env, &err))?;
    js_text::parse(env, simulate::coverage(&flow, &calls, &options).to_json())
}
