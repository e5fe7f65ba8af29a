//! The IVR explorer of `callflow-rs/testing`: `Explorer` (the core's sans-IO explorer, handing out one
//! `Emulator` per input path and taking it back once run, or running the whole
//! exploration over HTTP with the runner) and `Exploration`, what it found.
//!
//! Conversion only: `callflow-rs/testing` drives each call as `emulate` does; every rule
//! of the search is the core's. No Rust panic reaches JavaScript as a crash: napi's
//! `catch_unwind` turns one into a thrown `Error` (the explorer it happened in is
//! unusable afterwards), and one in `runHttp` rejects its Promise.

use std::time::Duration;

use callflow_core::voice::emulator as core;
use napi::bindgen_prelude::PromiseRaw;
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::document::{Document, JsDocument};
use crate::emulator::{Emulator, HttpTargets, read_or_default, runner_error};
use crate::errors::emulator_error;
use crate::js_text;

/// The error of an explorer whose exploration is gone.
fn handed_over() -> napi::Error {
    napi::Error::from_reason(
        "this explorer's exploration was handed to runHttp (or failed internally): start a \
         new one",
    )
}

/// Maps a backend's whole IVR: `nextCall()` gives the next call to run (a
/// `Emulator` with the path's caller script), `record()` takes it back once it has
/// run, and `exploration()` tells what was found; or `runHttp()` runs all of it against a
/// URL. `callflow-rs/testing`'s `explore` does all of this for you.
#[napi(namespace = "testing")]
pub struct Explorer {
    explorer: Option<core::Explorer>,
    webhook_timeout_ms: u64,
}

impl Explorer {
    /// Reads the emulator options and the explorer settings, and starts with `begin`.
    fn start(
        env: Env,
        options: Option<JsDocument<'_>>,
        settings: Option<JsDocument<'_>>,
        begin: impl FnOnce(
            core::Options,
            core::ExploreOptions,
        ) -> Result<core::Explorer, core::EmulatorError>,
    ) -> napi::Result<Self> {
        let options = read_or_default(env, options, core::Options::from_json)?;
        let settings = read_or_default(env, settings, core::ExploreOptions::from_json)?;
        let webhook_timeout_ms = options.webhook_timeout_ms;
        let explorer = begin(options, settings).map_err(|err| emulator_error(env, &err))?;
        Ok(Explorer {
            explorer: Some(explorer),
            webhook_timeout_ms,
        })
    }

    /// Runs `work` on the explorer. It is out of this object while it runs, so a panic
    /// leaves the explorer unusable rather than half-updated.
    fn drive<R>(&mut self, work: impl FnOnce(&mut core::Explorer) -> R) -> napi::Result<R> {
        let mut explorer = self.explorer.take().ok_or_else(handed_over)?;
        let result = work(&mut explorer);
        self.explorer = Some(explorer);
        Ok(result)
    }
}

