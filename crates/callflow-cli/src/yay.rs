//! Yay.com call flows in `emulate` and `explore`: one simulated call, or every path,
//! through the core's `pbx::simulate`, with no backend.

use std::fs;
use std::path::Path;

use callflow_core::diagram::Diagram;
use callflow_core::pbx::CallFlow;
use callflow_core::pbx::simulate::{self, Call, Options, Outcome};
use callflow_core::voice::Input;

use crate::cli::{CallArgs, CallProfile, ExploreArgs, TranscriptFormat, YayCallArgs};
use crate::draw::format_of;
use crate::emulate::{Trouble, write_out};

/// Whether the document is to be taken as a Yay.com call flow.
pub(crate) fn chosen(profile: Option<CallProfile>, document: &[u8]) -> bool {
    match profile {
        Some(CallProfile::Yay) => true,
        Some(CallProfile::Voice) => false,
        Some(CallProfile::Auto) | None => document
            .to_tree()
            .is_ok_and(|tree| tree.get("flow").is_some()),
    }
}

/// Simulates the call the arguments describe and prints its transcript; `true` when it
/// had no error finding.
pub(crate) fn simulate(
    document: &[u8],
    call: &CallArgs,
    yay: &YayCallArgs,
) -> Result<bool, Trouble> {
    let voice_only = [
        ("--callee", call.callee.is_some()),
        ("--dialect", call.dialect.is_some()),
        ("--seed", call.seed.is_some()),
    ];
    if let Some((flag, _)) = voice_only.iter().find(|(_, given)| *given) {
        return Err(Trouble(format!(
            "{flag} is for 8x8 calls; a Yay.com call takes --caller, --internal, --press and --ring"
        )));
    }
    let flow = read(document)?;
    let mut script = Call::new().internal(yay.internal);
    if let Some(number) = &yay.caller {
        script = script.caller(number.clone());
    }
    script = call
        .press
        .iter()
        .fold(script, |script, keys| script.press(keys.clone()));
    if call.silence {
        script = script.silence();
    }
    if call.hangup {
        script = script.hangup();
    }
    script = yay.ring.iter().fold(script, |script, (key, outcome)| {
        script.ring(key.clone(), *outcome)
    });
    let transcript = simulate::simulate(&flow, &script, &Options::default());
    let text = match call.format {
        Some(TranscriptFormat::Json) => transcript.to_json() + "\n",
        Some(TranscriptFormat::Text) | None => transcript.to_text(),
    };
    write_out(&text)?;
    Ok(transcript.ok())
}

/// Walks every path of the flow, prints the coverage and findings, and draws the flow
/// with the unused edges dashed when `--map` asks; `true` with no error finding.
pub(crate) fn explore(document: &[u8], args: &ExploreArgs) -> Result<bool, Trouble> {
    let voice_only = [
        ("--dialect", args.dialect.is_some()),
        ("--max-depth", args.max_depth.is_some()),
        ("--save-scenarios", args.save_scenarios.is_some()),
    ];
    if let Some((flag, _)) = voice_only.iter().find(|(_, given)| *given) {
        return Err(Trouble(format!(
            "{flag} is for 8x8 IVRs, not Yay.com call flows"
        )));
    }
    let flow = read(document)?;
    let mut options = Options::default();
    if let Some(paths) = args.max_calls {
        options.max_paths = usize::try_from(paths).unwrap_or(usize::MAX);
    }
    let explored = simulate::explore(&flow, &Call::new(), &options);
    if let Some(path) = &args.map {
        let Some(format) = format_of(path) else {
            return Err(Trouble(format!(
                "--map {}: a Yay.com flow's coverage is drawn: name a .mmd, .dot or .svg file",
                path.display()
            )));
        };
        let diagram = Diagram::pbx_coverage(document, &explored)
            .map_err(|err| Trouble(format!("--map: {err}")))?;
        write_file(path, &diagram.render(format))?;
    }
    let text = match args.format {
        Some(TranscriptFormat::Json) => explored.to_json() + "\n",
        Some(TranscriptFormat::Text) | None => explored.to_text(),
    };
    write_out(&text)?;
    Ok(explored.ok)
}

/// The call flow, or why it cannot be simulated (its structural errors).
fn read(document: &[u8]) -> Result<CallFlow, Trouble> {
    CallFlow::from_json(document).map_err(|err| Trouble(format!("not a Yay.com call flow: {err}")))
}

/// Writes `text` to `path`.
fn write_file(path: &Path, text: &str) -> Result<(), Trouble> {
    fs::write(path, text).map_err(|err| Trouble(format!("{}: {err}", path.display())))
}

/// Parses `--ring KEY=OUTCOME`.
pub(crate) fn ring(text: &str) -> Result<(String, Outcome), String> {
    let (key, outcome) = text
        .split_once('=')
        .filter(|(key, _)| !key.is_empty())
        .ok_or_else(|| "expected KEY=OUTCOME, such as sales=busy".to_owned())?;
    Ok((key.to_owned(), outcome.parse::<Outcome>()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_are_read() {
        assert_eq!(ring("pete=busy"), Ok(("pete".to_owned(), Outcome::Busy)));
        assert!(ring("pete").is_err() && ring("=busy").is_err());
        assert!(ring("pete=asleep").is_err());
    }

    #[test]
    fn auto_takes_a_document_with_flow_as_yay() {
        assert!(chosen(None, br#"{"flow": {}}"#));
        assert!(!chosen(None, br#"{"callflow": []}"#));
        assert!(!chosen(Some(CallProfile::Voice), br#"{"flow": {}}"#));
        assert!(chosen(Some(CallProfile::Yay), b"not json"));
    }
}
