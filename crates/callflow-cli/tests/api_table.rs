//! `docs/API.md` lists every public item of callflow in Rust, Python and Node side by side.
//! This test names each Rust item of the table in code, so that a name the crates lack does
//! not compile, and checks that the names here are exactly the table's Rust column, so that
//! neither the table nor this list can go stale.

use std::collections::BTreeSet;

// The bodies' shared methods (`Callflow::actions`, ...) are the `Body` trait's.
use callflow_core::voice::Body as _;

/// Refers to each item (`use`) and each associated item or variant (in a closure never
/// called, so that a member whose generic arguments cannot be named is written as a call),
/// so that a missing one fails to compile, and gives their names as the table spells them.
macro_rules! api {
    (
        items: [$($($item:ident)::+),* $(,)?],
        members: [$($member:expr),* $(,)?] $(,)?
    ) => {
        #[test]
        fn each_rust_name_of_the_table_exists() {
            $(#[allow(unused_imports)] use $($item)::+ as _;)*
            $(let _ = || $member;)*
        }

        /// The names referred to above, without spaces, generic arguments or call.
        fn listed() -> BTreeSet<String> {
            [$(stringify!($($item)::+)),* $(, stringify!($member))*]
                .into_iter()
                .map(|name| bare_path(&name.replace(' ', "")))
                .collect()
        }
    };
}

api! {
    items: [
        callflow_core::ValidationError,
        callflow_core::voice::events::EventError,
        callflow_client::ApiError,
        callflow_client::Error,
        callflow_core::voice::emulator::EmulatorError,
        callflow_core::Report,
        callflow_core::Issue,
        callflow_core::Severity,
        callflow_core::voice::validate,
        callflow_core::voice::Profile,
        callflow_core::voice::Callflow,
        callflow_core::voice::Reply,
        callflow_core::voice::FlowBuilder,
        callflow_core::voice::Action,
        callflow_core::voice::MakeCall,
        callflow_core::voice::Say,
        callflow_core::voice::PlayFile,
        callflow_core::voice::SayAndCapture,
        callflow_core::voice::StatusCode,
        callflow_core::voice::events::parse_event,
        callflow_core::voice::events::Event,
        callflow_core::voice::events::CallEvent,
        callflow_core::voice::events::SessionSummary,
        callflow_core::voice::events::RecordingStatus,
        callflow_core::voice::events::VirtualNumberUpdate,
        callflow_core::voice::events::Payload,
        callflow_core::voice::events::CallLeg,
        callflow_core::voice::events::CallQuality,
        callflow_core::voice::events::SessionError,
        callflow_core::voice::events::VirtualNumber,
        callflow_core::voice::webhook::Receiver,
        callflow_core::voice::webhook::authorization_matches,
        callflow_core::voice::webhook::SOURCE_ADDRESSES,
        callflow_core::voice::webhook::is_source_address,
        callflow_core::voice::webhook::Answer,
        callflow_core::voice::emulator::Emulator,
        callflow_core::voice::emulator::Explorer,
        callflow_core::voice::emulator::Exploration,
        callflow_core::voice::emulator::Transcript,
        callflow_core::voice::emulator::MapBackend,
        callflow_core::voice::emulator::Scenario,
        callflow_core::voice::emulator::Webhook,
        callflow_core::voice::emulator::Response,
        callflow_core::voice::emulator::Failure,
        callflow_core::voice::emulator::WebhookRecord,
        callflow_core::voice::emulator::Finding,
        callflow_core::voice::emulator::Menu,
        callflow_core::voice::emulator::Coverage,
        callflow_core::voice::emulator::ExploreFinding,
        callflow_core::voice::emulator::ExploreDialect,
        callflow_core::voice::ivr::Ivr,
        callflow_core::voice::ivr::check,
        callflow_core::voice::ivr::check_with,
        callflow_core::voice::ivr::expand,
        callflow_core::voice::ivr::Turn,
        callflow_core::pbx::CallFlow,
        callflow_core::pbx::check,
        callflow_core::pbx::Module,
        callflow_core::pbx::Target,
        callflow_core::pbx::simulate::simulate,
        callflow_core::pbx::simulate::explore,
        callflow_core::pbx::simulate::coverage,
        callflow_core::pbx::simulate::Call,
        callflow_core::pbx::simulate::Options,
        callflow_core::pbx::simulate::Transcript,
        callflow_core::pbx::simulate::Step,
        callflow_core::pbx::simulate::Ended,
        callflow_core::pbx::simulate::Exploration,
        callflow_core::pbx::simulate::ExploredPath,
        callflow_core::pbx::simulate::Coverage,
        callflow_core::pbx::simulate::ExploreFinding,
        callflow_core::pbx::simulate::See,
        callflow_core::diagram::Diagram,
        callflow_client::VoiceClient,
        callflow_client::WebhookType,
        callflow_client::Session,
        callflow_client::YayClient,
        callflow_client::Settings,
        callflow_client::Preview,
    ],
    members: [
        callflow_client::Settings::DEFAULT,
        callflow_core::Report::is_valid,
        callflow_core::Report::issues,
        callflow_core::Report::errors,
        callflow_core::Report::warnings,
        callflow_core::Report::status_code,
        callflow_core::voice::Callflow::from_json::<str>,
        callflow_core::voice::Callflow::to_json,
        callflow_core::voice::Callflow::actions,
        callflow_core::voice::Callflow::builder,
        callflow_core::voice::Reply::from_json::<str>,
        callflow_core::voice::Reply::to_json,
        callflow_core::voice::Reply::builder,
        callflow_core::voice::Action::Hangup,
        callflow_core::voice::webhook::Receiver::receive::<str>,
        callflow_core::voice::webhook::Receiver::answer,
        callflow_runner::HttpBackend::emulate,
        callflow_runner::HttpBackend::explore,
        callflow_core::voice::emulator::Emulator::outbound::<str>,
        callflow_core::voice::emulator::Emulator::inbound,
        callflow_core::voice::emulator::Emulator::next_webhook,
        callflow_core::voice::emulator::Emulator::respond,
        callflow_core::voice::emulator::Emulator::transcript,
        callflow_core::voice::emulator::Explorer::next_call,
        callflow_core::voice::emulator::Explorer::record,
        callflow_core::voice::emulator::Transcript::to_text,
        callflow_core::voice::ivr::Ivr::from_json::<str>,
        callflow_core::voice::ivr::Ivr::request,
        callflow_core::voice::ivr::Ivr::reply,
        callflow_core::voice::ivr::Ivr::handler_names,
        callflow_core::pbx::CallFlow::from_json::<str>,
        callflow_core::pbx::CallFlow::to_json,
        callflow_core::pbx::CallFlow::check,
        callflow_core::pbx::Module::start("next"),
        callflow_core::pbx::Module::play("sound"),
        callflow_core::pbx::Module::press_extension,
        callflow_core::pbx::Module::voicemail(["100"]),
        callflow_core::pbx::Module::trunk("uuid"),
        callflow_client::VoiceClient::send_callflow,
        callflow_client::VoiceClient::speech_profiles,
        callflow_client::VoiceClient::webhooks,
        callflow_client::VoiceClient::set_webhook,
        callflow_client::VoiceClient::delete_webhook,
        callflow_client::VoiceClient::recordings,
        callflow_client::VoiceClient::numbers,
        callflow_client::VoiceClient::number,
        callflow_client::YayClient::list_flows,
        callflow_client::YayClient::get_flow,
        callflow_client::YayClient::create_flow,
        callflow_client::YayClient::update_flow,
        callflow_client::YayClient::modify_flow::<
            fn(callflow_core::pbx::CallFlow) -> std::future::Ready<Result<callflow_core::pbx::CallFlow, callflow_client::Error>>,
            std::future::Ready<Result<callflow_core::pbx::CallFlow, callflow_client::Error>>,
            callflow_client::Error,
        >,
        callflow_client::YayClient::delete_flow,
        callflow_client::YayClient::next_extension,
    ],
}

/// A path without its turbofish (`f::<str>`) or arguments (`f("x")`), as the table
/// writes it.
fn bare_path(path: &str) -> String {
    let end = path.find(['(', '<']).map_or(path.len(), |at| at);
    path[..end].trim_end_matches(':').to_owned()
}

/// The names in the Rust column of every table of `markdown`.
fn rust_column(markdown: &str) -> Vec<String> {
    const HEADER: &str = "| Concept | Rust | Python | Node | Note |";
    let mut names = Vec::new();
    let mut in_table = false;
    for line in markdown.lines() {
        if line.trim() == HEADER {
            in_table = true;
        } else if !line.starts_with('|') {
            in_table = false;
        } else if in_table && !line.starts_with("| ---") {
            let cell = line.trim_matches('|').split('|').nth(1).unwrap_or_default();
            names.extend(cell.split('`').skip(1).step_by(2).map(str::to_owned));
        }
    }
    names
}

fn table() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/API.md");
    std::fs::read_to_string(path).expect("docs/API.md")
}

#[test]
fn the_table_lists_each_rust_name_once() {
    let names = rust_column(&table());
    let unique: BTreeSet<_> = names.iter().collect();
    assert!(names.len() > 100, "only {} Rust names", names.len());
    assert_eq!(unique.len(), names.len(), "a Rust name is listed twice");
}

#[test]
fn the_names_here_are_the_tables() {
    let table: BTreeSet<String> = rust_column(&table()).into_iter().collect();
    let here = listed();
    let untested: Vec<_> = table.difference(&here).collect();
    let unlisted: Vec<_> = here.difference(&table).collect();
    assert!(
        untested.is_empty(),
        "in docs/API.md but not in this test: {untested:?}"
    );
    assert!(
        unlisted.is_empty(),
        "in this test but not in docs/API.md: {unlisted:?}"
    );
}

#[test]
fn a_row_the_list_lacks_is_caught() {
    let extra = "| Concept | Rust | Python | Node | Note |\n| --- | --- | --- | --- | --- |\n\
                 | Made up | `callflow_core::made_up` | — | — | |\n";
    let names = rust_column(extra);
    assert_eq!(names, ["callflow_core::made_up"]);
    assert!(!listed().contains(&names[0]));
}
