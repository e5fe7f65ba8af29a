//! The API clients for Node: `VoiceClient` and `YayClient`, whose calls return Promises
//! run on napi's tokio runtime and reject with the errors of `errors.js`.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use callflow_client::{self as client, Builder, Credentials, Error, NewWebhook, Wait};
use callflow_core::ValidationError;
use callflow_core::pbx::CallFlow;
use callflow_core::voice::Callflow;
use napi::bindgen_prelude::{Either, Either3, Promise, PromiseRaw, ToNapiValue, Uint8Array};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::{Env, Status, Unknown, ValueType};
use napi_derive::napi;

use crate::document::Document;
use crate::errors::{client_error, type_error};
use crate::{env_data, js_text};

/// Why a client call failed: the client's error, or one of JavaScript code it called
/// (a `sleep` option, the change of `modifyFlow`).
enum Failure {
    Client(Error),
    Js(napi::Error),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Client(err)
    }
}

impl From<napi::Error> for Failure {
    fn from(err: napi::Error) -> Self {
        Failure::Js(err)
    }
}

impl From<ValidationError> for Failure {
    fn from(err: ValidationError) -> Self {
        Failure::Client(err.into())
    }
}

/// Runs a client call on napi's tokio runtime and settles the Promise with `convert`'s
/// value, or rejects it with the call's error. A panic in the call rejects the Promise;
/// it never reaches JavaScript as a crash.
fn promise<'env, T, V, E>(
    env: &'env Env,
    call: impl Future<Output = Result<T, E>> + Send + 'static,
    convert: impl FnOnce(&'env Env, T) -> napi::Result<V> + 'static,
) -> napi::Result<PromiseRaw<'env, V>>
where
    T: Send + 'static,
    E: Send + 'static,
    V: ToNapiValue,
    Failure: From<E>,
{
    let task = async move { Ok(tokio::spawn(call).await) };
    env.spawn_future_with_callback(task, move |env, joined| match joined {
        Ok(Ok(value)) => convert(env, value),
        Ok(Err(err)) => Err(match Failure::from(err) {
            Failure::Client(err) => client_error(*env, err),
            Failure::Js(err) => err,
        }),
        Err(panic) => Err(napi::Error::from_reason(format!(
            "callflow's client failed: {panic}"
        ))),
    })
}

/// A value the client returns, as plain JavaScript data through its JSON.
fn plain<'env, T: serde::Serialize>(env: &'env Env, value: &T) -> napi::Result<Unknown<'env>> {
    let text =
        serde_json::to_string(value).map_err(|err| napi::Error::from_reason(err.to_string()))?;
    js_text::parse(env, text)
}

/// [`promise`] for a call whose value becomes plain JavaScript data through its JSON.
fn plain_promise<T: serde::Serialize + Send + 'static, E: Send + 'static>(
    env: &Env,
    call: impl Future<Output = Result<T, E>> + Send + 'static,
) -> napi::Result<PromiseRaw<'_, Unknown<'_>>>
where
    Failure: From<E>,
{
    promise(env, call, |env, value| plain(env, &value))
}

/// A document given as JSON text (a string), its bytes, or a value, as JSON text.
fn json_text(env: Env, doc: Either3<String, Uint8Array, Unknown<'_>>) -> napi::Result<Vec<u8>> {
    Ok(match doc {
        Either3::A(text) => text.into_bytes(),
        Either3::B(bytes) => bytes.to_vec(),
        Either3::C(value) => js_text::stringify(env, value)?
            .unwrap_or_default()
            .into_bytes(),
    })
}

/// A `sleep` option: called with the milliseconds to wait; the wait ends when what it
/// returns settles (at once when that is not a Promise).
type SleepFunction = ThreadsafeFunction<f64, Either<Promise<()>, ()>, f64, Status, false, true>;

