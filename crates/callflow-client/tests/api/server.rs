//! A scripted HTTP/1.1 server on 127.0.0.1 for the client tests: it answers each
//! connection with the next scripted reply (the last one repeats), and records every
//! request it read.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// Answers with this status, extra headers and body.
    Status(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Waits, then does the inner reply.
    Delay(Duration, Box<Reply>),
    /// Closes the connection without answering, after reading the request.
    Drop,
    /// Answers 200 with this many bytes of garbage and no `Content-Length`.
    Garbage(usize),
}

impl Reply {
    /// An answer with a JSON (or any text) body.
    pub(crate) fn json(status: u16, body: &str) -> Reply {
        Reply::Status(status, Vec::new(), body.as_bytes().to_vec())
    }

    /// A 429 with `Retry-After: seconds`.
    pub(crate) fn too_many(seconds: u64) -> Reply {
        let body = br#"{"code": 1002, "message": "Too many requests", "errorId": "rl-1"}"#;
        Reply::Status(
            429,
            vec![("Retry-After", seconds.to_string())],
            body.to_vec(),
        )
    }
}

/// One request the server read.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) method: String,
    pub(crate) path: String,
    /// Lower-case names.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Seen {
    /// The value of a header, by lower-case name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("the client sent JSON")
    }
}

/// A running server; it stops with the test's runtime.
pub(crate) struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server on a free port with these replies.
    pub(crate) async fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        Server::serve(listener, replies)
    }

    /// Starts a server on `port` (freed earlier by the test) with these replies.
    pub(crate) async fn start_on(port: u16, replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
        Server::serve(listener, replies)
    }

    fn serve(listener: TcpListener, replies: Vec<Reply>) -> Server {
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let replies = Arc::new(replies);
        let next = Arc::new(AtomicUsize::new(0));
        let log = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (log, replies, next) =
                    (Arc::clone(&log), Arc::clone(&replies), Arc::clone(&next));
                tokio::spawn(async move {
                    let Some(request) = read_request(stream).await else {
                        return;
                    };
                    let (stream, seen) = request;
                    log.lock().expect("log").push(seen);
                    let index = next.fetch_add(1, Ordering::SeqCst).min(replies.len() - 1);
                    answer(stream, replies[index].clone()).await;
                });
            }
        });
        Server { url, seen }
    }

    /// The server's base URL, `http://127.0.0.1:<port>`.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Every request read so far.
    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }
}

/// A port that was free a moment ago, with nothing listening on it.
pub(crate) async fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    listener.local_addr().expect("address").port()
}

async fn read_request(mut stream: TcpStream) -> Option<(TcpStream, Seen)> {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 8192];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 || buffer.len() > 1 << 16 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    let seen = Seen {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    Some((stream, seen))
}

async fn answer(mut stream: TcpStream, reply: Reply) {
    let mut reply = reply;
    while let Reply::Delay(wait, inner) = reply {
        tokio::time::sleep(wait).await;
        reply = *inner;
    }
    match reply {
        Reply::Status(status, headers, body) => {
            let mut head = format!(
                "HTTP/1.1 {status} Scripted\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.extend([name, ": ", &value, "\r\n"]);
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
        }
        Reply::Garbage(size) => {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
                .await;
            let block = vec![b'#'; 64 * 1024];
            let mut sent = 0;
            while sent < size {
                if stream.write_all(&block).await.is_err() {
                    return;
                }
                sent += block.len();
            }
        }
        Reply::Drop | Reply::Delay(..) => {}
    }
    let _ = stream.shutdown().await;
}
