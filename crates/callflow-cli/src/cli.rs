//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use callflow_core::voice::Profile;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::inputs::Origin;

/// Validate 8x8 Voice callflows: Send Callflow requests and Voice Call Action webhook
/// replies.
#[derive(Debug, Parser)]
#[command(name = "callflow", version)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check callflow documents and report every issue, with the status code 8x8 would
    /// answer.
    ///
    /// Exit status: 0 when every document is valid (warnings allowed), 1 when any is
    /// invalid, 2 for a usage error or a path that cannot be read.
    Validate(ValidateArgs),
    /// Validate a Send Callflow request and send it to 8x8, printing the session id.
    ///
    /// The API key is read from the environment variable `CALLFLOW_8X8_API_KEY` only, so
    /// that it never lands in shell history. An invalid callflow is reported as
    /// `validate` would and is not sent.
    ///
    /// Exit status: 0 when the call was accepted (or, with --dry-run, the callflow is
    /// valid), 1 when the callflow is invalid or 8x8 refused it, 2 for a usage error, an
    /// unreadable file, a missing key or a network failure.
    Send(SendArgs),
}

/// Arguments of `callflow send`.
#[derive(Debug, Args)]
pub(crate) struct SendArgs {
    /// The Send Callflow request: a JSON file, or - for stdin.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// The 8x8 voice sub-account id.
    #[arg(long, value_name = "ID")]
    pub(crate) subaccount: String,

    /// The API's address.
    #[arg(
        long,
        value_name = "URL",
        default_value = callflow_client::VOICE_BASE_URL,
        help = "The API's address (8x8's legacy host is https://voice.wavecell.com)"
    )]
    pub(crate) base_url: String,

    /// Validate and print the request that would be sent (the key redacted); send
    /// nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// Arguments of `callflow validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Which body the documents are.
    #[arg(long, value_enum, default_value_t = ProfileChoice::Auto)]
    pub(crate) profile: ProfileChoice,

    /// How to print the results.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,

    /// Files, directories (every *.json file below them, recursively, in sorted order),
    /// or - for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub(crate) paths: Vec<PathBuf>,
}

/// The `--profile` values: a fixed [`Profile`], or one chosen per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProfileChoice {
    /// A file named *.reply.json is a reply, anything else (stdin too) a request.
    Auto,
    /// Every document is a Send Callflow request.
    Request,
    /// Every document is a reply to a Voice Call Action webhook.
    Reply,
}

impl ProfileChoice {
    /// The profile to validate the document from `origin` with.
    pub(crate) fn resolve(self, origin: &Origin) -> Profile {
        match self {
            ProfileChoice::Request => Profile::Request,
            ProfileChoice::Reply => Profile::Reply,
            ProfileChoice::Auto => {
                if origin.is_reply_file() {
                    Profile::Reply
                } else {
                    Profile::Request
                }
            }
        }
    }
}

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Lines for people, coloured when stdout is a terminal and `NO_COLOR` is not set.
    #[value(help = "Lines for people, coloured when stdout is a terminal and NO_COLOR is not set")]
    Text,
    /// One JSON array: [{"file", "ok", "statusCode", "issues"}].
    Json,
}
