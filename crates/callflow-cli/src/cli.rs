//! The command line, declared with clap's derive API.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use callflow_core::diagram;
use callflow_core::json::Json;
use callflow_core::schema::Document;
use callflow_core::voice::Profile;
use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::inputs::Origin;

/// Validate 8x8 Voice callflows (Send Callflow requests and Voice Call Action webhook
/// replies) and Yay.com PBX call flows, and draw them as diagrams.
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
    /// Check callflow documents and report every issue: for 8x8, with the status code
    /// 8x8 would answer; for a Yay.com call flow (an object with `flow`), with a
    /// kebab-case code such as dangling-reference.
    ///
    /// Exit status: 0 when every document is valid (warnings allowed), 1 when any is
    /// invalid, 2 for a usage error or a path that cannot be read.
    Validate(ValidateArgs),
    /// Draw a Yay.com call flow, an 8x8 callflow body, or an 8x8 IVR (an object with
    /// `menus`) as a Mermaid flowchart, a Graphviz DOT graph or an SVG picture.
    ///
    /// Exit status: 0 when drawn, 1 when the document is not a call flow, 2 for a usage
    /// error or a file that cannot be read or written.
    Render(RenderArgs),
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
    /// Emulate an 8x8 call against your own webhook backend: the platform's side of the
    /// call is played offline, on a virtual clock, with a scripted caller, and every
    /// webhook is posted to your backend over HTTP. Prints the transcript.
    ///
    /// With --scenario, runs scenario files (each a request or inbound numbers, a caller
    /// script, options and expectations) against the backend, as a test run.
    ///
    /// Given a Yay.com call flow (--profile yay, or a document with `flow`), simulates
    /// one call through it as the switchboard would (--caller, --internal, --press,
    /// --ring), with no backend.
    ///
    /// Exit status: 0 when the call had no error finding (with --scenario: every scenario
    /// passed), 1 otherwise, 2 for a usage error, an unreadable file or an unset secret.
    Emulate(EmulateArgs),
    /// Map a webhook backend's whole IVR: try every input each capture allows, each path
    /// as a fresh emulated call, breadth-first within a budget. Prints the menus found,
    /// coverage, and findings (crashes, caller traps, dead ends, inputs the backend
    /// does not handle), each with the shortest input path that shows it.
    ///
    /// Given a Yay.com call flow (--profile yay, or a document with `flow`), walks every
    /// path of it for every class of input and prints the edge coverage and findings.
    ///
    /// Exit status: 0 when no finding is an error, 1 otherwise, 2 for a usage error, an
    /// unreadable file or an unset secret.
    Explore(ExploreArgs),
    /// Load a webhook backend like a busy day: N emulated calls, at most C at once (and
    /// at most R new calls a second), over HTTP with keep-alive. Each caller presses
    /// the same keys, follows a scenario, or walks an explored IVR map at random.
    /// Prints calls completed and failed, findings, webhook latency percentiles, the
    /// webhook rate and the slowest calls.
    ///
    /// Exit status: 0 when every call passed and the p99 latency is within the webhook
    /// timeout, 1 otherwise, 2 for a usage error, an unreadable file or an unset secret.
    Load(LoadArgs),
    /// Serve an IVR map over HTTP with no code: Voice Call Action webhooks (at --path)
    /// are answered from the map, statelessly, from their clientActionId and digits;
    /// status and summary webhooks (at /vcs and /vss) get {} and are logged; /healthz
    /// answers ok. Handler steps are relayed to --handlers URL/NAME and their replies
    /// checked before they are sent. One log line per webhook on stderr.
    ///
    /// A map with errors is refused with its report. Stops gracefully on SIGTERM or
    /// Ctrl-C.
    ///
    /// Exit status: 0 after a graceful stop, 1 when the map has errors, 2 for a usage
    /// error, an unreadable file, an unset secret or an address that cannot be bound.
    Serve(ServeArgs),
    /// Print the JSON Schema (draft 2020-12) of a document, for editors: a Send
    /// Callflow request, a Voice Call Action reply, a Yay.com call flow or an IVR map.
    ///
    /// The schema states the structure (actions, fields, types, ranges); formats, rules
    /// between fields and the Yay graph are checked by `callflow validate` only.
    ///
    /// Exit status: 0 when written, 2 when the output cannot be written.
    Schema(SchemaArgs),
}

