//! The `send` subcommand: validate one Send Callflow request and send it to 8x8 (or,
//! with `--dry-run`, print the request instead).

use std::io::{self, Write};
use std::process::ExitCode;

use callflow_client::{Error, VoiceClient};
use callflow_core::voice::{Callflow, Profile};

use crate::cli::{Format, Kind, SendArgs};
use crate::inputs;
use crate::render::{Palette, Renderer};

/// The environment variable holding the API key.
const KEY_VARIABLE: &str = "CALLFLOW_8X8_API_KEY";

/// Exit status when the call was accepted, or the dry run's callflow is valid.
const EXIT_SENT: u8 = 0;
/// Exit status when the callflow is invalid or 8x8 refused it.
const EXIT_REFUSED: u8 = 1;
/// Exit status for an unreadable file, a missing key, a bad setting or a network failure.
const EXIT_TROUBLE: u8 = 2;

/// Runs `callflow send` and returns its exit status.
pub(crate) fn run(args: &SendArgs) -> ExitCode {
    let code = match send(args) {
        Ok(()) => EXIT_SENT,
        Err(Failure::Refused(message)) => {
            eprintln!("callflow: {message}");
            EXIT_REFUSED
        }
        Err(Failure::Invalid) => EXIT_REFUSED,
        Err(Failure::Trouble(message)) => {
            eprintln!("callflow: {message}");
            EXIT_TROUBLE
        }
    };
    ExitCode::from(code)
}

/// Why `send` did not succeed.
enum Failure {
    /// The callflow is invalid; the report was written to stderr.
    Invalid,
    /// 8x8 answered with an error.
    Refused(String),
    /// Anything else: input, settings, network.
    Trouble(String),
}

fn send(args: &SendArgs) -> Result<(), Failure> {
    let document = inputs::read_one(&args.file).map_err(Failure::Trouble)?;
    let flow = match Callflow::from_json(document.bytes.as_slice()) {
        Ok(flow) => flow,
        Err(err) => {
            let mut renderer = Renderer::new(Format::Text, Palette::detect());
            let report = err.into_report();
            let name = document.origin.name();
            // Nothing more useful to do if stderr cannot be written.
            let _ = renderer.document(
                &mut io::stderr().lock(),
                name,
                Kind::Voice(Profile::Request),
                report,
            );
            return Err(Failure::Invalid);
        }
    };
    let key = std::env::var(KEY_VARIABLE)
        .ok()
        .filter(|key| !key.is_empty());
    if args.dry_run {
        // The key is redacted in the preview, so a dry run does not need it.
        let client = client(args, key.unwrap_or_default())?;
        let preview = client
            .preview_callflow(&flow)
            .map_err(|err| trouble(&err))?;
        return write_out(&preview.to_string());
    }
    let Some(key) = key else {
        return Err(Failure::Trouble(format!(
            "set {KEY_VARIABLE} to the 8x8 API key (it is never read from a flag)"
        )));
    };
    let client = client(args, key)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| Failure::Trouble(format!("cannot start the runtime: {err}")))?;
    match runtime.block_on(client.send_callflow(&flow)) {
        Ok(session) => write_out(&format!("{}\n", session.session_id)),
        Err(Error::Api(err)) => Err(Failure::Refused(format!("8x8 refused the callflow: {err}"))),
        Err(err) => Err(trouble(&err)),
    }
}

fn client(args: &SendArgs, key: String) -> Result<VoiceClient, Failure> {
    VoiceClient::builder(key, args.subaccount.as_str())
        .base_url(&args.base_url)
        .build()
        .map_err(|err| trouble(&err))
}

fn trouble(err: &Error) -> Failure {
    Failure::Trouble(err.to_string())
}

fn write_out(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|err| Failure::Trouble(format!("cannot write the output: {err}")))
}