/// The settings both clients take; a setting left out is the Rust client's default.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct ClientOptions {
    /// The API's address: `https://voice.8x8.com` (or the legacy
    /// `https://voice.wavecell.com`) for 8x8, `https://api.yay.com` for Yay.
    pub base_url: Option<String>,
    /// Milliseconds one attempt may take, connecting included (more than zero).
    pub timeout: Option<u32>,
    /// Milliseconds connecting may take (more than zero).
    pub connect_timeout: Option<u32>,
    /// How many times a failed request is tried again.
    pub max_retries: Option<u32>,
    /// Whether sending a callflow (or creating a Yay flow) is retried after a timeout, a
    /// dropped connection or a 502/503/504, when the server may already have acted: a
    /// retry could place a second real call.
    pub retry_non_idempotent: Option<bool>,
    /// `YayClient` only: the customer to act for (`X-Auth-For`).
    pub on_behalf_of: Option<String>,
    /// What the client waits with between attempts, given the milliseconds to wait: a
    /// virtual clock for tests (a function that records the wait and returns at once).
    /// The system timer when absent.
    #[napi(ts_type = "(ms: number) => Promise<void> | void")]
    pub sleep: Option<SleepFunction>,
}

/// The builder with `options` applied, built by `build`.
fn configure<C: Credentials, T>(
    env: Env,
    mut builder: Builder<C>,
    options: ClientOptions,
    build: impl FnOnce(Builder<C>) -> Result<T, Error>,
) -> napi::Result<T> {
    if let Some(url) = &options.base_url {
        builder = builder.base_url(url);
    }
    if let Some(ms) = options.timeout {
        builder = builder.timeout(Duration::from_millis(ms.into()));
    }
    if let Some(ms) = options.connect_timeout {
        builder = builder.connect_timeout(Duration::from_millis(ms.into()));
    }
    if let Some(retries) = options.max_retries {
        builder = builder.max_retries(retries);
    }
    if let Some(retry) = options.retry_non_idempotent {
        builder = builder.retry_non_idempotent(retry);
    }
    if let Some(sleep) = options.sleep {
        let sleep = Arc::new(sleep);
        builder = builder.sleep(move |wait: Duration| -> Wait {
            let sleep = Arc::clone(&sleep);
            Box::pin(async move {
                // A `sleep` that throws or rejects ends the wait, as one that settles does.
                let ms = wait.as_secs_f64() * 1000.0;
                if let Ok(Either::A(settled)) = sleep.call_async_catch(ms).await {
                    settled.await.ok();
                }
            })
        });
    }
    build(builder).map_err(|err| client_error(env, err))
}

/// A request as it would be sent, credentials shown as `***`.
#[napi(object, object_from_js = false)]
pub struct RequestPreview {
    /// `'POST'`.
    pub method: String,
    /// The full URL.
    pub url: String,
    /// The headers by lower-case name, credentials redacted.
    pub headers: BTreeMap<String, String>,
    /// The JSON body.
    pub body: Option<String>,
}

/// A webhook type named by a string (`'VCA'`, …, in any case), read by the Rust client.
fn webhook_type(env: Env, name: &str) -> napi::Result<client::WebhookType> {
    name.parse().map_err(|err| client_error(env, err))
}

/// A webhook to set.
#[napi(object, object_to_js = false)]
pub struct NewWebhookOptions {
    /// Which events it receives.
    #[napi(ts_type = "WebhookType")]
    pub r#type: String,
    /// Where 8x8 posts them.
    pub url: String,
    /// The `Authorization` value 8x8 sends with each post.
    pub http_auth_header: Option<String>,
    /// Whether it is on (8x8's default: on).
    pub enabled: Option<bool>,
}

/// A client of the 8x8 Voice API for one sub-account. A callflow is validated before it
/// is sent; sending is not retried once it may have reached 8x8 (a retry could place a
/// second call). The API key is never exposed.
#[napi]
pub struct VoiceClient {
    client: Arc<client::VoiceClient>,
}

