//! The call emulator of `callflow-rs/testing`: `Emulator` (the core's sans-IO engine,
//! driven one webhook at a time from JavaScript or over HTTP by the runner), `Webhook`,
//! `Transcript`, `MapBackend` and `Scenario`.
//!
//! Conversion only: every rule of the call is the core's, and `callflow-rs/testing`
//! drives the engine. No Rust panic reaches JavaScript as a crash: napi's `catch_unwind`
//! turns one into a thrown `Error` (and the emulator it happened in is unusable
//! afterwards), and one in `runHttp` rejects its Promise.

use std::time::Duration;

use callflow_core::voice::emulator::{self as core, EmulatorError, Failure, Response};
use callflow_runner::{HttpBackend, RunnerError};
use napi::bindgen_prelude::{Buffer, Either, PromiseRaw, Uint8Array};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::document::{Document, JsDocument};
use crate::errors::{emulator_error, type_error};
use crate::js_text;

/// A document read by the core with `from_json` (JSON text, its bytes, or a value read as
/// `JSON.stringify` writes it); what the core refuses is a `EmulatorError`.
fn read<T>(
    env: Env,
    doc: JsDocument<'_>,
    from_json: impl FnOnce(&Document) -> Result<T, EmulatorError>,
) -> napi::Result<T> {
    from_json(&Document::read(env, doc)?).map_err(|err| emulator_error(env, &err))
}

/// A script or options argument: the default when absent, else read as [`read`] reads it.
pub(crate) fn read_or_default<T: Default>(
    env: Env,
    doc: Option<JsDocument<'_>>,
    from_json: impl FnOnce(&Document) -> Result<T, EmulatorError>,
) -> napi::Result<T> {
    doc.map_or_else(|| Ok(T::default()), |doc| read(env, doc, from_json))
}

/// An HTTP status given as a JavaScript number.
fn http_status(env: Env, status: f64) -> napi::Result<u16> {
    if status.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(&status) {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole number from 0 to 65535, checked above"
        )]
        Ok(status as u16)
    } else {
        Err(type_error(
            env,
            format!("status must be a whole number from 0 to 65535, not {status}"),
        ))
    }
}

/// A latency given as a JavaScript number: finite and not negative.
fn latency(env: Env, ms: f64) -> napi::Result<f64> {
    if ms.is_finite() && ms >= 0.0 {
        Ok(ms)
    } else {
        Err(type_error(
            env,
            format!("latencyMs must be a finite number of milliseconds, at least 0, not {ms}"),
        ))
    }
}

/// The error of an emulator whose engine is gone.
fn handed_over() -> napi::Error {
    napi::Error::from_reason(
        "this emulator's call was handed to runHttp or given back to its explorer (or failed \
         internally): start a new one",
    )
}

/// One emulated call, driven from JavaScript: take each webhook with `nextWebhook()`,
/// deliver it, and hand back the answer with `respond()` (or `fail()` when no usable
/// answer came) until `nextWebhook()` gives `null`; then read `transcript()`. Or hand the
/// whole call to `runHttp()`. `callflow-rs/testing` does all of this for you.
#[napi(namespace = "testing")]
pub struct Emulator {
    engine: Option<core::Emulator>,
    webhook_timeout_ms: u64,
}

impl Emulator {
    /// An emulator over `engine`, whose options give the webhook timeout.
    pub(crate) fn new(engine: core::Emulator, webhook_timeout_ms: u64) -> Self {
        Emulator {
            engine: Some(engine),
            webhook_timeout_ms,
        }
    }

    /// Reads the script and options, and starts the call with `begin`.
    fn start(
        env: Env,
        script: Option<JsDocument<'_>>,
        options: Option<JsDocument<'_>>,
        begin: impl FnOnce(core::Script, core::Options) -> core::Emulator,
    ) -> napi::Result<Self> {
        let script = read_or_default(env, script, core::Script::from_json)?;
        let options = read_or_default(env, options, core::Options::from_json)?;
        let timeout = options.webhook_timeout_ms;
        Ok(Emulator::new(begin(script, options), timeout))
    }

