//! The `render` subcommand: read one document, draw it, write the diagram.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use callflow_core::diagram::{Diagram, Format};

use crate::cli::RenderArgs;
use crate::inputs::{self, Origin};

/// Exit status when the document is not a call flow.
const EXIT_NOT_A_FLOW: u8 = 1;
/// Exit status when the input cannot be read or the output written.
const EXIT_TROUBLE: u8 = 2;

/// Runs `callflow render` and returns its exit status.
pub(crate) fn run(args: &RenderArgs) -> ExitCode {
    let origin = if args.file.as_os_str() == "-" {
        Origin::Stdin
    } else {
        Origin::File(args.file.clone())
    };
    let document = match inputs::read(origin) {
        Ok(document) => document,
        Err(err) => {
            eprintln!("callflow: {err}");
            return ExitCode::from(EXIT_TROUBLE);
        }
    };
    let highlight = match args.highlight.as_deref().map(fs::read_to_string) {
        Some(Err(err)) => {
            let path = args.highlight.as_deref().unwrap_or(Path::new("-"));
            eprintln!("callflow: --highlight {}: {err}", path.display());
            return ExitCode::from(EXIT_TROUBLE);
        }
        Some(Ok(transcript)) => Some(transcript),
        None => None,
    };
    let drawn = match &highlight {
        Some(transcript) => Diagram::pbx_highlight(document.bytes.as_slice(), transcript),
        None => Diagram::from_json(document.bytes.as_slice()),
    };
    let diagram = match drawn {
        Ok(diagram) => diagram,
        Err(err) => {
            eprintln!("callflow: {}: {err}", document.origin.name());
            return ExitCode::from(EXIT_NOT_A_FLOW);
        }
    };
    let format = args
        .format
        .map(Format::from)
        .or_else(|| args.output.as_deref().and_then(format_of))
        .unwrap_or(Format::Mermaid);
    write_output(args.output.as_deref(), &diagram.render(format))
}

/// Writes `text` to `output`, or to standard output; exit status 2 when it cannot.
pub(crate) fn write_output(output: Option<&Path>, text: &str) -> ExitCode {
    let written = if let Some(path) = output {
        fs::write(path, text).map_err(|err| (path.display().to_string(), err))
    } else {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|err| ("standard output".to_owned(), err))
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err((_, err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_TROUBLE),
        Err((place, err)) => {
            eprintln!("callflow: cannot write {place}: {err}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// The format an output file's extension names: `.mmd`/`.mermaid`, `.dot`/`.gv`, `.svg`.
pub(crate) fn format_of(path: &Path) -> Option<Format> {
    match path.extension().and_then(OsStr::to_str)? {
        "mmd" | "mermaid" => Some(Format::Mermaid),
        "dot" | "gv" => Some(Format::Dot),
        "svg" => Some(Format::Svg),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_extension_picks_the_format() {
        assert_eq!(format_of(Path::new("a/flow.svg")), Some(Format::Svg));
        assert_eq!(format_of(Path::new("flow.gv")), Some(Format::Dot));
        assert_eq!(format_of(Path::new("flow.mmd")), Some(Format::Mermaid));
        assert_eq!(format_of(Path::new("flow.txt")), None);
        assert_eq!(format_of(Path::new("flow")), None);
    }
}
