//! The HTTP backend's settings: where each webhook goes, the secret, and the bounds of
//! one delivery.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use callflow_core::voice::emulator::WebhookKind;
use reqwest::header::HeaderValue;
use rustls_platform_verifier::BuilderVerifierExt;
use url::Url;

use crate::error::RunnerError;

/// How long a backend may take to answer one webhook, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest answer body read, in bytes, by default (1 MiB).
pub const DEFAULT_MAX_BODY: u64 = 1024 * 1024;

/// A webhook backend reached over HTTP: the user's own service, posted the webhooks an
/// emulated call produces, as 8x8 would post them.
///
/// Every webhook goes to the Voice Call Action (VCA) URL unless a URL is set for its
/// kind: Voice Call Status (VCS) webhooks to [`status_url`](Self::status_url) and the
/// Voice Session Summary (VSS) to [`summary_url`](Self::summary_url); see
/// [`url_for`](Self::url_for). The emulator only yields VCS webhooks when its options
/// ask for them (`status_webhooks`).
///
/// ```
/// use std::time::Duration;
/// use callflow_core::voice::emulator::WebhookKind;
/// use callflow_runner::HttpBackend;
///
/// let backend = HttpBackend::new("https://ivr.example.com/vca")?
///     .summary_url("https://ivr.example.com/vss")?
///     .secret("Bearer 5ecret")?
///     .timeout(Duration::from_millis(800));
/// assert_eq!(backend.url_for(WebhookKind::Vcs), "https://ivr.example.com/vca");
/// assert_eq!(backend.url_for(WebhookKind::Vss), "https://ivr.example.com/vss");
/// assert!(HttpBackend::new("ftp://ivr.example.com").is_err());
/// # Ok::<(), callflow_runner::RunnerError>(())
/// ```
#[derive(Clone)]
pub struct HttpBackend {
    pub(crate) http: reqwest::Client,
    vca_url: Url,
    status_url: Option<Url>,
    summary_url: Option<Url>,
    pub(crate) secret: Option<HeaderValue>,
    pub(crate) timeout: Duration,
    pub(crate) max_body: u64,
}

impl HttpBackend {
    /// A backend whose Voice Call Action webhooks (and, unless other URLs are set, all
    /// webhooks) are posted to `vca_url`, with no secret, a 5 s timeout and answers read
    /// up to 1 MiB.
    pub fn new(vca_url: &str) -> Result<HttpBackend, RunnerError> {
        Ok(HttpBackend {
            http: http_client()?,
            vca_url: webhook_url(vca_url)?,
            status_url: None,
            summary_url: None,
            secret: None,
            timeout: DEFAULT_TIMEOUT,
            max_body: DEFAULT_MAX_BODY,
        })
    }

    /// Where Voice Call Status (`CALL_STATUS`) webhooks go.
    pub fn status_url(mut self, url: &str) -> Result<HttpBackend, RunnerError> {
        self.status_url = Some(webhook_url(url)?);
        Ok(self)
    }

    /// Where the Voice Session Summary (`SESSION_SUMMARY`) webhook goes.
    pub fn summary_url(mut self, url: &str) -> Result<HttpBackend, RunnerError> {
        self.summary_url = Some(webhook_url(url)?);
        Ok(self)
    }

    /// The value sent as the `Authorization` header of every webhook, as 8x8 sends the
    /// `httpAuthHeader` registered with a webhook. It never appears in `Debug` output.
    pub fn secret(mut self, secret: &str) -> Result<HttpBackend, RunnerError> {
        let mut value = HeaderValue::from_str(secret).map_err(|_| RunnerError::InvalidSecret)?;
        value.set_sensitive(true);
        self.secret = Some(value);
        Ok(self)
    }