    /// Takes the call out, to give it back to its explorer: the emulator cannot be used
    /// afterwards.
    pub(crate) fn take(&mut self) -> napi::Result<core::Emulator> {
        self.engine.take().ok_or_else(handed_over)
    }

    /// Runs `work` on the engine. The engine is out of the emulator while it runs, so a
    /// panic leaves the emulator unusable rather than half-updated.
    fn drive<R>(&mut self, work: impl FnOnce(&mut core::Emulator) -> R) -> napi::Result<R> {
        let mut engine = self.engine.take().ok_or_else(handed_over)?;
        let result = work(&mut engine);
        self.engine = Some(engine);
        Ok(result)
    }
}

#[napi(namespace = "testing")]
impl Emulator {
    /// An outbound call from a Send Callflow request (an object in the wire format, a
    /// `voice.Callflow`, JSON text or its bytes, read as `voice.validate` reads it),
    /// checked as the API would check it: a refused request gives a transcript with
    /// `NOT_CREATED` and the status code, and no webhook. `script` is the caller's and
    /// called parties' behaviour and `options` the emulator's settings (each a value,
    /// JSON text or bytes; the defaults when absent): an unusable one throws
    /// `EmulatorError`.
    #[napi(
        factory,
        catch_unwind,
        ts_args_type = "request: voice.RequestJson | voice.Callflow | string | Uint8Array | object, script?: voice.ScriptJson | string | Uint8Array | null, options?: voice.EmulatorOptionsJson | string | Uint8Array | null"
    )]
    pub fn outbound(
        env: Env,
        request: JsDocument<'_>,
        script: Option<JsDocument<'_>>,
        options: Option<JsDocument<'_>>,
    ) -> napi::Result<Self> {
        let request = Document::read(env, request)?;
        Emulator::start(env, script, options, |script, options| {
            core::Emulator::outbound(&request, script, options)
        })
    }

    /// An inbound call from `from` to the virtual number `to`: the first webhook is the
    /// call action of the received call (`CALL_RECEIVED`), whose answer is the call's
    /// first callflow. `script` and `options` as for `outbound`.
    #[napi(
        factory,
        catch_unwind,
        ts_args_type = "from: string, to: string, script?: voice.ScriptJson | string | Uint8Array | null, options?: voice.EmulatorOptionsJson | string | Uint8Array | null"
    )]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript strings to owned ones"
    )]
    pub fn inbound(
        env: Env,
        from: String,
        to: String,
        script: Option<JsDocument<'_>>,
        options: Option<JsDocument<'_>>,
    ) -> napi::Result<Self> {
        Emulator::start(env, script, options, |script, options| {
            core::Emulator::inbound(&from, &to, script, options)
        })
    }

    /// How long the backend may take to answer one webhook (the options'
    /// `webhookTimeoutMs`), in milliseconds: a runner stops waiting then and calls
    /// `fail('timeout', …)`.
    #[napi(getter, catch_unwind)]
    pub fn webhook_timeout_ms(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "milliseconds far below 2^53")]
        let ms = self.webhook_timeout_ms as f64;
        ms
    }

    /// The next webhook to deliver, or `null` once the call is over. Until it is
    /// answered (`respond` or `fail`), the same webhook is returned again.
    #[napi(catch_unwind)]
    pub fn next_webhook(&mut self) -> napi::Result<Option<Webhook>> {
        let webhook = self.drive(core::Emulator::next_webhook)?;
        Ok(webhook.map(|webhook| Webhook { webhook }))
    }

    /// The backend's HTTP answer to the webhook `nextWebhook()` returned: any `status`,
    /// the `body` as text or bytes, and how long the backend took, in milliseconds. The
    /// emulator judges it (an error status, a body that is not JSON, an invalid reply, a
    /// reply later than the webhook timeout). An answer when no webhook is out is
    /// ignored.
    #[napi(
        catch_unwind,
        ts_args_type = "status: number, body: string | Uint8Array, latencyMs: number"
    )]
    pub fn respond(
        &mut self,
        env: Env,
        status: f64,
        body: Either<String, Uint8Array>,
        latency_ms: f64,
    ) -> napi::Result<()> {
        let response = Response::Answered {
            status: http_status(env, status)?,
            body: match body {
                Either::A(text) => text.into_bytes(),
                Either::B(bytes) => bytes.to_vec(),
            },
            latency_ms: latency(env, latency_ms)?,
        };
        self.drive(|engine| engine.respond(response))
    }

    /// No usable answer came to the webhook `nextWebhook()` returned: `failure` says why
    /// (`'timeout'`, `'connection'`, `'too-large'` or `'redirect'`; another name is a
    /// `TypeError`), `detail` in a sentence, and `latencyMs` how long was waited.
    #[napi(
        catch_unwind,
        ts_args_type = "failure: voice.WebhookFailure, detail: string, latencyMs: number"
    )]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript strings to owned ones"
    )]
    pub fn fail(
        &mut self,
        env: Env,
        failure: String,
        detail: String,
        latency_ms: f64,
    ) -> napi::Result<()> {
        let response = Response::Failed {
            failure: failure
                .parse::<Failure>()
                .map_err(|err| type_error(env, err))?,
            detail,
            latency_ms: latency(env, latency_ms)?,
        };
        self.drive(|engine| engine.respond(response))
    }

    /// The transcript so far: complete once `nextWebhook()` returned `null`.
    #[napi(catch_unwind)]
    pub fn transcript(&mut self) -> napi::Result<Transcript> {
        let transcript = self.drive(|engine| engine.transcript().clone())?;
        Ok(Transcript { transcript })
    }

    /// Runs the whole call against a backend over HTTP, on a background thread: each
    /// webhook is posted to its URL (with `secret` as the `Authorization` header), read up
    /// to 1 MiB, never redirected, and abandoned after `webhookTimeoutMs`; what went wrong
    /// is a finding. Resolves to the transcript. The call is handed over: this emulator
    /// cannot be used afterwards. A URL that is not absolute `http(s)`, or a secret a
    /// header cannot carry, is a `TypeError`.
    #[napi(catch_unwind, ts_return_type = "Promise<Transcript>")]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript objects to owned values"
    )]
    pub fn run_http<'env>(
        &mut self,
        env: &'env Env,
        targets: HttpTargets,
    ) -> napi::Result<PromiseRaw<'env, Transcript>> {
        let backend = targets
            .backend(Duration::from_millis(self.webhook_timeout_ms))
            .map_err(|err| runner_error(*env, &err))?;
        let engine = self.engine.take().ok_or_else(handed_over)?;
        let call = async move { backend.emulate(engine).await };
        let task = async move { Ok(tokio::spawn(call).await) };
        env.spawn_future_with_callback(task, |_, joined| match joined {
            Ok(transcript) => Ok(Transcript { transcript }),
            Err(panic) => Err(napi::Error::from_reason(format!(
                "callflow's emulator failed internally in runHttp ({panic}); this is a bug, \
                 please report it with the request, script and options"
            ))),
        })
    }
}