#[napi]
impl VoiceClient {
    /// A client for `subaccountId`, authenticated with `apiKey` (a bearer token).
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: Env,
        api_key: String,
        subaccount_id: String,
        options: Option<ClientOptions>,
    ) -> napi::Result<Self> {
        let options = options.unwrap_or_default();
        if options.on_behalf_of.is_some() {
            return Err(type_error(env, "onBehalfOf is an option of YayClient"));
        }
        let builder = client::VoiceClient::builder(api_key, subaccount_id);
        let client = configure(
            env,
            builder,
            options,
            Builder::<client::VoiceCredentials>::build,
        )?;
        Ok(VoiceClient {
            client: Arc::new(client),
        })
    }

    /// The sub-account the requests act on.
    #[napi(getter)]
    pub fn subaccount_id(&self) -> String {
        self.client.subaccount_id().to_owned()
    }

    /// Validates the callflow (a `voice.Callflow`, an object in the wire format, JSON text
    /// or its bytes) and sends it, starting a call. Rejects with `ValidationError`
    /// (nothing sent), `ApiError` or `TransportError`.
    #[napi(
        catch_unwind,
        ts_args_type = "flow: voice.Callflow | voice.RequestJson | string | Uint8Array",
        ts_return_type = "Promise<Session>"
    )]
    pub fn send_callflow<'env>(
        &self,
        env: &'env Env,
        flow: Either3<String, Uint8Array, Unknown<'_>>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let parsed: Result<Callflow, ValidationError> =
            Callflow::from_json(&json_text(*env, flow)?);
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.send_callflow(&parsed?).await })
    }

    /// Validates the callflow and returns the request `sendCallflow` would send, with
    /// the API key redacted. Sends nothing; throws `ValidationError`.
    #[napi(
        catch_unwind,
        ts_args_type = "flow: voice.Callflow | voice.RequestJson | string | Uint8Array"
    )]
    pub fn preview_callflow(
        &self,
        env: Env,
        flow: Either3<String, Uint8Array, Unknown<'_>>,
    ) -> napi::Result<RequestPreview> {
        let preview = Callflow::from_json(&json_text(env, flow)?)
            .map_err(Error::from)
            .and_then(|flow| self.client.preview_callflow(&flow))
            .map_err(|err| client_error(env, err))?;
        Ok(RequestPreview {
            method: preview.method,
            url: preview.url,
            headers: preview.headers.into_iter().collect(),
            body: preview.body,
        })
    }

    /// The TTS voices the sub-account may use.
    #[napi(catch_unwind, ts_return_type = "Promise<SpeechProfile[]>")]
    pub fn speech_profiles<'env>(
        &self,
        env: &'env Env,
    ) -> napi::Result<PromiseRaw<'env, Vec<SpeechProfile>>> {
        let client = Arc::clone(&self.client);
        promise(
            env,
            async move { client.speech_profiles().await },
            |_, list| Ok(list.into_iter().map(SpeechProfile::from).collect()),
        )
    }

    /// The webhooks configured for the sub-account.
    #[napi(catch_unwind, ts_return_type = "Promise<Webhook[]>")]
    pub fn webhooks<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Vec<Webhook>>> {
        let client = Arc::clone(&self.client);
        promise(env, async move { client.webhooks().await }, |_, list| {
            Ok(list.into_iter().map(Webhook::from).collect())
        })
    }

    /// Sets the webhook of one type and resolves to every webhook now configured.
    #[napi(catch_unwind, ts_return_type = "Promise<Webhook[]>")]
    pub fn set_webhook<'env>(
        &self,
        env: &'env Env,
        webhook: NewWebhookOptions,
    ) -> napi::Result<PromiseRaw<'env, Vec<Webhook>>> {
        let mut hook = NewWebhook::new(webhook_type(*env, &webhook.r#type)?, webhook.url);
        if let Some(secret) = webhook.http_auth_header {
            hook = hook.http_auth_header(secret);
        }
        hook.enabled = webhook.enabled;
        let client = Arc::clone(&self.client);
        promise(
            env,
            async move { client.set_webhook(&hook).await },
            |_, list| Ok(list.into_iter().map(Webhook::from).collect()),
        )
    }

    /// Removes the webhook of one type and resolves to it.
    #[napi(
        catch_unwind,
        ts_args_type = "kind: WebhookType",
        ts_return_type = "Promise<Webhook>"
    )]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "napi converts JavaScript strings to owned ones"
    )]
    pub fn delete_webhook<'env>(
        &self,
        env: &'env Env,
        kind: String,
    ) -> napi::Result<PromiseRaw<'env, Webhook>> {
        let kind = webhook_type(*env, &kind)?;
        let client = Arc::clone(&self.client);
        promise(
            env,
            async move { client.delete_webhook(kind).await },
            |_, hook| Ok(Webhook::from(hook)),
        )
    }

    /// The recordings of one session.
    #[napi(
        catch_unwind,
        ts_return_type = "Promise<Array<Record<string, unknown>>>"
    )]
    pub fn recordings<'env>(
        &self,
        env: &'env Env,
        session_id: String,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.recordings(&session_id).await })
    }

    /// The sub-account's virtual numbers and their health.
    #[napi(
        catch_unwind,
        ts_return_type = "Promise<Array<Record<string, unknown>>>"
    )]
    pub fn numbers<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.numbers().await })
    }

    /// One virtual number.
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, unknown>>")]
    pub fn number<'env>(
        &self,
        env: &'env Env,
        number: String,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.number(&number).await })
    }
}

