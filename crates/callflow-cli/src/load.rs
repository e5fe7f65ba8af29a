//! The `load` subcommand: many emulated calls at once against the user's backend, with
//! `callflow-runner`'s load runner.

use std::io::IsTerminal;
use std::process::ExitCode;

use callflow_core::voice::emulator::{Emulator, Options, RandomWalk, Scenario, Script};
use callflow_runner::LoadPlan;
use indicatif::ProgressBar;

use crate::cli::{LoadArgs, TranscriptFormat};
use crate::emulate::{self, Start, Trouble, exit_code, write_out};
use crate::inputs;

/// The share of silent captures and of unlisted keys in a random walk, unless given.
const DEFAULT_SHARE: f64 = 0.1;

/// Runs `callflow load` and returns its exit status.
pub(crate) fn run(args: &LoadArgs) -> ExitCode {
    exit_code(load(args))
}

/// What each caller does.
enum Caller<'a> {
    /// The same script for everyone, from a start.
    Script(Start<'a>, Script),
    /// A walk of the map for each, from a start.
    Walk(Start<'a>, RandomWalk, f64, f64),
    /// The scenario's call.
    Scenario(Box<Scenario>),
}

/// Runs the calls and prints the report; `true` when every call passed and the p99
/// latency is within the webhook timeout.
fn load(args: &LoadArgs) -> Result<bool, Trouble> {
    let backend = emulate::backend(&args.backend)?;
    let caller = caller(args)?;
    let (backend, options) = emulate::prepare(&args.backend, &backend, Options::default());
    let timeout_ms = options.webhook_timeout_ms;
    let call = |index: u32| -> Emulator {
        let seeded = |options: &Options| {
            let mut options = options.clone();
            options.seed = u64::from(index);
            options
        };
        match &caller {
            Caller::Script(start, script) => start.emulator(script.clone(), seeded(&options)),
            Caller::Walk(start, walk, silence, invalid) => {
                let script = walk.script(u64::from(index), *silence, *invalid);
                start.emulator(script, seeded(&options))
            }
            Caller::Scenario(scenario) => {
                let (_, options) =
                    emulate::prepare(&args.backend, &backend, scenario.options().clone());
                scenario.start_with(seeded(&options))
            }
        }
    };
    let plan = LoadPlan {
        calls: args.calls,
        concurrency: args.concurrency,
        rate: args.rate,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Trouble(format!("cannot start the I/O runtime: {err}")))?;
    let progress = Progress::new(args.calls);
    let report = runtime.block_on(backend.load(plan, call, |done| progress.show(done)));
    progress.finish();
    let text = match args.format {
        Some(TranscriptFormat::Json) => report.to_json() + "\n",
        Some(TranscriptFormat::Text) | None => report.to_text(),
    };
    write_out(&text)?;
    #[allow(clippy::cast_precision_loss)]
    let timeout_ms = timeout_ms as f64;
    Ok(report.failed == 0 && report.latency_ms.p99 <= timeout_ms)
}

/// What each caller does, from the arguments.
fn caller(args: &LoadArgs) -> Result<Caller<'_>, Trouble> {
    if let Some(path) = &args.scenario {
        let file = inputs::read_one(path).map_err(Trouble)?;
        let scenario = Scenario::from_json(file.bytes.as_slice())
            .map_err(|err| Trouble(format!("{}: {err}", path.display())))?;
        return Ok(Caller::Scenario(Box::new(scenario)));
    }
    let start = emulate::start(args.request.request.as_deref(), &args.inbound)?;
    if let Some(path) = &args.random_walk {
        let file = inputs::read_one(path).map_err(Trouble)?;
        let walk = RandomWalk::from_json(file.bytes.as_slice())
            .map_err(|err| Trouble(format!("{}: {err}", path.display())))?;
        let silence = args.silence_rate.unwrap_or(DEFAULT_SHARE);
        let invalid = args.invalid_rate.unwrap_or(DEFAULT_SHARE);
        return Ok(Caller::Walk(start, walk, silence, invalid));
    }
    let script = args.press.iter().fold(Script::new(), Script::press);
    Ok(Caller::Script(start, script))
}

/// Progress on stderr: a bar on a terminal, else a line at each tenth.
struct Progress {
    calls: u32,
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(calls: u32) -> Progress {
        let bar = std::io::stderr()
            .is_terminal()
            .then(|| ProgressBar::new(u64::from(calls)));
        Progress { calls, bar }
    }

    fn show(&self, done: u32) {
        match &self.bar {
            Some(bar) => bar.set_position(u64::from(done)),
            None if done == self.calls || done.is_multiple_of((self.calls / 10).max(1)) => {
                eprintln!("load: {done}/{} calls", self.calls);
            }
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Parses `--rate`: a positive number of calls a second.
pub(crate) fn rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 => Ok(rate),
        _ => Err("a positive number of calls a second, such as 50 or 0.5".to_owned()),
    }
}

/// Parses a share: a number from 0 to 1.
pub(crate) fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(share) if (0.0..=1.0).contains(&share) => Ok(share),
        _ => Err("a share from 0 to 1, such as 0.1".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_shares_are_checked() {
        assert_eq!(rate("2.5"), Ok(2.5));
        assert!(rate("0").is_err() && rate("-1").is_err() && rate("inf").is_err());
        assert_eq!(share("0.25"), Ok(0.25));
        assert!(share("1.5").is_err() && share("x").is_err());
    }
}
