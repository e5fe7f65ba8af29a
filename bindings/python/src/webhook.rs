//! Receiving webhooks: the core's `Receiver`, authorization check and source addresses.

use std::borrow::Cow;

use callflow_core::voice::Measured;
use callflow_core::voice::webhook as core;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};

use crate::bodies::Reply;
use crate::document::Document;
use crate::events;

/// An HTTP answer to a webhook: `status`, `headers` and a JSON `body`.
#[pyclass(module = "callflow.webhooks", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct Answer(core::Answer);

#[pymethods]
impl Answer {
    /// The HTTP status: 200, 400 (not an 8x8 webhook), 401 (wrong `Authorization`) or
    /// 413 (a body larger than the receiver's limit).
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

/// `{"content-type": "application/json"}`, the headers of every answer.
fn content_type(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let headers = PyDict::new(py);
    for (name, value) in core::HEADERS {
        headers.set_item(name, value)?;
    }
    Ok(headers)
}

/// The size in bytes of a `bytes`, `bytearray` or `str` body (as UTF-8); `None` for a
/// parsed value.
fn text_size(body: &Bound<'_, PyAny>) -> Option<usize> {
    if let Ok(bytes) = body.cast::<PyBytes>() {
        Some(bytes.as_bytes().len())
    } else if let Ok(bytes) = body.cast::<PyByteArray>() {
        Some(bytes.len())
    } else {
        let text = body.cast::<PyString>().ok()?;
        text.to_str().ok().map(str::len)
    }
}

/// One request header as `(name, value)`, each a `str` or `bytes` (read as Latin-1, as
/// HTTP header bytes are).
fn header_text(part: &Bound<'_, PyAny>) -> PyResult<String> {
    match part.cast::<PyBytes>() {
        Ok(bytes) => Ok(bytes.as_bytes().iter().copied().map(char::from).collect()),
        Err(_) => Ok(part.str()?.to_str()?.to_owned()),
    }
}

/// Checks and parses incoming webhooks, and answers them.
#[pyclass(module = "callflow.webhooks", frozen)]
pub(crate) struct Receiver(core::Receiver);

#[pymethods]
impl Receiver {
    /// A receiver that requires `Authorization: <secret>` when a secret is given, and
    /// reads bodies of at most `limit` bytes (1 MiB by default).
    #[new]
    #[pyo3(signature = (secret = None, *, limit = None))]
    fn new(secret: Option<String>, limit: Option<usize>) -> Self {
        let receiver = core::Receiver::new(secret);
        Receiver(match limit {
            Some(limit) => receiver.limit(limit),
            None => receiver,
        })
    }

    /// The most bytes of a body the receiver reads.
    #[getter]
    fn limit(&self) -> usize {
        self.0.body_limit()
    }

    /// The event in `body` (`bytes`, `str` or a dict), or the `Answer` refusing it: 413
    /// when the body is larger than the limit, 401 when the `Authorization` header does
    /// not match, 400 when the body is not an 8x8 webhook.
    #[pyo3(signature = (body, /, authorization = None))]
    fn receive<'py>(
        &self,
        body: &Bound<'py, PyAny>,
        authorization: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = body.py();
        let size = text_size(body);
        let document = Document::any(body)?;
        let received = document.with(py, |document| {
            self.0
                .receive(&Measured::new(document, size), authorization)
        });
        match received {
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

    /// The `Authorization` header among a request's headers (a mapping, such as Flask's
    /// or Starlette's headers, or `(name, value)` pairs of `str` or `bytes`), whatever
    /// the case of its name; repeated ones are joined with `", "`.
    #[staticmethod]
    #[pyo3(signature = (headers, /))]
    fn authorization(headers: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        let pairs = match headers.getattr("items") {
            Ok(items) => items.call0()?,
            Err(_) => headers.clone(),
        };
        let mut texts = Vec::new();
        for pair in pairs.try_iter()? {
            let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair?.extract()?;
            texts.push((header_text(&name)?, header_text(&value)?));
        }
        let found = core::authorization(texts.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        Ok(found.map(Cow::into_owned))
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
