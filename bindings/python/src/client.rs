//! The API clients for Python: blocking calls on a runtime of their own, which release
//! the interpreter (the GIL) while they wait on the network. `callflow.client` wraps
//! them into the sync and asyncio classes users see.

use std::future::Future;
use std::time::Duration;

use callflow_client::{
    self as client, Builder, Credentials, Error, NewWebhook, Settings, VoiceCredentials, Wait,
    YayCredentials,
};
use callflow_core::pbx::CallFlow;
use callflow_core::voice;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use tokio::runtime::Runtime;

use crate::bodies::{self, Callflow};
use crate::document::Document;
use crate::errors;
use crate::pbx;
use crate::tree;

/// The settings both clients take, given to the native classes as a dict by
/// `callflow.client`; `None` keeps the Rust client's default ([`Settings::DEFAULT`]).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Options {
    base_url: Option<String>,
    timeout: Option<f64>,
    connect_timeout: Option<f64>,
    max_retries: Option<u32>,
    retry_non_idempotent: Option<bool>,
    sleep: Option<Py<PyAny>>,
}

impl Options {
    /// The builder with these settings, and the runtime the client's calls run on.
    fn build<C: Credentials, T>(
        self,
        py: Python<'_>,
        mut builder: Builder<C>,
        build: impl FnOnce(Builder<C>) -> Result<T, Error>,
    ) -> PyResult<(T, Runtime)> {
        if let Some(url) = &self.base_url {
            builder = builder.base_url(url);
        }
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(seconds(timeout));
        }
        if let Some(timeout) = self.connect_timeout {
            builder = builder.connect_timeout(seconds(timeout));
        }
        if let Some(retries) = self.max_retries {
            builder = builder.max_retries(retries);
        }
        if let Some(retry) = self.retry_non_idempotent {
            builder = builder.retry_non_idempotent(retry);
        }
        if let Some(sleep) = self.sleep {
            builder = builder.sleep(move |wait: Duration| -> Wait {
                // Called in the thread the request runs in; an exception ends the wait,
                // as returning does.
                Python::attach(|py| sleep.call1(py, (wait.as_secs_f64(),)).map(drop)).ok();
                Box::pin(std::future::ready(()))
            });
        }
        let client = build(builder).map_err(|err| errors::client_error(py, err))?;
        // One thread (the caller's), driving the client only while a call waits.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|err| PyValueError::new_err(format!("cannot start a runtime: {err}")))?;
        Ok((client, runtime))
    }
}

/// Seconds as a duration; one that is not a positive number of seconds becomes zero,
/// which the Rust client refuses with its own message.
fn seconds(value: f64) -> Duration {
    Duration::try_from_secs_f64(value).unwrap_or_default()
}

/// The client's defaults ([`Settings::DEFAULT`]) as `callflow.client` documents them:
/// `timeout` and `connect_timeout` in seconds, `max_retries`, `retry_non_idempotent`.
#[pyfunction]
pub(crate) fn client_defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let defaults = Settings::DEFAULT;
    let dict = PyDict::new(py);
    dict.set_item("timeout", defaults.timeout.as_secs_f64())?;
    dict.set_item("connect_timeout", defaults.connect_timeout.as_secs_f64())?;
    dict.set_item("max_retries", defaults.max_retries)?;
    dict.set_item("retry_non_idempotent", defaults.retry_non_idempotent)?;
    Ok(dict)
}

/// Why a client call failed: the client's error, or one raised by Python code it called
/// (the change of `modify_flow`).
enum Failure {
    Client(Error),
    Python(PyErr),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Client(err)
    }
}

impl From<PyErr> for Failure {
    fn from(err: PyErr) -> Self {
        Failure::Python(err)
    }
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Client(err) => errors::client_error(py, err),
            Failure::Python(err) => err,
        }
    }
}

/// Runs a client call to its end with the interpreter released, and converts its result
/// into Python data.
fn wait<'py, T: serde::Serialize + Send, E: Send>(
    py: Python<'py>,
    runtime: &Runtime,
    call: impl Future<Output = Result<T, E>> + Send,
) -> PyResult<Bound<'py, PyAny>>
where
    Failure: From<E>,
{
    let value = finish(py, runtime, call)?;
    tree::serialized(py, &value)
}

/// Runs a client call to its end with the interpreter released.
fn finish<T: Send, E: Send>(
    py: Python<'_>,
    runtime: &Runtime,
    call: impl Future<Output = Result<T, E>> + Send,
) -> PyResult<T>
where
    Failure: From<E>,
{
    py.detach(|| runtime.block_on(call))
        .map_err(|err| Failure::from(err).into_py(py))
}