    /// The longest one delivery may take, from connecting to the last byte of the answer;
    /// a slower backend is abandoned at this point and its webhook counts as unanswered.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> HttpBackend {
        self.timeout = timeout;
        self
    }

    /// The largest answer body read, in bytes; reading stops there and the answer counts
    /// as too large.
    #[must_use]
    pub fn max_body(mut self, bytes: u64) -> HttpBackend {
        self.max_body = bytes;
        self
    }

    /// The URL a webhook of `kind` is posted to. This is the one place that decides:
    /// VCA to the VCA URL; VCS to the status URL, VSS to the summary URL, each falling
    /// back to the VCA URL when not set (8x8 posts each kind to the URL registered for
    /// it, often the same one).
    pub fn url_for(&self, kind: WebhookKind) -> &str {
        self.route(kind).as_str()
    }

    /// The parsed URL for `kind` (see [`url_for`](Self::url_for)).
    pub(crate) fn route(&self, kind: WebhookKind) -> &Url {
        let own = match kind {
            WebhookKind::Vcs => self.status_url.as_ref(),
            WebhookKind::Vss => self.summary_url.as_ref(),
            WebhookKind::Vca => None,
        };
        own.unwrap_or(&self.vca_url)
    }
}

impl fmt::Debug for HttpBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpBackend")
            .field("vca_url", &self.vca_url.as_str())
            .field("status_url", &self.status_url.as_ref().map(Url::as_str))
            .field("summary_url", &self.summary_url.as_ref().map(Url::as_str))
            .field("secret", &self.secret.as_ref().map(|_| "***"))
            .field("timeout", &self.timeout)
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

/// A webhook URL: absolute, `http` or `https`, with a host.
fn webhook_url(text: &str) -> Result<Url, RunnerError> {
    let invalid = |reason: String| RunnerError::InvalidUrl {
        url: text.to_owned(),
        reason,
    };
    let url = Url::parse(text).map_err(|err| invalid(err.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "the scheme is {:?}; webhooks go to http or https URLs",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host".to_owned()));
    }
    Ok(url)
}

/// The `User-Agent` of every webhook.
const USER_AGENT: &str = concat!("callflow-emulator/", env!("CARGO_PKG_VERSION"));

/// The HTTP client: HTTP/1.1 over rustls with the ring provider and the platform's trust
/// store, like the API clients, and no redirect ever followed.
fn http_client() -> Result<reqwest::Client, RunnerError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(BuilderVerifierExt::with_platform_verifier)
        .map_err(|err| RunnerError::Client(format!("TLS: {err}")))?
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .user_agent(USER_AGENT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|err| RunnerError::Client(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_with_a_host_are_webhook_urls() {
        for bad in [
            "ftp://example.com/vca",
            "mailto:ivr@example.com",
            "not a url",
            "/vca",
            "file:///tmp/vca",
        ] {
            assert!(
                matches!(webhook_url(bad), Err(RunnerError::InvalidUrl { .. })),
                "{bad}"
            );
        }
        for good in ["http://127.0.0.1:8080/vca", "https://ivr.example.com/a?b=c"] {
            assert!(webhook_url(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn each_kind_goes_to_its_own_url_or_the_vca_url() -> Result<(), RunnerError> {
        let backend = HttpBackend::new("http://h/vca")?;
        for kind in [WebhookKind::Vca, WebhookKind::Vcs, WebhookKind::Vss] {
            assert_eq!(backend.url_for(kind), "http://h/vca");
        }
        let backend = backend
            .status_url("http://h/vcs")?
            .summary_url("http://h/vss")?;
        assert_eq!(backend.url_for(WebhookKind::Vca), "http://h/vca");
        assert_eq!(backend.url_for(WebhookKind::Vcs), "http://h/vcs");
        assert_eq!(backend.url_for(WebhookKind::Vss), "http://h/vss");
        Ok(())
    }

    #[test]
    fn the_secret_is_checked_and_never_shown() -> Result<(), RunnerError> {
        let backend = HttpBackend::new("http://h/vca")?.secret("Bearer 5ecret")?;
        assert!(!format!("{backend:?}").contains("5ecret"));
        assert!(matches!(
            HttpBackend::new("http://h/vca")?.secret("a\r\nX-Injected: 1"),
            Err(RunnerError::InvalidSecret)
        ));
        Ok(())
    }
}
