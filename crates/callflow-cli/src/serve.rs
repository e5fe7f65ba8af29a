//! The `serve` subcommand: an IVR map answered over HTTP with no code. Voice Call Action
//! webhooks get the core's stateless answer (`voice::ivr::Ivr`), status and summary
//! webhooks `{}`; a handler step is relayed to the user's own service and its answer
//! checked before it is sent.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use callflow_core::voice::emulator::{self, Webhook, WebhookKind};
use callflow_core::voice::events::Event;
use callflow_core::voice::ivr::{Ivr, Next};
use callflow_core::voice::webhook::{BODY_LIMIT, Receiver};
use callflow_runner::HttpBackend;
use tracing::{info, warn};

use crate::cli::{LogFormat, ServeArgs};
use crate::emulate::{self, Trouble};
use crate::inputs;

/// How long a handler service may take to answer.
const HANDLER_TIMEOUT: Duration = Duration::from_secs(4);

/// Exit status when the map has errors (the server does not start).
const EXIT_INVALID_MAP: u8 = 1;
/// Exit status for an unreadable file, a bad setting or an address in use.
const EXIT_TROUBLE: u8 = 2;

/// What the server answers with: the map, the secret check, and the handler services.
struct App {
    ivr: Ivr,
    receiver: Receiver,
    handlers: HashMap<String, HttpBackend>,
}

/// Runs `callflow serve` until SIGTERM or Ctrl-C, and returns its exit status.
pub(crate) fn run(args: &ServeArgs) -> ExitCode {
    match serve(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Stop::InvalidMap(report)) => {
            eprintln!(
                "callflow: {}: the IVR map has errors; not serving it\n{report}",
                args.map.display()
            );
            ExitCode::from(EXIT_INVALID_MAP)
        }
        Err(Stop::Trouble(Trouble(message))) => {
            eprintln!("callflow: {message}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Why the server did not start, or stopped.
enum Stop {
    /// The map has errors: its report.
    InvalidMap(String),
    /// Anything else.
    Trouble(Trouble),
}

impl From<Trouble> for Stop {
    fn from(trouble: Trouble) -> Self {
        Stop::Trouble(trouble)
    }
}

/// Loads the map, then serves it.
fn serve(args: &ServeArgs) -> Result<(), Stop> {
    let document = inputs::read_one(&args.map).map_err(Trouble)?;
    let ivr = Ivr::from_json(document.bytes.as_slice())
        .map_err(|err| Stop::InvalidMap(err.report().to_string()))?;
    let handlers = handler_services(&ivr, args.handlers.as_deref())?;
    let secret = args
        .secret_env
        .as_deref()
        .map(emulate::secret)
        .transpose()?;
    let app = Arc::new(App {
        ivr,
        receiver: Receiver::new(secret),
        handlers,
    });
    logging(args.log_format);
    let router = Router::new()
        .route(&args.path, post(call_action))
        .route("/vcs", post(status_or_summary))
        .route("/vss", post(status_or_summary))
        .route("/healthz", get(|| async { "ok\n" }))
        // The core's webhook body limit; axum answers 413 to a larger body.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Trouble(format!("cannot start the I/O runtime: {err}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
            .await
            .map_err(|err| Trouble(format!("{}:{}: {err}", args.host, args.port)))?;
        let address = listener
            .local_addr()
            .map_err(|err| Trouble(format!("the bound address: {err}")))?;
        info!(address = %listen_url(address, &args.path), "listening");
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|err| Trouble(format!("serving: {err}")))?;
        info!("stopped");
        Ok(())
    })
}

/// `http://ADDRESS/vca`, where call actions go.
fn listen_url(address: SocketAddr, path: &str) -> String {
    format!("http://{address}{path}")
}

/// A relay to `BASE/NAME` for each handler the map names; none needed without handlers.
fn handler_services(
    ivr: &Ivr,
    base: Option<&str>,
) -> Result<HashMap<String, HttpBackend>, Trouble> {
    let names = ivr.handler_names();
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    let Some(base) = base else {
        return Err(Trouble(format!(
            "the map names handlers ({}); give --handlers URL, the service that answers them at URL/NAME",
            names.join(", ")
        )));
    };
    names
        .into_iter()
        .map(|name| {
            let url = format!("{}/{name}", base.trim_end_matches('/'));
            let service = HttpBackend::new(&url)
                .map_err(|err| Trouble(format!("--handlers: {err}")))?
                .timeout(HANDLER_TIMEOUT);
            Ok((name.to_owned(), service))
        })
        .collect()
}

/// One log line per event, as text or JSON lines, on stderr.
fn logging(format: Option<LogFormat>) {
    let builder = tracing_subscriber::fmt()
        .with_writer(|| LogWriter)
        .with_target(false);
    let _ = match format {
        Some(LogFormat::Json) => builder.json().try_init(),
        Some(LogFormat::Text) | None => builder.with_ansi(false).try_init(),
    };
}

