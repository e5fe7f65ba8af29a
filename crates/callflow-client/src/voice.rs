//! The 8x8 Voice API client: send callflows, and read or change the sub-account's speech
//! profiles, webhooks, recordings and virtual numbers.

use callflow_core::voice::{Callflow, StatusCode};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::options::{Builder, Credentials, sealed};
use crate::secret::Secret;
use crate::transport::{Preview, Request, Safety, Transport};

/// 8x8's Voice API host. The legacy host `https://voice.wavecell.com` serves the same
/// API; pass it to [`Builder::base_url`] to use it.
pub const DEFAULT_BASE_URL: &str = "https://voice.8x8.com";

/// The credentials of a [`VoiceClient`]: an API key (sent as a bearer token) and the
/// voice sub-account the requests act on.
#[derive(Debug, Clone)]
pub struct VoiceCredentials {
    api_key: Secret,
    subaccount_id: String,
}

impl sealed::Sealed for VoiceCredentials {}
impl Credentials for VoiceCredentials {}

/// A client of the 8x8 Voice API for one sub-account.
///
/// Every request carries `Authorization: Bearer <key>`; the key is never printed:
///
/// ```
/// use callflow_client::VoiceClient;
/// let client = VoiceClient::new("sk-live-123", "my-subaccount")?;
/// assert!(!format!("{client:?}").contains("sk-live-123"));
/// # Ok::<(), callflow_client::Error>(())
/// ```
///
/// A callflow is validated before it is sent, so an invalid one never costs a request;
/// [`VoiceClient::preview_callflow`] shows what would be sent without sending it:
///
/// ```
/// use callflow_client::VoiceClient;
/// use callflow_core::voice::{Callflow, Say};
/// let client = VoiceClient::new("sk-live-123", "my-subaccount")?;
/// let flow = Callflow::builder()
///     .make_call("+6512341234", "+6512345678")
///     .say(Say::new("Your code is 1 2 3 4.", "en-US-Jenny"))
///     .hangup()
///     .build()?;
/// let request = client.preview_callflow(&flow)?;
/// assert_eq!(request.url, "https://voice.8x8.com/api/v1/subaccounts/my-subaccount/callflows");
/// assert!(request.to_string().contains("authorization: ***"));
/// # Ok::<(), callflow_client::Error>(())
/// ```
#[derive(Debug)]
pub struct VoiceClient {
    transport: Transport,
    subaccount_id: String,
}

impl VoiceClient {
    /// A client with the default settings (see [`Builder`]).
    pub fn new(
        api_key: impl Into<Secret>,
        subaccount_id: impl Into<String>,
    ) -> Result<Self, Error> {
        VoiceClient::builder(api_key, subaccount_id).build()
    }

    /// Starts building a client, to change its base URL, timeouts or retries.
    pub fn builder(
        api_key: impl Into<Secret>,
        subaccount_id: impl Into<String>,
    ) -> Builder<VoiceCredentials> {
        let credentials = VoiceCredentials {
            api_key: api_key.into(),
            subaccount_id: subaccount_id.into(),
        };
        Builder::new(credentials, DEFAULT_BASE_URL)
    }

    /// The sub-account the requests act on.
    pub fn subaccount_id(&self) -> &str {
        &self.subaccount_id
    }

    /// Validates the callflow and sends it (`POST …/callflows`), starting a call.
    ///
    /// An invalid callflow is [`Error::Validation`] and nothing is sent. The request is
    /// not retried once it may have reached the server (see
    /// [`Builder::retry_non_idempotent`]).
    pub async fn send_callflow(&self, flow: &Callflow) -> Result<Session, Error> {
        let request = self.callflow_request(flow)?;
        let answer = self.transport.send(&request).await?;
        crate::decode(answer.status, &answer.body)
    }

    /// Validates the callflow and returns the request [`VoiceClient::send_callflow`]
    /// would send, with the API key redacted. Sends nothing.
    pub fn preview_callflow(&self, flow: &Callflow) -> Result<Preview, Error> {
        Ok(self.transport.preview(&self.callflow_request(flow)?))
    }

    /// The TTS voices the sub-account may use (`GET …/speech-profiles`).
    pub async fn speech_profiles(&self) -> Result<Vec<SpeechProfile>, Error> {
        let list: SpeechProfiles = self.get(&["speech-profiles"]).await?;
        Ok(list.speech_profiles)
    }

    /// The webhooks configured for the sub-account (`GET …/webhooks`).
    pub async fn webhooks(&self) -> Result<Vec<Webhook>, Error> {
        let list: Webhooks = self.get(&["webhooks"]).await?;
        Ok(list.webhooks)
    }

    /// Sets the webhook of one type (`POST …/webhooks`), replacing the one configured
    /// for that type, and returns every webhook now configured.
    pub async fn set_webhook(&self, webhook: &NewWebhook) -> Result<Vec<Webhook>, Error> {
        let body = serde_json::to_vec(webhook).map_err(|err| Error::Config(err.to_string()))?;
        // Setting the same webhook twice leaves the same configuration: safe to retry.
        let request = self.request(Method::POST, &["webhooks"], Some(body), Safety::Idempotent);
        let answer = self.transport.send(&request).await?;
        let list: Webhooks = crate::decode(answer.status, &answer.body)?;
        Ok(list.webhooks)
    }

