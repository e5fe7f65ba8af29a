//! Simulation of calls through a Yay.com call flow, as the switchboard runs them
//! (reference `yay-call-flows.md` section 2), on a virtual clock and without I/O.
//!
//! [`simulate`] walks one [`Call`] (the caller's number or a withheld one, a provider or
//! an internal call, a script of keys, silence and hang-ups, what each rung phone does,
//! the tenant's extensions) and returns a [`Transcript`]: the modules visited with their
//! times, what the caller heard, pressed and waited for, how the call [`Ended`], and the
//! findings (`call-drops`, `step-cap`, `long-wait`). [`explore`] walks every path for
//! every class of input and reports the edge [`Coverage`] and the findings, each with the
//! shortest call that shows it. Every behaviour, with its source, is listed in
//! `docs/SIMULATION.md`.
//!
//! ```
//! use callflow_core::pbx::CallFlow;
//! use callflow_core::pbx::simulate::{self, Call, Options, Outcome};
//!
//! let flow = CallFlow::from_json(r#"{"extension": 501, "name": "Call Pete", "flow": {
//!     "start": {"module": "start", "next": "menu"},
//!     "menu": {"module": "pressextension", "sound": "welcome",
//!              "next": {"1": "pete", "invalid": "menu", "timeout": "vm"}},
//!     "pete": {"module": "extension", "duration": 20,
//!              "extensions": [{"type": "sipuser", "uuid": "92b0aca6"}], "noanswer": "vm"},
//!     "vm": {"module": "voicemail", "mailboxes": ["7c1f"]}}}"#)?;
//! let call = Call::new().caller("+441632960123").press("1").ring("pete", Outcome::Busy);
//! let transcript = simulate::simulate(&flow, &call, &Options::default());
//! assert_eq!(transcript.visited, ["start", "menu", "pete", "vm"]);
//! assert_eq!(transcript.ended.kind(), "voicemail");
//! assert_eq!(transcript.steps[2].edge.as_deref(), Some("$.flow.pete.noanswer")); // busy falls back
//! assert_eq!(transcript.wait_ms, 5000 + 500); // the welcome, a key, then busy at once
//!
//! let explored = simulate::explore(&flow, &Call::new(), &Options::default());
//! assert!(explored.coverage.unused.is_empty());
//! assert!(explored.findings.is_empty(), "{}", explored.to_text());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod call;
mod caller_id;
mod coverage;
mod error;
mod explore;
mod fields;
mod findings;
mod menus;
mod options;
mod ringing;
mod scripted;
mod transcript;
mod walk;

use std::borrow::Cow;

pub use self::call::{Call, Caller, Extension, ExtensionKind, Outcome, Ring, WITHHELD};
pub use self::coverage::Coverage;
pub use self::error::SimulationError;
pub use self::explore::{Exploration, ExploreFinding, ExploredPath};
pub use self::findings::See;
pub use self::options::Options;
pub use self::transcript::{Ended, Step, Transcript};
pub use self::walk::STEP_CAP;

use self::scripted::Scripted;
use self::walk::{Flow, Walk};
use crate::diagnostics::Severity;
use crate::json::Json;
use crate::pbx::CallFlow;
use crate::voice::Input;
use crate::voice::emulator::Finding;

/// The members of the `flow` object of a call flow's tree.
fn modules_of<'t>(tree: &'t Json<'static>) -> &'t [(Cow<'static, str>, Json<'static>)] {
    match tree.get("flow") {
        Some(Json::Object(modules)) => modules,
        _ => &[],
    }
}

/// Simulates `call` through `flow`: every module visited on the virtual clock, how the
/// call ended, and the findings (`call-drops`, `step-cap`, `long-wait`), each at the
/// last step and naming the graph check that reports the same fact, if one does.
pub fn simulate(flow: &CallFlow, call: &Call, options: &Options) -> Transcript {
    let tree = flow.to_tree();
    let prepared = Flow::new(modules_of(&tree));
    let mut call = call.clone();
    if call.caller == Caller::Unset {
        call.caller = Caller::Withheld;
    }
    let (mut transcript, _) =
        Walk::new(&prepared, &call, options, Scripted::new(&call, options)).run();
    let report = flow.check();
    let step = transcript.steps.len().saturating_sub(1);
    transcript.findings = findings::of_call(&transcript, &report, options)
        .into_iter()
        .map(|found| Finding {
            code: found.code,
            severity: found.severity,
            message: found.message,
            step,
        })
        .collect();
    transcript.ok = transcript
        .findings
        .iter()
        .all(|finding| finding.severity != Severity::Error);
    transcript
}

/// Explores every path of `flow` for every class of input, within the options' budget:
/// `template` fixes what is not varied (an internal call, the tenant's extensions, and
/// the caller when set; with no extension that rings, the explorer dials a placeholder
/// user `1001`, and the flow's own extension counts as a call flow).
pub fn explore(flow: &CallFlow, template: &Call, options: &Options) -> Exploration {
    explore::explore(flow, template, options)
}