/// Where `Emulator.runHttp` posts the webhooks.
#[napi(object, object_to_js = false, namespace = "testing")]
pub struct HttpTargets {
    /// Where Voice Call Action webhooks go, and every other webhook whose own URL is not
    /// set.
    pub vca_url: String,
    /// Where Voice Call Status webhooks go.
    pub vcs_url: Option<String>,
    /// Where the Voice Session Summary webhook goes.
    pub vss_url: Option<String>,
    /// The `Authorization` header of every webhook, as 8x8 sends a webhook's
    /// `httpAuthHeader`.
    pub secret: Option<String>,
}

impl HttpTargets {
    /// The runner's backend for these targets, abandoning a webhook after `timeout`.
    pub(crate) fn backend(&self, timeout: Duration) -> Result<HttpBackend, RunnerError> {
        let mut backend = HttpBackend::new(&self.vca_url)?.timeout(timeout);
        if let Some(url) = &self.vcs_url {
            backend = backend.status_url(url)?;
        }
        if let Some(url) = &self.vss_url {
            backend = backend.summary_url(url)?;
        }
        if let Some(secret) = &self.secret {
            backend = backend.secret(secret)?;
        }
        Ok(backend)
    }
}

/// What a runner error throws: a `TypeError` for an argument it cannot use, an `Error`
/// when the HTTP client cannot be set up.
pub(crate) fn runner_error(env: Env, err: &RunnerError) -> napi::Error {
    match err {
        RunnerError::Client(_) => napi::Error::from_reason(err.to_string()),
        _ => type_error(env, err.to_string()),
    }
}