    /// Removes the webhook of one type (`DELETE …/webhooks/{type}`) and returns it.
    pub async fn delete_webhook(&self, kind: WebhookType) -> Result<Webhook, Error> {
        let request = self.request(
            Method::DELETE,
            &["webhooks", kind.as_str()],
            None,
            Safety::Idempotent,
        );
        let answer = self.transport.send(&request).await?;
        crate::decode(answer.status, &answer.body)
    }

    /// The recordings of one session (`GET …/recordings/{sessionId}`).
    pub async fn recordings(&self, session_id: &str) -> Result<Vec<Recording>, Error> {
        let list: Recordings = self.get(&["recordings", session_id]).await?;
        Ok(list.recordings)
    }

    /// The sub-account's virtual numbers and their health (`GET …/numbers`).
    pub async fn numbers(&self) -> Result<Vec<VirtualNumber>, Error> {
        let list: Numbers = self.get(&["numbers"]).await?;
        Ok(list.numbers)
    }

    /// One virtual number (`GET …/numbers/{number}`).
    pub async fn number(&self, number: &str) -> Result<VirtualNumber, Error> {
        let one: OneNumber = self.get(&["numbers", number]).await?;
        Ok(one.payload)
    }

    fn callflow_request(&self, flow: &Callflow) -> Result<Request, Error> {
        flow.validate()?;
        let body = flow.to_json().into_bytes();
        Ok(self.request(
            Method::POST,
            &["callflows"],
            Some(body),
            Safety::NonIdempotent,
        ))
    }

    async fn get<T: for<'de> Deserialize<'de>>(&self, path: &[&str]) -> Result<T, Error> {
        let request = self.request(Method::GET, path, None, Safety::Idempotent);
        let answer = self.transport.send(&request).await?;
        crate::decode(answer.status, &answer.body)
    }

    fn request(
        &self,
        method: Method,
        path: &[&str],
        body: Option<Vec<u8>>,
        safety: Safety,
    ) -> Request {
        let prefix = ["api", "v1", "subaccounts", self.subaccount_id.as_str()];
        self.transport
            .request(method, prefix.iter().chain(path).copied(), body, safety)
    }
}

impl Builder<VoiceCredentials> {
    /// The client. Fails on an invalid base URL, or a sub-account id the API would
    /// refuse (3 to 50 of `A-Z a-z 0-9 - . _ &`).
    pub fn build(self) -> Result<VoiceClient, Error> {
        if let Some(err) = self.error {
            return Err(err);
        }
        let VoiceCredentials {
            api_key,
            subaccount_id,
        } = self.credentials;
        check_subaccount_id(&subaccount_id)?;
        let bearer = format!("Bearer {}", api_key.expose());
        let transport = Transport::new(self.options, vec![("authorization", &bearer)])?;
        Ok(VoiceClient {
            transport,
            subaccount_id,
        })
    }
}

/// Checks a sub-account id against 8x8's pattern `^[A-Za-z0-9\-._&]{3,50}$`.
fn check_subaccount_id(id: &str) -> Result<(), Error> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._&".contains(c);
    if (3..=50).contains(&id.len()) && id.chars().all(allowed) {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "sub-account id {id:?}: expected 3 to 50 of A-Z a-z 0-9 - . _ &"
        )))
    }
}

/// The answer to a callflow that was accepted: the session it created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Session {
    /// The session's id (a UUID), found again in the webhooks.
    pub session_id: String,
    /// `CREATED`: accepted, not yet answered.
    pub session_status: String,
    /// The id of this request (a UUID).
    pub call_flow_request_id: String,
    /// `1` for created.
    pub status_code: i32,
    /// `Created`.
    pub status_message: String,
    /// Until when the session may still start, if the request said so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

impl Session {
    /// A session as the API answers it, for tests and mocks.
    pub fn new(
        session_id: impl Into<String>,
        session_status: impl Into<String>,
        call_flow_request_id: impl Into<String>,
        status_code: i32,
        status_message: impl Into<String>,
        valid_until: Option<String>,
    ) -> Self {
        Session {
            session_id: session_id.into(),
            session_status: session_status.into(),
            call_flow_request_id: call_flow_request_id.into(),
            status_code,
            status_message: status_message.into(),
            valid_until,
        }
    }

    /// The meaning of [`Session::status_code`], if it is a documented code.
    pub fn status(&self) -> Option<StatusCode> {
        StatusCode::from_code(self.status_code)
    }
}

/// A TTS voice: its code goes in `voiceProfile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SpeechProfile {
    /// The code to use in `voiceProfile`, such as `en-US-Standard-A`.
    pub speech_profile_code: String,
    /// The locale, such as `en-US`.
    #[serde(default)]
    pub locale_code: String,
    /// The language, such as `EnglishUS`.
    #[serde(default)]
    pub locale_description: String,
    /// `F` or `M`.
    #[serde(default)]
    pub gender: String,
}

