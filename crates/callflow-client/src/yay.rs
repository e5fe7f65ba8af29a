//! The Yay.com call-flow API client: list, get, create, update (whole-object PUT, with a
//! read-modify-write helper) and delete call flows, and the next free extension.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
        self.call(Method::GET, &[], None, Safety::Idempotent).await
    }

    /// One call flow (`GET /voip/flow/{uuid}`).
    pub async fn get_flow(&self, uuid: &str) -> Result<CallFlow, Error> {
        self.call(Method::GET, &[uuid], None, Safety::Idempotent)
            .await
    }

    /// Checks (with [`check_flow`]) and creates a call flow (`POST /voip/flow`); returns
    /// it as stored, with
    /// the fields the server added (such as its `uuid`). Not retried once it may have
    /// reached the server, since that could create it twice.
    pub async fn create_flow(&self, flow: &CallFlow) -> Result<CallFlow, Error> {
        self.write(Method::POST, &[], flow, Safety::NonIdempotent)
            .await
    }

    /// Checks (with [`check_flow`]) and replaces a call flow (`PUT /voip/flow/{uuid}`): the
    /// whole object is
    /// sent, since Yay resets any field left out to its default.
    pub async fn update_flow(&self, uuid: &str, flow: &CallFlow) -> Result<CallFlow, Error> {
        self.write(Method::PUT, &[uuid], flow, Safety::Idempotent)
            .await
    }

    /// Reads a call flow, lets `change` edit it, and writes the whole object back: the
    /// safe way to change one field without resetting the others.
    pub async fn modify_flow(
        &self,
        uuid: &str,
        change: impl FnOnce(&mut CallFlow),
    ) -> Result<CallFlow, Error> {
        let mut flow = self.get_flow(uuid).await?;
        change(&mut flow);
        self.update_flow(uuid, &flow).await
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
        unwrap::<Value>(answer.status, &answer.body).map(drop)
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
        let result: Value = unwrap(answer.status, &answer.body)?;
        extension(&result).ok_or_else(|| Error::InvalidResponse {
            http_status: answer.status,
            message: format!("no extension number in {result}"),
        })
    }

    async fn call<T: for<'de> Deserialize<'de>>(
        &self,
        method: Method,
        path: &[&str],
        body: Option<Vec<u8>>,
        safety: Safety,
    ) -> Result<T, Error> {
        let segments = ["voip", "flow"].iter().chain(path).copied();
        let request = self.transport.request(method, segments, body, safety);
        let answer = self.transport.send(&request).await?;
        unwrap(answer.status, &answer.body)
    }

    /// Sends a checked flow and returns it as stored: what was sent, overlaid with
    /// whatever object the server answered.
    async fn write(
        &self,
        method: Method,
        path: &[&str],
        flow: &CallFlow,
        safety: Safety,
    ) -> Result<CallFlow, Error> {
        check_flow(flow)?;
        let sent = serde_json::to_value(flow).map_err(|err| Error::Config(err.to_string()))?;
        let body = sent.to_string().into_bytes();
        let stored: Value = self.call(method, path, Some(body), safety).await?;
        let mut merged = sent;
        if let (Value::Object(merged), Value::Object(stored)) = (&mut merged, stored) {
            merged.extend(stored);
        }
        serde_json::from_value(merged).map_err(|err| Error::InvalidResponse {
            http_status: 200,
            message: err.to_string(),
        })
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

/// A Yay call flow: a name, an extension, and the map of modules keyed by id.
///
/// Fields this type does not name (`created_on`, `updated_on`, …) are kept in
/// [`CallFlow::other`] and sent back on update, so a read-modify-write loses nothing.
///
/// ```
/// use callflow_client::CallFlow;
/// let flow: CallFlow = serde_json::from_str(r#"{"name": "Call Pete", "extension": 501,
///     "flow": {"start": {"module": "start", "next": "ext"}}, "created_on": "2023-06-07"}"#)?;
/// assert_eq!(flow.extension, Some(501));
/// assert_eq!(flow.other["created_on"], "2023-06-07");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CallFlow {
    /// The flow's id, given by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Its name, such as `Call Pete`.
    pub name: String,
    /// The extension that reaches it, such as 501.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<u64>,
    /// The modules, keyed by id; the `start` module is the entry.
    pub flow: Map<String, Value>,
    /// Whether the flow's name is shown in the forwarded caller ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_call_route_name: Option<bool>,
    /// Whether the forwarded caller ID is the original caller's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_original_caller_id: Option<bool>,
    /// Every other field, as read.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl CallFlow {
    /// A flow with a name, an extension and its modules.
    pub fn new(name: impl Into<String>, extension: u64, flow: Map<String, Value>) -> Self {
        CallFlow {
            uuid: None,
            name: name.into(),
            extension: Some(extension),
            flow,
            show_call_route_name: None,
            show_original_caller_id: None,
            other: Map::new(),
        }
    }
}