/// Stderr for log lines, where a line that cannot be written (stderr closed, a full
/// pipe) is dropped: logging never fails a webhook.
struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = std::io::stderr().write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = std::io::stderr().flush();
        Ok(())
    }
}

/// Resolves on SIGTERM or Ctrl-C, for a graceful stop.
async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// The `Authorization` header, as text.
fn authorization(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
}

/// A JSON answer.
fn json(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The session id of a webhook, for the logs.
fn session_of(event: &Event) -> &str {
    match &event.payload {
        callflow_core::voice::events::Payload::Call(call) => call.session_id.as_deref(),
        callflow_core::voice::events::Payload::SessionSummary(summary) => {
            summary.session_id.as_deref()
        }
        _ => None,
    }
    .unwrap_or("-")
}

/// A Voice Call Action: the map's answer, or the handler's, checked.
async fn call_action(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let started = Instant::now();
    let event = match app.receiver.receive(body.as_ref(), authorization(&headers)) {
        Ok(event) => event,
        Err(refusal) => {
            warn!(status = refusal.status, "refused a call action");
            return json(status_code(refusal.status), refusal.body);
        }
    };
    let turn = app.ivr.reply(&event);
    let (response, outcome) = match turn.next {
        Next::Reply { body, .. } => (json(StatusCode::OK, body.to_owned()), "reply".to_owned()),
        Next::Handler(name) => relay(&app, name, &body).await,
        // Not a call action (`Next::Nothing`), and anything a later version adds.
        _ => (json(StatusCode::OK, "{}".to_owned()), "nothing".to_owned()),
    };
    let digits = event.call().and_then(|call| call.dtmf.as_deref());
    info!(
        kind = "VCA",
        session = session_of(&event),
        menu = turn.menu.unwrap_or("start"),
        digits = digits.unwrap_or("-"),
        key = turn.key.unwrap_or("-"),
        fallback = turn.fallback.map_or("-", |fallback| fallback.as_str()),
        status = response.status().as_u16(),
        outcome,
        latency_us = started.elapsed().as_micros(),
        "call action"
    );
    response
}

/// Relays a call action to its handler service and checks what it answers.
async fn relay(app: &App, name: &str, body: &[u8]) -> (Response, String) {
    let Some(service) = app.handlers.get(name) else {
        return (
            handler_failed(name, "no service for this handler"),
            format!("handler {name} missing"),
        );
    };
    let webhook = Webhook::relay(WebhookKind::Vca, String::from_utf8_lossy(body).into_owned());
    let answer = service.deliver(&webhook).await;
    let checked = match answer {
        emulator::Response::Answered { status, body, .. } if (200..300).contains(&status) => app
            .ivr
            .handler_reply(body.as_slice())
            .map_err(|err| err.report().to_string()),
        emulator::Response::Answered { status, .. } => Err(format!("it answered HTTP {status}")),
        emulator::Response::Failed { detail, .. } => Err(detail),
        _ => Err("no usable answer".to_owned()),
    };
    match checked {
        Ok(reply) => (
            json(StatusCode::OK, reply.to_json()),
            format!("handler {name}"),
        ),
        Err(why) => (handler_failed(name, &why), format!("handler {name} failed")),
    }
}

/// 502 with `{"error": "handler-failed", "message"}`: the platform ends the call, as it
/// would for a backend that failed.
fn handler_failed(name: &str, why: &str) -> Response {
    let body = serde_json::json!({
        "error": "handler-failed",
        "message": format!("the handler {name} gave no usable reply: {why}"),
    });
    json(StatusCode::BAD_GATEWAY, body.to_string())
}

/// A status or summary webhook: checked like any webhook, logged, answered `{}`.
async fn status_or_summary(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match app.receiver.receive(body.as_ref(), authorization(&headers)) {
        Ok(event) => {
            info!(
                kind = event.event_type.as_str(),
                session = session_of(&event),
                "status or summary"
            );
            json(StatusCode::OK, "{}".to_owned())
        }
        Err(refusal) => {
            warn!(
                status = refusal.status,
                "refused a status or summary webhook"
            );
            json(status_code(refusal.status), refusal.body)
        }
    }
}

/// A status the receiver chose, as axum's type.
fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST)
}

/// Parses `--path`: it starts with `/`, and is not one of the fixed routes.
pub(crate) fn route_path(text: &str) -> Result<String, String> {
    match text {
        "/vcs" | "/vss" | "/healthz" => Err(format!(
            "{text} is taken by the status, summary or health route"
        )),
        _ if text.starts_with('/') && !text.contains(['{', '}', '*']) => Ok(text.to_owned()),
        _ => Err("a path such as /vca (starting with /, without { } or *)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_checked() {
        assert_eq!(route_path("/vca"), Ok("/vca".to_owned()));
        assert!(
            route_path("vca").is_err()
                && route_path("/vss").is_err()
                && route_path("/{x}").is_err()
        );
    }
}