/// The five webhook types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
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

impl WebhookType {
    /// The type as the API names it: `VCA`, `VSS`, `VCS`, `VRU` or `VNU`.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookType::Vca => "VCA",
            WebhookType::Vss => "VSS",
            WebhookType::Vcs => "VCS",
            WebhookType::Vru => "VRU",
            WebhookType::Vnu => "VNU",
        }
    }
}

impl std::str::FromStr for WebhookType {
    type Err = Error;

    /// Reads a type name, in any case.
    fn from_str(name: &str) -> Result<Self, Error> {
        let all = [
            WebhookType::Vca,
            WebhookType::Vss,
            WebhookType::Vcs,
            WebhookType::Vru,
            WebhookType::Vnu,
        ];
        all.into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::Config(format!(
                    "webhook type {name:?}: expected VCA, VSS, VCS, VRU or VNU"
                ))
            })
    }
}

/// A webhook to set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewWebhook {
    /// Which events it receives.
    #[serde(rename = "type")]
    pub kind: WebhookType,
    /// Where 8x8 posts them.
    pub url: String,
    /// The `Authorization` value 8x8 sends with each post, to check them by.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose")]
    pub http_auth_header: Option<Secret>,
    /// Whether it is on (8x8's default: on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl NewWebhook {
    /// A webhook of `kind` posting to `url`, without an authorization value.
    pub fn new(kind: WebhookType, url: impl Into<String>) -> Self {
        NewWebhook {
            kind,
            url: url.into(),
            http_auth_header: None,
            enabled: None,
        }
    }

    /// The same webhook, with the `Authorization` value 8x8 sends with each post.
    #[must_use]
    pub fn http_auth_header(mut self, secret: impl Into<Secret>) -> Self {
        self.http_auth_header = Some(secret.into());
        self
    }
}

#[expect(clippy::ref_option, reason = "serde's serialize_with passes &Option")]
fn expose<S: serde::Serializer>(secret: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => serializer.serialize_str(secret.expose()),
        None => serializer.serialize_none(),
    }
}

/// A configured webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Webhook {
    /// Its type (`VCA`, …), as the API wrote it.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where 8x8 posts.
    pub url: String,
    /// Whether it is on.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Whether an `Authorization` value is set (the value itself is never returned).
    #[serde(default)]
    pub http_auth_header_available: Option<bool>,
}

/// One recording of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Recording {
    /// The recording's id.
    pub recording_id: String,
    /// The session it belongs to (the API writes `sessionId` or `sessionid`).
    #[serde(default, alias = "sessionid")]
    pub session_id: Option<String>,
    /// `PROCESSING`, `UPLOAD_COMPLETED`, `UPLOAD_FAILED`, …
    #[serde(default)]
    pub status: Option<String>,
    /// Where the file was delivered.
    #[serde(default)]
    pub external_file_url: Option<String>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A virtual number of the sub-account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VirtualNumber {
    /// The number, in E.164.
    pub msisdn: String,
    /// The ISO 3166-1 alpha-2 country.
    #[serde(default)]
    pub country_code: Option<String>,
    /// `Active`, `Expiring` or `Inactive`.
    #[serde(default)]
    pub operational_status: Option<String>,
    /// The number's reference id, found again in webhooks.
    #[serde(default)]
    pub reference_id: Option<String>,
    /// Every other field (prices, health, dates), as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpeechProfiles {
    speech_profiles: Vec<SpeechProfile>,
}

#[derive(Deserialize)]
struct Webhooks {
    #[serde(default)]
    webhooks: Vec<Webhook>,
}

#[derive(Deserialize)]
struct Recordings {
    #[serde(default)]
    recordings: Vec<Recording>,
}

#[derive(Deserialize)]
struct Numbers {
    #[serde(default)]
    numbers: Vec<VirtualNumber>,
}

#[derive(Deserialize)]
struct OneNumber {
    payload: VirtualNumber,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subaccount_ids_follow_the_api_pattern() {
        for good in ["abc", "8x8_Testing", "a-b.c&d", &"x".repeat(50)] {
            assert!(check_subaccount_id(good).is_ok(), "{good}");
        }
        for bad in ["ab", "with space", "slash/", "ümlaut", &"x".repeat(51)] {
            assert!(
                matches!(check_subaccount_id(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn webhook_types_read_in_any_case() {
        assert_eq!("vca".parse::<WebhookType>().ok(), Some(WebhookType::Vca));
        assert_eq!("VNU".parse::<WebhookType>().ok(), Some(WebhookType::Vnu));
        assert!("VXX".parse::<WebhookType>().is_err());
    }

    #[test]
    fn a_new_webhook_sends_its_secret_but_never_prints_it() {
        let hook =
            NewWebhook::new(WebhookType::Vss, "https://example.com/vss").http_auth_header("s3cret");
        let json = serde_json::to_string(&hook).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"type":"VSS","url":"https://example.com/vss","httpAuthHeader":"s3cret"}"#
        );
        assert!(!format!("{hook:?}").contains("s3cret"));
    }
}