/// A configured webhook, as 8x8 lists it.
#[napi(object, object_from_js = false)]
pub struct Webhook {
    /// Its type: `'VCA'`, `'VSS'`, `'VCS'`, `'VRU'` or `'VNU'`.
    pub r#type: String,
    /// Where 8x8 posts.
    pub url: String,
    /// Whether it is on.
    pub enabled: Option<bool>,
    /// Whether an `Authorization` value is set (the value itself is never returned).
    pub http_auth_header_available: Option<bool>,
}

impl From<client::Webhook> for Webhook {
    fn from(hook: client::Webhook) -> Self {
        Webhook {
            r#type: hook.kind,
            url: hook.url,
            enabled: hook.enabled,
            http_auth_header_available: hook.http_auth_header_available,
        }
    }
}

/// A TTS voice: its code goes in `voiceProfile`.
#[napi(object, object_from_js = false)]
#[expect(clippy::struct_field_names, reason = "the names of the wire format")]
pub struct SpeechProfile {
    /// The code to use in `voiceProfile`, such as `en-US-Standard-A`.
    pub speech_profile_code: String,
    /// The locale, such as `en-US`.
    pub locale_code: String,
    /// The language, such as `EnglishUS`.
    pub locale_description: String,
    /// `'F'` or `'M'`.
    pub gender: String,
}

impl From<client::SpeechProfile> for SpeechProfile {
    fn from(profile: client::SpeechProfile) -> Self {
        SpeechProfile {
            speech_profile_code: profile.speech_profile_code,
            locale_code: profile.locale_code,
            locale_description: profile.locale_description,
            gender: profile.gender,
        }
    }
}

/// A client of Yay.com's call-flow API. Flows come back as objects in Yay's wire format
/// (`name`, `extension`, `flow`, …) and are taken as such an object or a `pbx.CallFlow`;
/// `createFlow` and `updateFlow` run the PBX graph checks (`pbx.check`) first and reject
/// with `ValidationError` instead of sending a flow with errors, and `updateFlow` sends
/// the whole object (Yay resets what is left out).
#[napi]
pub struct YayClient {
    client: Arc<client::YayClient>,
}

/// A change of `modifyFlow`, wrapped by [`wrap_change`].
type Change = ThreadsafeFunction<String, Promise<String>, String, Status, false>;

/// The change of `modifyFlow`, wrapped (by `modify_flow.js`) into an async function from
/// the flow's JSON text to the changed flow's, callable from the client's runtime; a
/// change that is not a function is a `TypeError`, which the Promise rejects with.
fn wrap_change(env: Env, change: Unknown<'_>) -> Result<Change, Failure> {
    if change.get_type()? != ValueType::Function {
        return Err(type_error(env, "change must be a function").into());
    }
    let wrap = env_data::get(env)?.change_wrapper.borrow_back(&env)?;
    Ok(wrap
        .call(change)?
        .build_threadsafe_function()
        .callee_handled::<false>()
        .build()?)
}

/// A Yay call flow from a JavaScript value, read as `JSON.stringify` writes it, or why it
/// is not shaped like one (the Promise rejects with it, as with every other problem).
fn call_flow(env: Env, flow: Unknown<'_>) -> napi::Result<Result<CallFlow, ValidationError>> {
    Ok(CallFlow::from_json(&Document::value(env, flow)?))
}

