//! `callflow`: validate 8x8 Voice callflows and Yay.com call flows from files, folders
//! or stdin, draw them, send callflows, and emulate calls against a webhook backend.
//!
//! `main` only parses the arguments and hands them to the subcommand; the work is in
//! [`validate`], which reads documents through [`inputs`] and writes them out through
//! [`render`], in [`draw`], which writes diagrams, and in [`send`], which sends one
//! request with `callflow-client`, in [`emulate`], which runs an emulated call (or,
//! through [`scenarios`], a folder of scenarios) against a backend with `callflow-runner`,
//! in [`explore`], which maps a backend's whole IVR (and, through [`yay`], simulate
//! and explore Yay.com call flows), in [`load`], which
//! runs many calls at once, in [`serve`], which answers an IVR map's webhooks over
//! HTTP,
//! and in [`schema`], which prints the core's JSON Schemas.
#![forbid(unsafe_code)]

mod cli;
mod draw;
mod duration;
mod emulate;
mod explore;
mod inputs;
mod junit;
mod load;
mod render;
mod scenarios;
mod schema;
mod send;
mod serve;
mod validate;
mod yay;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Validate(args) => validate::run(&args),
        cli::Command::Render(args) => draw::run(&args),
        cli::Command::Send(args) => send::run(&args),
        cli::Command::Emulate(args) => emulate::run(&args),
        cli::Command::Explore(args) => explore::run(&args),
        cli::Command::Load(args) => load::run(&args),
        cli::Command::Serve(args) => serve::run(&args),
        cli::Command::Schema(args) => schema::run(&args),
    }
}