/// A webhook the emulated platform delivers: its type, event type, `clientActionId` and
/// the JSON body 8x8 would POST.
#[napi(namespace = "testing")]
pub struct Webhook {
    webhook: core::Webhook,
}

/// A webhook as plain data, what `Webhook.toJSON()` gives.
#[napi(
    object,
    object_from_js = false,
    use_nullable = true,
    namespace = "testing"
)]
pub struct WebhookJson {
    /// `'VCA'`, `'VCS'` or `'VSS'`.
    #[napi(ts_type = "'VCA' | 'VCS' | 'VSS'")]
    pub kind: String,
    /// `'CALL_ACTION'`, `'CALL_STATUS'` or `'SESSION_SUMMARY'`.
    #[napi(ts_type = "'CALL_ACTION' | 'CALL_STATUS' | 'SESSION_SUMMARY'")]
    pub event_type: String,
    /// The `clientActionId` the webhook carries.
    pub client_action_id: Option<String>,
    /// The JSON body.
    pub body: String,
}

#[napi(namespace = "testing")]
impl Webhook {
    /// The platform's webhook type: `'VCA'` (Voice Call Action), `'VCS'` (Voice Call
    /// Status) or `'VSS'` (Voice Session Summary). It decides the URL the webhook goes to.
    #[napi(getter, catch_unwind, ts_return_type = "'VCA' | 'VCS' | 'VSS'")]
    pub fn kind(&self) -> &'static str {
        self.webhook.kind.as_str()
    }

    /// `'CALL_ACTION'`, `'CALL_STATUS'` or `'SESSION_SUMMARY'`.
    #[napi(
        getter,
        catch_unwind,
        ts_return_type = "'CALL_ACTION' | 'CALL_STATUS' | 'SESSION_SUMMARY'"
    )]
    pub fn event_type(&self) -> &'static str {
        self.webhook.event_type
    }

    /// The `clientActionId` the webhook carries, or `null`.
    #[napi(getter, catch_unwind)]
    pub fn client_action_id(&self) -> Option<String> {
        self.webhook.client_action_id.clone()
    }

    /// The JSON body, as 8x8 would POST it.
    #[napi(getter, catch_unwind)]
    pub fn body(&self) -> String {
        self.webhook.body.clone()
    }

    /// The webhook as a plain object, for logs and `JSON.stringify`.
    #[napi(catch_unwind, js_name = "toJSON")]
    pub fn to_wire(&self) -> WebhookJson {
        WebhookJson {
            kind: self.webhook.kind.as_str().to_owned(),
            event_type: self.webhook.event_type.to_owned(),
            client_action_id: self.webhook.client_action_id.clone(),
            body: self.webhook.body.clone(),
        }
    }
}

/// The record of an emulated call: JSON in the documented schema, and text for people.
#[napi(namespace = "testing")]
pub struct Transcript {
    transcript: core::Transcript,
}

#[napi(namespace = "testing")]
impl Transcript {
    /// `true` when no finding is an error.
    #[napi(getter, catch_unwind)]
    pub fn ok(&self) -> bool {
        self.transcript.ok()
    }

