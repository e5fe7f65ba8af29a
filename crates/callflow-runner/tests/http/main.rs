//! The HTTP runner against real backends on loopback: every answer and every fault a
//! backend can produce, one delivery at a time and over whole calls.

mod deliver;
mod emulate;
mod server;