/// The edge coverage of a set of scripted calls (scenarios): which edges they used, and
/// which none did.
///
/// ```
/// use callflow_core::pbx::CallFlow;
/// use callflow_core::pbx::simulate::{coverage, Call, Options};
/// let flow = CallFlow::from_json(r#"{"extension": 501, "name": "Menu", "flow": {
///     "s": {"module": "start", "next": "m"},
///     "m": {"module": "pressextension", "next": {"1": "b", "invalid": "b", "timeout": "b"}},
///     "b": {"module": "busy"}}}"#)?;
/// let tested = coverage(&flow, &[Call::new().press("1")], &Options::default());
/// assert_eq!((tested.used, tested.edges), (2, 4));
/// assert_eq!(tested.unused, [r#"$.flow.m.next.invalid"#, r#"$.flow.m.next.timeout"#]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coverage(flow: &CallFlow, calls: &[Call], options: &Options) -> Coverage {
    let transcripts: Vec<Transcript> = calls
        .iter()
        .map(|call| simulate(flow, call, options))
        .collect();
    explore::coverage_of(flow, &transcripts)
}

/// Reads a call flow, a call and options (each JSON text, bytes or a parsed value; the
/// options may be empty), for a command line or a binding.
fn read<F, C, O>(
    flow: &F,
    call: &C,
    options: Option<&O>,
) -> Result<(CallFlow, Call, Options), SimulationError>
where
    F: Input + ?Sized,
    C: Input + ?Sized,
    O: Input + ?Sized,
{
    let flow = CallFlow::from_json(flow).map_err(|err| {
        SimulationError::flow(format!(
            "the call flow cannot be simulated: {}",
            err.report()
        ))
    })?;
    let call = Call::from_json(call)?;
    let options = options
        .map(Options::from_json)
        .transpose()?
        .unwrap_or_default();
    Ok((flow, call, options))
}

/// [`simulate`] on JSON documents: the call flow, the [`Call`] and, optionally, the
/// [`Options`].
///
/// ```
/// use callflow_core::pbx::simulate::simulate_json;
/// let flow = r#"{"extension": 501, "name": "x", "flow": {"s": {"module": "start", "next": "b"}, "b": {"module": "busy"}}}"#;
/// let transcript = simulate_json(flow, "{}", None::<&str>)?;
/// assert_eq!(transcript.ended.kind(), "busy");
/// assert_eq!(simulate_json("[]", "{}", None::<&str>).unwrap_err().code(), "invalid-flow");
/// # Ok::<(), callflow_core::pbx::simulate::SimulationError>(())
/// ```
pub fn simulate_json<F, C, O>(
    flow: &F,
    call: &C,
    options: Option<&O>,
) -> Result<Transcript, SimulationError>
where
    F: Input + ?Sized,
    C: Input + ?Sized,
    O: Input + ?Sized,
{
    let (flow, call, options) = read(flow, call, options)?;
    Ok(simulate(&flow, &call, &options))
}

/// [`explore`] on JSON documents: the call flow, the template [`Call`] and, optionally,
/// the [`Options`].
pub fn explore_json<F, C, O>(
    flow: &F,
    template: &C,
    options: Option<&O>,
) -> Result<Exploration, SimulationError>
where
    F: Input + ?Sized,
    C: Input + ?Sized,
    O: Input + ?Sized,
{
    let (flow, call, options) = read(flow, template, options)?;
    Ok(explore(&flow, &call, &options))
}

/// [`coverage`] on JSON documents: the call flow, a list of scripted calls (a JSON
/// array, see [`Call::list_from_json`]) and, optionally, the [`Options`]: which edges the
/// team's calls use, and which none does.
///
/// ```
/// use callflow_core::pbx::simulate::coverage_json;
/// let flow = r#"{"extension": 501, "name": "m", "flow": {
///     "s": {"module": "start", "next": "m"},
///     "m": {"module": "pressextension", "next": {"1": "b", "invalid": "b", "timeout": "b"}},
///     "b": {"module": "busy"}}}"#;
/// let tested = coverage_json(flow, r#"[{"script": [{"press": "1"}]}]"#, None::<&str>)?;
/// assert_eq!(tested.unused, ["$.flow.m.next.invalid", "$.flow.m.next.timeout"]);
/// # Ok::<(), callflow_core::pbx::simulate::SimulationError>(())
/// ```
pub fn coverage_json<F, C, O>(
    flow: &F,
    calls: &C,
    options: Option<&O>,
) -> Result<Coverage, SimulationError>
where
    F: Input + ?Sized,
    C: Input + ?Sized,
    O: Input + ?Sized,
{
    let (flow, _, options) = read(flow, "{}", options)?;
    let calls = Call::list_from_json(calls)?;
    Ok(coverage(&flow, &calls, &options))
}