/// A callflow given as a `callflow.voice.Callflow`, or as a dict or JSON text to parse
/// and validate.
fn callflow(flow: &Bound<'_, PyAny>) -> PyResult<voice::Callflow> {
    if let Ok(flow) = flow.cast::<Callflow>() {
        return Ok(flow.get().core().clone());
    }
    bodies::parse(flow.py(), &Document::any(flow)?, None)
}

/// A Yay call flow given as a `callflow.pbx.CallFlow` or a dict; a dict not shaped like
/// a call flow raises `callflow.ValidationError`.
fn call_flow(flow: &Bound<'_, PyAny>) -> PyResult<CallFlow> {
    if let Ok(flow) = flow.cast::<pbx::CallFlow>() {
        return Ok(flow.get().inner().clone());
    }
    CallFlow::from_json(&tree::to_tree(flow)?).map_err(|err| errors::invalid(flow.py(), err))
}

/// Calls the change of `modify_flow` with the flow as a dict; when it returns an
/// awaitable, runs it on `event_loop` (the asyncio client's loop) and waits for it. The
/// changed flow is what it returns, or the dict it edited in place when it returns
/// `None`.
fn apply_change(
    py: Python<'_>,
    change: &Py<PyAny>,
    event_loop: Option<&Py<PyAny>>,
    flow: &CallFlow,
) -> PyResult<CallFlow> {
    let dict = tree::serialized(py, flow)?;
    let mut changed = change.call1(py, (&dict,))?.into_bound(py);
    if changed.hasattr(intern!(py, "__await__"))? {
        let Some(event_loop) = event_loop else {
            // Never awaited: closed, so Python does not warn about it.
            if changed.hasattr(intern!(py, "close"))? {
                changed.call_method0(intern!(py, "close"))?;
            }
            return Err(PyTypeError::new_err(
                "the change returned an awaitable: use AsyncYayClient.modify_flow",
            ));
        };
        let asyncio = py.import(intern!(py, "asyncio"))?;
        changed = asyncio
            .call_method1(
                intern!(py, "run_coroutine_threadsafe"),
                (changed, event_loop),
            )?
            .call_method0(intern!(py, "result"))?;
    }
    call_flow(if changed.is_none() { &dict } else { &changed })
}

fn webhook_type(name: &str) -> PyResult<client::WebhookType> {
    name.parse()
        .map_err(|err: Error| PyValueError::new_err(err.to_string()))
}

/// The native 8x8 Voice client, wrapped by `callflow.client.VoiceClient`.
#[pyclass(module = "callflow._native", frozen)]
pub(crate) struct VoiceClient {
    client: client::VoiceClient,
    runtime: Runtime,
}

#[pymethods]
impl VoiceClient {
    #[new]
    fn new(
        py: Python<'_>,
        api_key: String,
        subaccount_id: String,
        options: Options,
    ) -> PyResult<Self> {
        let builder = client::VoiceClient::builder(api_key, subaccount_id);
        let (client, runtime) = options.build(py, builder, Builder::<VoiceCredentials>::build)?;
        Ok(VoiceClient { client, runtime })
    }

    #[getter]
    fn subaccount_id(&self) -> &str {
        self.client.subaccount_id()
    }

    fn send_callflow(&self, flow: &Bound<'_, PyAny>) -> PyResult<Session> {
        let body = callflow(flow)?;
        finish(flow.py(), &self.runtime, self.client.send_callflow(&body)).map(Session)
    }

    fn preview_callflow<'py>(&self, flow: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let py = flow.py();
        let preview = self
            .client
            .preview_callflow(&callflow(flow)?)
            .map_err(|err| errors::client_error(py, err))?;
        let headers = PyDict::new(py);
        for (name, value) in &preview.headers {
            headers.set_item(name, value)?;
        }
        let dict = PyDict::new(py);
        dict.set_item("method", &preview.method)?;
        dict.set_item("url", &preview.url)?;
        dict.set_item("headers", headers)?;
        dict.set_item("body", &preview.body)?;
        Ok(dict)
    }

    fn speech_profiles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.speech_profiles())
    }

    fn webhooks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.webhooks())
    }

    #[pyo3(signature = (kind, url, http_auth_header = None, enabled = None))]
    fn set_webhook<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        url: String,
        http_auth_header: Option<String>,
        enabled: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut hook = NewWebhook::new(webhook_type(kind)?, url);
        if let Some(secret) = http_auth_header {
            hook = hook.http_auth_header(secret);
        }
        hook.enabled = enabled;
        wait(py, &self.runtime, self.client.set_webhook(&hook))
    }

    fn delete_webhook<'py>(&self, py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
        let kind = webhook_type(kind)?;
        wait(py, &self.runtime, self.client.delete_webhook(kind))
    }

    fn recordings<'py>(&self, py: Python<'py>, session_id: &str) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.recordings(session_id))
    }

    fn numbers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.numbers())
    }

    fn number<'py>(&self, py: Python<'py>, number: &str) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.number(number))
    }

    fn __repr__(&self) -> String {
        format!(
            "VoiceClient(subaccount_id={:?}, api_key='***')",
            self.client.subaccount_id()
        )
    }
}

