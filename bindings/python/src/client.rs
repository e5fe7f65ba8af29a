//! The API clients for Python: blocking calls on a runtime of their own, which release
//! the interpreter (the GIL) while they wait on the network. `callflow.client` wraps
//! them into the sync and asyncio classes users see.

use std::future::Future;
use std::time::Duration;

use callflow_client::{
    self as client, Builder, Credentials, Error, NewWebhook, VoiceCredentials, YayCredentials,
};
use callflow_core::pbx::CallFlow;
use callflow_core::voice;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use tokio::runtime::Runtime;

use crate::bodies::{self, Callflow};
use crate::document::Document;
use crate::errors;
use crate::tree;

/// The settings both clients take, given to the native classes as a dict by
/// `callflow.client`.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Settings {
    base_url: Option<String>,
    timeout: f64,
    connect_timeout: f64,
    max_retries: u32,
    retry_non_idempotent: bool,
}

impl Settings {
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
        let builder = builder
            .timeout(seconds(self.timeout, "timeout")?)
            .connect_timeout(seconds(self.connect_timeout, "connect_timeout")?)
            .max_retries(self.max_retries)
            .retry_non_idempotent(self.retry_non_idempotent);
        let client = build(builder).map_err(|err| errors::client_error(py, err))?;
        // One thread (the caller's), driving the client only while a call waits.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|err| PyValueError::new_err(format!("cannot start a runtime: {err}")))?;
        Ok((client, runtime))
    }
}

fn seconds(value: f64, what: &str) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|duration| !duration.is_zero())
        .ok_or_else(|| {
            PyValueError::new_err(format!("{what} must be a positive number of seconds"))
        })
}

/// Runs a client call to its end with the interpreter released, and converts its result
/// into Python data.
fn wait<'py, T: serde::Serialize + Send>(
    py: Python<'py>,
    runtime: &Runtime,
    call: impl Future<Output = Result<T, Error>> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    match py.detach(|| runtime.block_on(call)) {
        Ok(value) => tree::serialized(py, &value),
        Err(err) => Err(errors::client_error(py, err)),
    }
}

/// A callflow given as a `callflow.voice.Callflow`, or as a dict or JSON text to parse
/// and validate.
fn callflow(flow: &Bound<'_, PyAny>) -> PyResult<voice::Callflow> {
    if let Ok(flow) = flow.cast::<Callflow>() {
        return Ok(flow.get().core().clone());
    }
    bodies::parse(flow.py(), &Document::any(flow)?, None)
}

/// A Yay call flow given as a dict; one not shaped like a call flow raises
/// `callflow.ValidationError`.
fn call_flow(flow: &Bound<'_, PyDict>) -> PyResult<CallFlow> {
    CallFlow::parse(&tree::to_tree(flow)?).map_err(|err| errors::invalid(flow.py(), err))
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
        settings: Settings,
    ) -> PyResult<Self> {
        let builder = client::VoiceClient::builder(api_key, subaccount_id);
        let (client, runtime) = settings.build(py, builder, Builder::<VoiceCredentials>::build)?;
        Ok(VoiceClient { client, runtime })
    }

    #[getter]
    fn subaccount_id(&self) -> &str {
        self.client.subaccount_id()
    }

    fn send_callflow<'py>(&self, flow: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let body = callflow(flow)?;
        wait(flow.py(), &self.runtime, self.client.send_callflow(&body))
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
        settings: Settings,
    ) -> PyResult<Self> {
        let mut builder = client::YayClient::builder(reseller, user, password);
        if let Some(customer) = on_behalf_of {
            builder = builder.on_behalf_of(customer);
        }
        let (client, runtime) = settings.build(py, builder, Builder::<YayCredentials>::build)?;
        Ok(YayClient { client, runtime })
    }

    fn list_flows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.list_flows())
    }

    fn get_flow<'py>(&self, py: Python<'py>, uuid: &str) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.get_flow(uuid))
    }

    fn create_flow<'py>(&self, flow: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
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
        flow: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let flow_value = call_flow(flow)?;
        wait(
            flow.py(),
            &self.runtime,
            self.client.update_flow(uuid, &flow_value),
        )
    }

    fn delete_flow<'py>(&self, py: Python<'py>, uuid: &str) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.delete_flow(uuid))
    }

    fn next_extension<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        wait(py, &self.runtime, self.client.next_extension())
    }
}
