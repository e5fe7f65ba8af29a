//! The HTTP runner against real backends on loopback: every answer and every fault a
//! backend can produce, one delivery at a time, over whole calls, explorations and load runs.

mod deliver;
mod emulate;
mod load;
mod server;