/// Checks a flow with callflow's PBX graph checks before it is sent: a flow with any
/// error is [`Error::Validation`], carrying the whole report (warnings never stop it).
///
/// ```
/// use callflow_client::{check_flow, CallFlow, Error};
/// let flow: CallFlow = serde_json::from_str(r#"{"name": "Pete", "extension": 501,
///     "flow": {"start": {"module": "start", "next": "gone"}}}"#)?;
/// let Err(Error::Validation(err)) = check_flow(&flow) else { panic!("a dangling next") };
/// assert_eq!(err.report().issues()[0].path, r#"$.flow.start.next"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn check_flow(flow: &CallFlow) -> Result<(), Error> {
    // A map of JSON values always serialises.
    let text = serde_json::to_string(flow).unwrap_or_default();
    callflow_core::pbx::check(text.as_str()).into_result()?;
    Ok(())
}

/// Unwraps Yay's `{result, status_code, status_message}` envelope; an envelope whose
/// `status_code` is an error is an [`ApiError`] even when the HTTP status is 2xx.
fn unwrap<T: for<'de> Deserialize<'de>>(http_status: u16, body: &[u8]) -> Result<T, Error> {
    let envelope: Envelope = crate::decode(http_status, body)?;
    if envelope.status_code.is_some_and(|code| code >= 400) {
        return Err(ApiError::from_response(http_status, body, None).into());
    }
    serde_json::from_value(envelope.result).map_err(|err| Error::InvalidResponse {
        http_status,
        message: format!("result: {err}"),
    })
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    result: Value,
    #[serde(default)]
    status_code: Option<i64>,
}

/// The extension number in a `next-extension` result.
fn extension(result: &Value) -> Option<u64> {
    match result {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        Value::Object(fields) if fields.len() == 1 => fields.values().next().and_then(extension),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn flow(modules: Value) -> CallFlow {
        let Value::Object(modules) = modules else {
            unreachable!("the tests pass objects")
        };
        CallFlow::new("Call Pete", 501, modules)
    }

    #[test]
    fn a_flow_is_checked_as_a_graph() {
        assert!(
            check_flow(&flow(json!({"start": {"module": "start", "next": "e"},
            "e": {"module": "busy"}})))
            .is_ok()
        );
        let cases = [
            (json!({}), "missing-start"),
            (json!({"start": "start"}), "invalid-structure"),
            (
                json!({"start": {"module": "start", "next": "gone"}}),
                "dangling-reference",
            ),
        ];
        for (modules, code) in cases {
            match check_flow(&flow(modules)) {
                Err(Error::Validation(err)) => assert_eq!(err.report().status().to_string(), code),
                other => panic!("expected {code}, got {other:?}"),
            }
        }
    }

    #[test]
    fn reads_the_next_extension_in_every_shape() {
        for result in [json!(502), json!("502"), json!({"extension": 502})] {
            assert_eq!(extension(&result), Some(502), "{result}");
        }
        assert_eq!(extension(&json!({})), None);
        assert_eq!(extension(&json!({"a": 1, "b": 2})), None);
    }

    #[test]
    fn an_error_envelope_is_an_api_error_even_with_http_200() {
        let body = br#"{"result": {}, "status_code": 404, "status_message": "Not Found"}"#;
        match unwrap::<Value>(200, body) {
            Err(Error::Api(api)) => {
                assert_eq!(
                    (api.status_code, api.message.as_str()),
                    (Some(404), "Not Found")
                );
            }
            other => panic!("expected an API error, got {other:?}"),
        }
    }
}