/// Arguments of `callflow schema`.
#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which document.
    #[arg(
        value_name = "DOCUMENT",
        value_parser = PossibleValuesParser::new(Document::ALL.map(Document::name))
            .try_map(|name| name.parse::<Document>())
    )]
    pub(crate) document: Document,

    /// Where to write the schema; standard output by default.
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: Option<PathBuf>,
}

/// Arguments of `callflow render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// The output format; by default the extension of `--output` (`.mmd`, `.dot`,
    /// `.svg`) decides, and Mermaid otherwise.
    #[arg(long, value_enum)]
    pub(crate) format: Option<DiagramFormat>,

    /// Where to write the diagram; standard output by default.
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: Option<PathBuf>,

    /// The document, or - for stdin.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// For a Yay.com flow: highlight the path of one simulated call, from its transcript
    /// (as `callflow emulate --profile yay --format json` writes it).
    #[arg(long, value_name = "TRANSCRIPT.json")]
    pub(crate) highlight: Option<PathBuf>,
}

/// The `--format` values of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagramFormat {
    /// Mermaid flowchart text.
    Mermaid,
    /// Graphviz DOT text.
    Dot,
    /// A standalone SVG picture.
    Svg,
}

impl From<DiagramFormat> for diagram::Format {
    fn from(format: DiagramFormat) -> Self {
        match format {
            DiagramFormat::Mermaid => diagram::Format::Mermaid,
            DiagramFormat::Dot => diagram::Format::Dot,
            DiagramFormat::Svg => diagram::Format::Svg,
        }
    }
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

/// The `--profile` values: a fixed kind of document, or one chosen per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProfileChoice {
    /// An object with `flow` is a Yay.com call flow, one with `menus` an IVR map;
    /// otherwise a file named *.reply.json is a reply, anything else (stdin too) a
    /// request.
    Auto,
    /// Every document is a Send Callflow request.
    Request,
    /// Every document is a reply to a Voice Call Action webhook.
    Reply,
    /// Every document is a Yay.com PBX call flow.
    Yay,
    /// Every document is an IVR map (full or shorthand).
    Ivr,
}

/// What a document is checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An 8x8 Voice body of this profile.
    Voice(Profile),
    /// A Yay.com call flow.
    Yay,
    /// An IVR map.
    Ivr,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Voice(profile) => profile.fmt(f),
            Kind::Yay => f.write_str("yay"),
            Kind::Ivr => f.write_str("ivr"),
        }
    }
}

impl ProfileChoice {
    /// What to check the document `tree` from `origin` as (`None` when it is not JSON).
    pub(crate) fn resolve(self, origin: &Origin, tree: Option<&Json<'_>>) -> Kind {
        match self {
            ProfileChoice::Reply => Kind::Voice(Profile::Reply),
            ProfileChoice::Yay => Kind::Yay,
            ProfileChoice::Ivr => Kind::Ivr,
            ProfileChoice::Auto if tree.is_some_and(|tree| tree.get("flow").is_some()) => Kind::Yay,
            ProfileChoice::Auto if tree.is_some_and(|tree| tree.get("menus").is_some()) => {
                Kind::Ivr
            }
            ProfileChoice::Auto if origin.is_reply_file() => Kind::Voice(Profile::Reply),
            ProfileChoice::Auto | ProfileChoice::Request => Kind::Voice(Profile::Request),
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

/// Arguments of `callflow emulate`.
#[derive(Debug, Args)]
pub(crate) struct EmulateArgs {
    #[command(flatten)]
    pub(crate) request: RequestArg,

    /// What REQUEST is: an 8x8 Send Callflow request (voice), or a Yay.com call flow to
    /// simulate a call through (yay); auto takes a document with `flow` as Yay's
    /// [default: auto].
    #[arg(long, value_enum)]
    pub(crate) profile: Option<CallProfile>,

    #[command(flatten)]
    pub(crate) yay: YayCallArgs,

    #[command(flatten)]
    pub(crate) backend: BackendArgs,

    #[command(flatten)]
    pub(crate) call: CallArgs,

    /// Scenario files, or folders (every *.json below them), to run as tests.
    #[arg(
        long,
        value_name = "PATH",
        num_args = 1..,
        conflicts_with_all = CALL_ARGS
    )]
    pub(crate) scenario: Vec<PathBuf>,

    /// Where `--scenario` writes its results as `JUnit` XML.
    #[arg(
        long,
        value_name = "OUT.xml",
        requires = "scenario",
        help = "With --scenario: write the results as JUnit XML to this file"
    )]
    pub(crate) junit: Option<PathBuf>,
}

