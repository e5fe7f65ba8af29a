//! The `explore` subcommand: maps the user's webhook backend's whole IVR with the
//! core's explorer, over HTTP with `callflow-runner`.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use callflow_core::diagram::Diagram;
use callflow_core::voice::emulator::{
    Exploration, ExploreDialect, ExploreOptions, Explorer, Options,
};

use crate::cli::{ExploreArgs, ExploreDialectChoice, TranscriptFormat};
use crate::draw::format_of;
use crate::emulate::{self, Start, Trouble, exit_code, write_out};
use crate::yay;

/// Runs `callflow explore` and returns its exit status.
pub(crate) fn run(args: &ExploreArgs) -> ExitCode {
    exit_code(explore(args))
}

/// Explores, prints the result, writes the map and scenarios; `true` with no error
/// finding.
fn explore(args: &ExploreArgs) -> Result<bool, Trouble> {
    let start = emulate::start(args.request.as_deref(), &args.inbound)?;
    if let Start::Request(document) = &start
        && yay::chosen(args.profile, document)
    {
        return yay::explore(document, args);
    }
    let backend = emulate::backend(&args.backend)?;
    let (backend, options) = emulate::prepare(&args.backend, &backend, Options::default());
    let mut settings = ExploreOptions::default();
    settings.max_calls = args.max_calls.unwrap_or(settings.max_calls);
    settings.max_depth = args.max_depth.unwrap_or(settings.max_depth);
    settings.dialect = args.dialect.map(|choice| match choice {
        ExploreDialectChoice::Current => ExploreDialect::Current,
        ExploreDialectChoice::Legacy => ExploreDialect::Legacy,
        ExploreDialectChoice::Both => ExploreDialect::Both,
    });
    let explorer = match start {
        Start::Request(request) => Explorer::outbound(request.as_slice(), options, settings)
            .map_err(|err| Trouble(format!("REQUEST: {err}")))?,
        Start::Inbound(from, to) => Explorer::inbound(from, to, options, settings),
    };
    let found = backend.explore_blocking(explorer);
    if let Some(path) = &args.map {
        write_map(path, &found)?;
    }
    if let Some(folder) = &args.save_scenarios {
        save_scenarios(folder, &found)?;
    }
    let text = match args.format {
        Some(TranscriptFormat::Json) => found.to_json() + "\n",
        Some(TranscriptFormat::Text) | None => found.to_text(),
    };
    write_out(&text)?;
    Ok(found.ok)
}

/// Writes the IVR map found: as JSON, or drawn when the extension names a diagram.
fn write_map(path: &Path, found: &Exploration) -> Result<(), Trouble> {
    let text = match format_of(path) {
        Some(format) => Diagram::from_json(&found.map)
            .map_err(|err| Trouble(format!("--map: {err}")))?
            .render(format),
        None => serde_json::to_string_pretty(&found.map).unwrap_or_default() + "\n",
    };
    fs::write(path, text).map_err(|err| Trouble(format!("--map {}: {err}", path.display())))
}

/// Writes one scenario file per finding into `folder`.
fn save_scenarios(folder: &Path, found: &Exploration) -> Result<(), Trouble> {
    let trouble =
        |err: std::io::Error| Trouble(format!("--save-scenarios {}: {err}", folder.display()));
    fs::create_dir_all(folder).map_err(trouble)?;
    for (name, scenario) in found.scenarios() {
        let text = serde_json::to_string_pretty(&scenario).unwrap_or_default() + "\n";
        fs::write(folder.join(name), text).map_err(trouble)?;
    }
    Ok(())
}
