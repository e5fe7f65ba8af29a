//! Sending one request reliably: timeouts, bounded reads, and retries that never repeat
//! a request the server may have acted on, unless that is safe.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, Response};
use rustls_platform_verifier::BuilderVerifierExt;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;
use url::Url;

use crate::error::{ApiError, Error};
use crate::options::Options;

/// Whether a request may be sent again once the server may have received it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Safety {
    /// Reads, whole-object replacements and deletes: sending twice is sending once.
    Idempotent,
    /// Sending a callflow (a second one places a second call) or creating an object.
    NonIdempotent,
}

/// One request to send.
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) safety: Safety,
}

/// A successful answer: its status and its whole body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

/// The HTTP client with the options and authentication headers of one API client.
pub(crate) struct Transport {
    http: reqwest::Client,
    options: Options,
    auth: HeaderMap,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("options", &self.options)
            .field("auth", &self.auth.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// The `User-Agent` of every request.
const USER_AGENT: &str = concat!("callflow/", env!("CARGO_PKG_VERSION"));

impl Transport {
    /// A transport that adds `auth` (marked sensitive, so never printed) to every request.
    pub(crate) fn new(options: Options, auth: Vec<(&'static str, &str)>) -> Result<Self, Error> {
        let mut headers = HeaderMap::new();
        for (name, value) in auth {
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("{name}: not a valid header value")))?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        // TLS with rustls on the ring provider and the platform's trust store.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(BuilderVerifierExt::with_platform_verifier)
            .map_err(|err| Error::Config(format!("TLS: {err}")))?
            .with_no_client_auth();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .user_agent(USER_AGENT)
            .timeout(options.settings.timeout)
            .connect_timeout(options.settings.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| Error::Config(format!("HTTP client: {err}")))?;
        Ok(Transport {
            http,
            options,
            auth: headers,
        })
    }

    /// A request to the API's base URL with the path `segments` appended, each
    /// percent-encoded.
    pub(crate) fn request<'a>(
        &self,
        method: Method,
        segments: impl IntoIterator<Item = &'a str>,
        body: Option<Vec<u8>>,
        safety: Safety,
    ) -> Request {
        let mut url = self.options.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        Request {
            method,
            url,
            body,
            safety,
        }
    }

    /// The request as it would be sent, with every credential replaced by `***`.
    pub(crate) fn preview(&self, request: &Request) -> Preview {
        let mut headers: Vec<(String, String)> = self
            .auth
            .keys()
            .map(|name| (name.as_str().to_owned(), "***".to_owned()))
            .collect();
        if request.body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        headers.push(("user-agent".to_owned(), USER_AGENT.to_owned()));
        Preview {
            method: request.method.to_string(),
            url: request.url.to_string(),
            headers,
            body: request
                .body
                .as_deref()
                .map(|body| String::from_utf8_lossy(body).into_owned()),
        }
    }

    /// Sends the request, retrying what is safe to retry, and returns the successful
    /// answer or the last error.
    pub(crate) async fn send(&self, request: &Request) -> Result<Answer, Error> {
        let mut attempt = 0;
        loop {
            let (error, wait) = match self.attempt(request).await {
                Ok(answer) => return Ok(answer),
                Err(failure) => self.judge(failure, request.safety, attempt),
            };
            match wait {
                Some(wait) if attempt < self.options.settings.max_retries => {
                    self.options.sleep.sleep(wait).await;
                    attempt += 1;
                }
                _ => return Err(error),
            }
        }
    }

    /// The error to give up with, and how long to wait before the next attempt if the
    /// failure may be retried.
    fn judge(&self, failure: Error, safety: Safety, attempt: u32) -> (Error, Option<Duration>) {
        let may_repeat = safety == Safety::Idempotent || self.options.settings.retry_non_idempotent;
        let backoff = self.backoff(attempt);
        let wait = match &failure {
            // Nothing reached the server.
            Error::Connect(_) => Some(backoff),
            // The server refused the request without acting on it.
            Error::Api(api) if api.status == 429 => match api.retry_after {
                Some(asked) if asked > self.options.settings.max_retry_after => None,
                Some(asked) => Some(asked),
                None => Some(backoff),
            },
            // The server may have acted on the request.
            Error::Api(api) if matches!(api.status, 502..=504) && may_repeat => Some(backoff),
            Error::Timeout(_) | Error::Transport(_) if may_repeat => Some(backoff),
            _ => None,
        };
        (failure, wait)
    }

    /// The wait before retry number `attempt + 1`: exponential, capped, with "equal
    /// jitter" (half fixed, half random) so that it never collapses to zero.
    fn backoff(&self, attempt: u32) -> Duration {
        let exponential = self
            .options
            .settings
            .backoff
            .saturating_mul(2_u32.saturating_pow(attempt))
            .min(self.options.settings.max_backoff);
        let half = exponential / 2;
        let random = RandomState::new().hash_one(attempt);
        let nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(random % nanos.saturating_add(1))
    }

    /// One attempt: the answer if it is a success, or why not.
    async fn attempt(&self, request: &Request) -> Result<Answer, Error> {
        let mut builder = self
            .http
            .request(request.method.clone(), request.url.clone())
            .headers(self.auth.clone())
            .header(header::ACCEPT, "application/json");
        if let Some(body) = &request.body {
            builder = builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = builder.send().await.map_err(|err| self.network(err))?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let body = self.read(response).await?;
        if status.is_success() {
            Ok(Answer {
                status: status.as_u16(),
                body,
            })
        } else {
            Err(ApiError::from_response(status.as_u16(), &body, retry_after).into())
        }
    }

    /// Reads the whole body, refusing more than `max_body_bytes`.
    async fn read(&self, mut response: Response) -> Result<Vec<u8>, Error> {
        let limit = self.options.settings.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            return Err(Error::BodyTooLarge { limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| self.network(err))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(Error::BodyTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// The error for a failure of the connection. A connection that could not be made
    /// (refused, or not made within the connect timeout) sent nothing.
    fn network(&self, err: reqwest::Error) -> Error {
        if err.is_connect() {
            Error::Connect(err)
        } else if err.is_timeout() {
            Error::Timeout(self.options.settings.timeout)
        } else {
            Error::Transport(err)
        }
    }
}

/// A request as it would be sent, for a dry run: credentials are shown as `***`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Preview {
    /// The HTTP method, such as `POST`.
    pub method: String,
    /// The full URL.
    pub url: String,
    /// The headers, lower-case names, credentials redacted.
    pub headers: Vec<(String, String)>,
    /// The JSON body, if the request has one.
    pub body: Option<String>,
}

impl fmt::Display for Preview {
    /// The request in HTTP's own layout: the request line, the headers, a blank line and
    /// the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            write!(f, "\n{body}\n")?;
        }
        Ok(())
    }
}

/// The `Retry-After` header: a number of seconds, or an HTTP date (a date already past
/// means no wait).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    wait_asked(
        headers.get(header::RETRY_AFTER)?.to_str().ok()?,
        OffsetDateTime::now_utc(),
    )
}

/// The wait a `Retry-After` value asks for, at the time `now`.
fn wait_asked(value: &str, now: OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse() {
        return Some(Duration::from_secs(seconds));
    }
    let at = OffsetDateTime::parse(value, &Rfc2822).ok()?;
    Some(Duration::try_from(at - now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = datetime!(2026-11-22 08:49:30 UTC);
        assert_eq!(wait_asked(" 7 ", now), Some(Duration::from_secs(7)));
        let date = "Sun, 22 Nov 2026 08:49:37 GMT";
        assert_eq!(wait_asked(date, now), Some(Duration::from_secs(7)));
        assert_eq!(
            wait_asked(date, datetime!(2026-11-22 09:00:00 UTC)),
            Some(Duration::ZERO)
        );
        assert_eq!(wait_asked("soon", now), None);
    }
}