/// The Send Callflow request of `emulate` and `load`, unless the call is inbound or a
/// scenario's.
#[derive(Debug, Args)]
pub(crate) struct RequestArg {
    /// The Send Callflow request that starts each call: a JSON file, or - for stdin.
    #[arg(
        value_name = "REQUEST",
        required_unless_present_any = ["inbound", "scenario"],
        conflicts_with_all = ["inbound", "scenario"]
    )]
    pub(crate) request: Option<PathBuf>,
}

/// The webhook backend that emulated calls are played against.
#[derive(Debug, Args)]
pub(crate) struct BackendArgs {
    /// Where Voice Call Action webhooks are posted (and status and summary webhooks,
    /// unless --vcs-url or --vss-url says otherwise); needed for 8x8 calls, not for a
    /// Yay.com flow.
    #[arg(long, value_name = "URL")]
    pub(crate) webhook: Option<String>,

    /// Where Voice Call Status webhooks are posted; given, the call sends them.
    #[arg(long, value_name = "URL")]
    pub(crate) vcs_url: Option<String>,

    /// Where the Voice Session Summary webhook is posted.
    #[arg(long, value_name = "URL")]
    pub(crate) vss_url: Option<String>,

    /// The name of the environment variable holding the secret sent as each webhook's
    /// Authorization header.
    #[arg(long, value_name = "NAME")]
    pub(crate) secret_env: Option<String>,

    /// How long the backend may take to answer a webhook: 5s, 500ms, or a number of
    /// milliseconds [default: 5s].
    #[arg(long, value_name = "DURATION", value_parser = crate::duration::parse)]
    pub(crate) webhook_timeout: Option<Duration>,
}

/// An inbound call instead of a Send Callflow request.
#[derive(Debug, Args)]
pub(crate) struct InboundArgs {
    /// Emulate an inbound call (from --from to --to) instead of a request.
    #[arg(long, requires_all = ["from", "to"])]
    pub(crate) inbound: bool,

    /// With --inbound: the caller's number.
    #[arg(long, value_name = "NUMBER", requires = "inbound")]
    pub(crate) from: Option<String>,

    /// With --inbound: the number called.
    #[arg(long, value_name = "NUMBER", requires = "inbound")]
    pub(crate) to: Option<String>,
}

/// Arguments of `callflow explore`.
#[derive(Debug, Args)]
pub(crate) struct ExploreArgs {
    /// The Send Callflow request that starts each call, or a Yay.com call flow: a JSON
    /// file, or - for stdin.
    #[arg(
        value_name = "REQUEST",
        required_unless_present = "inbound",
        conflicts_with = "inbound"
    )]
    pub(crate) request: Option<PathBuf>,

    /// What REQUEST is: an 8x8 request (voice) or a Yay.com call flow whose every path
    /// is walked (yay); auto takes a document with `flow` as Yay's [default: auto].
    #[arg(long, value_enum)]
    pub(crate) profile: Option<CallProfile>,

    #[command(flatten)]
    pub(crate) backend: BackendArgs,

    #[command(flatten)]
    pub(crate) inbound: InboundArgs,

    /// The payload shape of call actions: current (eventData.dtmf), legacy (a flat
    /// dtmf), or both (every path in each; a difference is a finding) [default: current].
    #[arg(long, value_enum)]
    pub(crate) dialect: Option<ExploreDialectChoice>,

    /// The most calls to run [default: 500]; for a Yay.com flow, the most paths
    /// [default: 10000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) max_calls: Option<u32>,

    /// The most inputs on one path [default: 10].
    #[arg(long, value_name = "D")]
    pub(crate) max_depth: Option<u32>,

    /// Write the IVR found: as an IVR map (.json), or drawn (.mmd, .dot, .svg); for a
    /// Yay.com flow, the flow drawn with the edges no path uses dashed.
    #[arg(long, value_name = "OUT")]
    pub(crate) map: Option<PathBuf>,

    /// Write one scenario file per finding into this folder; `callflow emulate
    /// --scenario` replays them.
    #[arg(long, value_name = "DIR")]
    pub(crate) save_scenarios: Option<PathBuf>,

    /// How to print the result [default: text].
    #[arg(long, value_enum)]
    pub(crate) format: Option<TranscriptFormat>,
}

