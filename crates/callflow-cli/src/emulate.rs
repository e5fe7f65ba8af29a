//! The `emulate` subcommand: one emulated call against the user's webhook backend, or,
//! with `--scenario`, a test run of scenario files (in [`crate::scenarios`]).

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use callflow_core::voice::emulator::{Callee, Dialect, Emulator, Options, Script};
use callflow_runner::{HttpBackend, RunnerError};

use crate::cli::{
    BackendArgs, CallArgs, CalleeChoice, DialectChoice, EmulateArgs, InboundArgs, TranscriptFormat,
};
use crate::{inputs, scenarios, yay};

/// Exit status when the call had no error finding, or every scenario passed.
const EXIT_OK: u8 = 0;
/// Exit status when the call had an error finding, or a scenario failed.
const EXIT_FAILED: u8 = 1;
/// Exit status for an unreadable file, a bad setting or an unset secret; clap uses it
/// for usage errors too.
const EXIT_TROUBLE: u8 = 2;

/// Why `emulate` could not do its work: a message for stderr.
#[derive(Debug)]
pub(crate) struct Trouble(pub(crate) String);

impl From<RunnerError> for Trouble {
    fn from(err: RunnerError) -> Self {
        Trouble(err.to_string())
    }
}

/// Runs `callflow emulate` and returns its exit status.
pub(crate) fn run(args: &EmulateArgs) -> ExitCode {
    exit_code(emulate(args))
}

/// The exit status of a run that went well (`true`), found a failure (`false`) or
/// could not do its work (the message is printed).
pub(crate) fn exit_code(outcome: Result<bool, Trouble>) -> ExitCode {
    let code = match outcome {
        Ok(true) => EXIT_OK,
        Ok(false) => EXIT_FAILED,
        Err(Trouble(message)) => {
            eprintln!("callflow: {message}");
            EXIT_TROUBLE
        }
    };
    ExitCode::from(code)
}

/// Runs the call or the scenarios; `true` when all went well.
fn emulate(args: &EmulateArgs) -> Result<bool, Trouble> {
    if !args.scenario.is_empty() {
        return scenarios::run(args, &backend(&args.backend)?);
    }
    let start = start(args.request.request.as_deref(), &args.call.inbound)?;
    if let Start::Request(document) = &start
        && yay::chosen(args.profile, document)
    {
        return yay::simulate(document, &args.call, &args.yay);
    }
    one_call(args, &backend(&args.backend)?, &start)
}

/// The backend the options describe.
pub(crate) fn backend(args: &BackendArgs) -> Result<HttpBackend, Trouble> {
    let Some(webhook) = &args.webhook else {
        return Err(Trouble(
            "--webhook URL: where to post the webhooks of the emulated calls".to_owned(),
        ));
    };
    let mut backend = HttpBackend::new(webhook)?;
    if let Some(url) = &args.vcs_url {
        backend = backend.status_url(url)?;
    }
    if let Some(url) = &args.vss_url {
        backend = backend.summary_url(url)?;
    }
    if let Some(name) = &args.secret_env {
        backend = backend.secret(&secret(name)?)?;
    }
    Ok(backend)
}

/// The options of one call with what the command line says about the backend (its
/// webhook timeout; status webhooks once they have a URL), and the backend that
/// abandons each webhook at that same timeout.
pub(crate) fn prepare(
    args: &BackendArgs,
    backend: &HttpBackend,
    mut options: Options,
) -> (HttpBackend, Options) {
    if let Some(timeout) = args.webhook_timeout {
        options.webhook_timeout_ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
    }
    options.status_webhooks |= args.vcs_url.is_some();
    let timeout = Duration::from_millis(options.webhook_timeout_ms);
    (backend.clone().timeout(timeout), options)
}

/// The secret held by the environment variable `name`.
pub(crate) fn secret(name: &str) -> Result<String, Trouble> {
    std::env::var(name).map_err(|err| match err {
        std::env::VarError::NotPresent => Trouble(format!(
            "--secret-env {name}: set {name} to the webhooks' secret"
        )),
        std::env::VarError::NotUnicode(_) => {
            Trouble(format!("--secret-env {name}: {name} is not valid Unicode"))
        }
    })
}

