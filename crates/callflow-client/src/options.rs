//! The settings both clients share, and the builder that collects them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::error::Error;

/// How a client talks to its API: where, with which [`Settings`], and what it sleeps
/// with between retries.
#[derive(Clone)]
pub(crate) struct Options {
    pub(crate) base_url: Url,
    pub(crate) settings: Settings,
    pub(crate) sleep: Arc<dyn Sleep>,
}

impl Options {
    /// The default settings, with `base_url` as the API's address.
    pub(crate) fn new(base_url: &str) -> Self {
        Options {
            base_url: parse_base_url(base_url).unwrap_or_else(|_| unreachable!("a valid default")),
            settings: Settings::DEFAULT,
            sleep: Arc::new(Timer),
        }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("base_url", &self.base_url.as_str())
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// The wait a [`Sleep`] gives.
pub type Wait = Pin<Box<dyn Future<Output = ()> + Send>>;

/// What a client sleeps with between two attempts. The default is tokio's timer; a
/// test gives a virtual clock that records each wait and returns at once, so retries
/// are checked without sleeping. Any `Fn(Duration) -> Wait` is one.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use std::time::Duration;
/// use callflow_client::{VoiceClient, Wait};
/// let waits = Arc::new(Mutex::new(Vec::<Duration>::new()));
/// let seen = Arc::clone(&waits);
/// let client = VoiceClient::builder("key", "my-subaccount")
///     .sleep(move |wait: Duration| -> Wait {
///         seen.lock().map(|mut waits| waits.push(wait)).ok();
///         Box::pin(async {})
///     })
///     .build()?;
/// # drop(client);
/// # Ok::<(), callflow_client::Error>(())
/// ```
pub trait Sleep: Send + Sync {
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> Wait;
}

impl<F: Fn(Duration) -> Wait + Send + Sync> Sleep for F {
    fn sleep(&self, duration: Duration) -> Wait {
        self(duration)
    }
}

/// tokio's timer: the default [`Sleep`].
struct Timer;

impl Sleep for Timer {
    fn sleep(&self, duration: Duration) -> Wait {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// How long a client waits, how often it retries and how much it reads: the settings a
/// [`Builder`] starts from ([`Settings::DEFAULT`]) and changes. The Python and Node
/// clients take their defaults from here.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// The longest one attempt may take, from connecting to the last byte of the answer.
    pub timeout: Duration,
    /// The longest connecting may take.
    pub connect_timeout: Duration,
    /// How many times a failed request is tried again.
    pub max_retries: u32,
    /// The wait before the first retry, doubled for each further one.
    pub backoff: Duration,
    /// The longest wait between two retries.
    pub max_backoff: Duration,
    /// The longest `Retry-After` the client waits for.
    pub max_retry_after: Duration,
    /// The largest answer body read, in bytes.
    pub max_body_bytes: u64,
    /// Whether a request that may have placed a call is retried once it may have reached
    /// the server.
    pub retry_non_idempotent: bool,
}

impl Settings {
    /// The defaults: a 30 s timeout per attempt, 10 s to connect, 2 retries with
    /// exponential backoff from 250 ms (capped at 8 s, with jitter), a `Retry-After`
    /// honoured up to 60 s, answers up to 1 MiB, and no retry of a request that may have
    /// placed a call once it may have reached the server.
    pub const DEFAULT: Settings = Settings {
        timeout: Duration::from_secs(30),
        connect_timeout: Duration::from_secs(10),
        max_retries: 2,
        backoff: Duration::from_millis(250),
        max_backoff: Duration::from_secs(8),
        max_retry_after: Duration::from_mins(1),
        max_body_bytes: 1024 * 1024,
        retry_non_idempotent: false,
    };
}

impl Default for Settings {
    fn default() -> Self {
        Settings::DEFAULT
    }
}

/// A base URL, with a trailing slash so that paths are added below it.
pub(crate) fn parse_base_url(text: &str) -> Result<Url, Error> {
    let mut url =
        Url::parse(text).map_err(|err| Error::Config(format!("base URL {text:?}: {err}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(Error::Config(format!(
            "base URL {text:?}: not an http(s) URL"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "base URL {text:?}: has a query or fragment"
        )));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// Builds a [`crate::VoiceClient`] or a [`crate::YayClient`]: the credentials, then any
/// setting to change, then `build()`.
///
/// It starts from [`Settings::DEFAULT`]. A setting the client cannot use (an invalid
/// base URL, a zero timeout) makes `build()` fail with [`Error::Config`].
#[must_use]
pub struct Builder<C: Credentials> {
    pub(crate) credentials: C,
    pub(crate) options: Options,
    pub(crate) error: Option<Error>,
}

/// What a client is built from: its credentials. Implemented by the two clients'
/// credential types only.
pub trait Credentials: fmt::Debug + sealed::Sealed {}

pub(crate) mod sealed {
    /// Keeps [`super::Credentials`] to this crate's types.
    pub trait Sealed {}
}

impl<C: Credentials> Builder<C> {
    pub(crate) fn new(credentials: C, default_base_url: &str) -> Self {
        Builder {
            credentials,
            options: Options::new(default_base_url),
            error: None,
        }
    }

    /// The API's address, such as `https://voice.wavecell.com` (8x8's legacy host) or a
    /// local test server. An invalid URL makes `build()` fail.
    pub fn base_url(mut self, url: &str) -> Self {
        match parse_base_url(url) {
            Ok(url) => self.options.base_url = url,
            Err(err) => self.fail(err),
        }
        self
    }

    /// The longest one attempt may take, from connecting to the last byte of the answer.
    /// Zero makes `build()` fail.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.settings.timeout = self.positive("timeout", timeout);
        self
    }

    /// The longest connecting may take. Zero makes `build()` fail.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.options.settings.connect_timeout = self.positive("connect timeout", timeout);
        self
    }

    /// How many times a failed request is tried again (0 for never).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.settings.max_retries = retries;
        self
    }

    /// The wait before the first retry; it doubles for each further retry, up to
    /// `max_backoff`, and a random part of it (jitter) spreads retries of many clients.
    pub fn backoff(mut self, first: Duration, max: Duration) -> Self {
        self.options.settings.backoff = first;
        self.options.settings.max_backoff = max.max(first);
        self
    }

    /// The longest `Retry-After` the client waits for; a server asking for more gets its
    /// 429 returned as an error at once.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.options.settings.max_retry_after = max;
        self
    }

