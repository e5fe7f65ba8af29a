//! A webhook backend on 127.0.0.1 for tests, answering each request as a handler says:
//! a reply, a hang, 10 MB, bytes that are not HTTP, or a dropped connection.
//!
//! It runs on a thread of its own, so both async tests and tests that run the
//! `callflow` binary can use it (the command's tests include this file). It serves at most
//! [`MAX_CONNECTIONS`] connections, one request each, and stops by itself after
//! [`LIFETIME`] at the latest.

use std::collections::BTreeMap;
use std::net::TcpListener as StdListener;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// The most connections a server accepts before it stops listening.
pub(crate) const MAX_CONNECTIONS: usize = 64;

/// The longest a server lives.
pub(crate) const LIFETIME: Duration = Duration::from_secs(20);

/// What the server does with one request.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// Answers with this status and body (with its `Content-Length`).
    Answer(u16, Vec<u8>),
    /// Answers `302 Found` with this `Location`.
    Redirect(String),
    /// Never answers; waits until the client gives up and closes the connection.
    Hang,
    /// Answers 200 with this many bytes and no `Content-Length`, until the client stops
    /// reading.
    Huge(usize),
    /// Answers with bytes that are not HTTP.
    NotHttp,
    /// Closes the connection without answering.
    Drop,
}

impl Reply {
    /// An answer with a JSON (or any text) body.
    pub(crate) fn json(status: u16, body: &str) -> Reply {
        Reply::Answer(status, body.as_bytes().to_vec())
    }
}

/// One request the server read.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// The request line's method.
    pub(crate) method: String,
    /// The request line's path.
    pub(crate) path: String,
    /// The headers, by lower-case name.
    pub(crate) headers: BTreeMap<String, String>,
    /// The body, as text.
    pub(crate) body: String,
}

impl Request {
    /// A header's value, by lower-case name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// The body as JSON (`null` when it is not JSON).
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_default()
    }

    /// The body's `eventType`, such as `CALL_ACTION`.
    pub(crate) fn event_type(&self) -> String {
        self.json()["eventType"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The digits a call action carries, in either dialect (`eventData.dtmf` or a flat
    /// `dtmf`).
    pub(crate) fn dtmf(&self) -> Option<String> {
        let body = self.json();
        ["/payload/eventData/dtmf", "/payload/dtmf"]
            .into_iter()
            .find_map(|pointer| body.pointer(pointer)?.as_str().map(str::to_owned))
    }
}

/// Decides the reply to each request.
type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A running server.
pub(crate) struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Starts a server that answers every request with `reply`.
    pub(crate) fn always(reply: Reply) -> Server {
        Server::start(move |_| reply.clone())
    }

    /// Starts a server that answers each request as `handler` says.
    pub(crate) fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = StdListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(serve(listener, handler, log));
        });
        Server { url, seen }
    }

    /// The server's address, `http://127.0.0.1:<port>`.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Every request read so far.
    pub(crate) fn seen(&self) -> Vec<Request> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// A URL on a port nothing listens on, so connecting is refused.
pub(crate) fn refusing_url() -> String {
    let listener = StdListener::bind("127.0.0.1:0").expect("a loopback port");
    format!("http://{}/vca", listener.local_addr().expect("an address"))
}

/// Accepts connections and answers them, within the bounds.
async fn serve(listener: StdListener, handler: Arc<Handler>, seen: Arc<Mutex<Vec<Request>>>) {
    let Ok(listener) = TcpListener::from_std(listener) else {
        return;
    };
    let work = async move {
        let mut connections = JoinSet::new();
        for _ in 0..MAX_CONNECTIONS {
            let Ok((stream, _)) = listener.accept().await else {
                break;
            };
            let (handler, seen) = (Arc::clone(&handler), Arc::clone(&seen));
            connections.spawn(async move {
                let Some((stream, request)) = read_request(stream).await else {
                    return;
                };
                let reply = handler(&request);
                seen.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(request);
                answer(stream, reply).await;
            });
        }
        while connections.join_next().await.is_some() {}
    };
    let _ = tokio::time::timeout(LIFETIME, work).await;
}

/// Reads one request: the request line, the headers up to the blank line, and the body
/// its `Content-Length` announces.
async fn read_request(stream: TcpStream) -> Option<(TcpStream, Request)> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).await.ok()?;
    let mut words = line.split_whitespace();
    let (method, path) = (words.next()?.to_owned(), words.next()?.to_owned());
    let mut headers = BTreeMap::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let Some((name, value)) = line.split_once(':') else {
            break;
        };
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
    }
    let length = headers
        .get("content-length")
        .and_then(|value| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).await.ok()?;
    let body = String::from_utf8_lossy(&body).into_owned();
    Some((
        reader.into_inner(),
        Request {
            method,
            path,
            headers,
            body,
        },
    ))
}

/// A response head: the status line, then `Content-Length` or `Location` when given.
fn head(status: u16, length: Option<usize>, location: Option<&str>) -> String {
    let length = length.map(|length| format!("Content-Length: {length}\r\n"));
    let location = location.map(|location| format!("Location: {location}\r\n"));
    format!(
        "HTTP/1.1 {status} Scripted\r\nConnection: close\r\n{}{}\r\n",
        length.unwrap_or_default(),
        location.unwrap_or_default()
    )
}

/// Does what `reply` says on the connection, then closes it.
async fn answer(mut stream: TcpStream, reply: Reply) {
    match reply {
        Reply::Answer(status, body) => {
            let head = head(status, Some(body.len()), None);
            let _ = stream.write_all(&[head.as_bytes(), &body].concat()).await;
        }
        Reply::Redirect(location) => {
            let head = head(302, Some(0), Some(&location));
            let _ = stream.write_all(head.as_bytes()).await;
        }
        Reply::Hang => {
            let mut sink = [0_u8; 1024];
            while matches!(stream.read(&mut sink).await, Ok(read) if read > 0) {}
        }
        Reply::Huge(size) => {
            let block = vec![b'['; 64 * 1024];
            let mut writing = stream
                .write_all(head(200, None, None).as_bytes())
                .await
                .is_ok();
            let mut sent = 0;
            while writing && sent < size {
                writing = stream.write_all(&block).await.is_ok();
                sent += block.len();
            }
        }
        Reply::NotHttp => {
            let _ = stream.write_all(b"\x00\x01 this is not HTTP\r\n\r\n").await;
        }
        Reply::Drop => {}
    }
    let _ = stream.shutdown().await;
}