#[napi]
impl YayClient {
    /// A client authenticated as `user` of `reseller` with `password` (the
    /// `X-Auth-Reseller`, `X-Auth-User` and `X-Auth-Password` headers), acting for
    /// `options.onBehalfOf` when given.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: Env,
        reseller: String,
        user: String,
        password: String,
        options: Option<ClientOptions>,
    ) -> napi::Result<Self> {
        let mut options = options.unwrap_or_default();
        let mut builder = client::YayClient::builder(reseller, user, password);
        if let Some(customer) = options.on_behalf_of.take() {
            builder = builder.on_behalf_of(customer);
        }
        let client = configure(
            env,
            builder,
            options,
            Builder::<client::YayCredentials>::build,
        )?;
        Ok(YayClient {
            client: Arc::new(client),
        })
    }

    /// The active call flows.
    #[napi(
        catch_unwind,
        ts_return_type = "Promise<Array<Record<string, unknown>>>"
    )]
    pub fn list_flows<'env>(
        &self,
        env: &'env Env,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.list_flows().await })
    }

    /// One call flow.
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, unknown>>")]
    pub fn get_flow<'env>(
        &self,
        env: &'env Env,
        uuid: String,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.get_flow(&uuid).await })
    }

    /// Checks and creates a call flow; resolves to it as stored (with its `uuid`). Not
    /// retried once it may have reached the server.
    #[napi(
        catch_unwind,
        ts_args_type = "flow: pbx.CallFlow | Record<string, unknown>",
        ts_return_type = "Promise<Record<string, unknown>>"
    )]
    pub fn create_flow<'env>(
        &self,
        env: &'env Env,
        flow: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let flow = call_flow(*env, flow)?;
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.create_flow(&flow?).await })
    }

    /// Checks and replaces a call flow, sending the whole object.
    #[napi(
        catch_unwind,
        ts_args_type = "uuid: string, flow: pbx.CallFlow | Record<string, unknown>",
        ts_return_type = "Promise<Record<string, unknown>>"
    )]
    pub fn update_flow<'env>(
        &self,
        env: &'env Env,
        uuid: String,
        flow: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let flow = call_flow(*env, flow)?;
        let client = Arc::clone(&self.client);
        plain_promise(env, async move { client.update_flow(&uuid, &flow?).await })
    }

    /// Reads a call flow, lets `change` edit it (in place, or by returning a new flow;
    /// it may be async), and writes the whole object back with `updateFlow` (checked
    /// first). Resolves to the flow as stored.
    #[napi(
        catch_unwind,
        ts_args_type = "uuid: string, change: (flow: Record<string, unknown>) => pbx.CallFlow | Record<string, unknown> | void | Promise<pbx.CallFlow | Record<string, unknown> | void>",
        ts_return_type = "Promise<Record<string, unknown>>"
    )]
    pub fn modify_flow<'env>(
        &self,
        env: &'env Env,
        uuid: String,
        change: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let change = wrap_change(*env, change);
        let client = Arc::clone(&self.client);
        plain_promise(env, async move {
            let change = change?;
            client
                .modify_flow(&uuid, |flow| async move {
                    let text = change.call_async_catch(flow.to_json()).await?.await?;
                    Ok::<_, Failure>(CallFlow::from_json(text.as_str())?)
                })
                .await
        })
    }

    /// Deletes a call flow.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]

    pub fn delete_flow<'env>(
        &self,
        env: &'env Env,
        uuid: String,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let client = Arc::clone(&self.client);
        promise(
            env,
            async move { client.delete_flow(&uuid).await },
            |_, ()| Ok(()),
        )
    }

    /// The next free call-flow extension.
    #[napi(catch_unwind, ts_return_type = "Promise<number>")]
    pub fn next_extension<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, f64>> {
        let client = Arc::clone(&self.client);
        #[expect(clippy::cast_precision_loss, reason = "extensions are small numbers")]
        promise(
            env,
            async move { client.next_extension().await },
            |_, extension| Ok(extension as f64),
        )
    }
}
