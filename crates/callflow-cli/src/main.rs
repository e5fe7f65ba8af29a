//! `callflow`: validate 8x8 Voice callflows from files, folders or stdin.
//!
//! `main` only parses the arguments and hands them to the subcommand; the work is in
//! [`validate`], which reads documents through [`inputs`] and writes them out through
//! [`render`], and in [`send`], which sends one request with `callflow-client`.
#![forbid(unsafe_code)]

mod cli;
mod inputs;
mod render;
mod send;
mod validate;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Validate(args) => validate::run(&args),
        cli::Command::Send(args) => send::run(&args),
    }
}
