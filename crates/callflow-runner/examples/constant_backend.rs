//! A minimal webhook backend for load benchmarks: HTTP/1.1 with keep-alive on
//! loopback, answering every POST with one constant, valid reply (say goodbye, hang
//! up). It is the floor both `callflow load` and a plain HTTP load generator are
//! measured against.
//!
//! `cargo run --release -p callflow-runner --example constant_backend -- PORT SECONDS`
//! serves on 127.0.0.1:PORT and stops by itself after SECONDS.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const REPLY: &str = r#"{"callflow":[{"action":"say","params":{"text":"Goodbye.","voiceProfile":"en-US-JennyNeural"}},{"action":"hangup"}]}"#;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args
        .next()
        .and_then(|port| port.parse().ok())
        .unwrap_or(18_080);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let serving = async {
            loop {
                if let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(connection(stream));
                }
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(seconds), serving).await;
        Ok(())
    })
}

/// Answers each request on one connection until the client closes it.
async fn connection(mut stream: TcpStream) {
    let answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{REPLY}",
        REPLY.len()
    );
    let mut buffer = Vec::with_capacity(8192);
    let mut chunk = [0_u8; 8192];
    loop {
        while let Some(end) = request_end(&buffer) {
            buffer.drain(..end);
            if stream.write_all(answer.as_bytes()).await.is_err() {
                return;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    }
}

/// Where the first whole request in `buffer` ends: its headers, then the body their
/// content-length gives.
fn request_end(buffer: &[u8]) -> Option<usize> {
    let head = buffer.windows(4).position(|window| window == b"\r\n\r\n")? + 4;
    let headers = String::from_utf8_lossy(&buffer[..head]).to_ascii_lowercase();
    let length: usize = headers
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    (buffer.len() >= head + length).then_some(head + length)
}
