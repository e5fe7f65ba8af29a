//! The floor of the HTTP stack `callflow serve` is built on, for its benchmark: axum on
//! a multi-threaded tokio runtime answering every POST to `/vca` with one constant
//! reply, doing nothing else.
//!
//! `cargo run --release -p callflow-cli --example bare_axum -- PORT SECONDS` serves on
//! 127.0.0.1:PORT and stops by itself after SECONDS.

use std::time::Duration;

use axum::Router;
use axum::http::header;
use axum::routing::post;

const REPLY: &str = r#"{"clientActionId":"reservations","callflow":[{"action":"sayAndCapture","params":{"promptMessage":"To book a table, press 1.","voiceProfile":"en-US-BenjaminRUS","minDigits":1,"maxDigits":1}}]}"#;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().and_then(|p| p.parse().ok()).unwrap_or(18_081);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let app = Router::new().route(
            "/vca",
            post(|| async { ([(header::CONTENT_TYPE, "application/json")], REPLY) }),
        );
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let stop = tokio::time::sleep(Duration::from_secs(seconds));
        axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
    })
}
