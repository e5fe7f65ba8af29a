//! The API clients for Node: `VoiceClient` and `YayClient`, whose calls return Promises
//! run on napi's tokio runtime, and the fields of `CallflowApiError`, what they
//! reject with.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use callflow_client::{self as client, Builder, Credentials, Error, NewWebhook};
use callflow_core::ValidationError;
use callflow_core::pbx::CallFlow;
use callflow_core::voice::Callflow;
use napi::bindgen_prelude::{
    Either3, Function, JsObjectValue, Object, PromiseRaw, ToNapiValue, Uint8Array,
};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::document::Document;
use crate::errors::{api_error, type_error, validation_error};
use crate::js_text;

/// The fields of a `CallflowApiError`.
#[napi(object, object_from_js = false)]
pub struct ApiErrorFields {
    /// `ERR_CALLFLOW_API` for an error answer; `ERR_CALLFLOW_TIMEOUT`,
    /// `ERR_CALLFLOW_CONNECT`, `ERR_CALLFLOW_CONNECTION`, `ERR_CALLFLOW_BODY_TOO_LARGE` or
    /// `ERR_CALLFLOW_INVALID_RESPONSE` when no usable answer came.
    pub code: String,
    /// The HTTP status of an error answer.
    pub status: Option<u16>,
    /// The platform's status code from the body (`-1013`, `401`, …).
    pub status_code: Option<i32>,
    /// The platform's message.
    pub status_message: Option<String>,
    /// The id the platform gave the request (`callFlowRequestId` or `errorId`).
    pub request_id: Option<String>,
    /// The milliseconds the server asked to wait (`Retry-After`).
    pub retry_after: Option<f64>,
}

/// What a failed call rejects with: `CallflowValidationError` for an invalid callflow,
/// a `TypeError` for a malformed argument, `CallflowApiError` for the rest.
fn reject(env: Env, err: Error) -> napi::Error {
    let message = err.to_string();
    let answer = |code: &str| ApiErrorFields {
        code: code.to_owned(),
        status: None,
        status_code: None,
        status_message: None,
        request_id: None,
        retry_after: None,
    };
    let fields = match err {
        Error::Validation(err) => return validation_error(env, &err),
        Error::Api(api) => ApiErrorFields {
            status: Some(api.http_status),
            status_code: api.status_code,
            status_message: Some(api.message),
            request_id: api.request_id,
            retry_after: api.retry_after.map(|wait| wait.as_secs_f64() * 1000.0),
            ..answer("ERR_CALLFLOW_API")
        },
        Error::Timeout(_) => answer("ERR_CALLFLOW_TIMEOUT"),
        Error::Connect(_) => answer("ERR_CALLFLOW_CONNECT"),
        Error::Transport(_) => answer("ERR_CALLFLOW_CONNECTION"),
        Error::BodyTooLarge { .. } => answer("ERR_CALLFLOW_BODY_TOO_LARGE"),
        Error::InvalidResponse { .. } => answer("ERR_CALLFLOW_INVALID_RESPONSE"),
        _ => return type_error(env, message),
    };
    api_error(env, message, fields)
}

