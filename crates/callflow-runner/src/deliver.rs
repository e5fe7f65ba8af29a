//! Delivering one webhook: the POST, the bounded and timed read of the answer, and what
//! went wrong when there is no usable answer.

use std::time::{Duration, Instant};

use callflow_core::voice::emulator::{Failure, Response, Webhook};
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use url::Url;

use crate::backend::HttpBackend;

/// No usable answer: why, in a word and in a sentence.
type Unanswered = (Failure, String);

impl HttpBackend {
    /// Posts `webhook` (its JSON body, `content-type: application/json`, and the secret as
    /// `Authorization`) to the URL for its kind, and returns what came back with the
    /// measured latency.
    ///
    /// - Any status with a body is [`Response::Answered`]: the emulator judges 500s, bodies
    ///   that are not JSON and invalid replies.
    /// - A redirect (3xx) is never followed: [`Failure::Redirect`], with the status and
    ///   the `Location` in the detail.
    /// - No answer within the timeout is [`Failure::Timeout`]; the request is abandoned
    ///   then, so this never takes much longer than the timeout.
    /// - A body larger than the limit is [`Failure::TooLarge`]; reading stops at the limit.
    /// - A connection refused, reset or closed before the whole answer, or an answer that
    ///   is not HTTP, is [`Failure::Connection`].
    ///
    /// It needs a tokio runtime with timers and I/O enabled.
    pub async fn deliver(&self, webhook: &Webhook) -> Response {
        let started = Instant::now();
        let url = self.route(webhook.kind);
        let outcome = tokio::time::timeout(self.timeout, self.exchange(url, webhook)).await;
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let (failure, detail) = match outcome {
            Ok(Ok((status, body))) => {
                return Response::Answered {
                    status,
                    body,
                    latency_ms,
                };
            }
            Ok(Err(unanswered)) => unanswered,
            Err(_) => (
                Failure::Timeout,
                format!("{url} gave no answer within {}", show(self.timeout)),
            ),
        };
        Response::Failed {
            failure,
            detail,
            latency_ms,
        }
    }

    /// The request and the whole answer: its status and body.
    async fn exchange(&self, url: &Url, webhook: &Webhook) -> Result<(u16, Vec<u8>), Unanswered> {
        let mut request = self
            .http
            .post(url.clone())
            .header(header::CONTENT_TYPE, "application/json")
            .body(webhook.body.clone());
        if let Some(secret) = &self.secret {
            request = request.header(header::AUTHORIZATION, secret.clone());
        }
        let response = request.send().await.map_err(|err| broken(url, &err))?;
        let status = response.status();
        if status.is_redirection() {
            return Err(redirect(url, status, response.headers()));
        }
        let body = self.read(url, response).await?;
        Ok((status.as_u16(), body))
    }

    /// The answer's body, read chunk by chunk up to the limit.
    async fn read(
        &self,
        url: &Url,
        mut response: reqwest::Response,
    ) -> Result<Vec<u8>, Unanswered> {
        let too_large = || {
            (
                Failure::TooLarge,
                format!("{url} answered more than {} bytes", self.max_body),
            )
        };
        if response
            .content_length()
            .is_some_and(|length| length > self.max_body)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| broken(url, &err))? {
            if (body.len() + chunk.len()) as u64 > self.max_body {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// A redirect, which 8x8 does not follow either: the status and where it points.
fn redirect(url: &Url, status: StatusCode, headers: &HeaderMap) -> Unanswered {
    let target = headers
        .get(header::LOCATION)
        .map(|location| String::from_utf8_lossy(location.as_bytes()).into_owned());
    let detail = match target {
        Some(target) => format!(
            "{url} answered HTTP {} redirecting to {target}; redirects are not followed",
            status.as_u16()
        ),
        None => format!(
            "{url} answered HTTP {} (a redirect without a Location); redirects are not followed",
            status.as_u16()
        ),
    };
    (Failure::Redirect, detail)
}

/// A connection that failed: refused, reset, closed early, or not speaking HTTP. The
/// detail names the deepest cause, which is the one that says what happened.
fn broken(url: &Url, err: &reqwest::Error) -> Unanswered {
    let mut cause: &dyn std::error::Error = err;
    while let Some(source) = cause.source() {
        cause = source;
    }
    let what = if err.is_connect() {
        "cannot connect to"
    } else {
        "the connection failed for"
    };
    (Failure::Connection, format!("{what} {url}: {cause}"))
}

/// A duration as a person writes it: `200 ms`, `5 s`.
fn show(duration: Duration) -> String {
    let ms = duration.as_millis();
    if ms > 0 && ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(show(Duration::from_millis(200)), "200 ms");
        assert_eq!(show(Duration::from_secs(5)), "5 s");
        assert_eq!(show(Duration::from_millis(1500)), "1500 ms");
        assert_eq!(show(Duration::ZERO), "0 ms");
    }

    #[test]
    fn a_redirect_names_its_target() {
        let url = Url::parse("http://h/vca").ok();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::LOCATION,
            header::HeaderValue::from_static("https://elsewhere/x"),
        );
        let found = url.map(|url| redirect(&url, StatusCode::FOUND, &headers));
        let Some((Failure::Redirect, detail)) = found else {
            panic!("not a redirect: {found:?}");
        };
        assert!(
            detail.contains("HTTP 302") && detail.contains("https://elsewhere/x"),
            "{detail}"
        );
    }
}