/// The native Yay.com call-flow client, wrapped by `callflow.client.YayClient`.
#[pyclass(module = "callflow._native", frozen)]
pub(crate) struct YayClient {
    client: client::YayClient,
    runtime: Runtime,
}

#[pymethods]
impl YayClient {
    #[new]
    fn new(
        py: Python<'_>,
        reseller: String,
        user: String,
        password: String,
        on_behalf_of: Option<String>,
        options: Options,
    ) -> PyResult<Self> {
        let mut builder = client::YayClient::builder(reseller, user, password);
        if let Some(customer) = on_behalf_of {
            builder = builder.on_behalf_of(customer);
        }
        let (client, runtime) = options.build(py, builder, Builder::<YayCredentials>::build)?;
        Ok(YayClient { client, runtime })
    }

    fn list_flows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.list_flows())
    }

    fn get_flow<'py>(&self, py: Python<'py>, uuid: &str) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.get_flow(uuid))
    }

    fn create_flow<'py>(&self, flow: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let flow_value = call_flow(flow)?;
        wait(
            flow.py(),
            &self.runtime,
            self.client.create_flow(&flow_value),
        )
    }

    fn update_flow<'py>(
        &self,
        uuid: &str,
        flow: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let flow_value = call_flow(flow)?;
        wait(
            flow.py(),
            &self.runtime,
            self.client.update_flow(uuid, &flow_value),
        )
    }

    /// Reads a call flow, calls `change` with it (awaiting what it returns on
    /// `event_loop` when that is an awaitable), and writes the changed flow back.
    #[pyo3(signature = (uuid, change, event_loop = None))]
    fn modify_flow<'py>(
        &self,
        py: Python<'py>,
        uuid: &str,
        change: Py<PyAny>,
        event_loop: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let call = self.client.modify_flow(uuid, move |flow| {
            let changed =
                Python::attach(|py| apply_change(py, &change, event_loop.as_ref(), &flow));
            std::future::ready(changed.map_err(Failure::from))
        });
        wait(py, &self.runtime, call)
    }

    fn delete_flow<'py>(&self, py: Python<'py>, uuid: &str) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.delete_flow(uuid))
    }

    fn next_extension<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.next_extension())
    }
}

/// The answer to an accepted callflow: the session it created (`callflow.client.Session`).
#[pyclass(module = "callflow.client", name = "Session", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct Session(client::Session);

#[pymethods]
impl Session {
    #[new]
    #[pyo3(signature = (*, session_id, session_status, call_flow_request_id, status_code, status_message, valid_until = None))]
    fn new(
        session_id: String,
        session_status: String,
        call_flow_request_id: String,
        status_code: i32,
        status_message: String,
        valid_until: Option<String>,
    ) -> Self {
        Session(client::Session::new(
            session_id,
            session_status,
            call_flow_request_id,
            status_code,
            status_message,
            valid_until,
        ))
    }

    /// The session's id (a UUID), found again in the webhooks.
    #[getter]
    fn session_id(&self) -> &str {
        &self.0.session_id
    }

    /// `"CREATED"`: accepted, not yet answered.
    #[getter]
    fn session_status(&self) -> &str {
        &self.0.session_status
    }

    /// The id of this request.
    #[getter]
    fn call_flow_request_id(&self) -> &str {
        &self.0.call_flow_request_id
    }

    /// `1` for created.
    #[getter]
    fn status_code(&self) -> i32 {
        self.0.status_code
    }

    /// `"Created"`.
    #[getter]
    fn status_message(&self) -> &str {
        &self.0.status_message
    }

    /// Until when the session may still start, if the request said so.
    #[getter]
    fn valid_until(&self) -> Option<&str> {
        self.0.valid_until.as_deref()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let session = &self.0;
        let fields = [
            (
                "session_id",
                session.session_id.as_str().into_pyobject(py)?.into_any(),
            ),
            (
                "session_status",
                session
                    .session_status
                    .as_str()
                    .into_pyobject(py)?
                    .into_any(),
            ),
            (
                "call_flow_request_id",
                session
                    .call_flow_request_id
                    .as_str()
                    .into_pyobject(py)?
                    .into_any(),
            ),
            (
                "status_code",
                session.status_code.into_pyobject(py)?.into_any(),
            ),
            (
                "status_message",
                session
                    .status_message
                    .as_str()
                    .into_pyobject(py)?
                    .into_any(),
            ),
            (
                "valid_until",
                session.valid_until.as_deref().into_pyobject(py)?,
            ),
        ];
        let shown = fields
            .iter()
            .map(|(name, value)| Ok(format!("{name}={}", value.repr()?)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(format!("Session({})", shown.join(", ")))
    }
}
