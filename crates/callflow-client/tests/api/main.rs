//! The clients against a real HTTP server on loopback, started by each test: success,
//! every error shape, and every fault the clients must survive or report.

mod server;
mod voice;
mod yay;
