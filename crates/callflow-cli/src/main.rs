//! `callflow`: validate 8x8 Voice callflows from files, folders or stdin.
//!
//! `main` only parses the arguments and hands them to the subcommand; the work is in
//! [`validate`], which reads documents through [`inputs`] and writes them out through
//! [`render`].
#![forbid(unsafe_code)]

mod cli;
mod inputs;
mod render;
mod validate;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Validate(args) => validate::run(&args),
    }
}