    /// The largest answer body read, in bytes; a larger one is [`Error::BodyTooLarge`].
    pub fn max_body_bytes(mut self, limit: u64) -> Self {
        self.options.settings.max_body_bytes = limit;
        self
    }

    /// Whether a request that is not idempotent (sending a callflow, creating a Yay call
    /// flow) is retried after a timeout, a dropped connection or a 502/503/504, when the
    /// server may already have acted on it. Off by default: a retry could place a second
    /// real call. Connect errors and 429 answers are retried either way, since the
    /// server did not act on those.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.options.settings.retry_non_idempotent = retry;
        self
    }

    /// What the client sleeps with between attempts (tokio's timer by default): a test
    /// gives a virtual clock.
    pub fn sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.options.sleep = Arc::new(sleep);
        self
    }
}

impl<C: Credentials> Builder<C> {
    /// Keeps the first setting the client cannot use, for `build()` to fail with.
    fn fail(&mut self, err: Error) {
        self.error.get_or_insert(err);
    }

    /// `duration`, or a failure for `build()` when it is zero.
    fn positive(&mut self, name: &str, duration: Duration) -> Duration {
        if duration.is_zero() {
            self.fail(Error::Config(format!("{name} must be more than zero")));
        }
        duration
    }
}

impl<C: Credentials> fmt::Debug for Builder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("credentials", &self.credentials)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_get_a_trailing_slash() {
        let url = parse_base_url("http://127.0.0.1:8080/proxy").map(String::from);
        assert_eq!(url.ok().as_deref(), Some("http://127.0.0.1:8080/proxy/"));
    }

    #[test]
    fn base_urls_must_be_http() {
        for bad in [
            "ftp://example.com",
            "not a url",
            "mailto:a@b",
            "https://x/?q=1",
        ] {
            assert!(
                matches!(parse_base_url(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }
}
