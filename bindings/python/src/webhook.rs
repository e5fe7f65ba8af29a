//! Receiving webhooks: the core's `Receiver`, authorization check and source addresses.

use callflow_core::voice::webhook::{self as core, CONTENT_TYPE};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::bodies::Reply;
use crate::document::Document;
use crate::events;

/// An HTTP answer to a webhook: `status`, `headers` and a JSON `body`.
#[pyclass(module = "callflow.webhooks", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct Answer(core::Answer);

#[pymethods]
impl Answer {
    /// The HTTP status: 200, 400 (not an 8x8 webhook) or 401 (wrong `Authorization`).
    #[getter]
    fn status(&self) -> u16 {
        self.0.status
    }

    /// The response headers: the content type.
    #[getter]
    fn headers<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        content_type(slf.py())
    }

    /// The JSON body.
    #[getter]
    fn body(&self) -> &str {
        &self.0.body
    }

    /// `(status, headers, body)`, the form most web frameworks take.
    fn as_tuple<'py>(slf: &Bound<'py, Self>) -> PyResult<(u16, Bound<'py, PyDict>, String)> {
        let answer = &slf.get().0;
        Ok((answer.status, content_type(slf.py())?, answer.body.clone()))
    }

    fn __repr__(&self) -> String {
        format!("Answer(status={}, body={:?})", self.0.status, self.0.body)
    }
}

/// `{"Content-Type": "application/json"}`, the headers of every answer.
fn content_type(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let headers = PyDict::new(py);
    headers.set_item("Content-Type", CONTENT_TYPE)?;
    Ok(headers)
}

/// Checks and parses incoming webhooks, and answers them.
#[pyclass(module = "callflow.webhooks", frozen)]
pub(crate) struct Receiver(core::Receiver);

#[pymethods]
impl Receiver {
    /// A receiver that requires `Authorization: <secret>` when a secret is given.
    #[new]
    #[pyo3(signature = (secret = None))]
    fn new(secret: Option<String>) -> Self {
        Receiver(core::Receiver::new(secret))
    }

    /// The event in `body` (`bytes`, `str` or a dict), or the `Answer` refusing it: 401
    /// when the `Authorization` header does not match, 400 when the body is not an 8x8
    /// webhook.
    #[pyo3(signature = (body, /, authorization = None))]
    fn receive<'py>(
        &self,
        body: &Bound<'py, PyAny>,
        authorization: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = body.py();
        let document = Document::any(body)?;
        match document.with(py, |document| self.0.receive(document, authorization)) {
            Ok(event) => events::to_python(py, event),
            Err(answer) => Ok(Bound::new(py, Answer(answer))?.into_any()),
        }
    }

    /// The 200 answer: the reply's JSON, or `{}` without one.
    #[staticmethod]
    #[pyo3(signature = (reply = None, /))]
    fn answer(reply: Option<&Bound<'_, Reply>>) -> Answer {
        Answer(core::Receiver::answer(
            reply.map(|reply| reply.get().core()),
        ))
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }
}

/// Whether the `Authorization` header a request carried equals the webhook's secret,
/// compared in constant time.
#[pyfunction]
#[pyo3(signature = (secret, header, /))]
pub(crate) fn authorization_matches(secret: &str, header: Option<&str>) -> bool {
    core::authorization_matches(secret, header)
}

/// Whether `address` (IPv4 or IPv4-mapped IPv6, with or without a port) is one of the
/// addresses 8x8 publishes as the sources of voice webhooks.
#[pyfunction]
#[pyo3(signature = (address, /))]
pub(crate) fn is_source_address(address: &str) -> bool {
    core::is_source_address(address)
}

/// The addresses 8x8 publishes as the sources of voice webhooks.
pub(crate) fn source_addresses() -> Vec<&'static str> {
    core::SOURCE_ADDRESSES.to_vec()
}
