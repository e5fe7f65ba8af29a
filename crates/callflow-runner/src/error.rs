//! Why an HTTP backend cannot be set up.

/// A setting of [`HttpBackend`](crate::HttpBackend) that cannot be used. Failures of a
/// delivery are never errors: they are a [`Response`](callflow_core::voice::emulator::Response)
/// the emulator judges.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunnerError {
    /// A webhook URL that is not an absolute `http` or `https` URL with a host.
    #[error("webhook URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A secret that an HTTP header cannot carry (it holds a control character, such as
    /// a line break).
    #[error("the secret cannot be sent as an Authorization header: it holds a control character")]
    InvalidSecret,
    /// The HTTP client could not be built (its TLS setup failed).
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
}