/// Runs the call the arguments describe and prints its transcript; `true` when it had
/// no error finding.
fn one_call(args: &EmulateArgs, backend: &HttpBackend, start: &Start<'_>) -> Result<bool, Trouble> {
    let call = &args.call;
    let script = script(call);
    let mut options = Options::default();
    options.dialect = match call.dialect {
        Some(DialectChoice::Legacy) => Dialect::Legacy,
        Some(DialectChoice::Current) | None => Dialect::Current,
    };
    options.seed = call.seed.unwrap_or(options.seed);
    let (backend, options) = prepare(&args.backend, backend, options);
    let emulator = start.emulator(script, options);
    let transcript = backend.emulate_blocking(emulator);
    let text = match call.format {
        Some(TranscriptFormat::Json) => transcript.to_json() + "\n",
        Some(TranscriptFormat::Text) | None => transcript.to_text(),
    };
    write_out(&text)?;
    Ok(transcript.ok())
}

/// How the calls start.
pub(crate) enum Start<'a> {
    /// A Send Callflow request, as read.
    Request(Vec<u8>),
    /// An inbound call, from and to.
    Inbound(&'a str, &'a str),
}

impl Start<'_> {
    /// A new emulation of this call.
    pub(crate) fn emulator(&self, script: Script, options: Options) -> Emulator {
        match self {
            Start::Request(request) => Emulator::outbound(request.as_slice(), script, options),
            Start::Inbound(from, to) => Emulator::inbound(from, to, script, options),
        }
    }
}

/// Reads the request file, or takes the inbound numbers.
pub(crate) fn start<'a>(
    request: Option<&Path>,
    inbound: &'a InboundArgs,
) -> Result<Start<'a>, Trouble> {
    match (request, &inbound.from, &inbound.to) {
        (Some(path), _, _) => Ok(Start::Request(
            inputs::read_one(&path.to_path_buf())
                .map_err(Trouble)?
                .bytes,
        )),
        (None, Some(from), Some(to)) => Ok(Start::Inbound(from, to)),
        _ => Err(Trouble(
            "give a REQUEST file, or --inbound --from NUMBER --to NUMBER".to_owned(),
        )),
    }
}

/// The caller script: the first `makeCall`'s outcome, the presses in order, then
/// silence, then a hang-up.
fn script(call: &CallArgs) -> Script {
    let mut script = Script::new();
    if let Some(callee) = call.callee {
        script = script.callee(match callee {
            CalleeChoice::Answer => Callee::Answer { talk_ms: None },
            CalleeChoice::Busy => Callee::Busy,
            CalleeChoice::NoAnswer => Callee::NoAnswer,
            CalleeChoice::Fail => Callee::Fail,
        });
    }
    script = call.press.iter().fold(script, Script::press);
    if call.silence {
        script = script.silence();
    }
    if call.hangup {
        script = script.hangup();
    }
    script
}

/// Checks `--press` keys with the core's script rules; for clap's `value_parser`.
pub(crate) fn keys(text: &str) -> Result<String, String> {
    let step = serde_json::json!([{ "press": text }]);
    match Script::from_json(&step) {
        Ok(_) => Ok(text.to_owned()),
        Err(err) => {
            let message = err.to_string();
            Err(message
                .strip_prefix("script[0]: ")
                .unwrap_or(&message)
                .to_owned())
        }
    }
}

/// Writes `text` to stdout.
pub(crate) fn write_out(text: &str) -> Result<(), Trouble> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|err| Trouble(format!("cannot write the output: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_by_the_core() {
        assert_eq!(keys("1234#"), Ok("1234#".to_owned()));
        let refused = keys("12x").unwrap_err();
        assert!(refused.starts_with("'x' is not a phone key"), "{refused}");
        assert!(keys("").is_err());
    }
}