/// Arguments of `callflow load`.
#[derive(Debug, Args)]
pub(crate) struct LoadArgs {
    #[command(flatten)]
    pub(crate) request: RequestArg,

    #[command(flatten)]
    pub(crate) backend: BackendArgs,

    #[command(flatten)]
    pub(crate) inbound: InboundArgs,

    /// How many calls to run.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) calls: u32,

    /// The most calls in progress at once.
    #[arg(long, value_name = "C", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub(crate) concurrency: u32,

    /// The most new calls a second [default: no limit].
    #[arg(long, value_name = "R", value_parser = crate::load::rate)]
    pub(crate) rate: Option<f64>,

    /// Keys every caller presses at a capture, one per capture, in order; after them
    /// the caller stays silent, as in `emulate`.
    #[arg(
        long,
        value_name = "KEYS",
        value_parser = crate::emulate::keys,
        conflicts_with_all = ["scenario", "random_walk"]
    )]
    pub(crate) press: Vec<String>,

    /// A scenario file whose call (request or inbound numbers, script, options) every
    /// caller makes.
    #[arg(long, value_name = "FILE", conflicts_with = "random_walk")]
    pub(crate) scenario: Option<PathBuf>,

    /// An IVR map (as `callflow explore --map OUT.json` writes): each caller walks it
    /// at random.
    #[arg(long, value_name = "MAP.json")]
    pub(crate) random_walk: Option<PathBuf>,

    /// With --random-walk: the share of captures where the caller stays silent
    /// [default: 0.1].
    #[arg(long, value_name = "P", requires = "random_walk", value_parser = crate::load::share)]
    pub(crate) silence_rate: Option<f64>,

    /// With --random-walk: the share of captures where the caller presses a key the
    /// menu does not list [default: 0.1].
    #[arg(long, value_name = "P", requires = "random_walk", value_parser = crate::load::share)]
    pub(crate) invalid_rate: Option<f64>,

    /// How to print the report [default: text].
    #[arg(long, value_enum)]
    pub(crate) format: Option<TranscriptFormat>,
}

/// The `--profile` values of `emulate` and `explore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CallProfile {
    /// A document with `flow` is a Yay.com call flow, anything else an 8x8 request.
    Auto,
    /// An 8x8 Send Callflow request, played against the webhook backend.
    Voice,
    /// A Yay.com call flow, simulated as the switchboard runs it.
    Yay,
}

/// The options of a call through a Yay.com flow (`emulate --profile yay`).
#[derive(Debug, Args)]
pub(crate) struct YayCallArgs {
    /// With a Yay.com flow: the caller's number, or anonymous for a withheld one.
    #[arg(long, value_name = "NUMBER")]
    pub(crate) caller: Option<String>,

    /// With a Yay.com flow: the call comes from inside the PBX, not from a provider.
    #[arg(long)]
    pub(crate) internal: bool,

    /// With a Yay.com flow: what a rung phone does, KEY (an extension module's key or a
    /// target's uuid) = answer, busy, unavailable or noanswer; repeat it.
    #[arg(long, value_name = "KEY=OUTCOME", value_parser = crate::yay::ring)]
    pub(crate) ring: Vec<(String, callflow_core::pbx::simulate::Outcome)>,
}