    /// The transcript as compact JSON text, in the documented schema.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.transcript.to_json()
    }

    /// The transcript as a plain object, so that `JSON.stringify(transcript)` writes the
    /// same text as `toJson()`.
    #[napi(
        catch_unwind,
        js_name = "toJSON",
        ts_return_type = "voice.TranscriptJson"
    )]
    pub fn to_wire<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        js_text::parse(env, self.transcript.to_json())
    }

    /// The transcript for people: one line per step, then the findings.
    #[napi(catch_unwind)]
    pub fn to_text(&self) -> String {
        self.transcript.to_text()
    }
}

/// A backend written as an IVR map (`{ start?, menus: { [clientActionId]: { [digits]:
/// reply } } }`), answering webhooks as a stateless backend would, deterministically: for
/// tests and the shared vectors.
#[napi(namespace = "testing")]
pub struct MapBackend {
    map: core::MapBackend,
}

/// A backend's HTTP answer to a webhook.
#[napi(object, object_from_js = false, namespace = "testing")]
pub struct HttpAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Buffer,
    /// How long the backend took, in milliseconds.
    pub latency_ms: f64,
}

/// No usable answer to a webhook.
#[napi(object, object_from_js = false, namespace = "testing")]
pub struct FailedAnswer {
    /// Why: `'timeout'`, `'connection'`, `'too-large'` or `'redirect'`.
    #[napi(ts_type = "voice.WebhookFailure")]
    pub failure: String,
    /// The details, in words.
    pub detail: String,
    /// How long was waited, in milliseconds.
    pub latency_ms: f64,
}

#[napi(namespace = "testing")]
impl MapBackend {
    /// Reads an IVR map (a value, JSON text or its bytes); an unusable one throws
    /// `EmulatorError`.
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "map: voice.IvrMapJson | string | Uint8Array"
    )]
    pub fn new(env: Env, map: JsDocument<'_>) -> napi::Result<Self> {
        let map = read(env, map, core::MapBackend::from_json)?;
        Ok(MapBackend { map })
    }

    /// The map's answer to `webhook`, with the latency the map gives (0 unless it says).
    #[napi(catch_unwind)]
    pub fn answer(&self, webhook: &Webhook) -> napi::Result<Either<HttpAnswer, FailedAnswer>> {
        match self.map.answer(&webhook.webhook) {
            Response::Answered {
                status,
                body,
                latency_ms,
            } => Ok(Either::A(HttpAnswer {
                status,
                body: body.into(),
                latency_ms,
            })),
            Response::Failed {
                failure,
                detail,
                latency_ms,
            } => Ok(Either::B(FailedAnswer {
                failure: failure.as_str().to_owned(),
                detail,
                latency_ms,
            })),
            _ => Err(napi::Error::from_reason(
                "the IVR map gave an answer this version of the package does not know",
            )),
        }
    }
}

/// One scripted call with expectations, read from a scenario file: a request (or an
/// inbound call), the caller's script, options, and what the transcript must show.
#[napi(namespace = "testing")]
pub struct Scenario {
    scenario: core::Scenario,
}

#[napi(namespace = "testing")]
impl Scenario {
    /// Reads a scenario (a value, JSON text or its bytes); an unusable one throws
    /// `EmulatorError`.
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "scenario: voice.ScenarioJson | string | Uint8Array"
    )]
    pub fn new(env: Env, scenario: JsDocument<'_>) -> napi::Result<Self> {
        let scenario = read(env, scenario, core::Scenario::from_json)?;
        Ok(Scenario { scenario })
    }

    /// The scenario's name (empty when the file gives none).
    #[napi(getter, catch_unwind)]
    pub fn name(&self) -> String {
        self.scenario.name().to_owned()
    }

    /// A new emulation of the scenario's call.
    #[napi(catch_unwind)]
    pub fn start(&self) -> Emulator {
        let timeout = self.scenario.options().webhook_timeout_ms;
        Emulator::new(self.scenario.start(), timeout)
    }

    /// The expectations `transcript` does not meet, in words; empty when it passes.
    #[napi(catch_unwind)]
    pub fn check(&self, transcript: &Transcript) -> Vec<String> {
        self.scenario.check(&transcript.transcript)
    }
}
