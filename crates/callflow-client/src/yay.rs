//! The Yay.com call-flow API client: list, get, create, update (whole-object PUT, with a
//! read-modify-write helper) and delete call flows, and the next free extension. Flows
//! are the core's [`CallFlow`], which keeps every member in order and runs the PBX graph
//! checks before a flow is sent.

use std::borrow::Cow;
use std::future::Future;

use callflow_core::json::Json;
use callflow_core::pbx::CallFlow;
use callflow_core::voice::Input;
use reqwest::Method;

use crate::error::{ApiError, Error};
use crate::options::{Builder, Credentials, sealed};
use crate::secret::Secret;
use crate::transport::{Safety, Transport};

/// Yay's API host. White-label resellers serve the same API on their own hosts; pass
/// theirs to [`Builder::base_url`].
pub const DEFAULT_BASE_URL: &str = "https://api.yay.com";

/// The credentials of a [`YayClient`]: reseller, user and password (the
/// `X-Auth-Reseller`, `X-Auth-User` and `X-Auth-Password` headers), and optionally the
/// customer to act for (`X-Auth-For`).
#[derive(Debug, Clone)]
pub struct YayCredentials {
    reseller: String,
    user: String,
    password: Secret,
    on_behalf_of: Option<String>,
}

impl sealed::Sealed for YayCredentials {}
impl Credentials for YayCredentials {}

/// A client of Yay.com's call-flow API.
///
/// ```
/// use callflow_client::YayClient;
/// let client = YayClient::builder("acme", "admin", "hunter2").on_behalf_of("customer-1").build()?;
/// assert_eq!(client.on_behalf_of(), Some("customer-1"));
/// let shown = format!("{client:?}");
/// assert!(shown.contains("customer-1") && !shown.contains("hunter2"));
/// # Ok::<(), callflow_client::Error>(())
/// ```
#[derive(Debug)]
pub struct YayClient {
    transport: Transport,
    on_behalf_of: Option<String>,
}