/// Runs a client call on napi's tokio runtime and settles the Promise with `convert`'s
/// value, or rejects it with the call's error. A panic in the call rejects the Promise;
/// it never reaches JavaScript as a crash.
fn promise<'env, T, V>(
    env: &'env Env,
    call: impl Future<Output = Result<T, Error>> + Send + 'static,
    convert: impl FnOnce(&'env Env, T) -> napi::Result<V> + 'static,
) -> napi::Result<PromiseRaw<'env, V>>
where
    T: Send + 'static,
    V: ToNapiValue,
{
    let task = async move { Ok(tokio::spawn(call).await) };
    env.spawn_future_with_callback(task, move |env, joined| match joined {
        Ok(Ok(value)) => convert(env, value),
        Ok(Err(err)) => Err(reject(*env, err)),
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
fn plain_promise<T: serde::Serialize + Send + 'static>(
    env: &Env,
    call: impl Future<Output = Result<T, Error>> + Send + 'static,
) -> napi::Result<PromiseRaw<'_, Unknown<'_>>> {
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

/// The settings both clients take.
#[napi(object, object_to_js = false)]
pub struct ClientOptions {
    /// The API's address: `https://voice.8x8.com` (or the legacy
    /// `https://voice.wavecell.com`) for 8x8, `https://api.yay.com` for Yay.
    pub base_url: Option<String>,
    /// Milliseconds one attempt may take, connecting included.
    /// @default 30000
    pub timeout: Option<u32>,
    /// Milliseconds connecting may take.
    /// @default 10000
    pub connect_timeout: Option<u32>,
    /// How many times a failed request is tried again.
    /// @default 2
    pub max_retries: Option<u32>,
    /// Whether sending a callflow (or creating a Yay flow) is retried after a timeout, a
    /// dropped connection or a 502/503/504, when the server may already have acted: a
    /// retry could place a second real call.
    /// @default false
    pub retry_non_idempotent: Option<bool>,
}

/// The builder with `options` applied, built by `build`.
fn configure<C: Credentials, T>(
    env: Env,
    mut builder: Builder<C>,
    options: Option<ClientOptions>,
    build: impl FnOnce(Builder<C>) -> Result<T, Error>,
) -> napi::Result<T> {
    if let Some(options) = options {
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
    }
    build(builder).map_err(|err| reject(env, err))
}

/// The answer to an accepted callflow: the session it created.
#[napi(object, object_from_js = false)]
#[expect(clippy::struct_field_names, reason = "the names of the wire format")]
pub struct Session {
    /// The session's id (a UUID), found again in the webhooks.
    pub session_id: String,
    /// `'CREATED'`: accepted, not yet answered.
    pub session_status: String,
    /// The id of this request.
    pub call_flow_request_id: String,
    /// `1` for created.
    pub status_code: i32,
    /// `'Created'`.
    pub status_message: String,
    /// Until when the session may still start, if the request said so.
    pub valid_until: Option<String>,
}

impl From<client::Session> for Session {
    fn from(session: client::Session) -> Self {
        Session {
            session_id: session.session_id,
            session_status: session.session_status,
            call_flow_request_id: session.call_flow_request_id,
            status_code: session.status_code,
            status_message: session.status_message,
            valid_until: session.valid_until,
        }
    }
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

/// The webhook types: call action, session summary, call status, recording uploaded,
/// virtual number updated.
#[napi(string_enum = "UPPERCASE")]
pub enum WebhookType {
    /// Voice Call Action: the in-call decision point, answered with a callflow.
    Vca,
    /// Voice Session Summary: the final record of a session.
    Vss,
    /// Voice Call Status: progress of each call leg.
    Vcs,
    /// Voice Recording Uploaded.
    Vru,
    /// Virtual Number Updated.
    Vnu,
}

impl From<WebhookType> for client::WebhookType {
    fn from(kind: WebhookType) -> Self {
        match kind {
            WebhookType::Vca => client::WebhookType::Vca,
            WebhookType::Vss => client::WebhookType::Vss,
            WebhookType::Vcs => client::WebhookType::Vcs,
            WebhookType::Vru => client::WebhookType::Vru,
            WebhookType::Vnu => client::WebhookType::Vnu,
        }
    }
}

/// A webhook to set.
#[napi(object, object_to_js = false)]
pub struct NewWebhookOptions {
    /// Which events it receives.
    pub r#type: WebhookType,
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
    /// or its bytes) and sends it, starting a call. Rejects with `CallflowValidationError`
    /// (nothing sent) or `CallflowApiError`.
    #[napi(
        catch_unwind,
        ts_args_type = "flow: voice.Callflow | voice.RequestJson | string | Uint8Array",
        ts_return_type = "Promise<Session>"
    )]
    pub fn send_callflow<'env>(
        &self,
        env: &'env Env,
        flow: Either3<String, Uint8Array, Unknown<'_>>,
    ) -> napi::Result<PromiseRaw<'env, Session>> {
        let parsed: Result<Callflow, ValidationError> =
            Callflow::from_json(&json_text(*env, flow)?);
        let client = Arc::clone(&self.client);
        let call = async move { client.send_callflow(&parsed?).await };
        promise(env, call, |_, session| Ok(Session::from(session)))
    }

    /// Validates the callflow and returns the request `sendCallflow` would send, with
    /// the API key redacted. Sends nothing; throws `CallflowValidationError`.
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
            .map_err(|err| reject(env, err))?;
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
        let mut hook = NewWebhook::new(webhook.r#type.into(), webhook.url);
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
    #[napi(catch_unwind, ts_return_type = "Promise<Webhook>")]
    pub fn delete_webhook<'env>(
        &self,
        env: &'env Env,
        kind: WebhookType,
    ) -> napi::Result<PromiseRaw<'env, Webhook>> {
        let kind = kind.into();
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

/// The credentials of a `YayClient`.
#[napi(object, object_to_js = false)]
pub struct YayCredentials {
    /// The `X-Auth-Reseller` header.
    pub reseller: String,
    /// The `X-Auth-User` header.
    pub user: String,
    /// The `X-Auth-Password` header.
    pub password: String,
    /// The customer to act for (`X-Auth-For`).
    pub on_behalf_of: Option<String>,
}

/// A client of Yay.com's call-flow API. Flows are objects in Yay's wire format
/// (`name`, `extension`, `flow`, …); `createFlow` and `updateFlow` run the PBX graph
/// checks (`pbx.check`) first and reject with `CallflowValidationError` instead of sending
/// a flow with errors, and `updateFlow` sends the whole object (Yay resets what is left
/// out).
#[napi]
pub struct YayClient {
    client: Arc<client::YayClient>,
}

/// `YayClient.prototype.modifyFlow`, as JavaScript source: a function of the class.
const MODIFY_FLOW_SOURCE: &str = include_str!("modify_flow.js");

/// Gives the exported `YayClient` its `modifyFlow` method, which chains `getFlow`, the
/// caller's change and `updateFlow` in JavaScript (the change is a JavaScript callback).
pub(crate) fn install_modify_flow(env: Env, exports: &Object<'_>) -> napi::Result<()> {
    let install: Function<Unknown<'_>, Unknown<'_>> = env.run_script(MODIFY_FLOW_SOURCE)?;
    install.call(exports.get_named_property::<Unknown<'_>>("YayClient")?)?;
    Ok(())
}

/// A Yay call flow from a JavaScript value, read as `JSON.stringify` writes it, or why it
/// is not shaped like one (the Promise rejects with it, as with every other problem).
fn call_flow(env: Env, flow: Unknown<'_>) -> napi::Result<Result<CallFlow, ValidationError>> {
    Ok(CallFlow::parse(&Document::value(env, flow)?))
}

#[napi]
impl YayClient {
    /// A client with these credentials.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: Env,
        credentials: YayCredentials,
        options: Option<ClientOptions>,
    ) -> napi::Result<Self> {
        let mut builder = client::YayClient::builder(
            credentials.reseller,
            credentials.user,
            credentials.password,
        );
        if let Some(customer) = credentials.on_behalf_of {
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
        ts_args_type = "flow: Record<string, unknown>",
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
        ts_args_type = "uuid: string, flow: Record<string, unknown>",
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