/// Arguments of `callflow serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The IVR map: a JSON file (full or shorthand), or - for stdin.
    #[arg(value_name = "IVR.json")]
    pub(crate) map: PathBuf,

    /// The address to listen on.
    #[arg(long, value_name = "HOST", default_value = "127.0.0.1")]
    pub(crate) host: String,

    /// The port to listen on (0 picks a free one, and the log says which).
    #[arg(long, value_name = "PORT", default_value_t = 8080)]
    pub(crate) port: u16,

    /// Where Voice Call Action webhooks are answered.
    #[arg(long, value_name = "PATH", default_value = "/vca", value_parser = crate::serve::route_path)]
    pub(crate) path: String,

    /// The name of the environment variable holding the secret every webhook's
    /// Authorization header must carry (compared in constant time).
    #[arg(long, value_name = "NAME")]
    pub(crate) secret_env: Option<String>,

    /// The service that answers the map's handler steps: each is relayed to URL/NAME.
    #[arg(long, value_name = "URL")]
    pub(crate) handlers: Option<String>,

    /// How log lines are written [default: text].
    #[arg(long, value_enum)]
    pub(crate) log_format: Option<LogFormat>,
}

/// The `--log-format` values of `serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LogFormat {
    /// One line of text per event.
    Text,
    /// One JSON object per line.
    Json,
}

/// The `--dialect` values of `explore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExploreDialectChoice {
    /// The current documentation's payload: eventData.dtmf.
    Current,
    /// The 2023 payload 8x8's samples read: a flat dtmf.
    Legacy,
    /// Each path in both payloads.
    Both,
}

/// The ids of the [`CallArgs`]: `--scenario` takes none of them, since a scenario file
/// describes its call itself.
const CALL_ARGS: [&str; 14] = [
    "press", "silence", "hangup", "callee", "inbound", "from", "to", "dialect", "seed", "format",
    "profile", "caller", "internal", "ring",
];

/// The options of `callflow emulate` that describe one call, which a scenario file
/// describes itself.
#[derive(Debug, Args)]
pub(crate) struct CallArgs {
    /// Keys the caller presses at a capture (such as 1 or 1234#); repeat it, one per
    /// capture, in order. --silence and --hangup add their step after all presses.
    #[arg(long, value_name = "KEYS", value_parser = crate::emulate::keys)]
    pub(crate) press: Vec<String>,

    /// After the presses, the caller presses nothing at the next capture.
    #[arg(long)]
    pub(crate) silence: bool,

    /// After the presses (and --silence), the caller hangs up at the next capture.
    #[arg(long)]
    pub(crate) hangup: bool,

    /// What the party called by the first makeCall does [default: answer].
    #[arg(long, value_enum, value_name = "OUTCOME")]
    pub(crate) callee: Option<CalleeChoice>,

    #[command(flatten)]
    pub(crate) inbound: InboundArgs,

    /// Where Voice Call Action webhooks carry the digits: current (eventData.dtmf) or
    /// legacy (the 2023 shape, a flat dtmf) [default: current].
    #[arg(long, value_enum)]
    pub(crate) dialect: Option<DialectChoice>,

    /// Seeds the session, call and event ids, so that runs are repeatable [default: 0].
    #[arg(long, value_name = "N")]
    pub(crate) seed: Option<u64>,

    /// How to print the transcript [default: text].
    #[arg(long, value_enum)]
    pub(crate) format: Option<TranscriptFormat>,
}

/// The `--callee` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CalleeChoice {
    /// The called party answers.
    Answer,
    /// The line is busy.
    Busy,
    /// Nobody answers.
    NoAnswer,
    /// The call cannot be placed.
    Fail,
}

/// The `--dialect` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DialectChoice {
    /// The current documentation's payload: eventData.dtmf.
    Current,
    /// The 2023 payload 8x8's samples read: a flat dtmf.
    Legacy,
}

/// The `--format` values of `emulate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TranscriptFormat {
    /// The transcript for people.
    Text,
    /// One JSON object: ok, sessionId, sessionStatus, statusCode, heard, pressed,
    /// webhooks, findings, steps, durationMs.
    Json,
}