#[napi(namespace = "testing")]
impl Explorer {
    /// Explores the IVR a Send Callflow request starts (given as `Emulator.outbound`
    /// takes it). `options` are the emulator's and `settings` the explorer's (`{maxCalls,
    /// maxDepth, dialect}`), each a value, JSON text or bytes; the defaults when absent.
    /// A request that is not JSON, or unusable options, throw `EmulatorError`.
    #[napi(
        factory,
        catch_unwind,
        ts_args_type = "request: voice.RequestJson | voice.Callflow | string | Uint8Array | object, options?: voice.EmulatorOptionsJson | string | Uint8Array | null, settings?: voice.ExploreSettingsJson | string | Uint8Array | null"
    )]
    pub fn outbound(
        env: Env,
        request: JsDocument<'_>,
        options: Option<JsDocument<'_>>,
        settings: Option<JsDocument<'_>>,
    ) -> napi::Result<Self> {
        let request = Document::read(env, request)?;
        Explorer::start(env, options, settings, |options, settings| {
            core::Explorer::outbound(&request, options, settings)
        })
    }

    /// Explores the IVR a call from `from` to the virtual number `to` meets; `options`
    /// and `settings` as for `outbound`.
    #[napi(
        factory,
        catch_unwind,
        ts_args_type = "from: string, to: string, options?: voice.EmulatorOptionsJson | string | Uint8Array | null, settings?: voice.ExploreSettingsJson | string | Uint8Array | null"
    )]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript strings to owned ones"
    )]
    pub fn inbound(
        env: Env,
        from: String,
        to: String,
        options: Option<JsDocument<'_>>,
        settings: Option<JsDocument<'_>>,
    ) -> napi::Result<Self> {
        Explorer::start(env, options, settings, |options, settings| {
            Ok(core::Explorer::inbound(&from, &to, options, settings))
        })
    }

    /// How long the backend may take to answer one webhook, in milliseconds (the
    /// options' `webhookTimeoutMs`), as `Emulator.webhookTimeoutMs`.
    #[napi(getter, catch_unwind)]
    pub fn webhook_timeout_ms(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "milliseconds far below 2^53")]
        let ms = self.webhook_timeout_ms as f64;
        ms
    }

    /// The next call to run, or `null` once the exploration is over. Run it to its end,
    /// then give it back with `record()`.
    #[napi(catch_unwind)]
    pub fn next_call(&mut self) -> napi::Result<Option<Emulator>> {
        let timeout = self.webhook_timeout_ms;
        let call = self.drive(core::Explorer::next_call)?;
        Ok(call.map(|engine| Emulator::new(engine, timeout)))
    }

    /// Takes back the call `nextCall()` gave, once it has run; that emulator cannot be
    /// used afterwards.
    #[napi(catch_unwind)]
    pub fn record(&mut self, call: &mut Emulator) -> napi::Result<()> {
        let engine = call.take()?;
        self.drive(|explorer| explorer.record(engine))
    }

    /// What was found so far: all of it once `nextCall()` gave `null`.
    #[napi(catch_unwind)]
    pub fn exploration(&mut self) -> napi::Result<Exploration> {
        let exploration = self.drive(|explorer| explorer.exploration())?;
        Ok(Exploration { exploration })
    }

    /// Runs the rest of the exploration against a backend over HTTP, on a background
    /// thread, each call as `Emulator.runHttp` runs one, and resolves to what it
    /// found. The exploration is handed over: this explorer cannot be used afterwards. A
    /// URL that is not absolute `http(s)`, or a secret a header cannot carry, is a
    /// `TypeError`.
    #[napi(catch_unwind, ts_return_type = "Promise<Exploration>")]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript objects to owned values"
    )]
    pub fn run_http<'env>(
        &mut self,
        env: &'env Env,
        targets: HttpTargets,
    ) -> napi::Result<PromiseRaw<'env, Exploration>> {
        let backend = targets
            .backend(Duration::from_millis(self.webhook_timeout_ms))
            .map_err(|err| runner_error(*env, &err))?;
        let explorer = self.explorer.take().ok_or_else(handed_over)?;
        let work = async move { backend.explore(explorer).await };
        let task = async move { Ok(tokio::spawn(work).await) };
        env.spawn_future_with_callback(task, |_, joined| match joined {
            Ok(exploration) => Ok(Exploration { exploration }),
            Err(panic) => Err(napi::Error::from_reason(format!(
                "callflow's explorer failed internally in runHttp ({panic}); this is a bug, \
                 please report it with the request and options"
            ))),
        })
    }
}

/// What an exploration found: the menus and what each input did, coverage, findings
/// with the shortest path to each, and the IVR map.
#[napi(namespace = "testing")]
pub struct Exploration {
    exploration: core::Exploration,
}

#[napi(namespace = "testing")]
impl Exploration {
    /// `true` when no finding is an error.
    #[napi(getter, catch_unwind)]
    pub fn ok(&self) -> bool {
        self.exploration.ok
    }

    /// The exploration as compact JSON text, the same in every language.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.exploration.to_json()
    }

    /// The exploration as a plain object, so that `JSON.stringify(exploration)` writes
    /// the same text as `toJson()`.
    #[napi(
        catch_unwind,
        js_name = "toJSON",
        ts_return_type = "voice.ExplorationJson"
    )]
    pub fn to_wire<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        js_text::parse(env, self.exploration.to_json())
    }

    /// The exploration for people: coverage, each menu's inputs grouped by outcome, then
    /// the findings.
    #[napi(catch_unwind)]
    pub fn to_text(&self) -> String {
        self.exploration.to_text()
    }

    /// One scenario per finding, `{ file, scenario }`: the call, the path's caller script
    /// and the expectation that the call has no error, which holds once the finding is
    /// fixed (`runScenario` replays it).
    #[napi(catch_unwind, ts_return_type = "voice.ExploreScenarioFile[]")]
    pub fn scenarios<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let files: Vec<serde_json::Value> = self
            .exploration
            .scenarios()
            .into_iter()
            .map(|(file, scenario)| serde_json::json!({"file": file, "scenario": scenario}))
            .collect();
        js_text::parse(env, serde_json::Value::Array(files).to_string())
    }
}