impl YayClient {
    /// A client with the default settings (see [`Builder`]).
    pub fn new(
        reseller: impl Into<String>,
        user: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Result<Self, Error> {
        YayClient::builder(reseller, user, password).build()
    }

    /// Starts building a client, to act for a customer or change its settings.
    pub fn builder(
        reseller: impl Into<String>,
        user: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Builder<YayCredentials> {
        let credentials = YayCredentials {
            reseller: reseller.into(),
            user: user.into(),
            password: password.into(),
            on_behalf_of: None,
        };
        Builder::new(credentials, DEFAULT_BASE_URL)
    }

    /// The customer the requests act for (`X-Auth-For`), if any.
    pub fn on_behalf_of(&self) -> Option<&str> {
        self.on_behalf_of.as_deref()
    }

    /// The active call flows (`GET /voip/flow`).
    pub async fn list_flows(&self) -> Result<Vec<CallFlow>, Error> {
        let (status, body) = self
            .call(Method::GET, &[], None, Safety::Idempotent)
            .await?;
        match result(status, &body)? {
            Json::Array(items) => items.iter().map(|item| call_flow(status, item)).collect(),
            other => Err(invalid(
                status,
                format!("a list of call flows, not {}", other.kind()),
            )),
        }
    }

    /// One call flow (`GET /voip/flow/{uuid}`).
    pub async fn get_flow(&self, uuid: &str) -> Result<CallFlow, Error> {
        let (status, body) = self
            .call(Method::GET, &[uuid], None, Safety::Idempotent)
            .await?;
        call_flow(status, &result(status, &body)?)
    }

    /// Checks the flow ([`CallFlow::check`]: one with errors is [`Error::Validation`] and
    /// is not sent) and creates it (`POST /voip/flow`); returns it as stored, with the
    /// fields the server added (such as its `uuid`). Not retried once it may have reached
    /// the server, since that could create it twice.
    pub async fn create_flow(&self, flow: &CallFlow) -> Result<CallFlow, Error> {
        self.write(Method::POST, &[], flow, Safety::NonIdempotent)
            .await
    }

    /// Checks the flow as [`YayClient::create_flow`] does and replaces a call flow with it
    /// (`PUT /voip/flow/{uuid}`): the whole object is sent, since Yay resets any field left
    /// out to its default.
    pub async fn update_flow(&self, uuid: &str, flow: &CallFlow) -> Result<CallFlow, Error> {
        self.write(Method::PUT, &[uuid], flow, Safety::Idempotent)
            .await
    }

    /// Reads a call flow, lets `change` edit it, and writes the whole object back (checked
    /// as [`YayClient::update_flow`] checks it): the safe way to change one field without
    /// resetting the others. `change` may wait (the Python and Node clients await the
    /// user's callback in it) and may fail with its own error type `E`, which any client
    /// [`Error`] converts into.
    ///
    /// ```no_run
    /// # async fn rename(client: &callflow_client::YayClient) -> Result<(), callflow_client::Error> {
    /// let renamed = client
    ///     .modify_flow("31347d42", |flow| async move { Ok::<_, callflow_client::Error>(flow.with_name("Call Peter")) })
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn modify_flow<F, Changed, E>(&self, uuid: &str, change: F) -> Result<CallFlow, E>
    where
        F: FnOnce(CallFlow) -> Changed,
        Changed: Future<Output = Result<CallFlow, E>>,
        E: From<Error>,
    {
        let flow = change(self.get_flow(uuid).await?).await?;
        Ok(self.update_flow(uuid, &flow).await?)
    }

    /// Deletes a call flow (`DELETE /voip/flow/{uuid}`).
    pub async fn delete_flow(&self, uuid: &str) -> Result<(), Error> {
        let request = self.transport.request(
            Method::DELETE,
            ["voip", "flow", uuid],
            None,
            Safety::Idempotent,
        );
        let answer = self.transport.send(&request).await?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        result(answer.status, &answer.body).map(drop)
    }

    /// The next free call-flow extension (`GET /voip/next-extension/flow`), read from a
    /// `result` that is a number, a numeric string, or an object holding one number.
    pub async fn next_extension(&self) -> Result<u64, Error> {
        let request = self.transport.request(
            Method::GET,
            ["voip", "next-extension", "flow"],
            None,
            Safety::Idempotent,
        );
        let answer = self.transport.send(&request).await?;
        let result = result(answer.status, &answer.body)?;
        extension(&result).ok_or_else(|| {
            invalid(
                answer.status,
                format!("no extension number in {}", result.to_text()),
            )
        })
    }

    /// Sends one request to `/voip/flow/…`: the HTTP status and the body.
    async fn call(
        &self,
        method: Method,
        path: &[&str],
        body: Option<Vec<u8>>,
        safety: Safety,
    ) -> Result<(u16, Vec<u8>), Error> {
        let segments = ["voip", "flow"].iter().chain(path).copied();
        let request = self.transport.request(method, segments, body, safety);
        let answer = self.transport.send(&request).await?;
        Ok((answer.status, answer.body))
    }

    /// Checks and sends a flow, and returns it as stored: what was sent, overlaid with
    /// the members of whatever object the server answered.
    async fn write(
        &self,
        method: Method,
        path: &[&str],
        flow: &CallFlow,
        safety: Safety,
    ) -> Result<CallFlow, Error> {
        flow.check().into_result()?;
        let body = flow.to_json().into_bytes();
        let (status, answer) = self.call(method, path, Some(body), safety).await?;
        let mut stored = flow.to_tree();
        if let (Json::Object(members), Json::Object(added)) =
            (&mut stored, result(status, &answer)?)
        {
            for (key, value) in added {
                let value = value.into_owned();
                match members.iter_mut().find(|(name, _)| *name == key) {
                    Some((_, slot)) => *slot = value,
                    None => members.push((Cow::Owned(key.into_owned()), value)),
                }
            }
        }
        call_flow(status, &stored)
    }
}

impl Builder<YayCredentials> {
    /// Acts for this customer (`X-Auth-For`): objects belong to it, the reseller pays.
    pub fn on_behalf_of(mut self, customer: impl Into<String>) -> Self {
        self.credentials.on_behalf_of = Some(customer.into());
        self
    }

    /// The client. Fails on an invalid base URL or a credential that cannot be a header.
    pub fn build(self) -> Result<YayClient, Error> {
        if let Some(err) = self.error {
            return Err(err);
        }
        let YayCredentials {
            reseller,
            user,
            password,
            on_behalf_of,
        } = self.credentials;
        let mut auth = vec![
            ("x-auth-reseller", reseller.as_str()),
            ("x-auth-user", user.as_str()),
            ("x-auth-password", password.expose()),
        ];
        if let Some(customer) = &on_behalf_of {
            auth.push(("x-auth-for", customer.as_str()));
        }
        let transport = Transport::new(self.options, auth)?;
        Ok(YayClient {
            transport,
            on_behalf_of,
        })
    }
}

/// The `result` of Yay's `{result, status_code, status_message}` envelope, as a tree
/// that keeps its members' order; an envelope whose `status_code` is an error is an
/// [`ApiError`] even when the HTTP status is 2xx.
fn result(status: u16, body: &[u8]) -> Result<Json<'_>, Error> {
    let envelope = Json::parse(body).map_err(|err| invalid(status, err.to_string()))?;
    let Json::Object(members) = envelope else {
        return Err(invalid(
            status,
            format!("an envelope, not {}", envelope.kind()),
        ));
    };
    let mut result = Json::Null;
    for (key, value) in members {
        match (key.as_ref(), value) {
            ("status_code", Json::Number(code)) if code.as_f64() >= 400.0 => {
                return Err(ApiError::from_response(status, body, None).into());
            }
            ("result", value) => result = value,
            _ => {}
        }
    }
    Ok(result)
}

/// The call flow in an answer; one that is not shaped like a call flow is an invalid
/// response.
fn call_flow<I: Input + ?Sized>(status: u16, answer: &I) -> Result<CallFlow, Error> {
    CallFlow::from_json(answer).map_err(|err| invalid(status, format!("not a call flow: {err}")))
}

fn invalid(status: u16, message: String) -> Error {
    Error::InvalidResponse { status, message }
}

/// The extension number in a `next-extension` result.
fn extension(result: &Json<'_>) -> Option<u64> {
    match result {
        Json::Number(number) => number.whole(),
        Json::String(text) => text.trim().parse().ok(),
        Json::Object(fields) if fields.len() == 1 => extension(&fields[0].1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Json<'_> {
        Json::parse_str(text).expect("JSON")
    }

    #[test]
    fn reads_the_next_extension_in_every_shape() {
        for result in ["502", r#""502""#, r#"{"extension": 502}"#, "502.0"] {
            assert_eq!(extension(&tree(result)), Some(502), "{result}");
        }
        assert_eq!(extension(&tree("{}")), None);
        assert_eq!(extension(&tree(r#"{"a": 1, "b": 2}"#)), None);
        assert_eq!(extension(&tree("-1")), None);
    }

    #[test]
    fn an_error_envelope_is_an_api_error_even_with_http_200() {
        let body = br#"{"result": {}, "status_code": 404, "status_message": "Not Found"}"#;
        match result(200, body) {
            Err(Error::Api(api)) => {
                assert_eq!(
                    (api.status_code, api.status_message.as_str()),
                    (Some(404), "Not Found")
                );
            }
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn a_result_keeps_its_members_in_order() {
        let body = br#"{"status_code": 200, "result": {"z": 1, "flow": {"b": {"module": "busy"},
            "a": {"module": "start", "next": "b"}}, "name": "x"}}"#;
        let flow = call_flow(200, &result(200, body).expect("a result")).expect("a flow");
        assert_eq!(
            flow.to_json(),
            r#"{"z":1,"flow":{"b":{"module":"busy"},"a":{"module":"start","next":"b"}},"name":"x"}"#
        );
        assert!(matches!(
            result(200, b"[]"),
            Err(Error::InvalidResponse { .. })
        ));
    }
}
